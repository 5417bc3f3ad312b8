//! Shared generator and orders for the fail-closed property tests (`tests/fail_closed*.rs`).
//!
//! - [`product_document`] generates valid product documents as JSON values, every optional key
//!   present or absent, so that deleting keys explores "not stated" everywhere.
//! - [`deletions`] yields, for one document, every document with exactly one key removed (at
//!   any depth, inside arrays too) that still parses, with the path of the removed key.
//! - The `worsen_*` functions add a worse fact to a document.
//! - [`us_rank`] and [`us_not_more_favourable`] define the US order; [`quality_rank`] the
//!   quality order for deletions (fail = undetermined < pass with warnings < pass); a worse
//!   measurement is held to [`msc_therapy::engine::quality::QualityVerdict`]'s own total `Ord` (fail <
//!   undetermined < pass with warnings < pass).
//! - [`config`] reads the case count from `PROPTEST_CASES` (default [`DEFAULT_CASES`]).
//!
//! - [`orders`] holds the exception table of the deletion properties, the offer order and the
//!   generators of the outside prober's situations ([`prober_document`]).
//!
//! Each test file uses only part of this module.
#![allow(dead_code)]

mod orders;
#[allow(unused_imports)] // each test file uses part of the module
pub use orders::*;

use msc_therapy::Product;
use msc_therapy::engine::us::UsClassification;
use msc_therapy::vocab::{
    AddedArticle, CellPreparation, Donor, ImageGuidance, Indication, Mechanism, MscDesignation,
    ProcessingStep, ProductState, Route, SecretedFactor, SiteOfUse, SupplyModel, SurfaceMarker,
    TestOutcome, TissueFunction, TissueSource, ViabilityMethod, ViabilityTiming,
};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{Map, Value, json};

/// Cases per property when `PROPTEST_CASES` is not set: enough to cover every vocabulary value
/// several times while keeping each property a few seconds in a debug build on two loaded
/// cores. By hand, 100 000 cases: `PROPTEST_CASES=100000 cargo test --release --all-features
/// --test fail_closed --test fail_closed_eu_jp --test fail_closed_offer`.
pub const DEFAULT_CASES: u32 = 256;

/// The proptest configuration: `PROPTEST_CASES` cases (default [`DEFAULT_CASES`]), no failure
/// persistence files.
pub fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

fn codes<T: Copy + 'static>(all: &'static [T], code: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| code(*v)).collect()
}

fn one_of_codes(all: Vec<&'static str>) -> BoxedStrategy<Value> {
    prop::sample::select(all).prop_map(Value::from).boxed()
}

fn list_of(all: Vec<&'static str>, max: usize) -> BoxedStrategy<Value> {
    prop::collection::vec(prop::sample::select(all), 0..=max)
        .prop_map(|mut v| {
            v.dedup();
            Value::from(v)
        })
        .boxed()
}

