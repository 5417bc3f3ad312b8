//! Quality and release assessment, tested against published numbers: ISCT 2006 (Dominici et
//! al.), USP <85>, published release specifications and the source texts.

use msc_therapy::engine::quality::{QualityPolicy, QualityReport, QualityVerdict};
use msc_therapy::finding::{FactRole, FactValue};
use msc_therapy::{Finding, Outcome, Product, RuleId, Severity, assess_quality};
use proptest::prelude::*;
use serde_json::{Value, json};

fn product(value: Value) -> Product {
    serde_json::from_value(value).expect("test product is valid")
}

fn assess(value: Value) -> QualityReport {
    assess_quality(&product(value), &QualityPolicy::default(), ON)
}

fn finding(report: &QualityReport, rule: RuleId) -> &Finding {
    report
        .finding(rule)
        .unwrap_or_else(|| panic!("report has no finding for {rule}"))
}

fn number(finding: &Finding, name: &str) -> f64 {
    match finding.fact_named(name).map(|f| &f.value) {
        Some(FactValue::Number(n)) => *n,
        other => panic!("fact {name} is not a number: {other:?} in {finding}"),
    }
}

/// A complete, passing release record for an allogeneic, culture-expanded, cryopreserved
/// bone-marrow MSC lot given intravenously at 2 x 10^6 cells/kg to a 70 kg patient. The values
/// sit inside the ISCT 2006 criteria and USP <85>; the donor was determined eligible (21 CFR
/// 1271.265(c)(2) makes that a condition of distributing the lot).
fn good_lot() -> Value {
    json!({
        "name": "Expanded BM-MSC lot 24-0117",
        "preparation": "culture_expanded_msc",
        "designation": "mesenchymal_stromal_cell",
        "tissue": "bone_marrow",
        "donor": "allogeneic_unrelated",
        "supply": "off_the_shelf",
        "processing": {"steps": ["culture_expansion", "cryopreservation"]},
        "delivery": {"route": "intravenous"},
        "dose": {"viable_cells": 1.4e8, "volume_ml": 20},
        "recipient": {"weight_kg": 70},
        "release": {
            "certificate": {"lot": "24-0117", "issuer": "Cell Lab", "issued_on": "2024-01-17",
                            "expires_on": "2027-01-17"},
            "state": "cryopreserved",
            "viable_nucleated_cells": 1.4e8,
            "viability": [{"percent": 93, "timing": "before_freezing"},
                          {"percent": 88, "timing": "post_thaw"}],
            "identity": {
                "markers": {"cd73": 99.1, "cd90": 98.7, "cd105": 97.0, "cd45": 0.3, "cd34": 0.4,
                            "cd14": 0.2, "cd79a": 0.1, "hla_dr": 0.5},
                "plastic_adherent": true,
                "trilineage_differentiation": true
            },
            "sterility": "negative",
            "mycoplasma": "negative",
            "endotoxin_eu_per_ml": 0.2,
            "endotoxin_limit_eu_per_ml": 0.5,
            "passage": 4,
            "passage_limit": 5,
            "cfu_f_per_million": 150
        },
        "manufacturing": {"donor_eligibility_determined": true}
    })
}

fn set(value: &mut Value, path: &[&str], new: Value) {
    let mut node = value;
    for key in &path[..path.len() - 1] {
        node = node.get_mut(*key).expect("path exists");
    }
    node.as_object_mut()
        .expect("object")
        .insert(path[path.len() - 1].to_owned(), new);
}

fn remove(value: &mut Value, path: &[&str]) {
    let mut node = value;
    for key in &path[..path.len() - 1] {
        node = node.get_mut(*key).expect("path exists");
    }
    node.as_object_mut()
        .expect("object")
        .remove(path[path.len() - 1]);
}

#[test]
fn the_complete_good_lot_passes() {
    let report = assess(good_lot());
    assert_eq!(report.verdict, QualityVerdict::Pass, "{report}");
    assert!(report.findings.iter().all(|f| f.severity == Severity::Info));
}

// ---- Viability ----

fn with_post_thaw_viability(percent: f64) -> Value {
    let mut lot = good_lot();
    set(
        &mut lot,
        &["release", "viability"],
        json!([{"percent": percent, "timing": "post_thaw"}]),
    );
    lot
}

#[test]
fn viability_of_69_9_percent_fails_and_70_percent_passes_the_default_minimum() {
    // Default: >= 70 %, the low end of published release specifications.
    let below = assess(with_post_thaw_viability(69.9));
    let f = finding(&below, RuleId::QualityViabilityMinimum);
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::NotMet, Severity::Blocking)
    );
    assert_eq!(number(f, "release.viability"), 69.9);
    assert_eq!(number(f, "policy.min_viability_percent"), 70.0);
    assert_eq!(
        f.fact_named("policy.min_viability_percent").unwrap().role,
        FactRole::Limit
    );
    assert_eq!(below.verdict, QualityVerdict::Fail);

    let at = assess(with_post_thaw_viability(70.0));
    assert_eq!(
        finding(&at, RuleId::QualityViabilityMinimum).outcome,
        Outcome::Met
    );
    assert_eq!(at.verdict, QualityVerdict::Pass, "{at}");
}

#[test]
fn a_custom_policy_of_80_percent_moves_the_line() {
    let policy: QualityPolicy =
        serde_json::from_str(r#"{"min_viability_percent": 80}"#).expect("valid policy");
    let lot = product(with_post_thaw_viability(75.0));
    let default = assess_quality(&lot, &QualityPolicy::default(), ON);
    let strict = assess_quality(&lot, &policy, ON);
    assert_eq!(
        finding(&default, RuleId::QualityViabilityMinimum).outcome,
        Outcome::Met
    );
    let f = finding(&strict, RuleId::QualityViabilityMinimum);
    assert_eq!(f.outcome, Outcome::NotMet);
    assert_eq!(number(f, "policy.min_viability_percent"), 80.0);
    assert_eq!(
        finding(
            &assess_quality(&product(with_post_thaw_viability(80.0)), &policy, ON),
            RuleId::QualityViabilityMinimum
        )
        .outcome,
        Outcome::Met
    );
}

#[test]
fn missing_viability_on_a_live_cell_product_is_blocking_not_a_pass() {
    let mut lot = good_lot();
    remove(&mut lot, &["release", "viability"]);
    let report = assess(lot);
    let f = finding(&report, RuleId::QualityViabilityMinimum);
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::Undetermined, Severity::Blocking)
    );
    assert!(f.missing.contains(&"release.viability"));
    assert_eq!(report.verdict, QualityVerdict::Undetermined);
}

#[test]
fn a_cryopreserved_product_with_only_fresh_viability_is_flagged() {
    let mut lot = good_lot();
    set(
        &mut lot,
        &["release", "viability"],
        json!([{"percent": 95, "timing": "before_freezing"}]),
    );
    let report = assess(lot);
    // The 95 % measured before freezing is not what the patient receives.
    let minimum = finding(&report, RuleId::QualityViabilityMinimum);
    assert_eq!(
        (minimum.outcome, minimum.severity),
        (Outcome::Undetermined, Severity::Blocking)
    );
    assert!(minimum.fact_named("release.viability").is_none());
    let timing = finding(&report, RuleId::QualityViabilityPostThaw);
    assert_eq!(timing.outcome, Outcome::NotMet);
    assert_ne!(report.verdict, QualityVerdict::Pass);
    assert_ne!(report.verdict, QualityVerdict::PassWithWarnings);
}

