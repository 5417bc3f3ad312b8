//! The patient's checklist: evaluating a clinic's offer.

use crate::finding::Vocab;
use crate::table::vocab;
use crate::{
    Age, ApprovedProduct, AsrmRiskClass, AuthorisationStatus, Basis, CatalogKey, CellCount,
    CellPreparation, ClaimKind, ClinicOffer, Donor, EuAssessment, Fact, FactValue, Finding,
    Indication, IndicationCategory, JpAssessment, Jurisdiction, Outcome, RegulatoryFramework,
    RuleId, Severity, SupplyModel, TissueSource, ValueError, classify_eu, classify_jp,
    classify_jp_authorised,
};
use crate::{
    QualityPolicy, QualityReport, QualityVerdict, UsAssessment, UsClassification, assess_quality,
    classify_us,
};
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;
use std::borrow::Cow;
use std::fmt;
use std::sync::LazyLock;

/// **How many families of conditions make "a myriad of diseases"**: a whole number from 2 to
/// the number of [`IndicationCategory`] families (12).
///
/// One family is one area of medicine (related joint problems are not a myriad), so the
/// smallest threshold is 2.
///
/// # Examples
///
/// ```
/// use msc_therapy::ConditionFamilies;
///
/// assert_eq!(ConditionFamilies::new(3)?.get(), 3);
/// assert_eq!(
///     ConditionFamilies::new(0).unwrap_err().to_string(),
///     "number of condition families must be between 2 and 12, got 0"
/// );
/// # Ok::<(), msc_therapy::ValueError>(())
/// ```
///
/// # Errors
///
/// [`ValueError::OutOfRange`] outside 2 to 12.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u64", into = "u64")]
pub struct ConditionFamilies(u8);

impl ConditionFamilies {
    /// Validates and wraps a threshold.
    ///
    /// # Errors
    ///
    /// See the type's documentation.
    pub fn new(value: u64) -> Result<Self, ValueError> {
        #[allow(clippy::cast_possible_truncation)]
        let max = IndicationCategory::ALL.len() as u64;
        if (2..=max).contains(&value) {
            #[allow(clippy::cast_possible_truncation)]
            Ok(Self(value as u8))
        } else {
            #[allow(clippy::cast_precision_loss)]
            Err(ValueError::OutOfRange {
                what: "number of condition families",
                value: value as f64,
                min: 2.0,
                max: max as f64,
            })
        }
    }

    /// The threshold.
    #[must_use]
    pub const fn get(self) -> usize {
        self.0 as usize
    }
}

impl TryFrom<u64> for ConditionFamilies {
    type Error = ValueError;
    fn try_from(value: u64) -> Result<Self, ValueError> {
        Self::new(value)
    }
}

impl From<ConditionFamilies> for u64 {
    fn from(value: ConditionFamilies) -> u64 {
        u64::from(value.0)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for ConditionFamilies {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ConditionFamilies".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "integer", "minimum": 2, "maximum": 12})
    }
}

/// **The thresholds the offer checklist uses**, each taken from the one place the crate keeps it.
///
/// Every number has a domain checked on construction and on deserialization (each field is a
/// validated type), so a policy document with `"myriad_min_categories": 0` is refused, naming
/// the field.
///
/// # Examples
///
/// ```
/// use msc_therapy::{OfferPolicy, QualityPolicy, US_MYRIAD_INDICATION_CATEGORIES};
///
/// let policy = OfferPolicy::default();
/// assert_eq!(policy.min_live_cells, QualityPolicy::default().min_viable_cells);
/// assert_eq!(policy.min_live_cells.get(), 1_000_000);
/// assert_eq!(policy.myriad_min_categories.get(), US_MYRIAD_INDICATION_CATEGORIES);
/// ```
///
/// # Errors
///
/// [`OfferPolicy::from_json`] returns a [`crate::DocumentError`] naming the failing field:
/// `myriad_min_categories: number of condition families must be between 2 and 12, got 0`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct OfferPolicy {
    /// The smallest live, nucleated cell count per injection the clinic should state (at least
    /// 1). Default: [`QualityPolicy`]'s `min_viable_cells` (10⁶): counts "in the millions"
    /// ("Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)", 'Ask for
    /// the Cell Count'). Here it is held against what the clinic *told* the patient, not against
    /// release data.
    pub min_live_cells: CellCount,
    /// How many distinct families of conditions ([`IndicationCategory`]) an offer may name
    /// before it matches FDA's "unproven treatment for a myriad of diseases or conditions"
    /// (MM/HU guidance, homologous use): 2 to 12. Default:
    /// [`crate::US_MYRIAD_INDICATION_CATEGORIES`] (3), the threshold the US engine uses.
    pub myriad_min_categories: ConditionFamilies,
    /// The policy the product's release data are assessed with ([`assess_quality`]); its
    /// `dose_far_below_factor` is the factor of [`RuleId::OfferDoseReference`].
    pub quality: QualityPolicy,
    /// The share of the live cell count the clinic states that an independent test must find
    /// for the two to agree ([`RuleId::OfferContentTest`]): below it, the measurement
    /// contradicts the statement. Default 50 %, the crate's reading: counts by different
    /// laboratories and methods differ by tens of percent, not by half.
    pub measured_count_min_share: crate::Percent,
}

impl Default for OfferPolicy {
    fn default() -> Self {
        let quality = QualityPolicy::default();
        #[allow(clippy::cast_possible_truncation)]
        let myriad = ConditionFamilies(crate::US_MYRIAD_INDICATION_CATEGORIES as u8);
        Self {
            min_live_cells: quality.min_viable_cells,
            myriad_min_categories: myriad,
            quality,
            measured_count_min_share: crate::Percent::from_table(50.0),
        }
    }
}

impl OfferPolicy {
    /// Reads a policy document from JSON; fields left out keep their defaults.
    ///
    /// # Errors
    ///
    /// A [`crate::DocumentError`] with the path of the failing field.
    #[cfg(feature = "json")]
    pub fn from_json(json: &str) -> Result<Self, crate::DocumentError> {
        crate::error::from_json(json)
    }
}

/// The default policy, built once.
static DEFAULT_POLICY: LazyLock<OfferPolicy> = LazyLock::new(OfferPolicy::default);

vocab! {
    /// **What the patient should do about an offer**, in three steps.
    ///
    /// The verdict is the worst group with any finding: one walk-away finding makes the offer
    /// [`PatientVerdict::WalkAway`], otherwise one open question makes it
    /// [`PatientVerdict::AskFirst`], otherwise [`PatientVerdict::GoodSigns`]. Ordered from worst
    /// to best (`WalkAway < AskFirst < GoodSigns`).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::PatientVerdict;
    ///
    /// assert_eq!(PatientVerdict::WalkAway.to_string(), "walk_away");
    /// assert_eq!(PatientVerdict::AskFirst.label(), "ask first");
    /// assert!(PatientVerdict::WalkAway < PatientVerdict::GoodSigns);
    /// ```
    pub enum PatientVerdict {
        /// A red flag the source texts say to walk away from.
        WalkAway => "walk_away", "walk away";
        /// Questions the clinic must answer before the patient agrees.
        AskFirst => "ask_first", "ask first";
        /// The checklist found only good signs (still experimental treatment; see expectations).
        GoodSigns => "good_signs", "good signs";
    }
}

vocab! {
    /// **A question to put to the clinic**, raised by a walk-away or ask-first finding. The
    /// label is the question, as a patient would ask it.
    ///
    /// A question whose answer the offer already gives ([`Question::answered_by`]) is not
    /// asked.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::{Question, RuleId};
    ///
    /// let q = Question::for_rule(RuleId::OfferImageGuidance).unwrap();
    /// assert_eq!(q.label(), "Will the injection be guided by ultrasound or fluoroscopy?");
    /// ```
    #[non_exhaustive]
    pub enum Question {
        /// For [`RuleId::OfferLiveCellCount`].
        LiveCellCount => "live_cell_count", "Exactly how many live, nucleated cells will you inject, and how were they counted?";
        /// For [`RuleId::OfferSourceDisclosed`].
        Source => "source", "Where do the cells come from: which tissue, and are they my own cells or a donor's?";
        /// For [`RuleId::OfferCertificateOfAnalysis`].
        CertificateOfAnalysis => "certificate_of_analysis", "May I see the certificate of analysis for this lot, showing how many cells are alive?";
        /// For [`RuleId::OfferImageGuidance`].
        ImageGuidance => "image_guidance", "Will the injection be guided by ultrasound or fluoroscopy?";
        /// For [`RuleId::OfferTrialEvidence`].
        TrialEvidence => "trial_evidence", "Which completed Phase II or III trials show this works for my condition? What are their NCT numbers?";
        /// For [`RuleId::OfferCandidate`].
        StandardTreatments => "standard_treatments", "Which standard treatments should I try first, and why am I a candidate for this one?";
        /// For [`RuleId::OfferPhysicianSupervision`].
        Physician => "physician", "Which physician will evaluate me and supervise the treatment?";
        /// For [`RuleId::OfferRegulatedSetting`] and [`RuleId::OfferUsPathway`].
        RegulatedSetting => "regulated_setting", "Under which approval, trial (IND) or licence is this treatment given?";
        /// For [`RuleId::OfferClaimCure`].
        Outcomes => "outcomes", "What results have patients like me had, measured how, and for how long?";
        /// For [`RuleId::OfferClaimNewTissue`].
        Mechanism => "mechanism", "What do you expect the cells to do once injected, and what evidence shows it?";
        /// For [`RuleId::OfferManyConditions`].
        ManyConditions => "many_conditions", "Which conditions do you say this treats, and which trials support each of them?";
        /// For [`RuleId::OfferClaimFdaApproved`].
        FdaApproval => "fda_approval", "Which FDA approval (BLA number) covers this product for my condition?";
        /// For [`RuleId::OfferClaimLiveStemCells`].
        LiveStemCells => "live_stem_cells", "Which test shows this lot contains living, colony-forming (MSC-like) cells?";
        /// For [`RuleId::OfferClaimNoRejection`].
        Rejection => "rejection", "What immune reactions to donor cells have been seen, and how would you treat one?";
        /// For [`RuleId::OfferReleaseQuality`].
        ReleaseData => "release_data", "May I see the release results for this lot: live cell count, viability, sterility and endotoxin?";
        /// For [`RuleId::OfferJurisdiction`].
        Jurisdiction => "jurisdiction", "In which country is the treatment given, and which authority oversees it there?";
        /// For [`RuleId::OfferProductIdentity`].
        ProductIdentity => "product_identity", "Which authorisation number covers this product, and for which tissue, donor, route, condition and patients was it approved?";
        /// For [`RuleId::OfferEuPathway`].
        EuPathway => "eu_pathway", "Under which EU marketing authorisation, authorised clinical trial or hospital exemption is this treatment given?";
        /// For [`RuleId::OfferJpPathway`].
        JpPathway => "jp_pathway", "Under which PMD Act approval, or which ASRM provision plan reviewed by a certified committee, is this treatment given?";
        /// For [`RuleId::OfferNationalPathway`].
        NationalPathway => "national_pathway", "Under which national authorisation, licence or registered trial is this treatment given?";
        /// For [`RuleId::OfferDoseReference`].
        Dose => "dose", "Why is the dose so much smaller than the doses of approved products for my condition?";
        /// For [`RuleId::OfferContentTest`].
        ContentTest => "content_test", "An independent test of this product contradicts what you say it holds: how do you explain it, and may I see this lot's own test results?";
        /// For [`RuleId::OfferClaimSuperiority`].
        Comparison => "comparison", "Which trial compared this treatment with the standard treatment for my condition, and what did it find?";
        /// For [`RuleId::OfferTreatmentDisclaimer`].
        ResearchUseOnly => "research_use_only", "The product's label says it is not for treating people: under which approval or IND are you giving it to me?";
        /// For [`RuleId::OfferPayToParticipate`].
        StudyCharges => "study_charges", "Why do I pay to take part in this study, under which IND does it run, and has the regulator authorised charging participants?";
        /// For [`RuleId::OfferRepeatTreatments`].
        Boosters => "boosters", "How many repeat treatments do you recommend, what evidence supports repeating it, and what does the whole course cost?";
        /// For [`RuleId::OfferFollowUp`].
        FollowUp => "follow_up", "How will you follow me up after the treatment: what do you check, how and for how long, and whom do I call if something goes wrong?";
    }
}

impl Question {
    /// The question a finding of `rule` raises, if any.
    #[must_use]
    pub const fn for_rule(rule: RuleId) -> Option<Self> {
        Some(match rule {
            RuleId::OfferLiveCellCount => Self::LiveCellCount,
            RuleId::OfferSourceDisclosed => Self::Source,
            RuleId::OfferCertificateOfAnalysis => Self::CertificateOfAnalysis,
            RuleId::OfferImageGuidance => Self::ImageGuidance,
            RuleId::OfferTrialEvidence => Self::TrialEvidence,
            RuleId::OfferCandidate => Self::StandardTreatments,
            RuleId::OfferPhysicianSupervision => Self::Physician,
            RuleId::OfferRegulatedSetting | RuleId::OfferUsPathway => Self::RegulatedSetting,
            RuleId::OfferReleaseQuality => Self::ReleaseData,
            RuleId::OfferClaimCure => Self::Outcomes,
            RuleId::OfferClaimNewTissue => Self::Mechanism,
            RuleId::OfferManyConditions => Self::ManyConditions,
            RuleId::OfferClaimFdaApproved => Self::FdaApproval,
            RuleId::OfferClaimLiveStemCells => Self::LiveStemCells,
            RuleId::OfferClaimNoRejection => Self::Rejection,
            RuleId::OfferJurisdiction => Self::Jurisdiction,
            RuleId::OfferProductIdentity => Self::ProductIdentity,
            RuleId::OfferEuPathway => Self::EuPathway,
            RuleId::OfferJpPathway => Self::JpPathway,
            RuleId::OfferNationalPathway => Self::NationalPathway,
            RuleId::OfferDoseReference => Self::Dose,
            RuleId::OfferContentTest => Self::ContentTest,
            RuleId::OfferClaimSuperiority => Self::Comparison,
            // Satisfaction figures and testimonials are answered by trials.
            RuleId::OfferClaimSatisfaction | RuleId::OfferClaimTestimonials => Self::TrialEvidence,
            RuleId::OfferTreatmentDisclaimer => Self::ResearchUseOnly,
            RuleId::OfferPayToParticipate => Self::StudyCharges,
            RuleId::OfferRepeatTreatments => Self::Boosters,
            RuleId::OfferFollowUp => Self::FollowUp,
            // Notes that ask nothing: whether the offer is a registered trial (its evidence
            // question is asked by the trial-evidence rule) and where products are authorised.
            RuleId::OfferRegisteredTrial | RuleId::OfferApprovedAnywhere => return None,
            // The engines' own rules reach the patient through the offer's rules above
            // (release quality, the pathways), never on their own.
            RuleId::UsIsHctp
            | RuleId::UsSameSurgicalProcedure
            | RuleId::UsMinimalManipulation
            | RuleId::UsHomologousUse
            | RuleId::UsNoCombination
            | RuleId::UsSystemicEffect
            | RuleId::UsDetermination
            | RuleId::EuDetermination
            | RuleId::QualityViabilityMinimum
            | RuleId::QualityViabilityPostThaw
            | RuleId::QualityViableCellCount
            | RuleId::QualityDosePerKg
            | RuleId::QualityDoseReference
            | RuleId::QualityIdentityPositiveMarkers
            | RuleId::QualityIdentityNegativeMarkers
            | RuleId::QualityIdentityPlasticAdherence
            | RuleId::QualityIdentityTrilineage
            | RuleId::QualitySterility
            | RuleId::QualityMycoplasma
            | RuleId::QualityEndotoxin
            | RuleId::QualityExpansionLimit
            | RuleId::QualityPerinatalMscEvidence
            | RuleId::QualityCertificatePresent
            | RuleId::QualityCertificateConsistent
            | RuleId::QualityCertificateEntries
            | RuleId::QualityDonorEligibility
            | RuleId::QualityAsepticValidation
            | RuleId::QualityReagentGrade
            | RuleId::QualitySterilityInvestigation
            | RuleId::QualityExpiryDating
            | RuleId::QualityReleaseBeforeResults
            | RuleId::EuSubstantialManipulation
            | RuleId::EuEssentialFunction
            | RuleId::EuAtmpClass
            | RuleId::EuTissuesAndCells
            | RuleId::EuAutologousSameProcedure
            | RuleId::EuHospitalExemption
            | RuleId::EuCatClassification
            | RuleId::EuSoho
            | RuleId::EuSohoPreparationAuthorisation
            | RuleId::EuIndustrialScope
            | RuleId::EuExceptionalUse
            | RuleId::JpAsrmScope
            | RuleId::JpAsrmExcluded
            | RuleId::JpAsrmClassI
            | RuleId::JpAsrmClassII
            | RuleId::JpHomologousUse
            | RuleId::JpRegenerativeMedicalProduct
            | RuleId::JpConditionalApproval
            | RuleId::LawKnowledgeHorizon => return None,
        })
    }

