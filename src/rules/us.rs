//! US classification under 21 CFR Part 1271: not an HCT/P, excepted under the same surgical
//! procedure exception, a Section 361 HCT/P, or a Section 351 drug / biological product.
//!
//! The steps follow the order of FDA's own flowchart (MM/HU guidance, 2017, rev. 2020):
//!
//! 1. is the product an HCT/P at all (21 CFR 1271.3(d))?
//! 2. does the same surgical procedure exception apply (21 CFR 1271.15(b))?
//! 3. does it meet each of the four criteria of 21 CFR 1271.10(a)?
//! 4. the outcome: 361 only when every criterion is affirmatively met; 351 when any fails
//!    (21 CFR 1271.20); undetermined, with the missing facts, otherwise.
//!
//! Classification never formats strings: every reason is a `&'static str` and every fact a
//! machine name or a number, so the function can run in a loop.

use crate::determination;
use crate::rules::homologous::{self, HomologousVerdict};
use crate::table::vocab;
use crate::{AddedArticle, Basis, Codes, FactValue, Facts, Paths};
use crate::{
    CellPreparation, Determined, Donor, Fact, FdaTissueClass, Finding, ManipulationLevel,
    Mechanism, Outcome, ProcessingStep, Product, RuleId, Severity, Text, TissueSource,
};
use smallvec::SmallVec;

/// A short list of machine names, kept on the stack.
type CodeBuf = SmallVec<[&'static str; 8]>;
/// Vocabulary terms gathered on the stack before they become a fact.
type TermBuf<T> = SmallVec<[T; 8]>;
/// A short list of processing steps, kept on the stack.
type StepBuf = SmallVec<[ProcessingStep; 8]>;
use serde::Serialize;
use std::fmt;

/// **The number of unrelated indication categories from which an offer becomes "an unproven
/// treatment for a myriad of diseases or conditions"**, and so not for homologous use only.
///
/// FDA's MM/HU guidance (2017, rev. 2020, section IV, Q17, after Example 17-2) says that an HCT/P intended "for
/// use as an unproven treatment for a myriad of diseases or conditions" is likely not intended for
/// homologous use only, but gives no number. The crate draws the line at conditions from three
/// or more distinct [`IndicationCategory`](crate::IndicationCategory) values (e.g. knee osteoarthritis, multiple sclerosis and
/// autism): a single source tissue has no basic function that spans three unrelated families of
/// disease. It is a documented policy choice, not a figure from FDA.
///
/// # Examples
///
/// ```
/// assert_eq!(msc_therapy::US_MYRIAD_INDICATION_CATEGORIES, 3);
/// ```
pub const US_MYRIAD_INDICATION_CATEGORIES: usize = 3;

/// **What the crate knows about a US classification**: one row of the [`UsClassification`]
/// table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct UsClassificationInfo {
    /// What follows for the product and its maker, in one sentence.
    pub consequence: &'static str,
    /// Where that consequence comes from.
    pub citation: &'static str,
}

const fn consequence(consequence: &'static str, citation: &'static str) -> UsClassificationInfo {
    UsClassificationInfo {
        consequence,
        citation,
    }
}

vocab! {
    /// **How US law classifies a cell or tissue product under 21 CFR Part 1271.**
    ///
    /// An *HCT/P* is a human cell, tissue, or cellular or tissue-based product: human cells or
    /// tissue meant to be implanted, transplanted, infused or transferred into a patient
    /// (21 CFR 1271.3(d)). Section 361 of the Public Health Service (PHS) Act lets FDA prevent the
    /// spread of communicable disease; an HCT/P that meets all four criteria of 21 CFR 1271.10(a)
    /// is regulated *solely* under that section (a "361 HCT/P": register and list, no premarket
    /// approval). One that fails any criterion is a drug or biological product under section 351
    /// ("351": an IND to study it, a BLA to market it). A surgeon who removes a patient's tissue
    /// and puts it back in the same operation falls outside Part 1271 altogether
    /// (21 CFR 1271.15(b)).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::UsClassification;
    ///
    /// let c: UsClassification = "section_351_product".parse()?;
    /// assert_eq!(c, UsClassification::Section351Product);
    /// assert!(c.info().citation.contains("1271.20"));
    /// # Ok::<(), msc_therapy::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum UsClassification: UsClassificationInfo {
        /// Not an HCT/P: an exclusion of 21 CFR 1271.3(d) applies (animal cells, a blood product
        /// such as PRP, a secreted or cell-free product, or minimally manipulated bone marrow for
        /// homologous use). Part 1271 does not apply; other FDA law may.
        NotAnHctp => "not_an_hctp", "not an HCT/P", consequence(
            "Part 1271 does not apply; other FDA law may: platelet-rich plasma is a blood product, and FDA regulates exosome and other cell-free products as drugs and biological products and has approved none. Which FDA law applies, and whether the product needs an approval or an IND, is a question for FDA (a Request for Designation, 21 CFR Part 3).",
            "21 CFR 1271.3(d); FDA MM/HU guidance (2017, rev. 2020), section V.A; FDA, Public Safety Notification on Exosome Products (Dec 2019)",
        );
        /// Removed from and put back into the same patient in one surgical procedure, still
        /// "such HCT/P": the establishment need not comply with Part 1271.
        ExceptedSameSurgicalProcedure => "excepted_same_surgical_procedure", "excepted: same surgical procedure", consequence(
            "The establishment is not required to comply with Part 1271 for this procedure (no registration, listing, donor eligibility or current good tissue practice requirements), as long as every condition of the exception holds.",
            "21 CFR 1271.15(b); FDA Same Surgical Procedure Exception guidance (Nov 2017); FDA MM/HU guidance section V.A",
        );
        /// Meets every criterion of 21 CFR 1271.10(a): regulated solely under section 361 of the
        /// PHS Act and Part 1271.
        Section361Hctp => "section_361_hctp", "Section 361 HCT/P", consequence(
            "Regulated solely under PHS Act section 361 and Part 1271: the establishment must register and list each HCT/P with FDA (within 5 days of starting operations, updated every December) and comply with the rest of Part 1271; no premarket approval.",
            "21 CFR 1271.10(b), 1271.21(a)-(b)",
        );
        /// Fails at least one criterion of 21 CFR 1271.10(a) and no exception applies: a drug
        /// and/or biological product under section 351 of the PHS Act.
        Section351Product => "section_351_product", "Section 351 drug / biological product", consequence(
            "Regulated as a drug and/or biological product: an IND (21 CFR 312) is needed to study it in people and a BLA (PHS Act 351(a), 42 U.S.C. 262(a)) to market it; the establishment also registers and lists under 21 CFR 1271.1(b)(2).",
            "21 CFR 1271.20; PHS Act section 351; FDA MM/HU guidance Q23-Q25",
        );
        /// A fact the decision needs is missing. Never read as 361: until the facts are supplied
        /// the product has not been shown to meet the criteria.
        Undetermined => "undetermined", "undetermined", consequence(
            "The product cannot be classified on the facts given: supply the missing facts. It has not been shown to meet the 361 criteria, so it must not be treated as a 361 HCT/P; FDA's Tissue Reference Group or a Request for Designation (21 CFR Part 3) gives a formal answer.",
            "21 CFR 1271.10(a), 1271.20; FDA MM/HU guidance Q26",
        );
    }
}

