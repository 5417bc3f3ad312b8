//! **What an authority determined about a product**, recorded as a fact of the product: an FDA
//! warning or untitled letter, a court's decision, an EMA CAT classification recommendation.
//!
//! A regulator's conclusion often rests on facts the record cannot hold: a warning letter
//! redacts the processing steps (`(b)(4)`) and still concludes that "processing alters the
//! original relevant characteristics" of the tissue. A [`Determination`] records that conclusion
//! with its document, so that the rules can use it for the criterion or classification it names,
//! from the day it is dated, with the finding's [`Basis`](crate::Basis) the document's kind.

use crate::table::vocab;
use crate::{
    Basis, Codes, Fact, FactValue, Finding, IsoDate, Outcome, Product, RuleId, Severity, Text,
    ValueError,
};
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;
use std::borrow::Cow;

vocab! {
    /// **What an authority determined**: a criterion met or not met, or a classification.
    ///
    /// A criterion ([`Determination::rule`] a rule of 21 CFR 1271.10(a), 1271.3(d) or
    /// 1271.15(b), or one of the two "engineered" criteria of Regulation (EC) No 1394/2007 Art
    /// 2(1)(c)) takes `met` or `not_met`. The US classification as a whole
    /// ([`RuleId::UsDetermination`]) takes one of the four US classes; the EU classification
    /// ([`RuleId::EuDetermination`]) `not_atmp`, `atmp` (class not stated) or an ATMP class.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::document::Determined;
    ///
    /// let outcome: Determined = "section_351_product".parse()?;
    /// assert_eq!(outcome, Determined::Section351Product);
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum Determined {
        /// The criterion is met.
        Met => "met", "met";
        /// The criterion is not met.
        NotMet => "not_met", "not met";
        /// US: not an HCT/P (21 CFR 1271.3(d)).
        NotAnHctp => "not_an_hctp", "not an HCT/P";
        /// US: excepted under 21 CFR 1271.15(b).
        ExceptedSameSurgicalProcedure => "excepted_same_surgical_procedure", "excepted: same surgical procedure";
        /// US: a Section 361 HCT/P.
        Section361Hctp => "section_361_hctp", "Section 361 HCT/P";
        /// US: a drug and/or biological product under section 351 of the PHS Act.
        Section351Product => "section_351_product", "Section 351 drug / biological product";
        /// EU: not an advanced therapy medicinal product.
        NotAtmp => "not_atmp", "not an ATMP";
        /// EU: an ATMP, its class not stated.
        Atmp => "atmp", "an ATMP (class not stated)";
        /// EU: a tissue engineered product.
        TissueEngineeredProduct => "tissue_engineered_product", "ATMP: tissue engineered product";
        /// EU: a somatic cell therapy medicinal product.
        SomaticCellTherapy => "somatic_cell_therapy", "ATMP: somatic cell therapy medicinal product";
        /// EU: a gene therapy medicinal product.
        GeneTherapy => "gene_therapy", "ATMP: gene therapy medicinal product";
    }
}

vocab! {
    /// **What kind of document a determination is**: an agency's statement or a court's
    /// decision. It becomes the [`Basis`] of the finding the determination settles.
    pub enum DeterminationBasis {
        /// An agency's statement: a warning letter, an untitled letter, a CAT classification
        /// recommendation, a Tissue Reference Group answer.
        AgencyStatement => "agency_statement", "an agency statement";
        /// A court's decision.
        CourtDecision => "court_decision", "a court decision";
    }
}

impl DeterminationBasis {
    /// The [`Basis`] a finding settled by such a document rests on.
    #[must_use]
    pub const fn basis(self) -> Basis {
        match self {
            Self::AgencyStatement => Basis::AgencyStatement,
            Self::CourtDecision => Basis::CourtDecision,
        }
    }
}

