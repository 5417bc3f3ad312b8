//! The crate's main job, end to end: read a product document, validate it, and print what every
//! rule engine concludes about it.
//!
//! ```text
//! cargo run --example assess                                   # a bundled sample product
//! cargo run --example assess -- examples/data/products/adipose_svf.json
//! cat product.json | cargo run --example assess -- -           # read standard input
//! cargo run --example assess -- --json PRODUCT.json            # the assessment as JSON
//! cargo run --example assess -- --policy lab-policy.json PRODUCT.json
//! ```
//!
//! With `--json` it prints a `ProductAssessment` document (schema:
//! `schemas/product_assessment.schema.json`): the parsed product followed by the US, quality, EU
//! and Japan findings. A document that fails validation is reported with the path of the bad
//! field, and the program exits with status 2.

use msc_therapy::{DocumentError, Product, QualityPolicy, assess_product};
use std::io::Read;
use std::process::ExitCode;

/// The document shown when no path is given.
const BUNDLED: (&str, &str) = (
    "examples/data/products/cultured_bone_marrow_msc.json",
    include_str!("data/products/cultured_bone_marrow_msc.json"),
);

const USAGE: &str = "usage: assess [--json] [--policy POLICY.json] [PATH | -]";

struct Args {
    json: bool,
    policy: Option<String>,
    input: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        json: false,
        policy: None,
        input: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--json" => args.json = true,
            "--policy" => {
                args.policy = Some(it.next().ok_or("--policy needs a file name")?);
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other if other.starts_with("--") => {
                return Err(format!("unknown option {other}\n{USAGE}"));
            }
            other => {
                if args.input.replace(other.to_owned()).is_some() {
                    return Err(format!("only one document at a time\n{USAGE}"));
                }
            }
        }
    }
    Ok(args)
}

fn read(source: &str) -> Result<String, String> {
    if source == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(source).map_err(|e| format!("cannot read {source}: {e}"))
    }
}

fn invalid(source: &str, err: &DocumentError) -> String {
    format!("{source} is not a valid document:\n  {err}")
}

fn run() -> Result<(), (u8, String)> {
    let args = parse_args().map_err(|e| (64, e))?;
    let policy = match &args.policy {
        None => QualityPolicy::default(),
        Some(path) => {
            let text = read(path).map_err(|e| (66, e))?;
            QualityPolicy::from_json(&text).map_err(|e| (2, invalid(path, &e)))?
        }
    };
    let (source, text) = match &args.input {
        None => (BUNDLED.0.to_owned(), BUNDLED.1.to_owned()),
        Some(path) => (path.clone(), read(path).map_err(|e| (66, e))?),
    };
    let product = Product::from_json(&text).map_err(|e| (2, invalid(&source, &e)))?;
    let assessment = assess_product(&product, &policy);
    if args.json {
        let out = serde_json::to_string_pretty(&assessment)
            .map_err(|e| (70, format!("cannot write JSON: {e}")))?;
        println!("{out}");
    } else {
        if args.input.is_none() {
            println!("(no document given: assessing the bundled sample {source})\n");
        }
        println!("{assessment}");
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, message)) => {
            eprintln!("{message}");
            ExitCode::from(code)
        }
    }
}
