//! The crate's main job, end to end: read a clinic's offer or a product document, validate it,
//! and print what the rule engines conclude.
//!
//! ```text
//! cargo run --example assess                                   # a bundled sample clinic offer
//! cargo run --example assess -- examples/data/offers/trial_site.json
//! cargo run --example assess -- examples/data/products/adipose_svf.json
//! cat product.json | cargo run --example assess -- -           # read standard input
//! cargo run --example assess -- --json DOCUMENT.json           # the result as JSON
//! cargo run --example assess -- --policy lab-policy.json PRODUCT.json
//! cargo run --example assess -- --jsonl products.jsonl         # one product per line
//! cat offers.jsonl | cargo run --example assess -- --jsonl --offers -
//! cargo run --release --example assess --features parallel -- --jsonl --parallel products.jsonl
//! cargo run --example assess --features fhir -- --fhir PRODUCT.json   # HL7 FHIR R5 resource
//! ```
//!
//! A document with a top-level `product` member is a clinic offer (`ClinicOffer`); anything else
//! is read as a product (`Product`).
//!
//! - An offer is evaluated as a patient would act on it (walk away / ask first / good signs), with
//!   the questions to ask and what to expect, the US classification and the release quality.
//!   `--json` prints the `OfferEvaluation` (schema: `schemas/offer_evaluation.schema.json`).
//! - A product gets every engine: US 21 CFR 1271, release quality, EU and Japan. `--json` prints
//!   the `ProductAssessment` (schema: `schemas/product_assessment.schema.json`).
//!
//! `--jsonl` reads JSON Lines (one document per line; products, or offers with `--offers`) from
//! the file or standard input and writes one result per line (`msc_therapy::JsonLines`): the
//! compact form by default, the full form with `--full`. A bad line gets an error line and the
//! run goes on; the exit status is 2 if any line was rejected. `--parallel` (crate feature
//! `parallel`) assesses the lines on every core, in batches of 1 024, with the same output.
//! `--fhir PATH` prints the product at PATH as an HL7 FHIR R5 `BiologicallyDerivedProduct`
//! resource (`Product::to_fhir`; needs the crate feature `fhir`) instead of assessing it.
//!
//! `--policy` replaces the default `QualityPolicy` (schema: `schemas/quality_policy.schema.json`).
//! A document that fails validation is reported with the path of the bad field, and the program
//! exits with status 2.

use msc_therapy::{
    ClinicOffer, DocumentError, JsonLines, OfferPolicy, Product, QualityPolicy,
    assess_product_with, evaluate_offer_with,
};
use std::io::Read;
use std::process::ExitCode;

/// The document evaluated when no path is given: a strip-mall clinic's umbilical "stem cell" shot.
const BUNDLED: (&str, &str) = (
    "examples/data/offers/strip_mall_umbilical.json",
    include_str!("data/offers/strip_mall_umbilical.json"),
);

const USAGE: &str = "usage: assess [--json] [--policy POLICY.json] [PATH | -]\n       assess --jsonl [--offers] [--full] [--parallel] [--policy POLICY.json] [PATH | -]\n       assess --fhir PRODUCT.json";

struct Args {
    json: bool,
    jsonl: bool,
    offers: bool,
    full: bool,
    parallel: bool,
    fhir: Option<String>,
    policy: Option<String>,
    input: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        json: false,
        jsonl: false,
        offers: false,
        full: false,
        parallel: false,
        fhir: None,
        policy: None,
        input: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--json" => args.json = true,
            "--jsonl" => args.jsonl = true,
            "--offers" => args.offers = true,
            "--full" => args.full = true,
            "--parallel" => args.parallel = true,
            "--fhir" => {
                args.fhir = Some(it.next().ok_or("--fhir needs a product file name")?);
            }
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

/// A clinic offer has a top-level `product` member; a product document never does.
fn is_offer(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .is_ok_and(|value| value.get("product").is_some())
}

/// Writes to standard output; a reader that stops early (`| head`) ends the program quietly.
fn emit(text: &dyn std::fmt::Display) -> Result<(), (u8, String)> {
    use std::io::Write;
    match writeln!(std::io::stdout().lock(), "{text}") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err((74, format!("cannot write to standard output: {e}")))
        }
        _ => Ok(()),
    }
}

fn show<T: serde::Serialize + std::fmt::Display>(
    json: bool,
    result: &T,
) -> Result<(), (u8, String)> {
    if json {
        let out = serde_json::to_string_pretty(result)
            .map_err(|e| (70, format!("cannot write JSON: {e}")))?;
        emit(&out)
    } else {
        emit(result)
    }
}

/// Prints the product at `path` as an HL7 FHIR R5 `BiologicallyDerivedProduct` resource.
#[cfg(feature = "fhir")]
fn fhir(path: &str) -> Result<(), (u8, String)> {
    let text = read(path).map_err(|e| (66, e))?;
    let product = Product::from_json(&text).map_err(|e| (2, invalid(path, &e)))?;
    let out = serde_json::to_string_pretty(&product.to_fhir())
        .map_err(|e| (70, format!("cannot write JSON: {e}")))?;
    emit(&out)
}

