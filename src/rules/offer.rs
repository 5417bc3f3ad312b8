//! The patient's checklist: evaluating a clinic's offer.

use crate::table::vocab;
use crate::{
    ApprovedProduct, CellCount, CellPreparation, ClaimKind, ClinicOffer, Fact, FactValue, Finding,
    Indication, IndicationCategory, Jurisdiction, Outcome, RuleId, Severity, SupplyModel,
};
use crate::{
    QualityPolicy, QualityReport, QualityVerdict, UsAssessment, UsClassification, assess_quality,
    classify_us,
};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// **The thresholds the offer checklist uses**, each taken from the one place the crate keeps it.
///
/// # Examples
///
/// ```
/// use msc_therapy::{OfferPolicy, QualityPolicy, US_MYRIAD_INDICATION_CATEGORIES};
///
/// let policy = OfferPolicy::default();
/// assert_eq!(policy.min_live_cells, QualityPolicy::default().min_viable_cells);
/// assert_eq!(policy.min_live_cells.get(), 1_000_000);
/// assert_eq!(policy.myriad_min_categories, US_MYRIAD_INDICATION_CATEGORIES);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct OfferPolicy {
    /// The smallest live, nucleated cell count per injection the clinic should state. Default:
    /// [`QualityPolicy`]'s `min_viable_cells` (10⁶), from the second source text's "you
    /// generally want to see counts in the millions" ('Ask for the Cell Count'). Here it is
    /// held against what the clinic *told* the patient, not against release data.
    pub min_live_cells: CellCount,
    /// How many distinct families of conditions ([`IndicationCategory`]) an offer may name
    /// before it matches FDA's "unproven treatment for a myriad of diseases or conditions"
    /// (MM/HU guidance, homologous use). Default: [`crate::US_MYRIAD_INDICATION_CATEGORIES`]
    /// (3), the same threshold the US engine uses for homologous use.
    pub myriad_min_categories: usize,
    /// The policy the product's release data are assessed with ([`assess_quality`]).
    pub quality: QualityPolicy,
}

impl Default for OfferPolicy {
    fn default() -> Self {
        let quality = QualityPolicy::default();
        Self {
            min_live_cells: quality.min_viable_cells,
            myriad_min_categories: crate::US_MYRIAD_INDICATION_CATEGORIES,
            quality,
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

vocab! {
    /// **What the patient should do about an offer**, in three steps.
    ///
    /// The verdict is the worst group with any finding: one walk-away finding makes the offer
    /// [`PatientVerdict::WalkAway`], otherwise one open question makes it
    /// [`PatientVerdict::AskFirst`], otherwise [`PatientVerdict::GoodSigns`].
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::PatientVerdict;
    ///
    /// assert_eq!(PatientVerdict::WalkAway.to_string(), "walk_away");
    /// assert_eq!(PatientVerdict::AskFirst.label(), "ask first");
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
        /// For [`RuleId::OfferRegulatedSetting`].
        RegulatedSetting => "regulated_setting", "Under which approval, trial (IND) or licence is this treatment given?";
        /// For [`RuleId::OfferClaimCure`].
        Outcomes => "outcomes", "What results have patients like me had, measured how, and for how long?";
        /// For [`RuleId::OfferClaimNewTissue`].
        Mechanism => "mechanism", "What do you expect the cells to do once injected, and what evidence shows it?";
        /// For [`RuleId::OfferManyConditions`].
        ManyConditions => "many_conditions", "Which trials support each of the conditions you list?";
        /// For [`RuleId::OfferClaimFdaApproved`].
        FdaApproval => "fda_approval", "Which FDA approval (BLA number) covers this product for my condition?";
        /// For [`RuleId::OfferClaimLiveStemCells`].
        LiveStemCells => "live_stem_cells", "Which test shows this lot contains living, colony-forming (MSC-like) cells?";
        /// For [`RuleId::OfferClaimNoRejection`].
        Rejection => "rejection", "What immune reactions to donor cells have been seen, and how would you treat one?";
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
            RuleId::OfferReleaseQuality => Self::CertificateOfAnalysis,
            RuleId::OfferClaimCure => Self::Outcomes,
            RuleId::OfferClaimNewTissue => Self::Mechanism,
            RuleId::OfferManyConditions => Self::ManyConditions,
            RuleId::OfferClaimFdaApproved => Self::FdaApproval,
            RuleId::OfferClaimLiveStemCells => Self::LiveStemCells,
            RuleId::OfferClaimNoRejection => Self::Rejection,
            _ => return None,
        })
    }
}

