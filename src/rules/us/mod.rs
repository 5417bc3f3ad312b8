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

use crate::Reason;
use crate::determination;
use crate::rules::homologous::HomologousVerdict;
use crate::rules::profile::Profile;
use crate::rules::write::Fill;
use crate::table::vocab;
use crate::{AddedArticle, Basis, Codes, FactValue, Paths};
use crate::{
    CellPreparation, Determined, Donor, Fact, FdaTissueClass, Finding, ManipulationLevel,
    Mechanism, Outcome, ProcessingStep, Product, RuleId, Severity, Text, TissueSource,
};
use smallvec::SmallVec;

/// A short list of machine names, kept on the stack.
type CodeBuf = SmallVec<[&'static str; 8]>;
/// Vocabulary terms gathered on the stack before they become a fact.
type TermBuf<T> = SmallVec<[T; 8]>;
/// Dotted input paths a rule gathers before it knows whether its outcome is open, kept on the
/// stack.
type PathList = SmallVec<[&'static str; 6]>;
use serde::Serialize;
use std::fmt;

mod classification;
mod criteria;
mod determined;
mod hctp;
pub(crate) mod reasons;
mod report;
mod same_surgical;
mod write;
pub use classification::*;
use criteria::*;
use determined::*;
pub(crate) use hctp::*;
pub use report::*;
use same_surgical::*;
use write::*;

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
/// use msc_therapy::{Product, classify_us};
/// use msc_therapy::document::Processing;
/// use msc_therapy::engine::us::UsClassification;
/// use msc_therapy::vocab::{CellPreparation, Donor, ProcessingStep, Text, TissueSource};
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
/// # Ok::<(), msc_therapy::document::ValueError>(())
/// ```
#[must_use]
pub fn classify_us(product: &Product, on: jiff::civil::Date) -> UsAssessment {
    classify_us_sharing(&Profile::new(product), on)
}

/// A US rule: fills in its finding (which starts as met and informational), reading the
/// product only.
type Rule = fn(&Profile<'_>, &mut Finding);

/// The US rules that read only the product, in the order of the report after the HCT/P step:
/// the exception of 21 CFR 1271.15(b), then the four criteria of 21 CFR 1271.10(a). The HCT/P
/// step (`us.cfr1271.3.d`) reads three of the criteria and is the second step of
/// [`classify_us_sharing`].
const RULES: [(RuleId, Rule); 5] = [
    (RuleId::UsSameSurgicalProcedure, same_surgical_procedure),
    (RuleId::UsMinimalManipulation, minimal_manipulation),
    (RuleId::UsHomologousUse, homologous_use),
    (RuleId::UsNoCombination, no_combination),
    (RuleId::UsSystemicEffect, systemic_effect),
];

/// [`classify_us`], on a [`Profile`] shared with the other engines of a call.
///
/// 1. Every rule of [`RULES`] fills its finding, in its slot of the report.
/// 2. Determinations recorded for the product settle the exception and the criteria they name.
/// 3. The HCT/P step ([`is_hctp`]) reads the criteria (the bone marrow exclusion of
///    1271.3(d)(4) needs minimal manipulation, homologous use and no combination), then its
///    determinations settle it.
/// 4. The classification reads the HCT/P step, the exception and the criteria; the steps after
///    the one that decided it are marked not reached.
pub(crate) fn classify_us_sharing(p: &Profile<'_>, on: jiff::civil::Date) -> UsAssessment {
    let product = p.product;
    // The findings are written once, in their slots of the report's list, in the order the
    // report gives them: the HCT/P step (filled in from the criteria below it), the exception,
    // then the four criteria of 1271.10(a).
    const HCTP: usize = 0;
    const EXCEPTION: usize = 1;
    const CRITERIA: std::ops::Range<usize> = 2..6;
    let mut findings = Vec::with_capacity(1 + RULES.len());
    findings.push(Finding::new(RuleId::UsIsHctp, Outcome::Met, Severity::Info));
    findings.extend(
        RULES
            .iter()
            .map(|&(rule, _)| Finding::new(rule, Outcome::Met, Severity::Info)),
    );
    for (finding, (_, rule)) in findings[EXCEPTION..].iter_mut().zip(&RULES) {
        rule(p, finding);
    }
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
    // The second step: the HCT/P step reads the criteria, in their order: minimal manipulation,
    // homologous use, no combination.
    let (hctp, rest) = findings.split_at_mut(EXCEPTION);
    let criteria = &rest[CRITERIA.start - EXCEPTION..];
    is_hctp(
        p,
        [&criteria[0], &criteria[1], &criteria[2]],
        &mut hctp[HCTP],
    );
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
                not_reached(f, &reasons::NOT_REACHED_NOT_HCTP);
            }
        }
        Reached::ThroughException => {
            for f in &mut findings[CRITERIA] {
                not_reached(f, &reasons::NOT_REACHED_EXCEPTED);
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