    /// The offer already gives the answer, so the question is not asked: the count is stated,
    /// the certificate was shown, the guidance is stated,
    /// the supervision is stated, the place is stated, or an authorisation, a trial
    /// registration, or a permission obtained under the law of the place and named by its
    /// reference is named for the questions about the pathway.
    #[must_use]
    pub fn answered_by(self, offer: &ClinicOffer) -> bool {
        let d = &offer.disclosures;
        // A permission answers only where its law applies (a hospital exemption in the EU, an
        // ASRM plan in Japan, a national authorisation where the crate has no engine).
        let permitted = offer.permission.as_ref().is_some_and(|p| {
            p.obtained == Some(true)
                && p.reference.is_some()
                && offer
                    .jurisdiction
                    .is_some_and(|j| p.kind.framework() == Some(j.info().framework))
        });
        let named = offer.authorisation.is_some() || d.trial_registration.is_some() || permitted;
        match self {
            Self::LiveCellCount => d.live_nucleated_cells.is_some(),
            Self::CertificateOfAnalysis => d.certificate_of_analysis_shown == Some(true),
            Self::ImageGuidance => offer.product.delivery.is_some_and(|d| d.guidance.is_some()),
            Self::Physician => offer.patient.physician_supervised.is_some(),
            Self::Jurisdiction => offer.jurisdiction.is_some(),
            Self::FdaApproval => offer.authorisation.is_some(),
            Self::RegulatedSetting | Self::EuPathway | Self::JpPathway | Self::NationalPathway => {
                named
            }
            // Questions no statement of the offer answers: the clinic must be asked.
            Self::Source
            | Self::TrialEvidence
            | Self::StandardTreatments
            | Self::Outcomes
            | Self::Mechanism
            | Self::ManyConditions
            | Self::LiveStemCells
            | Self::Rejection
            | Self::ReleaseData
            | Self::ProductIdentity
            | Self::Dose
            | Self::ContentTest
            | Self::Comparison
            | Self::ResearchUseOnly
            | Self::StudyCharges
            | Self::Boosters
            | Self::FollowUp => false,
        }
    }
}

/// **What the crate knows about an expectation**: one row of the [`Expectation`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct ExpectationInfo {
    /// The expectation, in a sentence for the patient.
    pub text: &'static str,
    /// Where it comes from.
    pub citation: &'static str,
}

vocab! {
    /// **What a patient should expect from MSC treatment**, per the source texts, chosen by the
    /// family of the patient's condition.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::Expectation;
    ///
    /// let e = Expectation::PainReliefForMonths;
    /// assert!(e.info().text.contains("12 to 24 months"));
    /// assert!(e.info().citation.contains("What Science Is Actually Getting Right"));
    /// ```
    #[non_exhaustive]
    pub enum Expectation: ExpectationInfo {
        /// Not a cure (every condition).
        NotACure => "not_a_cure", "not a cure", ExpectationInfo {
            text: "MSCs calm inflammation and signal repair; they are not a cure and will not make tissue young again.",
            citation: "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Manage Your Expectations'",
        };
        /// Joint pain relief for months, without new cartilage (musculoskeletal conditions).
        PainReliefForMonths => "pain_relief_for_months", "pain relief for months", ExpectationInfo {
            text: "For joint problems, patients often report less pain for 12 to 24 months; the cells do not regrow a thick new layer of cartilage.",
            citation: "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'The Real-World Impact on Joints and Pain'",
        };
        /// Use the window for rehabilitation (musculoskeletal conditions).
        RehabilitationWindow => "rehabilitation_window", "a window for rehabilitation", ExpectationInfo {
            text: "Use the relief as a window of opportunity for physiotherapy and lifestyle changes that keep the results.",
            citation: "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Manage Your Expectations' (for chronic injuries and orthopaedic conditions)",
        };
        /// Experimental without Phase II/III evidence (unless fully approved for the condition).
        Experimental => "experimental", "an experiment without Phase II/III evidence", ExpectationInfo {
            text: "Without a successful Phase II or III trial for your condition, nobody knows what to expect: you would essentially be an n=1 experiment.",
            citation: "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Look Up the Research'",
        };
        /// Long-term safety still being studied (every condition).
        LongTermSafetyUnknown => "long_term_safety_unknown", "long-term safety still being studied", ExpectationInfo {
            text: "Short-term safety looks favourable in regulated settings, but long-term safety and how long effects last are still being studied.",
            citation: "\"Mesenchymal Stem Cells (MSC)\" overview, 'What the Evidence Says' and FAQ 'Are MSC therapies safe?'",
        };
    }
}

impl Expectation {
    /// The expectations for a condition: not a cure and long-term safety for every condition;
    /// pain relief for months and the rehabilitation window for musculoskeletal
    /// ([`IndicationCategory::Orthopaedic`]) conditions only; the n=1 experiment unless
    /// `evidence` (a positive Phase II/III trial, or a full authorisation for the condition).
    #[must_use]
    pub fn for_condition(indication: Indication, evidence: bool) -> Vec<Self> {
        let musculoskeletal = indication.info().category == IndicationCategory::Orthopaedic;
        let mut list =
            Vec::with_capacity(2 + 2 * usize::from(musculoskeletal) + usize::from(!evidence));
        list.push(Self::NotACure);
        if musculoskeletal {
            list.push(Self::PainReliefForMonths);
            list.push(Self::RehabilitationWindow);
        }
        if !evidence {
            list.push(Self::Experimental);
        }
        list.push(Self::LongTermSafetyUnknown);
        list
    }

    /// The expectations for an offer's condition ([`ClinicOffer::indication`]): those of
    /// [`Expectation::for_condition`] for a listed one; for a condition outside the list, whose
    /// family the crate does not know, not a cure, the n=1 experiment unless `evidence`, and
    /// long-term safety — never the joint expectations.
    #[must_use]
    pub fn for_stated(condition: &crate::StatedIndication, evidence: bool) -> Vec<Self> {
        match condition {
            crate::StatedIndication::Listed(i) => Self::for_condition(*i, evidence),
            crate::StatedIndication::Unlisted(_) => {
                let mut list = Vec::with_capacity(3);
                list.push(Self::NotACure);
                if !evidence {
                    list.push(Self::Experimental);
                }
                list.push(Self::LongTermSafetyUnknown);
                list
            }
        }
    }
}

/// **The evaluation of a clinic's offer**, grouped as the patient would act on it.
///
/// The verdict is the worst group with a finding. The classifications the evaluation used are
/// kept for readers who want the regulatory detail: `us`, `eu` or `jp` for an offer made under
/// that law (none when the offer does not say where it is made), and `quality` for the product's
/// release data. `product` is the catalog entry the offer names, when it names one the catalog
/// holds.
///
/// `Display` writes a plain-language summary for the patient: the verdict, then each group
/// ("Walk away", "Ask first", "Good signs", "For your information") with one line per finding
/// (its reason, rule id and citation), the numbered questions to ask the clinic, what to expect,
/// and one line each for the classifications used and the release-quality verdict.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{evaluate_offer, ClinicOffer, PatientVerdict, RuleId};
///
/// let offer = ClinicOffer::from_json(r#"{
///     "jurisdiction": "united_states",
///     "product": {"name": "Umbilical stem cell shot", "tissue": "whartons_jelly",
///                 "donor": "allogeneic_unrelated", "supply": "off_the_shelf"},
///     "indication": "knee_osteoarthritis",
///     "claims": [{"kind": "fda_approved", "indications": []}]
/// }"#)?;
/// let eval = evaluate_offer(&offer, jiff::civil::date(2026, 12, 7));
/// assert_eq!(eval.verdict, PatientVerdict::WalkAway);
/// assert!(eval.walk_away.iter().any(|f| f.rule == RuleId::OfferClaimFdaApproved));
/// assert!(eval.us.is_some() && eval.eu.is_none());
/// assert!(eval.to_string().starts_with("Verdict: walk away"));
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct OfferEvaluation {
    /// What to do.
    pub verdict: PatientVerdict,
    /// Red flags: reasons to walk away (severity blocking).
    pub walk_away: Vec<Finding>,
    /// Open questions to settle before agreeing (severity warning).
    pub ask_first: Vec<Finding>,
    /// Checklist items the offer meets (severity info).
    pub good_signs: Vec<Finding>,
    /// Context that is neither good nor bad, and items that do not apply (severity info).
    pub notes: Vec<Finding>,
    /// Questions to ask the clinic, one per open or failed item whose answer the offer does not
    /// already give.
    pub questions: Vec<Question>,
    /// What to expect if the patient goes ahead.
    pub expectations: Vec<Expectation>,
    /// The catalog entry the offer names, when the catalog holds it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<CatalogKey>,
    /// The product's US classification under 21 CFR Part 1271 ([`classify_us`]), for an offer
    /// made in the United States.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub us: Option<UsAssessment>,
    /// The product's EU classification ([`classify_eu`]), for an offer made in the EU.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eu: Option<EuAssessment>,
    /// The product's Japanese classification ([`classify_jp`]), for an offer made in Japan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jp: Option<JpAssessment>,
    /// The assessment of the product's release data ([`assess_quality`]).
    pub quality: QualityReport,
    /// The date the evaluation applied: the law, the catalog and certificate expiry as of this
    /// day (the caller's evaluation date).
    pub evaluated_on: crate::IsoDate,
}

impl OfferEvaluation {
    /// Every finding, in the order walk away, ask first, good signs, notes.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.walk_away
            .iter()
            .chain(&self.ask_first)
            .chain(&self.good_signs)
            .chain(&self.notes)
    }

    /// The first finding of `rule`, in any group.
    #[must_use]
    pub fn finding(&self, rule: RuleId) -> Option<&Finding> {
        self.findings().find(|f| f.rule == rule)
    }
}

fn write_group<'a>(
    f: &mut fmt::Formatter<'_>,
    title: &str,
    findings: impl Iterator<Item = &'a Finding>,
) -> fmt::Result {
    let mut findings = findings.peekable();
    if findings.peek().is_none() {
        return Ok(());
    }
    writeln!(f, "{title}:")?;
    for finding in findings {
        let text = finding.reason.as_deref().unwrap_or(finding.summary());
        writeln!(f, "  - {text} [{}; {}]", finding.rule, finding.citation())?;
    }
    Ok(())
}

impl fmt::Display for OfferEvaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.verdict {
            PatientVerdict::WalkAway => {
                "the offer shows red flags the source texts say to walk away from."
            }
            PatientVerdict::AskFirst => "get answers to the questions below before agreeing.",
            PatientVerdict::GoodSigns => {
                "the checklist found good signs; this is still a medical decision to take with your physician."
            }
        };
        writeln!(f, "Verdict: {} — {why}", self.verdict.label())?;
        write_group(f, "Walk away", self.walk_away.iter())?;
        write_group(f, "Ask first", self.ask_first.iter())?;
        write_group(f, "Good signs", self.good_signs.iter())?;
        let notes = self
            .notes
            .iter()
            .filter(|n| n.outcome != Outcome::NotApplicable);
        write_group(f, "For your information", notes)?;
        if !self.questions.is_empty() {
            writeln!(f, "Questions to ask the clinic:")?;
            for (i, q) in self.questions.iter().enumerate() {
                writeln!(f, "  {}. {}", i + 1, q.label())?;
            }
        }
        if !self.expectations.is_empty() {
            writeln!(f, "What to expect:")?;
            for e in &self.expectations {
                writeln!(f, "  - {} [{}]", e.info().text, e.info().citation)?;
            }
        }
        if let Some(us) = &self.us {
            writeln!(
                f,
                "US classification (21 CFR Part 1271): {}",
                us.classification.label()
            )?;
        }
        if let Some(eu) = &self.eu {
            writeln!(
                f,
                "EU classification (Regulation (EC) No 1394/2007): {}",
                eu.classification.label()
            )?;
        }
        if let Some(jp) = &self.jp {
            writeln!(
                f,
                "Japanese classification: ASRM {}, PMD Act {}",
                jp.risk_class.label(),
                jp.pmd_act.label()
            )?;
        }
        write!(f, "Release quality: {}", self.quality.verdict.label())
    }
}

/// Where a finding goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    WalkAway,
    AskFirst,
    GoodSign,
    Note,
}

impl Group {
    const fn severity(self) -> Severity {
        match self {
            Self::WalkAway => Severity::Blocking,
            Self::AskFirst => Severity::Warning,
            Self::GoodSign | Self::Note => Severity::Info,
        }
    }
}

/// How many findings an evaluation stages without a heap allocation. An offer gets 20 or 21
/// findings plus one per kind of claim (and per claim of FDA approval), so this covers every
/// offer with up to 11 such claims.
const STAGED: usize = 32;

/// The findings of one evaluation, in the order the rules run, each built in place and tagged
/// with its group; [`evaluate_offer_with`] then moves each once into its group's list, sized
/// exactly.
struct Collector {
    findings: SmallVec<[Finding; STAGED]>,
    groups: SmallVec<[Group; STAGED]>,
}

impl Collector {
    /// Room for `capacity` findings: on the stack up to [`STAGED`]. Built empty and then
    /// reserved, so that the staging area is never moved (it is large).
    fn reserve(&mut self, capacity: usize) {
        self.findings.reserve_exact(capacity);
        self.groups.reserve_exact(capacity);
    }

    /// Adds a finding of `rule` at `path` for `reason`, and returns it for its facts and
    /// missing paths to be added in place.
    fn add(
        &mut self,
        group: Group,
        rule: RuleId,
        outcome: Outcome,
        path: &'static str,
        reason: &'static str,
    ) -> &mut Finding {
        self.groups.push(group);
        self.findings
            .push(Finding::new(rule, outcome, group.severity()));
        let last = self.findings.len() - 1;
        let finding = &mut self.findings[last];
        finding.path = Some(Cow::Borrowed(path));
        finding.reason = Some(Cow::Borrowed(reason));
        finding
    }
}

fn owned(name: &'static str, text: String) -> Fact {
    Fact::new(name, FactValue::Text(Cow::Owned(text)))
}

