//! **Real records: manufacturing and release facts** (issue #19).
//!
//! Each test reads a product document of `tests/data/real_records/lab_*.json`, written from a
//! published FDA source (a warning letter, or FDA's own compliance policy guide where no letter
//! to a cell firm was found), and holds the quality engine to the source's conclusion: the firm's
//! lot fails on the fact the letter turns on. `tests/real_records/README.md` ("Manufacturing and
//! release") names each source: issuer, date, reference number.
//!
//! The documents record only what the source states; every other fact is absent, and the tests
//! check that an absent fact is never read in the product's favour.

use jiff::civil::{Date, date};
use msc_therapy::engine::quality::{QualityPolicy, QualityReport, QualityVerdict};
use msc_therapy::vocab::Percent;
use msc_therapy::{Finding, Outcome, Product, RuleId, Severity, assess_quality};

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
const ON: Date = date(2026, 12, 7);

fn record(text: &str) -> Product {
    Product::from_json(text).expect("a real-record document parses")
}

fn assess(product: &Product) -> QualityReport {
    assess_quality(product, &QualityPolicy::default(), ON)
}

fn finding(report: &QualityReport, rule: RuleId) -> &Finding {
    report
        .finding(rule)
        .unwrap_or_else(|| panic!("no finding for {rule}"))
}

/// The finding fails the lot: not met, blocking.
fn fails(report: &QualityReport, rule: RuleId) {
    let f = finding(report, rule);
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::NotMet, Severity::Blocking),
        "{f}"
    );
}

const GENETECH: &str = include_str!("data/real_records/lab_genetech_2018_cord_blood.json");
const KIMERA: &str = include_str!("data/real_records/lab_kimera_2023_exosomes.json");
const STEMGENEX: &str = include_str!("data/real_records/lab_stemgenex_2018_svf.json");
const PINNACLE: &str = include_str!("data/real_records/lab_pinnacle_2024_palingen.json");
const CPG_480_300: &str = include_str!("data/real_records/lab_cpg_480_300_no_stability_data.json");
const WJCC_2023: &str =
    include_str!("data/real_records/lab_wjcc_2023_ucmsc_timing_not_stated.json");
const CULTURED: &str = include_str!("../examples/data/products/cultured_bone_marrow_msc.json");

// ---------------------------------------------------------------------------------------------
// The letters
// ---------------------------------------------------------------------------------------------

/// FDA Warning Letter OBPO 19-03 to Genetech, Inc. (29 Nov 2018): no donor-eligibility
/// determination for the cord blood of allogeneic products, and non-sterile "research use only"
/// reagents added to batches. Both fail the lot, as the letter finds them to.
#[test]
fn genetech_2018_no_donor_eligibility_and_research_grade_reagents_fail_the_lot() {
    let product = record(GENETECH);
    let report = assess(&product);
    fails(&report, RuleId::QualityDonorEligibility);
    fails(&report, RuleId::QualityReagentGrade);
    assert_eq!(report.verdict, QualityVerdict::Fail);
    let de = finding(&report, RuleId::QualityDonorEligibility);
    assert_eq!(
        de.path.as_deref(),
        Some("manufacturing.donor_eligibility_determined")
    );
    assert!(
        de.reason
            .map(|r| r.text())
            .is_some_and(|r| r.contains("1271.265(c)(2)")),
        "{de}"
    );

    // What the letter asks for: a determination made, and no research-grade reagent. Each rule
    // is then met (and the lot is no longer failed on them).
    let mut corrected = product.clone();
    let m = corrected
        .manufacturing
        .as_mut()
        .expect("a manufacturing record");
    m.donor_eligibility_determined = Some(true);
    m.research_grade_reagents_used = Some(false);
    let report = assess(&corrected);
    assert_eq!(
        finding(&report, RuleId::QualityDonorEligibility).outcome,
        Outcome::Met
    );
    assert_eq!(
        finding(&report, RuleId::QualityReagentGrade).outcome,
        Outcome::Met
    );
}

