//! The product's steps, and whether they are a substantial manipulation (Annex I of Regulation 1394/2007).

use super::*;

/// The open questions of an ATMP's route to the patient, which a product record cannot answer:
/// the hospital exemption, the scope condition of Directive 2001/83/EC Art 2(1), and the
/// compassionate-use and named-patient routes. Each is a warning that asks, never a settled
/// answer.
pub(super) fn routes_of_an_atmp() -> [Finding; 3] {
    [
        Finding::new(
            RuleId::EuHospitalExemption,
            Outcome::Undetermined,
            Severity::Warning,
        )
        .because(&reasons::ASK_WHETHER_PRODUCT_MADE_NON),
        Finding::new(
            RuleId::EuIndustrialScope,
            Outcome::Undetermined,
            Severity::Warning,
        )
        .because(&reasons::DIRECTIVE_2001_83_EC_MARKETING),
        Finding::new(
            RuleId::EuExceptionalUse,
            Outcome::Undetermined,
            Severity::Warning,
        )
        .because(&reasons::WITHOUT_MARKETING_AUTHORISATION_CLINICAL_TRIAL),
    ]
}

/// Exosome and conditioned-medium preparations: no cells at all (the table's `cell_free`
/// column).
pub(super) const fn is_cell_free(preparation: CellPreparation) -> bool {
    preparation.info().cell_free
}

pub(super) fn preparation_fact(product: &Product) -> Fact {
    Fact::code(
        "preparation",
        product.preparation.map_or("none", CellPreparation::code),
    )
}

/// The processing steps, when the record states them.
pub(super) fn stated_steps(product: &Product) -> Option<&[ProcessingStep]> {
    product.processing.as_ref().and_then(|p| p.steps_known())
}

/// The steps the kind of preparation implies (culture for culture-expanded MSCs), whatever the
/// processing record says: the less favourable reading of the two.
pub(super) fn implied_steps(product: &Product) -> &'static [ProcessingStep] {
    product.preparation.map_or(&[], |p| p.info().implies)
}

/// Every step known to have been done: the stated ones and those the preparation implies.
pub(super) fn known_steps(product: &Product) -> StepBuf {
    let mut steps: StepBuf = stated_steps(product)
        .unwrap_or_default()
        .iter()
        .copied()
        .collect();
    for step in implied_steps(product) {
        if !steps.contains(step) {
            steps.push(*step);
        }
    }
    steps
}

/// The steps of `steps` that EU law judges as `kind`.
pub(super) fn steps_judged(steps: &[ProcessingStep], kind: EuManipulation) -> Codes {
    Codes::of_terms(
        steps
            .iter()
            .filter(|s| s.eu_manipulation() == kind)
            .copied(),
    )
}

/// Art 2(1)(c), first indent: substantial manipulation.
pub(super) fn substantial_manipulation(product: &Product) -> Finding {
    let mut base = Finding::new(
        RuleId::EuSubstantialManipulation,
        Outcome::Undetermined,
        Severity::Warning,
    )
    .at("processing.steps");
    let stated = stated_steps(product);
    if let Some(steps) = stated {
        base = base.fact(Fact::terms("processing.steps", steps.iter().copied()));
    }
    let implied = implied_steps(product);
    if !implied.is_empty() {
        base = base.fact(
            Fact::terms(
                "derived.steps_implied_by_preparation",
                implied.iter().copied(),
            )
            .as_derived(),
        );
    }
    let steps = known_steps(product);
    let substantial = steps_judged(&steps, EuManipulation::Substantial);
    if !substantial.is_empty() {
        // Settled by what is known, whatever else the record leaves out.
        return Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base
                .fact(
                    Fact::new("derived.steps_substantial", FactValue::Codes(substantial))
                        .as_derived(),
                )
                .because(&reasons::STEP_SUBSTANTIAL_MANIPULATION_CELL_CULTURE)
        };
    }
    if stated.is_none() {
        return base
            .because(&reasons::PROCESSING_STEPS_STATED_THEY_DECIDE)
            .missing("processing.steps");
    }
    let outside: StepBuf = steps
        .iter()
        .copied()
        .filter(|s| s.eu_manipulation() != EuManipulation::AnnexI)
        .collect();
    let base = base
        .fact(Fact::terms("derived.steps_outside_annex_i", outside.iter().copied()).as_derived());
    let open = steps_judged(&steps, EuManipulation::ForTheCat);
    if !open.is_empty() {
        // The steps are given; what is open is how the law judges one of them, which only the
        // CAT can settle. No input field is missing.
        return base
            .fact(Fact::new("derived.steps_for_the_cat", FactValue::Codes(open)).as_derived())
            .because(&reasons::STEP_AMONG_ANNEX_I_MANIPULATIONS);
    }
    let like_annex = steps_judged(&steps, EuManipulation::LikeCuttingAndGrinding);
    let no_property = steps_judged(&steps, EuManipulation::AchievesNoProperty);
    let mut base = base;
    if !like_annex.is_empty() {
        base = base.fact(
            Fact::new(
                "derived.steps_like_cutting_and_grinding",
                FactValue::Codes(like_annex),
            )
            .as_derived(),
        );
    }
    if !no_property.is_empty() {
        base = base.fact(
            Fact::new(
                "derived.steps_achieving_no_property",
                FactValue::Codes(no_property),
            )
            .as_derived(),
        );
    }
    Finding {
        outcome: Outcome::NotMet,
        severity: Severity::Info,
        ..base.because(if outside.is_empty() {
            &reasons::EVERY_STEP_ANNEX_I_MANIPULATION
        } else {
            &reasons::STEP_SUBSTANTIAL_EVERY_STEP_ANNEX
        })
    }
}
