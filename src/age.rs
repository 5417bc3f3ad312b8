//! The patient's age, and the ages a product's label is authorised for.
//!
//! An age is a number with a unit, the way ClinicalTrials.gov writes eligibility ages
//! (`"2 Months"`, `"17 Years"`) and HL7 FHIR writes its `Age` type (a quantity in the UCUM units
//! `d`, `wk`, `mo`, `a`). Ages in different units are compared in days, by the calendar
//! conventions of [`AgeUnit::days`].

use crate::ValueError;
use crate::table::vocab;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

vocab! {
    /// **The unit an age is counted in**: days, weeks, months or years.
    ///
    /// The units ClinicalTrials.gov uses for a study's minimum and maximum age (`"2 Months"`,
    /// `"17 Years"`) and HL7 FHIR's `Age` allows (UCUM `d`, `wk`, `mo`, `a`). Ages in different
    /// units are compared in days ([`AgeUnit::days`]), so "2 months" is the same age however the
    /// label and the offer write it.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::AgeUnit;
    ///
    /// assert_eq!("months".parse::<AgeUnit>()?, AgeUnit::Months);
    /// assert_eq!(AgeUnit::Years.to_string(), "years");
    /// assert_eq!(AgeUnit::Weeks.days(), 7.0);
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum AgeUnit {
        /// Days (UCUM `d`).
        Days => "days", "days";
        /// Weeks of 7 days (UCUM `wk`).
        Weeks => "weeks", "weeks";
        /// Months: a twelfth of a year, 30.4375 days (UCUM `mo`).
        Months => "months", "months";
        /// Years of 365.25 days, the mean Julian year (UCUM `a`).
        Years => "years", "years";
    }
}

impl AgeUnit {
    /// How many days one of this unit counts: a week 7, a year 365.25 (the Julian year UCUM
    /// defines `a` by) and a month a twelfth of that year, 30.4375. These are averages: a
    /// calendar month is 28 to 31 days long, so ages near a bound are compared by this
    /// convention, not by a birth date.
    #[must_use]
    pub const fn days(self) -> f64 {
        match self {
            Self::Days => 1.0,
            Self::Weeks => 7.0,
            Self::Months => DAYS_PER_YEAR / 12.0,
            Self::Years => DAYS_PER_YEAR,
        }
    }

    /// The largest age written in this unit: [`Age::MAX_YEARS`] years, in this unit.
    const fn largest(self) -> f64 {
        Age::MAX_YEARS * DAYS_PER_YEAR / self.days()
    }

    /// The name of the quantity in error messages: `"age in years"`.
    const fn what(self) -> &'static str {
        match self {
            Self::Days => "age in days",
            Self::Weeks => "age in weeks",
            Self::Months => "age in months",
            Self::Years => "age in years",
        }
    }
}

/// Days in a year: the mean Julian year (UCUM's `a`).
const DAYS_PER_YEAR: f64 = 365.25;

/// **A person's age: a number of days, weeks, months or years, from 0 up to 150 years.**
///
/// The patient's age in an offer ([`crate::PatientContext::age`]) and the age bounds of a label
/// ([`crate::LabelPopulation`]). Written in JSON as `{"value": 9, "unit": "years"}`, the shape of
/// HL7 FHIR's `Age` with the units of ClinicalTrials.gov's eligibility ages. The number may have
/// a fraction (`16.9` years).
///
/// Two ages are equal (`==`) when they are written alike; [`Age::compare`] compares them as
/// ages, in days, so `2 months` and `60.875 days` are the same age.
///
/// # Examples
///
/// ```
/// use msc_therapy::vocab::{Age, AgeUnit};
/// use std::cmp::Ordering;
///
/// let child = Age::new(9.0, AgeUnit::Years)?;
/// assert_eq!(child.to_string(), "9 years");
/// let two_months = Age::new(2.0, AgeUnit::Months)?;
/// assert_eq!(two_months.compare(&Age::new(60.875, AgeUnit::Days)?), Ordering::Equal);
/// assert_eq!(two_months.compare(&Age::new(8.0, AgeUnit::Weeks)?), Ordering::Greater);
/// assert_eq!(
///     Age::new(200.0, AgeUnit::Years).unwrap_err().to_string(),
///     "age in years must be between 0 and 150, got 200"
/// );
/// # Ok::<(), msc_therapy::document::ValueError>(())
/// ```
///
/// # Errors
///
/// [`Age::new`] (and reading an age from JSON) fails with [`ValueError::NotFinite`] for NaN or
/// infinity and [`ValueError::OutOfRange`] for a negative age or one above 150 years (1800
/// months, 54 787.5 days), the quantity named with its unit (`age in months`). A JSON age must
/// be an object with exactly `value` and `unit`; a unit other than `days`, `weeks`, `months` or
/// `years` is an unknown code.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Age {
    /// The number, finite and at least 0.
    value: f64,
    /// The unit.
    unit: AgeUnit,
}

