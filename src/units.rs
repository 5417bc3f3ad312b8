//! Validated newtypes for the numbers and identifiers of release testing and dosing.
//!
//! Each type checks its value on construction (`new`) and on deserialization
//! (`#[serde(try_from)]`), so a value of the type is always inside its domain.

use crate::ValueError;
use serde::{Deserialize, Serialize};
use std::fmt;

fn finite(what: &'static str, value: f64) -> Result<f64, ValueError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(ValueError::NotFinite { what, value })
    }
}

fn in_range(what: &'static str, value: f64, min: f64, max: f64) -> Result<f64, ValueError> {
    let value = finite(what, value)?;
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(ValueError::OutOfRange {
            what,
            value,
            min,
            max,
        })
    }
}

fn non_negative(what: &'static str, value: f64) -> Result<f64, ValueError> {
    let value = finite(what, value)?;
    if value >= 0.0 {
        Ok(value)
    } else {
        Err(ValueError::Negative { what, value })
    }
}

fn positive(what: &'static str, value: f64) -> Result<f64, ValueError> {
    let value = finite(what, value)?;
    if value > 0.0 {
        Ok(value)
    } else {
        Err(ValueError::NotPositive { what, value })
    }
}

/// Defines a finite `f64` newtype with a validating constructor.
macro_rules! float_newtype {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal, $check:expr, $schema:expr
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize)]
        #[serde(into = "f64")]
        pub struct $name(f64);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Self::new(f64::deserialize(deserializer)?).map_err(crate::error::invalid_value)
            }
        }

        impl $name {
            /// Validates and wraps `value`.
            ///
            /// # Errors
            ///
            /// A [`ValueError`] naming the quantity when `value` is outside the type's domain.
            pub fn new(value: f64) -> Result<Self, ValueError> {
                let check: fn(&'static str, f64) -> Result<f64, ValueError> = $check;
                check($what, value).map(Self)
            }

            /// Wraps a constant of the crate's own tables (policy defaults) without the runtime
            /// check; each use is covered by a test that `new` accepts the same value.
            #[allow(dead_code)]
            pub(crate) const fn from_table(value: f64) -> Self {
                Self(value)
            }

            /// The value as a plain number.
            #[must_use]
            pub const fn get(self) -> f64 {
                self.0
            }
        }

        impl TryFrom<f64> for $name {
            type Error = ValueError;
            fn try_from(value: f64) -> Result<Self, ValueError> {
                Self::new(value)
            }
        }

        impl From<$name> for f64 {
            fn from(value: $name) -> f64 {
                value.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        #[cfg(feature = "schemars")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                $schema
            }
        }
    };
}

float_newtype! {
    /// **A percentage, from 0 to 100 inclusive.**
    ///
    /// Used for viability (the share of cells alive) and for flow-cytometry results (the share of
    /// cells carrying a surface marker).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::Percent;
    ///
    /// assert_eq!(Percent::new(72.5)?.get(), 72.5);
    /// assert!(Percent::new(-1.0).is_err());
    /// # Ok::<(), msc_therapy::document::ValueError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ValueError::OutOfRange`] below 0 or above 100; [`ValueError::NotFinite`] for NaN or infinity.
    Percent, "percentage", |what, v| in_range(what, v, 0.0, 100.0),
    schemars::json_schema!({
        "type": "number", "minimum": 0, "maximum": 100,
        "description": "A percentage from 0 to 100 inclusive."
    })
}

float_newtype! {
    /// **A body weight in kilograms, above 0 and at most 700.**
    ///
    /// Needed to turn an absolute cell dose into a dose per kilogram, and for the endotoxin limit,
    /// which USP <85> states per kilogram of body weight.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::BodyWeightKg;
    ///
    /// assert_eq!(BodyWeightKg::new(70.0)?.get(), 70.0);
    /// assert!(BodyWeightKg::new(0.0).is_err());
    /// # Ok::<(), msc_therapy::document::ValueError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ValueError::OutOfRange`] outside (0, 700]; [`ValueError::NotFinite`] for NaN or infinity.
    BodyWeightKg, "body weight in kg", |what, v| {
        let v = positive(what, v)?;
        in_range(what, v, 0.0, 700.0)
    },
    schemars::json_schema!({
        "type": "number", "exclusiveMinimum": 0, "maximum": 700,
        "description": "Body weight in kilograms."
    })
}