/// **The US classification of one product, with the reasons for it**: the outcome, the finding
/// of every step, the criteria that failed and the facts that were missing.
///
/// Returned by [`classify_us`]. `Display` renders a short regulatory memo: a heading with the
/// product's name and outcome, the consequence, the criteria that failed, the missing facts, then
/// one line per step (met / not met / undetermined / not applicable, with reason, facts and
/// citation).
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{classify_us, Product, RuleId, UsClassification};
///
/// let ryoncil = Product::from_json(r#"{
///     "name": "Ryoncil (remestemcel-L)",
///     "preparation": "culture_expanded_msc",
///     "tissue": "bone_marrow",
///     "donor": "allogeneic_unrelated",
///     "processing": {"steps": ["culture_expansion", "cryopreservation"], "added_articles": ["storage_agent"]},
///     "intended_use": {"functions": ["immunomodulation"], "indications": ["graft_versus_host_disease"]},
///     "mechanisms": ["immunomodulation"]
/// }"#)?;
/// let report = classify_us(&ryoncil, jiff::civil::date(2026, 12, 7));
/// assert_eq!(report.classification, UsClassification::Section351Product);
/// assert!(report.failed.contains(&RuleId::UsMinimalManipulation));
/// assert!(report.to_string().contains("Section 351"));
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
///
/// In JSON the full form writes the `consequence` and `citation` of the classification; the
/// [`Compact`](crate::Compact) form leaves that table text out, as it leaves out each finding's
/// summary and citation. Either form reads back into the same assessment: the text is looked up
/// from the classification when it is left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct UsAssessment {
    /// The product's name, as the record gives it.
    pub product: Text,
    /// The outcome.
    pub classification: UsClassification,
    /// What the outcome means for the product (from the [`UsClassification`] table).
    #[serde(skip_serializing_if = "crate::finding::table_text_implied")]
    pub consequence: &'static str,
    /// Where that consequence comes from.
    #[serde(skip_serializing_if = "crate::finding::table_text_implied")]
    pub citation: &'static str,
    /// The date the assessment applied (the caller's evaluation date).
    pub evaluated_on: crate::IsoDate,
    /// One finding per step, in the order of FDA's flowchart: `us.cfr1271.3.d`,
    /// `us.cfr1271.15.b`, then `us.cfr1271.10.a.1` to `.a.4`. Steps after the one that decided
    /// the outcome are [`Outcome::NotApplicable`]. Then one `us.determination` finding per
    /// determination the record holds for a US rule ([`crate::Determination`]): used, not used
    /// (dated after the evaluation date), or contradicted. For an evaluation date after the
    /// crate's knowledge horizon, a `law.knowledge_horizon` finding comes last.
    pub findings: Vec<Finding>,
    /// The criteria of 21 CFR 1271.10(a) that the product fails.
    pub failed: Vec<RuleId>,
    /// When the outcome is [`UsClassification::Undetermined`], the facts it lacks, as dotted
    /// input paths (`processing.same_surgical_procedure`), or `tissue.fda_class` /
    /// `tissue.basic_functions` when the tissue is one FDA's guidance does not classify, and
    /// `donor` when the donor is stated as `allogeneic` without the relation 1271.10(a)(4)
    /// needs. Only
    /// facts whose presence could change the outcome: once a 1271.10(a) criterion fails, the
    /// other criteria's gaps are left out. Empty otherwise.
    pub missing: Paths,
}

/// A US assessment as it is read: either form. `consequence` and `citation`, when given, must be
/// texts of the [`UsClassification`] table; when left out they are the classification's.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename = "UsAssessment")]
struct UsAssessmentRepr {
    product: Text,
    classification: UsClassification,
    // Spelled `core::primitive::str` so that serde does not borrow it from the input: the text
    // is looked up in the table.
    #[serde(default, deserialize_with = "crate::readback::us_consequence_if_given")]
    consequence: Option<&'static core::primitive::str>,
    #[serde(default, deserialize_with = "crate::readback::us_citation_if_given")]
    citation: Option<&'static core::primitive::str>,
    evaluated_on: crate::IsoDate,
    findings: Vec<Finding>,
    failed: Vec<RuleId>,
    missing: Paths,
}

impl<'de> serde::Deserialize<'de> for UsAssessment {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let repr = UsAssessmentRepr::deserialize(deserializer)?;
        let row = repr.classification.info();
        Ok(Self {
            product: repr.product,
            classification: repr.classification,
            consequence: repr.consequence.unwrap_or(row.consequence),
            citation: repr.citation.unwrap_or(row.citation),
            evaluated_on: repr.evaluated_on,
            findings: repr.findings,
            failed: repr.failed,
            missing: repr.missing,
        })
    }
}

/// **The US classification of one product, with the reasons for it**: the outcome, the finding
/// of every step, the criteria that failed and the facts that were missing.
///
/// Returned by [`classify_us`].
#[cfg(feature = "schemars")]
#[derive(schemars::JsonSchema)]
#[serde(rename = "UsAssessment", deny_unknown_fields)]
#[allow(dead_code)]
struct UsAssessmentSchema {
    /// The product's name, as the record gives it.
    product: Text,
    /// The outcome.
    classification: UsClassification,
    /// What the outcome means for the product (from the [`UsClassification`] table).
    consequence: String,
    /// Where that consequence comes from.
    citation: String,
    /// The date the assessment applied (the caller's evaluation date).
    evaluated_on: crate::IsoDate,
    /// One finding per step, in the order of FDA's flowchart: `us.cfr1271.3.d`,
    /// `us.cfr1271.15.b`, then `us.cfr1271.10.a.1` to `.a.4`. Steps after the one that decided
    /// the outcome are [`Outcome::NotApplicable`].
    findings: Vec<Finding>,
    /// The criteria of 21 CFR 1271.10(a) that the product fails.
    failed: Vec<RuleId>,
    /// When the outcome is [`UsClassification::Undetermined`], the facts it lacks, as dotted
    /// input paths (`processing.same_surgical_procedure`), or `tissue.fda_class` /
    /// `tissue.basic_functions` when the tissue is one FDA's guidance does not classify, and
    /// `donor` when the donor is stated as `allogeneic` without the relation 1271.10(a)(4)
    /// needs. Only
    /// facts whose presence could change the outcome: once a 1271.10(a) criterion fails, the
    /// other criteria's gaps are left out. Empty otherwise.
    missing: Paths,
}

#[cfg(feature = "schemars")]
crate::finding::two_forms_schema!(UsAssessment, UsAssessmentSchema, "UsAssessment", |object| {
    // The compact form leaves out the table text, looked up from the classification.
    crate::finding::drop_required(object, "consequence");
    crate::finding::drop_required(object, "citation");
});

impl UsAssessment {
    /// The finding of one step, if the assessment has it.
    #[must_use]
    pub fn finding(&self, rule: RuleId) -> Option<&Finding> {
        self.findings.iter().find(|f| f.rule == rule)
    }

    /// The outcome of one step; [`Outcome::Undetermined`] if the assessment has no such step.
    #[must_use]
    pub fn outcome_of(&self, rule: RuleId) -> Outcome {
        self.finding(rule)
            .map_or(Outcome::Undetermined, |f| f.outcome)
    }
}

impl fmt::Display for UsAssessment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "US classification under 21 CFR Part 1271: {}",
            self.product
        )?;
        writeln!(f, "Outcome: {}", self.classification.label())?;
        writeln!(f, "Consequence: {} [{}]", self.consequence, self.citation)?;
        if !self.failed.is_empty() {
            f.write_str("Criteria not met:")?;
            for (i, rule) in self.failed.iter().enumerate() {
                let sep = if i == 0 { " " } else { "; " };
                write!(f, "{sep}{rule} ({})", rule.label())?;
            }
            writeln!(f)?;
        }
        if !self.missing.is_empty() {
            writeln!(f, "Missing facts: {}", self.missing.join(", "))?;
        }
        f.write_str("Steps:")?;
        for (i, finding) in self.findings.iter().enumerate() {
            write!(f, "\n  {}. {finding}", i + 1)?;
        }
        Ok(())
    }
}

