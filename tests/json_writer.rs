//! The crate's JSON writer (behind [`Compact::to_json`], [`Compact::write_json`], every
//! report's `to_json` and [`JsonLines`]) writes byte for byte what `serde_json::to_vec` writes.
//!
//! Every expectation here is serde_json's own output for the same value, never a string the
//! crate's writer produced: on the crate's outputs for every bundled sample with each JSON key
//! (and each array element) of the input deleted in turn, on generated products, on strings
//! holding every character JSON escapes at every position around the writer's 16-byte chunks,
//! on the floats and integers at the edges of their types, and on every shape of the serde data
//! model. `Compact(&value)` changes only the crate's own output types, so `Compact(&x).to_json()`
//! is the writer on any `x`.
#![cfg(feature = "json")]

mod common;

use msc_therapy::engine::offer::OfferPolicy;
use msc_therapy::engine::quality::QualityPolicy;
use msc_therapy::finding::Compact;
use msc_therapy::interop::JsonLines;
use msc_therapy::{
    ClinicOffer, Product, Report, assess_product, assess_product_with, evaluate_offer,
};
use proptest::prelude::*;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// The text of every bundled sample in `examples/data/<kind>`, in file-name order.
fn samples(kind: &str) -> Vec<String> {
    let dir = format!("{}/examples/data/{kind}", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the samples directory")
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 3, "{files:?}");
    files
        .iter()
        .map(|file| std::fs::read_to_string(file).expect("a sample"))
        .collect()
}

/// The writer's output for `value` (through `Compact::to_json` and `Compact::write_json`,
/// appending to a buffer that already holds text) equals serde_json's for `Compact(value)`.
#[track_caller]
fn assert_same<T: Serialize + ?Sized>(value: &T) {
    let theirs = serde_json::to_vec(&Compact(value)).expect("serde_json writes the value");
    let ours = Compact(value).to_json();
    assert_eq!(
        ours.as_bytes(),
        theirs,
        "\nours:   {ours}\ntheirs: {}",
        String::from_utf8_lossy(&theirs)
    );
    let mut buffer = b"[1,".to_vec();
    Compact(value).write_json(&mut buffer);
    assert_eq!(buffer[..3], *b"[1,");
    assert_eq!(buffer[3..], theirs);
}

/// Every document made from `doc` by deleting one object key or one array element, at any
/// depth, with `doc` itself first.
fn each_deletion(doc: &Value) -> Vec<Value> {
    fn paths(value: &Value, prefix: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
        let children: Vec<(Value, &Value)> = match value {
            Value::Object(map) => map
                .iter()
                .map(|(k, v)| (Value::from(k.as_str()), v))
                .collect(),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (Value::from(i), v))
                .collect(),
            _ => Vec::new(),
        };
        for (step, child) in children {
            prefix.push(step);
            out.push(prefix.clone());
            paths(child, prefix, out);
            prefix.pop();
        }
    }
    fn delete(value: &mut Value, path: &[Value]) {
        let Some((step, rest)) = path.split_first() else {
            return;
        };
        match (value, step) {
            (Value::Object(map), Value::String(key)) if rest.is_empty() => {
                map.remove(key);
            }
            (Value::Array(items), Value::Number(i)) if rest.is_empty() => {
                items.remove(i.as_u64().expect("an index") as usize);
            }
            (Value::Object(map), Value::String(key)) => delete(&mut map[key], rest),
            (Value::Array(items), Value::Number(i)) => {
                delete(&mut items[i.as_u64().expect("an index") as usize], rest)
            }
            _ => unreachable!("paths follow the document"),
        }
    }
    let mut all = Vec::new();
    paths(doc, &mut Vec::new(), &mut all);
    let mut docs = vec![doc.clone()];
    for path in all {
        let mut smaller = doc.clone();
        delete(&mut smaller, &path);
        docs.push(smaller);
    }
    docs
}

/// Every bundled sample of `kind`, then each with one key or array element deleted.
fn variants(kind: &str) -> Vec<String> {
    samples(kind)
        .iter()
        .flat_map(|text| each_deletion(&serde_json::from_str(text).expect("a sample is JSON")))
        .map(|doc| doc.to_string())
        .collect()
}

/// What an output's `to_json()` returned (`ours`) is what serde_json writes for `value`.
#[track_caller]
fn assert_to_json_same<T: Serialize>(ours: String, value: &T) {
    assert_eq!(ours, serde_json::to_string(value).unwrap());
}

