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
        evaluate_offer(&offer)
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
