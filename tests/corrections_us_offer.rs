//! **The US and offer corrections of issue #18**, each written from its source.
//!
//! 1. Not an HCT/P never means "no approval needed" (FDA, Public Safety Notification on
//!    Exosome Products, Dec 2019; MM/HU guidance, Jul 2020, section V.A).
//! 2. The same surgical procedure exception only for the steps the sources keep within "such
//!    HCT/P" (FDA SSP guidance, Nov 2017; *US v. US Stem Cell Clinic*, 11th Cir. 2021; *US v.
//!    California Stem Cell Treatment Center*, 9th Cir. 2024, cert. denied 2025).
//! 3. Off label is a question about evidence (21 CFR 312.2(d)), with the false claim of FDA
//!    approval kept separate.
//! 4. A Japanese catalog product named by an offer is classified with its approval
//!    (`classify_jp_authorised`; ASRM Art 2(2)).
//! 5. The MM/HU guidance's worked examples cited for what they are about.

use msc_therapy::engine::offer::PatientVerdict;
use msc_therapy::engine::us::UsClassification;
use msc_therapy::finding::Basis;
use msc_therapy::vocab::{ProcessingStep, TISSUE_STEP_EXAMPLES, TissueSource};
use msc_therapy::{
    ClinicOffer, Finding, Outcome, Product, RuleId, Severity, classify_us, evaluate_offer,
};
use serde_json::{Value, json};

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);

const STRIP_MALL: &str = include_str!("../examples/data/offers/strip_mall_umbilical.json");
const RYONCIL: &str = include_str!("../examples/data/offers/ryoncil_on_label.json");
const BMAC_OFFER: &str = include_str!("../examples/data/offers/same_day_bmac.json");
const BMAC_PRODUCT: &str = include_str!("../examples/data/products/same_day_bmac.json");

