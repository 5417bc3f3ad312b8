//! `msc-therapy`: the command-line tool of the [msc-therapy](https://docs.rs/msc-therapy) crate.
//!
//! It reads a clinic's offer or a cell product as JSON, validates it, and prints what the rule
//! engines conclude, each finding with its source:
//!
//! ```text
//! msc-therapy offer                       # the bundled sample: a strip-mall clinic's offer
//! msc-therapy offer OFFER.json            # a clinic's offer, as a patient would act on it
//! msc-therapy product PRODUCT.json        # a product: US 21 CFR 1271, release quality, EU, Japan
//! msc-therapy jsonl [--offers] [--full] [PATH|-]   # JSON Lines: one document per line
//! msc-therapy schemas [DIR]               # the JSON Schemas of every document
//! msc-therapy fhir PRODUCT.json           # the product as an HL7 FHIR R5 resource
//! msc-therapy ctgov STUDY.json            # a ClinicalTrials.gov API v2 study record
//! msc-therapy what-if DOC.json            # the facts that would settle an open answer
//! msc-therapy what-if DOC.json --target us:section_361_hctp   # the smallest changes to a target
//! ```
//!
//! Install it from a clone of the repository with `cargo install --path cli`, or run it there
//! with `cargo run -p msc-therapy-cli -- offer`. A path of `-` reads standard input.
//!
//! - `--json` prints the machine-readable result instead of text (`offer`, `product`, `ctgov`,
//!   `what-if`).
//! - `--target TARGET` (`what-if`): the headline to reach, `engine:code` for a product
//!   (`us:section_361_hctp`, `quality:pass`, `eu:not_atmp_tissues_and_cells`,
//!   `jp_risk_class:class_iii`, `jp_pmd_act:not_regenerative_medical_product`, or a code only one
//!   engine answers, such as `section_361_hctp`), a verdict for an offer (`good_signs`).
//! - `--policy FILE` replaces the default quality policy (`offer`, `product`, `jsonl`).
//! - `--on YYYY-MM-DD` is the date the rules are evaluated on (certificate expiry, approvals in
//!   force); it defaults to today's date in the local time zone. The library reads no clock.
//!
//! Text output is wrapped at 80 columns, and each source is cited once, as a numbered note
//! (`[1]`, `[2]` …) listed at the end.
//!
//! # Exit status
//!
//! | status | meaning |
//! |---|---|
//! | 0 | done; the verdict does not change the status unless `--exit-code` is given |
//! | 1 | with `--exit-code`: the offer's verdict is *walk away*, or the product's release quality is *fail* |
//! | 2 | bad usage or bad input: an unknown option, a malformed `--on` date, a file that cannot be read, a document that fails validation (the message names the field), a JSON Lines run with a rejected line |
//! | 3 | the output could not be written (a reader that closes the pipe early, as `head` does, is not an error) |
#![forbid(unsafe_code)]

mod render;

use clap::{Args, Parser, Subcommand};
use msc_therapy::document::RegistryStudy;
use msc_therapy::engine::offer::{OfferPolicy, PatientVerdict};
use msc_therapy::engine::quality::{QualityPolicy, QualityVerdict};
use msc_therapy::interop::JsonLines;
use msc_therapy::vocab::IsoDate;
use msc_therapy::what_if::{self, ProductTarget};
use msc_therapy::{ClinicOffer, DocumentError, Product, assess_product_with, evaluate_offer_with};
use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Where the bundled sample offer comes from, as the text output names it.
const BUNDLED_PATH: &str = "examples/data/offers/strip_mall_umbilical.json";

/// The offer evaluated when no path is given: a strip-mall clinic's umbilical "stem cell" shot.
const BUNDLED: &str = include_str!("../../examples/data/offers/strip_mall_umbilical.json");

