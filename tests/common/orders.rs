//! **The orders, the exception table and the prober's generators of the fail-closed
//! properties** (issue #18, items 2 and 5).
//!
//! # The rule
//!
//! Adding a worse fact never moves a verdict toward the favourable end of its order. Deleting a
//! key never does either, except where [`EXCEPTIONS`] lists the key, for one of four reasons:
//!
//! - **(i) a specification** ([`Exception::Specification`]): deleting it falls back to the
//!   law's or the pharmacopoeia's default (the product's own endotoxin limit: absent, USP <85>'s
//!   K/M applies), which may be laxer than the maker's own figure;
//! - **(ii) evidence the law does not require for that product**
//!   ([`Exception::UnrequiredEvidence`]): deleting it gives the verdict of a record that never
//!   stated it — for the quality verdict a warning that says what was not shown, so the verdict
//!   after is at most `pass_with_warnings` ([`bound_after`]);
//! - **(iii) a claim or other statement that can only count against the product**
//!   ([`Exception::AgainstOnly`]): the clinic's claims, an independent test of the product's
//!   content, the marketing facts;
//! - **(iv) one of two contradictory statements** ([`Exception::Contradiction`]), only when the
//!   report *before* the deletion holds a finding whose `contradicts` fact (a list of input
//!   paths) names the deleted key, a key inside it or a key it lies in. A contradiction that the
//!   engines do not report as a finding is never excused: deleting one side of it must not
//!   favour the product.
//!
//! Every other deletion is held to the order.
//!
//! # The orders (from least to most favourable to the product)
//!
//! - **US** ([`super::us_rank`]): `section_351_product` = `undetermined` (0) <
//!   `section_361_hctp` (1) < `excepted_same_surgical_procedure` = `not_an_hctp` (2). 351 and
//!   undetermined share a rank: an open question is no shortcut. Both rank-2 answers mean Part
//!   1271 does not apply (neither means "no approval needed").
//! - **Quality** ([`super::quality_rank`], for deletions): `fail` = `undetermined` (0) <
//!   `pass_with_warnings` (1) < `pass` (2): deleting the figure that failed leaves the lot
//!   unproven, no better. For a worse measurement, [`msc_therapy::engine::quality::QualityVerdict`]'s own total
//!   order: `fail` < `undetermined` < `pass_with_warnings` < `pass`.
//! - **Offer** ([`offer_rank`], for deletions): `walk_away` = `ask_first` (0) < `good_signs` (1):
//!   deleting a red flag leaves an open question (the same reading as quality's fail =
//!   undetermined). For a worse fact, and for deletions from documents generated from favourable
//!   values only, [`msc_therapy::engine::offer::PatientVerdict`]'s total order: `walk_away` < `ask_first` <
//!   `good_signs`.
//! - **EU and Japan**: as `tests/fail_closed_eu_jp.rs` documents them (EU towards *not an ATMP*,
//!   ASRM towards a lower risk class, PMD Act towards *not a regenerative medical product*).
#![allow(dead_code)]

use msc_therapy::Finding;
use msc_therapy::engine::offer::PatientVerdict;
use msc_therapy::finding::FactValue;
use msc_therapy::vocab::{CellPreparation, ProcessingStep, Route, SiteOfUse, TissueSource};
use proptest::prelude::*;
use serde_json::{Value, json};

#[path = "samples.rs"]
mod samples;

/// Why a deletion may move a verdict toward the favourable end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exception {
    /// (i) A specification: absent, the law's default applies.
    Specification,
    /// (ii) Evidence the law does not require for this product: absent, the verdict of a record
    /// that never stated it.
    UnrequiredEvidence,
    /// (iii) A claim or other statement that can only count against the product.
    AgainstOnly,
    /// (iv) One of two contradictory statements, the contradiction being a finding.
    Contradiction,
}

/// When a row applies, judged on the document *before* the deletion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Always.
    Always,
    /// The product is a same-day bedside autologous preparation ([`bedside`]).
    Bedside,
    /// The deleted value is `false`.
    False,
    /// The deleted value is `true`.
    True,
    /// The deleted object holds a key that an [`Exception::AgainstOnly`] row excuses in the
    /// document (a statement that can only count against the product, in its failing value).
    HoldsAgainstOnly,
    /// The deleted value is a non-empty list.
    NonEmpty,
    /// The report before the deletion holds a finding whose `contradicts` fact names the
    /// deleted key, a key inside it or a key it lies in.
    Contradicted,
    /// The deleted value is a list of determinations, one of which can only count against the
    /// product ([`determination_against`]).
    AgainstTheProduct,
}

