//! The crate's JSON writer: compact JSON, byte for byte what `serde_json::to_writer` writes,
//! with a fast path for strings.
//!
//! serde_json looks up every byte of every string in an escape table, one byte at a time. Most
//! strings of an output (keys, codes, rule ids, names) need no escape at all, so this writer
//! first checks a string 16 bytes at a time with a branch-free fold that the compiler turns into
//! vector compares, and copies a clean string in one `extend_from_slice`. A string that holds a
//! byte JSON escapes (`"`, `\`, a control character below U+0020) is copied in clean runs
//! between such bytes (the rest of the string checked chunk by chunk again after each), and each
//! such byte is escaped exactly as serde_json escapes it: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`,
//! `\t`, any other control character as `\u00xx` in lower-case hex; DEL, U+2028, U+2029 and
//! every other character are written as they are.
//!
//! Numbers are written by serde_json's own [`CompactFormatter`], so their digits are serde_json's;
//! a NaN or infinite float is written as `null`, as serde_json writes it. The whole serde data
//! model is covered the way serde_json covers it (unit → `null`, newtype variant → `{"name":v}`,
//! bytes → an array of numbers, map keys that are strings, unit variants, integers, booleans or
//! chars → strings, any other key an error). serde_json's `arbitrary_precision` and `raw_value`
//! features (off in this crate) are not mirrored: the crate's outputs hold no `serde_json` value.
//! One case is not serde_json's: a `Display` implementation that fails inside `collect_str` is
//! an error here, where serde_json panics ("there should be an error").

use serde::Serialize;
use serde::ser::{self, Impossible};
use serde_json::ser::{CompactFormatter, Formatter};
use std::fmt::{self, Display};
use std::io;

/// **Why a value could not be written as JSON.** The messages are serde_json's.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Error {
    /// A map key is not a string, a unit variant, a number, a boolean or a char.
    #[error("key must be a string")]
    KeyMustBeAString,
    /// A map key is a NaN or infinite float.
    #[error("float key must be finite (got NaN or +/-inf)")]
    FloatKeyMustBeFinite,
    /// serde_json's formatter failed to write a number.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// A `Serialize` implementation failed, with its message.
    #[error("{0}")]
    Custom(String),
}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Self::Custom(msg.to_string())
    }
}

impl From<Error> for io::Error {
    fn from(err: Error) -> Self {
        match err {
            Error::Io(err) => err,
            other => io::Error::other(other),
        }
    }
}

/// **Where the writer puts its text**: a byte buffer or a `String`.
///
/// Only `&str` goes in, so a `String` stays valid UTF-8 without a check.
pub(crate) trait Sink {
    /// Appends `text`.
    fn push_str(&mut self, text: &str);
    /// Appends ASCII `bytes` (digits, signs, `.`, `e`, from serde_json's number formatter).
    fn push_ascii(&mut self, bytes: &[u8]);
}

impl Sink for Vec<u8> {
    #[inline]
    fn push_str(&mut self, text: &str) {
        self.extend_from_slice(text.as_bytes());
    }

