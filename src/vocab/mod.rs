//! **The vocabulary of MSC therapy**: every term a document or a finding uses, the validated
//! values documents hold, and the codes of outside terminologies for each term.
//!
//! - **Terms**: every enum here ([`TissueSource`], [`Donor`], [`ProcessingStep`], [`Route`],
//!   [`SurfaceMarker`], [`Indication`], …) is one table. Each row holds the machine name (the same
//!   in JSON, `Display` and `FromStr`), a label for people and, for most families, a row of facts
//!   the rules read (`info()`: [`TissueInfo`], [`StepInfo`], [`RouteInfo`], …).
//! - **Validated values**: [`Percent`], [`CellCount`], [`CellsPerKg`], [`BodyWeightKg`],
//!   [`Passage`], [`NctId`], [`IsoDate`], [`Age`], … check their range on construction and on
//!   deserialization.
//! - **Outside codes**: [`Coded::codings`] gives a term's codes in SNOMED CT, ICD-10-CM, UBERON,
//!   the Cell Ontology, EDQM Standard Terms and others ([`CodeSystem`], [`Coding`],
//!   [`TermCoding`]), and [`Coded::from_coding`] reads a code back; [`MSC_CELL_TYPE`] is the cell
//!   type itself.

mod change;
mod indication;
mod mechanism;
mod processing;
mod release;
mod route;
mod site;
mod tissue;

pub use change::ChangeKind;
pub use indication::{Indication, IndicationCategory, IndicationInfo};
pub use mechanism::{FactorInfo, Mechanism, MechanismInfo, MscDesignation, SecretedFactor};
pub use processing::{
    AddedArticle, ArticleInfo, CellPreparation, ManipulationLevel, PreparationInfo, ProcessingStep,
    StepEffect, StepInfo, TISSUE_STEP_EXAMPLES, TissueStepExample,
};
pub use release::{
    MarkerExpectation, MarkerInfo, NotPerformedReason, ProductState, ReleaseTest, ReleaseTestInfo,
    SurfaceMarker, TestOutcome, ViabilityMethod, ViabilityTiming,
};
pub use route::{ImageGuidance, Route, RouteInfo};
pub use site::{SiteInfo, SiteOfUse};
pub use tissue::{Donor, FdaTissueClass, SupplyModel, TissueFunction, TissueInfo, TissueSource};

pub use crate::age::{Age, AgeUnit};
pub use crate::coding::{
    CodeRelation, CodeSystem, CodeSystemInfo, Coded, CodedCondition, Coding, CodingError,
    MSC_CELL_TYPE, StatedIndication, TermCoding,
};
pub use crate::units::{
    BodyWeightKg, CellCount, CellsPerKg, CfuFrequency, CurrencyCode, EndotoxinEuPerMl, IsoDate,
    Millilitres, MoneyAmount, NctId, Passage, Percent, PopulationDoublings, Text,
};
