//! Speed of the crate's main paths, measured with criterion (never with timed tests), in
//! **per-thread CPU time**: the machine the figures in `BENCHMARKS.md` come from is shared, and
//! CPU time of the benchmark thread does not count the time other processes hold the core.
//!
//! `cargo bench --bench assess` runs, for each bundled sample, side by side in one run:
//!
//! - `product/<sample>/…`: `value_parse` (`serde_json::Value`, the reference every ratio in
//!   `BENCHMARKS.md` is taken to), `typed_parse` (plain serde into `Product`, no path tracking),
//!   `from_json` (`Product::from_json`, with the path of a bad field), `jsonschema` (a Value parse
//!   and `is_valid` against the exported `product` schema: what a user without the crate does),
//!   `assess` (`assess_product` alone), `parse_assess` (`from_json` + `assess_product`),
//!   `serialize_full` and `serialize_compact` (the assessment as JSON, in each form, with
//!   `serde_json::to_writer` into a reused buffer), `serialize_full_crate` (the crate's writer:
//!   `to_json`, a new `String` each time) and `serialize_compact_crate` (the crate's writer:
//!   `Compact::write_json` into a reused buffer);
//! - `offer/<sample>/…`: the same for clinic offers and `evaluate_offer`;
//! - `jsonl/products_100k`: `JsonLines` over 100 000 generated product lines (read → parse →
//!   assess → write compact), reported in documents per second;
//! - `jsonl_parallel/products_100k` (feature `parallel`): `JsonLines::run_parallel` over the same
//!   lines on every core, in wall time.
//!
//! The sizes of each sample and of its outputs are printed once, before the runs.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use msc_therapy::engine::quality::QualityPolicy;
use msc_therapy::finding::Compact;
use msc_therapy::interop::{JsonLines, document_schemas};
use msc_therapy::{ClinicOffer, Product, assess_product_with, evaluate_offer};
use serde_json::Value;
use std::hint::black_box;
use std::time::Duration;

#[path = "../tests/common/samples.rs"]
mod samples;

use samples::{OFFERS, PRODUCTS};

/// Documents in the JSON Lines run.
const JSONL_DOCUMENTS: usize = 100_000;

// ---- per-thread CPU time as a criterion measurement ----------------------------------------

#[path = "common/cpu.rs"]
mod cpu;

use cpu::ThreadCpu;

// ---- helpers ---------------------------------------------------------------------------------

fn product(json: &str) -> Product {
    Product::from_json(json).unwrap_or_else(|err| panic!("bundled sample does not parse: {err}"))
}

fn offer(json: &str) -> ClinicOffer {
    ClinicOffer::from_json(json).unwrap_or_else(|err| panic!("bundled offer does not parse: {err}"))
}

fn validator(name: &str) -> jsonschema::Validator {
    let schema = document_schemas()
        .into_iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no schema {name}"))
        .bundled();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("schema {name}: {e}"))
}

/// A sample as one line of JSON (no newlines inside).
fn one_line(json: &str) -> String {
    let value: Value = serde_json::from_str(json).expect("sample is JSON");
    serde_json::to_string(&value).expect("serializes")
}

/// `count` product lines: the four samples in turn, each with its own name.
fn generated_lines(count: usize) -> Vec<u8> {
    let samples: Vec<Value> = PRODUCTS
        .iter()
        .map(|(_, json)| serde_json::from_str(json).expect("sample is JSON"))
        .collect();
    let mut out = Vec::new();
    for i in 0..count {
        let mut doc = samples[i % samples.len()].clone();
        doc["name"] = Value::from(format!("Lot {i:06}"));
        serde_json::to_writer(&mut out, &doc).expect("serializes");
        out.push(b'\n');
    }
    out
}

fn print_sizes() {
    let policy = QualityPolicy::default();
    eprintln!("sizes (bytes): input one-line / compact output / full output");
    for (name, json) in PRODUCTS {
        let p = product(json);
        let a = assess_product_with(&p, &policy, ON);
        let input = one_line(json).len();
        let compact = serde_json::to_vec(&Compact(&a)).expect("serializes").len();
        let full = serde_json::to_vec(&a).expect("serializes").len();
        eprintln!("  product/{name}: {input} / {compact} / {full}");
    }
    for (name, json) in OFFERS {
        let e = evaluate_offer(&offer(json), ON);
        let input = one_line(json).len();
        let compact = serde_json::to_vec(&Compact(&e)).expect("serializes").len();
        let full = serde_json::to_vec(&e).expect("serializes").len();
        eprintln!("  offer/{name}: {input} / {compact} / {full}");
    }
}

// ---- benchmarks ------------------------------------------------------------------------------

