//! **What would change the verdict** (issue #22): the facts whose statement would settle an open
//! answer, each with every outcome it leads to, and the smallest changes to a product or an offer
//! that reach another headline.
//!
//! Everything here is *truthful by construction*: each answer and each change is obtained by
//! writing the value into the JSON document, reading it back with the crate's parser and
//! running the engines again ([`assess_product`], [`classify_us`], [`assess_quality`],
//! [`classify_eu`], [`classify_jp`], [`evaluate_offer`]). Nothing here repeats an engine's
//! logic; a value that makes the document invalid is skipped.
//!
//! - [`settling_facts`] / [`settling_offer_facts`]: every fact a finding names as missing, with
//!   the headline each value it could take leads to, most effect first. For an offer each fact
//!   carries the [`Question`]s to put to the clinic, and its `Display` lists those questions,
//!   the ones whose answers would move the verdict furthest first.
//! - [`smallest_changes`] / [`smallest_offer_changes`]: the minimal sets of changes that reach a
//!   target ([`ProductTarget`], read from `engine:code` such as `us:section_361_hctp`, or a
//!   [`PatientVerdict`]), smallest first, or the target reported unreachable within the limits
//!   below; [`candidate_changes`] lists the single changes tried.
//!
//! # Speed
//!
//! A search evaluates thousands of changed documents (about 10 000 for a 361 HCT/P) and each
//! costs little more than its engine: the changes are written into one working document and
//! undone, the document is read from its JSON value (the crate's strict reader, without writing
//! text), each single change's document is read once, a pair's document is put together member
//! by member from those two, and a pair's engine runs in full only when the pair reaches the
//! target: about 3 to 4 µs a changed document, under 40 ms of one core for a product and a 361
//! HCT/P even on a loaded machine, under a millisecond for the settling facts
//! (`benches/what_if.rs`, `BENCHMARKS.md`).
//!
//! # Limits of the search ([`smallest_changes`], [`smallest_offer_changes`])
//!
//! - Single changes: add or remove one processing step, added article, indication or declared
//!   function; set the tissue, donor, preparation, supply, route or site of use to another
//!   vocabulary value; flip a yes/no fact of the processing or intended use; move a measured
//!   value carried by a finding with a numeric limit to the other side of that limit; for an
//!   offer also a disclosure, the patient's context, the jurisdiction and removing a claim.
//! - Pairs: two single changes on different fields (or two different items of one list), taken
//!   only among the single changes that alter at least one finding of the target's engine — its
//!   outcome, facts or missing facts (a change that alters nothing on its own is assumed not to
//!   help in a pair), at most
//!   [`MAX_PAIRS`] pairs. A pair is reported only when neither of its changes reaches the target
//!   alone, so every reported set is minimal.
//! - Beyond two changes nothing is searched: "unreachable" means unreachable within these limits.
//!
//! Changes of the tissue, the donor or the preparation are labelled
//! [`Change::different_product`]: the law treats the result as another product, not a change of
//! this one.
//!
//! # Examples
//!
//! ```
//! use msc_therapy::{Product, what_if::{ProductTarget, smallest_changes}};
//! use msc_therapy::engine::us::UsClassification;
//!
//! let on = jiff::civil::date(2026, 12, 7);
//! let cultured = Product::from_json(r#"{
//!     "name": "Cultured bone-marrow MSCs",
//!     "tissue": "bone_marrow",
//!     "donor": "autologous",
//!     "processing": {"steps": ["culture_expansion"]},
//!     "delivery": {"route": "intravenous"}
//! }"#)?;
//! let answer = smallest_changes(&cultured, ProductTarget::Us(UsClassification::Section361Hctp), on);
//! // Whatever else changes, culture expansion must go for a 361 HCT/P.
//! for set in &answer.sets {
//!     assert!(set.changes.iter().any(|c| c.value == "culture_expansion"), "{set}");
//! }
//! println!("{answer}");
//! # Ok::<(), msc_therapy::DocumentError>(())
//! ```

use crate::error::from_value;
use crate::{
    AddedArticle, AsrmRiskClass, CellPreparation, ClinicOffer, DocumentError, Donor,
    EuClassification, FactRole, FactValue, Finding, ImageGuidance, Indication, Jurisdiction,
    Mechanism, MscDesignation, Outcome, PatientVerdict, PmdActStatus, ProcessingStep, Product,
    ProductState, QualityPolicy, QualityVerdict, Question, Report, Route, RuleId, SiteOfUse,
    SupplyModel, TestOutcome, TissueFunction, TissueSource, UsClassification, assess_product,
    assess_quality, classify_eu, classify_jp, classify_us, evaluate_offer,
};
use jiff::civil::Date;
use serde::Serialize;
use serde_json::{Map, Value};
use std::fmt;

/// The most pairs of changes [`smallest_changes`] and [`smallest_offer_changes`] try.
pub const MAX_PAIRS: usize = 100_000;

// ---------------------------------------------------------------------------------------------
// Output types
// ---------------------------------------------------------------------------------------------

/// **One possible answer to a settling fact**: the value written and the headline it leads to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Answer {
    /// The statement: the value set at the fact's path ([`Change::apply`] writes it).
    pub change: Change,
    /// The headline's machine names after writing it (as [`crate::Headline::codes`]).
    pub headline: Vec<String>,
    /// The headline for people.
    pub label: String,
    /// The rules of the open findings this answer settles (no longer undetermined).
    pub settles: Vec<RuleId>,
}

/// **A fact whose statement would settle an open finding or move the headline**, with every
/// outcome each of its values leads to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct SettlingFact {
    /// The fact's dotted path in the input document.
    pub path: String,
    /// The rules of the open (undetermined) findings that list it as missing.
    pub open_findings: Vec<RuleId>,
    /// Which parts of the headline some answer changes (`us`, `quality`, `eu`, `jp_risk_class`,
    /// `jp_pmd_act`, `offer`).
    pub moves: Vec<String>,
    /// Every value tried that gives a valid document, with its outcome.
    pub answers: Vec<Answer>,
    /// How many distinct headlines the answers reach.
    pub distinct_headlines: usize,
    /// The most parts of the headline one answer changes.
    pub reach: usize,
    /// How far one answer moves the headline at most: for an offer, the steps of the patient's
    /// verdict from walk away to ask first to good signs (walk away → good signs is 2); for a
    /// product, the most parts of the headline one answer changes (as `reach`).
    pub swing: usize,
    /// For an offer, the questions to put to the clinic that the findings listing this fact
    /// raise (as the offer's evaluation words them): asking them is how a patient learns the
    /// fact. Empty for a product.
    pub questions: Vec<Question>,
}

/// **The settling facts of one product or offer**, ranked by their effect on the headline.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct SettlingFacts {
    /// `product` or `offer`.
    pub subject: String,
    /// The headline as it stands.
    pub headline: Vec<String>,
    /// The headline for people.
    pub label: String,
    /// The facts, most effect first. For a product: most distinct headlines reached, then most
    /// parts of the headline moved, then most open findings settled. For an offer: the answers
    /// that move the verdict furthest first (`swing`), then most distinct verdicts, then most
    /// open findings.
    pub facts: Vec<SettlingFact>,
    /// Missing paths for which no value could be enumerated (free text, nested records).
    pub not_enumerable: Vec<String>,
}

pub use crate::vocab::ChangeKind;

/// **One change to a document.**
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Change {
    /// Add, remove or set.
    pub kind: ChangeKind,
    /// The dotted path changed.
    pub path: String,
    /// The value added, removed or set: a code, a yes/no, a number, or a list or record as the
    /// document writes it at that path (never null).
    #[cfg_attr(feature = "schemars", schemars(schema_with = "any_value_schema"))]
    pub value: Value,
    /// The law treats the result as a different product (another tissue, donor or
    /// preparation), not as a change of this one.
    pub different_product: bool,
}