/// A list of vocabulary terms from an iterator, stored by index (see [`crate::Codes`]).
fn code_list_of<T: Vocab, I>(name: &'static str, codes: impl Fn() -> I) -> Fact
where
    I: Iterator<Item = T>,
{
    Fact::terms(name, codes())
}

/// **Evaluates a clinic's offer** against the patient's checklist of the source texts, with the
/// default [`OfferPolicy`].
///
/// Pure: no I/O, no clock: `on` is the day whose law, catalog and certificate expiry apply
/// (`jiff::Zoned::now().date()` for today). Never fails: a fact the offer does not give makes its item an open
/// question (ask first), never a good sign, and an undetermined classification or quality
/// result is an open question too. It runs the classification engine of the law where the
/// offer is made ([`classify_us`], [`classify_eu`] or [`classify_jp`]) and [`assess_quality`]
/// on the offer's product, and turns their results into patient findings without repeating
/// their logic.
///
/// | Rule | Walk away | Ask first | Good sign |
/// |---|---|---|---|
/// | [`RuleId::OfferLiveCellCount`] | no count stated | count below a million; donor cells with no viability evidence | count in the millions |
/// | [`RuleId::OfferSourceDisclosed`] | | not disclosed / unknown | tissue and donor disclosed |
/// | [`RuleId::OfferCertificateOfAnalysis`] | | donor cells, no CoA / unknown | donor cells, CoA shown (not applicable to own cells) |
/// | [`RuleId::OfferImageGuidance`] | | joint, disc, tendon or bone injection that is blind / guidance unknown | ultrasound, fluoroscopy, … |
/// | [`RuleId::OfferTrialEvidence`] | | no completed positive Phase 2/3 trial for the condition | one is cited, or the product is fully authorised for the condition |
/// | [`RuleId::OfferCandidate`] | | standard treatments not tried / unknown | tried |
/// | [`RuleId::OfferPhysicianSupervision`] | not supervised | unknown | supervised |
/// | [`RuleId::OfferRegulatedSetting`] | not regulated | unknown | regulated |
/// | [`RuleId::OfferRegisteredTrial`] | | | given within a registered trial (else a note) |
/// | [`RuleId::OfferManyConditions`] | conditions from 3+ families | claims or intended use not recorded | (a note when fewer) |
/// | [`RuleId::OfferClaimCure`] | "cures" | | |
/// | [`RuleId::OfferClaimNewTissue`] | | "turns into new tissue" | |
/// | [`RuleId::OfferClaimFdaApproved`] | no FDA-approved MSC product for the condition; the offer's facts contradict every one that is | the product is not named by its approval; conditions not recorded | the named product is that product |
/// | [`RuleId::OfferClaimLiveStemCells`] | off-the-shelf birth tissue without MSC evidence | tissue unknown | (a note when shown) |
/// | [`RuleId::OfferClaimNoRejection`] | | donor cells / donor unknown | (not applicable to own cells) |
/// | [`RuleId::OfferProductIdentity`] | the offer's tissue, donor, preparation or place contradicts the named product's catalog entry | the named product used off label (another condition, route or patient group); number unknown to the catalog; facts missing | the offer matches the entry's approved use |
/// | [`RuleId::OfferReleaseQuality`] | quality verdict fail | undetermined, or pass with warnings | pass |
/// | [`RuleId::OfferJurisdiction`] | | not stated | (a note when stated) |
/// | [`RuleId::OfferUsPathway`] | | US section 351 product neither licensed nor in a registered trial; not an HCT/P (which FDA law applies); a licensed product off label (lawful, outside the label's evidence); classification undetermined | approved product on label |
/// | [`RuleId::OfferEuPathway`] | | EU ATMP outside an authorisation, trial or named hospital exemption; an authorised product off label; classification undetermined | authorised product on label |
/// | [`RuleId::OfferJpPathway`] | no ASRM plan submitted, where ASRM applies | no approval, trial or plan named; an approved product off label (an ASRM plan is needed) | approved product on label |
/// | [`RuleId::OfferNationalPathway`] | | no authorisation or trial named (a named national authorisation is shown, not settled) | authorised product on label |
/// | [`RuleId::OfferDoseReference`] | | dose far below every label dose for the route and condition; dose not comparable | (a note otherwise) |
/// | [`RuleId::OfferApprovedAnywhere`] | | | (always a note: which products are authorised where; none for a condition outside the list) |
/// | [`RuleId::OfferContentTest`] | an independent test finds bacteria, no MSCs in a product meant to hold cells, under a million live cells, or less than the policy's share of the stated count | | (a note otherwise: a test is never a good sign) |
/// | [`RuleId::OfferClaimSuperiority`] | "better than standard treatment" without a comparing trial | with a completed positive Phase III trial cited (did it compare them?) | |
/// | [`RuleId::OfferClaimSatisfaction`] | | satisfaction or success-rate figures (never evidence) | |
/// | [`RuleId::OfferClaimTestimonials`] | | testimonials (never evidence) | |
/// | [`RuleId::OfferTreatmentDisclaimer`] | a "research use only" product given to the patient | | (a note otherwise) |
/// | [`RuleId::OfferPayToParticipate`] | a paid study in the US with no IND | a paid study with an IND, elsewhere, or where the place is unknown | (a note otherwise) |
/// | [`RuleId::OfferRepeatTreatments`] | | repeat "boosters" sold | (a note otherwise) |
/// | [`RuleId::OfferFollowUp`] | | no plan stated, part of it, or none given | monitoring, its length and an adverse-event contact stated |
///
/// A permission the offer names ([`crate::Permission`]) enters the pathway finding of its law: a
/// named hospital exemption answers the EU route of an ATMP (a note), an ASRM plan not submitted
/// is a red flag where ASRM applies (a named one a note), a national authorisation is shown and
/// left open.
///
/// # Examples
///
/// See [`OfferEvaluation`].
#[must_use]
pub fn evaluate_offer(offer: &ClinicOffer, on: jiff::civil::Date) -> OfferEvaluation {
    evaluate_offer_with(offer, &DEFAULT_POLICY, on)
}

/// **Evaluates a clinic's offer** with the thresholds of `policy`.
#[must_use]
pub fn evaluate_offer_with(
    offer: &ClinicOffer,
    policy: &OfferPolicy,
    on: jiff::civil::Date,
) -> OfferEvaluation {
    let quality = assess_quality(&offer.product, &policy.quality, on);
    let mut c = Collector {
        findings: SmallVec::new(),
        groups: SmallVec::new(),
    };
    c.reserve(finding_count(offer));
    let named = offer.authorisation.as_ref().map(|r| r.resolve());
    let use_of_named = product_identity(offer, named, &mut c, on);
    let on_label = use_of_named.on_label();
    let measured = Measured::of(offer, policy);
    live_cell_count(offer, policy, measured, &mut c);
    content_test(offer, policy, measured, &mut c);
    source(offer, &mut c);
    certificate(offer, &mut c);
    image_guidance(offer, &mut c);
    let has_evidence = trial_evidence(offer, on_label, &mut c);
    patient_and_setting(offer, &mut c);
    many_conditions(offer, policy, &mut c);
    claims(offer, named.flatten(), &quality, measured, &mut c, on);
    approved_anywhere(offer, &mut c, on);
    release_quality(&quality, &mut c);
    dose_reference(offer, policy, &mut c);
    marketing(offer, &mut c);
    follow_up(offer, &mut c);
    let (us, eu, jp) = pathway(offer, use_of_named, named.flatten(), &mut c, on);
    debug_assert_eq!(c.findings.len(), finding_count(offer));
    if let Some(horizon) = crate::law::horizon_finding(on) {
        c.groups.push(Group::AskFirst);
        c.findings.push(horizon);
    }
    // The rule of certainty: a good sign resting only on the crate's own reading is a question.
    crate::law::calibrate(&mut c.findings);
    for (group, finding) in c.groups.iter_mut().zip(&c.findings) {
        if finding.severity == Severity::Warning && matches!(group, Group::GoodSign | Group::Note) {
            *group = Group::AskFirst;
        }
    }

    // Each group's list at its final size; the questions in the order of the findings that
    // raise them, each once.
    let mut sizes = [0_usize; 4];
    let mut asked: u64 = 0;
    let mut questions: SmallVec<[Question; QUESTIONS]> = SmallVec::new();
    for (&group, finding) in c.groups.iter().zip(&c.findings) {
        sizes[group as usize] += 1;
        if matches!(group, Group::WalkAway | Group::AskFirst) {
            if let Some(q) = Question::for_rule(finding.rule) {
                let bit = 1_u64 << (q as u32);
                if asked & bit == 0 && !q.answered_by(offer) {
                    asked |= bit;
                    questions.push(q);
                }
            }
        }
    }
    let mut walk_away = Vec::with_capacity(sizes[Group::WalkAway as usize]);
    let mut ask_first = Vec::with_capacity(sizes[Group::AskFirst as usize]);
    let mut good_signs = Vec::with_capacity(sizes[Group::GoodSign as usize]);
    let mut notes = Vec::with_capacity(sizes[Group::Note as usize]);
    for (&group, finding) in c.groups.iter().zip(c.findings.drain(..)) {
        match group {
            Group::WalkAway => walk_away.push(finding),
            Group::AskFirst => ask_first.push(finding),
            Group::GoodSign => good_signs.push(finding),
            Group::Note => notes.push(finding),
        }
    }
    let verdict = if !walk_away.is_empty() {
        PatientVerdict::WalkAway
    } else if !ask_first.is_empty() {
        PatientVerdict::AskFirst
    } else {
        PatientVerdict::GoodSigns
    };
    OfferEvaluation {
        verdict,
        walk_away,
        ask_first,
        good_signs,
        notes,
        questions: questions.to_vec(),
        expectations: Expectation::for_stated(&offer.indication, has_evidence),
        product: named.flatten().map(|p| p.key),
        us,
        eu,
        jp,
        quality,
        evaluated_on: on.into(),
    }
}

/// The number of questions, as a bound for the set of those already asked.
const QUESTIONS: usize = Question::COUNT;
const _: () = assert!(QUESTIONS <= 64, "the questions asked are kept in a u64");

/// How many findings [`evaluate_offer_with`] makes for `offer`: one per checklist item (19,
/// with the independent tests, the three marketing facts and the follow-up plan), one or two
/// for the place (the jurisdiction, then its pathway), and one per kind of claim judged (each
/// claim of FDA approval is judged on its own; claims of many conditions are judged with the
/// conditions).
fn finding_count(offer: &ClinicOffer) -> usize {
    let mut judged = [false; ClaimKind::COUNT];
    let mut claims = 0;
    for claim in offer.claims.iter().flatten() {
        let seen = &mut judged[claim.kind as usize];
        if claim.kind == ClaimKind::FdaApproved || !*seen {
            claims += usize::from(claim.kind != ClaimKind::TreatsManyConditions);
        }
        *seen = true;
    }
    19 + if offer.jurisdiction.is_some() { 2 } else { 1 } + claims
}

// ---------------------------------------------------------------------------------------------
// Product identity: the offer's facts against a catalog entry
// ---------------------------------------------------------------------------------------------

/// The facts of a comparison, staged on the stack: at most 22 (the entry's key; two per
/// compared product fact, for the indication and for the place; the patient's age with the
/// label's two bounds; whether standard treatments were tried with the label's requirement; the
/// status on the evaluation date with at most two of its dates; the contradictions).
type ComparisonFacts = SmallVec<[Fact; 22]>;

/// How the offer's facts compare with one catalog entry.
struct Comparison {
    /// Offer facts that contradict the entry (dotted paths).
    contradicts: SmallVec<[&'static str; 8]>,
    /// Offer facts the comparison needs and the offer does not give.
    unknown: SmallVec<[&'static str; 8]>,
}

/// The offered tissue is the entry's tissue (Wharton's jelly is umbilical cord tissue).
fn same_tissue(offered: TissueSource, approved: TissueSource) -> bool {
    offered == approved
        || (offered == TissueSource::WhartonsJelly && approved == TissueSource::UmbilicalCordTissue)
}

/// An age as a fact: its number, with its unit.
fn age_fact(name: &'static str, age: Age) -> Fact {
    Fact::number(name, age.value()).with_unit(age.unit().code())
}

/// Compares the offer with `p`: tissue, donor, preparation, route, indication and the patients
/// the label covers (the patient's age, and whether standard treatments were tried when the
/// label requires an earlier treatment), and, when `place` is set, the jurisdiction and the
/// entry's status on that evaluation date ([`ApprovedProduct::status_on`]: a withdrawal, or a
/// date before the authorisation, contradicts the claimed authorisation). The facts of the comparison are added to `facts` when it is given; a
/// label's bounds are added when the offer contradicts them or does not give the patient's
/// fact.
fn compare_with(
    offer: &ClinicOffer,
    p: &ApprovedProduct,
    place: Option<jiff::civil::Date>,
    mut facts: Option<&mut ComparisonFacts>,
) -> Comparison {
    let product = &offer.product;
    let mut c = Comparison {
        contradicts: SmallVec::new(),
        unknown: SmallVec::new(),
    };
    let mut fact = |fact: Fact| {
        if let Some(facts) = facts.as_deref_mut() {
            facts.push(fact);
        }
    };
    fact(Fact::code("catalog.key", p.key.code()).as_limit());
    match product.tissue {
        Some(t) => {
            fact(Fact::code("product.tissue", t.code()));
            if !same_tissue(t, p.tissue) {
                c.contradicts.push("product.tissue");
                fact(Fact::code("catalog.tissue", p.tissue.code()).as_limit());
            }
        }
        None => c.unknown.push("product.tissue"),
    }
    match product.donor {
        Some(d) => {
            fact(Fact::code("product.donor", d.code()));
            if !d.agrees_with(p.donor) {
                c.contradicts.push("product.donor");
                fact(Fact::code("catalog.donor", p.donor.code()).as_limit());
            }
        }
        None => c.unknown.push("product.donor"),
    }
    match product.preparation {
        Some(prep) => {
            fact(Fact::code("product.preparation", prep.code()));
            if prep != p.preparation {
                c.contradicts.push("product.preparation");
                fact(Fact::code("catalog.preparation", p.preparation.code()).as_limit());
            }
        }
        None => c.unknown.push("product.preparation"),
    }
    match product.delivery {
        Some(d) => {
            fact(Fact::code("product.delivery.route", d.route.code()));
            if d.route != p.route {
                c.contradicts.push("product.delivery.route");
                fact(Fact::code("catalog.route", p.route.code()).as_limit());
            }
        }
        None => c.unknown.push("product.delivery.route"),
    }
    fact(indication_fact(offer));
    if !offer
        .indication
        .listed()
        .is_some_and(|i| p.indications.contains(&i))
    {
        c.contradicts.push("indication");
        fact(Fact::terms("catalog.indications", p.indications.iter().copied()).as_limit());
    }
    let population = &p.population;
    if population.restricts_age() {
        let covered = match offer.patient.age {
            Some(age) => {
                fact(age_fact("patient.age", age));
                let covered = population.covers_age(&age);
                if !covered {
                    c.contradicts.push("patient.age");
                }
                covered
            }
            None => {
                c.unknown.push("patient.age");
                false
            }
        };
        if !covered {
            if let Some(min) = population.min_age {
                fact(age_fact("catalog.population.min_age", min).as_limit());
            }
            if let Some(end) = population.below_age {
                fact(age_fact("catalog.population.below_age", end).as_limit());
            }
        }
    }
    if population.after_prior_treatment {
        let path = "patient.standard_treatments_tried";
        let tried = offer.patient.standard_treatments_tried;
        match tried {
            Some(t) => {
                fact(Fact::flag(path, t));
                if !t {
                    c.contradicts.push(path);
                }
            }
            None => c.unknown.push(path),
        }
        if tried != Some(true) {
            fact(Fact::flag("catalog.population.after_prior_treatment", true).as_limit());
        }
    }
    if let Some(on) = place {
        match offer.jurisdiction {
            Some(j) => {
                fact(Fact::code("jurisdiction", j.code()));
                if !j.is_within(p.jurisdiction) {
                    c.contradicts.push("jurisdiction");
                    fact(Fact::code("catalog.jurisdiction", p.jurisdiction.code()).as_limit());
                }
            }
            None => c.unknown.push("jurisdiction"),
        }
        let status = p.status_on(on);
        fact(Fact::code("catalog.status", status.code()).as_limit());
        let mut date = |name: &'static str, day: Option<jiff::civil::Date>| {
            if let Some(day) = day {
                fact(Fact::date(name, day).as_limit());
            }
        };
        match status {
            AuthorisationStatus::Withdrawn => {
                c.contradicts.push("catalog.status");
                date("catalog.withdrawn_on", p.withdrawn_on);
            }
            AuthorisationStatus::NotYetAuthorised => {
                c.contradicts.push("catalog.status");
                date("catalog.authorised_on", p.authorised_on);
            }
            AuthorisationStatus::TimeLimitEnded => {
                date("catalog.time_limit_ends_on", p.time_limit_ends_on);
            }
            AuthorisationStatus::PendingFullApproval => {
                date("catalog.time_limit_ends_on", p.time_limit_ends_on);
                date(
                    "catalog.full_approval_applied_on",
                    p.full_approval_applied_on,
                );
            }
            // No date beyond those already written explains these statuses.
            AuthorisationStatus::InForce
            | AuthorisationStatus::Unconfirmed
            | AuthorisationStatus::Restricted => {}
        }
    }
    if !c.contradicts.is_empty() {
        fact(Fact::code_list("contradicts", c.contradicts.iter().copied()).as_derived());
    }
    c
}

/// How the offer uses the authorised product it names.
#[derive(Clone, Copy)]
enum NamedUse {
    /// The named product, in force where the offer is made, given as its label says.
    OnLabel(&'static ApprovedProduct),
    /// The named product, in force where the offer is made, given outside its label: for
    /// another condition, by another route, or to patients the label does not cover.
    OffLabel(&'static ApprovedProduct),
    /// No product named, or not shown to be the named product in force here.
    Neither,
}

impl NamedUse {
    const fn on_label(self) -> Option<&'static ApprovedProduct> {
        match self {
            Self::OnLabel(p) => Some(p),
            Self::OffLabel(_) | Self::Neither => None,
        }
    }
}

/// Contradictions that make an offer use its product outside the label, not a different
/// product: the condition, the route, and the patients the label covers.
const OFF_LABEL: [&str; 4] = [
    "indication",
    "product.delivery.route",
    "patient.age",
    "patient.standard_treatments_tried",
];

/// Judges the authorised product the offer names: on label (the entry matches the offer's use
/// where the offer is made), off label (the same product in force here, used outside its label),
/// or neither.
fn product_identity(
    offer: &ClinicOffer,
    named: Option<Option<&'static ApprovedProduct>>,
    c: &mut Collector,
    on: jiff::civil::Date,
) -> NamedUse {
    let rule = RuleId::OfferProductIdentity;
    let Some(named) = named else {
        c.add(
            Group::Note,
            rule,
            Outcome::NotApplicable,
            "authorisation",
            "The offer names no authorised product.",
        );
        return NamedUse::Neither;
    };
    let Some(p) = named else {
        let number = match &offer.authorisation {
            Some(crate::ProductReference::AuthorisationNumber(n)) => n.as_str().to_owned(),
            // A catalog key always resolves; no reference means no number.
            Some(crate::ProductReference::CatalogKey(_)) | None => String::new(),
        };
        let f = c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            "authorisation.authorisation_number",
            "The authorisation number the clinic gives is not one the catalog holds for any MSC product: ask which regulator issued it, for which product.",
        );
        f.facts
            .push(owned("authorisation.authorisation_number", number));
        f.missing.push("authorisation.catalog_key");
        return NamedUse::Neither;
    };
    let mut facts = ComparisonFacts::new();
    let cmp = compare_with(offer, p, Some(on), Some(&mut facts));
    let status = p.status_on(on);
    let off_label = |path: &&str| OFF_LABEL.contains(path);
    // Another product, or not this product's authorisation here: the claim of an authorisation
    // is false. Only the label's use contradicted, with the product and the place shown: the
    // authorised product, used off label.
    let other_product = cmp.contradicts.iter().any(|p| !off_label(p));
    let identity_shown = !cmp.unknown.iter().any(|p| !off_label(p)) && status.confirmed_in_force();
    let (group, outcome, reason, named_use) = if other_product {
        (
            Group::WalkAway,
            Outcome::NotMet,
            "The clinic names an authorised product, but the offer contradicts that product's authorisation (see `contradicts`): what it sells is not that product, or not authorised where it is offered, so the approval it claims does not cover it.",
            NamedUse::Neither,
        )
    } else if !cmp.contradicts.is_empty() && identity_shown {
        (
            Group::AskFirst,
            Outcome::NotMet,
            "The clinic offers the authorised product it names, but outside its label (see `contradicts`: another condition, route or patient group). A physician may prescribe an authorised product off label; the label's evidence does not cover this use, so ask what evidence supports it.",
            NamedUse::OffLabel(p),
        )
    } else if !cmp.contradicts.is_empty() || !cmp.unknown.is_empty() || !identity_shown {
        (
            Group::AskFirst,
            Outcome::Undetermined,
            "The clinic names an authorised product, but the offer does not give every fact its authorisation turns on (about the product, the patient or the place), or the catalog cannot confirm the authorisation is still in force.",
            NamedUse::Neither,
        )
    } else {
        (
            Group::GoodSign,
            Outcome::Met,
            "The product is an authorised MSC product, given for the use and to the patients, by the route and in the jurisdiction of its authorisation.",
            NamedUse::OnLabel(p),
        )
    };
    let f = c.add(group, rule, outcome, "authorisation", reason);
    if cmp.contradicts.is_empty() && cmp.unknown.is_empty() && !status.confirmed_in_force() {
        // The offer matches the entry: what stays open is the authorisation on the date.
        f.reason = Some(Cow::Owned(format!(
            "The clinic names an authorised product and the offer matches its authorisation, but the catalog cannot confirm the authorisation on the evaluation date: {}.",
            p.status_text_on(on)
        )));
    }
    f.facts.extend(facts.drain(..));
    // Facts the comparison lacks are missing only while it is undetermined: a contradiction
    // of the product decides it, and so does an off-label use of the product shown.
    if outcome == Outcome::Undetermined {
        f.missing = cmp.unknown.iter().copied().collect();
    }
    named_use
}

// ---------------------------------------------------------------------------------------------
// Where the treatment is given
// ---------------------------------------------------------------------------------------------

type Classifications = (
    Option<UsAssessment>,
    Option<EuAssessment>,
    Option<JpAssessment>,
);

/// The trial registration the offer states, if any: its fact is only built (and its text
/// copied) when a finding uses it.
type Trial<'a> = Option<&'a crate::NctId>;

fn trial_fact(id: &crate::NctId) -> Fact {
    owned("disclosures.trial_registration", id.as_str().to_owned())
}

fn pathway(
    offer: &ClinicOffer,
    named_use: NamedUse,
    named: Option<&'static ApprovedProduct>,
    c: &mut Collector,
    on: jiff::civil::Date,
) -> Classifications {
    let on_label = named_use.on_label();
    let rule = RuleId::OfferJurisdiction;
    let Some(place) = offer.jurisdiction else {
        let f = c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            "jurisdiction",
            "The offer does not say where the treatment is given, so it is not known which law applies and which approval, trial or licence it needs.",
        );
        f.missing.push("jurisdiction");
        return (None, None, None);
    };
    let framework = place.info().framework;
    let f = c.add(
        Group::Note,
        rule,
        Outcome::Met,
        "jurisdiction",
        "The offer says where the treatment is given.",
    );
    f.facts.push(Fact::code("jurisdiction", place.code()));
    f.facts
        .push(Fact::code("jurisdiction.framework", framework.code()).as_derived());
    // A permission counts only where its law applies: a hospital exemption in the EU, an ASRM
    // plan in Japan, a national authorisation where the crate has no engine.
    let permission = offer.permission.as_ref();
    let fits = |p: &&crate::Permission| p.kind.framework() == Some(framework);
    if let Some(p) = permission.filter(|p| !fits(p)) {
        f.facts.push(Fact::code("permission.kind", p.kind.code()));
        f.reason = Some(Cow::Borrowed(
            "The offer says where the treatment is given. The permission it names is not one the law there provides, so it does not count there.",
        ));
    }
    let permission = permission.filter(fits);
    let trial = offer.disclosures.trial_registration.as_ref();
    match framework {
        RegulatoryFramework::UnitedStates => {
            let us = classify_us(&offer.product, on);
            us_pathway(offer, &us, named_use, trial, c);
            (Some(us), None, None)
        }
        RegulatoryFramework::EuropeanUnion => {
            let eu = classify_eu(&offer.product, on);
            eu_pathway(&eu, named_use, trial, permission, c);
            (None, Some(eu), None)
        }
        RegulatoryFramework::Japan => {
            // A Japanese catalog product named by the offer: its approval decides whether ASRM
            // applies at all (ASRM Art 2(2) excludes use according to the approval).
            let jp = match named {
                Some(p) if p.jurisdiction == Jurisdiction::Japan => {
                    classify_jp_authorised(&offer.product, p.key, on)
                }
                // An authorisation elsewhere says nothing about Japan.
                Some(_) | None => classify_jp(&offer.product, on),
            };
            jp_pathway(&jp, named_use, trial, permission, c);
            (None, None, Some(jp))
        }
        RegulatoryFramework::National => {
            national_pathway(place, on_label, trial, permission, c, on);
            (None, None, None)
        }
    }
}

/// The good sign for an approved product given as approved, under `rule`.
fn on_label_sign(rule: RuleId, p: &ApprovedProduct, class: Fact, c: &mut Collector) {
    let f = c.add(
        Group::GoodSign,
        rule,
        Outcome::Met,
        "authorisation",
        "The product is authorised here for this use and given as authorised: it needs no trial or exemption.",
    );
    f.facts.push(class);
    f.facts.push(Fact::code("catalog.key", p.key.code()));
}

/// The note for a pathway settled by a registered trial: `facts` (what placed the product on
/// that pathway), then the trial.
fn trial_note(
    rule: RuleId,
    reason: &'static str,
    facts: impl IntoIterator<Item = Fact>,
    trial: &crate::NctId,
    c: &mut Collector,
) {
    let f = c.add(
        Group::Note,
        rule,
        Outcome::Met,
        "disclosures.trial_registration",
        reason,
    );
    f.facts.extend(facts);
    f.facts.push(trial_fact(trial));
}

/// The question for a product used outside the label of the authorised product it is, under
/// `rule`: lawful at a physician's discretion, but not covered by the label's evidence.
fn off_label_question<'c>(
    rule: RuleId,
    reason: &'static str,
    p: &ApprovedProduct,
    class: Fact,
    basis: Basis,
    c: &'c mut Collector,
) -> &'c mut Finding {
    let f = c.add(Group::AskFirst, rule, Outcome::Met, "authorisation", reason);
    f.basis = basis;
    f.facts.push(class);
    f.facts.push(Fact::code("catalog.key", p.key.code()));
    f
}