/// **Whether a recorded determination can only count against the product**: a criterion
/// determined the unfavourable way (an HCT/P; the exception or a 1271.10(a) criterion not met;
/// the cells substantially manipulated or not used for the same essential function), the US
/// classification determined as 351, the EU classification as an ATMP. A favourable one never
/// moves a verdict toward the favourable end once deleted, except through a contradiction,
/// which its finding names.
pub fn determination_against(d: &Value) -> bool {
    let rule = d.get("rule").and_then(Value::as_str).unwrap_or_default();
    let outcome = d.get("outcome").and_then(Value::as_str).unwrap_or_default();
    match rule {
        "us.cfr1271.3.d" | "eu.reg1394.2.1.c.1" | "eu.reg1394.2.1.c.2" => outcome == "met",
        "us.determination" => outcome == "section_351_product",
        "eu.determination" => outcome != "not_atmp",
        _ => outcome == "not_met",
    }
}

/// Which document a row's key is a path of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A product document; in an offer, the same key under `product.`.
    Product,
    /// A clinic offer document.
    Offer,
}

/// One row of the exception table.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// The key, as a dotted path, `[*]` for any list position.
    pub key: &'static str,
    /// Which document the key belongs to.
    pub scope: Scope,
    /// Whether keys inside it are excepted too.
    pub children: bool,
    /// Which exception.
    pub exception: Exception,
    /// The condition on the document.
    pub when: When,
    /// Why, in words.
    pub reason: &'static str,
}

const fn row(
    key: &'static str,
    scope: Scope,
    children: bool,
    exception: Exception,
    when: When,
    reason: &'static str,
) -> Row {
    Row {
        key,
        scope,
        children,
        exception,
        when,
        reason,
    }
}

use Exception::{AgainstOnly, Contradiction, Specification, UnrequiredEvidence};
use Scope::{Offer, Product};