/// **What the crate knows about an expectation**: one row of the [`Expectation`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpectationInfo {
    /// The expectation, in a sentence for the patient.
    pub text: &'static str,
    /// Where it comes from.
    pub citation: &'static str,
}

vocab! {
    /// **What a patient should expect from MSC treatment**, per the source texts.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::Expectation;
    ///
    /// let e = Expectation::PainReliefForMonths;
    /// assert!(e.info().text.contains("12 to 24 months"));
    /// assert!(e.info().citation.starts_with("Source text 2"));
    /// ```
    #[non_exhaustive]
    pub enum Expectation: ExpectationInfo {
        /// Not a cure.
        NotACure => "not_a_cure", "not a cure", ExpectationInfo {
            text: "MSCs calm inflammation and signal repair; they are not a cure and will not make tissue young again.",
            citation: "Source text 2, 'Manage Your Expectations'",
        };
        /// Joint pain relief for months, without new cartilage.
        PainReliefForMonths => "pain_relief_for_months", "pain relief for months", ExpectationInfo {
            text: "For joint problems, patients often report less pain for 12 to 24 months; the cells do not regrow a thick new layer of cartilage.",
            citation: "Source text 2, 'The Real-World Impact on Joints and Pain'",
        };
        /// Use the window for rehabilitation.
        RehabilitationWindow => "rehabilitation_window", "a window for rehabilitation", ExpectationInfo {
            text: "Use the relief as a window of opportunity for physiotherapy and lifestyle changes that keep the results.",
            citation: "Source text 2, 'Manage Your Expectations'",
        };
        /// Experimental without Phase II/III evidence.
        Experimental => "experimental", "an experiment without Phase II/III evidence", ExpectationInfo {
            text: "Without a successful Phase II or III trial for your condition, nobody knows what to expect: you would essentially be an n=1 experiment.",
            citation: "Source text 2, 'Look Up the Research'",
        };
        /// Long-term safety still being studied.
        LongTermSafetyUnknown => "long_term_safety_unknown", "long-term safety still being studied", ExpectationInfo {
            text: "Short-term safety looks favourable in regulated settings, but long-term safety and how long effects last are still being studied.",
            citation: "Source text 1, 'What the Evidence Says' and FAQ 'Are MSC therapies safe?'",
        };
    }
}

/// **The evaluation of a clinic's offer**, grouped as the patient would act on it.
///
/// The verdict is the worst group with a finding. `us` and `quality` hold the full reports of
/// the US and quality engines for the offer's product, for readers who want the regulatory
/// detail behind the two patient findings drawn from them.
///
/// `Display` writes a plain-language summary for the patient: the verdict, then each group
/// ("Walk away", "Ask first", "Good signs", "For your information") with one line per finding
/// (its reason, rule id and citation), the numbered questions to ask the clinic, what to expect,
/// and one line each for the US classification and the release-quality verdict.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{evaluate_offer, ClinicOffer, PatientVerdict, RuleId};
///
/// let offer = ClinicOffer::from_json(r#"{
///     "product": {"name": "Umbilical stem cell shot", "tissue": "whartons_jelly",
///                 "donor": "allogeneic_unrelated", "supply": "off_the_shelf"},
///     "indication": "knee_osteoarthritis",
///     "claims": [{"kind": "fda_approved"}]
/// }"#)?;
/// let eval = evaluate_offer(&offer);
/// assert_eq!(eval.verdict, PatientVerdict::WalkAway);
/// assert!(eval.walk_away.iter().any(|f| f.rule == RuleId::OfferClaimFdaApproved));
/// assert!(eval.to_string().starts_with("Verdict: walk away"));
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
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
    /// Questions to ask the clinic, one per open or failed item.
    pub questions: Vec<Question>,
    /// What to expect if the patient goes ahead.
    pub expectations: Vec<Expectation>,
    /// The product's US classification under 21 CFR Part 1271 ([`classify_us`]).
    pub us: UsAssessment,
    /// The assessment of the product's release data ([`assess_quality`]).
    pub quality: QualityReport,
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

fn write_group(f: &mut fmt::Formatter<'_>, title: &str, findings: &[Finding]) -> fmt::Result {
    if findings.is_empty() {
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
        write_group(f, "Walk away", &self.walk_away)?;
        write_group(f, "Ask first", &self.ask_first)?;
        write_group(f, "Good signs", &self.good_signs)?;
        let notes: Vec<Finding> = self
            .notes
            .iter()
            .filter(|n| n.outcome != Outcome::NotApplicable)
            .cloned()
            .collect();
        write_group(f, "For your information", &notes)?;
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
        writeln!(
            f,
            "US classification (21 CFR Part 1271): {}",
            self.us.classification.label()
        )?;
        write!(f, "Release quality: {}", self.quality.verdict.label())
    }
}

