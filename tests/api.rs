//! The API a downstream crate asked for in issue #20: input documents written back to JSON,
//! `ProductAssessment` as a `Report`, ClinicalTrials.gov records from bytes or a parsed value,
//! `Display` for trial phases and study conditions, the vocabularies iterated and counted
//! without strum, and the two parse errors that pointed at the wrong problem.
#![cfg(feature = "json")]

#[path = "common/samples.rs"]
mod samples;

use msc_therapy::document::{RegistryStudy, TrialPhase, TrialPhases};
use msc_therapy::engine::quality::QualityPolicy;
use msc_therapy::vocab::SurfaceMarker;
use msc_therapy::{
    ClinicOffer, DocumentErrorKind, Headline, Product, Report, RuleId, assess_product,
};
use samples::{OFFERS, PRODUCTS};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------------------
// Input documents written back
// ---------------------------------------------------------------------------------------------

/// `value` with every number as an `f64`, so that `25` and `25.0` compare equal.
fn numbers_as_f64(value: Value) -> Value {
    match value {
        Value::Number(n) => json!(n.as_f64().expect("a finite number")),
        Value::Array(items) => Value::Array(items.into_iter().map(numbers_as_f64).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, numbers_as_f64(v)))
                .collect(),
        ),
        other => other,
    }
}