/// Kimera Labs, Warning Letter 23-649343 (1 Sep 2023): a lot with a positive sterility result,
/// its investigation not documented, every vial distributed. Three findings fail the lot.
#[test]
fn kimera_2023_positive_sterility_uninvestigated_and_distributed_fails_the_lot() {
    let report = assess(&record(KIMERA));
    fails(&report, RuleId::QualitySterility);
    fails(&report, RuleId::QualitySterilityInvestigation);
    fails(&report, RuleId::QualityReleaseBeforeResults);
    assert_eq!(report.verdict, QualityVerdict::Fail);
    // The investigation finding shows the lot's own sterility result beside the statement.
    let investigation = finding(&report, RuleId::QualitySterilityInvestigation);
    assert!(
        investigation
            .facts
            .iter()
            .any(|f| f.name == "release.sterility"),
        "{investigation}"
    );
}

/// StemGenex Biologic Laboratories, Warning Letter OBPO 19-02 (31 Oct 2018): no media fills for
/// the aseptic process of an autologous SVF. The unvalidated process fails the lot; the
/// patient's own fat needs no donor-eligibility determination (21 CFR 1271.90(a)(1)).
#[test]
fn stemgenex_2018_aseptic_process_without_media_fills_fails_the_lot() {
    let report = assess(&record(STEMGENEX));
    fails(&report, RuleId::QualityAsepticValidation);
    assert_eq!(report.verdict, QualityVerdict::Fail);
    assert_eq!(
        finding(&report, RuleId::QualityDonorEligibility).outcome,
        Outcome::NotApplicable
    );
}

/// Pinnacle Transplant Technologies, Warning Letter CBER 24-646783 (1 Oct 2024): media fills
/// that did not follow the commercial process, eight sterility failures not investigated. The
/// letter says nothing of the donors: the determination stays open, and is asked for.
#[test]
fn pinnacle_2024_unvalidated_aseptic_process_and_uninvestigated_failures_fail_the_lot() {
    let report = assess(&record(PINNACLE));
    fails(&report, RuleId::QualityAsepticValidation);
    fails(&report, RuleId::QualitySterilityInvestigation);
    assert_eq!(report.verdict, QualityVerdict::Fail);
    let de = finding(&report, RuleId::QualityDonorEligibility);
    assert_eq!(
        (de.outcome, de.severity),
        (Outcome::Undetermined, Severity::Warning)
    );
    assert!(
        de.missing
            .contains("manufacturing.donor_eligibility_determined")
    );
}

/// FDA Compliance Policy Guide Sec. 480.300 (CPG 7132a.10): a prescription drug whose
/// stability studies do not exist is a ground for a warning letter (21 CFR 211.137).
#[test]
fn cpg_480_300_expiry_without_stability_data_fails_the_lot() {
    let report = assess(&record(CPG_480_300));
    fails(&report, RuleId::QualityExpiryDating);
    assert_eq!(report.verdict, QualityVerdict::Fail);
}

/// The donor-eligibility rules of 21 CFR 1271 subpart C apply from 25 May 2005, "the effective
/// date of the applicable regulations" (FDA, Order to Cease Manufacturing to Newborn Blood
/// Banking, Inc., 19 Feb 2010). Before it the rule does not apply; the CGMP rule on reagents
/// (21 CFR 211.84) still does.
#[test]
fn donor_eligibility_applies_from_25_may_2005() {
    let product = record(GENETECH);
    let policy = QualityPolicy::default();
    let before = assess_quality(&product, &policy, date(2005, 5, 24));
    assert_eq!(
        finding(&before, RuleId::QualityDonorEligibility).outcome,
        Outcome::NotApplicable
    );
    fails(&before, RuleId::QualityReagentGrade);
    let from = assess_quality(&product, &policy, date(2005, 5, 25));
    fails(&from, RuleId::QualityDonorEligibility);
    assert_eq!(
        RuleId::QualityDonorEligibility.holds_from(),
        Some(date(2005, 5, 25))
    );
}

