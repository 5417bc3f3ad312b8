//! The clinic-offer checklist (issue #5): parsing, evidence types, claims and the evaluation.
//!
//! Expectations come from the two source texts (the "Mesenchymal Stem Cells (MSC)" overview and "Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)"): the second text's
//! "Actionable Steps for Evaluating MSC Therapy" (cell count, source and certificate of analysis,
//! imaging, Phase II/III research, expectations) and the first text's "Clinical Context" and FAQ
//! (candidates not helped enough by standard treatment; physician supervision in regulated
//! settings); and from the reference list of approved products (Ryoncil is the only FDA-approved
//! MSC product, for paediatric steroid-refractory acute GvHD).
#![cfg(feature = "json")]

use msc_therapy::document::{
    Claim, ClaimKind, Delivery, ReleaseData, TrialEvidence, TrialPhase, TrialPhases, TrialResult,
    TrialStatus,
};
use msc_therapy::engine::offer::{
    Expectation, OfferEvaluation, OfferPolicy, PatientVerdict, Question,
};
use msc_therapy::engine::quality::QualityVerdict;
use msc_therapy::engine::us::UsClassification;
use msc_therapy::vocab::{
    CellCount, CellPreparation, Donor, ImageGuidance, Indication, NctId, Route, SupplyModel,
    TestOutcome, Text, TissueSource,
};
use msc_therapy::{ClinicOffer, Outcome, RuleId, Severity, evaluate_offer, evaluate_offer_with};

#[path = "common/groups.rs"]
mod groups;
use groups::in_group;
use proptest::prelude::*;
use serde_json::json;

const TRIAL_SITE: &str = include_str!("../examples/data/offers/trial_site.json");
const STRIP_MALL: &str = include_str!("../examples/data/offers/strip_mall_umbilical.json");
const SAME_DAY_BMAC: &str = include_str!("../examples/data/offers/same_day_bmac.json");
const RYONCIL: &str = include_str!("../examples/data/offers/ryoncil_on_label.json");

fn trial_site() -> ClinicOffer {
    ClinicOffer::from_json(TRIAL_SITE).expect("trial_site.json parses")
}

fn ryoncil_on_label() -> ClinicOffer {
    ClinicOffer::from_json(RYONCIL).expect("ryoncil_on_label.json parses")
}

fn outcome(eval: &OfferEvaluation, rule: RuleId) -> Outcome {
    eval.finding(rule).expect("rule reported").outcome
}

fn trial(
    id: &str,
    phases: &[TrialPhase],
    status: TrialStatus,
    ind: Indication,
    result: TrialResult,
) -> TrialEvidence {
    TrialEvidence {
        nct_id: NctId::new(id).expect("valid NCT id"),
        phases: TrialPhases::new(phases.to_vec()).expect("valid phases"),
        status,
        indication: ind,
        result,
    }
}

// ---------------------------------------------------------------------------------------------
// The three sample offers
// ---------------------------------------------------------------------------------------------

/// A registered Phase 3 site: culture-expanded donor cells with a live count in the tens of
/// millions, a certificate of analysis, ultrasound guidance, a completed positive Phase 2 trial
/// for knee osteoarthritis, a patient who tried standard care, a physician, a regulated setting.
/// Every item of both texts' checklists is met, so the texts would see only good signs.
#[test]
fn trial_site_sample_shows_good_signs() {
    let eval = evaluate_offer(&trial_site(), ON);
    assert_eq!(eval.verdict, PatientVerdict::GoodSigns, "{eval}");
    assert!(eval.walk_away.is_empty() && eval.ask_first.is_empty());
    for rule in [
        RuleId::OfferLiveCellCount,
        RuleId::OfferSourceDisclosed,
        RuleId::OfferCertificateOfAnalysis,
        RuleId::OfferImageGuidance,
        RuleId::OfferTrialEvidence,
        RuleId::OfferCandidate,
        RuleId::OfferPhysicianSupervision,
        RuleId::OfferRegulatedSetting,
        RuleId::OfferRegisteredTrial,
        RuleId::OfferReleaseQuality,
    ] {
        assert_eq!(in_group(&eval, rule), "good_signs", "{rule}");
    }
    // A culture-expanded product, given within its registered trial, as US law requires.
    assert_eq!(outcome(&eval, RuleId::OfferUsPathway), Outcome::Met);
    assert!(eval.questions.is_empty());
}

/// The strip-mall clinic of the second text: an off-the-shelf umbilical (Wharton's jelly) "stem
/// cell" shot for ten conditions from autism to Alzheimer's, "FDA-approved", "live stem cells",
/// no cell count. The text: "If a clinic can't tell you exactly how many live, nucleated cells
/// they are injecting, walk out."
#[test]
fn strip_mall_sample_is_walk_away() {
    let eval = evaluate_offer(&ClinicOffer::from_json(STRIP_MALL).expect("parses"), ON);
    assert_eq!(eval.verdict, PatientVerdict::WalkAway);
    for rule in [
        RuleId::OfferLiveCellCount,
        RuleId::OfferManyConditions,
        RuleId::OfferClaimFdaApproved,
        RuleId::OfferClaimLiveStemCells,
        RuleId::OfferClaimCure,
    ] {
        assert_eq!(in_group(&eval, rule), "walk_away", "{rule}");
    }
    // Donor cells with no certificate of analysis: ask for it.
    assert_eq!(
        in_group(&eval, RuleId::OfferCertificateOfAnalysis),
        "ask_first"
    );
    assert!(eval.questions.contains(&Question::LiveCellCount));
    assert!(eval.questions.contains(&Question::FdaApproval));
}

/// Same-day autologous bone-marrow concentrate for knee osteoarthritis, ultrasound-guided, live
/// count disclosed (3.5 × 10⁸). It passes the cell-count, source and imaging checks (a
/// certificate of analysis is for donor cells "from a bottle", not the patient's own). But it
/// cites only a phase-less outcomes study: "If there are no successful Phase II or III trials
/// for your condition, you are essentially an n=1 experiment". And its release record has no
/// sterility or endotoxin result: a same-day bedside preparation is no released lot (21 CFR
/// 610.12 concerns lots), so they are warnings that say what was not shown, not blocking. And
/// in the US, whether concentrated marrow is still "such HCT/P" under the same surgical
/// procedure exception is open (US v. California Stem Cell Treatment Center, 9th Cir. 2024), so
/// its pathway is a question too. And the offer does not say how the patient is followed up
/// (the overview: "Monitoring includes clinical evaluation of symptom changes and sometimes
/// imaging or laboratory tests"). So: ask first, on those four items.
#[test]
fn same_day_bmac_sample_is_ask_first_on_evidence_release_data_and_us_pathway() {
    let eval = evaluate_offer(&ClinicOffer::from_json(SAME_DAY_BMAC).expect("parses"), ON);
    assert_eq!(eval.verdict, PatientVerdict::AskFirst, "{eval}");
    let asked: Vec<RuleId> = eval.ask_first.iter().map(|f| f.rule).collect();
    assert_eq!(
        asked,
        vec![
            RuleId::OfferTrialEvidence,
            RuleId::OfferReleaseQuality,
            RuleId::OfferFollowUp,
            RuleId::OfferUsPathway
        ]
    );
    assert_eq!(eval.quality.verdict, QualityVerdict::PassWithWarnings);
    let open = eval
        .finding(RuleId::OfferReleaseQuality)
        .unwrap()
        .fact_named("quality.warnings")
        .unwrap()
        .value
        .to_string();
    assert!(open.contains("quality.safety.sterility"), "{open}");
    assert_eq!(in_group(&eval, RuleId::OfferImageGuidance), "good_signs");
    assert_eq!(in_group(&eval, RuleId::OfferLiveCellCount), "good_signs");
    assert_eq!(
        outcome(&eval, RuleId::OfferCertificateOfAnalysis),
        Outcome::NotApplicable
    );
    assert_eq!(
        eval.questions,
        vec![
            Question::TrialEvidence,
            Question::ReleaseData,
            Question::FollowUp,
            Question::RegulatedSetting
        ]
    );
    assert!(eval.expectations.contains(&Expectation::Experimental));
}

// ---------------------------------------------------------------------------------------------
// Checklist item 1: the live cell count ("walk out" without it; "in the millions")
// ---------------------------------------------------------------------------------------------

#[test]
fn no_live_cell_count_is_walk_away() {
    let mut offer = trial_site();
    offer.disclosures.live_nucleated_cells = None;
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(eval.verdict, PatientVerdict::WalkAway);
    let f = eval.finding(RuleId::OfferLiveCellCount).unwrap();
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::NotMet, Severity::Blocking)
    );
    assert_eq!(f.missing, vec!["disclosures.live_nucleated_cells"]);
}

#[test]
fn a_whiff_of_cells_below_a_million_is_ask_first() {
    let mut offer = trial_site();
    offer.disclosures.live_nucleated_cells = Some(CellCount::new(500_000.0).unwrap());
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(in_group(&eval, RuleId::OfferLiveCellCount), "ask_first");
    assert_eq!(eval.verdict, PatientVerdict::AskFirst);

    offer.disclosures.live_nucleated_cells = Some(CellCount::new(2e6).unwrap());
    assert_eq!(
        in_group(&evaluate_offer(&offer, ON), RuleId::OfferLiveCellCount),
        "good_signs"
    );
}

#[test]
fn cell_count_threshold_comes_from_the_policy() {
    let mut offer = trial_site();
    offer.disclosures.live_nucleated_cells = Some(CellCount::new(2e6).unwrap());
    let strict = OfferPolicy {
        min_live_cells: CellCount::new(1e7).unwrap(),
        ..OfferPolicy::default()
    };
    let eval = evaluate_offer_with(&offer, &strict, ON);
    assert_eq!(in_group(&eval, RuleId::OfferLiveCellCount), "ask_first");
    let limit = eval
        .finding(RuleId::OfferLiveCellCount)
        .unwrap()
        .fact_named("policy.min_live_cells")
        .unwrap();
    assert_eq!(
        limit.to_string(),
        "policy.min_live_cells = 1.00 × 10^7 cells"
    );
}

#[test]
fn cell_free_products_have_no_cell_count_to_ask_for() {
    let mut offer = trial_site();
    offer.product.preparation = Some(CellPreparation::ExtracellularVesicles);
    offer.disclosures.live_nucleated_cells = None;
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(
        outcome(&eval, RuleId::OfferLiveCellCount),
        Outcome::NotApplicable
    );
}

// ---------------------------------------------------------------------------------------------
// Checklist item 2: the source (own cells or donor's, which tissue)
// ---------------------------------------------------------------------------------------------

#[test]
fn undisclosed_source_is_ask_first() {
    let mut offer = trial_site();
    offer.disclosures.source_disclosed = Some(false);
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(in_group(&eval, RuleId::OfferSourceDisclosed), "ask_first");
    assert_eq!(eval.verdict, PatientVerdict::AskFirst);
    assert!(eval.questions.contains(&Question::Source));

    offer.disclosures.source_disclosed = None;
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(
        outcome(&eval, RuleId::OfferSourceDisclosed),
        Outcome::Undetermined
    );
}

// ---------------------------------------------------------------------------------------------
// Checklist item 3: certificate of analysis for donor cells
// ---------------------------------------------------------------------------------------------

#[test]
fn donor_cells_without_certificate_of_analysis_are_ask_first() {
    let mut offer = trial_site();
    offer.disclosures.certificate_of_analysis_shown = Some(false);
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(
        in_group(&eval, RuleId::OfferCertificateOfAnalysis),
        "ask_first"
    );
    assert_eq!(
        outcome(&eval, RuleId::OfferCertificateOfAnalysis),
        Outcome::NotMet
    );
    assert_eq!(eval.verdict, PatientVerdict::AskFirst);
}

