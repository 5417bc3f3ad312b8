//! Whether the product is engineered, and what that means for the ATMP route.

use super::*;

/// Directive 2004/23/EC Art 2 for cells that are not engineered, or from 7 August 2027 the SoHO
/// Regulation (EU) 2024/1938.
pub(super) fn not_engineered(
    product: &Product,
    findings: &mut Vec<Finding>,
    on: Date,
) -> EuClassification {
    let soho = RuleId::EuSoho.holds_on(on);
    let framework = if soho {
        RuleId::EuSoho
    } else {
        RuleId::EuTissuesAndCells
    };
    let tc = Finding::new(framework, Outcome::Met, Severity::Info).at("donor");
    let excl = Finding::new(
        RuleId::EuAutologousSameProcedure,
        Outcome::NotMet,
        Severity::Info,
    )
    .at("processing.same_surgical_procedure");
    let (Some(donor), Some(preparation)) = (product.donor, product.preparation) else {
        // Not engineered does not yet mean human tissues and cells: the product must be shown
        // to hold human cells or tissues (not animal cells, not a cell-free preparation).
        let mut open = Finding {
            outcome: Outcome::Undetermined,
            severity: Severity::Warning,
            ..tc.because(if soho {
                &reasons::WHO_CELLS_COME_FROM_WHAT_2
            } else {
                &reasons::WHO_CELLS_COME_FROM_WHAT
            })
        };
        if product.donor.is_none() {
            open = open.missing("donor");
        }
        if product.preparation.is_none() {
            open = open.missing("preparation");
        }
        findings.push(open);
        return EuClassification::Undetermined;
    };
    let tc = tc
        .fact(Fact::code("donor", donor.code()))
        .fact(Fact::code("preparation", preparation.code()));
    if preparation == CellPreparation::PlateletRichPlasma {
        findings.push(Finding {
            outcome: Outcome::NotMet,
            severity: Severity::Warning,
            ..tc.at("preparation").because(if soho {
                &reasons::PLATELET_RICH_PLASMA_BLOOD_COMPONENT_2
            } else {
                &reasons::PLATELET_RICH_PLASMA_BLOOD_COMPONENT
            })
        });
        return EuClassification::Undetermined;
    }
    if donor == Donor::Xenogeneic {
        findings.push(Finding {
            outcome: Outcome::NotMet,
            severity: Severity::Warning,
            ..tc.because(&reasons::ANIMAL_CELLS_HUMAN_TISSUES_CELLS)
        });
        return EuClassification::Undetermined;
    }
    let same_procedure = product
        .processing
        .as_ref()
        .and_then(|p| p.same_surgical_procedure);
    if soho {
        soho_preparation(tc, donor, same_procedure, findings);
        return EuClassification::NotAtmpSoho;
    }
    let excl = excl.fact(Fact::code("donor", donor.code()));
    let excl = match same_procedure {
        Some(value) => excl.fact(Fact::flag("processing.same_surgical_procedure", value)),
        None => excl,
    };
    match (donor.is_autologous(), same_procedure) {
        (true, Some(true)) => {
            findings.push(Finding {
                outcome: Outcome::NotMet,
                ..tc.because(&reasons::CELLS_AUTOLOGOUS_GRAFT_USED_WITHIN)
            });
            findings.push(Finding {
                outcome: Outcome::Met,
                ..excl.because(&reasons::AUTOLOGOUS_CELLS_USED_WITHIN_SAME)
            });
            EuClassification::ExcludedAutologousSameProcedure
        }
        (true, None) => {
            findings.push(tc.because(&reasons::ATMP_DIRECTIVE_APPLIES_UNLESS_SAME));
            findings.push(Finding {
                outcome: Outcome::Undetermined,
                severity: Severity::Warning,
                ..excl
                    .because(&reasons::AUTOLOGOUS_BUT_WHETHER_CELLS_USED)
                    .missing("processing.same_surgical_procedure")
            });
            EuClassification::NotAtmpTissuesAndCells
        }
        (autologous, _) => {
            findings.push(tc.because(&reasons::ATMP_HUMAN_TISSUES_CELLS_UNDER));
            findings.push(excl.because(if autologous {
                &reasons::CELLS_USED_WITHIN_SAME_SURGICAL
            } else {
                &reasons::CELLS_PATIENT_S_OWN
            }));
            EuClassification::NotAtmpTissuesAndCells
        }
    }
}
