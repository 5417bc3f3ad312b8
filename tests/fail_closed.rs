//! **Fail-closed properties of the US classification and the quality verdict**, on generated
//! JSON documents (issue #18, items 2 and 5).
//!
//! # The rule
//!
//! Adding a worse fact never moves a verdict toward the favourable end of its order. Deleting a
//! key never does either, except the deletions the table `common::EXCEPTIONS` lists by key
//! (`tests/common/orders.rs`), each with its reason:
//!
//! - (i) a **specification** — back to the law's default (`release.endotoxin_limit_eu_per_ml`:
//!   absent, USP <85>'s K/M applies; `release.passage_limit`,
//!   `release.population_doubling_limit`);
//! - (ii) **evidence the law does not require for that product** — back to the verdict of a
//!   record that never stated it, which for the quality verdict is at most `pass_with_warnings`
//!   (`release.sterility`, `release.endotoxin_eu_per_ml`, `release.mycoplasma`,
//!   `release.certificate` of a same-day bedside autologous preparation: `donor: autologous`,
//!   `supply: point_of_care`, steps stated without culture expansion or cryopreservation, not
//!   released cryopreserved, same surgical procedure or `fresh`);
//! - (iii) a **statement that can only count against the product**
//!   (`release.certificate_issued: false`; the manufacturing facts that concern the
//!   establishment's process, in their failing value: `aseptic_process_validated: false`,
//!   `research_grade_reagents_used: true`, `sterility_failures_investigated: false`,
//!   `expiry_supported_by_stability_data: false`, `distributed_before_release_results: true`,
//!   and the `manufacturing` record that holds one);
//! - (iv) **one of two contradictory statements**, only when the engine's report before the
//!   deletion holds a finding whose `contradicts` fact names the deleted key (or a key inside it,
//!   or one it lies in): a stated site vs a local route, `fresh` vs a cryopreservation step or a
//!   post-thaw viability (or that viability's `post_thaw` timing), a stated viable count vs total × viability, a secreted fluid vs steps
//!   that isolate cells, a certificate vs `certificate_issued: false`, a certificate's lot vs the
//!   product's lot.
//!
//! # The orders (least to most favourable to the product)
//!
//! - US ([`common::us_rank`]): `section_351_product` = `undetermined` (0) < `section_361_hctp`
//!   (1) < `excepted_same_surgical_procedure` = `not_an_hctp` (2) — at rank 2 Part 1271 does
//!   not apply either way (which says nothing about approval).
//! - Quality, for deletions and for worse facts that make the record contradict itself
//!   ([`common::quality_rank`]): `fail` = `undetermined` (0) < `pass_with_warnings` (1) < `pass`
//!   (2) — deleting the figure that failed leaves a lot unproven, which is no better. For a
//!   worse measurement, [`msc_therapy::engine::quality::QualityVerdict`]'s total `Ord`: `fail` < `undetermined` <
//!   `pass_with_warnings` < `pass`.
//!
//! # The properties, for every generated valid product document
//!
//! The documents come from `common::prober_document`: the shared generator, and the same
//! documents carrying the outside prober's situations (stated sites against local routes,
//! `fresh` with a cryopreservation step, certificates with and without dates and
//! `certificate_issued`, stated viable counts beside total × viability, amniotic fluid whose
//! cells were isolated, bedside autologous records without sterility or endotoxin results).
//!
//! 1. deleting any one key, at any depth (inside arrays too), never moves the US outcome or the
//!    quality verdict up its order unless a row of the table excuses it (documents that no
//!    longer parse — a required key removed — are skipped: refused is fail-closed too);
//! 2. adding a step FDA calls more than minimal for every tissue, an article 21 CFR
//!    1271.10(a)(3) does not allow, or an indication whose implied functions no source tissue
//!    performs never moves the US outcome up;
//! 3. worsening any measured release value never moves the quality verdict up;
//! 4. stating a certificate for another lot, an expired certificate, `certificate_issued:
//!    false`, or a cryopreservation step never moves the quality verdict up.
//!
//! The outside prober's moves are kept too, each as its own named test on one document (below
//! the properties), so that a regression names the move.
//!
//! The case count is `PROPTEST_CASES` (default `common::DEFAULT_CASES`). By hand, at 100 000
//! cases (all three fail-closed files):
//!
//! ```text
//! PROPTEST_CASES=100000 cargo test --release --all-features --test fail_closed --test fail_closed_eu_jp --test fail_closed_offer
//! ```

