//! Validated newtypes: boundaries, exact error messages (from `ValueError` in `src/error.rs`),
//! and serde round trips. Deserialization validates exactly as the constructors do.

use msc_therapy::document::ValueError;
use msc_therapy::vocab::{
    BodyWeightKg, CellCount, CellsPerKg, CfuFrequency, EndotoxinEuPerMl, IsoDate, Millilitres,
    Passage, Percent, PopulationDoublings, Text,
};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt::Debug;

fn message<T: Debug>(result: Result<T, ValueError>) -> String {
    result.expect_err("value must be rejected").to_string()
}

/// Deserializing `json` fails with exactly the constructor's message.
fn serde_rejects<T: DeserializeOwned + Debug>(json: &str, expected: &str) {
    let err = serde_json::from_str::<T>(json).expect_err(json);
    assert_eq!(err.to_string(), expected, "{json}");
}

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) {
    let json = serde_json::to_string(value).expect("serializes");
    let back: T = serde_json::from_str(&json).expect("deserializes its own output");
    assert_eq!(&back, value, "{json}");
}

// ---- Percent ----------------------------------------------------------------------------------

#[test]
fn percent_accepts_0_and_100() {
    assert_eq!(Percent::new(0.0).map(Percent::get), Ok(0.0));
    assert_eq!(Percent::new(100.0).map(Percent::get), Ok(100.0));
}

#[test]
fn percent_rejects_just_outside_the_range() {
    assert_eq!(
        message(Percent::new(-0.0001)),
        "percentage must be between 0 and 100, got -0.0001"
    );
    assert_eq!(
        message(Percent::new(100.0001)),
        "percentage must be between 0 and 100, got 100.0001"
    );
    assert_eq!(
        Percent::new(140.0),
        Err(ValueError::OutOfRange {
            what: "percentage",
            value: 140.0,
            min: 0.0,
            max: 100.0
        })
    );
}

#[test]
fn percent_rejects_nan_and_infinity() {
    assert_eq!(
        message(Percent::new(f64::NAN)),
        "percentage must be a finite number, got NaN"
    );
    assert_eq!(
        message(Percent::new(f64::INFINITY)),
        "percentage must be a finite number, got inf"
    );
}

#[test]
fn percent_deserialization_validates() {
    serde_rejects::<Percent>("140", "percentage must be between 0 and 100, got 140");
    serde_rejects::<Percent>("-1", "percentage must be between 0 and 100, got -1");
    assert_eq!(
        serde_json::from_str::<Percent>("92.5")
            .map(Percent::get)
            .ok(),
        Some(92.5)
    );
    round_trip(&Percent::new(72.5).expect("valid"));
}

// ---- CellCount --------------------------------------------------------------------------------

#[test]
fn cell_count_accepts_scientific_notation() {
    let count = CellCount::new(1.2e8).expect("valid");
    assert_eq!(count.get(), 120_000_000);
    assert_eq!(count.as_f64(), 1.2e8);
    assert_eq!(count.to_string(), "1.20 × 10^8");
    assert_eq!(CellCount::new(1.0).map(CellCount::get), Ok(1));
    assert_eq!(CellCount::new(1e15).map(CellCount::get), Ok(CellCount::MAX));
}

#[test]
fn cell_count_rejects_zero_negative_fraction_and_huge() {
    assert_eq!(
        message(CellCount::new(0.0)),
        "cell count must be greater than zero, got 0"
    );
    assert_eq!(
        message(CellCount::new(-5.0)),
        "cell count must be greater than zero, got -5"
    );
    assert_eq!(
        message(CellCount::new(1.5)),
        "cell count must be a whole number, got 1.5"
    );
    assert_eq!(
        message(CellCount::new(1e16)),
        "cell count must be between 1 and 1000000000000000, got 10000000000000000"
    );
    assert_eq!(
        message(CellCount::new(f64::NAN)),
        "cell count must be a finite number, got NaN"
    );
}

