//! Error types: one per concern.
//!
//! - [`UnknownCode`]: a string that is not one of a vocabulary's machine names
//!   (`"bone_marow".parse::<TissueSource>()`); it names the input and lists the allowed codes.
//! - [`ValueError`]: a single value is out of its domain (a viability of 140 %, a cell count of
//!   zero, an NCT id with seven digits). Raised by every newtype's constructor and, through
//!   `#[serde(try_from)]`, by deserialization.
//! - [`DocumentError`]: a whole document could not be read. It carries the path of the field that
//!   failed (`release.viability[0].percent`) and the reason.
//!
//! Rule engines never fail: once a document has been parsed it is valid, and a missing fact is a
//! finding with the outcome "undetermined", not an error.

use std::borrow::Cow;
use std::fmt;

/// The most characters of a bad value an error message repeats; longer values are cut to
/// [`SHOWN_PREFIX`] characters and marked with `…`.
const SHOWN_MAX: usize = 40;

/// How many characters of a long bad value an error message shows.
const SHOWN_PREFIX: usize = 32;

/// The first characters of `value`, cut when it is long, so that an error message never repeats
/// more than a short prefix of what it rejects.
fn prefix(value: &str) -> Cow<'_, str> {
    if value.chars().count() <= SHOWN_MAX {
        Cow::Borrowed(value)
    } else {
        let end = value
            .char_indices()
            .nth(SHOWN_PREFIX)
            .map_or(value.len(), |(i, _)| i);
        Cow::Owned(format!("{}…", &value[..end]))
    }
}

/// `value` quoted as Rust's `Debug` writes strings, cut by [`prefix`].
fn shown(value: &str) -> String {
    format!("{:?}", prefix(value))
}

/// `value` as is, cut by [`prefix`].
fn shown_plain(value: &str) -> Cow<'_, str> {
    prefix(value)
}

/// **A value outside the domain of its type.**
///
/// Each variant names the quantity (`what`) and the offending value, so that the message alone
/// tells a user what to fix.
///
/// # Examples
///
/// ```
/// use msc_therapy::document::ValueError;
/// use msc_therapy::vocab::Percent;
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
    #[error("{what} must be {expected}, got {}", shown(.value))]
    Malformed {
        /// The field.
        what: &'static str,
        /// The form expected, e.g. `"NCT followed by 8 digits"`.
        expected: &'static str,
        /// The value as given.
        value: String,
    },
    /// A collection holds the same key twice.
    #[error("{what} lists {} more than once", shown_plain(.key))]
    Duplicate {
        /// The collection.
        what: &'static str,
        /// The repeated key.
        key: String,
    },
}

/// **A string that is not one of a vocabulary's machine names.**
///
/// Returned by `FromStr` (and `TryFrom<&str>`) of every vocabulary enum. The message names the
/// vocabulary and the input and lists every code the vocabulary accepts, so that a user can see
/// at once whether the input is misspelt or from another vocabulary.
///
/// # Examples
///
/// ```
/// use msc_therapy::vocab::TissueSource;
///
/// let err = "bone_marow".parse::<TissueSource>().unwrap_err();
/// assert_eq!(err.input(), "bone_marow");
/// assert_eq!(err.vocabulary(), "TissueSource");
/// assert!(err.allowed().contains(&"bone_marrow"));
/// assert!(err
///     .to_string()
///     .starts_with("unknown tissue source `bone_marow`, expected one of `bone_marrow`, "));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnknownCode {
    vocabulary: &'static str,
    input: String,
    allowed: &'static [&'static str],
}

impl UnknownCode {
    /// The error for `input`, which is none of `allowed`, the codes of `vocabulary` (the enum's
    /// name, e.g. `"TissueSource"`).
    #[must_use]
    pub fn new(
        vocabulary: &'static str,
        input: impl Into<String>,
        allowed: &'static [&'static str],
    ) -> Self {
        Self {
            vocabulary,
            input: input.into(),
            allowed,
        }
    }

    /// The name of the vocabulary (the enum), e.g. `"TissueSource"`.
    #[must_use]
    pub fn vocabulary(&self) -> &'static str {
        self.vocabulary
    }

    /// The string that was given.
    #[must_use]
    pub fn input(&self) -> &str {
        &self.input
    }

    /// Every code the vocabulary accepts, in table order.
    #[must_use]
    pub fn allowed(&self) -> &'static [&'static str] {
        self.allowed
    }
}

