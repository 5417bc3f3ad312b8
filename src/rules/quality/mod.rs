//! Quality and release assessment: viability, cell dose, identity, safety tests, expansion and
//! the certificate of analysis.
//!
//! One entry point, [`assess_quality`], reads a [`Product`] and a [`QualityPolicy`] and answers
//! with a [`QualityReport`]: one [`Finding`] per rule, and a [`QualityVerdict`] drawn from them.
//! Every threshold lives in the policy (or, for the pharmacopoeial endotoxin constant K, in the
//! cited [`crate::Route`] table); none is written in the rules.

use crate::Reason;
use crate::rules::write::Fill;
use crate::table::vocab;
use crate::{
    CatalogKey, CellCount, Donor, EndotoxinEuPerMl, Fact, Finding, Indication, IsoDate,
    NotPerformedReason, Outcome, Passage, Percent, PopulationDoublings, ProcessingStep, Product,
    ProductState, ReleaseData, ReleaseTest, Route, RuleId, Severity, SupplyModel, SurfaceMarker,
    TestOutcome, ValueError, ViabilityTiming,
};
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;
use std::borrow::Cow;
use std::fmt;

mod certificate;
mod dose;
mod expansion;
mod identity;
mod manufacturing;
mod perinatal;
mod policy;
mod profile;
pub(crate) mod reasons;
mod reference;
mod report;
mod safety;
#[cfg(test)]
mod tests;
mod viability;
mod write;
use certificate::*;
pub(crate) use dose::*;
use expansion::*;
use identity::*;
use manufacturing::*;
use perinatal::*;
pub use policy::*;
use profile::*;
pub use reference::*;
pub use report::*;
use safety::*;
use viability::*;
use write::*;

/// A quality rule: fills in its finding (which starts as met and informational).
type Rule = fn(&Profile<'_>, &QualityPolicy, &mut Finding);

/// Every quality rule, in the order of the rule table and of the report.
const RULES: [(RuleId, Rule); 23] = [
    (RuleId::QualityViabilityMinimum, viability_minimum),
    (RuleId::QualityViabilityPostThaw, viability_post_thaw),
    (RuleId::QualityViableCellCount, viable_cell_count),
    (RuleId::QualityDosePerKg, dose_per_kg),
    (RuleId::QualityDoseReference, dose_reference),
    (RuleId::QualityIdentityPositiveMarkers, positive_markers),
    (RuleId::QualityIdentityNegativeMarkers, negative_markers),
    (RuleId::QualityIdentityPlasticAdherence, plastic_adherence),
    (RuleId::QualityIdentityTrilineage, trilineage),
    (RuleId::QualitySterility, sterility),
    (RuleId::QualityMycoplasma, mycoplasma),
    (RuleId::QualityEndotoxin, endotoxin),
    (RuleId::QualityExpansionLimit, expansion_limit),
    (RuleId::QualityPerinatalMscEvidence, perinatal_msc_evidence),
    (RuleId::QualityCertificatePresent, certificate_present),
    (RuleId::QualityCertificateConsistent, certificate_consistent),
    (RuleId::QualityCertificateEntries, certificate_entries),
    (RuleId::QualityDonorEligibility, donor_eligibility),
    (RuleId::QualityAsepticValidation, aseptic_validation),
    (RuleId::QualityReagentGrade, reagent_grade),
    (
        RuleId::QualitySterilityInvestigation,
        sterility_investigation,
    ),
    (RuleId::QualityExpiryDating, expiry_dating),
    (RuleId::QualityReleaseBeforeResults, release_before_results),
];

/// **Assesses a product's release quality against a policy.**
///
/// Runs every quality rule of the [`RuleId`] table ("Quality and release" section) and returns
/// one finding per rule with the verdict they lead to. Pure: no I/O, no clock. Rules fail
/// closed: a missing fact gives [`Outcome::Undetermined`] (blocking when the rule protects the
/// patient), never a pass.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{Product, assess_quality};
/// use msc_therapy::engine::quality::{QualityPolicy, QualityVerdict};
///
/// let product = Product::from_json(r#"{
///     "name": "Same-day bone marrow concentrate",
///     "preparation": "bone_marrow_concentrate",
///     "tissue": "bone_marrow",
///     "donor": "autologous",
///     "supply": "point_of_care",
///     "processing": {"steps": ["centrifugation"]},
///     "delivery": {"route": "intra_articular"},
///     "dose": {"volume_ml": 4},
///     "recipient": {"weight_kg": 80},
///     "release": {"state": "fresh",
///                 "viable_nucleated_cells": 3.2e8,
///                 "viability": [{"percent": 96, "timing": "before_freezing"}],
///                 "sterility": "negative",
///                 "endotoxin_eu_per_ml": 0.1,
///                 "endotoxin_limit_eu_per_ml": 0.5}
/// }"#)?;
/// let report = assess_quality(&product, &QualityPolicy::default(), jiff::civil::date(2026, 12, 7));
/// assert_eq!(report.verdict, QualityVerdict::Pass);
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
#[must_use]
pub fn assess_quality(
    product: &Product,
    policy: &QualityPolicy,
    on: jiff::civil::Date,
) -> QualityReport {
    let p = Profile::new(product, on);
    // One allocation for the report's findings, each written once where it lies.
    let mut findings: Vec<Finding> = RULES
        .iter()
        .map(|&(rule, _)| Finding::new(rule, Outcome::Met, Severity::Info))
        .collect();
    for (finding, (_, rule)) in findings.iter_mut().zip(&RULES) {
        rule(&p, policy, finding);
    }
    QualityReport::from_findings(findings, on)
}

fn percent_fact(name: &'static str, value: f64) -> Fact {
    Fact::number(name, value).with_unit("%")
}