#[test]
fn own_cells_need_no_certificate_but_unknown_donor_is_an_open_question() {
    let mut offer = trial_site();
    offer.disclosures.certificate_of_analysis_shown = None;
    offer.product.donor = Some(Donor::Autologous);
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(
        outcome(&eval, RuleId::OfferCertificateOfAnalysis),
        Outcome::NotApplicable
    );

    offer.product.donor = None;
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(
        in_group(&eval, RuleId::OfferCertificateOfAnalysis),
        "ask_first"
    );
    assert_eq!(
        outcome(&eval, RuleId::OfferCertificateOfAnalysis),
        Outcome::Undetermined
    );
}

// ---------------------------------------------------------------------------------------------
// Checklist item 4: image guidance for orthopaedic injections
// ---------------------------------------------------------------------------------------------

#[test]
fn blind_joint_injection_is_ask_first() {
    let mut offer = trial_site();
    offer.product.delivery = Some(Delivery {
        route: Route::IntraArticular,
        guidance: Some(ImageGuidance::Landmark),
    });
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(in_group(&eval, RuleId::OfferImageGuidance), "ask_first");
    assert_eq!(outcome(&eval, RuleId::OfferImageGuidance), Outcome::NotMet);
    // The offer already says how the needle is guided (it is not): the question is answered.
    assert!(!eval.questions.contains(&Question::ImageGuidance));
    offer.product.delivery.as_mut().unwrap().guidance = None;
    assert!(
        evaluate_offer(&offer, ON)
            .questions
            .contains(&Question::ImageGuidance)
    );
}

#[test]
fn joint_injection_with_unstated_guidance_is_undetermined() {
    let mut offer = trial_site();
    offer.product.delivery = Some(Delivery {
        route: Route::Intradiscal,
        guidance: None,
    });
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(in_group(&eval, RuleId::OfferImageGuidance), "ask_first");
    assert_eq!(
        outcome(&eval, RuleId::OfferImageGuidance),
        Outcome::Undetermined
    );
}

#[test]
fn fluoroscopy_counts_and_intravenous_needs_no_guidance() {
    let mut offer = trial_site();
    offer.product.delivery = Some(Delivery {
        route: Route::Periarticular,
        guidance: Some(ImageGuidance::Fluoroscopy),
    });
    assert_eq!(
        in_group(&evaluate_offer(&offer, ON), RuleId::OfferImageGuidance),
        "good_signs"
    );
    offer.product.delivery = Some(Delivery {
        route: Route::Intravenous,
        guidance: None,
    });
    assert_eq!(
        outcome(&evaluate_offer(&offer, ON), RuleId::OfferImageGuidance),
        Outcome::NotApplicable
    );
}

// ---------------------------------------------------------------------------------------------
// Checklist item 5: a completed, positive Phase II or III trial for the condition
// ---------------------------------------------------------------------------------------------

fn evidence_group(evidence: Vec<TrialEvidence>) -> (&'static str, Outcome) {
    let mut offer = trial_site();
    offer.evidence = evidence;
    let eval = evaluate_offer(&offer, ON);
    (
        in_group(&eval, RuleId::OfferTrialEvidence),
        outcome(&eval, RuleId::OfferTrialEvidence),
    )
}

#[test]
fn completed_positive_phase_2_or_3_for_the_condition_is_a_good_sign() {
    use TrialPhase::*;
    let koa = Indication::KneeOsteoarthritis;
    let ok = |phases: &[TrialPhase]| {
        evidence_group(vec![trial(
            "NCT09990011",
            phases,
            TrialStatus::Completed,
            koa,
            TrialResult::Positive,
        )])
    };
    assert_eq!(ok(&[Phase2]), ("good_signs", Outcome::Met));
    assert_eq!(ok(&[Phase3]), ("good_signs", Outcome::Met));
    // A Phase 2/3 trial is two phases on ClinicalTrials.gov.
    assert_eq!(ok(&[Phase2, Phase3]), ("good_signs", Outcome::Met));
    // Phase 1 and phase-less studies are not Phase II/III evidence.
    assert_eq!(ok(&[Phase1]), ("ask_first", Outcome::NotMet));
    assert_eq!(ok(&[EarlyPhase1]), ("ask_first", Outcome::NotMet));
    assert_eq!(ok(&[NotApplicable]), ("ask_first", Outcome::NotMet));
    assert_eq!(ok(&[Phase4]), ("ask_first", Outcome::NotMet));
}

#[test]
fn evidence_must_be_completed_positive_and_for_this_condition() {
    let koa = Indication::KneeOsteoarthritis;
    let p3 = [TrialPhase::Phase3];
    assert_eq!(
        evidence_group(vec![trial(
            "NCT09990012",
            &p3,
            TrialStatus::Terminated,
            koa,
            TrialResult::Positive
        )]),
        ("ask_first", Outcome::NotMet)
    );
    assert_eq!(
        evidence_group(vec![trial(
            "NCT09990013",
            &p3,
            TrialStatus::Completed,
            koa,
            TrialResult::Negative
        )]),
        ("ask_first", Outcome::NotMet)
    );
    assert_eq!(
        evidence_group(vec![trial(
            "NCT09990014",
            &p3,
            TrialStatus::Completed,
            koa,
            TrialResult::Mixed
        )]),
        ("ask_first", Outcome::NotMet)
    );
    assert_eq!(
        evidence_group(vec![trial(
            "NCT02336230",
            &p3,
            TrialStatus::Completed,
            Indication::GraftVersusHostDisease,
            TrialResult::Positive
        )]),
        ("ask_first", Outcome::NotMet)
    );
}

#[test]
fn no_evidence_cited_says_so_plainly() {
    let mut offer = trial_site();
    offer.evidence.clear();
    let eval = evaluate_offer(&offer, ON);
    let f = eval.finding(RuleId::OfferTrialEvidence).unwrap();
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::Undetermined, Severity::Warning)
    );
    assert!(
        f.reason
            .map(|r| r.text())
            .unwrap()
            .contains("n=1 experiment")
    );
    assert!(eval.expectations.contains(&Expectation::Experimental));
    assert!(eval.to_string().contains("n=1 experiment"));
}

// ---------------------------------------------------------------------------------------------
// Checklist items 6-8: candidate, physician supervision, regulated setting (first text)
// ---------------------------------------------------------------------------------------------

#[test]
fn standard_treatments_not_tried_is_ask_first() {
    let mut offer = trial_site();
    offer.patient.standard_treatments_tried = Some(false);
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(in_group(&eval, RuleId::OfferCandidate), "ask_first");
    assert_eq!(eval.verdict, PatientVerdict::AskFirst);
    offer.patient.standard_treatments_tried = None;
    assert_eq!(
        outcome(&evaluate_offer(&offer, ON), RuleId::OfferCandidate),
        Outcome::Undetermined
    );
}

#[test]
fn no_physician_supervision_is_walk_away() {
    let mut offer = trial_site();
    offer.patient.physician_supervised = Some(false);
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(
        in_group(&eval, RuleId::OfferPhysicianSupervision),
        "walk_away"
    );
    assert_eq!(eval.verdict, PatientVerdict::WalkAway);
    offer.patient.physician_supervised = None;
    assert_eq!(
        in_group(
            &evaluate_offer(&offer, ON),
            RuleId::OfferPhysicianSupervision
        ),
        "ask_first"
    );
}

#[test]
fn unregulated_setting_is_walk_away() {
    let mut offer = trial_site();
    offer.patient.regulated_setting = Some(false);
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(in_group(&eval, RuleId::OfferRegulatedSetting), "walk_away");
    assert_eq!(eval.verdict, PatientVerdict::WalkAway);
}

#[test]
fn registered_trial_is_a_good_sign_and_its_absence_only_a_note() {
    let mut offer = trial_site();
    assert_eq!(
        in_group(&evaluate_offer(&offer, ON), RuleId::OfferRegisteredTrial),
        "good_signs"
    );
    offer.disclosures.trial_registration = None;
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(in_group(&eval, RuleId::OfferRegisteredTrial), "notes");
    // For an autologous bedside product the missing registration changes nothing.
    let mut bmac = ClinicOffer::from_json(SAME_DAY_BMAC).unwrap();
    bmac.disclosures.trial_registration = None;
    assert_eq!(evaluate_offer(&bmac, ON).verdict, PatientVerdict::AskFirst);
}

// ---------------------------------------------------------------------------------------------
// The other engines inside the evaluation: US classification and release quality
// ---------------------------------------------------------------------------------------------

/// Culture-expanded donor cells are a section 351 product in the US (21 CFR 1271.10(a)(1),
/// 1271.20): they may be given before approval only within a trial under an IND.
#[test]
fn us_section_351_product_outside_a_registered_trial_is_ask_first() {
    let offer = trial_site();
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(eval.us, Some(msc_therapy::classify_us(&offer.product, ON)));
    assert_eq!(
        eval.us.as_ref().unwrap().classification,
        UsClassification::Section351Product
    );
    assert_eq!(outcome(&eval, RuleId::OfferUsPathway), Outcome::Met);

    let mut outside = trial_site();
    outside.disclosures.trial_registration = None;
    let eval = evaluate_offer(&outside, ON);
    assert_eq!(in_group(&eval, RuleId::OfferUsPathway), "ask_first");
    assert_eq!(eval.verdict, PatientVerdict::AskFirst);
    assert!(eval.questions.contains(&Question::RegulatedSetting));
}

/// Same-day autologous concentrate: whether the same-surgical-procedure exception
/// (21 CFR 1271.15(b)) covers concentrated marrow is open (9th Cir. 2024), so the pathway is an
/// open question, not "no approval needed".
#[test]
fn us_bedside_concentrate_pathway_is_an_open_question() {
    let eval = evaluate_offer(&ClinicOffer::from_json(SAME_DAY_BMAC).unwrap(), ON);
    assert_eq!(
        eval.us.as_ref().unwrap().classification,
        UsClassification::Undetermined
    );
    assert_eq!(
        outcome(&eval, RuleId::OfferUsPathway),
        Outcome::Undetermined
    );
    assert_eq!(in_group(&eval, RuleId::OfferUsPathway), "ask_first");
}

#[test]
fn failed_release_quality_is_walk_away() {
    let mut offer = trial_site();
    assert_eq!(
        in_group(&evaluate_offer(&offer, ON), RuleId::OfferReleaseQuality),
        "good_signs"
    );
    // A positive sterility test fails a blocking release requirement (21 CFR 610.12).
    offer.product.release.as_mut().unwrap().sterility = Some(TestOutcome::Positive);
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(eval.quality.verdict, QualityVerdict::Fail);
    let f = eval.finding(RuleId::OfferReleaseQuality).unwrap();
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::NotMet, Severity::Blocking)
    );
    let failed = f.fact_named("quality.failed").unwrap().value.to_string();
    assert!(failed.contains("quality.safety.sterility"));
    assert_eq!(eval.verdict, PatientVerdict::WalkAway);
}

#[test]
fn the_failed_quality_list_names_failures_not_missing_results() {
    // A positive sterility test fails; a mycoplasma result not reported is an open question,
    // not a failure.
    let mut offer = trial_site();
    let release = offer.product.release.as_mut().unwrap();
    release.sterility = Some(TestOutcome::Positive);
    release.mycoplasma = None;
    let eval = evaluate_offer(&offer, ON);
    let mycoplasma = eval
        .quality
        .finding(RuleId::QualityMycoplasma)
        .expect("reported");
    assert_eq!(
        (mycoplasma.outcome, mycoplasma.severity),
        (Outcome::Undetermined, Severity::Blocking)
    );
    let f = eval.finding(RuleId::OfferReleaseQuality).unwrap();
    assert_eq!(
        f.fact_named("quality.failed").map(|x| &x.value),
        Some(&msc_therapy::finding::FactValue::Codes(
            vec![RuleId::QualitySterility.code()].into()
        ))
    );
}