    #[inline]
    fn push_ascii(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

impl Sink for String {
    #[inline]
    fn push_str(&mut self, text: &str) {
        String::push_str(self, text);
    }

    #[inline]
    fn push_ascii(&mut self, bytes: &[u8]) {
        // `char::from(u8)` maps a byte below 0x80 to the same ASCII character (and never fails),
        // so ASCII input gives the same bytes.
        self.extend(bytes.iter().copied().map(char::from));
    }
}

/// Appends `value` as compact JSON to `out`: the bytes `serde_json::to_writer` writes.
///
/// # Errors
///
/// [`Error`] when `value`'s `Serialize` implementation fails or a map key is not a string (as
/// serde_json); what was written before the error stays in `out`, as with serde_json.
#[inline]
pub(crate) fn write<T: ?Sized + Serialize, S: Sink + ?Sized>(
    out: &mut S,
    value: &T,
) -> Result<(), Error> {
    value.serialize(Writer { out })
}

/// `value` as compact JSON in a new `String`: what `serde_json::to_string` returns.
///
/// # Errors
///
/// As [`write`].
pub(crate) fn to_string<T: ?Sized + Serialize>(value: &T) -> Result<String, Error> {
    // serde_json starts with 128 bytes too.
    let mut out = String::with_capacity(128);
    write(&mut out, value)?;
    Ok(out)
}

/// Whether JSON escapes byte `b`: `"`, `\` and the control characters below 0x20.
#[inline(always)]
fn escapes(b: u8) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\')
}

/// Bytes checked at once: one 128-bit vector compare per test on x86-64 and AArch64.
const CHUNK: usize = 16;

/// Whether a `CHUNK`-byte chunk holds a byte JSON escapes: folded with `|` and no early exit,
/// so the loop has no branch per byte and compiles to vector compares.
#[inline(always)]
fn dirty_chunk(chunk: &[u8]) -> bool {
    chunk.iter().fold(false, |hit, &b| hit | escapes(b))
}

/// Whether one of the eight bytes of `word` is one JSON escapes, eight bytes at once in a
/// 64-bit register: the "has a byte less than n" and "has a zero byte" tests of Sean Eron
/// Anderson's *Bit Twiddling Hacks*, which are exact about whether such a byte exists.
#[inline(always)]
fn dirty_word(word: u64) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let zero_in_quote = quote.wrapping_sub(ONES) & !quote;
    let zero_in_backslash = backslash.wrapping_sub(ONES) & !backslash;
    (below_space | zero_in_quote | zero_in_backslash) & HIGH != 0
}

/// An offset of `bytes` before which no byte needs an escape and from which one does (the
/// start of the `CHUNK` bytes holding the first such byte), or `None` when no byte does.
///
/// Whole chunks are checked with vector compares; the bytes after the last whole chunk are
/// checked as the last `CHUNK` bytes of the string (overlapping the chunks already checked), or,
/// in a string shorter than a chunk, as two overlapping 8- or 4-byte words in a register, so no
/// string is checked one byte at a time unless it is shorter than four bytes.
#[inline]
fn first_dirty_chunk(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(CHUNK);
    let mut at = 0;
    for chunk in &mut chunks {
        if dirty_chunk(chunk) {
            return Some(at);
        }
        at += CHUNK;
    }
    let rest = chunks.remainder();
    if rest.is_empty() {
        return None;
    }
    if let Some(last) = bytes.last_chunk::<CHUNK>() {
        return dirty_chunk(last).then_some(bytes.len() - CHUNK);
    }
    let dirty = if let (Some(head), Some(tail)) = (rest.first_chunk::<8>(), rest.last_chunk::<8>())
    {
        dirty_word(u64::from_le_bytes(*head)) | dirty_word(u64::from_le_bytes(*tail))
    } else if let (Some(head), Some(tail)) = (rest.first_chunk::<4>(), rest.last_chunk::<4>()) {
        dirty_word(
            u64::from(u32::from_le_bytes(*head)) | u64::from(u32::from_le_bytes(*tail)) << 32,
        )
    } else {
        rest.iter().fold(false, |hit, &b| hit | escapes(b))
    };
    dirty.then_some(0)
}

/// The escape serde_json writes for a byte below 0x20 (lower-case hex, as serde_json).
const CONTROL_ESCAPES: [&str; 32] = [
    "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007", "\\b",
    "\\t", "\\n", "\\u000b", "\\f", "\\r", "\\u000e", "\\u000f", "\\u0010", "\\u0011", "\\u0012",
    "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017", "\\u0018", "\\u0019", "\\u001a",
    "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
];

/// The escape of a character JSON escapes, `None` for any other.
#[inline]
fn escape_of(c: char) -> Option<&'static str> {
    match c {
        '"' => Some("\\\""),
        '\\' => Some("\\\\"),
        _ => CONTROL_ESCAPES.get(c as usize).copied(),
    }
}

/// The contents of a JSON string (without its quotes) for `text`, appended to `out`.
#[inline]
fn write_str_contents<S: Sink + ?Sized>(out: &mut S, text: &str) {
    let Some(at) = first_dirty_chunk(text.as_bytes()) else {
        out.push_str(text);
        return;
    };
    // Everything before the dirty chunk is clean; split at the char boundary at or before it
    // (a chunk can start inside a multi-byte character).
    let mut split = at;
    while !text.is_char_boundary(split) {
        split -= 1;
    }
    let (clean, rest) = text.split_at_checked(split).unwrap_or(("", text));
    out.push_str(clean);
    write_dirty(out, rest);
}