/// The schema of [`Change::value`]: any JSON value but `null`.
#[cfg(feature = "schemars")]
fn any_value_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    // One `type` per branch: strict validators (Ajv's strict mode) refuse a list of types.
    schemars::json_schema!({
        "anyOf": [
            {"type": "string"},
            {"type": "number"},
            {"type": "boolean"},
            {"type": "array"},
            {"type": "object"}
        ]
    })
}

/// **A minimal set of changes that reaches the target**, with the headline it leads to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ChangeSet {
    /// The changes, applied together.
    pub changes: Vec<Change>,
    /// The target engine's headline after the changes (machine names).
    pub headline: Vec<String>,
    /// The same, for people.
    pub label: String,
    /// Some change makes it a different product in law.
    pub different_product: bool,
}

/// **The smallest changes that reach a target headline**, smallest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct SmallestChanges {
    /// The target's machine name.
    pub target: String,
    /// The target engine's headline as it stands.
    pub headline: Vec<String>,
    /// The target is already reached: no change needed.
    pub already_reached: bool,
    /// The minimal sets found, single changes first.
    pub sets: Vec<ChangeSet>,
    /// No set within the limits reaches the target.
    pub unreachable: bool,
    /// How many changed documents were evaluated.
    pub evaluated: usize,
    /// The limits of the search, for people.
    pub limits: String,
}

/// **A headline to reach** for a product: one engine's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProductTarget {
    /// A US classification ([`classify_us`]).
    Us(UsClassification),
    /// A release-quality verdict ([`assess_quality`] with the default policy).
    Quality(QualityVerdict),
    /// An EU classification ([`classify_eu`]).
    Eu(EuClassification),
    /// A Japanese ASRM risk class ([`classify_jp`]).
    JpRiskClass(AsrmRiskClass),
    /// A Japanese PMD Act status ([`classify_jp`]).
    JpPmdAct(PmdActStatus),
}

impl ProductTarget {
    /// The target's machine name: the code of the engine's answer (`section_361_hctp`, `pass`).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Us(c) => c.code(),
            Self::Quality(v) => v.code(),
            Self::Eu(c) => c.code(),
            Self::JpRiskClass(c) => c.code(),
            Self::JpPmdAct(s) => s.code(),
        }
    }

    /// The engine whose answer the target is: `us`, `quality`, `eu`, `jp_risk_class` or
    /// `jp_pmd_act` (the parts of a product's headline, as [`SettlingFact::moves`] names them).
    #[must_use]
    pub fn engine(self) -> &'static str {
        match self {
            Self::Us(_) => "us",
            Self::Quality(_) => "quality",
            Self::Eu(_) => "eu",
            Self::JpRiskClass(_) => "jp_risk_class",
            Self::JpPmdAct(_) => "jp_pmd_act",
        }
    }

    /// Every target: each engine's answers, in the order of the headline's parts and of each
    /// vocabulary.
    #[must_use]
    pub fn all() -> Vec<Self> {
        let mut all: Vec<Self> = Vec::new();
        all.extend(UsClassification::iter().map(Self::Us));
        all.extend(QualityVerdict::iter().map(Self::Quality));
        all.extend(EuClassification::iter().map(Self::Eu));
        all.extend(AsrmRiskClass::iter().map(Self::JpRiskClass));
        all.extend(PmdActStatus::iter().map(Self::JpPmdAct));
        all
    }
}

impl fmt::Display for ProductTarget {
    /// `engine:code`, as [`str::parse`] reads it: `us:section_361_hctp`, `quality:pass`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.engine(), self.code())
    }
}

/// Every target written `engine:code`, for the message of a target that is none of them.
static TARGET_NAMES: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    ProductTarget::all()
        .into_iter()
        .map(|t| &*Box::leak(t.to_string().into_boxed_str()))
        .collect()
});

impl std::str::FromStr for ProductTarget {
    type Err = crate::UnknownCode;

    /// Reads `engine:code` (`us:section_361_hctp`, `quality:pass`, `eu:not_atmp_soho`,
    /// `jp_risk_class:class_iii`, `jp_pmd_act:not_regenerative_medical_product`), or a bare code
    /// that only one engine answers (`section_361_hctp`, `pass`; not `undetermined`).
    ///
    /// # Errors
    ///
    /// [`crate::UnknownCode`] (vocabulary `ProductTarget`) listing every `engine:code`, when the
    /// text is none of them or a bare code that several engines answer.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::what_if::ProductTarget;
    /// use msc_therapy::engine::quality::QualityVerdict;
    /// use msc_therapy::engine::us::UsClassification;
    ///
    /// let us: ProductTarget = "us:section_361_hctp".parse()?;
    /// assert_eq!(us, ProductTarget::Us(UsClassification::Section361Hctp));
    /// assert_eq!("pass".parse::<ProductTarget>()?, ProductTarget::Quality(QualityVerdict::Pass));
    /// assert_eq!(us.to_string(), "us:section_361_hctp");
    /// // Several engines answer "undetermined": it must be qualified.
    /// assert!("undetermined".parse::<ProductTarget>().is_err());
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let all = Self::all();
        let found: Vec<Self> = match text.split_once(':') {
            Some((engine, code)) => all
                .into_iter()
                .filter(|t| t.engine() == engine && t.code() == code)
                .collect(),
            None => all.into_iter().filter(|t| t.code() == text).collect(),
        };
        match found.as_slice() {
            [one] => Ok(*one),
            _ => Err(crate::UnknownCode::new(
                "ProductTarget",
                text,
                TARGET_NAMES.as_slice(),
            )),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Documents and engines
// ---------------------------------------------------------------------------------------------

/// Which document and engine a search runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Engine {
    /// All four product engines ([`assess_product`]).
    Product,
    /// One product engine, for a target.
    One(ProductTarget),
    /// The offer engine.
    Offer,
}

/// One run: the headline codes, labels and the findings' (rule, outcome) fingerprint.
struct Run {
    codes: Vec<&'static str>,
    label: String,
    fingerprint: u64,
    outcomes: Vec<(&'static str, Outcome)>,
    open: Vec<&'static str>,
}

fn run_of(report: &dyn Report, codes: Vec<&'static str>) -> Run {
    let findings: Vec<&Finding> = report.findings().collect();
    Run {
        codes,
        label: report.headline().to_string(),
        fingerprint: fingerprint(&findings),
        outcomes: findings
            .iter()
            .map(|f| (f.rule.code(), f.outcome))
            .collect(),
        open: findings
            .iter()
            .filter(|f| f.outcome == Outcome::Undetermined)
            .map(|f| f.rule.code())
            .collect(),
    }
}

/// Feeds text written with `write!` into a hasher, without allocating.
struct HashWriter(std::collections::hash_map::DefaultHasher);

impl fmt::Write for HashWriter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        std::hash::Hasher::write(&mut self.0, s.as_bytes());
        Ok(())
    }
}

/// A hash of every finding's rule, outcome, facts and missing paths: two runs with the same
/// fingerprint concluded the same on the same facts.
fn fingerprint(findings: &[&Finding]) -> u64 {
    use fmt::Write as _;
    let mut w = HashWriter(std::collections::hash_map::DefaultHasher::new());
    for f in findings {
        let _ = write!(w, "{}|{}|", f.rule.code(), f.outcome.code());
        for fact in f.facts.iter() {
            let _ = write!(w, "{fact};");
        }
        for m in f.missing.iter_str() {
            let _ = write!(w, "{m};");
        }
    }
    std::hash::Hasher::finish(&w.0)
}

/// A document read with the crate's parser: a product, or a clinic's offer.
// A product is held inline: a search holds a few hundred of these, read once each, and swaps
// their members in place; boxing it would add an allocation to every read.
#[allow(clippy::large_enum_variant)]
#[derive(Clone)]
enum Parsed {
    Product(Product),
    Offer(Box<ClinicOffer>),
}

