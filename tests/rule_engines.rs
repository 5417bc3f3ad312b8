//! **Every rule id runs in exactly one engine** (issue #21).
//!
//! Each engine owns one family of rule ids, the first segment of the machine name (the families
//! `docs/rules.md` is grouped by): [`classify_us`] the `us.` rules, [`assess_quality`] the
//! `quality.` rules, [`classify_eu`] the `eu.` rules, [`classify_jp`] the `jp.` rules and
//! [`evaluate_offer`] the `offer.` rules. An engine that answers for another's rule (an offer
//! quoting the quality engine's finding under the quality id, say) would have two places that
//! decide one rule, and the two could drift apart; this test fails on it.
//!
//! The one shared rule is `law.knowledge_horizon` ([`SHARED`]): every engine takes an evaluation
//! date, and every engine must say when that date lies after the crate's knowledge, so every
//! engine emits it, from the one function `law::horizon_finding`.
//!
//! The documents: every bundled sample, every real record, the product of every offer, every
//! offer moved to each [`Jurisdiction`], and a
//! fixed set of generated product documents (the fail-closed generator, deterministic seed), each
//! on the knowledge horizon and on a later date. Every rule id must be emitted by its engine on
//! some document, or be listed in [`NOT_EMITTED`] with the reason.
#![cfg(feature = "json")]

mod common;

use jiff::civil::{Date, date};
use msc_therapy::catalog::CatalogKey;
use msc_therapy::catalog::Jurisdiction;
use msc_therapy::engine::quality::QualityPolicy;
use msc_therapy::finding::KNOWLEDGE_HORIZON;
use msc_therapy::finding::Reason;
use msc_therapy::{
    ClinicOffer, Product, Report, RuleId, assess_quality, classify_eu, classify_jp,
    classify_jp_authorised, classify_us, evaluate_offer,
};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::PathBuf;

/// The engines, each with the family (machine-name prefix) of the rules it owns.
const ENGINES: &[(&str, &str)] = &[
    ("classify_us", "us."),
    ("assess_quality", "quality."),
    ("classify_eu", "eu."),
    ("classify_jp", "jp."),
    ("evaluate_offer", "offer."),
];

/// Rules every engine emits: (rule, why it is shared).
const SHARED: &[(RuleId, &str)] = &[(
    RuleId::LawKnowledgeHorizon,
    "every engine takes an evaluation date and says, from the one function \
     law::horizon_finding, when it lies after the crate's knowledge",
)];

/// Rules no document of this test makes an engine emit: (rule, why). Empty: every rule is
/// reached.
const NOT_EMITTED: &[(RuleId, &str)] = &[];

/// Dates each document is evaluated on: the horizon, and a later day (the horizon rule).
const DATES: [Date; 2] = [KNOWLEDGE_HORIZON, date(2028, 1, 1)];

/// How many generated product documents are added to the bundled ones.
const GENERATED: usize = 300;

fn documents() -> (Vec<Product>, Vec<ClinicOffer>) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (mut products, mut offers) = (Vec::new(), Vec::new());
    for folder in [
        "examples/data/products",
        "examples/data/offers",
        "tests/data/real_records",
    ] {
        for entry in fs::read_dir(root.join(folder)).expect("the folder") {
            let path = entry.expect("an entry").path();
            if path.extension().is_none_or(|ext| ext != "json") {
                continue;
            }
            let json = fs::read_to_string(&path).expect("the document");
            if let Ok(product) = Product::from_json(&json) {
                products.push(product);
            } else {
                let offer = ClinicOffer::from_json(&json)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                products.push(offer.product.clone());
                offers.push(offer);
                // The same offer in every jurisdiction, so that each pathway rule is reached.
                let mut value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
                for jurisdiction in Jurisdiction::iter() {
                    value["jurisdiction"] = jurisdiction.code().into();
                    offers.push(
                        ClinicOffer::from_json(&value.to_string()).expect("the offer, moved"),
                    );
                }
            }
        }
    }
    let mut runner = TestRunner::deterministic();
    let strategy = common::product_document();
    for _ in 0..GENERATED {
        let doc = strategy
            .new_tree(&mut runner)
            .expect("a document")
            .current();
        products.push(common::parse(&doc));
    }
    (products, offers)
}