#[test]
fn the_cryopreservation_step_makes_a_product_cryopreserved_even_without_a_state() {
    let mut lot = good_lot();
    remove(&mut lot, &["release", "state"]);
    set(
        &mut lot,
        &["release", "viability"],
        json!([{"percent": 95, "timing": "before_freezing"}]),
    );
    let report = assess(lot);
    assert_eq!(
        finding(&report, RuleId::QualityViabilityPostThaw).outcome,
        Outcome::NotMet
    );
}

#[test]
fn a_fresh_product_is_judged_on_its_lowest_figure() {
    let report = assess(json!({
        "name": "Fresh expanded cells",
        "preparation": "culture_expanded_msc",
        "release": {"state": "fresh",
                    "viability": [{"percent": 90, "timing": "before_freezing"},
                                  {"percent": 60, "timing": "before_freezing"}]}
    }));
    assert_eq!(
        finding(&report, RuleId::QualityViabilityMinimum).outcome,
        Outcome::NotMet
    );
    assert_eq!(
        finding(&report, RuleId::QualityViabilityPostThaw).outcome,
        Outcome::NotApplicable
    );
}

#[test]
fn a_cell_free_product_is_not_judged_on_viability() {
    let report = assess(json!({"name": "Exosomes", "preparation": "extracellular_vesicles"}));
    assert_eq!(
        finding(&report, RuleId::QualityViabilityMinimum).outcome,
        Outcome::NotApplicable
    );
    // An unknown preparation is not assumed cell-free.
    let unknown = assess(json!({"name": "Unknown"}));
    assert_eq!(
        finding(&unknown, RuleId::QualityViabilityMinimum).outcome,
        Outcome::Undetermined
    );
}

// ---- Cell count and dose ----

#[test]
fn viable_cells_must_be_disclosed_and_in_the_millions() {
    let mut lot = good_lot();
    set(
        &mut lot,
        &["release", "viable_nucleated_cells"],
        json!(999_999),
    );
    set(&mut lot, &["dose", "viable_cells"], json!(999_999));
    let f = finding(&assess(lot.clone()), RuleId::QualityViableCellCount).clone();
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::NotMet, Severity::Blocking)
    );
    assert_eq!(number(&f, "policy.min_viable_cells"), 1e6);

    set(
        &mut lot,
        &["release", "viable_nucleated_cells"],
        json!(1_000_000),
    );
    set(&mut lot, &["dose", "viable_cells"], json!(1_000_000));
    assert_eq!(
        finding(&assess(lot.clone()), RuleId::QualityViableCellCount).outcome,
        Outcome::Met
    );

    // "If a clinic can't tell you exactly how many live, nucleated cells they are injecting,
    // walk out."
    remove(&mut lot, &["release", "viable_nucleated_cells"]);
    remove(&mut lot, &["dose", "viable_cells"]);
    let report = assess(lot);
    let f = finding(&report, RuleId::QualityViableCellCount);
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::Undetermined, Severity::Blocking)
    );
}

#[test]
fn the_per_kg_dose_is_computed_for_systemic_routes_and_compared_with_ryoncil() {
    // 1.4 x 10^8 viable cells for 70 kg = 2 x 10^6 cells/kg, Ryoncil's label dose.
    let report = assess(good_lot());
    let per_kg = finding(&report, RuleId::QualityDosePerKg);
    assert_eq!(per_kg.outcome, Outcome::Met);
    let derived = per_kg.fact_named("derived.cells_per_kg").unwrap();
    assert_eq!(derived.role, FactRole::Derived);
    assert_eq!(number(per_kg, "derived.cells_per_kg"), 1.4e8 / 70.0);
    let reference = finding(&report, RuleId::QualityDoseReference);
    assert_eq!(reference.outcome, Outcome::Met);
    assert_eq!(reference.severity, Severity::Info);
    assert!(matches!(
        &reference.fact_named("reference.source").unwrap().value,
        FactValue::Text(t) if t.contains("RYONCIL")
    ));

    // Ten times the label dose is outside the range: informational, never blocking.
    let mut lot = good_lot();
    set(&mut lot, &["dose", "viable_cells"], json!(1.4e9));
    set(
        &mut lot,
        &["release", "viable_nucleated_cells"],
        json!(1.4e9),
    );
    let report = assess(lot);
    let reference = finding(&report, RuleId::QualityDoseReference);
    assert_eq!(
        (reference.outcome, reference.severity),
        (Outcome::NotMet, Severity::Info)
    );
    assert_eq!(report.verdict, QualityVerdict::Pass);
}

#[test]
fn a_systemic_dose_without_weight_cannot_be_written_per_kg() {
    let mut lot = good_lot();
    remove(&mut lot, &["recipient"]);
    let f = finding(&assess(lot), RuleId::QualityDosePerKg).clone();
    assert_eq!(f.outcome, Outcome::Undetermined);
    assert!(f.missing.contains(&"recipient.weight_kg"));
}

#[test]
fn an_intra_articular_dose_is_compared_per_injection() {
    // Knee OA trials: 1 x 10^7 to 1 x 10^8 cells per injection (Jo 2014, Lee 2019).
    let report = assess(json!({
        "name": "Knee injection",
        "preparation": "culture_expanded_msc",
        "delivery": {"route": "intra_articular"},
        "dose": {"viable_cells": 5e7}
    }));
    assert_eq!(
        finding(&report, RuleId::QualityDosePerKg).outcome,
        Outcome::NotApplicable
    );
    assert_eq!(
        finding(&report, RuleId::QualityDoseReference).outcome,
        Outcome::Met
    );
}

#[test]
fn the_live_count_is_total_nucleated_cells_times_viability_when_not_stated() {
    // Ph. Eur. 2.7.29: viable nucleated cells = total nucleated cells x share alive.
    // 1.2 x 10^6 total at 80 % alive = 0.96 x 10^6 live: below "in the millions".
    let mut lot = good_lot();
    remove(&mut lot, &["release", "viable_nucleated_cells"]);
    remove(&mut lot, &["dose", "viable_cells"]);
    set(
        &mut lot,
        &["release", "total_nucleated_cells"],
        json!(1_200_000),
    );
    set(
        &mut lot,
        &["release", "viability"],
        json!([{"percent": 80, "timing": "post_thaw"}]),
    );
    let report = assess(lot.clone());
    let f = finding(&report, RuleId::QualityViableCellCount);
    assert_eq!(f.outcome, Outcome::NotMet);
    let derived = f.fact_named("derived.viable_nucleated_cells").unwrap();
    assert_eq!(derived.role, FactRole::Derived);
    assert!((number(f, "derived.viable_nucleated_cells") - 1_200_000.0 * 0.8).abs() < 1e-6);

    set(
        &mut lot,
        &["release", "total_nucleated_cells"],
        json!(1_250_000),
    );
    assert_eq!(
        finding(&assess(lot), RuleId::QualityViableCellCount).outcome,
        Outcome::Met
    );
}

// ---- Identity (ISCT 2006) ----

fn with_marker(marker: &str, percent: f64) -> Value {
    let mut lot = good_lot();
    set(
        &mut lot,
        &["release", "identity", "markers", marker],
        json!(percent),
    );
    lot
}

#[test]
fn hla_dr_at_2_1_percent_fails_and_2_percent_passes() {
    // ISCT: <= 2 % positive for HLA-DR.
    let report = assess(with_marker("hla_dr", 2.1));
    let f = finding(&report, RuleId::QualityIdentityNegativeMarkers);
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::NotMet, Severity::Blocking)
    );
    assert_eq!(number(f, "release.identity.markers.hla_dr"), 2.1);
    assert_eq!(number(f, "policy.negative_marker_max_percent"), 2.0);
    assert_eq!(report.verdict, QualityVerdict::Fail);

    let report = assess(with_marker("hla_dr", 2.0));
    assert_eq!(
        finding(&report, RuleId::QualityIdentityNegativeMarkers).outcome,
        Outcome::Met
    );
}