/// **One authority's determination on this product**, as its document states it.
///
/// `rule` names what it settles: a criterion (`us.cfr1271.10.a.1`, the minimal-manipulation
/// criterion; `eu.reg1394.2.1.c.1`, substantial manipulation) with `met` or `not_met`, or the
/// classification as a whole (`us.determination` with a US class, `eu.determination` with
/// `not_atmp`, `atmp` or an ATMP class). The rules use it from the day it is `dated`: a
/// determination dated after the evaluation date is reported and not used. One that the stated
/// facts contradict is reported as a contradiction (a `contradicts` fact), and the less
/// favourable of the two answers is kept.
///
/// A determination can settle a criterion the record's facts leave open, as an FDA letter that
/// redacts the processing steps and still finds the product more than minimally manipulated.
/// The crate cannot check that the document is about the product described; the record states
/// it.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{Product, RuleId};
/// use msc_therapy::document::Determined;
///
/// let product = Product::from_json(r#"{
///     "name": "Umbilical cord product",
///     "tissue": "umbilical_cord_tissue",
///     "donor": "allogeneic",
///     "determinations": [{
///         "rule": "us.cfr1271.10.a.1",
///         "outcome": "not_met",
///         "issuer": "FDA, Center for Biologics Evaluation and Research",
///         "title": "Warning letter",
///         "reference": "CBER 00-000000",
///         "dated": "2024-06-05",
///         "basis": "agency_statement"
///     }]
/// }"#)?;
/// let d = &product.determinations.as_deref().unwrap()[0];
/// assert_eq!((d.rule, d.outcome), (RuleId::UsMinimalManipulation, Determined::NotMet));
///
/// // A classification given for a criterion is refused, naming the field.
/// let err = Product::from_json(r#"{"name": "x", "determinations": [{"rule": "us.cfr1271.10.a.1",
///     "outcome": "section_351_product", "issuer": "FDA", "title": "Letter",
///     "dated": "2024-06-05", "basis": "agency_statement"}]}"#).unwrap_err();
/// assert!(err.path().starts_with("determinations[0]"), "{err}");
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Determination {
    /// What it settles: a criterion's rule id, or `us.determination` / `eu.determination` for
    /// the US or EU classification as a whole. Only the rules listed in
    /// [`Determination::SETTLES`] are accepted.
    pub rule: RuleId,
    /// What the authority determined: `met` / `not_met` for a criterion, a class for a
    /// classification.
    pub outcome: Determined,
    /// Who determined it: the agency and office, or the court.
    pub issuer: Text,
    /// The document's title or kind ("Warning letter", "Opinion", "Scientific recommendation on
    /// classification of advanced therapy medicinal products").
    pub title: Text,
    /// The document's reference number (a warning letter's CBER or MARCS-CMS number, a court's
    /// docket number, an EMA document number), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Text>,
    /// The date of the document (for a CAT recommendation, the date of adoption).
    pub dated: IsoDate,
    /// What kind of document it is.
    pub basis: DeterminationBasis,
}

/// A determination as it is read: every field, then the pair (rule, outcome) checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Determination")]
struct DeterminationRepr {
    rule: RuleId,
    outcome: Determined,
    issuer: Text,
    title: Text,
    #[serde(default)]
    reference: Option<Text>,
    dated: IsoDate,
    basis: DeterminationBasis,
}

impl<'de> Deserialize<'de> for Determination {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let r = DeterminationRepr::deserialize(deserializer)?;
        Self::new(r.rule, r.outcome, r.issuer, r.title, r.dated, r.basis)
            .map(|d| Self {
                reference: r.reference,
                ..d
            })
            .map_err(crate::error::invalid_value)
    }
}

/// What a rule's determination may say.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A criterion: met or not met.
    Criterion,
    /// The US classification.
    UsClass,
    /// The EU classification.
    EuClass,
}

const fn kind_of(rule: RuleId) -> Option<Kind> {
    match rule {
        RuleId::UsIsHctp
        | RuleId::UsSameSurgicalProcedure
        | RuleId::UsMinimalManipulation
        | RuleId::UsHomologousUse
        | RuleId::UsNoCombination
        | RuleId::UsSystemicEffect
        | RuleId::EuSubstantialManipulation
        | RuleId::EuEssentialFunction => Some(Kind::Criterion),
        RuleId::UsDetermination => Some(Kind::UsClass),
        RuleId::EuDetermination => Some(Kind::EuClass),
        _ => None,
    }
}