impl fmt::Display for UnknownCode {
    /// `unknown tissue source `bone_marow`, expected one of `bone_marrow`, `adipose`, …`: the
    /// vocabulary's name in words, the input (cut when long) and every allowed code.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown ")?;
        for (i, c) in self.vocabulary.char_indices() {
            if c.is_ascii_uppercase() {
                let after_lower = self.vocabulary[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|p| p.is_ascii_lowercase());
                if after_lower {
                    f.write_str(" ")?;
                }
                write!(f, "{}", c.to_ascii_lowercase())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        write!(f, " `{}`, expected one of ", prefix(&self.input))?;
        for (i, code) in self.allowed.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{code}`")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownCode {}

/// **What kind of problem made a document unreadable**: the key to match on, where
/// [`DocumentError::message`] is the text to show.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{DocumentErrorKind, Product};
///
/// let err = Product::from_json(r#"{"name": "X", "tissue": "bone_marow"}"#).unwrap_err();
/// assert_eq!(err.kind(), DocumentErrorKind::UnknownCode);
/// assert_eq!(err.path(), "tissue");
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DocumentErrorKind {
    /// The text is not JSON: a trailing comma, a comment, an unclosed string, `NaN`, text after
    /// the document, a byte-order mark, an empty document. The path is as far as the parser got
    /// (`.` when the problem is outside any field: text after the document, a comment before
    /// the first key).
    Syntax,
    /// An object has a member the document type does not define (a misspelt field name). The
    /// path ends with the unknown name.
    UnknownField,
    /// A required member is missing. The path is the object that lacks it.
    MissingField,
    /// An object names the same member or map key twice. The path ends with the repeated name.
    DuplicateField,
    /// A value has the wrong JSON type: an array where an object is expected, a number where a
    /// code is expected.
    WrongType,
    /// A string is not one of its vocabulary's codes.
    UnknownCode,
    /// A value of the right type lies outside its domain: a viability of 140 %, a date that
    /// does not exist. [`std::error::Error::source`] is the [`ValueError`] when the crate's
    /// own check failed.
    InvalidValue,
    /// A list, an object or a string exceeds the documented input limits (10 000 entries,
    /// 1 MiB per string).
    TooLarge,
    /// Reading the input failed (`from_reader`).
    Io,
}

/// A conversion that cannot fail (a validated value passed where one is expected) is never a
/// value error; this lets the builders take either a plain value or the validated type.
impl From<std::convert::Infallible> for ValueError {
    fn from(never: std::convert::Infallible) -> Self {
        match never {}
    }
}

/// **A document (product, offer, policy) that could not be read.**
///
/// [`DocumentError::kind`] says what kind of problem it is, [`DocumentError::path`] where: the
/// path of the field that failed, written the way `serde_path_to_error` writes it: object keys
/// joined by dots, list positions in brackets, as in `release.viability[0].percent`. An unknown
/// or repeated field is part of the path (`release.viabilty`), and so is a map key that is not a
/// valid name or is repeated (`release.identity.markers.cd7e`); a long name is cut to a short
/// prefix, as in messages. The path is `"."` when the problem
/// is the document as a whole: a syntax error outside any field (a trailing comma after the
/// last member, a comment, text after the document, a byte-order mark), a missing required
/// field of the top-level object, a document that is not an object.
///
/// [`DocumentError::message`] says what is wrong, without path or position; it never repeats
/// more than a short prefix of a bad value. [`DocumentError::line`] and
/// [`DocumentError::column`] give the place in the JSON text where the parser stopped. For a
/// syntax error, an unknown field or an unknown name that is the offending character or string;
/// for a value out of its domain it is the end of the value, or, when the value is the last one
/// of its object, that object's closing brace. The path is the precise locator; the position
/// helps find the spot in a large file. `Display` joins the three as serde_json does:
/// `release.viability[0].percent: percentage must be between 0 and 100, got 140 at line 4 column 33`.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{DocumentErrorKind, Product};
///
/// let err = Product::from_json(r#"{"name": "X", "tisue": "bone_marrow"}"#).unwrap_err();
/// assert_eq!(err.kind(), DocumentErrorKind::UnknownField);
/// assert_eq!(err.path(), "tisue");
/// assert!(err.message().starts_with("unknown field `tisue`, expected one of `name`"));
/// assert_eq!((err.line(), err.column()), (Some(1), Some(21)));
/// assert!(err.to_string().ends_with(" at line 1 column 21"));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentError {
    kind: DocumentErrorKind,
    path: String,
    message: String,
    position: Option<(usize, usize)>,
    source: Option<Box<ValueError>>,
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

impl std::error::Error for DocumentError {
    /// The [`ValueError`] behind an [`DocumentErrorKind::InvalidValue`] (or a repeated map key).
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl DocumentError {
    /// Builds an error of `kind` for the field at `path`, with no position.
    #[must_use]
    pub fn new(
        kind: DocumentErrorKind,
        path: impl Into<String>,
        message: impl fmt::Display,
    ) -> Self {
        Self {
            kind,
            path: path.into(),
            message: message.to_string(),
            position: None,
            source: None,
        }
    }

    /// An [`DocumentErrorKind::InvalidValue`] error at `path` whose message and source are
    /// `error`.
    #[must_use]
    pub fn invalid_value(path: impl Into<String>, error: ValueError) -> Self {
        let mut this = Self::new(DocumentErrorKind::InvalidValue, path, &error);
        this.source = Some(Box::new(error));
        this
    }

    /// The same error for a field of a document nested at `prefix` (`release`): the path
    /// becomes `release.viability[0].percent`.
    #[must_use]
    pub(crate) fn within(mut self, prefix: &str) -> Self {
        self.path = if self.path == "." {
            prefix.to_owned()
        } else if self.path.starts_with('[') {
            format!("{prefix}{}", self.path)
        } else {
            format!("{prefix}.{}", self.path)
        };
        self
    }

    /// Changes the kind (a builder's repeated marker is a duplicate, not a value out of range).
    pub(crate) fn set_kind(&mut self, kind: DocumentErrorKind) {
        self.kind = kind;
    }

    /// The same error, located at `line` and `column` (both counted from 1) of the source text.
    #[must_use]
    pub fn at_position(mut self, line: usize, column: usize) -> Self {
        self.position = Some((line, column));
        self
    }

    /// What kind of problem it is.
    #[must_use]
    pub fn kind(&self) -> DocumentErrorKind {
        self.kind
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

    /// The [`ValueError`] behind the problem, when the crate's own check of a value failed.
    #[must_use]
    pub fn value_error(&self) -> Option<&ValueError> {
        self.source.as_deref()
    }
}

/// What the crate's own checks report while serde is deserializing, kept aside (per thread)
/// because serde's error type carries only a message.
#[derive(Debug, Clone)]
#[cfg_attr(not(feature = "json"), allow(dead_code))]
enum Cause {
    /// A newtype's check failed.
    Value(ValueError),
    /// A map key was repeated; the key is added to the path.
    DuplicateKey(String, ValueError),
    /// An input limit was exceeded.
    TooLarge,
}

thread_local! {
    static CAUSE: std::cell::RefCell<Option<(String, Cause)>> =
        const { std::cell::RefCell::new(None) };
}

fn set_cause(message: String, cause: Cause) {
    CAUSE.with(|slot| *slot.borrow_mut() = Some((message, cause)));
}

#[cfg(feature = "json")]
fn take_cause() -> Option<(String, Cause)> {
    CAUSE.with(|slot| slot.borrow_mut().take())
}

/// The deserialization error for a value that failed its newtype's check; keeps the
/// [`ValueError`] so that [`DocumentError`] can give it as its source.
pub(crate) fn invalid_value<E: serde::de::Error>(error: ValueError) -> E {
    let message = error.to_string();
    let err = E::custom(&message);
    set_cause(message, Cause::Value(error));
    err
}

/// The deserialization error for a map key given twice (`error` says so); the key becomes part
/// of the path.
pub(crate) fn duplicate_key<E: serde::de::Error>(key: &str, error: ValueError) -> E {
    let message = error.to_string();
    let err = E::custom(&message);
    set_cause(message, Cause::DuplicateKey(key.to_owned(), error));
    err
}

/// The deserialization error for an input limit exceeded.
#[cfg(feature = "json")]
pub(crate) fn too_large<E: serde::de::Error>(message: String) -> E {
    let err = E::custom(&message);
    set_cause(message, Cause::TooLarge);
    err
}

/// `path` followed by the member `key`.
#[cfg(feature = "json")]
fn join(path: &str, key: &str) -> String {
    if path == "." || path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The name between the first pair of backticks of `message`.
#[cfg(feature = "json")]
fn quoted(message: &str) -> Option<&str> {
    let (_, rest) = message.split_once('`')?;
    rest.split_once('`').map(|(name, _)| name)
}

/// Cuts every `` `…` `` or `"…"` span of a serde message longer than a short prefix, so that a
/// message never repeats a long bad value.
#[cfg(feature = "json")]
fn cut_values(message: &str) -> Cow<'_, str> {
    let long = |quote: char| {
        let mut parts = message.split(quote).skip(1).step_by(2);
        parts.any(|inner| inner.chars().count() > SHOWN_MAX)
    };
    if !long('`') && !long('"') {
        return Cow::Borrowed(message);
    }
    let mut out = String::with_capacity(SHOWN_MAX * 4);
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '`' || c == '"' {
            let mut inner = String::new();
            let mut escaped = false;
            let mut closed = false;
            for d in chars.by_ref() {
                if d == c && !escaped {
                    closed = true;
                    break;
                }
                escaped = d == '\\' && !escaped;
                inner.push(d);
            }
            out.push_str(&prefix(&inner));
            if closed {
                out.push(c);
            }
        }
    }
    Cow::Owned(out)
}