#[test]
fn an_undetermined_us_classification_is_never_read_as_needing_no_approval() {
    // Whose cells they are is unknown: the 1271.3(d) and 1271.10(a)(4) questions stay open, so
    // the offer must not be told the product needs no FDA approval.
    let mut offer = trial_site();
    offer.product.donor = None;
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(
        eval.us.as_ref().unwrap().classification,
        UsClassification::Undetermined
    );
    assert_eq!(
        outcome(&eval, RuleId::OfferUsPathway),
        Outcome::Undetermined
    );
}

#[test]
fn quality_threshold_comes_from_the_offer_policy() {
    let offer = trial_site(); // post-thaw viability 91.8 %
    let mut policy = OfferPolicy::default();
    policy.quality.min_viability_percent = msc_therapy::vocab::Percent::new(95.0).unwrap();
    let eval = evaluate_offer_with(&offer, &policy, ON);
    assert_eq!(eval.quality.verdict, QualityVerdict::Fail);
    assert_eq!(eval.verdict, PatientVerdict::WalkAway);
}

// ---------------------------------------------------------------------------------------------
// Claims
// ---------------------------------------------------------------------------------------------

fn with_claim(claim: Claim) -> OfferEvaluation {
    let mut offer = trial_site();
    offer.claims.get_or_insert_with(Vec::new).push(claim);
    evaluate_offer(&offer, ON)
}

#[test]
fn cure_claim_is_walk_away() {
    let eval = with_claim(Claim::new(ClaimKind::Cures));
    assert_eq!(in_group(&eval, RuleId::OfferClaimCure), "walk_away");
    assert_eq!(eval.verdict, PatientVerdict::WalkAway);
}

#[test]
fn differentiation_myth_is_ask_first() {
    let eval = with_claim(Claim::new(ClaimKind::BecomesNewTissue));
    assert_eq!(in_group(&eval, RuleId::OfferClaimNewTissue), "ask_first");
    assert!(eval.questions.contains(&Question::Mechanism));
    // The claim's row says why, and it agrees with the Mechanism table.
    assert!(
        ClaimKind::BecomesNewTissue
            .info()
            .what_the_texts_say
            .contains("myth")
    );
    assert!(
        !msc_therapy::vocab::Mechanism::DifferentiationEngraftment
            .info()
            .supported
    );
}

#[test]
fn many_unrelated_conditions_is_walk_away() {
    // Knee OA (orthopaedic), autism (neurodevelopmental), Alzheimer's (neurological): three
    // unrelated families, "everything from autism to Alzheimer's".
    let eval = with_claim(Claim {
        kind: ClaimKind::TreatsManyConditions,
        indications: Some(vec![Indication::Autism, Indication::AlzheimersDisease]),
        wording: None,
    });
    assert_eq!(in_group(&eval, RuleId::OfferManyConditions), "walk_away");
    assert_eq!(eval.verdict, PatientVerdict::WalkAway);
}

#[test]
fn many_conditions_counted_from_intended_use_even_without_the_claim() {
    let mut offer = trial_site();
    offer.product.intended_use.as_mut().unwrap().indications = Some(vec![
        Indication::KneeOsteoarthritis,
        Indication::Copd,
        Indication::AntiAgeing,
    ]);
    assert_eq!(
        in_group(&evaluate_offer(&offer, ON), RuleId::OfferManyConditions),
        "walk_away"
    );
}

#[test]
fn related_joint_conditions_are_not_a_myriad() {
    let eval = with_claim(Claim {
        kind: ClaimKind::TreatsManyConditions,
        indications: Some(vec![
            Indication::Osteoarthritis,
            Indication::Tendinopathy,
            Indication::AclTear,
        ]),
        wording: None,
    });
    assert_eq!(in_group(&eval, RuleId::OfferManyConditions), "notes");
    assert_eq!(outcome(&eval, RuleId::OfferManyConditions), Outcome::Met);
}

#[test]
fn fda_approval_claim_for_knee_osteoarthritis_is_false() {
    let eval = with_claim(Claim::new(ClaimKind::FdaApproved));
    let f = eval.finding(RuleId::OfferClaimFdaApproved).unwrap();
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::NotMet, Severity::Blocking)
    );
    assert_eq!(
        f.fact_named("no_fda_approved_msc_product_for")
            .unwrap()
            .value
            .to_string(),
        "knee_osteoarthritis"
    );
    assert_eq!(eval.verdict, PatientVerdict::WalkAway);
}

/// Ryoncil (remestemcel-L-rknd) is FDA-approved for steroid-refractory acute GvHD in children:
/// an allogeneic bone-marrow product given intravenously (the catalog's label entry). A claim of
/// FDA approval is true of the product the offer names by its catalog key, when the offer
/// matches the approval; it is false of a product whose facts contradict it, whatever it is
/// called.
#[test]
fn fda_approval_claim_checked_against_the_catalog_for_gvhd() {
    let offer = ryoncil_on_label();
    assert_eq!(
        in_group(&evaluate_offer(&offer, ON), RuleId::OfferClaimFdaApproved),
        "good_signs"
    );
    // The trial site's intra-articular knee product, for GvHD, claiming the same approval
    // without naming a product: its route contradicts the only FDA-approved product.
    let mut knee = trial_site();
    knee.indication = Indication::GraftVersusHostDisease.into();
    knee.claims = Some(vec![Claim::new(ClaimKind::FdaApproved)]);
    let eval = evaluate_offer(&knee, ON);
    let f = eval.finding(RuleId::OfferClaimFdaApproved).unwrap();
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::NotMet, Severity::Blocking)
    );
    assert_eq!(
        f.fact_named("contradicts").unwrap().value.to_string(),
        "product.delivery.route"
    );
    // An intravenous bone-marrow product that does not name its approval must show it.
    let mut unnamed = ryoncil_on_label();
    unnamed.authorisation = None;
    let eval = evaluate_offer(&unnamed, ON);
    assert_eq!(in_group(&eval, RuleId::OfferClaimFdaApproved), "ask_first");
    assert_eq!(
        outcome(&eval, RuleId::OfferClaimFdaApproved),
        Outcome::Undetermined
    );
    assert!(eval.questions.contains(&Question::FdaApproval));
}

fn off_the_shelf_umbilical() -> ClinicOffer {
    let mut offer = trial_site();
    offer.product.tissue = Some(TissueSource::WhartonsJelly);
    offer.product.supply = Some(SupplyModel::OffTheShelf);
    offer.product.preparation = Some(CellPreparation::PerinatalAllograft);
    offer.product.release = None;
    offer.claims = Some(vec![Claim::new(ClaimKind::ContainsLiveStemCells)]);
    offer
}

#[test]
fn live_stem_cells_in_off_the_shelf_birth_tissue_is_walk_away() {
    let eval = evaluate_offer(&off_the_shelf_umbilical(), ON);
    let f = eval.finding(RuleId::OfferClaimLiveStemCells).unwrap();
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::NotMet, Severity::Blocking)
    );
    assert_eq!(
        f.missing,
        vec![
            "product.release.cfu_f_per_million",
            "product.release.identity.markers"
        ]
    );
    assert_eq!(eval.verdict, PatientVerdict::WalkAway);
}

#[test]
fn live_stem_cell_claim_backed_by_colonies_or_for_bone_marrow_is_not_walk_away() {
    let mut offer = off_the_shelf_umbilical();
    offer.product.release = Some(
        ReleaseData::builder()
            .cfu_f_per_million(30_000.0)
            .build()
            .unwrap(),
    );
    assert_eq!(
        outcome(&evaluate_offer(&offer, ON), RuleId::OfferClaimLiveStemCells),
        Outcome::Met
    );
    // Zero colonies is what Berger et al. found: still walk away.
    offer.product.release = Some(
        ReleaseData::builder()
            .cfu_f_per_million(0.0)
            .build()
            .unwrap(),
    );
    assert_eq!(
        in_group(&evaluate_offer(&offer, ON), RuleId::OfferClaimLiveStemCells),
        "walk_away"
    );

    let mut bmac = ClinicOffer::from_json(SAME_DAY_BMAC).unwrap();
    bmac.claims
        .get_or_insert_with(Vec::new)
        .push(Claim::new(ClaimKind::ContainsLiveStemCells));
    assert_eq!(
        outcome(&evaluate_offer(&bmac, ON), RuleId::OfferClaimLiveStemCells),
        Outcome::NotApplicable
    );
}

/// The name proves nothing: "Remestemcel-L-rknd infusion" is not identified as Ryoncil by its
/// name; only the catalog key or an authorisation number names a product.
#[test]
fn a_product_is_never_identified_by_its_name() {
    let mut offer = ryoncil_on_label();
    offer.authorisation = None;
    for name in [
        "Ryoncil",
        "Remestemcel-L-rknd infusion",
        "RYONCIL (remestemcel-L-rknd)",
    ] {
        offer.product.name = Text::new(name).unwrap();
        let eval = evaluate_offer(&offer, ON);
        assert_eq!(eval.product, None, "{name}");
        assert_ne!(
            in_group(&eval, RuleId::OfferClaimFdaApproved),
            "good_signs",
            "{name}"
        );
        assert_eq!(
            outcome(&eval, RuleId::OfferProductIdentity),
            Outcome::NotApplicable
        );
    }
}

#[test]
fn every_fda_claim_is_checked_but_a_repeated_claim_counts_once() {
    // Ryoncil is approved for GvHD, not for knee osteoarthritis: a second FDA claim naming knee
    // osteoarthritis is false even after a true one.
    let mut offer = ryoncil_on_label();
    offer.claims = Some(vec![
        Claim::new(ClaimKind::FdaApproved),
        Claim {
            kind: ClaimKind::FdaApproved,
            indications: Some(vec![Indication::KneeOsteoarthritis]),
            wording: None,
        },
        Claim::new(ClaimKind::Cures),
        Claim::new(ClaimKind::Cures),
    ]);
    let eval = evaluate_offer(&offer, ON);
    let fda: Vec<Outcome> = eval
        .findings()
        .filter(|f| f.rule == RuleId::OfferClaimFdaApproved)
        .map(|f| f.outcome)
        .collect();
    assert!(fda.contains(&Outcome::Met), "{fda:?}");
    assert!(fda.contains(&Outcome::NotMet), "{fda:?}");
    assert_eq!(
        eval.findings()
            .filter(|f| f.rule == RuleId::OfferClaimCure)
            .count(),
        1
    );
}

#[test]
fn birth_tissue_sold_off_the_shelf_or_as_an_allograft_is_held_to_the_live_stem_cell_check() {
    // Source text 2: off-the-shelf "amniotic" or "umbilical" products often hold no live MSCs.
    // Off the shelf, whatever the preparation is called:
    let mut offer = off_the_shelf_umbilical();
    offer.product.preparation = Some(CellPreparation::CultureExpandedMsc);
    assert_eq!(
        in_group(&evaluate_offer(&offer, ON), RuleId::OfferClaimLiveStemCells),
        "walk_away"
    );
    // A perinatal allograft, even when the supply model is not recorded:
    let mut offer = off_the_shelf_umbilical();
    offer.product.supply = None;
    assert_eq!(
        in_group(&evaluate_offer(&offer, ON), RuleId::OfferClaimLiveStemCells),
        "walk_away"
    );
}

#[test]
fn an_off_the_shelf_bone_marrow_lot_is_not_judged_as_birth_tissue() {
    // The published tests that found no MSC-like cells concern amniotic and umbilical
    // products; a donor bone-marrow MSC lot with a release record is judged by its quality.
    let eval = with_claim(Claim::new(ClaimKind::ContainsLiveStemCells));
    assert_eq!(
        outcome(&eval, RuleId::OfferClaimLiveStemCells),
        Outcome::NotApplicable
    );
    assert_ne!(
        in_group(&eval, RuleId::OfferClaimLiveStemCells),
        "walk_away"
    );
}

