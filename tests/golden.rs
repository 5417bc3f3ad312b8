//! **Golden outputs: the exact text every engine writes for every bundled document** (issue #21).
//!
//! For each sample of `examples/data/products/` and `examples/data/offers/` and each record of
//! `tests/data/real_records/`, the assessment (a product: [`assess_product`]) or the evaluation
//! (an offer: [`evaluate_offer`]) on the fixed date 2026-12-07 is written three ways — the full
//! JSON (`to_json_pretty`), the compact JSON ([`Compact`], one line) and the `Display` text — and
//! compared byte for byte with `tests/golden/<folder>/<stem>.{json,compact.json,txt}`.
//!
//! A refactoring that must not change behaviour (moving engines, moving knowledge into table
//! columns) keeps every file identical. A change that is meant to change an output rewrites them
//! with `UPDATE_GOLDEN=1 cargo test --all-features --test golden`; the diff of `tests/golden/`
//! then shows, in review, every verdict and every sentence that moved.
//!
//! The test also fails on a golden file with no document behind it (a sample renamed or
//! removed), so the folder holds only what the documents produce.
#![cfg(feature = "json")]

use jiff::civil::{Date, date};
use msc_therapy::finding::Compact;
use msc_therapy::{ClinicOffer, Product, assess_product, evaluate_offer};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The fixed evaluation date of every golden output.
const ON: Date = date(2026, 12, 7);

/// The folders of documents, each with the sub-folder of `tests/golden/` its outputs go to.
const SOURCES: &[(&str, &str)] = &[
    ("examples/data/products", "products"),
    ("examples/data/offers", "offers"),
    ("tests/data/real_records", "real_records"),
];

/// The three outputs of one document: (file suffix, text).
fn outputs(json: &str, file: &Path) -> [(&'static str, String); 3] {
    match (Product::from_json(json), ClinicOffer::from_json(json)) {
        (Ok(product), Err(_)) => {
            let assessment = assess_product(&product, ON);
            [
                ("json", assessment.to_json_pretty() + "\n"),
                ("compact.json", Compact(&assessment).to_json() + "\n"),
                ("txt", assessment.to_string() + "\n"),
            ]
        }
        (Err(_), Ok(offer)) => {
            let evaluation = evaluate_offer(&offer, ON);
            [
                ("json", evaluation.to_json_pretty() + "\n"),
                ("compact.json", Compact(&evaluation).to_json() + "\n"),
                ("txt", evaluation.to_string() + "\n"),
            ]
        }
        (Ok(_), Ok(_)) => panic!("{} parses as both a product and an offer", file.display()),
        (Err(product), Err(offer)) => panic!(
            "{} parses as neither a product ({product}) nor an offer ({offer})",
            file.display()
        ),
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_document_writes_its_golden_outputs() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|value| value == "1");
    let golden = root().join("tests/golden");
    let mut expected_files = BTreeSet::new();
    let mut failures = Vec::new();
    let mut documents = 0;

    for (source, folder) in SOURCES {
        let mut files: Vec<PathBuf> = fs::read_dir(root().join(source))
            .unwrap_or_else(|error| panic!("{source}: {error}"))
            .map(|entry| entry.expect("a directory entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{source} holds no documents");
        let out_dir = golden.join(folder);
        if update {
            fs::create_dir_all(&out_dir).expect("create the golden folder");
        }
        for file in files {
            documents += 1;
            let json = fs::read_to_string(&file).expect("read the document");
            let stem = file
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("a file name");
            for (suffix, text) in outputs(&json, &file) {
                let target = out_dir.join(format!("{stem}.{suffix}"));
                expected_files.insert(target.clone());
                if update {
                    fs::write(&target, &text).expect("write the golden file");
                    continue;
                }
                match fs::read_to_string(&target) {
                    Ok(stored) if stored == text => {}
                    Ok(stored) => failures.push(format!(
                        "{}: differs from the output (first difference at line {})",
                        target.display(),
                        first_difference(&stored, &text)
                    )),
                    Err(error) => failures.push(format!("{}: {error}", target.display())),
                }
            }
        }
    }

    // No golden file without a document behind it.
    for (_, folder) in SOURCES {
        let Ok(entries) = fs::read_dir(golden.join(folder)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if !expected_files.contains(&path) {
                if update {
                    fs::remove_file(&path).expect("remove a stale golden file");
                } else {
                    failures.push(format!("{}: no document produces it", path.display()));
                }
            }
        }
    }

    assert!(documents >= 37, "only {documents} documents were found");
    assert!(
        failures.is_empty(),
        "{} golden file(s) differ; if the change is meant, rerun with UPDATE_GOLDEN=1 and review \
         the diff of tests/golden/:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The 1-based number of the first line where `a` and `b` differ.
fn first_difference(a: &str, b: &str) -> usize {
    a.lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or_else(|| a.lines().count().min(b.lines().count()))
        + 1
}
