//! Whether the Act on the Safety of Regenerative Medicine (ASRM) applies.

use super::*;

/// ASRM Art 2: does the technology use processed cells (or, from 31 May 2025, is it gene
/// therapy)? Read as within ASRM when the preparation is not stated, the reading that keeps its
/// review in force.
pub(super) fn asrm_scope(p: &Profile<'_>, on: Date, f: &mut Finding) {
    f.point_at("preparation");
    let Some(preparation) = p.product.preparation else {
        // A cell-free preparation would be outside it.
        f.judge(Outcome::Undetermined, Severity::Warning)
            .why(&reasons::WHAT_KIND_PREPARATION_GIVEN_RISK)
            .lack("preparation");
        return;
    };
    f.add(Fact::code("preparation", preparation.code()));
    let amended = on >= crate::law::ASRM_AMENDMENT_IN_FORCE;
    if p.cell_free
        && amended
        && p.stated_steps
            .is_none_or(|s| s.contains(&ProcessingStep::GeneticModification))
    {
        // Since the amendment by Act No. 51 of 2024 (in force 31 May 2025) ASRM also covers
        // gene therapy without processed cells; a cell-free preparation is outside ASRM only
        // when no genetic modification is involved, which the steps must show.
        f.add(
            Fact::date(
                "derived.asrm_amendment_in_force",
                crate::law::ASRM_AMENDMENT_IN_FORCE,
            )
            .as_limit(),
        )
        .judge(Outcome::Undetermined, Severity::Warning);
        if p.stated_steps.is_none() {
            f.why(&reasons::CELL_FREE_PREPARATION_BUT_SINCE)
                .lack("processing.steps");
        } else {
            f.point_at("processing.steps")
                .why(&reasons::CELL_FREE_PREPARATION_FROM_GENETICALLY);
        }
        return;
    }
    if p.cell_free {
        f.judge(Outcome::NotMet, Severity::Info).why(if amended {
            &reasons::PREPARATION_HOLDS_CELLS_INVOLVES_GENETIC
        } else {
            &reasons::PREPARATION_HOLDS_CELLS_ASRM_BEFORE
        });
    } else if preparation == CellPreparation::PlateletRichPlasma {
        f.why(&reasons::BLOOD_DERIVED_CELL_PREPARATIONS_SUCH);
    } else if !preparation.info().live_cells {
        f.judge(Outcome::Undetermined, Severity::Warning)
            .why(&reasons::PREPARATION_HOLDS_CELLS_TISSUE_BUT);
    } else {
        f.why(&reasons::PREPARATION_DELIVERS_LIVING_CELLS_TECHNOLOGY);
    }
}

/// Whether the cells are given to form blood: a declared blood-forming function, an indication
/// that implies one, or a cord blood unit. Such a use may be a haematopoietic stem cell
/// transplantation, which the Enforcement Order (Art 1) excludes from ASRM.
pub(super) fn forms_blood(p: &Profile<'_>) -> bool {
    let product = p.product;
    let intended = product.intended_use.as_ref();
    let declared = intended
        .and_then(|u| u.functions_known())
        .unwrap_or_default();
    let implied_blood = intended
        .and_then(|u| u.indications_known())
        .unwrap_or_default()
        .iter()
        .any(|i| i.info().implies.contains(&TissueFunction::Hematopoiesis));
    declared.contains(&TissueFunction::Hematopoiesis)
        || implied_blood
        || product.preparation == Some(CellPreparation::CordBloodUnit)
}

/// The exclusion of a haematopoietic stem cell transplantation from ASRM: an open question
/// whenever the cells are given to form blood ([`forms_blood`]), with the homologous-use facts.
pub(super) fn asrm_excluded(p: &Profile<'_>, _on: Date, f: &mut Finding) {
    p.homologous().open(f);
    f.why(&reasons::CELLS_GIVEN_FORM_BLOOD_MAY);
}
