//! What settles a finding, and when the law it applies holds: the [`Basis`] of every rule and
//! finding, the dates each rule holds between, and the crate's knowledge horizon.
//!
//! Two questions a regulatory reader asks of every sentence the crate writes:
//!
//! - **What settles it?** A regulation's text, a worked example of an agency's guidance, a court
//!   decision, an agency's public statement, a pharmacopoeia or consensus standard, an approved
//!   label, the published literature, the patient-education texts the checklist comes from — or
//!   only the crate's own reading of them, where no source settles the point. Each rule has a
//!   default basis ([`RuleId::basis`]); a finding may rest on another ([`Finding::basis`]), e.g.
//!   a court decision when it leaves a question open. A favourable finding that rests only on the
//!   crate's reading is never [`Severity::Info`]: it is a warning that says so.
//! - **On which day?** Law has dates. Every engine takes the evaluation date (the crate reads no
//!   clock); rules say from and until when they hold ([`RuleId::holds_from`],
//!   [`RuleId::holds_until`]); a date after [`KNOWLEDGE_HORIZON`] is answered with the law as
//!   the crate knows it, and a finding saying that later changes are not known.

use crate::table::vocab;
use crate::{Finding, Outcome, RuleId, Severity};
use jiff::civil::{Date, date};

/// **The last day the crate's knowledge of the law reaches**: its sources were read up to this
/// date. For a later evaluation date the engines still answer, with the law as of this date, and
/// add a warning ([`RuleId::LawKnowledgeHorizon`]) that later changes are not known.
pub const KNOWLEDGE_HORIZON: Date = date(2026, 12, 7);

/// **The day the SoHO Regulation (EU) 2024/1938 applies** (Art 86): 7 August 2027. From this
/// day it replaces Directive 2004/23/EC, whose rules hold until the day before.
pub const SOHO_APPLIES: Date = date(2027, 8, 7);

/// **The day the amendment of the Act on the Safety of Regenerative Medicine by Act No. 51 of
/// 2024 (promulgated 14 June 2024) came into force**: 31 May 2025. From this day ASRM also
/// covers gene therapy that uses no processed cells (in vivo gene therapy).
pub const ASRM_AMENDMENT_IN_FORCE: Date = date(2025, 5, 31);

vocab! {
    /// **What settles a finding**: the kind of source its conclusion rests on.
    ///
    /// Ordered from the most to the least binding for the question a rule answers. A finding's
    /// citation names the source; its basis says what kind of authority that source has, so a
    /// reader can tell a regulation's words from an agency's worked example, a court's holding,
    /// a standard, or the crate's own reading where no source settles the point.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::RuleId;
    /// use msc_therapy::finding::Basis;
    ///
    /// assert_eq!(RuleId::UsNoCombination.basis(), Basis::RegulationText);
    /// assert_eq!(Basis::CrateReading.code(), "crate_reading");
    /// assert!(!Basis::CrateReading.is_a_source());
    /// ```
    pub enum Basis {
        /// The text of a statute, regulation or directive (21 CFR 1271.10(a); Regulation (EC)
        /// No 1394/2007; the ASRM).
        RegulationText => "regulation_text", "the regulation's text";
        /// An agency's guidance document, including its worked examples (FDA's minimal
        /// manipulation and homologous use guidance, Examples 10-1 to 20-3).
        Guidance => "guidance", "agency guidance";
        /// A court's decision (US v. California Stem Cell Treatment Center, 9th Cir. 2024).
        CourtDecision => "court_decision", "a court decision";
        /// An agency's public statement: a safety notification, a warning letter, a Q&A page, a
        /// classification summary, a notice.
        AgencyStatement => "agency_statement", "an agency statement";
        /// A pharmacopoeia or consensus standard (USP <85>, Ph. Eur. 2.6.27, the ISCT minimal
        /// criteria).
        Standard => "standard", "a pharmacopoeia or consensus standard";
        /// An approved product's label or marketing authorisation.
        Label => "label", "an approved label";
        /// Published studies.
        Literature => "literature", "the published literature";
        /// The patient-education texts the checklist comes from.
        SourceText => "source_text", "the checklist's source texts";
        /// The crate's own reading, where no source settles the point. A favourable finding on
        /// this basis alone is a warning, never information.
        CrateReading => "crate_reading", "the crate's own reading";
    }
}

