//! Substances of human origin (Regulation (EU) 2024/1938) and the CAT classification.

use super::*;

/// The SoHO Regulation (EU) 2024/1938 from 7 August 2027, for human cells that are not
/// engineered: a substance of human origin, and a SoHO preparation authorisation (Art 38(1)),
/// even for an autologous preparation prepared and immediately applied.
pub(super) fn soho_preparation(
    framework: Finding,
    donor: Donor,
    same_procedure: Option<bool>,
    findings: &mut Vec<Finding>,
) {
    findings.push(framework.because(&reasons::ATMP_HUMAN_CELLS_TISSUES_SUBSTANCES));
    let mut auth = Finding::new(
        RuleId::EuSohoPreparationAuthorisation,
        Outcome::Met,
        Severity::Info,
    )
    .at("processing.same_surgical_procedure")
    .fact(Fact::code("donor", donor.code()))
    .fact(Fact::date("derived.soho_applies_from", crate::law::SOHO_APPLIES).as_limit());
    if let Some(value) = same_procedure {
        auth = auth.fact(Fact::flag("processing.same_surgical_procedure", value));
    }
    findings.push(match (donor.is_autologous(), same_procedure) {
        (true, Some(true)) => {
            auth.because(&reasons::AUTOLOGOUS_PREPARATION_PREPARED_IMMEDIATELY_APPLIED)
        }
        (true, _) => auth.because(&reasons::SOHO_PREPARATION_NEEDS_PRIOR_SOHO),
        (false, _) => auth.because(&reasons::SOHO_PREPARATION_MAY_RELEASED_ONLY),
    });
}

/// Art 17: a CAT recommendation is open to any product based on genes, cells or tissues.
pub(super) fn cat_finding(unsettled: bool) -> Finding {
    let finding = Finding::new(RuleId::EuCatClassification, Outcome::Met, Severity::Info);
    if unsettled {
        Finding {
            severity: Severity::Warning,
            ..finding.because(&reasons::CRATE_COULD_SETTLE_CLASSIFICATION_CAT)
        }
    } else {
        finding.because(&reasons::CAT_RECOMMENDATION_UNDER_ART_17)
    }
}
