//! JavaScript and TypeScript bindings for [`msc_therapy`], built with `wasm-bindgen` for Node
//! (`--target nodejs`) and browsers (`--target web`).
//!
//! Every function takes its document as a JSON string or as a plain JavaScript object (which is
//! turned into JSON with `JSON.stringify`), reads it with the library's own reader, runs the
//! library's engine and returns the library's own JSON for the result, parsed: the object a
//! JavaScript caller gets equals `JSON.parse` of what the Rust library writes for the same
//! input. A document that cannot be read is thrown as an `Error` named `DocumentError` whose
//! `kind` is the library's [`DocumentErrorKind`] as a machine name (`unknown_code`,
//! `missing_field`, …) and whose `path` is the dotted path of the failing field.
//!
//! The evaluation date `on` is an ISO 8601 calendar date (`"2026-12-07"`) or a JavaScript `Date`
//! (its local calendar date); left out, it is today's date on the caller's clock, read through
//! JavaScript's `Date`: the library itself reads no clock.
//!
//! Nothing here panics on bad input: every failure is a thrown `DocumentError`.

use js_sys::{Error, JSON, Reflect};
use msc_therapy::catalog::CatalogKey;
use msc_therapy::engine::offer::{OfferPolicy, PatientVerdict};
use msc_therapy::engine::quality::QualityPolicy;
use msc_therapy::vocab::IsoDate;
use msc_therapy::what_if::ProductTarget;
use msc_therapy::{ClinicOffer, DocumentError, DocumentErrorKind, Product};
use serde::Serialize;
use wasm_bindgen::prelude::*;

mod engine;

/// The machine name of a [`DocumentErrorKind`]: the variant's name in snake case.
#[must_use]
pub fn kind_name(kind: DocumentErrorKind) -> &'static str {
    match kind {
        DocumentErrorKind::Syntax => "syntax",
        DocumentErrorKind::UnknownField => "unknown_field",
        DocumentErrorKind::MissingField => "missing_field",
        DocumentErrorKind::DuplicateField => "duplicate_field",
        DocumentErrorKind::WrongType => "wrong_type",
        DocumentErrorKind::UnknownCode => "unknown_code",
        DocumentErrorKind::InvalidValue => "invalid_value",
        DocumentErrorKind::TooLarge => "too_large",
        DocumentErrorKind::Io => "io",
        _ => "other",
    }
}

/// A thrown `DocumentError`: an `Error` with `kind`, `path`, `detail` (the message without the
/// path), `line` and `column` (or `null`).
fn thrown(
    kind: &str,
    path: &str,
    detail: &str,
    line: Option<usize>,
    column: Option<usize>,
) -> JsValue {
    let message = if path.is_empty() || path == "." {
        detail.to_owned()
    } else {
        format!("{path}: {detail}")
    };
    let error = Error::new(&message);
    error.set_name("DocumentError");
    let number = |n: Option<usize>| n.map_or(JsValue::NULL, |n| JsValue::from_f64(n as f64));
    // Setting a property on a fresh `Error` object cannot fail; were it to, the error is still
    // thrown, with its message.
    let _ = Reflect::set(&error, &"kind".into(), &kind.into());
    let _ = Reflect::set(&error, &"path".into(), &path.into());
    let _ = Reflect::set(&error, &"detail".into(), &detail.into());
    let _ = Reflect::set(&error, &"line".into(), &number(line));
    let _ = Reflect::set(&error, &"column".into(), &number(column));
    error.into()
}

fn document_error(e: &DocumentError) -> JsValue {
    thrown(
        kind_name(e.kind()),
        e.path(),
        e.message(),
        e.line(),
        e.column(),
    )
}

/// The JSON text of `input`: a string as it is, anything else through `JSON.stringify`.
fn json_text(input: &JsValue, what: &str) -> Result<String, JsValue> {
    if let Some(text) = input.as_string() {
        return Ok(text);
    }
    let problem = |why: &str| {
        thrown(
            "wrong_type",
            ".",
            &format!("the {what} must be a JSON string or a plain object: {why}"),
            None,
            None,
        )
    };
    if input.is_undefined() || input.is_function() || input.is_symbol() {
        return Err(problem("got no JSON value"));
    }
    match JSON::stringify(input) {
        Ok(text) => text
            .as_string()
            .ok_or_else(|| problem("it has no JSON form")),
        Err(e) => {
            let why = e.dyn_ref::<Error>().map_or_else(
                || "JSON.stringify failed".to_owned(),
                |e| e.message().into(),
            );
            Err(problem(&why))
        }
    }
}

/// The evaluation date: `on` as an ISO date string or a `Date`, or today's local date.
fn date(on: &JsValue) -> Result<IsoDate, JsValue> {
    let invalid = |detail: String| thrown("invalid_value", "on", &detail, None, None);
    let (year, month, day) = if on.is_undefined() || on.is_null() {
        let now = js_sys::Date::new_0();
        (now.get_full_year(), now.get_month() + 1, now.get_date())
    } else if let Some(text) = on.as_string() {
        return IsoDate::new(text).map_err(|e| invalid(e.to_string()));
    } else if let Some(d) = on.dyn_ref::<js_sys::Date>() {
        if d.get_time().is_nan() {
            return Err(invalid("the date is an invalid Date".to_owned()));
        }
        (d.get_full_year(), d.get_month() + 1, d.get_date())
    } else {
        return Err(invalid(
            "the evaluation date must be an ISO date string (YYYY-MM-DD) or a Date".to_owned(),
        ));
    };
    IsoDate::new(format!("{year:04}-{month:02}-{day:02}")).map_err(|e| invalid(e.to_string()))
}

