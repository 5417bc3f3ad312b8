//! The clinic offer: what a clinic proposes to a patient, what it told them, what it claims and
//! the trial evidence it cites.

use crate::table::vocab;
use crate::{
    Age, ApprovedProduct, CatalogKey, CellCount, CurrencyCode, Indication, Jurisdiction,
    MoneyAmount, NctId, Product, RuleId, Text, ValueError,
};
use serde::{Deserialize, Serialize};
use std::fmt;

/// **What the crate knows about a kind of marketing claim**: one row of the [`ClaimKind`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct ClaimInfo {
    /// The rule that judges the claim.
    pub rule: RuleId,
    /// Why the claim is right or wrong, according to the source texts and references.
    pub what_the_texts_say: &'static str,
    /// Where that comes from.
    pub citation: &'static str,
}

vocab! {
    /// **A kind of claim a clinic makes about its cells**, each judged against the source texts.
    ///
    /// Claims come from the clinic's website, brochure or what its staff said. Each row holds why
    /// the claim is right or wrong and the rule ([`RuleId`]) that judges it in an offer; some
    /// claims are only wrong in context ("no rejection" is true of the patient's own cells,
    /// "FDA-approved" is true of Ryoncil for paediatric GvHD).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::RuleId;
    /// use msc_therapy::document::ClaimKind;
    ///
    /// let claim: ClaimKind = "becomes_new_tissue".parse()?;
    /// assert_eq!(claim.info().rule, RuleId::OfferClaimNewTissue);
    /// assert!(claim.info().what_the_texts_say.contains("signal"));
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum ClaimKind: ClaimInfo {
        /// The treatment "cures" a disease.
        Cures => "cures", "cures the disease", ClaimInfo {
            rule: RuleId::OfferClaimCure,
            what_the_texts_say: "MSCs calm inflammation and signal repair; for knee osteoarthritis patients report less pain for 12 to 24 months. 'Is it a cure? No.' They are not a time machine.",
            citation: "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'The Real-World Impact on Joints and Pain' and 'Manage Your Expectations'",
        };
        /// The injected cells turn into new cartilage, bone, heart or other organs.
        BecomesNewTissue => "becomes_new_tissue", "cells turn into new cartilage or organs", ClaimInfo {
            rule: RuleId::OfferClaimNewTissue,
            what_the_texts_say: "MSCs act by signalling (growth factors, exosomes, immune modulation) and mostly vanish after injection; turning into new tissue is a myth from the late 1990s, and they do not regrow a thick new layer of cartilage.",
            citation: "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", opening and 'The Real-World Impact on Joints and Pain'; \"Mesenchymal Stem Cells (MSC)\" overview, 'How It Works'; Caplan AI, Stem Cells Transl Med 2017;6(6):1445-1451",
        };
        /// The treatment helps a long list of unrelated conditions.
        TreatsManyConditions => "treats_many_conditions", "treats many unrelated conditions", ClaimInfo {
            rule: RuleId::OfferManyConditions,
            what_the_texts_say: "Strip-mall clinics 'promise to cure everything from autism to Alzheimer's'; FDA reads promotion as 'an unproven treatment for a myriad of diseases or conditions' as a sign the product is not for homologous use.",
            citation: "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Why the FDA Is Cracking Down'; FDA MM/HU guidance (2017, rev. 2020), homologous use",
        };
        /// The product is "FDA-approved" (for the offer's condition, or the conditions listed).
        FdaApproved => "fda_approved", "FDA-approved", ClaimInfo {
            rule: RuleId::OfferClaimFdaApproved,
            what_the_texts_say: "The only FDA-approved MSC product is Ryoncil (remestemcel-L-rknd, December 2024), for steroid-refractory acute GvHD in children; FDA lists stem cells, cord blood, amniotic fluid and Wharton's jelly products sold by clinics as unapproved.",
            citation: "FDA approval of Ryoncil, 18 Dec 2024; FDA, Important Patient and Consumer Information About Regenerative Medicine Therapies (2021)",
        };
        /// The product "contains live stem cells".
        ContainsLiveStemCells => "contains_live_stem_cells", "contains live stem cells", ClaimInfo {
            rule: RuleId::OfferClaimLiveStemCells,
            what_the_texts_say: "Many off-the-shelf amniotic and umbilical products, once processed and frozen, contain no living MSCs: published tests found no colony-forming (MSC-like) cells in any commercial umbilical-cord product tested.",
            citation: "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Why the FDA Is Cracking Down'; Berger DR et al., Am J Sports Med 2021 (PMID 34398643); Panero AJ et al., Am J Sports Med 2019",
        };
        /// Donor cells cause "no rejection".
        NoRejection => "no_rejection", "no rejection of donor cells", ClaimInfo {
            rule: RuleId::OfferClaimNoRejection,
            what_the_texts_say: "MSCs carry few of the markers that trigger rejection, so donor cells can *theoretically* be given without anti-rejection drugs; that is low immunogenicity, not a guarantee.",
            citation: "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'The Future: Off-the-Shelf Healing'",
        };
        /// The treatment is as good as or better than approved or standard treatments (surgery,
        /// steroid injections, painkillers, "FDA-approved treatments").
        SuperiorToStandardCare => "superior_to_standard_care", "better than approved or standard treatments", ClaimInfo {
            rule: RuleId::OfferClaimSuperiority,
            what_the_texts_say: "A claim that a treatment is comparable or superior to another is a health claim that needs competent and reliable scientific evidence, generally randomized controlled trials that compare the two; the FTC charged stem cell clinics that said their injections were better than surgery, steroid injections or FDA-approved treatments without any such trial.",
            citation: "FTC Act ss. 5(a) and 12 (15 U.S.C. 45(a), 52); FTC, Health Products Compliance Guidance (Dec 2022); FTC and State of Georgia v. Peyroux et al. (Stem Cell Institute of America), N.D. Ga. No. 1:21-cv-03329-AT, complaint (Aug 2021) and summary judgment (11 Mar 2024); FTC v. Regenerative Medical Group, Inc. et al. (C.D. Cal., Oct 2018)",
        };
        /// Patient-satisfaction or "success rate" figures ("94 % of our patients improved").
        SatisfactionStatistics => "satisfaction_statistics", "patient-satisfaction or success-rate figures", ClaimInfo {
            rule: RuleId::OfferClaimSatisfaction,
            what_the_texts_say: "How satisfied past customers say they are is not evidence that a treatment works: it has no control group and no blinding, and a clinic chooses whom it asks. Only a completed Phase II or III trial for the condition counts. Patients who paid $14,900 sued a clinic that advertised that 100 % of its prior patients were satisfied, and the court let the claim proceed.",
            citation: "FTC, Health Products Compliance Guidance (Dec 2022); FTC Guides Concerning the Use of Endorsements and Testimonials in Advertising, 16 CFR 255.2 (as revised 2023); Moorer v. StemGenex Medical Group, Inc., S.D. Cal. No. 3:16-cv-02816, order of 6 Apr 2017; \"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Look Up the Research'",
        };
        /// Patient testimonials or stories offered as evidence ("she walked again").
        Testimonials => "testimonials", "patient testimonials offered as evidence", ClaimInfo {
            rule: RuleId::OfferClaimTestimonials,
            what_the_texts_say: "A testimonial cannot show what the clinic itself could not: an advertiser needs the same scientific evidence for what its testimonials say as for its own claims. A story is not a trial; the FTC cited a video of a girl who 'spoke her first words' after treatment among a clinic's unsupported claims.",
            citation: "FTC Guides Concerning the Use of Endorsements and Testimonials in Advertising, 16 CFR 255.1(a) and 255.2 (as revised 2023); FTC v. Regenerative Medical Group, Inc. et al. (C.D. Cal., Oct 2018); \"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Look Up the Research'",
        };
    }
}

