//! Error types: one per concern.
//!
//! - [`ValueError`]: a single value is out of its domain (a viability of 140 %, a cell count of
//!   zero, an NCT id with seven digits). Raised by every newtype's constructor and, through
//!   `#[serde(try_from)]`, by deserialization.
//! - [`DocumentError`]: a whole document could not be read. It carries the path of the field that
//!   failed (`release.viability[0].percent`) and the reason.
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
    /// The number must be zero or above.
    #[error("{what} must not be negative, got {value}")]
    Negative {
        /// The quantity.
        what: &'static str,
        /// The value as given.
        value: f64,
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
/// [`DocumentError::path`] is the path of the field that failed, written the way
/// `serde_path_to_error` writes it: object keys joined by dots, list positions in brackets, as in
/// `release.viability[0].percent`. An unknown field is part of the path (`release.viabilty`); a
/// map key that is not a valid name is not (`release.identity.markers`: the message names the
/// key). The path is `"."` when the problem is the document as a whole: malformed JSON before
/// any field, a missing required field of the top-level object, text after the document.
///
/// [`DocumentError::message`] says what is wrong, without path or position.
/// [`DocumentError::line`] and [`DocumentError::column`] give the place in the JSON text where
/// the parser stopped. For a syntax error, an unknown field or an unknown name that is the
/// offending character or string; for a value out of its domain it is the end of the value, or,
/// when the value is the last one of its object, that object's closing brace. The path is the
/// precise locator; the position helps find the spot in a large file. `Display` joins the three
/// as serde_json does:
/// `release.viability[0].percent: percentage must be between 0 and 100, got 140 at line 4 column 33`.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::Product;
///
/// let err = Product::from_json(r#"{"name": "X", "tisue": "bone_marrow"}"#).unwrap_err();
/// assert_eq!(err.path(), "tisue");
/// assert!(err.message().starts_with("unknown field `tisue`, expected one of `name`"));
/// assert_eq!((err.line(), err.column()), (Some(1), Some(21)));
/// assert!(err.to_string().ends_with(" at line 1 column 21"));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct DocumentError {
    path: String,
    message: String,
    position: Option<(usize, usize)>,
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)?;
        if let Some((line, column)) = self.position {
            write!(f, " at line {line} column {column}")?;
        }
        Ok(())
    }
}

impl DocumentError {
    /// Builds an error for the field at `path`, with no position.
    #[must_use]
    pub fn new(path: impl Into<String>, message: impl fmt::Display) -> Self {
        Self {
            path: path.into(),
            message: message.to_string(),
            position: None,
        }
    }

    /// The same error, located at `line` and `column` (both counted from 1) of the source text.
    #[must_use]
    pub fn at_position(mut self, line: usize, column: usize) -> Self {
        self.position = Some((line, column));
        self
    }

    /// The path of the failing field (`"."` for the document itself).
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong, without the path or the position.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The line of the source text where the problem was found, counted from 1.
    #[must_use]
    pub fn line(&self) -> Option<usize> {
        self.position.map(|(line, _)| line)
    }

    /// The column of the source text where the problem was found, counted from 1; 0 when the
    /// text ends before the line's first character (an empty document).
    #[must_use]
    pub fn column(&self) -> Option<usize> {
        self.position.map(|(_, column)| column)
    }
}

/// Turns a `serde_json` error into a [`DocumentError`] at `path`, moving serde_json's
/// " at line L column C" suffix into the error's position.
#[cfg(feature = "json")]
fn json_error(path: String, err: &serde_json::Error) -> DocumentError {
    let text = err.to_string();
    if err.line() == 0 {
        return DocumentError::new(path, text);
    }
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let message = text.strip_suffix(&suffix).unwrap_or(&text);
    DocumentError::new(path, message).at_position(err.line(), err.column())
}

/// Parses a JSON document into `T`, reporting the path of the failing field.
///
/// Like `serde_json::from_str`, anything but white space after the document is an error.
#[cfg(feature = "json")]
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, DocumentError> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        // A map key that could not be read shows as a trailing `?` segment; the message already
        // names the key, so the path stops at the map.
        let path = match path.strip_suffix(".?") {
            Some(map) => map.to_owned(),
            None => path,
        };
        json_error(path, err.inner())
    })?;
    de.end().map_err(|err| json_error(".".to_owned(), &err))?;
    Ok(value)
}