/// Why a product that is not an HCT/P still answers to FDA, by what it is.
fn not_an_hctp_reason(offer: &ClinicOffer) -> &'static str {
    use super::us::PreparationKind;
    match offer.product.preparation.map(super::us::preparation_kind) {
        // The table's `cell_free` column: exosomes, conditioned medium.
        Some(PreparationKind::CellFree) => {
            "In the US this cell-free product is not an HCT/P, so Part 1271 does not apply; that does not make it exempt from approval. FDA regulates exosome products as drugs and biological products, and none is approved (FDA Public Safety Notification on Exosome Products, Dec 2019). Ask which FDA law the clinic relies on: an approval, or an IND for a clinical investigation."
        }
        Some(PreparationKind::BloodProduct) => {
            "In the US platelet-rich plasma is a blood product, not an HCT/P (FDA MM/HU guidance, Jul 2020, section V.A), so Part 1271 does not apply; FDA's law on blood products and on the devices that prepare it may. Ask which FDA clearance or approval the clinic relies on for this use."
        }
        // Animal cells, a secreted fluid, minimally manipulated marrow (21 CFR 1271.3(d)) or an
        // unstated preparation: outside Part 1271, not outside FDA law.
        Some(PreparationKind::CellsOrTissue | PreparationKind::SecretedFluid) | None => {
            "In the US the product is not an HCT/P, so Part 1271 does not apply; that does not make it exempt from FDA law, which may regulate it as a drug, biological product or blood product (FDA MM/HU guidance, Jul 2020, section V.A; FDA Public Safety Notification on Exosome Products, Dec 2019). Ask which FDA law the clinic relies on: an approval, or an IND for a clinical investigation."
        }
    }
}

fn us_pathway(
    offer: &ClinicOffer,
    us: &UsAssessment,
    named_use: NamedUse,
    trial: Trial<'_>,
    c: &mut Collector,
) {
    let rule = RuleId::OfferUsPathway;
    let class = Fact::code("us.classification", us.classification.code()).as_derived();
    // An authorised product is judged by its authorisation, whatever the classification.
    match named_use {
        NamedUse::OnLabel(p) => return on_label_sign(rule, p, class, c),
        NamedUse::OffLabel(p) => {
            off_label_question(
                rule,
                "The product is licensed in the US, and offered outside its label. A physician may prescribe a licensed biological product off label: that is the practice of medicine, and the IND rules do not apply to it (21 CFR 312.2(d)); an IND is for clinical investigations. The label's evidence does not cover this use: ask what evidence supports it.",
                p,
                class,
                Basis::RegulationText,
                c,
            );
            return;
        }
        NamedUse::Neither => {}
    }
    match us.classification {
        UsClassification::Section351Product => match trial {
            Some(trial) => {
                trial_note(
                    rule,
                    "In the US this is a drug or biological product, and it is offered within a registered trial, the way such products may be given before approval.",
                    [class],
                    trial,
                    c,
                );
            }
            None => {
                let f = c.add(
                    Group::AskFirst,
                    rule,
                    Outcome::NotMet,
                    "disclosures.trial_registration",
                    "In the US this is a drug or biological product that is not licensed: it may only be given under an IND (a registered trial) or once licensed (a BLA). Ask which one applies.",
                );
                f.facts.push(class);
                f.missing.push("disclosures.trial_registration");
                f.missing.push("authorisation");
            }
        },
        UsClassification::NotAnHctp => match trial {
            Some(trial) => {
                trial_note(
                    rule,
                    "In the US the product is not an HCT/P, and it is offered within a registered trial, the way an unapproved drug or biological product may be given.",
                    [class],
                    trial,
                    c,
                );
            }
            None => {
                let f = c.add(
                    Group::AskFirst,
                    rule,
                    Outcome::Undetermined,
                    "product.preparation",
                    not_an_hctp_reason(offer),
                );
                f.basis = Basis::AgencyStatement;
                f.facts.push(class);
                if let Some(p) = offer.product.preparation {
                    f.facts.push(Fact::code("product.preparation", p.code()));
                }
                f.missing.push("authorisation");
                f.missing.push("disclosures.trial_registration");
            }
        },
        UsClassification::Undetermined => {
            c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                "product",
                "The product's US classification cannot be decided on the facts given (see the US assessment), so whether it needs an IND or an approval is an open question.",
            )
            .facts
            .push(class);
        }
        UsClassification::Section361Hctp => {
            c.add(
                Group::Note,
                rule,
                Outcome::NotApplicable,
                "product",
                "In the US this is a Section 361 HCT/P: regulated under Part 1271 (registration, listing, donor eligibility, good tissue practice), with no premarket approval (21 CFR 1271.10(b)); that says nothing about whether it works.",
            )
            .facts
            .push(class);
        }
        UsClassification::ExceptedSameSurgicalProcedure => {
            c.add(
                Group::Note,
                rule,
                Outcome::NotApplicable,
                "product",
                "In the US the same surgical procedure exception applies: the clinic need not comply with Part 1271 for this procedure (21 CFR 1271.15(b)); that says nothing about whether it works.",
            )
            .facts
            .push(class);
        }
    }
}