/// The rule ids each engine emitted over every document and date.
fn emitted() -> BTreeMap<&'static str, BTreeSet<RuleId>> {
    let (products, offers) = documents();
    let policy = QualityPolicy::default();
    let mut by_engine: BTreeMap<&'static str, BTreeSet<RuleId>> = BTreeMap::new();
    let mut record = |engine: &'static str, report: &dyn Report| {
        by_engine
            .entry(engine)
            .or_default()
            .extend(report.findings().map(|finding| finding.rule));
    };
    for on in DATES {
        for product in &products {
            record("classify_us", &classify_us(product, on));
            record("assess_quality", &assess_quality(product, &policy, on));
            record("classify_eu", &classify_eu(product, on));
            record("classify_jp", &classify_jp(product, on));
        }
        for offer in &offers {
            record("evaluate_offer", &evaluate_offer(offer, on));
        }
    }
    by_engine
}

fn is_shared(rule: RuleId) -> bool {
    SHARED.iter().any(|&(shared, _)| shared == rule)
}

#[test]
fn each_engine_emits_only_the_rules_of_its_family_and_every_rule_is_emitted() {
    let by_engine = emitted();
    let mut failures = Vec::new();

    // Each engine: only its own family, and the shared rules.
    for &(engine, family) in ENGINES {
        let rules = by_engine.get(engine).cloned().unwrap_or_default();
        for rule in &rules {
            if !rule.code().starts_with(family) && !is_shared(*rule) {
                failures.push(format!("{engine} emits {rule}, a rule outside `{family}`"));
            }
        }
        // The shared rules come from every engine.
        for &(shared, _) in SHARED {
            if !rules.contains(&shared) {
                failures.push(format!("{engine} never emits the shared rule {shared}"));
            }
        }
    }

    // Disjoint: no rule but a shared one from two engines.
    let mut owners: BTreeMap<RuleId, Vec<&str>> = BTreeMap::new();
    for (engine, rules) in &by_engine {
        for rule in rules {
            owners.entry(*rule).or_default().push(engine);
        }
    }
    for (rule, engines) in &owners {
        if engines.len() > 1 && !is_shared(*rule) {
            failures.push(format!("{rule} is emitted by several engines: {engines:?}"));
        }
    }

    // Every rule: emitted by its engine, or listed as not emitted with a reason.
    for rule in RuleId::iter() {
        let listed = NOT_EMITTED.iter().any(|&(r, _)| r == rule);
        match (owners.contains_key(&rule), listed) {
            (false, false) => failures.push(format!(
                "{rule} is emitted by no engine on any document (add a document that reaches it, \
                 or list it in NOT_EMITTED with the reason)"
            )),
            (true, true) => failures.push(format!(
                "{rule} is listed in NOT_EMITTED but an engine emits it"
            )),
            _ => {}
        }
        // Every rule belongs to exactly one family, or is shared.
        let families = ENGINES
            .iter()
            .filter(|(_, family)| rule.code().starts_with(family))
            .count();
        if families != 1 && !is_shared(rule) {
            failures.push(format!("{rule} belongs to {families} engine families"));
        }
    }

    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_shared_and_unreached_lists_give_reasons() {
    for (rule, reason) in SHARED.iter().chain(NOT_EMITTED) {
        assert!(reason.len() > 20, "{rule}: the reason is too short");
    }
}

/// Reason codes no document of this test reaches: (code, why). Each must say why no document
/// can reach it here; a reason no rule can give any more is deleted from its table instead.
const REASONS_NOT_REACHED: &[(&str, &str)] = &[];

/// Products written for the branches the samples and their variants do not reach: each with
/// the reason codes it is written for and the situation.
const TARGETED_PRODUCTS: &[&str] = &[
    // U042, U002: fat moved in one operation, only rinsed: the exception is met, and the
    // 1271.10(a) criteria are not reached. E019, E020 (the Directive's exclusion), E037 (the
    // SoHO Regulation, from 7 Aug 2027); O114 as the product of an EU offer.
    r#"{"name": "Autologous fat graft", "preparation": "fat_graft", "tissue": "adipose_tissue",
        "donor": "autologous", "supply": "point_of_care",
        "processing": {"steps": ["rinsing"], "added_articles": [], "same_surgical_procedure": true},
        "intended_use": {"functions": ["cushioning"], "indications": ["soft_tissue_defect"]},
        "delivery": {"route": "subcutaneous"}}"#,
    // E024: the same graft, put back at a later operation; O106 as the product of a US offer
    // (minimally manipulated fat for a homologous use, outside the exception: a 361 HCT/P).
    r#"{"name": "Autologous fat graft, later operation", "preparation": "fat_graft",
        "tissue": "adipose_tissue", "donor": "autologous", "supply": "point_of_care",
        "processing": {"steps": ["rinsing"], "added_articles": [], "same_surgical_procedure": false},
        "intended_use": {"functions": ["cushioning"], "indications": ["soft_tissue_defect"]},
        "delivery": {"route": "subcutaneous"}}"#,
    // U031: donor marrow, not manipulated or combined, given to form blood (1271.3(d)(4)).
    r#"{"name": "Marrow aspirate", "preparation": "bone_marrow_aspirate", "tissue": "bone_marrow",
        "donor": "allogeneic_unrelated",
        "processing": {"steps": [], "added_articles": []},
        "intended_use": {"functions": ["hematopoiesis"], "indications": ["hematopoietic_reconstitution"],
                         "systemic_effect": true},
        "delivery": {"route": "intravenous"}}"#,
    // U030: amniotic fluid itself, no cells isolated (1271.3(d)(3)).
    r#"{"name": "Amniotic fluid", "preparation": "secreted_fluid", "tissue": "amniotic_fluid",
        "donor": "allogeneic_unrelated", "delivery": {"route": "intra_articular"}}"#,
    // U029: "a secreted fluid" whose steps isolate cells: the record contradicts itself.
    r#"{"name": "Amniotic fluid cells", "preparation": "secreted_fluid", "tissue": "amniotic_fluid",
        "donor": "allogeneic_unrelated", "processing": {"steps": ["cell_isolation"]},
        "delivery": {"route": "intra_articular"}}"#,
    // E007: genetically modified cells whose effect rests on the recombinant sequence (a GTMP).
    r#"{"name": "Transgenic marrow MSCs", "preparation": "culture_expanded_msc", "tissue": "bone_marrow",
        "donor": "allogeneic_unrelated",
        "processing": {"steps": ["culture_expansion", "genetic_modification"],
                       "effect_from_recombinant_nucleic_acid": true},
        "intended_use": {"functions": ["immunomodulation"], "indications": ["graft_versus_host_disease"]}}"#,
    // Q002: a certificate of analysis, and the statement that none was issued. Q035 (on a date
    // before 25 May 2005) and J002 (before any Japanese approval) on the earlier dates.
    r#"{"name": "Donor marrow MSCs", "preparation": "culture_expanded_msc", "tissue": "bone_marrow",
        "donor": "allogeneic_unrelated", "supply": "off_the_shelf",
        "processing": {"steps": ["culture_expansion"]},
        "release": {"lot": "L-1", "certificate_issued": false,
                    "certificate": {"lot": "L-1", "issued_on": "2026-09-01", "expires_on": "2027-09-01"}}}"#,
    // Q009: a certificate that expires before the day it was issued.
    r#"{"name": "Donor marrow MSCs", "preparation": "culture_expanded_msc", "tissue": "bone_marrow",
        "donor": "allogeneic_unrelated", "supply": "off_the_shelf",
        "processing": {"steps": ["culture_expansion"]},
        "release": {"lot": "L-1",
                    "certificate": {"lot": "L-1", "issued_on": "2027-09-01", "expires_on": "2026-09-01"}}}"#,
    // J016: exosomes, before the ASRM amendment (in force 31 May 2025) on the earlier dates.
    r#"{"name": "MSC exosomes", "preparation": "extracellular_vesicles", "tissue": "umbilical_cord_tissue",
        "donor": "allogeneic_unrelated", "processing": {"steps": ["culture_expansion"]}}"#,
];

