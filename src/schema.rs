//! JSON Schemas (draft 2020-12) for every document the crate reads or writes.
//!
//! The list of documents lives in one place, [`DOCUMENTS`]: adding a document is one line.
//! `cargo run --example export_schemas` writes each schema to `schemas/<name>.schema.json` and its
//! self-contained copy to `schemas/bundled/<name>.schema.json`, and a test fails when the
//! committed files differ from what this module generates.

use crate::{
    ClinicOffer, Compact, EuAssessment, Finding, JpAssessment, OfferEvaluation, OfferPolicy,
    Product, ProductAssessment, QualityPolicy, QualityReport, UsAssessment,
};
use schemars::generate::SchemaSettings;
use schemars::transform::{RestrictFormats, Transform};
use schemars::{JsonSchema, Schema};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Generates one document's root schema and gives the name of its root type.
type Generate = fn() -> (Schema, String);

/// Where the exported schemas live: every schema's `$id` is this followed by its file name, and
/// the schemas refer to one another by file name relative to it.
pub const SCHEMA_BASE_URI: &str =
    "https://raw.githubusercontent.com/msc-therapy/msc-therapy/main/schemas/";

/// The file stem of the schema that holds the definitions shared by several documents.
const DEFINITIONS: &str = "definitions";

/// The folder of `schemas/` that holds the bundled, self-contained copy of every schema.
const BUNDLED: &str = "bundled";

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
    // What would change the verdict (issue #22): the settling facts of a product or an offer,
    // and the smallest changes that reach a target.
    #[cfg(feature = "json")]
    ("settling_facts", output::<crate::what_if::SettlingFacts>),
    #[cfg(feature = "json")]
    (
        "smallest_changes",
        output::<crate::what_if::SmallestChanges>,
    ),
    // The compact form of every output: findings without their rule's summary and citation.
    ("finding_compact", output_compact::<Finding>),
    ("us_assessment_compact", output_compact::<UsAssessment>),
    ("quality_report_compact", output_compact::<QualityReport>),
    ("eu_assessment_compact", output_compact::<EuAssessment>),
    ("jp_assessment_compact", output_compact::<JpAssessment>),
    (
        "product_assessment_compact",
        output_compact::<ProductAssessment>,
    ),
    (
        "offer_evaluation_compact",
        output_compact::<OfferEvaluation>,
    ),
];

