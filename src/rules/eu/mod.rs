//! European Union: is an MSC product an advanced therapy medicinal product (ATMP)?
//!
//! Regulation (EC) No 1394/2007 makes a cell product an ATMP when its cells are *engineered*
//! (Art 2(1)(c)): substantially manipulated (Annex I lists manipulations that are not), or not
//! used for the same essential function(s) in the recipient as in the donor. Engineered cells make a tissue
//! engineered product (TEP), a somatic cell therapy medicinal product (sCTMP) or, when both
//! conditions of Directive 2001/83/EC Annex I Part IV point 2.1 hold, a gene therapy medicinal
//! product (GTMP). Cells that are not engineered stay human tissues and cells under Directive
//! 2004/23/EC, unless they are an autologous graft used within the same surgical procedure
//! (Art 2(2)(a)); from 7 August 2027 they are substances of human origin under Regulation (EU)
//! 2024/1938, which has no such exclusion and requires a SoHO preparation authorisation (Art 38(1)).

use crate::Reason;
use crate::determination;
use crate::rules::homologous::{self, HomologousVerdict};
use crate::rules::profile::Profile;
use crate::rules::write::Fill;
use crate::table::vocab;
use crate::{
    CellPreparation, Codes, Determination, Determined, Donor, Fact, FactValue, Finding, Indication,
    Mechanism, Outcome, ProcessingStep, Product, RuleId, Severity, TissueFunction,
};
use jiff::civil::Date;
use serde::Serialize;
use smallvec::SmallVec;
use std::fmt;

mod atmp;
mod classification;
mod determined;
mod engineered;
mod function;
mod manipulation;
pub(crate) mod reasons;
mod report;
mod soho;
use atmp::*;
pub use classification::*;
use determined::*;
use engineered::*;
use function::*;
use manipulation::*;
pub use report::*;
use soho::*;

/// Room for every finding the engine writes, so that the list never grows.
const FINDINGS: usize = 10;

