//! The native part of the Python package `msc_therapy` (`msc_therapy._native`).
//!
//! Every function takes the document as JSON text (`str` or `bytes`), reads it with the crate's
//! own validated parsers (`Product::from_json`, `ClinicOffer::from_slice`, …) and returns the
//! result as the crate's own JSON (`to_json`), so a result is byte for byte what the Rust library
//! writes for the same input and date. The Python layer (`msc_therapy/__init__.py`) turns dicts
//! into JSON text, dates into ISO strings and the results into dicts or pydantic models.
//!
//! A document that fails validation raises `msc_therapy.DocumentError` (a `ValueError`) with the
//! crate's error kind (`unknown_field`, `invalid_value`, …), the dotted path of the field, the
//! message and the line and column; nothing here panics on any input.
//!
//! `unsafe_code` is denied rather than forbidden: PyO3's macros expand to `unsafe` blocks under
//! their own `#[allow(unsafe_code)]`, which `forbid` would reject. This file writes none.
#![deny(unsafe_code)]
#![deny(missing_docs)]

use msc_therapy::catalog::CatalogKey;
use msc_therapy::engine::offer::{OfferPolicy, PatientVerdict};
use msc_therapy::engine::quality::QualityPolicy;
use msc_therapy::vocab::IsoDate;
use msc_therapy::what_if::ProductTarget;
use msc_therapy::{ClinicOffer, DocumentError, DocumentErrorKind, Product, RuleId};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyString, PyType};
use std::borrow::Cow;

/// A document as Python passed it: JSON text, or UTF-8 bytes of JSON text.
enum Text<'a> {
    /// A `str`.
    Str(Cow<'a, str>),
    /// A `bytes` object.
    Bytes(&'a [u8]),
}

/// The input documents, each read by the crate's own strict parser.
trait Document: Sized {
    fn from_json(json: &str) -> Result<Self, DocumentError>;
    fn from_slice(json: &[u8]) -> Result<Self, DocumentError>;

    fn read(text: &Text<'_>) -> Result<Self, DocumentError> {
        match text {
            Text::Str(s) => Self::from_json(s),
            Text::Bytes(b) => Self::from_slice(b),
        }
    }
}

macro_rules! document {
    ($($ty:ty),+) => {$(
        impl Document for $ty {
            fn from_json(json: &str) -> Result<Self, DocumentError> {
                <$ty>::from_json(json)
            }
            fn from_slice(json: &[u8]) -> Result<Self, DocumentError> {
                <$ty>::from_slice(json)
            }
        }
    )+};
}

document!(Product, ClinicOffer, QualityPolicy, OfferPolicy);

/// The crate's machine name of an error kind: the variant's name in snake case
/// (`UnknownField` → `unknown_field`), so that a kind added to the crate gets a name too.
fn kind_name(kind: DocumentErrorKind) -> String {
    let debug = format!("{kind:?}");
    let mut name = String::with_capacity(debug.len() + 4);
    for (i, c) in debug.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                name.push('_');
            }
            name.push(c.to_ascii_lowercase());
        } else {
            name.push(c);
        }
    }
    name
}

/// `msc_therapy._errors.DocumentError`, imported once.
static DOCUMENT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The Python `DocumentError` for `err`, with its kind, path, message, line and column.
fn document_error(py: Python<'_>, err: &DocumentError) -> PyErr {
    let class = match DOCUMENT_ERROR.import(py, "msc_therapy._errors", "DocumentError") {
        Ok(class) => class,
        Err(import_failed) => return import_failed,
    };
    let args = (
        kind_name(err.kind()),
        err.path(),
        err.message(),
        err.line(),
        err.column(),
    );
    match class.call1(args) {
        Ok(value) => PyErr::from_value(value),
        Err(failed) => failed,
    }
}

/// A `DocumentError` that the crate did not raise: the argument is not JSON text at all.
fn not_text(py: Python<'_>, what: &str, detail: &str) -> PyErr {
    let err = DocumentError::new(
        DocumentErrorKind::Syntax,
        ".",
        format_args!("{what} is not valid Unicode text: {detail}"),
    );
    document_error(py, &err)
}

/// Borrows the JSON text of `doc` (`str` or `bytes`).
fn text<'a>(doc: &'a Bound<'_, PyAny>, what: &str) -> PyResult<Text<'a>> {
    if let Ok(s) = doc.cast::<PyString>() {
        // A `str` holding a lone surrogate has no UTF-8 form: a syntax error, as invalid UTF-8
        // bytes are for the crate.
        return s
            .to_cow()
            .map(Text::Str)
            .map_err(|e| not_text(doc.py(), what, &e.to_string()));
    }
    if let Ok(b) = doc.cast::<PyBytes>() {
        return Ok(Text::Bytes(b.as_bytes()));
    }
    let type_name = doc
        .get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string());
    Err(PyTypeError::new_err(format!(
        "{what} must be JSON text (str or bytes), not {type_name}"
    )))
}

/// Reads the document `doc` as a `T`.
fn read<T: Document>(py: Python<'_>, doc: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    let text = text(doc, what)?;
    T::read(&text).map_err(|err| document_error(py, &err))
}

