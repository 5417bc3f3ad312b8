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
    findings.push(framework.because("not an ATMP: human cells and tissues are substances of human origin under Regulation (EU) 2024/1938, which replaces Directive 2004/23/EC from 7 August 2027; it has no exclusion for an autologous graft within the same surgical procedure"));
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
        (true, Some(true)) => auth.because("an autologous preparation prepared and immediately applied within one procedure needs a prior SoHO preparation authorisation (Art 38(1)); no release step is needed when it is processed and applied without storage, but the authorisation must specify the quality-control parameters (Art 60). The Directive's same-procedure exclusion no longer applies"),
        (true, _) => auth.because("a SoHO preparation needs a prior SoHO preparation authorisation before it is released, and so does an autologous one prepared and immediately applied (Art 38(1)): the authorisation is needed whether or not the cells are used within the same procedure"),
        (false, _) => auth.because("a SoHO preparation may be released only with a prior SoHO preparation authorisation (Art 38(1))"),
    });
}

/// Art 17: a CAT recommendation is open to any product based on genes, cells or tissues.
pub(super) fn cat_finding(unsettled: bool) -> Finding {
    let finding = Finding::new(RuleId::EuCatClassification, Outcome::Met, Severity::Info);
    if unsettled {
        Finding {
            severity: Severity::Warning,
            ..finding.because("the crate could not settle the classification; a CAT recommendation under Art 17 is the formal way to do so")
        }
    } else {
        finding.because("a CAT recommendation under Art 17 can confirm this classification; the crate's answer is not binding")
    }
}