/// **The deletions that may move a verdict toward the favourable end, by key.** Every deletion
/// not listed here is held to the orders of the module documentation.
pub const EXCEPTIONS: &[Row] = &[
    // (i) Specifications.
    row(
        "release.endotoxin_limit_eu_per_ml",
        Product,
        false,
        Specification,
        When::Always,
        "the product's own endotoxin specification: absent, the USP <85> limit K/M (from the route, the dose volume and the body weight) applies, which may be laxer than the maker's figure",
    ),
    row(
        "release.passage_limit",
        Product,
        false,
        Specification,
        When::Always,
        "the maker's passage limit: absent, no consensus default limits the passage, and the finding says so",
    ),
    row(
        "release.population_doubling_limit",
        Product,
        false,
        Specification,
        When::Always,
        "the maker's population-doubling limit: absent, no consensus default limits the doublings, and the finding says so",
    ),
    // (ii) Evidence the law does not require for this product.
    row(
        "release",
        Product,
        false,
        UnrequiredEvidence,
        When::Bedside,
        "a same-day bedside autologous preparation is not a released lot: the whole release record (sterility, endotoxin, certificate) is evidence the law does not require of it, so deleting it gives the verdict of a record that never stated it (at most pass with warnings)",
    ),
    row(
        "release.sterility",
        Product,
        false,
        UnrequiredEvidence,
        When::Bedside,
        "a same-day bedside autologous preparation is not a released lot (21 CFR 610.12 concerns lots) and a culture reports after the injection: a sterility result is not required, and its absence is a warning",
    ),
    row(
        "release.endotoxin_eu_per_ml",
        Product,
        false,
        UnrequiredEvidence,
        When::Bedside,
        "a same-day bedside autologous preparation is not a released lot: no endotoxin release test is required, and its absence is a warning",
    ),
    row(
        "release.mycoplasma",
        Product,
        false,
        UnrequiredEvidence,
        When::Bedside,
        "cells never grown in culture, prepared at the bedside: mycoplasma testing is not a release criterion",
    ),
    row(
        "release.certificate",
        Product,
        true,
        UnrequiredEvidence,
        When::Bedside,
        "no certificate of analysis is required of a same-day bedside autologous preparation (no lot is released)",
    ),
    // (iii) Statements that can only count against the product.
    row(
        "claims",
        Offer,
        false,
        AgainstOnly,
        When::NonEmpty,
        "the clinic's claims (cures, approval, live stem cells...) can only count against the offer; with none recorded the claims are an open question",
    ),
    row(
        "claims[*]",
        Offer,
        true,
        AgainstOnly,
        When::Always,
        "a part of a claim (the indications it names) narrows a statement that can only count against the offer",
    ),
    row(
        "release.certificate_issued",
        Product,
        false,
        AgainstOnly,
        When::False,
        "`certificate_issued: false` states that no certificate of analysis was issued: it can only count against the product",
    ),
    // The manufacturing facts that concern the establishment's process rather than the lot's
    // results: stated in their failing value they fail the lot; absent, they are listed as
    // missing without moving the verdict, so the statement can only count against the product.
    row(
        "manufacturing.aseptic_process_validated",
        Product,
        false,
        AgainstOnly,
        When::False,
        "`aseptic_process_validated: false` states an unvalidated aseptic process (21 CFR 211.113(b)): it fails the lot, and absent the process is not judged, so it can only count against the product",
    ),
    row(
        "manufacturing.research_grade_reagents_used",
        Product,
        false,
        AgainstOnly,
        When::True,
        "`research_grade_reagents_used: true` states that a research-grade or non-sterile reagent went into the lot: it fails the lot, and the grade of reagents is not a release result, so it can only count against the product",
    ),
    row(
        "manufacturing.sterility_failures_investigated",
        Product,
        false,
        AgainstOnly,
        When::False,
        "`sterility_failures_investigated: false` states a positive sterility result left uninvestigated (21 CFR 211.192): it fails the lot, and absent it is not judged, so it can only count against the product",
    ),
    row(
        "manufacturing.expiry_supported_by_stability_data",
        Product,
        false,
        AgainstOnly,
        When::False,
        "`expiry_supported_by_stability_data: false` states an expiry date set or extended without stability data (21 CFR 211.137): it fails the lot, and absent it is not judged, so it can only count against the product",
    ),
    row(
        "manufacturing.distributed_before_release_results",
        Product,
        false,
        AgainstOnly,
        When::True,
        "`distributed_before_release_results: true` states that the lot left before its release results were in and met specification: it fails the lot, while the results the record gives are judged by their own rules, so it can only count against the product",
    ),
    row(
        "manufacturing",
        Product,
        false,
        AgainstOnly,
        When::HoldsAgainstOnly,
        "the manufacturing record, when it holds one of the statements above in its failing value: deleting the record deletes that statement",
    ),
    row(
        "other_tissues",
        Product,
        false,
        AgainstOnly,
        When::NonEmpty,
        "another source tissue can only count against the product: the rules take the least favourable reading across every tissue named (a step minimal for one tissue and not for another fails; the use must be homologous for each; a fluid mixed with another tissue is not a secreted fluid); absent, they read `tissue` alone",
    ),
    row(
        "determinations",
        Product,
        false,
        AgainstOnly,
        When::AgainstTheProduct,
        "a determination that a criterion is not met (an FDA letter, a court decision), that the product is a 351 product or an ATMP, can only count against the product; deleted, the criterion or classification is judged on the stated facts alone",
    ),
    row(
        "content_tests",
        Offer,
        false,
        AgainstOnly,
        When::NonEmpty,
        "tests of the product by someone other than the clinic can only count against the offer (the measurement wins over the clinic's claim; one sample found sound shows nothing about the patient's lot, so a test is never a good sign); with none recorded, nothing is asked",
    ),
    row(
        "content_tests[*]",
        Offer,
        true,
        AgainstOnly,
        When::Always,
        "a part of an independent test (MSCs not found, bacteria found, a low live count) narrows a statement that can only count against the offer",
    ),
    row(
        "marketing",
        Offer,
        true,
        AgainstOnly,
        When::Always,
        "the marketing facts (a 'research use only' label on a product given to patients, a paid 'study', repeat 'boosters') can only count against the offer; neither source text's checklist asks for them, so absent they are not recorded, never a good sign",
    ),
    // (iv) One of two contradictory statements (only when a finding names the contradiction).
    row(
        "determinations",
        Product,
        true,
        Contradiction,
        When::Contradicted,
        "a determination that the stated facts (or another determination) contradict: the finding keeps the less favourable answer and names `determinations` and the inputs the rule reads",
    ),
    row(
        "tissue",
        Product,
        false,
        Contradiction,
        When::Contradicted,
        "the tissue, when a determination's finding names it as contradicting the determination",
    ),
    row(
        "other_tissues",
        Product,
        false,
        Contradiction,
        When::Contradicted,
        "other tissues, when a determination's finding names them as contradicting the determination",
    ),
    row(
        "donor",
        Product,
        false,
        Contradiction,
        When::Contradicted,
        "the donor, when a determination's finding names it as contradicting the determination",
    ),
    row(
        "processing",
        Product,
        true,
        Contradiction,
        When::Contradicted,
        "the processing (steps, articles, same surgical procedure, data), when a determination's finding names it as contradicting the determination",
    ),
    row(
        "intended_use",
        Product,
        true,
        Contradiction,
        When::Contradicted,
        "the intended use, when a determination's finding names it as contradicting the determination",
    ),
    row(
        "delivery",
        Product,
        true,
        Contradiction,
        When::Contradicted,
        "the delivery, when a determination's finding names it as contradicting the determination",
    ),
    row(
        "mechanisms",
        Product,
        false,
        Contradiction,
        When::Contradicted,
        "the claimed mechanisms, when a determination's finding names them as contradicting the determination",
    ),
    row(
        "intended_use.site_of_use",
        Product,
        false,
        Contradiction,
        When::Contradicted,
        "a stated site of use that a local route contradicts",
    ),
    row(
        "delivery.route",
        Product,
        false,
        Contradiction,
        When::Contradicted,
        "a local route that contradicts the stated site of use",
    ),
    row(
        "release.state",
        Product,
        false,
        Contradiction,
        When::Contradicted,
        "`fresh`, contradicted by a cryopreservation step or a post-thaw viability",
    ),
    row(
        "processing.steps",
        Product,
        false,
        Contradiction,
        When::Contradicted,
        "a cryopreservation step contradicting `fresh`; cell isolation or culture contradicting a secreted fluid",
    ),
    row(
        "release.viability",
        Product,
        false,
        Contradiction,
        When::Contradicted,
        "a post-thaw viability contradicting `fresh`; the viability behind total × viability contradicting a stated viable count",
    ),
    row(
        "release.viability[*].timing",
        Product,
        false,
        Contradiction,
        When::Contradicted,
        "the `post_thaw` timing of a viability figure contradicting `fresh`: without it the figure is of unstated timing, which a fresh product is judged on",
    ),
    row(
        "preparation",
        Product,
        false,
        Contradiction,
        When::Contradicted,
        "a secreted fluid with no isolated cells, contradicted by steps that isolate or grow cells",
    ),
    row(
        "dose.viable_cells",
        Product,
        false,
        Contradiction,
        When::Contradicted,
        "a stated viable-cell count contradicted by total nucleated cells × viability",
    ),
    row(
        "release.viable_nucleated_cells",
        Product,
        false,
        Contradiction,
        When::Contradicted,
        "a stated viable-cell count contradicted by total nucleated cells × viability",
    ),
    row(
        "release.total_nucleated_cells",
        Product,
        false,
        Contradiction,
        When::Contradicted,
        "the total behind total × viability (`derived.viable_nucleated_cells`), contradicting a stated viable count",
    ),
    row(
        "release.certificate",
        Product,
        false,
        Contradiction,
        When::Contradicted,
        "a certificate contradicted by `certificate_issued: false`",
    ),
    row(
        "release.lot",
        Product,
        false,
        Contradiction,
        When::Contradicted,
        "the product's lot, contradicted by a certificate for another lot (`release.certificate.lot`); without it the match cannot be checked, which the certificate finding reports",
    ),
    row(
        "release.certificate_issued",
        Product,
        false,
        Contradiction,
        When::Contradicted,
        "`certificate_issued: false` contradicting a certificate",
    ),
];

