//! The patient's age: validated on construction and when read, compared across units.
//!
//! The shape is HL7 FHIR's `Age` (a number and a unit) with the units ClinicalTrials.gov writes
//! eligibility ages in ("2 Months", "17 Years"); a month is a twelfth of a 365.25-day year.
#![cfg(feature = "json")]

use msc_therapy::document::ValueError;
use msc_therapy::vocab::{Age, AgeUnit};
use msc_therapy::{ClinicOffer, DocumentErrorKind};
use std::cmp::Ordering;

fn age(value: f64, unit: AgeUnit) -> Age {
    Age::new(value, unit).expect("a valid age")
}

/// The error of reading an offer whose patient is `{"age": <age>}`: kind, path and message.
fn failure(age: &str) -> (DocumentErrorKind, String, String) {
    let json = format!(
        r#"{{"product": {{"name": "X"}}, "indication": "graft_versus_host_disease", "patient": {{"age": {age}}}}}"#
    );
    let err = ClinicOffer::from_json(&json).expect_err("the age is rejected");
    (err.kind(), err.path().to_owned(), err.message().to_owned())
}

#[test]
fn an_age_is_a_number_of_a_unit_from_0_to_150_years() {
    assert_eq!(age(9.0, AgeUnit::Years).value(), 9.0);
    assert_eq!(age(0.0, AgeUnit::Days).unit(), AgeUnit::Days);
    assert!(Age::new(150.0, AgeUnit::Years).is_ok());
    assert!(Age::new(1800.0, AgeUnit::Months).is_ok());
    assert!(Age::new(54_787.5, AgeUnit::Days).is_ok());
    assert_eq!(
        Age::new(150.01, AgeUnit::Years).unwrap_err().to_string(),
        "age in years must be between 0 and 150, got 150.01"
    );
    assert_eq!(
        Age::new(2000.0, AgeUnit::Months).unwrap_err().to_string(),
        "age in months must be between 0 and 1800, got 2000"
    );
    assert_eq!(
        Age::new(-1.0, AgeUnit::Years).unwrap_err().to_string(),
        "age in years must be between 0 and 150, got -1"
    );
    let nan = Age::new(f64::NAN, AgeUnit::Weeks).unwrap_err();
    assert_eq!(
        nan.to_string(),
        "age in weeks must be a finite number, got NaN"
    );
    assert!(matches!(nan, ValueError::NotFinite { .. }));
    assert!(matches!(
        Age::new(f64::INFINITY, AgeUnit::Days),
        Err(ValueError::NotFinite { .. })
    ));
}

#[test]
fn ages_compare_in_days_across_units() {
    // A year is 365.25 days, a month a twelfth of it, a week 7 days.
    assert_eq!(
        age(2.0, AgeUnit::Months).compare(&age(60.875, AgeUnit::Days)),
        Ordering::Equal
    );
    assert_eq!(
        age(1.0, AgeUnit::Years).compare(&age(12.0, AgeUnit::Months)),
        Ordering::Equal
    );
    assert_eq!(
        age(1.0, AgeUnit::Years).compare(&age(365.25, AgeUnit::Days)),
        Ordering::Equal
    );
    assert_eq!(
        age(52.0, AgeUnit::Weeks).compare(&age(1.0, AgeUnit::Years)),
        Ordering::Less
    );
    assert_eq!(
        age(9.0, AgeUnit::Weeks).compare(&age(2.0, AgeUnit::Months)),
        Ordering::Greater
    );
    assert_eq!(age(2.0, AgeUnit::Weeks).in_days(), 14.0);
    // `==` is how the age is written: 12 months are not written as 1 year.
    assert_ne!(age(12.0, AgeUnit::Months), age(1.0, AgeUnit::Years));
}