/// The library's JSON for `value`, parsed into a JavaScript value.
fn output<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| {
        thrown(
            "invalid_value",
            ".",
            &format!("the result could not be written as JSON: {e}"),
            None,
            None,
        )
    })?;
    JSON::parse(&text)
}

fn product(input: &JsValue) -> Result<Product, JsValue> {
    Product::from_json(&json_text(input, "product")?).map_err(|e| document_error(&e))
}

fn offer(input: &JsValue) -> Result<ClinicOffer, JsValue> {
    ClinicOffer::from_json(&json_text(input, "offer")?).map_err(|e| document_error(&e))
}

fn quality_policy(input: &JsValue) -> Result<QualityPolicy, JsValue> {
    if input.is_undefined() || input.is_null() {
        return Ok(QualityPolicy::default());
    }
    QualityPolicy::from_json(&json_text(input, "quality policy")?).map_err(|e| document_error(&e))
}

fn offer_policy(input: &JsValue) -> Result<OfferPolicy, JsValue> {
    if input.is_undefined() || input.is_null() {
        return Ok(OfferPolicy::default());
    }
    OfferPolicy::from_json(&json_text(input, "offer policy")?).map_err(|e| document_error(&e))
}

/// Every engine over one product (US, release quality under the default policy, EU, Japan):
/// the library's `ProductAssessment`.
#[wasm_bindgen(js_name = assessProduct, skip_typescript)]
pub fn assess_product(input: JsValue, on: JsValue) -> Result<JsValue, JsValue> {
    let p = product(&input)?;
    output(&engine::assess_product(
        &p,
        &QualityPolicy::default(),
        date(&on)?,
    ))
}

/// Every engine over one product, release quality under `policy` (a `QualityPolicy`).
#[wasm_bindgen(js_name = assessProductWith, skip_typescript)]
pub fn assess_product_with(
    input: JsValue,
    policy: JsValue,
    on: JsValue,
) -> Result<JsValue, JsValue> {
    let p = product(&input)?;
    let policy = quality_policy(&policy)?;
    output(&engine::assess_product(&p, &policy, date(&on)?))
}

/// The patient's checklist over a clinic's offer: the library's `OfferEvaluation`.
#[wasm_bindgen(js_name = evaluateOffer, skip_typescript)]
pub fn evaluate_offer(input: JsValue, on: JsValue) -> Result<JsValue, JsValue> {
    let o = offer(&input)?;
    output(&engine::evaluate_offer(
        &o,
        &OfferPolicy::default(),
        date(&on)?,
    ))
}

/// The patient's checklist under `policy` (an `OfferPolicy`).
#[wasm_bindgen(js_name = evaluateOfferWith, skip_typescript)]
pub fn evaluate_offer_with(
    input: JsValue,
    policy: JsValue,
    on: JsValue,
) -> Result<JsValue, JsValue> {
    let o = offer(&input)?;
    let policy = offer_policy(&policy)?;
    output(&engine::evaluate_offer(&o, &policy, date(&on)?))
}

/// US classification under 21 CFR Part 1271: the library's `UsAssessment`.
#[wasm_bindgen(js_name = classifyUs, skip_typescript)]
pub fn classify_us(input: JsValue, on: JsValue) -> Result<JsValue, JsValue> {
    let p = product(&input)?;
    output(&engine::classify_us(&p, date(&on)?))
}

/// EU classification under Regulation (EC) No 1394/2007: the library's `EuAssessment`.
#[wasm_bindgen(js_name = classifyEu, skip_typescript)]
pub fn classify_eu(input: JsValue, on: JsValue) -> Result<JsValue, JsValue> {
    let p = product(&input)?;
    output(&engine::classify_eu(&p, date(&on)?))
}

/// Japanese classification under the ASRM and the PMD Act: the library's `JpAssessment`.
#[wasm_bindgen(js_name = classifyJp, skip_typescript)]
pub fn classify_jp(input: JsValue, on: JsValue) -> Result<JsValue, JsValue> {
    let p = product(&input)?;
    output(&engine::classify_jp(&p, date(&on)?))
}

/// Japanese classification of a product that holds the authorisation `key` (a catalog key).
#[wasm_bindgen(js_name = classifyJpAuthorised, skip_typescript)]
pub fn classify_jp_authorised(
    input: JsValue,
    key: JsValue,
    on: JsValue,
) -> Result<JsValue, JsValue> {
    let p = product(&input)?;
    let key_text = key.as_string().ok_or_else(|| {
        thrown(
            "wrong_type",
            "key",
            "the catalog key must be a string",
            None,
            None,
        )
    })?;
    let key: CatalogKey = serde_json::from_value(serde_json::Value::String(key_text))
        .map_err(|e| thrown("unknown_code", "key", &e.to_string(), None, None))?;
    output(&engine::classify_jp_authorised(&p, key, date(&on)?))
}

