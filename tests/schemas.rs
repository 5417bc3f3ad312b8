//! The committed JSON Schemas in `schemas/` are what the code generates, are strict draft 2020-12,
//! and agree with deserialization: every sample document passes both, every broken document that
//! is JSON fails both.
#![cfg(all(feature = "schemars", feature = "json"))]

use msc_therapy::finding::Fact;
use msc_therapy::interop::{SCHEMA_BASE_URI, document_schemas};
use msc_therapy::vocab::SurfaceMarker;
use msc_therapy::{ClinicOffer, Finding, Outcome, Product, RuleId, Severity};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn repo_path(parts: &[&str]) -> PathBuf {
    let mut dir = Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf();
    for part in parts {
        dir.push(part);
    }
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn schema_value(name: &str) -> Value {
    document_schemas()
        .into_iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no schema named {name}"))
        .schema
        .to_value()
}

/// Serves the generated schemas by their `$id`, so that references between them resolve without
/// a network.
struct GeneratedSchemas;

impl jsonschema::Retrieve for GeneratedSchemas {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        document_schemas()
            .into_iter()
            .find(|s| s.id() == uri.as_str())
            .map(|s| s.schema.to_value())
            .ok_or_else(|| format!("no schema with $id {}", uri.as_str()).into())
    }
}

/// A strict draft 2020-12 validator: formats are asserted and unknown formats are errors.
fn strict_validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .should_ignore_unknown_formats(false)
        .with_retriever(GeneratedSchemas)
        .build(schema)
        .unwrap_or_else(|e| panic!("schema does not build strictly: {e}"))
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn documents_have_unique_file_stems_including_product_and_finding() {
    let names: Vec<&str> = document_schemas().iter().map(|s| s.name).collect();
    assert!(names.contains(&"product"), "{names:?}");
    assert!(names.contains(&"finding"), "{names:?}");
    let unique: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(unique.len(), names.len(), "{names:?}");
    for name in names {
        assert!(
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{name:?} is a snake_case file stem"
        );
    }
}

#[test]
fn product_schema_describes_input_and_finding_schema_output() {
    // Input: what deserialization accepts; unknown members are refused.
    let product = schema_value("product");
    assert_eq!(product["title"], "Product");
    assert_eq!(product["additionalProperties"], false);
    assert_eq!(product["required"], json!(["name"]));
    // Output: what serialization writes; fields skipped when empty are not required.
    let finding = schema_value("finding");
    assert_eq!(finding["title"], "Finding");
    let required: BTreeSet<&str> = finding["required"]
        .as_array()
        .expect("required list")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        required,
        [
            "rule", "outcome", "severity", "summary", "citation", "basis"
        ]
        .into()
    );
}

#[test]
fn committed_schemas_match_the_generated_ones() {
    let dir = repo_path(&["schemas"]);
    for document in document_schemas() {
        let path = dir.join(document.file_name());
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == document.to_json_pretty(),
            "{} is missing or out of date: run `cargo run --example export_schemas` and commit schemas/",
            path.display()
        );
        // The bundled copy, from the same schema.
        let path = dir.join("bundled").join(document.file_name());
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == document.bundled_json_pretty(),
            "{} is missing or out of date: run `cargo run --example export_schemas` and commit schemas/",
            path.display()
        );
    }
}

#[test]
fn schemas_directory_holds_no_stale_schema() {
    let mut expected: BTreeSet<String> = document_schemas().iter().map(|s| s.file_name()).collect();
    let bundled: BTreeSet<String> = std::fs::read_dir(repo_path(&["schemas", "bundled"]))
        .expect("schemas/bundled/ exists")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        bundled, expected,
        "schemas/bundled/ must hold exactly one bundled copy per schema"
    );
    expected.insert("vocabulary.json".to_owned());
    expected.insert("bundled".to_owned());
    let on_disk: BTreeSet<String> = std::fs::read_dir(repo_path(&["schemas"]))
        .expect("schemas/ exists")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        on_disk, expected,
        "schemas/ must hold exactly one file per document: delete stale files and run `cargo run --example export_schemas`"
    );
}

#[test]
fn schemas_are_deterministic_and_end_with_a_newline() {
    for (a, b) in document_schemas().iter().zip(document_schemas().iter()) {
        assert_eq!(a.to_json_pretty(), b.to_json_pretty());
        assert!(a.to_json_pretty().ends_with("}\n"));
        assert_eq!(
            a.schema.get("$schema").and_then(Value::as_str),
            Some("https://json-schema.org/draft/2020-12/schema")
        );
        assert_eq!(
            a.schema.get("$id").and_then(Value::as_str),
            Some(format!("{SCHEMA_BASE_URI}{}", a.file_name()).as_str()),
            "{}: $id",
            a.name
        );
    }
}

#[test]
fn descriptions_carry_no_rustdoc_syntax() {
    for document in document_schemas() {
        let text = document.to_json_pretty();
        for rustdoc in [
            "# Examples",
            "# Errors",
            "```",
            "[`",
            "`]",
            "::",
            "deny_unknown_fields",
            "`Display`",
        ] {
            assert!(!text.contains(rustdoc), "{}: {rustdoc:?}", document.name);
        }
    }
    // The descriptions themselves are kept.
    let product = schema_value("product");
    let description = product["description"].as_str().expect("a description");
    assert!(description.starts_with("**One MSC product or treatment"));
}