/// **One claim a clinic makes**: its kind, the conditions it names and its wording.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::document::{Claim, ClaimKind};
/// use msc_therapy::vocab::Indication;
///
/// let claim: Claim = serde_json::from_str(
///     r#"{"kind": "fda_approved", "indications": ["knee_osteoarthritis"], "wording": "FDA-approved stem cells"}"#,
/// ).unwrap();
/// assert_eq!(claim.kind, ClaimKind::FdaApproved);
/// assert_eq!(claim.indications, Some(vec![Indication::KneeOsteoarthritis]));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// What kind of claim it is.
    pub kind: ClaimKind,
    /// The conditions the claim names ("FDA-approved for knee arthritis", "treats autism,
    /// Alzheimer's, …"). `[]` states that the claim names no condition, so it is about the
    /// offer's own indication. Absent: not recorded, so the conditions it covers are an open
    /// question (a claim of FDA approval whose conditions are unknown cannot be checked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indications: Option<Vec<Indication>>,
    /// The clinic's words, as quoted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wording: Option<Text>,
}

impl Claim {
    /// A claim of this kind that names no condition (so it is about the offer's own
    /// indication), with no wording.
    #[must_use]
    pub const fn new(kind: ClaimKind) -> Self {
        Self {
            kind,
            indications: Some(Vec::new()),
            wording: None,
        }
    }

    /// The conditions the claim is about: those it names, or `own` (the offer's indication)
    /// when it names none; `None` when they are not recorded.
    #[must_use]
    pub fn conditions(&self, own: Indication) -> Option<Vec<Indication>> {
        match &self.indications {
            None => None,
            Some(list) if list.is_empty() => Some(vec![own]),
            Some(list) => Some(list.clone()),
        }
    }
}

vocab! {
    /// **A clinical trial phase, as ClinicalTrials.gov names it** (API v2 `designModule.phases`).
    ///
    /// Phase 1 tests safety in a few people; Phase 2 looks for a signal that the treatment works
    /// and finds a dose; Phase 3 compares it with standard care in many patients; Phase 4 follows
    /// an approved product. `NA` is for studies without phases (e.g. device or behavioural
    /// studies). A combined "Phase 1/2" trial is recorded as two phases, `["PHASE1", "PHASE2"]`:
    /// the registry has no combined value.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::document::TrialPhase;
    ///
    /// assert_eq!("EARLY_PHASE1".parse::<TrialPhase>()?, TrialPhase::EarlyPhase1);
    /// assert_eq!(TrialPhase::Phase3.to_string(), "PHASE3");
    /// assert!(TrialPhase::Phase2.is_phase2_or_3());
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    pub enum TrialPhase {
        /// Early Phase 1 (formerly "Phase 0"): exploratory, very few people.
        EarlyPhase1 => "EARLY_PHASE1", "Early Phase 1";
        /// Phase 1: safety and dose in a small group.
        Phase1 => "PHASE1", "Phase 1";
        /// Phase 2: first evidence of effect, in a larger group.
        Phase2 => "PHASE2", "Phase 2";
        /// Phase 3: confirmation against standard care in many patients.
        Phase3 => "PHASE3", "Phase 3";
        /// Phase 4: studies after approval.
        Phase4 => "PHASE4", "Phase 4";
        /// Not applicable: a study without phases.
        NotApplicable => "NA", "Not Applicable";
    }
}