/// Reads an optional policy document.
fn read_policy<T: Document + Default>(
    py: Python<'_>,
    policy: Option<&Bound<'_, PyAny>>,
) -> PyResult<T> {
    match policy {
        Some(policy) if !policy.is_none() => read(py, policy, "policy"),
        _ => Ok(T::default()),
    }
}

/// The evaluation date from its ISO 8601 text (`YYYY-MM-DD`).
fn date(on: &str) -> PyResult<IsoDate> {
    IsoDate::new(on).map_err(|e| PyValueError::new_err(format!("on: {e}")))
}

/// The engines, on the evaluation date `on`, each result as the crate's JSON.
mod engine {
    use msc_therapy::catalog::CatalogKey;
    use msc_therapy::engine::offer::OfferPolicy;
    use msc_therapy::engine::quality::QualityPolicy;
    use msc_therapy::vocab::IsoDate;
    use msc_therapy::{
        ClinicOffer, Product, assess_product_with, assess_quality, classify_eu, classify_jp,
        classify_jp_authorised, classify_us, evaluate_offer_with,
    };

    pub(crate) fn product(p: &Product, policy: &QualityPolicy, on: IsoDate) -> String {
        assess_product_with(p, policy, on.date()).to_json()
    }

    pub(crate) fn offer(o: &ClinicOffer, policy: &OfferPolicy, on: IsoDate) -> String {
        evaluate_offer_with(o, policy, on.date()).to_json()
    }

    pub(crate) fn quality(p: &Product, policy: &QualityPolicy, on: IsoDate) -> String {
        assess_quality(p, policy, on.date()).to_json()
    }

    pub(crate) fn us(p: &Product, on: IsoDate) -> String {
        classify_us(p, on.date()).to_json()
    }

    pub(crate) fn eu(p: &Product, on: IsoDate) -> String {
        classify_eu(p, on.date()).to_json()
    }

    pub(crate) fn jp(p: &Product, key: Option<CatalogKey>, on: IsoDate) -> String {
        match key {
            Some(key) => classify_jp_authorised(p, key, on.date()),
            None => classify_jp(p, on.date()),
        }
        .to_json()
    }
}

/// Every engine over a product document: the `ProductAssessment` as JSON.
#[pyfunction]
#[pyo3(signature = (doc, on, policy=None))]
fn assess_product(
    py: Python<'_>,
    doc: &Bound<'_, PyAny>,
    on: &str,
    policy: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let on = date(on)?;
    let policy: QualityPolicy = read_policy(py, policy)?;
    let product: Product = read(py, doc, "doc")?;
    Ok(py.detach(|| engine::product(&product, &policy, on)))
}

/// A clinic's offer judged as a patient would act on it: the `OfferEvaluation` as JSON.
#[pyfunction]
#[pyo3(signature = (doc, on, policy=None))]
fn evaluate_offer(
    py: Python<'_>,
    doc: &Bound<'_, PyAny>,
    on: &str,
    policy: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let on = date(on)?;
    let policy: OfferPolicy = read_policy(py, policy)?;
    let offer: ClinicOffer = read(py, doc, "doc")?;
    Ok(py.detach(|| engine::offer(&offer, &policy, on)))
}

/// Release quality of a product document: the `QualityReport` as JSON.
#[pyfunction]
#[pyo3(signature = (doc, on, policy=None))]
fn assess_quality(
    py: Python<'_>,
    doc: &Bound<'_, PyAny>,
    on: &str,
    policy: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let on = date(on)?;
    let policy: QualityPolicy = read_policy(py, policy)?;
    let product: Product = read(py, doc, "doc")?;
    Ok(py.detach(|| engine::quality(&product, &policy, on)))
}

/// US classification under 21 CFR Part 1271: the `UsAssessment` as JSON.
#[pyfunction]
fn classify_us(py: Python<'_>, doc: &Bound<'_, PyAny>, on: &str) -> PyResult<String> {
    let on = date(on)?;
    let product: Product = read(py, doc, "doc")?;
    Ok(py.detach(|| engine::us(&product, on)))
}

/// EU classification (ATMP, Regulation (EC) No 1394/2007): the `EuAssessment` as JSON.
#[pyfunction]
fn classify_eu(py: Python<'_>, doc: &Bound<'_, PyAny>, on: &str) -> PyResult<String> {
    let on = date(on)?;
    let product: Product = read(py, doc, "doc")?;
    Ok(py.detach(|| engine::eu(&product, on)))
}

/// Japanese classification (ASRM, PMD Act): the `JpAssessment` as JSON; with `catalog_key`, as
/// the authorised product of the built-in catalog with that key.
#[pyfunction]
#[pyo3(signature = (doc, on, catalog_key=None))]
fn classify_jp(
    py: Python<'_>,
    doc: &Bound<'_, PyAny>,
    on: &str,
    catalog_key: Option<&str>,
) -> PyResult<String> {
    let on = date(on)?;
    let key = catalog_key
        .map(str::parse::<CatalogKey>)
        .transpose()
        .map_err(|e| PyValueError::new_err(format!("catalog_key: {e}")))?;
    let product: Product = read(py, doc, "doc")?;
    Ok(py.detach(|| engine::jp(&product, key, on)))
}