/// **Classifies a product under 21 CFR Part 1271**, following FDA's flowchart, and says why.
///
/// Reads the product's tissue, donor, preparation, processing (steps, added articles, same
/// surgical procedure, minimal-manipulation data), intended use (functions, indications, site of
/// use), delivery route and claimed mechanisms. Fails closed: a product is a Section 361 HCT/P
/// only when it is an HCT/P, and every criterion of 21 CFR 1271.10(a) is affirmatively met; a
/// missing fact the decision needs makes the outcome [`UsClassification::Undetermined`] and is
/// listed in [`UsAssessment::missing`] — only the facts whose presence could change the
/// outcome. An omitted key is "not stated", never "none": `"steps": []` says nothing was done,
/// an absent `steps` does not.
///
/// Rules applied, in order (see each [`RuleId`] row for the citation):
///
/// - [`RuleId::UsIsHctp`]: animal cells, blood products (PRP), cell-free secreted products
///   (exosomes, conditioned medium), a secreted fluid without cells, and minimally manipulated
///   bone marrow for homologous use not combined with another article are not HCT/Ps.
///   When the marrow exclusion is the only open question and the exception is met (nothing but
///   rinsing, cleansing, sizing or shaping), the answer is the exception: Part 1271 does not
///   apply either way, so the outcome settles nothing the sources leave open.
/// - [`RuleId::UsSameSurgicalProcedure`]: autologous, removed and implanted in the same surgical
///   procedure, with only the steps FDA's guidance keeps within "such HCT/P" (rinsing, cleansing,
///   sizing, shaping) and no article other than those 1271.10(a)(3) allows. A step that isolates,
///   multiplies or changes the cells ([`crate::StepInfo::ends_same_surgical_procedure`]) takes
///   the product out (11th Cir. 2021; 9th Cir. 2024); any other step, such as concentrating
///   marrow in a centrifuge, leaves the exception undetermined, citing both decisions.
/// - [`RuleId::UsMinimalManipulation`]: each step judged with [`ProcessingStep::effect_on`] —
///   FDA's worked example for the (tissue, step) pair ([`crate::TISSUE_STEP_EXAMPLES`]), else
///   the rule for the tissue's class in the donor. A step whose effect depends on data counts as
///   more than minimal unless `processing.minimal_manipulation_data` is `true`; data never
///   rescues a step FDA calls more than minimal, and an unclassified step with data stays
///   undetermined. Steps a preparation cannot be made without
///   ([`crate::PreparationInfo::implies`]: an SVF was isolated, a culture-expanded lot was
///   cultured) are judged even if the step list omits them.
/// - [`RuleId::UsHomologousUse`]: judged on the site of use ([`Product::site_of_use`], the
///   stated site and the route's both), the functions the indications imply and the declared
///   functions: each must be a basic function of the source tissue performed at the site, and the
///   site must host one of the tissue's basic functions. Indications from
///   [`US_MYRIAD_INDICATION_CATEGORIES`] or more categories are "a myriad of diseases".
/// - [`RuleId::UsNoCombination`]: only water, crystalloids and sterilizing, preserving or storage
///   agents may be added.
/// - [`RuleId::UsSystemicEffect`]: a systemic effect or dependence on living cells is allowed only
///   for autologous use, a first- or second-degree blood relative, or reproductive use. When the
///   record does not say, an intravenous or intra-arterial route is read as a systemic effect and
///   any claimed MSC [`Mechanism`] as dependence on living cells, and the finding says so. A
///   donor stated as [`Donor::Allogeneic`] (another person, relation not stated, as FDA's
///   letters write "for allogeneic use") leaves this criterion open, naming `donor`; it is never
///   autologous, so the exception above does not apply to it.
///
/// Several source tissues ([`Product::other_tissues`]) are read the least favourable way: a
/// step is judged on every tissue and the worst verdict holds; the use must be homologous for
/// every tissue; the exclusions for bone marrow and for secreted fluids need every tissue to be
/// one.
///
/// Determinations recorded with the product ([`Product::determinations`]: FDA letters, court
/// decisions) settle the exception, the HCT/P step and the criteria they name, and
/// `us.determination` the classification itself, from the day they are dated; the finding
/// rests on the document's kind ([`crate::Basis::AgencyStatement`],
/// [`crate::Basis::CourtDecision`]) and cites it in its facts. One the stated facts contradict
/// keeps the less favourable answer and names the contradiction; a `us.determination` finding
/// reports each determination (used, dated after the evaluation date, or contradicted). A
/// cell-free product or a secreted fluid that is not an HCT/P, determined to be a 351 product,
/// is one: "other FDA law may" apply, and the determination says which.
///
/// # Examples
///
/// ```
/// use msc_therapy::{
///     classify_us, CellPreparation, Donor, Processing, ProcessingStep, Product, Text,
///     TissueSource, UsClassification,
/// };
///
/// // Fat moved from the belly to the face in one operation, only rinsed in between.
/// let mut graft = Product::named(Text::new("Autologous fat graft")?);
/// graft.tissue = Some(TissueSource::AdiposeTissue);
/// graft.donor = Some(Donor::Autologous);
/// graft.preparation = Some(CellPreparation::FatGraft);
/// graft.processing = Some(Processing {
///     steps: Some(vec![ProcessingStep::Rinsing]),
///     added_articles: Some(vec![]),
///     same_surgical_procedure: Some(true),
///     ..Processing::default()
/// });
/// let report = classify_us(&graft, jiff::civil::date(2026, 12, 7));
/// assert_eq!(report.classification, UsClassification::ExceptedSameSurgicalProcedure);
/// # Ok::<(), msc_therapy::ValueError>(())
/// ```
#[must_use]
pub fn classify_us(product: &Product, on: jiff::civil::Date) -> UsAssessment {
    classify_us_sharing(product, &homologous::Shared::new(product), on)
}