#[test]
fn cell_count_from_u64() {
    assert_eq!(
        CellCount::from_u64(40_000_000).map(CellCount::get),
        Ok(40_000_000)
    );
    assert_eq!(
        message(CellCount::from_u64(0)),
        "cell count must be greater than zero, got 0"
    );
    assert!(CellCount::from_u64(CellCount::MAX + 1).is_err());
}

#[test]
fn cell_count_serde() {
    assert_eq!(
        serde_json::from_str::<CellCount>("120000000")
            .map(CellCount::get)
            .ok(),
        Some(120_000_000)
    );
    assert_eq!(
        serde_json::from_str::<CellCount>("1.2e8")
            .map(CellCount::get)
            .ok(),
        Some(120_000_000)
    );
    serde_rejects::<CellCount>("0", "cell count must be greater than zero, got 0");
    serde_rejects::<CellCount>("-5", "cell count must be greater than zero, got -5");
    serde_rejects::<CellCount>("1.5", "cell count must be a whole number, got 1.5");
    round_trip(&CellCount::new(2.5e7).expect("valid"));
}

// ---- Other numbers ----------------------------------------------------------------------------

#[test]
fn body_weight() {
    assert_eq!(BodyWeightKg::new(700.0).map(BodyWeightKg::get), Ok(700.0));
    assert_eq!(BodyWeightKg::new(3.2).map(BodyWeightKg::get), Ok(3.2));
    assert_eq!(
        message(BodyWeightKg::new(0.0)),
        "body weight in kg must be greater than zero, got 0"
    );
    assert_eq!(
        message(BodyWeightKg::new(700.5)),
        "body weight in kg must be between 0 and 700, got 700.5"
    );
    round_trip(&BodyWeightKg::new(20.0).expect("valid"));
}

#[test]
fn millilitres() {
    assert_eq!(Millilitres::new(3.8).map(Millilitres::get), Ok(3.8));
    assert_eq!(
        message(Millilitres::new(0.0)),
        "volume in mL must be greater than zero, got 0"
    );
    assert_eq!(
        message(Millilitres::new(-1.0)),
        "volume in mL must be greater than zero, got -1"
    );
    round_trip(&Millilitres::new(6.0).expect("valid"));
}

#[test]
fn endotoxin() {
    assert_eq!(
        EndotoxinEuPerMl::new(0.0).map(EndotoxinEuPerMl::get),
        Ok(0.0)
    );
    assert_eq!(
        EndotoxinEuPerMl::new(12.5).map(EndotoxinEuPerMl::get),
        Ok(12.5)
    );
    assert_eq!(
        message(EndotoxinEuPerMl::new(-0.1)),
        "endotoxin in EU/mL must not be negative, got -0.1"
    );
    assert_eq!(
        message(EndotoxinEuPerMl::new(f64::INFINITY)),
        "endotoxin in EU/mL must be a finite number, got inf"
    );
    serde_rejects::<EndotoxinEuPerMl>("-0.1", "endotoxin in EU/mL must not be negative, got -0.1");
    round_trip(&EndotoxinEuPerMl::new(0.25).expect("valid"));
}

#[test]
fn population_doublings() {
    assert_eq!(
        PopulationDoublings::new(0.0).map(PopulationDoublings::get),
        Ok(0.0)
    );
    assert_eq!(
        PopulationDoublings::new(200.0).map(PopulationDoublings::get),
        Ok(200.0)
    );
    assert_eq!(
        message(PopulationDoublings::new(200.5)),
        "population doublings must be between 0 and 200, got 200.5"
    );
    assert_eq!(
        message(PopulationDoublings::new(-1.0)),
        "population doublings must be between 0 and 200, got -1"
    );
    round_trip(&PopulationDoublings::new(16.5).expect("valid"));
}

