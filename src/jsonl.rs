//! JSON Lines: one document per line in, one result per line out.

use crate::{
    ClinicOffer, Compact, DocumentError, DocumentErrorKind, OfferPolicy, Product, QualityPolicy,
    assess_product_with, evaluate_offer_with,
};
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use std::io::{self, BufRead, Write};

/// **What each line of a JSON Lines stream holds**: a product or a clinic's offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LineDocument {
    /// A [`Product`] document, assessed by every engine ([`assess_product_with`]); each result line
    /// holds a [`ProductAssessment`](crate::ProductAssessment) under `assessment`.
    Product,
    /// A [`ClinicOffer`] document, evaluated for the patient ([`evaluate_offer_with`]); each
    /// result line holds an [`OfferEvaluation`](crate::OfferEvaluation) under `evaluation`.
    Offer,
}

/// **How many lines a JSON Lines run read, and what became of them.**
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct LinesSummary {
    /// Lines read, blank ones included (the number of the last line).
    pub lines: u64,
    /// Lines whose document was read and assessed.
    pub assessed: u64,
    /// Lines whose document could not be read: each got an error result line.
    pub rejected: u64,
    /// Blank lines (only white space), skipped without a result line.
    pub blank: u64,
}

/// **A JSON Lines assessor**: reads one document per line from any [`BufRead`], writes one
/// result per line to any [`Write`].
///
/// [JSON Lines](https://jsonlines.org) is the format registries and data pipelines use for
/// large collections: one JSON document per line, UTF-8, lines ended by `\n` (a `\r` before it
/// is allowed). For each non-blank input line `n`, [`JsonLines::run`] writes exactly one line:
///
/// - `{"line":n,"assessment":{…}}` for a product ([`LineDocument::Product`]), or
///   `{"line":n,"evaluation":{…}}` for an offer ([`LineDocument::Offer`]);
/// - `{"line":n,"error":{"path":…,"message":…,"line":…,"column":…}}` when the line is not a
///   valid document (the fields of [`DocumentError`]; `line` and `column` are positions within
///   the document, when known). The stream goes on with the next line.
///
/// Results are written in the [`Compact`] form (rule ids and data, no rule text) unless
/// [`JsonLines::full_form`] asks for the full form. Blank lines are skipped and counted.
///
/// The reader's line buffer and the writer's output buffer are reused from line to line, so
/// memory stays bounded by the longest line and its result; each result is handed to the writer
/// in one `write_all`. An I/O error stops the run and is returned; a bad document never does.
///
/// # Examples
///
/// ```
/// use msc_therapy::engine::quality::QualityPolicy;
/// use msc_therapy::interop::JsonLines;
///
/// let input = concat!(
///     r#"{"name": "Cultured marrow MSCs", "preparation": "culture_expanded_msc"}"#, "\n",
///     r#"{"name": "Bad lot", "release": {"viability": [{"percent": 140}]}}"#, "\n",
/// );
/// let mut output = Vec::new();
/// let summary = JsonLines::products(QualityPolicy::default(), jiff::civil::date(2026, 12, 7)).run(input.as_bytes(), &mut output)?;
/// assert_eq!((summary.assessed, summary.rejected), (1, 1));
///
/// let output = String::from_utf8(output).unwrap();
/// let lines: Vec<&str> = output.lines().collect();
/// assert!(lines[0].starts_with(r#"{"line":1,"assessment":{"product":{"name":"Cultured marrow MSCs""#));
/// assert!(lines[1].starts_with(r#"{"line":2,"error":{"path":"release.viability[0].percent","message":"percentage must be between 0 and 100, got 140""#));
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct JsonLines {
    document: LineDocument,
    quality: QualityPolicy,
    offer: OfferPolicy,
    full: bool,
    on: jiff::civil::Date,
}

impl JsonLines {
    /// An assessor of product documents, under `policy`, on the evaluation date `on`.
    #[must_use]
    pub fn products(policy: QualityPolicy, on: jiff::civil::Date) -> Self {
        Self {
            document: LineDocument::Product,
            quality: policy,
            offer: OfferPolicy::default(),
            full: false,
            on,
        }
    }

    /// An evaluator of clinic offers, under `policy`, on the evaluation date `on`.
    #[must_use]
    pub fn offers(policy: OfferPolicy, on: jiff::civil::Date) -> Self {
        Self {
            document: LineDocument::Offer,
            quality: QualityPolicy::default(),
            offer: policy,
            full: false,
            on,
        }
    }

