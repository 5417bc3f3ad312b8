//! The vocabulary of MSC therapy, one file per family. Every enum here is defined by one table
//! (see the `vocab!` macro); its rows carry the machine name, a label for people and the facts
//! the rules need.

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