/// [`classify_us`], with the homologous-use comparison shared with the other engines of a call.
// The findings are pushed one by one: `vec![..]` would build the six on the stack and copy them.
#[allow(clippy::vec_init_then_push)]
pub(crate) fn classify_us_sharing(
    product: &Product,
    shared: &homologous::Shared<'_>,
    on: jiff::civil::Date,
) -> UsAssessment {
    // The findings are written once, in their slots of the report's list, in the order the
    // report gives them: the HCT/P step (filled in from the criteria below it), the exception,
    // then the four criteria of 1271.10(a).
    const HCTP: usize = 0;
    const EXCEPTION: usize = 1;
    const CRITERIA: std::ops::Range<usize> = 2..6;
    let mut findings = Vec::with_capacity(6);
    findings.push(Finding::new(
        RuleId::UsIsHctp,
        Outcome::Undetermined,
        Severity::Warning,
    ));
    findings.push(same_surgical_procedure(product));
    findings.push(minimal_manipulation(product));
    findings.push(homologous_use(product, shared.get()));
    findings.push(no_combination(product));
    findings.push(systemic_effect(product));
    // Determinations recorded for the product settle the exception and the criteria they name
    // (and the HCT/P step below), before the criteria decide.
    let mut contradicted: SmallVec<[(RuleId, bool); 2]> = SmallVec::new();
    let determined = product.determinations.is_some();
    if determined {
        for f in &mut findings[EXCEPTION..] {
            if let Some(against) = determination::settle(f, product, on, severity) {
                contradicted.push((f.rule, against));
            }
        }
    }
    // The criteria in their order: minimal manipulation, homologous use, no combination.
    let criteria = &findings[CRITERIA];
    let hctp = is_hctp(product, &criteria[0], &criteria[1], &criteria[2]);
    findings[HCTP] = hctp;
    if determined {
        if let Some(against) = determination::settle(&mut findings[HCTP], product, on, severity) {
            contradicted.push((RuleId::UsIsHctp, against));
        }
    }

    let criteria_outcomes = findings[CRITERIA].iter().map(|f| f.outcome);
    let all_met = criteria_outcomes.clone().all(|o| o == Outcome::Met);
    let any_failed = criteria_outcomes.clone().any(|o| o == Outcome::NotMet);

    let (classification, reached) = match (findings[HCTP].outcome, findings[EXCEPTION].outcome) {
        (Outcome::NotMet, _) => (UsClassification::NotAnHctp, Reached::HctpOnly),
        (Outcome::Met, Outcome::Met) => (
            UsClassification::ExceptedSameSurgicalProcedure,
            Reached::ThroughException,
        ),
        // The exception does not apply: the four criteria decide.
        (Outcome::Met, Outcome::NotMet | Outcome::NotApplicable) => {
            let c = if any_failed {
                UsClassification::Section351Product
            } else if all_met {
                UsClassification::Section361Hctp
            } else {
                UsClassification::Undetermined
            };
            (c, Reached::All)
        }
        // The exception might apply. A product meeting every criterion is 361 at the least
        // (the stricter of the two possible answers); one that fails a criterion could still be
        // excepted, so it stays undetermined.
        (Outcome::Met, Outcome::Undetermined) => {
            let c = if all_met {
                UsClassification::Section361Hctp
            } else {
                UsClassification::Undetermined
            };
            (c, Reached::All)
        }
        // Bone marrow whose only open question is the 1271.3(d)(4) exclusion (minimally
        // manipulated, homologous, not combined), put back in the same surgical procedure with
        // nothing but the steps FDA's guidance keeps within "such HCT/P" (the exception is met,
        // so no open step such as concentration is involved): either it is not an HCT/P or it
        // is an HCT/P under the exception. Part 1271 does not apply either way, and the
        // exception is the answer the facts establish.
        (Outcome::Undetermined, Outcome::Met) if marrow_exclusion_only_open(product) => (
            UsClassification::ExceptedSameSurgicalProcedure,
            Reached::ThroughException,
        ),
        (Outcome::Undetermined | Outcome::NotApplicable, _) => {
            (UsClassification::Undetermined, Reached::All)
        }
    };

    // A determination of the classification as a whole: it settles an open classification;
    // against another answer the less favourable is kept and the contradiction named.
    let (mut classification, mut reached) = (classification, reached);
    if determined {
        let (settled, against) = class_determination(product, classification, on);
        if let Some(against) = against {
            contradicted.push((RuleId::UsDetermination, against));
        }
        if settled != classification {
            // The steps' findings stand as the facts left them: none is "not reached".
            reached = Reached::All;
        }
        classification = settled;
    }

    match reached {
        Reached::HctpOnly => {
            for f in &mut findings[EXCEPTION..] {
                not_reached(f, NOT_REACHED_NOT_HCTP);
            }
        }
        Reached::ThroughException => {
            for f in &mut findings[CRITERIA] {
                not_reached(f, NOT_REACHED_EXCEPTED);
            }
        }
        Reached::All => {}
    }

    let failed = findings
        .iter()
        .filter(|f| is_criterion(f.rule) && f.outcome == Outcome::NotMet)
        .map(|f| f.rule)
        .collect();

    // Only facts that could change the outcome. A criterion of 1271.10(a) that fails whatever
    // is added (a settled failure) makes the other criteria's gaps irrelevant (the product is
    // 351 unless an exclusion or the exception applies), so then only the HCT/P and exception
    // steps' missing facts are listed. A criterion that fails only by the guidance's default
    // (a step without data on the process) lists the fact that could change it, and so does a
    // 351 verdict resting on such a failure.
    let settled_failure = findings[CRITERIA]
        .iter()
        .any(|f| f.outcome == Outcome::NotMet && f.missing.is_empty());
    let mut missing = Paths::new();
    if classification == UsClassification::Undetermined
        || (classification == UsClassification::Section351Product && !settled_failure)
    {
        for path in findings
            .iter()
            .filter(|f| {
                f.outcome == Outcome::Undetermined
                    || (f.outcome == Outcome::NotMet && is_criterion(f.rule))
            })
            .filter(|f| !(settled_failure && is_criterion(f.rule)))
            .flat_map(|f| f.missing.iter())
        {
            if !missing.contains(path) {
                missing.push(path.clone());
            }
        }
    }

    if determined {
        findings.extend(determination::report(
            product,
            RuleId::UsDetermination,
            US_DETERMINATION_RULES,
            on,
            &contradicted,
            true,
        ));
    }
    findings.extend(crate::law::horizon_finding(on));
    crate::law::calibrate(&mut findings);
    let info = classification.info();
    UsAssessment {
        product: product.name.clone(),
        classification,
        consequence: info.consequence,
        citation: info.citation,
        evaluated_on: on.into(),
        findings,
        failed,
        missing,
    }
}

/// The rules a US determination may name.
const US_DETERMINATION_RULES: &[RuleId] = &[
    RuleId::UsIsHctp,
    RuleId::UsSameSurgicalProcedure,
    RuleId::UsMinimalManipulation,
    RuleId::UsHomologousUse,
    RuleId::UsNoCombination,
    RuleId::UsSystemicEffect,
    RuleId::UsDetermination,
];

/// How favourable a US classification is to the product: 351 and undetermined 0, 361 1, not
/// an HCT/P and excepted 2 (Part 1271 does not apply either way).
const fn rank(c: UsClassification) -> u8 {
    match c {
        UsClassification::Section361Hctp => 1,
        UsClassification::ExceptedSameSurgicalProcedure | UsClassification::NotAnHctp => 2,
        UsClassification::Section351Product | UsClassification::Undetermined => 0,
    }
}

/// The less favourable of two classifications; two different answers of one rank (not an
/// HCT/P and excepted) leave the classification open.
fn worse(a: UsClassification, b: UsClassification) -> UsClassification {
    match rank(a).cmp(&rank(b)) {
        std::cmp::Ordering::Less => a,
        std::cmp::Ordering::Greater => b,
        std::cmp::Ordering::Equal if a == b => a,
        std::cmp::Ordering::Equal => UsClassification::Undetermined,
    }
}

/// The classification once the determinations of the US classification in force on `on` are
/// applied to `computed`, and `Some(against_facts)` when they met a contradiction.
fn class_determination(
    product: &Product,
    computed: UsClassification,
    on: jiff::civil::Date,
) -> (UsClassification, Option<bool>) {
    let classes: SmallVec<[UsClassification; 2]> =
        determination::in_force(product, RuleId::UsDetermination, on)
            .iter()
            .filter_map(|d| match d.outcome {
                Determined::NotAnHctp => Some(UsClassification::NotAnHctp),
                Determined::ExceptedSameSurgicalProcedure => {
                    Some(UsClassification::ExceptedSameSurgicalProcedure)
                }
                Determined::Section361Hctp => Some(UsClassification::Section361Hctp),
                Determined::Section351Product => Some(UsClassification::Section351Product),
                Determined::Met
                | Determined::NotMet
                | Determined::NotAtmp
                | Determined::Atmp
                | Determined::TissueEngineeredProduct
                | Determined::SomaticCellTherapy
                | Determined::GeneTherapy => None,
            })
            .collect();
    let Some(&first) = classes.first() else {
        return (computed, None);
    };
    let determined = classes.iter().copied().fold(first, worse);
    let among_themselves = classes.iter().any(|c| *c != first);
    // A cell-free product or a secreted fluid is not an HCT/P, and "other FDA law may" apply:
    // a determination that it is a drug and biological product under section 351 says which
    // law, and contradicts nothing.
    let says_which_law = computed == UsClassification::NotAnHctp
        && determined == UsClassification::Section351Product
        && product.preparation.is_some_and(|p| {
            matches!(
                preparation_kind(p),
                PreparationKind::CellFree | PreparationKind::SecretedFluid
            )
        });
    if computed == UsClassification::Undetermined || computed == determined || says_which_law {
        (determined, among_themselves.then_some(false))
    } else {
        (worse(computed, determined), Some(true))
    }
}

/// Whether the HCT/P question can be open only because of the bone marrow exclusion: the tissue
/// is bone marrow and the donor and preparation, which decide the other exclusions, are known.
fn marrow_exclusion_only_open(product: &Product) -> bool {
    marrow_only(product) && product.donor.is_some() && product.preparation.is_some()
}

/// Bone marrow and nothing else: the exclusion of 1271.3(d)(4) concerns bone marrow, and
/// another tissue named beside it is not excluded by it.
fn marrow_only(product: &Product) -> bool {
    product.every_tissue(|t| t == TissueSource::BoneMarrow)
}

/// Secreted body fluids and nothing else: a fluid mixed with another tissue (amniotic fluid
/// with amniotic membrane) is not "a secreted body fluid" (FDA MM/HU guidance, III.C, Q15).
fn secreted_fluid_only(product: &Product) -> bool {
    product.every_tissue(|t| t.info().secreted_fluid)
}

enum Reached {
    HctpOnly,
    ThroughException,
    All,
}

const NOT_REACHED_NOT_HCTP: &str =
    "not reached: the product is not an HCT/P, so Part 1271 does not apply";