#[test]
fn cd105_below_95_percent_fails() {
    let report = assess(with_marker("cd105", 94.9));
    assert_eq!(
        finding(&report, RuleId::QualityIdentityPositiveMarkers).outcome,
        Outcome::NotMet
    );
    let report = assess(with_marker("cd105", 95.0));
    assert_eq!(
        finding(&report, RuleId::QualityIdentityPositiveMarkers).outcome,
        Outcome::Met
    );
}

#[test]
fn cd14_missing_but_cd11b_negative_passes() {
    // "CD14 or CD11b": one marker of the pair suffices.
    let mut lot = good_lot();
    remove(&mut lot, &["release", "identity", "markers", "cd14"]);
    set(
        &mut lot,
        &["release", "identity", "markers", "cd11b"],
        json!(0.4),
    );
    let report = assess(lot.clone());
    assert_eq!(
        finding(&report, RuleId::QualityIdentityNegativeMarkers).outcome,
        Outcome::Met
    );

    // Neither marker of the pair: not shown.
    remove(&mut lot, &["release", "identity", "markers", "cd11b"]);
    let report = assess(lot);
    let f = finding(&report, RuleId::QualityIdentityNegativeMarkers);
    assert_eq!(f.outcome, Outcome::Undetermined);
    assert_eq!(f.missing.len(), 1, "{f}");
    assert!(f.missing[0].contains("cd14") && f.missing[0].contains("cd11b"));
}

#[test]
fn cd19_in_place_of_cd79a_is_held_to_the_same_limit() {
    let mut lot = good_lot();
    remove(&mut lot, &["release", "identity", "markers", "cd79a"]);
    set(
        &mut lot,
        &["release", "identity", "markers", "cd19"],
        json!(3.0),
    );
    assert_eq!(
        finding(&assess(lot), RuleId::QualityIdentityNegativeMarkers).outcome,
        Outcome::NotMet
    );
}

#[test]
fn a_product_called_msc_without_identity_data_gets_a_finding_saying_so() {
    let report = assess(json!({
        "name": "Mesenchymal stem cell injection",
        "preparation": "stromal_vascular_fraction",
        "designation": "mesenchymal_stem_cell",
        "processing": {"steps": ["enzymatic_digestion"]}
    }));
    let f = finding(&report, RuleId::QualityIdentityPositiveMarkers);
    assert_eq!(f.outcome, Outcome::Undetermined);
    assert_ne!(f.severity, Severity::Info);
    assert!(
        f.reason
            .map(|r| r.text())
            .unwrap()
            .contains("called mesenchymal")
    );

    // The same preparation, not called MSCs, is not held to the ISCT criteria.
    let report = assess(json!({
        "name": "SVF",
        "preparation": "stromal_vascular_fraction",
        "processing": {"steps": ["enzymatic_digestion"]}
    }));
    assert_eq!(
        finding(&report, RuleId::QualityIdentityPositiveMarkers).outcome,
        Outcome::NotApplicable
    );
}

#[test]
fn reported_failure_of_plastic_adherence_or_trilineage_fails_an_expanded_lot() {
    let mut lot = good_lot();
    set(
        &mut lot,
        &["release", "identity", "trilineage_differentiation"],
        json!(false),
    );
    let report = assess(lot);
    assert_eq!(
        finding(&report, RuleId::QualityIdentityTrilineage).outcome,
        Outcome::NotMet
    );
    assert_eq!(report.verdict, QualityVerdict::Fail);
}

// ---- Safety release tests ----

#[test]
fn positive_sterility_or_mycoplasma_fails_and_pending_is_not_a_pass() {
    let mut lot = good_lot();
    set(&mut lot, &["release", "sterility"], json!("positive"));
    assert_eq!(assess(lot).verdict, QualityVerdict::Fail);

    let mut lot = good_lot();
    set(&mut lot, &["release", "mycoplasma"], json!("positive"));
    assert_eq!(assess(lot).verdict, QualityVerdict::Fail);

    let mut lot = good_lot();
    set(&mut lot, &["release", "sterility"], json!("pending"));
    let report = assess(lot);
    assert_eq!(
        finding(&report, RuleId::QualitySterility).outcome,
        Outcome::Undetermined
    );
    assert_eq!(report.verdict, QualityVerdict::Undetermined);
}

fn endotoxin_limit(route: &str, volume_ml: f64, weight_kg: f64) -> f64 {
    let mut lot = good_lot();
    set(&mut lot, &["delivery", "route"], json!(route));
    set(&mut lot, &["dose", "volume_ml"], json!(volume_ml));
    set(&mut lot, &["recipient", "weight_kg"], json!(weight_kg));
    let report = assess(lot);
    let f = finding(&report, RuleId::QualityEndotoxin);
    assert_eq!(
        f.fact_named("derived.endotoxin_limit_eu_per_ml")
            .unwrap()
            .role,
        FactRole::Derived
    );
    number(f, "derived.endotoxin_limit_eu_per_ml")
}

#[test]
fn the_intrathecal_endotoxin_limit_is_smaller_by_the_factor_of_usp_85() {
    // USP <85>: limit = K / M; K = 5 EU/kg (any route but intrathecal), 0.2 EU/kg intrathecal.
    // M = 10 mL / 70 kg within one hour.
    let m = 10.0 / 70.0;
    let intravenous = endotoxin_limit("intravenous", 10.0, 70.0);
    let intrathecal = endotoxin_limit("intrathecal", 10.0, 70.0);
    assert!((intravenous - 5.0 / m).abs() < 1e-9, "{intravenous}");
    assert!((intrathecal - 0.2 / m).abs() < 1e-9, "{intrathecal}");
    let factor = 5.0 / 0.2; // 25
    assert!((intravenous / intrathecal - factor).abs() < 1e-9);
}

#[test]
fn endotoxin_above_the_limit_fails_and_at_the_limit_passes() {
    // IV, 20 mL to 70 kg: limit = 5 / (20 / 70) = 17.5 EU/mL.
    let limit = 5.0 / (20.0 / 70.0);
    let mut lot = good_lot();
    // A product specification looser than USP <85>: the lower of the two applies.
    set(
        &mut lot,
        &["release", "endotoxin_limit_eu_per_ml"],
        json!(20.0),
    );
    set(&mut lot, &["release", "endotoxin_eu_per_ml"], json!(limit));
    assert_eq!(
        finding(&assess(lot.clone()), RuleId::QualityEndotoxin).outcome,
        Outcome::Met
    );
    set(
        &mut lot,
        &["release", "endotoxin_eu_per_ml"],
        json!(limit + 0.01),
    );
    let report = assess(lot.clone());
    assert_eq!(
        finding(&report, RuleId::QualityEndotoxin).outcome,
        Outcome::NotMet
    );
    assert_eq!(report.verdict, QualityVerdict::Fail);

    // The product's own, stricter specification (e.g. < 0.5 EU/mL) also applies.
    set(&mut lot, &["release", "endotoxin_eu_per_ml"], json!(0.6));
    set(
        &mut lot,
        &["release", "endotoxin_limit_eu_per_ml"],
        json!(0.5),
    );
    assert_eq!(
        finding(&assess(lot), RuleId::QualityEndotoxin).outcome,
        Outcome::NotMet
    );
}

