//! **Contradictions are findings, and hidden failures stay visible.**
//!
//! A record that says two incompatible things must not be read as the more favourable of them,
//! and deleting one side of the contradiction is only allowed to change the verdict because the
//! contradiction itself is a finding: each test below checks that the finding exists (a
//! `contradicts` fact naming both statements) and that the verdict with both statements is not
//! more favourable than with the worse one alone. The moves come from an outside examination
//! that deleted keys of generated documents (issue #18, item 5).

use jiff::civil::{Date, date};
use msc_therapy::engine::quality::{QualityPolicy, QualityVerdict};
use msc_therapy::engine::us::UsClassification;
use msc_therapy::finding::FactValue;
use msc_therapy::{Finding, Outcome, Product, RuleId, Severity, assess_quality, classify_us};
use serde_json::{Value, json};

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
const ON: Date = date(2026, 12, 7);

const CULTURED: &str = include_str!("../examples/data/products/cultured_bone_marrow_msc.json");
const BEDSIDE: &str = include_str!("../examples/data/products/same_day_bmac.json");

fn product(value: &Value) -> Product {
    Product::from_json(&value.to_string()).expect("the test document parses")
}

fn base(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// The input paths a finding's `contradicts` fact names.
fn contradicts(finding: &Finding) -> Vec<String> {
    match finding.fact_named("contradicts").map(|f| &f.value) {
        Some(FactValue::Codes(codes)) => codes.iter().map(str::to_owned).collect(),
        Some(other) => vec![other.to_string()],
        None => Vec::new(),
    }
}

fn quality(value: &Value) -> msc_therapy::engine::quality::QualityReport {
    assess_quality(&product(value), &QualityPolicy::default(), ON)
}

/// "Fresh" and a cryopreservation step: which viability the patient receives is unknown. With
/// only a before-freezing figure, the record must not pass once the step is deleted unless
/// the contradiction was reported.
#[test]
fn a_fresh_product_with_a_cryopreservation_step_is_a_contradiction() {
    let mut doc = base(BEDSIDE);
    doc["processing"]["steps"] = json!(["centrifugation", "cryopreservation"]);
    doc["release"]["state"] = json!("fresh");
    let report = quality(&doc);
    let f = report.finding(RuleId::QualityViabilityPostThaw).unwrap();
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::Undetermined, Severity::Blocking),
        "{f}"
    );
    assert_eq!(contradicts(f), ["release.state", "processing.steps"]);
    assert_eq!(report.verdict, QualityVerdict::Undetermined);
}

/// Where a certificate of analysis is required (an allogeneic, off-the-shelf lot), its lot,
/// issue date and expiry date are what make it one: without the expiry date an expired
/// certificate could pass. Leaving one out is blocking, never information.
#[test]
fn a_required_certificate_without_its_dates_is_not_a_pass() {
    for key in ["expires_on", "issued_on"] {
        let mut doc = base(CULTURED);
        doc["release"]["certificate"]
            .as_object_mut()
            .unwrap()
            .remove(key);
        let report = quality(&doc);
        let f = report
            .finding(RuleId::QualityCertificateConsistent)
            .unwrap();
        assert_eq!(
            (f.outcome, f.severity),
            (Outcome::Undetermined, Severity::Blocking),
            "{key}: {f}"
        );
        assert_ne!(report.verdict, QualityVerdict::Pass, "{key}");
        assert_ne!(report.verdict, QualityVerdict::PassWithWarnings, "{key}");
    }
    // The same certificate, expired on the evaluation date, fails.
    let mut doc = base(CULTURED);
    doc["release"]["certificate"]["expires_on"] = json!("2026-03-13");
    assert_eq!(quality(&doc).verdict, QualityVerdict::Fail);
}

/// A stated viable-cell count below the minimum while total nucleated cells × viability would
/// be above it: the record disagrees with itself, the lower figure counts, and the finding
/// names both sides.
#[test]
fn a_failing_stated_count_against_a_passing_derived_count_is_named_as_a_contradiction() {
    let mut doc = base(CULTURED);
    doc["dose"].as_object_mut().unwrap().remove("viable_cells");
    doc["release"]["viable_nucleated_cells"] = json!(5.0e5);
    let report = quality(&doc);
    let f = report.finding(RuleId::QualityViableCellCount).unwrap();
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::NotMet, Severity::Blocking),
        "{f}"
    );
    assert_eq!(
        contradicts(f),
        [
            "release.viable_nucleated_cells",
            "derived.viable_nucleated_cells"
        ]
    );
    assert_eq!(report.verdict, QualityVerdict::Fail);
}

/// A local route puts the cells at one place (an intra-articular injection, into the joint); a
/// stated site of use elsewhere (the skin) contradicts it. The homologous-use criterion is not
/// met on such a record, and the finding names both statements (FDA MM/HU guidance (2017, rev.
/// 2020), Q20: use at another anatomic location is judged at that location).
#[test]
fn a_stated_site_that_a_local_route_contradicts_is_named_and_not_homologous() {
    let mut doc = base(BEDSIDE);
    doc["intended_use"]["site_of_use"] = json!("skin_or_wound_surface");
    let us = classify_us(&product(&doc), ON);
    let f = us
        .findings
        .iter()
        .find(|f| f.rule == RuleId::UsHomologousUse)
        .unwrap();
    assert_ne!(f.outcome, Outcome::Met, "{f}");
    assert_eq!(
        contradicts(f),
        ["intended_use.site_of_use", "delivery.route"],
        "{f}"
    );
    // An intravenous route reaches every site: a stated site is no contradiction.
    let mut doc = base(CULTURED);
    doc["intended_use"]["site_of_use"] = json!("lung");
    let us = classify_us(&product(&doc), ON);
    for f in &us.findings {
        assert!(contradicts(f).is_empty(), "{f}");
    }
}

/// "Secreted body fluids (e.g., amniotic fluid) are generally not considered HCT/Ps. Cells from
/// secreted body fluids are generally considered HCT/Ps" (FDA MM/HU guidance, III.C, Q15). A
/// record calling the product the fluid itself while its steps isolate or grow cells
/// contradicts itself: the exclusion is not read from it.
#[test]
fn a_secreted_fluid_whose_cells_were_isolated_is_not_excluded() {
    let doc = json!({
        "name": "Amniotic fluid cells",
        "tissue": "amniotic_fluid",
        "donor": "allogeneic_unrelated",
        "preparation": "secreted_fluid",
        "processing": {"steps": ["cell_isolation", "culture_expansion"]},
        "delivery": {"route": "intra_articular"}
    });
    let us = classify_us(&product(&doc), ON);
    assert_ne!(us.classification, UsClassification::NotAnHctp);
    let f = &us.findings[0];
    assert_eq!(f.rule, RuleId::UsIsHctp);
    assert_eq!(f.outcome, Outcome::Undetermined, "{f}");
    assert_eq!(contradicts(f), ["preparation", "processing.steps"]);
    // With the preparation left out the product is not read as the fluid either.
    let mut without = doc.clone();
    without.as_object_mut().unwrap().remove("preparation");
    assert_ne!(
        classify_us(&product(&without), ON).classification,
        UsClassification::NotAnHctp
    );
    // The fluid itself, with no cells isolated, is excluded.
    let mut fluid = doc.clone();
    fluid["processing"]["steps"] = json!([]);
    assert_eq!(
        classify_us(&product(&fluid), ON).classification,
        UsClassification::NotAnHctp
    );
}