impl Parsed {
    /// Reads `doc` as the engine's document; `None` when it is invalid.
    ///
    /// The document is read from the JSON value itself, through the same strict reader as
    /// `from_json` (`crate::error::from_value`): nothing is written out as text and read back.
    fn read(doc: &Value, engine: Engine) -> Option<Self> {
        Some(match engine {
            Engine::Offer => Self::Offer(Box::new(from_value(doc)?)),
            Engine::Product | Engine::One(_) => Self::Product(from_value(doc)?),
        })
    }

    /// Runs the engine.
    fn run(&self, engine: Engine, on: Date) -> Run {
        match (self, engine) {
            (Self::Offer(offer), _) => {
                let report = evaluate_offer(offer, on);
                run_of(&report, report.headline().codes())
            }
            (Self::Product(product), Engine::Product | Engine::Offer) => {
                let report = assess_product(product, on);
                run_of(&report, report.headline().codes())
            }
            (Self::Product(product), Engine::One(target)) => match target {
                ProductTarget::Us(_) => {
                    let r = classify_us(product, on);
                    run_of(&r, r.headline().codes())
                }
                ProductTarget::Quality(_) => {
                    let r = assess_quality(product, &QualityPolicy::default(), on);
                    run_of(&r, r.headline().codes())
                }
                ProductTarget::Eu(_) => {
                    let r = classify_eu(product, on);
                    run_of(&r, r.headline().codes())
                }
                ProductTarget::JpRiskClass(_) => {
                    let r = classify_jp(product, on);
                    run_of(&r, vec![r.risk_class.code()])
                }
                ProductTarget::JpPmdAct(_) => {
                    let r = classify_jp(product, on);
                    run_of(&r, vec![r.pmd_act.code()])
                }
            },
        }
    }

    /// The first code of the engine's headline (the target's part), and nothing else: what a
    /// pair needs to know before it is worth a full [`Parsed::run`].
    fn headline_code(&self, engine: Engine, on: Date) -> Option<&'static str> {
        Some(match (self, engine) {
            (Self::Offer(offer), _) => evaluate_offer(offer, on).verdict.code(),
            (Self::Product(product), Engine::Product | Engine::Offer) => {
                return assess_product(product, on)
                    .headline()
                    .codes()
                    .first()
                    .copied();
            }
            (Self::Product(product), Engine::One(target)) => match target {
                ProductTarget::Us(_) => classify_us(product, on).classification.code(),
                ProductTarget::Quality(_) => assess_quality(product, &QualityPolicy::default(), on)
                    .verdict
                    .code(),
                ProductTarget::Eu(_) => classify_eu(product, on).classification.code(),
                ProductTarget::JpRiskClass(_) => classify_jp(product, on).risk_class.code(),
                ProductTarget::JpPmdAct(_) => classify_jp(product, on).pmd_act.code(),
            },
        })
    }

    /// Swaps the member `key` (see [`member_key`]) of two documents of the same kind; `false`
    /// (nothing swapped) for a member this table does not name.
    fn swap_member(&mut self, other: &mut Self, key: &str) -> bool {
        match (self, other) {
            (Self::Product(a), Self::Product(b)) => swap_product_member(a, b, key),
            (Self::Offer(a), Self::Offer(b)) => match key.strip_prefix("product.") {
                Some(inner) => swap_product_member(&mut a.product, &mut b.product, inner),
                None => swap_offer_member(a, b, key),
            },
            _ => false,
        }
    }

    /// Reads the member `key` from its JSON `value` into this document, as the parser reads it
    /// within the whole document: `Some(true)` read, `Some(false)` invalid, `None` a member this
    /// table does not name.
    fn read_member(&mut self, key: &str, value: &Value) -> Option<bool> {
        match self {
            Self::Product(p) => read_product_member(p, key, value),
            Self::Offer(o) => match key.strip_prefix("product.") {
                Some(inner) => read_product_member(&mut o.product, inner, value),
                None => read_offer_member(o, key, value),
            },
        }
    }
}

/// The member of a document a change writes in: the first key of its path, or, in an offer, the
/// first two for a change of the product (`product.intended_use`). A document is read member by
/// member, each independently of the others, so two changes of different members can be read
/// apart and put together.
fn member_key(path: &str, engine: Engine) -> &str {
    let end = match (engine, path.strip_prefix("product.")) {
        (Engine::Offer, Some(inner)) => "product.".len() + inner.find('.').unwrap_or(inner.len()),
        _ => path.find('.').unwrap_or(path.len()),
    };
    &path[..end]
}

/// The members of the documents, by key: [`swap_product_member`] and friends. A member left out
/// (a field added later) is still handled, more slowly: the whole changed document is read.
macro_rules! members {
    ($swap:ident, $read:ident, $ty:ty, [$($key:literal => $field:ident),+ $(,)?]) => {
        fn $swap(a: &mut $ty, b: &mut $ty, key: &str) -> bool {
            match key {
                $($key => std::mem::swap(&mut a.$field, &mut b.$field),)+
                _ => return false,
            }
            true
        }

        fn $read(doc: &mut $ty, key: &str, value: &Value) -> Option<bool> {
            Some(match key {
                $($key => match from_value(value) {
                    Some(read) => {
                        doc.$field = read;
                        true
                    }
                    None => false,
                },)+
                _ => return None,
            })
        }
    };
}

members!(swap_product_member, read_product_member, Product, [
    "name" => name,
    "description" => description,
    "preparation" => preparation,
    "designation" => designation,
    "tissue" => tissue,
    "donor" => donor,
    "supply" => supply,
    "processing" => processing,
    "intended_use" => intended_use,
    "delivery" => delivery,
    "mechanisms" => mechanisms,
    "secreted_factors" => secreted_factors,
    "dose" => dose,
    "recipient" => recipient,
    "release" => release,
    "other_tissues" => other_tissues,
    "manufacturing" => manufacturing,
    "determinations" => determinations,
]);

members!(swap_offer_member, read_offer_member, ClinicOffer, [
    "clinic" => clinic,
    "jurisdiction" => jurisdiction,
    "authorisation" => authorisation,
    "product" => product,
    "indication" => indication,
    "disclosures" => disclosures,
    "content_tests" => content_tests,
    "marketing" => marketing,
    "follow_up" => follow_up,
    "permission" => permission,
    "claims" => claims,
    "evidence" => evidence,
    "price" => price,
    "patient" => patient,
]);

/// Reads `doc` with the crate's parser and runs the engine; `None` when the document is invalid.
fn evaluate(doc: &Value, engine: Engine, on: Date) -> Option<Run> {
    Some(Parsed::read(doc, engine)?.run(engine, on))
}

/// What a write at a path replaced, so that it can be put back: the number of keys of the path
/// down to the one the write replaced or created, and the value that key held (`None`: the key
/// was absent, and the write created it).
struct Saved {
    depth: usize,
    old: Option<Value>,
}

/// What writing at `path` (as [`write_at`] does) would replace in `doc`.
fn save(doc: &Value, path: &str) -> Saved {
    let mut node = doc;
    let mut keys = path.split('.').peekable();
    let mut depth = 0;
    while let Some(key) = keys.next() {
        depth += 1;
        match node.get(key) {
            None => return Saved { depth, old: None },
            // The last key, a `null` the write replaces by an object, or a value that is not an
            // object (the write fails further down and changes nothing).
            Some(value) if keys.peek().is_none() || !value.is_object() => {
                return Saved {
                    depth,
                    old: Some(value.clone()),
                };
            }
            Some(value) => node = value,
        }
    }
    Saved { depth, old: None }
}

/// Puts back what [`save`] recorded for `path`.
fn restore(doc: &mut Value, path: &str, saved: Saved) {
    let mut node = doc;
    for (i, key) in path.split('.').enumerate().take(saved.depth) {
        let Some(object) = node.as_object_mut() else {
            return;
        };
        if i + 1 == saved.depth {
            match saved.old {
                Some(old) => match object.get_mut(key) {
                    Some(slot) => *slot = old,
                    None => {
                        object.insert(key.to_owned(), old);
                    }
                },
                None => {
                    object.remove(key);
                }
            }
            return;
        }
        let Some(next) = object.get_mut(key) else {
            return;
        };
        node = next;
    }
}

