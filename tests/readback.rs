//! Outputs read back: every output type is `Deserialize` as well as `Serialize`, in both JSON
//! forms (full and compact), and what is read back equals what was written. Each form validates
//! against its exported schema, and the compact form carries no rule text.
#![cfg(all(feature = "schemars", feature = "json"))]

use msc_therapy::engine::eu::EuAssessment;
use msc_therapy::engine::jp::JpAssessment;
use msc_therapy::engine::offer::OfferEvaluation;
use msc_therapy::engine::quality::{QualityPolicy, QualityReport};
use msc_therapy::engine::us::UsAssessment;
use msc_therapy::finding::Compact;
use msc_therapy::interop::document_schemas;
use msc_therapy::{
    ClinicOffer, Finding, Product, ProductAssessment, RuleId, assess_product, assess_product_with,
    evaluate_offer,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt::Debug;
use std::sync::OnceLock;

#[path = "common/samples.rs"]
mod samples;

use samples::{OFFERS, PRODUCTS};

/// A strict validator for each exported schema, built once (bundled with the documents it
/// refers to).
fn validator(name: &str) -> &'static jsonschema::Validator {
    static VALIDATORS: OnceLock<HashMap<&'static str, jsonschema::Validator>> = OnceLock::new();
    VALIDATORS
        .get_or_init(|| {
            document_schemas()
                .into_iter()
                .map(|s| {
                    let validator = jsonschema::draft202012::options()
                        .should_validate_formats(true)
                        .should_ignore_unknown_formats(false)
                        .build(&s.bundled())
                        .unwrap_or_else(|e| panic!("{}: schema does not build: {e}", s.name));
                    (s.name, validator)
                })
                .collect()
        })
        .get(name)
        .unwrap_or_else(|| panic!("no schema named {name}"))
}

fn assert_valid(name: &str, value: &Value) {
    let errors: Vec<String> = validator(name)
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
}