mod common;

use common::{
    MORE_THAN_MINIMAL_STEPS, OTHER_ARTICLES, bound_after, config, contradicted, deletions,
    non_homologous_indications, parse, prober_document, prober_situations, product_exception,
    quality_rank, us_rank, worsen_with_article, worsen_with_indication, worsen_with_step,
    worsened_measurements,
};
use msc_therapy::engine::quality::{QualityPolicy, QualityVerdict};
use msc_therapy::{assess_quality, classify_us};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Every deletion of `doc`: a move up either order must be excused by a row of the table
/// (and stay within that row's bound).
fn check_deletions(doc: &Value) -> Result<(), TestCaseError> {
    let policy = QualityPolicy::default();
    let product = parse(doc);
    let us = classify_us(&product, ON);
    let quality = assess_quality(&product, &policy, ON);
    let us_contradicted = contradicted(&us.findings);
    let quality_contradicted = contradicted(&quality.findings);
    for (path, smaller) in deletions(doc) {
        let us_after = classify_us(&smaller, ON).classification;
        if us_rank(us_after) > us_rank(us.classification) {
            prop_assert!(
                product_exception(doc, &path, &us_contradicted).is_some(),
                "deleting {path}: US {} -> {us_after}, and no row of the table excuses it\n{doc}",
                us.classification
            );
        }
        let quality_after = assess_quality(&smaller, &policy, ON).verdict;
        if quality_rank(quality_after) > quality_rank(quality.verdict) {
            let row = product_exception(doc, &path, &quality_contradicted);
            prop_assert!(
                row.is_some(),
                "deleting {path}: quality {} -> {quality_after}, and no row of the table excuses it\n{doc}",
                quality.verdict
            );
            if let Some(bound) = row.and_then(bound_after) {
                prop_assert!(
                    quality_after <= bound,
                    "deleting {path}: quality {} -> {quality_after}, above {bound} ({})\n{doc}",
                    quality.verdict,
                    row.map_or("", |r| r.reason)
                );
            }
        }
    }
    Ok(())
}

/// The worse release facts that are not measurements (property 4).
fn worse_release_facts(doc: &Value) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    let with = |f: &dyn Fn(&mut Value)| {
        let mut copy = doc.clone();
        f(&mut copy);
        copy
    };
    if doc.pointer("/release/certificate").is_some() {
        out.push((
            "a certificate for another lot",
            with(&|d| d["release"]["certificate"]["lot"] = json!("ANOTHER-LOT")),
        ));
        out.push((
            "an expired certificate",
            with(&|d| d["release"]["certificate"]["expires_on"] = json!("2026-01-01")),
        ));
    }
    if doc.get("release").is_some() {
        out.push((
            "certificate_issued: false",
            with(&|d| d["release"]["certificate_issued"] = json!(false)),
        ));
    }
    out.push((
        "a cryopreservation step",
        common::worsen_with_step(doc, msc_therapy::vocab::ProcessingStep::Cryopreservation),
    ));
    // Each manufacturing fact stated in its failing value, as FDA's letters state them.
    for (what, key, value) in [
        (
            "no donor-eligibility determination",
            "donor_eligibility_determined",
            false,
        ),
        (
            "an unvalidated aseptic process",
            "aseptic_process_validated",
            false,
        ),
        (
            "research-grade reagents",
            "research_grade_reagents_used",
            true,
        ),
        (
            "uninvestigated sterility failures",
            "sterility_failures_investigated",
            false,
        ),
        (
            "an expiry date without stability data",
            "expiry_supported_by_stability_data",
            false,
        ),
        (
            "distribution before the release results",
            "distributed_before_release_results",
            true,
        ),
    ] {
        out.push((
            what,
            with(&|d| {
                if !d.get("manufacturing").is_some_and(Value::is_object) {
                    d["manufacturing"] = json!({});
                }
                d["manufacturing"][key] = json!(value);
            }),
        ));
    }
    out
}