/// The document a search works on: each candidate change is written into it, the engine run,
/// and the change undone ([`save`], [`restore`]), so that no candidate copies the document.
struct Work {
    doc: Value,
}

impl Work {
    /// Applies `changes` in order, runs `f` on the changed document, and undoes them; `None`
    /// (and nothing run) when a change cannot be written.
    fn with<R>(&mut self, changes: &[&Change], f: impl FnOnce(&Value) -> R) -> Option<R> {
        let mut saved: Vec<(&str, Saved)> = Vec::with_capacity(changes.len());
        let mut applied = true;
        for change in changes {
            saved.push((&change.path, save(&self.doc, &change.path)));
            if !change.apply(&mut self.doc) {
                applied = false;
                break;
            }
        }
        let result = applied.then(|| f(&self.doc));
        while let Some((path, s)) = saved.pop() {
            restore(&mut self.doc, path, s);
        }
        result
    }

    /// Writes `value` at `path`, runs `f`, and undoes the write; `None` when it cannot be
    /// written.
    fn with_value<R>(
        &mut self,
        path: &str,
        value: Value,
        f: impl FnOnce(&Value) -> R,
    ) -> Option<R> {
        let saved = save(&self.doc, path);
        let result = write_at(&mut self.doc, path, value).then(|| f(&self.doc));
        restore(&mut self.doc, path, saved);
        result
    }
}

/// The names of the headline's parts, in the order of [`crate::Headline::codes`].
fn part_names(engine: Engine) -> &'static [&'static str] {
    match engine {
        Engine::Product => &["us", "quality", "eu", "jp_risk_class", "jp_pmd_act"],
        Engine::Offer => &["offer"],
        Engine::One(ProductTarget::Us(_)) => &["us"],
        Engine::One(ProductTarget::Quality(_)) => &["quality"],
        Engine::One(ProductTarget::Eu(_)) => &["eu"],
        Engine::One(ProductTarget::JpRiskClass(_)) => &["jp_risk_class"],
        Engine::One(ProductTarget::JpPmdAct(_)) => &["jp_pmd_act"],
    }
}

/// Writes `value` at the dotted `path`, creating objects on the way; `false` when the path
/// crosses something that is not an object.
fn write_at(doc: &mut Value, path: &str, value: Value) -> bool {
    let mut node = doc;
    let mut keys = path.split('.').peekable();
    while let Some(key) = keys.next() {
        let Some(object) = node.as_object_mut() else {
            return false;
        };
        if keys.peek().is_none() {
            object.insert(key.to_owned(), value);
            return true;
        }
        node = object
            .entry(key.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if node.is_null() {
            *node = Value::Object(Map::new());
        }
    }
    false
}

fn read_at<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(doc, |node, key| node.get(key))
}

// ---------------------------------------------------------------------------------------------
// The values a path can take
// ---------------------------------------------------------------------------------------------

/// What kind of value a path holds, from the vocabulary.
enum Slot {
    /// One vocabulary code.
    Code(Vec<&'static str>),
    /// A list of vocabulary codes.
    List(Vec<&'static str>),
    /// Yes / no.
    Flag,
}

fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|t| code(*t)).collect()
}

/// The slot at a product path (without an offer's `product.` prefix).
fn product_slot(path: &str) -> Option<Slot> {
    Some(match path {
        "preparation" => Slot::Code(codes(CellPreparation::ALL, CellPreparation::code)),
        "tissue" => Slot::Code(codes(TissueSource::ALL, TissueSource::code)),
        "donor" => Slot::Code(codes(Donor::ALL, Donor::code)),
        "supply" => Slot::Code(codes(SupplyModel::ALL, SupplyModel::code)),
        "designation" => Slot::Code(codes(MscDesignation::ALL, MscDesignation::code)),
        "processing.steps" => Slot::List(codes(ProcessingStep::ALL, ProcessingStep::code)),
        "processing.added_articles" => Slot::List(codes(AddedArticle::ALL, AddedArticle::code)),
        "intended_use.functions" => Slot::List(codes(TissueFunction::ALL, TissueFunction::code)),
        "intended_use.indications" => Slot::List(codes(Indication::ALL, Indication::code)),
        "intended_use.site_of_use" => Slot::Code(codes(SiteOfUse::ALL, SiteOfUse::code)),
        "delivery.route" | "delivery" => Slot::Code(codes(Route::ALL, Route::code)),
        "delivery.guidance" => Slot::Code(codes(ImageGuidance::ALL, ImageGuidance::code)),
        "mechanisms" => Slot::List(codes(Mechanism::ALL, Mechanism::code)),
        "release.state" => Slot::Code(codes(ProductState::ALL, ProductState::code)),
        "release.sterility" | "release.mycoplasma" => {
            Slot::Code(codes(TestOutcome::ALL, TestOutcome::code))
        }
        "processing.same_surgical_procedure"
        | "processing.minimal_manipulation_data"
        | "intended_use.systemic_effect"
        | "intended_use.depends_on_living_cells"
        | "intended_use.reproductive_use"
        | "release.certificate_issued"
        | "release.identity.plastic_adherent"
        | "release.identity.trilineage_differentiation"
        | "manufacturing.donor_eligibility_determined"
        | "manufacturing.aseptic_process_validated"
        | "manufacturing.research_grade_reagents_used"
        | "manufacturing.sterility_failures_investigated"
        | "manufacturing.expiry_supported_by_stability_data"
        | "manufacturing.distributed_before_release_results" => Slot::Flag,
        _ => return None,
    })
}

fn slot(path: &str, engine: Engine) -> Option<Slot> {
    if engine != Engine::Offer {
        return product_slot(path);
    }
    if let Some(inner) = path.strip_prefix("product.") {
        return product_slot(inner);
    }
    Some(match path {
        "jurisdiction" => Slot::Code(codes(Jurisdiction::ALL, Jurisdiction::code)),
        "disclosures.source_disclosed"
        | "disclosures.certificate_of_analysis_shown"
        | "patient.standard_treatments_tried"
        | "patient.physician_supervised"
        | "patient.regulated_setting" => Slot::Flag,
        _ => return None,
    })
}

/// Where a slot's path is written: `delivery` stands for its route.
fn write_path(path: &str) -> String {
    match path {
        "delivery" => "delivery.route".to_owned(),
        "product.delivery" => "product.delivery.route".to_owned(),
        _ => path.to_owned(),
    }
}

/// Values on either side of each numeric limit the findings carry.
fn threshold_values(limits: &[f64]) -> Vec<f64> {
    let mut values = Vec::new();
    for &limit in limits {
        let (below, above) = if limit >= 2.0 && limit.fract() == 0.0 {
            (limit - 1.0, limit + 1.0)
        } else if limit > 0.0 {
            (limit * 0.9, limit * 1.1)
        } else {
            (limit, limit + 1.0)
        };
        for v in [below, above] {
            if !values.contains(&v) {
                values.push(v);
            }
        }
    }
    values
}

/// The JSON value that states number `v` at `path`: a viability is a measured record.
fn number_value(doc: &Value, path: &str, v: f64) -> Value {
    if path.ends_with("release.viability") {
        let prefix = path.strip_suffix("viability").unwrap_or("");
        let fresh =
            read_at(doc, &format!("{prefix}state")).and_then(Value::as_str) == Some("fresh");
        let timing = if fresh {
            "before_freezing"
        } else {
            "post_thaw"
        };
        serde_json::json!([{"percent": v.min(100.0), "timing": timing}])
    } else {
        serde_json::json!(v)
    }
}

fn numeric_limits<'a>(findings: impl Iterator<Item = &'a Finding>) -> Vec<f64> {
    let mut limits = Vec::new();
    for f in findings {
        for fact in f.facts.iter() {
            if let (FactRole::Limit, FactValue::Number(n)) = (fact.role, &fact.value) {
                if !limits.contains(n) {
                    limits.push(*n);
                }
            }
        }
    }
    limits
}

