//! The what-if search as it was before its speed-up (issue #22, main at 5a44258), kept verbatim
//! but for its imports and documentation: `tests/what_if_identical.rs` checks that the faster
//! search of `msc_therapy::what_if` gives the same answers on every bundled sample, and
//! `benches/what_if.rs` measures both in one run. Its output types are its own; compare them with
//! the library's through their JSON.
#![allow(dead_code, missing_docs, clippy::all)]

use jiff::civil::Date;
use msc_therapy::catalog::Jurisdiction;
use msc_therapy::engine::eu::EuClassification;
use msc_therapy::engine::jp::{AsrmRiskClass, PmdActStatus};
use msc_therapy::engine::offer::PatientVerdict;
use msc_therapy::engine::quality::{QualityPolicy, QualityVerdict};
use msc_therapy::engine::us::UsClassification;
use msc_therapy::finding::{FactRole, FactValue};
use msc_therapy::vocab::{
    AddedArticle, CellPreparation, Donor, ImageGuidance, Indication, Mechanism, MscDesignation,
    ProcessingStep, ProductState, Route, SiteOfUse, SupplyModel, TestOutcome, TissueFunction,
    TissueSource,
};
use msc_therapy::{
    ClinicOffer, DocumentError, Finding, Outcome, Product, Report, assess_product, assess_quality,
    classify_eu, classify_jp, classify_us, evaluate_offer,
};
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
pub struct Answer {
    /// The statement: the value set at the fact's path ([`Change::apply`] writes it).
    pub change: Change,
    /// The headline's machine names after writing it (as [`crate::Headline::codes`]).
    pub headline: Vec<String>,
    /// The headline for people.
    pub label: String,
    /// The rules of the open findings this answer settles (no longer undetermined).
    pub settles: Vec<String>,
}

/// **A fact whose statement would settle an open finding or move the headline**, with every
/// outcome each of its values leads to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SettlingFact {
    /// The fact's dotted path in the input document.
    pub path: String,
    /// The rules of the open (undetermined) findings that list it as missing.
    pub open_findings: Vec<String>,
    /// Which parts of the headline some answer changes (`us`, `quality`, `eu`, `jp_risk_class`,
    /// `jp_pmd_act`, `offer`).
    pub moves: Vec<String>,
    /// Every value tried that gives a valid document, with its outcome.
    pub answers: Vec<Answer>,
    /// How many distinct headlines the answers reach.
    pub distinct_headlines: usize,
    /// The most parts of the headline one answer changes.
    pub reach: usize,
}

/// **The settling facts of one product or offer**, ranked by their effect on the headline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SettlingFacts {
    /// `product` or `offer`.
    pub subject: String,
    /// The headline as it stands.
    pub headline: Vec<String>,
    /// The headline for people.
    pub label: String,
    /// The facts, most effect first (distinct headlines reached, then how many parts move).
    pub facts: Vec<SettlingFact>,
    /// Missing paths for which no value could be enumerated (free text, nested records).
    pub not_enumerable: Vec<String>,
}

/// **What a change does.**
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Adds `value` to the list at `path`.
    Add,
    /// Removes `value` from the list at `path`.
    Remove,
    /// Sets the field at `path` to `value`.
    Set,
}

/// **One change to a document.**
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Add, remove or set.
    pub kind: ChangeKind,
    /// The dotted path changed.
    pub path: String,
    /// The value added, removed or set.
    pub value: Value,
    /// The law treats the result as a different product (another tissue, donor or
    /// preparation), not as a change of this one.
    pub different_product: bool,
}