proptest! {
    #![proptest_config(config())]

    /// Property 1.
    #[test]
    fn deleting_a_key_never_favours_the_product(doc in prober_document()) {
        check_deletions(&doc)?;
    }

    /// Property 2.
    #[test]
    fn a_worse_fact_never_favours_the_product(
        doc in prober_document(),
        step in prop::sample::select(MORE_THAN_MINIMAL_STEPS),
        article in prop::sample::select(OTHER_ARTICLES),
        indication in prop::sample::select(non_homologous_indications()),
    ) {
        let us = classify_us(&parse(&doc), ON).classification;
        for (what, worse) in [
            (format!("adding step {step}"), worsen_with_step(&doc, step)),
            (format!("adding article {article}"), worsen_with_article(&doc, article)),
            (format!("adding indication {indication}"), worsen_with_indication(&doc, indication)),
        ] {
            let after = classify_us(&parse(&worse), ON).classification;
            prop_assert!(us_rank(after) <= us_rank(us), "{what}: US {us} -> {after}\n{doc}");
        }
    }

    /// Properties 3 and 4.
    #[test]
    fn a_worse_measurement_never_favours_the_lot(doc in prober_document()) {
        let policy = QualityPolicy::default();
        let verdict = assess_quality(&parse(&doc), &policy, ON).verdict;
        for (what, worse) in worsened_measurements(&doc) {
            let after = assess_quality(&parse(&worse), &policy, ON).verdict;
            prop_assert!(after <= verdict, "{what}: quality {verdict} -> {after}\n{doc}");
        }
        for (what, worse) in worse_release_facts(&doc) {
            let after = assess_quality(&parse(&worse), &policy, ON).verdict;
            prop_assert!(
                quality_rank(after) <= quality_rank(verdict),
                "{what}: quality {verdict} -> {after}\n{doc}"
            );
        }
    }
}

#[test]
fn the_generators_and_the_mutations_are_not_empty() {
    // The properties above would hold vacuously if there were nothing to delete or to add, or
    // if a situation of the prober never made a valid document.
    assert!(!non_homologous_indications().is_empty());
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for (name, strategy) in prober_situations() {
        for _ in 0..16 {
            let doc = strategy
                .new_tree(&mut runner)
                .expect("a document")
                .current();
            let product = parse(&doc);
            assert_eq!(product.name.as_str(), "generated", "{name}");
            assert!(
                !deletions(&doc).is_empty(),
                "{name}: nothing to delete in {doc}"
            );
        }
    }
}

#[test]
fn a_contradiction_row_needs_the_contradiction_as_a_finding() {
    // Exception (iv) applies only when the report before the deletion names the key: the same
    // deletion with no `contradicts` fact is not excused, with one it is (also for the object
    // the key lies in, and for the inputs of a derived figure).
    let doc = json!({"name": "x", "intended_use": {"site_of_use": "joint_space"},
                     "delivery": {"route": "topical"}});
    assert!(product_exception(&doc, "delivery.route", &[]).is_none());
    assert!(product_exception(&doc, "intended_use.site_of_use", &[]).is_none());
    let named = vec![
        "intended_use.site_of_use".to_owned(),
        "delivery.route".to_owned(),
    ];
    assert!(product_exception(&doc, "delivery.route", &named).is_some());
    assert!(product_exception(&doc, "delivery", &named).is_some());
    assert!(product_exception(&doc, "intended_use.site_of_use", &named).is_some());
    // A key the finding does not name is not excused by it.
    assert!(product_exception(&doc, "release.state", &named).is_none());
    assert!(product_exception(&doc, "delivery.guidance", &named).is_none());
}