    /// The same assessor, writing results in the full form: each finding with its rule's
    /// summary and citation.
    #[must_use]
    pub fn full_form(mut self) -> Self {
        self.full = true;
        self
    }

    /// What each input line holds.
    #[must_use]
    pub fn document(&self) -> LineDocument {
        self.document
    }

    /// Reads every line of `input` and writes one result line per non-blank line to `output`.
    ///
    /// # Errors
    ///
    /// An I/O error from `input` or `output`; the lines before it have been written. A line
    /// that is not a valid document is not an error of the run: it gets an error result line.
    pub fn run<R: BufRead, W: Write>(
        &self,
        mut input: R,
        mut output: W,
    ) -> io::Result<LinesSummary> {
        let mut summary = LinesSummary::default();
        let mut line = Vec::new();
        let mut out = Vec::new();
        loop {
            line.clear();
            if input.read_until(b'\n', &mut line)? == 0 {
                break;
            }
            summary.lines += 1;
            let outcome = self.result_line(summary.lines, &line, &mut out)?;
            summary.count(outcome);
            output.write_all(&out)?;
        }
        output.flush()?;
        Ok(summary)
    }

    /// [`JsonLines::run`] on every core: lines are read in batches of `batch` (at least one),
    /// each batch is assessed in parallel (with [rayon](https://docs.rs/rayon)'s global pool),
    /// and its results are written in input order. The output is byte for byte that of
    /// [`JsonLines::run`].
    ///
    /// Memory stays bounded by `batch` times the longest line and its result; the buffers of a
    /// batch are reused by the next.
    ///
    /// # Errors
    ///
    /// As [`JsonLines::run`]: an I/O error from `input` or `output`; the batches before it have
    /// been written.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::engine::quality::QualityPolicy;
    /// use msc_therapy::interop::JsonLines;
    ///
    /// let input = "{\"name\": \"Lot A\"}\n\n{\"name\": \"Lot B\"}\n";
    /// let lines = JsonLines::products(QualityPolicy::default(), jiff::civil::date(2026, 12, 7));
    /// let (mut one, mut all) = (Vec::new(), Vec::new());
    /// lines.run(input.as_bytes(), &mut one)?;
    /// let summary = lines.run_parallel(input.as_bytes(), &mut all, 2)?;
    /// assert_eq!(one, all);
    /// assert_eq!((summary.lines, summary.assessed, summary.blank), (3, 2, 1));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    #[cfg(feature = "parallel")]
    #[cfg_attr(docsrs, doc(cfg(feature = "parallel")))]
    pub fn run_parallel<R: BufRead, W: Write>(
        &self,
        mut input: R,
        mut output: W,
        batch: usize,
    ) -> io::Result<LinesSummary> {
        use rayon::prelude::*;

        /// One line of a batch: its text in, its result out.
        #[derive(Default)]
        struct Slot {
            number: u64,
            line: Vec<u8>,
            out: Vec<u8>,
            outcome: Option<LineOutcome>,
        }

        let batch = batch.max(1);
        let mut summary = LinesSummary::default();
        let mut slots: Vec<Slot> = Vec::new();
        loop {
            let mut filled = 0;
            while filled < batch {
                if slots.len() == filled {
                    slots.push(Slot::default());
                }
                let slot = &mut slots[filled];
                slot.line.clear();
                if input.read_until(b'\n', &mut slot.line)? == 0 {
                    break;
                }
                summary.lines += 1;
                slot.number = summary.lines;
                filled += 1;
            }
            if filled == 0 {
                break;
            }
            slots[..filled].par_iter_mut().for_each(|slot| {
                // Writing into a `Vec` cannot fail: the only errors `result_line` returns come
                // from the output, which is written below, in order.
                slot.outcome = self
                    .result_line(slot.number, &slot.line, &mut slot.out)
                    .ok();
            });
            for slot in &slots[..filled] {
                let outcome = slot
                    .outcome
                    .ok_or_else(|| io::Error::other("a result could not be written"))?;
                summary.count(outcome);
                output.write_all(&slot.out)?;
            }
            if filled < batch {
                break;
            }
        }
        output.flush()?;
        Ok(summary)
    }