/// **The JSON Schema of one document the crate reads or writes.**
///
/// `name` is the stable file stem (`"product"`), and `schema` a draft 2020-12 schema that a strict
/// validator accepts: non-standard `format` values such as `uint32` or `double` are removed
/// (their range is stated by `minimum`/`maximum` instead).
///
/// Each schema has an `$id`, [`SCHEMA_BASE_URI`] followed by its file name. A document that
/// contains another document refers to that document's schema (`product_assessment` holds a
/// `{"$ref": "product.schema.json"}`), and the definitions several documents share (the
/// vocabularies, the validated numbers) live once, in `definitions.schema.json`, referred to as
/// `definitions.schema.json#/$defs/Percent`. A validator therefore needs every file of
/// `schemas/` loaded (Ajv's `addSchema`, python-jsonschema's `referencing.Registry`), or the
/// self-contained copy, [`DocumentSchema::bundled`] (`schemas/bundled/`).
///
/// Every definition has a title (its type's name), so that code generators name their types
/// after it. No schema admits `null`: the parser refuses it (a member that is not stated is
/// left out) and no output writes it.
///
/// Input documents are described as the crate *deserializes* them (what it accepts); output
/// documents as it *serializes* them (what it writes), and every object of an output is closed
/// (`additionalProperties: false`).
///
/// # Examples
///
/// ```
/// let schemas = msc_therapy::interop::document_schemas();
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
#[non_exhaustive]
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

    /// The schema's `$id`: [`SCHEMA_BASE_URI`] followed by [`DocumentSchema::file_name`].
    #[must_use]
    pub fn id(&self) -> String {
        format!("{SCHEMA_BASE_URI}{}", self.file_name())
    }

    /// The schema as one self-contained document, for a tool that cannot load the other files
    /// of `schemas/` (a code generator, a validator without a schema registry): every definition
    /// it reaches, its own, a shared one of `definitions.schema.json` or another document (by
    /// its title, `Product` for `product.schema.json`), under its own `$defs`, and every
    /// reference local (`#/$defs/Percent`). Its own `$defs` are kept and merged with the
    /// others. A `$ref` stands alone: a property that describes its reference holds it in an
    /// `allOf` (code generators then name the referenced type once). Its `$id` is [`SCHEMA_BASE_URI`] followed by `bundled/` and the file name: the
    /// exported copy is `schemas/bundled/<name>.schema.json`.
    ///
    /// # Examples
    ///
    /// ```
    /// let schemas = msc_therapy::interop::document_schemas();
    /// let product = schemas.iter().find(|s| s.name == "product").unwrap();
    /// let bundled = product.bundled();
    /// assert!(bundled["$defs"]["Percent"].is_object());
    /// assert_eq!(bundled["$defs"]["Percent"]["title"], "Percent");
    /// assert!(!bundled.to_string().contains("definitions.schema.json"));
    /// ```
    #[must_use]
    pub fn bundled(&self) -> Value {
        bundle(self, &document_schemas())
    }

    /// [`DocumentSchema::bundled`] as pretty-printed JSON with a trailing newline: the exact
    /// content of `schemas/bundled/<name>.schema.json`.
    #[must_use]
    pub fn bundled_json_pretty(&self) -> String {
        format!("{:#}\n", self.bundled())
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
/// `product_assessment` ([`ProductAssessment`], all engines over one product). With the `json`
/// feature also the what-if outputs: `settling_facts` ([`crate::what_if::SettlingFacts`]) and
/// `smallest_changes` ([`crate::what_if::SmallestChanges`]).
///
/// # Examples
///
/// ```
/// let names: Vec<_> = msc_therapy::interop::document_schemas().iter().map(|s| s.name).collect();
/// assert!(names.contains(&"product"));
/// assert!(names.contains(&"finding"));
/// ```
#[must_use]
#[cfg_attr(docsrs, doc(cfg(feature = "schemars")))]
pub fn document_schemas() -> Vec<DocumentSchema> {
    let generated: Vec<(&'static str, Schema, String)> = DOCUMENTS
        .iter()
        .map(|&(name, generate)| {
            let (schema, root) = generate();
            (name, schema, root)
        })
        .collect();
    // Root type name -> the file that defines it.
    let documents: BTreeMap<String, String> = generated
        .iter()
        .map(|(name, _, root)| (root.clone(), format!("{name}.schema.json")))
        .collect();
    let mut shared: BTreeMap<String, Value> = BTreeMap::new();
    let mut schemas = Vec::with_capacity(generated.len() + 1);
    for (name, schema, _) in generated {
        let mut value = schema.to_value();
        if let Some(Value::Object(defs)) = value.as_object_mut().and_then(|o| o.remove("$defs")) {
            // Only the definitions reached without passing through another document: those
            // under a contained document are that document's.
            let mut reached = BTreeSet::new();
            let mut pending = Vec::new();
            local_refs(&value, &mut pending);
            while let Some(def) = pending.pop() {
                if documents.contains_key(&def) || !reached.insert(def.clone()) {
                    continue;
                }
                if let Some(body) = defs.get(&def) {
                    local_refs(body, &mut pending);
                }
            }
            for (def, body) in defs {
                if !reached.contains(&def) {
                    continue;
                }
                match shared.get(&def) {
                    Some(existing) => assert!(
                        *existing == body,
                        "`{def}` differs between documents; it cannot be shared"
                    ),
                    None => {
                        shared.insert(def, body);
                    }
                }
            }
        }
        rewrite_refs(&mut value, &documents, true);
        schemas.push(finish(name, value));
    }
    let mut definitions = serde_json::Map::new();
    definitions.insert(
        "$schema".to_owned(),
        "https://json-schema.org/draft/2020-12/schema".into(),
    );
    definitions.insert("title".to_owned(), "Shared definitions".into());
    definitions.insert(
        "description".to_owned(),
        "The vocabularies, validated numbers and records that several documents of msc-therapy \
         share. Not a document itself: the other schemas refer to its `$defs`."
            .into(),
    );
    let mut defs: serde_json::Map<String, Value> = shared.into_iter().collect();
    for (name, body) in &mut defs {
        rewrite_refs(body, &documents, false);
        // A title names the type a code generator writes for the definition (`Percent`, not
        // `Schema_1`).
        if let Some(object) = body.as_object_mut() {
            object
                .entry("title")
                .or_insert_with(|| Value::from(name.as_str()));
        }
    }
    definitions.insert("$defs".to_owned(), Value::Object(defs));
    schemas.push(finish(DEFINITIONS, Value::Object(definitions)));
    schemas
}

/// `document` with every definition it reaches from `all` under its own `$defs`, and every
/// reference local: see [`DocumentSchema::bundled`].
fn bundle(document: &DocumentSchema, all: &[DocumentSchema]) -> Value {
    // File name -> the local reference that replaces it.
    let own_file = document.file_name();
    let mut targets: BTreeMap<String, String> = BTreeMap::new();
    let mut bodies: BTreeMap<String, Value> = BTreeMap::new();
    let mut shared = serde_json::Map::new();
    for other in all {
        let value = other.schema.as_value().clone();
        if other.name == DEFINITIONS {
            if let Some(Value::Object(defs)) = value.get("$defs") {
                shared.clone_from(defs);
            }
            continue;
        }
        let title = value
            .get("title")
            .and_then(Value::as_str)
            .expect("every document has a title")
            .to_owned();
        let file = other.file_name();
        let target = if file == own_file {
            "#".to_owned()
        } else {
            format!("#/$defs/{title}")
        };
        targets.insert(file, target);
        let mut body = value;
        if let Some(object) = body.as_object_mut() {
            for key in ["$id", "$schema", "$defs"] {
                object.remove(key);
            }
        }
        bodies.insert(title, body);
    }
    let mut root = document.schema.as_value().clone();
    let mut defs = match root.as_object_mut().and_then(|o| o.remove("$defs")) {
        Some(Value::Object(own)) => own,
        _ => serde_json::Map::new(),
    };
    localize_refs(&mut root, &targets);
    for body in defs.values_mut() {
        localize_refs(body, &targets);
    }
    // Pull in every definition reached, until none is missing.
    let mut pending = Vec::new();
    local_refs(&root, &mut pending);
    defs.values()
        .for_each(|body| local_refs(body, &mut pending));
    while let Some(name) = pending.pop() {
        if defs.contains_key(&name) {
            continue;
        }
        let mut body = match (shared.get(&name), bodies.get(&name)) {
            (Some(def), None) => def.clone(),
            (None, Some(body)) => body.clone(),
            (Some(_), Some(_)) => panic!("`{name}` is both a shared definition and a document"),
            (None, None) => panic!("`{name}` is referred to but defined nowhere"),
        };
        localize_refs(&mut body, &targets);
        local_refs(&body, &mut pending);
        defs.insert(name, body);
    }
    lone_refs(&mut root);
    defs.values_mut().for_each(lone_refs);
    if let Some(object) = root.as_object_mut() {
        object.insert(
            "$id".to_owned(),
            format!("{SCHEMA_BASE_URI}{BUNDLED}/{own_file}").into(),
        );
        if !defs.is_empty() {
            object.insert("$defs".to_owned(), Value::Object(defs));
        }
    }
    root
}

/// Moves every `$ref` that has siblings (a property's `description`) into an `allOf` of its
/// own: `{"allOf": [{"$ref": "#/$defs/RuleId"}], "description": …}`. The two mean the same in
/// draft 2020-12, but json-schema-to-typescript turns a `$ref` with siblings into a new type
/// (`RuleId1`, `Percent11`, …) where a lone `$ref` names the one definition.
fn lone_refs(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if object.len() > 1 {
                if let Some(reference) = object.remove("$ref") {
                    object.insert(
                        "allOf".to_owned(),
                        Value::Array(vec![serde_json::json!({ "$ref": reference })]),
                    );
                }
            }
            object.values_mut().for_each(lone_refs);
        }
        Value::Array(items) => items.iter_mut().for_each(lone_refs),
        _ => {}
    }
}

