//! Error types: one per concern.
//!
//! - [`ValueError`]: a single value is out of its domain (a viability of 140 %, a cell count of
//!   zero, an NCT id with seven digits). Raised by every newtype's constructor and, through
//!   `#[serde(try_from)]`, by deserialization.
//! - [`DocumentError`]: a whole document could not be read. It carries the path of the field that
//!   failed (`release.viability.percent`) and the reason.
//!
//! Rule engines never fail: once a document has been parsed it is valid, and a missing fact is a
//! finding with the outcome "undetermined", not an error.

use std::fmt;

/// **A value outside the domain of its type.**
///
/// Each variant names the quantity (`what`) and the offending value, so that the message alone
/// tells a user what to fix.
///
/// # Examples
///
/// ```
/// use msc_therapy::{Percent, ValueError};
///
/// let err = Percent::new(140.0).unwrap_err();
/// assert_eq!(err.to_string(), "percentage must be between 0 and 100, got 140");
/// assert!(matches!(err, ValueError::OutOfRange { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ValueError {
    /// The number is NaN or infinite.
    #[error("{what} must be a finite number, got {value}")]
    NotFinite {
        /// The quantity, e.g. `"percentage"`.
        what: &'static str,
        /// The value as given.
        value: f64,
    },
    /// The number lies outside its closed range.
    #[error("{what} must be between {min} and {max}, got {value}")]
    OutOfRange {
        /// The quantity.
        what: &'static str,
        /// The value as given.
        value: f64,
        /// The smallest value allowed.
        min: f64,
        /// The largest value allowed.
        max: f64,
    },
    /// The number must be above zero.
    #[error("{what} must be greater than zero, got {value}")]
    NotPositive {
        /// The quantity.
        what: &'static str,
        /// The value as given.
        value: f64,
    },
    /// The number must be a whole number.
    #[error("{what} must be a whole number, got {value}")]
    NotWhole {
        /// The quantity.
        what: &'static str,
        /// The value as given.
        value: f64,
    },
    /// A text field is empty or only white space.
    #[error("{what} must not be empty")]
    Empty {
        /// The field.
        what: &'static str,
    },
    /// A text value does not have the required form.
    #[error("{what} must be {expected}, got {value:?}")]
    Malformed {
        /// The field.
        what: &'static str,
        /// The form expected, e.g. `"NCT followed by 8 digits"`.
        expected: &'static str,
        /// The value as given.
        value: String,
    },
    /// A collection holds the same key twice.
    #[error("{what} lists {key} more than once")]
    Duplicate {
        /// The collection.
        what: &'static str,
        /// The repeated key.
        key: String,
    },
}

/// **A document (product, offer, policy) that could not be read.**
///
/// `path` is the dotted path of the field that failed, as in `release.viability.percent` or
/// `identity.markers.cd73`; it is `"."` when the problem is the document itself (e.g. malformed
/// JSON at the first byte).
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::Product;
///
/// let err = Product::from_json(r#"{"name": "X", "tisue": "bone_marrow"}"#).unwrap_err();
/// assert_eq!(err.path(), "tisue");
/// assert!(err.to_string().contains("unknown field `tisue`"));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct DocumentError {
    path: String,
    message: String,
}

impl DocumentError {
    /// Builds an error for the field at `path`.
    #[must_use]
    pub fn new(path: impl Into<String>, message: impl fmt::Display) -> Self {
        Self {
            path: path.into(),
            message: message.to_string(),
        }
    }

    /// The dotted path of the failing field (`"."` for the document itself).
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong, without the path.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Parses a JSON document into `T`, reporting the path of the failing field.
#[cfg(feature = "json")]
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, DocumentError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    let value: T = serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        // serde_json appends " at line L column C"; keep it, it helps people find the spot.
        DocumentError::new(path, inner)
    })?;
    Ok(value)
}