/// The formats JSON Schema 2020-12 defines (Validation vocabulary, section 7.3).
const STANDARD_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

/// Every `format` keyword in a schema, with its JSON pointer. Keys of `properties`,
/// `patternProperties` and `$defs` are names, not keywords, so a property called `format` is not
/// mistaken for the keyword.
fn formats(value: &Value, pointer: &str, found: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let child_pointer = format!("{pointer}/{key}");
                match key.as_str() {
                    "format" => {
                        if let Some(f) = child.as_str() {
                            found.push((child_pointer, f.to_owned()));
                        }
                    }
                    "properties" | "patternProperties" | "$defs" => {
                        if let Value::Object(named) = child {
                            for (name, sub) in named {
                                formats(sub, &format!("{child_pointer}/{name}"), found);
                            }
                        }
                    }
                    _ => formats(child, &child_pointer, found),
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                formats(item, &format!("{pointer}/{i}"), found);
            }
        }
        _ => {}
    }
}

#[test]
fn schemas_use_only_standard_formats() {
    for document in document_schemas() {
        let mut found = Vec::new();
        formats(document.schema.as_value(), "#", &mut found);
        let odd: Vec<_> = found
            .iter()
            .filter(|(_, f)| !STANDARD_FORMATS.contains(&f.as_str()))
            .collect();
        assert!(
            odd.is_empty(),
            "{}: non-standard formats {odd:?}",
            document.name
        );
    }
}

#[test]
fn shared_definitions_keep_the_standard_date_format() {
    let mut found = Vec::new();
    formats(&schema_value("definitions"), "#", &mut found);
    assert_eq!(
        found,
        [("#/$defs/IsoDate/format".to_owned(), "date".to_owned())]
    );
}

#[test]
fn schemas_are_valid_draft_2020_12_and_build_strictly() {
    for document in document_schemas() {
        let value = document.schema.to_value();
        jsonschema::meta::validate(&value)
            .unwrap_or_else(|e| panic!("{}: not a valid schema: {e}", document.name));
        strict_validator(&value);
    }
}

#[test]
fn sample_documents_validate_against_the_schema_and_deserialize() {
    let validator = strict_validator(&schema_value("product"));
    let dir = repo_path(&["examples", "data", "products"]);
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("examples/data/products exists") {
        let path = entry.expect("dir entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = read(&path);
        let value: Value = serde_json::from_str(&text).expect("sample is JSON");
        let problems = errors(&validator, &value);
        assert!(problems.is_empty(), "{}: {problems:?}", path.display());
        Product::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        seen += 1;
    }
    assert_eq!(seen, 4, "the four sample documents of issue #2");
}

/// Broken documents a schema cannot judge, and why.
const BEYOND_A_SCHEMA: &[(&str, &str)] = &[
    (
        "nan_viability.json",
        "NaN is not JSON: only the parser sees it",
    ),
    (
        "trailing_characters.json",
        "text after the document is not JSON",
    ),
    (
        "duplicate_marker.json",
        "a JSON object with a repeated key reaches the validator with one of the values",
    ),
];

#[test]
fn schema_rejects_every_broken_document_it_can_see() {
    let validator = strict_validator(&schema_value("product"));
    let dir = repo_path(&["tests", "data", "broken"]);
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/data/broken exists") {
        let path = entry.expect("dir entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let text = read(&path);
        assert!(
            Product::from_json(&text).is_err(),
            "{name}: deserialization accepts it"
        );
        if BEYOND_A_SCHEMA.iter().any(|(n, _)| *n == name) {
            continue;
        }
        let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            !validator.is_valid(&value),
            "{name}: the schema accepts a document deserialization rejects"
        );
        checked += 1;
    }
    assert_eq!(checked, 12);
}

/// Adds an `unexpected` member to every object of `value`, one at a time, and calls `check` on
/// each altered copy of `root`.
fn with_unexpected_member(root: &Value, check: &mut dyn FnMut(&Value)) {
    fn pointers(value: &Value, pointer: String, found: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    pointers(child, format!("{pointer}/{key}"), found);
                }
                found.push(pointer);
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    pointers(item, format!("{pointer}/{i}"), found);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    pointers(root, String::new(), &mut found);
    assert_eq!(found.len(), 14);
    for pointer in found {
        let mut doc = root.clone();
        if let Some(Value::Object(map)) = doc.pointer_mut(&pointer) {
            map.insert("unexpected".to_owned(), json!(1));
        }
        check(&doc);
    }
}

#[test]
fn schema_rejects_unknown_members_at_every_level_as_serde_does() {
    let validator = strict_validator(&schema_value("product"));
    let path = repo_path(&[
        "examples",
        "data",
        "products",
        "cultured_bone_marrow_msc.json",
    ]);
    let sample: Value = serde_json::from_str(&read(&path)).expect("JSON");
    assert!(validator.is_valid(&sample));
    with_unexpected_member(&sample, &mut |doc| {
        assert!(!validator.is_valid(doc), "schema accepts {doc}");
        assert!(
            Product::from_json(&doc.to_string()).is_err(),
            "serde accepts {doc}"
        );
    });
}

