//! Substances of human origin (Regulation (EU) 2024/1938) and the CAT classification.

use super::*;

/// The SoHO Regulation (EU) 2024/1938 from 7 August 2027, for human cells that are not
/// engineered: a SoHO preparation authorisation (Art 38(1)), even for an autologous
/// preparation prepared and immediately applied. Fills in `f`, the
/// `eu.soho.preparation_authorisation` finding the second step appends after the framework's.
pub(super) fn soho_preparation(f: &mut Finding, donor: Donor, same_procedure: Option<bool>) {
    f.point_at("processing.same_surgical_procedure")
        .add(Fact::code("donor", donor.code()))
        .add(Fact::date("derived.soho_applies_from", crate::law::SOHO_APPLIES).as_limit())
        .add_opt(
            same_procedure.map(|value| Fact::flag("processing.same_surgical_procedure", value)),
        )
        .why(match (donor.is_autologous(), same_procedure) {
            (true, Some(true)) => &reasons::AUTOLOGOUS_PREPARATION_PREPARED_IMMEDIATELY_APPLIED,
            (true, _) => &reasons::SOHO_PREPARATION_NEEDS_PRIOR_SOHO,
            (false, _) => &reasons::SOHO_PREPARATION_MAY_RELEASED_ONLY,
        });
}

/// Art 17: a CAT recommendation is open to any product based on genes, cells or tissues.
/// Fills in `f`, the CAT finding the classification ends with; `unsettled` when the
/// classification is open.
pub(super) fn cat_classification(f: &mut Finding, unsettled: bool) {
    if unsettled {
        f.judge(Outcome::Met, Severity::Warning)
            .why(&reasons::CRATE_COULD_SETTLE_CLASSIFICATION_CAT);
    } else {
        f.why(&reasons::CAT_RECOMMENDATION_UNDER_ART_17);
    }
}