const fn fits(kind: Kind, outcome: Determined) -> bool {
    match kind {
        Kind::Criterion => matches!(outcome, Determined::Met | Determined::NotMet),
        Kind::UsClass => matches!(
            outcome,
            Determined::NotAnHctp
                | Determined::ExceptedSameSurgicalProcedure
                | Determined::Section361Hctp
                | Determined::Section351Product
        ),
        Kind::EuClass => matches!(
            outcome,
            Determined::NotAtmp
                | Determined::Atmp
                | Determined::TissueEngineeredProduct
                | Determined::SomaticCellTherapy
                | Determined::GeneTherapy
        ),
    }
}

impl Determination {
    /// The rules a determination may name: the US criteria and the US classification
    /// (`us.determination`), the two EU "engineered" criteria and the EU classification
    /// (`eu.determination`).
    pub const SETTLES: &'static [RuleId] = &[
        RuleId::UsIsHctp,
        RuleId::UsSameSurgicalProcedure,
        RuleId::UsMinimalManipulation,
        RuleId::UsHomologousUse,
        RuleId::UsNoCombination,
        RuleId::UsSystemicEffect,
        RuleId::UsDetermination,
        RuleId::EuSubstantialManipulation,
        RuleId::EuEssentialFunction,
        RuleId::EuDetermination,
    ];

    /// A determination without a reference number.
    ///
    /// # Errors
    ///
    /// [`ValueError::Malformed`] when `rule` is not one a determination can settle
    /// ([`Determination::SETTLES`]) or `outcome` does not fit it (`met` / `not_met` for a
    /// criterion, a class of the jurisdiction for a classification).
    pub fn new(
        rule: RuleId,
        outcome: Determined,
        issuer: Text,
        title: Text,
        dated: IsoDate,
        basis: DeterminationBasis,
    ) -> Result<Self, ValueError> {
        let Some(kind) = kind_of(rule) else {
            return Err(ValueError::Malformed {
                what: "determination rule",
                expected: "a US criterion (us.cfr1271.3.d, us.cfr1271.15.b, us.cfr1271.10.a.1 to .a.4), us.determination, an EU criterion (eu.reg1394.2.1.c.1, eu.reg1394.2.1.c.2) or eu.determination",
                value: rule.code().to_owned(),
            });
        };
        if !fits(kind, outcome) {
            return Err(ValueError::Malformed {
                what: "determination outcome",
                expected: match kind {
                    Kind::Criterion => "met or not_met for a criterion",
                    Kind::UsClass => {
                        "a US classification (not_an_hctp, excepted_same_surgical_procedure, section_361_hctp, section_351_product)"
                    }
                    Kind::EuClass => {
                        "an EU classification (not_atmp, atmp, tissue_engineered_product, somatic_cell_therapy, gene_therapy)"
                    }
                },
                value: format!("{} for {}", outcome.code(), rule.code()),
            });
        }
        Ok(Self {
            rule,
            outcome,
            issuer,
            title,
            reference: None,
            dated,
            basis,
        })
    }

    /// Whether the determination is in force on `on`: dated on or before it.
    #[must_use]
    pub fn dated_by(&self, on: jiff::civil::Date) -> bool {
        self.dated.date() <= on
    }

    /// The outcome as a criterion's [`Outcome`], for `met` and `not_met`.
    pub(crate) const fn criterion_outcome(&self) -> Option<Outcome> {
        match self.outcome {
            Determined::Met => Some(Outcome::Met),
            Determined::NotMet => Some(Outcome::NotMet),
            Determined::NotAnHctp
            | Determined::ExceptedSameSurgicalProcedure
            | Determined::Section361Hctp
            | Determined::Section351Product
            | Determined::NotAtmp
            | Determined::Atmp
            | Determined::TissueEngineeredProduct
            | Determined::SomaticCellTherapy
            | Determined::GeneTherapy => None,
        }
    }

    /// The facts that cite the document on a finding.
    pub(crate) fn push_facts(&self, facts: &mut crate::Facts) {
        facts.push(Fact::code("determination.rule", self.rule.code()));
        facts.push(Fact::code("determination.outcome", self.outcome.code()));
        facts.push(Fact::new(
            "determination.issuer",
            FactValue::Text(Cow::Owned(self.issuer.to_string())),
        ));
        facts.push(Fact::new(
            "determination.title",
            FactValue::Text(Cow::Owned(self.title.to_string())),
        ));
        if let Some(reference) = &self.reference {
            facts.push(Fact::new(
                "determination.reference",
                FactValue::Text(Cow::Owned(reference.to_string())),
            ));
        }
        facts.push(Fact::date("determination.dated", self.dated));
        facts.push(Fact::code("determination.basis", self.basis.code()));
    }
}