/// Where a finding goes.
#[derive(Clone, Copy)]
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

struct Collector {
    items: Vec<(Group, Finding)>,
}

impl Collector {
    fn add(
        &mut self,
        group: Group,
        rule: RuleId,
        outcome: Outcome,
        build: impl FnOnce(Finding) -> Finding,
    ) {
        let finding = build(Finding::new(rule, outcome, group.severity()));
        self.items.push((group, finding));
    }
}

fn owned(name: &'static str, text: String) -> Fact {
    Fact::new(name, FactValue::Text(Cow::Owned(text)))
}

/// **Evaluates a clinic's offer** against the patient's checklist of the source texts, with the
/// default [`OfferPolicy`].
///
/// Pure: no I/O, no clock. Never fails: a fact the offer does not give makes its item an open
/// question (ask first), never a good sign. It runs [`classify_us`] and [`assess_quality`] on
/// the offer's product and turns their results into two patient findings, without repeating
/// their logic.
///
/// | Rule | Walk away | Ask first | Good sign |
/// |---|---|---|---|
/// | [`RuleId::OfferLiveCellCount`] | no count stated | count below a million | count in the millions |
/// | [`RuleId::OfferSourceDisclosed`] | | not disclosed / unknown | tissue and donor disclosed |
/// | [`RuleId::OfferCertificateOfAnalysis`] | | donor cells, no CoA / unknown | donor cells, CoA shown (not applicable to own cells) |
/// | [`RuleId::OfferImageGuidance`] | | joint, disc, tendon or bone injection that is blind / guidance unknown | ultrasound, fluoroscopy, … |
/// | [`RuleId::OfferTrialEvidence`] | | no completed positive Phase 2/3 trial for the condition | one is cited |
/// | [`RuleId::OfferCandidate`] | | standard treatments not tried / unknown | tried |
/// | [`RuleId::OfferPhysicianSupervision`] | not supervised | unknown | supervised |
/// | [`RuleId::OfferRegulatedSetting`] | not regulated | unknown | regulated |
/// | [`RuleId::OfferRegisteredTrial`] | | | given within a registered trial (else a note) |
/// | [`RuleId::OfferManyConditions`] | conditions from 3+ families | | (a note when fewer) |
/// | [`RuleId::OfferClaimCure`] | "cures" | | |
/// | [`RuleId::OfferClaimNewTissue`] | | "turns into new tissue" | |
/// | [`RuleId::OfferClaimFdaApproved`] | no FDA-approved MSC product for the condition | one exists, but not named as this product | the product is that product |
/// | [`RuleId::OfferClaimLiveStemCells`] | off-the-shelf birth tissue without MSC evidence | tissue unknown | (a note when shown) |
/// | [`RuleId::OfferClaimNoRejection`] | | donor cells / donor unknown | (not applicable to own cells) |
/// | [`RuleId::OfferReleaseQuality`] | quality verdict fail | | pass, or pass with warnings (a note when undetermined) |
/// | [`RuleId::OfferUsPathway`] | | US section 351 product outside a registered trial | (a note otherwise) |
/// | [`RuleId::OfferApprovedAnywhere`] | | | (always a note: which products are authorised where) |
///
/// # Examples
///
/// See [`OfferEvaluation`].
#[must_use]
pub fn evaluate_offer(offer: &ClinicOffer) -> OfferEvaluation {
    evaluate_offer_with(offer, &OfferPolicy::default())
}