// ---------------------------------------------------------------------------------------------
// Settling facts
// ---------------------------------------------------------------------------------------------

/// **The facts that would settle a product's open findings or move its headline**, each with
/// every outcome its values lead to (all four engines re-run for each value), ranked by effect.
///
/// # Examples
///
/// ```
/// use msc_therapy::{Product, what_if::settling_facts};
///
/// let vial = Product::from_json(r#"{"name": "Unknown vial", "tissue": "umbilical_cord_tissue"}"#)?;
/// let facts = settling_facts(&vial, jiff::civil::date(2026, 12, 7));
/// assert!(facts.facts.iter().any(|f| f.path == "processing.steps"));
/// println!("{facts}");
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
#[must_use]
pub fn settling_facts(product: &Product, on: Date) -> SettlingFacts {
    let report = assess_product(product, on);
    let findings: Vec<Finding> = report.findings().cloned().collect();
    let doc = serde_json::to_value(product).unwrap_or(Value::Null);
    settle(&doc, &findings, Engine::Product, "product", on)
}

/// **The questions whose answers would move an offer's verdict**, each with the verdict every
/// answer leads to, most effect first (see [`settling_facts`]).
#[must_use]
pub fn settling_offer_facts(offer: &ClinicOffer, on: Date) -> SettlingFacts {
    let report = evaluate_offer(offer, on);
    let findings: Vec<Finding> = report.findings().cloned().collect();
    let doc = serde_json::to_value(offer).unwrap_or(Value::Null);
    settle(&doc, &findings, Engine::Offer, "offer", on)
}

/// How many steps apart two verdicts of an offer are (walk away, ask first, good signs), by
/// their codes.
fn verdict_steps(from: Option<&&str>, to: Option<&String>) -> Option<usize> {
    let position = |code: &str| PatientVerdict::ALL.iter().position(|v| v.code() == code);
    Some(position(from?)?.abs_diff(position(to?)?))
}

fn settle(
    doc: &Value,
    findings: &[Finding],
    engine: Engine,
    subject: &str,
    on: Date,
) -> SettlingFacts {
    let base = evaluate(doc, engine, on);
    let (base_codes, base_label) = base.as_ref().map_or((Vec::new(), String::new()), |r| {
        (r.codes.clone(), r.label.clone())
    });
    let mut paths: Vec<&str> = Vec::new();
    for f in findings {
        for p in f.missing.iter_str() {
            if !paths.contains(&p) {
                paths.push(p);
            }
        }
    }
    let parts = part_names(engine);
    let mut work = Work { doc: doc.clone() };
    let mut facts = Vec::new();
    let mut not_enumerable = Vec::new();
    for path in paths {
        let listing: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.missing.contains(path))
            .collect();
        let open_findings: Vec<RuleId> = listing
            .iter()
            .filter(|f| f.outcome == Outcome::Undetermined)
            .map(|f| f.rule)
            .collect();
        let target = write_path(path);
        let values: Vec<Value> = match slot(path, engine) {
            Some(Slot::Code(all)) => all.into_iter().map(Value::from).collect(),
            Some(Slot::List(all)) => std::iter::once(Value::Array(Vec::new()))
                .chain(all.into_iter().map(|c| Value::Array(vec![c.into()])))
                .collect(),
            Some(Slot::Flag) => vec![true.into(), false.into()],
            None => threshold_values(&numeric_limits(listing.iter().copied()))
                .into_iter()
                .map(|v| number_value(doc, path, v))
                .collect(),
        };
        let mut answers = Vec::new();
        for value in values {
            let Some(Some(run)) = work.with_value(&target, value.clone(), |changed| {
                evaluate(changed, engine, on)
            }) else {
                continue;
            };
            let settles = open_findings
                .iter()
                .filter(|rule| !run.open.contains(&rule.code()))
                .copied()
                .collect();
            answers.push(Answer {
                change: Change::new(ChangeKind::Set, target.clone(), value),
                headline: run.codes.iter().map(|c| (*c).to_owned()).collect(),
                label: run.label,
                settles,
            });
        }
        if answers.is_empty() {
            not_enumerable.push(path.to_owned());
            continue;
        }
        let mut distinct: Vec<&Vec<String>> = Vec::new();
        let mut moves: Vec<String> = Vec::new();
        let mut reach = 0;
        for a in &answers {
            if !distinct.contains(&&a.headline) {
                distinct.push(&a.headline);
            }
            let mut differ = 0;
            for (i, code) in a.headline.iter().enumerate() {
                if base_codes.get(i).copied() != Some(code.as_str()) {
                    differ += 1;
                    let name = parts.get(i).copied().unwrap_or("headline").to_owned();
                    if !moves.contains(&name) {
                        moves.push(name);
                    }
                }
            }
            reach = reach.max(differ);
        }
        let distinct_headlines = distinct.len();
        let swing = match engine {
            Engine::Offer => answers
                .iter()
                .filter_map(|a| verdict_steps(base_codes.first(), a.headline.first()))
                .max()
                .unwrap_or(0),
            Engine::Product | Engine::One(_) => reach,
        };
        let mut questions: Vec<Question> = Vec::new();
        if engine == Engine::Offer {
            for q in listing.iter().filter_map(|f| Question::for_rule(f.rule)) {
                if !questions.contains(&q) {
                    questions.push(q);
                }
            }
        }
        facts.push(SettlingFact {
            path: path.to_owned(),
            open_findings,
            moves,
            answers,
            distinct_headlines,
            reach,
            swing,
            questions,
        });
    }
    if engine == Engine::Offer {
        facts.sort_by(|a, b| {
            (b.swing, b.distinct_headlines, b.open_findings.len()).cmp(&(
                a.swing,
                a.distinct_headlines,
                a.open_findings.len(),
            ))
        });
    } else {
        facts.sort_by(|a, b| {
            (b.distinct_headlines, b.reach, b.open_findings.len()).cmp(&(
                a.distinct_headlines,
                a.reach,
                a.open_findings.len(),
            ))
        });
    }
    SettlingFacts {
        subject: subject.to_owned(),
        headline: base_codes.iter().map(|c| (*c).to_owned()).collect(),
        label: base_label,
        facts,
        not_enumerable,
    }
}

// ---------------------------------------------------------------------------------------------
// Smallest changes
// ---------------------------------------------------------------------------------------------

/// Lists whose items are added and removed one at a time.
const LIST_FIELDS: &[&str] = &[
    "processing.steps",
    "processing.added_articles",
    "intended_use.functions",
    "intended_use.indications",
];

/// One-value fields set to each other value; the first three make a different product.
const CODE_FIELDS: &[&str] = &[
    "tissue",
    "donor",
    "preparation",
    "supply",
    "delivery.route",
    "intended_use.site_of_use",
];

const FLAG_FIELDS: &[&str] = &[
    "processing.same_surgical_procedure",
    "processing.minimal_manipulation_data",
    "intended_use.systemic_effect",
    "intended_use.depends_on_living_cells",
];

const OFFER_FLAG_FIELDS: &[&str] = &[
    "disclosures.source_disclosed",
    "disclosures.certificate_of_analysis_shown",
    "patient.standard_treatments_tried",
    "patient.physician_supervised",
    "patient.regulated_setting",
];

fn is_different_product(path: &str) -> bool {
    matches!(
        path.strip_prefix("product.").unwrap_or(path),
        "tissue" | "donor" | "preparation"
    )
}

impl Change {
    fn new(kind: ChangeKind, path: String, value: Value) -> Self {
        let different_product = is_different_product(&path);
        Self {
            kind,
            path,
            value,
            different_product,
        }
    }