/// **A minimal set of changes that reaches the target**, with the headline it leads to.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    fn code(self) -> &'static str {
        match self {
            Self::Us(c) => c.code(),
            Self::Quality(v) => v.code(),
            Self::Eu(c) => c.code(),
            Self::JpRiskClass(c) => c.code(),
            Self::JpPmdAct(s) => s.code(),
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

/// Reads `doc` with the crate's parser and runs the engine; `None` when the document is invalid.
fn evaluate(doc: &Value, engine: Engine, on: Date) -> Option<Run> {
    let bytes = serde_json::to_vec(doc).ok()?;
    match engine {
        Engine::Offer => {
            let offer = ClinicOffer::from_slice(&bytes).ok()?;
            let report = evaluate_offer(&offer, on);
            Some(run_of(&report, report.headline().codes()))
        }
        Engine::Product => {
            let product = Product::from_slice(&bytes).ok()?;
            let report = assess_product(&product, on);
            Some(run_of(&report, report.headline().codes()))
        }
        Engine::One(target) => {
            let product = Product::from_slice(&bytes).ok()?;
            Some(match target {
                ProductTarget::Us(_) => {
                    let r = classify_us(&product, on);
                    run_of(&r, r.headline().codes())
                }
                ProductTarget::Quality(_) => {
                    let r = assess_quality(&product, &QualityPolicy::default(), on);
                    run_of(&r, r.headline().codes())
                }
                ProductTarget::Eu(_) => {
                    let r = classify_eu(&product, on);
                    run_of(&r, r.headline().codes())
                }
                ProductTarget::JpRiskClass(_) => {
                    let r = classify_jp(&product, on);
                    run_of(&r, vec![r.risk_class.code()])
                }
                ProductTarget::JpPmdAct(_) => {
                    let r = classify_jp(&product, on);
                    run_of(&r, vec![r.pmd_act.code()])
                }
            })
        }
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
        | "release.identity.trilineage_differentiation" => Slot::Flag,
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
    let mut facts = Vec::new();
    let mut not_enumerable = Vec::new();
    for path in paths {
        let listing: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.missing.contains(path))
            .collect();
        let open_findings: Vec<String> = listing
            .iter()
            .filter(|f| f.outcome == Outcome::Undetermined)
            .map(|f| f.rule.code().to_owned())
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
            let mut changed = doc.clone();
            if !write_at(&mut changed, &target, value.clone()) {
                continue;
            }
            let Some(run) = evaluate(&changed, engine, on) else {
                continue;
            };
            let settles = open_findings
                .iter()
                .filter(|rule| !run.open.contains(&rule.as_str()))
                .cloned()
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
        facts.push(SettlingFact {
            path: path.to_owned(),
            open_findings,
            moves,
            answers,
            distinct_headlines,
            reach,
        });
    }
    facts.sort_by(|a, b| {
        (b.distinct_headlines, b.reach, b.open_findings.len()).cmp(&(
            a.distinct_headlines,
            a.reach,
            a.open_findings.len(),
        ))
    });
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

/// **The smallest changes to a product that reach `target`**: single changes, then pairs,
/// each re-checked by running the target's engine on the changed document (see the module's
/// limits).
#[must_use]
pub fn smallest_changes(product: &Product, target: ProductTarget, on: Date) -> SmallestChanges {
    let doc = serde_json::to_value(product).unwrap_or(Value::Null);
    let engine = Engine::One(target);
    let findings: Vec<Finding> = assess_product(product, on).findings().cloned().collect();
    let mut singles = Vec::new();
    product_changes(&doc, "", &findings, &mut singles);
    search(&doc, singles, engine, target.code(), on)
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
    let findings: Vec<Finding> = evaluate_offer(offer, on).findings().cloned().collect();
    let mut singles = Vec::new();
    offer_changes(&doc, &findings, &mut singles);
    search(&doc, singles, Engine::Offer, target.code(), on)
}

fn apply_all(doc: &Value, changes: &[&Change]) -> Option<Value> {
    let mut changed = doc.clone();
    for c in changes {
        if !c.apply(&mut changed) {
            return None;
        }
    }
    Some(changed)
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
    // Singles: which reach the target, which alter something.
    let mut relevant: Vec<(i32, &Change)> = Vec::new();
    for change in &singles {
        let Some(changed) = apply_all(doc, &[change]) else {
            continue;
        };
        result.evaluated += 1;
        let Some(run) = evaluate(&changed, engine, on) else {
            continue;
        };
        if run.codes.first().copied() == Some(target) {
            result.sets.push(set_of(vec![change.clone()], run));
        } else if run.fingerprint != base.fingerprint || run.codes != base.codes {
            relevant.push((progress(&base, &run), change));
        }
    }
    // Pairs among the changes that alter something and do not reach the target alone.
    let mut pairs = 0;
    // The most promising first: changes that settle more findings favourably.
    relevant.sort_by_key(|(score, _)| -score);
    let relevant: Vec<&Change> = relevant.into_iter().map(|(_, c)| c).collect();
    let mut order: Vec<(usize, usize)> = Vec::new();
    for i in 0..relevant.len() {
        for j in i + 1..relevant.len() {
            order.push((i, j));
        }
    }
    // Pairs by the sum of their ranks, so the best pairs are tried before the limit.
    order.sort_by_key(|(i, j)| i + j);
    'outer: for (i, j) in order {
        let (a, b) = (&relevant[i], &relevant[j]);
        {
            if a.field() == b.field() || (a.kind == ChangeKind::Set && a.path == b.path) {
                continue;
            }
            if pairs >= MAX_PAIRS {
                break 'outer;
            }
            pairs += 1;
            let Some(changed) = apply_all(doc, &[a, b]) else {
                continue;
            };
            result.evaluated += 1;
            let Some(run) = evaluate(&changed, engine, on) else {
                continue;
            };
            if run.codes.first().copied() == Some(target) {
                result
                    .sets
                    .push(set_of(vec![(*a).clone(), (*b).clone()], run));
            }
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
    /// For an offer: the questions, those whose answers move the verdict most first.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} now: {}", self.subject, self.label)?;
        for (i, fact) in self.facts.iter().enumerate() {
            writeln!(
                f,
                "{}. {} ({} outcome{})",
                i + 1,
                fact.path,
                fact.distinct_headlines,
                if fact.distinct_headlines == 1 {
                    ""
                } else {
                    "s"
                }
            )?;
            // Group the answers by the headline they lead to.
            let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
            for a in &fact.answers {
                let text = value_text(&a.change.value);
                match groups.iter_mut().find(|(label, _)| *label == a.label) {
                    Some((_, values)) => values.push(text),
                    None => groups.push((&a.label, vec![text])),
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
        Ok(())
    }
}