#[test]
fn unrequired_evidence_needs_a_bedside_preparation() {
    // Exception (ii): only for a same-day bedside autologous preparation, never for a lot.
    let bedside = json!({"name": "x", "donor": "autologous", "supply": "point_of_care",
                         "processing": {"steps": ["centrifugation"], "same_surgical_procedure": true},
                         "release": {"state": "fresh", "sterility": "positive"}});
    let row = product_exception(&bedside, "release.sterility", &[]).expect("bedside sterility");
    assert_eq!(bound_after(row), Some(QualityVerdict::PassWithWarnings));
    for (key, value) in [
        ("donor", json!("allogeneic_unrelated")),
        ("supply", json!("off_the_shelf")),
        (
            "processing",
            json!({"steps": ["culture_expansion"], "same_surgical_procedure": true}),
        ),
        ("processing", json!({"same_surgical_procedure": true})),
    ] {
        let mut lot = bedside.clone();
        lot[key] = value;
        assert!(
            product_exception(&lot, "release.sterility", &[]).is_none(),
            "{lot}"
        );
    }
    // `certificate_issued` is excused only when it says `false`.
    let issued = json!({"name": "x", "release": {"certificate_issued": true}});
    assert!(product_exception(&issued, "release.certificate_issued", &[]).is_none());
    let not_issued = json!({"name": "x", "release": {"certificate_issued": false}});
    assert!(product_exception(&not_issued, "release.certificate_issued", &[]).is_some());
}

#[test]
fn against_only_manufacturing_facts_are_excused_only_in_their_failing_value() {
    // Exception (iii) for the establishment's process facts: deleting the failing value is
    // excused, deleting the favourable one is not; the whole record only when it holds one.
    let doc = |m: Value| json!({"name": "x", "donor": "autologous", "manufacturing": m});
    for (key, failing) in [
        ("aseptic_process_validated", false),
        ("research_grade_reagents_used", true),
        ("sterility_failures_investigated", false),
        ("expiry_supported_by_stability_data", false),
        ("distributed_before_release_results", true),
    ] {
        let path = format!("manufacturing.{key}");
        let bad = doc(json!({ key: failing }));
        assert!(product_exception(&bad, &path, &[]).is_some(), "{bad}");
        assert!(
            product_exception(&bad, "manufacturing", &[]).is_some(),
            "{bad}"
        );
        let good = doc(json!({ key: !failing }));
        assert!(product_exception(&good, &path, &[]).is_none(), "{good}");
        assert!(
            product_exception(&good, "manufacturing", &[]).is_none(),
            "{good}"
        );
    }
    // The donor-eligibility determination counts both ways: never excused.
    let de = doc(json!({"donor_eligibility_determined": false}));
    assert!(product_exception(&de, "manufacturing.donor_eligibility_determined", &[]).is_none());
    assert!(product_exception(&de, "manufacturing", &[]).is_none());
}

// ---------------------------------------------------------------------------------------------
// The prober's moves, one document each. Each test holds one deletion to the rule of property 1
// (no move up the order unless the table excuses it — for a contradiction, only when the
// report before names it). A test that fails names a move the engines still make.
// ---------------------------------------------------------------------------------------------