/// The facts of a permission the offer names.
fn permission_facts(p: &crate::Permission, f: &mut Finding) {
    f.facts.push(Fact::code("permission.kind", p.kind.code()));
    if let Some(obtained) = p.obtained {
        f.facts.push(Fact::flag("permission.obtained", obtained));
    }
    if let Some(authority) = &p.authority {
        f.facts
            .push(owned("permission.authority", authority.as_str().to_owned()));
    }
    if let Some(reference) = &p.reference {
        f.facts
            .push(owned("permission.reference", reference.as_str().to_owned()));
    }
    if let Some(dated) = p.dated {
        f.facts.push(Fact::date("permission.dated", dated));
    }
}

/// A permission obtained and named by its reference, one obtained without a reference, or one
/// stated as not obtained.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Held {
    Named,
    Unnamed,
    Refused,
}

fn held(p: &crate::Permission) -> Option<Held> {
    match p.obtained {
        Some(true) if p.reference.is_some() => Some(Held::Named),
        Some(true) => Some(Held::Unnamed),
        Some(false) => Some(Held::Refused),
        None => None,
    }
}

fn eu_pathway(
    eu: &EuAssessment,
    named_use: NamedUse,
    trial: Trial<'_>,
    permission: Option<&crate::Permission>,
    c: &mut Collector,
) {
    let rule = RuleId::OfferEuPathway;
    let class = Fact::code("eu.classification", eu.classification.code()).as_derived();
    match named_use {
        NamedUse::OnLabel(p) => return on_label_sign(rule, p, class, c),
        NamedUse::OffLabel(p) => {
            off_label_question(
                rule,
                "The product holds a marketing authorisation in the EU, and is offered outside its authorised use. Prescribing an authorised medicinal product off label is a physician's decision under national law, not a use the authorisation forbids; the authorisation's evidence does not cover it, so ask what evidence supports it.",
                p,
                class,
                Basis::Label,
                c,
            );
            return;
        }
        NamedUse::Neither => {}
    }
    match (eu.classification.is_atmp(), trial) {
        (Some(true), Some(trial)) => {
            trial_note(
                rule,
                "In the EU this is an advanced therapy medicinal product, offered within a registered trial.",
                [class],
                trial,
                c,
            );
        }
        (Some(true), None) => {
            let exemption = permission.and_then(|p| held(p).map(|h| (p, h)));
            let f = match exemption.map(|(_, h)| h) {
                Some(Held::Named) => c.add(
                    Group::Note,
                    rule,
                    Outcome::Met,
                    "permission",
                    "In the EU this is an advanced therapy medicinal product, and the clinic names the hospital exemption it is given under: the Member State's permission to prepare it on a non-routine basis in a hospital, for an individual patient, under a physician's responsibility (Directive 2001/83/EC Art 3(7)). That settles the route, not the efficacy: a hospital exemption is not an EU marketing authorisation, and no EU-wide assessment stands behind it. Confirm it with the authority named.",
                ),
                Some(Held::Unnamed) => {
                    let f = c.add(
                        Group::AskFirst,
                        rule,
                        Outcome::Undetermined,
                        "permission.reference",
                        "In the EU this is an advanced therapy medicinal product; the clinic says it holds a hospital exemption but gives no reference for it: ask for the authority's decision.",
                    );
                    f.missing.push("permission.reference");
                    f
                }
                Some(Held::Refused) => {
                    let f = c.add(
                        Group::AskFirst,
                        rule,
                        Outcome::NotMet,
                        "permission",
                        "In the EU this is an advanced therapy medicinal product, and the clinic states that it holds no hospital exemption, and names no marketing authorisation or authorised trial. What remains are compassionate use and named-patient supply, national decisions the offer does not show: ask which one applies, or walk away.",
                    );
                    f.missing.push("authorisation");
                    f.missing.push("disclosures.trial_registration");
                    f
                }
                None => {
                    let f = c.add(
                        Group::AskFirst,
                        rule,
                        Outcome::NotMet,
                        "authorisation",
                        "In the EU this is an advanced therapy medicinal product: it needs a marketing authorisation, an authorised clinical trial or a hospital exemption. Ask which one applies.",
                    );
                    f.missing.push("authorisation");
                    f.missing.push("disclosures.trial_registration");
                    f.missing.push("permission");
                    f
                }
            };
            f.facts.insert(0, class);
            if let Some((p, _)) = exemption {
                permission_facts(p, f);
            }
        }
        (Some(false), _) => {
            c.add(
                Group::Note,
                rule,
                Outcome::NotApplicable,
                "product",
                "In the EU the product is not an advanced therapy medicinal product (see the EU assessment); that says nothing about whether it works.",
            )
            .facts
            .push(class);
        }
        (None, _) => {
            c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                "product",
                "Whether the product is an advanced therapy medicinal product in the EU cannot be decided on the facts given (see the EU assessment), so the authorisation it needs is an open question.",
            )
            .facts
            .push(class);
        }
    }
}

fn jp_pathway(
    jp: &JpAssessment,
    named_use: NamedUse,
    trial: Trial<'_>,
    permission: Option<&crate::Permission>,
    c: &mut Collector,
) {
    let rule = RuleId::OfferJpPathway;
    let class = Fact::code("jp.asrm_risk_class", jp.risk_class.code()).as_derived();
    let pmd = || Fact::code("jp.pmd_act", jp.pmd_act.code()).as_derived();
    // Outside an approved product used as approved, the plan decides: submitted (and named),
    // the review ASRM requires took place; not submitted, ASRM forbids the treatment when it
    // applies (Art 4(1)).
    let plan = match named_use {
        NamedUse::OnLabel(_) => None,
        NamedUse::OffLabel(_) | NamedUse::Neither if trial.is_some() => None,
        NamedUse::OffLabel(_) | NamedUse::Neither => {
            permission.and_then(|p| held(p).map(|h| (p, h)))
        }
    };
    let asrm_applies = match jp.risk_class {
        AsrmRiskClass::ClassI | AsrmRiskClass::ClassII | AsrmRiskClass::ClassIII => true,
        AsrmRiskClass::OutsideAsrm
        | AsrmRiskClass::ApprovedProductOnLabel
        | AsrmRiskClass::Undetermined => false,
    };
    if let Some((p, h)) = plan {
        let f = match h {
            Held::Named => c.add(
                Group::Note,
                rule,
                Outcome::Met,
                "permission",
                "The clinic names the provision plan it gives the treatment under, reviewed by a certified committee and submitted to the Minister of Health, Labour and Welfare (ASRM Art 4): the review the Act requires took place. The committee reviews the plan against the provision standards; it does not approve the treatment as effective or safe.",
            ),
            Held::Unnamed => {
                let f = c.add(
                    Group::AskFirst,
                    rule,
                    Outcome::Undetermined,
                    "permission.reference",
                    "The clinic says it submitted a provision plan under the Act on the Safety of Regenerative Medicine but gives no plan number: ask for it (plans are listed publicly).",
                );
                f.missing.push("permission.reference");
                f
            }
            Held::Refused if asrm_applies => c.add(
                Group::WalkAway,
                rule,
                Outcome::NotMet,
                "permission",
                "The clinic gives regenerative medicine outside an approved product without a provision plan submitted to the Minister of Health, Labour and Welfare: the Act on the Safety of Regenerative Medicine forbids providing it without one (Art 4(1)), and MHLW ordered clinics that did so with donor cord blood to stop (2017).",
            ),
            Held::Refused => {
                let f = c.add(
                    Group::AskFirst,
                    rule,
                    Outcome::NotMet,
                    "permission",
                    "The clinic states it has no provision plan under the Act on the Safety of Regenerative Medicine, and whether the Act applies to this product is not settled (see the Japanese assessment): ask which law the clinic relies on.",
                );
                f.missing.push("authorisation");
                f
            }
        };
        f.facts.insert(0, pmd());
        f.facts.insert(0, class);
        permission_facts(p, f);
        return;
    }
    match (named_use, trial) {
        (NamedUse::OnLabel(p), _) => on_label_sign(rule, p, class, c),
        (_, Some(trial)) => {
            trial_note(
                rule,
                "The treatment is offered within a registered trial; in Japan it also needs its ASRM plan or PMD Act trial notification.",
                [class, pmd()],
                trial,
                c,
            );
        }
        (NamedUse::OffLabel(p), None) => {
            let f = off_label_question(
                rule,
                "The product is approved in Japan, and offered outside its approval. The Act on the Safety of Regenerative Medicine excludes only the use of an approved regenerative medical product according to its approval (Art 2(2)); used otherwise, the treatment is regenerative medicine under that Act and needs a provision plan reviewed by a certified committee. The approval's evidence does not cover this use: ask for the plan, and for the evidence.",
                p,
                class,
                Basis::RegulationText,
                c,
            );
            f.outcome = Outcome::Undetermined;
            f.facts.push(pmd());
            f.missing.push("disclosures.trial_registration");
        }
        (NamedUse::Neither, None) => {
            let f = c.add(
                Group::AskFirst,
                rule,
                Outcome::NotMet,
                "authorisation",
                "In Japan, cells outside an approved product may only be given under a provision plan reviewed by a certified committee (ASRM), whatever their risk class. Ask for the plan.",
            );
            f.facts.push(class);
            f.facts.push(pmd());
            f.missing.push("authorisation");
            f.missing.push("disclosures.trial_registration");
            f.missing.push("permission");
        }
    }
}