// ---------------------------------------------------------------------------------------------
// Absent facts: not stated, never done
// ---------------------------------------------------------------------------------------------

/// 21 CFR 1271.265(c)(2): a lot from a donor "for whom a donor-eligibility determination has
/// not been completed" must not be made available for distribution. A lot record of another
/// person's cells that does not state the determination never passes without a warning that
/// asks for it (it is a condition of distribution, not a test result of the lot, and the
/// summary of records that states it accompanies the lot, 1271.55); the establishment's process
/// facts, absent, are listed as missing without moving the verdict.
#[test]
fn an_absent_donor_eligibility_determination_is_asked_for_on_an_allogeneic_lot() {
    let lot = record(CULTURED);
    assert_eq!(assess(&lot).verdict, QualityVerdict::Pass);

    let mut unstated = lot.clone();
    unstated.manufacturing = None;
    let report = assess(&unstated);
    assert_eq!(report.verdict, QualityVerdict::PassWithWarnings);
    let de = finding(&report, RuleId::QualityDonorEligibility);
    assert_eq!(
        (de.outcome, de.severity),
        (Outcome::Undetermined, Severity::Warning)
    );
    for rule in [
        RuleId::QualityAsepticValidation,
        RuleId::QualityReagentGrade,
        RuleId::QualitySterilityInvestigation,
        RuleId::QualityExpiryDating,
        RuleId::QualityReleaseBeforeResults,
    ] {
        let f = finding(&report, rule);
        assert_eq!(
            (f.outcome, f.severity),
            (Outcome::Undetermined, Severity::Info),
            "{f}"
        );
        assert_eq!(f.missing.len(), 1, "{f}");
    }

    // The determination alone settles the lot: the process facts are the establishment's.
    let mut determined = unstated.clone();
    let mut m = msc_therapy::document::Manufacturing::default();
    m.donor_eligibility_determined = Some(true);
    determined.manufacturing = Some(m);
    assert_eq!(assess(&determined).verdict, QualityVerdict::Pass);

    // The donor unstated: the determination is required (the patient's own cells, stated,
    // would need none), and both facts are listed.
    let mut no_donor = unstated;
    no_donor.donor = None;
    let de = finding(&assess(&no_donor), RuleId::QualityDonorEligibility).clone();
    assert_eq!(de.outcome, Outcome::Undetermined);
    assert!(de.missing.contains("donor"), "{de}");
}

// ---------------------------------------------------------------------------------------------
// A viability figure of unstated timing, and an unstated product state
// ---------------------------------------------------------------------------------------------