fn product_with_markers(markers: Value) -> Value {
    json!({"name": "X", "release": {"identity": {"markers": markers}}})
}

#[test]
fn schema_accepts_every_surface_marker_name_as_a_key() {
    let validator = strict_validator(&schema_value("product"));
    for marker in SurfaceMarker::ALL {
        let doc = product_with_markers(json!({ marker.code(): 50.0 }));
        assert!(validator.is_valid(&doc), "{marker}");
        assert!(Product::from_json(&doc.to_string()).is_ok());
    }
}

#[test]
fn schema_rejects_an_unknown_marker_key_as_serde_does() {
    let validator = strict_validator(&schema_value("product"));
    let doc = product_with_markers(json!({"cd7e": 99.0}));
    assert!(!validator.is_valid(&doc));
    assert!(Product::from_json(&doc.to_string()).is_err());
    // A known key with a value out of range is rejected too.
    let doc = product_with_markers(json!({"cd73": 101.0}));
    assert!(!validator.is_valid(&doc));
    assert!(Product::from_json(&doc.to_string()).is_err());
}

#[test]
fn schema_and_serde_agree_on_dates() {
    let validator = strict_validator(&schema_value("product"));
    for (date, valid) in [
        ("2024-02-29", true),
        ("2023-02-29", false),
        ("2024-13-01", false),
        ("2024-1-01", false),
    ] {
        let doc = json!({"name": "X", "release": {"certificate": {"lot": "L", "issued_on": date}}});
        assert_eq!(validator.is_valid(&doc), valid, "schema, {date}");
        assert_eq!(
            Product::from_json(&doc.to_string()).is_ok(),
            valid,
            "serde, {date}"
        );
    }
}

#[test]
fn schema_and_serde_agree_on_cell_count_boundaries() {
    let validator = strict_validator(&schema_value("product"));
    for (count, valid) in [
        (json!(1), true),
        (json!(1.2e8), true),
        (json!(1e15), true),
        (json!(0), false),
        (json!(1.5), false),
        (json!(2e15), false),
    ] {
        let doc = json!({"name": "X", "dose": {"viable_cells": count}});
        assert_eq!(validator.is_valid(&doc), valid, "schema, {count}");
        assert_eq!(
            Product::from_json(&doc.to_string()).is_ok(),
            valid,
            "serde, {count}"
        );
    }
}

#[test]
fn a_serialized_finding_validates_against_the_finding_schema() {
    let validator = strict_validator(&schema_value("finding"));
    let finding = Finding::new(
        RuleId::QualityViabilityMinimum,
        Outcome::NotMet,
        Severity::Blocking,
    )
    .at("release.viability")
    .because(
        msc_therapy::finding::Reason::all()
            .find(|r| r.code().starts_with('Q'))
            .expect("the quality engine has reasons"),
    )
    .fact(Fact::number("release.viability", 65.0).with_unit("%"))
    .fact(
        Fact::number("policy.min_viability_percent", 70.0)
            .with_unit("%")
            .as_limit(),
    )
    .fact(Fact::codes("processing.steps", vec!["culture_expansion"]))
    .missing("release.identity");
    let value = serde_json::to_value(&finding).expect("a finding serializes");
    let problems = errors(&validator, &value);
    assert!(problems.is_empty(), "{problems:?}");
    // An outcome outside the vocabulary is not a finding.
    let mut wrong = value;
    wrong["outcome"] = json!("passed");
    assert!(!validator.is_valid(&wrong));
}