/// **Classifies a product under EU law**: ATMP (and which class) or human tissues and cells.
///
/// The steps, in the Regulation's order:
///
/// 1. *Substantial manipulation* (Art 2(1)(c), first indent): each processing step is judged
///    by [`ProcessingStep::eu_manipulation`]. A substantial step (cell culture, enzymatic
///    digestion, genetic modification) settles it; Annex I steps, mechanical fragmentation
///    (judged as Annex I's cutting and grinding) and rinsing or washing (which achieves none of
///    the properties the first indent names) are not substantial; any other step (activation,
///    decellularisation, an [`ProcessingStep::Unclassified`] step) leaves the question to the
///    CAT. A missing processing record leaves it open too.
/// 2. *Not the same essential function* (Art 2(1)(c), second indent), judged in "the same
///    anatomical or histological environment": the source tissue's basic functions
///    ([`crate::TissueInfo::basic_functions`]) against what the recipient's tissue does at the
///    site of use ([`crate::Product::site_of_use`], stated or derived from the route) and the
///    functions the indications imply ([`crate::IndicationInfo::implies`]) as well as the
///    declared ones ([`crate::IntendedUse::functions`]). A fat graft given into a vein or into
///    heart muscle is not used for the same essential function, whatever is declared.
/// 3. Engineered (either criterion met) means an ATMP. A genetic modification step makes it a
///    GTMP when the record also states condition (b) of Directive 2001/83/EC Annex I Part IV
///    point 2.1 ([`crate::Processing::effect_from_recombinant_nucleic_acid`]); unstated, the
///    class is open; stated `false`, the class follows the claims. Otherwise the class follows the principal mode of action the product is presented
///    with, read from the most specific evidence there is: the declared functions; else the
///    mechanisms that name a mode of action (cells said to become new tissue: repair;
///    immunomodulation: immunological); else the functions the indications imply
///    ([`crate::IndicationInfo::implies`]). A claim to regenerate, repair or replace a tissue
///    makes a TEP; a claim to treat a disease through the immunological action of the cells
///    makes an sCTMP (Alofisel, presented as immunomodulatory for perianal fistulas, is one in
///    its EPAR); a generic pharmacological mechanism (paracrine signalling, extracellular
///    vesicles) for an indication makes an sCTMP only when nothing else decides. A paracrine mechanism behind a tissue-repair claim is how the repair is said to
///    happen, not a second claim: the product stays a TEP. A product presented with both a
///    repair claim and an immunological claim fits both definitions; Art 2(4) is reported to
///    make such a product a TEP, and the crate applies that, with a warning, because the
///    Regulation's text of Art 2(4) could not be read (see [`RuleId::EuAtmpClass`]).
///    For an ATMP the route findings ask, and never settle: the hospital exemption (Art 28), the
///    scope condition of Directive 2001/83/EC Art 2(1) ("prepared industrially or manufactured
///    by a method involving an industrial process"), and compassionate use (Art 83 of
///    Regulation (EC) No 726/2004) or named-patient supply (Art 5(1) of Directive 2001/83/EC).
/// 4. Not engineered (both criteria not met) means not an ATMP. Until 6 August 2027: human
///    tissues and cells under Directive 2004/23/EC, or excluded from it as an autologous graft
///    within the same surgical procedure; the exclusion needs both facts shown. From 7 August
///    2027 ([`crate::SOHO_APPLIES`]): a substance of human origin under Regulation (EU)
///    2024/1938 ([`EuClassification::NotAtmpSoho`]), whose preparation needs a SoHO preparation
///    authorisation, even an autologous one prepared and immediately applied (Art 38(1), Art 60).
///    Animal cells are outside both and leave the classification open.
///
/// Cell-free preparations (exosomes, conditioned medium) contain no cells or tissues; their
/// status is outside this engine and the classification is undetermined. So is a product that
/// would be a TEP but holds only non-viable cells ([`crate::PreparationInfo::live_cells`]),
/// which Art 2(1)(b) excludes from the TEP definition unless they act principally by
/// pharmacological, immunological or metabolic action.
///
/// Several source tissues ([`crate::Product::other_tissues`]): the essential functions are
/// compared for every tissue, and the cells are used for the same essential function only if
/// they are for each.
///
/// Determinations recorded with the product ([`crate::Product::determinations`], such as a CAT
/// classification recommendation under Art 17) settle the criterion they name, and
/// `eu.determination` the classification: an ATMP (and its class) or not an ATMP, which settles
/// an open question but never overrides an ATMP the facts establish. One the facts contradict
/// keeps the less favourable answer (an ATMP; two classes: class open) and names the
/// contradiction; an `eu.determination` finding reports each (used, dated after the evaluation
/// date, or contradicted).
///
/// Every finding whose answer is open is a warning; every settled answer is information. Each
/// finding's `missing` lists exactly the input fields whose presence could change it.
///
/// The function is pure and never fails.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{Product, classify_eu};
/// use msc_therapy::engine::eu::EuClassification;
///
/// let product = Product::from_json(r#"{
///     "name": "Cultured bone-marrow MSCs for GvHD",
///     "tissue": "bone_marrow",
///     "donor": "allogeneic_unrelated",
///     "processing": {"steps": ["culture_expansion", "cryopreservation"]},
///     "intended_use": {"functions": ["immunomodulation"], "indications": ["graft_versus_host_disease"]}
/// }"#)?;
/// let report = classify_eu(&product, jiff::civil::date(2026, 12, 7));
/// assert_eq!(report.classification, EuClassification::SomaticCellTherapy);
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
#[must_use]
pub fn classify_eu(product: &Product, on: Date) -> EuAssessment {
    classify_eu_sharing(&Profile::new(product), on)
}