float_newtype! {
    /// **A volume in millilitres, above 0.**
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::Millilitres;
    ///
    /// assert_eq!(Millilitres::new(3.8)?.get(), 3.8);
    /// # Ok::<(), msc_therapy::document::ValueError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ValueError::NotPositive`] for zero or less; [`ValueError::NotFinite`] for NaN or infinity.
    Millilitres, "volume in mL", positive,
    schemars::json_schema!({
        "type": "number", "exclusiveMinimum": 0,
        "description": "A volume in millilitres."
    })
}

float_newtype! {
    /// **An endotoxin concentration in endotoxin units per millilitre (EU/mL), 0 or above.**
    ///
    /// Endotoxins are fragments of bacterial cell walls that cause fever; the bacterial endotoxins
    /// test (USP <85>, the LAL test) reports them in EU/mL of the final product.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::EndotoxinEuPerMl;
    ///
    /// assert_eq!(EndotoxinEuPerMl::new(0.25)?.get(), 0.25);
    /// assert!(EndotoxinEuPerMl::new(-0.1).is_err());
    /// # Ok::<(), msc_therapy::document::ValueError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ValueError::Negative`] below 0; [`ValueError::NotFinite`] for NaN or infinity.
    EndotoxinEuPerMl, "endotoxin in EU/mL", non_negative,
    schemars::json_schema!({
        "type": "number", "minimum": 0,
        "description": "Endotoxin concentration in EU/mL."
    })
}

float_newtype! {
    /// **A number of cumulative population doublings in culture, 0 or above.**
    ///
    /// Each doubling is one round in which the culture's cell number doubles; it measures how far
    /// cells have been expanded more precisely than the passage number does.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::PopulationDoublings;
    ///
    /// assert_eq!(PopulationDoublings::new(12.5)?.get(), 12.5);
    /// # Ok::<(), msc_therapy::document::ValueError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ValueError::OutOfRange`] below 0 or above 200; [`ValueError::NotFinite`] for NaN or infinity.
    PopulationDoublings, "population doublings", |what, v| in_range(what, v, 0.0, 200.0),
    schemars::json_schema!({
        "type": "number", "minimum": 0, "maximum": 200,
        "description": "Cumulative population doublings in culture."
    })
}

float_newtype! {
    /// **A cell dose per kilogram of body weight, above 0 (cells/kg).**
    ///
    /// Systemic (intravenous) MSC doses are written this way: Ryoncil's label dose is
    /// 2 × 10⁶ cells/kg.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::CellsPerKg;
    ///
    /// assert_eq!(CellsPerKg::new(2e6)?.get(), 2e6);
    /// # Ok::<(), msc_therapy::document::ValueError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ValueError::NotPositive`] for zero or less; [`ValueError::NotFinite`] for NaN or infinity.
    CellsPerKg, "cells per kg", positive,
    schemars::json_schema!({
        "type": "number", "exclusiveMinimum": 0,
        "description": "Cells per kilogram of body weight."
    })
}

/// **A number of cells, a whole number of at least 1.**
///
/// Cell counts are read from JSON as numbers, so `1.2e8` and `120000000` both work; fractions,
/// zero and negative numbers are rejected.
///
/// # Examples
///
/// ```
/// use msc_therapy::vocab::CellCount;
///
/// let dose = CellCount::new(1.2e8)?;
/// assert_eq!(dose.get(), 120_000_000);
/// assert_eq!(dose.to_string(), "1.20 × 10^8");
/// assert!(CellCount::new(-5.0).is_err());
/// # Ok::<(), msc_therapy::document::ValueError>(())
/// ```
///
/// # Errors
///
/// [`ValueError::NotPositive`] below 1, [`ValueError::NotWhole`] for a fraction,
/// [`ValueError::OutOfRange`] above 10¹⁵, [`ValueError::NotFinite`] for NaN or infinity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "f64")]
pub struct CellCount(u64);

impl<'de> Deserialize<'de> for CellCount {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::new(f64::deserialize(deserializer)?).map_err(crate::error::invalid_value)
    }
}

impl CellCount {
    /// The largest count accepted: 10¹⁵ cells, far above any dose, below `f64`'s exact range.
    pub const MAX: u64 = 1_000_000_000_000_000;

