//! Facts about the product the Japanese rules share.

use super::*;

pub(super) fn steps(product: &Product) -> Option<&[ProcessingStep]> {
    product.processing.as_ref().and_then(|p| p.steps_known())
}

pub(super) fn step_facts(finding: Finding, product: &Product) -> Finding {
    match steps(product) {
        Some(steps) => finding.fact(Fact::terms("processing.steps", steps.iter().copied())),
        None => finding,
    }
}

pub(super) fn is_genetically_modified(product: &Product) -> bool {
    steps(product).is_some_and(|s| s.contains(&ProcessingStep::GeneticModification))
}

pub(super) fn is_cultured(product: &Product) -> bool {
    steps(product).is_some_and(|s| s.contains(&ProcessingStep::CultureExpansion))
        || product
            .preparation
            .is_some_and(|p| p.info().culture_expanded)
}

/// **Whether the cells may be human somatic stem cells** (ヒト体性幹細胞): tissue stem cells
/// such as haematopoietic and mesenchymal stem cells (bone marrow stromal and adipose-derived
/// stem cells included), cell populations rich in them such as whole bone marrow, and cord
/// blood, as MHLW notice 薬食発0907第3号 (7 Sep 2012) defines them; and any cells the record
/// calls MSCs ([`Product::designation`]). Preparations that hold no such cells: platelet-rich
/// plasma, a tissue sheet, a secreted fluid without isolated cells, a decellularized matrix.
/// An unstated preparation may.
pub(super) fn may_be_somatic_stem_cells(product: &Product) -> bool {
    if product.designation.is_some() {
        return true;
    }
    match product.preparation {
        None => true,
        Some(p) => match p {
            CellPreparation::CultureExpandedMsc
            | CellPreparation::BoneMarrowConcentrate
            | CellPreparation::BoneMarrowAspirate
            | CellPreparation::StromalVascularFraction
            | CellPreparation::MicrofragmentedAdipose
            | CellPreparation::FatGraft
            | CellPreparation::PerinatalAllograft
            | CellPreparation::CordBloodUnit
            | CellPreparation::CulturedCells => true,
            CellPreparation::TissueSheet
            | CellPreparation::ExtracellularVesicles
            | CellPreparation::ConditionedMedium
            | CellPreparation::PlateletRichPlasma
            | CellPreparation::DecellularizedMatrix
            | CellPreparation::SecretedFluid => false,
        },
    }
}

/// A stated cell-free preparation (the table's `cell_free` column): exosomes, conditioned medium.
pub(super) fn is_cell_free(product: &Product) -> bool {
    product
        .preparation
        .is_some_and(|preparation| preparation.info().cell_free)
}

/// Steps whose place in the ASRM classes the crate's sources do not settle.
pub(super) fn unsettled_steps(product: &Product) -> smallvec::SmallVec<[&'static str; 8]> {
    steps(product)
        .unwrap_or_default()
        .iter()
        .filter(|s| {
            matches!(
                s,
                ProcessingStep::ActivationPriming
                    | ProcessingStep::Decellularization
                    | ProcessingStep::Unclassified
            )
        })
        .map(|s| s.code())
        .collect()
}