/// Turns a `serde_json` error at `path` into a [`DocumentError`], moving serde_json's
/// " at line L column C" suffix into the error's position and deciding the kind.
#[cfg(feature = "json")]
fn json_error(path: String, err: &serde_json::Error) -> DocumentError {
    use serde_json::error::Category;
    let text = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let message = if err.line() == 0 {
        text.as_str()
    } else {
        text.strip_suffix(&suffix).unwrap_or(&text)
    };
    let cause = take_cause().filter(|(expected, _)| message.starts_with(expected.as_str()));
    let (kind, path, source) = match err.classify() {
        Category::Syntax | Category::Eof => (DocumentErrorKind::Syntax, path, None),
        Category::Io => (DocumentErrorKind::Io, ".".to_owned(), None),
        Category::Data => match cause {
            Some((_, Cause::Value(error))) => (DocumentErrorKind::InvalidValue, path, Some(error)),
            Some((_, Cause::DuplicateKey(key, error))) => (
                DocumentErrorKind::DuplicateField,
                join(&path, &key),
                Some(error),
            ),
            Some((_, Cause::TooLarge)) => (DocumentErrorKind::TooLarge, path, None),
            None => {
                let kind = if message.starts_with("unknown field") {
                    DocumentErrorKind::UnknownField
                } else if message.starts_with("missing field") {
                    DocumentErrorKind::MissingField
                } else if message.starts_with("duplicate field") {
                    DocumentErrorKind::DuplicateField
                } else if message.starts_with("invalid type")
                    || message.starts_with("invalid length")
                {
                    DocumentErrorKind::WrongType
                } else if message.starts_with("unknown variant") {
                    DocumentErrorKind::UnknownCode
                } else {
                    DocumentErrorKind::InvalidValue
                };
                let path = match (kind, quoted(message)) {
                    (DocumentErrorKind::DuplicateField, Some(key)) => join(&path, key),
                    _ => path,
                };
                (kind, path, None)
            }
        },
    };
    let path = if path.len() > SHOWN_MAX {
        path.split('.').map(prefix).collect::<Vec<_>>().join(".")
    } else {
        path
    };
    let mut error = DocumentError::new(kind, path, cut_values(message));
    error.source = source.map(Box::new);
    if err.line() != 0 {
        error = error.at_position(err.line(), err.column());
    }
    error
}