/// `text`, which holds a byte JSON escapes, escaped: the clean run before the first such byte
/// is copied, then the byte's escape, and the rest is checked again chunk by chunk, so a long
/// text with a few quotes in it is copied in long runs.
#[cold]
fn write_dirty<S: Sink + ?Sized>(out: &mut S, text: &str) {
    let mut rest = text;
    while let Some(from) = first_dirty_chunk(rest.as_bytes()) {
        let Some((clean, escape, after)) = split_at_escape(rest, from) else {
            // Not reached: `first_dirty_chunk` found a byte to escape at or after `from`. The
            // character-by-character path writes the same bytes.
            write_escaped(out, rest);
            return;
        };
        out.push_str(clean);
        out.push_str(escape);
        rest = after;
    }
    out.push_str(rest);
}

/// `text` split around its first byte JSON escapes, looked for from `from`: the clean run
/// before it, its escape, and the text after it. The byte is ASCII, so both splits fall on
/// character boundaries.
fn split_at_escape(text: &str, from: usize) -> Option<(&str, &'static str, &str)> {
    let bytes = text.as_bytes();
    let at = from + bytes.get(from..)?.iter().position(|&b| escapes(b))?;
    let escape = escape_of(char::from(*bytes.get(at)?))?;
    let (clean, rest) = text.split_at_checked(at)?;
    let (_, after) = rest.split_at_checked(1)?;
    Some((clean, escape, after))
}

/// `text` escaped as serde_json escapes it, one character at a time: each piece up to and
/// including a character JSON escapes is written as the run before the character and the
/// character's escape.
#[cold]
fn write_escaped<S: Sink + ?Sized>(out: &mut S, text: &str) {
    for piece in text.split_inclusive(|c: char| escape_of(c).is_some()) {
        let mut chars = piece.chars();
        match chars.next_back().and_then(escape_of) {
            Some(escape) => {
                out.push_str(chars.as_str());
                out.push_str(escape);
            }
            None => out.push_str(piece),
        }
    }
}

/// The longest number serde_json's formatter writes: `i128::MIN` has 40 characters.
const NUMBER_BYTES: usize = 48;

/// Writes what `format` writes with serde_json's [`CompactFormatter`] (a number, a boolean)
/// into `out`, through a buffer on the stack.
#[inline]
fn write_formatted<S: Sink + ?Sized>(
    out: &mut S,
    format: impl FnOnce(&mut CompactFormatter, &mut &mut [u8]) -> io::Result<()>,
) -> Result<(), Error> {
    let mut buffer = [0u8; NUMBER_BYTES];
    let mut free = &mut buffer[..];
    format(&mut CompactFormatter, &mut free)?;
    let written = NUMBER_BYTES - free.len();
    out.push_ascii(&buffer[..written]);
    Ok(())
}

/// The whole numbers serde_json writes in positional notation with `.0`: those below 10^15 in
/// magnitude (from 10^16 on it writes an exponent, `1e+16`).
const POSITIONAL_WHOLE_LIMIT: f64 = 1e15;

/// `value` as an `i64`, when it is a whole number of magnitude below [`POSITIONAL_WHOLE_LIMIT`].
#[inline]
fn small_whole_number(value: f64) -> Option<i64> {
    // Exact: every whole `f64` below 10^15 in magnitude is an `i64` (2^53 > 10^15), and the
    // cast truncates any other value below the limit to a different number. (A cast and a
    // comparison, not `fract()`, which is a call to `trunc` on x86-64's baseline.)
    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
    let whole = value as i64;
    #[allow(clippy::cast_precision_loss, clippy::float_cmp)]
    (value.abs() < POSITIONAL_WHOLE_LIMIT && whole as f64 == value).then_some(whole)
}

/// The serializer: appends to its sink. It holds nothing but the sink, so a nested value gets
/// a new `Writer` on the same sink.
struct Writer<'o, S: ?Sized> {
    out: &'o mut S,
}

impl<S: Sink + ?Sized> Writer<'_, S> {
    #[inline]
    fn write_str(&mut self, text: &str) {
        self.out.push_str("\"");
        write_str_contents(self.out, text);
        self.out.push_str("\"");
    }

    /// `{"variant":` — the opening of a newtype, tuple or struct variant.
    #[inline]
    fn open_variant(&mut self, variant: &str) {
        self.out.push_str("{");
        self.write_str(variant);
        self.out.push_str(":");
    }
}