    /// Applies the change to a JSON document; `false` when the path cannot be written.
    pub fn apply(&self, doc: &mut Value) -> bool {
        match self.kind {
            ChangeKind::Set => write_at(doc, &self.path, self.value.clone()),
            ChangeKind::Add => {
                let mut list = read_at(doc, &self.path)
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                if !list.contains(&self.value) {
                    list.push(self.value.clone());
                }
                write_at(doc, &self.path, Value::Array(list))
            }
            ChangeKind::Remove => {
                if self.path == "claims" {
                    let Some(list) = read_at(doc, "claims").and_then(Value::as_array) else {
                        return false;
                    };
                    let kept: Vec<Value> = list
                        .iter()
                        .filter(|c| c.get("kind") != Some(&self.value))
                        .cloned()
                        .collect();
                    return write_at(doc, "claims", Value::Array(kept));
                }
                let Some(list) = read_at(doc, &self.path).and_then(Value::as_array) else {
                    return false;
                };
                let kept: Vec<Value> = list.iter().filter(|v| **v != self.value).cloned().collect();
                write_at(doc, &self.path, Value::Array(kept))
            }
        }
    }

    /// The field a change touches, for keeping two changes of a pair apart: one-value fields by
    /// path, list items by path and item.
    fn field(&self) -> String {
        match self.kind {
            ChangeKind::Set => self.path.clone(),
            ChangeKind::Add | ChangeKind::Remove => format!("{}={}", self.path, self.value),
        }
    }
}

impl ChangeSet {
    /// Applies every change to `product` and reads it back with the crate's parser.
    ///
    /// # Errors
    ///
    /// The [`DocumentError`] of the changed document (never for a set this module returned).
    pub fn apply_to_product(&self, product: &Product) -> Result<Product, DocumentError> {
        let mut doc = serde_json::to_value(product).unwrap_or(Value::Null);
        for c in &self.changes {
            c.apply(&mut doc);
        }
        Product::from_json(&doc.to_string())
    }

    /// Applies every change to `offer` and reads it back with the crate's parser.
    ///
    /// # Errors
    ///
    /// The [`DocumentError`] of the changed document (never for a set this module returned).
    pub fn apply_to_offer(&self, offer: &ClinicOffer) -> Result<ClinicOffer, DocumentError> {
        let mut doc = serde_json::to_value(offer).unwrap_or(Value::Null);
        for c in &self.changes {
            c.apply(&mut doc);
        }
        ClinicOffer::from_json(&doc.to_string())
    }
}

/// The single changes of a product document, under `prefix` (`""` or `"product."`).
fn product_changes(doc: &Value, prefix: &str, findings: &[Finding], out: &mut Vec<Change>) {
    for field in LIST_FIELDS {
        let path = format!("{prefix}{field}");
        let present: Vec<Value> = read_at(doc, &path)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for v in &present {
            out.push(Change::new(ChangeKind::Remove, path.clone(), v.clone()));
        }
        if let Some(Slot::List(all)) = product_slot(field) {
            for code in all {
                let v = Value::from(code);
                if !present.contains(&v) {
                    out.push(Change::new(ChangeKind::Add, path.clone(), v));
                }
            }
        }
    }
    for field in CODE_FIELDS {
        let path = format!("{prefix}{field}");
        let current = read_at(doc, &path).cloned();
        if let Some(Slot::Code(all)) = product_slot(field) {
            for code in all {
                let v = Value::from(code);
                if current.as_ref() != Some(&v) {
                    out.push(Change::new(ChangeKind::Set, path.clone(), v));
                }
            }
        }
    }
    for field in FLAG_FIELDS {
        let path = format!("{prefix}{field}");
        let current = read_at(doc, &path).and_then(Value::as_bool);
        for b in [true, false] {
            if current != Some(b) {
                out.push(Change::new(ChangeKind::Set, path.clone(), b.into()));
            }
        }
    }
    // A measured value across its threshold: the path of each finding with a numeric limit.
    for f in findings {
        let Some(fpath) = f.path.as_deref() else {
            continue;
        };
        let limits = numeric_limits(std::iter::once(f));
        if limits.is_empty() || !fpath.starts_with(&format!("{prefix}release")) {
            continue;
        }
        for v in threshold_values(&limits) {
            let value = number_value(doc, fpath, v);
            let change = Change::new(ChangeKind::Set, fpath.to_owned(), value);
            if !out.contains(&change) {
                out.push(change);
            }
        }
    }
    for field in ["release.sterility", "release.mycoplasma"] {
        let path = format!("{prefix}{field}");
        let current = read_at(doc, &path).cloned();
        for t in TestOutcome::iter() {
            let v = Value::from(t.code());
            if current.as_ref() != Some(&v) {
                out.push(Change::new(ChangeKind::Set, path.clone(), v));
            }
        }
    }
}

fn offer_changes(doc: &Value, findings: &[Finding], out: &mut Vec<Change>) {
    product_changes(doc, "product.", findings, out);
    for path in OFFER_FLAG_FIELDS {
        let current = read_at(doc, path).and_then(Value::as_bool);
        for b in [true, false] {
            if current != Some(b) {
                out.push(Change::new(ChangeKind::Set, (*path).to_owned(), b.into()));
            }
        }
    }
    let current = read_at(doc, "jurisdiction").cloned();
    for j in Jurisdiction::iter() {
        let v = Value::from(j.code());
        if current.as_ref() != Some(&v) {
            out.push(Change::new(ChangeKind::Set, "jurisdiction".to_owned(), v));
        }
    }
    if let Some(claims) = read_at(doc, "claims").and_then(Value::as_array) {
        for claim in claims {
            if let Some(kind) = claim.get("kind") {
                let change = Change::new(ChangeKind::Remove, "claims".to_owned(), kind.clone());
                if !out.contains(&change) {
                    out.push(change);
                }
            }
        }
    }
}

/// **The single changes the search of [`smallest_changes`] tries on a product**, in the order
/// it tries them (see the module's limits): what a caller needs to re-check an "unreachable".
/// Some may not apply to the document, or give an invalid one; the search skips those.
#[must_use]
pub fn candidate_changes(product: &Product, on: Date) -> Vec<Change> {
    let doc = serde_json::to_value(product).unwrap_or(Value::Null);
    let findings: Vec<Finding> = assess_product(product, on).findings().cloned().collect();
    let mut singles = Vec::new();
    product_changes(&doc, "", &findings, &mut singles);
    singles
}

/// **The single changes the search of [`smallest_offer_changes`] tries on an offer**, as
/// [`candidate_changes`] for a product.
#[must_use]
pub fn candidate_offer_changes(offer: &ClinicOffer, on: Date) -> Vec<Change> {
    let doc = serde_json::to_value(offer).unwrap_or(Value::Null);
    let findings: Vec<Finding> = evaluate_offer(offer, on).findings().cloned().collect();
    let mut singles = Vec::new();
    offer_changes(&doc, &findings, &mut singles);
    singles
}

/// **The smallest changes to a product that reach `target`**: single changes, then pairs,
/// each re-checked by running the target's engine on the changed document (see the module's
/// limits).
#[must_use]
pub fn smallest_changes(product: &Product, target: ProductTarget, on: Date) -> SmallestChanges {
    let doc = serde_json::to_value(product).unwrap_or(Value::Null);
    let engine = Engine::One(target);
    search(
        &doc,
        candidate_changes(product, on),
        engine,
        target.code(),
        on,
    )
}

/// **The smallest changes to an offer that reach the patient's verdict `target`** (e.g.
/// [`PatientVerdict::GoodSigns`]), as [`smallest_changes`] does for a product.
#[must_use]
pub fn smallest_offer_changes(
    offer: &ClinicOffer,
    target: PatientVerdict,
    on: Date,
) -> SmallestChanges {
    let doc = serde_json::to_value(offer).unwrap_or(Value::Null);
    let singles = candidate_offer_changes(offer, on);
    search(&doc, singles, Engine::Offer, target.code(), on)
}