/// A product assessment: every report's `to_json` (the full form) and the compact form of
/// each, and of the whole.
#[track_caller]
fn assert_assessment_same(product: &Product) {
    let assessment = assess_product(product, ON);
    assert_to_json_same(assessment.to_json(), &assessment);
    assert_same(&assessment);
    assert_to_json_same(assessment.us.to_json(), &assessment.us);
    assert_to_json_same(assessment.quality.to_json(), &assessment.quality);
    assert_to_json_same(assessment.eu.to_json(), &assessment.eu);
    assert_to_json_same(assessment.jp.to_json(), &assessment.jp);
    assert_same(&assessment.us);
    assert_same(&assessment.quality);
    assert_same(&assessment.eu);
    assert_same(&assessment.jp);
    assert_same(&*assessment.product);
    let findings = assessment
        .us
        .findings()
        .chain(assessment.quality.findings())
        .chain(assessment.eu.findings())
        .chain(assessment.jp.findings());
    for finding in findings {
        assert_eq!(finding.to_json(), serde_json::to_string(finding).unwrap());
        assert_same(finding);
    }
}

/// Every bundled product, with each key and array element of its JSON deleted in turn: the
/// assessment in both forms, each engine's report and each finding.
#[test]
fn every_sample_product_with_each_key_deleted() {
    let (mut assessed, variants) = (0, variants("products"));
    for text in &variants {
        if let Ok(product) = Product::from_json(text) {
            assert_assessment_same(&product);
            assessed += 1;
        }
    }
    // Most deletions leave a valid document (a required key's does not).
    assert!(
        assessed > variants.len() / 2,
        "{assessed} of {}",
        variants.len()
    );
}

/// Every bundled offer, with each key and array element of its JSON deleted in turn: the
/// evaluation in both forms and each finding.
#[test]
fn every_sample_offer_with_each_key_deleted() {
    let (mut evaluated, variants) = (0, variants("offers"));
    for text in &variants {
        if let Ok(offer) = ClinicOffer::from_json(text) {
            let evaluation = evaluate_offer(&offer, ON);
            assert_eq!(
                evaluation.to_json(),
                serde_json::to_string(&evaluation).unwrap()
            );
            assert_same(&evaluation);
            assert_same(&offer);
            for finding in evaluation.findings() {
                assert_same(finding);
            }
            evaluated += 1;
        }
    }
    assert!(
        evaluated > variants.len() / 2,
        "{evaluated} of {}",
        variants.len()
    );
}

/// The result line of a rejected document, as serde_json writes it.
#[derive(Serialize)]
struct ErrorLine<'a> {
    line: u64,
    error: ErrorFields<'a>,
}

#[derive(Serialize)]
struct ErrorFields<'a> {
    path: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u64>,
}

/// `{"line":n,"<key>":<value>}` with the value as serde_json writes it.
fn result_line(n: usize, key: &str, value: &impl Serialize) -> String {
    format!(
        "{{\"line\":{n},\"{key}\":{}}}\n",
        serde_json::to_string(value).unwrap()
    )
}

fn error_line(n: usize, err: &msc_therapy::DocumentError) -> String {
    let line = ErrorLine {
        line: n as u64,
        error: ErrorFields {
            path: err.path(),
            message: err.message(),
            line: err.line().map(|l| l as u64),
            column: err.column().map(|c| c as u64),
        },
    };
    serde_json::to_string(&line).unwrap() + "\n"
}

/// JSON Lines, both forms, products and offers: every result line (assessed or rejected) is
/// what serde_json writes for it.
#[test]
fn json_lines_write_serde_jsons_bytes() {
    let policy = QualityPolicy::default();
    let products = variants("products");
    let offers = variants("offers");
    for full in [false, true] {
        let mut expected = String::new();
        for (i, text) in products.iter().enumerate() {
            expected += &match Product::from_json(text) {
                Ok(product) => {
                    let assessment = assess_product_with(&product, &policy, ON);
                    if full {
                        result_line(i + 1, "assessment", &assessment)
                    } else {
                        result_line(i + 1, "assessment", &Compact(&assessment))
                    }
                }
                Err(err) => error_line(i + 1, &err),
            };
        }
        let lines = JsonLines::products(policy.clone(), ON);
        let lines = if full { lines.full_form() } else { lines };
        let mut output = Vec::new();
        lines
            .run(products.join("\n").as_bytes(), &mut output)
            .unwrap();
        assert_eq!(String::from_utf8(output).unwrap(), expected, "full: {full}");

        let mut expected = String::new();
        for (i, text) in offers.iter().enumerate() {
            expected += &match ClinicOffer::from_json(text) {
                Ok(offer) => {
                    let evaluation = evaluate_offer(&offer, ON);
                    if full {
                        result_line(i + 1, "evaluation", &evaluation)
                    } else {
                        result_line(i + 1, "evaluation", &Compact(&evaluation))
                    }
                }
                Err(err) => error_line(i + 1, &err),
            };
        }
        let lines = JsonLines::offers(OfferPolicy::default(), ON);
        let lines = if full { lines.full_form() } else { lines };
        let mut output = Vec::new();
        lines
            .run(offers.join("\n").as_bytes(), &mut output)
            .unwrap();
        assert_eq!(String::from_utf8(output).unwrap(), expected, "full: {full}");
    }
}