/// Where a sequence or map is: as serde_json's `State`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Declared empty (`len == Some(0)`): already closed.
    Empty,
    /// Nothing written yet.
    First,
    /// At least one element written.
    Rest,
}

/// A sequence, tuple, map or struct being written.
struct Compound<'o, S: ?Sized> {
    writer: Writer<'o, S>,
    state: State,
}

impl<S: Sink + ?Sized> Compound<'_, S> {
    /// A writer for the next element, on the same sink.
    #[inline]
    fn element(&mut self) -> Writer<'_, S> {
        Writer {
            out: &mut *self.writer.out,
        }
    }

    /// The `,` before every element but the first.
    #[inline]
    fn separate(&mut self) {
        if self.state != State::First {
            self.writer.out.push_str(",");
        }
        self.state = State::Rest;
    }

    /// Closes with `close` unless declared empty (closed at the start).
    #[inline]
    fn close(&mut self, close: &str) {
        if self.state != State::Empty {
            self.writer.out.push_str(close);
        }
    }
}

macro_rules! formatted {
    ($($method:ident($ty:ty) => $write:ident;)*) => {$(
        #[inline]
        fn $method(self, value: $ty) -> Result<(), Error> {
            write_formatted(self.out, |f, w| f.$write(w, value))
        }
    )*};
}

impl<'o, S: Sink + ?Sized> ser::Serializer for Writer<'o, S> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'o, S>;
    type SerializeTuple = Compound<'o, S>;
    type SerializeTupleStruct = Compound<'o, S>;
    type SerializeTupleVariant = Compound<'o, S>;
    type SerializeMap = Compound<'o, S>;
    type SerializeStruct = Compound<'o, S>;
    type SerializeStructVariant = Compound<'o, S>;

    #[inline]
    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.out.push_str(if value { "true" } else { "false" });
        Ok(())
    }

    formatted! {
        serialize_i8(i8) => write_i8;
        serialize_i16(i16) => write_i16;
        serialize_i32(i32) => write_i32;
        serialize_i64(i64) => write_i64;
        serialize_i128(i128) => write_i128;
        serialize_u8(u8) => write_u8;
        serialize_u16(u16) => write_u16;
        serialize_u32(u32) => write_u32;
        serialize_u64(u64) => write_u64;
        serialize_u128(u128) => write_u128;
    }

    #[inline]
    fn serialize_f32(self, value: f32) -> Result<(), Error> {
        if value.is_finite() {
            write_formatted(self.out, |f, w| f.write_f32(w, value))
        } else {
            self.serialize_unit()
        }
    }

    #[inline]
    fn serialize_f64(self, value: f64) -> Result<(), Error> {
        if let Some(whole) = small_whole_number(value) {
            // serde_json writes such a value as its digits and `.0` (`70.0`, `320000000.0`,
            // `-0.0`): the integer's digits are written without the float formatter's search
            // for the shortest representation. Tested against serde_json.
            if whole == 0 && value.is_sign_negative() {
                self.out.push_ascii(b"-0.0");
                return Ok(());
            }
            write_formatted(self.out, |f, w| f.write_i64(w, whole))?;
            self.out.push_ascii(b".0");
            Ok(())
        } else if value.is_finite() {
            write_formatted(self.out, |f, w| f.write_f64(w, value))
        } else {
            self.serialize_unit()
        }
    }

    #[inline]
    fn serialize_char(mut self, value: char) -> Result<(), Error> {
        self.write_str(value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    #[inline]
    fn serialize_str(mut self, value: &str) -> Result<(), Error> {
        self.write_str(value);
        Ok(())
    }

    fn serialize_bytes(self, value: &[u8]) -> Result<(), Error> {
        self.out.push_str("[");
        for (i, byte) in value.iter().enumerate() {
            if i > 0 {
                self.out.push_str(",");
            }
            write_formatted(self.out, |f, w| f.write_u8(w, *byte))?;
        }
        self.out.push_str("]");
        Ok(())
    }

    #[inline]
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    #[inline]
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    #[inline]
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }

    #[inline]
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    #[inline]
    fn serialize_unit_variant(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.write_str(variant);
        Ok(())
    }

    #[inline]
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open_variant(variant);
        value.serialize(Writer {
            out: &mut *self.out,
        })?;
        self.out.push_str("}");
        Ok(())
    }

    #[inline]
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        self.out.push_str("[");
        let state = if len == Some(0) {
            self.out.push_str("]");
            State::Empty
        } else {
            State::First
        };
        Ok(Compound {
            writer: self,
            state,
        })
    }

    #[inline]
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, Error> {
        self.serialize_seq(Some(len))
    }

    #[inline]
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        self.open_variant(variant);
        self.serialize_seq(Some(len))
    }

    #[inline]
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        self.out.push_str("{");
        let state = if len == Some(0) {
            self.out.push_str("}");
            State::Empty
        } else {
            State::First
        };
        Ok(Compound {
            writer: self,
            state,
        })
    }

    #[inline]
    fn serialize_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        self.open_variant(variant);
        self.serialize_map(Some(len))
    }

    /// Written straight into the sink, escaped piece by piece, as serde_json does (the
    /// default would format into a `String` first).
    fn collect_str<T: ?Sized + Display>(self, value: &T) -> Result<(), Error> {
        /// Escapes what `Display` writes, as it comes.
        struct Escaping<'s, S: ?Sized>(&'s mut S);

        impl<S: Sink + ?Sized> fmt::Write for Escaping<'_, S> {
            fn write_str(&mut self, text: &str) -> fmt::Result {
                write_str_contents(self.0, text);
                Ok(())
            }
        }

        self.out.push_str("\"");
        fmt::write(&mut Escaping(&mut *self.out), format_args!("{value}"))
            .map_err(|err| Error::Custom(err.to_string()))?;
        self.out.push_str("\"");
        Ok(())
    }
}