#[test]
fn endotoxin_without_volume_or_weight_is_undetermined() {
    let mut lot = good_lot();
    remove(&mut lot, &["dose", "volume_ml"]);
    let report = assess(lot);
    let f = finding(&report, RuleId::QualityEndotoxin);
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::Undetermined, Severity::Blocking)
    );
    assert!(f.missing.contains(&"dose.volume_ml"));
}

#[test]
fn a_lot_judged_only_on_its_own_endotoxin_specification_is_not_released() {
    // Without the patient's weight, USP <85>'s K/M cannot be computed. Meeting the product's
    // own specification does not settle it: the USP limit may be lower, and a result above it
    // fails the lot, so leaving the weight out must not read better than a failure (fail
    // closed: the missing weight is blocking).
    let mut lot = good_lot();
    remove(&mut lot, &["recipient"]);
    set(
        &mut lot,
        &["release", "endotoxin_limit_eu_per_ml"],
        json!(0.5),
    );
    let report = assess(lot);
    let f = finding(&report, RuleId::QualityEndotoxin);
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::Undetermined, Severity::Blocking)
    );
    assert!(f.missing.contains(&"recipient.weight_kg"));
    assert_eq!(report.verdict, QualityVerdict::Undetermined);
}

#[test]
fn a_topical_product_has_no_usp_85_endotoxin_limit() {
    let mut lot = good_lot();
    set(&mut lot, &["delivery", "route"], json!("topical"));
    assert_eq!(
        finding(&assess(lot), RuleId::QualityEndotoxin).outcome,
        Outcome::NotApplicable
    );
}

// ---- Expansion ----

#[test]
fn an_expanded_product_beyond_its_own_passage_limit_fails() {
    let mut lot = good_lot();
    set(&mut lot, &["release", "passage"], json!(6));
    let report = assess(lot);
    let f = finding(&report, RuleId::QualityExpansionLimit);
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::NotMet, Severity::Blocking)
    );
    assert_eq!(number(f, "release.passage"), 6.0);
    assert_eq!(number(f, "limit.passage"), 5.0);

    // At the limit is within it.
    let mut lot = good_lot();
    set(&mut lot, &["release", "passage"], json!(5));
    assert_eq!(
        finding(&assess(lot), RuleId::QualityExpansionLimit).outcome,
        Outcome::Met
    );
}

#[test]
fn population_doublings_are_held_to_their_own_limit() {
    let mut lot = good_lot();
    remove(&mut lot, &["release", "passage"]);
    remove(&mut lot, &["release", "passage_limit"]);
    set(&mut lot, &["release", "population_doublings"], json!(20.0));
    set(
        &mut lot,
        &["release", "population_doubling_limit"],
        json!(20.0),
    );
    assert_eq!(
        finding(&assess(lot.clone()), RuleId::QualityExpansionLimit).outcome,
        Outcome::Met
    );
    set(&mut lot, &["release", "population_doublings"], json!(20.5));
    assert_eq!(
        finding(&assess(lot.clone()), RuleId::QualityExpansionLimit).outcome,
        Outcome::NotMet
    );
    // A lab's policy may add a ceiling of its own; the stricter limit applies.
    set(&mut lot, &["release", "population_doublings"], json!(16.0));
    let policy: QualityPolicy =
        serde_json::from_str(r#"{"max_population_doublings": 15}"#).expect("valid policy");
    let report = assess_quality(&product(lot), &policy, ON);
    assert_eq!(
        finding(&report, RuleId::QualityExpansionLimit).outcome,
        Outcome::NotMet
    );
}

#[test]
fn the_default_policy_has_no_universal_passage_limit() {
    // "No consensus numeric passage or population-doubling limit was found in a citable
    // source. Products set their own limits" (quality reference, §2.3). A limit is a
    // specification: absent, the default applies — and there is none, so passage 30 is not
    // judged at all: a warning that says so and asks for the product's own limit (issue #18:
    // this used to be blocking).
    assert_eq!(QualityPolicy::default().max_passage, None);
    let mut lot = good_lot();
    remove(&mut lot, &["release", "passage_limit"]);
    set(&mut lot, &["release", "passage"], json!(30));
    let f = finding(&assess(lot), RuleId::QualityExpansionLimit).clone();
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::Undetermined, Severity::Warning)
    );
    assert!(
        f.reason
            .map(|r| r.text())
            .unwrap_or("")
            .contains("no consensus"),
        "{f}"
    );
    assert_eq!(f.missing, vec!["release.passage_limit"]);
}

#[test]
fn removing_the_preparation_does_not_hide_culture_expansion() {
    let mut lot = good_lot();
    remove(&mut lot, &["preparation"]);
    set(&mut lot, &["release", "passage"], json!(6));
    let f = finding(&assess(lot.clone()), RuleId::QualityExpansionLimit).clone();
    assert_eq!(f.outcome, Outcome::NotMet);

    // Nothing known about processing: the rule asks rather than skipping.
    remove(&mut lot, &["processing"]);
    remove(&mut lot, &["release", "passage"]);
    let f = finding(&assess(lot), RuleId::QualityExpansionLimit).clone();
    assert_eq!(f.outcome, Outcome::Undetermined);

    // A bedside concentrate was not grown in culture.
    let report = assess(json!({
        "name": "BMAC", "preparation": "bone_marrow_concentrate",
        "processing": {"steps": ["centrifugation"]}
    }));
    assert_eq!(
        finding(&report, RuleId::QualityExpansionLimit).outcome,
        Outcome::NotApplicable
    );
}

// ---- Perinatal products ----

#[test]
fn a_dead_cell_amniotic_product_is_not_called_a_stem_cell_product() {
    // Panero et al. 2019: most nucleated cells in commercial amniotic fluid products were dead
    // and no MSCs could be identified.
    let report = assess(json!({
        "name": "Amniotic stem cell injection",
        "preparation": "perinatal_allograft",
        "designation": "mesenchymal_stem_cell",
        "tissue": "amniotic_fluid",
        "donor": "allogeneic_unrelated",
        "supply": "off_the_shelf",
        "processing": {"steps": ["cryopreservation"]},
        "release": {"state": "cryopreserved",
                    "viable_nucleated_cells": 2e5,
                    "viability": [{"percent": 4, "timing": "post_thaw"}],
                    "cfu_f_per_million": 0}
    }));
    assert_eq!(report.verdict, QualityVerdict::Fail);
    assert_eq!(
        finding(&report, RuleId::QualityViabilityMinimum).outcome,
        Outcome::NotMet
    );
    let evidence = finding(&report, RuleId::QualityPerinatalMscEvidence);
    assert_eq!(
        (evidence.outcome, evidence.severity),
        (Outcome::NotMet, Severity::Blocking)
    );
    // No finding of the report vouches for MSC identity.
    for rule in [
        RuleId::QualityPerinatalMscEvidence,
        RuleId::QualityIdentityPositiveMarkers,
        RuleId::QualityIdentityNegativeMarkers,
    ] {
        assert_ne!(finding(&report, rule).outcome, Outcome::Met, "{rule}");
    }
}