#[test]
fn no_rejection_is_a_question_for_donor_cells_only() {
    let eval = with_claim(Claim::new(ClaimKind::NoRejection));
    assert_eq!(in_group(&eval, RuleId::OfferClaimNoRejection), "ask_first");
    let mut bmac = ClinicOffer::from_json(SAME_DAY_BMAC).unwrap();
    bmac.claims
        .get_or_insert_with(Vec::new)
        .push(Claim::new(ClaimKind::NoRejection));
    assert_eq!(
        outcome(&evaluate_offer(&bmac, ON), RuleId::OfferClaimNoRejection),
        Outcome::NotApplicable
    );
}

#[test]
fn every_offer_rule_that_can_warn_raises_a_question() {
    let informational = [RuleId::OfferRegisteredTrial, RuleId::OfferApprovedAnywhere];
    let offer_rules = RuleId::ALL
        .iter()
        .filter(|r| r.code().starts_with("offer."));
    for rule in offer_rules {
        assert_eq!(
            Question::for_rule(*rule).is_some(),
            !informational.contains(rule),
            "{rule}"
        );
    }
}

#[test]
fn the_offer_policy_reads_from_json_with_defaults() {
    let policy = OfferPolicy::from_json(r#"{"myriad_min_categories": 2}"#).unwrap();
    assert_eq!(policy.min_live_cells.get(), 1_000_000);
    // Knee OA with rheumatoid arthritis: two families, a myriad under this stricter policy only.
    let mut offer = trial_site();
    offer.claims.get_or_insert_with(Vec::new).push(Claim {
        kind: ClaimKind::TreatsManyConditions,
        indications: Some(vec![Indication::RheumatoidArthritis]),
        wording: None,
    });
    assert_eq!(
        in_group(&evaluate_offer(&offer, ON), RuleId::OfferManyConditions),
        "notes"
    );
    let eval = evaluate_offer_with(&offer, &policy, ON);
    assert_eq!(in_group(&eval, RuleId::OfferManyConditions), "walk_away");
    let err = OfferPolicy::from_json(r#"{"min_live_cells": 0}"#).unwrap_err();
    assert_eq!(err.path(), "min_live_cells");
}

#[test]
fn every_claim_kind_names_a_rule_with_a_citation() {
    for kind in ClaimKind::ALL {
        let info = kind.info();
        assert!(info.rule.code().starts_with("offer."), "{kind}");
        assert!(!info.citation.is_empty() && !info.what_the_texts_say.is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// The catalog inside the evaluation, expectations, questions, display
// ---------------------------------------------------------------------------------------------

#[test]
fn approved_anywhere_note_uses_the_catalog() {
    let eval = evaluate_offer(&trial_site(), ON);
    let f = eval.finding(RuleId::OfferApprovedAnywhere).unwrap();
    // StemOne (India, 2022) is the one MSC product authorised for knee osteoarthritis.
    assert_eq!(f.outcome, Outcome::Met);
    assert!(
        f.fact_named("approved_products")
            .unwrap()
            .value
            .to_string()
            .contains("stemone_in")
    );

    let mut offer = trial_site();
    offer.indication = Indication::Autism.into();
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(
        outcome(&eval, RuleId::OfferApprovedAnywhere),
        Outcome::NotMet
    );
}

#[test]
fn expectations_follow_the_texts() {
    let eval = evaluate_offer(&trial_site(), ON);
    assert_eq!(eval.expectations.first(), Some(&Expectation::NotACure));
    assert!(
        eval.expectations
            .contains(&Expectation::PainReliefForMonths)
    );
    assert!(
        eval.expectations
            .contains(&Expectation::RehabilitationWindow)
    );
    assert!(!eval.expectations.contains(&Expectation::Experimental));
    assert!(
        Expectation::PainReliefForMonths
            .info()
            .text
            .contains("12 to 24 months")
    );

    let mut offer = trial_site();
    offer.indication = Indication::GraftVersusHostDisease.into();
    let eval = evaluate_offer(&offer, ON);
    assert!(
        !eval
            .expectations
            .contains(&Expectation::PainReliefForMonths)
    );
}

#[test]
fn display_is_a_patient_summary() {
    let text = evaluate_offer(&ClinicOffer::from_json(STRIP_MALL).unwrap(), ON).to_string();
    assert!(text.starts_with("Verdict: walk away"));
    assert!(text.contains("Walk away:\n"));
    assert!(text.contains("Questions to ask the clinic:\n  1. "));
    assert!(text.contains(Question::LiveCellCount.label()));
    assert!(text.contains("What to expect:\n"));
    assert!(text.contains("US classification (21 CFR Part 1271): Section 351"));
}

#[test]
fn the_summary_shows_informative_notes_and_leaves_out_rules_that_do_not_apply() {
    // Same-day BMAC from the patient's own marrow: the certificate of analysis does not apply
    // (it is for donor cells "from a bottle"); whether any MSC product is authorised for knee
    // osteoarthritis is worth knowing.
    let eval = evaluate_offer(&ClinicOffer::from_json(SAME_DAY_BMAC).expect("parses"), ON);
    let text = eval.to_string();
    let certificate = eval
        .finding(RuleId::OfferCertificateOfAnalysis)
        .expect("reported");
    assert_eq!(certificate.outcome, Outcome::NotApplicable);
    assert!(
        !text.contains(certificate.reason.map(|r| r.text()).expect("has a reason")),
        "{text}"
    );
    let approved = eval
        .finding(RuleId::OfferApprovedAnywhere)
        .expect("reported");
    assert_ne!(approved.outcome, Outcome::NotApplicable);
    assert!(text.contains("For your information:\n"), "{text}");
    assert!(
        text.contains(approved.reason.map(|r| r.text()).expect("has a reason")),
        "{text}"
    );
}

#[test]
fn exactly_one_million_live_cells_is_in_the_millions() {
    // Source text 2: "You generally want to see counts in the millions": 10^6 is the first.
    let mut offer = trial_site();
    offer.disclosures.live_nucleated_cells = Some(CellCount::new(1e6).unwrap());
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(in_group(&eval, RuleId::OfferLiveCellCount), "good_signs");
    assert_eq!(outcome(&eval, RuleId::OfferLiveCellCount), Outcome::Met);

    offer.disclosures.live_nucleated_cells = Some(CellCount::new(999_999.0).unwrap());
    assert_eq!(
        in_group(&evaluate_offer(&offer, ON), RuleId::OfferLiveCellCount),
        "ask_first"
    );
}

#[test]
fn evaluation_serializes_with_machine_names() {
    let eval = evaluate_offer(&ClinicOffer::from_json(STRIP_MALL).unwrap(), ON);
    let json = serde_json::to_value(&eval).unwrap();
    assert_eq!(json["verdict"], "walk_away");
    assert_eq!(
        json["walk_away"][0]["rule"],
        "offer.checklist.live_cell_count"
    );
    assert_eq!(json["walk_away"][0]["severity"], "blocking");
    assert_eq!(json["questions"][0], "live_cell_count");
    assert_eq!(json["us"]["classification"], "section_351_product");
    assert!(json["quality"]["findings"].is_array());
}

// ---------------------------------------------------------------------------------------------
// Parsing and validation
// ---------------------------------------------------------------------------------------------

#[test]
fn nct_id_is_validated_with_path_and_message() {
    let err = ClinicOffer::from_json(
        r#"{"product": {"name": "x"}, "indication": "knee_osteoarthritis",
            "evidence": [{"nct_id": "NCT123", "phases": ["PHASE2"], "status": "COMPLETED",
                          "indication": "knee_osteoarthritis", "result": "positive"}]}"#,
    )
    .unwrap_err();
    assert_eq!(err.path(), "evidence[0].nct_id");
    assert!(
        err.message()
            .starts_with("NCT id must be NCT followed by 8 digits, got \"NCT123\"")
    );
    assert_eq!(
        NctId::new("nct02336230").unwrap_err().to_string(),
        "NCT id must be NCT followed by 8 digits, got \"nct02336230\""
    );
    assert!(NctId::new("NCT023362301").is_err());
    assert!(NctId::new("NCT0233623a").is_err());
}

#[test]
fn trial_phase_and_status_use_clinicaltrials_gov_names() {
    let phases: Vec<&str> = TrialPhase::ALL.iter().map(|p| p.code()).collect();
    assert_eq!(
        phases,
        ["EARLY_PHASE1", "PHASE1", "PHASE2", "PHASE3", "PHASE4", "NA"]
    );
    let mut statuses: Vec<&str> = TrialStatus::ALL.iter().map(|s| s.code()).collect();
    statuses.sort_unstable();
    let mut expected = [
        "ACTIVE_NOT_RECRUITING",
        "COMPLETED",
        "ENROLLING_BY_INVITATION",
        "NOT_YET_RECRUITING",
        "RECRUITING",
        "SUSPENDED",
        "TERMINATED",
        "WITHDRAWN",
        "AVAILABLE",
        "NO_LONGER_AVAILABLE",
        "TEMPORARILY_NOT_AVAILABLE",
        "APPROVED_FOR_MARKETING",
        "WITHHELD",
        "UNKNOWN",
    ];
    expected.sort_unstable();
    assert_eq!(statuses, expected);
}

#[test]
fn trial_phases_are_validated() {
    use TrialPhase::*;
    let one_two = TrialPhases::new(vec![Phase1, Phase2]).unwrap();
    assert_eq!(one_two.as_slice(), &[Phase1, Phase2]);
    assert_eq!(
        TrialPhases::new(vec![]).unwrap_err().to_string(),
        "trial phases must not be empty"
    );
    assert_eq!(
        TrialPhases::new(vec![Phase2, Phase2])
            .unwrap_err()
            .to_string(),
        "trial phases lists PHASE2 more than once"
    );
    assert_eq!(
        TrialPhases::new(vec![NotApplicable, Phase2])
            .unwrap_err()
            .to_string(),
        "trial phases must be NA on its own, not combined with a phase, got \"NA, PHASE2\""
    );
    let err = ClinicOffer::from_json(
        r#"{"product": {"name": "x"}, "indication": "knee_osteoarthritis",
            "evidence": [{"nct_id": "NCT02336230", "phases": [], "status": "COMPLETED",
                          "indication": "knee_osteoarthritis", "result": "positive"}]}"#,
    )
    .unwrap_err();
    assert_eq!(err.path(), "evidence[0].phases");
}

#[test]
fn offers_reject_unknown_fields_and_bad_prices() {
    let err = ClinicOffer::from_json(
        r#"{"product": {"name": "x"}, "indication": "knee_osteoarthritis", "disclosure": {}}"#,
    )
    .unwrap_err();
    assert!(err.message().contains("unknown field `disclosure`"));
    let err = ClinicOffer::from_json(
        r#"{"product": {"name": "x"}, "indication": "knee_osteoarthritis",
            "price": {"currency": "usd", "amount": 10}}"#,
    )
    .unwrap_err();
    assert_eq!(err.path(), "price.currency");
    let err = ClinicOffer::from_json(
        r#"{"product": {"name": "x"}, "indication": "knee_osteoarthritis",
            "price": {"currency": "USD", "amount": -10}}"#,
    )
    .unwrap_err();
    assert_eq!(err.path(), "price.amount");
}

#[test]
fn offers_round_trip_through_json() {
    for json in [TRIAL_SITE, STRIP_MALL, SAME_DAY_BMAC] {
        let offer = ClinicOffer::from_json(json).unwrap();
        let again = ClinicOffer::from_json(&serde_json::to_string(&offer).unwrap()).unwrap();
        assert_eq!(offer, again);
    }
}

#[cfg(feature = "schemars")]
fn exported_schema(name: &str) -> serde_json::Value {
    msc_therapy::interop::document_schemas()
        .into_iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no schema named {name}"))
        .bundled()
}

#[cfg(feature = "schemars")]
#[test]
fn samples_validate_against_the_json_schema() {
    let schema = exported_schema("clinic_offer");
    let validator = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .should_ignore_unknown_formats(false)
        .build(&schema)
        .unwrap();
    for json in [TRIAL_SITE, STRIP_MALL, SAME_DAY_BMAC, RYONCIL] {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        assert!(validator.is_valid(&value), "{json}");
    }
    // A product is named by key or number, one of the two, and by nothing else.
    let mut bad: serde_json::Value = serde_json::from_str(RYONCIL).unwrap();
    bad["authorisation"] = serde_json::json!({"name": "Ryoncil"});
    assert!(!validator.is_valid(&bad));
    assert!(ClinicOffer::from_json(&bad.to_string()).is_err());
    bad["authorisation"] = serde_json::json!({"catalog_key": "ryoncil"});
    assert!(!validator.is_valid(&bad));
    let err = ClinicOffer::from_json(&bad.to_string()).unwrap_err();
    assert_eq!(err.path(), "authorisation.catalog_key");
    let mut bad: serde_json::Value = serde_json::from_str(TRIAL_SITE).unwrap();
    bad["evidence"][0]["nct_id"] = "NCT1".into();
    assert!(!validator.is_valid(&bad));
    let mut bad: serde_json::Value = serde_json::from_str(TRIAL_SITE).unwrap();
    bad["evidence"][0]["phases"] = serde_json::json!([]);
    assert!(!validator.is_valid(&bad));
}

#[cfg(feature = "schemars")]
#[test]
fn evaluations_validate_against_the_output_schema() {
    let validator = jsonschema::draft202012::new(&exported_schema("offer_evaluation")).unwrap();
    for json in [TRIAL_SITE, STRIP_MALL, SAME_DAY_BMAC, RYONCIL] {
        let eval = evaluate_offer(&ClinicOffer::from_json(json).unwrap(), ON);
        let value = serde_json::to_value(&eval).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
    let policy = jsonschema::draft202012::new(&exported_schema("offer_policy")).unwrap();
    assert!(policy.is_valid(&serde_json::to_value(OfferPolicy::default()).unwrap()));
    assert!(!policy.is_valid(&serde_json::json!({"min_live_cells": 0})));
    assert!(!policy.is_valid(&serde_json::json!({"myriad_min_categories": 0})));
    assert!(!policy.is_valid(&serde_json::json!({"quality": {"dose_far_below_factor": 1}})));
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

fn flag() -> impl Strategy<Value = Option<bool>> {
    prop_oneof![Just(None), Just(Some(true)), Just(Some(false))]
}

proptest! {
    #[test]
    fn nct_ids_with_eight_digits_parse(n in 0u32..100_000_000) {
        let id = format!("NCT{n:08}");
        let parsed = NctId::new(id.clone()).unwrap();
        prop_assert_eq!(parsed.as_str(), id.as_str());
        let short = format!("NCT{}", n % 10_000_000);
        prop_assert!(NctId::new(short).is_err());
    }

    /// Fail closed: whatever is missing or false, nothing undetermined or failed is ever a
    /// good sign, and the verdict is the worst group present.
    #[test]
    fn verdict_is_the_worst_group_and_good_signs_are_met(
        source in flag(), coa in flag(), tried in flag(), physician in flag(), regulated in flag(),
        count in prop::option::of(1u64..1_000_000_000),
        donor in prop::option::of(prop::sample::select(Donor::ALL.to_vec())),
    ) {
        let mut offer = trial_site();
        offer.disclosures.source_disclosed = source;
        offer.disclosures.certificate_of_analysis_shown = coa;
        offer.disclosures.live_nucleated_cells = count.map(|c| CellCount::from_u64(c).unwrap());
        offer.patient.standard_treatments_tried = tried;
        offer.patient.physician_supervised = physician;
        offer.patient.regulated_setting = regulated;
        offer.product.donor = donor;
        let eval = evaluate_offer(&offer, ON);
        prop_assert!(eval.good_signs.iter().all(|f| f.outcome == Outcome::Met && f.severity == Severity::Info));
        prop_assert!(eval.walk_away.iter().all(|f| f.severity == Severity::Blocking && f.outcome != Outcome::Met));
        prop_assert!(eval.ask_first.iter().all(|f| f.severity == Severity::Warning && f.outcome != Outcome::Met));
        let expected = if !eval.walk_away.is_empty() {
            PatientVerdict::WalkAway
        } else if !eval.ask_first.is_empty() {
            PatientVerdict::AskFirst
        } else {
            PatientVerdict::GoodSigns
        };
        prop_assert_eq!(eval.verdict, expected);
        if count.is_none() {
            prop_assert_eq!(eval.verdict, PatientVerdict::WalkAway);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Issue #9: the product the clinic actually offers, where it offers it
// ---------------------------------------------------------------------------------------------

/// An offer from JSON text, with a patch of top-level and `product` keys applied.
fn patched(base: &str, patch: serde_json::Value) -> ClinicOffer {
    let mut doc: serde_json::Value = serde_json::from_str(base).unwrap();
    for (key, value) in patch.as_object().unwrap() {
        if key == "product" {
            for (k, v) in value.as_object().unwrap() {
                if v.is_null() {
                    doc["product"].as_object_mut().unwrap().remove(k);
                } else {
                    doc["product"][k] = v.clone();
                }
            }
        } else if value.is_null() {
            doc.as_object_mut().unwrap().remove(key);
        } else {
            doc[key] = value.clone();
        }
    }
    ClinicOffer::from_json(&doc.to_string()).expect("patched offer parses")
}

fn contradicted(eval: &OfferEvaluation, rule: RuleId) -> Vec<String> {
    eval.finding(rule)
        .and_then(|f| f.fact_named("contradicts"))
        .map(|f| match &f.value {
            msc_therapy::finding::FactValue::Codes(c) => c.iter().map(|s| s.to_string()).collect(),
            other => vec![other.to_string()],
        })
        .unwrap_or_default()
}

/// "Our own cells, cheaper than Ryoncil": autologous adipose cells claiming FDA approval for
/// GvHD. Ryoncil, the only FDA-approved MSC product, is allogeneic bone marrow (FDA approval
/// 18 Dec 2024; catalog entry ryoncil_us): the claim is false, and the finding says which facts
/// contradict the catalog. The name does not help.
#[test]
fn own_adipose_cells_named_after_ryoncil_claiming_fda_approval_walk_away() {
    let offer = patched(
        RYONCIL,
        serde_json::json!({
            "authorisation": null,
            "product": {"name": "Our own cells, cheaper than Ryoncil", "tissue": "adipose_tissue", "donor": "autologous"}
        }),
    );
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(eval.verdict, PatientVerdict::WalkAway);
    assert_eq!(in_group(&eval, RuleId::OfferClaimFdaApproved), "walk_away");
    assert_eq!(
        contradicted(&eval, RuleId::OfferClaimFdaApproved),
        ["product.tissue", "product.donor"]
    );
    // Naming Ryoncil's catalog key does not make it Ryoncil either.
    let named = patched(
        RYONCIL,
        serde_json::json!({"product": {"tissue": "adipose_tissue", "donor": "autologous"}}),
    );
    let eval = evaluate_offer(&named, ON);
    assert_eq!(in_group(&eval, RuleId::OfferProductIdentity), "walk_away");
    assert_eq!(
        contradicted(&eval, RuleId::OfferProductIdentity),
        ["product.tissue", "product.donor"]
    );
}

/// "Ryoncil-style umbilical stem cells": a Wharton's jelly vial claiming FDA approval for GvHD.
/// No FDA-approved MSC product is made from umbilical tissue.
#[test]
fn a_whartons_jelly_vial_claiming_ryoncils_approval_walks_away() {
    let offer = patched(
        RYONCIL,
        serde_json::json!({
            "authorisation": null,
            "product": {"name": "Ryoncil-style umbilical stem cells", "tissue": "whartons_jelly", "preparation": "perinatal_allograft"}
        }),
    );
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(in_group(&eval, RuleId::OfferClaimFdaApproved), "walk_away");
    assert_eq!(
        contradicted(&eval, RuleId::OfferClaimFdaApproved),
        ["product.tissue", "product.preparation"]
    );
    assert_eq!(eval.verdict, PatientVerdict::WalkAway);
}

/// Ryoncil for a child with steroid-refractory acute GvHD, in the US, as its label says (2 ×
/// 10⁶ MSC/kg, intravenous): an approved product used on label needs no IND, so the US pathway
/// is a good sign and no "IND or approval" question is asked; its full approval is the evidence.
#[test]
fn ryoncil_on_label_in_the_us_gets_good_signs_without_an_ind_question() {
    let eval = evaluate_offer(&ryoncil_on_label(), ON);
    assert_eq!(eval.verdict, PatientVerdict::GoodSigns, "{eval}");
    assert_eq!(
        eval.product,
        Some(msc_therapy::catalog::CatalogKey::RyoncilUs)
    );
    assert_eq!(in_group(&eval, RuleId::OfferProductIdentity), "good_signs");
    assert_eq!(in_group(&eval, RuleId::OfferUsPathway), "good_signs");
    assert_eq!(in_group(&eval, RuleId::OfferTrialEvidence), "good_signs");
    assert!(!eval.questions.contains(&Question::RegulatedSetting));
    assert!(eval.questions.is_empty());
    assert!(!eval.expectations.contains(&Expectation::Experimental));
    assert_eq!(
        eval.us.as_ref().unwrap().classification,
        UsClassification::Section351Product
    );
    // The same product without its named approval: the IND question comes back.
    let mut unnamed = ryoncil_on_label();
    unnamed.authorisation = None;
    let eval = evaluate_offer(&unnamed, ON);
    assert_eq!(in_group(&eval, RuleId::OfferUsPathway), "ask_first");
    assert!(eval.questions.contains(&Question::RegulatedSetting));
}

/// Ryoncil's approval is a US approval; a clinic abroad cannot claim it, and an approval does
/// not cover another condition or another route.
#[test]
fn an_approval_does_not_cover_another_place_condition_or_route() {
    let eval = evaluate_offer(
        &patched(RYONCIL, serde_json::json!({"jurisdiction": "other"})),
        ON,
    );
    assert_eq!(in_group(&eval, RuleId::OfferProductIdentity), "walk_away");
    assert_eq!(
        contradicted(&eval, RuleId::OfferProductIdentity),
        ["jurisdiction"]
    );
    let eval = evaluate_offer(
        &patched(
            RYONCIL,
            serde_json::json!({"indication": "knee_osteoarthritis", "claims": []}),
        ),
        ON,
    );
    assert_eq!(
        contradicted(&eval, RuleId::OfferProductIdentity),
        ["indication"]
    );
    let eval = evaluate_offer(
        &patched(
            RYONCIL,
            serde_json::json!({"product": {"delivery": {"route": "intra_articular", "guidance": "ultrasound"}}}),
        ),
        ON,
    );
    assert_eq!(
        contradicted(&eval, RuleId::OfferProductIdentity),
        ["product.delivery.route"]
    );
    assert_eq!(eval.verdict, PatientVerdict::WalkAway);
}

/// Alofisel's EU marketing authorisation was withdrawn on 13 Dec 2024 (EMA, "Alofisel withdrawn
/// from the EU market"): an offer in Germany naming its EU register number claims an approval
/// that no longer exists.
#[test]
fn a_withdrawn_authorisation_is_no_approval() {
    let offer = patched(
        TRIAL_SITE,
        serde_json::json!({
            "jurisdiction": "germany",
            "authorisation": {"authorisation_number": "EU/1/17/1261"},
            "indication": "perianal_fistula",
            "product": {"tissue": "adipose_tissue", "delivery": {"route": "intralesional"},
                        "intended_use": {"functions": ["immunomodulation"], "indications": ["perianal_fistula"],
                                         "systemic_effect": false, "depends_on_living_cells": true}}
        }),
    );
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(
        eval.product,
        Some(msc_therapy::catalog::CatalogKey::AlofiselEu)
    );
    assert_eq!(
        contradicted(&eval, RuleId::OfferProductIdentity),
        ["catalog.status"]
    );
    assert_eq!(eval.verdict, PatientVerdict::WalkAway);
    // A number the catalog does not hold is an open question, not a match.
    let mut unknown = offer.clone();
    unknown.authorisation = Some(
        msc_therapy::document::ProductReference::AuthorisationNumber(
            Text::new("EU/1/99/9999").unwrap(),
        ),
    );
    let eval = evaluate_offer(&unknown, ON);
    assert_eq!(eval.product, None);
    assert_eq!(in_group(&eval, RuleId::OfferProductIdentity), "ask_first");
    assert!(eval.questions.contains(&Question::ProductIdentity));
}

/// An offer states where it is made: the US pathway is for US offers; EU and Japanese offers get
/// their own classification; an offer that does not say gets the question, not a US default.
#[test]
fn the_law_of_the_place_is_applied_and_no_place_is_a_question() {
    let nowhere = patched(TRIAL_SITE, serde_json::json!({"jurisdiction": null}));
    let eval = evaluate_offer(&nowhere, ON);
    assert!(eval.us.is_none() && eval.eu.is_none() && eval.jp.is_none());
    assert_eq!(eval.finding(RuleId::OfferUsPathway), None);
    assert_eq!(in_group(&eval, RuleId::OfferJurisdiction), "ask_first");
    assert!(eval.questions.contains(&Question::Jurisdiction));
    assert_eq!(eval.verdict, PatientVerdict::AskFirst);

    // Culture-expanded donor cells given in Spain: an ATMP (Reg (EC) 1394/2007 Art 2(1)(c),
    // Annex I), given within its registered trial.
    let eu = patched(
        TRIAL_SITE,
        serde_json::json!({"jurisdiction": "european_union"}),
    );
    let eval = evaluate_offer(&eu, ON);
    let class = eval.eu.as_ref().unwrap().classification;
    assert_eq!(class.is_atmp(), Some(true), "{class}");
    assert!(eval.us.is_none());
    assert_eq!(outcome(&eval, RuleId::OfferEuPathway), Outcome::Met);
    let mut outside = eu.clone();
    outside.disclosures.trial_registration = None;
    let eval = evaluate_offer(&outside, ON);
    assert_eq!(in_group(&eval, RuleId::OfferEuPathway), "ask_first");
    assert!(eval.questions.contains(&Question::EuPathway));

    // In Japan, outside an approval, a provision plan under ASRM is needed whatever the class.
    let jp = patched(
        TRIAL_SITE,
        serde_json::json!({"jurisdiction": "japan", "disclosures": {"live_nucleated_cells": 25000000, "source_disclosed": true, "certificate_of_analysis_shown": true}}),
    );
    let eval = evaluate_offer(&jp, ON);
    assert!(eval.jp.is_some() && eval.us.is_none());
    assert_eq!(in_group(&eval, RuleId::OfferJpPathway), "ask_first");
    assert!(eval.questions.contains(&Question::JpPathway));
    assert!(eval.to_string().contains("Japanese classification: ASRM"));
}

/// Stemirac, conditionally approved in Japan for traumatic spinal cord injury: 0.5-2.0 × 10⁸
/// autologous bone-marrow MSCs intravenously (Nipro). On label in Japan the pathway is a good
/// sign and the dose is within its label; a conditional approval is not the full evidence a
/// completed Phase II/III trial is. The approval's seven-year term ended on 27 Dec 2025 with full
/// approval applied for and no decision found: on a later day the pathway is a question.
#[test]
fn stemirac_on_label_in_japan() {
    let offer = patched(
        RYONCIL,
        serde_json::json!({
            "jurisdiction": "japan",
            "authorisation": {"authorisation_number": "23000FZX00001000"},
            "indication": "spinal_cord_injury",
            "claims": [],
            "product": {"donor": "autologous", "supply": "patient_specific",
                        "dose": {"viable_cells": 100000000, "volume_ml": 40, "administrations": 1},
                        "recipient": {"weight_kg": 70},
                        "intended_use": {"functions": ["neural_repair"], "indications": ["spinal_cord_injury"],
                                         "systemic_effect": true, "depends_on_living_cells": true}}
        }),
    );
    let mut offer = offer;
    offer
        .product
        .release
        .as_mut()
        .unwrap()
        .viable_nucleated_cells = Some(CellCount::new(1e8).unwrap());
    offer.disclosures.live_nucleated_cells = Some(CellCount::new(1e8).unwrap());
    let within_term = evaluate_offer(&offer, jiff::civil::date(2025, 12, 1));
    assert_eq!(
        in_group(&within_term, RuleId::OfferProductIdentity),
        "good_signs"
    );
    assert_eq!(in_group(&within_term, RuleId::OfferJpPathway), "good_signs");
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(
        eval.product,
        Some(msc_therapy::catalog::CatalogKey::StemiracJp)
    );
    assert_eq!(in_group(&eval, RuleId::OfferProductIdentity), "ask_first");
    assert_ne!(in_group(&eval, RuleId::OfferJpPathway), "good_signs");
    assert_eq!(outcome(&eval, RuleId::OfferDoseReference), Outcome::Met);
    assert_eq!(
        eval.quality
            .finding(RuleId::QualityDoseReference)
            .unwrap()
            .outcome,
        Outcome::Met
    );
    assert_eq!(in_group(&eval, RuleId::OfferTrialEvidence), "ask_first");
    assert!(eval.expectations.contains(&Expectation::Experimental));
}

/// StemOne, authorised in India for knee osteoarthritis (25 × 10⁶ cells intra-articular): an
/// offer made in India that names it and matches it gets the national pathway's good sign.
#[test]
fn a_knee_product_authorised_in_india() {
    let offer = patched(
        TRIAL_SITE,
        serde_json::json!({"jurisdiction": "india", "authorisation": {"catalog_key": "stemone_in"}}),
    );
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(in_group(&eval, RuleId::OfferProductIdentity), "good_signs");
    assert_eq!(in_group(&eval, RuleId::OfferNationalPathway), "good_signs");
    assert!(eval.us.is_none() && eval.eu.is_none() && eval.jp.is_none());
    // Without the named authorisation and outside a trial, the question is which one applies.
    let mut unnamed = offer.clone();
    unnamed.authorisation = None;
    unnamed.disclosures.trial_registration = None;
    let eval = evaluate_offer(&unnamed, ON);
    assert_eq!(in_group(&eval, RuleId::OfferNationalPathway), "ask_first");
    assert!(eval.questions.contains(&Question::NationalPathway));
}

/// Cupistem's label dose (3 × 10⁷ cells for a fistula up to 1 cm, intralesional) and Stemirac's
/// (1 × 10⁸ IV) are approved doses: never "outside the range of approved products".
#[test]
fn approved_doses_are_within_their_own_references() {
    let product = |json: &str| msc_therapy::Product::from_json(json).unwrap();
    let cupistem = product(
        r#"{"name": "x", "preparation": "culture_expanded_msc", "tissue": "adipose_tissue",
            "donor": "autologous", "delivery": {"route": "intralesional"},
            "intended_use": {"indications": ["perianal_fistula"]},
            "dose": {"viable_cells": 30000000}}"#,
    );
    let stemirac = product(
        r#"{"name": "x", "preparation": "culture_expanded_msc", "tissue": "bone_marrow",
            "donor": "autologous", "delivery": {"route": "intravenous"},
            "intended_use": {"indications": ["spinal_cord_injury"]},
            "dose": {"viable_cells": 100000000}}"#,
    );
    for p in [cupistem, stemirac] {
        let report = msc_therapy::assess_quality(
            &p,
            &msc_therapy::engine::quality::QualityPolicy::default(),
            ON,
        );
        let f = report.finding(RuleId::QualityDoseReference).unwrap();
        assert_eq!(f.outcome, Outcome::Met, "{f}");
    }
}

/// "A 'whiff' of cells isn't enough": 1 × 10⁵ MSC/kg IV for GvHD is twenty times below Ryoncil's
/// 2 × 10⁶/kg and ten times below Obnitix's lowest, 1 × 10⁶/kg. That is a warning that stops good
/// signs, and the factor is the policy's.
#[test]
fn a_dose_far_below_every_label_is_a_warning() {
    let offer = patched(
        RYONCIL,
        serde_json::json!({"product": {"dose": {"viable_cells": 2000000, "cells_per_kg": 100000, "volume_ml": 6, "administrations": 8}}}),
    );
    let mut offer = offer;
    offer
        .product
        .release
        .as_mut()
        .unwrap()
        .viable_nucleated_cells = Some(CellCount::new(2e6).unwrap());
    offer.disclosures.live_nucleated_cells = Some(CellCount::new(2e6).unwrap());
    let eval = evaluate_offer(&offer, ON);
    let f = eval.finding(RuleId::OfferDoseReference).unwrap();
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::NotMet, Severity::Warning)
    );
    assert_eq!(in_group(&eval, RuleId::OfferDoseReference), "ask_first");
    assert_ne!(eval.verdict, PatientVerdict::GoodSigns);
    let quality = eval.quality.finding(RuleId::QualityDoseReference).unwrap();
    assert_eq!(
        (quality.outcome, quality.severity),
        (Outcome::NotMet, Severity::Warning)
    );
    // A more lenient factor (25 times) lets the same dose through as merely outside.
    let mut policy = OfferPolicy::default();
    policy.quality.dose_far_below_factor =
        msc_therapy::engine::quality::DoseFactor::new(25.0).unwrap();
    let eval = evaluate_offer_with(&offer, &policy, ON);
    assert_eq!(in_group(&eval, RuleId::OfferDoseReference), "notes");
    assert_eq!(outcome(&eval, RuleId::OfferDoseReference), Outcome::NotMet);
}

/// A same-day marrow concentrate's nucleated cells are not expanded MSCs: no label doses one, so
/// it is not compared with expanded-MSC doses at all.
#[test]
fn bedside_concentrates_are_not_compared_with_expanded_msc_doses() {
    let eval = evaluate_offer(&ClinicOffer::from_json(SAME_DAY_BMAC).unwrap(), ON);
    assert_eq!(
        outcome(&eval, RuleId::OfferDoseReference),
        Outcome::NotApplicable
    );
    assert_eq!(
        eval.quality
            .finding(RuleId::QualityDoseReference)
            .unwrap()
            .outcome,
        Outcome::NotApplicable
    );
}

/// No neutral silence: the trial site's donor lot with its whole release block deleted cannot
/// get good signs (the release quality is an open question), while a positive sterility test
/// is a reason to walk away.
#[test]
fn missing_release_data_on_a_donor_product_is_ask_first() {
    let eval = evaluate_offer(
        &patched(
            TRIAL_SITE,
            serde_json::json!({"product": {"release": null}}),
        ),
        ON,
    );
    assert_ne!(eval.verdict, PatientVerdict::GoodSigns);
    assert_eq!(in_group(&eval, RuleId::OfferReleaseQuality), "ask_first");
    assert!(eval.questions.contains(&Question::ReleaseData));
    // An undetermined US classification is an open question too.
    let mut offer = trial_site();
    offer.product.donor = None;
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(in_group(&eval, RuleId::OfferUsPathway), "ask_first");
}

/// A count of donor cells with nothing to show they are alive (no certificate shown, no
/// viability result) is a question, not a good sign: "If it's donor tissue from a bottle, ask for
/// the Certificate of Analysis that proves cell viability."
#[test]
fn a_donor_vial_count_without_viability_evidence_is_not_a_good_sign() {
    let mut offer = trial_site();
    offer.disclosures.certificate_of_analysis_shown = None;
    offer.product.release.as_mut().unwrap().viability.clear();
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(in_group(&eval, RuleId::OfferLiveCellCount), "ask_first");
    assert_eq!(
        outcome(&eval, RuleId::OfferLiveCellCount),
        Outcome::Undetermined
    );
}

/// Certificates: expiry before issue, another lot, and (on the caller's date) expiry are
/// findings that fail release (21 CFR 610.1-610.14 lot release; 610.53 dating periods); "no
/// certificate was issued" is a statement of its own, distinct from "not stated".
#[test]
fn certificate_consistency() {
    let consistency_on = |offer: &ClinicOffer, policy: &OfferPolicy, on: jiff::civil::Date| {
        let eval = evaluate_offer_with(offer, policy, on);
        let f = eval
            .quality
            .finding(RuleId::QualityCertificateConsistent)
            .unwrap()
            .clone();
        (f, eval.verdict)
    };
    let consistency = |offer: &ClinicOffer, policy: &OfferPolicy| consistency_on(offer, policy, ON);
    let policy = OfferPolicy::default();
    let mut offer = ryoncil_on_label();
    // The sample's certificate runs from 2026-09-01 to 2027-09-01: valid on the evaluation date.
    let (f, verdict) = consistency(&offer, &policy);
    assert_eq!(f.outcome, Outcome::Met, "{f}");
    assert_eq!(verdict, PatientVerdict::GoodSigns);

    assert_eq!(
        consistency_on(&offer, &policy, jiff::civil::date(2027, 1, 15))
            .0
            .outcome,
        Outcome::Met
    );
    let (f, verdict) = consistency_on(&offer, &policy, jiff::civil::date(2027, 9, 2));
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::NotMet, Severity::Blocking)
    );
    assert_eq!(
        f.reason.map(|r| r.text()),
        Some("the certificate of analysis has expired on the evaluation date")
    );
    assert_eq!(verdict, PatientVerdict::WalkAway);

    let cert = offer
        .product
        .release
        .as_mut()
        .unwrap()
        .certificate
        .as_mut()
        .unwrap();
    cert.expires_on = Some(msc_therapy::vocab::IsoDate::new("2026-08-01").unwrap());
    let (f, verdict) = consistency(&offer, &policy);
    assert_eq!(
        f.reason.map(|r| r.text()),
        Some("the certificate of analysis expires before the date it was issued")
    );
    assert_eq!(verdict, PatientVerdict::WalkAway);

    let mut offer = ryoncil_on_label();
    offer.product.release.as_mut().unwrap().lot = Some(Text::new("RYO-0002").unwrap());
    let (f, _) = consistency(&offer, &policy);
    assert_eq!(
        f.reason.map(|r| r.text()),
        Some("the certificate of analysis is for another lot than the product's")
    );

    // "No certificate was issued" against "not stated".
    let mut offer = ryoncil_on_label();
    let release = offer.product.release.as_mut().unwrap();
    release.certificate = None;
    let stated_none = {
        let mut o = offer.clone();
        o.product.release.as_mut().unwrap().certificate_issued = Some(false);
        evaluate_offer(&o, ON)
    };
    let not_stated = evaluate_offer(&offer, ON);
    let present = |e: &OfferEvaluation| {
        let f = e
            .quality
            .finding(RuleId::QualityCertificatePresent)
            .unwrap();
        (f.outcome, f.severity)
    };
    assert_eq!(present(&stated_none), (Outcome::NotMet, Severity::Blocking));
    assert_eq!(
        present(&not_stated),
        (Outcome::Undetermined, Severity::Blocking)
    );
    assert_eq!(stated_none.quality.verdict, QualityVerdict::Fail);
    assert_eq!(not_stated.quality.verdict, QualityVerdict::Undetermined);
}