/// An object from optional entries: `None` leaves the key out.
fn object(entries: Vec<(&'static str, Option<Value>)>) -> Value {
    let mut map = Map::new();
    for (k, v) in entries {
        if let Some(v) = v {
            map.insert(k.to_owned(), v);
        }
    }
    Value::Object(map)
}

fn opt(s: BoxedStrategy<Value>) -> BoxedStrategy<Option<Value>> {
    prop::option::of(s).boxed()
}

fn boolean() -> BoxedStrategy<Value> {
    any::<bool>().prop_map(Value::from).boxed()
}

fn number(range: std::ops::Range<f64>) -> BoxedStrategy<Value> {
    range.prop_map(Value::from).boxed()
}

fn integer(range: std::ops::RangeInclusive<u64>) -> BoxedStrategy<Value> {
    range.prop_map(Value::from).boxed()
}

fn processing() -> BoxedStrategy<Value> {
    (
        opt(list_of(codes(ProcessingStep::ALL, ProcessingStep::code), 4)),
        opt(list_of(codes(AddedArticle::ALL, AddedArticle::code), 2)),
        opt(boolean()),
        opt(boolean()),
    )
        .prop_map(|(steps, articles, same, data)| {
            object(vec![
                ("steps", steps),
                ("added_articles", articles),
                ("same_surgical_procedure", same),
                ("minimal_manipulation_data", data),
            ])
        })
        .boxed()
}

fn intended_use() -> BoxedStrategy<Value> {
    (
        opt(list_of(codes(TissueFunction::ALL, TissueFunction::code), 3)),
        opt(list_of(codes(Indication::ALL, Indication::code), 3)),
        opt(one_of_codes(codes(SiteOfUse::ALL, SiteOfUse::code))),
        opt(boolean()),
        opt(boolean()),
        opt(boolean()),
    )
        .prop_map(
            |(functions, indications, site, systemic, living, reproductive)| {
                object(vec![
                    ("functions", functions),
                    ("indications", indications),
                    ("site_of_use", site),
                    ("systemic_effect", systemic),
                    ("depends_on_living_cells", living),
                    ("reproductive_use", reproductive),
                ])
            },
        )
        .boxed()
}

fn delivery() -> BoxedStrategy<Value> {
    (
        one_of_codes(codes(Route::ALL, Route::code)),
        opt(one_of_codes(codes(ImageGuidance::ALL, ImageGuidance::code))),
    )
        .prop_map(|(route, guidance)| object(vec![("route", Some(route)), ("guidance", guidance)]))
        .boxed()
}

fn dose() -> BoxedStrategy<Value> {
    (
        opt(integer(1..=2_000_000_000)),
        opt(number(1e4..1e8)),
        opt(number(0.5..100.0)),
        opt(integer(1..=12)),
    )
        .prop_map(|(cells, per_kg, volume, n)| {
            object(vec![
                ("viable_cells", cells),
                ("cells_per_kg", per_kg),
                ("volume_ml", volume),
                ("administrations", n),
            ])
        })
        .boxed()
}

fn viability() -> BoxedStrategy<Value> {
    (
        number(0.0..100.0),
        opt(one_of_codes(codes(
            ViabilityTiming::ALL,
            ViabilityTiming::code,
        ))),
        opt(one_of_codes(codes(
            ViabilityMethod::ALL,
            ViabilityMethod::code,
        ))),
    )
        .prop_map(|(percent, timing, method)| {
            object(vec![
                ("percent", Some(percent)),
                ("timing", timing),
                ("method", method),
            ])
        })
        .boxed()
}

fn identity() -> BoxedStrategy<Value> {
    (
        prop::collection::btree_map(
            prop::sample::select(codes(SurfaceMarker::ALL, SurfaceMarker::code)),
            prop_oneof![0.0..3.0, 90.0..100.0, 0.0..100.0],
            0..=SurfaceMarker::ALL.len(),
        ),
        opt(boolean()),
        opt(boolean()),
    )
        .prop_map(|(markers, adherent, trilineage)| {
            let markers: Map<String, Value> = markers
                .into_iter()
                .map(|(k, v)| (k.to_owned(), Value::from(v)))
                .collect();
            object(vec![
                ("markers", Some(Value::Object(markers))),
                ("plastic_adherent", adherent),
                ("trilineage_differentiation", trilineage),
            ])
        })
        .boxed()
}

fn certificate() -> BoxedStrategy<Value> {
    (
        opt(Just(json!("Example Lab")).boxed()),
        opt(Just(json!("2025-01-15")).boxed()),
        opt(Just(json!("2026-01-15")).boxed()),
    )
        .prop_map(|(issuer, issued, expires)| {
            object(vec![
                ("lot", Some(json!("LOT-1"))),
                ("issuer", issuer),
                ("issued_on", issued),
                ("expires_on", expires),
            ])
        })
        .boxed()
}

fn release() -> BoxedStrategy<Value> {
    let outcome = || one_of_codes(codes(TestOutcome::ALL, TestOutcome::code));
    (
        (
            opt(certificate()),
            opt(one_of_codes(codes(ProductState::ALL, ProductState::code))),
            opt(integer(1..=2_000_000_000)),
            opt(integer(1..=4_000_000_000)),
            opt(prop::collection::vec(viability(), 0..=3)
                .prop_map(Value::from)
                .boxed()),
            opt(identity()),
        ),
        (
            opt(outcome()),
            opt(outcome()),
            opt(number(0.0..10.0)),
            opt(number(0.01..5.0)),
            opt(integer(0..=12)),
            opt(number(0.0..60.0)),
            opt(integer(0..=12)),
            opt(number(0.0..60.0)),
            opt(number(0.0..200.0)),
            opt(any::<bool>()
                .prop_map(|m| json!({"assay": "T-cell suppression", "meets_specification": m}))
                .boxed()),
        ),
    )
        .prop_map(
            |(
                (cert, state, viable, total, viability, identity),
                (
                    sterility,
                    mycoplasma,
                    endotoxin,
                    endotoxin_limit,
                    passage,
                    pd,
                    passage_limit,
                    pd_limit,
                    cfu,
                    potency,
                ),
            )| {
                object(vec![
                    ("certificate", cert),
                    ("state", state),
                    ("viable_nucleated_cells", viable),
                    ("total_nucleated_cells", total),
                    ("viability", viability),
                    ("identity", identity),
                    ("sterility", sterility),
                    ("mycoplasma", mycoplasma),
                    ("endotoxin_eu_per_ml", endotoxin),
                    ("endotoxin_limit_eu_per_ml", endotoxin_limit),
                    ("passage", passage),
                    ("population_doublings", pd),
                    ("passage_limit", passage_limit),
                    ("population_doubling_limit", pd_limit),
                    ("cfu_f_per_million", cfu),
                    ("potency", potency),
                ])
            },
        )
        .boxed()
}

/// The manufacturing record: every fact independently stated (either way) or absent.
fn manufacturing() -> BoxedStrategy<Value> {
    (
        opt(boolean()),
        opt(boolean()),
        opt(boolean()),
        opt(boolean()),
        opt(boolean()),
        opt(boolean()),
    )
        .prop_map(|(donor, aseptic, reagents, investigated, expiry, early)| {
            object(vec![
                ("donor_eligibility_determined", donor),
                ("aseptic_process_validated", aseptic),
                ("research_grade_reagents_used", reagents),
                ("sterility_failures_investigated", investigated),
                ("expiry_supported_by_stability_data", expiry),
                ("distributed_before_release_results", early),
            ])
        })
        .boxed()
}

/// The rules a determination may name, each with the outcomes that fit it.
const DETERMINATION_RULES: &[(&str, &[&str])] = &[
    ("us.cfr1271.3.d", &["met", "not_met"]),
    ("us.cfr1271.15.b", &["met", "not_met"]),
    ("us.cfr1271.10.a.1", &["met", "not_met"]),
    ("us.cfr1271.10.a.2", &["met", "not_met"]),
    ("us.cfr1271.10.a.3", &["met", "not_met"]),
    ("us.cfr1271.10.a.4", &["met", "not_met"]),
    (
        "us.determination",
        &[
            "not_an_hctp",
            "excepted_same_surgical_procedure",
            "section_361_hctp",
            "section_351_product",
        ],
    ),
    ("eu.reg1394.2.1.c.1", &["met", "not_met"]),
    ("eu.reg1394.2.1.c.2", &["met", "not_met"]),
    (
        "eu.determination",
        &[
            "not_atmp",
            "atmp",
            "tissue_engineered_product",
            "somatic_cell_therapy",
            "gene_therapy",
        ],
    ),
];

/// **One valid determination**: a rule it may name, an outcome that fits it, dated before or
/// after the evaluation date of the tests (2026-12-07), with or without a reference.
pub fn determination() -> BoxedStrategy<Value> {
    (
        0..DETERMINATION_RULES.len(),
        0usize..5,
        prop::sample::select(vec!["2021-06-02", "2027-03-01"]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(rule, outcome, dated, court, reference)| {
            let (rule, outcomes) = DETERMINATION_RULES[rule];
            object(vec![
                ("rule", Some(json!(rule))),
                ("outcome", Some(json!(outcomes[outcome % outcomes.len()]))),
                ("issuer", Some(json!("An authority"))),
                ("title", Some(json!("A document"))),
                ("reference", reference.then(|| json!("REF-1"))),
                ("dated", Some(json!(dated))),
                (
                    "basis",
                    Some(json!(if court {
                        "court_decision"
                    } else {
                        "agency_statement"
                    })),
                ),
            ])
        })
        .boxed()
}

/// **A valid product document**, every optional key independently present or absent.
pub fn product_document() -> BoxedStrategy<Value> {
    (
        (
            opt(one_of_codes(codes(
                CellPreparation::ALL,
                CellPreparation::code,
            ))),
            opt(one_of_codes(codes(
                MscDesignation::ALL,
                MscDesignation::code,
            ))),
            opt(one_of_codes(codes(TissueSource::ALL, TissueSource::code))),
            opt(one_of_codes(codes(Donor::ALL, Donor::code))),
            opt(one_of_codes(codes(SupplyModel::ALL, SupplyModel::code))),
            opt(processing()),
            opt(intended_use()),
        ),
        (
            opt(delivery()),
            opt(list_of(codes(Mechanism::ALL, Mechanism::code), 2)),
            opt(list_of(codes(SecretedFactor::ALL, SecretedFactor::code), 2)),
            opt(dose()),
            opt(number(3.0..150.0)
                .prop_map(|w| json!({"weight_kg": w}))
                .boxed()),
            opt(release()),
            opt(manufacturing()),
        ),
        (
            opt(list_of(codes(TissueSource::ALL, TissueSource::code), 2)),
            opt(prop::collection::vec(determination(), 0..=2)
                .prop_map(Value::from)
                .boxed()),
        ),
    )
        .prop_map(
            |(
                (preparation, designation, tissue, donor, supply, processing, intended_use),
                (delivery, mechanisms, factors, dose, recipient, release, manufacturing),
                (other_tissues, determinations),
            )| {
                object(vec![
                    ("name", Some(json!("generated"))),
                    ("preparation", preparation),
                    ("designation", designation),
                    ("tissue", tissue),
                    ("other_tissues", other_tissues),
                    ("donor", donor),
                    ("supply", supply),
                    ("processing", processing),
                    ("intended_use", intended_use),
                    ("delivery", delivery),
                    ("mechanisms", mechanisms),
                    ("secreted_factors", factors),
                    ("dose", dose),
                    ("recipient", recipient),
                    ("release", release),
                    ("manufacturing", manufacturing),
                    ("determinations", determinations),
                ])
            },
        )
        .boxed()
}

/// Parses a generated document; every generated document is valid, so a failure is a bug in
/// the generator or the crate.
pub fn parse(doc: &Value) -> Product {
    Product::from_json(&doc.to_string())
        .unwrap_or_else(|e| panic!("generated document does not parse: {e}\n{doc}"))
}

/// One step into a document: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// An object key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// Every path to an object key in `doc`, at any depth (through arrays too), parents first.
pub fn key_paths(doc: &Value) -> Vec<Vec<Seg>> {
    fn walk(v: &Value, prefix: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    prefix.push(Seg::Key(k.clone()));
                    out.push(prefix.clone());
                    walk(child, prefix, out);
                    prefix.pop();
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    prefix.push(Seg::Index(i));
                    walk(child, prefix, out);
                    prefix.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(doc, &mut Vec::new(), &mut out);
    out
}

/// The path as people write it: `release.viability[0].method`.
pub fn path_text(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// `doc` with the key at `path` removed.
pub fn without(doc: &Value, path: &[Seg]) -> Value {
    let mut copy = doc.clone();
    let (last, parents) = path.split_last().expect("a path names at least one key");
    let mut cursor = &mut copy;
    for seg in parents {
        cursor = match seg {
            Seg::Key(k) => cursor.get_mut(k.as_str()).expect("path exists"),
            Seg::Index(i) => cursor.get_mut(*i).expect("path exists"),
        };
    }
    if let (Seg::Key(k), Value::Object(map)) = (last, cursor) {
        map.remove(k);
    }
    copy
}

/// **Every valid document with exactly one key of `doc` removed**, with the removed key's
/// path. Removing a required key (`name`, `delivery.route`, a viability's `percent`) gives an
/// invalid document, which is skipped: the property is about valid documents that say less.
pub fn deletions(doc: &Value) -> Vec<(String, Product)> {
    key_paths(doc)
        .into_iter()
        .filter_map(|path| {
            let smaller = without(doc, &path);
            Product::from_json(&smaller.to_string())
                .ok()
                .map(|p| (path_text(&path), p))
        })
        .collect()
}

fn entry<'a>(doc: &'a mut Value, key: &str) -> &'a mut Map<String, Value> {
    let map = doc.as_object_mut().expect("documents are objects");
    map.entry(key.to_owned())
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
        .expect("an object")
}

fn push_to(map: &mut Map<String, Value>, key: &str, value: &str) {
    let list = map
        .entry(key.to_owned())
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(items) = list {
        if !items.iter().any(|v| v == value) {
            items.push(Value::from(value));
        }
    }
}

/// Steps FDA's guidance calls more than minimal for structural and nonstructural tissue alike.
pub const MORE_THAN_MINIMAL_STEPS: &[ProcessingStep] = &[
    ProcessingStep::CultureExpansion,
    ProcessingStep::EnzymaticDigestion,
    ProcessingStep::GeneticModification,
    ProcessingStep::ActivationPriming,
];

/// Articles 21 CFR 1271.10(a)(3) does not allow.
pub const OTHER_ARTICLES: &[AddedArticle] = &[
    AddedArticle::HyaluronicAcid,
    AddedArticle::FibrinGlue,
    AddedArticle::Scaffold,
    AddedArticle::Drug,
    AddedArticle::PlateletProduct,
    AddedArticle::Device,
];

/// Indications whose implied functions no source tissue of the vocabulary performs in the
/// donor: adding one can never make a use homologous.
pub fn non_homologous_indications() -> Vec<Indication> {
    let basic: Vec<TissueFunction> = TissueSource::ALL
        .iter()
        .flat_map(|t| t.info().basic_functions.iter().copied())
        .collect();
    Indication::ALL
        .iter()
        .copied()
        .filter(|i| i.info().implies.iter().all(|f| !basic.contains(f)))
        .collect()
}

/// `doc` with a more-than-minimal step added to `processing.steps`.
pub fn worsen_with_step(doc: &Value, step: ProcessingStep) -> Value {
    let mut copy = doc.clone();
    push_to(entry(&mut copy, "processing"), "steps", step.code());
    copy
}

/// `doc` with an article 1271.10(a)(3) does not allow added to `processing.added_articles`.
pub fn worsen_with_article(doc: &Value, article: AddedArticle) -> Value {
    let mut copy = doc.clone();
    push_to(
        entry(&mut copy, "processing"),
        "added_articles",
        article.code(),
    );
    copy
}

/// `doc` with an indication added to `intended_use.indications`.
pub fn worsen_with_indication(doc: &Value, indication: Indication) -> Value {
    let mut copy = doc.clone();
    push_to(
        entry(&mut copy, "intended_use"),
        "indications",
        indication.code(),
    );
    copy
}

/// Every document obtained by making one measured release value worse: each viability figure
/// and cell count lower, endotoxin higher, each positive marker lower and negative marker
/// higher, a negative safety test positive, passage and doublings higher, CFU-F lower, a potency
/// result failing. Only values already present are worsened.
pub fn worsened_measurements(doc: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let Some(release) = doc.get("release") else {
        return out;
    };
    let with = |f: &dyn Fn(&mut Value)| {
        let mut copy = doc.clone();
        f(copy.get_mut("release").expect("release"));
        copy
    };
    let lower_count = |key: &'static str| {
        move |r: &mut Value| {
            if let Some(n) = r.get(key).and_then(Value::as_u64) {
                r[key] = Value::from((n / 10).max(1));
            }
        }
    };
    for key in ["viable_nucleated_cells", "total_nucleated_cells"] {
        if release.get(key).is_some() {
            out.push((format!("release.{key} lower"), with(&lower_count(key))));
        }
    }
    if let Some(items) = release.get("viability").and_then(Value::as_array) {
        for i in 0..items.len() {
            out.push((
                format!("release.viability[{i}].percent lower"),
                with(&|r| {
                    let v = &mut r["viability"][i]["percent"];
                    *v = Value::from(v.as_f64().unwrap_or(0.0) / 2.0);
                }),
            ));
        }
    }
    if release.get("endotoxin_eu_per_ml").is_some() {
        out.push((
            "release.endotoxin_eu_per_ml higher".to_owned(),
            with(&|r| {
                let v = &mut r["endotoxin_eu_per_ml"];
                *v = Value::from(v.as_f64().unwrap_or(0.0) * 4.0 + 1.0);
            }),
        ));
    }
    for (key, max) in [("passage", 100.0), ("population_doublings", 200.0)] {
        if release.get(key).is_some() {
            out.push((
                format!("release.{key} higher"),
                with(&|r| {
                    let v = &mut r[key];
                    let worse = (v.as_f64().unwrap_or(0.0) + 10.0).min(max);
                    *v = if key == "passage" {
                        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                        Value::from(worse as u64)
                    } else {
                        Value::from(worse)
                    };
                }),
            ));
        }
    }
    if release.get("cfu_f_per_million").is_some() {
        out.push((
            "release.cfu_f_per_million lower".to_owned(),
            with(&|r| {
                let v = &mut r["cfu_f_per_million"];
                *v = Value::from(v.as_f64().unwrap_or(0.0) / 10.0);
            }),
        ));
    }
    for key in ["sterility", "mycoplasma"] {
        if release.get(key).is_some_and(|v| v != "positive") {
            out.push((
                format!("release.{key} positive"),
                with(&|r| r[key] = json!("positive")),
            ));
        }
    }
    if release.get("potency").is_some() {
        out.push((
            "release.potency fails".to_owned(),
            with(&|r| r["potency"]["meets_specification"] = json!(false)),
        ));
    }
    if let Some(markers) = release
        .get("identity")
        .and_then(|i| i.get("markers"))
        .and_then(Value::as_object)
    {
        for (name, value) in markers {
            let marker: SurfaceMarker = name.parse().expect("generated marker names are valid");
            let v = value.as_f64().unwrap_or(0.0);
            let worse = match marker.info().expectation {
                msc_therapy::vocab::MarkerExpectation::Positive => v / 2.0,
                msc_therapy::vocab::MarkerExpectation::Negative => (v + 10.0).min(100.0),
                _ => continue,
            };
            let name = name.clone();
            out.push((
                format!("release.identity.markers.{name} worse"),
                with(&|r| r["identity"]["markers"][name.as_str()] = Value::from(worse)),
            ));
        }
    }
    out
}

/// **The quality order for deletions**: `fail` and `undetermined` are 0 (not released: taking
/// away the figure that failed leaves the lot unproven, not better), `pass_with_warnings` 1,
/// `pass` 2.
pub fn quality_rank(v: msc_therapy::engine::quality::QualityVerdict) -> u8 {
    match v {
        msc_therapy::engine::quality::QualityVerdict::PassWithWarnings => 1,
        msc_therapy::engine::quality::QualityVerdict::Pass => 2,
        _ => 0,
    }
}

/// **The US order**: how favourable a classification is to the product. 351 and undetermined
/// are 0 (no shortcut); a Section 361 HCT/P is 1 (register and list, no approval); excepted
/// under 1271.15(b) and not an HCT/P are 2 (Part 1271 does not apply).
pub fn us_rank(c: UsClassification) -> u8 {
    match c {
        UsClassification::Section361Hctp => 1,
        UsClassification::ExceptedSameSurgicalProcedure | UsClassification::NotAnHctp => 2,
        _ => 0,
    }
}

/// Whether `after` is no more favourable than `before`: its rank is not higher. The two rank-2
/// answers are equally favourable (Part 1271 does not apply either way), so bone marrow moving
/// between "not an HCT/P" and "excepted" is not a move toward either.
pub fn us_not_more_favourable(before: UsClassification, after: UsClassification) -> bool {
    us_rank(after) <= us_rank(before)
}
