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
//! was written, in both forms), or in `JsonLines`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use msc_therapy::{
    ClinicOffer, Compact, JsonLines, OfferEvaluation, OfferPolicy, Product, ProductAssessment,
    QualityPolicy, assess_product, evaluate_offer, evaluate_offer_with,
};

const SAMPLE_PRODUCT: &str = include_str!("../../examples/data/products/cultured_bone_marrow_msc.json");
const SAMPLE_OFFER: &str = include_str!("../../examples/data/offers/strip_mall_umbilical.json");

fn check_product(product: &Product, policy: &QualityPolicy) {
    let assessment = assess_product(product, policy);
    let _ = assessment.to_string();
    for json in [
        serde_json::to_string(&assessment).expect("an assessment serializes"),
        serde_json::to_string(&Compact(&assessment)).expect("an assessment serializes"),
    ] {
        // What is written reads back, and equals what was written (float_roundtrip is on).
        let back = serde_json::from_str::<ProductAssessment<'static>>(&json)
            .expect("an assessment reads back");
        assert_eq!(back, assessment);
    }
}

fn check_offer(offer: &ClinicOffer, policy: &OfferPolicy) {
    let evaluation = evaluate_offer_with(offer, policy);
    let _ = evaluation.to_string();
    for json in [
        serde_json::to_string(&evaluation).expect("an evaluation serializes"),
        serde_json::to_string(&Compact(&evaluation)).expect("an evaluation serializes"),
    ] {
        let back = serde_json::from_str::<OfferEvaluation>(&json).expect("an evaluation reads back");
        assert_eq!(back, evaluation);
    }
}

fuzz_target!(|data: &[u8]| {
    // JSON Lines takes bytes: any line, any encoding, never a panic.
    let mut sink = Vec::new();
    let _ = JsonLines::products(QualityPolicy::default()).run(data, &mut sink);
    let _ = JsonLines::offers(OfferPolicy::default()).run(data, &mut sink);

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
        let _ = evaluate_offer(&offer);
        check_offer(&offer, &OfferPolicy::default());
    }
    if let Ok(policy) = OfferPolicy::from_json(text) {
        if let Ok(offer) = ClinicOffer::from_json(SAMPLE_OFFER) {
            check_offer(&offer, &policy);
        }
    }
});