#[test]
fn every_input_and_output_document_is_exported() {
    let names: Vec<&str> = document_schemas().iter().map(|s| s.name).collect();
    assert_eq!(
        names,
        [
            "product",
            "quality_policy",
            "finding",
            "us_assessment",
            "quality_report",
            "eu_assessment",
            "jp_assessment",
            "product_assessment",
            "clinic_offer",
            "offer_policy",
            "offer_evaluation",
            "settling_facts",
            "smallest_changes",
            "finding_compact",
            "us_assessment_compact",
            "quality_report_compact",
            "eu_assessment_compact",
            "jp_assessment_compact",
            "product_assessment_compact",
            "offer_evaluation_compact",
            "definitions",
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// One definition per type, closed outputs, defaults, and the eight inputs of issue #11
// ---------------------------------------------------------------------------------------------

/// Every `$ref` in `value`.
fn refs(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            if let Some(r) = object.get("$ref").and_then(Value::as_str) {
                found.push(r.to_owned());
            }
            object.values().for_each(|v| refs(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, found)),
        _ => {}
    }
}

#[test]
fn shared_definitions_are_referenced_not_copied() {
    let ids: BTreeSet<String> = document_schemas().iter().map(|s| s.file_name()).collect();
    let shared = schema_value("definitions");
    let defs = shared["$defs"].as_object().expect("definitions has $defs");
    for document in document_schemas() {
        let value = document.schema.to_value();
        if document.name != "definitions" {
            assert!(
                value.get("$defs").is_none(),
                "{}: no definitions of its own",
                document.name
            );
        }
        let mut found = Vec::new();
        refs(&value, &mut found);
        for reference in found {
            let (file, pointer) = reference.split_once('#').unwrap_or((&reference, ""));
            if file.is_empty() {
                assert_eq!(document.name, "definitions", "{reference}");
            } else {
                assert!(ids.contains(file), "{}: {reference}", document.name);
            }
            if let Some(def) = pointer.strip_prefix("/$defs/") {
                assert!(defs.contains_key(def), "{}: {reference}", document.name);
            }
        }
    }
    // Documents inside documents are referenced by file: one `Product`, one `Finding`.
    let assessment = schema_value("product_assessment");
    assert_eq!(
        assessment["properties"]["product"]["$ref"],
        "product.schema.json"
    );
    assert!(!defs.contains_key("Product") && !defs.contains_key("Finding"));
    let offer = schema_value("clinic_offer");
    assert_eq!(
        offer["properties"]["product"]["$ref"],
        "product.schema.json"
    );
}

/// Every object schema (with `properties`) in `value`, by JSON pointer.
fn object_schemas<'a>(value: &'a Value, pointer: String, found: &mut Vec<(String, &'a Value)>) {
    match value {
        Value::Object(object) => {
            if object.contains_key("properties") {
                found.push((pointer.clone(), value));
            }
            for (key, child) in object {
                object_schemas(child, format!("{pointer}/{key}"), found);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                object_schemas(item, format!("{pointer}/{i}"), found);
            }
        }
        _ => {}
    }
}

#[test]
fn every_object_of_every_schema_is_closed() {
    for document in document_schemas() {
        let value = document.schema.to_value();
        let mut found = Vec::new();
        object_schemas(&value, "#".to_owned(), &mut found);
        for (pointer, object) in found {
            assert_eq!(
                object.get("additionalProperties"),
                Some(&json!(false)),
                "{}: {pointer}",
                document.name
            );
        }
    }
}

/// Every property of `object` that is not required, with its schema.
fn optional_properties(object: &Value) -> Vec<(&str, &Value)> {
    let required: BTreeSet<&str> = object["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    object["properties"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(name, _)| !required.contains(name.as_str()))
        .map(|(name, schema)| (name.as_str(), schema))
        .collect()
}

/// The property accepts `null`.
fn accepts_null(schema: &Value) -> bool {
    let null = json!("null");
    schema["type"] == null
        || schema["type"].as_array().is_some_and(|t| t.contains(&null))
        || ["anyOf", "oneOf"].iter().any(|k| {
            schema[*k]
                .as_array()
                .is_some_and(|options| options.iter().any(|o| o["type"] == null))
        })
        || schema.get("default") == Some(&Value::Null)
}

/// Every subschema of `value` that accepts `null`, by JSON pointer.
fn nullable(value: &Value, pointer: &str, found: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            if accepts_null(value) {
                found.push(pointer.to_owned());
            }
            for (key, child) in object {
                nullable(child, &format!("{pointer}/{key}"), found);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                nullable(item, &format!("{pointer}/{i}"), found);
            }
        }
        _ => {}
    }
}

#[test]
fn no_schema_accepts_null_anywhere() {
    // The parser refuses `null` (a member that is not stated is left out) and no output writes
    // it: a generated type must not say `string | null`.
    for document in document_schemas() {
        for value in [document.schema.as_value().clone(), document.bundled()] {
            let mut found = Vec::new();
            nullable(&value, "#", &mut found);
            assert!(
                found.is_empty(),
                "{}: null accepted at {found:?}",
                document.name
            );
        }
    }
}

#[test]
fn an_optional_boolean_is_absent_when_unknown_with_no_default_false() {
    // A tool generated from the schema (pydantic, TypeScript) must not turn "not stated" into
    // `false`: an optional boolean either states its default or has none, and then absence is
    // "unknown" (issue #8).
    let shared = schema_value("definitions");
    let mut checked = 0;
    for name in [
        "product",
        "clinic_offer",
        "quality_policy",
        "offer_policy",
        "definitions",
    ] {
        let value = if name == "definitions" {
            shared.clone()
        } else {
            schema_value(name)
        };
        let mut found = Vec::new();
        object_schemas(&value, format!("{name}#"), &mut found);
        for (pointer, object) in found {
            for (property, schema) in optional_properties(object) {
                if schema["type"] == "boolean" {
                    assert!(!accepts_null(schema), "{pointer}/{property}");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 5, "{checked} optional booleans checked");
    // reproductive_use: absent is unknown (issue #8): optional, no default.
    let intended = &shared["$defs"]["IntendedUse"];
    let reproductive = &intended["properties"]["reproductive_use"];
    assert_eq!(reproductive["type"], "boolean");
    assert!(reproductive.get("default").is_none());
    assert!(
        !intended["required"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|r| r == "reproductive_use")
    );
    let validator = strict_validator(&schema_value("product"));
    agree(
        &validator,
        &json!({"name": "X", "intended_use": {"reproductive_use": false}}),
        true,
        "reproductive_use false",
    );
    agree(
        &validator,
        &json!({"name": "X", "intended_use": {}}),
        true,
        "reproductive_use absent",
    );
    agree(
        &validator,
        &json!({"name": "X", "intended_use": {"reproductive_use": null}}),
        false,
        "reproductive_use null",
    );
}

#[test]
fn null_is_refused_by_schema_and_parser_with_the_path() {
    // `"steps": null` used to be read as "not stated"; now it is an error naming the member,
    // and the schema refuses it too. Absence still means "not stated".
    let validator = strict_validator(&schema_value("product"));
    agree(
        &validator,
        &json!({"name": "X", "processing": {"steps": null}}),
        false,
        "steps null",
    );
    agree(
        &validator,
        &json!({"name": "X", "processing": {}}),
        true,
        "steps absent",
    );
    let err = Product::from_json(r#"{"name": "X", "processing": {"steps": null}}"#).unwrap_err();
    assert_eq!(err.kind(), msc_therapy::DocumentErrorKind::WrongType);
    assert_eq!(err.path(), "processing.steps");
    assert_eq!(
        err.message(),
        "invalid type: null, expected a value; leave the member out when it is not stated \
         (null is not accepted)"
    );
    // At the top level and in an offer too.
    let err = Product::from_json(r#"{"name": "X", "tissue": null}"#).unwrap_err();
    assert_eq!(err.path(), "tissue");
    let offer =
        r#"{"product": {"name": "X"}, "indication": "knee_osteoarthritis", "jurisdiction": null}"#;
    let err = ClinicOffer::from_json(offer).unwrap_err();
    assert_eq!(err.path(), "jurisdiction");
    assert_eq!(err.kind(), msc_therapy::DocumentErrorKind::WrongType);
}

/// The schema and the parser give the same answer on `doc`, and that answer is `valid`.
fn agree(validator: &jsonschema::Validator, doc: &Value, valid: bool, what: &str) {
    assert_eq!(validator.is_valid(doc), valid, "schema: {what}");
    assert_eq!(
        Product::from_json(&doc.to_string()).is_ok(),
        valid,
        "parser: {what}"
    );
}

#[test]
fn schema_and_parser_agree_on_the_inputs_of_issue_11() {
    let validator = strict_validator(&schema_value("product"));
    // administrations 2^40 does not fit the parser's 32-bit count: the schema says maximum.
    agree(
        &validator,
        &json!({"name": "X", "dose": {"administrations": 1_u64 << 40}}),
        false,
        "2^40 administrations",
    );
    agree(
        &validator,
        &json!({"name": "X", "dose": {"administrations": u32::MAX}}),
        true,
        "u32::MAX administrations",
    );
    // "passage": 3.0 is an integer for JSON Schema; the parser now reads it as 3.
    agree(
        &validator,
        &json!({"name": "X", "release": {"passage": 3.0}}),
        true,
        "passage 3.0",
    );
    agree(
        &validator,
        &json!({"name": "X", "release": {"passage": 3.5}}),
        false,
        "passage 3.5",
    );
    // The year 0000: the parser rejects it, as Python's date does; so does the pattern.
    for (date, valid) in [
        ("0000-01-01", false),
        ("0001-01-01", true),
        ("2024-02-30", false),
    ] {
        agree(
            &validator,
            &json!({"name": "X", "release": {"certificate": {"lot": "L", "expires_on": date}}}),
            valid,
            date,
        );
    }
    // A name of invisible characters only is no name, for both.
    for (name, valid) in [
        ("\u{200B}", false),
        ("\u{200B}\u{200D}\u{FEFF}", false),
        (" \u{2060}\t", false),
        ("\u{85}", false),
        ("\u{3000}", false),
        ("\u{200B}X", true),
        ("Ryoncil", true),
    ] {
        agree(
            &validator,
            &json!({ "name": name }),
            valid,
            &format!("{name:?}"),
        );
    }
    // A struct written as an array.
    agree(
        &validator,
        &json!(["Array product"]),
        false,
        "array product",
    );
    agree(
        &validator,
        &json!({"name": "X", "delivery": ["intravenous"]}),
        false,
        "array delivery",
    );
}

#[test]
fn schema_and_parser_agree_on_trial_phases() {
    let validator = strict_validator(&schema_value("clinic_offer"));
    let offer = |phases: Value| {
        let mut doc: Value = serde_json::from_str(&read(&repo_path(&[
            "examples",
            "data",
            "offers",
            "trial_site.json",
        ])))
        .expect("JSON");
        let trials = doc["evidence"]
            .as_array_mut()
            .expect("the sample cites trials");
        trials[0]["phases"] = phases;
        doc
    };
    for (phases, valid) in [
        (json!(["PHASE1", "PHASE2"]), true),
        (json!(["NA"]), true),
        (json!(["NA", "PHASE1"]), false),
        (json!(["PHASE1", "NA"]), false),
        (json!(["PHASE1", "PHASE1"]), false),
        (json!([]), false),
    ] {
        let doc = offer(phases.clone());
        assert_eq!(validator.is_valid(&doc), valid, "schema: {phases}");
        assert_eq!(
            ClinicOffer::from_json(&doc.to_string()).is_ok(),
            valid,
            "parser: {phases}"
        );
    }
}

#[test]
fn vocabulary_json_is_committed_and_lists_every_code() {
    let generated = format!("{:#}\n", msc_therapy::interop::vocabulary_json());
    let committed =
        std::fs::read_to_string(repo_path(&["schemas", "vocabulary.json"])).unwrap_or_default();
    assert!(
        committed == generated,
        "schemas/vocabulary.json is out of date: run `cargo run --example export_schemas`"
    );
    let vocabulary: Value = serde_json::from_str(&committed).expect("JSON");
    let shared = schema_value("definitions");
    // Every vocabulary's terms are exactly the codes its definition accepts, in table order.
    let terms = |name: &str| -> Vec<String> {
        vocabulary["vocabularies"][name]["terms"]
            .as_array()
            .unwrap_or_else(|| panic!("{name} is exported"))
            .iter()
            .map(|t| t["code"].as_str().expect("a code").to_owned())
            .collect()
    };
    assert_eq!(
        terms("RuleId"),
        RuleId::ALL
            .iter()
            .map(|r| r.code().to_owned())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        terms("SurfaceMarker"),
        SurfaceMarker::ALL
            .iter()
            .map(|m| m.code().to_owned())
            .collect::<Vec<_>>()
    );
    for (name, def) in shared["$defs"].as_object().expect("$defs") {
        let mut codes = Vec::new();
        for item in def["oneOf"].as_array().into_iter().flatten() {
            if let Some(code) = item["const"].as_str() {
                codes.push(code.to_owned());
            }
            for code in item["enum"].as_array().into_iter().flatten() {
                codes.push(code.as_str().expect("a code").to_owned());
            }
        }
        for code in def["enum"].as_array().into_iter().flatten() {
            codes.push(code.as_str().expect("a code").to_owned());
        }
        if !codes.is_empty() {
            assert_eq!(terms(name), codes, "{name}");
        }
    }
    // The facts are the rows the engines read.
    for (route, term) in msc_therapy::vocab::Route::ALL.iter().zip(
        vocabulary["vocabularies"]["Route"]["terms"]
            .as_array()
            .expect("routes"),
    ) {
        let info = route.info();
        assert_eq!(term["facts"]["systemic"], json!(info.systemic), "{route}");
        assert_eq!(
            term["facts"]["endotoxin_k_eu_per_kg"],
            json!(info.endotoxin_k_eu_per_kg),
            "{route}"
        );
        assert_eq!(term["label"], json!(route.label()), "{route}");
    }
    for (rule, term) in RuleId::ALL.iter().zip(
        vocabulary["vocabularies"]["RuleId"]["terms"]
            .as_array()
            .expect("rules"),
    ) {
        assert_eq!(
            term["facts"]["citation"],
            json!(rule.info().citation),
            "{rule}"
        );
    }
    let tissue = &vocabulary["vocabularies"]["TissueSource"]["terms"][0];
    assert_eq!(tissue["code"], "bone_marrow");
    assert_eq!(tissue["facts"]["fda_class"], "cells_or_nonstructural");
    assert_eq!(tissue["facts"]["basic_functions"], json!(["hematopoiesis"]));
    // Every term has a label.
    for (name, v) in vocabulary["vocabularies"]
        .as_object()
        .expect("vocabularies")
    {
        for term in v["terms"].as_array().expect("terms") {
            assert!(
                term["label"].as_str().is_some_and(|l| !l.is_empty()),
                "{name}: {term}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Outputs: to_json, the shared headline accessor
// ---------------------------------------------------------------------------------------------

fn sample_product(name: &str) -> Product {
    let text = read(&repo_path(&["examples", "data", "products", name]));
    Product::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn to_json_writes_what_the_output_schemas_describe() {
    use msc_therapy::assess_product;
    let validator = strict_validator(&schema_value("product_assessment"));
    for name in [
        "cultured_bone_marrow_msc.json",
        "same_day_bmac.json",
        "adipose_svf.json",
    ] {
        let product = sample_product(name);
        let assessment = assess_product(&product, ON);
        let compact = assessment.to_json();
        assert_eq!(
            compact,
            serde_json::to_string(&assessment).expect("serializes")
        );
        let value: Value = serde_json::from_str(&compact).expect("JSON");
        let problems = errors(&validator, &value);
        assert!(problems.is_empty(), "{name}: {problems:?}");
        let pretty: Value = serde_json::from_str(&assessment.to_json_pretty()).expect("JSON");
        assert_eq!(pretty, value);
        assert!(assessment.to_json_pretty().contains("\n  \"product\": {"));
    }
}

#[test]
fn every_report_gives_its_headline_through_one_accessor() {
    use msc_therapy::engine::eu::EuClassification;
    use msc_therapy::engine::jp::{AsrmRiskClass, PmdActStatus};
    use msc_therapy::engine::offer::PatientVerdict;
    use msc_therapy::engine::us::UsClassification;
    use msc_therapy::{Headline, Report, assess_product, evaluate_offer};
    // Modelled on Ryoncil: culture-expanded allogeneic marrow MSCs are a 351 product (FDA
    // approved them under a BLA, Dec 2024), an sCTMP in the EU (as EMA's CAT classifies
    // expanded MSCs for immunomodulation) and, as allogeneic cells, ASRM Class I in Japan.
    let product = sample_product("cultured_bone_marrow_msc.json");
    let lot = assess_product(&product, ON);
    assert_eq!(
        lot.us.headline(),
        Headline::Us(UsClassification::Section351Product)
    );
    assert_eq!(
        lot.eu.headline(),
        Headline::Eu(EuClassification::SomaticCellTherapy)
    );
    assert_eq!(
        lot.jp.headline(),
        Headline::Japan {
            risk_class: AsrmRiskClass::ClassI,
            pmd_act: PmdActStatus::RegenerativeMedicalProduct
        }
    );
    assert_eq!(
        lot.jp.headline().codes(),
        ["class_i", "regenerative_medical_product"]
    );
    assert_eq!(
        lot.us.headline().to_string(),
        "Section 351 drug / biological product"
    );
    let reports: [&dyn Report; 4] = [&lot.us, &lot.quality, &lot.eu, &lot.jp];
    for report in reports {
        assert!(report.findings().count() > 0, "{}", report.headline());
    }
    assert_eq!(lot.us.findings().count(), lot.us.findings.len());
    // The strip-mall offer: the second source text's red flags say walk away.
    let text = read(&repo_path(&[
        "examples",
        "data",
        "offers",
        "strip_mall_umbilical.json",
    ]));
    let offer = ClinicOffer::from_json(&text).expect("offer");
    let evaluation = evaluate_offer(&offer, ON);
    assert_eq!(
        evaluation.headline(),
        Headline::Offer(PatientVerdict::WalkAway)
    );
    assert!(evaluation.headline().is_settled());
    assert_eq!(
        evaluation.findings().count(),
        evaluation.walk_away.len()
            + evaluation.ask_first.len()
            + evaluation.good_signs.len()
            + evaluation.notes.len()
    );
}

/// The name of every enum defined with the `vocab!` macro in `src/`.
fn vocabularies_in_source() -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut stack = vec![repo_path(&["src"])];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.file_name().and_then(|n| n.to_str()) == Some("table.rs") {
                continue; // the macro's own documentation
            }
            let text = read(&path);
            for block in text.split("\nvocab! {").skip(1) {
                let after = block
                    .split_once("pub enum ")
                    .expect("a vocab! block defines an enum")
                    .1;
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                found.insert(name);
            }
        }
    }
    found
}

#[test]
fn vocabulary_json_exports_every_vocabulary_of_the_source() {
    let vocabulary = msc_therapy::interop::vocabulary_json();
    let exported: BTreeSet<String> = vocabulary["vocabularies"]
        .as_object()
        .expect("vocabularies")
        .keys()
        .cloned()
        .collect();
    let in_source = vocabularies_in_source();
    assert!(in_source.len() >= 40, "{in_source:?}");
    assert_eq!(
        exported, in_source,
        "every vocab! enum is listed in src/vocabulary.rs"
    );
}

/// A patient's age: a number from 0 to 150 years in its unit (1800 months, 54 787.5 days), an
/// object of exactly `value` and `unit`; the schema and the offer parser agree on each.
#[test]
fn schema_and_parser_agree_on_ages() {
    let validator = strict_validator(&schema_value("clinic_offer"));
    let offer = |age: Value| {
        json!({"product": {"name": "X"}, "indication": "graft_versus_host_disease",
               "patient": {"age": age}})
    };
    for (age, valid) in [
        (json!({"value": 9, "unit": "years"}), true),
        (json!({"value": 16.9, "unit": "years"}), true),
        (json!({"value": 0, "unit": "days"}), true),
        (json!({"value": 150, "unit": "years"}), true),
        (json!({"value": 1800, "unit": "months"}), true),
        (json!({"value": 54_787.5, "unit": "days"}), true),
        (json!({"value": 150.5, "unit": "years"}), false),
        (json!({"value": 1801, "unit": "months"}), false),
        (json!({"value": 8000, "unit": "weeks"}), false),
        (json!({"value": -1, "unit": "years"}), false),
        (json!({"value": 9, "unit": "hours"}), false),
        (json!({"value": 9}), false),
        (
            json!({"value": 9, "unit": "years", "comparator": "<"}),
            false,
        ),
        (json!([9, "years"]), false),
        (json!("9 years"), false),
    ] {
        let doc = offer(age.clone());
        assert_eq!(validator.is_valid(&doc), valid, "schema: {age}");
        assert_eq!(
            msc_therapy::ClinicOffer::from_json(&doc.to_string()).is_ok(),
            valid,
            "parser: {age}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Bundled, self-contained schemas (issue #20)
// ---------------------------------------------------------------------------------------------

/// The value a local reference (`#/$defs/Percent`, `#`) points to in `root`, if any.
fn resolve<'a>(root: &'a Value, reference: &str) -> Option<&'a Value> {
    let pointer = reference.strip_prefix('#')?;
    let pointer = pointer.replace("~1", "/").replace("~0", "~");
    root.pointer(&pointer)
}

#[test]
fn every_ref_of_every_bundled_schema_resolves_inside_it() {
    let mut checked = 0;
    for document in document_schemas() {
        let bundled = document.bundled();
        let mut found = Vec::new();
        refs(&bundled, &mut found);
        assert!(
            !found.is_empty()
                || document.name == "quality_policy"
                || document.name == "offer_policy",
            "{}: a bundled schema that refers to nothing",
            document.name
        );
        for reference in found {
            assert!(
                reference.starts_with('#'),
                "{}: {reference} is not local",
                document.name
            );
            let target = resolve(&bundled, &reference)
                .unwrap_or_else(|| panic!("{}: {reference} points nowhere", document.name));
            assert!(target.is_object(), "{}: {reference}", document.name);
            checked += 1;
        }
        assert_eq!(
            bundled["$id"],
            format!("{SCHEMA_BASE_URI}bundled/{}", document.file_name()),
            "{}",
            document.name
        );
    }
    assert!(checked > 500, "{checked} references resolved");
}

#[test]
fn bundling_keeps_the_root_schemas_own_definitions() {
    // The bug of issue #20: bundling `definitions` replaced its 79 definitions with the other
    // documents, and python-jsonschema failed on `/$defs/Percent`.
    let definitions = document_schemas()
        .into_iter()
        .find(|s| s.name == "definitions")
        .expect("definitions");
    let own: BTreeSet<String> = definitions.schema.as_value()["$defs"]
        .as_object()
        .expect("$defs")
        .keys()
        .cloned()
        .collect();
    assert!(own.len() >= 70, "{}", own.len());
    let bundled = definitions.bundled();
    let kept: BTreeSet<String> = bundled["$defs"]
        .as_object()
        .expect("$defs")
        .keys()
        .cloned()
        .collect();
    assert!(kept.is_superset(&own), "lost: {:?}", own.difference(&kept));
    assert!(resolve(&bundled, "#/$defs/Percent").is_some());
}

#[test]
fn bundled_schemas_validate_as_the_split_ones_do() {
    let samples: Vec<(&str, std::path::PathBuf)> = ["products", "offers"]
        .iter()
        .flat_map(|dir| {
            let schema = if *dir == "products" {
                "product"
            } else {
                "clinic_offer"
            };
            std::fs::read_dir(repo_path(&["examples", "data", dir]))
                .expect("samples")
                .map(move |e| (schema, e.expect("entry").path()))
        })
        .collect();
    assert!(samples.len() >= 8);
    for document in document_schemas() {
        let bundled = document.bundled();
        jsonschema::meta::validate(&bundled)
            .unwrap_or_else(|e| panic!("{}: not a valid schema: {e}", document.name));
        // No retriever: a reference outside the document would fail to build.
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .should_ignore_unknown_formats(false)
            .build(&bundled)
            .unwrap_or_else(|e| panic!("{}: bundled schema does not build: {e}", document.name));
        for (schema, path) in &samples {
            if *schema != document.name {
                continue;
            }
            let value: Value = serde_json::from_str(&read(path)).expect("JSON");
            assert!(validator.is_valid(&value), "{}", path.display());
            let mut misspelt = value.clone();
            misspelt["unexpected_member"] = json!(1);
            assert!(!validator.is_valid(&misspelt), "{}", path.display());
        }
    }
}

#[test]
fn every_definition_has_its_name_as_title() {
    for document in document_schemas() {
        for value in [document.schema.as_value().clone(), document.bundled()] {
            assert!(value["title"].is_string(), "{}: title", document.name);
            for (name, def) in value["$defs"].as_object().into_iter().flatten() {
                assert_eq!(def["title"], json!(name), "{}: $defs/{name}", document.name);
            }
        }
    }
}

#[test]
fn a_ref_stands_alone_in_bundled_schemas() {
    // json-schema-to-typescript makes a second type (`RuleId1`) of a `$ref` with siblings.
    fn check(value: &Value, name: &str) {
        match value {
            Value::Object(object) => {
                if object.contains_key("$ref") {
                    assert_eq!(object.len(), 1, "{name}: {value}");
                }
                object.values().for_each(|v| check(v, name));
            }
            Value::Array(items) => items.iter().for_each(|v| check(v, name)),
            _ => {}
        }
    }
    for document in document_schemas() {
        check(&document.bundled(), document.name);
    }
    // RuleId is one definition, referred to from findings and from `failed`.
    let bundled = document_schemas()
        .into_iter()
        .find(|s| s.name == "product_assessment")
        .expect("product_assessment")
        .bundled();
    let mut found = Vec::new();
    refs(&bundled, &mut found);
    assert!(found.iter().filter(|r| *r == "#/$defs/RuleId").count() >= 2);
    assert_eq!(
        bundled.to_string().matches("\"us.cfr1271.10.a.1\"").count(),
        1
    );
}

#[test]
fn markers_are_named_properties_one_per_surface_marker() {
    let shared = schema_value("definitions");
    let markers = &shared["$defs"]["IdentityPanel"]["properties"]["markers"];
    assert_eq!(markers["additionalProperties"], false);
    let names: BTreeSet<&str> = markers["properties"]
        .as_object()
        .expect("named properties")
        .keys()
        .map(String::as_str)
        .collect();
    let codes: BTreeSet<&str> = SurfaceMarker::ALL.iter().map(|m| m.code()).collect();
    assert_eq!(names, codes);
    for (name, property) in markers["properties"].as_object().expect("properties") {
        assert_eq!(property["$ref"], "#/$defs/Percent", "{name}: a percentage");
    }
}

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
#[allow(dead_code)]
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);
