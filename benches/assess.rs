//! Speed of the crate's main paths, measured with criterion (never with timed tests).
//!
//! `cargo bench` runs: parsing and validating a full product document; each rule engine alone on
//! a parsed product; every engine together (`assess_product`) for the four sample products; and
//! the evaluation of each sample clinic offer (`evaluate_offer`), the crate's main job.

use criterion::{Criterion, criterion_group, criterion_main};
use msc_therapy::{
    ClinicOffer, Product, QualityPolicy, assess_product, assess_quality, classify_eu, classify_jp,
    classify_us, evaluate_offer,
};
use std::hint::black_box;

const SAMPLES: &[(&str, &str)] = &[
    (
        "cultured_bone_marrow_msc",
        include_str!("../examples/data/products/cultured_bone_marrow_msc.json"),
    ),
    (
        "same_day_bmac",
        include_str!("../examples/data/products/same_day_bmac.json"),
    ),
    (
        "umbilical_off_the_shelf",
        include_str!("../examples/data/products/umbilical_off_the_shelf.json"),
    ),
    (
        "adipose_svf",
        include_str!("../examples/data/products/adipose_svf.json"),
    ),
];

const OFFERS: &[(&str, &str)] = &[
    (
        "strip_mall_umbilical",
        include_str!("../examples/data/offers/strip_mall_umbilical.json"),
    ),
    (
        "same_day_bmac",
        include_str!("../examples/data/offers/same_day_bmac.json"),
    ),
    (
        "trial_site",
        include_str!("../examples/data/offers/trial_site.json"),
    ),
];

fn parse(json: &str) -> Product {
    match Product::from_json(json) {
        Ok(product) => product,
        Err(err) => panic!("bundled sample does not parse: {err}"),
    }
}

fn bench_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for (name, json) in SAMPLES {
        group.bench_function(*name, |b| b.iter(|| parse(black_box(json))));
    }
    group.finish();
}

fn bench_engines(c: &mut Criterion) {
    let policy = QualityPolicy::default();
    let (name, json) = SAMPLES[0];
    let product = parse(json);
    let mut group = c.benchmark_group("engine");
    group.bench_function(format!("classify_us/{name}"), |b| {
        b.iter(|| classify_us(black_box(&product)))
    });
    group.bench_function(format!("assess_quality/{name}"), |b| {
        b.iter(|| assess_quality(black_box(&product), black_box(&policy)))
    });
    group.bench_function(format!("classify_eu/{name}"), |b| {
        b.iter(|| classify_eu(black_box(&product)))
    });
    group.bench_function(format!("classify_jp/{name}"), |b| {
        b.iter(|| classify_jp(black_box(&product)))
    });
    group.finish();
}

fn bench_all(c: &mut Criterion) {
    let policy = QualityPolicy::default();
    let mut group = c.benchmark_group("assess_product");
    for (name, json) in SAMPLES {
        let product = parse(json);
        group.bench_function(*name, |b| {
            b.iter(|| assess_product(black_box(&product), black_box(&policy)))
        });
    }
    group.finish();
}

fn bench_offers(c: &mut Criterion) {
    let mut group = c.benchmark_group("evaluate_offer");
    for (name, json) in OFFERS {
        let offer = match ClinicOffer::from_json(json) {
            Ok(offer) => offer,
            Err(err) => panic!("bundled offer does not parse: {err}"),
        };
        group.bench_function(*name, |b| b.iter(|| evaluate_offer(black_box(&offer))));
    }
    group.finish();
}

criterion_group!(benches, bench_parse, bench_engines, bench_all, bench_offers);
criterion_main!(benches);