/// Derived facts a `contradicts` list may name, and the input keys they come from.
pub const DERIVED: &[(&str, &[&str])] = &[(
    "derived.viable_nucleated_cells",
    &["release.total_nucleated_cells", "release.viability"],
)];

/// Every input path named by a `contradicts` fact of `findings` (derived facts replaced by the
/// inputs they come from).
pub fn contradicted<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Vec<String> {
    let mut out = Vec::new();
    for f in findings {
        for fact in f.facts.iter() {
            if fact.name != "contradicts" {
                continue;
            }
            let names: Vec<String> = match &fact.value {
                FactValue::Codes(codes) => codes.iter().map(str::to_owned).collect(),
                FactValue::Text(t) => vec![t.to_string()],
                _ => Vec::new(),
            };
            for name in names {
                match DERIVED.iter().find(|(d, _)| *d == name) {
                    Some((_, inputs)) => out.extend(inputs.iter().map(|s| (*s).to_owned())),
                    None => out.push(name),
                }
            }
        }
    }
    out
}

/// `a` is `b` or lies inside it (`b.x`, `b[0]`).
fn within(a: &str, b: &str) -> bool {
    a == b
        || a.strip_prefix(b)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// The path with every list position written `[*]`.
pub fn normalized(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push_str("[*]");
            }
            ']' => in_index = false,
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

/// A dotted path (`claims[0].kind`) as a JSON pointer (`/claims/0/kind`).
pub fn pointer(path: &str) -> String {
    let mut out = String::new();
    for part in path.split('.') {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next() {
            out.push('/');
            out.push_str(key);
        }
        for index in pieces {
            out.push('/');
            out.push_str(index.trim_end_matches(']'));
        }
    }
    out
}

/// **A same-day bedside autologous preparation**, as the product states it: the patient's own
/// cells (`donor: autologous`), prepared at the point of care (`supply: point_of_care`), with
/// stated processing steps that neither culture-expand nor cryopreserve them, not released
/// cryopreserved, and same-day (`processing.same_surgical_procedure: true` or `release.state:
/// fresh`).
pub fn bedside(product: &Value) -> bool {
    let steps = product
        .pointer("/processing/steps")
        .and_then(Value::as_array);
    let stated_steps_keep_it_fresh = steps.is_some_and(|s| {
        !s.iter()
            .any(|x| x == "culture_expansion" || x == "cryopreservation")
    });
    let state = product.pointer("/release/state");
    product.get("donor") == Some(&json!("autologous"))
        && product.get("supply") == Some(&json!("point_of_care"))
        && stated_steps_keep_it_fresh
        && state != Some(&json!("cryopreserved"))
        && (product.pointer("/processing/same_surgical_procedure") == Some(&json!(true))
            || state == Some(&json!("fresh")))
}

/// Whether `row` matches the deleted `key` (a path of the row's scope): the key itself, a key
/// inside it when the row covers children, or — for a contradiction, which a finding names — a
/// key it lies in (deleting `delivery` deletes `delivery.route`). A contradiction row never
/// covers the keys inside its key: deleting a certificate's expiry date does not remove the
/// certificate that `certificate_issued: false` contradicts.
fn matches(row: &Row, key: &str) -> bool {
    let key = normalized(key);
    key == row.key
        || (row.children && within(&key, row.key))
        || (row.exception == Contradiction && within(row.key, &key))
}

fn applies(row: &Row, doc: &Value, product: &Value, key: &str, contradicted: &[String]) -> bool {
    match row.when {
        When::Always => true,
        When::Bedside => bedside(product),
        When::False => doc.pointer(&pointer(key)) == Some(&Value::Bool(false)),
        When::True => doc.pointer(&pointer(key)) == Some(&Value::Bool(true)),
        When::HoldsAgainstOnly => EXCEPTIONS.iter().any(|inner| {
            inner.exception == AgainstOnly
                && inner.scope == row.scope
                && inner.key != row.key
                && within(inner.key, row.key)
                && !inner.key.contains('*')
                && applies(
                    inner,
                    doc,
                    product,
                    &format!("{key}{}", &inner.key[row.key.len()..]),
                    contradicted,
                )
        }),
        When::NonEmpty => doc
            .pointer(&pointer(key))
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty()),
        When::Contradicted => contradicted
            .iter()
            .any(|name| within(name, key) || within(key, name)),
        When::AgainstTheProduct => doc
            .pointer(&pointer(key))
            .and_then(Value::as_array)
            .is_some_and(|list| list.iter().any(determination_against)),
    }
}