#[cfg(not(feature = "fhir"))]
fn fhir(_: &str) -> Result<(), (u8, String)> {
    Err((
        64,
        "--fhir needs the crate feature `fhir`: cargo run --example assess --features fhir -- --fhir PRODUCT.json".to_owned(),
    ))
}

fn run() -> Result<(), (u8, String)> {
    let args = parse_args().map_err(|e| (64, e))?;
    if let Some(path) = &args.fhir {
        if args.input.is_some() || args.json || args.policy.is_some() {
            return Err((
                64,
                format!("--fhir takes one product and no other option\n{USAGE}"),
            ));
        }
        return fhir(path);
    }
    let policy = match &args.policy {
        None => QualityPolicy::default(),
        Some(path) => {
            let text = read(path).map_err(|e| (66, e))?;
            QualityPolicy::from_json(&text).map_err(|e| (2, invalid(path, &e)))?
        }
    };
    if args.jsonl {
        return json_lines(&args, policy);
    }
    if args.offers || args.full {
        return Err((64, format!("--offers and --full go with --jsonl\n{USAGE}")));
    }
    if args.parallel {
        return Err((64, format!("--parallel goes with --jsonl\n{USAGE}")));
    }
    let (source, text) = match &args.input {
        None => (BUNDLED.0.to_owned(), BUNDLED.1.to_owned()),
        Some(path) => (path.clone(), read(path).map_err(|e| (66, e))?),
    };
    if args.input.is_none() && !args.json {
        emit(&format_args!(
            "(no document given: evaluating the bundled sample {source})\n"
        ))?;
    }
    if is_offer(&text) {
        let offer = ClinicOffer::from_json(&text).map_err(|e| (2, invalid(&source, &e)))?;
        let evaluation = evaluate_offer_with(&offer, &offer_policy(policy), ON);
        show(args.json, &evaluation)
    } else {
        let product = Product::from_json(&text).map_err(|e| (2, invalid(&source, &e)))?;
        show(args.json, &assess_product_with(&product, &policy, ON))
    }
}

/// `--jsonl`: one document per line from the file or standard input, one result per line out.
fn json_lines(args: &Args, policy: QualityPolicy) -> Result<(), (u8, String)> {
    use std::io::BufRead;
    let lines = if args.offers {
        JsonLines::offers(offer_policy(policy), ON)
    } else {
        JsonLines::products(policy, ON)
    };
    let lines = if args.full { lines.full_form() } else { lines };
    let input: Box<dyn BufRead> = match args.input.as_deref() {
        None | Some("-") => Box::new(std::io::stdin().lock()),
        Some(path) => Box::new(std::io::BufReader::with_capacity(
            IO_BUFFER,
            std::fs::File::open(path).map_err(|e| (66, format!("cannot read {path}: {e}")))?,
        )),
    };
    // Standard output is line-buffered: one write per result line. A large buffer writes many
    // lines at once (`run` flushes it at the end).
    let output = std::io::BufWriter::with_capacity(IO_BUFFER, std::io::stdout().lock());
    let result = if args.parallel {
        run_parallel(&lines, input, output)
    } else {
        lines.run(input, output)
    };
    match result {
        Ok(summary) if summary.rejected > 0 => Err((
            2,
            format!(
                "{} of {} documents were rejected (see the error lines)",
                summary.rejected,
                summary.assessed + summary.rejected
            ),
        )),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err((74, format!("JSON Lines: {e}"))),
    }
}

/// The size of the JSON Lines input and output buffers.
const IO_BUFFER: usize = 1 << 20;

/// `--parallel`: the lines on every core, in batches.
#[cfg(feature = "parallel")]
fn run_parallel(
    lines: &JsonLines,
    input: impl std::io::BufRead,
    output: impl std::io::Write,
) -> std::io::Result<msc_therapy::LinesSummary> {
    lines.run_parallel(input, output, 1024)
}

/// `--parallel` without the crate feature that provides it.
#[cfg(not(feature = "parallel"))]
fn run_parallel(
    _: &JsonLines,
    _: impl std::io::BufRead,
    _: impl std::io::Write,
) -> std::io::Result<msc_therapy::LinesSummary> {
    Err(std::io::Error::other(
        "--parallel needs the crate feature `parallel` (cargo run --features parallel ...)",
    ))
}

/// The offer policy that goes with a laboratory's quality policy.
fn offer_policy(policy: QualityPolicy) -> OfferPolicy {
    // The patient's "counts in the millions" follows the laboratory's own minimum.
    OfferPolicy {
        min_live_cells: policy.min_viable_cells,
        quality: policy,
        ..OfferPolicy::default()
    }
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

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
#[allow(dead_code)]
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);