/// Property 1 for one deletion of one document: `Err` names the move the table does not excuse.
fn one_deletion(doc: &Value, path: &str) -> Result<(), String> {
    let policy = QualityPolicy::default();
    let (before, after) = (parse(doc), parse(&common::deleted(doc, path)));
    let us = classify_us(&before, ON);
    let us_after = classify_us(&after, ON).classification;
    let mut problems = Vec::new();
    if us_rank(us_after) > us_rank(us.classification)
        && product_exception(doc, path, &contradicted(&us.findings)).is_none()
    {
        problems.push(format!("US {} -> {us_after}", us.classification));
    }
    let quality = assess_quality(&before, &policy, ON);
    let quality_after = assess_quality(&after, &policy, ON).verdict;
    if quality_rank(quality_after) > quality_rank(quality.verdict)
        && product_exception(doc, path, &contradicted(&quality.findings)).is_none()
    {
        problems.push(format!("quality {} -> {quality_after}", quality.verdict));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("deleting {path}: {}\n{doc}", problems.join("; ")))
    }
}

/// A cultured lot whose certificate expired before the evaluation date (2026-12-07); deleting
/// the expiry date must not make the lot pass: a certificate is required of a released lot,
/// and its elements with it (issue #18, item 5).
#[test]
fn deleting_the_expiry_date_of_an_expired_certificate() {
    let mut doc = common::sample_product("cultured_bone_marrow_msc");
    doc["release"]["certificate"]["expires_on"] = json!("2026-01-15");
    doc["release"]["lot"] = doc["release"]["certificate"]["lot"].clone();
    one_deletion(&doc, "release.certificate.expires_on").unwrap();
}

/// A cultured lot whose certificate is for another lot; deleting the product's lot must not
/// hide the mismatch (issue #18, item 5).
#[test]
fn deleting_the_lot_when_the_certificate_is_for_another_lot() {
    let mut doc = common::sample_product("cultured_bone_marrow_msc");
    doc["release"]["lot"] = json!("ANOTHER-LOT");
    one_deletion(&doc, "release.lot").unwrap();
}

/// A record that says `fresh` and lists a cryopreservation step: deleting the steps must not
/// make it pass unless the contradiction is a finding that names them (issue #18, item 5).
#[test]
fn deleting_the_steps_of_a_record_both_fresh_and_cryopreserved() {
    let mut doc = common::sample_product("cultured_bone_marrow_msc");
    doc["release"]["state"] = json!("fresh");
    doc["release"]["viability"] = json!([{"percent": 95.1, "timing": "before_freezing"}]);
    one_deletion(&doc, "processing.steps").unwrap();
    one_deletion(&doc, "processing").unwrap();
}

/// A stated viable-cell count below the minimum beside total nucleated cells × viability above
/// it: deleting the stated count must not make the lot better unless the contradiction is a
/// finding that names it (issue #18, item 5).
#[test]
fn deleting_a_failing_stated_viable_count() {
    let doc = common::sample_product("cultured_bone_marrow_msc");
    for place in ["dose.viable_cells", "release.viable_nucleated_cells"] {
        let mut doc = doc.clone();
        doc = common::deleted(&doc, "dose.viable_cells");
        doc = common::deleted(&doc, "release.viable_nucleated_cells");
        doc = common::deleted(&doc, "dose.cells_per_kg");
        let (object, key) = place.split_once('.').expect("a dotted path");
        doc[object][key] = json!(100_000);
        one_deletion(&doc, place).unwrap();
    }
}

/// Same-day marrow concentrate with a stated site of use its local route contradicts (into the
/// knee, "for the skin"): deleting the route's object must not favour the product unless the
/// contradiction is a finding that names it (issue #18, item 5).
#[test]
fn deleting_the_route_that_a_stated_site_disagrees_with() {
    for site in [
        "skin_or_wound_surface",
        "subcutaneous",
        "bone",
        "intervertebral_disc",
    ] {
        let mut doc = common::sample_product("same_day_bmac");
        doc["intended_use"]["site_of_use"] = json!(site);
        one_deletion(&doc, "delivery").unwrap();
        one_deletion(&doc, "intended_use.site_of_use").unwrap();
    }
}