/// **The row that excuses deleting `path` from the product document `doc`**, if any.
/// `contradicted` is [`contradicted`] of the engine's report before the deletion.
pub fn product_exception(doc: &Value, path: &str, contradicted: &[String]) -> Option<&'static Row> {
    EXCEPTIONS.iter().find(|r| {
        r.scope == Product && matches(r, path) && applies(r, doc, doc, path, contradicted)
    })
}

/// **The row that excuses deleting `path` from the offer document `doc`**, if any.
/// `contradicted` is [`contradicted`] of the offer's evaluation before the deletion; its paths
/// may be offer paths (`product.delivery.route`) or, from the product's own assessments,
/// product paths (`delivery.route`).
pub fn offer_exception(doc: &Value, path: &str, contradicted: &[String]) -> Option<&'static Row> {
    let product = doc.get("product").cloned().unwrap_or(Value::Null);
    let in_product = path.strip_prefix("product.");
    let as_offer: Vec<String> = contradicted
        .iter()
        .map(|c| {
            if c.starts_with("product.") {
                c.clone()
            } else {
                format!("product.{c}")
            }
        })
        .chain(contradicted.iter().cloned())
        .collect();
    EXCEPTIONS.iter().find(|r| match (r.scope, in_product) {
        (Offer, _) => matches(r, path) && applies(r, doc, &product, path, &as_offer),
        (Product, Some(inner)) => {
            matches(r, inner) && applies(r, &product, &product, inner, contradicted)
                || matches(r, inner) && applies(r, doc, &product, path, &as_offer)
        }
        (Product, None) => false,
    })
}

