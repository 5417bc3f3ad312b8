//! The README shows the main example's output for the bundled offer; this test keeps it true.

use msc_therapy::{ClinicOffer, evaluate_offer};

const README: &str = include_str!("../README.md");
const BUNDLED_PATH: &str = "examples/data/offers/strip_mall_umbilical.json";
const BUNDLED: &str = include_str!("../examples/data/offers/strip_mall_umbilical.json");

fn readme_block() -> &'static str {
    let start = README
        .find("<!-- assess-output:start -->\n```text\n")
        .expect("README has the assess-output start marker");
    let body = &README[start..];
    let body = &body[body.find("```text\n").expect("text fence") + "```text\n".len()..];
    let end = body
        .find("\n```\n<!-- assess-output:end -->")
        .expect("README has the assess-output end marker");
    &body[..end]
}

#[test]
fn readme_shows_the_current_output_of_the_main_example() {
    let offer = match ClinicOffer::from_json(BUNDLED) {
        Ok(offer) => offer,
        Err(e) => panic!("bundled offer does not parse: {e}"),
    };
    // examples/assess.rs prints this header, a blank line, then the evaluation.
    let expected = format!(
        "(no document given: evaluating the bundled sample {BUNDLED_PATH})\n\n{}",
        evaluate_offer(&offer, ON)
    );
    assert_eq!(
        readme_block(),
        expected.trim_end(),
        "README.md is out of date: paste the output of `cargo run --example assess`"
    );
}

#[test]
fn readme_names_the_two_commands() {
    assert!(README.contains("cargo run --example assess"));
    assert!(README.contains("cargo test --all-features"));
}

/// The README's tables of sample outcomes: each row's claim, checked against the engines.
/// The expectations are the regulation's answers, as the README explains them.
#[test]
fn readme_sample_tables_match_the_engines() {
    use msc_therapy::{
        PatientVerdict, Product, QualityPolicy, QualityVerdict, UsClassification, assess_quality,
        classify_us,
    };
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
            QualityVerdict::Undetermined,
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
            QualityVerdict::Undetermined,
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