/// A single change that alters a finding of the target's engine, ready to be paired.
struct Relevant<'a> {
    change: &'a Change,
    /// [`Change::field`], computed once.
    field: String,
    /// [`member_key`] of its path.
    member: &'a str,
    /// The document with this change alone, read.
    parsed: Parsed,
}

/// Runs `f` on `typed` with the members of `x` and `y` swapped in from their documents, and swaps
/// them back; `None` (nothing run) when the table does not name one of the members.
fn swapped<R>(
    typed: &mut Parsed,
    x: &mut Relevant<'_>,
    y: &mut Relevant<'_>,
    f: impl FnOnce(&Parsed) -> R,
) -> Option<R> {
    if !typed.swap_member(&mut x.parsed, x.member) {
        return None;
    }
    let result = if typed.swap_member(&mut y.parsed, y.member) {
        let result = f(typed);
        typed.swap_member(&mut y.parsed, y.member);
        Some(result)
    } else {
        None
    };
    typed.swap_member(&mut x.parsed, x.member);
    result
}

/// How many findings a change moved to met or not applicable, less those it moved away.
fn progress(base: &Run, run: &Run) -> i32 {
    let good = |o: Outcome| matches!(o, Outcome::Met | Outcome::NotApplicable);
    let mut score = 0;
    for (rule, outcome) in &run.outcomes {
        let before = base
            .outcomes
            .iter()
            .find(|(r, _)| r == rule)
            .map(|(_, o)| *o);
        match before {
            Some(b) if good(*outcome) && !good(b) => score += 1,
            Some(b) if !good(*outcome) && good(b) => score -= 1,
            _ => {}
        }
    }
    score
}

fn search(
    doc: &Value,
    singles: Vec<Change>,
    engine: Engine,
    target: &'static str,
    on: Date,
) -> SmallestChanges {
    let limits = format!(
        "single changes, then pairs of changes that each alter a finding of the target's engine (at most {MAX_PAIRS} pairs); nothing beyond two changes"
    );
    let base = evaluate(doc, engine, on);
    let headline: Vec<String> = base
        .as_ref()
        .map(|r| r.codes.iter().map(|c| (*c).to_owned()).collect())
        .unwrap_or_default();
    let mut result = SmallestChanges {
        target: target.to_owned(),
        already_reached: headline.first().map(String::as_str) == Some(target),
        headline,
        sets: Vec::new(),
        unreachable: false,
        evaluated: 0,
        limits,
    };
    let Some(base) = base else {
        result.unreachable = true;
        return result;
    };
    if result.already_reached {
        return result;
    }
    let set_of = |changes: Vec<Change>, run: Run| ChangeSet {
        different_product: changes.iter().any(|c| c.different_product),
        changes,
        headline: run.codes.iter().map(|c| (*c).to_owned()).collect(),
        label: run.label,
    };
    // Singles: which reach the target, which alter something. Each relevant one is kept read,
    // for the pairs.
    let mut relevant: Vec<(i32, &Change, Parsed)> = Vec::new();
    let mut work = Work { doc: doc.clone() };
    for change in &singles {
        let Some(parsed) = work.with(&[change], |changed| Parsed::read(changed, engine)) else {
            continue;
        };
        result.evaluated += 1;
        let Some(parsed) = parsed else {
            continue;
        };
        let run = parsed.run(engine, on);
        if run.codes.first().copied() == Some(target) {
            result.sets.push(set_of(vec![change.clone()], run));
        } else if run.fingerprint != base.fingerprint || run.codes != base.codes {
            relevant.push((progress(&base, &run), change, parsed));
        }
    }
    // Pairs among the changes that alter something and do not reach the target alone.
    let mut pairs = 0;
    // The most promising first: changes that settle more findings favourably.
    relevant.sort_by_key(|(score, _, _)| -score);
    let mut relevant: Vec<Relevant<'_>> = relevant
        .into_iter()
        .map(|(_, change, parsed)| Relevant {
            field: change.field(),
            member: member_key(&change.path, engine),
            change,
            parsed,
        })
        .collect();
    let mut order: Vec<(usize, usize)> = Vec::new();
    for i in 0..relevant.len() {
        for j in i + 1..relevant.len() {
            order.push((i, j));
        }
    }
    // Pairs by the sum of their ranks, so the best pairs are tried before the limit.
    order.sort_by_key(|(i, j)| i + j);
    // The document as it stands, read once; a pair is read into it member by member.
    let Some(mut typed) = Parsed::read(doc, engine) else {
        result.unreachable = true;
        return result;
    };
    let mut scratch = typed.clone();
    for (i, j) in order {
        let (a, b) = (relevant[i].change, relevant[j].change);
        if relevant[i].field == relevant[j].field || (a.kind == ChangeKind::Set && a.path == b.path)
        {
            continue;
        }
        if pairs >= MAX_PAIRS {
            break;
        }
        pairs += 1;
        let hit = |typed: &Parsed| {
            (typed.headline_code(engine, on) == Some(target)).then(|| typed.run(engine, on))
        };
        let run = if relevant[i].member == relevant[j].member {
            // Both in one member: written together, and that member read again.
            let member = relevant[i].member;
            work.with(&[a, b], |changed| {
                let read =
                    read_at(changed, member).and_then(|value| scratch.read_member(member, value));
                match read {
                    // The member is invalid: so is the document.
                    Some(false) => None,
                    Some(true) => {
                        typed.swap_member(&mut scratch, member);
                        let run = hit(&typed);
                        typed.swap_member(&mut scratch, member);
                        run
                    }
                    // A member the table does not name, or one the changes removed: the whole
                    // document read again.
                    None => Parsed::read(changed, engine).and_then(|p| hit(&p)),
                }
            })
        } else {
            // Two members: each taken from its single change's document, read already.
            let (first, second) = relevant.split_at_mut(j);
            match swapped(&mut typed, &mut first[i], &mut second[0], hit) {
                Some(run) => Some(run),
                None => work.with(&[a, b], |changed| {
                    Parsed::read(changed, engine).and_then(|p| hit(&p))
                }),
            }
        };
        let Some(run) = run else {
            continue;
        };
        result.evaluated += 1;
        if let Some(run) = run {
            result.sets.push(set_of(vec![a.clone(), b.clone()], run));
        }
    }
    // Smallest first; among equals, changes of this product before different products.
    result
        .sets
        .sort_by_key(|s| (s.changes.len(), s.different_product));
    result.unreachable = result.sets.is_empty();
    result
}

// ---------------------------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------------------------

/// The parts of a headline that differ from the headline as it stands, for people
/// (`quality: fail`), or `no change`.
fn moved_parts(now: &[String], after: &[String]) -> String {
    fn label<T: std::str::FromStr>(code: &str, label: fn(&T) -> &'static str) -> String {
        code.parse::<T>()
            .map_or_else(|_| code.to_owned(), |v| label(&v).to_owned())
    }
    let offer = after.len() == 1
        && after
            .first()
            .is_some_and(|c| c.parse::<PatientVerdict>().is_ok());
    let mut parts: Vec<String> = Vec::new();
    for (i, code) in after.iter().enumerate() {
        if now.get(i) == Some(code) {
            continue;
        }
        parts.push(match (offer, i) {
            (true, _) => label::<PatientVerdict>(code, |v| v.label()),
            (false, 0) => format!("US: {}", label::<UsClassification>(code, |v| v.label())),
            (false, 1) => format!("quality: {}", label::<QualityVerdict>(code, |v| v.label())),
            (false, 2) => format!("EU: {}", label::<EuClassification>(code, |v| v.label())),
            (false, 3) => format!("Japan: {}", label::<AsrmRiskClass>(code, |v| v.label())),
            (false, _) => format!("Japan: {}", label::<PmdActStatus>(code, |v| v.label())),
        });
    }
    if parts.is_empty() {
        "no change".to_owned()
    } else {
        parts.join("; ")
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "yes".to_owned(),
        Value::Bool(false) => "no".to_owned(),
        Value::Array(items) if items.is_empty() => "none".to_owned(),
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join(", "),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{k} {}", value_text(v)))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = match self.kind {
            ChangeKind::Add => "add",
            ChangeKind::Remove => "remove",
            ChangeKind::Set => "set",
        };
        let join = if self.kind == ChangeKind::Set {
            "="
        } else {
            "in"
        };
        match self.kind {
            ChangeKind::Set => {
                write!(f, "{verb} {} {join} {}", self.path, value_text(&self.value))?
            }
            _ => write!(f, "{verb} {} {join} {}", value_text(&self.value), self.path)?,
        }
        if self.different_product {
            f.write_str(" (a different product in law)")?;
        }
        Ok(())
    }
}