/// **A bound on the verdict after an excused deletion**, for the quality verdict: evidence the
/// law does not require is, absent, a warning that says what was not shown — never a clean
/// pass. `None`: no bound beyond the exception.
pub fn bound_after(row: &Row) -> Option<msc_therapy::engine::quality::QualityVerdict> {
    (row.exception == UnrequiredEvidence)
        .then_some(msc_therapy::engine::quality::QualityVerdict::PassWithWarnings)
}

/// **The offer order for deletions**: `walk_away` = `ask_first` (0) < `good_signs` (1).
pub fn offer_rank(v: PatientVerdict) -> u8 {
    u8::from(v == PatientVerdict::GoodSigns)
}

// ---------------------------------------------------------------------------------------------
// The outside prober's inputs
// ---------------------------------------------------------------------------------------------

/// Local routes: the cells stay where they are placed, so a stated site elsewhere contradicts
/// the route.
pub fn local_routes() -> Vec<&'static str> {
    Route::ALL
        .iter()
        .filter(|r| !r.info().systemic)
        .map(|r| r.code())
        .collect()
}

fn object_at<'a>(doc: &'a mut Value, key: &str) -> &'a mut serde_json::Map<String, Value> {
    let map = doc.as_object_mut().expect("documents are objects");
    let entry = map
        .entry(key.to_owned())
        .or_insert_with(|| Value::Object(serde_json::Map::new()));
    if !entry.is_object() {
        *entry = Value::Object(serde_json::Map::new());
    }
    entry.as_object_mut().expect("an object")
}

fn push_step(doc: &mut Value, step: &str) {
    let processing = object_at(doc, "processing");
    let steps = processing
        .entry("steps".to_owned())
        .or_insert_with(|| json!([]));
    if let Some(list) = steps.as_array_mut() {
        if !list.iter().any(|s| s == step) {
            list.push(json!(step));
        }
    }
}

fn set_or_remove(map: &mut serde_json::Map<String, Value>, key: &str, value: Option<Value>) {
    match value {
        Some(v) => {
            map.insert(key.to_owned(), v);
        }
        None => {
            map.remove(key);
        }
    }
}

/// **The realistic products**: the bundled sample products and the products of the bundled
/// offers (named `generated`), each with any of its optional top-level keys left out. Their
/// verdicts are near the favourable end, where one deletion can move them.
pub fn realistic_product() -> BoxedStrategy<Value> {
    let mut products: Vec<Value> = samples::PRODUCTS
        .iter()
        .map(|(_, text)| serde_json::from_str(text).expect("a sample product"))
        .collect();
    products.extend(samples::OFFERS.iter().map(|(_, text)| {
        let offer: Value = serde_json::from_str(text).expect("a sample offer");
        offer["product"].clone()
    }));
    for p in &mut products {
        p["name"] = json!("generated");
        if let Some(map) = p.as_object_mut() {
            map.remove("description");
        }
    }
    (
        prop::sample::select(products),
        prop::collection::vec(0u8..5, 16),
    )
        .prop_map(|(mut product, dice)| {
            if let Some(map) = product.as_object_mut() {
                let keys: Vec<String> = map.keys().filter(|k| *k != "name").cloned().collect();
                // Most keys kept (four in five): a record that says a lot, as the prober's
                // offers did.
                for (key, die) in keys.iter().zip(dice) {
                    if die == 0 {
                        map.remove(key);
                    }
                }
            }
            product
        })
        .boxed()
}

/// The bundled sample product `stem` (`examples/data/products/`), named `generated`, without its
/// description.
pub fn sample_product(stem: &str) -> Value {
    let (_, text) = samples::PRODUCTS
        .iter()
        .find(|(s, _)| *s == stem)
        .expect("a bundled sample product");
    let mut product: Value = serde_json::from_str(text).expect("a sample product");
    product["name"] = json!("generated");
    if let Some(map) = product.as_object_mut() {
        map.remove("description");
    }
    product
}

/// `doc` without the key at `path` (a dotted path without list positions).
pub fn deleted(doc: &Value, path: &str) -> Value {
    let mut copy = doc.clone();
    let (parent, key) = path.rsplit_once('.').map_or(("", path), |(p, k)| (p, k));
    let target = if parent.is_empty() {
        Some(&mut copy)
    } else {
        copy.pointer_mut(&pointer(parent))
    };
    if let Some(Value::Object(map)) = target {
        map.remove(key);
    }
    copy
}

