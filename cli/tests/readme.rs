//! The README shows the main job's output — `msc-therapy offer` on the bundled offer — between
//! `<!-- assess-output:start -->` and `<!-- assess-output:end -->`; this test runs the built
//! binary with the README's evaluation date and keeps that block true.

use std::process::Command;

const README: &str = include_str!("../../README.md");

/// The evaluation date the README's block was made with (`--on`), so that it does not change
/// with the day the test runs.
const ON: &str = "2026-12-07";

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
fn readme_shows_the_current_output_of_the_main_command() {
    let out = Command::new(env!("CARGO_BIN_EXE_msc-therapy"))
        .args(["offer", "--on", ON])
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(
        readme_block(),
        stdout.trim_end(),
        "README.md is out of date: paste the output of `cargo run -p msc-therapy-cli -- offer --on {ON}`"
    );
}

#[test]
fn readme_names_the_main_command_and_its_date() {
    assert!(README.contains("cargo run -p msc-therapy-cli -- offer"));
    assert!(README.contains(&format!("--on {ON}")));
    assert!(README.contains("cargo install --path cli"));
}
