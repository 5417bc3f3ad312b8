//! Speed of the what-if search (issue #22), measured with criterion in **per-thread CPU time**
//! (`benches/common/cpu.rs`), the search as it was before its speed-up
//! (`tests/common/what_if_before.rs`, main at 5a44258) and as it is, side by side in one run.
//!
//! `cargo bench --bench what_if` runs, for each bundled sample:
//!
//! - `what_if/product/<sample>/…`: `value_parse` (a `serde_json::Value` parse of the sample, the
//!   reference `BENCHMARKS.md` takes ratios to), `assess` (`assess_product` alone, once), then
//!   `settling_before` / `settling_after` (`settling_facts`), `us_361_before` / `us_361_after`
//!   (`smallest_changes` to a 361 HCT/P) and `pass_before` / `pass_after` (to a release-quality
//!   pass);
//! - `what_if/offer/<sample>/…`: `value_parse`, `evaluate` (`evaluate_offer` once),
//!   `settling_before` / `settling_after` (`settling_offer_facts`) and `good_signs_before` /
//!   `good_signs_after` (`smallest_offer_changes` to good signs).
//!
//! How many changed documents each search evaluates is printed once, before the runs.

use criterion::{Criterion, criterion_group, criterion_main};
use msc_therapy::engine::offer::PatientVerdict;
use msc_therapy::engine::quality::QualityVerdict;
use msc_therapy::engine::us::UsClassification;
use msc_therapy::what_if::{self, ProductTarget};
use msc_therapy::{ClinicOffer, Product, assess_product, evaluate_offer};
use serde_json::Value;
use std::hint::black_box;
use std::time::Duration;

#[path = "common/cpu.rs"]
mod cpu;
#[path = "../tests/common/samples.rs"]
mod samples;
#[path = "../tests/common/what_if_before.rs"]
mod what_if_before;

use cpu::ThreadCpu;
use samples::{OFFERS, PRODUCTS};

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);

const US_361: ProductTarget = ProductTarget::Us(UsClassification::Section361Hctp);
const PASS: ProductTarget = ProductTarget::Quality(QualityVerdict::Pass);

fn before(target: ProductTarget) -> what_if_before::ProductTarget {
    match target {
        ProductTarget::Us(c) => what_if_before::ProductTarget::Us(c),
        ProductTarget::Quality(v) => what_if_before::ProductTarget::Quality(v),
        _ => unreachable!("only the US and quality targets are measured"),
    }
}

fn product(json: &str) -> Product {
    Product::from_json(json).unwrap_or_else(|err| panic!("bundled sample does not parse: {err}"))
}

fn offer(json: &str) -> ClinicOffer {
    ClinicOffer::from_json(json).unwrap_or_else(|err| panic!("bundled offer does not parse: {err}"))
}

fn print_counts() {
    eprintln!("documents evaluated by each search (before = after: the same search, faster)");
    for (name, json) in PRODUCTS {
        let p = product(json);
        let us = what_if::smallest_changes(&p, US_361, ON).evaluated;
        let pass = what_if::smallest_changes(&p, PASS, ON).evaluated;
        let us_before = what_if_before::smallest_changes(&p, before(US_361), ON).evaluated;
        let pass_before = what_if_before::smallest_changes(&p, before(PASS), ON).evaluated;
        eprintln!(
            "  product/{name}: us_361 {us} (before {us_before}), pass {pass} (before {pass_before})"
        );
    }
    for (name, json) in OFFERS {
        let o = offer(json);
        let good = what_if::smallest_offer_changes(&o, PatientVerdict::GoodSigns, ON).evaluated;
        let good_before =
            what_if_before::smallest_offer_changes(&o, PatientVerdict::GoodSigns, ON).evaluated;
        eprintln!("  offer/{name}: good_signs {good} (before {good_before})");
    }
}

fn bench_products(c: &mut Criterion<ThreadCpu>) {
    print_counts();
    for (name, json) in PRODUCTS {
        let p = product(json);
        let mut group = c.benchmark_group(format!("what_if/product/{name}"));
        group.bench_function("value_parse", |b| {
            b.iter(|| serde_json::from_str::<Value>(black_box(json)).expect("parses"))
        });
        group.bench_function("assess", |b| b.iter(|| assess_product(black_box(&p), ON)));
        group.bench_function("settling_before", |b| {
            b.iter(|| what_if_before::settling_facts(black_box(&p), ON))
        });
        group.bench_function("settling_after", |b| {
            b.iter(|| what_if::settling_facts(black_box(&p), ON))
        });
        for (label, target) in [("us_361", US_361), ("pass", PASS)] {
            group.bench_function(format!("{label}_before"), |b| {
                b.iter(|| what_if_before::smallest_changes(black_box(&p), before(target), ON))
            });
            group.bench_function(format!("{label}_after"), |b| {
                b.iter(|| what_if::smallest_changes(black_box(&p), target, ON))
            });
        }
        group.finish();
    }
}

fn bench_offers(c: &mut Criterion<ThreadCpu>) {
    for (name, json) in OFFERS {
        let o = offer(json);
        let mut group = c.benchmark_group(format!("what_if/offer/{name}"));
        group.bench_function("value_parse", |b| {
            b.iter(|| serde_json::from_str::<Value>(black_box(json)).expect("parses"))
        });
        group.bench_function("evaluate", |b| b.iter(|| evaluate_offer(black_box(&o), ON)));
        group.bench_function("settling_before", |b| {
            b.iter(|| what_if_before::settling_offer_facts(black_box(&o), ON))
        });
        group.bench_function("settling_after", |b| {
            b.iter(|| what_if::settling_offer_facts(black_box(&o), ON))
        });
        group.bench_function("good_signs_before", |b| {
            b.iter(|| {
                what_if_before::smallest_offer_changes(black_box(&o), PatientVerdict::GoodSigns, ON)
            })
        });
        group.bench_function("good_signs_after", |b| {
            b.iter(|| what_if::smallest_offer_changes(black_box(&o), PatientVerdict::GoodSigns, ON))
        });
        group.finish();
    }
}

fn config() -> Criterion<ThreadCpu> {
    // A search before its speed-up takes up to a few hundred milliseconds: ten samples of at
    // least one run each.
    Criterion::default()
        .with_measurement(ThreadCpu)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10)
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_products, bench_offers
}

criterion_main!(benches);