/// A base document for the prober's situations: half generated, half realistic.
fn base() -> BoxedStrategy<Value> {
    prop_oneof![super::product_document(), realistic_product()].boxed()
}

/// A stated site of use beside a local route (most pairs disagree).
fn site_against_route() -> BoxedStrategy<Value> {
    (
        base(),
        prop::sample::select(SiteOfUse::ALL.iter().map(|s| s.code()).collect::<Vec<_>>()),
        prop::sample::select(local_routes()),
    )
        .prop_map(|(mut doc, site, route)| {
            object_at(&mut doc, "intended_use").insert("site_of_use".into(), json!(site));
            object_at(&mut doc, "delivery").insert("route".into(), json!(route));
            doc
        })
        .boxed()
}

/// `release.state: fresh` with a cryopreservation step and/or a post-thaw viability.
fn fresh_and_frozen() -> BoxedStrategy<Value> {
    (base(), 0u8..3, 50.0f64..99.0)
        .prop_map(|(mut doc, how, percent)| {
            if how != 1 {
                push_step(&mut doc, ProcessingStep::Cryopreservation.code());
            }
            let release = object_at(&mut doc, "release");
            release.insert("state".into(), json!("fresh"));
            if how != 0 {
                release.insert(
                    "viability".into(),
                    json!([{"percent": percent, "timing": "post_thaw"}]),
                );
            }
            doc
        })
        .boxed()
}

/// Certificates with and without issue and expiry dates (past and future of 2026-12-07), for
/// this lot or another, and `certificate_issued` true, false or absent.
fn certificates() -> BoxedStrategy<Value> {
    (
        base(),
        prop::option::of(prop::sample::select(vec!["LOT-1", "LOT-2"])),
        prop::option::of((
            prop::sample::select(vec!["LOT-1", "LOT-2"]),
            prop::option::of(prop::sample::select(vec!["2025-01-15", "2027-03-01"])),
            prop::option::of(prop::sample::select(vec!["2026-01-15", "2027-06-30"])),
            any::<bool>(),
        )),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(mut doc, lot, certificate, issued)| {
            let release = object_at(&mut doc, "release");
            set_or_remove(release, "lot", lot.map(Value::from));
            let certificate = certificate.map(|(lot, issued_on, expires_on, issuer)| {
                let mut c = serde_json::Map::new();
                c.insert("lot".into(), json!(lot));
                if issuer {
                    c.insert("issuer".into(), json!("Example Lab"));
                }
                set_or_remove(&mut c, "issued_on", issued_on.map(Value::from));
                set_or_remove(&mut c, "expires_on", expires_on.map(Value::from));
                Value::Object(c)
            });
            set_or_remove(release, "certificate", certificate);
            set_or_remove(release, "certificate_issued", issued.map(Value::from));
            doc
        })
        .boxed()
}

/// A stated viable-cell count (in the dose, the release record or both) beside total nucleated
/// cells × viability: equal, ten times higher or ten times lower.
fn stated_and_derived_counts() -> BoxedStrategy<Value> {
    (
        base(),
        1_000_000u64..400_000_000,
        10.0f64..99.0,
        prop::sample::select(vec![1.0, 10.0, 0.1]),
        0u8..3,
        any::<bool>(),
    )
        .prop_map(|(mut doc, total, percent, factor, place, fresh)| {
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss
            )]
            let stated = ((total as f64) * percent / 100.0 * factor).max(1.0) as u64;
            let release = object_at(&mut doc, "release");
            release.insert("total_nucleated_cells".into(), json!(total));
            release.insert(
                "viability".into(),
                json!([{"percent": percent, "timing": if fresh { "before_freezing" } else { "post_thaw" }}]),
            );
            release.insert(
                "state".into(),
                json!(if fresh { "fresh" } else { "cryopreserved" }),
            );
            if place != 1 {
                release.insert("viable_nucleated_cells".into(), json!(stated));
            } else {
                release.remove("viable_nucleated_cells");
            }
            if place != 0 {
                object_at(&mut doc, "dose").insert("viable_cells".into(), json!(stated));
            }
            doc
        })
        .boxed()
}

