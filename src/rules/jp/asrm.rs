//! Whether the Act on the Safety of Regenerative Medicine (ASRM) applies.

use super::*;

pub(super) fn asrm(p: &Profile<'_>, findings: &mut Vec<Finding>, on: Date) -> AsrmRiskClass {
    let product = p.product;
    // Only a settled "no cells" ends the analysis. An open scope question (no living cells, an
    // unstated preparation, a possible blood stem cell transplant) is a finding of its own, and
    // the class is still worked out as if ASRM applied: the reading that keeps its review in
    // force, so that a fact taken away never turns a class into a lower one.
    let scope = asrm_scope(product, on);
    let scope_outcome = scope.outcome;
    findings.push(scope);
    if scope_outcome == Outcome::NotMet {
        return AsrmRiskClass::OutsideAsrm;
    }
    if is_cell_free(product) {
        // Open only because the preparation might be gene therapy (ASRM as amended from
        // 31 May 2025): the cell categories of the classes do not fit a cell-free product, so
        // the class stays open too.
        return AsrmRiskClass::Undetermined;
    }

    let intended = product.intended_use.as_ref();
    let declared = intended
        .and_then(|u| u.functions_known())
        .unwrap_or_default();
    let implied_blood = intended
        .and_then(|u| u.indications_known())
        .unwrap_or_default()
        .iter()
        .any(|i| i.info().implies.contains(&TissueFunction::Hematopoiesis));
    let forms_blood = declared.contains(&TissueFunction::Hematopoiesis)
        || implied_blood
        || product.preparation == Some(CellPreparation::CordBloodUnit);
    if forms_blood {
        let excluded = p
            .homologous()
            .open_finding(RuleId::JpAsrmExcluded)
            .because(&reasons::CELLS_GIVEN_FORM_BLOOD_MAY);
        findings.push(excluded);
    }

    let class_i = class_i(product);
    let class_i_outcome = class_i.outcome;
    findings.push(class_i);
    if class_i_outcome == Outcome::Met {
        return AsrmRiskClass::ClassI;
    }

    let homologous = homologous_use(p.homologous());
    let homologous_outcome = homologous.outcome;
    findings.push(homologous);

    let class_ii = class_ii(product, homologous_outcome);
    let class_ii_outcome = class_ii.outcome;
    findings.push(class_ii);

    match (class_i_outcome, class_ii_outcome) {
        (Outcome::NotMet, Outcome::Met) => AsrmRiskClass::ClassII,
        (Outcome::NotMet, Outcome::NotMet) => AsrmRiskClass::ClassIII,
        // Class I open (a met Class I returned above), or Class II open: the class is open.
        (Outcome::Met | Outcome::Undetermined | Outcome::NotApplicable, _)
        | (Outcome::NotMet, Outcome::Undetermined | Outcome::NotApplicable) => {
            AsrmRiskClass::Undetermined
        }
    }
}

/// ASRM Art 2: does the technology use processed cells (or, from 31 May 2025, is it gene
/// therapy)?
pub(super) fn asrm_scope(product: &Product, on: Date) -> Finding {
    let base = Finding::new(RuleId::JpAsrmScope, Outcome::Met, Severity::Info).at("preparation");
    let Some(preparation) = product.preparation else {
        // Read as within ASRM, the reading that keeps its review in force; a cell-free
        // preparation would be outside it.
        return Finding {
            outcome: Outcome::Undetermined,
            severity: Severity::Warning,
            ..base
                .because(&reasons::WHAT_KIND_PREPARATION_GIVEN_RISK)
                .missing("preparation")
        };
    };
    let base = base.fact(Fact::code("preparation", preparation.code()));
    let amended = on >= crate::law::ASRM_AMENDMENT_IN_FORCE;
    if is_cell_free(product)
        && amended
        && steps(product).is_none_or(|s| s.contains(&ProcessingStep::GeneticModification))
    {
        // Since the amendment by Act No. 51 of 2024 (in force 31 May 2025) ASRM also covers
        // gene therapy without processed cells; a cell-free preparation is outside ASRM only
        // when no genetic modification is involved, which the steps must show.
        let open = base.fact(
            Fact::date(
                "derived.asrm_amendment_in_force",
                crate::law::ASRM_AMENDMENT_IN_FORCE,
            )
            .as_limit(),
        );
        return Finding {
            outcome: Outcome::Undetermined,
            severity: Severity::Warning,
            ..if steps(product).is_none() {
                open.because(&reasons::CELL_FREE_PREPARATION_BUT_SINCE)
                    .missing("processing.steps")
            } else {
                open.at("processing.steps")
                    .because(&reasons::CELL_FREE_PREPARATION_FROM_GENETICALLY)
            }
        };
    }
    if is_cell_free(product) {
        Finding {
            outcome: Outcome::NotMet,
            ..base.because(if amended {
                &reasons::PREPARATION_HOLDS_CELLS_INVOLVES_GENETIC
            } else {
                &reasons::PREPARATION_HOLDS_CELLS_ASRM_BEFORE
            })
        }
    } else if preparation == CellPreparation::PlateletRichPlasma {
        Finding {
            outcome: Outcome::Met,
            ..base.because(&reasons::BLOOD_DERIVED_CELL_PREPARATIONS_SUCH)
        }
    } else if !preparation.info().live_cells {
        Finding {
            outcome: Outcome::Undetermined,
            severity: Severity::Warning,
            ..base.because(&reasons::PREPARATION_HOLDS_CELLS_TISSUE_BUT)
        }
    } else {
        base.because(&reasons::PREPARATION_DELIVERS_LIVING_CELLS_TECHNOLOGY)
    }
}