impl Basis {
    /// Whether the basis is a source outside the crate (everything but
    /// [`Basis::CrateReading`]).
    #[must_use]
    pub const fn is_a_source(self) -> bool {
        !matches!(self, Self::CrateReading)
    }
}

impl RuleId {
    /// **What settles this rule's findings by default**: the kind of source its citation is.
    /// A finding may name another basis ([`Finding::basis`]) where its reason rests on one.
    #[must_use]
    pub const fn basis(self) -> Basis {
        use Basis as B;
        match self {
            Self::UsIsHctp
            | Self::UsNoCombination
            | Self::UsSystemicEffect
            | Self::UsSameSurgicalProcedure => B::RegulationText,
            Self::UsMinimalManipulation | Self::UsHomologousUse => B::Guidance,
            Self::UsDetermination => B::AgencyStatement,

            // FDA's "generally > 70 %", as a published review reports it.
            Self::QualityViabilityMinimum => B::AgencyStatement,
            Self::QualityViabilityPostThaw
            | Self::QualityExpansionLimit
            | Self::QualityPerinatalMscEvidence => B::Literature,
            Self::QualityViableCellCount => B::SourceText,
            Self::QualityDosePerKg | Self::QualityDoseReference => B::Label,
            Self::QualityIdentityPositiveMarkers
            | Self::QualityIdentityNegativeMarkers
            | Self::QualityIdentityPlasticAdherence
            | Self::QualityIdentityTrilineage
            | Self::QualityMycoplasma
            | Self::QualityEndotoxin => B::Standard,
            Self::QualitySterility
            | Self::QualityCertificatePresent
            | Self::QualityCertificateConsistent
            | Self::QualityCertificateEntries
            | Self::QualityDonorEligibility
            | Self::QualityAsepticValidation
            | Self::QualityReagentGrade
            | Self::QualitySterilityInvestigation
            | Self::QualityExpiryDating
            | Self::QualityReleaseBeforeResults => B::RegulationText,

            Self::OfferLiveCellCount
            | Self::OfferSourceDisclosed
            | Self::OfferCertificateOfAnalysis
            | Self::OfferImageGuidance
            | Self::OfferTrialEvidence
            | Self::OfferCandidate
            | Self::OfferPhysicianSupervision
            | Self::OfferRegulatedSetting
            | Self::OfferRegisteredTrial
            | Self::OfferClaimCure
            | Self::OfferClaimNewTissue
            | Self::OfferManyConditions
            | Self::OfferClaimNoRejection => B::SourceText,
            Self::OfferClaimLiveStemCells => B::Literature,
            Self::OfferReleaseQuality => B::Standard,
            Self::OfferClaimFdaApproved
            | Self::OfferProductIdentity
            | Self::OfferDoseReference
            | Self::OfferApprovedAnywhere => B::Label,
            Self::OfferContentTest => B::Literature,
            Self::OfferFollowUp => B::SourceText,
            Self::OfferClaimSuperiority
            | Self::OfferClaimSatisfaction
            | Self::OfferClaimTestimonials => B::Guidance,
            Self::OfferTreatmentDisclaimer | Self::OfferPayToParticipate => B::RegulationText,
            Self::OfferRepeatTreatments => B::AgencyStatement,
            Self::OfferUsPathway
            | Self::OfferJurisdiction
            | Self::OfferEuPathway
            | Self::OfferJpPathway
            | Self::OfferNationalPathway => B::RegulationText,

            Self::EuSubstantialManipulation
            | Self::EuEssentialFunction
            | Self::EuAtmpClass
            | Self::EuTissuesAndCells
            | Self::EuAutologousSameProcedure
            | Self::EuHospitalExemption
            | Self::EuSoho
            | Self::EuSohoPreparationAuthorisation
            | Self::EuIndustrialScope
            | Self::EuExceptionalUse => B::RegulationText,
            Self::EuCatClassification | Self::EuDetermination => B::AgencyStatement,

            Self::JpAsrmScope
            | Self::JpAsrmExcluded
            | Self::JpAsrmClassI
            | Self::JpAsrmClassII
            | Self::JpRegenerativeMedicalProduct
            | Self::JpConditionalApproval => B::RegulationText,
            Self::JpHomologousUse => B::AgencyStatement,

            Self::LawKnowledgeHorizon => B::CrateReading,
        }
    }

