//! The Rust side of the Python package's tests and timing: what the library itself writes.
//!
//! ```text
//! cargo run --release -p msc-therapy-python-reference -- --on 2026-12-07 FILE...
//! cargo run --release -p msc-therapy-python-reference -- --on 2026-12-07 --bench 20000 FILE...
//! ```
//!
//! Without `--bench`, prints one JSON object per line for each engine run on each file:
//! `{"path": FILE, "engine": NAME, "json": TEXT}`, where TEXT is the library's own JSON
//! (`to_json`) for that engine, straight from the library's public API. A file with a
//! top-level `product` member is a clinic offer (engine `evaluate_offer`); any other is a product
//! (engines `assess_product`, `assess_quality`, `classify_us`, `classify_eu`, `classify_jp`,
//! and `validate_product`, the product as the library reads it). The what-if answers come too:
//! `settling_facts` and `smallest_changes:<target>` for the targets `us:section_361_hctp` and
//! `quality:pass` (an offer: `settling_offer_facts`, `smallest_offer_changes:good_signs`).
//!
//! With `--bench N`, runs the main job on each file N times (read the JSON text, assess, write
//! JSON) and prints `{"path": FILE, "ns_per_call": T}` lines: the Rust figure the Python call
//! overhead is measured against (`bindings/python/bench.py`).

use jiff::civil::Date;
use msc_therapy::engine::offer::PatientVerdict;
use msc_therapy::engine::quality::{QualityPolicy, QualityVerdict};
use msc_therapy::engine::us::UsClassification;
use msc_therapy::vocab::IsoDate;
use msc_therapy::what_if::{self, ProductTarget};
use msc_therapy::{
    ClinicOffer, Product, assess_product, assess_quality, classify_eu, classify_jp, classify_us,
    evaluate_offer,
};
use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

fn is_offer(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| v.get("product").is_some())
}

/// The main job once: read, assess, write.
fn run_once(text: &str, offer: bool, on: Date) -> Result<String, String> {
    if offer {
        let offer = ClinicOffer::from_json(text).map_err(|e| e.to_string())?;
        Ok(evaluate_offer(&offer, on).to_json())
    } else {
        let product = Product::from_json(text).map_err(|e| e.to_string())?;
        Ok(assess_product(&product, on).to_json())
    }
}

fn results(text: &str, on: Date) -> Result<Vec<(&'static str, String)>, String> {
    if is_offer(text) {
        let offer = ClinicOffer::from_json(text).map_err(|e| e.to_string())?;
        return Ok(vec![
            ("evaluate_offer", run_once(text, true, on)?),
            (
                "settling_offer_facts",
                what_if::settling_offer_facts(&offer, on).to_json(),
            ),
            (
                "smallest_offer_changes:good_signs",
                what_if::smallest_offer_changes(&offer, PatientVerdict::GoodSigns, on).to_json(),
            ),
        ]);
    }
    let product = Product::from_json(text).map_err(|e| e.to_string())?;
    let policy = QualityPolicy::default();
    Ok(vec![
        ("assess_product", assess_product(&product, on).to_json()),
        (
            "assess_quality",
            assess_quality(&product, &policy, on).to_json(),
        ),
        ("classify_us", classify_us(&product, on).to_json()),
        ("classify_eu", classify_eu(&product, on).to_json()),
        ("classify_jp", classify_jp(&product, on).to_json()),
        (
            "validate_product",
            serde_json::to_string(&product).map_err(|e| e.to_string())?,
        ),
        (
            "settling_facts",
            what_if::settling_facts(&product, on).to_json(),
        ),
        (
            "smallest_changes:us:section_361_hctp",
            what_if::smallest_changes(
                &product,
                ProductTarget::Us(UsClassification::Section361Hctp),
                on,
            )
            .to_json(),
        ),
        (
            "smallest_changes:quality:pass",
            what_if::smallest_changes(&product, ProductTarget::Quality(QualityVerdict::Pass), on)
                .to_json(),
        ),
    ])
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("reference: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut on = None;
    let mut bench = None;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--on" => on = Some(args.next().ok_or("--on needs a date")?),
            "--bench" => {
                let n = args.next().ok_or("--bench needs a count")?;
                bench = Some(n.parse::<u32>().map_err(|e| format!("--bench {n}: {e}"))?);
            }
            _ => files.push(arg),
        }
    }
    // The date as the crate reads dates (exactly YYYY-MM-DD), as jiff's calendar date.
    let on = IsoDate::new(on.ok_or("--on DATE is required")?)
        .map_err(|e| e.to_string())?
        .date();
    for path in files {
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        if let Some(n) = bench {
            let offer = is_offer(&text);
            run_once(&text, offer, on)?; // warm up, and fail before timing
            let start = Instant::now();
            for _ in 0..n {
                black_box(run_once(black_box(&text), offer, on)?);
            }
            let ns = start.elapsed().as_nanos() / u128::from(n.max(1));
            println!(
                "{}",
                serde_json::json!({"path": path, "ns_per_call": ns as u64})
            );
            continue;
        }
        for (engine, json) in results(&text, on).map_err(|e| format!("{path}: {e}"))? {
            println!(
                "{}",
                serde_json::json!({"path": path, "engine": engine, "json": json})
            );
        }
    }
    Ok(())
}