#[test]
fn cells_per_kg() {
    // Ryoncil's label dose: 2 × 10^6 MSC/kg.
    assert_eq!(CellsPerKg::new(2e6).map(CellsPerKg::get), Ok(2e6));
    assert_eq!(
        message(CellsPerKg::new(0.0)),
        "cells per kg must be greater than zero, got 0"
    );
    round_trip(&CellsPerKg::new(2e6).expect("valid"));
}

#[test]
fn cfu_frequency() {
    // Berger et al. 2021 found no CFU-F at all in commercial umbilical products: zero is a result.
    assert_eq!(CfuFrequency::new(0.0).map(CfuFrequency::get), Ok(0.0));
    assert_eq!(CfuFrequency::new(1e6).map(CfuFrequency::get), Ok(1e6));
    assert_eq!(
        message(CfuFrequency::new(1_000_001.0)),
        "CFU-F per million cells must be between 0 and 1000000, got 1000001"
    );
    round_trip(&CfuFrequency::new(35.0).expect("valid"));
}

#[test]
fn passage() {
    assert_eq!(Passage::new(0).map(Passage::get), Ok(0));
    assert_eq!(Passage::new(100).map(Passage::get), Ok(100));
    assert_eq!(
        message(Passage::new(101)),
        "passage number must be between 0 and 100, got 101"
    );
    assert_eq!(Passage::new(4).expect("valid").to_string(), "P4");
    serde_rejects::<Passage>("101", "passage number must be between 0 and 100, got 101");
    assert!(serde_json::from_str::<Passage>("-1").is_err());
    assert!(serde_json::from_str::<Passage>("4.5").is_err());
    round_trip(&Passage::new(5).expect("valid"));
}

// ---- Text and dates ---------------------------------------------------------------------------

#[test]
fn text_must_not_be_blank() {
    assert_eq!(
        Text::new("Lot 24-0117").map(|t| t.as_str().to_owned()),
        Ok("Lot 24-0117".to_owned())
    );
    for blank in ["", " ", "\t\n "] {
        assert_eq!(
            message(Text::new(blank)),
            "text must not be empty",
            "{blank:?}"
        );
    }
    assert_eq!(
        "x".parse::<Text>().map(|t| t.to_string()),
        Ok("x".to_owned())
    );
    serde_rejects::<Text>("\"  \"", "text must not be empty");
    round_trip(&Text::new("Wharton's jelly allograft").expect("valid"));
}

#[test]
fn iso_dates_know_leap_years() {
    // Gregorian rule: every 4th year, except centuries, except every 400th year.
    for ok in [
        "2024-02-29",
        "2000-02-29",
        "2023-02-28",
        "2024-12-31",
        "2024-01-01",
    ] {
        assert!(IsoDate::new(ok).is_ok(), "{ok}");
    }
    for bad in ["2023-02-29", "1900-02-29", "2024-02-30", "2024-04-31"] {
        assert_eq!(
            message(IsoDate::new(bad)),
            format!("date must be a calendar date written YYYY-MM-DD, got {bad:?}")
        );
    }
}

#[test]
fn iso_dates_must_have_the_iso_form() {
    for bad in [
        "2024-2-29",
        "2024/02/29",
        "29-02-2024",
        "2024-02-29T00:00",
        "2024-00-10",
        "2024-13-10",
        "2024-01-00",
        "+024-01-01",
        "2024-0a-01",
        "",
        "２０２４-01-01",
    ] {
        assert_eq!(
            message(IsoDate::new(bad)),
            format!("date must be a calendar date written YYYY-MM-DD, got {bad:?}"),
            "{bad}"
        );
    }
    serde_rejects::<IsoDate>(
        "\"2023-02-29\"",
        "date must be a calendar date written YYYY-MM-DD, got \"2023-02-29\"",
    );
    round_trip(&IsoDate::new("2024-12-18").expect("Ryoncil's approval date"));
}

// ---- Properties -------------------------------------------------------------------------------