/// The exit statuses, as `--help` lists them.
const EXIT_STATUS: &str = "\
Exit status:
  0  done; the verdict does not change the status unless --exit-code is given
  1  with --exit-code: the offer's verdict is \"walk away\", or the product's
     release quality is \"fail\"
  2  bad usage or bad input: an unknown option, a malformed --on date, a file
     that cannot be read, a document that fails validation (the message names
     the field), a JSON Lines run with a rejected line
  3  the output could not be written (a reader that closes the pipe early, as
     head does, is not an error)";

/// `what-if --help`: the limits of the search, then the exit statuses.
const WHAT_IF_HELP: &str = "\
Limits of the search (--target): single changes (add or remove a processing
step, added article, indication or function; another tissue, donor,
preparation, supply, route or site of use; a yes/no fact; a measured value
across its limit; for an offer also its disclosures, the patient's context,
the jurisdiction and removing a claim), then pairs of changes that each alter
a finding of the target's engine, at most 100000 pairs; nothing beyond two
changes. \"Unreachable\" means unreachable within these limits. A change of
tissue, donor or preparation is marked as a different product in law.

Exit status:
  0  done
  2  bad usage or bad input: an unknown option or --target, a malformed --on
     date, a file that cannot be read, a document that fails validation (the
     message names the field)
  3  the output could not be written";

/// Evaluates mesenchymal stem/stromal cell (MSC) therapy offers and products against the
/// rules of the msc-therapy crate, each finding with its source.
#[derive(Parser, Debug)]
#[command(name = "msc-therapy", version, after_help = EXIT_STATUS, max_term_width = 80)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Evaluate a clinic's offer as a patient would act on it: walk away, ask first or good
    /// signs, with the questions to ask and what to expect.
    #[command(after_help = EXIT_STATUS)]
    Offer {
        /// The offer (schemas/clinic_offer.schema.json), or - for standard input. Default: the
        /// bundled sample examples/data/offers/strip_mall_umbilical.json.
        #[arg(value_name = "PATH|-")]
        input: Option<String>,
        #[command(flatten)]
        rules: RuleOptions,
        #[command(flatten)]
        output: OutputOptions,
    },
    /// Assess a product with every engine: US 21 CFR Part 1271, release quality, EU
    /// (Regulation (EC) No 1394/2007) and Japan (ASRM, PMD Act).
    #[command(after_help = EXIT_STATUS)]
    Product {
        /// The product (schemas/product.schema.json), or - for standard input.
        #[arg(value_name = "PATH|-")]
        input: String,
        #[command(flatten)]
        rules: RuleOptions,
        #[command(flatten)]
        output: OutputOptions,
    },
    /// Assess JSON Lines: one product (or offer) per line in, one JSON result per line out. A
    /// bad line gets an error line with its field path, and the run goes on.
    #[command(after_help = EXIT_STATUS)]
    Jsonl {
        /// The lines are clinic offers, not products.
        #[arg(long)]
        offers: bool,
        /// Write the full form (each finding with its rule's summary and citation) instead of
        /// the compact form.
        #[arg(long)]
        full: bool,
        /// Assess the lines on every core, in batches of 1024 (same output, same order).
        #[cfg(feature = "parallel")]
        #[arg(long)]
        parallel: bool,
        /// The JSON Lines file, or - for standard input (the default).
        #[arg(value_name = "PATH|-")]
        input: Option<String>,
        #[command(flatten)]
        rules: RuleOptions,
    },
    /// Write the JSON Schema (draft 2020-12) of every input and output document, a
    /// self-contained copy of each in bundled/, and every vocabulary term with its code, label
    /// and facts (vocabulary.json).
    #[command(after_help = EXIT_STATUS)]
    Schemas {
        /// The folder to write to (created if missing).
        #[arg(value_name = "DIR", default_value = "schemas")]
        dir: PathBuf,
    },
    /// What would change the verdict of a product or a clinic's offer: the facts whose
    /// statement would settle an open answer, each with the headline every value leads to
    /// (for an offer, the questions for the clinic, those whose answers would move the verdict
    /// most first); with --target, the smallest sets of one or two changes that reach that
    /// headline, each re-checked by running the engines on the changed document.
    #[command(name = "what-if", after_help = WHAT_IF_HELP)]
    WhatIf {
        /// The product or the clinic offer (a document with a top-level "product" member is an
        /// offer), or - for standard input.
        #[arg(value_name = "PATH|-")]
        input: String,
        /// The headline to reach: for a product ENGINE:CODE (us:section_361_hctp,
        /// quality:pass, eu:not_atmp_tissues_and_cells, jp_risk_class:class_iii,
        /// jp_pmd_act:not_regenerative_medical_product) or a code only one engine answers
        /// (section_361_hctp, pass); for an offer a verdict (good_signs, ask_first,
        /// walk_away).
        #[arg(long, value_name = "TARGET")]
        target: Option<String>,
        /// The date the rules are evaluated on. Default: today, in the local time zone.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        on: Option<jiff::civil::Date>,
        /// Print the result as JSON (schemas/settling_facts.schema.json, or
        /// schemas/smallest_changes.schema.json with --target).
        #[arg(long)]
        json: bool,
    },
    /// Print a product as an HL7 FHIR R5 BiologicallyDerivedProduct resource (JSON).
    #[command(after_help = EXIT_STATUS)]
    Fhir {
        /// The product (schemas/product.schema.json), or - for standard input.
        #[arg(value_name = "PRODUCT|-")]
        product: String,
    },
    /// Read a ClinicalTrials.gov API v2 study record (GET /api/v2/studies/NCT…), or a page of
    /// search results ({"studies": [...]}), as the crate's RegistryStudy.
    #[command(after_help = EXIT_STATUS)]
    Ctgov {
        /// The record, or - for standard input.
        #[arg(value_name = "FILE|-")]
        file: String,
        /// Print the study (or the list of studies) as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Options that change what the rules are held against.
#[derive(Args, Debug)]
struct RuleOptions {
    /// A laboratory's own quality thresholds (schemas/quality_policy.schema.json) instead of
    /// the defaults.
    #[arg(long, value_name = "FILE")]
    policy: Option<String>,
    /// The date the rules are evaluated on (certificate expiry, approvals in force).
    /// Default: today, in the local time zone.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    on: Option<jiff::civil::Date>,
}

/// Options that change how a result is printed.
#[derive(Args, Debug)]
struct OutputOptions {
    /// Print the result as JSON (the full form, with each rule's summary and citation).
    #[arg(long)]
    json: bool,
    /// Exit with status 1 when the offer's verdict is "walk away" or the product's release
    /// quality is "fail".
    #[arg(long)]
    exit_code: bool,
}

/// `--on`: a calendar date written exactly `YYYY-MM-DD`, checked to exist.
fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    // The crate's own date type decides what a date is (exactly YYYY-MM-DD, year 0001 on).
    IsoDate::new(text)
        .map(IsoDate::date)
        .map_err(|e| e.to_string())
}