#[test]
fn viable_cells_alone_do_not_prove_mscs_in_an_umbilical_product() {
    // Berger et al. 2021: viable cells were present, but no CFU-F in any product.
    let base = json!({
        "name": "Umbilical cord allograft",
        "preparation": "perinatal_allograft",
        "tissue": "umbilical_cord_tissue",
        "donor": "allogeneic_unrelated",
        "supply": "off_the_shelf",
        "release": {"state": "cryopreserved",
                    "viable_nucleated_cells": 1.5e7,
                    "viability": [{"percent": 80, "timing": "post_thaw"}]}
    });
    let report = assess(base.clone());
    assert_eq!(
        finding(&report, RuleId::QualityViabilityMinimum).outcome,
        Outcome::Met
    );
    let f = finding(&report, RuleId::QualityPerinatalMscEvidence);
    assert_eq!(f.outcome, Outcome::Undetermined);
    assert!(f.missing.contains(&"release.cfu_f_per_million"));

    let mut none = base.clone();
    set(&mut none, &["release", "cfu_f_per_million"], json!(0));
    assert_eq!(
        finding(&assess(none), RuleId::QualityPerinatalMscEvidence).outcome,
        Outcome::NotMet
    );

    let mut colonies = base;
    set(&mut colonies, &["release", "cfu_f_per_million"], json!(20));
    assert_eq!(
        finding(&assess(colonies), RuleId::QualityPerinatalMscEvidence).outcome,
        Outcome::Met
    );
}

// ---- Certificate of analysis ----

#[test]
fn an_off_the_shelf_product_needs_a_certificate_of_analysis() {
    let mut lot = good_lot();
    remove(&mut lot, &["release", "certificate"]);
    let report = assess(lot);
    let f = finding(&report, RuleId::QualityCertificatePresent);
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::Undetermined, Severity::Blocking)
    );
    assert!(f.missing.contains(&"release.certificate"));
    let entries = finding(&report, RuleId::QualityCertificateEntries);
    assert_eq!(entries.outcome, Outcome::NotMet);
    assert!(entries.missing.contains(&"release.certificate"));
}

#[test]
fn a_same_day_autologous_concentrate_needs_fewer_entries_than_an_expanded_lot() {
    let concentrate = json!({
        "name": "Same-day BMAC",
        "preparation": "bone_marrow_concentrate",
        "tissue": "bone_marrow",
        "donor": "autologous",
        "supply": "point_of_care",
        "processing": {"steps": ["centrifugation"]},
        "release": {"viable_nucleated_cells": 3e8,
                    "viability": [{"percent": 96, "timing": "before_freezing"}]}
    });
    let report = assess(concentrate);
    assert_eq!(
        finding(&report, RuleId::QualityCertificatePresent).outcome,
        Outcome::NotApplicable
    );
    assert_eq!(
        finding(&report, RuleId::QualityCertificateEntries).outcome,
        Outcome::Met
    );

    // The same release record for an allogeneic expanded lot misses many entries.
    let lot = json!({
        "name": "Expanded lot",
        "preparation": "culture_expanded_msc",
        "donor": "allogeneic_unrelated",
        "supply": "off_the_shelf",
        "release": {"viable_nucleated_cells": 3e8,
                    "viability": [{"percent": 96, "timing": "before_freezing"}]}
    });
    let report = assess(lot);
    let entries = finding(&report, RuleId::QualityCertificateEntries);
    assert_eq!(entries.outcome, Outcome::NotMet);
    for path in [
        "release.certificate",
        "release.sterility",
        "release.endotoxin_eu_per_ml",
        "release.mycoplasma",
        "release.identity",
    ] {
        assert!(entries.missing.contains(&path), "{path} in {entries}");
    }
}

#[test]
fn unknown_supply_and_donor_do_not_exempt_a_product_from_the_certificate() {
    let report = assess(json!({"name": "Vial", "preparation": "bone_marrow_concentrate"}));
    assert_eq!(
        finding(&report, RuleId::QualityCertificatePresent).outcome,
        Outcome::Undetermined
    );
}

#[test]
fn every_quality_rule_of_the_table_answers_exactly_once() {
    let report = assess(json!({"name": "Nothing known"}));
    let quality: Vec<RuleId> = RuleId::iter()
        .filter(|r| r.code().starts_with("quality."))
        .collect();
    assert!(quality.len() >= 16);
    for rule in &quality {
        let count = report.findings.iter().filter(|f| f.rule == *rule).count();
        assert_eq!(count, 1, "{rule}");
    }
    assert_eq!(report.findings.len(), quality.len());
    // Nothing is known, so nothing passes.
    assert_eq!(report.verdict, QualityVerdict::Undetermined);
    assert!(report.findings.iter().all(|f| f.outcome != Outcome::Met));
}

// ---- Policy documents ----