impl TrialPhase {
    /// Phase 2 or Phase 3: the phases a patient is told to look for ("Mesenchymal Stem Cells:
    /// What Science Is Actually Getting Right (and Wrong)", 'Look Up the Research').
    #[must_use]
    pub const fn is_phase2_or_3(self) -> bool {
        matches!(self, Self::Phase2 | Self::Phase3)
    }
}

vocab! {
    /// **The overall recruitment status of a trial, as ClinicalTrials.gov names it**
    /// (API v2 `overallStatus`).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::document::TrialStatus;
    ///
    /// assert_eq!("COMPLETED".parse::<TrialStatus>()?, TrialStatus::Completed);
    /// assert_eq!(TrialStatus::ALL.len(), 14);
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum TrialStatus {
        /// Running, no longer enrolling.
        ActiveNotRecruiting => "ACTIVE_NOT_RECRUITING", "Active, not recruiting";
        /// Finished normally.
        Completed => "COMPLETED", "Completed";
        /// Enrolling people chosen by invitation.
        EnrollingByInvitation => "ENROLLING_BY_INVITATION", "Enrolling by invitation";
        /// Not yet enrolling.
        NotYetRecruiting => "NOT_YET_RECRUITING", "Not yet recruiting";
        /// Enrolling.
        Recruiting => "RECRUITING", "Recruiting";
        /// Halted, may resume.
        Suspended => "SUSPENDED", "Suspended";
        /// Stopped early, will not resume.
        Terminated => "TERMINATED", "Terminated";
        /// Stopped before enrolling anyone.
        Withdrawn => "WITHDRAWN", "Withdrawn";
        /// Expanded access: available.
        Available => "AVAILABLE", "Available";
        /// Expanded access: no longer available.
        NoLongerAvailable => "NO_LONGER_AVAILABLE", "No longer available";
        /// Expanded access: temporarily not available.
        TemporarilyNotAvailable => "TEMPORARILY_NOT_AVAILABLE", "Temporarily not available";
        /// Expanded access: the product was approved for marketing.
        ApprovedForMarketing => "APPROVED_FOR_MARKETING", "Approved for marketing";
        /// Expanded access: the record is withheld.
        Withheld => "WITHHELD", "Withheld";
        /// Status not verified for a long time.
        Unknown => "UNKNOWN", "Unknown status";
    }
}

vocab! {
    /// **What a trial found for its primary endpoint**, as the offer (or the patient's own
    /// look-up) reports it. Only [`TrialResult::Positive`] counts as evidence that a treatment
    /// works.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::document::TrialResult;
    ///
    /// assert_eq!("not_reported".parse::<TrialResult>()?, TrialResult::NotReported);
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum TrialResult {
        /// The primary endpoint was met.
        Positive => "positive", "positive (primary endpoint met)";
        /// The primary endpoint was missed.
        Negative => "negative", "negative (primary endpoint missed)";
        /// Some endpoints met, others not, or results disputed.
        Mixed => "mixed", "mixed";
        /// No results reported (yet).
        NotReported => "not_reported", "not reported";
    }
}

/// **The phases of one trial**: at least one, none twice, and `NA` only on its own.
///
/// # Examples
///
/// ```
/// use msc_therapy::document::{TrialPhase, TrialPhases};
///
/// let phases = TrialPhases::new(vec![TrialPhase::Phase1, TrialPhase::Phase2])?;
/// assert!(phases.includes_phase2_or_3());
/// assert_eq!(
///     TrialPhases::new(vec![]).unwrap_err().to_string(),
///     "trial phases must not be empty"
/// );
/// # Ok::<(), msc_therapy::document::ValueError>(())
/// ```
///
/// # Errors
///
/// [`ValueError::Empty`] for no phase, [`ValueError::Duplicate`] for a phase listed twice,
/// [`ValueError::Malformed`] for `NA` combined with a phase.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(into = "Vec<TrialPhase>")]
pub struct TrialPhases(Vec<TrialPhase>);

impl<'de> Deserialize<'de> for TrialPhases {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::new(Vec::deserialize(deserializer)?).map_err(crate::error::invalid_value)
    }
}