/// A line that is not UTF-8 gets serde_json's bytes for its error line too.
#[test]
fn a_line_that_is_not_utf8() {
    let mut output = Vec::new();
    JsonLines::products(QualityPolicy::default(), ON)
        .run(&b"{\"name\": \"\xff\"}\n"[..], &mut output)
        .unwrap();
    let expected = ErrorLine {
        line: 1,
        error: ErrorFields {
            path: ".",
            message: "the line is not valid UTF-8",
            line: None,
            column: None,
        },
    };
    assert_eq!(
        String::from_utf8(output).unwrap(),
        serde_json::to_string(&expected).unwrap() + "\n"
    );
}

/// Characters JSON escapes, characters it does not escape but that are easy to get wrong,
/// and multi-byte characters of each length.
const SPECIALS: &[&str] = &[
    "\"", "\\", "\u{0}", "\u{8}", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{1f}", "\u{7f}", "/", "é",
    "中", "😀", "\u{2028}", "\u{2029}", "\u{feff}",
];

/// Every character below U+0080 alone, and between text on both sides.
#[test]
fn every_ascii_character() {
    for byte in 0..0x80u8 {
        let c = char::from(byte);
        assert_same(&c);
        assert_same(&c.to_string());
        assert_same(&format!("ab{c}cd"));
        assert_same(&format!("{}{c}{}", "x".repeat(15), "y".repeat(17)));
    }
    let all: String = (0..0x80u8).map(char::from).collect();
    assert_same(&all);
    assert_same(&all.repeat(3));
}

/// Strings of every length from 0 to 40 with each special character at every position, on a
/// background of ASCII or of multi-byte characters (so a 16-byte chunk starts inside a
/// character), alone and twice (at the position and at the end).
#[test]
fn special_characters_at_every_position_around_the_chunks() {
    for background in ["a", "é", "中", "😀"] {
        for len in 0..=40 {
            let clean = background.repeat(len);
            assert_same(&clean);
            for special in SPECIALS {
                for at in 0..=len {
                    let (head, tail) = clean.split_at(at * background.len());
                    let once = format!("{head}{special}{tail}");
                    assert_same(&once);
                    assert_same(&format!("{once}{special}"));
                }
            }
        }
    }
    // Byte lengths 0..=40 exactly, with a special byte at each byte offset.
    for len in 0..=40 {
        for at in 0..len {
            for special in ["\"", "\\", "\n", "\u{1}"] {
                let mut text = "q".repeat(len - 1);
                text.insert_str(at, special);
                assert_same(&text);
            }
        }
    }
    // Only specials, long enough for several chunks.
    assert_same(&SPECIALS.concat().repeat(5));
    assert_same(&"\"\\".repeat(40));
}

/// Floats at the edges: non-finite as `null`, negative zero, subnormals, the extremes, and
/// values whose shortest form needs an exponent.
#[test]
fn floats_at_the_edges() {
    let floats = [
        f64::NAN,
        -f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.0,
        -0.0,
        0.1,
        0.3,
        1.0,
        -1.5,
        1e300,
        1e-300,
        5e-324,
        -5e-324,
        f64::MIN_POSITIVE,
        f64::MAX,
        f64::MIN,
        f64::EPSILON,
        1e15,
        1e16,
        1e17,
        123456789012345680.0,
        0.000001,
        1e-7,
        16.666666666666668,
        40000000.0,
    ];
    for f in floats {
        assert_same(&f);
        assert_same(&Some(f));
        assert_same(&[f, f]);
    }
    assert_same(&floats);
    for f in [
        f32::NAN,
        f32::INFINITY,
        f32::NEG_INFINITY,
        -0.0f32,
        0.1f32,
        f32::MAX,
        f32::MIN_POSITIVE,
        1e-45f32,
    ] {
        assert_same(&f);
    }
}