impl<S: Sink + ?Sized> ser::SerializeSeq for Compound<'_, S> {
    type Ok = ();
    type Error = Error;

    #[inline]
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.separate();
        value.serialize(self.element())
    }

    #[inline]
    fn end(mut self) -> Result<(), Error> {
        self.close("]");
        Ok(())
    }
}

impl<S: Sink + ?Sized> ser::SerializeTuple for Compound<'_, S> {
    type Ok = ();
    type Error = Error;

    #[inline]
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    #[inline]
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl<S: Sink + ?Sized> ser::SerializeTupleStruct for Compound<'_, S> {
    type Ok = ();
    type Error = Error;

    #[inline]
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    #[inline]
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl<S: Sink + ?Sized> ser::SerializeTupleVariant for Compound<'_, S> {
    type Ok = ();
    type Error = Error;

    #[inline]
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    #[inline]
    fn end(mut self) -> Result<(), Error> {
        self.close("]");
        self.writer.out.push_str("}");
        Ok(())
    }
}

impl<S: Sink + ?Sized> ser::SerializeMap for Compound<'_, S> {
    type Ok = ();
    type Error = Error;

    #[inline]
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.separate();
        key.serialize(MapKey(self.element()))
    }

    #[inline]
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.writer.out.push_str(":");
        value.serialize(self.element())
    }

    #[inline]
    fn end(mut self) -> Result<(), Error> {
        self.close("}");
        Ok(())
    }
}

impl<S: Sink + ?Sized> ser::SerializeStruct for Compound<'_, S> {
    type Ok = ();
    type Error = Error;

    #[inline]
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        // `,"key":` in three appends rather than five.
        let open = if self.state == State::First {
            "\""
        } else {
            ",\""
        };
        self.state = State::Rest;
        self.writer.out.push_str(open);
        write_str_contents(self.writer.out, key);
        self.writer.out.push_str("\":");
        value.serialize(self.element())
    }

    #[inline]
    fn end(mut self) -> Result<(), Error> {
        self.close("}");
        Ok(())
    }
}

impl<S: Sink + ?Sized> ser::SerializeStructVariant for Compound<'_, S> {
    type Ok = ();
    type Error = Error;

    #[inline]
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }

    #[inline]
    fn end(mut self) -> Result<(), Error> {
        self.close("}");
        self.writer.out.push_str("}");
        Ok(())
    }
}