/// Every finding object inside `value`.
fn findings(value: &Value, out: &mut Vec<Value>) {
    match value {
        Value::Object(map) => {
            if map.contains_key("rule") && map.contains_key("outcome") {
                out.push(value.clone());
            }
            map.values().for_each(|v| findings(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| findings(v, out)),
        _ => {}
    }
}

/// Writes `output` in both forms, validates each against `schema` / `schema_compact`, reads
/// each back and compares it with `output`.
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(schema: &str, output: &T) {
    let full = serde_json::to_string(output).expect("serializes");
    let compact = serde_json::to_string(&Compact(output)).expect("serializes");
    let full_value: Value = serde_json::from_str(&full).unwrap();
    let compact_value: Value = serde_json::from_str(&compact).unwrap();
    assert_valid(schema, &full_value);
    assert_valid(&format!("{schema}_compact"), &compact_value);

    let mut full_findings = Vec::new();
    findings(&full_value, &mut full_findings);
    for finding in &full_findings {
        let rule: RuleId = finding["rule"].as_str().unwrap().parse().unwrap();
        assert_eq!(finding["summary"], rule.info().summary, "{schema}: {rule}");
        assert_eq!(
            finding["citation"],
            rule.info().citation,
            "{schema}: {rule}"
        );
    }
    let mut compact_findings = Vec::new();
    findings(&compact_value, &mut compact_findings);
    assert_eq!(compact_findings.len(), full_findings.len(), "{schema}");
    for finding in &compact_findings {
        assert!(finding.get("summary").is_none(), "{schema}: {finding}");
        assert!(finding.get("citation").is_none(), "{schema}: {finding}");
    }
    assert!(
        compact.len() < full.len(),
        "{schema}: compact is not shorter"
    );

    let from_full: T = serde_json::from_str(&full).expect("the full form reads back");
    assert_eq!(&from_full, output, "{schema}: full form");
    let from_compact: T = serde_json::from_str(&compact).expect("the compact form reads back");
    assert_eq!(&from_compact, output, "{schema}: compact form");
}

#[test]
fn every_product_assessment_reads_back_in_both_forms() {
    let policy = QualityPolicy::default();
    for &(_, json) in PRODUCTS {
        let product = Product::from_json(json).expect("sample parses");
        let assessment = assess_product_with(&product, &policy, ON);
        round_trip::<ProductAssessment<'static>>(
            "product_assessment",
            &assessment.clone().into_owned(),
        );
        round_trip::<UsAssessment>("us_assessment", &assessment.us);
        round_trip::<QualityReport>("quality_report", &assessment.quality);
        round_trip::<EuAssessment>("eu_assessment", &assessment.eu);
        round_trip::<JpAssessment>("jp_assessment", &assessment.jp);
        for finding in assessment
            .us
            .findings
            .iter()
            .chain(&assessment.quality.findings)
            .chain(&assessment.eu.findings)
            .chain(&assessment.jp.findings)
        {
            round_trip::<Finding>("finding", finding);
        }
    }
}

#[test]
fn every_offer_evaluation_reads_back_in_both_forms() {
    for &(_, json) in OFFERS {
        let offer = ClinicOffer::from_json(json).expect("sample parses");
        let evaluation = evaluate_offer(&offer, ON);
        round_trip::<OfferEvaluation>("offer_evaluation", &evaluation);
    }
}

#[test]
fn a_borrowed_assessment_equals_the_one_read_back() {
    let product = Product::from_json(PRODUCTS[0].1).unwrap();
    let assessment = assess_product(&product, ON);
    let back: ProductAssessment<'static> =
        serde_json::from_str(&serde_json::to_string(&Compact(&assessment)).unwrap()).unwrap();
    assert_eq!(back, assessment);
    assert_eq!(*back.product, product);
}

#[test]
fn a_finding_with_an_unknown_field_is_rejected() {
    let err = serde_json::from_str::<Finding>(
        r#"{"rule":"quality.viability.minimum","outcome":"met","severity":"info","verdict":"pass"}"#,
    )
    .unwrap_err();
    assert!(
        err.to_string().starts_with("unknown field `verdict`"),
        "{err}"
    );
}

#[test]
fn a_us_consequence_that_is_not_in_the_table_is_rejected() {
    let product = Product::from_json(PRODUCTS[0].1).unwrap();
    let mut value = serde_json::to_value(msc_therapy::classify_us(&product, ON)).unwrap();
    value["consequence"] = Value::from("Needs no approval.");
    let err = serde_json::from_value::<UsAssessment>(value).unwrap_err();
    assert_eq!(
        err.to_string(),
        "consequence of a US classification is not in the crate's table (got \"Needs no approval.\")"
    );
}

#[test]
fn the_compact_us_assessment_leaves_out_the_table_text_and_looks_it_up() {
    for &(_, json) in PRODUCTS {
        let product = Product::from_json(json).unwrap();
        let us = msc_therapy::classify_us(&product, ON);
        let row = us.classification.info();
        let full = serde_json::to_value(&us).unwrap();
        assert_eq!(full["consequence"], row.consequence);
        assert_eq!(full["citation"], row.citation);
        let compact = serde_json::to_value(Compact(&us)).unwrap();
        assert!(compact.get("consequence").is_none(), "{compact}");
        assert!(compact.get("citation").is_none(), "{compact}");
        assert_eq!(compact["classification"], full["classification"]);
        let back: UsAssessment = serde_json::from_value(compact).unwrap();
        assert_eq!(back.consequence, row.consequence);
        assert_eq!(back.citation, row.citation);
        assert_eq!(back, us);
    }
}

#[test]
fn the_compact_form_leaves_out_only_the_input_role_and_reads_it_back() {
    use msc_therapy::finding::{Fact, FactRole};
    use msc_therapy::{Outcome, Severity};
    let finding = Finding::new(
        RuleId::QualityViabilityMinimum,
        Outcome::NotMet,
        Severity::Blocking,
    )
    .fact(Fact::number("release.viability", 65.0).with_unit("%"))
    .fact(
        Fact::number("policy.min_viability_percent", 70.0)
            .with_unit("%")
            .as_limit(),
    )
    .fact(Fact::number("derived.cells_per_kg", 1.5e6).as_derived());
    let compact = serde_json::to_value(Compact(&finding)).unwrap();
    let roles: Vec<Option<&str>> = compact["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|fact| fact.get("role").and_then(Value::as_str))
        .collect();
    assert_eq!(roles, [None, Some("limit"), Some("derived")]);
    let full = serde_json::to_value(&finding).unwrap();
    assert_eq!(full["facts"][0]["role"], "input");
    let back: Finding = serde_json::from_value(compact.clone()).unwrap();
    assert_eq!(back, finding);
    assert_eq!(back.facts[0].role, FactRole::Input);
    assert_valid("finding_compact", &compact);
    assert_valid("finding", &full);
}

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
#[allow(dead_code)]
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);