/// **Evaluates a clinic's offer** with the thresholds of `policy`.
#[must_use]
pub fn evaluate_offer_with(offer: &ClinicOffer, policy: &OfferPolicy) -> OfferEvaluation {
    let us = classify_us(&offer.product);
    let quality = assess_quality(&offer.product, &policy.quality);
    let mut c = Collector { items: Vec::new() };
    live_cell_count(offer, policy, &mut c);
    source(offer, &mut c);
    certificate(offer, &mut c);
    image_guidance(offer, &mut c);
    let has_evidence = trial_evidence(offer, &mut c);
    patient_and_setting(offer, &mut c);
    many_conditions(offer, policy, &mut c);
    claims(offer, &quality, &mut c);
    approved_anywhere(offer, &mut c);
    release_quality(&quality, &mut c);
    us_pathway(offer, &us, &mut c);

    let mut eval = OfferEvaluation {
        verdict: PatientVerdict::GoodSigns,
        walk_away: Vec::new(),
        ask_first: Vec::new(),
        good_signs: Vec::new(),
        notes: Vec::new(),
        questions: Vec::new(),
        expectations: Vec::new(),
        us,
        quality,
    };
    for (group, finding) in c.items {
        if matches!(group, Group::WalkAway | Group::AskFirst) {
            if let Some(q) = Question::for_rule(finding.rule) {
                if !eval.questions.contains(&q) {
                    eval.questions.push(q);
                }
            }
        }
        match group {
            Group::WalkAway => eval.walk_away.push(finding),
            Group::AskFirst => eval.ask_first.push(finding),
            Group::GoodSign => eval.good_signs.push(finding),
            Group::Note => eval.notes.push(finding),
        }
    }
    eval.verdict = if !eval.walk_away.is_empty() {
        PatientVerdict::WalkAway
    } else if !eval.ask_first.is_empty() {
        PatientVerdict::AskFirst
    } else {
        PatientVerdict::GoodSigns
    };

    eval.expectations.push(Expectation::NotACure);
    if offer.indication.info().category == IndicationCategory::Orthopaedic {
        eval.expectations.push(Expectation::PainReliefForMonths);
    }
    eval.expectations.push(Expectation::RehabilitationWindow);
    if !has_evidence {
        eval.expectations.push(Expectation::Experimental);
    }
    eval.expectations.push(Expectation::LongTermSafetyUnknown);
    eval
}

fn live_cell_count(offer: &ClinicOffer, policy: &OfferPolicy, c: &mut Collector) {
    let rule = RuleId::OfferLiveCellCount;
    if let Some(prep) = offer.product.preparation {
        if !prep.info().live_cells {
            c.add(Group::Note, rule, Outcome::NotApplicable, |f| {
                f.at("product.preparation")
                    .fact(Fact::code("product.preparation", prep.code()))
                    .because("The product is not meant to hold living cells, so there is no live cell count to ask for.")
            });
            return;
        }
    }
    let limit = Fact::number("policy.min_live_cells", policy.min_live_cells.as_f64())
        .with_unit("cells")
        .as_limit();
    match offer.disclosures.live_nucleated_cells {
        None => {
            c.add(Group::WalkAway, rule, Outcome::NotMet, |f| {
                f.at("disclosures.live_nucleated_cells")
                    .missing("disclosures.live_nucleated_cells")
                    .because("The clinic does not say how many live, nucleated cells it will inject: the second text's advice is to walk out.")
            });
        }
        Some(count) if count < policy.min_live_cells => {
            c.add(Group::AskFirst, rule, Outcome::NotMet, |f| {
                f.at("disclosures.live_nucleated_cells")
                    .fact(Fact::number("disclosures.live_nucleated_cells", count.as_f64()).with_unit("cells"))
                    .fact(limit)
                    .because("The stated live cell count is below a million: a 'whiff' of cells is not enough to trigger a biological response.")
            });
        }
        Some(count) => {
            c.add(Group::GoodSign, rule, Outcome::Met, |f| {
                f.at("disclosures.live_nucleated_cells")
                    .fact(Fact::number("disclosures.live_nucleated_cells", count.as_f64()).with_unit("cells"))
                    .fact(limit)
                    .because("The clinic states the number of live, nucleated cells it injects, in the millions.")
            });
        }
    }
}

fn source(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferSourceDisclosed;
    let (tissue, donor) = (offer.product.tissue, offer.product.donor);
    match offer.disclosures.source_disclosed {
        Some(true) => match (tissue, donor) {
            (Some(t), Some(d)) => {
                c.add(Group::GoodSign, rule, Outcome::Met, |f| {
                    f.at("disclosures.source_disclosed")
                        .fact(Fact::code("product.tissue", t.code()))
                        .fact(Fact::code("product.donor", d.code()))
                        .because("The clinic says which tissue the cells come from and whose cells they are.")
                });
            }
            _ => {
                c.add(Group::AskFirst, rule, Outcome::Undetermined, |mut f| {
                    if tissue.is_none() {
                        f = f.missing("product.tissue");
                    }
                    if donor.is_none() {
                        f = f.missing("product.donor");
                    }
                    f.at("product").because("The clinic is said to have disclosed the source, but the tissue or the donor is not recorded.")
                });
            }
        },
        Some(false) => {
            c.add(Group::AskFirst, rule, Outcome::NotMet, |f| {
                f.at("disclosures.source_disclosed")
                    .fact(Fact::flag("disclosures.source_disclosed", false))
                    .because("The clinic does not say where the cells come from or whether they are yours or a donor's.")
            });
        }
        None => {
            c.add(Group::AskFirst, rule, Outcome::Undetermined, |f| {
                f.at("disclosures.source_disclosed")
                    .missing("disclosures.source_disclosed")
                    .because("It is not known whether the clinic said where the cells come from.")
            });
        }
    }
}