fn national_pathway(
    place: Jurisdiction,
    on_label: Option<&'static ApprovedProduct>,
    trial: Trial<'_>,
    permission: Option<&crate::Permission>,
    c: &mut Collector,
    on: jiff::civil::Date,
) {
    let rule = RuleId::OfferNationalPathway;
    let here = Fact::code("jurisdiction", place.code());
    match (on_label, trial) {
        (Some(p), _) => on_label_sign(rule, p, here, c),
        (None, Some(trial)) => {
            trial_note(
                rule,
                "The treatment is offered within a registered trial.",
                [here],
                trial,
                c,
            );
        }
        (None, None) => {
            // A national route whose law is in force on the date (Korea's advanced regenerative
            // medicine treatment, China's clinical translation of new biomedical technologies)
            // is named, never assumed: whether the offer is given on it is a fact of the offer,
            // and the crate has no engine for that law. The answer stays open.
            let mut routes = place.national_routes_on(on).peekable();
            let f = if routes.peek().is_some() {
                let f = c.add(
                    Group::AskFirst,
                    rule,
                    Outcome::Undetermined,
                    "authorisation",
                    "",
                );
                let mut reason = String::from(
                    "The crate has no classification engine for this jurisdiction, and the offer names no authorisation or registered trial.",
                );
                for route in routes {
                    reason.push_str(&format!(
                        " Since {}, the law there provides a route outside marketing authorisation and trials, {} ({}): {}. The offer does not show that the treatment is given on that route: ask for the approval it requires.",
                        crate::IsoDate::from(route.in_force_from),
                        route.name,
                        route.law,
                        route.requires,
                    ));
                    f.facts
                        .push(Fact::code("national_route", route.code).as_limit());
                    f.facts.push(
                        Fact::date("national_route.in_force_from", route.in_force_from).as_limit(),
                    );
                    f.facts.push(
                        Fact::new(
                            "national_route.citation",
                            FactValue::Text(Cow::Borrowed(route.citation)),
                        )
                        .as_limit(),
                    );
                }
                f.reason = Some(Cow::Owned(reason));
                f
            } else {
                c.add(
                    Group::AskFirst,
                    rule,
                    Outcome::Undetermined,
                    "authorisation",
                    "The crate has no classification engine for this jurisdiction, and the offer names no authorisation or registered trial: ask which national authorisation or licence covers it.",
                )
            };
            f.facts.insert(0, here);
            f.missing.push("authorisation");
            f.missing.push("disclosures.trial_registration");
            // A national authorisation the clinic names is shown, never taken as settled: the
            // crate has no engine for this law and cannot check it.
            if let Some((p, h)) = permission.and_then(|p| held(p).map(|h| (p, h))) {
                let said = match h {
                    Held::Named => {
                        "The clinic names a national authorisation (see the permission facts); the crate cannot check it: confirm it with the authority that granted it. "
                    }
                    Held::Unnamed => {
                        "The clinic says it holds a national authorisation but gives no reference for it: ask for the decision. "
                    }
                    Held::Refused => {
                        f.outcome = Outcome::NotMet;
                        "The clinic states that it holds no national authorisation. "
                    }
                };
                let reason = f.reason.take().unwrap_or_default();
                f.reason = Some(Cow::Owned(format!("{said}{reason}")));
                permission_facts(p, f);
                if h == Held::Unnamed {
                    f.missing.push("permission.reference");
                }
            } else {
                f.missing.push("permission");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The checklist items
// ---------------------------------------------------------------------------------------------

fn live_cell_count(offer: &ClinicOffer, policy: &OfferPolicy, m: Measured, c: &mut Collector) {
    let rule = RuleId::OfferLiveCellCount;
    if let Some(prep) = offer.product.preparation {
        if !prep.info().live_cells {
            c.add(
                Group::Note,
                rule,
                Outcome::NotApplicable,
                "product.preparation",
                "The product is not meant to hold living cells, so there is no live cell count to ask for.",
            )
            .facts
            .push(Fact::code("product.preparation", prep.code()));
            return;
        }
    }
    let path = "disclosures.live_nucleated_cells";
    let Some(count) = offer.disclosures.live_nucleated_cells else {
        c.add(
            Group::WalkAway,
            rule,
            Outcome::NotMet,
            path,
            "The clinic does not say how many live, nucleated cells it will inject: the patient's checklist says to walk out.",
        )
        .missing
        .push(path);
        return;
    };
    let push_count = |f: &mut Finding| {
        f.facts
            .push(Fact::number(path, count.as_f64()).with_unit("cells"));
        f.facts.push(
            Fact::number("policy.min_live_cells", policy.min_live_cells.as_f64())
                .with_unit("cells")
                .as_limit(),
        );
    };
    if count < policy.min_live_cells {
        push_count(c.add(
            Group::AskFirst,
            rule,
            Outcome::NotMet,
            path,
            "The stated live cell count is below a million: a 'whiff' of cells is not enough to trigger a biological response.",
        ));
        return;
    }
    // Donor cells from a vial: a count is only a count of live cells if something shows they
    // are alive (the certificate of analysis with its viability, or a viability result).
    let own_cells = offer.product.donor.is_some_and(Donor::is_autologous);
    let viability_shown = offer.disclosures.certificate_of_analysis_shown == Some(true)
        || offer
            .product
            .release
            .as_ref()
            .is_some_and(|r| !r.viability.is_empty());
    if !own_cells && !viability_shown {
        let f = c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            path,
            "The clinic states a cell count for donor cells, but nothing shows the cells are alive: ask for the certificate of analysis with its viability.",
        );
        push_count(f);
        f.missing.push("disclosures.certificate_of_analysis_shown");
        f.missing.push("product.release.viability");
        return;
    }
    // The measurement wins over the claim: a stated count a test contradicts is no good sign.
    if m.contradicts_count() {
        push_count(c.add(
            Group::Note,
            rule,
            Outcome::NotMet,
            path,
            "The clinic states a live cell count in the millions, but an independent test of the product contradicts it (see the independent-test finding): the measurement wins.",
        ));
        return;
    }
    push_count(c.add(
        Group::GoodSign,
        rule,
        Outcome::Met,
        path,
        "The clinic states the number of live, nucleated cells it injects, in the millions.",
    ));
}

fn source(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferSourceDisclosed;
    let (tissue, donor) = (offer.product.tissue, offer.product.donor);
    match offer.disclosures.source_disclosed {
        Some(true) => match (tissue, donor) {
            (Some(t), Some(d)) => {
                let f = c.add(
                    Group::GoodSign,
                    rule,
                    Outcome::Met,
                    "disclosures.source_disclosed",
                    "The clinic says which tissue the cells come from and whose cells they are.",
                );
                f.facts.push(Fact::code("product.tissue", t.code()));
                f.facts.push(Fact::code("product.donor", d.code()));
            }
            (None, _) | (_, None) => {
                let f = c.add(
                    Group::AskFirst,
                    rule,
                    Outcome::Undetermined,
                    "product",
                    "The clinic is said to have disclosed the source, but the tissue or the donor is not recorded.",
                );
                if tissue.is_none() {
                    f.missing.push("product.tissue");
                }
                if donor.is_none() {
                    f.missing.push("product.donor");
                }
            }
        },
        Some(false) => {
            c.add(
                Group::AskFirst,
                rule,
                Outcome::NotMet,
                "disclosures.source_disclosed",
                "The clinic does not say where the cells come from or whether they are yours or a donor's.",
            )
            .facts
            .push(Fact::flag("disclosures.source_disclosed", false));
        }
        None => {
            c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                "disclosures.source_disclosed",
                "It is not known whether the clinic said where the cells come from.",
            )
            .missing
            .push("disclosures.source_disclosed");
        }
    }
}

fn certificate(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferCertificateOfAnalysis;
    let Some(donor) = offer.product.donor else {
        c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            "product.donor",
            "Whether the cells are your own or a donor's is not stated, so it is not known whether a certificate of analysis is needed.",
        )
        .missing
        .push("product.donor");
        return;
    };
    if donor.is_autologous() {
        c.add(
            Group::Note,
            rule,
            Outcome::NotApplicable,
            "product.donor",
            "Your own cells, prepared for you: there is no donor lot and no certificate of analysis to ask for.",
        )
        .facts
        .push(Fact::code("product.donor", donor.code()));
        return;
    }
    // A record stating that no certificate was issued answers the question: none can be shown.
    let none_issued = offer
        .product
        .release
        .as_ref()
        .and_then(|r| r.certificate_issued)
        == Some(false);
    let shown = if none_issued {
        Some(false)
    } else {
        offer.disclosures.certificate_of_analysis_shown
    };
    let (group, outcome, reason) = match shown {
        Some(true) => (
            Group::GoodSign,
            Outcome::Met,
            "The clinic shows the certificate of analysis for the donor cells.",
        ),
        Some(false) => (
            Group::AskFirst,
            Outcome::NotMet,
            "Donor cells without a certificate of analysis: nothing shows the cells are alive.",
        ),
        None => (
            Group::AskFirst,
            Outcome::Undetermined,
            "It is not known whether the clinic shows a certificate of analysis for the donor cells.",
        ),
    };
    let path = "disclosures.certificate_of_analysis_shown";
    let f = c.add(group, rule, outcome, path, reason);
    f.facts.push(Fact::code("product.donor", donor.code()));
    match shown {
        Some(s) => f.facts.push(Fact::flag(path, s)),
        None => f.missing.push(path),
    }
}

fn image_guidance(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferImageGuidance;
    let Some(delivery) = offer.product.delivery else {
        c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            "product.delivery",
            "The route is not stated, so it is not known whether image guidance is needed.",
        )
        .missing
        .push("product.delivery.route");
        return;
    };
    let route = Fact::code("product.delivery.route", delivery.route.code());
    if !delivery.route.info().orthopaedic {
        c.add(
            Group::Note,
            rule,
            Outcome::NotApplicable,
            "product.delivery.route",
            "Not an injection into a joint, disc, tendon or bone.",
        )
        .facts
        .push(route);
        return;
    }
    let path = "product.delivery.guidance";
    match delivery.guidance {
        None => {
            let f = c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                path,
                "An orthopaedic injection, and the clinic does not say how the needle is guided.",
            );
            f.facts.push(route);
            f.missing.push(path);
        }
        Some(g) => {
            let (group, outcome, reason) = if g.is_imaging() {
                (
                    Group::GoodSign,
                    Outcome::Met,
                    "The orthopaedic injection is image-guided.",
                )
            } else {
                (
                    Group::AskFirst,
                    Outcome::NotMet,
                    "A 'blind' orthopaedic injection: the cells may end up in the wrong tissue, making the treatment useless.",
                )
            };
            let f = c.add(group, rule, outcome, path, reason);
            f.facts.push(route);
            f.facts.push(Fact::code(path, g.code()));
        }
    }
}

/// The NCT ids of `trials`, joined by ", ", in one allocation.
fn nct_ids<'a>(trials: impl Iterator<Item = &'a crate::TrialEvidence> + Clone) -> String {
    let len = trials
        .clone()
        .enumerate()
        .map(|(i, t)| t.nct_id.as_str().len() + if i == 0 { 0 } else { 2 })
        .sum();
    let mut ids = String::with_capacity(len);
    for t in trials {
        if !ids.is_empty() {
            ids.push_str(", ");
        }
        ids.push_str(t.nct_id.as_str());
    }
    ids
}

/// Returns whether the offer has evidence for the condition: a qualifying trial, or a full
/// authorisation of the product it names, for this condition, where it is given.
fn trial_evidence(
    offer: &ClinicOffer,
    on_label: Option<&'static ApprovedProduct>,
    c: &mut Collector,
) -> bool {
    let rule = RuleId::OfferTrialEvidence;
    let indication = indication_fact(offer);
    let own = offer.indication.listed();
    let qualifying = offer
        .evidence
        .iter()
        .filter(|t| own == Some(t.indication) && t.is_completed_positive_phase2_or_3());
    if qualifying.clone().next().is_some() {
        let f = c.add(
            Group::GoodSign,
            rule,
            Outcome::Met,
            "evidence",
            "A completed Phase II or III trial with a positive result is cited for this condition.",
        );
        f.facts.push(indication);
        f.facts.push(owned("evidence.nct_id", nct_ids(qualifying)));
        return true;
    }
    if let Some(p) = on_label.filter(|p| p.kind.is_full()) {
        let f = c.add(
            Group::GoodSign,
            rule,
            Outcome::Met,
            "authorisation",
            "The product holds a full authorisation for this condition, granted on the trial evidence its regulator reviewed.",
        );
        f.facts.push(indication);
        f.facts.push(Fact::code("catalog.key", p.key.code()));
        f.facts.push(Fact::code("catalog.kind", p.kind.code()));
        return true;
    }
    if offer.evidence.is_empty() {
        let f = c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            "evidence",
            "No trial is cited. Look up your condition on ClinicalTrials.gov: without a successful Phase II or III trial you would essentially be an n=1 experiment.",
        );
        f.facts.push(indication);
        f.missing.push("evidence");
    } else {
        let f = c.add(
            Group::AskFirst,
            rule,
            Outcome::NotMet,
            "evidence",
            "None of the cited trials is a completed Phase II or III trial with a positive result for this condition: you would essentially be an n=1 experiment.",
        );
        f.facts.push(indication);
        f.facts
            .push(owned("evidence.nct_id", nct_ids(offer.evidence.iter())));
    }
    false
}

fn flag_rule(
    c: &mut Collector,
    rule: RuleId,
    path: &'static str,
    value: Option<bool>,
    when_false: Group,
    reasons: [&'static str; 3],
) {
    let [yes, no, unknown] = reasons;
    let (group, outcome, reason) = match value {
        Some(true) => (Group::GoodSign, Outcome::Met, yes),
        Some(false) => (when_false, Outcome::NotMet, no),
        None => (Group::AskFirst, Outcome::Undetermined, unknown),
    };
    let f = c.add(group, rule, outcome, path, reason);
    match value {
        Some(v) => f.facts.push(Fact::flag(path, v)),
        None => f.missing.push(path),
    }
}

fn patient_and_setting(offer: &ClinicOffer, c: &mut Collector) {
    let p = offer.patient;
    flag_rule(
        c,
        RuleId::OfferCandidate,
        "patient.standard_treatments_tried",
        p.standard_treatments_tried,
        Group::AskFirst,
        [
            "You have tried the standard treatments without enough benefit, as candidates usually have.",
            "Standard treatments have not been tried: candidates are usually people they did not help enough.",
            "It is not known whether you have tried the standard treatments first.",
        ],
    );
    flag_rule(
        c,
        RuleId::OfferPhysicianSupervision,
        "patient.physician_supervised",
        p.physician_supervised,
        Group::WalkAway,
        [
            "A physician evaluates you and supervises the treatment.",
            "No physician supervises the treatment: live-cell treatments must be given under physician supervision.",
            "It is not known whether a physician supervises the treatment.",
        ],
    );
    flag_rule(
        c,
        RuleId::OfferRegulatedSetting,
        "patient.regulated_setting",
        p.regulated_setting,
        Group::WalkAway,
        [
            "The treatment is given in a regulated setting.",
            "The treatment is not given in a regulated setting: nobody checks what is in the syringe.",
            "It is not known whether the treatment is given in a regulated setting (an approval, an IND trial or a licence).",
        ],
    );
    let rule = RuleId::OfferRegisteredTrial;
    let path = "disclosures.trial_registration";
    match &offer.disclosures.trial_registration {
        Some(id) => {
            c.add(
                Group::GoodSign,
                rule,
                Outcome::Met,
                path,
                "The treatment is given within a registered trial: look it up on ClinicalTrials.gov.",
            )
            .facts
            .push(trial_fact(id));
        }
        None => {
            c.add(
                Group::Note,
                rule,
                Outcome::NotMet,
                path,
                "The treatment is not offered within a registered trial.",
            );
        }
    }
}

/// The number of [`Indication`]s: a list of distinct ones never holds more.
const INDICATIONS: usize = Indication::COUNT;
const _: () = assert!(INDICATIONS <= 128, "the conditions seen are kept in a u128");
const _: () = assert!(
    IndicationCategory::COUNT <= 32,
    "the families seen are kept in a u32"
);

/// [`ClinicOffer::claimed_conditions`], on the stack: every condition the offer names, first
/// the patient's, each once in the order named, and whether the list is complete.
pub(crate) fn claimed_conditions(
    offer: &ClinicOffer,
) -> (SmallVec<[Indication; INDICATIONS]>, bool) {
    let mut all = SmallVec::new();
    let mut seen: u128 = 0;
    let mut add = |list: &[Indication]| {
        for &ind in list {
            let bit = 1_u128 << (ind as u32);
            if seen & bit == 0 {
                seen |= bit;
                all.push(ind);
            }
        }
    };
    if let crate::StatedIndication::Listed(own) = &offer.indication {
        add(std::slice::from_ref(own));
    }
    let mut complete = offer.claims.is_some();
    for claim in offer.claims.iter().flatten() {
        match &claim.indications {
            Some(list) => add(list),
            None => complete = false,
        }
    }
    match offer
        .product
        .intended_use
        .as_ref()
        .and_then(|u| u.indications_known())
    {
        Some(list) => add(list),
        None => complete = false,
    }
    (all, complete)
}

fn many_conditions(offer: &ClinicOffer, policy: &OfferPolicy, c: &mut Collector) {
    let rule = RuleId::OfferManyConditions;
    let (conditions, complete) = claimed_conditions(offer);
    // Conditions outside the list each count as a family of their own: those of the product's
    // intended use, and the offer's own when it is one.
    let other = offer
        .product
        .intended_use
        .as_ref()
        .map_or(&[][..], |u| u.other_indications.as_slice());
    let with_own: Vec<crate::CodedCondition>;
    let unlisted = match &offer.indication {
        crate::StatedIndication::Unlisted(own) => {
            with_own = std::iter::once(own).chain(other).cloned().collect();
            with_own.as_slice()
        }
        crate::StatedIndication::Listed(_) => other,
    };
    let categories = crate::CodedCondition::families(&conditions, unlisted);
    let threshold = policy.myriad_min_categories.get();
    let facts = |f: &mut Finding| {
        #[allow(clippy::cast_precision_loss)]
        let count = categories as f64;
        #[allow(clippy::cast_precision_loss)]
        let limit = threshold as f64;
        f.facts.push(Fact::terms(
            "claimed_conditions",
            conditions.iter().copied(),
        ));
        if let crate::StatedIndication::Unlisted(_) = &offer.indication {
            f.facts.push(indication_fact(offer));
        }
        for c in other {
            f.facts.push(owned(
                "product.intended_use.other_indications",
                format!("{} ({})", c.text, c.coding),
            ));
        }
        f.facts
            .push(Fact::number("claimed_condition_families", count).as_derived());
        f.facts
            .push(Fact::number("policy.myriad_min_categories", limit).as_limit());
    };
    if categories >= threshold {
        facts(c.add(
            Group::WalkAway,
            rule,
            Outcome::NotMet,
            "claims",
            "The offer promotes the product for many unrelated conditions: the 'cure everything from autism to Alzheimer's' pattern of unproven treatments.",
        ));
    } else if !complete {
        let f = c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            "claims",
            "Not every condition the clinic promotes the product for is recorded (its claims or the product's intended use), so whether it is sold for a myriad of diseases is an open question.",
        );
        facts(f);
        if offer.claims.is_none() {
            f.missing.push("claims");
        }
        if offer
            .claims
            .iter()
            .flatten()
            .any(|claim| claim.indications.is_none())
        {
            f.missing.push("claims[].indications");
        }
        if offer
            .product
            .intended_use
            .as_ref()
            .and_then(|u| u.indications_known())
            .is_none()
        {
            f.missing.push("product.intended_use.indications");
        }
    } else {
        facts(c.add(
            Group::Note,
            rule,
            Outcome::Met,
            "claims",
            "The offer is for one condition or a few related ones, not a myriad of diseases.",
        ));
    }
}