/// `base` with `patch` merged in: objects key by key (`null` removes), anything else replaced.
fn merge(base: &mut Value, patch: &Value) {
    match (base, patch) {
        (Value::Object(b), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    b.remove(k);
                } else {
                    merge(b.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        (b, p) => *b = p.clone(),
    }
}

fn offer_from(sample: &str, patch: &Value) -> ClinicOffer {
    let mut doc: Value = serde_json::from_str(sample).expect("sample is JSON");
    merge(&mut doc, patch);
    ClinicOffer::from_json(&doc.to_string()).expect("patched offer parses")
}

fn product_from(doc: &Value) -> Product {
    Product::from_json(&doc.to_string()).expect("product parses")
}

fn reason(f: &Finding) -> &str {
    f.reason.map(|r| r.text()).unwrap_or_default()
}

// ---- 1. Not an HCT/P is not "no approval needed" -------------------------------------------

/// FDA's Public Safety Notification on Exosome Products (Dec 2019): exosome products are
/// regulated as drugs and biological products, and none is approved. A US offer of MSC exosomes
/// is outside Part 1271 (a cell-free secreted product, 21 CFR 1271.3(d)) but not outside FDA law:
/// which law applies is a question to ask, on an agency's statement, never "no FDA approval".
#[test]
fn us_exosome_offer_asks_which_fda_law_applies() {
    for preparation in ["extracellular_vesicles", "conditioned_medium"] {
        let offer = offer_from(
            STRIP_MALL,
            &json!({"product": {"preparation": preparation}}),
        );
        let eval = evaluate_offer(&offer, ON);
        assert_eq!(
            eval.us.as_ref().unwrap().classification,
            UsClassification::NotAnHctp,
            "{preparation}"
        );
        let f = eval.finding(RuleId::OfferUsPathway).expect("US pathway");
        assert_eq!(f.outcome, Outcome::Undetermined, "{preparation}");
        assert_eq!(f.severity, Severity::Warning, "{preparation}");
        assert_eq!(f.basis, Basis::AgencyStatement, "{preparation}");
        assert!(
            eval.ask_first
                .iter()
                .any(|g| g.rule == RuleId::OfferUsPathway),
            "{preparation}"
        );
        let text = reason(f);
        assert!(text.contains("Exosome Products, Dec 2019"), "{text}");
        assert!(text.contains("IND"), "{text}");
        assert!(!text.contains("needs no FDA approval"), "{text}");
        assert_eq!(
            f.missing,
            vec!["authorisation", "disclosures.trial_registration"]
        );
    }
}

/// MM/HU guidance (Jul 2020), section V.A: PRP "is not an HCT/P … because it is a blood
/// product". Outside Part 1271, still under FDA's law on blood products: a question.
#[test]
fn us_prp_offer_is_a_blood_product_question_not_a_free_pass() {
    let offer = offer_from(
        STRIP_MALL,
        &json!({"product": {"preparation": "platelet_rich_plasma", "donor": "autologous"}}),
    );
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(
        eval.us.as_ref().unwrap().classification,
        UsClassification::NotAnHctp
    );
    let f = eval.finding(RuleId::OfferUsPathway).unwrap();
    assert_eq!(f.outcome, Outcome::Undetermined);
    assert_eq!(f.basis, Basis::AgencyStatement);
    assert!(reason(f).contains("blood product"));
    assert!(reason(f).contains("section V.A"));
}

/// The "not an HCT/P" row says what 21 CFR 1271.3(d) settles — Part 1271 does not apply — and
/// nothing more.
#[test]
fn not_an_hctp_consequence_says_part_1271_does_not_apply_never_unregulated() {
    let c = UsClassification::NotAnHctp.info();
    assert!(c.consequence.starts_with("Part 1271 does not apply"));
    for wrong in ["unregulated", "no approval", "needs no"] {
        assert!(!c.consequence.contains(wrong), "{wrong}");
    }
    assert!(c.citation.contains("Exosome Products (Dec 2019)"));
    assert!(c.citation.contains("section V.A"));
}

/// A registered trial is how an unapproved drug or biological product may be given: with one
/// stated, the exosome offer's pathway is a note, not a question.
#[test]
fn us_exosome_offer_within_a_registered_trial_is_a_note() {
    let offer = offer_from(
        STRIP_MALL,
        &json!({
            "product": {"preparation": "extracellular_vesicles"},
            "disclosures": {"trial_registration": "NCT09990001"}
        }),
    );
    let eval = evaluate_offer(&offer, ON);
    let f = eval.finding(RuleId::OfferUsPathway).unwrap();
    assert_eq!(f.outcome, Outcome::Met);
    assert!(eval.notes.iter().any(|g| g.rule == RuleId::OfferUsPathway));
}

// ---- 2. The same surgical procedure exception --------------------------------------------------

/// The bundled same-day BMAC product: marrow drawn, concentrated in a bedside centrifuge and
/// injected into the knee. Concentrating is not rinsing, cleansing, sizing or shaping (FDA SSP
/// guidance, Nov 2017); the Ninth Circuit held that "the removed and implanted HCT/Ps must be the
/// same" (No. 22-56014, 27 Sep 2024; certiorari denied, No. 24-1189, 14 Oct 2025), as did the
/// Eleventh (998 F.3d 1302, 2021). The exception is open: undetermined, a warning, resting on
/// the court decisions, and the classification is not "excepted".
#[test]
fn same_day_bmac_sample_leaves_the_exception_open_on_the_court_decisions() {
    let product = Product::from_json(BMAC_PRODUCT).expect("sample parses");
    let report = classify_us(&product, ON);
    let f = report.finding(RuleId::UsSameSurgicalProcedure).unwrap();
    assert_eq!(f.outcome, Outcome::Undetermined);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.basis, Basis::CourtDecision);
    let text = reason(f);
    assert!(text.contains("No. 22-56014"), "{text}");
    assert!(text.contains("998 F.3d 1302"), "{text}");
    assert!(text.contains("open"), "{text}");
    assert!(
        f.fact_named("processing.steps.not_shown_to_keep_such_hctp")
            .is_some()
    );
    assert_eq!(report.classification, UsClassification::Undetermined);
    assert_ne!(
        report.classification,
        UsClassification::ExceptedSameSurgicalProcedure
    );
}

/// The bundled same-day BMAC offer: its US classification is undetermined, not excepted, and
/// its US pathway is a question to ask.
#[test]
fn same_day_bmac_offer_is_undetermined_in_the_us() {
    let eval = evaluate_offer(&ClinicOffer::from_json(BMAC_OFFER).unwrap(), ON);
    assert_eq!(
        eval.us.as_ref().unwrap().classification,
        UsClassification::Undetermined
    );
    assert_eq!(eval.verdict, PatientVerdict::AskFirst);
    assert!(
        eval.ask_first
            .iter()
            .any(|f| f.rule == RuleId::OfferUsPathway)
    );
}

fn fat_in_one_operation(steps: &[&str]) -> Value {
    json!({
        "name": "Autologous fat graft",
        "preparation": "fat_graft",
        "tissue": "adipose_tissue",
        "donor": "autologous",
        "processing": {"steps": steps, "added_articles": [], "same_surgical_procedure": true},
        "intended_use": {"functions": ["cushioning"], "indications": ["soft_tissue_defect"]},
        "delivery": {"route": "subcutaneous"}
    })
}

/// Only rinsing, cleansing, sizing and shaping keep an HCT/P "such HCT/P" (FDA SSP guidance,
/// Nov 2017; MM/HU guidance footnotes 27-28: adipose tissue "only rinsed or cleansed" may meet
/// the exception): met, on the guidance.
#[test]
fn rinsing_sizing_and_shaping_keep_the_exception_on_the_guidance() {
    for steps in [
        &["rinsing"][..],
        &["rinsing", "sizing_shaping"][..],
        &[][..],
    ] {
        let report = classify_us(&product_from(&fat_in_one_operation(steps)), ON);
        let f = report.finding(RuleId::UsSameSurgicalProcedure).unwrap();
        assert_eq!(f.outcome, Outcome::Met, "{steps:?}");
        assert_eq!(f.basis, Basis::Guidance, "{steps:?}");
        assert_eq!(f.severity, Severity::Info, "{steps:?}");
        assert_eq!(
            report.classification,
            UsClassification::ExceptedSameSurgicalProcedure,
            "{steps:?}"
        );
    }
    let kept: Vec<ProcessingStep> = ProcessingStep::iter()
        .filter(|s| s.info().keeps_same_surgical_procedure)
        .collect();
    assert_eq!(
        kept,
        vec![ProcessingStep::Rinsing, ProcessingStep::SizingShaping]
    );
}

/// Any other step between removal and implantation that no court has held ends the exception —
/// centrifugation, cutting, filtering, an unclassified step — leaves it open, never met.
#[test]
fn other_steps_leave_the_exception_open() {
    for step in ["centrifugation", "cutting", "filtering", "unclassified"] {
        let report = classify_us(&product_from(&fat_in_one_operation(&["rinsing", step])), ON);
        let f = report.finding(RuleId::UsSameSurgicalProcedure).unwrap();
        assert_eq!(f.outcome, Outcome::Undetermined, "{step}");
        assert_eq!(f.basis, Basis::CourtDecision, "{step}");
        assert_ne!(
            report.classification,
            UsClassification::ExceptedSameSurgicalProcedure,
            "{step}"
        );
    }
}

/// Isolating an SVF from fat by enzymatic digestion: both circuits held the exception does not
/// apply (11th Cir. 2021: the SVF procedure met neither exception; 9th Cir. 2024: the SVF
/// treatments are drugs). Not met, on the court decisions.
#[test]
fn an_svf_isolated_in_one_operation_is_not_excepted_on_the_court_decisions() {
    let svf = json!({
        "name": "Autologous adipose SVF",
        "preparation": "stromal_vascular_fraction",
        "tissue": "adipose_tissue",
        "donor": "autologous",
        "processing": {
            "steps": ["enzymatic_digestion", "centrifugation"],
            "added_articles": [],
            "same_surgical_procedure": true
        }
    });
    let report = classify_us(&product_from(&svf), ON);
    let f = report.finding(RuleId::UsSameSurgicalProcedure).unwrap();
    assert_eq!(f.outcome, Outcome::NotMet);
    assert_eq!(f.basis, Basis::CourtDecision);
    assert!(reason(f).contains("must be the same"));
}

/// The rule row cites the guidance without claiming questions it did not rely on, and both
/// circuit decisions; the centrifugation row no longer rests on an unconfirmed "Example 7-1".
#[test]
fn the_exception_row_cites_the_guidance_and_both_decisions() {
    let row = RuleId::UsSameSurgicalProcedure.info();
    assert!(!row.citation.contains("Q2-Q6"));
    assert!(row.citation.contains("No. 22-56014"));
    assert!(row.citation.contains("998 F.3d 1302"));
    assert!(row.citation.contains("24-1189"));
    assert!(!row.summary.contains("lipoaspirate"));
    let spin = ProcessingStep::Centrifugation.info();
    assert!(!spin.citation.contains("7-1"));
    assert!(!spin.keeps_same_surgical_procedure);
    assert!(!spin.ends_same_surgical_procedure);
}

// ---- 3. Off label is a question about evidence -------------------------------------------------

/// Ryoncil in a children's transplant unit, for a 17-year-old: the label covers "pediatric
/// patients 2 months of age and older" (the catalog reads pediatric as below 17 years, 21 CFR
/// 201.57(c)(9)(iv)). Prescribing a licensed biologic off label is the practice of medicine: the
/// IND rules do not apply to it (21 CFR 312.2(d)). The offer is a question about the label's
/// evidence (ask first), not "may only be given under an IND" and not walk away.
#[test]
fn ryoncil_for_a_17_year_old_is_a_question_about_evidence() {
    let offer = offer_from(
        RYONCIL,
        &json!({"patient": {"age": {"value": 17, "unit": "years"}}, "claims": []}),
    );
    let eval = evaluate_offer(&offer, ON);
    let identity = eval.finding(RuleId::OfferProductIdentity).unwrap();
    assert_eq!(identity.outcome, Outcome::NotMet);
    assert!(
        eval.ask_first
            .iter()
            .any(|f| f.rule == RuleId::OfferProductIdentity)
    );
    assert!(reason(identity).contains("off label"));
    let pathway = eval.finding(RuleId::OfferUsPathway).unwrap();
    assert!(
        eval.ask_first
            .iter()
            .any(|f| f.rule == RuleId::OfferUsPathway)
    );
    assert!(reason(pathway).contains("312.2(d)"));
    assert!(!reason(pathway).contains("may only be given"));
    assert_eq!(pathway.basis, Basis::RegulationText);
    assert!(eval.walk_away.is_empty(), "{eval}");
    assert_eq!(eval.verdict, PatientVerdict::AskFirst);
}

/// The false claim of approval stays its own red flag: "FDA-approved … in children" for a
/// 17-year-old claims an approval that does not cover this patient.
#[test]
fn a_false_claim_of_approval_stays_separate_from_off_label_use() {
    let offer = offer_from(
        RYONCIL,
        &json!({"patient": {"age": {"value": 17, "unit": "years"}}}),
    );
    let eval = evaluate_offer(&offer, ON);
    assert!(
        eval.walk_away
            .iter()
            .any(|f| f.rule == RuleId::OfferClaimFdaApproved)
    );
    assert!(
        !eval
            .walk_away
            .iter()
            .any(|f| f.rule == RuleId::OfferUsPathway)
    );
    assert!(
        !eval
            .walk_away
            .iter()
            .any(|f| f.rule == RuleId::OfferProductIdentity)
    );
}

/// A product that is not the named one (another tissue) is not off label: the claimed
/// authorisation does not cover it, and an unlicensed 351 product still needs a BLA or an IND.
#[test]
fn another_product_under_an_approved_name_still_needs_a_bla_or_an_ind() {
    let offer = offer_from(
        RYONCIL,
        &json!({"product": {"tissue": "adipose_tissue"}, "claims": []}),
    );
    let eval = evaluate_offer(&offer, ON);
    assert!(
        eval.walk_away
            .iter()
            .any(|f| f.rule == RuleId::OfferProductIdentity)
    );
    let pathway = eval.finding(RuleId::OfferUsPathway).unwrap();
    assert_eq!(pathway.outcome, Outcome::NotMet);
    assert!(reason(pathway).contains("IND"));
    assert!(reason(pathway).contains("BLA"));
}

// ---- 4. Japan: the named approval decides -------------------------------------------------------

/// ASRM Art 2(2) excludes using an approved regenerative medical product according to its
/// approval; an offer naming Stemirac in Japan is classified with its approval
/// (`classify_jp_authorised`), so the approval's own finding is there.
#[test]
fn a_japanese_catalog_product_is_classified_with_its_approval() {
    let offer = offer_from(
        RYONCIL,
        &json!({
            "jurisdiction": "japan",
            "authorisation": {"catalog_key": "stemirac_jp"},
            "indication": "spinal_cord_injury",
            "claims": [],
            "product": {
                "name": "STEMIRAC",
                "tissue": "bone_marrow",
                "donor": "autologous",
                "preparation": "culture_expanded_msc",
                "intended_use": {"functions": ["neural_repair"], "indications": ["spinal_cord_injury"]}
            },
            "patient": {"age": {"value": 40, "unit": "years"}}
        }),
    );
    let eval = evaluate_offer(&offer, ON);
    let jp = eval.jp.as_ref().expect("Japanese classification");
    let approval = jp
        .finding(RuleId::JpConditionalApproval)
        .expect("the approval's finding");
    assert_eq!(
        approval
            .fact_named("authorisation.catalog_key")
            .map(|f| f.value.to_string()),
        Some("stemirac_jp".to_owned())
    );
}

// ---- 5. The MM/HU worked examples, cited for what they are about ------------------------------

/// Example 16-1(a) is cell selection from mobilized peripheral blood apheresis, not isolation
/// from marrow or cord blood; expansion is 16-1(c), not 16-1(b); 14-1 concerns disruption "to
/// isolate cellular components" (the SVF), not micro-fragmented fat.
#[test]
fn worked_examples_are_cited_for_their_own_tissue_and_step() {
    for row in TISSUE_STEP_EXAMPLES {
        let marrow_or_cord = matches!(
            row.tissue,
            TissueSource::BoneMarrow | TissueSource::UmbilicalCordBlood
        );
        assert!(
            !(marrow_or_cord && row.example == "Example 16-1(a)"),
            "{:?}",
            row.tissue
        );
        assert_ne!(row.example, "Example 16-1(b)");
        if row.step == ProcessingStep::CultureExpansion && marrow_or_cord {
            assert_eq!(row.example, "Example 16-1(c)");
        }
        assert!(
            !(row.tissue == TissueSource::AdiposeTissue
                && row.step == ProcessingStep::MechanicalDisruption),
            "no row applies 14-1 to micro-fragmented fat"
        );
    }
    let isolation = ProcessingStep::CellIsolation.info().citation;
    assert!(isolation.contains("mobilized peripheral blood"));
    let expansion = ProcessingStep::CultureExpansion.info().citation;
    assert!(expansion.contains("16-1(c)"));
    // 19-1(a) concerns HPCs from mobilized peripheral blood, not marrow.
    let homologous = RuleId::UsHomologousUse.info().explanation;
    assert!(!homologous.contains("marrow cells infused to rebuild blood formation"));
    assert!(homologous.contains("mobilized peripheral blood"));
}