/// Release quality under `policy` (a `QualityPolicy`; the default when left out): the
/// library's `QualityReport`.
#[wasm_bindgen(js_name = assessQuality, skip_typescript)]
pub fn assess_quality(input: JsValue, policy: JsValue, on: JsValue) -> Result<JsValue, JsValue> {
    let p = product(&input)?;
    let policy = quality_policy(&policy)?;
    output(&engine::assess_quality(&p, &policy, date(&on)?))
}

/// The target of a search, as text: a `DocumentError` of kind `wrong_type` at `target` when it
/// is not a string, `unknown_code` when it names no headline (the message lists every target).
fn target<T: std::str::FromStr<Err = msc_therapy::document::UnknownCode>>(
    input: &JsValue,
) -> Result<T, JsValue> {
    let text = input.as_string().ok_or_else(|| {
        thrown(
            "wrong_type",
            "target",
            "the target must be a string, such as \"us:section_361_hctp\" or \"good_signs\"",
            None,
            None,
        )
    })?;
    text.parse()
        .map_err(|e: msc_therapy::document::UnknownCode| {
            thrown("unknown_code", "target", &e.to_string(), None, None)
        })
}

/// What would change the verdict of a product: the facts whose statement would settle an open
/// answer, each with the headline every value leads to (the library's `SettlingFacts`).
#[wasm_bindgen(js_name = settlingFacts, skip_typescript)]
pub fn settling_facts(input: JsValue, on: JsValue) -> Result<JsValue, JsValue> {
    let p = product(&input)?;
    output(&engine::settling_facts(&p, date(&on)?))
}

/// The questions whose answers would move an offer's verdict, those that move it furthest
/// first (the library's `SettlingFacts`).
#[wasm_bindgen(js_name = settlingOfferFacts, skip_typescript)]
pub fn settling_offer_facts(input: JsValue, on: JsValue) -> Result<JsValue, JsValue> {
    let o = offer(&input)?;
    output(&engine::settling_offer_facts(&o, date(&on)?))
}

/// The smallest changes to a product that reach `target` (`"us:section_361_hctp"`,
/// `"quality:pass"`, …, or a code only one engine answers): the library's `SmallestChanges`.
#[wasm_bindgen(js_name = smallestChanges, skip_typescript)]
pub fn smallest_changes(input: JsValue, target: JsValue, on: JsValue) -> Result<JsValue, JsValue> {
    let p = product(&input)?;
    let t: ProductTarget = self::target(&target)?;
    output(&engine::smallest_changes(&p, t, date(&on)?))
}

/// The smallest changes to an offer that reach the patient's verdict `target` (`"good_signs"`,
/// `"ask_first"`, `"walk_away"`): the library's `SmallestChanges`.
#[wasm_bindgen(js_name = smallestOfferChanges, skip_typescript)]
pub fn smallest_offer_changes(
    input: JsValue,
    target: JsValue,
    on: JsValue,
) -> Result<JsValue, JsValue> {
    let o = offer(&input)?;
    let t: PatientVerdict = self::target(&target)?;
    output(&engine::smallest_offer_changes(&o, t, date(&on)?))
}

/// Reads a product and returns it as the library writes it, or throws the `DocumentError`.
#[wasm_bindgen(js_name = validateProduct, skip_typescript)]
pub fn validate_product(input: JsValue) -> Result<JsValue, JsValue> {
    output(&product(&input)?)
}

/// Reads a clinic's offer and returns it as the library writes it, or throws the
/// `DocumentError`.
#[wasm_bindgen(js_name = validateOffer, skip_typescript)]
pub fn validate_offer(input: JsValue) -> Result<JsValue, JsValue> {
    output(&offer(&input)?)
}

/// Reads a quality policy and returns it with its defaults filled in, or throws.
#[wasm_bindgen(js_name = validateQualityPolicy, skip_typescript)]
pub fn validate_quality_policy(input: JsValue) -> Result<JsValue, JsValue> {
    output(
        &QualityPolicy::from_json(&json_text(&input, "quality policy")?)
            .map_err(|e| document_error(&e))?,
    )
}

/// Reads an offer policy and returns it with its defaults filled in, or throws.
#[wasm_bindgen(js_name = validateOfferPolicy, skip_typescript)]
pub fn validate_offer_policy(input: JsValue) -> Result<JsValue, JsValue> {
    output(
        &OfferPolicy::from_json(&json_text(&input, "offer policy")?)
            .map_err(|e| document_error(&e))?,
    )
}

/// Every vocabulary: each term's code, label, description and facts (the library's
/// `vocabulary.json`).
#[wasm_bindgen(skip_typescript)]
pub fn vocabulary() -> Result<JsValue, JsValue> {
    output(&msc_therapy::interop::vocabulary_json())
}

/// The version of the msc-therapy library these bindings were built with.
#[wasm_bindgen(skip_typescript)]
#[must_use]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