fn claims(
    offer: &ClinicOffer,
    named: Option<&'static ApprovedProduct>,
    quality: &QualityReport,
    measured: Measured,
    c: &mut Collector,
    on: jiff::civil::Date,
) {
    // One flag per kind of claim: each kind is judged once, except claims of FDA approval, which
    // may each name other conditions.
    let mut judged = [false; ClaimKind::COUNT];
    for claim in offer.claims.iter().flatten() {
        let seen = &mut judged[claim.kind as usize];
        if *seen && claim.kind != ClaimKind::FdaApproved {
            continue;
        }
        *seen = true;
        match claim.kind {
            ClaimKind::Cures => {
                c.add(
                    Group::WalkAway,
                    RuleId::OfferClaimCure,
                    Outcome::NotMet,
                    "claims",
                    "The clinic promises a cure. MSC treatment is not a cure ('Is it a cure? No.'): a clinic that promises one misrepresents it.",
                )
                .facts
                .push(Fact::code("claims.kind", claim.kind.code()));
            }
            ClaimKind::BecomesNewTissue => {
                c.add(
                    Group::AskFirst,
                    RuleId::OfferClaimNewTissue,
                    Outcome::NotMet,
                    "claims",
                    "The clinic says the cells turn into new tissue. They act by signalling and mostly vanish: the differentiation idea is a myth from the late 1990s.",
                )
                .facts
                .push(Fact::code("claims.kind", claim.kind.code()));
            }
            ClaimKind::TreatsManyConditions => {
                // Judged with every condition the offer names, by `many_conditions`.
            }
            ClaimKind::FdaApproved => fda_claim(offer, claim, named, c, on),
            ClaimKind::ContainsLiveStemCells => {
                live_stem_cells_claim(offer, quality, measured, c);
            }
            ClaimKind::NoRejection => no_rejection_claim(offer, c),
            ClaimKind::SuperiorToStandardCare => superiority_claim(offer, c),
            ClaimKind::SatisfactionStatistics => {
                c.add(
                    Group::AskFirst,
                    RuleId::OfferClaimSatisfaction,
                    Outcome::NotMet,
                    "claims",
                    "The clinic quotes patient-satisfaction or success-rate figures. They are not evidence that the treatment works (no comparison group, no blinding, the clinic chooses whom it asks) and they never count as such: only a completed Phase II or III trial for your condition does.",
                )
                .facts
                .push(Fact::code("claims.kind", claim.kind.code()));
            }
            ClaimKind::Testimonials => {
                c.add(
                    Group::AskFirst,
                    RuleId::OfferClaimTestimonials,
                    Outcome::NotMet,
                    "claims",
                    "The clinic offers patients' stories as evidence. A testimonial needs the same scientific support as the clinic's own claims, and a story about one patient is not a trial: it never counts as evidence.",
                )
                .facts
                .push(Fact::code("claims.kind", claim.kind.code()));
            }
        }
    }
}

/// A claim of FDA approval, checked against the catalog: the conditions it covers, then the
/// product it names (or, when it names none, every FDA-approved product for them).
fn fda_claim(
    offer: &ClinicOffer,
    claim: &crate::Claim,
    named: Option<&'static ApprovedProduct>,
    c: &mut Collector,
    on: jiff::civil::Date,
) {
    let rule = RuleId::OfferClaimFdaApproved;
    // `Claim::conditions`, borrowed: the claim's conditions, or the patient's when it lists none.
    let indications: &[Indication] = match &claim.indications {
        None => {
            c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                "claims",
                "The clinic claims FDA approval, but the conditions the claim covers are not recorded, so it cannot be checked.",
            )
            .missing
            .push("claims[].indications");
            return;
        }
        Some(list) if list.is_empty() => match &offer.indication {
            crate::StatedIndication::Listed(own) => std::slice::from_ref(own),
            // A condition outside the list: the catalog holds no product approved for it.
            crate::StatedIndication::Unlisted(_) => {
                let f = c.add(
                    Group::WalkAway,
                    rule,
                    Outcome::NotMet,
                    "claims",
                    "The clinic claims FDA approval, but no MSC product is FDA-approved for this condition: the claim is false.",
                );
                f.facts.push(indication_fact(offer));
                f.facts.push(
                    Fact::new(
                        "no_fda_approved_msc_product_for",
                        FactValue::Text(Cow::Borrowed("indication")),
                    )
                    .as_derived(),
                );
                return;
            }
        },
        Some(list) => list,
    };
    let claimed = || Fact::terms("claims.indications", indications.iter().copied());
    let unapproved = || {
        indications
            .iter()
            .filter(|i| {
                ApprovedProduct::approved_in_on(Jurisdiction::UnitedStates, **i, on)
                    .next()
                    .is_none()
            })
            .copied()
    };
    if unapproved().next().is_some() {
        let f = c.add(
            Group::WalkAway,
            rule,
            Outcome::NotMet,
            "claims",
            "The clinic claims FDA approval, but no MSC product is FDA-approved for this condition: the claim is false.",
        );
        f.facts.push(claimed());
        f.facts
            .push(code_list_of("no_fda_approved_msc_product_for", unapproved).as_derived());
        return;
    }
    let approved = || {
        ApprovedProduct::by_jurisdiction(Jurisdiction::UnitedStates).filter(|p| {
            p.status_on(on).in_force() && indications.iter().all(|i| p.indications.contains(i))
        })
    };
    let keys = || code_list_of("fda_approved_products", || approved().map(|p| p.key)).as_limit();
    if let Some(p) = named {
        if !approved().any(|a| a.key == p.key) {
            let f = c.add(
                Group::WalkAway,
                rule,
                Outcome::NotMet,
                "authorisation",
                "The clinic claims FDA approval, but the product it names holds no FDA approval for this condition.",
            );
            f.facts.push(claimed());
            f.facts.push(keys());
            f.facts.push(Fact::code("authorisation", p.key.code()));
            f.facts
                .push(Fact::code("catalog.jurisdiction", p.jurisdiction.code()).as_limit());
            return;
        }
        let mut facts = ComparisonFacts::new();
        let cmp = compare_with(offer, p, None, Some(&mut facts));
        let (group, outcome, reason) = if !cmp.contradicts.is_empty() {
            (
                Group::WalkAway,
                Outcome::NotMet,
                "The clinic claims FDA approval and names the approved product, but the offer contradicts that product's approval (see `contradicts`).",
            )
        } else if !cmp.unknown.is_empty() {
            (
                Group::AskFirst,
                Outcome::Undetermined,
                "The clinic names the FDA-approved product, but the offer does not give every fact its approval turns on.",
            )
        } else {
            (
                Group::GoodSign,
                Outcome::Met,
                "The product is the FDA-approved MSC product for this condition, and the offer matches its approval.",
            )
        };
        let f = c.add(group, rule, outcome, "authorisation", reason);
        f.facts.push(claimed());
        f.facts.extend(facts.drain(..));
        // A contradiction decides the claim: the facts the offer lacks could not change it.
        if cmp.contradicts.is_empty() {
            f.missing = cmp.unknown.iter().copied().collect();
        }
        return;
    }
    // Not named: the claim can only be true of one of the approved products. Facts that
    // contradict every one of them make it false.
    let mut products = approved().peekable();
    let first = products.peek().copied();
    if let Some(first) = first {
        if products.all(|p| !compare_with(offer, p, None, None).contradicts.is_empty()) {
            let mut facts = ComparisonFacts::new();
            compare_with(offer, first, None, Some(&mut facts));
            let f = c.add(
                Group::WalkAway,
                rule,
                Outcome::NotMet,
                "claims",
                "The clinic claims FDA approval, but the offer contradicts the approval of the FDA-approved product for this condition (see `contradicts`): it is not that product, or not given to a patient that approval covers, so the claim is false.",
            );
            f.facts.push(claimed());
            f.facts.push(keys());
            f.facts.extend(facts.drain(..));
            return;
        }
    }
    let f = c.add(
        Group::AskFirst,
        rule,
        Outcome::Undetermined,
        "authorisation",
        "An MSC product is FDA-approved for this condition, but the offer does not name the product by its catalog key or approval number.",
    );
    f.facts.push(claimed());
    f.facts.push(keys());
    f.missing.push("authorisation");
    // A fact the offer lacks could still contradict every approved product it might be (a
    // patient's age outside the label): it could change the answer too.
    for p in approved() {
        let cmp = compare_with(offer, p, None, None);
        if cmp.contradicts.is_empty() {
            for path in cmp.unknown {
                if !f.missing.contains(path) {
                    f.missing.push(path);
                }
            }
        }
    }
}

fn live_stem_cells_claim(
    offer: &ClinicOffer,
    quality: &QualityReport,
    measured: Measured,
    c: &mut Collector,
) {
    let rule = RuleId::OfferClaimLiveStemCells;
    let product = &offer.product;
    // The measurement wins over the claim, whatever the tissue.
    if measured.no_msc {
        let f = c.add(
            Group::WalkAway,
            rule,
            Outcome::NotMet,
            "content_tests",
            "The clinic sells the product as live stem cells, but an independent test found no MSC-like cells in it: the measurement wins over the claim.",
        );
        f.facts.push(Fact::flag("content_tests.msc_found", false));
        f.facts
            .push(Fact::code_list("contradicts", ["claims", "content_tests"]).as_derived());
        return;
    }
    let Some(tissue) = product.tissue else {
        c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            "product.tissue",
            "The clinic claims live stem cells, but the source tissue is not stated.",
        )
        .missing
        .push("product.tissue");
        return;
    };
    let off_the_shelf = product.supply == Some(SupplyModel::OffTheShelf)
        || product.preparation == Some(CellPreparation::PerinatalAllograft);
    let tissue_fact = Fact::code("product.tissue", tissue.code());
    if !(tissue.info().perinatal && off_the_shelf) {
        c.add(
            Group::Note,
            rule,
            Outcome::NotApplicable,
            "product.tissue",
            "Not an off-the-shelf birth-tissue product; whether living cells are present is for the cell count and the quality findings.",
        )
        .facts
        .push(tissue_fact);
        return;
    }
    // Whether the product shows MSCs (identity markers or colony-forming cells) is the quality
    // engine's perinatal rule; the claim is judged on its outcome.
    let evidence = quality
        .finding(RuleId::QualityPerinatalMscEvidence)
        .map_or(Outcome::Undetermined, |f| f.outcome);
    let evidence_fact =
        Fact::code(RuleId::QualityPerinatalMscEvidence.code(), evidence.code()).as_derived();
    let f = if evidence == Outcome::Met {
        c.add(
            Group::Note,
            rule,
            Outcome::Met,
            "product.release",
            "Identity markers or a colony-forming (CFU-F) test show MSC-like cells in the product.",
        )
    } else {
        c.add(
            Group::WalkAway,
            rule,
            Outcome::NotMet,
            "product.release",
            "An off-the-shelf birth-tissue product sold as live stem cells, with no test showing MSC-like (colony-forming) cells: published tests of such products found none.",
        )
    };
    f.facts.push(tissue_fact);
    f.facts.push(evidence_fact);
    if evidence == Outcome::Undetermined {
        f.missing.push("product.release.cfu_f_per_million");
        f.missing.push("product.release.identity.markers");
    }
}

fn no_rejection_claim(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferClaimNoRejection;
    match offer.product.donor {
        Some(d) if d.is_autologous() => {
            c.add(
                Group::Note,
                rule,
                Outcome::NotApplicable,
                "product.donor",
                "Your own cells: rejection is not the concern.",
            )
            .facts
            .push(Fact::code("product.donor", d.code()));
        }
        Some(d) => {
            c.add(
                Group::AskFirst,
                rule,
                Outcome::NotMet,
                "claims",
                "'No rejection' for donor cells: MSCs have low immunogenicity, which is not a guarantee.",
            )
            .facts
            .push(Fact::code("product.donor", d.code()));
        }
        None => {
            c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                "product.donor",
                "The clinic claims 'no rejection' without saying whose cells they are.",
            )
            .missing
            .push("product.donor");
        }
    }
}

fn approved_anywhere(offer: &ClinicOffer, c: &mut Collector, on: jiff::civil::Date) {
    let rule = RuleId::OfferApprovedAnywhere;
    let indication = indication_fact(offer);
    let crate::StatedIndication::Listed(own) = &offer.indication else {
        c.add(
            Group::Note,
            rule,
            Outcome::NotMet,
            "indication",
            "The condition is not one the crate's catalog lists, and no MSC product in the catalog is authorised for it: an offer for it is experimental unless the clinic names an authorisation a regulator granted for it.",
        )
        .facts
        .push(indication);
        return;
    };
    let approved = || ApprovedProduct::approved_anywhere_on(*own, on).map(|p| p.key);
    if approved().next().is_none() {
        c.add(
            Group::Note,
            rule,
            Outcome::NotMet,
            "indication",
            "No MSC product holds a marketing authorisation anywhere for this condition: any offer for it is experimental.",
        )
        .facts
        .push(indication);
    } else {
        let f = c.add(
            Group::Note,
            rule,
            Outcome::Met,
            "indication",
            "MSC products are authorised for this condition in some jurisdictions; the product offered is one of them only if the offer names it and matches its authorisation.",
        );
        f.facts.push(indication);
        f.facts.push(code_list_of("approved_products", approved));
    }
}

fn release_quality(quality: &QualityReport, c: &mut Collector) {
    let rule = RuleId::OfferReleaseQuality;
    let verdict = Fact::code("quality.verdict", quality.verdict.code()).as_derived();
    let listed = |name: &'static str, severity: Severity, outcome: Option<Outcome>| {
        code_list_of(name, || {
            quality
                .findings
                .iter()
                .filter(move |f| f.severity == severity && outcome.is_none_or(|o| f.outcome == o))
                .map(|f| f.rule)
        })
        .as_derived()
    };
    let path = "product.release";
    match quality.verdict {
        QualityVerdict::Fail => {
            let f = c.add(
                Group::WalkAway,
                rule,
                Outcome::NotMet,
                path,
                "The product's own release data fail a blocking quality requirement (see the quality findings): it must not be used as described.",
            );
            f.facts.push(verdict);
            f.facts.push(listed(
                "quality.failed",
                Severity::Blocking,
                Some(Outcome::NotMet),
            ));
        }
        QualityVerdict::Pass => {
            c.add(
                Group::GoodSign,
                rule,
                Outcome::Met,
                path,
                "The product's release data meet every quality requirement.",
            )
            .facts
            .push(verdict);
        }
        QualityVerdict::PassWithWarnings => {
            let f = c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                path,
                "The product's release data meet every blocking quality requirement, but leave warnings that need an answer (see the quality findings).",
            );
            f.facts.push(verdict);
            f.facts
                .push(listed("quality.warnings", Severity::Warning, None));
        }
        QualityVerdict::Undetermined => {
            let f = c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                path,
                "The product's release data are incomplete, so its quality cannot be judged: ask for the release results (see the quality findings for what is missing).",
            );
            f.facts.push(verdict);
            f.facts.push(listed(
                "quality.undetermined",
                Severity::Blocking,
                Some(Outcome::Undetermined),
            ));
            f.missing.push(path);
        }
    }
}

fn dose_reference(offer: &ClinicOffer, policy: &OfferPolicy, c: &mut Collector) {
    use crate::rules::quality::DoseVerdict;
    let rule = RuleId::OfferDoseReference;
    // A condition outside the list has no label or trial dose, whatever the route.
    let own: &[Indication] = match &offer.indication {
        crate::StatedIndication::Listed(own) => std::slice::from_ref(own),
        crate::StatedIndication::Unlisted(_) => {
            c.add(
                Group::Note,
                rule,
                Outcome::NotApplicable,
                "indication",
                "No label or trial dose is known for a condition outside the crate's list, so the dose is not compared.",
            )
            .facts
            .push(indication_fact(offer));
            return;
        }
    };
    let cmp = crate::rules::quality::compare_dose(
        &offer.product,
        Some(own),
        policy.quality.dose_far_below_factor,
    );
    let (group, outcome, reason) = match cmp.verdict {
        DoseVerdict::NotApplicable(reason) => (Group::Note, Outcome::NotApplicable, reason),
        DoseVerdict::Undetermined => (
            Group::AskFirst,
            Outcome::Undetermined,
            "Approved products give a dose for this route and condition, but the offer's dose is not stated in a form that compares with them.",
        ),
        DoseVerdict::Within => (
            Group::Note,
            Outcome::Met,
            "The dose lies within the label or trial doses for this route and condition.",
        ),
        DoseVerdict::Outside => (
            Group::Note,
            Outcome::NotMet,
            "The dose lies outside the label and trial doses for this route and condition, though not far below them: ask why.",
        ),
        DoseVerdict::FarBelow => (
            Group::AskFirst,
            Outcome::NotMet,
            "The dose is far below every label and trial dose for this route and condition: a 'whiff' of cells is not enough to trigger a biological response.",
        ),
    };
    let f = c.add(group, rule, outcome, "product.dose", reason);
    f.facts.extend(cmp.facts);
    for path in cmp.missing {
        f.missing.push(path);
    }
}