    /// Validates and wraps `value`.
    ///
    /// # Errors
    ///
    /// See the type's documentation.
    pub fn new(value: f64) -> Result<Self, ValueError> {
        const WHAT: &str = "cell count";
        let value = positive(WHAT, value)?;
        if value.fract() != 0.0 {
            return Err(ValueError::NotWhole { what: WHAT, value });
        }
        #[allow(clippy::cast_precision_loss)]
        let max = Self::MAX as f64;
        if value > max {
            return Err(ValueError::OutOfRange {
                what: WHAT,
                value,
                min: 1.0,
                max,
            });
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(Self(value as u64))
    }

    /// Wraps a whole number of cells.
    ///
    /// # Errors
    ///
    /// [`ValueError::NotPositive`] for 0, [`ValueError::OutOfRange`] above [`CellCount::MAX`].
    pub fn from_u64(value: u64) -> Result<Self, ValueError> {
        #[allow(clippy::cast_precision_loss)]
        Self::new(value as f64)
    }

    /// Wraps a constant of the crate's own tables (policy defaults) without the runtime check;
    /// each use is covered by a test that `from_u64` accepts the same value.
    #[allow(dead_code)]
    pub(crate) const fn from_table(value: u64) -> Self {
        Self(value)
    }

    /// The count.
    #[must_use]
    pub const fn get(self) -> u64 {
        self.0
    }

    /// The count as `f64` (exact: counts are capped at 10¹⁵).
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub const fn as_f64(self) -> f64 {
        self.0 as f64
    }
}

impl TryFrom<f64> for CellCount {
    type Error = ValueError;
    fn try_from(value: f64) -> Result<Self, ValueError> {
        Self::new(value)
    }
}

impl TryFrom<u64> for CellCount {
    type Error = ValueError;

    /// See [`CellCount::from_u64`].
    fn try_from(value: u64) -> Result<Self, ValueError> {
        Self::from_u64(value)
    }
}

impl From<CellCount> for f64 {
    fn from(value: CellCount) -> f64 {
        value.as_f64()
    }
}

impl fmt::Display for CellCount {
    /// Scientific notation as labs write it: `1.20 × 10^8`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_scientific(f, self.as_f64())
    }
}

/// Writes `value` as `m.mm × 10^e` (or plainly below 1000).
pub(crate) fn write_scientific(f: &mut fmt::Formatter<'_>, value: f64) -> fmt::Result {
    if value.abs() < 1000.0 {
        return write!(f, "{value}");
    }
    #[allow(clippy::cast_possible_truncation)]
    let exp = value.abs().log10().floor() as i32;
    let mantissa = value / 10f64.powi(exp);
    write!(f, "{mantissa:.2} × 10^{exp}")
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for CellCount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CellCount".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number", "minimum": 1, "maximum": 1_000_000_000_000_000_u64, "multipleOf": 1,
            "description": "A whole number of cells (1.2e8 and 120000000 are both accepted)."
        })
    }
}