fn bench_products(c: &mut Criterion<ThreadCpu>) {
    print_sizes();
    let policy = QualityPolicy::default();
    let schema = validator("product");
    for (name, json) in PRODUCTS {
        let mut group = c.benchmark_group(format!("product/{name}"));
        group.bench_function("value_parse", |b| {
            b.iter(|| serde_json::from_str::<Value>(black_box(json)).expect("parses"))
        });
        group.bench_function("typed_parse", |b| {
            b.iter(|| serde_json::from_str::<Product>(black_box(json)).expect("parses"))
        });
        group.bench_function("from_json", |b| b.iter(|| product(black_box(json))));
        group.bench_function("jsonschema", |b| {
            b.iter(|| {
                let value = serde_json::from_str::<Value>(black_box(json)).expect("parses");
                assert!(schema.is_valid(&value));
            })
        });
        let parsed = product(json);
        group.bench_function("assess", |b| {
            b.iter(|| assess_product_with(black_box(&parsed), black_box(&policy), ON))
        });
        group.bench_function("parse_assess", |b| {
            b.iter(|| {
                let p = product(black_box(json));
                black_box(assess_product_with(&p, &policy, ON));
            })
        });
        let assessment = assess_product_with(&parsed, &policy, ON);
        let mut buffer = Vec::with_capacity(64 * 1024);
        group.bench_function("serialize_full", |b| {
            b.iter(|| {
                buffer.clear();
                serde_json::to_writer(&mut buffer, black_box(&assessment)).expect("serializes");
            })
        });
        group.bench_function("serialize_compact", |b| {
            b.iter(|| {
                buffer.clear();
                serde_json::to_writer(&mut buffer, &Compact(black_box(&assessment)))
                    .expect("serializes");
            })
        });
        group.bench_function("serialize_full_crate", |b| {
            b.iter(|| black_box(black_box(&assessment).to_json()))
        });
        group.bench_function("serialize_compact_crate", |b| {
            b.iter(|| {
                buffer.clear();
                Compact(black_box(&assessment)).write_json(&mut buffer);
            })
        });
        group.finish();
    }
}

fn bench_offers(c: &mut Criterion<ThreadCpu>) {
    let schema = validator("clinic_offer");
    for (name, json) in OFFERS {
        let mut group = c.benchmark_group(format!("offer/{name}"));
        group.bench_function("value_parse", |b| {
            b.iter(|| serde_json::from_str::<Value>(black_box(json)).expect("parses"))
        });
        group.bench_function("typed_parse", |b| {
            b.iter(|| serde_json::from_str::<ClinicOffer>(black_box(json)).expect("parses"))
        });
        group.bench_function("from_json", |b| b.iter(|| offer(black_box(json))));
        group.bench_function("jsonschema", |b| {
            b.iter(|| {
                let value = serde_json::from_str::<Value>(black_box(json)).expect("parses");
                assert!(schema.is_valid(&value));
            })
        });
        let parsed = offer(json);
        group.bench_function("evaluate", |b| {
            b.iter(|| evaluate_offer(black_box(&parsed), ON))
        });
        group.bench_function("parse_evaluate", |b| {
            b.iter(|| {
                let o = offer(black_box(json));
                black_box(evaluate_offer(&o, ON));
            })
        });
        let evaluation = evaluate_offer(&parsed, ON);
        let mut buffer = Vec::with_capacity(64 * 1024);
        group.bench_function("serialize_full", |b| {
            b.iter(|| {
                buffer.clear();
                serde_json::to_writer(&mut buffer, black_box(&evaluation)).expect("serializes");
            })
        });
        group.bench_function("serialize_compact", |b| {
            b.iter(|| {
                buffer.clear();
                serde_json::to_writer(&mut buffer, &Compact(black_box(&evaluation)))
                    .expect("serializes");
            })
        });
        group.bench_function("serialize_full_crate", |b| {
            b.iter(|| black_box(black_box(&evaluation).to_json()))
        });
        group.bench_function("serialize_compact_crate", |b| {
            b.iter(|| {
                buffer.clear();
                Compact(black_box(&evaluation)).write_json(&mut buffer);
            })
        });
        group.finish();
    }
}

fn bench_json_lines(c: &mut Criterion<ThreadCpu>) {
    let input = generated_lines(JSONL_DOCUMENTS);
    let lines = JsonLines::products(QualityPolicy::default(), ON);
    let mut group = c.benchmark_group("jsonl");
    group.sample_size(10);
    group.throughput(Throughput::Elements(JSONL_DOCUMENTS as u64));
    group.bench_function(BenchmarkId::from_parameter("products_100k"), |b| {
        // The results go to a sink: a registry streams them to a file or a pipe.
        b.iter(|| {
            let summary = lines
                .run(black_box(&input[..]), std::io::sink())
                .expect("no I/O error");
            assert_eq!(summary.assessed as usize, JSONL_DOCUMENTS);
        })
    });
    group.finish();
}

fn config() -> Criterion<ThreadCpu> {
    Criterion::default()
        .with_measurement(ThreadCpu)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30)
}

/// `JsonLines::run_parallel` over the same 100 000 lines, on every core (feature `parallel`). Its
/// figure is **wall time**: CPU time of one thread says nothing about a run spread over several.
#[cfg(feature = "parallel")]
fn bench_json_lines_parallel(c: &mut Criterion) {
    let input = generated_lines(JSONL_DOCUMENTS);
    let lines = JsonLines::products(QualityPolicy::default(), ON);
    let mut group = c.benchmark_group("jsonl_parallel");
    group.sample_size(10);
    group.throughput(Throughput::Elements(JSONL_DOCUMENTS as u64));
    group.bench_function(BenchmarkId::from_parameter("products_100k"), |b| {
        b.iter(|| {
            let summary = lines
                .run_parallel(black_box(&input[..]), std::io::sink(), 1024)
                .expect("no I/O error");
            assert_eq!(summary.assessed as usize, JSONL_DOCUMENTS);
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_products, bench_offers, bench_json_lines
}

#[cfg(feature = "parallel")]
criterion_group! {
    name = parallel;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = bench_json_lines_parallel
}

#[cfg(feature = "parallel")]
criterion_main!(benches, parallel);
#[cfg(not(feature = "parallel"))]
criterion_main!(benches);

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
#[allow(dead_code)]
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);