/// An EU rule: fills in its finding (which starts as met and informational), reading the
/// product only.
type Rule = fn(&Profile<'_>, &mut Finding);

/// The EU rules that read only the product, in report order: the two criteria of Art 2(1)(c)
/// that make cells "engineered". Every product with cells is judged on both; what follows from
/// them is the second step of [`classify_eu_sharing`].
const RULES: [(RuleId, Rule); 2] = [
    (RuleId::EuSubstantialManipulation, substantial_manipulation),
    (RuleId::EuEssentialFunction, essential_function),
];

/// Appends the finding of `rule`, met and informational, for a step of the classification to
/// fill in where it lies.
fn next(findings: &mut Vec<Finding>, rule: RuleId) -> &mut Finding {
    let at = findings.len();
    findings.push(Finding::new(rule, Outcome::Met, Severity::Info));
    &mut findings[at]
}

/// [`classify_eu`], on a [`Profile`] shared with the other engines of a call.
///
/// A cell-free preparation is judged by no rule of [`RULES`]: its class is open and only the
/// CAT finding follows. For every other product:
///
/// 1. every rule of [`RULES`] fills its finding;
/// 2. determinations recorded for the product settle the criteria they name;
/// 3. the second step, [`classify`], reads the two criteria (and a determination of the
///    classification) and writes the findings that follow from the answer: the ATMP class
///    and the routes of an ATMP, or the framework of cells that are not engineered; then the
///    CAT finding and one finding per determination.
pub(crate) fn classify_eu_sharing(p: &Profile<'_>, on: Date) -> EuAssessment {
    let product = p.product;
    let mut findings = Vec::with_capacity(FINDINGS);

    if p.cell_free {
        next(&mut findings, RuleId::EuAtmpClass)
            .judge(Outcome::Undetermined, Severity::Warning)
            .point_at("preparation")
            .why(&reasons::CELL_FREE_PREPARATION_CONTAINS_CELLS)
            .add(preparation_fact(product));
        cat_classification(next(&mut findings, RuleId::EuCatClassification), true);
        findings.extend(determination::report(
            product,
            RuleId::EuDetermination,
            EU_DETERMINATION_RULES,
            on,
            &[],
            false,
        ));
        return EuAssessment::new(EuClassification::Undetermined, findings, on);
    }

    findings.extend(
        RULES
            .iter()
            .map(|&(rule, _)| Finding::new(rule, Outcome::Met, Severity::Info)),
    );
    for (finding, (_, rule)) in findings.iter_mut().zip(&RULES) {
        rule(p, finding);
    }
    let classification = classify(p, &mut findings, on);
    EuAssessment::new(classification, findings, on)
}

/// **The second step**: the classification, from the two criteria's findings (`findings`, in
/// the order of [`RULES`]) once determinations have settled them, and the findings that follow
/// from it, appended to `findings`.
fn classify(p: &Profile<'_>, findings: &mut Vec<Finding>, on: Date) -> EuClassification {
    let product = p.product;
    // Determinations recorded for the product settle the criteria they name, and one of the
    // classification settles whether the cells are engineered and their class.
    let mut contradicted: SmallVec<[(RuleId, bool); 2]> = SmallVec::new();
    let determined = product.determinations.is_some();
    if determined {
        for f in findings.iter_mut() {
            if let Some(against) = determination::settle(f, product, on, eu_severity) {
                contradicted.push((f.rule, against));
            }
        }
    }
    let (manipulation, function) = (findings[0].outcome, findings[1].outcome);
    let by_facts = match (manipulation, function) {
        (Outcome::Met, _) | (_, Outcome::Met) => Outcome::Met,
        (Outcome::NotMet, Outcome::NotMet) => Outcome::NotMet,
        // Neither criterion met and one of them open: open.
        (
            Outcome::NotMet | Outcome::Undetermined | Outcome::NotApplicable,
            Outcome::NotMet | Outcome::Undetermined | Outcome::NotApplicable,
        ) => Outcome::Undetermined,
    };
    let class_determinations: SmallVec<[&Determination; 2]> = if determined {
        determination::in_force(product, RuleId::EuDetermination, on)
    } else {
        SmallVec::new()
    };
    let determined_class = determined_class(&class_determinations);
    let engineered = match (by_facts, determined_class) {
        (_, None) => by_facts,
        // An ATMP by the determination: engineered, whatever the facts say (the less
        // favourable answer; a disagreement is named below).
        (_, Some(Some(_))) => Outcome::Met,
        // Not an ATMP by the determination: it settles an open question, never an answer
        // the facts give.
        (Outcome::Undetermined | Outcome::NotApplicable, Some(None)) => Outcome::NotMet,
        (Outcome::Met | Outcome::NotMet, Some(None)) => by_facts,
    };
    let among_themselves = class_determinations
        .iter()
        .any(|d| d.outcome != class_determinations[0].outcome);
    let mut class_contradiction = match (by_facts, determined_class) {
        (Outcome::NotMet, Some(Some(_))) | (Outcome::Met, Some(None)) => Some(true),
        _ if among_themselves => Some(false),
        _ => None,
    };

    let classification = match engineered {
        Outcome::Met => {
            let f = next(findings, RuleId::EuAtmpClass);
            let class = atmp_class(p, f);
            let class = match determined_class.flatten() {
                None => class,
                Some(stated) => {
                    for d in &class_determinations {
                        d.push_facts(&mut f.facts);
                    }
                    let open = matches!(
                        class,
                        EuClassification::Undetermined | EuClassification::AtmpClassUndetermined
                    );
                    let settled = if stated == EuClassification::AtmpClassUndetermined {
                        // "An ATMP", class not stated: the facts' class stands.
                        class
                    } else if open || class == stated {
                        stated
                    } else {
                        class_contradiction = Some(true);
                        EuClassification::AtmpClassUndetermined
                    };
                    if settled != class || !open {
                        f.rest_on(
                            class_determinations
                                .first()
                                .map_or(crate::Basis::AgencyStatement, |d| d.basis.basis()),
                        );
                    }
                    if settled != class {
                        let (outcome, reason) =
                            if settled == EuClassification::AtmpClassUndetermined {
                                (
                                    Outcome::Undetermined,
                                    &reasons::CLASS_DETERMINATION_DISAGREES,
                                )
                            } else {
                                (Outcome::Met, &reasons::CLASS_SETTLED_BY_DETERMINATION)
                            };
                        f.judge(outcome, eu_severity(RuleId::EuAtmpClass, outcome))
                            .why(reason);
                        f.missing.clear();
                        f.facts.retain(|fact| fact.name != "derived.class");
                        f.add(Fact::code("derived.class", settled.code()).as_derived());
                    }
                    settled
                }
            };
            if let Some(against) = class_contradiction {
                let outcome = f.outcome;
                f.add(determination::contradiction(
                    RuleId::EuDetermination,
                    against,
                ))
                .judge(outcome, Severity::Warning);
            }
            if class.is_atmp() == Some(true) {
                if RuleId::EuSoho.holds_on(on) {
                    next(findings, RuleId::EuSoho)
                        .add(
                            Fact::date("derived.soho_applies_from", crate::law::SOHO_APPLIES)
                                .as_limit(),
                        )
                        .why(&reasons::ATMP_SOHO_REGULATION_EU_2024);
                } else {
                    next(findings, RuleId::EuTissuesAndCells)
                        .why(&reasons::ATMP_TISSUES_CELLS_DIRECTIVE_COVERS);
                }
                routes_of_an_atmp(findings);
            }
            class
        }
        Outcome::NotMet => {
            let class = not_engineered(p, findings, on);
            next(findings, RuleId::EuHospitalExemption)
                .not_applicable(&reasons::HOSPITAL_EXEMPTION_CONCERNS_ATMPS_ONLY);
            class
        }
        Outcome::Undetermined | Outcome::NotApplicable => EuClassification::Undetermined,
    };

    cat_classification(
        next(findings, RuleId::EuCatClassification),
        matches!(
            classification,
            EuClassification::Undetermined | EuClassification::AtmpClassUndetermined
        ),
    );
    if determined {
        if let Some(against) = class_contradiction {
            contradicted.push((RuleId::EuDetermination, against));
        }
        findings.extend(determination::report(
            product,
            RuleId::EuDetermination,
            EU_DETERMINATION_RULES,
            on,
            &contradicted,
            true,
        ));
    }
    classification
}