/// How a run ended.
#[derive(Debug)]
enum Failure {
    /// `--exit-code` was given and the verdict is a flag (status 1); nothing to print.
    Flagged,
    /// Bad usage or bad input (status 2).
    Input(String),
    /// The output could not be written (status 3).
    Output(String),
}

impl Failure {
    fn status(&self) -> u8 {
        match self {
            Self::Flagged => 1,
            Self::Input(_) => 2,
            Self::Output(_) => 3,
        }
    }
}

type Outcome = Result<(), Failure>;

/// The text of a document: a file, or standard input for `-`.
fn read(source: &str) -> Result<String, Failure> {
    if source == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::Input(format!("cannot read standard input: {e}")))?;
        Ok(text)
    } else {
        std::fs::read_to_string(source)
            .map_err(|e| Failure::Input(format!("cannot read {source}: {e}")))
    }
}

/// The name a document is given in messages.
fn shown(source: &str) -> &str {
    if source == "-" {
        "standard input"
    } else {
        source
    }
}

/// A document that failed validation: the source, the kind of document, and the library's
/// message (which starts with the path of the failing field).
fn invalid(source: &str, what: &str, err: &DocumentError) -> Failure {
    Failure::Input(format!("{} is not a valid {what}:\n  {err}", shown(source)))
}