/// Offers written for the branches the samples and their variants do not reach, as
/// [`TARGETED_PRODUCTS`].
const TARGETED_OFFERS: &[&str] = &[
    // O065, O005: an independent test counts fewer than a million live cells where the clinic
    // states forty million of the patient's own.
    r#"{"jurisdiction": "united_states", "indication": "knee_osteoarthritis",
        "product": {"name": "Own-fat cells", "tissue": "adipose_tissue", "donor": "autologous"},
        "disclosures": {"live_nucleated_cells": 40000000},
        "content_tests": [{"tested_by": "An independent laboratory", "live_nucleated_cells": 500000}]}"#,
    // O066: the test counts ten million, under half the forty million stated.
    r#"{"jurisdiction": "united_states", "indication": "knee_osteoarthritis",
        "product": {"name": "Own-fat cells", "tissue": "adipose_tissue", "donor": "autologous"},
        "disclosures": {"live_nucleated_cells": 40000000},
        "content_tests": [{"tested_by": "An independent laboratory", "live_nucleated_cells": 10000000}]}"#,
    // O074: an authorisation number the catalog does not hold.
    r#"{"jurisdiction": "united_states", "indication": "knee_osteoarthritis",
        "authorisation": {"authorisation_number": "XYZ-0001"},
        "product": {"name": "A stem cell shot"}}"#,
    // O079: Stemirac as its approval says, while its full approval is pending.
    r#"{"jurisdiction": "japan", "indication": "spinal_cord_injury",
        "authorisation": {"catalog_key": "stemirac_jp"},
        "product": {"name": "Stemirac", "preparation": "culture_expanded_msc", "tissue": "bone_marrow",
                    "donor": "autologous", "delivery": {"route": "intravenous"}}}"#,
    // O121: TEMCELL, in force in Japan, offered for another condition.
    r#"{"jurisdiction": "japan", "indication": "knee_osteoarthritis",
        "authorisation": {"catalog_key": "temcell_jp"},
        "product": {"name": "TEMCELL", "preparation": "culture_expanded_msc", "tissue": "bone_marrow",
                    "donor": "allogeneic_unrelated", "delivery": {"route": "intravenous"}}}"#,
    // O108: Alofisel, in force in the EU before its withdrawal (the earlier dates), offered for
    // another condition.
    r#"{"jurisdiction": "european_union", "indication": "knee_osteoarthritis",
        "authorisation": {"catalog_key": "alofisel_eu"},
        "product": {"name": "Alofisel", "preparation": "culture_expanded_msc", "tissue": "adipose_tissue",
                    "donor": "allogeneic_unrelated", "delivery": {"route": "intralesional"}},
        "patient": {"age": {"value": 40, "unit": "years"}, "standard_treatments_tried": true}}"#,
    // O080: a claim of superiority, citing a completed positive Phase III trial of the condition.
    r#"{"jurisdiction": "united_states", "indication": "graft_versus_host_disease",
        "product": {"name": "Donor marrow MSCs"},
        "claims": [{"kind": "superior_to_standard_care", "indications": []}],
        "evidence": [{"nct_id": "NCT02336230", "phases": ["PHASE3"], "status": "COMPLETED",
                      "indication": "graft_versus_host_disease", "result": "positive"}]}"#,
    // O088: paying to take part in a US study the clinic says runs under an IND.
    r#"{"jurisdiction": "united_states", "indication": "knee_osteoarthritis",
        "product": {"name": "Study cells"},
        "disclosures": {"ind_number": "IND 012345"}, "marketing": {"pay_to_participate": true}}"#,
];