/// Rewrites every reference to another file (`product.schema.json`,
/// `definitions.schema.json#/$defs/Percent`) as a local one (`#/$defs/Product`,
/// `#/$defs/Percent`).
fn localize_refs(value: &mut Value, targets: &BTreeMap<String, String>) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(reference)) = object.get_mut("$ref") {
                let (file, fragment) = reference
                    .split_once('#')
                    .map_or((reference.as_str(), ""), |(f, p)| (f, p));
                if !file.is_empty() {
                    let local = if file == format!("{DEFINITIONS}.schema.json") {
                        format!("#{fragment}")
                    } else {
                        let target = targets
                            .get(file)
                            .unwrap_or_else(|| panic!("a reference to an unknown file {file}"));
                        format!("{target}{fragment}")
                    };
                    *reference = local;
                }
            }
            object
                .values_mut()
                .for_each(|child| localize_refs(child, targets));
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| localize_refs(item, targets)),
        _ => {}
    }
}

/// Sets the `$id` of a finished schema and wraps it.
fn finish(name: &'static str, mut value: Value) -> DocumentSchema {
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "$id".to_owned(),
            format!("{SCHEMA_BASE_URI}{name}.schema.json").into(),
        );
    }
    DocumentSchema {
        name,
        schema: Schema::try_from(value).expect("a schema is an object"),
    }
}