fn is_leap(year: u32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

proptest! {
    #[test]
    fn percent_accepts_exactly_the_closed_range(v in -1e3f64..1e3) {
        prop_assert_eq!(Percent::new(v).is_ok(), (0.0..=100.0).contains(&v));
    }

    #[test]
    fn percent_serde_round_trips(v in 0.0f64..=100.0) {
        let p = Percent::new(v).expect("in range");
        let back: Percent = serde_json::from_str(&serde_json::to_string(&p).expect("json")).expect("parse");
        prop_assert_eq!(back, p);
    }

    #[test]
    fn whole_cell_counts_round_trip(n in 1u64..=1_000_000_000_000_000) {
        #[allow(clippy::cast_precision_loss)]
        let count = CellCount::new(n as f64).expect("whole and in range");
        prop_assert_eq!(count.get(), n);
        let back: CellCount = serde_json::from_str(&serde_json::to_string(&count).expect("json")).expect("parse");
        prop_assert_eq!(back, count);
    }

    #[test]
    fn fractional_cell_counts_are_rejected(n in 1u64..1_000_000, frac in 0.01f64..0.99) {
        #[allow(clippy::cast_precision_loss)]
        let v = n as f64 + frac;
        let whole = matches!(CellCount::new(v), Err(ValueError::NotWhole { .. }));
        prop_assert!(whole, "{} accepted", v);
    }

    #[test]
    fn dates_exist_exactly_when_the_calendar_has_them(year in 1u32..=9999, month in 1u32..=12, day in 1u32..=31) {
        let days = match month {
            2 if is_leap(year) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        let text = format!("{year:04}-{month:02}-{day:02}");
        prop_assert_eq!(IsoDate::new(text.as_str()).is_ok(), day <= days, "{}", text);
    }

    #[test]
    fn passages_up_to_the_ceiling(n in 0u32..=1000) {
        prop_assert_eq!(Passage::new(n).is_ok(), n <= Passage::MAX);
    }
}

#[test]
fn cell_count_converts_from_a_whole_number() {
    assert_eq!(
        CellCount::try_from(40_000_000_u64).map(CellCount::get),
        Ok(40_000_000)
    );
    assert_eq!(
        message(CellCount::try_from(0_u64)),
        "cell count must be greater than zero, got 0"
    );
    assert!(CellCount::try_from(CellCount::MAX + 1).is_err());
    assert_eq!(
        CellCount::try_from(CellCount::MAX).map(CellCount::get),
        Ok(CellCount::MAX)
    );
}

#[test]
fn a_text_needs_a_visible_character() {
    for blank in [
        "",
        " ",
        "\t\n",
        "\u{200B}",
        "\u{200C}\u{200D}",
        "\u{2060}",
        "\u{FEFF}",
        "\u{3000}",
        "\u{85}",
    ] {
        assert_eq!(
            message(Text::new(blank)),
            "text must not be empty",
            "{blank:?}"
        );
    }
    for visible in ["X", "\u{200B}X", " Lot 7 ", "é"] {
        assert_eq!(
            Text::try_from(visible).map(String::from),
            Ok(visible.to_owned())
        );
    }
}

#[test]
fn the_year_0000_is_not_a_date() {
    assert_eq!(
        message(IsoDate::new("0000-01-01")),
        "date must be a calendar date written YYYY-MM-DD, got \"0000-01-01\""
    );
    assert!(IsoDate::new("0001-01-01").is_ok());
    assert!(IsoDate::try_from("2024-02-29").is_ok());
}

#[test]
fn a_long_bad_value_is_cut_in_the_message() {
    let long = format!("2024-{}", "9".repeat(100));
    assert_eq!(
        message(IsoDate::new(long.as_str())),
        format!(
            "date must be a calendar date written YYYY-MM-DD, got \"{}…\"",
            &long[..32]
        )
    );
    // A short value is shown whole.
    assert_eq!(
        message(IsoDate::new("2024-13-01")),
        "date must be a calendar date written YYYY-MM-DD, got \"2024-13-01\""
    );
}
