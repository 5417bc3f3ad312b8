//! The README's two commands and its tables of sample outcomes, checked against the engines.
//! The block of the main command's output is checked by running the command-line tool, in
//! `cli/tests/readme.rs`.

use msc_therapy::{ClinicOffer, evaluate_offer};

const README: &str = include_str!("../README.md");
const BUNDLED: &str = include_str!("../examples/data/offers/strip_mall_umbilical.json");

#[test]
fn readme_names_the_two_commands() {
    assert!(README.contains("cargo run -p msc-therapy-cli -- offer"));
    assert!(README.contains("bash scripts/test-all.sh"));
    // The script runs every suite, Rust first.
    let script = include_str!("../scripts/test-all.sh");
    for command in [
        "cargo test --all-features",
        "bash bindings/python/test.sh",
        "bash bindings/js/test.sh",
        "bash web/test.sh",
    ] {
        assert!(script.contains(command), "{command}");
    }
}

/// The README's tables of sample outcomes: each row's claim, checked against the engines.
/// The expectations are the regulation's answers, as the README explains them.
#[test]
fn readme_sample_tables_match_the_engines() {
    use msc_therapy::engine::offer::PatientVerdict;
    use msc_therapy::engine::quality::{QualityPolicy, QualityVerdict};
    use msc_therapy::engine::us::UsClassification;
    use msc_therapy::{Product, assess_quality, classify_us};
    let products: [(&str, &str, UsClassification, QualityVerdict); 4] = [
        (
            "cultured_bone_marrow_msc.json",
            include_str!("../examples/data/products/cultured_bone_marrow_msc.json"),
            UsClassification::Section351Product,
            QualityVerdict::Pass,
        ),
        (
            "same_day_bmac.json",
            include_str!("../examples/data/products/same_day_bmac.json"),
            // Concentrating marrow is not rinsing, cleansing, sizing or shaping, and the Ninth
            // Circuit (2024) requires the removed and implanted HCT/P to be the same: open.
            UsClassification::Undetermined,
            // A same-day bedside preparation is no released lot: no sterility or endotoxin
            // result is a warning, not a block.
            QualityVerdict::PassWithWarnings,
        ),
        (
            "umbilical_off_the_shelf.json",
            include_str!("../examples/data/products/umbilical_off_the_shelf.json"),
            UsClassification::Section351Product,
            QualityVerdict::Undetermined,
        ),
        (
            "adipose_svf.json",
            include_str!("../examples/data/products/adipose_svf.json"),
            UsClassification::Section351Product,
            QualityVerdict::PassWithWarnings,
        ),
    ];
    for (file, json, us, quality) in products {
        assert!(README.contains(file), "README lists {file}");
        let product = match Product::from_json(json) {
            Ok(p) => p,
            Err(e) => panic!("{file}: {e}"),
        };
        assert_eq!(classify_us(&product, ON).classification, us, "{file}");
        assert_eq!(
            assess_quality(&product, &QualityPolicy::default(), ON).verdict,
            quality,
            "{file}"
        );
    }
    let offers: [(&str, &str, PatientVerdict); 4] = [
        (
            "strip_mall_umbilical.json",
            BUNDLED,
            PatientVerdict::WalkAway,
        ),
        (
            "same_day_bmac.json",
            include_str!("../examples/data/offers/same_day_bmac.json"),
            PatientVerdict::AskFirst,
        ),
        (
            "trial_site.json",
            include_str!("../examples/data/offers/trial_site.json"),
            PatientVerdict::GoodSigns,
        ),
        (
            "ryoncil_on_label.json",
            include_str!("../examples/data/offers/ryoncil_on_label.json"),
            PatientVerdict::GoodSigns,
        ),
    ];
    for (file, json, verdict) in offers {
        let offer = match ClinicOffer::from_json(json) {
            Ok(o) => o,
            Err(e) => panic!("{file}: {e}"),
        };
        assert_eq!(evaluate_offer(&offer, ON).verdict, verdict, "{file}");
    }
}

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
#[allow(dead_code)]
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);