impl TrialPhases {
    /// Validates and wraps a list of phases.
    ///
    /// # Errors
    ///
    /// See the type's documentation.
    pub fn new(phases: Vec<TrialPhase>) -> Result<Self, ValueError> {
        const WHAT: &str = "trial phases";
        if phases.is_empty() {
            return Err(ValueError::Empty { what: WHAT });
        }
        for (i, phase) in phases.iter().enumerate() {
            if phases.iter().skip(i + 1).any(|p| p == phase) {
                return Err(ValueError::Duplicate {
                    what: WHAT,
                    key: phase.code().to_owned(),
                });
            }
        }
        if phases.len() > 1 && phases.contains(&TrialPhase::NotApplicable) {
            return Err(ValueError::Malformed {
                what: WHAT,
                expected: "NA on its own, not combined with a phase",
                value: phases
                    .iter()
                    .map(|p| p.code())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        Ok(Self(phases))
    }

    /// The phases, in the order given.
    #[must_use]
    pub fn as_slice(&self) -> &[TrialPhase] {
        &self.0
    }

    /// The trial is (at least partly) a Phase 2 or Phase 3 trial.
    #[must_use]
    pub fn includes_phase2_or_3(&self) -> bool {
        self.0.iter().any(|p| p.is_phase2_or_3())
    }
}

impl fmt::Display for TrialPhases {
    /// The phases' labels, joined by ", ", in the order given: `Phase 1, Phase 2`.
    ///
    /// ```
    /// use msc_therapy::document::{TrialPhase, TrialPhases};
    ///
    /// let phases = TrialPhases::new(vec![TrialPhase::Phase1, TrialPhase::Phase2])?;
    /// assert_eq!(phases.to_string(), "Phase 1, Phase 2");
    /// # Ok::<(), msc_therapy::document::ValueError>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, phase) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(phase.label())?;
        }
        Ok(())
    }
}

impl TryFrom<Vec<TrialPhase>> for TrialPhases {
    type Error = ValueError;
    fn try_from(value: Vec<TrialPhase>) -> Result<Self, ValueError> {
        Self::new(value)
    }
}

impl From<TrialPhases> for Vec<TrialPhase> {
    fn from(value: TrialPhases) -> Self {
        value.0
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for TrialPhases {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TrialPhases".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut schema = generator.subschema_for::<Vec<TrialPhase>>();
        schema.insert("minItems".to_owned(), 1.into());
        schema.insert("uniqueItems".to_owned(), true.into());
        // `NA` only on its own: a list of two or more must not contain it.
        schema.insert(
            "not".to_owned(),
            schemars::json_schema!({"minItems": 2, "contains": {"const": "NA"}}).to_value(),
        );
        schema
    }
}

/// **One clinical trial a clinic cites (or the patient found) as evidence.**
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::document::{TrialEvidence, TrialStatus};
///
/// let trial: TrialEvidence = serde_json::from_str(r#"{
///     "nct_id": "NCT02336230", "phases": ["PHASE3"], "status": "COMPLETED",
///     "indication": "graft_versus_host_disease", "result": "positive"
/// }"#).unwrap();
/// assert_eq!(trial.status, TrialStatus::Completed);
/// assert!(trial.is_completed_positive_phase2_or_3());
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TrialEvidence {
    /// The ClinicalTrials.gov registry number.
    pub nct_id: NctId,
    /// The trial's phases.
    pub phases: TrialPhases,
    /// The overall status.
    pub status: TrialStatus,
    /// The condition studied.
    pub indication: Indication,
    /// What it found.
    pub result: TrialResult,
}

impl TrialEvidence {
    /// A completed Phase 2 or 3 trial whose primary endpoint was met.
    #[must_use]
    pub fn is_completed_positive_phase2_or_3(&self) -> bool {
        self.phases.includes_phase2_or_3()
            && self.status == TrialStatus::Completed
            && self.result == TrialResult::Positive
    }
}

/// **What the clinic told the patient**, as distinct from laboratory data in the product record.
///
/// The checklist of "Mesenchymal Stem Cells: What Science Is Actually Getting Right (and
/// Wrong)" is about disclosure: a clinic that cannot say how many live cells it injects should
/// be walked out on, whatever its laboratory may know. A field left
/// out means the clinic did not disclose it (or the patient does not know whether it did).
///
/// # Examples
///
/// ```
/// use msc_therapy::document::Disclosures;
/// use msc_therapy::vocab::CellCount;
///
/// let told = Disclosures {
///     live_nucleated_cells: Some(CellCount::new(2.5e7)?),
///     ..Disclosures::default()
/// };
/// assert!(told.certificate_of_analysis_shown.is_none());
/// # Ok::<(), msc_therapy::document::ValueError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Disclosures {
    /// The number of live, nucleated cells per injection that the clinic stated. Absent: the
    /// clinic did not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live_nucleated_cells: Option<CellCount>,
    /// The clinic said where the cells come from (which tissue) and whose they are (the
    /// patient's own or a donor's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_disclosed: Option<bool>,
    /// The clinic showed the certificate of analysis of the lot, with its viability result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_of_analysis_shown: Option<bool>,
    /// The registered trial under which the treatment is given, if it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trial_registration: Option<NctId>,
    /// The FDA Investigational New Drug application (IND) number under which the clinic says
    /// the treatment is given, as the clinic gives it. Absent: the clinic named none. A
    /// registration on ClinicalTrials.gov is not an IND: the registry lists studies FDA never
    /// reviewed (Turner, Regen Med 2017;12(6):705-719). The crate cannot check the number;
    /// FDA tells patients to ask for it and for FDA's letter acknowledging it (FDA, Public
    /// Safety Notification on Exosome Products, 6 Dec 2019).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ind_number: Option<Text>,
}

/// **The price the clinic quotes.**
///
/// # Examples
///
/// ```
/// use msc_therapy::document::Price;
/// use msc_therapy::vocab::{CurrencyCode, MoneyAmount};
///
/// let price = Price { currency: CurrencyCode::new("USD")?, amount: MoneyAmount::new(5000.0)?, covers: None };
/// assert_eq!(price.amount.get(), 5000.0);
/// # Ok::<(), msc_therapy::document::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Price {
    /// The currency.
    pub currency: CurrencyCode,
    /// The amount.
    pub amount: MoneyAmount,
    /// What the price covers ("one injection", "course of three").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covers: Option<Text>,
}