/// The name `X` of every `#/$defs/X` reference in `value`.
fn local_refs(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            if let Some(def) = object
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/$defs/"))
            {
                found.push(def.to_owned());
            }
            object.values().for_each(|child| local_refs(child, found));
        }
        Value::Array(items) => items.iter().for_each(|item| local_refs(item, found)),
        _ => {}
    }
}

/// Points every local `#/$defs/X` reference at the document that defines `X`, or, for a shared
/// definition seen from a document (`from_document`), at `definitions.schema.json`.
fn rewrite_refs(value: &mut Value, documents: &BTreeMap<String, String>, from_document: bool) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(reference)) = object.get_mut("$ref") {
                if let Some(def) = reference.strip_prefix("#/$defs/") {
                    if let Some(file) = documents.get(def) {
                        *reference = file.clone();
                    } else if from_document {
                        *reference = format!("{DEFINITIONS}.schema.json#/$defs/{def}");
                    }
                }
            }
            for child in object.values_mut() {
                rewrite_refs(child, documents, from_document);
            }
        }
        Value::Array(items) => {
            for item in items {
                rewrite_refs(item, documents, from_document);
            }
        }
        _ => {}
    }
}

/// The generator settings every document shares.
fn settings() -> SchemaSettings {
    SchemaSettings::draft2020_12()
        .with_transform(IntegerRanges)
        .with_transform(RestrictFormats::default())
        .with_transform(PlainDescriptions)
}

/// The schema of a document the crate reads.
fn input<T: JsonSchema>() -> (Schema, String) {
    let schema = settings()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<T>();
    (
        without_optional_nulls(schema),
        T::schema_name().into_owned(),
    )
}

