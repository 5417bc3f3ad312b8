//! Step 1: is it an HCT/P? (21 CFR 1271.3(d))

use super::*;

// Step 1: is it an HCT/P? (21 CFR 1271.3(d))
// ---------------------------------------------------------------------------------------------

/// Why a preparation is, or is not, an HCT/P whatever its source (21 CFR 1271.3(d)).
pub(crate) enum PreparationKind {
    /// Cells or tissue: an HCT/P unless another exclusion applies.
    CellsOrTissue,
    /// A blood product (1271.3(d)(2)).
    BloodProduct,
    /// A secreted or extracted product with no cells, such as cell factors (1271.3(d)(3)).
    CellFree,
    /// A secreted body fluid itself: not an HCT/P when the tissue is a secreted fluid.
    SecretedFluid,
}

pub(crate) const fn preparation_kind(preparation: CellPreparation) -> PreparationKind {
    match preparation {
        CellPreparation::PlateletRichPlasma => PreparationKind::BloodProduct,
        CellPreparation::SecretedFluid => PreparationKind::SecretedFluid,
        // Cell-free or cells: the table's `cell_free` column decides.
        CellPreparation::ExtracellularVesicles
        | CellPreparation::ConditionedMedium
        | CellPreparation::CultureExpandedMsc
        | CellPreparation::BoneMarrowConcentrate
        | CellPreparation::BoneMarrowAspirate
        | CellPreparation::StromalVascularFraction
        | CellPreparation::MicrofragmentedAdipose
        | CellPreparation::FatGraft
        | CellPreparation::PerinatalAllograft
        | CellPreparation::CordBloodUnit
        | CellPreparation::TissueSheet
        | CellPreparation::DecellularizedMatrix
        | CellPreparation::CulturedCells => {
            if preparation.info().cell_free {
                PreparationKind::CellFree
            } else {
                PreparationKind::CellsOrTissue
            }
        }
    }
}

pub(super) fn is_hctp(
    product: &Product,
    minimal: &Finding,
    homologous: &Finding,
    combination: &Finding,
) -> Finding {
    const RULE: RuleId = RuleId::UsIsHctp;
    let mut facts = Facts::new();
    let mut missing = Paths::new();
    let verdict = |outcome: Outcome, reason: &'static Reason, facts: Facts, missing: Paths| {
        finish(RULE, outcome, "tissue", reason, facts, missing)
    };

    match product.donor {
        Some(donor) => facts.push(Fact::code("donor", donor.code())),
        None => missing.push("donor"),
    }
    match product.preparation {
        Some(p) => facts.push(Fact::code("preparation", p.code())),
        None => missing.push("preparation"),
    }
    match product.tissue {
        Some(t) => facts.push(Fact::code("tissue", t.code())),
        None => missing.push("tissue"),
    }

    // Exclusions that one known fact decides.
    if product.donor == Some(Donor::Xenogeneic) {
        return verdict(
            Outcome::NotMet,
            &reasons::CELLS_FROM_ANIMAL_HCT_PS,
            facts,
            missing,
        )
        .at("donor");
    }
    if let Some(p) = product.preparation {
        match preparation_kind(p) {
            PreparationKind::BloodProduct => {
                return verdict(
                    Outcome::NotMet,
                    &reasons::BLOOD_PRODUCT_SUCH_PLATELET_RICH,
                    facts,
                    missing,
                )
                .at("preparation");
            }
            PreparationKind::CellFree => {
                return verdict(
                    Outcome::NotMet,
                    &reasons::CELL_FREE_SECRETED_PRODUCT_CELL,
                    facts,
                    missing,
                )
                .at("preparation");
            }
            // "No isolated cells" against a step that isolates or grows cells: the record
            // contradicts itself, and the exclusion is not read from it.
            PreparationKind::SecretedFluid
                if secreted_fluid_only(product)
                    && product
                        .processing
                        .as_ref()
                        .and_then(|x| x.steps_known())
                        .is_some_and(|steps| {
                            steps.iter().any(|s| {
                                matches!(
                                    s,
                                    ProcessingStep::CellIsolation
                                        | ProcessingStep::CultureExpansion
                                )
                            })
                        }) =>
            {
                facts.push(Fact::code_list(
                    "contradicts",
                    ["preparation", "processing.steps"],
                ));
                missing.push("preparation");
                return verdict(
                    Outcome::Undetermined,
                    &reasons::PREPARATION_STATED_SECRETED_BODY_FLUID,
                    facts,
                    missing,
                )
                .at("preparation");
            }
            PreparationKind::SecretedFluid if secreted_fluid_only(product) => {
                return verdict(
                    Outcome::NotMet,
                    &reasons::SECRETED_BODY_FLUID_SUCH_AMNIOTIC,
                    facts,
                    missing,
                )
                .at("preparation");
            }
            PreparationKind::SecretedFluid | PreparationKind::CellsOrTissue => {}
        }
    }

    // Minimally manipulated bone marrow for homologous use, not combined: 1271.3(d)(4).
    if marrow_only(product) {
        let parts = [minimal, homologous, combination];
        for part in parts {
            facts.push(Fact::code(part.rule.code(), part.outcome.code()).as_derived());
        }
        if parts.iter().all(|f| f.outcome == Outcome::Met) {
            return verdict(
                Outcome::NotMet,
                &reasons::MINIMALLY_MANIPULATED_BONE_MARROW_HOMOLOGOUS,
                facts,
                missing,
            );
        }
        if !parts.iter().any(|f| f.outcome == Outcome::NotMet) {
            for part in parts {
                for path in &part.missing {
                    if !missing.contains(path) {
                        missing.push(path.clone());
                    }
                }
            }
            return verdict(
                Outcome::Undetermined,
                &reasons::BONE_MARROW_EXCLUDED_FROM_HCT,
                facts,
                missing,
            );
        }
    }

    if missing.is_empty() {
        let reason: &'static Reason = if secreted_fluid_only(product) {
            &reasons::CELLS_ISOLATED_FROM_SECRETED_BODY
        } else {
            &reasons::HUMAN_CELLS_TISSUE_IMPLANTATION_TRANSPLANTATION
        };
        verdict(Outcome::Met, reason, facts, missing)
    } else {
        verdict(
            Outcome::Undetermined,
            &reasons::DONOR_PREPARATION_TISSUE_NEEDED_RULE,
            facts,
            missing,
        )
    }
}

// ---------------------------------------------------------------------------------------------
