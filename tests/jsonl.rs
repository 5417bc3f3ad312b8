//! JSON Lines: one document per line in, one result per line out; a bad line gets an error line
//! with its number and the stream goes on.
#![cfg(feature = "json")]

use msc_therapy::engine::offer::{OfferEvaluation, OfferPolicy};
use msc_therapy::engine::quality::QualityPolicy;
use msc_therapy::interop::JsonLines;
use msc_therapy::{ClinicOffer, Product, ProductAssessment, assess_product, evaluate_offer};
use serde_json::Value;

#[path = "common/samples.rs"]
mod samples;

use samples::{OFFERS, PRODUCTS};

/// A pretty-printed sample on one line.
fn one_line(json: &str) -> String {
    serde_json::to_string(&serde_json::from_str::<Value>(json).unwrap()).unwrap()
}

fn run(lines: &JsonLines, input: &[u8]) -> (msc_therapy::interop::LinesSummary, Vec<Value>) {
    let mut output = Vec::new();
    let summary = lines.run(input, &mut output).expect("no I/O error");
    let text = String::from_utf8(output).expect("the output is UTF-8");
    assert!(text.is_empty() || text.ends_with('\n'), "{text}");
    let results = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is one JSON document"))
        .collect();
    (summary, results)
}

#[test]
fn each_product_line_gets_its_assessment_in_the_compact_form() {
    let input: String = PRODUCTS.iter().map(|p| one_line(p.1) + "\n").collect();
    let (summary, results) = run(
        &JsonLines::products(QualityPolicy::default(), ON),
        input.as_bytes(),
    );
    assert_eq!(
        (summary.lines, summary.assessed, summary.rejected),
        (4, 4, 0)
    );
    assert_eq!(results.len(), PRODUCTS.len());
    for (i, (&(_, json), result)) in PRODUCTS.iter().zip(&results).enumerate() {
        assert_eq!(result["line"], i + 1);
        let product = Product::from_json(json).unwrap();
        let expected = assess_product(&product, ON);
        let back: ProductAssessment<'static> =
            serde_json::from_value(result["assessment"].clone()).expect("reads back");
        assert_eq!(back, expected);
        assert!(
            result["assessment"]["us"]["findings"][0]
                .get("summary")
                .is_none()
        );
    }
}

#[test]
fn the_full_form_carries_each_rules_text() {
    let input = one_line(PRODUCTS[0].1) + "\n";
    let (_, results) = run(
        &JsonLines::products(QualityPolicy::default(), ON).full_form(),
        input.as_bytes(),
    );
    let finding = &results[0]["assessment"]["us"]["findings"][0];
    let rule: msc_therapy::RuleId = finding["rule"].as_str().unwrap().parse().unwrap();
    assert_eq!(finding["citation"], rule.info().citation);
}

#[test]
fn a_bad_line_gets_an_error_line_and_the_stream_goes_on() {
    let good = one_line(PRODUCTS[1].1);
    let input = format!(
        "{good}\n{{\"name\": \"Bad lot\", \"release\": {{\"viability\": [{{\"percent\": 140}}]}}}}\nnot json\n\n   \n{good}\r\n"
    );
    let (summary, results) = run(
        &JsonLines::products(QualityPolicy::default(), ON),
        input.as_bytes(),
    );
    assert_eq!(
        (
            summary.lines,
            summary.assessed,
            summary.rejected,
            summary.blank
        ),
        (6, 2, 2, 2)
    );
    let numbers: Vec<&Value> = results.iter().map(|r| &r["line"]).collect();
    assert_eq!(numbers, [1, 2, 3, 6]);
    assert_eq!(results[1]["error"]["path"], "release.viability[0].percent");
    assert_eq!(
        results[1]["error"]["message"],
        "percentage must be between 0 and 100, got 140"
    );
    assert!(results[1].get("assessment").is_none());
    assert_eq!(results[2]["error"]["path"], ".");
    assert_eq!(results[2]["error"]["column"], 2);
    assert!(
        results[3].get("assessment").is_some(),
        "CRLF line endings are read"
    );
}

#[test]
fn a_line_that_is_not_utf8_is_rejected_by_number() {
    let mut input = b"{\"name\": \"caf\xe9\"}\n".to_vec();
    input.extend_from_slice(one_line(PRODUCTS[0].1).as_bytes());
    let (summary, results) = run(&JsonLines::products(QualityPolicy::default(), ON), &input);
    assert_eq!((summary.assessed, summary.rejected), (1, 1));
    assert_eq!(results[0]["line"], 1);
    assert_eq!(
        results[0]["error"]["message"],
        "the line is not valid UTF-8"
    );
    assert_eq!(
        results[1]["line"], 2,
        "a last line without a newline is read"
    );
}