// ---------------------------------------------------------------------------------------------
// The offer's condition
// ---------------------------------------------------------------------------------------------

/// The offer's condition as a fact: a listed indication by its code, one outside the list by
/// its wording and code.
fn indication_fact(offer: &ClinicOffer) -> Fact {
    match &offer.indication {
        crate::StatedIndication::Listed(i) => Fact::code("indication", i.code()),
        crate::StatedIndication::Unlisted(c) => {
            owned("indication", format!("{} ({})", c.text, c.coding))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Claimed against measured content
// ---------------------------------------------------------------------------------------------

/// What the independent tests of the product show against the clinic's statements: each field
/// is a contradiction one of them found.
#[derive(Clone, Copy, Default)]
struct Measured {
    /// A test found bacteria or fungi.
    contamination: bool,
    /// A test looked for MSC-like cells in a product meant to hold living cells, and found
    /// none.
    no_msc: bool,
    /// The smallest live cell count a test measured, below the policy's minimum.
    whiff: Option<f64>,
    /// The smallest live cell count a test measured, below the policy's share of the count the
    /// clinic states.
    short: Option<f64>,
}

impl Measured {
    fn of(offer: &ClinicOffer, policy: &OfferPolicy) -> Self {
        // A product not meant to hold living cells (exosomes, conditioned medium) is not
        // contradicted by a test that finds no cells in it.
        let live = offer
            .product
            .preparation
            .is_none_or(|p| p.info().live_cells);
        let stated = offer
            .disclosures
            .live_nucleated_cells
            .map(CellCount::as_f64);
        let share = policy.measured_count_min_share.get() / 100.0;
        let min = policy.min_live_cells.as_f64();
        let mut m = Self::default();
        let lower = |slot: &mut Option<f64>, v: f64| {
            if slot.is_none_or(|old| v < old) {
                *slot = Some(v);
            }
        };
        for t in &offer.content_tests {
            m.contamination |= t.contamination_found == Some(true);
            m.no_msc |= live && t.msc_found == Some(false);
            if let (true, Some(count)) = (live, t.live_nucleated_cells) {
                let v = count.as_f64();
                if v < min {
                    lower(&mut m.whiff, v);
                }
                if stated.is_some_and(|s| v < s * share) {
                    lower(&mut m.short, v);
                }
            }
        }
        m
    }

    /// A test contradicts the live cell count the clinic states.
    const fn contradicts_count(self) -> bool {
        self.no_msc || self.whiff.is_some() || self.short.is_some()
    }
}

fn content_test(offer: &ClinicOffer, policy: &OfferPolicy, m: Measured, c: &mut Collector) {
    let rule = RuleId::OfferContentTest;
    let path = "content_tests";
    if offer.content_tests.is_empty() {
        c.add(
            Group::Note,
            rule,
            Outcome::NotApplicable,
            path,
            "No test of the product by someone other than the clinic is recorded.",
        );
        return;
    }
    let (group, outcome, reason) = if m.contamination {
        (
            Group::WalkAway,
            Outcome::NotMet,
            "An independent test found bacteria or fungi in the product: a contaminated product can cause serious infections, whatever the clinic says it holds.",
        )
    } else if m.no_msc {
        (
            Group::WalkAway,
            Outcome::NotMet,
            "An independent test looked for MSC-like cells in the product and found none: whatever the clinic says the vial holds, the measurement wins.",
        )
    } else if m.whiff.is_some() {
        (
            Group::WalkAway,
            Outcome::NotMet,
            "An independent test counted fewer than a million live cells per injection: whatever count the clinic states, the measurement wins, and a 'whiff' of cells is not enough to trigger a biological response.",
        )
    } else if m.short.is_some() {
        (
            Group::WalkAway,
            Outcome::NotMet,
            "An independent test counted far fewer live cells than the clinic states (see `contradicts`): the measurement wins over the claim.",
        )
    } else {
        (
            Group::Note,
            Outcome::Met,
            "The independent tests recorded do not contradict what the clinic states; one sample does not show the lot you would get (ask for its certificate of analysis).",
        )
    };
    let f = c.add(group, rule, outcome, path, reason);
    for t in &offer.content_tests {
        f.facts.push(owned(
            "content_tests.tested_by",
            t.tested_by.as_str().to_owned(),
        ));
        if let Some(found) = t.msc_found {
            f.facts.push(Fact::flag("content_tests.msc_found", found));
        }
        if let Some(found) = t.contamination_found {
            f.facts
                .push(Fact::flag("content_tests.contamination_found", found));
        }
        if let Some(count) = t.live_nucleated_cells {
            f.facts.push(
                Fact::number("content_tests.live_nucleated_cells", count.as_f64())
                    .with_unit("cells"),
            );
        }
        if let Some(finding) = &t.finding {
            f.facts
                .push(owned("content_tests.finding", finding.as_str().to_owned()));
        }
    }
    if m.whiff.is_some() || m.short.is_some() {
        if let Some(stated) = offer.disclosures.live_nucleated_cells {
            f.facts.push(
                Fact::number("disclosures.live_nucleated_cells", stated.as_f64())
                    .with_unit("cells"),
            );
        }
        f.facts.push(
            Fact::number("policy.min_live_cells", policy.min_live_cells.as_f64())
                .with_unit("cells")
                .as_limit(),
        );
        f.facts.push(
            Fact::number(
                "policy.measured_count_min_share",
                policy.measured_count_min_share.get(),
            )
            .with_unit("%")
            .as_limit(),
        );
    }
    if m.short.is_some() {
        f.facts.push(
            Fact::code_list(
                "contradicts",
                ["disclosures.live_nucleated_cells", "content_tests"],
            )
            .as_derived(),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Marketing and consumer protection
// ---------------------------------------------------------------------------------------------

fn superiority_claim(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferClaimSuperiority;
    let own = offer.indication.listed();
    let phase3 = offer.evidence.iter().filter(|t| {
        own == Some(t.indication)
            && t.phases.as_slice().contains(&crate::TrialPhase::Phase3)
            && t.status == crate::TrialStatus::Completed
            && t.result == crate::TrialResult::Positive
    });
    if phase3.clone().next().is_some() {
        let f = c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            "claims",
            "The clinic says the treatment is as good as or better than standard treatments, and cites a completed positive Phase III trial for the condition: ask whether that trial compared it with the standard treatment, which is what the claim needs.",
        );
        f.facts.push(Fact::code(
            "claims.kind",
            ClaimKind::SuperiorToStandardCare.code(),
        ));
        f.facts.push(owned("evidence.nct_id", nct_ids(phase3)));
    } else {
        c.add(
            Group::WalkAway,
            rule,
            Outcome::NotMet,
            "claims",
            "The clinic says the treatment is as good as or better than approved or standard treatments, without a trial that compared them: the FTC calls such claims deceptive when no randomized controlled trial supports them.",
        )
        .facts
        .push(Fact::code("claims.kind", ClaimKind::SuperiorToStandardCare.code()));
    }
}

fn marketing(offer: &ClinicOffer, c: &mut Collector) {
    let m = &offer.marketing;
    let rule = RuleId::OfferTreatmentDisclaimer;
    let path = "marketing.treatment_disclaimer";
    match m.treatment_disclaimer {
        Some(true) => {
            c.add(
                Group::WalkAway,
                rule,
                Outcome::NotMet,
                path,
                "The product is labelled or sold as 'for research use only' or 'not for treating people', and the clinic injects it into patients: its own maker does not stand behind it as a treatment, and a disclaimer does not change what the product is used for.",
            )
            .facts
            .push(Fact::flag(path, true));
        }
        Some(false) => {
            c.add(
                Group::Note,
                rule,
                Outcome::Met,
                path,
                "The product is not labelled or sold as 'for research use only' or 'not for treating people'.",
            )
            .facts
            .push(Fact::flag(path, false));
        }
        None => {
            c.add(
                Group::Note,
                rule,
                Outcome::NotApplicable,
                path,
                "Whether the product is labelled 'for research use only' is not recorded.",
            );
        }
    }
    pay_to_participate(offer, c);
    boosters(offer, c);
}

fn pay_to_participate(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferPayToParticipate;
    let path = "marketing.pay_to_participate";
    match offer.marketing.pay_to_participate {
        Some(true) => {}
        Some(false) => {
            c.add(
                Group::Note,
                rule,
                Outcome::Met,
                path,
                "The patient is not charged to take part in a study.",
            )
            .facts
            .push(Fact::flag(path, false));
            return;
        }
        None => {
            c.add(
                Group::Note,
                rule,
                Outcome::NotApplicable,
                path,
                "Whether the patient pays to take part in a study is not recorded.",
            );
            return;
        }
    }
    let ind = offer.disclosures.ind_number.as_ref();
    let place = offer.jurisdiction;
    let us = place.map(|p| p.info().framework == RegulatoryFramework::UnitedStates);
    let f = match (us, ind) {
        (Some(true), None) => {
            let f = c.add(
                Group::WalkAway,
                rule,
                Outcome::NotMet,
                path,
                "You are asked to pay to take part in a 'study' that names no IND. In the US an unapproved drug or biological product may be charged for in a trial only under an IND and with FDA's prior written authorisation (21 CFR 312.8); a ClinicalTrials.gov listing is not an FDA review. Paid 'studies' without one are a marketing exercise.",
            );
            f.basis = Basis::RegulationText;
            f
        }
        (Some(true), Some(_)) => {
            let f = c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                path,
                "You are asked to pay to take part in a study the clinic says runs under an IND. Charging for an investigational drug in a trial needs FDA's prior written authorisation (21 CFR 312.8): ask to see it, and FDA's letter acknowledging the IND.",
            );
            f.basis = Basis::RegulationText;
            f
        }
        (Some(false), _) => {
            let f = c.add(
                Group::AskFirst,
                rule,
                Outcome::NotMet,
                path,
                "You are asked to pay to take part in a 'study'. Most trials are free to join, and businesses selling unproven stem cell treatments have listed paid 'studies' that no regulator reviewed: ask which authority approved the study and allowed charging participants.",
            );
            f.basis = Basis::Literature;
            f
        }
        (None, _) => {
            let f = c.add(
                Group::AskFirst,
                rule,
                Outcome::Undetermined,
                path,
                "You are asked to pay to take part in a 'study', and the offer does not say where it is given, so which rule on charging applies is open (in the US: an IND and FDA's written authorisation, 21 CFR 312.8). Ask which authority approved the study and allowed charging participants.",
            );
            f.missing.push("jurisdiction");
            f
        }
    };
    f.facts.push(Fact::flag(path, true));
    if let Some(place) = place {
        f.facts.push(Fact::code("jurisdiction", place.code()));
    }
    match ind {
        Some(n) => f
            .facts
            .push(owned("disclosures.ind_number", n.as_str().to_owned())),
        None => f.missing.push("disclosures.ind_number"),
    }
}

fn boosters(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferRepeatTreatments;
    let path = "marketing.boosters";
    let Some(b) = &offer.marketing.boosters else {
        c.add(
            Group::Note,
            rule,
            Outcome::NotApplicable,
            path,
            "No repeat ('booster') treatments are recorded.",
        );
        return;
    };
    if b.recommended == Some(true) || b.price.is_some() {
        let f = c.add(
            Group::AskFirst,
            rule,
            Outcome::NotMet,
            path,
            "The clinic sells repeat ('booster') treatments after the first: the whole course, not one injection, is what you would pay for. Ask how many, what evidence shows that repeating it helps, and what the course costs.",
        );
        if let Some(r) = b.recommended {
            f.facts
                .push(Fact::flag("marketing.boosters.recommended", r));
        }
        if let Some(p) = &b.price {
            let mut price = Fact::number("marketing.boosters.price.amount", p.amount.get());
            price.unit = Some(Cow::Owned(p.currency.as_str().to_owned()));
            f.facts.push(price);
        }
    } else {
        let f = c.add(
            Group::Note,
            rule,
            Outcome::Met,
            path,
            "The clinic says no repeat treatments are needed.",
        );
        if let Some(r) = b.recommended {
            f.facts
                .push(Fact::flag("marketing.boosters.recommended", r));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Follow-up
// ---------------------------------------------------------------------------------------------

fn follow_up(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferFollowUp;
    let Some(plan) = &offer.follow_up else {
        // A registered trial's protocol must say how the effects are monitored (21 CFR
        // 312.23(a)(6)(iii)(g); ICH E6(R3) protocol content), and an authorised product's
        // label says what to monitor: there the plan exists outside the offer, and asking
        // for it is a note, not a reason to hold back. Elsewhere nothing supplies it.
        if offer.disclosures.trial_registration.is_some() || offer.authorisation.is_some() {
            c.add(
                Group::Note,
                rule,
                Outcome::Undetermined,
                "follow_up",
                "The offer does not give its follow-up plan; a registered trial's protocol or an authorised product's label sets one: ask for the schedule of visits and tests, and whom to call about a side effect.",
            )
            .missing
            .push("follow_up");
            return;
        }
        c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            "follow_up",
            "The offer does not say how you will be followed up after the treatment: what is checked, how and for how long, and whom to call if something goes wrong.",
        )
        .missing
        .push("follow_up");
        return;
    };
    let none_monitored = plan.methods.as_ref().is_some_and(Vec::is_empty);
    let no_time = plan.months == Some(0);
    if none_monitored || no_time {
        let f = c.add(
            Group::AskFirst,
            rule,
            Outcome::NotMet,
            "follow_up",
            "The clinic states that it does not follow you up after the treatment: the response of a treatment with live cells is monitored, and its long-term safety is still being studied.",
        );
        if none_monitored {
            f.facts
                .push(Fact::number("follow_up.methods", 0.0).as_derived());
        }
        if let Some(months) = plan.months {
            f.facts
                .push(Fact::number("follow_up.months", f64::from(months)).with_unit("months"));
        }
        return;
    }
    let mut missing: SmallVec<[&'static str; 3]> = SmallVec::new();
    if plan.methods.is_none() {
        missing.push("follow_up.methods");
    }
    if plan.months.is_none() {
        missing.push("follow_up.months");
    }
    if plan.adverse_event_contact.is_none() {
        missing.push("follow_up.adverse_event_contact");
    }
    let f = if missing.is_empty() {
        c.add(
            Group::GoodSign,
            rule,
            Outcome::Met,
            "follow_up",
            "The clinic says how it will follow you up, for how long, and whom to call about a side effect.",
        )
    } else {
        c.add(
            Group::AskFirst,
            rule,
            Outcome::Undetermined,
            "follow_up",
            "The clinic states a follow-up plan, but not all of it: how you are monitored, for how long, or whom to call about a side effect.",
        )
    };
    if let Some(methods) = &plan.methods {
        f.facts
            .push(Fact::terms("follow_up.methods", methods.iter().copied()));
    }
    if let Some(months) = plan.months {
        f.facts
            .push(Fact::number("follow_up.months", f64::from(months)).with_unit("months"));
    }
    if plan.adverse_event_contact.is_some() {
        f.facts
            .push(Fact::flag("follow_up.adverse_event_contact", true));
    }
    for path in missing {
        f.missing.push(path);
    }
}
