//! JSON Schemas (draft 2020-12) for every document the crate reads or writes.
//!
//! The list of documents lives in one place, [`DOCUMENTS`]: adding a document is one line.
//! `cargo run --example export_schemas` writes each schema to `schemas/<name>.schema.json`, and a
//! test fails when the committed files differ from what this module generates.

use crate::{
    ClinicOffer, Compact, EuAssessment, Finding, JpAssessment, OfferEvaluation, OfferPolicy,
    Product, ProductAssessment, QualityPolicy, QualityReport, UsAssessment,
};
use schemars::generate::SchemaSettings;
use schemars::transform::{RestrictFormats, Transform};
use schemars::{JsonSchema, Schema};

/// Generates one document's root schema.
type Generate = fn() -> Schema;

/// Every document, in the order they are exported: `(file stem, schema generator)`.
///
/// Input documents (read by `from_json`) use [`input`], output documents (reports the crate
/// serializes) use [`output`]. Each output has two forms: `<name>` (full: findings carry their
/// rule's summary and citation) and `<name>_compact` ([`Compact`]: rule ids and data only).
const DOCUMENTS: &[(&str, Generate)] = &[
    ("product", input::<Product>),
    ("quality_policy", input::<QualityPolicy>),
    ("finding", output::<Finding>),
    ("us_assessment", output::<UsAssessment>),
    ("quality_report", output::<QualityReport>),
    ("eu_assessment", output::<EuAssessment>),
    ("jp_assessment", output::<JpAssessment>),
    ("product_assessment", output::<ProductAssessment>),
    ("clinic_offer", input::<ClinicOffer>),
    ("offer_policy", input::<OfferPolicy>),
    ("offer_evaluation", output::<OfferEvaluation>),
    // The compact form of every output: findings without their rule's summary and citation.
    ("finding_compact", output::<Compact<Finding>>),
    ("us_assessment_compact", output::<Compact<UsAssessment>>),
    ("quality_report_compact", output::<Compact<QualityReport>>),
    ("eu_assessment_compact", output::<Compact<EuAssessment>>),
    ("jp_assessment_compact", output::<Compact<JpAssessment>>),
    (
        "product_assessment_compact",
        output::<Compact<ProductAssessment>>,
    ),
    (
        "offer_evaluation_compact",
        output::<Compact<OfferEvaluation>>,
    ),
];

/// **The JSON Schema of one document the crate reads or writes.**
///
/// `name` is the stable file stem (`"product"`), and `schema` a draft 2020-12 schema that a strict
/// validator accepts: non-standard `format` values such as `uint32` or `double` are removed
/// (their range is already stated by `minimum`/`maximum`), and no `$id` is set, so the output
/// depends on nothing but the crate's types.
///
/// Input documents are described as the crate *deserializes* them (what it accepts); output
/// documents as it *serializes* them (what it writes).
///
/// # Examples
///
/// ```
/// let schemas = msc_therapy::document_schemas();
/// let product = schemas.iter().find(|s| s.name == "product").unwrap();
/// assert_eq!(product.file_name(), "product.schema.json");
/// assert_eq!(
///     product.schema.get("$schema").and_then(|v| v.as_str()),
///     Some("https://json-schema.org/draft/2020-12/schema")
/// );
/// assert!(product.to_json_pretty().ends_with("}\n"));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(docsrs, doc(cfg(feature = "schemars")))]
pub struct DocumentSchema {
    /// The document's file stem, e.g. `"product"` for `product.schema.json`.
    pub name: &'static str,
    /// The schema itself.
    pub schema: Schema,
}

impl DocumentSchema {
    /// The file name the schema is exported under: `<name>.schema.json`.
    #[must_use]
    pub fn file_name(&self) -> String {
        format!("{}.schema.json", self.name)
    }

    /// The schema as pretty-printed JSON (two-space indent) with a trailing newline: the exact
    /// content of the exported file.
    #[must_use]
    pub fn to_json_pretty(&self) -> String {
        format!("{:#}\n", self.schema.as_value())
    }
}

/// **The JSON Schemas of every input and output document**, in a fixed order.
///
/// Inputs: `product` ([`Product`]) and `quality_policy` ([`QualityPolicy`]). Outputs: `finding`
/// ([`Finding`]), `us_assessment`, `quality_report`, `eu_assessment`, `jp_assessment` and
/// `product_assessment` ([`ProductAssessment`], all engines over one product).
///
/// # Examples
///
/// ```
/// let names: Vec<_> = msc_therapy::document_schemas().iter().map(|s| s.name).collect();
/// assert!(names.contains(&"product"));
/// assert!(names.contains(&"finding"));
/// ```
#[must_use]
#[cfg_attr(docsrs, doc(cfg(feature = "schemars")))]
pub fn document_schemas() -> Vec<DocumentSchema> {
    DOCUMENTS
        .iter()
        .map(|&(name, generate)| DocumentSchema {
            name,
            schema: generate(),
        })
        .collect()
}

/// The generator settings every document shares.
fn settings() -> SchemaSettings {
    SchemaSettings::draft2020_12()
        .with_transform(RestrictFormats::default())
        .with_transform(PlainDescriptions)
}

/// The schema of a document the crate reads.
fn input<T: JsonSchema>() -> Schema {
    settings()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// The schema of a document the crate writes.
fn output<T: JsonSchema>() -> Schema {
    settings()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// Makes descriptions readable outside rustdoc: schemars copies whole doc comments, so this cuts
/// the rustdoc sections (`# Examples`, `# Errors`, …), whose Rust doctests mean nothing to a
/// reader of the schema, and turns intra-doc links (`` [`Percent`] ``) into plain code spans.
#[derive(Debug, Clone, Copy)]
struct PlainDescriptions;

impl Transform for PlainDescriptions {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(description) = schema
            .as_object_mut()
            .and_then(|object| object.get_mut("description"))
        {
            if let Some(text) = description.as_str() {
                let before_sections = text.split("\n# ").next().unwrap_or(text).trim_end();
                *description = before_sections.replace("[`", "`").replace("`]", "`").into();
            }
        }
        schemars::transform::transform_subschemas(self, schema);
    }
}