/// A hint when a document of the other kind was given: a clinic offer has a top-level
/// `product` member, a product document never has one.
fn other_kind(text: &str, expected_offer: bool) -> Option<&'static str> {
    let value = serde_json::from_str::<serde_json::Value>(text).ok()?;
    let object = value.as_object()?;
    match (expected_offer, object.contains_key("product")) {
        (true, false) if object.contains_key("name") => {
            Some("this looks like a product document: try `msc-therapy product`")
        }
        (false, true) => Some("this looks like a clinic offer: try `msc-therapy offer`"),
        _ => None,
    }
}

/// [`invalid`], with the hint of [`other_kind`] when there is one.
fn invalid_document(
    source: &str,
    text: &str,
    expected_offer: bool,
    err: &DocumentError,
) -> Failure {
    let what = if expected_offer {
        "clinic offer"
    } else {
        "product"
    };
    match (invalid(source, what, err), other_kind(text, expected_offer)) {
        (Failure::Input(message), Some(hint)) => Failure::Input(format!("{message}\n({hint})")),
        (failure, _) => failure,
    }
}

/// Writes `text` to standard output; a reader that stops early (`| head`) ends quietly.
fn emit(text: &str) -> Outcome {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::Output(format!(
            "cannot write to standard output: {e}"
        ))),
        _ => Ok(()),
    }
}

/// The date the rules are evaluated on: `--on`, else today in the local time zone.
fn evaluation_date(on: Option<jiff::civil::Date>) -> jiff::civil::Date {
    on.unwrap_or_else(|| jiff::Zoned::now().date())
}

/// The quality policy: `--policy FILE` or the default.
fn quality_policy(rules: &RuleOptions) -> Result<QualityPolicy, Failure> {
    match &rules.policy {
        None => Ok(QualityPolicy::default()),
        Some(path) => {
            let text = read(path)?;
            QualityPolicy::from_json(&text).map_err(|e| invalid(path, "quality policy", &e))
        }
    }
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

fn offer(input: Option<&str>, rules: &RuleOptions, output: &OutputOptions) -> Outcome {
    let on = evaluation_date(rules.on);
    let policy = offer_policy(quality_policy(rules)?);
    let (source, text) = match input {
        None => (BUNDLED_PATH, BUNDLED.to_owned()),
        Some(path) => (path, read(path)?),
    };
    let offer =
        ClinicOffer::from_json(&text).map_err(|e| invalid_document(source, &text, true, &e))?;
    let evaluation = evaluate_offer_with(&offer, &policy, on);
    if output.json {
        emit(&format!("{}\n", evaluation.to_json_pretty()))?;
    } else {
        let mut page = render::Page::new();
        if input.is_none() {
            page.line(&format!(
                "(no document given: evaluating the bundled sample {BUNDLED_PATH})"
            ));
        }
        page.line(&format!("Evaluated on {on}."));
        page.blank();
        render::offer(&mut page, &evaluation);
        emit(&page.finish())?;
    }
    if output.exit_code && evaluation.verdict == PatientVerdict::WalkAway {
        return Err(Failure::Flagged);
    }
    Ok(())
}

fn product(input: &str, rules: &RuleOptions, output: &OutputOptions) -> Outcome {
    let on = evaluation_date(rules.on);
    let policy = quality_policy(rules)?;
    let text = read(input)?;
    let product =
        Product::from_json(&text).map_err(|e| invalid_document(input, &text, false, &e))?;
    let assessment = assess_product_with(&product, &policy, on);
    if output.json {
        emit(&format!("{}\n", assessment.to_json_pretty()))?;
    } else {
        let mut page = render::Page::new();
        page.line(&format!("Evaluated on {on}."));
        page.blank();
        render::product(&mut page, &assessment);
        emit(&page.finish())?;
    }
    if output.exit_code && assessment.quality.verdict == QualityVerdict::Fail {
        return Err(Failure::Flagged);
    }
    Ok(())
}

/// A document is a clinic offer when it is a JSON object with a top-level `product` member (a
/// product document never has one); anything else is read as a product.
fn is_offer(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|value| value.as_object().map(|o| o.contains_key("product")))
        .unwrap_or(false)
}