/// Expectations follow the condition's family: pain relief for months and the rehabilitation
/// window are for musculoskeletal conditions ("The Real-World Impact on Joints and Pain";
/// "Manage Your Expectations"), not for GvHD or autism.
#[test]
fn expectations_are_chosen_by_the_conditions_family() {
    for (indication, musculoskeletal) in [
        (Indication::KneeOsteoarthritis, true),
        (Indication::Tendinopathy, true),
        (Indication::GraftVersusHostDisease, false),
        (Indication::Autism, false),
    ] {
        let mut offer = trial_site();
        offer.indication = indication.into();
        let eval = evaluate_offer(&offer, ON);
        assert_eq!(
            eval.expectations
                .contains(&Expectation::RehabilitationWindow),
            musculoskeletal,
            "{indication}"
        );
        assert_eq!(
            eval.expectations
                .contains(&Expectation::PainReliefForMonths),
            musculoskeletal,
            "{indication}"
        );
        for e in &eval.expectations {
            assert!(!e.info().citation.contains("Source text"), "{e}");
        }
    }
}

/// Questions already answered by the offer are not asked: a named authorisation answers "under
/// which approval"; a stated place answers "where".
#[test]
fn questions_the_offer_answers_are_not_asked() {
    let mut offer = trial_site();
    offer.disclosures.trial_registration = None;
    let eval = evaluate_offer(&offer, ON);
    assert!(eval.questions.contains(&Question::RegulatedSetting));
    offer.authorisation = Some(
        msc_therapy::document::ProductReference::AuthorisationNumber(
            Text::new("BLA 999999").unwrap(),
        ),
    );
    let eval = evaluate_offer(&offer, ON);
    assert!(!eval.questions.contains(&Question::RegulatedSetting));
    assert!(!eval.questions.contains(&Question::Jurisdiction));
    for q in &eval.questions {
        assert!(!q.answered_by(&offer), "{q}");
    }
}

