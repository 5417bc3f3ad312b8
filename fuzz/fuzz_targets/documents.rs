//! Arbitrary bytes into every `from_json` of the crate, and every engine on what parses.
//!
//! Run from the repository root (nightly toolchain, cargo-fuzz):
//!
//! ```text
//! cargo +nightly fuzz run documents -- -max_total_time=600
//! ```
//!
//! A crash is any panic: in a parser (bad input must be a typed error, never a panic), in an
//! engine, in `Display`, in serialization, in reading an output back (which must give back what
//! was written, in both forms), in `JsonLines`, or the crate's JSON writer (`to_json`,
//! `Compact::to_json`, `Compact::write_json`) writing other bytes than `serde_json` for the
//! same output.
#![no_main]

use libfuzzer_sys::fuzz_target;
use msc_therapy::engine::offer::{OfferEvaluation, OfferPolicy};
use msc_therapy::engine::quality::QualityPolicy;
use msc_therapy::finding::Compact;
use msc_therapy::interop::JsonLines;
use msc_therapy::{
    ClinicOffer, Product, ProductAssessment, assess_product_with, evaluate_offer,
    evaluate_offer_with,
};

/// The evaluation date of every run.
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);

const SAMPLE_PRODUCT: &str =
    include_str!("../../examples/data/products/cultured_bone_marrow_msc.json");
const SAMPLE_OFFER: &str = include_str!("../../examples/data/offers/strip_mall_umbilical.json");

/// The crate's writer gives serde_json's bytes: `to_json` (full form), `Compact::to_json` and
/// `Compact::write_json` (compact form, appended to a buffer that already holds text).
fn assert_same_bytes<T: serde::Serialize>(
    full: &str,
    compact: &Compact<&T>,
    serde_full: &str,
    serde_compact: &str,
) {
    assert_eq!(full, serde_full);
    assert_eq!(compact.to_json(), serde_compact);
    let mut buffer = b"x".to_vec();
    compact.write_json(&mut buffer);
    assert_eq!(&buffer[1..], serde_compact.as_bytes());
}

fn check_product(product: &Product, policy: &QualityPolicy) {
    let assessment = assess_product_with(product, policy, ON);
    let _ = assessment.to_string();
    let full = serde_json::to_string(&assessment).expect("an assessment serializes");
    let compact = serde_json::to_string(&Compact(&assessment)).expect("an assessment serializes");
    assert_same_bytes(
        &assessment.to_json(),
        &Compact(&assessment),
        &full,
        &compact,
    );
    for json in [full, compact] {
        // What is written reads back, and equals what was written (float_roundtrip is on).
        let back = serde_json::from_str::<ProductAssessment<'static>>(&json)
            .expect("an assessment reads back");
        assert_eq!(back, assessment);
    }
}

fn check_offer(offer: &ClinicOffer, policy: &OfferPolicy) {
    let evaluation = evaluate_offer_with(offer, policy, ON);
    let _ = evaluation.to_string();
    let full = serde_json::to_string(&evaluation).expect("an evaluation serializes");
    let compact = serde_json::to_string(&Compact(&evaluation)).expect("an evaluation serializes");
    assert_same_bytes(
        &evaluation.to_json(),
        &Compact(&evaluation),
        &full,
        &compact,
    );
    for json in [full, compact] {
        let back =
            serde_json::from_str::<OfferEvaluation>(&json).expect("an evaluation reads back");
        assert_eq!(back, evaluation);
    }
}

fuzz_target!(|data: &[u8]| {
    // JSON Lines takes bytes: any line, any encoding, never a panic.
    let mut sink = Vec::new();
    let _ = JsonLines::products(QualityPolicy::default(), ON).run(data, &mut sink);
    let _ = JsonLines::offers(OfferPolicy::default(), ON).run(data, &mut sink);

    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(product) = Product::from_json(text) {
        let _ = product.to_string();
        check_product(&product, &QualityPolicy::default());
    }
    if let Ok(policy) = QualityPolicy::from_json(text) {
        if let Ok(product) = Product::from_json(SAMPLE_PRODUCT) {
            check_product(&product, &policy);
        }
    }
    if let Ok(offer) = ClinicOffer::from_json(text) {
        let _ = evaluate_offer(&offer, ON);
        check_offer(&offer, &OfferPolicy::default());
    }
    if let Ok(policy) = OfferPolicy::from_json(text) {
        if let Ok(offer) = ClinicOffer::from_json(SAMPLE_OFFER) {
            check_offer(&offer, &policy);
        }
    }
});