/// `schema` with `null` removed from every optional property: the parser refuses `null` (a
/// member that is not stated is left out) and no output writes it (an absent value is left
/// out), so `null` is never a value of a document. Without this, schemars types every `Option`
/// as `T | null`.
fn without_optional_nulls(schema: Schema) -> Schema {
    fn is_null(schema: &Value) -> bool {
        schema.get("type").and_then(Value::as_str) == Some("null")
    }
    fn strip(property: &mut Value) {
        let Some(object) = property.as_object_mut() else {
            return;
        };
        if let Some(Value::Array(types)) = object.get_mut("type") {
            types.retain(|t| t != "null");
            if let [only] = types.as_slice() {
                let only = only.clone();
                object.insert("type".to_owned(), only);
            }
        }
        if let Some(Value::Array(options)) = object.get_mut("anyOf") {
            options.retain(|o| !is_null(o));
            if options.len() == 1 {
                if let Some(Value::Object(only)) = options.pop() {
                    object.remove("anyOf");
                    for (key, value) in only {
                        object.entry(key).or_insert(value);
                    }
                }
            }
        }
        if object.get("default") == Some(&Value::Null) {
            object.remove("default");
        }
    }
    fn walk(value: &mut Value) {
        match value {
            Value::Object(object) => {
                let required: BTreeSet<String> = object
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect();
                if let Some(Value::Object(properties)) = object.get_mut("properties") {
                    for (name, property) in properties.iter_mut() {
                        if !required.contains(name) {
                            strip(property);
                        }
                    }
                }
                object.values_mut().for_each(walk);
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    let mut value = schema.to_value();
    walk(&mut value);
    Schema::try_from(value).expect("a schema object stays a schema object")
}

/// The schema of a document the crate writes: every object is closed, as the crate writes no
/// member it does not describe.
fn output<T: JsonSchema>() -> (Schema, String) {
    let schema = settings()
        .for_serialize()
        .with_transform(ClosedObjects)
        .into_generator()
        .into_root_schema_for::<T>();
    (
        without_optional_nulls(schema),
        T::schema_name().into_owned(),
    )
}

/// The output types whose compact form differs from their full form: they hold findings (and
/// their facts).
const WITH_FINDINGS: &[&str] = &[
    "Fact",
    "Finding",
    "UsAssessment",
    "QualityReport",
    "EuAssessment",
    "JpAssessment",
    "ProductAssessment",
    "OfferEvaluation",
];

/// The schema of a document the crate writes, in the [`Compact`] form. Each type that holds
/// findings is renamed `<Name>Compact` (`FindingCompact`, `UsAssessmentCompact`, …), so that
/// the compact and the full definition of a type never share a name across documents.
fn output_compact<T: JsonSchema>() -> (Schema, String) {
    fn rename(value: &mut Value) {
        match value {
            Value::Object(object) => {
                if let Some(Value::String(target)) = object.get_mut("$ref") {
                    if let Some(name) = target.strip_prefix("#/$defs/") {
                        if WITH_FINDINGS.contains(&name) {
                            *target = format!("#/$defs/{name}Compact");
                        }
                    }
                }
                object.values_mut().for_each(rename);
            }
            Value::Array(items) => items.iter_mut().for_each(rename),
            _ => {}
        }
    }
    let (schema, root) = output::<Compact<T>>();
    let mut value = schema.to_value();
    if let Some(Value::Object(defs)) = value.get_mut("$defs") {
        for name in WITH_FINDINGS {
            if let Some(def) = defs.remove(*name) {
                defs.insert(format!("{name}Compact"), def);
            }
        }
    }
    rename(&mut value);
    let root = format!("{root}Compact");
    if let Some(object) = value.as_object_mut() {
        object.insert("title".to_owned(), Value::from(root.as_str()));
    }
    let schema = Schema::try_from(value).expect("a schema object stays a schema object");
    (schema, root)
}

/// Sets `additionalProperties: false` on every object schema with `properties` that does not
/// say otherwise.
#[derive(Debug, Clone, Copy)]
struct ClosedObjects;

impl Transform for ClosedObjects {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(object) = schema.as_object_mut() {
            if object.contains_key("properties") && !object.contains_key("additionalProperties") {
                object.insert("additionalProperties".to_owned(), false.into());
            }
        }
        schemars::transform::transform_subschemas(self, schema);
    }
}

/// States the range of fixed-width integers as `minimum`/`maximum` before
/// [`RestrictFormats`] removes their non-standard `format` (`uint32`): a validator must reject
/// `2^40` for a field the parser reads as a 32-bit count.
#[derive(Debug, Clone, Copy)]
struct IntegerRanges;

impl Transform for IntegerRanges {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(object) = schema.as_object_mut() {
            let range: Option<(i64, u64)> = match object.get("format").and_then(Value::as_str) {
                Some("uint8") => Some((0, u8::MAX.into())),
                Some("uint16") => Some((0, u16::MAX.into())),
                Some("uint32") => Some((0, u32::MAX.into())),
                Some("uint64" | "uint") => Some((0, u64::MAX)),
                Some("int8") => Some((i8::MIN.into(), i8::MAX.unsigned_abs().into())),
                Some("int16") => Some((i16::MIN.into(), i16::MAX.unsigned_abs().into())),
                Some("int32") => Some((i32::MIN.into(), i32::MAX.unsigned_abs().into())),
                _ => None,
            };
            if let Some((min, max)) = range {
                object.entry("minimum").or_insert_with(|| min.into());
                object.entry("maximum").or_insert_with(|| max.into());
            }
        }
        schemars::transform::transform_subschemas(self, schema);
    }
}

/// Makes descriptions readable outside rustdoc: see [`plain`].
#[derive(Debug, Clone, Copy)]
struct PlainDescriptions;

impl Transform for PlainDescriptions {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(description) = schema
            .as_object_mut()
            .and_then(|object| object.get_mut("description"))
        {
            if let Some(text) = description.as_str() {
                *description = plain(text).into();
            }
        }
        schemars::transform::transform_subschemas(self, schema);
    }
}