#[cfg(feature = "json")]
#[test]
fn a_policy_file_with_min_viability_140_is_rejected_naming_the_field() {
    let err = QualityPolicy::from_json(r#"{"min_viability_percent": 140}"#).unwrap_err();
    assert_eq!(err.path(), "min_viability_percent");
    assert!(
        err.message()
            .starts_with("percentage must be between 0 and 100, got 140"),
        "{err}"
    );

    let err = QualityPolicy::from_json(r#"{"min_viabilty_percent": 80}"#).unwrap_err();
    assert!(
        err.to_string()
            .contains("unknown field `min_viabilty_percent`")
    );

    let err = QualityPolicy::from_json(r#"{"require_coa_for": {"supply": ["vial"]}}"#).unwrap_err();
    assert_eq!(err.path(), "require_coa_for.supply[0]");
}

#[cfg(feature = "json")]
#[test]
fn the_default_policy_round_trips_through_json() {
    let default = QualityPolicy::default();
    let json = serde_json::to_string(&default).unwrap();
    assert_eq!(QualityPolicy::from_json(&json).unwrap(), default);
    assert_eq!(QualityPolicy::from_json("{}").unwrap(), default);
    assert_eq!(default.min_viability_percent.get(), 70.0);
    assert_eq!(default.positive_marker_min_percent.get(), 95.0);
    assert_eq!(default.negative_marker_max_percent.get(), 2.0);
    assert_eq!(default.min_viable_cells.get(), 1_000_000);
}

#[cfg(feature = "schemars")]
#[test]
fn the_policy_schema_accepts_the_default_and_rejects_140_percent() {
    let schema = serde_json::to_value(schemars::schema_for!(QualityPolicy)).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&serde_json::to_value(QualityPolicy::default()).unwrap()));
    assert!(!validator.is_valid(&json!({"min_viability_percent": 140})));
    assert!(!validator.is_valid(&json!({"no_such_field": 1})));
}

#[cfg(feature = "schemars")]
#[test]
fn the_report_has_a_schema_and_serializes() {
    let report = assess(good_lot());
    let value = serde_json::to_value(&report).unwrap();
    assert_eq!(value["verdict"], "pass");
    let schema = serde_json::to_value(schemars::schema_for!(QualityReport)).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn display_groups_findings_by_severity() {
    let mut lot = good_lot();
    set(&mut lot, &["release", "sterility"], json!("positive"));
    remove(&mut lot, &["recipient"]);
    let text = assess(lot).to_string();
    assert!(text.starts_with("Quality verdict: fail\n"), "{text}");
    let blocking = text.find("blocking (").unwrap();
    let warning = text.find("warning (").unwrap();
    let info = text.find("info (").unwrap();
    assert!(blocking < warning && warning < info, "{text}");
    let sterility = text.find("quality.safety.sterility").unwrap();
    let expansion = text.find("quality.dose.per_kg").unwrap();
    assert!(blocking < sterility && sterility < warning, "{text}");
    assert!(warning < expansion && expansion < info, "{text}");
}

// ---- Gaps found by mutation testing (cargo-mutants) ----

#[test]
fn the_total_count_is_shown_only_when_the_live_count_is_derived_from_it() {
    // A stated live count is the fact used; the total is not needed.
    let mut lot = good_lot();
    set(
        &mut lot,
        &["release", "total_nucleated_cells"],
        json!(160_000_000),
    );
    let report = assess(lot.clone());
    let f = finding(&report, RuleId::QualityViableCellCount);
    assert_eq!(f.outcome, Outcome::Met);
    assert!(
        f.fact_named("release.total_nucleated_cells").is_none(),
        "{f}"
    );

    // Ph. Eur. 2.7.29: without a stated live count, total x viability is used, and the total
    // is shown as the input it came from.
    remove(&mut lot, &["release", "viable_nucleated_cells"]);
    remove(&mut lot, &["dose", "viable_cells"]);
    let report = assess(lot);
    let f = finding(&report, RuleId::QualityViableCellCount);
    assert_eq!(number(f, "release.total_nucleated_cells"), 160_000_000.0);
    assert_eq!(
        f.fact_named("derived.viable_nucleated_cells")
            .map(|x| x.role),
        Some(FactRole::Derived)
    );
}

#[test]
fn an_expanded_lot_without_identity_data_is_blocked_until_it_shows_them() {
    // ISCT 2006: MSCs must express CD105, CD73 and CD90 and lack the haematopoietic markers.
    // A culture-expanded lot that reports no panel has not shown it.
    let mut lot = good_lot();
    remove(&mut lot, &["release", "identity"]);
    let report = assess(lot.clone());
    for rule in [
        RuleId::QualityIdentityPositiveMarkers,
        RuleId::QualityIdentityNegativeMarkers,
    ] {
        let f = finding(&report, rule);
        assert_eq!(
            (f.outcome, f.severity),
            (Outcome::Undetermined, Severity::Blocking),
            "{rule}"
        );
    }
    assert!(
        finding(&report, RuleId::QualityIdentityPositiveMarkers)
            .missing
            .contains(&"release.identity.markers.cd73")
    );
    assert_eq!(report.verdict, QualityVerdict::Undetermined);

    // A lot that is not called MSC gets the plain reason, not the "called MSC" one.
    remove(&mut lot, &["designation"]);
    let report = assess(lot);
    let f = finding(&report, RuleId::QualityIdentityPositiveMarkers);
    assert_eq!(f.outcome, Outcome::Undetermined);
    assert!(
        !f.reason
            .map(|r| r.text())
            .unwrap_or_default()
            .contains("called mesenchymal"),
        "{f}"
    );
}

#[test]
fn a_partial_panel_is_not_described_as_no_identity_data() {
    // Called MSC, with every marker but CD73 measured: the finding asks for CD73 and does not
    // say that no identity data were reported.
    let mut lot = good_lot();
    remove(&mut lot, &["release", "identity", "markers", "cd73"]);
    let report = assess(lot);
    let f = finding(&report, RuleId::QualityIdentityPositiveMarkers);
    assert_eq!(f.outcome, Outcome::Undetermined);
    assert_eq!(f.missing, vec!["release.identity.markers.cd73"]);
    assert!(
        !f.reason
            .map(|r| r.text())
            .unwrap_or_default()
            .contains("no identity data"),
        "{f}"
    );
}

#[test]
fn a_marker_outside_the_isct_limit_is_reported_as_such() {
    // CD105 at 90 % is below the ISCT 95 %: every marker was measured, one fails.
    let report = assess(with_marker("cd105", 90.0));
    let f = finding(&report, RuleId::QualityIdentityPositiveMarkers);
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::NotMet, Severity::Blocking)
    );
    let reason = f.reason.map(|r| r.text()).unwrap_or_default();
    assert!(reason.contains("ISCT limit"), "{f}");
    assert!(!reason.contains("not every"), "{f}");
    assert!(f.missing.is_empty(), "{f}");
}

#[test]
fn mycoplasma_is_a_release_criterion_only_for_cells_that_may_have_been_cultured() {
    // Mycoplasma contaminate cell cultures: a same-day bedside concentrate was never cultured.
    let concentrate = json!({
        "name": "Same-day BMAC",
        "preparation": "bone_marrow_concentrate",
        "tissue": "bone_marrow",
        "donor": "autologous",
        "supply": "point_of_care",
        "processing": {"steps": ["centrifugation"]}
    });
    let f = finding(&assess(concentrate.clone()), RuleId::QualityMycoplasma).clone();
    assert_eq!(f.outcome, Outcome::NotApplicable);

    // A result reported anyway is shown, but does not turn the test into a release criterion:
    // if it did, deleting the result would make the lot look better (fail closed: whether a
    // rule applies never depends on a fact whose absence would then read in the product's
    // favour).
    let mut positive = concentrate.clone();
    set(
        &mut positive,
        &["release"],
        json!({"mycoplasma": "positive"}),
    );
    let f = finding(&assess(positive), RuleId::QualityMycoplasma).clone();
    assert_eq!(f.outcome, Outcome::NotApplicable);
    assert!(f.fact_named("release.mycoplasma").is_some());

    // Culture not known: the test is asked for, and a positive result fails the lot.
    let mut unknown = concentrate;
    remove(&mut unknown, &["preparation"]);
    remove(&mut unknown, &["processing"]);
    set(
        &mut unknown,
        &["release"],
        json!({"mycoplasma": "positive"}),
    );
    let report = assess(unknown);
    let f = finding(&report, RuleId::QualityMycoplasma);
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::NotMet, Severity::Blocking)
    );
    assert_eq!(report.verdict, QualityVerdict::Fail);
}

#[test]
fn population_doublings_without_a_limit_are_not_judged_met() {
    // No universal doubling limit exists: 30 doublings with no limit stated is a question.
    let mut lot = good_lot();
    remove(&mut lot, &["release", "passage"]);
    remove(&mut lot, &["release", "passage_limit"]);
    set(&mut lot, &["release", "population_doublings"], json!(30.0));
    let f = finding(&assess(lot), RuleId::QualityExpansionLimit).clone();
    assert_eq!(f.outcome, Outcome::Undetermined);
    assert_eq!(f.missing, vec!["release.population_doubling_limit"]);
}

#[test]
fn the_processing_is_asked_for_only_when_culture_expansion_is_unknown() {
    // Known to be expanded (good lot), no limit: ask for the limit, not the processing.
    let mut lot = good_lot();
    remove(&mut lot, &["release", "passage_limit"]);
    let f = finding(&assess(lot), RuleId::QualityExpansionLimit).clone();
    assert_eq!(f.outcome, Outcome::Undetermined);
    assert!(!f.missing.contains(&"processing.steps"), "{f}");

    // Nothing says whether the cells were cultured: the processing is asked for too.
    let report = assess(json!({"name": "Cell vial", "release": {"passage": 3}}));
    let f = finding(&report, RuleId::QualityExpansionLimit);
    assert_eq!(f.outcome, Outcome::Undetermined);
    assert!(f.missing.contains(&"processing.steps"), "{f}");
}

#[test]
fn the_perinatal_rule_applies_to_birth_tissue_only() {
    // Bone marrow is not perinatal tissue.
    let report = assess(good_lot());
    assert_eq!(
        finding(&report, RuleId::QualityPerinatalMscEvidence).outcome,
        Outcome::NotApplicable
    );

    // An umbilical cord product must show identity or colony-forming cells on its release
    // record (Berger et al. 2021 found none in commercial cord products).
    let report = assess(json!({
        "name": "Umbilical cord allograft",
        "preparation": "perinatal_allograft",
        "tissue": "umbilical_cord_tissue",
        "donor": "allogeneic_unrelated",
        "supply": "off_the_shelf",
        "release": {"state": "cryopreserved",
                    "viable_nucleated_cells": 1.5e7,
                    "viability": [{"percent": 80, "timing": "post_thaw"}]}
    }));
    let entries = finding(&report, RuleId::QualityCertificateEntries);
    assert!(
        entries
            .missing
            .contains(&"release.identity or release.cfu_f_per_million"),
        "{entries}"
    );
}