/// The error for a document that starts with a UTF-8 byte-order mark.
#[cfg(feature = "json")]
fn byte_order_mark() -> DocumentError {
    DocumentError::new(
        DocumentErrorKind::Syntax,
        ".",
        "the document starts with a byte-order mark (U+FEFF), which JSON does not allow; save it \
         as UTF-8 without a BOM",
    )
    .at_position(1, 1)
}

/// Parses a JSON document into `T` through [`crate::de::Strict`]: fast, with plain serde, and,
/// only when that fails, once more with path tracking to say where.
///
/// Like `serde_json::from_str`, anything but white space after the document is an error.
#[cfg(feature = "json")]
fn parse<'a, T, R>(read: impl Fn() -> R) -> Result<T, DocumentError>
where
    T: serde::de::DeserializeOwned,
    R: serde_json::de::Read<'a>,
{
    use crate::de::Strict;

    take_cause();
    let mut de = serde_json::Deserializer::new(read());
    let fast = T::deserialize(Strict(&mut de)).and_then(|value| de.end().map(|()| value));
    let fast_error = match fast {
        Ok(value) => return Ok(value),
        Err(err) => err,
    };
    let mut de = serde_json::Deserializer::new(read());
    let mut track = serde_path_to_error::Track::new();
    take_cause();
    let slow = T::deserialize(Strict(serde_path_to_error::Deserializer::new(
        &mut de, &mut track,
    )));
    match slow {
        Err(err) => {
            let path = track.path().to_string();
            // A map key that could not be read shows as a trailing `?` segment; the message
            // already names the key, so the path stops at the map.
            let path = match path.strip_suffix(".?") {
                Some(map) => map.to_owned(),
                None if path == "?" => ".".to_owned(),
                None => path,
            };
            Err(json_error(path, &err))
        }
        Ok(_) => Err(json_error(
            ".".to_owned(),
            &de.end().err().unwrap_or(fast_error),
        )),
    }
}

