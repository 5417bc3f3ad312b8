//! The certainty and the dates of the law: every finding names its basis, a favourable finding
//! resting only on the crate's reading is never information, every report states the date it
//! applied, and a date after the crate's knowledge horizon is answered with a warning.

#[path = "common/samples.rs"]
mod samples;

use jiff::civil::{Date, date};
use msc_therapy::engine::quality::{QualityPolicy, QualityVerdict};
use msc_therapy::finding::{Basis, Compact, KNOWLEDGE_HORIZON};
use msc_therapy::{
    ClinicOffer, Finding, Outcome, Product, ProductAssessment, RuleId, Severity, assess_product,
    assess_quality, evaluate_offer,
};
use samples::{OFFERS, PRODUCTS};

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
const ON: Date = date(2026, 12, 7);

fn products() -> Vec<(&'static str, Product)> {
    PRODUCTS
        .iter()
        .map(|(name, text)| (*name, Product::from_json(text).expect("sample parses")))
        .collect()
}

fn offers() -> Vec<(&'static str, ClinicOffer)> {
    OFFERS
        .iter()
        .map(|(name, text)| (*name, ClinicOffer::from_json(text).expect("sample parses")))
        .collect()
}

fn all_findings(a: &ProductAssessment<'_>) -> Vec<Finding> {
    a.us.findings
        .iter()
        .chain(&a.quality.findings)
        .chain(&a.eu.findings)
        .chain(&a.jp.findings)
        .cloned()
        .collect()
}

/// The rule of certainty: "A favourable answer resting only on the crate's reading is a
/// warning, never info." Checked on every finding of every bundled sample, on two dates.
#[test]
fn no_favourable_finding_rests_on_the_crates_reading_alone_at_info() {
    for on in [ON, date(2027, 8, 7)] {
        let mut findings: Vec<Finding> = products()
            .iter()
            .flat_map(|(_, p)| all_findings(&assess_product(p, on)))
            .collect();
        for (_, offer) in offers() {
            findings.extend(evaluate_offer(&offer, on).findings().cloned());
        }
        assert!(!findings.is_empty());
        for f in &findings {
            assert!(
                !(f.basis == Basis::CrateReading
                    && f.severity == Severity::Info
                    && f.outcome == Outcome::Met),
                "{f}"
            );
        }
    }
}

#[test]
fn every_rule_names_a_basis_and_a_finding_starts_with_its_rules() {
    for rule in RuleId::ALL {
        let finding = Finding::new(*rule, Outcome::Met, Severity::Info);
        assert_eq!(finding.basis, rule.basis(), "{rule}");
    }
    // 21 CFR 1271.10(a)(3) is the regulation's own text; the minimal manipulation criterion is
    // applied through FDA's guidance and its worked examples.
    assert_eq!(RuleId::UsNoCombination.basis(), Basis::RegulationText);
    assert_eq!(RuleId::UsMinimalManipulation.basis(), Basis::Guidance);
    // USP <85> sets the endotoxin limit K/M: a pharmacopoeia.
    assert_eq!(RuleId::QualityEndotoxin.basis(), Basis::Standard);
}

#[test]
fn the_basis_is_written_in_the_full_form_and_read_back_from_either_form() {
    let (_, product) = &products()[0];
    let mut finding = assess_product(product, ON).us.findings[0].clone();
    let full = serde_json::to_value(&finding).unwrap();
    assert_eq!(full["basis"], finding.rule.basis().code());
    // The compact form leaves a default basis out, and writes one that differs.
    let compact = serde_json::to_value(Compact(&finding)).unwrap();
    assert!(compact.get("basis").is_none(), "{compact}");
    finding.basis = Basis::CourtDecision;
    let compact = serde_json::to_value(Compact(&finding)).unwrap();
    assert_eq!(compact["basis"], "court_decision");
    let back: Finding = serde_json::from_value(compact).unwrap();
    assert_eq!(back, finding);
    assert!(
        finding.to_string().contains("[a court decision: "),
        "{finding}"
    );
}

