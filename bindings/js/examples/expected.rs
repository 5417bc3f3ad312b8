//! The Rust library's JSON for the bundled samples, for the Node test that checks the package
//! returns the same (`bindings/js/test/samples.test.mjs`), and the Rust side of the call-overhead
//! measurement (`bindings/js/bench.mjs`).
//!
//! ```text
//! cargo run -p msc-therapy-js --example expected -- 2026-06-01 OUT.json PRODUCT.json... -- OFFER.json...
//! cargo run --release -p msc-therapy-js --example expected -- --bench ITERATIONS PRODUCT.json... -- OFFER.json...
//! ```
//!
//! This calls the library directly, not the bindings, so the comparison is between the two.

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
use serde_json::{Map, Value};
use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--bench") {
        let iterations: u32 = args.get(1).ok_or("--bench ITERATIONS")?.parse()?;
        return bench(iterations, &args[2..]);
    }
    let [on, out, files @ ..] = args.as_slice() else {
        return Err("usage: expected DATE OUT.json PRODUCT.json... -- OFFER.json...".into());
    };
    let iso = IsoDate::new(on.as_str())?;
    let on: Date = iso.into();
    let (products, offers) = split(files);

    let text = |v: String| Value::String(v);
    let mut product_results = Map::new();
    for path in products {
        let p = Product::from_json(&std::fs::read_to_string(path)?)?;
        let mut r = Map::new();
        r.insert("product".into(), text(serde_json::to_string(&p)?));
        r.insert(
            "assessment".into(),
            text(serde_json::to_string(&assess_product(&p, on))?),
        );
        r.insert(
            "us".into(),
            text(serde_json::to_string(&classify_us(&p, on))?),
        );
        r.insert(
            "eu".into(),
            text(serde_json::to_string(&classify_eu(&p, on))?),
        );
        r.insert(
            "jp".into(),
            text(serde_json::to_string(&classify_jp(&p, on))?),
        );
        r.insert(
            "quality".into(),
            text(serde_json::to_string(&assess_quality(
                &p,
                &QualityPolicy::default(),
                on,
            ))?),
        );
        r.insert(
            "settling_facts".into(),
            text(serde_json::to_string(&what_if::settling_facts(&p, on))?),
        );
        r.insert(
            "smallest_changes_us_361".into(),
            text(serde_json::to_string(&what_if::smallest_changes(
                &p,
                ProductTarget::Us(UsClassification::Section361Hctp),
                on,
            ))?),
        );
        r.insert(
            "smallest_changes_quality_pass".into(),
            text(serde_json::to_string(&what_if::smallest_changes(
                &p,
                ProductTarget::Quality(QualityVerdict::Pass),
                on,
            ))?),
        );
        product_results.insert(name(path), Value::Object(r));
    }
    let mut offer_results = Map::new();
    for path in offers {
        let o = ClinicOffer::from_json(&std::fs::read_to_string(path)?)?;
        let mut r = Map::new();
        r.insert("offer".into(), text(serde_json::to_string(&o)?));
        r.insert(
            "evaluation".into(),
            text(serde_json::to_string(&evaluate_offer(&o, on))?),
        );
        r.insert(
            "settling_facts".into(),
            text(serde_json::to_string(&what_if::settling_offer_facts(
                &o, on,
            ))?),
        );
        r.insert(
            "smallest_changes_good_signs".into(),
            text(serde_json::to_string(&what_if::smallest_offer_changes(
                &o,
                PatientVerdict::GoodSigns,
                on,
            ))?),
        );
        offer_results.insert(name(path), Value::Object(r));
    }
    let all = serde_json::json!({
        "on": iso.to_string(),
        "products": product_results,
        "offers": offer_results,
    });
    std::fs::write(out, serde_json::to_string_pretty(&all)?)?;
    Ok(())
}

fn split(files: &[String]) -> (&[String], &[String]) {
    match files.iter().position(|f| f == "--") {
        Some(i) => (&files[..i], &files[i + 1..]),
        None => (files, &[]),
    }
}

fn name(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The time of one call as a caller makes it: read the JSON text, run the engine, write the JSON
/// text, per sample, in nanoseconds (best of five rounds of `iterations` calls).
fn bench(iterations: u32, files: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let (products, offers) = split(files);
    let on: Date = IsoDate::new("2026-06-01")?.into();
    let time = |f: &dyn Fn() -> usize| {
        let mut best = f64::INFINITY;
        let mut sink = 0;
        for _ in 0..5 {
            let start = Instant::now();
            for _ in 0..iterations {
                sink += f();
            }
            best = best.min(start.elapsed().as_nanos() as f64 / f64::from(iterations));
        }
        std::hint::black_box(sink);
        best
    };
    let mut out = Map::new();
    for path in products {
        let json = std::fs::read_to_string(path)?;
        let ns = time(&|| {
            let p = Product::from_json(&json).expect("a sample reads");
            serde_json::to_string(&assess_product(&p, on))
                .expect("writes")
                .len()
        });
        out.insert(format!("products/{}", name(path)), ns.into());
    }
    for path in offers {
        let json = std::fs::read_to_string(path)?;
        let ns = time(&|| {
            let o = ClinicOffer::from_json(&json).expect("a sample reads");
            serde_json::to_string(&evaluate_offer(&o, on))
                .expect("writes")
                .len()
        });
        out.insert(format!("offers/{}", name(path)), ns.into());
    }
    println!("{}", serde_json::to_string_pretty(&Value::Object(out))?);
    Ok(())
}
