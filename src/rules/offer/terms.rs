//! The offer engine's own vocabularies: the patient's verdict, the questions to ask, what to expect.

use super::*;

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
    /// use msc_therapy::engine::offer::PatientVerdict;
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
    /// use msc_therapy::RuleId;
    /// use msc_therapy::engine::offer::Question;
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
        match rule {
            RuleId::OfferLiveCellCount => Some(Self::LiveCellCount),
            RuleId::OfferSourceDisclosed => Some(Self::Source),
            RuleId::OfferCertificateOfAnalysis => Some(Self::CertificateOfAnalysis),
            RuleId::OfferImageGuidance => Some(Self::ImageGuidance),
            RuleId::OfferTrialEvidence => Some(Self::TrialEvidence),
            RuleId::OfferCandidate => Some(Self::StandardTreatments),
            RuleId::OfferPhysicianSupervision => Some(Self::Physician),
            RuleId::OfferRegulatedSetting | RuleId::OfferUsPathway => Some(Self::RegulatedSetting),
            RuleId::OfferReleaseQuality => Some(Self::ReleaseData),
            RuleId::OfferClaimCure => Some(Self::Outcomes),
            RuleId::OfferClaimNewTissue => Some(Self::Mechanism),
            RuleId::OfferManyConditions => Some(Self::ManyConditions),
            RuleId::OfferClaimFdaApproved => Some(Self::FdaApproval),
            RuleId::OfferClaimLiveStemCells => Some(Self::LiveStemCells),
            RuleId::OfferClaimNoRejection => Some(Self::Rejection),
            RuleId::OfferJurisdiction => Some(Self::Jurisdiction),
            RuleId::OfferProductIdentity => Some(Self::ProductIdentity),
            RuleId::OfferEuPathway => Some(Self::EuPathway),
            RuleId::OfferJpPathway => Some(Self::JpPathway),
            RuleId::OfferNationalPathway => Some(Self::NationalPathway),
            RuleId::OfferDoseReference => Some(Self::Dose),
            RuleId::OfferContentTest => Some(Self::ContentTest),
            RuleId::OfferClaimSuperiority => Some(Self::Comparison),
            // Satisfaction figures and testimonials are answered by trials.
            RuleId::OfferClaimSatisfaction | RuleId::OfferClaimTestimonials => {
                Some(Self::TrialEvidence)
            }
            RuleId::OfferTreatmentDisclaimer => Some(Self::ResearchUseOnly),
            RuleId::OfferPayToParticipate => Some(Self::StudyCharges),
            RuleId::OfferRepeatTreatments => Some(Self::Boosters),
            RuleId::OfferFollowUp => Some(Self::FollowUp),
            // Notes that ask nothing: whether the offer is a registered trial (its evidence
            // question is asked by the trial-evidence rule) and where products are authorised.
            RuleId::OfferRegisteredTrial | RuleId::OfferApprovedAnywhere => None,
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
            | RuleId::LawKnowledgeHorizon => None,
        }
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
    /// use msc_therapy::engine::offer::Expectation;
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