/// `--target` for an offer: a verdict, optionally written `offer:good_signs`.
fn offer_target(text: &str) -> Result<PatientVerdict, Failure> {
    text.strip_prefix("offer:")
        .unwrap_or(text)
        .parse()
        .map_err(|e| Failure::Input(format!("--target: {e} (the document is a clinic offer)")))
}

/// `--target` for a product: `engine:code`, or a code only one engine answers.
fn product_target(text: &str) -> Result<ProductTarget, Failure> {
    text.parse()
        .map_err(|e| Failure::Input(format!("--target: {e} (the document is a product)")))
}

fn what_if(
    input: &str,
    target: Option<&str>,
    on: Option<jiff::civil::Date>,
    json: bool,
) -> Outcome {
    let on = evaluation_date(on);
    let text = read(input)?;
    let (json_text, shown_text) = if is_offer(&text) {
        let offer =
            ClinicOffer::from_json(&text).map_err(|e| invalid_document(input, &text, true, &e))?;
        match target {
            None => {
                let facts = what_if::settling_offer_facts(&offer, on);
                (json.then(|| facts.to_json_pretty()), facts.to_string())
            }
            Some(target) => {
                let changes = what_if::smallest_offer_changes(&offer, offer_target(target)?, on);
                (json.then(|| changes.to_json_pretty()), changes.to_string())
            }
        }
    } else {
        let product =
            Product::from_json(&text).map_err(|e| invalid_document(input, &text, false, &e))?;
        match target {
            None => {
                let facts = what_if::settling_facts(&product, on);
                (json.then(|| facts.to_json_pretty()), facts.to_string())
            }
            Some(target) => {
                let changes = what_if::smallest_changes(&product, product_target(target)?, on);
                (json.then(|| changes.to_json_pretty()), changes.to_string())
            }
        }
    };
    if let Some(json) = json_text {
        return emit(&format!("{json}\n"));
    }
    let mut page = render::Page::new();
    page.line(&format!("Evaluated on {on}."));
    page.blank();
    render::display(&mut page, &shown_text);
    emit(&page.finish())
}

fn fhir(input: &str) -> Outcome {
    let text = read(input)?;
    let product =
        Product::from_json(&text).map_err(|e| invalid_document(input, &text, false, &e))?;
    let resource = serde_json::to_string_pretty(&product.to_fhir())
        .map_err(|e| Failure::Output(format!("cannot write JSON: {e}")))?;
    emit(&format!("{resource}\n"))
}

fn ctgov(input: &str, json: bool) -> Outcome {
    let text = read(input)?;
    // A search page holds its studies under `studies`; a study record never has that member.
    let page = serde_json::from_str::<serde_json::Value>(&text)
        .is_ok_and(|value| value.get("studies").is_some());
    let studies = if page {
        RegistryStudy::page_from_ctgov_json(&text)
    } else {
        RegistryStudy::from_ctgov_json(&text).map(|study| vec![study])
    }
    .map_err(|e| {
        Failure::Input(format!(
            "{} is not a valid ClinicalTrials.gov study record:\n  {e}",
            shown(input)
        ))
    })?;
    if json {
        let out = if page {
            serde_json::to_string_pretty(&studies)
        } else {
            serde_json::to_string_pretty(&studies[0])
        }
        .map_err(|e| Failure::Output(format!("cannot write JSON: {e}")))?;
        return emit(&format!("{out}\n"));
    }
    let mut text = render::Page::new();
    for (i, study) in studies.iter().enumerate() {
        if i > 0 {
            text.blank();
        }
        render::study(&mut text, study);
    }
    emit(&text.finish())
}