/// Defines a validated text newtype.
macro_rules! text_newtype {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal, $check:expr, $schema:expr
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Self::new(String::deserialize(deserializer)?).map_err(crate::error::invalid_value)
            }
        }

        impl $name {
            /// Validates and wraps `value`.
            ///
            /// # Errors
            ///
            /// A [`ValueError`] naming the field when `value` is empty or malformed.
            pub fn new(value: impl Into<String>) -> Result<Self, ValueError> {
                let value: String = value.into();
                let check: fn(&'static str, &str) -> Result<(), ValueError> = $check;
                check($what, &value)?;
                Ok(Self(value))
            }

            /// The text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = ValueError;
            fn try_from(value: String) -> Result<Self, ValueError> {
                Self::new(value)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = ValueError;
            fn try_from(value: &str) -> Result<Self, ValueError> {
                Self::new(value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = ValueError;
            fn from_str(s: &str) -> Result<Self, ValueError> {
                Self::new(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        #[cfg(feature = "schemars")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                $schema
            }
        }
    };
}

/// A character that shows nothing: Unicode white space (`char::is_whitespace`) or an invisible
/// formatting character (zero-width space, joiners, word joiner, byte-order mark).
fn is_invisible(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// The JSON Schema `pattern` of a text with at least one visible character: one character
/// outside the set [`is_invisible`] tests, spelt out because `\s` means different sets in
/// ECMAScript, Python and Rust regular expressions.
#[cfg(feature = "schemars")]
const VISIBLE_PATTERN: &str = "[^\\t\\n\\u000B\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200D\\u2028\\u2029\\u202F\\u205F\\u2060\\u3000\\uFEFF]";

fn non_blank(what: &'static str, value: &str) -> Result<(), ValueError> {
    if value.chars().all(is_invisible) {
        Err(ValueError::Empty { what })
    } else {
        Ok(())
    }
}

text_newtype! {
    /// **A text with at least one visible character**: names, descriptions, lot numbers.
    ///
    /// White space and invisible formatting characters alone (a zero-width space U+200B, the
    /// joiners U+200C/U+200D, the word joiner U+2060, a byte-order mark U+FEFF) are not a text:
    /// a name made of them would print as nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::Text;
    ///
    /// assert_eq!(Text::new("Lot 24-0117")?.as_str(), "Lot 24-0117");
    /// assert_eq!(Text::new("  ").unwrap_err().to_string(), "text must not be empty");
    /// # Ok::<(), msc_therapy::document::ValueError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ValueError::Empty`] for an empty string or one of only white space and invisible
    /// characters.
    Text, "text", non_blank,
    schemars::json_schema!({
        "type": "string", "minLength": 1, "pattern": VISIBLE_PATTERN,
        "description": "A text with at least one visible character (white space and zero-width characters alone are not a text)."
    })
}

fn iso_date(what: &'static str, value: &str) -> Result<jiff::civil::Date, ValueError> {
    let malformed = || ValueError::Malformed {
        what,
        expected: "a calendar date written YYYY-MM-DD",
        value: value.to_owned(),
    };
    let bytes = value.as_bytes();
    // jiff reads more forms than this one (signed years, week dates): the crate takes exactly
    // YYYY-MM-DD, then lets jiff check that the day exists.
    if bytes.len() != 10
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || !bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
    {
        return Err(malformed());
    }
    let number = |range: std::ops::Range<usize>| -> i16 {
        value[range]
            .bytes()
            .fold(0i16, |n, b| n * 10 + i16::from(b - b'0'))
    };
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    if year == 0 {
        // ISO 8601 needs an agreement to use year 0000, and Python's `date` has no year 0.
        return Err(malformed());
    }
    let (Ok(month), Ok(day)) = (i8::try_from(month), i8::try_from(day)) else {
        return Err(malformed());
    };
    jiff::civil::Date::new(year, month, day).map_err(|_| malformed())
}

/// **A calendar date written `YYYY-MM-DD`** (ISO 8601), checked to exist, from the year 0001
/// (the year 0000 is rejected, as Python's `datetime.date` and most databases do).
///
/// It holds a [`jiff::civil::Date`] (jiff's calendar date, which does the calendar arithmetic
/// and comparisons) and reads and writes the one text form above. The rule engines take the
/// evaluation date as a `jiff::civil::Date`; reports state it as an `IsoDate`.
///
/// # Examples
///
/// ```
/// use msc_therapy::vocab::IsoDate;
///
/// let approval = IsoDate::new("2024-12-18")?;
/// assert_eq!(approval.date(), jiff::civil::date(2024, 12, 18));
/// assert_eq!(approval.to_string(), "2024-12-18");
/// assert_eq!(
///     IsoDate::new("2023-02-29").unwrap_err().to_string(),
///     "date must be a calendar date written YYYY-MM-DD, got \"2023-02-29\""
/// );
/// # Ok::<(), msc_therapy::document::ValueError>(())
/// ```
///
/// # Errors
///
/// [`ValueError::Malformed`] when the text is not a real date in that form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate(jiff::civil::Date);

impl IsoDate {
    /// Validates and wraps `value`.
    ///
    /// # Errors
    ///
    /// [`ValueError::Malformed`] when `value` is not a date that exists, written `YYYY-MM-DD`.
    pub fn new(value: impl AsRef<str>) -> Result<Self, ValueError> {
        iso_date("date", value.as_ref()).map(Self)
    }

    /// The date, as jiff's calendar date.
    #[must_use]
    pub const fn date(self) -> jiff::civil::Date {
        self.0
    }

    /// `YYYY-MM-DD`, written into a fixed buffer.
    fn text(self) -> [u8; 10] {
        let mut out = *b"0000-00-00";
        let mut put = |at: usize, width: usize, mut n: u32| {
            for i in (0..width).rev() {
                out[at + i] = b'0' + (n % 10) as u8;
                n /= 10;
            }
        };
        put(0, 4, u32::try_from(self.0.year()).unwrap_or(0));
        put(5, 2, u32::try_from(self.0.month()).unwrap_or(0));
        put(8, 2, u32::try_from(self.0.day()).unwrap_or(0));
        out
    }
}

impl From<jiff::civil::Date> for IsoDate {
    /// Wraps a jiff date. A date before the year 0001 (which jiff allows) is held as it is and
    /// written with its year's last four digits; the crate's own parsing never makes one.
    fn from(date: jiff::civil::Date) -> Self {
        Self(date)
    }
}

impl From<IsoDate> for jiff::civil::Date {
    fn from(date: IsoDate) -> Self {
        date.0
    }
}

impl PartialEq<jiff::civil::Date> for IsoDate {
    fn eq(&self, other: &jiff::civil::Date) -> bool {
        self.0 == *other
    }
}

impl PartialOrd<jiff::civil::Date> for IsoDate {
    fn partial_cmp(&self, other: &jiff::civil::Date) -> Option<std::cmp::Ordering> {
        self.0.partial_cmp(other)
    }
}

impl TryFrom<&str> for IsoDate {
    type Error = ValueError;
    fn try_from(value: &str) -> Result<Self, ValueError> {
        Self::new(value)
    }
}

impl TryFrom<String> for IsoDate {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, ValueError> {
        Self::new(value)
    }
}

impl std::str::FromStr for IsoDate {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        Self::new(s)
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.text();
        f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?)
    }
}

impl Serialize for IsoDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self.text();
        serializer.serialize_str(std::str::from_utf8(&text).map_err(serde::ser::Error::custom)?)
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Self::new(&*text).map_err(crate::error::invalid_value)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for IsoDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "IsoDate".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string", "format": "date",
            "pattern": "^(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$",
            "description": "A calendar date, YYYY-MM-DD, that exists (no 30 February), from the year 0001."
        })
    }
}