/// Amniotic fluid whose cells were isolated and grown: deleting the preparation must not read
/// the product as the fluid itself (not an HCT/P) (issue #18, item 5).
#[test]
fn deleting_the_preparation_of_amniotic_fluid_cells() {
    for preparation in [
        "culture_expanded_msc",
        "cultured_cells",
        "perinatal_allograft",
    ] {
        let mut doc = common::sample_product("umbilical_off_the_shelf");
        doc["tissue"] = json!("amniotic_fluid");
        doc["preparation"] = json!(preparation);
        doc["processing"]["steps"] = json!(["cell_isolation", "culture_expansion"]);
        one_deletion(&doc, "preparation").unwrap();
    }
}

/// The US classification of a document.
fn us_of(doc: &Value) -> msc_therapy::engine::us::UsClassification {
    classify_us(&parse(doc), ON).classification
}

/// FDA's letter CBER 25-705090 (15 Aug 2025) makes exosome products 351 biological products;
/// on its facts the crate reads them as not HCT/Ps ("other FDA law may" apply). Deleting the
/// letter moves the classification up the order, and only the table's row for a
/// determination that can only count against the product excuses it.
#[test]
fn deleting_the_letter_of_an_exosome_product() {
    let doc: Value = serde_json::from_str(include_str!(
        "data/real_records/us_fda_wl_platinum_biologics_2025.json"
    ))
    .unwrap();
    assert_eq!(
        us_of(&doc),
        msc_therapy::engine::us::UsClassification::Section351Product
    );
    assert_eq!(
        us_of(&common::deleted(&doc, "determinations")),
        msc_therapy::engine::us::UsClassification::NotAnHctp
    );
    one_deletion(&doc, "determinations").unwrap();
}

/// Amniotic fluid with amniotic membrane (FDA's letter CBER 24-646460, PalinGen Flow) is no
/// secreted fluid; deleting the membrane leaves the fluid alone, not an HCT/P. Excused as a
/// statement that can only count against the product.
#[test]
fn deleting_the_membrane_beside_amniotic_fluid() {
    let doc = json!({
        "name": "generated",
        "preparation": "secreted_fluid",
        "tissue": "amniotic_fluid",
        "other_tissues": ["amniotic_membrane"],
        "donor": "allogeneic",
        "intended_use": {"functions": ["wound_healing"]}
    });
    assert_eq!(
        us_of(&doc),
        msc_therapy::engine::us::UsClassification::Section351Product
    );
    assert_eq!(
        us_of(&common::deleted(&doc, "other_tissues")),
        msc_therapy::engine::us::UsClassification::NotAnHctp
    );
    one_deletion(&doc, "other_tissues").unwrap();
}

/// A (hypothetical) determination that fat digested with enzymes is minimally manipulated,
/// against FDA's guidance: the less favourable answer holds (351). Deleting the steps lets
/// the determination settle the criterion (361): excused only because the finding names the
/// contradiction.
#[test]
fn deleting_the_steps_a_favourable_determination_contradicts() {
    let doc = json!({
        "name": "generated",
        "preparation": "fat_graft",
        "tissue": "adipose_tissue",
        "donor": "autologous",
        "processing": {
            "steps": ["enzymatic_digestion"],
            "added_articles": [],
            "same_surgical_procedure": false
        },
        "intended_use": {"functions": ["support", "cushioning"], "indications": [], "site_of_use": "breast"},
        "determinations": [{
            "rule": "us.cfr1271.10.a.1", "outcome": "met", "issuer": "a hypothetical authority",
            "title": "a determination written for this test", "dated": "2022-01-01",
            "basis": "agency_statement"
        }]
    });
    assert_eq!(
        us_of(&doc),
        msc_therapy::engine::us::UsClassification::Section351Product
    );
    assert_eq!(
        us_of(&common::deleted(&doc, "processing.steps")),
        msc_therapy::engine::us::UsClassification::Section361Hctp
    );
    one_deletion(&doc, "processing.steps").unwrap();
}

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
#[allow(dead_code)]
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);