#[test]
fn every_sample_product_writes_json_that_reads_back_equal() {
    for (name, text) in PRODUCTS {
        let product = Product::from_json(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        for written in [product.to_json(), product.to_json_pretty()] {
            let back = Product::from_json(&written).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(back, product, "{name}");
            assert!(!written.contains("null"), "{name}: {written}");
        }
        // The same document as the sample, member for member (the sample states no default);
        // a number may change its spelling (`25` is written `25.0`), not its value.
        let written: Value = serde_json::from_str(&product.to_json()).unwrap();
        let sample: Value = serde_json::from_str(text).unwrap();
        assert_eq!(numbers_as_f64(written), numbers_as_f64(sample), "{name}");
    }
}

#[test]
fn every_sample_offer_writes_json_that_reads_back_equal() {
    for (name, text) in OFFERS {
        let offer = ClinicOffer::from_json(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        for written in [offer.to_json(), offer.to_json_pretty()] {
            let back = ClinicOffer::from_json(&written).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(back, offer, "{name}");
        }
    }
}

#[test]
fn a_policy_writes_json_that_reads_back_equal() {
    let policy = QualityPolicy::default();
    assert_eq!(QualityPolicy::from_json(&policy.to_json()).unwrap(), policy);
}

// ---------------------------------------------------------------------------------------------
// ProductAssessment is a Report
// ---------------------------------------------------------------------------------------------

#[test]
fn a_product_assessment_is_a_report_of_its_four_engines() {
    let product = Product::from_json(PRODUCTS[0].1).unwrap();
    let assessment = assess_product(&product, jiff::civil::date(2026, 12, 7));
    let report: &dyn Report = &assessment;
    assert_eq!(
        report.headline(),
        Headline::Product {
            us: assessment.us.classification,
            quality: assessment.quality.verdict,
            eu: assessment.eu.classification,
            risk_class: assessment.jp.risk_class,
            pmd_act: assessment.jp.pmd_act,
        }
    );
    assert_eq!(
        report.headline().codes(),
        vec![
            assessment.us.classification.code(),
            assessment.quality.verdict.code(),
            assessment.eu.classification.code(),
            assessment.jp.risk_class.code(),
            assessment.jp.pmd_act.code(),
        ]
    );
    // Every finding of the four reports, in the order US, quality, EU, Japan.
    let expected: Vec<RuleId> = assessment
        .us
        .findings
        .iter()
        .chain(&assessment.quality.findings)
        .chain(&assessment.eu.findings)
        .chain(&assessment.jp.findings)
        .map(|f| f.rule)
        .collect();
    let got: Vec<RuleId> = report.findings().map(|f| f.rule).collect();
    assert_eq!(got, expected);
    assert!(got.iter().any(|r| r.code().starts_with("us.")));
    assert!(got.iter().any(|r| r.code().starts_with("jp.")));
    let text = report.headline().to_string();
    assert!(text.starts_with("US: "), "{text}");
    assert!(text.contains(assessment.jp.pmd_act.label()), "{text}");
}

// ---------------------------------------------------------------------------------------------
// ClinicalTrials.gov records from bytes and from a parsed value
// ---------------------------------------------------------------------------------------------

fn record(name: &str) -> String {
    let path = format!("{}/tests/data/ctgov/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn a_registry_record_reads_the_same_from_text_bytes_and_a_value() {
    for name in ["NCT05013879.json", "NCT01511679.json", "NCT04175379.json"] {
        let text = record(name);
        let from_text = RegistryStudy::from_ctgov_json(&text).unwrap();
        let from_bytes = RegistryStudy::from_ctgov_slice(text.as_bytes()).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        let from_value = RegistryStudy::from_ctgov_value(&value).unwrap();
        assert_eq!(from_bytes, from_text, "{name}");
        assert_eq!(from_value, from_text, "{name}");
    }
    // Errors carry the same path whichever way the record comes.
    let mut value: Value = serde_json::from_str(&record("NCT05013879.json")).unwrap();
    value["protocolSection"]["identificationModule"]["nctId"] = json!("NCT1");
    let from_value = RegistryStudy::from_ctgov_value(&value).unwrap_err();
    let from_text = RegistryStudy::from_ctgov_json(&value.to_string()).unwrap_err();
    assert_eq!(from_value, from_text);
    assert!(
        from_value
            .to_string()
            .contains("protocolSection.identificationModule.nctId"),
        "{from_value}"
    );
    // Bytes that are not UTF-8 are an error, not a panic.
    assert!(RegistryStudy::from_ctgov_slice(b"{\"protocolSection\": \"\xff\"}").is_err());
}

#[test]
fn a_registry_record_still_reads_null_as_absent() {
    // The registry's format is not the crate's: its `null`s mean "absent".
    let mut value: Value = serde_json::from_str(&record("NCT05013879.json")).unwrap();
    value["protocolSection"]["designModule"]["phases"] = Value::Null;
    let study = RegistryStudy::from_ctgov_value(&value).unwrap();
    assert_eq!(study.phases, None);
}

// ---------------------------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------------------------

#[test]
fn trial_phases_and_study_conditions_display_for_people() {
    let phases = TrialPhases::new(vec![TrialPhase::Phase1, TrialPhase::Phase2]).unwrap();
    assert_eq!(phases.to_string(), "Phase 1, Phase 2");
    let na = TrialPhases::new(vec![TrialPhase::NotApplicable]).unwrap();
    assert_eq!(na.to_string(), "Not Applicable");
    let mut value: Value = serde_json::from_str(&record("NCT05013879.json")).unwrap();
    value["protocolSection"]["conditionsModule"]["conditions"] =
        json!(["Knee Osteoarthritis", "Cartilage wear"]);
    let study = RegistryStudy::from_ctgov_value(&value).unwrap();
    let shown: Vec<String> = study
        .conditions
        .iter()
        .flatten()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        shown,
        [
            "Knee Osteoarthritis [knee_osteoarthritis]",
            "Cartilage wear"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Vocabularies without strum
// ---------------------------------------------------------------------------------------------

#[test]
fn a_vocabulary_iterates_and_counts_without_strum() {
    // No `use strum::…`: the inherent items are enough.
    assert_eq!(SurfaceMarker::COUNT, SurfaceMarker::ALL.len());
    assert_eq!(SurfaceMarker::iter().count(), SurfaceMarker::COUNT);
    assert_eq!(
        SurfaceMarker::iter().collect::<Vec<_>>(),
        SurfaceMarker::ALL.to_vec()
    );
    assert_eq!(RuleId::iter().next(), RuleId::ALL.first().copied());
    let manifest = include_str!("../Cargo.toml");
    let lib = include_str!("../src/lib.rs");
    assert!(
        manifest.contains("strum"),
        "strum stays a private dependency"
    );
    assert!(!lib.contains("pub use strum"), "strum is not re-exported");
}

// ---------------------------------------------------------------------------------------------
// The two misleading parse errors
// ---------------------------------------------------------------------------------------------

const RYONCIL: &str = include_str!("../examples/data/offers/ryoncil_on_label.json");

fn offer_with_authorisation(authorisation: &Value) -> String {
    let mut offer: Value = serde_json::from_str(RYONCIL).unwrap();
    offer["authorisation"] = authorisation.clone();
    offer.to_string()
}

#[test]
fn an_authorisation_with_both_key_and_number_says_they_are_exclusive() {
    let both = json!({"catalog_key": "ryoncil_us", "authorisation_number": "BLA 125706"});
    let err = ClinicOffer::from_json(&offer_with_authorisation(&both)).unwrap_err();
    assert_eq!(err.path(), "authorisation");
    assert_eq!(err.kind(), DocumentErrorKind::InvalidValue);
    assert_eq!(
        err.message(),
        "`catalog_key` and `authorisation_number` are exclusive: an authorisation names one \
         product, by one of them"
    );
    assert!(!err.message().contains("trailing comma"));
    // The other order says the same.
    let both = json!({"authorisation_number": "BLA 125706", "catalog_key": "ryoncil_us"});
    let err = ClinicOffer::from_json(&offer_with_authorisation(&both)).unwrap_err();
    assert_eq!(err.path(), "authorisation");
    assert!(
        err.message()
            .starts_with("`catalog_key` and `authorisation_number` are exclusive")
    );
    // Neither, an unknown member, a repeated member and a bad key keep precise errors.
    let err = ClinicOffer::from_json(&offer_with_authorisation(&json!({}))).unwrap_err();
    assert_eq!(err.path(), "authorisation");
    assert_eq!(
        err.message(),
        "an authorisation names its product by `catalog_key` or `authorisation_number`; it gives \
         neither"
    );
    let err =
        ClinicOffer::from_json(&offer_with_authorisation(&json!({"name": "Ryoncil"}))).unwrap_err();
    assert_eq!(err.kind(), DocumentErrorKind::UnknownField);
    assert_eq!(err.path(), "authorisation.name");
    let repeated = RYONCIL.replace(
        r#""authorisation": {"catalog_key": "ryoncil_us"}"#,
        r#""authorisation": {"catalog_key": "ryoncil_us", "catalog_key": "ryoncil_us"}"#,
    );
    assert_ne!(repeated, RYONCIL);
    let err = ClinicOffer::from_json(&repeated).unwrap_err();
    assert_eq!(err.kind(), DocumentErrorKind::DuplicateField);
    assert_eq!(err.path(), "authorisation.catalog_key");
    let err = ClinicOffer::from_json(&offer_with_authorisation(
        &json!({"catalog_key": "ryoncil"}),
    ))
    .unwrap_err();
    assert_eq!(err.kind(), DocumentErrorKind::UnknownCode);
    assert_eq!(err.path(), "authorisation.catalog_key");
    // Each form alone still reads.
    for one in [
        json!({"catalog_key": "ryoncil_us"}),
        json!({"authorisation_number": "BLA 125706"}),
    ] {
        ClinicOffer::from_json(&offer_with_authorisation(&one)).unwrap();
    }
}

#[test]
fn steps_null_is_refused_with_its_path_not_read_as_not_stated() {
    let err = Product::from_json(r#"{"name": "X", "processing": {"steps": null}}"#).unwrap_err();
    assert_eq!(err.kind(), DocumentErrorKind::WrongType);
    assert_eq!(err.path(), "processing.steps");
    // The position is documented as the end of the value, or the closing brace of its object
    // when it is the object's last member: `}` of `{"steps": null}` is the 43rd character.
    assert_eq!(
        err.to_string(),
        "processing.steps: invalid type: null, expected a value; leave the member out when it is \
         not stated (null is not accepted) at line 1 column 43"
    );
    // Absent is "not stated".
    let product = Product::from_json(r#"{"name": "X", "processing": {}}"#).unwrap();
    assert_eq!(product.processing.unwrap().steps, None);
    // In a list too: a null entry of a list of codes is a wrong type at its index.
    let err = Product::from_json(r#"{"name": "X", "mechanisms": [null]}"#).unwrap_err();
    assert_eq!(err.path(), "mechanisms[0]");
    // Bytes and readers read the same way.
    let err = Product::from_slice(br#"{"name": "X", "tissue": null}"#).unwrap_err();
    assert_eq!(err.path(), "tissue");
    assert_eq!(err.kind(), DocumentErrorKind::WrongType);
}