    /// **The first day this rule's law holds**, when the crate knows it (`None`: no start is
    /// recorded, or the law held before any date the crate models).
    ///
    /// Regulation (EC) No 1394/2007 applies from 30 December 2008 (Art 30); the Act on the
    /// Safety of Regenerative Medicine (Act No. 85 of 2013) and the PMD Act's regenerative
    /// medical products (Act No. 84 of 2013) from 25 November 2014; the SoHO Regulation
    /// (EU) 2024/1938 from 7 August 2027 ([`SOHO_APPLIES`]); the donor-eligibility rules of 21
    /// CFR 1271 subpart C from 25 May 2005, the date FDA gives as "the effective date of the
    /// applicable regulations" (e.g. its Order to Cease Manufacturing to Newborn Blood Banking,
    /// Inc., 19 February 2010).
    #[must_use]
    pub const fn holds_from(self) -> Option<Date> {
        match self {
            Self::QualityDonorEligibility => Some(date(2005, 5, 25)),
            Self::EuSubstantialManipulation
            | Self::EuEssentialFunction
            | Self::EuAtmpClass
            | Self::EuHospitalExemption
            | Self::EuCatClassification => Some(date(2008, 12, 30)),
            Self::EuSoho | Self::EuSohoPreparationAuthorisation => Some(SOHO_APPLIES),
            Self::JpAsrmScope
            | Self::JpAsrmExcluded
            | Self::JpAsrmClassI
            | Self::JpAsrmClassII
            | Self::JpHomologousUse
            | Self::JpRegenerativeMedicalProduct
            | Self::JpConditionalApproval => Some(date(2014, 11, 25)),
            _ => None,
        }
    }

    /// **The last day this rule's law holds**, when it is repealed or replaced on a date the
    /// crate knows (`None`: no end is known).
    ///
    /// Directive 2004/23/EC is repealed by the SoHO Regulation (EU) 2024/1938, which applies
    /// from 7 August 2027 (Art 86, [`SOHO_APPLIES`]): its rules hold until 6 August 2027.
    #[must_use]
    pub const fn holds_until(self) -> Option<Date> {
        match self {
            Self::EuTissuesAndCells | Self::EuAutologousSameProcedure => Some(date(2027, 8, 6)),
            _ => None,
        }
    }

    /// Whether this rule's law holds on `on`.
    #[must_use]
    pub fn holds_on(self, on: Date) -> bool {
        self.holds_from().is_none_or(|from| from <= on)
            && self.holds_until().is_none_or(|until| on <= until)
    }
}

/// A finding that the evaluation date lies after [`KNOWLEDGE_HORIZON`], or `None` when it does
/// not.
pub(crate) fn horizon_finding(on: Date) -> Option<Finding> {
    (on > KNOWLEDGE_HORIZON).then(|| {
        Finding::new(
            RuleId::LawKnowledgeHorizon,
            Outcome::Undetermined,
            Severity::Warning,
        )
        .because(&reasons::AFTER_KNOWLEDGE_HORIZON)
        .fact(crate::Fact::date("evaluated_on", on))
        .fact(crate::Fact::date("knowledge_horizon", KNOWLEDGE_HORIZON).as_limit())
    })
}

/// Holds every finding to the rule of certainty: a favourable finding (met) that rests only on
/// the crate's own reading is a warning, never information.
pub(crate) fn calibrate(findings: &mut [Finding]) {
    for finding in findings {
        if finding.basis == Basis::CrateReading
            && finding.severity == Severity::Info
            && finding.outcome == Outcome::Met
        {
            finding.severity = Severity::Warning;
        }
    }
}

/// The reasons of the shared rules (`law.*`), one row each.
mod reasons {
    use crate::reason::reasons;

    reasons! {
        AFTER_KNOWLEDGE_HORIZON = "L001": "the evaluation date is after the last day the crate's sources reach: the law is applied as the crate knows it, and changes after that day are not known";
    }
}
pub(crate) use reasons::ALL as REASONS;
