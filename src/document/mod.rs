//! **The input documents**: the product record ([`Product`]) and the clinic's offer
//! ([`ClinicOffer`]), each with its parts and builders, the authorities' determinations a record
//! carries ([`Determination`]), and the errors reading a document can raise ([`DocumentError`],
//! [`ValueError`], [`UnknownCode`]).
//!
//! A document is read from JSON (`Product::from_json`, feature `json`) or built in Rust
//! ([`Product::builder`], [`ClinicOffer::builder`]); either way it is checked once, on the way
//! in, and a value of these types is always valid. The vocabulary terms and validated numbers the
//! fields hold are in [`crate::vocab`]; what the rule engines make of a document is in
//! [`crate::engine`].
//!
//! With the `json` feature, the ClinicalTrials.gov API v2 import ([`RegistryStudy`]) turns a
//! registry record into the trial evidence an offer cites, and [`MAX_LIST_LEN`] and
//! [`MAX_STRING_BYTES`] are the limits every document is read within.

#[cfg(feature = "json")]
mod io;

pub use crate::builders::{
    CertificateBuilder, ClinicOfferBuilder, DoseBuilder, ProductBuilder, ReleaseDataBuilder,
};
#[cfg(feature = "json")]
pub use crate::ctgov::{
    CtGovError, InterventionType, RegistryStudy, StudyCondition, StudyIntervention, StudyType,
};
#[cfg(feature = "json")]
pub use crate::de::{MAX_LIST_LEN, MAX_STRING_BYTES};
pub use crate::determination::{Determination, DeterminationBasis, Determined};
pub use crate::error::{DocumentError, DocumentErrorKind, UnknownCode, ValueError};
pub use crate::offer::{
    Boosters, Claim, ClaimInfo, ClaimKind, ClinicOffer, ContentTest, Disclosures, FollowUpMethod,
    FollowUpPlan, Marketing, PatientContext, Permission, PermissionKind, Price, ProductReference,
    TrialEvidence, TrialPhase, TrialPhases, TrialResult, TrialStatus,
};
pub use crate::product::{
    Certificate, Delivery, Dose, IdentityPanel, IntendedUse, Manufacturing, PotencyResult,
    Processing, Product, Recipient, ReleaseData, Viability,
};