/// Integers at the edges of every width.
#[test]
fn integers_at_the_edges() {
    assert_same(&[i8::MIN, -1, 0, 1, i8::MAX]);
    assert_same(&[i16::MIN, i16::MAX]);
    assert_same(&[i32::MIN, i32::MAX]);
    assert_same(&[i64::MIN, -1, 0, i64::MAX]);
    assert_same(&[i128::MIN, -1, 0, i128::MAX]);
    assert_same(&[u8::MAX, 0]);
    assert_same(&[u16::MAX]);
    assert_same(&[u32::MAX]);
    assert_same(&[u64::MAX, 0, 1, 9, 10, 99, 100]);
    assert_same(&[u128::MAX, 0]);
    assert_same(&[true, false]);
}

#[derive(Serialize)]
struct UnitStruct;

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
struct Newtype(String);

#[derive(Serialize)]
struct TupleStruct(u8, &'static str, f64);

#[derive(Serialize)]
struct Empty {}

#[derive(Serialize)]
struct Fields {
    a: u8,
    #[serde(rename = "quote\"d \\ key\n")]
    b: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    c: Option<u8>,
    nested: Vec<Fields>,
    #[serde(flatten)]
    extra: BTreeMap<String, u8>,
}

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
enum Shape {
    Unit,
    #[serde(rename = "re\"named")]
    Renamed,
    Newtype(u8),
    Tuple(u8, &'static str),
    EmptyTuple(),
    Struct {
        a: u8,
        b: &'static str,
    },
    EmptyStruct {},
}

#[derive(Serialize)]
#[serde(tag = "kind")]
enum Tagged {
    A { x: u8 },
    B(Fields),
}

#[derive(Serialize)]
#[serde(untagged)]
enum Untagged {
    A(u8),
    B(&'static str),
}

/// Bytes written with `serialize_bytes` (what `serde_bytes` does): an array of numbers.
struct Bytes(&'static [u8]);

impl Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

/// `Display` text written with `collect_str`, in several pieces.
struct Pieces(&'static [&'static str]);

impl fmt::Display for Pieces {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|piece| f.write_str(piece))
    }
}

impl Serialize for Pieces {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A sequence and a map that say they are empty and are not: serde_json writes what it is
/// told, and so does the writer.
struct Lying;

impl Serialize for Lying {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct, SerializeTupleVariant};
        let mut seq = serializer.serialize_seq(Some(0))?;
        seq.serialize_element(&1)?;
        seq.serialize_element(&SaysEmpty)?;
        seq.serialize_element(&SaysEmptyMap)?;
        seq.serialize_element(&SaysEmptyVariant)?;
        return seq.end();

        struct SaysEmpty;
        impl Serialize for SaysEmpty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut st = s.serialize_struct("SaysEmpty", 0)?;
                st.serialize_field("a", &1)?;
                st.end()
            }
        }
        struct SaysEmptyMap;
        impl Serialize for SaysEmptyMap {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(Some(0))?;
                map.serialize_entry("k", &2)?;
                map.end()
            }
        }
        struct SaysEmptyVariant;
        impl Serialize for SaysEmptyVariant {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut tv = s.serialize_tuple_variant("E", 0, "V", 0)?;
                tv.serialize_field(&3)?;
                tv.end()
            }
        }
    }
}

/// Every shape of the serde data model, as serde_json writes it.
#[test]
fn every_shape_of_the_serde_data_model() {
    assert_same(&());
    assert_same(&UnitStruct);
    assert_same(&Shape::Unit);
    assert_same(&Shape::Renamed);
    assert_same(&Newtype("new\"type".into()));
    assert_same(&Shape::Newtype(7));
    assert_same(&(1u8, "two", 3.5f64, ()));
    assert_same(&TupleStruct(1, "x", -0.0));
    assert_same(&Shape::Tuple(1, "a\\b"));
    assert_same(&Shape::EmptyTuple());
    assert_same(&Shape::Struct { a: 1, b: "b\n" });
    assert_same(&Shape::EmptyStruct {});
    assert_same(&Empty {});
    assert_same(&Bytes(&[]));
    assert_same(&Bytes(&[0, 1, 127, 255]));
    assert_same(&'"');
    assert_same(&'😀');
    assert_same(&Option::<u8>::None);
    assert_same(&Some(Some(3u8)));
    assert_same(&Vec::<u8>::new());
    assert_same(&vec![vec![], vec![1u8], vec![2, 3]]);
    assert_same(&BTreeMap::<String, u8>::new());
    assert_same(&Pieces(&[]));
    assert_same(&Pieces(&["a", "\"", "", "b\\c\n", "é中"]));
    assert_same(&Lying);
    let fields = Fields {
        a: 1,
        b: None,
        c: Some(3),
        nested: vec![Fields {
            a: 2,
            b: Some("x\"y"),
            c: None,
            nested: vec![],
            extra: BTreeMap::new(),
        }],
        extra: BTreeMap::from([("flat\ttened".to_owned(), 4)]),
    };
    assert_same(&fields);
    assert_same(&Tagged::A { x: 1 });
    assert_same(&Tagged::B(fields));
    assert_same(&[Untagged::A(1), Untagged::B("b")]);
}