/// Amniotic fluid whose cells were isolated or grown, with the preparation stated or absent.
fn amniotic_fluid_cells() -> BoxedStrategy<Value> {
    let preparations: Vec<Option<&'static str>> = std::iter::once(None)
        .chain(CellPreparation::ALL.iter().map(|p| Some(p.code())))
        .collect();
    (
        base(),
        prop::sample::select(preparations),
        prop::sample::select(vec![
            vec!["cell_isolation"],
            vec!["culture_expansion"],
            vec!["cell_isolation", "culture_expansion"],
        ]),
    )
        .prop_map(|(mut doc, preparation, steps)| {
            let map = doc.as_object_mut().expect("an object");
            map.insert("tissue".into(), json!(TissueSource::AmnioticFluid.code()));
            set_or_remove(map, "preparation", preparation.map(Value::from));
            for step in steps {
                push_step(&mut doc, step);
            }
            doc
        })
        .boxed()
}

/// A same-day bedside autologous preparation, its sterility and endotoxin results present or
/// absent.
fn bedside_autologous() -> BoxedStrategy<Value> {
    (
        base(),
        prop::sample::select(vec![vec![], vec!["centrifugation"], vec!["rinsing", "centrifugation"]]),
        any::<bool>(),
        prop::option::of(prop::sample::select(vec!["negative", "positive", "pending"])),
        prop::option::of(0.0f64..5.0),
        prop::option::of(prop::sample::select(vec!["negative", "positive"])),
    )
        .prop_map(|(mut doc, steps, same, sterility, endotoxin, mycoplasma)| {
            let map = doc.as_object_mut().expect("an object");
            map.insert("donor".into(), json!("autologous"));
            map.insert("supply".into(), json!("point_of_care"));
            if matches!(map.get("preparation"), Some(p) if p == "culture_expanded_msc" || p == "cultured_cells")
            {
                map.insert("preparation".into(), json!("bone_marrow_concentrate"));
            }
            let processing = object_at(&mut doc, "processing");
            processing.insert("steps".into(), json!(steps));
            if same {
                processing.insert("same_surgical_procedure".into(), json!(true));
            }
            let release = object_at(&mut doc, "release");
            release.insert("state".into(), json!("fresh"));
            set_or_remove(release, "sterility", sterility.map(Value::from));
            set_or_remove(release, "endotoxin_eu_per_ml", endotoxin.map(Value::from));
            set_or_remove(release, "mycoplasma", mycoplasma.map(Value::from));
            doc
        })
        .boxed()
}

/// A realistic product (a bundled sample, near the favourable end) with authorities'
/// determinations and/or other source tissues added: where deleting one of them can move a
/// verdict, so that the table's rows for `determinations` and `other_tissues` are exercised.
fn determinations_and_tissues() -> BoxedStrategy<Value> {
    (
        realistic_product(),
        prop::collection::vec(super::determination(), 0..=2),
        prop::option::of(prop::collection::vec(
            prop::sample::select(
                TissueSource::ALL
                    .iter()
                    .map(|t| t.code())
                    .collect::<Vec<_>>(),
            ),
            1..=2,
        )),
    )
        .prop_map(|(mut doc, determinations, tissues)| {
            let map = doc.as_object_mut().expect("an object");
            if !determinations.is_empty() {
                map.insert("determinations".into(), Value::from(determinations));
            }
            set_or_remove(map, "other_tissues", tissues.map(Value::from));
            doc
        })
        .boxed()
}

/// **Product documents as the outside prober made them**: the shared generator, and the same
/// documents carrying each of the prober's situations — a stated site against a local route,
/// `fresh` with a cryopreservation step or a post-thaw figure, certificates with and without
/// dates and `certificate_issued`, a stated viable count beside total × viability, amniotic
/// fluid whose cells were isolated (preparation stated or absent), a bedside autologous
/// preparation without sterility or endotoxin results; a realistic product with authorities'
/// determinations and other source tissues.
pub fn prober_document() -> BoxedStrategy<Value> {
    prop_oneof![
        3 => base(),
        1 => site_against_route(),
        1 => fresh_and_frozen(),
        1 => certificates(),
        1 => stated_and_derived_counts(),
        1 => amniotic_fluid_cells(),
        1 => bedside_autologous(),
        1 => determinations_and_tissues(),
    ]
    .boxed()
}

/// The situations of [`prober_document`], one by one, for tests that need each at least once.
pub fn prober_situations() -> Vec<(&'static str, BoxedStrategy<Value>)> {
    vec![
        ("site against a local route", site_against_route()),
        ("fresh and frozen", fresh_and_frozen()),
        ("certificates", certificates()),
        ("stated and derived counts", stated_and_derived_counts()),
        ("amniotic fluid cells", amniotic_fluid_cells()),
        ("bedside autologous", bedside_autologous()),
        (
            "determinations and other tissues",
            determinations_and_tissues(),
        ),
    ]
}