/// A map key, as serde_json's `MapKeySerializer`: strings, unit variants and chars as they
/// are; integers, booleans and finite floats in quotes; anything else an error.
struct MapKey<'o, S: ?Sized>(Writer<'o, S>);

impl<S: Sink + ?Sized> MapKey<'_, S> {
    /// `format`'s output in quotes.
    #[inline]
    fn quoted(
        self,
        format: impl FnOnce(&mut CompactFormatter, &mut &mut [u8]) -> io::Result<()>,
    ) -> Result<(), Error> {
        self.0.out.push_str("\"");
        write_formatted(self.0.out, format)?;
        self.0.out.push_str("\"");
        Ok(())
    }
}

macro_rules! quoted_key {
    ($($method:ident($ty:ty) => $write:ident;)*) => {$(
        fn $method(self, value: $ty) -> Result<(), Error> {
            self.quoted(|f, w| f.$write(w, value))
        }
    )*};
}

impl<S: Sink + ?Sized> ser::Serializer for MapKey<'_, S> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    #[inline]
    fn serialize_str(mut self, value: &str) -> Result<(), Error> {
        self.0.write_str(value);
        Ok(())
    }

    #[inline]
    fn serialize_unit_variant(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.0.write_str(variant);
        Ok(())
    }

    #[inline]
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.quoted(|f, w| f.write_bool(w, value))
    }

    quoted_key! {
        serialize_i8(i8) => write_i8;
        serialize_i16(i16) => write_i16;
        serialize_i32(i32) => write_i32;
        serialize_i64(i64) => write_i64;
        serialize_i128(i128) => write_i128;
        serialize_u8(u8) => write_u8;
        serialize_u16(u16) => write_u16;
        serialize_u32(u32) => write_u32;
        serialize_u64(u64) => write_u64;
        serialize_u128(u128) => write_u128;
    }

    fn serialize_f32(self, value: f32) -> Result<(), Error> {
        if !value.is_finite() {
            return Err(Error::FloatKeyMustBeFinite);
        }
        self.quoted(|f, w| f.write_f32(w, value))
    }

    fn serialize_f64(self, value: f64) -> Result<(), Error> {
        if !value.is_finite() {
            return Err(Error::FloatKeyMustBeFinite);
        }
        self.quoted(|f, w| f.write_f64(w, value))
    }

    fn serialize_char(mut self, value: char) -> Result<(), Error> {
        self.0.write_str(value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_bytes(self, _value: &[u8]) -> Result<(), Error> {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_none(self) -> Result<(), Error> {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(Error::KeyMustBeAString)
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error::KeyMustBeAString)
    }

    fn collect_str<T: ?Sized + Display>(self, value: &T) -> Result<(), Error> {
        ser::Serializer::collect_str(self.0, value)
    }
}

#[cfg(test)]
mod tests {
    //! The writer's parts, each against serde_json or against a byte-by-byte scan. The whole
    //! writer is compared with serde_json on the crate's outputs and on every shape of the serde
    //! data model in `tests/json_writer.rs`.

    use super::*;
    use std::collections::BTreeMap;

    /// The writer's own path for whole numbers writes serde_json's digits: around zero, around
    /// every power of ten up to the limit of the positional form and just past it, at the
    /// largest whole numbers an `f64` holds exactly, and on a spread of values in between.
    #[test]
    fn whole_numbers_are_written_as_serde_json_writes_them() {
        let mut values: Vec<f64> = (-3000..=3000).map(f64::from).collect();
        values.extend([0.0, -0.0, 9_007_199_254_740_992.0, -9_007_199_254_740_992.0]);
        let mut power = 1.0_f64;
        for _ in 0..=22 {
            for delta in [-2.0, -1.0, 0.0, 1.0, 2.0] {
                values.push(power + delta);
                values.push(-(power + delta));
            }
            values.push(power * 3.2);
            power *= 10.0;
        }
        // A spread of magnitudes: 7^k and its neighbours.
        let mut seven = 1.0_f64;
        while seven < 1e17 {
            values.extend([seven, seven + 1.0, -seven, seven.mul_add(2.0, 0.5)]);
            seven *= 7.0;
        }
        for value in values {
            let mut ours = Vec::new();
            write(&mut ours, &value).unwrap();
            let theirs = serde_json::to_vec(&value).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(theirs).unwrap(),
                "{value:e}"
            );
        }
        assert_eq!(small_whole_number(1e15), None);
        assert_eq!(
            small_whole_number(999_999_999_999_999.0),
            Some(999_999_999_999_999)
        );
        assert_eq!(small_whole_number(0.5), None);
        assert_eq!(small_whole_number(f64::NAN), None);
        assert_eq!(small_whole_number(f64::INFINITY), None);
    }

    /// Whether any byte of `bytes` needs an escape, one byte at a time.
    fn naive_dirty(bytes: &[u8]) -> bool {
        bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\')
    }

    /// `first_dirty_chunk` answers `None` exactly when no byte needs an escape, and otherwise
    /// an offset with only clean bytes before it and a byte needing an escape within the
    /// `CHUNK` bytes from it: for every length up to three chunks, every byte value at every
    /// position (the other bytes clean ASCII, then clean multi-byte UTF-8).
    #[test]
    fn first_dirty_chunk_finds_every_byte_at_every_position() {
        for background in [b'a', 0xc3] {
            for len in 0..=3 * CHUNK + 1 {
                let clean = vec![background; len];
                assert_eq!(first_dirty_chunk(&clean), None, "len {len}");
                for at in 0..len {
                    for byte in 0..=u8::MAX {
                        let mut bytes = clean.clone();
                        bytes[at] = byte;
                        let found = first_dirty_chunk(&bytes);
                        assert_eq!(found.is_some(), naive_dirty(&bytes), "{bytes:?}");
                        if let Some(offset) = found {
                            assert!(!naive_dirty(&bytes[..offset]), "{bytes:?} at {offset}");
                            assert!(offset <= at && at < offset + CHUNK, "{bytes:?} at {offset}");
                        }
                    }
                }
            }
        }
    }

    /// The word test agrees with the byte test for every byte value in every lane of a word
    /// whose other lanes hold each byte value JSON does not escape next to it (borrows across
    /// lanes are where such tests go wrong).
    #[test]
    fn dirty_word_agrees_with_the_byte_test() {
        for lane in 0..8 {
            for byte in 0..=u8::MAX {
                for other in (0..=u8::MAX).filter(|&b| !escapes(b)) {
                    let mut bytes = [other; 8];
                    bytes[lane] = byte;
                    assert_eq!(
                        dirty_word(u64::from_le_bytes(bytes)),
                        naive_dirty(&bytes),
                        "{bytes:?}"
                    );
                }
            }
        }
    }

    /// Every character below U+0080, alone, is written as serde_json writes it.
    #[test]
    fn every_ascii_character_is_escaped_as_serde_json_escapes_it() {
        for byte in 0..0x80u8 {
            let text = char::from(byte).to_string();
            let mut ours = Vec::new();
            write(&mut ours, &text).unwrap();
            assert_eq!(ours, serde_json::to_vec(&text).unwrap(), "byte {byte:#04x}");
        }
    }

    /// The character-by-character path (the fallback of the chunked one) escapes as
    /// serde_json does, on strings holding every ASCII character and multi-byte ones.
    #[test]
    fn the_character_path_escapes_as_serde_json() {
        let all: String = (0..0x80u8).map(char::from).collect();
        for text in [
            String::new(),
            all.clone(),
            format!("é{all}中\u{2028}😀{all}"),
            "\"".repeat(20),
            "plain text".into(),
        ] {
            let mut ours = b"\"".to_vec();
            write_escaped(&mut ours, &text);
            ours.push(b'"');
            assert_eq!(ours, serde_json::to_vec(&text).unwrap(), "{text:?}");
        }
    }

    /// A `String` sink gets the bytes a `Vec<u8>` sink gets.
    #[test]
    fn a_string_gets_the_bytes_of_a_vec() {
        let value = (
            "a\u{1}\"é",
            -1.5e-300f64,
            i128::MIN,
            BTreeMap::from([(7u8, true)]),
        );
        let mut bytes = Vec::new();
        write(&mut bytes, &value).unwrap();
        assert_eq!(to_string(&value).unwrap().into_bytes(), bytes);
        assert_eq!(bytes, serde_json::to_vec(&value).unwrap());
    }

    /// serde_json's message for `key`, and ours.
    fn key_errors<K: Serialize + Ord>(key: K) -> (String, String) {
        let map = BTreeMap::from([(key, 1)]);
        let theirs = serde_json::to_vec(&map).unwrap_err().to_string();
        let ours = to_string(&map).unwrap_err().to_string();
        (theirs, ours)
    }

    /// A map key that is not a string, a number, a boolean or a char is an error with
    /// serde_json's message; so is a NaN float key.
    #[test]
    fn bad_keys_are_errors_with_serde_jsons_messages() {
        #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
        enum Key {
            Newtype(u8),
            Tuple(u8, u8),
            Struct { a: u8 },
        }
        #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
        struct Unit;
        #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
        struct Pair(u8, u8);
        #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
        struct Fields {
            a: u8,
        }

        let cases = [
            key_errors(()),
            key_errors(Unit),
            key_errors(Option::<&str>::None),
            key_errors(vec![1u8]),
            key_errors((1u8, 2u8)),
            key_errors(Pair(1, 2)),
            key_errors(Fields { a: 1 }),
            key_errors(BTreeMap::from([(1u8, 2u8)])),
            key_errors(Key::Newtype(1)),
            key_errors(Key::Tuple(1, 2)),
            key_errors(Key::Struct { a: 1 }),
            key_errors(serde_bytes_like(&[1, 2])),
        ];
        for (theirs, ours) in cases {
            assert_eq!(ours, theirs);
            assert_eq!(ours, "key must be a string");
        }

        for nan in [f64::NAN, f64::INFINITY] {
            let theirs = serde_json::to_vec(&[(FloatKey(nan), 1)].into_iter().collect::<Map>());
            let ours = to_string(&[(FloatKey(nan), 1)].into_iter().collect::<Map>());
            assert_eq!(
                ours.unwrap_err().to_string(),
                theirs.unwrap_err().to_string()
            );
        }
    }

    /// A map with float keys (not `Ord`, so not a `BTreeMap`).
    struct Map(Vec<(FloatKey, u8)>);

    impl FromIterator<(FloatKey, u8)> for Map {
        fn from_iter<I: IntoIterator<Item = (FloatKey, u8)>>(iter: I) -> Self {
            Self(iter.into_iter().collect())
        }
    }

    impl Serialize for Map {
        fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
        }
    }

    struct FloatKey(f64);

    impl Serialize for FloatKey {
        fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_f64(self.0)
        }
    }

    /// Bytes serialized with `serialize_bytes` (what `serde_bytes` does).
    #[derive(PartialEq, Eq, PartialOrd, Ord)]
    struct Bytes<'a>(&'a [u8]);

    fn serde_bytes_like(bytes: &[u8]) -> Bytes<'_> {
        Bytes(bytes)
    }

    impl Serialize for Bytes<'_> {
        fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(self.0)
        }
    }

    /// A `Serialize` implementation's own error comes back with its message, as from
    /// serde_json, and becomes an `io::Error` with that message.
    #[test]
    fn a_custom_error_keeps_its_message() {
        struct Fails;
        impl Serialize for Fails {
            fn serialize<S: ser::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(ser::Error::custom("no such value"))
            }
        }
        let theirs = serde_json::to_vec(&[Fails]).unwrap_err().to_string();
        let ours = to_string(&[Fails]).unwrap_err();
        assert_eq!(ours.to_string(), theirs);
        assert_eq!(io::Error::from(ours).to_string(), "no such value");
    }

    /// A `Display` that fails inside `collect_str` is an error (serde_json panics there).
    #[test]
    fn a_failing_display_is_an_error() {
        struct Fails;
        impl Display for Fails {
            fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
                Err(fmt::Error)
            }
        }
        struct Collected;
        impl Serialize for Collected {
            fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(&Fails)
            }
        }
        let err = to_string(&Collected).unwrap_err();
        assert_eq!(
            err.to_string(),
            "an error occurred when formatting an argument"
        );
    }

    /// What was written before an error stays in the buffer, as with serde_json.
    #[test]
    fn output_before_an_error_stays() {
        let value = (1u8, BTreeMap::from([((), 2u8)]));
        let mut theirs = Vec::new();
        let mut ours = Vec::new();
        assert!(serde_json::to_writer(&mut theirs, &value).is_err());
        assert!(write(&mut ours, &value).is_err());
        assert_eq!(ours, theirs);
    }
}