/// Map keys as serde_json writes them: strings, unit variants (as the product's
/// `BTreeMap<SurfaceMarker, Percent>`), newtypes of them, and integers, booleans, chars and
/// finite floats in quotes.
#[test]
fn map_keys() {
    assert_same(&BTreeMap::from([
        ("b", 1),
        ("a\"", 2),
        ("", 3),
        ("\u{1}", 4),
    ]));
    assert_same(&BTreeMap::from([(Shape::Unit, 1), (Shape::Renamed, 2)]));
    assert_same(&BTreeMap::from([(Newtype("k".into()), 1)]));
    assert_same(&BTreeMap::from([(i8::MIN, 1), (0, 2), (i8::MAX, 3)]));
    assert_same(&BTreeMap::from([(i16::MIN, 1)]));
    assert_same(&BTreeMap::from([(i32::MIN, 1)]));
    assert_same(&BTreeMap::from([(i64::MIN, 1), (i64::MAX, 2)]));
    assert_same(&BTreeMap::from([(i128::MIN, 1), (i128::MAX, 2)]));
    assert_same(&BTreeMap::from([(u8::MAX, 1)]));
    assert_same(&BTreeMap::from([(u16::MAX, 1)]));
    assert_same(&BTreeMap::from([(u32::MAX, 1)]));
    assert_same(&BTreeMap::from([(u64::MAX, 1)]));
    assert_same(&BTreeMap::from([(u128::MAX, 1)]));
    assert_same(&BTreeMap::from([(true, 1), (false, 2)]));
    assert_same(&BTreeMap::from([('"', 1), ('é', 2)]));
    assert_same(&BTreeMap::from([(Some("some"), 1)]));
    assert_same(&BTreeMap::from([(
        Pieces(&["dis", "play\""]).to_string(),
        1,
    )]));
    struct FloatKeys;
    impl Serialize for FloatKeys {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_map([(0.5f64, 1), (-0.0, 2), (1e300, 3)])
        }
    }
    assert_same(&FloatKeys);
    struct F32Keys;
    impl Serialize for F32Keys {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_map([(0.1f32, 1)])
        }
    }
    assert_same(&F32Keys);
    struct CollectedKey;
    impl Serialize for CollectedKey {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_map([(Pieces(&["a", "\n"]), 1)])
        }
    }
    assert_same(&CollectedKey);
}

proptest! {
    #![proptest_config(common::config())]

    /// Any string, any char.
    #[test]
    fn any_string(text in any::<String>(), c in any::<char>()) {
        assert_same(&text);
        assert_same(&c);
        assert_same(&BTreeMap::from([(text.as_str(), c)]));
    }

    /// Strings built from the characters that matter, in any order and any length.
    #[test]
    fn strings_of_special_characters(
        pieces in proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(SPECIALS),
                Just("a"),
                Just("abcdefghijklmnopq"),
            ],
            0..40,
        )
    ) {
        assert_same(&pieces.concat());
        assert_same(&pieces);
    }

    /// Any `f64` bit pattern, NaNs and infinities included.
    #[test]
    fn any_float(bits in any::<u64>(), f in any::<f64>()) {
        assert_same(&f64::from_bits(bits));
        assert_same(&f);
        assert_same(&f32::from_bits(bits as u32));
    }

    /// Generated products (every optional key present or absent): the assessment in both
    /// forms, each report and each finding.
    #[test]
    fn generated_products(doc in common::product_document()) {
        assert_assessment_same(&common::parse(&doc));
    }
}

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
#[allow(dead_code)]
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);