/// **A culture passage number**: how many times cells were detached and re-seeded into new
/// vessels (P0 is the primary culture). At most 100.
///
/// # Examples
///
/// ```
/// use msc_therapy::vocab::Passage;
///
/// assert_eq!(Passage::new(4)?.get(), 4);
/// assert!(Passage::new(101).is_err());
/// # Ok::<(), msc_therapy::document::ValueError>(())
/// ```
///
/// # Errors
///
/// [`ValueError::OutOfRange`] above 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "u32")]
pub struct Passage(u32);

impl<'de> Deserialize<'de> for Passage {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::new(u32::deserialize(deserializer)?).map_err(crate::error::invalid_value)
    }
}

impl Passage {
    /// The highest passage number accepted.
    pub const MAX: u32 = 100;

    /// Validates and wraps `value`.
    ///
    /// # Errors
    ///
    /// [`ValueError::OutOfRange`] above [`Passage::MAX`].
    pub fn new(value: u32) -> Result<Self, ValueError> {
        if value > Self::MAX {
            Err(ValueError::OutOfRange {
                what: "passage number",
                value: f64::from(value),
                min: 0.0,
                max: f64::from(Self::MAX),
            })
        } else {
            Ok(Self(value))
        }
    }

    /// The passage number.
    #[must_use]
    pub const fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for Passage {
    type Error = ValueError;
    fn try_from(value: u32) -> Result<Self, ValueError> {
        Self::new(value)
    }
}

impl From<Passage> for u32 {
    fn from(value: Passage) -> u32 {
        value.0
    }
}

impl fmt::Display for Passage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "P{}", self.0)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Passage {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Passage".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "integer", "minimum": 0, "maximum": 100,
            "description": "Culture passage number (P0 = primary culture)."
        })
    }
}