#[test]
fn every_report_states_the_date_it_applied() {
    let on = date(2026, 3, 1);
    for (name, product) in products() {
        let a = assess_product(&product, on);
        let json = serde_json::to_value(&a).unwrap();
        for path in [
            "/evaluated_on",
            "/us/evaluated_on",
            "/quality/evaluated_on",
            "/eu/evaluated_on",
            "/jp/evaluated_on",
        ] {
            assert_eq!(
                json.pointer(path).and_then(|v| v.as_str()),
                Some("2026-03-01"),
                "{name} {path}"
            );
        }
        let back: ProductAssessment<'_> = serde_json::from_value(json).unwrap();
        assert_eq!(back.evaluated_on.date(), on);
    }
    for (name, offer) in offers() {
        let e = evaluate_offer(&offer, on);
        assert_eq!(e.evaluated_on.date(), on, "{name}");
        assert_eq!(e.quality.evaluated_on.date(), on, "{name}");
    }
}

/// "A date beyond the crate's knowledge horizon gives a warning that later changes are not
/// known."
#[test]
fn a_date_after_the_knowledge_horizon_is_answered_with_a_warning() {
    let later = KNOWLEDGE_HORIZON.tomorrow().unwrap();
    for (name, product) in products() {
        let on_horizon = assess_product(&product, KNOWLEDGE_HORIZON);
        assert!(
            all_findings(&on_horizon)
                .iter()
                .all(|f| f.rule != RuleId::LawKnowledgeHorizon),
            "{name}"
        );
        let after = assess_product(&product, later);
        for findings in [
            &after.us.findings,
            &after.quality.findings,
            &after.eu.findings,
            &after.jp.findings,
        ] {
            let f = findings
                .iter()
                .find(|f| f.rule == RuleId::LawKnowledgeHorizon)
                .unwrap_or_else(|| panic!("{name}: no horizon finding"));
            assert_eq!(
                (f.outcome, f.severity),
                (Outcome::Undetermined, Severity::Warning)
            );
            assert_eq!(f.basis, Basis::CrateReading);
        }
    }
    for (name, offer) in offers() {
        let e = evaluate_offer(&offer, later);
        assert!(
            e.ask_first
                .iter()
                .any(|f| f.rule == RuleId::LawKnowledgeHorizon),
            "{name}"
        );
    }
}

/// A complete, compliant lot passes on the horizon and passes with a warning after it: the
/// warning says what the crate cannot know, and takes nothing else away.
#[test]
fn the_horizon_warning_is_a_warning_not_a_failure() {
    let (_, product) = products()
        .into_iter()
        .find(|(name, _)| *name == "cultured_bone_marrow_msc")
        .unwrap();
    let policy = QualityPolicy::default();
    let on_horizon = assess_quality(&product, &policy, KNOWLEDGE_HORIZON).verdict;
    let after = assess_quality(&product, &policy, KNOWLEDGE_HORIZON.tomorrow().unwrap()).verdict;
    // The sample is a complete lot within its specifications and its certificate's dates.
    assert_eq!(on_horizon, QualityVerdict::Pass);
    assert_eq!(after, QualityVerdict::PassWithWarnings);
}

/// Directive 2004/23/EC is repealed by Regulation (EU) 2024/1938 (SoHO), which applies from
/// 7 August 2027 (Art 86): its rules hold until the day before.
#[test]
fn the_tissues_and_cells_directive_holds_until_the_soho_regulation_applies() {
    for rule in [RuleId::EuTissuesAndCells, RuleId::EuAutologousSameProcedure] {
        assert!(rule.holds_on(date(2027, 8, 6)), "{rule}");
        assert!(!rule.holds_on(date(2027, 8, 7)), "{rule}");
    }
    assert!(RuleId::UsMinimalManipulation.holds_on(date(2030, 1, 1)));
}