/// **A test of the product's content by someone other than the clinic**: a regulator or public
/// health agency, a research group that bought the product, a laboratory the patient paid.
///
/// What a clinic says its vial holds ("10 million live stem cells") is a claim; a measurement
/// of the product is evidence, and where the two disagree the measurement wins
/// ([`crate::RuleId::OfferContentTest`]). Published tests of commercial birth-tissue products
/// found no MSCs where MSCs were sold: "MSCs could not be identified in the commercial
/// [amniotic fluid products]" (Panero AJ et al., Am J Sports Med 2019), no colony-forming cells
/// in any umbilical cord product tested (Berger DR et al., 2021, PMID 34398643); CDC found
/// bacteria in unopened vials of a cord-blood "stem cell" product (MMWR 2018;67(50):1397-1399).
///
/// A test can only count against the offer: one sample found sound says little about the lot
/// the patient would get, which is what the certificate of analysis and the release data are
/// for. A field left out was not reported by the test.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::document::ContentTest;
///
/// let test: ContentTest = serde_json::from_str(r#"{
///     "tested_by": "University laboratory",
///     "msc_found": false,
///     "finding": "no colony-forming cells; most nucleated cells dead"
/// }"#).unwrap();
/// assert_eq!(test.msc_found, Some(false));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ContentTest {
    /// Who tested the product: the agency, research group or laboratory.
    pub tested_by: Text,
    /// When the test was done or reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tested_on: Option<crate::IsoDate>,
    /// Where the result is published or recorded (a paper, a report's number, a letter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Text>,
    /// The live nucleated cells the test counted, per injection (per vial, when one vial is
    /// one injection): the unit of [`Disclosures::live_nucleated_cells`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live_nucleated_cells: Option<CellCount>,
    /// Whether the test found MSC-like cells (colony-forming cells, or cells with the MSC
    /// identity markers). `false`: it looked for them and found none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub msc_found: Option<bool>,
    /// Whether the test found bacteria or fungi in the product. `false`: it looked and found
    /// none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contamination_found: Option<bool>,
    /// What the test found, in words ("no MSCs detected; mostly leukocytes").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<Text>,
}

impl ContentTest {
    /// A test by `tested_by` that reports nothing yet.
    #[must_use]
    pub const fn new(tested_by: Text) -> Self {
        Self {
            tested_by,
            tested_on: None,
            reference: None,
            live_nucleated_cells: None,
            msc_found: None,
            contamination_found: None,
            finding: None,
        }
    }
}

/// **Repeat ("booster") treatments the clinic sells after the first one.**
///
/// # Examples
///
/// ```
/// use msc_therapy::document::{Boosters, Price};
/// use msc_therapy::vocab::{CurrencyCode, MoneyAmount};
///
/// let boosters = Boosters {
///     recommended: Some(true),
///     price: Some(Price { currency: CurrencyCode::new("USD")?, amount: MoneyAmount::new(5000.0)?, covers: None }),
/// };
/// assert_eq!(boosters.price.unwrap().amount.get(), 5000.0);
/// # Ok::<(), msc_therapy::document::ValueError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Boosters {
    /// The clinic recommends or sells repeat treatments. `false`: it says none are needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommended: Option<bool>,
    /// The price of one repeat treatment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Price>,
}

/// **How the clinic markets and sells the treatment**: facts that consumer-protection and
/// drug law read, beside the claims ([`Claim`]).
///
/// Every field can only count against the offer: a fact left out was not recorded, and is not
/// asked about, since neither source text's checklist asks it; stating `false` records that the
/// fact was checked.
///
/// # Examples
///
/// ```
/// use msc_therapy::document::Marketing;
///
/// let mut sold = Marketing::default();
/// sold.pay_to_participate = Some(true);
/// assert!(sold.treatment_disclaimer.is_none());
/// assert!(!sold.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Marketing {
    /// The product's label, its seller's terms or the clinic say it is "for research use
    /// only", "not for human use" or "not intended to diagnose, treat, cure or prevent any
    /// disease" — and it is given to the patient all the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treatment_disclaimer: Option<bool>,
    /// The clinic presents the treatment as a study, trial or registry, and the patient pays
    /// to take part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_to_participate: Option<bool>,
    /// Repeat ("booster") treatments sold after the first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boosters: Option<Boosters>,
}

impl Marketing {
    /// Whether every field is left out (the default, not written to JSON).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

vocab! {
    /// **How a clinic follows a treated patient up**, as the "Mesenchymal Stem Cells (MSC)"
    /// overview describes monitoring: "clinical evaluation of symptom changes and sometimes
    /// imaging or laboratory tests to assess response".
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::document::FollowUpMethod;
    ///
    /// assert_eq!("imaging".parse::<FollowUpMethod>()?, FollowUpMethod::Imaging);
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum FollowUpMethod {
        /// A physician's clinical evaluation of symptom changes.
        ClinicalEvaluation => "clinical_evaluation", "clinical evaluation of symptom changes";
        /// Imaging (MRI, ultrasound, X-ray).
        Imaging => "imaging", "imaging";
        /// Laboratory tests (blood, markers of inflammation or of the disease).
        LaboratoryTests => "laboratory_tests", "laboratory tests";
        /// Questionnaires the patient fills in (pain and function scores).
        PatientReportedOutcomes => "patient_reported_outcomes", "patient-reported outcome questionnaires";
    }
}

/// **The clinic's plan for following the patient up after the treatment.**
///
/// The "Mesenchymal Stem Cells (MSC)" overview: candidates are monitored by "clinical
/// evaluation of symptom changes and sometimes imaging or laboratory tests to assess response",
/// and long-term safety is still being studied. FDA asks patients harmed by a regenerative
/// medicine product to report it (MedWatch), which a patient can only do well with someone to
/// call. A field left out was not stated ([`crate::RuleId::OfferFollowUp`] asks for it).
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::document::{FollowUpMethod, FollowUpPlan};
///
/// let plan: FollowUpPlan = serde_json::from_str(r#"{
///     "methods": ["clinical_evaluation", "imaging"],
///     "monitors": "knee pain and function scores; MRI at 12 months",
///     "months": 24,
///     "adverse_event_contact": "Study nurse, 24-hour line"
/// }"#).unwrap();
/// assert_eq!(plan.months, Some(24));
/// assert_eq!(plan.methods.unwrap()[1], FollowUpMethod::Imaging);
/// # }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FollowUpPlan {
    /// How the response is monitored. `[]` states that nothing is monitored; absent: not
    /// stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub methods: Option<Vec<FollowUpMethod>>,
    /// What is monitored, in words (symptoms, scores, scans).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitors: Option<Text>,
    /// For how many months after the treatment the patient is followed. `0` states that there
    /// is no follow-up after the day of treatment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    /// Whom the patient calls about a side effect or adverse event (a person, a service, a
    /// number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adverse_event_contact: Option<Text>,
}