/// Days before the horizon the targeted documents are also evaluated on: before 25 May 2005
/// (21 CFR 1271 subpart C) and before any Japanese approval; 1 Jan 2024, before the ASRM
/// amendment, Akuugo's approval and Alofisel's EU withdrawal.
const EARLIER: [Date; 2] = [date(2005, 1, 1), date(2024, 1, 1)];

/// The reason codes given over every document and date, by every engine (the offer's own
/// findings and the product engines' findings it carries).
fn reasons_given() -> BTreeSet<&'static str> {
    let (mut products, mut offers) = documents();
    // The prober's situations (each kind of product the fail-closed properties probe), alone
    // and as the product of every bundled offer.
    let mut runner = TestRunner::deterministic();
    let offer_values: Vec<serde_json::Value> = written_documents()
        .into_iter()
        .filter(|(_, is_offer)| *is_offer)
        .map(|(json, _)| json)
        .collect();
    for (_, strategy) in common::prober_situations() {
        for _ in 0..8 {
            let doc = strategy
                .new_tree(&mut runner)
                .expect("a document")
                .current();
            products.extend(Product::from_json(&doc.to_string()).ok());
            for offer in &offer_values {
                let mut offer = offer.clone();
                offer["product"] = doc.clone();
                offers.extend(ClinicOffer::from_json(&offer.to_string()).ok());
            }
        }
    }
    // Each written document also with one key deleted, and with one true/false fact flipped:
    // the reasons for facts not stated, and for the other answer.
    for (json, is_offer) in written_documents() {
        for variant in variants(&json) {
            let text = variant.to_string();
            if is_offer {
                offers.extend(ClinicOffer::from_json(&text).ok());
            } else {
                products.extend(Product::from_json(&text).ok());
            }
        }
    }
    let mut given = BTreeSet::new();
    record_reasons(&products, &offers, &DATES, &mut given);
    let (products, offers) = targeted();
    record_reasons(&products, &offers, &DATES, &mut given);
    record_reasons(&products, &offers, &EARLIER, &mut given);
    given
}