fn schemas(dir: &Path) -> Outcome {
    let write = |path: &Path, text: &str| {
        std::fs::write(path, text)
            .map_err(|e| Failure::Output(format!("cannot write {}: {e}", path.display())))
    };
    let bundled = dir.join("bundled");
    std::fs::create_dir_all(&bundled)
        .map_err(|e| Failure::Output(format!("cannot create {}: {e}", bundled.display())))?;
    let mut report = String::new();
    for document in msc_therapy::interop::document_schemas() {
        let path = dir.join(document.file_name());
        write(&path, &document.to_json_pretty())?;
        report.push_str(&format!("wrote {}\n", path.display()));
        // The same schema, self-contained, for tools that cannot load the other files.
        let path = bundled.join(document.file_name());
        write(&path, &document.bundled_json_pretty())?;
        report.push_str(&format!("wrote {}\n", path.display()));
    }
    let path = dir.join("vocabulary.json");
    write(
        &path,
        &format!("{:#}\n", msc_therapy::interop::vocabulary_json()),
    )?;
    report.push_str(&format!("wrote {}\n", path.display()));
    emit(&report)
}

/// The size of the JSON Lines input and output buffers.
const IO_BUFFER: usize = 1 << 20;

/// How long a JSON Lines run goes before its progress bar appears: short runs show none.
const PROGRESS_AFTER: Duration = Duration::from_millis(500);

/// A reader that moves a progress bar as its bytes are consumed. The bar stays hidden for the
/// first [`PROGRESS_AFTER`], then draws on standard error.
struct Progress<R> {
    inner: R,
    bar: indicatif::ProgressBar,
    started: Instant,
    shown: bool,
}

impl<R> Progress<R> {
    fn new(inner: R, total: Option<u64>) -> Self {
        let bar = indicatif::ProgressBar::with_draw_target(
            total,
            indicatif::ProgressDrawTarget::hidden(),
        );
        let template = if total.is_some() {
            "{bar:30} {bytes}/{total_bytes} {bytes_per_sec}, {eta} left"
        } else {
            "{spinner} {bytes} read, {bytes_per_sec}"
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        Self {
            inner,
            bar,
            started: Instant::now(),
            shown: false,
        }
    }
}

impl<R: Read> Read for Progress<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.advance(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Progress<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amount: usize) {
        self.inner.consume(amount);
        self.advance(amount);
    }
}