/// The determinations of `product` naming `rule`.
pub(crate) fn naming(product: &Product, rule: RuleId) -> impl Iterator<Item = &Determination> {
    product
        .determinations
        .as_deref()
        .unwrap_or_default()
        .iter()
        .filter(move |d| d.rule == rule)
}

/// The determinations of `product` naming `rule` and dated on or before `on`.
pub(crate) fn in_force(
    product: &Product,
    rule: RuleId,
    on: jiff::civil::Date,
) -> SmallVec<[&Determination; 2]> {
    naming(product, rule).filter(|d| d.dated_by(on)).collect()
}

/// The outcome of a criterion that is favourable to the product: `met` for the US criteria
/// and the exception, `not_met` for "is an HCT/P" and for the two EU criteria (which make the
/// cells engineered).
pub(crate) const fn favourable(rule: RuleId) -> Outcome {
    match rule {
        RuleId::UsIsHctp | RuleId::EuSubstantialManipulation | RuleId::EuEssentialFunction => {
            Outcome::NotMet
        }
        _ => Outcome::Met,
    }
}

/// Every input of a product record a classification can read: what a contradiction with a
/// classification names.
const ALL_INPUTS: &[&str] = &[
    "tissue",
    "other_tissues",
    "donor",
    "preparation",
    "processing",
    "intended_use",
    "delivery",
    "mechanisms",
];

/// **The inputs a rule reads**: what a `contradicts` fact names beside `determinations` when
/// the stated facts disagree with a determination.
pub(crate) const fn inputs(rule: RuleId) -> &'static [&'static str] {
    match rule {
        RuleId::UsSameSurgicalProcedure => &["donor", "preparation", "processing"],
        RuleId::UsMinimalManipulation => &["tissue", "other_tissues", "preparation", "processing"],
        RuleId::UsHomologousUse | RuleId::EuEssentialFunction => {
            &["tissue", "other_tissues", "intended_use", "delivery"]
        }
        RuleId::UsNoCombination => &["processing"],
        RuleId::UsSystemicEffect => &["donor", "tissue", "intended_use", "delivery", "mechanisms"],
        RuleId::EuSubstantialManipulation => &["preparation", "processing"],
        _ => ALL_INPUTS,
    }
}

/// The `contradicts` fact of a determination that the stated facts of `rule` disagree with.
pub(crate) fn contradiction(rule: RuleId, against_facts: bool) -> Fact {
    let mut named = Codes::new();
    named.push("determinations");
    if against_facts {
        for input in inputs(rule) {
            named.push(*input);
        }
    }
    Fact::new("contradicts", FactValue::Codes(named))
}