vocab! {
    /// **A permission outside a marketing authorisation under which a clinic may give cells**,
    /// in the law where the offer is made.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::catalog::RegulatoryFramework;
    /// use msc_therapy::document::PermissionKind;
    ///
    /// assert_eq!(
    ///     PermissionKind::AsrmProvisionPlan.framework(),
    ///     Some(RegulatoryFramework::Japan)
    /// );
    /// ```
    #[non_exhaustive]
    pub enum PermissionKind {
        /// The EU hospital exemption (Directive 2001/83/EC Art 3(7), inserted by Regulation (EC)
        /// No 1394/2007 Art 28(2)): an advanced therapy medicinal product prepared on a
        /// non-routine basis and used in a hospital of the same Member State, under a
        /// physician's exclusive responsibility, for an individual patient, with the
        /// manufacture authorised by the Member State's competent authority. Recorded under
        /// this kind whatever national law calls it (Germany's § 4b AMG authorisation, Spain's
        /// authorisation of non-industrially manufactured ATMPs under Real Decreto 477/2014).
        HospitalExemption => "hospital_exemption", "EU hospital exemption";
        /// An authorisation a national authority grants outside the EU and Japanese schemes
        /// (Korea's approval of an advanced regenerative medicine treatment, for instance).
        NationalAuthorisation => "national_authorisation", "national authorisation";
        /// A regenerative medicine provision plan under Japan's Act on the Safety of
        /// Regenerative Medicine, reviewed by a certified committee and submitted to the
        /// Minister of Health, Labour and Welfare before the treatment is provided (Art 4).
        AsrmProvisionPlan => "asrm_provision_plan", "ASRM provision plan (Japan)";
    }
}

impl PermissionKind {
    /// The body of law the permission belongs to: the EU for a hospital exemption, Japan for
    /// an ASRM plan, a national law (`None`: any country the crate has no engine for) for a
    /// national authorisation.
    #[must_use]
    pub const fn framework(self) -> Option<crate::RegulatoryFramework> {
        match self {
            Self::HospitalExemption => Some(crate::RegulatoryFramework::EuropeanUnion),
            Self::AsrmProvisionPlan => Some(crate::RegulatoryFramework::Japan),
            Self::NationalAuthorisation => Some(crate::RegulatoryFramework::National),
        }
    }
}

/// **The permission the clinic says it gives the treatment under**, outside a marketing
/// authorisation: an EU hospital exemption, a national authorisation, a Japanese ASRM
/// provision plan.
///
/// A permission settles which route the treatment takes where it is given, never whether the
/// treatment works: a hospital exemption is not an EU-wide assessment of efficacy, and an ASRM
/// plan is reviewed by a committee for its conformity with the provision standards, not
/// approved as a product. The crate cannot check a reference number; the patient can ask the
/// authority.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::document::{Permission, PermissionKind};
///
/// let plan: Permission = serde_json::from_str(r#"{"kind": "asrm_provision_plan", "obtained": false}"#).unwrap();
/// assert_eq!(plan.kind, PermissionKind::AsrmProvisionPlan);
/// assert_eq!(plan.obtained, Some(false));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Permission {
    /// What kind of permission it is.
    pub kind: PermissionKind,
    /// Whether it was obtained: the exemption or authorisation granted, the provision plan
    /// submitted to the Minister. `false` states that the treatment is given without it.
    /// Absent: not stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub obtained: Option<bool>,
    /// The authority that granted it, or received the plan (Paul-Ehrlich-Institut, AEMPS,
    /// the Regional Bureau of Health and Welfare).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Text>,
    /// The decision's or the plan's reference number, as the clinic gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Text>,
    /// The date it was granted or submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dated: Option<crate::IsoDate>,
}

impl Permission {
    /// A permission of `kind` about which nothing else is stated.
    #[must_use]
    pub const fn new(kind: PermissionKind) -> Self {
        Self {
            kind,
            obtained: None,
            authority: None,
            reference: None,
            dated: None,
        }
    }
}

