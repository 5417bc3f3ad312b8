//! An authority's recorded determination (FDA letter, court decision) applied to the criteria.

use super::*;

/// The rules a US determination may name.
pub(super) const US_DETERMINATION_RULES: &[RuleId] = &[
    RuleId::UsIsHctp,
    RuleId::UsSameSurgicalProcedure,
    RuleId::UsMinimalManipulation,
    RuleId::UsHomologousUse,
    RuleId::UsNoCombination,
    RuleId::UsSystemicEffect,
    RuleId::UsDetermination,
];

/// How favourable a US classification is to the product: 351 and undetermined 0, 361 1, not
/// an HCT/P and excepted 2 (Part 1271 does not apply either way).
pub(super) const fn rank(c: UsClassification) -> u8 {
    match c {
        UsClassification::Section361Hctp => 1,
        UsClassification::ExceptedSameSurgicalProcedure | UsClassification::NotAnHctp => 2,
        UsClassification::Section351Product | UsClassification::Undetermined => 0,
    }
}

/// The less favourable of two classifications; two different answers of one rank (not an
/// HCT/P and excepted) leave the classification open.
pub(super) fn worse(a: UsClassification, b: UsClassification) -> UsClassification {
    match rank(a).cmp(&rank(b)) {
        std::cmp::Ordering::Less => a,
        std::cmp::Ordering::Greater => b,
        std::cmp::Ordering::Equal if a == b => a,
        std::cmp::Ordering::Equal => UsClassification::Undetermined,
    }
}

/// The classification once the determinations of the US classification in force on `on` are
/// applied to `computed`, and `Some(against_facts)` when they met a contradiction.
pub(super) fn class_determination(
    product: &Product,
    computed: UsClassification,
    on: jiff::civil::Date,
) -> (UsClassification, Option<bool>) {
    let classes: SmallVec<[UsClassification; 2]> =
        determination::in_force(product, RuleId::UsDetermination, on)
            .iter()
            .filter_map(|d| match d.outcome {
                Determined::NotAnHctp => Some(UsClassification::NotAnHctp),
                Determined::ExceptedSameSurgicalProcedure => {
                    Some(UsClassification::ExceptedSameSurgicalProcedure)
                }
                Determined::Section361Hctp => Some(UsClassification::Section361Hctp),
                Determined::Section351Product => Some(UsClassification::Section351Product),
                Determined::Met
                | Determined::NotMet
                | Determined::NotAtmp
                | Determined::Atmp
                | Determined::TissueEngineeredProduct
                | Determined::SomaticCellTherapy
                | Determined::GeneTherapy => None,
            })
            .collect();
    let Some(&first) = classes.first() else {
        return (computed, None);
    };
    let determined = classes.iter().copied().fold(first, worse);
    let among_themselves = classes.iter().any(|c| *c != first);
    // A cell-free product or a secreted fluid is not an HCT/P, and "other FDA law may" apply:
    // a determination that it is a drug and biological product under section 351 says which
    // law, and contradicts nothing.
    let says_which_law = computed == UsClassification::NotAnHctp
        && determined == UsClassification::Section351Product
        && product.preparation.is_some_and(|p| {
            matches!(
                preparation_kind(p),
                PreparationKind::CellFree | PreparationKind::SecretedFluid
            )
        });
    if computed == UsClassification::Undetermined || computed == determined || says_which_law {
        (determined, among_themselves.then_some(false))
    } else {
        (worse(computed, determined), Some(true))
    }
}

/// Whether the HCT/P question can be open only because of the bone marrow exclusion: the tissue
/// is bone marrow and the donor and preparation, which decide the other exclusions, are known.
pub(super) fn marrow_exclusion_only_open(product: &Product) -> bool {
    marrow_only(product) && product.donor.is_some() && product.preparation.is_some()
}

/// Bone marrow and nothing else: the exclusion of 1271.3(d)(4) concerns bone marrow, and
/// another tissue named beside it is not excluded by it.
pub(super) fn marrow_only(product: &Product) -> bool {
    product.every_tissue(|t| t == TissueSource::BoneMarrow)
}

/// Secreted body fluids and nothing else: a fluid mixed with another tissue (amniotic fluid
/// with amniotic membrane) is not "a secreted body fluid" (FDA MM/HU guidance, III.C, Q15).
pub(super) fn secreted_fluid_only(product: &Product) -> bool {
    product.every_tissue(|t| t.info().secreted_fluid)
}