#[test]
fn an_off_the_shelf_vial_of_unknown_tissue_is_still_held_to_msc_evidence() {
    // Off-the-shelf "stem cell" vials are typically birth tissue; an unstated tissue does not
    // exempt one. No colony-forming cells: not shown to be MSCs.
    let report = assess(json!({
        "name": "Stem cell vial",
        "preparation": "perinatal_allograft",
        "donor": "allogeneic_unrelated",
        "supply": "off_the_shelf",
        "release": {"cfu_f_per_million": 0}
    }));
    assert_eq!(
        finding(&report, RuleId::QualityPerinatalMscEvidence).outcome,
        Outcome::NotMet
    );
}

#[test]
fn a_bedside_product_of_unknown_tissue_is_asked_for_the_tissue() {
    // Not off the shelf and the tissue unknown: whether it is birth tissue cannot be told.
    let report = assess(json!({
        "name": "Clinic cell injection",
        "supply": "point_of_care",
        "release": {"cfu_f_per_million": 0}
    }));
    let f = finding(&report, RuleId::QualityPerinatalMscEvidence);
    assert_eq!(f.outcome, Outcome::Undetermined);
    assert_eq!(f.missing, vec!["tissue"]);
}

#[test]
fn an_isct_identity_panel_shows_mscs_in_a_cord_product_without_a_cfu_assay() {
    // Identity markers within the ISCT 2006 limits are evidence of MSCs on their own.
    let mut cord = json!({
        "name": "Umbilical cord MSC lot",
        "preparation": "perinatal_allograft",
        "tissue": "umbilical_cord_tissue",
        "donor": "allogeneic_unrelated",
        "supply": "off_the_shelf",
        "release": {"state": "cryopreserved",
                    "viable_nucleated_cells": 1.5e7,
                    "viability": [{"percent": 80, "timing": "post_thaw"}]}
    });
    let panel = good_lot()["release"]["identity"].clone();
    set(&mut cord, &["release", "identity"], panel);
    assert_eq!(
        finding(&assess(cord), RuleId::QualityPerinatalMscEvidence).outcome,
        Outcome::Met
    );
}

#[test]
fn donor_cells_need_a_certificate_even_when_prepared_at_the_bedside() {
    // Source text 2: "If it's donor tissue ... ask for the Certificate of Analysis". Donor cells
    // need one whatever the supply model, even never cultured.
    let report = assess(json!({
        "name": "Donor marrow concentrate",
        "preparation": "bone_marrow_concentrate",
        "tissue": "bone_marrow",
        "donor": "allogeneic_unrelated",
        "supply": "point_of_care",
        "processing": {"steps": ["centrifugation"]}
    }));
    let f = finding(&report, RuleId::QualityCertificatePresent);
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::Undetermined, Severity::Blocking)
    );

    // A lot made away from the bedside needs one even from the patient's own cells.
    let report = assess(json!({
        "name": "Banked own marrow concentrate",
        "preparation": "bone_marrow_concentrate",
        "tissue": "bone_marrow",
        "donor": "autologous",
        "supply": "patient_specific",
        "processing": {"steps": ["centrifugation"]}
    }));
    assert_eq!(
        finding(&report, RuleId::QualityCertificatePresent).outcome,
        Outcome::Undetermined
    );
}

#[test]
fn a_colony_count_alone_fills_the_perinatal_entry_of_the_record() {
    // For birth tissue the record must show identity markers or a CFU-F assay: either one.
    let report = assess(json!({
        "name": "Umbilical cord allograft",
        "preparation": "perinatal_allograft",
        "tissue": "umbilical_cord_tissue",
        "donor": "allogeneic_unrelated",
        "supply": "off_the_shelf",
        "release": {"state": "cryopreserved",
                    "viable_nucleated_cells": 1.5e7,
                    "viability": [{"percent": 80, "timing": "post_thaw"}],
                    "cfu_f_per_million": 20}
    }));
    let entries = finding(&report, RuleId::QualityCertificateEntries);
    assert!(
        !entries
            .missing
            .contains(&"release.identity or release.cfu_f_per_million"),
        "{entries}"
    );
}

#[test]
fn exosomes_from_cultured_cells_are_not_held_to_cell_identity_criteria() {
    // ISCT 2006 defines MSCs, which are cells: a cell-free preparation made from cultured
    // cells, with no marker panel, is not judged on them.
    let report = assess(json!({
        "name": "MSC exosomes",
        "preparation": "extracellular_vesicles",
        "processing": {"steps": ["culture_expansion"]}
    }));
    for rule in [
        RuleId::QualityIdentityPositiveMarkers,
        RuleId::QualityIdentityNegativeMarkers,
    ] {
        assert_eq!(
            finding(&report, rule).outcome,
            Outcome::NotApplicable,
            "{rule}"
        );
    }
}

// ---- Property: worsening any measured value never improves the verdict ----