/// Every policy number has a domain, enforced on deserialization with the field's path.
#[test]
fn policies_refuse_numbers_outside_their_domain() {
    let err = OfferPolicy::from_json(r#"{"myriad_min_categories": 0}"#).unwrap_err();
    assert_eq!(err.path(), "myriad_min_categories");
    assert_eq!(
        err.message(),
        "number of condition families must be between 2 and 12, got 0"
    );
    assert!(OfferPolicy::from_json(r#"{"myriad_min_categories": 13}"#).is_err());
    assert!(OfferPolicy::from_json(r#"{"myriad_min_categories": 2}"#).is_ok());
    let err = OfferPolicy::from_json(r#"{"quality": {"dose_far_below_factor": 1}}"#).unwrap_err();
    assert_eq!(err.path(), "quality.dose_far_below_factor");
    assert_eq!(
        err.message(),
        "dose factor must be between 1.000001 and 1000, got 1"
    );
    let err = OfferPolicy::from_json(r#"{"quality": {"evaluated_on": "2027-02-30"}}"#).unwrap_err();
    assert_eq!(err.path(), "quality.evaluated_on");
    let err = msc_therapy::Product::from_json(r#"{"name": "x", "dose": {"administrations": 0}}"#)
        .unwrap_err();
    assert_eq!(err.path(), "dose.administrations");
    assert!(msc_therapy::engine::offer::ConditionFamilies::new(1).is_err());
}

/// Obnitix is authorised nationally in Germany (section 4b AMG) for steroid-refractory acute
/// GvHD, 1-2 × 10⁶ cells/kg IV: in Germany, named and matching, it is an authorised product given
/// as authorised under EU law's classification (an ATMP), so the EU pathway is a good sign.
#[test]
fn obnitix_in_germany_is_an_authorised_product_on_label() {
    let offer = patched(
        RYONCIL,
        serde_json::json!({"jurisdiction": "germany", "authorisation": {"catalog_key": "obnitix_de"}, "claims": []}),
    );
    let eval = evaluate_offer(&offer, ON);
    assert!(eval.eu.is_some() && eval.us.is_none());
    assert_eq!(in_group(&eval, RuleId::OfferProductIdentity), "good_signs");
    assert_eq!(in_group(&eval, RuleId::OfferEuPathway), "good_signs");
    // A national authorisation is not a full marketing authorisation: it is not the evidence a
    // completed Phase II/III trial is.
    assert_eq!(in_group(&eval, RuleId::OfferTrialEvidence), "ask_first");
    // The same product named in France would claim a German authorisation it does not hold.
    let mut abroad = offer.clone();
    abroad.jurisdiction = Some(msc_therapy::catalog::Jurisdiction::EuropeanUnion);
    assert_eq!(
        contradicted(&evaluate_offer(&abroad, ON), RuleId::OfferProductIdentity),
        ["jurisdiction"]
    );
}

/// A product named by its catalog key that holds no FDA approval (TEMCELL, approved in Japan)
/// cannot carry a claim of FDA approval.
#[test]
fn a_claim_of_fda_approval_for_a_product_approved_elsewhere_is_false() {
    let offer = patched(
        RYONCIL,
        serde_json::json!({"authorisation": {"catalog_key": "temcell_jp"}}),
    );
    let eval = evaluate_offer(&offer, ON);
    let f = eval.finding(RuleId::OfferClaimFdaApproved).unwrap();
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::NotMet, Severity::Blocking)
    );
    assert_eq!(
        f.fact_named("catalog.jurisdiction")
            .unwrap()
            .value
            .to_string(),
        "japan"
    );
    assert_eq!(eval.verdict, PatientVerdict::WalkAway);
}

/// Where the crate has no classification engine, a registered trial settles the pathway: the
/// note carries the jurisdiction and the trial's registration, and without the trial the
/// question is which national authorisation covers the treatment.
#[test]
fn a_registered_trial_settles_the_national_pathway_and_is_named() {
    let offer = patched(TRIAL_SITE, serde_json::json!({"jurisdiction": "india"}));
    let nct = offer
        .disclosures
        .trial_registration
        .clone()
        .expect("the trial site names its trial");
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(in_group(&eval, RuleId::OfferNationalPathway), "notes");
    let f = eval.finding(RuleId::OfferNationalPathway).unwrap();
    assert_eq!(f.outcome, Outcome::Met);
    assert_eq!(
        f.fact_named("disclosures.trial_registration")
            .map(|x| x.value.to_string()),
        Some(nct.as_str().to_owned())
    );
    assert_eq!(
        f.fact_named("jurisdiction").map(|x| x.value.to_string()),
        Some("india".to_owned())
    );

    let mut outside = offer.clone();
    outside.disclosures.trial_registration = None;
    let eval = evaluate_offer(&outside, ON);
    assert_eq!(in_group(&eval, RuleId::OfferNationalPathway), "ask_first");
}

// ---------------------------------------------------------------------------------------------
// Issue #19: what clinics write (measured content, marketing, follow-up, conditions, status)
// ---------------------------------------------------------------------------------------------

/// The trial site (good signs) with one patch of top-level keys.
fn site(patch: serde_json::Value) -> OfferEvaluation {
    evaluate_offer(&patched(TRIAL_SITE, patch), ON)
}

/// "10 million live stem cells per vial", measured at a hundredth of that: the measurement wins
/// (the checklist's "counts in the millions" holds against what was measured); at 80 % of it,
/// within the policy's share (half, by default), the two agree, and the test adds no good sign.
#[test]
fn a_measured_count_far_below_the_stated_one_contradicts_it() {
    let test = |count: u64| json!({"content_tests": [{"tested_by": "Independent laboratory", "live_nucleated_cells": count}]});
    // 25 million stated (the trial site); 2 million measured: a million or more, but far below.
    let eval = site(test(2_000_000));
    assert_eq!(in_group(&eval, RuleId::OfferContentTest), "walk_away");
    assert_eq!(
        contradicted(&eval, RuleId::OfferContentTest),
        vec!["disclosures.live_nucleated_cells", "content_tests"]
    );
    assert_eq!(in_group(&eval, RuleId::OfferLiveCellCount), "notes");
    // Below a million measured: a "whiff", whatever the statement.
    let eval = site(test(400_000));
    assert_eq!(in_group(&eval, RuleId::OfferContentTest), "walk_away");
    // 20 million measured: the statement stands, and the test is only a note.
    let eval = site(test(20_000_000));
    assert_eq!(in_group(&eval, RuleId::OfferContentTest), "notes");
    assert_eq!(outcome(&eval, RuleId::OfferContentTest), Outcome::Met);
    assert_eq!(in_group(&eval, RuleId::OfferLiveCellCount), "good_signs");
    assert_eq!(eval.verdict, PatientVerdict::GoodSigns);
    // The share comes from the policy.
    let policy = OfferPolicy::from_json(r#"{"measured_count_min_share": 90}"#).unwrap();
    let eval = evaluate_offer_with(&patched(TRIAL_SITE, test(20_000_000)), &policy, ON);
    assert_eq!(in_group(&eval, RuleId::OfferContentTest), "walk_away");
}

/// A cell-free product is not contradicted by a test that finds no cells in it.
#[test]
fn no_mscs_in_a_cell_free_product_is_no_contradiction() {
    let eval = site(json!({
        "product": {"preparation": "extracellular_vesicles"},
        "content_tests": [{"tested_by": "Lab", "msc_found": false}]
    }));
    assert_eq!(in_group(&eval, RuleId::OfferContentTest), "notes");
}

/// Satisfaction figures and testimonials never count as evidence: a clinic that offers them and
/// no trial still has the evidence question open, and a clinic with a qualifying trial gains
/// nothing from them either.
#[test]
fn satisfaction_figures_and_testimonials_never_count_as_evidence() {
    let claims = json!({"claims": [
        {"kind": "satisfaction_statistics", "indications": [], "wording": "97% of our patients improved"},
        {"kind": "testimonials", "indications": []}
    ], "evidence": []});
    let eval = site(claims);
    assert_eq!(in_group(&eval, RuleId::OfferClaimSatisfaction), "ask_first");
    assert_eq!(in_group(&eval, RuleId::OfferClaimTestimonials), "ask_first");
    assert_eq!(in_group(&eval, RuleId::OfferTrialEvidence), "ask_first");
    assert_eq!(
        eval.questions
            .iter()
            .filter(|q| **q == Question::TrialEvidence)
            .count(),
        1
    );
}

/// "Better than standard treatment": a red flag without a trial; with a completed positive
/// Phase III trial for the condition, the question whether it compared the two.
#[test]
fn superiority_needs_a_comparing_trial() {
    let claim = json!([{"kind": "superior_to_standard_care", "indications": []}]);
    let eval = site(json!({"claims": claim, "evidence": []}));
    assert_eq!(in_group(&eval, RuleId::OfferClaimSuperiority), "walk_away");
    let eval = site(json!({"claims": claim, "evidence": [
        {"nct_id": "NCT09990004", "phases": ["PHASE3"], "status": "COMPLETED", "indication": "knee_osteoarthritis", "result": "positive"}
    ]}));
    assert_eq!(in_group(&eval, RuleId::OfferClaimSuperiority), "ask_first");
    assert_eq!(
        outcome(&eval, RuleId::OfferClaimSuperiority),
        Outcome::Undetermined
    );
}

/// A paid study: in the US without an IND a red flag (21 CFR 312.8); elsewhere a question;
/// where the place is unknown, the place is what is missing.
#[test]
fn a_paid_study_is_judged_by_where_it_is_given() {
    let paid = json!({"pay_to_participate": true});
    let eval = site(json!({"marketing": paid}));
    assert_eq!(in_group(&eval, RuleId::OfferPayToParticipate), "walk_away");
    let eval = site(json!({"marketing": paid, "jurisdiction": "other"}));
    assert_eq!(in_group(&eval, RuleId::OfferPayToParticipate), "ask_first");
    assert_eq!(
        outcome(&eval, RuleId::OfferPayToParticipate),
        Outcome::NotMet
    );
    let eval = site(json!({"marketing": paid, "jurisdiction": null}));
    let f = eval.finding(RuleId::OfferPayToParticipate).unwrap();
    assert_eq!(f.outcome, Outcome::Undetermined);
    assert!(f.missing.iter_str().any(|p| p == "jurisdiction"));
    // Not charged, or not recorded: no finding the patient acts on.
    let eval = site(json!({"marketing": {"pay_to_participate": false}}));
    assert_eq!(in_group(&eval, RuleId::OfferPayToParticipate), "notes");
    assert_eq!(eval.verdict, PatientVerdict::GoodSigns);
}

/// The follow-up plan: absent, an open question; stated in full, a good sign; partly, the
/// missing parts; "no follow-up", not met. A registered trial's protocol sets its follow-up
/// (21 CFR 312.23(a)(6)(iii)(g)): absent from the offer of a registered trial, the plan is a
/// note to ask for, not a reason to hold back.
#[test]
fn the_follow_up_plan_is_asked_for() {
    let disclosures = json!({
        "live_nucleated_cells": 25000000,
        "source_disclosed": true,
        "certificate_of_analysis_shown": true
    });
    let eval = site(json!({"follow_up": null, "disclosures": disclosures}));
    assert_eq!(in_group(&eval, RuleId::OfferFollowUp), "ask_first");
    assert_eq!(eval.verdict, PatientVerdict::AskFirst);
    assert!(eval.questions.contains(&Question::FollowUp));
    let eval = site(json!({"follow_up": null}));
    assert_eq!(in_group(&eval, RuleId::OfferFollowUp), "notes");
    assert_eq!(outcome(&eval, RuleId::OfferFollowUp), Outcome::Undetermined);
    assert_eq!(eval.verdict, PatientVerdict::GoodSigns);
    let eval = site(json!({}));
    assert_eq!(in_group(&eval, RuleId::OfferFollowUp), "good_signs");
    let eval = site(json!({"follow_up": {"methods": ["imaging"], "months": 12}}));
    let f = eval.finding(RuleId::OfferFollowUp).unwrap();
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::Undetermined, Severity::Warning)
    );
    assert_eq!(f.missing.as_slice(), ["follow_up.adverse_event_contact"]);
    let eval =
        site(json!({"follow_up": {"methods": [], "months": 12, "adverse_event_contact": "x"}}));
    assert_eq!(outcome(&eval, RuleId::OfferFollowUp), Outcome::NotMet);
    let eval = site(
        json!({"follow_up": {"methods": ["imaging"], "months": 0, "adverse_event_contact": "x"}}),
    );
    assert_eq!(outcome(&eval, RuleId::OfferFollowUp), Outcome::NotMet);
}

/// A condition outside the list as the offer's condition: it parses, its trials cannot be
/// cited, no approval covers it (a claim of FDA approval for it is false), no label dose
/// compares with it, and it counts as a family of its own.
#[test]
fn an_unlisted_condition_gains_nothing() {
    let amd = json!({"coding": {"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "H35.30"}, "text": "macular degeneration"});
    let eval =
        site(json!({"indication": amd, "claims": [{"kind": "fda_approved", "indications": []}]}));
    assert_eq!(in_group(&eval, RuleId::OfferClaimFdaApproved), "walk_away");
    assert_eq!(in_group(&eval, RuleId::OfferTrialEvidence), "ask_first");
    assert_eq!(
        outcome(&eval, RuleId::OfferApprovedAnywhere),
        Outcome::NotMet
    );
    assert_eq!(
        outcome(&eval, RuleId::OfferDoseReference),
        Outcome::NotApplicable
    );
    // Whatever the route: without one, no dose is asked for either.
    let eval = site(json!({"indication": amd, "product": {"delivery": null}}));
    assert_eq!(in_group(&eval, RuleId::OfferDoseReference), "notes");
    assert!(
        !eval
            .expectations
            .contains(&Expectation::PainReliefForMonths)
    );
    let many = eval.finding(RuleId::OfferManyConditions).unwrap();
    assert_eq!(
        many.fact_named("claimed_condition_families")
            .unwrap()
            .value
            .to_string(),
        "2"
    );
    // A named approved product used for it is used off label.
    let eval = evaluate_offer(&patched(RYONCIL, json!({"indication": amd})), ON);
    assert_eq!(
        contradicted(&eval, RuleId::OfferProductIdentity),
        vec!["indication"]
    );
    // A code that names a listed term is refused: the term must be used.
    let listed = json!({"coding": {"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M17.9"}, "text": "knee arthritis"});
    let mut doc: serde_json::Value = serde_json::from_str(TRIAL_SITE).unwrap();
    doc["indication"] = listed;
    let err = ClinicOffer::from_json(&doc.to_string()).unwrap_err();
    assert_eq!(err.path(), "indication", "{err}");
}

/// A permission counts only where its law applies, and settles the route, never the evidence.
#[test]
fn permissions_count_where_their_law_applies() {
    let he = json!({"kind": "hospital_exemption", "obtained": true, "authority": "PEI", "reference": "4b-2020-01"});
    // The trial site's ATMP in Germany, without its trial: the exemption answers the route.
    let eval = site(
        json!({"jurisdiction": "germany", "permission": he, "disclosures": {
        "live_nucleated_cells": 25000000, "source_disclosed": true, "certificate_of_analysis_shown": true}}),
    );
    assert_eq!(in_group(&eval, RuleId::OfferEuPathway), "notes");
    assert_eq!(outcome(&eval, RuleId::OfferEuPathway), Outcome::Met);
    assert!(!eval.questions.contains(&Question::EuPathway));
    // Stated as not held: still a question (compassionate use and named-patient supply remain).
    let mut refused = he.clone();
    refused["obtained"] = json!(false);
    let eval = site(
        json!({"jurisdiction": "germany", "permission": refused, "disclosures": {
        "live_nucleated_cells": 25000000, "source_disclosed": true, "certificate_of_analysis_shown": true}}),
    );
    assert_eq!(in_group(&eval, RuleId::OfferEuPathway), "ask_first");
    assert_eq!(outcome(&eval, RuleId::OfferEuPathway), Outcome::NotMet);
    // In the US a hospital exemption is not a route: it does not count, the note says so, and
    // the question of the US route is still asked.
    let eval = site(json!({"permission": he, "disclosures": {
        "live_nucleated_cells": 25000000, "source_disclosed": true, "certificate_of_analysis_shown": true}}));
    let place = eval.finding(RuleId::OfferJurisdiction).unwrap();
    assert!(place.fact_named("permission.kind").is_some(), "{place:?}");
    assert_eq!(in_group(&eval, RuleId::OfferUsPathway), "ask_first");
    assert!(eval.questions.contains(&Question::RegulatedSetting));
    // Where the crate has no engine, a named national authorisation is shown, not settled.
    let national =
        json!({"kind": "national_authorisation", "obtained": true, "reference": "MFDS-2025-1"});
    let eval = site(
        json!({"jurisdiction": "south_korea", "permission": national, "disclosures": {
        "live_nucleated_cells": 25000000, "source_disclosed": true, "certificate_of_analysis_shown": true}}),
    );
    let f = eval.finding(RuleId::OfferNationalPathway).unwrap();
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::Undetermined, Severity::Warning)
    );
    assert!(
        f.reason
            .map(|r| r.text())
            .unwrap()
            .contains("cannot check it")
    );
}

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
#[allow(dead_code)]
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);