    /// Writes the result line of input line `number` (with its `\n`) into `out`, replacing what
    /// `out` held; a blank line writes nothing.
    fn result_line(&self, number: u64, line: &[u8], out: &mut Vec<u8>) -> io::Result<LineOutcome> {
        out.clear();
        let text = trim_line_end(line);
        if text.iter().all(u8::is_ascii_whitespace) {
            return Ok(LineOutcome::Blank);
        }
        let read = self.line(number, text, out)?;
        out.push(b'\n');
        Ok(if read {
            LineOutcome::Assessed
        } else {
            LineOutcome::Rejected
        })
    }

    /// Writes the result of one line into `out`; `true` if the document was read.
    fn line(&self, number: u64, text: &[u8], out: &mut Vec<u8>) -> io::Result<bool> {
        let Ok(text) = std::str::from_utf8(text) else {
            let err = DocumentError::new(
                DocumentErrorKind::Syntax,
                ".",
                "the line is not valid UTF-8",
            );
            write_json(out, &LineResult::error(number, &err))?;
            return Ok(false);
        };
        match self.document {
            LineDocument::Product => match Product::from_json(text) {
                Ok(product) => {
                    let assessment = assess_product_with(&product, &self.quality, self.on);
                    write_json(
                        out,
                        &LineResult::ok(number, "assessment", &assessment, self.full),
                    )?;
                    Ok(true)
                }
                Err(err) => {
                    write_json(out, &LineResult::error(number, &err))?;
                    Ok(false)
                }
            },
            LineDocument::Offer => match ClinicOffer::from_json(text) {
                Ok(offer) => {
                    let evaluation = evaluate_offer_with(&offer, &self.offer, self.on);
                    write_json(
                        out,
                        &LineResult::ok(number, "evaluation", &evaluation, self.full),
                    )?;
                    Ok(true)
                }
                Err(err) => {
                    write_json(out, &LineResult::error(number, &err))?;
                    Ok(false)
                }
            },
        }
    }
}

/// What became of one input line.
#[derive(Debug, Clone, Copy)]
enum LineOutcome {
    Assessed,
    Rejected,
    Blank,
}

impl LinesSummary {
    fn count(&mut self, outcome: LineOutcome) {
        match outcome {
            LineOutcome::Assessed => self.assessed += 1,
            LineOutcome::Rejected => self.rejected += 1,
            LineOutcome::Blank => self.blank += 1,
        }
    }
}

/// The line without its `\n` or `\r\n` ending.
fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn write_json<T: Serialize>(out: &mut Vec<u8>, value: &T) -> io::Result<()> {
    crate::json::write(out, value).map_err(io::Error::from)
}

/// One result line.
enum LineResult<'a, T> {
    Ok {
        line: u64,
        key: &'static str,
        value: &'a T,
        full: bool,
    },
    Error {
        line: u64,
        error: &'a DocumentError,
    },
}

impl<'a, T> LineResult<'a, T> {
    fn ok(line: u64, key: &'static str, value: &'a T, full: bool) -> Self {
        Self::Ok {
            line,
            key,
            value,
            full,
        }
    }
}

impl<'a> LineResult<'a, ()> {
    fn error(line: u64, error: &'a DocumentError) -> Self {
        Self::Error { line, error }
    }
}

impl<T: Serialize> Serialize for LineResult<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("LineResult", 2)?;
        match self {
            Self::Ok {
                line,
                key,
                value,
                full,
            } => {
                out.serialize_field("line", line)?;
                if *full {
                    out.serialize_field(key, value)?;
                } else {
                    out.serialize_field(key, &Compact(value))?;
                }
            }
            Self::Error { line, error } => {
                out.serialize_field("line", line)?;
                out.serialize_field("error", &ErrorFields(error))?;
            }
        }
        out.end()
    }
}

/// A [`DocumentError`] as a JSON object: path, message and, when known, line and column.
struct ErrorFields<'a>(&'a DocumentError);

impl Serialize for ErrorFields<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let err = self.0;
        let mut out = serializer.serialize_struct("DocumentError", 4)?;
        out.serialize_field("path", err.path())?;
        out.serialize_field("message", err.message())?;
        if let Some(line) = err.line() {
            out.serialize_field("line", &line)?;
        }
        if let Some(column) = err.column() {
            out.serialize_field("column", &column)?;
        }
        out.end()
    }
}