impl<R> Progress<R> {
    fn advance(&mut self, bytes: usize) {
        self.bar.inc(bytes as u64);
        if !self.shown && self.started.elapsed() >= PROGRESS_AFTER {
            self.shown = true;
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }
}

impl<R> Drop for Progress<R> {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

fn jsonl(
    offers: bool,
    full: bool,
    parallel: bool,
    input: Option<&str>,
    rules: &RuleOptions,
) -> Outcome {
    let on = evaluation_date(rules.on);
    let policy = quality_policy(rules)?;
    let lines = if offers {
        JsonLines::offers(offer_policy(policy), on)
    } else {
        JsonLines::products(policy, on)
    };
    let lines = if full { lines.full_form() } else { lines };
    let (reader, total): (Box<dyn BufRead>, Option<u64>) = match input {
        None | Some("-") => (Box::new(std::io::stdin().lock()), None),
        Some(path) => {
            let file = std::fs::File::open(path)
                .map_err(|e| Failure::Input(format!("cannot read {path}: {e}")))?;
            let total = file.metadata().ok().map(|m| m.len());
            (
                Box::new(std::io::BufReader::with_capacity(IO_BUFFER, file)),
                total,
            )
        }
    };
    // The bar goes to standard error, and only to a terminal: never into a log or a pipe.
    let reader: Box<dyn BufRead> = if std::io::stderr().is_terminal() {
        Box::new(Progress::new(reader, total))
    } else {
        reader
    };
    // Standard output is line-buffered: one write per result line. A large buffer writes many
    // lines at once (`run` flushes it at the end).
    let output = std::io::BufWriter::with_capacity(IO_BUFFER, std::io::stdout().lock());
    let result = if parallel {
        run_parallel(&lines, reader, output)
    } else {
        lines.run(reader, output)
    };
    match result {
        Ok(summary) if summary.rejected > 0 => Err(Failure::Input(format!(
            "{} of {} documents were rejected (see the error lines)",
            summary.rejected,
            summary.assessed + summary.rejected
        ))),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Output(format!("JSON Lines: {e}"))),
    }
}

/// `--parallel`: the lines on every core, in batches.
#[cfg(feature = "parallel")]
fn run_parallel(
    lines: &JsonLines,
    input: impl BufRead,
    output: impl Write,
) -> std::io::Result<msc_therapy::interop::LinesSummary> {
    lines.run_parallel(input, output, 1024)
}

/// Without the `parallel` feature there is no `--parallel` option, so this never runs.
#[cfg(not(feature = "parallel"))]
fn run_parallel(
    lines: &JsonLines,
    input: impl BufRead,
    output: impl Write,
) -> std::io::Result<msc_therapy::interop::LinesSummary> {
    lines.run(input, output)
}

fn run(cli: Cli) -> Outcome {
    match cli.command {
        Command::Offer {
            input,
            rules,
            output,
        } => offer(input.as_deref(), &rules, &output),
        Command::Product {
            input,
            rules,
            output,
        } => product(&input, &rules, &output),
        Command::Jsonl {
            offers,
            full,
            #[cfg(feature = "parallel")]
            parallel,
            input,
            rules,
        } => {
            #[cfg(not(feature = "parallel"))]
            let parallel = false;
            jsonl(offers, full, parallel, input.as_deref(), &rules)
        }
        Command::Schemas { dir } => schemas(&dir),
        Command::WhatIf {
            input,
            target,
            on,
            json,
        } => what_if(&input, target.as_deref(), on, json),
        Command::Fhir { product } => fhir(&product),
        Command::Ctgov { file, json } => ctgov(&file, json),
    }
}

fn main() -> ExitCode {
    // clap prints usage errors itself and exits with status 2 (0 for --help and --version).
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            match &failure {
                Failure::Flagged => {}
                Failure::Input(message) | Failure::Output(message) => {
                    eprintln!("msc-therapy: {message}");
                }
            }
            ExitCode::from(failure.status())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_reader_passes_every_byte_through_and_counts_them() {
        let input = "{\"a\": 1}\n\n{\"b\": 2}\n".repeat(100);
        let mut reader = Progress::new(input.as_bytes(), Some(input.len() as u64));
        let mut lines = Vec::new();
        let mut line = Vec::new();
        while reader.read_until(b'\n', &mut line).expect("reads") > 0 {
            lines.push(String::from_utf8(std::mem::take(&mut line)).expect("UTF-8"));
        }
        assert_eq!(lines.concat(), input);
        assert_eq!(lines.len(), 300);
        assert_eq!(reader.bar.position(), input.len() as u64);
        // A short run never shows its bar.
        assert!(!reader.shown);
    }

    #[test]
    fn a_document_of_the_other_kind_gets_a_hint() {
        let product = r#"{"name": "X", "tissue": "bone_marrow"}"#;
        let offer = r#"{"product": {"name": "X"}}"#;
        assert!(other_kind(product, true).is_some_and(|h| h.contains("msc-therapy product")));
        assert!(other_kind(offer, false).is_some_and(|h| h.contains("msc-therapy offer")));
        assert_eq!(other_kind(product, false), None);
        assert_eq!(other_kind(offer, true), None);
        assert_eq!(other_kind("not JSON", true), None);
    }

    #[test]
    fn on_takes_exactly_a_calendar_date() {
        assert_eq!(
            parse_date("2026-12-07").map(|d| d.to_string()),
            Ok("2026-12-07".to_owned())
        );
        for bad in [
            "2026-02-29",
            "2026-12-7",
            "20261207",
            "2026-12-07T00:00",
            "0000-01-01",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }
}
