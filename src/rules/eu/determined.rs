//! An authority's recorded determination (EMA CAT recommendation) applied to the criteria.

use super::*;

/// The rules an EU determination may name.
pub(super) const EU_DETERMINATION_RULES: &[RuleId] = &[
    RuleId::EuSubstantialManipulation,
    RuleId::EuEssentialFunction,
    RuleId::EuDetermination,
];

/// The severity of an EU criterion's finding: an open answer is a warning, a settled one
/// information.
pub(super) const fn eu_severity(_rule: RuleId, outcome: Outcome) -> Severity {
    match outcome {
        Outcome::Undetermined => Severity::Warning,
        Outcome::Met | Outcome::NotMet | Outcome::NotApplicable => Severity::Info,
    }
}

/// What the determinations of the EU classification in force say, the least favourable of
/// them: `None` when there is none, `Some(None)` for "not an ATMP", `Some(Some(class))` for an
/// ATMP (`AtmpClassUndetermined` when no class is stated, or when two determinations give two
/// classes).
pub(super) fn determined_class(
    determinations: &[&Determination],
) -> Option<Option<EuClassification>> {
    let mut answer: Option<Option<EuClassification>> = None;
    for d in determinations {
        let this = match d.outcome {
            Determined::NotAtmp => None,
            Determined::Atmp => Some(EuClassification::AtmpClassUndetermined),
            Determined::TissueEngineeredProduct => Some(EuClassification::TissueEngineeredProduct),
            Determined::SomaticCellTherapy => Some(EuClassification::SomaticCellTherapy),
            Determined::GeneTherapy => Some(EuClassification::GeneTherapy),
            Determined::Met
            | Determined::NotMet
            | Determined::NotAnHctp
            | Determined::ExceptedSameSurgicalProcedure
            | Determined::Section361Hctp
            | Determined::Section351Product => continue,
        };
        answer = Some(match (answer, this) {
            (None, this) => this,
            // An ATMP is the less favourable answer.
            (Some(None), this) | (Some(this), None) => this,
            (Some(Some(a)), Some(b)) if a == b => Some(a),
            (Some(Some(EuClassification::AtmpClassUndetermined)), Some(b))
            | (Some(Some(b)), Some(EuClassification::AtmpClassUndetermined)) => Some(b),
            (Some(Some(_)), Some(_)) => Some(EuClassification::AtmpClassUndetermined),
        });
    }
    answer
}