/// **The patient's situation**, as far as the source texts make it matter.
///
/// The "Mesenchymal Stem Cells (MSC)" overview: candidates are people "who have not fully responded to standard
/// treatments", and treatment belongs "under physician supervision in regulated settings". A
/// field left out is unknown, and the checklist treats it as an open question. The age, and
/// whether standard treatments were tried, also decide whether an authorised product is given
/// to the patients its label covers ([`crate::LabelPopulation`]).
///
/// # Examples
///
/// ```
/// use msc_therapy::document::PatientContext;
/// use msc_therapy::vocab::{Age, AgeUnit};
///
/// let patient = PatientContext {
///     age: Some(Age::new(9.0, AgeUnit::Years)?),
///     physician_supervised: Some(true),
///     ..PatientContext::default()
/// };
/// assert!(patient.regulated_setting.is_none());
/// # Ok::<(), msc_therapy::document::ValueError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PatientContext {
    /// The patient's age. Absent: not given, so whether a label restricted to some ages
    /// (Ryoncil: paediatric patients 2 months of age and older) covers the patient is an open
    /// question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<Age>,
    /// The patient has tried the standard treatments for the condition without enough benefit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard_treatments_tried: Option<bool>,
    /// A physician evaluates the patient and supervises the treatment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physician_supervised: Option<bool>,
    /// The treatment is given in a regulated setting: an approved product, a trial under an
    /// IND or equivalent, or a licensed facility working within its regulator's rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regulated_setting: Option<bool>,
}

/// **The authorised product an offer says it gives**, named by identity, never by a name.
///
/// Either the catalog's stable key or one of the authorisation numbers the regulator issued
/// (a BLA, an EU register or EMA product number, a Japanese approval number). A trade name is
/// not accepted: a clinic can call its product anything ("Ryoncil-style umbilical cells").
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::catalog::CatalogKey;
/// use msc_therapy::document::ProductReference;
///
/// let by_key: ProductReference = serde_json::from_str(r#"{"catalog_key": "ryoncil_us"}"#).unwrap();
/// assert_eq!(by_key.resolve().unwrap().key, CatalogKey::RyoncilUs);
/// let by_number: ProductReference =
///     serde_json::from_str(r#"{"authorisation_number": "EU/1/17/1261"}"#).unwrap();
/// assert_eq!(by_number.resolve().unwrap().key, CatalogKey::AlofiselEu);
/// let unknown: ProductReference =
///     serde_json::from_str(r#"{"authorisation_number": "BLA 999999"}"#).unwrap();
/// assert!(unknown.resolve().is_none());
/// # }
/// ```
///
/// # Errors
///
/// Reading one that names both is an error that says so, with the path of the reference:
/// `authorisation: `catalog_key` and `authorisation_number` are exclusive: an authorisation
/// names one product, by one of them`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum ProductReference {
    /// The key of a catalog entry.
    CatalogKey(CatalogKey),
    /// An authorisation number, as the clinic gives it.
    AuthorisationNumber(Text),
}

/// The members of a [`ProductReference`] object.
const REFERENCE_MEMBERS: &[&str] = &["catalog_key", "authorisation_number"];

/// The message for a [`ProductReference`] that gives both members.
const BOTH_REFERENCES: &str = "`catalog_key` and `authorisation_number` are exclusive: an \
     authorisation names one product, by one of them";

/// Reads `{"catalog_key": …}` or `{"authorisation_number": …}`. serde's derive for an enum
/// reports a second member as "trailing comma", which points at the wrong problem.
impl<'de> Deserialize<'de> for ProductReference {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{Error, MapAccess, Visitor};

        /// A member name: one of the two, anything else an unknown field (read as a key, so
        /// that the error's path ends with the unknown name).
        #[derive(Deserialize, PartialEq, Eq, Clone, Copy)]
        #[serde(field_identifier, rename_all = "snake_case")]
        enum Member {
            CatalogKey,
            AuthorisationNumber,
        }

        struct Reference;

        impl<'de> Visitor<'de> for Reference {
            type Value = ProductReference;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object with `catalog_key` or `authorisation_number`")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut reference: Option<(Member, ProductReference)> = None;
                while let Some(member) = map.next_key::<Member>()? {
                    if let Some((first, _)) = reference {
                        return Err(if first == member {
                            A::Error::duplicate_field(REFERENCE_MEMBERS[member as usize])
                        } else {
                            A::Error::custom(BOTH_REFERENCES)
                        });
                    }
                    let read = match member {
                        Member::CatalogKey => ProductReference::CatalogKey(map.next_value()?),
                        Member::AuthorisationNumber => {
                            ProductReference::AuthorisationNumber(map.next_value()?)
                        }
                    };
                    reference = Some((member, read));
                }
                reference.map(|(_, read)| read).ok_or_else(|| {
                    A::Error::custom(
                        "an authorisation names its product by `catalog_key` or \
                         `authorisation_number`; it gives neither",
                    )
                })
            }
        }

        deserializer.deserialize_map(Reference)
    }
}

impl ProductReference {
    /// The catalog entry this reference names; `None` for a number the catalog does not hold.
    #[must_use]
    pub fn resolve(&self) -> Option<&'static ApprovedProduct> {
        match self {
            Self::CatalogKey(key) => Some(key.product()),
            Self::AuthorisationNumber(number) => ApprovedProduct::by_number(number.as_str()),
        }
    }
}