/// A doc comment rewritten for a reader of JSON, who never sees the Rust API.
///
/// schemars copies whole doc comments; this
/// - cuts the rustdoc sections (`# Examples`, `# Errors`, …), whose doctests mean nothing there,
///   and the paragraphs about Rust's `Display`;
/// - turns intra-doc links (`` [`Percent`] ``) into plain code spans;
/// - writes a Rust path to a vocabulary term (`` `Outcome::Met` ``) as the code documents use
///   (`` `"met"` ``), and any other path (`` `RouteInfo::systemic` ``, `` `crate::evaluate_offer` ``)
///   as its last segment;
/// - explains `deny_unknown_fields` in JSON's terms.
pub(crate) fn plain(text: &str) -> String {
    let before_sections = text.split("\n# ").next().unwrap_or(text).trim_end();
    let paragraphs: Vec<String> = before_sections
        .split("\n\n")
        .map(|p| {
            // Sentences about Rust's `Display` mean nothing to a reader of JSON.
            p.split_inclusive(". ")
                .filter(|sentence| !sentence.contains("`Display`"))
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .filter(|p| !p.is_empty())
        .collect();
    let text = without_link_targets(&paragraphs.join("\n\n"))
        .replace("[`", "`")
        .replace("`]", "`")
        .replace(
            " (`deny_unknown_fields`)",
            " (a member the schema does not list is an error)",
        );
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(open) = rest.find('`') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let span = &after[..close];
        out.push('`');
        out.push_str(&json_name(span));
        out.push('`');
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// `text` with every Markdown link `[label](target)` reduced to its label: the targets are Rust
/// paths (`crate::Product::site_of_use`) that mean nothing outside rustdoc.
fn without_link_targets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after.find("](").and_then(|close| {
            let target = &after[close + 2..];
            let end = target.find(')')?;
            let label = &after[..close];
            let plain_target = !target[..end].contains(char::is_whitespace);
            (plain_target && !label.contains('[')).then_some((label, close + 2 + end + 1))
        });
        out.push_str(&rest[..open]);
        match link {
            Some((label, consumed)) => {
                out.push_str(label);
                rest = &after[consumed..];
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A code span of a doc comment as a reader of JSON should see it (see [`plain`]).
fn json_name(span: &str) -> String {
    let is_path = span.contains("::")
        && span
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':');
    if !is_path {
        return span.to_owned();
    }
    let segments: Vec<&str> = span.split("::").filter(|s| *s != "crate").collect();
    if let [.., ty, variant] = segments.as_slice() {
        if let Some(code) = crate::vocabulary::code_of(ty, variant) {
            return format!("\"{code}\"");
        }
    }
    segments.last().copied().unwrap_or(span).to_owned()
}