/// The error for a `target` that names no headline: a `DocumentError` of kind `unknown_code` at
/// the path `target`, with the crate's message (which lists every target).
fn bad_target(py: Python<'_>, err: &msc_therapy::document::UnknownCode) -> PyErr {
    document_error(
        py,
        &DocumentError::new(DocumentErrorKind::UnknownCode, "target", err.to_string()),
    )
}

/// What would change the verdict of a product: the facts whose statement would settle an open
/// answer, each with the headline every value leads to (`SettlingFacts` as JSON).
#[pyfunction]
fn settling_facts(py: Python<'_>, doc: &Bound<'_, PyAny>, on: &str) -> PyResult<String> {
    let on = date(on)?;
    let product: Product = read(py, doc, "doc")?;
    Ok(py.detach(|| msc_therapy::what_if::settling_facts(&product, on.date()).to_json()))
}

/// The questions whose answers would move an offer's verdict, most effect first
/// (`SettlingFacts` as JSON).
#[pyfunction]
fn settling_offer_facts(py: Python<'_>, doc: &Bound<'_, PyAny>, on: &str) -> PyResult<String> {
    let on = date(on)?;
    let offer: ClinicOffer = read(py, doc, "doc")?;
    Ok(py.detach(|| msc_therapy::what_if::settling_offer_facts(&offer, on.date()).to_json()))
}

/// The smallest changes to a product that reach `target` (`engine:code`, or a code only one
/// engine answers): `SmallestChanges` as JSON.
#[pyfunction]
fn smallest_changes(
    py: Python<'_>,
    doc: &Bound<'_, PyAny>,
    target: &str,
    on: &str,
) -> PyResult<String> {
    let on = date(on)?;
    let target: ProductTarget = target.parse().map_err(|e| bad_target(py, &e))?;
    let product: Product = read(py, doc, "doc")?;
    Ok(py.detach(|| msc_therapy::what_if::smallest_changes(&product, target, on.date()).to_json()))
}

/// The smallest changes to an offer that reach the patient's verdict `target` (`good_signs`,
/// `ask_first`, `walk_away`): `SmallestChanges` as JSON.
#[pyfunction]
fn smallest_offer_changes(
    py: Python<'_>,
    doc: &Bound<'_, PyAny>,
    target: &str,
    on: &str,
) -> PyResult<String> {
    let on = date(on)?;
    let target: PatientVerdict = target.parse().map_err(|e| bad_target(py, &e))?;
    let offer: ClinicOffer = read(py, doc, "doc")?;
    Ok(py.detach(|| {
        msc_therapy::what_if::smallest_offer_changes(&offer, target, on.date()).to_json()
    }))
}

/// Serializes a validated document; the crate's documents always serialize.
fn to_json<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Validates a product document; returns it as the crate reads it, as JSON.
#[pyfunction]
fn validate_product(py: Python<'_>, doc: &Bound<'_, PyAny>) -> PyResult<String> {
    let product: Product = read(py, doc, "doc")?;
    to_json(&product)
}

/// Validates a clinic-offer document; returns it as the crate reads it, as JSON.
#[pyfunction]
fn validate_offer(py: Python<'_>, doc: &Bound<'_, PyAny>) -> PyResult<String> {
    let offer: ClinicOffer = read(py, doc, "doc")?;
    to_json(&offer)
}

/// Every vocabulary term with its code, label, description and facts, as JSON
/// (`msc_therapy::interop::vocabulary_json`).
#[pyfunction]
fn vocabulary() -> String {
    msc_therapy::interop::vocabulary_json().to_string()
}

/// Every rule: id, label, summary, citation and explanation, as a JSON list.
#[pyfunction]
fn rules() -> PyResult<String> {
    let rules: Vec<serde_json::Value> = RuleId::ALL
        .iter()
        .map(|rule| {
            let info = rule.info();
            serde_json::json!({
                "id": rule.code(),
                "label": rule.label(),
                "summary": info.summary,
                "citation": info.citation,
                "explanation": info.explanation,
            })
        })
        .collect();
    to_json(&rules)
}

/// The JSON Schema of every document, by file name (`product.schema.json`), as a JSON object.
#[pyfunction]
fn schemas() -> PyResult<String> {
    let map: serde_json::Map<String, serde_json::Value> = msc_therapy::interop::document_schemas()
        .into_iter()
        .map(|schema| (schema.file_name(), schema.schema.as_value().clone()))
        .collect();
    to_json(&map)
}

/// The msc-therapy crate, from Python: validated documents in, cited findings out, as JSON.
#[pymodule]
mod _native {
    #[pymodule_export]
    use super::{
        assess_product, assess_quality, classify_eu, classify_jp, classify_us, evaluate_offer,
        rules, schemas, settling_facts, settling_offer_facts, smallest_changes,
        smallest_offer_changes, validate_offer, validate_product, vocabulary,
    };

    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
