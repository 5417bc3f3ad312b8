//! Every public type is `Send + Sync + Clone + Debug`, so documents, tables and reports can be
//! shared between threads. A type that loses one of these bounds stops this test compiling.

use msc_therapy::catalog::*;
use msc_therapy::document::*;
use msc_therapy::engine::{eu::*, jp::*, offer::*, quality::*, us::*, *};
use msc_therapy::finding::*;
#[allow(unused_imports)]
use msc_therapy::interop::*;
use msc_therapy::vocab::*;

fn assert_send_sync<T: Send + Sync + Clone + std::fmt::Debug + 'static>() {}

macro_rules! all_send_sync {
    ($($ty:ty),+ $(,)?) => {
        #[test]
        fn every_public_type_is_send_sync_clone_debug() {
            $(assert_send_sync::<$ty>();)+
        }
    };
}

all_send_sync![
    // Errors.
    DocumentError,
    DocumentErrorKind,
    UnknownCode,
    ValueError,
    // Findings and rules.
    Fact,
    FactRole,
    FactValue,
    Facts,
    FactsIntoIter,
    Paths,
    Codes,
    CodesIter<'static>,
    Compact<Finding>,
    Finding,
    Outcome,
    Severity,
    RuleId,
    RuleInfo,
    // The product document.
    Product,
    Certificate,
    Delivery,
    Dose,
    IdentityPanel,
    IntendedUse,
    Manufacturing,
    PotencyResult,
    Processing,
    Recipient,
    ReleaseData,
    Viability,
    // Validated values.
    Age,
    AgeUnit,
    BodyWeightKg,
    CellCount,
    CellsPerKg,
    CfuFrequency,
    EndotoxinEuPerMl,
    IsoDate,
    Millilitres,
    Passage,
    Percent,
    PopulationDoublings,
    Text,
    // Vocabulary and table rows.
    AddedArticle,
    ArticleInfo,
    CellPreparation,
    Donor,
    FactorInfo,
    FdaTissueClass,
    ImageGuidance,
    Indication,
    IndicationCategory,
    IndicationInfo,
    ManipulationLevel,
    MarkerExpectation,
    MarkerInfo,
    Mechanism,
    MechanismInfo,
    MscDesignation,
    PreparationInfo,
    ProcessingStep,
    ProductState,
    Route,
    RouteInfo,
    SecretedFactor,
    StepInfo,
    SupplyModel,
    SurfaceMarker,
    TestOutcome,
    TissueFunction,
    TissueInfo,
    TissueSource,
    ViabilityMethod,
    ViabilityTiming,
    // Engines and their reports.
    UsAssessment,
    UsClassification,
    UsClassificationInfo,
    QualityPolicy,
    QualityReport,
    QualityVerdict,
    CoaRequirement,
    ReferenceDose,
    DoseBasis,
    EuAssessment,
    EuClassification,
    JpAssessment,
    AsrmRiskClass,
    PmdActStatus,
    ProductAssessment<'static>,
    Headline,
    // Builders.
    ProductBuilder,
    ReleaseDataBuilder,
    DoseBuilder,
    CertificateBuilder,
    ClinicOfferBuilder,
    // Clinic offers, evidence and the catalog.
    ClinicOffer,
    Claim,
    ClaimInfo,
    ClaimKind,
    Disclosures,
    PatientContext,
    Price,
    TrialEvidence,
    TrialPhase,
    TrialPhases,
    TrialResult,
    TrialStatus,
    OfferPolicy,
    OfferEvaluation,
    PatientVerdict,
    Question,
    Expectation,
    ExpectationInfo,
    ApprovedProduct,
    AuthorisationStatus,
    AuthorisationKind,
    AuthorisationNumber,
    NumberKind,
    CatalogKey,
    LabelDose,
    LabelPopulation,
    DoseRange,
    RegulatoryFramework,
    ProductReference,
    ConditionFamilies,
    DoseFactor,
    Confidence,
    Jurisdiction,
    JurisdictionInfo,
    CurrencyCode,
    MoneyAmount,
    NctId,
];

#[cfg(feature = "schemars")]
#[test]
fn schema_types_are_send_sync_clone_debug() {
    assert_send_sync::<DocumentSchema>();
}

#[cfg(feature = "json")]
#[test]
fn json_lines_types_are_send_sync_clone_debug() {
    assert_send_sync::<JsonLines>();
    assert_send_sync::<LineDocument>();
    assert_send_sync::<LinesSummary>();
}