/// The targeted documents: [`TARGETED_PRODUCTS`], each also as the product of an offer in the
/// US and in the EU (the pathway reasons: O106, a US 361 HCT/P; O114, an EU product that is
/// not an ATMP), and [`TARGETED_OFFERS`].
fn targeted() -> (Vec<Product>, Vec<ClinicOffer>) {
    let mut products = Vec::new();
    let mut offers = Vec::new();
    for json in TARGETED_PRODUCTS {
        let product: serde_json::Value = serde_json::from_str(json).expect("JSON");
        products.push(Product::from_json(json).unwrap_or_else(|e| panic!("{json}: {e}")));
        for jurisdiction in [Jurisdiction::UnitedStates, Jurisdiction::EuropeanUnion] {
            let offer = serde_json::json!({
                "jurisdiction": jurisdiction.code(),
                "indication": "knee_osteoarthritis",
                "product": product,
            });
            offers.push(ClinicOffer::from_json(&offer.to_string()).expect("the offer"));
        }
    }
    for json in TARGETED_OFFERS {
        offers.push(ClinicOffer::from_json(json).unwrap_or_else(|e| panic!("{json}: {e}")));
    }
    (products, offers)
}

/// Adds to `given` the reason codes every engine gives for `products` and `offers` on `dates`
/// (the offer's own findings and the product engines' findings it carries).
fn record_reasons(
    products: &[Product],
    offers: &[ClinicOffer],
    dates: &[Date],
    given: &mut BTreeSet<&'static str>,
) {
    let policy = QualityPolicy::default();
    let mut record = |report: &dyn Report| {
        given.extend(report.findings().filter_map(|f| f.reason.map(|r| r.code())));
    };
    for &on in dates {
        for product in products {
            record(&classify_us(product, on));
            record(&assess_quality(product, &policy, on));
            record(&classify_eu(product, on));
            record(&classify_jp(product, on));
            for key in CatalogKey::iter() {
                record(&classify_jp_authorised(product, key, on));
            }
        }
        for offer in offers {
            let evaluation = evaluate_offer(offer, on);
            record(&evaluation);
            for report in [
                evaluation.us.as_ref().map(|r| r as &dyn Report),
                evaluation.eu.as_ref().map(|r| r as &dyn Report),
                evaluation.jp.as_ref().map(|r| r as &dyn Report),
                Some(&evaluation.quality as &dyn Report),
            ]
            .into_iter()
            .flatten()
            {
                record(report);
            }
        }
    }
}

