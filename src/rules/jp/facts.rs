//! Facts about the product the Japanese rules share, besides those of the [`Profile`].

use super::*;

/// Adds the stated processing steps, when there are any, as the `processing.steps` fact.
pub(super) fn step_facts(p: &Profile<'_>, f: &mut Finding) {
    if let Some(steps) = p.stated_steps {
        f.add(Fact::terms("processing.steps", steps.iter().copied()));
    }
}

/// Genes were introduced into the cells: a genetic modification step is stated.
pub(super) fn is_genetically_modified(p: &Profile<'_>) -> bool {
    p.stated_step(ProcessingStep::GeneticModification)
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

/// Steps whose place in the ASRM classes the crate's sources do not settle.
pub(super) fn unsettled_steps(p: &Profile<'_>) -> smallvec::SmallVec<[&'static str; 8]> {
    p.stated_steps
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
