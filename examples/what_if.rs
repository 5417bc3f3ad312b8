//! Settling facts and smallest changes for every bundled sample, with timings:
//! `cargo run --release --example what_if`.

use msc_therapy::engine::offer::PatientVerdict;
use msc_therapy::engine::quality::QualityVerdict;
use msc_therapy::engine::us::UsClassification;
use msc_therapy::what_if::{
    ProductTarget, settling_facts, settling_offer_facts, smallest_changes, smallest_offer_changes,
};
use msc_therapy::{ClinicOffer, Product};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let on = jiff::civil::date(2026, 12, 7);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data");
    let mut paths: Vec<_> = std::fs::read_dir(format!("{dir}/products"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    for path in paths {
        let product = Product::from_json(&std::fs::read_to_string(&path)?)?;
        println!("== {}", path.display());
        let t = Instant::now();
        let facts = settling_facts(&product, on);
        let settle = t.elapsed();
        print!("{facts}");
        for target in [
            ProductTarget::Us(UsClassification::Section361Hctp),
            ProductTarget::Quality(QualityVerdict::Pass),
        ] {
            let t = Instant::now();
            let changes = smallest_changes(&product, target, on);
            let took = t.elapsed();
            print!("{changes}");
            println!(
                "  ({} documents evaluated in {took:.1?})",
                changes.evaluated
            );
        }
        println!("settling facts: {settle:.2?}");
    }
    let mut paths: Vec<_> = std::fs::read_dir(format!("{dir}/offers"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    for path in paths {
        let offer = ClinicOffer::from_json(&std::fs::read_to_string(&path)?)?;
        println!("== {}", path.display());
        let t = Instant::now();
        let facts = settling_offer_facts(&offer, on);
        let settle = t.elapsed();
        print!("{facts}");
        let t = Instant::now();
        let changes = smallest_offer_changes(&offer, PatientVerdict::GoodSigns, on);
        let took = t.elapsed();
        print!("{changes}");
        println!(
            "  ({} documents evaluated in {took:.1?})",
            changes.evaluated
        );
        println!("settling facts: {settle:.2?}");
    }
    Ok(())
}
