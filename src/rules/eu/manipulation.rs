//! The product's steps, and whether they are a substantial manipulation (Annex I of Regulation 1394/2007).

use super::*;

/// The open questions of an ATMP's route to the patient, which a product record cannot answer:
/// the hospital exemption, the scope condition of Directive 2001/83/EC Art 2(1), and the
/// compassionate-use and named-patient routes. Each is a warning that asks, never a settled
/// answer.
pub(super) fn routes_of_an_atmp(findings: &mut Vec<Finding>) {
    for (rule, reason) in [
        (
            RuleId::EuHospitalExemption,
            &reasons::ASK_WHETHER_PRODUCT_MADE_NON,
        ),
        (
            RuleId::EuIndustrialScope,
            &reasons::DIRECTIVE_2001_83_EC_MARKETING,
        ),
        (
            RuleId::EuExceptionalUse,
            &reasons::WITHOUT_MARKETING_AUTHORISATION_CLINICAL_TRIAL,
        ),
    ] {
        next(findings, rule)
            .judge(Outcome::Undetermined, Severity::Warning)
            .why(reason);
    }
}

pub(super) fn preparation_fact(product: &Product) -> Fact {
    Fact::code(
        "preparation",
        product.preparation.map_or("none", CellPreparation::code),
    )
}

/// The steps among `steps` that EU law judges as `kind`.
pub(super) fn steps_judged(
    steps: impl Iterator<Item = ProcessingStep>,
    kind: EuManipulation,
) -> Codes {
    Codes::of_terms(steps.filter(|s| s.eu_manipulation() == kind))
}

/// Art 2(1)(c), first indent: substantial manipulation, judged on every step known to have
/// been done (the stated ones and those the preparation implies).
pub(super) fn substantial_manipulation(p: &Profile<'_>, f: &mut Finding) {
    f.judge(Outcome::Undetermined, Severity::Warning)
        .point_at("processing.steps");
    if let Some(steps) = p.stated_steps {
        f.add(Fact::terms("processing.steps", steps.iter().copied()));
    }
    if !p.implied_steps.is_empty() {
        f.add(
            Fact::terms(
                "derived.steps_implied_by_preparation",
                p.implied_steps.iter().copied(),
            )
            .as_derived(),
        );
    }
    let substantial = steps_judged(p.known_steps(), EuManipulation::Substantial);
    if !substantial.is_empty() {
        // Settled by what is known, whatever else the record leaves out.
        f.add(Fact::new("derived.steps_substantial", FactValue::Codes(substantial)).as_derived())
            .why(&reasons::STEP_SUBSTANTIAL_MANIPULATION_CELL_CULTURE)
            .judge(Outcome::Met, Severity::Info);
        return;
    }
    if p.stated_steps.is_none() {
        f.why(&reasons::PROCESSING_STEPS_STATED_THEY_DECIDE)
            .lack("processing.steps");
        return;
    }
    let outside = p
        .known_steps()
        .filter(|s| s.eu_manipulation() != EuManipulation::AnnexI);
    let all_annex_i = outside.clone().next().is_none();
    f.add(Fact::terms("derived.steps_outside_annex_i", outside).as_derived());
    let open = steps_judged(p.known_steps(), EuManipulation::ForTheCat);
    if !open.is_empty() {
        // The steps are given; what is open is how the law judges one of them, which only the
        // CAT can settle. No input field is missing.
        f.add(Fact::new("derived.steps_for_the_cat", FactValue::Codes(open)).as_derived())
            .why(&reasons::STEP_AMONG_ANNEX_I_MANIPULATIONS);
        return;
    }
    let like_annex = steps_judged(p.known_steps(), EuManipulation::LikeCuttingAndGrinding);
    let no_property = steps_judged(p.known_steps(), EuManipulation::AchievesNoProperty);
    if !like_annex.is_empty() {
        f.add(
            Fact::new(
                "derived.steps_like_cutting_and_grinding",
                FactValue::Codes(like_annex),
            )
            .as_derived(),
        );
    }
    if !no_property.is_empty() {
        f.add(
            Fact::new(
                "derived.steps_achieving_no_property",
                FactValue::Codes(no_property),
            )
            .as_derived(),
        );
    }
    f.judge(Outcome::NotMet, Severity::Info)
        .why(if all_annex_i {
            &reasons::EVERY_STEP_ANNEX_I_MANIPULATION
        } else {
            &reasons::STEP_SUBSTANTIAL_EVERY_STEP_ANNEX
        });
}