fn certificate(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferCertificateOfAnalysis;
    let Some(donor) = offer.product.donor else {
        c.add(Group::AskFirst, rule, Outcome::Undetermined, |f| {
            f.at("product.donor").missing("product.donor").because(
                "Whether the cells are your own or a donor's is not stated, so it is not known whether a certificate of analysis is needed.",
            )
        });
        return;
    };
    if donor.is_autologous() {
        c.add(Group::Note, rule, Outcome::NotApplicable, |f| {
            f.at("product.donor")
                .fact(Fact::code("product.donor", donor.code()))
                .because("Your own cells, prepared for you: there is no donor lot and no certificate of analysis to ask for.")
        });
        return;
    }
    let shown = offer.disclosures.certificate_of_analysis_shown;
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
    c.add(group, rule, outcome, |mut f| {
        f = f
            .at("disclosures.certificate_of_analysis_shown")
            .fact(Fact::code("product.donor", donor.code()))
            .because(reason);
        match shown {
            Some(s) => f.fact(Fact::flag("disclosures.certificate_of_analysis_shown", s)),
            None => f.missing("disclosures.certificate_of_analysis_shown"),
        }
    });
}

fn image_guidance(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferImageGuidance;
    let Some(delivery) = offer.product.delivery else {
        c.add(Group::AskFirst, rule, Outcome::Undetermined, |f| {
            f.at("product.delivery")
                .missing("product.delivery.route")
                .because(
                    "The route is not stated, so it is not known whether image guidance is needed.",
                )
        });
        return;
    };
    let route = Fact::code("product.delivery.route", delivery.route.code());
    if !delivery.route.info().orthopaedic {
        c.add(Group::Note, rule, Outcome::NotApplicable, |f| {
            f.at("product.delivery.route")
                .fact(route)
                .because("Not an injection into a joint, disc, tendon or bone.")
        });
        return;
    }
    match delivery.guidance {
        None => {
            c.add(Group::AskFirst, rule, Outcome::Undetermined, |f| {
                f.at("product.delivery.guidance")
                    .fact(route)
                    .missing("product.delivery.guidance")
                    .because("An orthopaedic injection, and the clinic does not say how the needle is guided.")
            });
        }
        Some(g) if g.is_imaging() => {
            c.add(Group::GoodSign, rule, Outcome::Met, |f| {
                f.at("product.delivery.guidance")
                    .fact(route)
                    .fact(Fact::code("product.delivery.guidance", g.code()))
                    .because("The orthopaedic injection is image-guided.")
            });
        }
        Some(g) => {
            c.add(Group::AskFirst, rule, Outcome::NotMet, |f| {
                f.at("product.delivery.guidance")
                    .fact(route)
                    .fact(Fact::code("product.delivery.guidance", g.code()))
                    .because("A 'blind' orthopaedic injection: the cells may end up in the wrong tissue, making the treatment useless.")
            });
        }
    }
}