/// World J Clin Cases 2023;11(21):5083, Table 1: viability of at least 90 % for the frozen
/// product, at least 85 % for the infusion product. A figure of 88 % whose timing is not stated meets one
/// specification and not the other: it cannot count as the post-thaw (infusion) result the lot
/// is judged on. Stated post-thaw it meets the infusion specification; 80 % fails both.
#[test]
fn wjcc_2023_a_viability_of_unstated_timing_is_no_post_thaw_result() {
    let policy = QualityPolicy {
        min_viability_percent: Percent::new(85.0).expect("a percentage"),
        ..QualityPolicy::default()
    };
    let lot = record(WJCC_2023);
    let report = assess_quality(&lot, &policy, ON);
    let minimum = finding(&report, RuleId::QualityViabilityMinimum);
    assert_eq!(
        (minimum.outcome, minimum.severity),
        (Outcome::Undetermined, Severity::Blocking),
        "{minimum}"
    );
    assert!(
        minimum.missing.contains("release.viability.timing"),
        "{minimum}"
    );
    let post_thaw = finding(&report, RuleId::QualityViabilityPostThaw);
    assert_eq!(post_thaw.outcome, Outcome::Undetermined, "{post_thaw}");
    assert!(post_thaw.missing.contains("release.viability.timing"));
    assert_ne!(report.verdict, QualityVerdict::Pass);

    // Stated post-thaw: the infusion product's figure, and it meets its specification.
    let mut timed = lot.clone();
    timed.release.as_mut().expect("release").viability[0].timing =
        Some(msc_therapy::vocab::ViabilityTiming::PostThaw);
    let report = assess_quality(&timed, &policy, ON);
    assert_eq!(
        finding(&report, RuleId::QualityViabilityMinimum).outcome,
        Outcome::Met
    );
    assert_eq!(
        finding(&report, RuleId::QualityViabilityPostThaw).outcome,
        Outcome::Met
    );

    // 80 % of unstated timing is below both specifications: whenever it was measured, it fails.
    let mut low = lot;
    low.release.as_mut().expect("release").viability[0].percent =
        Percent::new(80.0).expect("a percentage");
    let report = assess_quality(&low, &policy, ON);
    let minimum = finding(&report, RuleId::QualityViabilityMinimum);
    assert_eq!(
        (minimum.outcome, minimum.severity),
        (Outcome::NotMet, Severity::Blocking),
        "{minimum}"
    );
    assert_eq!(report.verdict, QualityVerdict::Fail);
}

/// A figure of unstated timing beside a post-thaw one counts when it is lower: it may be the
/// post-thaw figure of another vial. Never frozen (a fresh product), it is judged like any
/// figure; with the state unstated too, it settles nothing, and both facts are missing.
#[test]
fn unstated_timing_and_unstated_state_are_read_least_favourably() {
    let lot = record(WJCC_2023);
    let policy = QualityPolicy::default(); // minimum 70 %
    let with = |figures: serde_json::Value, state: Option<&str>| {
        let mut doc: serde_json::Value = serde_json::from_str(WJCC_2023).expect("json");
        doc["release"]["viability"] = figures;
        if state != Some("cryopreserved") {
            doc["processing"]["steps"] = serde_json::json!(["culture_expansion"]);
        }
        match state {
            Some(s) => doc["release"]["state"] = serde_json::json!(s),
            None => {
                doc["release"]
                    .as_object_mut()
                    .expect("release")
                    .remove("state");
            }
        }
        Product::from_json(&doc.to_string()).expect("valid")
    };
    // Beside a post-thaw 90 %, an unstated 60 % is the figure judged: the lot fails.
    let mixed = with(
        serde_json::json!([{"percent": 90, "timing": "post_thaw"}, {"percent": 60}]),
        Some("cryopreserved"),
    );
    let report = assess_quality(&mixed, &policy, ON);
    assert_eq!(
        finding(&report, RuleId::QualityViabilityMinimum).outcome,
        Outcome::NotMet
    );
    // Fresh: the unstated figure describes the product as given.
    let fresh = with(serde_json::json!([{"percent": 88}]), Some("fresh"));
    let report = assess_quality(&fresh, &policy, ON);
    assert_eq!(
        finding(&report, RuleId::QualityViabilityMinimum).outcome,
        Outcome::Met
    );
    // Neither the state nor the timing stated: undetermined, both listed.
    let open = with(serde_json::json!([{"percent": 88}]), None);
    let report = assess_quality(&open, &policy, ON);
    let minimum = finding(&report, RuleId::QualityViabilityMinimum);
    assert_eq!(minimum.outcome, Outcome::Undetermined, "{minimum}");
    assert!(minimum.missing.contains("release.state"), "{minimum}");
    assert!(
        minimum.missing.contains("release.viability.timing"),
        "{minimum}"
    );
    assert_eq!(
        finding(&report, RuleId::QualityViabilityPostThaw).outcome,
        Outcome::Undetermined
    );
    // The document without a timing still parses, and writes none back.
    let text = serde_json::to_string(&lot).expect("serialises");
    assert!(!text.contains("\"timing\""), "{text}");
}