/// **Every reason code is well formed, unique, in the table of its engine's letter, and given
/// by some document**: a row no rule can give is a sentence the compact form could never name,
/// and a duplicate code would name two sentences.
#[test]
fn every_reason_code_is_unique_well_formed_and_reached() {
    let mut codes = BTreeSet::new();
    let mut texts = BTreeSet::new();
    for reason in Reason::all() {
        let code = reason.code();
        assert!(
            code.len() == 4
                && "UQEJOHDL".contains(&code[..1])
                && code[1..].bytes().all(|b| b.is_ascii_digit()),
            "{code}: a letter for the engine and three digits"
        );
        assert!(codes.insert(code), "{code} is given twice");
        assert!(
            texts.insert((&code[..1], reason.text())),
            "{code}: the same sentence is already a row of this table"
        );
        assert_eq!(Reason::from_code(code), Some(reason));
        assert!(!reason.text().is_empty(), "{code} has no sentence");
    }
    let given = reasons_given();
    let not_reached: Vec<&str> = codes
        .iter()
        .copied()
        .filter(|code| !given.contains(code))
        .filter(|code| !REASONS_NOT_REACHED.iter().any(|(c, _)| c == code))
        .collect();
    assert!(
        not_reached.is_empty(),
        "{} reason codes no document reaches: {not_reached:?}",
        not_reached.len()
    );
    for (code, why) in REASONS_NOT_REACHED {
        assert!(
            !given.contains(code),
            "{code} is reached now: take it off the list"
        );
        assert!(!why.is_empty());
    }
}

/// The bundled samples and real records as JSON values, each with whether it is an offer.
fn written_documents() -> Vec<(serde_json::Value, bool)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for folder in [
        "examples/data/products",
        "examples/data/offers",
        "tests/data/real_records",
    ] {
        for entry in fs::read_dir(root.join(folder)).expect("the folder") {
            let path = entry.expect("an entry").path();
            if path.extension().is_none_or(|ext| ext != "json") {
                continue;
            }
            let json = fs::read_to_string(&path).expect("the document");
            let is_offer = Product::from_json(&json).is_err();
            out.push((serde_json::from_str(&json).expect("JSON"), is_offer));
        }
    }
    out
}

/// Every vocabulary's codes, from `vocabulary_json`.
fn vocabularies() -> Vec<Vec<String>> {
    let vocabulary = msc_therapy::interop::vocabulary_json();
    vocabulary["vocabularies"]
        .as_object()
        .expect("vocabularies")
        .values()
        .map(|v| {
            v["terms"]
                .as_array()
                .expect("terms")
                .iter()
                .filter_map(|t| t["code"].as_str().map(str::to_owned))
                .collect()
        })
        .collect()
}