const NOT_REACHED_EXCEPTED: &str = "not reached: the same surgical procedure exception applies, so the 1271.10(a) criteria are not needed";

fn is_criterion(rule: RuleId) -> bool {
    matches!(
        rule,
        RuleId::UsMinimalManipulation
            | RuleId::UsHomologousUse
            | RuleId::UsNoCombination
            | RuleId::UsSystemicEffect
    )
}

fn not_reached(finding: &mut Finding, reason: &'static str) {
    finding.outcome = Outcome::NotApplicable;
    finding.severity = Severity::Info;
    finding.reason = Some(reason.into());
    finding.missing.clear();
}

/// Severity of a step's finding: a failed 1271.10(a) criterion or a missing fact needs an answer
/// (an IND/BLA, or the fact); everything else is information.
fn severity(rule: RuleId, outcome: Outcome) -> Severity {
    match outcome {
        Outcome::Undetermined => Severity::Warning,
        Outcome::NotMet if is_criterion(rule) => Severity::Warning,
        Outcome::Met | Outcome::NotMet | Outcome::NotApplicable => Severity::Info,
    }
}

/// Builds a finding from an outcome, a reason and facts gathered by a rule.
fn finish(
    rule: RuleId,
    outcome: Outcome,
    path: &'static str,
    reason: &'static str,
    facts: impl Into<Facts>,
    missing: impl Into<Paths>,
) -> Finding {
    let mut finding = Finding::new(rule, outcome, severity(rule, outcome))
        .at(path)
        .because(reason);
    finding.facts = facts.into();
    if outcome == Outcome::Undetermined {
        finding.missing = missing.into();
    }
    finding
}

fn push_missing(missing: &mut Paths, path: &'static str) {
    if !missing.contains(&path) {
        missing.push(path);
    }
}

// ---------------------------------------------------------------------------------------------
// Step 1: is it an HCT/P? (21 CFR 1271.3(d))
// ---------------------------------------------------------------------------------------------

/// Why a preparation is, or is not, an HCT/P whatever its source (21 CFR 1271.3(d)).
pub(crate) enum PreparationKind {
    /// Cells or tissue: an HCT/P unless another exclusion applies.
    CellsOrTissue,
    /// A blood product (1271.3(d)(2)).
    BloodProduct,
    /// A secreted or extracted product with no cells, such as cell factors (1271.3(d)(3)).
    CellFree,
    /// A secreted body fluid itself: not an HCT/P when the tissue is a secreted fluid.
    SecretedFluid,
}

pub(crate) const fn preparation_kind(preparation: CellPreparation) -> PreparationKind {
    match preparation {
        CellPreparation::PlateletRichPlasma => PreparationKind::BloodProduct,
        CellPreparation::SecretedFluid => PreparationKind::SecretedFluid,
        // Cell-free or cells: the table's `cell_free` column decides.
        CellPreparation::ExtracellularVesicles
        | CellPreparation::ConditionedMedium
        | CellPreparation::CultureExpandedMsc
        | CellPreparation::BoneMarrowConcentrate
        | CellPreparation::BoneMarrowAspirate
        | CellPreparation::StromalVascularFraction
        | CellPreparation::MicrofragmentedAdipose
        | CellPreparation::FatGraft
        | CellPreparation::PerinatalAllograft
        | CellPreparation::CordBloodUnit
        | CellPreparation::TissueSheet
        | CellPreparation::DecellularizedMatrix
        | CellPreparation::CulturedCells => {
            if preparation.info().cell_free {
                PreparationKind::CellFree
            } else {
                PreparationKind::CellsOrTissue
            }
        }
    }
}