/// Returns whether a qualifying trial was found.
fn trial_evidence(offer: &ClinicOffer, c: &mut Collector) -> bool {
    let rule = RuleId::OfferTrialEvidence;
    let indication = Fact::code("indication", offer.indication.code());
    let qualifying: Vec<&str> = offer
        .evidence
        .iter()
        .filter(|t| t.indication == offer.indication && t.is_completed_positive_phase2_or_3())
        .map(|t| t.nct_id.as_str())
        .collect();
    if !qualifying.is_empty() {
        let ids = qualifying.join(", ");
        c.add(Group::GoodSign, rule, Outcome::Met, |f| {
            f.at("evidence")
                .fact(indication)
                .fact(owned("evidence.nct_id", ids))
                .because("A completed Phase II or III trial with a positive result is cited for this condition.")
        });
        return true;
    }
    if offer.evidence.is_empty() {
        c.add(Group::AskFirst, rule, Outcome::Undetermined, |f| {
            f.at("evidence").fact(indication).missing("evidence").because(
                "No trial is cited. Look up your condition on ClinicalTrials.gov: without a successful Phase II or III trial you would essentially be an n=1 experiment.",
            )
        });
    } else {
        let cited = offer
            .evidence
            .iter()
            .map(|t| t.nct_id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        c.add(Group::AskFirst, rule, Outcome::NotMet, |f| {
            f.at("evidence").fact(indication).fact(owned("evidence.nct_id", cited)).because(
                "None of the cited trials is a completed Phase II or III trial with a positive result for this condition: you would essentially be an n=1 experiment.",
            )
        });
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
    c.add(group, rule, outcome, |f| {
        let f = f.at(path).because(reason);
        match value {
            Some(v) => f.fact(Fact::flag(path, v)),
            None => f.missing(path),
        }
    });
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
    match &offer.disclosures.trial_registration {
        Some(id) => {
            let id = id.as_str().to_owned();
            c.add(Group::GoodSign, rule, Outcome::Met, |f| {
                f.at("disclosures.trial_registration")
                    .fact(owned("disclosures.trial_registration", id))
                    .because("The treatment is given within a registered trial: look it up on ClinicalTrials.gov.")
            });
        }
        None => {
            c.add(Group::Note, rule, Outcome::NotMet, |f| {
                f.at("disclosures.trial_registration")
                    .because("The treatment is not offered within a registered trial.")
            });
        }
    }
}

fn many_conditions(offer: &ClinicOffer, policy: &OfferPolicy, c: &mut Collector) {
    let rule = RuleId::OfferManyConditions;
    let conditions = offer.claimed_conditions();
    let categories = Indication::distinct_categories(&conditions);
    let facts = |f: Finding| {
        #[allow(clippy::cast_precision_loss)]
        let count = categories as f64;
        #[allow(clippy::cast_precision_loss)]
        let limit = policy.myriad_min_categories as f64;
        f.at("claims")
            .fact(Fact::code_list(
                "claimed_conditions",
                conditions.iter().map(|i| i.code()),
            ))
            .fact(Fact::number("claimed_condition_families", count).as_derived())
            .fact(Fact::number("policy.myriad_min_categories", limit).as_limit())
    };
    if categories >= policy.myriad_min_categories {
        c.add(Group::WalkAway, rule, Outcome::NotMet, |f| {
            facts(f).because("The offer promotes the product for many unrelated conditions: the 'cure everything from autism to Alzheimer's' pattern of unproven treatments.")
        });
    } else {
        c.add(Group::Note, rule, Outcome::Met, |f| {
            facts(f).because(
                "The offer is for one condition or a few related ones, not a myriad of diseases.",
            )
        });
    }
}

fn claims(offer: &ClinicOffer, quality: &QualityReport, c: &mut Collector) {
    let mut seen: Vec<ClaimKind> = Vec::new();
    for claim in &offer.claims {
        if seen.contains(&claim.kind) && claim.kind != ClaimKind::FdaApproved {
            continue;
        }
        seen.push(claim.kind);
        match claim.kind {
            ClaimKind::Cures => {
                c.add(Group::WalkAway, RuleId::OfferClaimCure, Outcome::NotMet, |f| {
                    f.at("claims").fact(Fact::code("claims.kind", claim.kind.code())).because(
                        "The clinic promises a cure. MSC treatment is not a cure ('Is it a cure? No.'): a clinic that promises one misrepresents it.",
                    )
                });
            }
            ClaimKind::BecomesNewTissue => {
                c.add(Group::AskFirst, RuleId::OfferClaimNewTissue, Outcome::NotMet, |f| {
                    f.at("claims").fact(Fact::code("claims.kind", claim.kind.code())).because(
                        "The clinic says the cells turn into new tissue. They act by signalling and mostly vanish: the differentiation idea is a myth from the late 1990s.",
                    )
                });
            }
            ClaimKind::TreatsManyConditions => {
                // Judged with every condition the offer names, by `many_conditions`.
            }
            ClaimKind::FdaApproved => fda_claim(offer, &claim.indications, c),
            ClaimKind::ContainsLiveStemCells => live_stem_cells_claim(offer, quality, c),
            ClaimKind::NoRejection => no_rejection_claim(offer, c),
        }
    }
}

fn fda_claim(offer: &ClinicOffer, named: &[Indication], c: &mut Collector) {
    let rule = RuleId::OfferClaimFdaApproved;
    let indications: Vec<Indication> = if named.is_empty() {
        vec![offer.indication]
    } else {
        named.to_vec()
    };
    let unapproved: Vec<&'static str> = indications
        .iter()
        .filter(|i| {
            ApprovedProduct::approved_in(Jurisdiction::UnitedStates, **i)
                .next()
                .is_none()
        })
        .map(|i| i.code())
        .collect();
    let claimed = Fact::code_list("claims.indications", indications.iter().map(|i| i.code()));
    if !unapproved.is_empty() {
        c.add(Group::WalkAway, rule, Outcome::NotMet, |f| {
            f.at("claims").fact(claimed).fact(Fact::codes("no_fda_approved_msc_product_for", unapproved).as_derived()).because(
                "The clinic claims FDA approval, but no MSC product is FDA-approved for this condition: the claim is false.",
            )
        });
        return;
    }
    let approved: Vec<&'static ApprovedProduct> = indications
        .iter()
        .flat_map(|i| ApprovedProduct::approved_in(Jurisdiction::UnitedStates, *i))
        .collect();
    let product_name = offer.product.name.as_str().to_lowercase();
    let names = approved
        .iter()
        .map(|p| p.name)
        .collect::<Vec<_>>()
        .join(", ");
    let same_product = approved.iter().any(|p| {
        product_name.contains(&p.name.to_lowercase())
            || product_name.contains(&p.nonproprietary_name.to_lowercase())
    });
    if same_product {
        c.add(Group::GoodSign, rule, Outcome::Met, |f| {
            f.at("claims")
                .fact(claimed)
                .fact(owned("fda_approved_products", names))
                .because("The product is the FDA-approved MSC product for this condition.")
        });
    } else {
        c.add(Group::AskFirst, rule, Outcome::Undetermined, |f| {
            f.at("product.name")
                .fact(claimed)
                .fact(owned("fda_approved_products", names))
                .because("An MSC product is FDA-approved for this condition, but the product offered is not named as that product.")
        });
    }
}

fn live_stem_cells_claim(offer: &ClinicOffer, quality: &QualityReport, c: &mut Collector) {
    let rule = RuleId::OfferClaimLiveStemCells;
    let product = &offer.product;
    let Some(tissue) = product.tissue else {
        c.add(Group::AskFirst, rule, Outcome::Undetermined, |f| {
            f.at("product.tissue")
                .missing("product.tissue")
                .because("The clinic claims live stem cells, but the source tissue is not stated.")
        });
        return;
    };
    let off_the_shelf = product.supply == Some(SupplyModel::OffTheShelf)
        || product.preparation == Some(CellPreparation::PerinatalAllograft);
    let tissue_fact = Fact::code("product.tissue", tissue.code());
    if !(tissue.info().perinatal && off_the_shelf) {
        c.add(Group::Note, rule, Outcome::NotApplicable, |f| {
            f.at("product.tissue")
                .fact(tissue_fact)
                .because("Not an off-the-shelf birth-tissue product; whether living cells are present is for the cell count and the quality findings.")
        });
        return;
    }
    // Whether the product shows MSCs (identity markers or colony-forming cells) is the quality
    // engine's perinatal rule; the claim is judged on its outcome.
    let evidence = quality
        .finding(RuleId::QualityPerinatalMscEvidence)
        .map_or(Outcome::Undetermined, |f| f.outcome);
    let evidence_fact =
        Fact::code(RuleId::QualityPerinatalMscEvidence.code(), evidence.code()).as_derived();
    if evidence == Outcome::Met {
        c.add(Group::Note, rule, Outcome::Met, |f| {
            f.at("product.release")
                .fact(tissue_fact)
                .fact(evidence_fact)
                .because("Identity markers or a colony-forming (CFU-F) test show MSC-like cells in the product.")
        });
    } else {
        c.add(Group::WalkAway, rule, Outcome::NotMet, |f| {
            let f = f
                .at("product.release")
                .fact(tissue_fact)
                .fact(evidence_fact)
                .because("An off-the-shelf birth-tissue product sold as live stem cells, with no test showing MSC-like (colony-forming) cells: published tests of such products found none.");
            if evidence == Outcome::Undetermined {
                f.missing("product.release.cfu_f_per_million")
                    .missing("product.release.identity.markers")
            } else {
                f
            }
        });
    }
}

fn no_rejection_claim(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferClaimNoRejection;
    match offer.product.donor {
        Some(d) if d.is_autologous() => {
            c.add(Group::Note, rule, Outcome::NotApplicable, |f| {
                f.at("product.donor")
                    .fact(Fact::code("product.donor", d.code()))
                    .because("Your own cells: rejection is not the concern.")
            });
        }
        Some(d) => {
            c.add(Group::AskFirst, rule, Outcome::NotMet, |f| {
                f.at("claims")
                    .fact(Fact::code("product.donor", d.code()))
                    .because("'No rejection' for donor cells: MSCs have low immunogenicity, which is not a guarantee.")
            });
        }
        None => {
            c.add(Group::AskFirst, rule, Outcome::Undetermined, |f| {
                f.at("product.donor").missing("product.donor").because(
                    "The clinic claims 'no rejection' without saying whose cells they are.",
                )
            });
        }
    }
}

fn approved_anywhere(offer: &ClinicOffer, c: &mut Collector) {
    let rule = RuleId::OfferApprovedAnywhere;
    let approved: Vec<String> = ApprovedProduct::approved_anywhere(offer.indication)
        .map(|p| format!("{} ({})", p.name, p.jurisdiction.label()))
        .collect();
    let indication = Fact::code("indication", offer.indication.code());
    if approved.is_empty() {
        c.add(Group::Note, rule, Outcome::NotMet, |f| {
            f.at("indication").fact(indication).because(
                "No MSC product holds a marketing authorisation anywhere for this condition: any offer for it is experimental.",
            )
        });
    } else {
        c.add(Group::Note, rule, Outcome::Met, |f| {
            f.at("indication")
                .fact(indication)
                .fact(owned("approved_products", approved.join("; ")))
                .because("MSC products are authorised for this condition in some jurisdictions; the product offered is not one of them unless the clinic shows it.")
        });
    }
}

fn release_quality(quality: &QualityReport, c: &mut Collector) {
    let rule = RuleId::OfferReleaseQuality;
    let verdict = Fact::code("quality.verdict", quality.verdict.code()).as_derived();
    let failed: Vec<&'static str> = quality
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Blocking && f.outcome == Outcome::NotMet)
        .map(|f| f.rule.code())
        .collect();
    match quality.verdict {
        QualityVerdict::Fail => {
            c.add(Group::WalkAway, rule, Outcome::NotMet, |f| {
                f.at("product.release")
                    .fact(verdict)
                    .fact(Fact::codes("quality.failed", failed).as_derived())
                    .because("The product's own release data fail a blocking quality requirement (see the quality findings): it must not be used as described.")
            });
        }
        QualityVerdict::Pass | QualityVerdict::PassWithWarnings => {
            c.add(Group::GoodSign, rule, Outcome::Met, |f| {
                f.at("product.release")
                    .fact(verdict)
                    .because("The product's release data meet every blocking quality requirement.")
            });
        }
        QualityVerdict::Undetermined => {
            c.add(Group::Note, rule, Outcome::Undetermined, |f| {
                f.at("product.release").fact(verdict).because(
                    "The product's release data are incomplete, so its quality cannot be judged (see the quality findings for what is missing).",
                )
            });
        }
    }
}

fn us_pathway(offer: &ClinicOffer, us: &UsAssessment, c: &mut Collector) {
    let rule = RuleId::OfferUsPathway;
    let class = Fact::code("us.classification", us.classification.code()).as_derived();
    match us.classification {
        UsClassification::Section351Product => match &offer.disclosures.trial_registration {
            Some(id) => {
                let id = id.as_str().to_owned();
                c.add(Group::Note, rule, Outcome::Met, |f| {
                    f.at("disclosures.trial_registration")
                        .fact(class)
                        .fact(owned("disclosures.trial_registration", id))
                        .because("In the US this is a drug or biological product, and it is offered within a registered trial, the way such products may be given before approval.")
                });
            }
            None => {
                c.add(Group::AskFirst, rule, Outcome::NotMet, |f| {
                    f.at("disclosures.trial_registration")
                        .fact(class)
                        .missing("disclosures.trial_registration")
                        .because("In the US this is a drug or biological product: it may only be given under an IND (a registered trial) or once approved. Ask which one applies.")
                });
            }
        },
        UsClassification::Undetermined => {
            c.add(Group::Note, rule, Outcome::Undetermined, |f| {
                f.at("product").fact(class).because(
                    "The product's US classification cannot be decided on the facts given (see the US assessment).",
                )
            });
        }
        _ => {
            c.add(Group::Note, rule, Outcome::NotApplicable, |f| {
                f.at("product").fact(class).because(
                    "In the US the product needs no FDA approval (see the US assessment); that says nothing about whether it works.",
                )
            });
        }
    }
}