/// Parses a JSON document held in a string into `T`.
#[cfg(feature = "json")]
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, DocumentError> {
    if json.starts_with('\u{feff}') {
        return Err(byte_order_mark());
    }
    parse(|| serde_json::de::StrRead::new(json))
}

/// Parses a JSON document held in bytes (UTF-8) into `T`.
#[cfg(feature = "json")]
pub(crate) fn from_slice<T: serde::de::DeserializeOwned>(json: &[u8]) -> Result<T, DocumentError> {
    if json.starts_with(b"\xEF\xBB\xBF") {
        return Err(byte_order_mark());
    }
    parse(|| serde_json::de::SliceRead::new(json))
}

/// Reads a document already held as a [`serde_json::Value`] into `T` through the same
/// [`crate::de::Strict`] reader as [`from_json`] (the same checks and limits, without writing the
/// value out as text and reading it back); `None` when it is not a valid `T`. For the what-if
/// search, which only needs to know whether a changed document is valid.
#[cfg(feature = "json")]
pub(crate) fn from_value<T: serde::de::DeserializeOwned>(value: &serde_json::Value) -> Option<T> {
    let read = T::deserialize(crate::de::Strict(value)).ok();
    if read.is_none() {
        // The failed check's cause is not wanted: nothing reports this error.
        take_cause();
    }
    read
}

/// Reads a whole JSON document from `reader` and parses it into `T`.
#[cfg(feature = "json")]
pub(crate) fn from_reader<T: serde::de::DeserializeOwned>(
    mut reader: impl std::io::Read,
) -> Result<T, DocumentError> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(|err| {
        DocumentError::new(
            DocumentErrorKind::Io,
            ".",
            format!("cannot read the document: {err}"),
        )
    })?;
    from_slice(&bytes)
}