impl fmt::Display for ChangeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, c) in self.changes.iter().enumerate() {
            if i > 0 {
                f.write_str(" and ")?;
            }
            write!(f, "{c}")?;
        }
        write!(f, " → {}", self.label)
    }
}

impl fmt::Display for SmallestChanges {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Target {} (now {}):",
            self.target,
            self.headline.join(", ")
        )?;
        if self.already_reached {
            return writeln!(f, "  already reached");
        }
        if self.unreachable {
            return writeln!(f, "  unreachable within the limits: {}", self.limits);
        }
        for set in &self.sets {
            writeln!(f, "  - {set}")?;
        }
        Ok(())
    }
}

impl fmt::Display for SettlingFacts {
    /// Each fact with the headline each of its answers leads to, most effect first. For an
    /// offer, the facts are written as the questions to put to the clinic, those whose answers
    /// would move the verdict furthest first.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} now: {}", self.subject, self.label)?;
        let offer = self.subject == "offer";
        if offer && !self.facts.is_empty() {
            writeln!(
                f,
                "Questions for the clinic, those whose answers would move the verdict most first:"
            )?;
        }
        for (i, fact) in self.facts.iter().enumerate() {
            let outcomes = if fact.distinct_headlines == 1 {
                "1 outcome".to_owned()
            } else {
                format!("{} outcomes", fact.distinct_headlines)
            };
            if offer && !fact.questions.is_empty() {
                for (k, q) in fact.questions.iter().enumerate() {
                    if k == 0 {
                        writeln!(f, "{}. {}", i + 1, q.label())?;
                    } else {
                        writeln!(f, "   {}", q.label())?;
                    }
                }
                let moved = match fact.swing {
                    0 => "the verdict stays".to_owned(),
                    1 => "moves the verdict one step".to_owned(),
                    n => format!("moves the verdict {n} steps"),
                };
                writeln!(f, "   ({}: {outcomes}; {moved})", fact.path)?;
            } else {
                writeln!(f, "{}. {} ({outcomes})", i + 1, fact.path)?;
            }
            // Group the answers by what they change in the headline.
            let mut groups: Vec<(String, Vec<String>)> = Vec::new();
            for a in &fact.answers {
                let text = value_text(&a.change.value);
                let moved = moved_parts(&self.headline, &a.headline);
                match groups.iter_mut().find(|(label, _)| *label == moved) {
                    Some((_, values)) => values.push(text),
                    None => groups.push((moved, vec![text])),
                }
            }
            for (label, values) in groups {
                let shown = if values.len() > 6 {
                    format!("{} and {} more", values[..6].join(", "), values.len() - 6)
                } else {
                    values.join(", ")
                };
                writeln!(f, "   {shown} → {label}")?;
            }
        }
        if !self.not_enumerable.is_empty() {
            writeln!(f, "also missing: {}", self.not_enumerable.join(", "))?;
        }
        if self.facts.is_empty() && self.not_enumerable.is_empty() {
            writeln!(f, "No finding names a missing fact.")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ON: Date = jiff::civil::date(2026, 12, 7);

    fn samples() -> Vec<Value> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data");
        let mut docs = Vec::new();
        for kind in ["products", "offers"] {
            let mut paths: Vec<_> = std::fs::read_dir(format!("{dir}/{kind}"))
                .expect("samples")
                .map(|e| e.expect("entry").path())
                .collect();
            paths.sort();
            for path in paths {
                let text = std::fs::read_to_string(path).expect("sample");
                docs.push(serde_json::from_str(&text).expect("JSON"));
            }
        }
        docs
    }

    /// Every member of a product and of an offer (every property of their schemas) is in the
    /// table the pairs are put together with: a field added without its line would only be
    /// slower (the whole document read), never wrong, but should have its line.
    #[cfg(feature = "schemars")]
    #[test]
    fn the_member_tables_name_every_member() {
        let product = crate::document_schemas()
            .into_iter()
            .find(|s| s.name == "product")
            .expect("the product schema");
        let offer = crate::document_schemas()
            .into_iter()
            .find(|s| s.name == "clinic_offer")
            .expect("the offer schema");
        let p = Product::from_json(r#"{"name": "X"}"#).expect("parses");
        for (schema, engine) in [(product, Engine::Product), (offer, Engine::Offer)] {
            let properties = schema.schema.as_value()["properties"]
                .as_object()
                .expect("properties")
                .clone();
            for key in properties.keys() {
                let (mut a, mut b) = match engine {
                    Engine::Offer => {
                        let o = ClinicOffer::from_json(
                            r#"{"product": {"name": "X"}, "indication": "knee_osteoarthritis"}"#,
                        )
                        .expect("parses");
                        (
                            Parsed::Offer(Box::new(o.clone())),
                            Parsed::Offer(Box::new(o)),
                        )
                    }
                    Engine::Product | Engine::One(_) => {
                        (Parsed::Product(p.clone()), Parsed::Product(p.clone()))
                    }
                };
                assert!(a.swap_member(&mut b, key), "{key} is not in the table");
            }
        }
    }

    /// Each candidate change, written with [`Work::with`], leaves the working document as it
    /// was; and a pair put together member by member reads as the whole changed document does.
    #[test]
    fn changes_are_undone_and_members_put_together_read_as_the_whole() {
        for doc in samples() {
            let engine = if doc.get("product").is_some() {
                Engine::Offer
            } else {
                Engine::One(ProductTarget::Us(UsClassification::Section361Hctp))
            };
            let findings: Vec<Finding> = match Parsed::read(&doc, engine).expect("a sample") {
                Parsed::Product(p) => assess_product(&p, ON).findings().cloned().collect(),
                Parsed::Offer(o) => evaluate_offer(&o, ON).findings().cloned().collect(),
            };
            let mut singles = Vec::new();
            match engine {
                Engine::Offer => offer_changes(&doc, &findings, &mut singles),
                Engine::Product | Engine::One(_) => {
                    product_changes(&doc, "", &findings, &mut singles);
                }
            }
            let mut work = Work { doc: doc.clone() };
            let mut read: Vec<(&Change, Parsed)> = Vec::new();
            for change in &singles {
                let parsed = work.with(&[change], |changed| Parsed::read(changed, engine));
                assert_eq!(work.doc, doc, "{change} was not undone");
                if let Some(Some(parsed)) = parsed {
                    read.push((change, parsed));
                }
            }
            let mut typed = Parsed::read(&doc, engine).expect("a sample");
            // A spread of pairs on different members.
            for (i, j) in (0..read.len()).zip((0..read.len()).rev()).step_by(7) {
                let (a, b) = (read[i].0, read[j].0);
                let (ma, mb) = (member_key(&a.path, engine), member_key(&b.path, engine));
                if ma == mb {
                    continue;
                }
                let whole = work
                    .with(&[a, b], |changed| Parsed::read(changed, engine))
                    .flatten()
                    .map(|p| p.run(engine, ON).fingerprint);
                let (mut x, mut y) = (read[i].1.clone(), read[j].1.clone());
                assert!(typed.swap_member(&mut x, ma) && typed.swap_member(&mut y, mb));
                let parts = typed.run(engine, ON).fingerprint;
                assert!(typed.swap_member(&mut y, mb) && typed.swap_member(&mut x, ma));
                assert_eq!(whole, Some(parts), "{a} and {b}");
            }
        }
    }
}