#[derive(Debug, Clone)]
enum Worsen {
    Viability(f64),
    PositiveMarker(&'static str, f64),
    NegativeMarker(&'static str, f64),
    Endotoxin(f64),
    ViableCells(f64),
    Passage(u64),
    CfuF(f64),
    Sterility,
    Mycoplasma,
    PlasticAdherence,
}

fn worsen() -> impl Strategy<Value = Worsen> {
    prop_oneof![
        (0.0..50.0f64).prop_map(Worsen::Viability),
        (
            prop::sample::select(vec!["cd73", "cd90", "cd105"]),
            0.0..20.0f64
        )
            .prop_map(|(m, d)| Worsen::PositiveMarker(m, d)),
        (
            prop::sample::select(vec!["cd45", "cd34", "cd14", "cd79a", "hla_dr"]),
            0.0..5.0f64
        )
            .prop_map(|(m, d)| Worsen::NegativeMarker(m, d)),
        (0.0..30.0f64).prop_map(Worsen::Endotoxin),
        (0.0..1.0f64).prop_map(Worsen::ViableCells),
        (0u64..5).prop_map(Worsen::Passage),
        (0.0..1.0f64).prop_map(Worsen::CfuF),
        Just(Worsen::Sterility),
        Just(Worsen::Mycoplasma),
        Just(Worsen::PlasticAdherence),
    ]
}

fn num(value: &Value, path: &[&str]) -> f64 {
    let mut node = value;
    for key in path {
        node = &node[*key];
    }
    node.as_f64().expect("number")
}

fn apply(mut lot: Value, change: &Worsen) -> Value {
    match change {
        Worsen::Viability(d) => {
            let arr = lot["release"]["viability"].as_array_mut().unwrap();
            for entry in arr {
                let p = entry["percent"].as_f64().unwrap();
                entry["percent"] = json!((p - d).max(0.0));
            }
        }
        Worsen::PositiveMarker(m, d) => {
            let p = num(&lot, &["release", "identity", "markers", m]);
            set(
                &mut lot,
                &["release", "identity", "markers", m],
                json!((p - d).max(0.0)),
            );
        }
        Worsen::NegativeMarker(m, d) => {
            let p = num(&lot, &["release", "identity", "markers", m]);
            set(
                &mut lot,
                &["release", "identity", "markers", m],
                json!((p + d).min(100.0)),
            );
        }
        Worsen::Endotoxin(d) => {
            let p = num(&lot, &["release", "endotoxin_eu_per_ml"]);
            set(&mut lot, &["release", "endotoxin_eu_per_ml"], json!(p + d));
        }
        Worsen::ViableCells(share) => {
            for path in [
                ["release", "viable_nucleated_cells"],
                ["dose", "viable_cells"],
            ] {
                let n = num(&lot, &path);
                set(&mut lot, &path, json!((n * share).floor().max(1.0)));
            }
        }
        Worsen::Passage(d) => {
            let p = num(&lot, &["release", "passage"]);
            #[allow(clippy::cast_precision_loss)]
            let new = (p + *d as f64).min(100.0);
            set(&mut lot, &["release", "passage"], json!(new as u64));
        }
        Worsen::CfuF(share) => {
            let p = num(&lot, &["release", "cfu_f_per_million"]);
            set(
                &mut lot,
                &["release", "cfu_f_per_million"],
                json!((p * share).floor()),
            );
        }
        Worsen::Sterility => worsen_test(&mut lot, "sterility"),
        Worsen::Mycoplasma => worsen_test(&mut lot, "mycoplasma"),
        Worsen::PlasticAdherence => {
            set(
                &mut lot,
                &["release", "identity", "plastic_adherent"],
                json!(false),
            );
        }
    }
    lot
}

fn worsen_test(lot: &mut Value, test: &str) {
    let next = match lot["release"][test].as_str() {
        Some("negative") => "pending",
        _ => "positive",
    };
    set(lot, &["release", test], json!(next));
}

fn test_result() -> impl Strategy<Value = &'static str> {
    prop_oneof![8 => Just("negative"), 1 => Just("pending"), 1 => Just("positive")]
}

prop_compose! {
    /// A lot whose measured values lie mostly on the passing side of each threshold, so that
    /// worsening them often crosses one, with a random perinatal or non-perinatal tissue.
    fn random_lot()(
        viability in 60.0..100.0f64,
        positive in prop::collection::vec(93.0..100.0f64, 3),
        negative in prop::collection::vec(0.0..2.5f64, 5),
        endotoxin in 0.0..1.0f64,
        log_cells in 5.5..8.5f64,
        passage in 0u64..7,
        cfu in 0.0..50.0f64,
        sterility in test_result(),
        mycoplasma in test_result(),
        tissue in prop::sample::select(vec!["bone_marrow", "umbilical_cord_tissue", "amniotic_fluid"]),
        route in prop::sample::select(vec!["intravenous", "intrathecal", "intra_articular"]),
    ) -> Value {
        let mut lot = good_lot();
        let cells = 10f64.powf(log_cells).floor();
        set(&mut lot, &["tissue"], json!(tissue));
        set(&mut lot, &["delivery", "route"], json!(route));
        set(&mut lot, &["release", "viability"], json!([{"percent": viability, "timing": "post_thaw"}]));
        for (m, v) in ["cd73", "cd90", "cd105"].iter().zip(&positive) {
            set(&mut lot, &["release", "identity", "markers", m], json!(v));
        }
        for (m, v) in ["cd45", "cd34", "cd14", "cd79a", "hla_dr"].iter().zip(&negative) {
            set(&mut lot, &["release", "identity", "markers", m], json!(v));
        }
        set(&mut lot, &["release", "endotoxin_eu_per_ml"], json!(endotoxin));
        set(&mut lot, &["release", "viable_nucleated_cells"], json!(cells));
        set(&mut lot, &["dose", "viable_cells"], json!(cells));
        set(&mut lot, &["release", "passage"], json!(passage));
        set(&mut lot, &["release", "cfu_f_per_million"], json!(cfu.floor()));
        set(&mut lot, &["release", "sterility"], json!(sterility));
        set(&mut lot, &["release", "mycoplasma"], json!(mycoplasma));
        lot
    }
}

/// How favourable one finding is for the verdict: 0 blocking and not met, 1 blocking and
/// undetermined, 2 a warning, 3 information only.
fn favour(finding: &Finding) -> u8 {
    match (finding.severity, finding.outcome) {
        (Severity::Blocking, Outcome::NotMet) => 0,
        (Severity::Blocking, _) => 1,
        (Severity::Warning, _) => 2,
        _ => 3,
    }
}

proptest! {
    #[test]
    fn worsening_a_measured_value_never_improves_the_verdict(
        lot in random_lot(),
        changes in prop::collection::vec(worsen(), 1..4),
    ) {
        let before = assess(lot.clone());
        let mut worse = lot;
        for change in &changes {
            worse = apply(worse, change);
        }
        let after = assess(worse);
        prop_assert!(
            after.verdict <= before.verdict,
            "{changes:?}: {} -> {}\nbefore:\n{before}\nafter:\n{after}",
            before.verdict,
            after.verdict
        );
        // Stronger: no single finding becomes more favourable either.
        for (b, a) in before.findings.iter().zip(&after.findings) {
            prop_assert_eq!(a.rule, b.rule);
            prop_assert!(favour(a) <= favour(b), "{:?}: {} -> {}", changes, b, a);
        }
    }
}

/// USP <85>: "the endotoxin limit … is K/M", K = 5 EU/kg for any route but intrathecal, M the
/// maximum dose per kg in one hour. The compendial limit is the default: a product that states
/// no endotoxin specification of its own is held to K/M, and the finding names that limit
/// (`limit.source = usp_85`). Corrected in issue #18: this record used to be undetermined.
#[test]
fn a_result_within_usp_85_without_the_products_own_specification_is_released_on_the_compendial_limit()
 {
    let mut lot = good_lot();
    remove(&mut lot, &["release", "endotoxin_limit_eu_per_ml"]);
    let report = assess(lot);
    let f = finding(&report, RuleId::QualityEndotoxin);
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::Met, Severity::Info),
        "{f}"
    );
    assert!(f.missing.is_empty(), "{f}");
    assert_eq!(
        f.fact_named("limit.source").map(|x| &x.value),
        Some(&FactValue::Text("usp_85".into()))
    );
    assert_eq!(report.verdict, QualityVerdict::Pass, "{report}");
}

/// `missing` lists exactly the facts that could change the dose comparison: with the viable
/// cells given, a GvHD dose compared only with label doses per kg (Ryoncil, Temcell: 2 × 10⁶
/// cells/kg) needs the body weight or the dose per kg — not the cells it already has.
#[test]
fn a_dose_compared_per_kg_lacks_the_weight_or_the_dose_per_kg_not_the_cells_given() {
    let mut lot = good_lot();
    remove(&mut lot, &["recipient"]);
    set(
        &mut lot,
        &["intended_use"],
        json!({"indications": ["graft_versus_host_disease"]}),
    );
    let report = assess(lot.clone());
    let reference = finding(&report, RuleId::QualityDoseReference);
    assert_eq!(reference.outcome, Outcome::Undetermined);
    assert_eq!(
        reference.missing,
        ["recipient.weight_kg", "dose.cells_per_kg"]
    );
    let per_kg = finding(&report, RuleId::QualityDosePerKg);
    assert_eq!(per_kg.missing, ["recipient.weight_kg", "dose.cells_per_kg"]);

    // The dose per kg, stated, settles both.
    set(&mut lot, &["dose", "cells_per_kg"], json!(2e6));
    let report = assess(lot);
    assert_ne!(
        finding(&report, RuleId::QualityDoseReference).outcome,
        Outcome::Undetermined
    );
    assert_eq!(
        finding(&report, RuleId::QualityDosePerKg).outcome,
        Outcome::Met
    );
}

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
#[allow(dead_code)]
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);
