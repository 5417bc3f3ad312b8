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
                "who the cells come from, or what the preparation is, is not given: human cells and tissues are substances of human origin under the SoHO Regulation; animal cells are not, and the status of a cell-free preparation is outside this engine"
            } else {
                "who the cells come from, or what the preparation is, is not given: human tissues and cells fall under the Directive; animal cells, blood components and cell-free preparations do not"
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
                "platelet-rich plasma is a blood component; the SoHO Regulation covers blood as well as tissues and cells, but whether this preparation is a SoHO preparation or a medicinal product is outside this engine"
            } else {
                "platelet-rich plasma is a blood component, which Art 2(2)(b) leaves to the blood Directive 2002/98/EC; its status is outside this engine"
            })
        });
        return EuClassification::Undetermined;
    }
    if donor == Donor::Xenogeneic {
        findings.push(Finding {
            outcome: Outcome::NotMet,
            severity: Severity::Warning,
            ..tc.because("animal cells are not human tissues and cells; their status when not engineered is outside this engine")
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
                ..tc.because("the cells are an autologous graft used within the same surgical procedure, which Art 2(2)(a) excludes")
            });
            findings.push(Finding {
                outcome: Outcome::Met,
                ..excl.because("autologous cells used within the same surgical procedure")
            });
            EuClassification::ExcludedAutologousSameProcedure
        }
        (true, None) => {
            findings.push(tc.because("not an ATMP: the Directive applies unless the same-procedure exclusion is shown; from 7 August 2027 the SoHO Regulation (EU) 2024/1938 applies instead"));
            findings.push(Finding {
                outcome: Outcome::Undetermined,
                severity: Severity::Warning,
                ..excl
                    .because("autologous, but whether the cells are used within the same surgical procedure is not given")
                    .missing("processing.same_surgical_procedure")
            });
            EuClassification::NotAtmpTissuesAndCells
        }
        (autologous, _) => {
            findings.push(tc.because("not an ATMP: human tissues and cells under the Directive; from 7 August 2027 the SoHO Regulation (EU) 2024/1938 applies instead"));
            findings.push(excl.because(if autologous {
                "the cells are not used within the same surgical procedure"
            } else {
                "the cells are not the patient's own"
            }));
            EuClassification::NotAtmpTissuesAndCells
        }
    }
}
