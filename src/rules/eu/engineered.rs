//! Whether the product is engineered, and what that means for the ATMP route.

use super::*;

/// Directive 2004/23/EC Art 2 for cells that are not engineered, or from 7 August 2027 the SoHO
/// Regulation (EU) 2024/1938. Written by the second step: appends the framework's finding, and
/// the exclusion's or the SoHO preparation authorisation's, to `findings`.
pub(super) fn not_engineered(
    p: &Profile<'_>,
    findings: &mut Vec<Finding>,
    on: Date,
) -> EuClassification {
    let product = p.product;
    let soho = RuleId::EuSoho.holds_on(on);
    let framework = if soho {
        RuleId::EuSoho
    } else {
        RuleId::EuTissuesAndCells
    };
    let tc = next(findings, framework);
    tc.point_at("donor");
    let (Some(donor), Some(preparation)) = (product.donor, product.preparation) else {
        // Not engineered does not yet mean human tissues and cells: the product must be shown
        // to hold human cells or tissues (not animal cells, not a cell-free preparation).
        tc.judge(Outcome::Undetermined, Severity::Warning)
            .why(if soho {
                &reasons::WHO_CELLS_COME_FROM_WHAT_2
            } else {
                &reasons::WHO_CELLS_COME_FROM_WHAT
            });
        if product.donor.is_none() {
            tc.lack("donor");
        }
        if product.preparation.is_none() {
            tc.lack("preparation");
        }
        return EuClassification::Undetermined;
    };
    tc.add(Fact::code("donor", donor.code()))
        .add(Fact::code("preparation", preparation.code()));
    if preparation == CellPreparation::PlateletRichPlasma {
        tc.judge(Outcome::NotMet, Severity::Warning)
            .point_at("preparation")
            .why(if soho {
                &reasons::PLATELET_RICH_PLASMA_BLOOD_COMPONENT_2
            } else {
                &reasons::PLATELET_RICH_PLASMA_BLOOD_COMPONENT
            });
        return EuClassification::Undetermined;
    }
    if donor == Donor::Xenogeneic {
        tc.judge(Outcome::NotMet, Severity::Warning)
            .why(&reasons::ANIMAL_CELLS_HUMAN_TISSUES_CELLS);
        return EuClassification::Undetermined;
    }
    let same_procedure = product
        .processing
        .as_ref()
        .and_then(|p| p.same_surgical_procedure);
    if soho {
        tc.why(&reasons::ATMP_HUMAN_CELLS_TISSUES_SUBSTANCES);
        soho_preparation(
            next(findings, RuleId::EuSohoPreparationAuthorisation),
            donor,
            same_procedure,
        );
        return EuClassification::NotAtmpSoho;
    }
    let (class, tc_reason, excl_outcome, excl_reason): (_, &'static Reason, _, &'static Reason) =
        match (donor.is_autologous(), same_procedure) {
            (true, Some(true)) => {
                tc.judge(Outcome::NotMet, Severity::Info);
                (
                    EuClassification::ExcludedAutologousSameProcedure,
                    &reasons::CELLS_AUTOLOGOUS_GRAFT_USED_WITHIN,
                    Outcome::Met,
                    &reasons::AUTOLOGOUS_CELLS_USED_WITHIN_SAME,
                )
            }
            (true, None) => (
                EuClassification::NotAtmpTissuesAndCells,
                &reasons::ATMP_DIRECTIVE_APPLIES_UNLESS_SAME,
                Outcome::Undetermined,
                &reasons::AUTOLOGOUS_BUT_WHETHER_CELLS_USED,
            ),
            (autologous, _) => (
                EuClassification::NotAtmpTissuesAndCells,
                &reasons::ATMP_HUMAN_TISSUES_CELLS_UNDER,
                Outcome::NotMet,
                if autologous {
                    &reasons::CELLS_USED_WITHIN_SAME_SURGICAL
                } else {
                    &reasons::CELLS_PATIENT_S_OWN
                },
            ),
        };
    tc.why(tc_reason);
    let excl = next(findings, RuleId::EuAutologousSameProcedure);
    excl.point_at("processing.same_surgical_procedure")
        .add(Fact::code("donor", donor.code()))
        .add_opt(
            same_procedure.map(|value| Fact::flag("processing.same_surgical_procedure", value)),
        )
        .judge(
            excl_outcome,
            eu_severity(RuleId::EuAutologousSameProcedure, excl_outcome),
        )
        .why(excl_reason);
    if excl_outcome == Outcome::Undetermined {
        excl.lack("processing.same_surgical_procedure");
    }
    class
}