/// Every JSON pointer to a leaf (a string, number or `true`/`false`) of `doc`.
fn leaves(doc: &serde_json::Value, at: &str, out: &mut Vec<String>) {
    match doc {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                leaves(v, &format!("{at}/{k}"), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, &format!("{at}/{i}"), out);
            }
        }
        serde_json::Value::Null => {}
        serde_json::Value::Bool(_)
        | serde_json::Value::Number(_)
        | serde_json::Value::String(_) => {
            out.push(at.to_owned());
        }
    }
}

/// `doc` with each key deleted in turn; each `true`/`false` flipped; each vocabulary code
/// replaced by every other code of its vocabulary; each number scaled.
fn variants(doc: &serde_json::Value) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let vocabularies = vocabularies();
    let mut pointers = Vec::new();
    leaves(doc, "", &mut pointers);
    for pointer in pointers {
        let leaf = doc.pointer(&pointer).expect("a leaf").clone();
        let mut replaced = |value: serde_json::Value| {
            let mut copy = doc.clone();
            *copy.pointer_mut(&pointer).expect("a leaf") = value;
            out.push(copy);
        };
        if let Some(code) = leaf.as_str() {
            for codes in vocabularies
                .iter()
                .filter(|codes| codes.iter().any(|c| c == code))
            {
                for other in codes.iter().filter(|c| *c != code) {
                    replaced(other.as_str().into());
                }
            }
        } else if let Some(number) = leaf.as_f64() {
            for factor in [0.0, 0.01, 0.5, 2.0, 100.0] {
                replaced((number * factor).into());
            }
        }
    }
    // Facts the written documents seldom state: a release test not performed (with and
    // without its result), a result pending; for an offer, each kind of permission.
    let product = if doc.get("product").is_some() {
        "/product"
    } else {
        ""
    };
    let mut with = |pointer: &str, key: &str, value: serde_json::Value| {
        let mut copy = doc.clone();
        if let Some(object) = copy.pointer_mut(pointer).and_then(|v| v.as_object_mut()) {
            object.insert(key.to_owned(), value);
            out.push(copy);
        }
    };
    let release = format!("{product}/release");
    for test in ["sterility", "mycoplasma", "endotoxin"] {
        for reason in [
            "not_required_point_of_care",
            "insufficient_material",
            "other",
        ] {
            with(
                &release,
                "not_performed",
                serde_json::json!({ test: reason }),
            );
        }
    }
    for test in ["sterility", "mycoplasma"] {
        with(&release, test, "pending".into());
    }
    if !product.is_empty() {
        for kind in [
            "hospital_exemption",
            "national_authorisation",
            "asrm_provision_plan",
        ] {
            for permission in [
                serde_json::json!({"kind": kind}),
                serde_json::json!({"kind": kind, "obtained": true, "reference": "A-1"}),
                // Obtained, with no reference given.
                serde_json::json!({"kind": kind, "obtained": true}),
                serde_json::json!({"kind": kind, "obtained": false}),
            ] {
                for jurisdiction in Jurisdiction::iter() {
                    let mut copy = doc.clone();
                    copy["permission"] = permission.clone();
                    copy["jurisdiction"] = jurisdiction.code().into();
                    out.push(copy);
                }
            }
        }
    }
    for path in common::key_paths(doc) {
        out.push(common::without(doc, &path));
        let pointer: String = path
            .iter()
            .map(|seg| match seg {
                common::Seg::Key(k) => format!("/{k}"),
                common::Seg::Index(i) => format!("/{i}"),
            })
            .collect();
        if let Some(flag) = doc.pointer(&pointer).and_then(serde_json::Value::as_bool) {
            let mut flipped = doc.clone();
            if let Some(value) = flipped.pointer_mut(&pointer) {
                *value = (!flag).into();
            }
            out.push(flipped);
        }
    }
    out
}