float_newtype! {
    /// **Colony-forming units (fibroblast) per million cells plated**, from 0 to 1,000,000.
    ///
    /// The CFU-F assay grows cells at low density and counts the colonies that form; it is the
    /// functional test that living MSC-like cells are present. Published tests of commercial
    /// umbilical-cord products found viable cells but no CFU-F at all (Berger et al. 2021).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::CfuFrequency;
    ///
    /// assert_eq!(CfuFrequency::new(0.0)?.get(), 0.0);
    /// assert!(CfuFrequency::new(-1.0).is_err());
    /// # Ok::<(), msc_therapy::document::ValueError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ValueError::OutOfRange`] outside 0 to 1,000,000; [`ValueError::NotFinite`] for NaN or infinity.
    CfuFrequency, "CFU-F per million cells", |what, v| in_range(what, v, 0.0, 1e6),
    schemars::json_schema!({
        "type": "number", "minimum": 0, "maximum": 1000000,
        "description": "Colony-forming units (fibroblast) per million cells plated."
    })
}

fn nct_id(what: &'static str, value: &str) -> Result<(), ValueError> {
    let digits = value.strip_prefix("NCT");
    if digits.is_some_and(|d| d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit())) {
        Ok(())
    } else {
        Err(ValueError::Malformed {
            what,
            expected: "NCT followed by 8 digits",
            value: value.to_owned(),
        })
    }
}

text_newtype! {
    /// **A ClinicalTrials.gov registry number**: `NCT` followed by exactly 8 digits, e.g.
    /// `NCT02336230` (the single-arm trial behind Ryoncil's approval).
    ///
    /// Every trial registered on ClinicalTrials.gov gets one; a patient can paste it into the
    /// registry's search box to see the trial's phase, status and results. Letters must be upper
    /// case, as the registry writes them.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::NctId;
    ///
    /// let id = NctId::new("NCT02336230")?;
    /// assert_eq!(id.as_str(), "NCT02336230");
    /// assert_eq!(
    ///     NctId::new("NCT1234567").unwrap_err().to_string(),
    ///     "NCT id must be NCT followed by 8 digits, got \"NCT1234567\""
    /// );
    /// # Ok::<(), msc_therapy::document::ValueError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ValueError::Malformed`] when the text is not `NCT` followed by exactly 8 digits.
    NctId, "NCT id", nct_id,
    schemars::json_schema!({
        "type": "string", "pattern": "^NCT[0-9]{8}$",
        "description": "A ClinicalTrials.gov registry number: NCT followed by 8 digits."
    })
}

fn currency_code(what: &'static str, value: &str) -> Result<(), ValueError> {
    if value.len() == 3 && value.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(ValueError::Malformed {
            what,
            expected: "three upper-case letters (ISO 4217, e.g. USD)",
            value: value.to_owned(),
        })
    }
}

text_newtype! {
    /// **A currency code in the form of ISO 4217**: three upper-case letters such as `USD`,
    /// `EUR` or `JPY`.
    ///
    /// Only the form is checked, not membership in the ISO list (which changes over time).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::CurrencyCode;
    ///
    /// assert_eq!(CurrencyCode::new("USD")?.as_str(), "USD");
    /// assert_eq!(
    ///     CurrencyCode::new("usd").unwrap_err().to_string(),
    ///     "currency code must be three upper-case letters (ISO 4217, e.g. USD), got \"usd\""
    /// );
    /// # Ok::<(), msc_therapy::document::ValueError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ValueError::Malformed`] when the text is not three upper-case ASCII letters.
    CurrencyCode, "currency code", currency_code,
    schemars::json_schema!({
        "type": "string", "pattern": "^[A-Z]{3}$",
        "description": "An ISO 4217 currency code: three upper-case letters."
    })
}

float_newtype! {
    /// **An amount of money, 0 or above**, in the unit of a [`CurrencyCode`].
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::MoneyAmount;
    ///
    /// assert_eq!(MoneyAmount::new(5000.0)?.get(), 5000.0);
    /// assert!(MoneyAmount::new(-1.0).is_err());
    /// # Ok::<(), msc_therapy::document::ValueError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ValueError::OutOfRange`] below 0; [`ValueError::NotFinite`] for NaN or infinity.
    MoneyAmount, "amount of money", |what, v| in_range(what, v, 0.0, f64::MAX),
    schemars::json_schema!({
        "type": "number", "minimum": 0,
        "description": "An amount of money in the offer's currency."
    })
}