#[test]
fn each_offer_line_gets_its_evaluation() {
    let input: String = OFFERS.iter().map(|o| one_line(o.1) + "\n").collect();
    let (summary, results) = run(
        &JsonLines::offers(OfferPolicy::default(), ON),
        input.as_bytes(),
    );
    assert_eq!(
        (summary.assessed, summary.rejected),
        (OFFERS.len() as u64, 0)
    );
    for (&(_, json), result) in OFFERS.iter().zip(&results) {
        let expected = evaluate_offer(&ClinicOffer::from_json(json).unwrap(), ON);
        let back: OfferEvaluation =
            serde_json::from_value(result["evaluation"].clone()).expect("reads back");
        assert_eq!(back, expected);
    }
}

#[test]
fn a_product_is_not_an_offer() {
    let input = one_line(PRODUCTS[0].1) + "\n";
    let (summary, results) = run(
        &JsonLines::offers(OfferPolicy::default(), ON),
        input.as_bytes(),
    );
    assert_eq!(summary.rejected, 1);
    assert!(results[0]["error"]["message"].as_str().is_some());
}

/// A reader that fails after its first line.
struct Failing(bool);

impl std::io::Read for Failing {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        unreachable!("read through BufRead only")
    }
}

impl std::io::BufRead for Failing {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.0 {
            Err(std::io::Error::other("disk on fire"))
        } else {
            Ok(b"{\"name\": \"x\"}\n")
        }
    }

    fn consume(&mut self, _: usize) {
        self.0 = true;
    }
}

#[test]
fn an_io_error_stops_the_run_after_the_lines_written() {
    let mut output = Vec::new();
    let err = JsonLines::products(QualityPolicy::default(), ON)
        .run(Failing(false), &mut output)
        .unwrap_err();
    assert_eq!(err.to_string(), "disk on fire");
    assert!(
        String::from_utf8(output)
            .unwrap()
            .starts_with("{\"line\":1,\"assessment\"")
    );
}

/// Input with every kind of line: products, a bad value, bad JSON, blank lines, CRLF, a line
/// that is not UTF-8, and a last line without a newline.
#[cfg(feature = "parallel")]
fn mixed_input() -> Vec<u8> {
    let mut input = Vec::new();
    for (i, &(_, product)) in PRODUCTS.iter().cycle().take(9).enumerate() {
        input.extend_from_slice(one_line(product).as_bytes());
        input.extend_from_slice(if i % 3 == 0 { b"\r\n" } else { b"\n" });
        match i % 4 {
            0 => input.extend_from_slice(b"\n   \n"),
            1 => input.extend_from_slice(b"{\"name\": \"Bad\", \"dose\": {\"volume_ml\": -1}}\n"),
            2 => input.extend_from_slice(b"not json\n{\"name\": \"caf\xe9\"}\n"),
            _ => {}
        }
    }
    input.extend_from_slice(one_line(PRODUCTS[2].1).as_bytes());
    input
}

#[cfg(feature = "parallel")]
#[test]
fn the_parallel_run_writes_what_the_sequential_run_writes_in_the_same_order() {
    let input = mixed_input();
    for lines in [
        JsonLines::products(QualityPolicy::default(), ON),
        JsonLines::products(QualityPolicy::default(), ON).full_form(),
    ] {
        let mut sequential = Vec::new();
        let expected = lines.run(&input[..], &mut sequential).unwrap();
        assert!(
            expected.rejected >= 3 && expected.blank >= 2,
            "{expected:?}"
        );
        for batch in [0, 1, 2, 3, 7, 1000] {
            let mut parallel = Vec::new();
            let summary = lines
                .run_parallel(&input[..], &mut parallel, batch)
                .unwrap();
            assert_eq!(summary, expected, "batch {batch}");
            assert!(parallel == sequential, "batch {batch}: outputs differ");
        }
    }
}

#[cfg(feature = "parallel")]
#[test]
fn the_parallel_run_stops_at_an_io_error_after_the_batches_written() {
    let input = mixed_input();
    let lines = JsonLines::products(QualityPolicy::default(), ON);
    let mut sequential = Vec::new();
    lines.run(&input[..], &mut sequential).unwrap();
    let limit = sequential.len() / 2;
    let mut sink = LimitedWriter {
        written: Vec::new(),
        limit,
    };
    let err = lines.run_parallel(&input[..], &mut sink, 2).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::WriteZero);
    assert!(sink.written.len() <= limit);
    assert!(sequential.starts_with(&sink.written));
}

/// A writer that accepts `limit` bytes and then fails.
#[cfg(feature = "parallel")]
struct LimitedWriter {
    written: Vec<u8>,
    limit: usize,
}

#[cfg(feature = "parallel")]
impl std::io::Write for LimitedWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let room = self.limit - self.written.len();
        if room == 0 {
            return Ok(0);
        }
        let n = room.min(buf.len());
        self.written.extend_from_slice(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
#[allow(dead_code)]
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);
