//! Clinic offers from real published records (issue #19): what clinics wrote, and what the
//! regulator, court or study concluded about it.
//!
//! Each document under `tests/data/real_records/` encodes one published case as an offer; the
//! expectations are the source's conclusion, never what the engine happens to return (the
//! sources are listed in `tests/real_records/README.md`, section "Clinic offers"). Facts a
//! source does not give are left out, which the checklist reads as unknown.
#![cfg(feature = "json")]

use msc_therapy::engine::jp::AsrmRiskClass;
use msc_therapy::engine::offer::{Expectation, OfferEvaluation, PatientVerdict, Question};
use msc_therapy::{ClinicOffer, Outcome, RuleId, evaluate_offer};

#[path = "common/groups.rs"]
mod groups;
use groups::in_group;

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);

fn record(name: &str) -> ClinicOffer {
    let path = format!(
        "{}/tests/data/real_records/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    ClinicOffer::from_json(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn outcome(eval: &OfferEvaluation, rule: RuleId) -> Outcome {
    eval.finding(rule)
        .unwrap_or_else(|| panic!("{rule} reported"))
        .outcome
}

// ---------------------------------------------------------------------------------------------
// FTC v. Regenerative Medical Group, Inc. et al. (C.D. Cal., Oct 2018)
// ---------------------------------------------------------------------------------------------

/// The FTC's complaint: "amniotic stem cell therapy" advertised, without scientific evidence,
/// for Parkinson's disease, autism, macular degeneration, cerebral palsy, multiple sclerosis,
/// heart attacks and more; a "101 year old Lady once blind for 7 years" who could see again; the
/// settlement bars claims that a treatment is "comparable, or better than, conventional medical
/// treatments" without competent and reliable scientific evidence; initial treatments of $9,500
/// to $15,000 with "boosters" of $5,000 to $8,000. The offer's condition is macular
/// degeneration, which the crate's list does not hold: it is read as a coded condition.
#[test]
fn ftc_regenerative_medical_group_superiority_testimonials_and_boosters() {
    let offer = record("ftc_regenerative_medical_group_2018");
    assert_eq!(
        offer.indication.listed(),
        None,
        "macular degeneration is unlisted"
    );
    let eval = evaluate_offer(&offer, ON);
    // "Sold false hope at high prices": the FTC's conclusion is that the claims were deceptive.
    assert_eq!(eval.verdict, PatientVerdict::WalkAway, "{eval}");
    // Better than conventional treatment, with no trial comparing them: a red flag.
    assert_eq!(in_group(&eval, RuleId::OfferClaimSuperiority), "walk_away");
    assert_eq!(
        outcome(&eval, RuleId::OfferClaimSuperiority),
        Outcome::NotMet
    );
    // A testimonial is not evidence, and never stands in for a trial.
    assert_eq!(in_group(&eval, RuleId::OfferClaimTestimonials), "ask_first");
    assert_ne!(in_group(&eval, RuleId::OfferTrialEvidence), "good_signs");
    // A cure ("the blind see") and a myriad of unrelated diseases.
    assert_eq!(in_group(&eval, RuleId::OfferClaimCure), "walk_away");
    assert_eq!(in_group(&eval, RuleId::OfferManyConditions), "walk_away");
    // Boosters at $5,000 each: the whole course is the price.
    assert_eq!(in_group(&eval, RuleId::OfferRepeatTreatments), "ask_first");
    assert!(eval.questions.contains(&Question::Boosters));
    // No listed approval covers an unlisted condition: no catalog product is authorised for it,
    // and the joint expectations are not given.
    assert_eq!(
        outcome(&eval, RuleId::OfferApprovedAnywhere),
        Outcome::NotMet
    );
    assert!(
        !eval
            .expectations
            .contains(&Expectation::PainReliefForMonths)
    );
    assert!(eval.expectations.contains(&Expectation::Experimental));
}

// ---------------------------------------------------------------------------------------------
// FTC and State of Georgia v. Peyroux et al. (Stem Cell Institute of America)
// ---------------------------------------------------------------------------------------------

/// The complaint (17 Aug 2021) alleged that the defendants advertised their injections as
/// "comparable or superior to conventional treatments" (surgery, steroid injections,
/// painkillers) without any randomized clinical testing, and made false claims about approval;
/// the court granted summary judgment for the FTC and Georgia on all counts (11 Mar 2024).
/// About $5,000 per injection, patients often receiving more than one.
#[test]
fn ftc_georgia_stem_cell_institute_superiority_and_approval_claims_are_red_flags() {
    let eval = evaluate_offer(&record("ftc_georgia_stem_cell_institute_2021"), ON);
    assert_eq!(eval.verdict, PatientVerdict::WalkAway, "{eval}");
    assert_eq!(in_group(&eval, RuleId::OfferClaimSuperiority), "walk_away");
    assert_eq!(in_group(&eval, RuleId::OfferClaimFdaApproved), "walk_away");
    assert_eq!(in_group(&eval, RuleId::OfferRepeatTreatments), "ask_first");
    assert!(eval.questions.contains(&Question::Comparison));
}

// ---------------------------------------------------------------------------------------------
// StemGenex: a pay-to-participate "study" and "100 % satisfied" ratings
// ---------------------------------------------------------------------------------------------

/// Kaiser Health News (July 2016): a patient with knee osteoarthritis found a StemGenex study on
/// ClinicalTrials.gov and was told she would have to pay $14,000 to take part. Turner (Regen
/// Med 2017) found such "patient-funded" stem cell studies running without FDA-reviewed INDs,
/// which 21 CFR 312.8 requires (with FDA's written authorisation) before a trial may charge.
/// Moorer v. StemGenex (S.D. Cal., 6 Apr 2017): the claims over its advertising that "100% of
/// its prior consumers are satisfied" were sufficiently pleaded.
#[test]
fn stemgenex_paid_study_without_an_ind_and_satisfaction_ratings() {
    let offer = record("stemgenex_pay_to_participate_2016");
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(eval.verdict, PatientVerdict::WalkAway, "{eval}");
    assert_eq!(in_group(&eval, RuleId::OfferPayToParticipate), "walk_away");
    assert_eq!(
        outcome(&eval, RuleId::OfferPayToParticipate),
        Outcome::NotMet
    );
    // Satisfaction figures are not evidence: the evidence item stays an open question.
    assert_eq!(in_group(&eval, RuleId::OfferClaimSatisfaction), "ask_first");
    assert_eq!(in_group(&eval, RuleId::OfferTrialEvidence), "ask_first");

    // With an IND named, charging is a question for FDA's authorisation, not a red flag.
    let mut with_ind = offer.clone();
    with_ind.disclosures.ind_number = Some(msc_therapy::vocab::Text::new("IND 000000").unwrap());
    let eval = evaluate_offer(&with_ind, ON);
    assert_eq!(in_group(&eval, RuleId::OfferPayToParticipate), "ask_first");
}

// ---------------------------------------------------------------------------------------------
// FDA Warning Letter to Stemell, Inc. (OBPO 19-09, 28 Aug 2019)
// ---------------------------------------------------------------------------------------------

/// FDA found that Stemell's umbilical cord products, distributed to physicians to "combat
/// inflammatory conditions such as arthritis", are drugs and biological products that need a
/// BLA (or an IND while in development), and rejected its disclaimers that the products were
/// not intended to treat, cure or prevent disease.
#[test]
fn stemell_disclaimer_does_not_change_what_the_product_is_used_for() {
    let eval = evaluate_offer(&record("fda_stemell_warning_letter_2019"), ON);
    assert_eq!(eval.verdict, PatientVerdict::WalkAway, "{eval}");
    assert_eq!(
        in_group(&eval, RuleId::OfferTreatmentDisclaimer),
        "walk_away"
    );
    assert!(eval.questions.contains(&Question::ResearchUseOnly));
    // The disclaimer is never read as taking the product outside FDA's reach.
    let us = eval.us.as_ref().expect("a US offer is classified");
    assert_ne!(
        us.classification,
        msc_therapy::engine::us::UsClassification::Section361Hctp
    );
    assert_ne!(in_group(&eval, RuleId::OfferUsPathway), "good_signs");
}

// ---------------------------------------------------------------------------------------------
// Measured content: CDC (2018) and Panero et al. (2019)
// ---------------------------------------------------------------------------------------------

/// CDC (MMWR 2018;67(50):1397-1399): patients in Texas, Florida and Arizona fell ill after
/// umbilical cord blood-derived products marketed as stem cell treatment; bacteria grew from
/// unopened vials. The measurement wins over the marketing.
#[test]
fn cdc_contaminated_cord_blood_product_is_walk_away() {
    let offer = record("cdc_cord_blood_contamination_2018");
    assert_eq!(offer.indication.listed(), None, "chronic pain is unlisted");
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(eval.verdict, PatientVerdict::WalkAway, "{eval}");
    assert_eq!(in_group(&eval, RuleId::OfferContentTest), "walk_away");
    assert!(eval.questions.contains(&Question::ContentTest));
    // Deleting the test leaves the marketing alone: the red flag came from the measurement.
    let mut untested = offer.clone();
    untested.content_tests.clear();
    let eval = evaluate_offer(&untested, ON);
    assert_eq!(in_group(&eval, RuleId::OfferContentTest), "notes");
}

/// Panero et al. (Am J Sports Med 2019): "MSCs could not be identified in the commercial
/// [amniotic fluid products]"; most nucleated cells were dead. A product sold as amniotic stem
/// cells, measured to hold none: the measurement wins over the claim.
#[test]
fn panero_amniotic_fluid_products_hold_no_mscs() {
    let offer = record("panero_amniotic_fluid_products_2019");
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(eval.verdict, PatientVerdict::WalkAway, "{eval}");
    assert_eq!(in_group(&eval, RuleId::OfferContentTest), "walk_away");
    assert_eq!(
        in_group(&eval, RuleId::OfferClaimLiveStemCells),
        "walk_away"
    );
    let claim = eval.finding(RuleId::OfferClaimLiveStemCells).unwrap();
    assert!(
        claim.fact_named("content_tests.msc_found").is_some(),
        "{claim:?}"
    );

    // Even a count in the millions, stated with a certificate of analysis, is no good sign
    // against such a test: the measurement wins.
    let mut counted = offer.clone();
    counted.disclosures.live_nucleated_cells =
        Some(msc_therapy::vocab::CellCount::new(1e7).unwrap());
    counted.disclosures.certificate_of_analysis_shown = Some(true);
    let eval = evaluate_offer(&counted, ON);
    assert_eq!(in_group(&eval, RuleId::OfferLiveCellCount), "notes");
    assert_eq!(outcome(&eval, RuleId::OfferLiveCellCount), Outcome::NotMet);
    // Without the test, the same statement is a good sign.
    counted.content_tests.clear();
    let eval = evaluate_offer(&counted, ON);
    assert_eq!(in_group(&eval, RuleId::OfferLiveCellCount), "good_signs");
}

// ---------------------------------------------------------------------------------------------
// Status facts: an EU hospital exemption (Spain, NC1) and a Japanese clinic without a plan
// ---------------------------------------------------------------------------------------------

/// AEMPS authorised NC1 (autologous bone-marrow MSCs made at Hospital Universitario Puerta de
/// Hierro, for spinal cord injury) for hospital use as an advanced therapy medicinal product of
/// non-industrial manufacture (Real Decreto 477/2014, Spain's hospital exemption). That settles
/// the route under which the ATMP is given, and nothing more: it is not an EU marketing
/// authorisation and no trial evidence is read into it.
#[test]
fn aemps_nc1_hospital_exemption_settles_the_route_not_the_evidence() {
    let offer = record("aemps_nc1_hospital_exemption");
    let eval = evaluate_offer(&offer, ON);
    let eu = eval.eu.as_ref().expect("an EU offer is classified");
    assert_eq!(eu.classification.is_atmp(), Some(true), "{eu:?}");
    assert_eq!(in_group(&eval, RuleId::OfferEuPathway), "notes");
    assert_eq!(outcome(&eval, RuleId::OfferEuPathway), Outcome::Met);
    let pathway = eval.finding(RuleId::OfferEuPathway).unwrap();
    assert!(
        pathway
            .reason
            .map(|r| r.text())
            .is_some_and(|r| r.contains("not an EU marketing authorisation")),
        "{pathway:?}"
    );
    // The exemption is no evidence of efficacy, and no authorised product.
    assert_ne!(in_group(&eval, RuleId::OfferTrialEvidence), "good_signs");
    assert_eq!(
        outcome(&eval, RuleId::OfferProductIdentity),
        Outcome::NotApplicable
    );
    assert_ne!(eval.verdict, PatientVerdict::GoodSigns);

    // The same offer without the exemption: the route is the open question again.
    let mut without = offer.clone();
    without.permission = None;
    let eval = evaluate_offer(&without, ON);
    assert_eq!(in_group(&eval, RuleId::OfferEuPathway), "ask_first");
    assert!(eval.questions.contains(&Question::EuPathway));
}

/// MHLW ordered Otemachi Clinic (Matsuyama) on 8 May 2017 to stop giving other people's
/// umbilical cord blood, which it gave for anti-ageing without submitting a provision plan under
/// the Act on the Safety of Regenerative Medicine (a Class I technology: donor cells); MHLW's
/// notice of 8 Sep 2017 records that several institutions did the same.
#[test]
fn mhlw_otemachi_clinic_without_a_plan_is_walk_away() {
    let offer = record("mhlw_otemachi_clinic_cord_blood_2017");
    let eval = evaluate_offer(&offer, ON);
    assert_eq!(eval.verdict, PatientVerdict::WalkAway, "{eval}");
    let jp = eval.jp.as_ref().expect("a Japanese offer is classified");
    assert_eq!(jp.risk_class, AsrmRiskClass::ClassI);
    assert_eq!(in_group(&eval, RuleId::OfferJpPathway), "walk_away");
    assert_eq!(outcome(&eval, RuleId::OfferJpPathway), Outcome::NotMet);

    // A submitted plan, named by its number, is the review the Act requires; it approves no
    // product, so it is a note, never a good sign.
    let mut planned = offer.clone();
    let plan = planned.permission.as_mut().unwrap();
    plan.obtained = Some(true);
    plan.reference = Some(msc_therapy::vocab::Text::new("plan number as listed by MHLW").unwrap());
    let eval = evaluate_offer(&planned, ON);
    assert_eq!(in_group(&eval, RuleId::OfferJpPathway), "notes");
    assert_ne!(eval.verdict, PatientVerdict::GoodSigns);
}