// The value is finite (checked on construction), so `==` is an equivalence.
impl Eq for Age {}

impl Age {
    /// The oldest age accepted, in years.
    pub const MAX_YEARS: f64 = 150.0;

    /// Validates an age of `value` `unit`s.
    ///
    /// # Errors
    ///
    /// See the type's documentation.
    pub fn new(value: f64, unit: AgeUnit) -> Result<Self, ValueError> {
        let what = unit.what();
        if !value.is_finite() {
            return Err(ValueError::NotFinite { what, value });
        }
        let max = unit.largest();
        if !(0.0..=max).contains(&value) {
            return Err(ValueError::OutOfRange {
                what,
                value,
                min: 0.0,
                max,
            });
        }
        // `-0` is 0 years old.
        Ok(Self {
            value: value + 0.0,
            unit,
        })
    }

    /// An age from the crate's own tables (label bounds), without the runtime check; each is
    /// covered by a test that [`Age::new`] accepts it.
    pub(crate) const fn from_table(value: f64, unit: AgeUnit) -> Self {
        Self { value, unit }
    }

    /// The number, in [`Age::unit`]s.
    #[must_use]
    pub const fn value(self) -> f64 {
        self.value
    }

    /// The unit.
    #[must_use]
    pub const fn unit(self) -> AgeUnit {
        self.unit
    }

    /// The age in days, by the conventions of [`AgeUnit::days`].
    #[must_use]
    pub fn in_days(self) -> f64 {
        self.value * self.unit.days()
    }

    /// Compares two ages as ages (in days), whatever their units.
    #[must_use]
    pub fn compare(&self, other: &Self) -> Ordering {
        self.in_days().total_cmp(&other.in_days())
    }
}

impl fmt::Display for Age {
    /// `9 years`, `2 months`, `1 day` (the unit singular for exactly 1).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = self.unit.code();
        #[allow(clippy::float_cmp)]
        let unit = if self.value == 1.0 {
            unit.strip_suffix('s').unwrap_or(unit)
        } else {
            unit
        };
        write!(f, "{} {unit}", self.value)
    }
}

/// A person's age: a number of days, weeks, months or years, from 0 up to 150 years (1800
/// months, 54 787.5 days), as `{"value": 9, "unit": "years"}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgeFields {
    /// The number of units: at least 0, and at most 150 years (1800 months, 54 787.5 days). It
    /// may have a fraction.
    value: f64,
    /// The unit the age is counted in.
    unit: AgeUnit,
}

impl<'de> Deserialize<'de> for Age {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Read from a JSON object only, never an array of the members (`[9, "years"]`).
        let fields: AgeFields =
            crate::object::from_object(deserializer, "an age object with value and unit")?;
        Self::new(fields.value, fields.unit).map_err(crate::error::invalid_value)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Age {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Age".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // One closed object per unit, since the largest value (150 years) depends on the unit.
        let unit = generator.subschema_for::<AgeUnit>();
        let variants: Vec<serde_json::Value> = AgeUnit::ALL
            .iter()
            .map(|u| {
                let mut unit = unit.clone();
                unit.insert("const".to_owned(), u.code().into());
                serde_json::json!({
                    "type": "object",
                    "properties": {
                        "value": {
                            "type": "number", "minimum": 0, "maximum": u.largest(),
                            "description": "The number of units, at least 0 and at most 150 years; it may have a fraction."
                        },
                        "unit": unit
                    },
                    "required": ["value", "unit"],
                    "additionalProperties": false
                })
            })
            .collect();
        schemars::json_schema!({
            "description": "A person's age: a number of days, weeks, months or years, from 0 up to 150 years (1800 months, 54 787.5 days), as {\"value\": 9, \"unit\": \"years\"}.",
            "oneOf": variants
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_age_is_150_years_in_every_unit() {
        for unit in AgeUnit::ALL {
            let max = Age::new(unit.largest(), *unit).unwrap();
            assert_eq!(max.in_days(), 150.0 * 365.25, "{unit}");
        }
    }
}