fn is_hctp(
    product: &Product,
    minimal: &Finding,
    homologous: &Finding,
    combination: &Finding,
) -> Finding {
    const RULE: RuleId = RuleId::UsIsHctp;
    let mut facts = Facts::new();
    let mut missing = Paths::new();
    let verdict = |outcome: Outcome, reason: &'static str, facts: Facts, missing: Paths| {
        finish(RULE, outcome, "tissue", reason, facts, missing)
    };

    match product.donor {
        Some(donor) => facts.push(Fact::code("donor", donor.code())),
        None => missing.push("donor"),
    }
    match product.preparation {
        Some(p) => facts.push(Fact::code("preparation", p.code())),
        None => missing.push("preparation"),
    }
    match product.tissue {
        Some(t) => facts.push(Fact::code("tissue", t.code())),
        None => missing.push("tissue"),
    }

    // Exclusions that one known fact decides.
    if product.donor == Some(Donor::Xenogeneic) {
        return verdict(
            Outcome::NotMet,
            "cells from an animal are not HCT/Ps (21 CFR 1271.3(d)(6))",
            facts,
            missing,
        )
        .at("donor");
    }
    if let Some(p) = product.preparation {
        match preparation_kind(p) {
            PreparationKind::BloodProduct => {
                return verdict(
                    Outcome::NotMet,
                    "a blood product such as platelet-rich plasma is not an HCT/P (21 CFR 1271.3(d)(2); FDA MM/HU guidance, section V.A)",
                    facts,
                    missing,
                ).at("preparation");
            }
            PreparationKind::CellFree => {
                return verdict(
                    Outcome::NotMet,
                    "a cell-free secreted product (cell factors, exosomes, conditioned medium) is not an HCT/P (21 CFR 1271.3(d)(3)); it cannot be a 361 HCT/P",
                    facts,
                    missing,
                ).at("preparation");
            }
            // "No isolated cells" against a step that isolates or grows cells: the record
            // contradicts itself, and the exclusion is not read from it.
            PreparationKind::SecretedFluid
                if secreted_fluid_only(product)
                    && product
                        .processing
                        .as_ref()
                        .and_then(|x| x.steps_known())
                        .is_some_and(|steps| {
                            steps.iter().any(|s| {
                                matches!(
                                    s,
                                    ProcessingStep::CellIsolation
                                        | ProcessingStep::CultureExpansion
                                )
                            })
                        }) =>
            {
                facts.push(Fact::code_list(
                    "contradicts",
                    ["preparation", "processing.steps"],
                ));
                missing.push("preparation");
                return verdict(
                    Outcome::Undetermined,
                    "the preparation is stated as a secreted body fluid with no isolated cells, yet the processing steps isolate or grow cells: the record contradicts itself, so whether the 1271.3(d) exclusion for secreted fluids applies is not known",
                    facts,
                    missing,
                )
                .at("preparation");
            }
            PreparationKind::SecretedFluid if secreted_fluid_only(product) => {
                return verdict(
                    Outcome::NotMet,
                    "a secreted body fluid such as amniotic fluid, with no cells isolated from it, is generally not an HCT/P (FDA MM/HU guidance, section III.C, Q15; 21 CFR 1271.3(d)(3))",
                    facts,
                    missing,
                )
                .at("preparation");
            }
            PreparationKind::SecretedFluid | PreparationKind::CellsOrTissue => {}
        }
    }

    // Minimally manipulated bone marrow for homologous use, not combined: 1271.3(d)(4).
    if marrow_only(product) {
        let parts = [minimal, homologous, combination];
        for part in parts {
            facts.push(Fact::code(part.rule.code(), part.outcome.code()).as_derived());
        }
        if parts.iter().all(|f| f.outcome == Outcome::Met) {
            return verdict(
                Outcome::NotMet,
                "minimally manipulated bone marrow for homologous use, not combined with another article, is not an HCT/P (21 CFR 1271.3(d)(4))",
                facts,
                missing,
            );
        }
        if !parts.iter().any(|f| f.outcome == Outcome::NotMet) {
            for part in parts {
                for path in &part.missing {
                    if !missing.contains(path) {
                        missing.push(path.clone());
                    }
                }
            }
            return verdict(
                Outcome::Undetermined,
                "bone marrow is excluded from HCT/Ps when minimally manipulated, for homologous use and not combined with another article (21 CFR 1271.3(d)(4)); the facts do not yet show whether it is",
                facts,
                missing,
            );
        }
    }

    if missing.is_empty() {
        let reason = if secreted_fluid_only(product) {
            "cells isolated from a secreted body fluid are HCT/Ps (FDA MM/HU guidance, section III.C, Q15)"
        } else {
            "human cells or tissue for implantation, transplantation, infusion or transfer; no exclusion of 21 CFR 1271.3(d) applies"
        };
        verdict(Outcome::Met, reason, facts, missing)
    } else {
        verdict(
            Outcome::Undetermined,
            "the donor, the preparation and the tissue are needed to rule out the exclusions of 21 CFR 1271.3(d)",
            facts,
            missing,
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Step 2: the same surgical procedure exception (21 CFR 1271.15(b))
// ---------------------------------------------------------------------------------------------

/// The steps a preparation cannot be made without that the record's step list omits (fail
/// closed: an SVF was isolated, a culture-expanded lot was cultured).
fn implied_steps(product: &Product) -> StepBuf {
    let listed = product
        .processing
        .as_ref()
        .and_then(|p| p.steps_known())
        .unwrap_or_default();
    product
        .preparation
        .map(|p| p.info().implies)
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|s| !listed.contains(s))
        .collect()
}

fn implied_fact(implied: &[ProcessingStep]) -> Option<Fact> {
    (!implied.is_empty())
        .then(|| Fact::terms("preparation.implies", implied.iter().copied()).as_derived())
}

fn same_surgical_procedure(product: &Product) -> Finding {
    const RULE: RuleId = RuleId::UsSameSurgicalProcedure;
    let mut facts = Facts::new();
    let mut missing = Paths::new();
    let mut not_met: Option<(&'static str, &'static str)> = None;

    match product.donor {
        Some(donor) => {
            facts.push(Fact::code("donor", donor.code()));
            if !donor.is_autologous() {
                not_met.get_or_insert((
                    "donor",
                    "the exception covers only cells removed from and implanted into the same individual (autologous use)",
                ));
            }
        }
        None => missing.push("donor"),
    }

    let processing = product.processing.as_ref();
    match processing.and_then(|p| p.same_surgical_procedure) {
        Some(same) => {
            facts.push(Fact::flag("processing.same_surgical_procedure", same));
            if !same {
                not_met.get_or_insert((
                    "processing.same_surgical_procedure",
                    "removal and implantation are not in the same surgical procedure (e.g. the cells come back at a later visit)",
                ));
            }
        }
        None => missing.push("processing.same_surgical_procedure"),
    }

    let implied = implied_steps(product);
    let listed = processing.and_then(|p| p.steps_known());
    match listed {
        Some(steps) => facts.push(Fact::terms("processing.steps", steps.iter().copied())),
        None => missing.push("processing.steps"),
    }
    facts.extend(implied_fact(&implied));
    let all_steps = || {
        listed
            .unwrap_or_default()
            .iter()
            .chain(implied.iter())
            .copied()
    };
    // Steps the courts' reading puts outside "such HCT/P" decide; steps no source keeps within
    // it leave the exception open.
    let ending = Codes::of_terms(all_steps().filter(|s| s.info().ends_same_surgical_procedure));
    let mut decided_by_courts = false;
    if !ending.is_empty() {
        if not_met.is_none() {
            decided_by_courts = true;
        }
        not_met.get_or_insert((
            "processing.steps",
            "a step isolates cells from the tissue or changes or multiplies them, so the cells implanted are not the HCT/P removed: the exception does not apply (United States v. US Stem Cell Clinic, LLC, 998 F.3d 1302 (11th Cir. 2021); United States v. California Stem Cell Treatment Center, Inc., No. 22-56014 (9th Cir. 2024): 'the removed and implanted HCT/Ps must be the same')",
        ));
        facts.push(
            Fact::new(
                "processing.steps.beyond_such_hctp",
                FactValue::Codes(ending),
            )
            .as_derived(),
        );
    }
    // The open steps matter only while nothing else decides the exception.
    let open = if not_met.is_none() {
        Codes::of_terms(all_steps().filter(|s| {
            let info = s.info();
            !info.keeps_same_surgical_procedure && !info.ends_same_surgical_procedure
        }))
    } else {
        Codes::default()
    };
    let open_steps = !open.is_empty();
    if open_steps {
        facts.push(
            Fact::new(
                "processing.steps.not_shown_to_keep_such_hctp",
                FactValue::Codes(open),
            )
            .as_derived(),
        );
    }

    match processing.and_then(|p| p.added_articles_known()) {
        Some(articles) => {
            let others: TermBuf<AddedArticle> = articles
                .iter()
                .filter(|a| !a.info().allowed_by_1271_10_a_3)
                .copied()
                .collect();
            if !others.is_empty() {
                not_met.get_or_insert((
                    "processing.added_articles",
                    "combined with another article, the cells are no longer 'such HCT/P' in their original form (the crate's conservative reading of 1271.15(b))",
                ));
                facts.push(
                    Fact::terms("processing.added_articles.other_articles", others).as_derived(),
                );
            }
        }
        None => missing.push("processing.added_articles"),
    }

    if let Some((path, reason)) = not_met {
        let finding = finish(RULE, Outcome::NotMet, path, reason, facts, missing);
        if decided_by_courts {
            finding.based_on(Basis::CourtDecision)
        } else {
            finding
        }
    } else if open_steps {
        // No source keeps the step within "such HCT/P", and the courts require the HCT/P
        // removed and the one implanted to be the same: the exception is open. No fact a record
        // could add settles it (only FDA can), so only the facts the exception lacks besides
        // are missing.
        finish(
            RULE,
            Outcome::Undetermined,
            "processing.steps",
            "a step other than rinsing, cleansing, sizing or shaping (such as concentrating marrow in a centrifuge) lies between removal and implantation, and no source settles whether the cells implanted are still 'such HCT/P': the Ninth Circuit held that 'the removed and implanted HCT/Ps must be the same' (United States v. California Stem Cell Treatment Center, Inc., No. 22-56014, 27 Sep 2024; certiorari denied, No. 24-1189, 14 Oct 2025), as the Eleventh Circuit did (United States v. US Stem Cell Clinic, LLC, 998 F.3d 1302, 2021), so the exception is open; FDA's Tissue Reference Group or a Request for Designation can answer it",
            facts,
            missing,
        )
        .based_on(Basis::CourtDecision)
    } else if !missing.is_empty() {
        finish(
            RULE,
            Outcome::Undetermined,
            "processing.same_surgical_procedure",
            "the exception needs autologous use, removal and implantation in one surgical procedure, the list of steps in between and what was added to the cells",
            facts,
            missing,
        )
    } else {
        finish(
            RULE,
            Outcome::Met,
            "processing.same_surgical_procedure",
            "autologous cells removed and implanted in the same surgical procedure, with nothing in between but rinsing, cleansing, sizing or shaping, the steps that keep them 'such HCT/P' (FDA Same Surgical Procedure Exception guidance, Nov 2017)",
            facts,
            missing,
        )
        .based_on(Basis::Guidance)
    }
}

// ---------------------------------------------------------------------------------------------
// Step 3: the four criteria of 21 CFR 1271.10(a)
// ---------------------------------------------------------------------------------------------

/// How one processing step resolves for the minimal-manipulation test.
#[derive(Clone, Copy, PartialEq, Eq)]
enum StepVerdict {
    Minimal,
    MinimalByData,
    MoreThanMinimal,
    NoData,
    /// An unclassified step the maker claims data for: nobody has said what it does.
    UnjudgedWithData,
    NeedsClass,
}

impl StepVerdict {
    fn of(level: ManipulationLevel, data: Option<bool>) -> Self {
        match level {
            ManipulationLevel::Minimal => Self::Minimal,
            ManipulationLevel::MoreThanMinimal => Self::MoreThanMinimal,
            ManipulationLevel::DependsOnData if data == Some(true) => Self::MinimalByData,
            ManipulationLevel::DependsOnData => Self::NoData,
            ManipulationLevel::Unjudged if data == Some(true) => Self::UnjudgedWithData,
            ManipulationLevel::Unjudged => Self::NoData,
        }
    }

    /// The less favourable of two verdicts on one step (for two tissues): a step FDA calls more
    /// than minimal, then one that lacks its data, then one that needs a class or is unjudged.
    const fn worse(self, other: Self) -> Self {
        const fn rank(v: StepVerdict) -> u8 {
            match v {
                StepVerdict::MoreThanMinimal => 0,
                StepVerdict::NoData => 1,
                StepVerdict::NeedsClass => 2,
                StepVerdict::UnjudgedWithData => 3,
                StepVerdict::MinimalByData => 4,
                StepVerdict::Minimal => 5,
            }
        }
        if rank(other) < rank(self) {
            other
        } else {
            self
        }
    }

    const fn is_minimal(self) -> bool {
        matches!(self, Self::Minimal | Self::MinimalByData)
    }

    const fn fails(self) -> bool {
        matches!(self, Self::MoreThanMinimal | Self::NoData)
    }

    /// The verdict on a step when the tissue's class is unknown: what both classes agree on.
    /// Minimal for both (by data for either) is minimal by data; failing for both is a failure
    /// for want of data unless both call it more than minimal; anything else needs the class.
    fn either_class(step: ProcessingStep, data: Option<bool>) -> Self {
        let s = Self::of(step.level_for(FdaTissueClass::Structural), data);
        let n = Self::of(step.level_for(FdaTissueClass::CellsOrNonstructural), data);
        if s == n {
            s
        } else if s.is_minimal() && n.is_minimal() {
            Self::MinimalByData
        } else if s.fails() && n.fails() {
            Self::NoData
        } else {
            Self::NeedsClass
        }
    }
}

fn minimal_manipulation(product: &Product) -> Finding {
    const RULE: RuleId = RuleId::UsMinimalManipulation;
    let mut facts = Facts::new();
    let mut missing = Paths::new();

    let class = match product.tissue {
        Some(tissue) => {
            facts.push(Fact::code("tissue", tissue.code()));
            let class = tissue.info().fda_class;
            if let Some(c) = class {
                facts.push(Fact::code("tissue.fda_class", c.code()).as_derived());
            }
            class
        }
        None => None,
    };
    // Every other tissue named is judged too: a step minimal for one tissue and not for
    // another fails (the least favourable reading).
    let others: TermBuf<TissueSource> = product
        .tissues()
        .filter(|t| Some(*t) != product.tissue)
        .collect();
    if !others.is_empty() {
        facts.push(Fact::terms("other_tissues", others.iter().copied()));
    }
    let mixed_classes = others
        .iter()
        .any(|t| t.info().fda_class != class || class.is_none());

    let processing = product.processing.as_ref();
    let data = processing.and_then(|p| p.minimal_manipulation_data);
    if let Some(d) = data {
        facts.push(Fact::flag("processing.minimal_manipulation_data", d));
    }
    let listed = processing.and_then(|p| p.steps_known());
    match listed {
        Some(steps) => facts.push(Fact::terms("processing.steps", steps.iter().copied())),
        None => missing.push("processing.steps"),
    }
    let implied = implied_steps(product);
    facts.extend(implied_fact(&implied));

    let mut more = TermBuf::<ProcessingStep>::new();
    let mut no_data = TermBuf::<ProcessingStep>::new();
    let mut examples = CodeBuf::new();
    let mut open = false;
    let mut needs_class = false;
    for &step in listed.unwrap_or_default().iter().chain(implied.iter()) {
        // The verdict for the stated tissue (or, unknown, what both classes agree on), then
        // the worst of it and the verdict for each other tissue named.
        let mut judge = |tissue: Option<TissueSource>| match tissue.and_then(|t| step.effect_on(t))
        {
            Some(e) => {
                if let Some(example) = e.example {
                    if !examples.contains(&example) {
                        examples.push(example);
                    }
                }
                StepVerdict::of(e.level, data)
            }
            None => StepVerdict::either_class(step, data),
        };
        let verdict = others.iter().fold(judge(product.tissue), |worst, t| {
            worst.worse(judge(Some(*t)))
        });
        match verdict {
            StepVerdict::Minimal | StepVerdict::MinimalByData => {}
            StepVerdict::MoreThanMinimal => more.push(step),
            StepVerdict::NoData => no_data.push(step),
            StepVerdict::UnjudgedWithData => open = true,
            StepVerdict::NeedsClass => needs_class = true,
        }
    }
    if !examples.is_empty() {
        facts.push(Fact::code_list("processing.steps.fda_examples", examples).as_derived());
    }

    if !more.is_empty() {
        facts.push(Fact::terms("processing.steps.more_than_minimal", more).as_derived());
        if !no_data.is_empty() {
            facts.push(Fact::terms("processing.steps.without_data", no_data).as_derived());
        }
        return finish(
            RULE,
            Outcome::NotMet,
            "processing.steps",
            "a processing step alters the relevant characteristics the tissue had in the donor, so the product is more than minimally manipulated; data on the process cannot change a step FDA's guidance calls more than minimal",
            facts,
            // Settled: no further fact removes a step stated or implied.
            Paths::new(),
        );
    }
    if !no_data.is_empty() {
        facts.push(Fact::terms("processing.steps.without_data", no_data).as_derived());
        let mut finding = finish(
            RULE,
            Outcome::NotMet,
            "processing.minimal_manipulation_data",
            "a step can be minimal only with data on the specific process, and none is recorded: without such data FDA considers the processing more than minimal",
            facts,
            Paths::new(),
        );
        // The guidance's default, not a settled answer: data on the process could change it
        // (with the steps, when they are not stated).
        if data.is_none() {
            push_missing(&mut missing, "processing.minimal_manipulation_data");
            finding.missing = missing;
        }
        return finding;
    }
    if needs_class {
        match product.tissue {
            None => push_missing(&mut missing, "tissue"),
            Some(_) => push_missing(&mut missing, "tissue.fda_class"),
        }
    }
    if open {
        push_missing(&mut missing, "processing.steps");
    }
    if !missing.is_empty() {
        let reason = if open {
            "a step the crate cannot classify is recorded: data the maker holds cannot settle it, so FDA's Tissue Reference Group or a Request for Designation must"
        } else if listed.is_none() {
            "the processing steps are not stated, so whether the product is minimally manipulated cannot be judged"
        } else {
            "the tissue's FDA class (structural or nonstructural, as in the donor) is needed to judge a step whose effect differs between the two"
        };
        return finish(
            RULE,
            Outcome::Undetermined,
            "processing.steps",
            reason,
            facts,
            missing,
        );
    }
    let reason = match class {
        _ if mixed_classes => {
            "every step keeps the relevant characteristics of every source tissue named, structural and nonstructural alike (1271.3(f))"
        }
        Some(FdaTissueClass::Structural) => {
            "every step keeps the original characteristics of the structural tissue relating to reconstruction, repair or replacement (1271.3(f)(1))"
        }
        Some(FdaTissueClass::CellsOrNonstructural) => {
            "every step keeps the relevant biological characteristics of the cells or nonstructural tissue (1271.3(f)(2))"
        }
        None => "every step is minimal for structural and nonstructural tissue alike",
    };
    finish(
        RULE,
        Outcome::Met,
        "processing.steps",
        reason,
        facts,
        Vec::new(),
    )
}

fn homologous_use(product: &Product, analysis: &homologous::Homologous<'_>) -> Finding {
    const RULE: RuleId = RuleId::UsHomologousUse;
    let categories = analysis.indications.map_or(0, |indications| {
        let unlisted = product
            .intended_use
            .as_ref()
            .map_or(&[][..], |u| u.other_indications.as_slice());
        crate::CodedCondition::families(indications, unlisted)
    });
    let myriad = categories >= US_MYRIAD_INDICATION_CATEGORIES;
    let mut facts = Facts::new();
    analysis.push_facts(
        &mut facts,
        usize::from(categories > 0) + usize::from(myriad),
    );
    if categories > 0 {
        #[allow(clippy::cast_precision_loss)]
        let count = categories as f64;
        facts.push(Fact::number("intended_use.indication_categories", count).as_derived());
    }
    if myriad {
        #[allow(clippy::cast_precision_loss)]
        let limit = US_MYRIAD_INDICATION_CATEGORIES as f64;
        facts.push(Fact::number("US_MYRIAD_INDICATION_CATEGORIES", limit).as_limit());
        return finish(
            RULE,
            Outcome::NotMet,
            "intended_use.indications",
            "offered as a treatment for a myriad of unrelated diseases or conditions, so not intended for homologous use only (FDA MM/HU guidance, section IV, Q17)",
            facts,
            Vec::new(),
        );
    }

    match analysis.verdict {
        HomologousVerdict::NotHomologous(because) => finish(
            RULE,
            Outcome::NotMet,
            because.path(),
            because.reason(),
            facts,
            Vec::new(),
        ),
        HomologousVerdict::Undetermined => finish(
            RULE,
            Outcome::Undetermined,
            analysis.missing.first().copied().unwrap_or("intended_use"),
            "homologous use compares the source tissue's basic functions with the functions at the site of use, the functions the indications imply and the declared functions; a fact it needs is missing",
            facts,
            analysis.missing.as_slice(),
        ),
        HomologousVerdict::Homologous => finish(
            RULE,
            Outcome::Met,
            "intended_use",
            "every declared and implied function is a basic function the source tissue performs in the donor, and the recipient's tissue performs it at the site of use (21 CFR 1271.3(c))",
            facts,
            Vec::new(),
        ),
    }
}

fn no_combination(product: &Product) -> Finding {
    const RULE: RuleId = RuleId::UsNoCombination;
    let Some(articles) = product
        .processing
        .as_ref()
        .and_then(|p| p.added_articles_known())
    else {
        return finish(
            RULE,
            Outcome::Undetermined,
            "processing.added_articles",
            "what was combined with the cells is not stated (`[]` states that nothing was)",
            Facts::new(),
            ["processing.added_articles"],
        );
    };
    let mut facts = Facts::new();
    facts.push(Fact::terms(
        "processing.added_articles",
        articles.iter().copied(),
    ));
    let others: TermBuf<AddedArticle> = articles
        .iter()
        .filter(|a| !a.info().allowed_by_1271_10_a_3)
        .copied()
        .collect();
    if others.is_empty() {
        let reason = if articles.is_empty() {
            "nothing is combined with the cells"
        } else {
            "only water, crystalloids or sterilizing, preserving or storage agents are added (allowed if they raise no new clinical safety concern)"
        };
        finish(
            RULE,
            Outcome::Met,
            "processing.added_articles",
            reason,
            facts,
            Vec::new(),
        )
    } else {
        facts.push(Fact::terms("processing.added_articles.other_articles", others).as_derived());
        finish(
            RULE,
            Outcome::NotMet,
            "processing.added_articles",
            "the cells are combined with another article, which 1271.10(a)(3) does not allow",
            facts,
            Vec::new(),
        )
    }
}

/// Whether a claimed mechanism is the work of living cells (1271.10(a)(4)). Every mechanism of
/// the table is: even exosomes are secreted by living cells.
const fn mechanism_needs_living_cells(mechanism: Mechanism) -> bool {
    match mechanism {
        Mechanism::ParacrineSignalling
        | Mechanism::Immunomodulation
        | Mechanism::ExtracellularVesicles
        | Mechanism::Homing
        | Mechanism::DifferentiationEngraftment => true,
    }
}

fn systemic_effect(product: &Product) -> Finding {
    const RULE: RuleId = RuleId::UsSystemicEffect;
    let mut facts = Facts::new();
    let mut missing = Paths::new();
    let path = "intended_use";

    if let Some(donor) = product.donor {
        facts.push(Fact::code("donor", donor.code()));
    }
    let reproductive = product
        .intended_use
        .as_ref()
        .and_then(|u| u.reproductive_use);
    if reproductive == Some(true) {
        facts.push(Fact::flag("intended_use.reproductive_use", true));
    }
    let qualifies = product
        .donor
        .is_some_and(|d| d.is_autologous() || d.is_blood_relative())
        || reproductive == Some(true);
    if qualifies {
        return finish(
            RULE,
            Outcome::Met,
            "donor",
            "for autologous use, a first- or second-degree blood relative, or reproductive use, so a systemic effect or dependence on living cells is allowed (1271.10(a)(4)(ii))",
            facts,
            missing,
        );
    }

    let explicit_systemic = product
        .intended_use
        .as_ref()
        .and_then(|u| u.systemic_effect);
    let explicit_living = product
        .intended_use
        .as_ref()
        .and_then(|u| u.depends_on_living_cells);
    let mut derived = false;

    let systemic = match explicit_systemic {
        Some(s) => {
            facts.push(Fact::flag("intended_use.systemic_effect", s));
            Some(s)
        }
        None => match product.delivery {
            Some(d) if d.route.info().systemic => {
                derived = true;
                facts.push(Fact::code("delivery.route", d.route.code()));
                facts.push(Fact::flag("intended_use.systemic_effect", true).as_derived());
                Some(true)
            }
            _ => None,
        },
    };
    let mechanisms = product.mechanisms_known().unwrap_or_default();
    let living = match explicit_living {
        Some(l) => {
            facts.push(Fact::flag("intended_use.depends_on_living_cells", l));
            Some(l)
        }
        None if mechanisms.iter().any(|m| mechanism_needs_living_cells(*m)) => {
            derived = true;
            facts.push(Fact::terms("mechanisms", mechanisms.iter().copied()));
            facts.push(Fact::flag("intended_use.depends_on_living_cells", true).as_derived());
            Some(true)
        }
        None => None,
    };

    if systemic == Some(true) || living == Some(true) {
        // No tissue of the vocabulary is a reproductive cell or tissue (21 CFR 1271.10(a)(4)
        // (ii)(c) concerns semen, oocytes and embryos), so an unstated reproductive use cannot
        // be one; an explicit `false` says so too.
        // A donor of unstated relation ("for allogeneic use") might be a close blood
        // relative: only a donor known to be neither autologous nor a close relative settles it.
        let known_other = product
            .donor
            .is_some_and(|d| d.relation_known() && !(d.is_autologous() || d.is_blood_relative()));
        if known_other && (product.tissue.is_some() || reproductive == Some(false)) {
            let reason = if derived {
                "has a systemic effect or depends on living cells (derived from the route or the claimed mechanisms, as the record does not say), and is neither autologous, for a close blood relative, nor reproductive"
            } else {
                "has a systemic effect or depends on the metabolic activity of living cells, and is neither autologous, for a first- or second-degree blood relative, nor reproductive"
            };
            return finish(RULE, Outcome::NotMet, path, reason, facts, missing);
        }
        let unstated_relation = product.donor.is_some_and(|d| !d.relation_known());
        if product.donor.is_none() || unstated_relation {
            missing.push("donor");
        }
        if product.tissue.is_none() && reproductive.is_none() {
            missing.push("intended_use.reproductive_use");
        }
        let reason = if unstated_relation {
            "has a systemic effect or depends on living cells, and comes from another person whose relation to the patient is not stated ('for allogeneic use'): a first- or second-degree blood relative would meet 1271.10(a)(4)(ii)(b), any other donor would not, so the criterion stays open until the relation is stated"
        } else {
            "has a systemic effect or depends on living cells; the donor (and, for a tissue not named, reproductive use) is needed to know whether it is autologous, for a close blood relative, or reproductive"
        };
        return finish(RULE, Outcome::Undetermined, path, reason, facts, missing);
    }
    if systemic == Some(false) && living == Some(false) {
        return finish(
            RULE,
            Outcome::Met,
            path,
            "no systemic effect and not dependent on the metabolic activity of living cells for its primary function (1271.10(a)(4)(i))",
            facts,
            missing,
        );
    }
    if product.donor.is_none_or(|d| !d.relation_known()) {
        missing.push("donor");
    }
    if systemic.is_none() {
        missing.push("intended_use.systemic_effect");
    }
    if living.is_none() {
        missing.push("intended_use.depends_on_living_cells");
    }
    if product.tissue.is_none() && reproductive.is_none() {
        missing.push("intended_use.reproductive_use");
    }
    finish(
        RULE,
        Outcome::Undetermined,
        path,
        "whether it has a systemic effect or depends on living cells is not recorded, and the donor does not settle it",
        facts,
        missing,
    )
}
