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

/// **Step 1, the second step of the engine**: is the product an HCT/P? Reads the product and
/// three criteria of 1271.10(a) (`criteria`: minimal manipulation, homologous use, no
/// combination, as settled by any determination), which the bone marrow exclusion of
/// 1271.3(d)(4) needs.
pub(super) fn is_hctp(p: &Profile<'_>, criteria: [&Finding; 3], f: &mut Finding) {
    let product = p.product;
    let mut missing = PathList::new();
    match product.donor {
        Some(donor) => {
            f.add(Fact::code("donor", donor.code()));
        }
        None => missing.push("donor"),
    }
    match product.preparation {
        Some(preparation) => {
            f.add(Fact::code("preparation", preparation.code()));
        }
        None => missing.push("preparation"),
    }
    match product.tissue {
        Some(t) => {
            f.add(Fact::code("tissue", t.code()));
        }
        None => missing.push("tissue"),
    }
    // Every verdict points at the tissue unless it says otherwise, and lists the missing facts
    // only when it is open.
    let verdict = |f: &mut Finding, outcome: Outcome, reason: &'static Reason| {
        conclude(f, outcome).point_at("tissue").why(reason);
    };

    // Exclusions that one known fact decides.
    if product.donor == Some(Donor::Xenogeneic) {
        verdict(f, Outcome::NotMet, &reasons::CELLS_FROM_ANIMAL_HCT_PS);
        f.point_at("donor");
        return;
    }
    if let Some(preparation) = product.preparation {
        match preparation_kind(preparation) {
            PreparationKind::BloodProduct => {
                verdict(
                    f,
                    Outcome::NotMet,
                    &reasons::BLOOD_PRODUCT_SUCH_PLATELET_RICH,
                );
                f.point_at("preparation");
                return;
            }
            PreparationKind::CellFree => {
                verdict(
                    f,
                    Outcome::NotMet,
                    &reasons::CELL_FREE_SECRETED_PRODUCT_CELL,
                );
                f.point_at("preparation");
                return;
            }
            // "No isolated cells" against a step that isolates or grows cells: the record
            // contradicts itself, and the exclusion is not read from it.
            PreparationKind::SecretedFluid
                if secreted_fluid_only(product)
                    && (p.stated_step(ProcessingStep::CellIsolation)
                        || p.stated_step(ProcessingStep::CultureExpansion)) =>
            {
                f.add(Fact::code_list(
                    "contradicts",
                    ["preparation", "processing.steps"],
                ));
                missing.push("preparation");
                verdict(
                    f,
                    Outcome::Undetermined,
                    &reasons::PREPARATION_STATED_SECRETED_BODY_FLUID,
                );
                f.point_at("preparation").lack_all(&missing);
                return;
            }
            PreparationKind::SecretedFluid if secreted_fluid_only(product) => {
                verdict(
                    f,
                    Outcome::NotMet,
                    &reasons::SECRETED_BODY_FLUID_SUCH_AMNIOTIC,
                );
                f.point_at("preparation");
                return;
            }
            PreparationKind::SecretedFluid | PreparationKind::CellsOrTissue => {}
        }
    }

    // Minimally manipulated bone marrow for homologous use, not combined: 1271.3(d)(4).
    if marrow_only(product) {
        for part in criteria {
            f.add(Fact::code(part.rule.code(), part.outcome.code()).as_derived());
        }
        if criteria.iter().all(|c| c.outcome == Outcome::Met) {
            verdict(
                f,
                Outcome::NotMet,
                &reasons::MINIMALLY_MANIPULATED_BONE_MARROW_HOMOLOGOUS,
            );
            return;
        }
        if !criteria.iter().any(|c| c.outcome == Outcome::NotMet) {
            verdict(
                f,
                Outcome::Undetermined,
                &reasons::BONE_MARROW_EXCLUDED_FROM_HCT,
            );
            f.lack_all(&missing);
            // The criteria's own missing facts, as they list them.
            for part in criteria {
                for path in &part.missing {
                    if !f.missing.contains(path) {
                        f.missing.push(path.clone());
                    }
                }
            }
            return;
        }
    }

    if missing.is_empty() {
        let reason: &'static Reason = if secreted_fluid_only(product) {
            &reasons::CELLS_ISOLATED_FROM_SECRETED_BODY
        } else {
            &reasons::HUMAN_CELLS_TISSUE_IMPLANTATION_TRANSPLANTATION
        };
        verdict(f, Outcome::Met, reason);
    } else {
        verdict(
            f,
            Outcome::Undetermined,
            &reasons::DONOR_PREPARATION_TISSUE_NEEDED_RULE,
        );
        f.lack_all(&missing);
    }
}

// ---------------------------------------------------------------------------------------------