/// **A clinic's offer of MSC treatment to a patient**: the input document of
/// [`crate::evaluate_offer`].
///
/// It ties the [`Product`] record (where the cells come from, how they are prepared and given)
/// to the condition the patient wants treated, what the clinic disclosed, the claims it makes,
/// the trial evidence it cites, its price and the patient's situation — and to where the
/// treatment is given ([`Jurisdiction`]) and the authorised product it claims to be
/// ([`ProductReference`]), which decide the law and the approval it is judged against.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::ClinicOffer;
/// use msc_therapy::document::ClaimKind;
/// use msc_therapy::vocab::Indication;
///
/// let offer = ClinicOffer::from_json(r#"{
///     "product": {"name": "Umbilical stem cell shot", "tissue": "whartons_jelly"},
///     "indication": "knee_osteoarthritis",
///     "claims": [{"kind": "fda_approved"}]
/// }"#)?;
/// assert_eq!(offer.indication, Indication::KneeOsteoarthritis);
/// assert_eq!(offer.indication.listed(), Some(Indication::KneeOsteoarthritis));
/// assert_eq!(offer.claims.unwrap()[0].kind, ClaimKind::FdaApproved);
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
///
/// # Errors
///
/// [`ClinicOffer::from_json`] returns a [`crate::DocumentError`] naming the failing field, e.g.
/// `evidence[0].nct_id: NCT id must be NCT followed by 8 digits, got "NCT123"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ClinicOffer {
    /// The clinic's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clinic: Option<Text>,
    /// Where the treatment is given. Absent: not stated, so which law applies is an open
    /// question (the crate does not assume the United States).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<Jurisdiction>,
    /// The authorised product the clinic says it gives, by catalog key or authorisation
    /// number. Absent: the offer claims no authorised product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorisation: Option<ProductReference>,
    /// The product or procedure offered.
    pub product: Product,
    /// The condition the patient wants treated: a listed [`Indication`] by its machine name
    /// (`"knee_osteoarthritis"`), or a condition outside the list as a diagnosis code and its
    /// wording (`{"coding": {"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "H35.30"},
    /// "text": "macular degeneration"}`), as in a product's `intended_use.indications`
    /// ([`crate::CodedCondition`]). Every document that names a listed term keeps parsing.
    ///
    /// The rules read a condition outside the list so that the offer gains nothing from it: no
    /// catalog product is authorised for it, no cited trial ([`TrialEvidence`] names listed
    /// conditions) is for it, no label dose compares with it, it counts as a family of
    /// conditions of its own, and the expectations for joints are not given.
    pub indication: crate::StatedIndication,
    /// What the clinic told the patient.
    #[serde(default)]
    pub disclosures: Disclosures,
    /// Tests of the product's content by someone other than the clinic. Absent and `[]` mean
    /// the same — none is recorded — and no rule asks for one: a test can only count against
    /// the offer ([`ContentTest`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content_tests: Vec<ContentTest>,
    /// How the clinic markets and sells the treatment.
    #[serde(default, skip_serializing_if = "Marketing::is_empty")]
    pub marketing: Marketing,
    /// The clinic's plan for following the patient up. Absent: not stated, which the checklist
    /// asks about ([`crate::RuleId::OfferFollowUp`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUpPlan>,
    /// The permission outside a marketing authorisation the clinic says it gives the treatment
    /// under (a hospital exemption, a national authorisation, an ASRM provision plan). Absent:
    /// none is named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission: Option<Permission>,
    /// The claims the clinic makes. `[]` records that it makes none; absent means they were not
    /// recorded, which leaves the claims an open question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claims: Option<Vec<Claim>>,
    /// The trials cited as evidence. Absent and `[]` mean the same — no trial is cited — and
    /// the checklist reads both as the least favourable answer ("no trial is cited": ask first,
    /// you would be an n=1 experiment), never as a good sign: only a cited, completed, positive
    /// Phase II or III trial for the condition counts for the offer. So an absent list needs no
    /// third state.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<TrialEvidence>,
    /// The price quoted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Price>,
    /// The patient's situation.
    #[serde(default)]
    pub patient: PatientContext,
}

impl ClinicOffer {
    /// An offer of `product` for `indication` (a listed [`Indication`] or a
    /// [`crate::CodedCondition`]), with nothing disclosed, cited or recorded about its place,
    /// authorisation or claims.
    #[must_use]
    pub fn new(product: Product, indication: impl Into<crate::StatedIndication>) -> Self {
        Self {
            clinic: None,
            jurisdiction: None,
            authorisation: None,
            product,
            indication: indication.into(),
            disclosures: Disclosures::default(),
            content_tests: Vec::new(),
            marketing: Marketing::default(),
            follow_up: None,
            permission: None,
            claims: None,
            evidence: Vec::new(),
            price: None,
            patient: PatientContext::default(),
        }
    }

    /// Reads an offer document from JSON.
    ///
    /// # Errors
    ///
    /// A [`crate::DocumentError`] with the path of the failing field: malformed JSON, an
    /// unknown field, a wrong enum name or a value outside its domain.
    #[cfg(feature = "json")]
    pub fn from_json(json: &str) -> Result<Self, crate::DocumentError> {
        crate::error::from_json(json)
    }

    /// Every listed condition the offer is for or claims to treat: its indication, the
    /// conditions named in its claims and in the product's intended use, each once, in that
    /// order. The second value is `true` when the list is complete: the claims are recorded,
    /// every claim's conditions are recorded, and the product's intended use states its
    /// indications. An offer's condition outside the list is not in it (see
    /// [`ClinicOffer::indication`]).
    #[must_use]
    pub fn claimed_conditions(&self) -> (Vec<Indication>, bool) {
        let (all, complete) = crate::rules::offer::claimed_conditions(self);
        (all.into_vec(), complete)
    }
}