/// **Settles a criterion's finding with the determinations in force that name it.**
///
/// The stated facts left the criterion open: the determination settles it. They agree: the
/// finding keeps its reason and rests on the determination's kind of document. They disagree,
/// or the determinations disagree among themselves: the less favourable answer is kept and a
/// `contradicts` fact names `determinations` and the inputs the rule reads ([`inputs`]). Every
/// determination used is cited in the facts. Returns `Some(against_facts)` when a contradiction was found: `true` when
/// the stated facts disagree, `false` when only the determinations do.
pub(crate) fn settle(
    finding: &mut Finding,
    product: &Product,
    on: jiff::civil::Date,
    severity: fn(RuleId, Outcome) -> Severity,
) -> Option<bool> {
    let rule = finding.rule;
    let used = in_force(product, rule, on);
    let outcomes: SmallVec<[Outcome; 2]> =
        used.iter().filter_map(|d| d.criterion_outcome()).collect();
    let &first = outcomes.first()?;
    let good = favourable(rule);
    let worst = |a: Outcome, b: Outcome| if a == good { b } else { a };
    let determined = outcomes.iter().copied().fold(first, worst);
    let among_themselves = outcomes.iter().any(|o| *o != first);
    let computed = finding.outcome;
    let against_facts =
        matches!(computed, Outcome::Met | Outcome::NotMet) && computed != determined;
    for d in &used {
        d.push_facts(&mut finding.facts);
    }
    let basis = used
        .iter()
        .find(|d| d.criterion_outcome() == Some(determined))
        .map_or(Basis::AgencyStatement, |d| d.basis.basis());
    if among_themselves || against_facts {
        let kept = if against_facts {
            worst(computed, determined)
        } else {
            determined
        };
        finding.facts.push(contradiction(rule, against_facts));
        if kept == determined {
            finding.basis = basis;
        }
        finding.outcome = kept;
        finding.severity = Severity::Warning;
        finding.missing.clear();
        finding.reason = Some(if against_facts {
            &reasons::AGAINST_FACTS
        } else {
            &reasons::DETERMINATIONS_DISAGREE
        });
        return Some(against_facts);
    }
    finding.basis = basis;
    if computed != determined {
        finding.outcome = determined;
        finding.severity = severity(rule, determined);
        finding.missing.clear();
        finding.reason = Some(&reasons::SETTLED_BY_DETERMINATION);
    }
    None
}

/// **One finding of `rule` (`us.determination` or `eu.determination`) per determination the
/// record holds for the jurisdiction** (`rules`): used (met, on the document's basis), not used
/// because it is dated after the evaluation date (not applicable), or contradicted (not met,
/// a warning, with a `contradicts` fact). `contradicted` lists the rules whose determinations
/// met a contradiction, each with whether the stated facts (not only other determinations)
/// disagree.
pub(crate) fn report(
    product: &Product,
    rule: RuleId,
    rules: &[RuleId],
    on: jiff::civil::Date,
    contradicted: &[(RuleId, bool)],
    applied: bool,
) -> Vec<Finding> {
    let Some(all) = product.determinations.as_deref() else {
        return Vec::new();
    };
    all.iter()
        .filter(|d| rules.contains(&d.rule))
        .map(|d| {
            let mut f = Finding::new(rule, Outcome::Met, Severity::Info)
                .at("determinations")
                .based_on(d.basis.basis());
            d.push_facts(&mut f.facts);
            if !applied {
                f.outcome = Outcome::NotApplicable;
                f.reason = Some(&reasons::NOT_APPLIED_CELL_FREE);
            } else if !d.dated_by(on) {
                f.outcome = Outcome::NotApplicable;
                f.facts.push(Fact::date("evaluated_on", on).as_limit());
                f.reason = Some(&reasons::DATED_AFTER);
            } else if let Some((_, against_facts)) = contradicted.iter().find(|(r, _)| *r == d.rule)
            {
                f.outcome = Outcome::NotMet;
                f.severity = Severity::Warning;
                f.facts.push(contradiction(d.rule, *against_facts));
                f.reason = Some(&reasons::CONTRADICTED);
            } else {
                f.reason = Some(&reasons::USED);
            }
            f
        })
        .collect()
}

/// The reasons a determination's findings give, one row each.
mod reasons {
    use crate::reason::reasons;

    reasons! {
        AGAINST_FACTS = "D001": "an authority's determination recorded for this product and the stated facts disagree: the less favourable answer is kept, and the contradiction is named";
        DETERMINATIONS_DISAGREE = "D002": "the authorities' determinations recorded for this product disagree: the less favourable is kept, and the contradiction is named";
        SETTLED_BY_DETERMINATION = "D003": "settled by an authority's determination recorded for this product (the document is cited in the facts); the stated facts alone leave the criterion open";
        NOT_APPLIED_CELL_FREE = "D004": "recorded, not applied: the engine leaves the status of a cell-free preparation open, as its reason says";
        DATED_AFTER = "D005": "dated after the evaluation date: the determination did not exist on that day and is not used";
        CONTRADICTED = "D006": "the stated facts, or another determination, disagree with it: the finding it names keeps the less favourable answer and names the contradiction";
        USED = "D007": "used for the criterion or classification it names, from the day it is dated";
    }
}
pub(crate) use reasons::ALL as REASONS;