#[test]
fn an_age_reads_and_writes_as_value_and_unit() {
    let json = r#"{"value":16.9,"unit":"years"}"#;
    let read: Age = serde_json::from_str(json).unwrap();
    assert_eq!(read, age(16.9, AgeUnit::Years));
    assert_eq!(serde_json::to_string(&read).unwrap(), json);
    assert_eq!(read.to_string(), "16.9 years");
    assert_eq!(age(1.0, AgeUnit::Months).to_string(), "1 month");
    let offer = ClinicOffer::from_json(
        r#"{"product": {"name": "X"}, "indication": "graft_versus_host_disease",
            "patient": {"age": {"value": 2, "unit": "months"}}}"#,
    )
    .unwrap();
    assert_eq!(offer.patient.age, Some(age(2.0, AgeUnit::Months)));
    let none = ClinicOffer::from_json(
        r#"{"product": {"name": "X"}, "indication": "graft_versus_host_disease"}"#,
    )
    .unwrap();
    assert_eq!(none.patient.age, None);
}

#[test]
fn every_age_unit_writes_the_same_name_in_json_display_and_parse() {
    assert_eq!(AgeUnit::CODES, ["days", "weeks", "months", "years"]);
    for unit in AgeUnit::ALL {
        let json = serde_json::to_value(unit).unwrap();
        assert_eq!(json, serde_json::json!(unit.to_string()), "{unit:?}");
        assert_eq!(unit.to_string().parse::<AgeUnit>().unwrap(), *unit);
        assert_eq!(
            serde_json::from_value::<AgeUnit>(json).unwrap(),
            *unit,
            "{unit:?}"
        );
    }
}

#[test]
fn a_bad_age_is_an_error_naming_the_field() {
    assert_eq!(
        failure(r#"{"value": 200, "unit": "years"}"#),
        (
            DocumentErrorKind::InvalidValue,
            "patient.age".to_owned(),
            "age in years must be between 0 and 150, got 200".to_owned()
        )
    );
    assert_eq!(
        failure(r#"{"value": -0.5, "unit": "months"}"#),
        (
            DocumentErrorKind::InvalidValue,
            "patient.age".to_owned(),
            "age in months must be between 0 and 1800, got -0.5".to_owned()
        )
    );
    assert_eq!(
        failure(r#"{"value": 9, "unit": "hours"}"#),
        (
            DocumentErrorKind::UnknownCode,
            "patient.age.unit".to_owned(),
            "unknown variant `hours`, expected one of `days`, `weeks`, `months`, `years`"
                .to_owned()
        )
    );
    assert_eq!(
        failure(r#"{"value": 9, "unit": "years", "comparator": "<"}"#),
        (
            DocumentErrorKind::UnknownField,
            "patient.age.comparator".to_owned(),
            "unknown field `comparator`, expected `value` or `unit`".to_owned()
        )
    );
    assert_eq!(
        failure(r#"{"value": 9}"#),
        (
            DocumentErrorKind::MissingField,
            "patient.age".to_owned(),
            "missing field `unit`".to_owned()
        )
    );
    assert_eq!(
        failure(r#"[9, "years"]"#),
        (
            DocumentErrorKind::WrongType,
            "patient.age".to_owned(),
            "invalid type: sequence, expected an age object with value and unit".to_owned()
        )
    );
    assert_eq!(
        failure("9"),
        (
            DocumentErrorKind::WrongType,
            "patient.age".to_owned(),
            "invalid type: integer `9`, expected an age object with value and unit".to_owned()
        )
    );
    // The value error is the source of the document error.
    let json = r#"{"product": {"name": "X"}, "indication": "graft_versus_host_disease",
                   "patient": {"age": {"value": 151, "unit": "years"}}}"#;
    let err = ClinicOffer::from_json(json).unwrap_err();
    assert!(matches!(
        err.value_error(),
        Some(ValueError::OutOfRange {
            what: "age in years",
            ..
        })
    ));
}

/// Read with plain serde_json too (outside the crate's document reader), an age is an object:
/// serde's derive would accept the members as an array in order.
#[test]
fn plain_serde_reads_an_age_only_from_an_object() {
    let err = serde_json::from_str::<Age>(r#"[9, "years"]"#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("invalid type: sequence, expected an age object with value and unit"),
        "{err}"
    );
    let err = serde_json::from_str::<Age>(r#"{"value": 151, "unit": "years"}"#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("age in years must be between 0 and 150, got 151"),
        "{err}"
    );
}
