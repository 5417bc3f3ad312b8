//! The `msc-therapy` binary, run as a user runs it: each subcommand on the repository's bundled
//! samples, the exit statuses `--help` documents, the field path of a bad document, `--on`, and
//! text that fits an 80-column terminal with its sources as numbered notes.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The binary under test.
const BIN: &str = env!("CARGO_BIN_EXE_msc-therapy");

/// A fixed evaluation date, so that the results do not depend on the day the tests run.
const ON: &str = "2026-12-07";

/// The repository's root (the library's folder), where the samples are.
fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ has a parent")
        .to_path_buf()
}

fn sample(path: &str) -> String {
    repo().join(path).to_string_lossy().into_owned()
}

/// What a run printed, and how it ended.
struct Run {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run_with(args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // Standard input is written from another thread while the output is read: a large input
    // and a large output would otherwise each wait for the other's pipe to drain.
    let writer = stdin.map(|text| {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        let text = text.to_owned();
        std::thread::spawn(move || pipe.write_all(text.as_bytes()))
    });
    let out = child.wait_with_output().expect("the binary ends");
    if let Some(writer) = writer {
        // The binary may stop reading early (a usage error): a closed pipe is not a failure.
        let _ = writer.join().expect("the writer thread ends");
    }
    Run {
        status: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn run(args: &[&str]) -> Run {
    run_with(args, None)
}

/// Runs, expects status 0, and reads standard output as JSON.
fn json(args: &[&str]) -> Value {
    let out = run(args);
    assert_eq!(out.status, Some(0), "{args:?}: {}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON: {e}"))
}

const PRODUCTS: [&str; 4] = [
    "examples/data/products/cultured_bone_marrow_msc.json",
    "examples/data/products/same_day_bmac.json",
    "examples/data/products/umbilical_off_the_shelf.json",
    "examples/data/products/adipose_svf.json",
];

const OFFERS: [&str; 4] = [
    "examples/data/offers/strip_mall_umbilical.json",
    "examples/data/offers/same_day_bmac.json",
    "examples/data/offers/trial_site.json",
    "examples/data/offers/ryoncil_on_label.json",
];

// ---------------------------------------------------------------------------------------------
// offer
// ---------------------------------------------------------------------------------------------

#[test]
fn offer_without_a_path_evaluates_the_bundled_strip_mall_offer() {
    let out = run(&["offer", "--on", ON]);
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("(no document given: evaluating the bundled sample"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("strip_mall_umbilical.json"));
    assert!(out.stdout.contains(&format!("Evaluated on {ON}.")));
    // The README's table: the strip-mall offer is a walk-away.
    assert!(out.stdout.contains("Verdict: walk away"), "{}", out.stdout);
    // The bundled text is the sample file's: the same evaluation as from the file.
    let bundled = json(&["offer", "--json", "--on", ON]);
    let from_file = json(&["offer", "--json", "--on", ON, &sample(OFFERS[0])]);
    assert_eq!(bundled, from_file);
}

#[test]
fn offer_verdicts_of_the_samples_are_the_readmes() {
    // The README's table of offers: what a patient should do about each.
    let expected = ["walk_away", "ask_first", "good_signs", "good_signs"];
    for (path, verdict) in OFFERS.iter().zip(expected) {
        let evaluation = json(&["offer", "--json", "--on", ON, &sample(path)]);
        assert_eq!(evaluation["verdict"], verdict, "{path}");
        // The full form: each finding carries its rule's citation.
        let first = &evaluation["walk_away"]
            .as_array()
            .into_iter()
            .chain(evaluation["ask_first"].as_array())
            .chain(evaluation["good_signs"].as_array())
            .flatten()
            .next()
            .cloned()
            .expect("an offer has findings");
        assert!(first["citation"].is_string(), "{path}: {first}");
    }
}

#[test]
fn offer_reads_standard_input() {
    let text = std::fs::read_to_string(sample(OFFERS[2])).expect("sample");
    let out = run_with(&["offer", "--on", ON, "-"], Some(&text));
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("Verdict: good signs"), "{}", out.stdout);
    assert!(!out.stdout.contains("bundled sample"));
}

#[test]
fn exit_code_flags_a_walk_away_only_when_asked() {
    let bundled = run(&["offer", "--on", ON, "--exit-code"]);
    assert_eq!(bundled.status, Some(1), "walk away with --exit-code");
    assert_eq!(
        run(&["offer", "--on", ON]).status,
        Some(0),
        "no --exit-code"
    );
    // Ask first and good signs are not flags.
    for path in &OFFERS[1..] {
        let out = run(&["offer", "--on", ON, "--exit-code", &sample(path)]);
        assert_eq!(out.status, Some(0), "{path}: {}", out.stderr);
    }
}

// ---------------------------------------------------------------------------------------------
// product
// ---------------------------------------------------------------------------------------------

#[test]
fn product_runs_every_engine_on_the_samples() {
    // The README's table of products: US classification and release quality.
    let expected = [
        ("section_351_product", "pass"),
        // Whether concentrated marrow is still "such HCT/P" is open (Ninth Circuit, 2024); a
        // same-day bedside preparation without sterility or endotoxin results gets warnings.
        ("undetermined", "pass_with_warnings"),
        ("section_351_product", "undetermined"),
        ("section_351_product", "pass_with_warnings"),
    ];
    for (path, (us, quality)) in PRODUCTS.iter().zip(expected) {
        let assessment = json(&["product", "--json", "--on", ON, &sample(path)]);
        assert_eq!(assessment["us"]["classification"], us, "{path}");
        assert_eq!(assessment["quality"]["verdict"], quality, "{path}");
        assert!(assessment["eu"]["classification"].is_string(), "{path}");
        assert!(assessment["jp"]["risk_class"].is_string(), "{path}");

        let text = run(&["product", "--on", ON, &sample(path)]);
        assert_eq!(text.status, Some(0), "{path}: {}", text.stderr);
        // Each finding says what it rests on: the first US step's basis, by its label.
        let basis: msc_therapy::finding::Basis = assessment["us"]["findings"][0]["basis"]
            .as_str()
            .expect("a basis code")
            .parse()
            .expect("a known basis");
        let flat = text.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(&format!("basis: {}", basis.label())),
            "{path}"
        );
        for heading in [
            "US classification (21 CFR Part 1271):",
            "Release quality:",
            "EU classification (Regulation (EC) No 1394/2007):",
            "Japan: ASRM",
        ] {
            assert!(text.stdout.contains(heading), "{path}: {heading}");
        }
    }
}

/// The certificate of analysis of the cultured marrow sample, and its expiry date.
fn certificate_expiry() -> String {
    let text = std::fs::read_to_string(sample(PRODUCTS[0])).expect("sample");
    let product: Value = serde_json::from_str(&text).expect("JSON");
    product["release"]["certificate"]["expires_on"]
        .as_str()
        .expect("the sample's certificate has an expiry date")
        .to_owned()
}

#[test]
fn on_is_the_date_the_certificate_is_judged_on() {
    let expires = certificate_expiry();
    let year: i32 = expires[..4].parse().expect("year");
    let before = format!("{}-01-01", year - 1);
    let after = format!("{}-01-01", year + 1);
    let path = sample(PRODUCTS[0]);
    let coa = |on: &str| {
        let assessment = json(&["product", "--json", "--on", on, &path]);
        let findings = assessment["quality"]["findings"].as_array().cloned();
        let finding = findings
            .into_iter()
            .flatten()
            .find(|f| f["rule"] == "quality.coa.consistent")
            .expect("the certificate is checked");
        (
            assessment["quality"]["verdict"].clone(),
            finding["outcome"].clone(),
        )
    };
    // Before expiry the certificate stands; a year after it, it has expired: a failed lot.
    let (verdict_before, outcome_before) = coa(&before);
    let (verdict_after, outcome_after) = coa(&after);
    assert_ne!(outcome_before, "not_met", "{before}");
    assert_ne!(verdict_before, "fail", "{before}");
    assert_eq!(outcome_after, "not_met", "{after}");
    assert_eq!(verdict_after, "fail", "{after}");
    // --exit-code flags the failed lot, and only it.
    assert_eq!(
        run(&["product", "--exit-code", "--on", &after, &path]).status,
        Some(1)
    );
    assert_eq!(
        run(&["product", "--exit-code", "--on", &before, &path]).status,
        Some(0)
    );
}

#[test]
fn on_defaults_to_today() {
    let out = run(&["offer"]);
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    let today = jiff::Zoned::now().date().to_string();
    let yesterday = jiff::Zoned::now()
        .date()
        .yesterday()
        .expect("a day before today")
        .to_string();
    // The run may straddle midnight.
    assert!(
        out.stdout.contains(&format!("Evaluated on {today}."))
            || out.stdout.contains(&format!("Evaluated on {yesterday}.")),
        "{}",
        out.stdout
    );
}

#[test]
fn a_malformed_on_date_is_a_usage_error() {
    for bad in [
        "2026-02-30",
        "07/12/2026",
        "2026-12-7",
        "20261207",
        "0000-01-01",
        "tomorrow",
    ] {
        let out = run(&["offer", "--on", bad]);
        assert_eq!(out.status, Some(2), "--on {bad}: {}", out.stdout);
        assert!(out.stderr.contains("--on"), "--on {bad}: {}", out.stderr);
        assert!(out.stderr.contains(bad), "--on {bad}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "--on {bad}: {}", out.stdout);
    }
}

// ---------------------------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------------------------

#[test]
fn a_bad_product_exits_2_naming_the_field() {
    let text = std::fs::read_to_string(sample(PRODUCTS[0])).expect("sample");
    let mut product: Value = serde_json::from_str(&text).expect("JSON");
    product["release"]["viability"][0]["percent"] = Value::from(140);
    let out = run_with(&["product", "--on", ON, "-"], Some(&product.to_string()));
    assert_eq!(out.status, Some(2), "{}", out.stdout);
    assert!(
        out.stderr.contains("release.viability[0].percent"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("140"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

#[test]
fn a_bad_offer_exits_2_naming_the_field() {
    let text = std::fs::read_to_string(sample(OFFERS[3])).expect("sample");
    let mut offer: Value = serde_json::from_str(&text).expect("JSON");
    offer["patient"]["age"]["unit"] = Value::from("fortnights");
    let out = run_with(&["offer", "--on", ON, "-"], Some(&offer.to_string()));
    assert_eq!(out.status, Some(2), "{}", out.stdout);
    assert!(out.stderr.contains("patient.age.unit"), "{}", out.stderr);
    assert!(out.stderr.contains("fortnights"), "{}", out.stderr);
}

#[test]
fn a_bad_policy_exits_2_naming_the_field() {
    let dir = temp_dir("policy");
    let policy = dir.join("policy.json");
    std::fs::write(&policy, r#"{"min_viability_percent": 140}"#).expect("write");
    let out = run(&["offer", "--on", ON, "--policy", &policy.to_string_lossy()]);
    assert_eq!(out.status, Some(2), "{}", out.stdout);
    assert!(
        out.stderr.contains("min_viability_percent"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_policy_changes_the_thresholds() {
    // The cultured marrow sample passes under the default minimum viability; a laboratory
    // that asks for more than the sample's highest viability fails it.
    let text = std::fs::read_to_string(sample(PRODUCTS[0])).expect("sample");
    let product: Value = serde_json::from_str(&text).expect("JSON");
    let highest = product["release"]["viability"]
        .as_array()
        .expect("viability list")
        .iter()
        .filter_map(|v| v["percent"].as_f64())
        .fold(0.0_f64, f64::max);
    let dir = temp_dir("strict-policy");
    let policy = dir.join("policy.json");
    std::fs::write(
        &policy,
        format!(
            r#"{{"min_viability_percent": {}}}"#,
            (highest + 1.0).min(100.0)
        ),
    )
    .expect("write");
    let default = json(&["product", "--json", "--on", ON, &sample(PRODUCTS[0])]);
    let strict = json(&[
        "product",
        "--json",
        "--on",
        ON,
        "--policy",
        &policy.to_string_lossy(),
        &sample(PRODUCTS[0]),
    ]);
    assert_eq!(default["quality"]["verdict"], "pass");
    assert_eq!(strict["quality"]["verdict"], "fail");
}

#[test]
fn a_missing_file_and_unknown_options_exit_2() {
    let out = run(&["product", "no/such/product.json"]);
    assert_eq!(out.status, Some(2));
    assert!(
        out.stderr.contains("no/such/product.json"),
        "{}",
        out.stderr
    );
    assert_eq!(run(&["offer", "--no-such-option"]).status, Some(2));
    assert_eq!(run(&["no-such-command"]).status, Some(2));
    assert_eq!(run(&[]).status, Some(2), "a subcommand is required");
    // --json goes with offer, product and ctgov, not with fhir.
    assert_eq!(
        run(&["fhir", "--json", &sample(PRODUCTS[0])]).status,
        Some(2)
    );
}

#[test]
fn an_output_that_cannot_be_written_exits_3() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // no /dev/full on this system
    };
    let out = Command::new(BIN)
        .args(["offer", "--on", ON])
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write"));
}

// ---------------------------------------------------------------------------------------------
// jsonl
// ---------------------------------------------------------------------------------------------

/// The samples at `paths`, one per line.
fn lines_of(paths: &[&str]) -> String {
    let mut lines = String::new();
    for path in paths {
        let text = std::fs::read_to_string(sample(path)).expect("sample");
        let value: Value = serde_json::from_str(&text).expect("JSON");
        lines.push_str(&value.to_string());
        lines.push('\n');
    }
    lines
}

#[test]
fn jsonl_assesses_one_product_per_line() {
    let input = lines_of(&PRODUCTS);
    let out = run_with(&["jsonl", "--on", ON], Some(&input));
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    let results: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(results.len(), PRODUCTS.len());
    for (i, result) in results.iter().enumerate() {
        assert_eq!(result["line"], i + 1);
        // The same assessment as the product subcommand's, in the compact form: no citations.
        let one = json(&["product", "--json", "--on", ON, &sample(PRODUCTS[i])]);
        assert_eq!(
            result["assessment"]["us"]["classification"],
            one["us"]["classification"]
        );
        assert_eq!(
            result["assessment"]["quality"]["verdict"],
            one["quality"]["verdict"]
        );
        assert!(result["assessment"]["us"]["findings"][0]["citation"].is_null());
    }
    // From a file, in the full form: the findings carry their citations.
    let dir = temp_dir("jsonl");
    let file = dir.join("products.jsonl");
    std::fs::write(&file, &input).expect("write");
    let out = run(&["jsonl", "--full", "--on", ON, &file.to_string_lossy()]);
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    let first: Value =
        serde_json::from_str(out.stdout.lines().next().expect("a line")).expect("JSON");
    assert!(first["assessment"]["us"]["findings"][0]["citation"].is_string());
}

#[test]
fn jsonl_offers_and_a_bad_line() {
    let mut input = lines_of(&OFFERS);
    input.push_str("{\"product\": {\"name\": \"X\"}, \"price\": 12}\n");
    let out = run_with(&["jsonl", "--offers", "--on", ON, "-"], Some(&input));
    // A rejected line makes the run exit 2, after every line is written.
    assert_eq!(out.status, Some(2), "{}", out.stderr);
    assert!(out.stderr.contains("1 of 5"), "{}", out.stderr);
    let results: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(results.len(), 5);
    assert_eq!(results[0]["evaluation"]["verdict"], "walk_away");
    assert_eq!(results[2]["evaluation"]["verdict"], "good_signs");
    assert_eq!(results[4]["line"], 5);
    assert_eq!(results[4]["error"]["path"], "price", "{}", results[4]);
}

// ---------------------------------------------------------------------------------------------
// schemas, fhir, ctgov
// ---------------------------------------------------------------------------------------------

/// A fresh folder under the build's temporary directory.
fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temporary folder");
    dir
}

#[test]
fn schemas_writes_the_committed_schemas() {
    let dir = temp_dir("schemas");
    let out = run(&["schemas", &dir.to_string_lossy()]);
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    let mut written: Vec<PathBuf> = Vec::new();
    for folder in [dir.clone(), dir.join("bundled")] {
        for entry in std::fs::read_dir(&folder).expect("folder") {
            let path = entry.expect("entry").path();
            if path.is_file() {
                written.push(path);
            }
        }
    }
    for name in [
        "product.schema.json",
        "clinic_offer.schema.json",
        "offer_evaluation.schema.json",
        "definitions.schema.json",
        "vocabulary.json",
        "bundled/product.schema.json",
        "bundled/offer_evaluation.schema.json",
    ] {
        assert!(dir.join(name).is_file(), "{name} written");
    }
    // Each file is the one committed in the repository's schemas/ (kept true by the library's
    // tests/schemas.rs), and the command says it wrote it.
    for path in &written {
        let name = path.strip_prefix(&dir).expect("under the folder");
        let committed = std::fs::read_to_string(repo().join("schemas").join(name))
            .unwrap_or_else(|e| panic!("schemas/{}: {e}", name.display()));
        let fresh = std::fs::read_to_string(path).expect("read");
        assert_eq!(fresh.trim_end(), committed.trim_end(), "{}", path.display());
        assert!(out.stdout.contains(&path.display().to_string()));
    }
}

#[test]
fn schemas_into_a_file_exits_3() {
    let dir = temp_dir("schemas-file");
    let file = dir.join("not-a-folder");
    std::fs::write(&file, "x").expect("write");
    let out = run(&["schemas", &file.to_string_lossy()]);
    assert_eq!(out.status, Some(3), "{}", out.stderr);
}

#[test]
fn fhir_prints_a_biologically_derived_product() {
    for path in PRODUCTS {
        let resource = json(&["fhir", &sample(path)]);
        assert_eq!(
            resource["resourceType"], "BiologicallyDerivedProduct",
            "{path}"
        );
    }
    let out = run_with(
        &["fhir", "-"],
        Some(r#"{"name": "X", "tissue": "bone_marrov"}"#),
    );
    assert_eq!(out.status, Some(2));
    assert!(out.stderr.contains("tissue"), "{}", out.stderr);
}

const STUDY: &str = "tests/data/ctgov/NCT05013879.json";

#[test]
fn ctgov_reads_a_study_record() {
    let record: Value =
        serde_json::from_str(&std::fs::read_to_string(sample(STUDY)).expect("record"))
            .expect("JSON");
    let protocol = &record["protocolSection"];
    let nct = protocol["identificationModule"]["nctId"]
        .as_str()
        .expect("id");
    let study = json(&["ctgov", "--json", &sample(STUDY)]);
    assert_eq!(study["nct_id"], nct);
    assert_eq!(study["status"], protocol["statusModule"]["overallStatus"]);

    let text = run(&["ctgov", &sample(STUDY)]);
    assert_eq!(text.status, Some(0), "{}", text.stderr);
    assert!(text.stdout.starts_with(nct), "{}", text.stdout);
    for condition in protocol["conditionsModule"]["conditions"]
        .as_array()
        .expect("conditions")
    {
        let condition = condition.as_str().expect("text");
        // Wrapping may break a long condition: compare its first word.
        let first = condition.split(' ').next().expect("a word");
        assert!(text.stdout.contains(first), "{condition}");
    }

    // A page of search results: every study, in order.
    let page = serde_json::json!({"studies": [record.clone(), record]}).to_string();
    let studies = run_with(&["ctgov", "--json", "-"], Some(&page));
    assert_eq!(studies.status, Some(0), "{}", studies.stderr);
    let studies: Value = serde_json::from_str(&studies.stdout).expect("JSON");
    assert_eq!(studies.as_array().map(Vec::len), Some(2));
}

#[test]
fn a_bad_study_record_exits_2_naming_the_field() {
    let mut record: Value =
        serde_json::from_str(&std::fs::read_to_string(sample(STUDY)).expect("record"))
            .expect("JSON");
    record["protocolSection"]["statusModule"]["overallStatus"] = Value::from("DONE");
    let out = run_with(&["ctgov", "-"], Some(&record.to_string()));
    assert_eq!(out.status, Some(2));
    assert!(
        out.stderr
            .contains("protocolSection.statusModule.overallStatus"),
        "{}",
        out.stderr
    );
    let truncated = run(&["ctgov", &sample("tests/data/ctgov/broken_truncated.json")]);
    assert_eq!(truncated.status, Some(2), "{}", truncated.stderr);
}

// ---------------------------------------------------------------------------------------------
// what-if
// ---------------------------------------------------------------------------------------------

/// The settling facts of every sample, as JSON: the subject follows the document's kind, and
/// each answer's headline is what `product` / `offer` give for the document with that answer
/// written in.
#[test]
fn what_if_gives_the_settling_facts_of_products_and_offers() {
    for (kind, paths) in [("product", &PRODUCTS), ("offer", &OFFERS)] {
        for path in paths {
            let facts = json(&["what-if", "--json", "--on", ON, &sample(path)]);
            assert_eq!(facts["subject"], kind, "{path}");
            let text = std::fs::read_to_string(sample(path)).expect("sample");
            let doc: Value = serde_json::from_str(&text).expect("JSON");
            let now = json(&[kind, "--json", "--on", ON, &sample(path)]);
            let headline = |result: &Value| -> Vec<Value> {
                if kind == "offer" {
                    vec![result["verdict"].clone()]
                } else {
                    vec![
                        result["us"]["classification"].clone(),
                        result["quality"]["verdict"].clone(),
                        result["eu"]["classification"].clone(),
                        result["jp"]["risk_class"].clone(),
                        result["jp"]["pmd_act"].clone(),
                    ]
                }
            };
            assert_eq!(
                facts["headline"].as_array().cloned().unwrap_or_default(),
                headline(&now),
                "{path}"
            );
            // The first answer of the first fact, written into the document, gives the
            // headline it claims (a fact's answers all set its path).
            let Some(answer) = facts["facts"][0]["answers"][0].as_object() else {
                continue;
            };
            let change = &answer["change"];
            assert_eq!(change["kind"], "set");
            let mut changed = doc.clone();
            let mut node = &mut changed;
            let path = change["path"].as_str().expect("a path");
            for key in path.split('.') {
                node = node
                    .as_object_mut()
                    .expect("the path runs through objects")
                    .entry(key)
                    .or_insert_with(|| serde_json::json!({}));
            }
            *node = change["value"].clone();
            let out = run_with(
                &[kind, "--json", "--on", ON, "-"],
                Some(&changed.to_string()),
            );
            assert_eq!(out.status, Some(0), "{}", out.stderr);
            let after: Value = serde_json::from_str(&out.stdout).expect("JSON");
            assert_eq!(
                answer["headline"].as_array().cloned().unwrap_or_default(),
                headline(&after),
                "{path}: {change}"
            );
        }
    }
}

/// FDA, "Regulatory Considerations for Human Cells, Tissues, and Cellular and Tissue-Based
/// Products: Minimal Manipulation and Homologous Use" (Nov 2017, rev. Jul 2020), example 19-4:
/// amniotic membrane over the eye surface as a covering is homologous use (a 361 HCT/P); the
/// same membrane injected into a joint is not. From the injected membrane, the search finds
/// the site of use as the change that makes it a 361 HCT/P again.
#[test]
fn what_if_target_finds_the_site_of_use_for_the_injected_amnion() {
    let injected = serde_json::json!({
        "name": "Amniotic membrane sheet",
        "tissue": "amniotic_membrane",
        "preparation": "tissue_sheet",
        "donor": "allogeneic_unrelated",
        "processing": {"steps": ["cryopreservation"], "added_articles": ["storage_agent"]},
        "intended_use": {"functions": ["covering"], "indications": [],
                         "site_of_use": "joint_space", "systemic_effect": false,
                         "depends_on_living_cells": false},
        "delivery": {"route": "intra_articular"}
    })
    .to_string();
    let out = run_with(
        &[
            "what-if",
            "--json",
            "--on",
            ON,
            "--target",
            "us:section_361_hctp",
            "-",
        ],
        Some(&injected),
    );
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    let changes: Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(changes["target"], "section_361_hctp");
    assert_eq!(changes["unreachable"], false);
    let sets = changes["sets"].as_array().expect("sets");
    assert!(
        sets.iter().any(|set| set["changes"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|c| c["path"] == "intended_use.site_of_use" && c["value"] == "eye_surface")),
        "{changes:#}"
    );
    // The bare code names the same target, and the text lists the change.
    let text = run_with(
        &["what-if", "--on", ON, "--target", "section_361_hctp", "-"],
        Some(&injected),
    );
    assert_eq!(text.status, Some(0), "{}", text.stderr);
    let flat = text.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("set intended_use.site_of_use = eye_surface"),
        "{}",
        text.stdout
    );
}

#[test]
fn what_if_target_for_an_offer_is_a_verdict() {
    // The strip-mall offer is a walk-away (the README's table); asking for good signs gives a
    // search result, with the verdict as it stands.
    let changes = json(&[
        "what-if",
        "--json",
        "--on",
        ON,
        "--target",
        "good_signs",
        &sample(OFFERS[0]),
    ]);
    assert_eq!(changes["target"], "good_signs");
    assert_eq!(changes["headline"][0], "walk_away");
    // An offer already at its target needs no change.
    let reached = json(&[
        "what-if",
        "--json",
        "--on",
        ON,
        "--target",
        "offer:good_signs",
        &sample(OFFERS[2]),
    ]);
    assert_eq!(reached["already_reached"], true);
    assert_eq!(reached["sets"], serde_json::json!([]));
}

#[test]
fn a_bad_what_if_target_exits_2_naming_the_option() {
    for (path, target, listed) in [
        (PRODUCTS[0], "us:section_362_hctp", "us:section_361_hctp"),
        // Several engines answer "undetermined": it must be qualified.
        (PRODUCTS[0], "undetermined", "quality:undetermined"),
        (PRODUCTS[0], "good_signs", "quality:pass"),
        (OFFERS[0], "pass", "good_signs"),
    ] {
        let out = run(&["what-if", "--on", ON, "--target", target, &sample(path)]);
        assert_eq!(out.status, Some(2), "{target}: {}", out.stdout);
        assert!(out.stderr.contains("--target"), "{}", out.stderr);
        assert!(out.stderr.contains(target), "{}", out.stderr);
        assert!(out.stderr.contains(listed), "{}", out.stderr);
        assert!(out.stdout.is_empty());
    }
    // A bad document names its field, as the other subcommands do.
    let out = run_with(
        &["what-if", "--on", ON, "-"],
        Some(r#"{"name": "X", "tissue": "bone_marow"}"#),
    );
    assert_eq!(out.status, Some(2));
    assert!(out.stderr.contains("tissue"), "{}", out.stderr);
}

// ---------------------------------------------------------------------------------------------
// Text for an 80-column terminal, with numbered notes
// ---------------------------------------------------------------------------------------------

/// Terminal columns of a line (a CJK character takes two).
fn columns(line: &str) -> usize {
    textwrap::core::display_width(line)
}

fn assert_fits(what: &str, text: &str) {
    for line in text.lines() {
        assert!(
            columns(line) <= 80,
            "{what}: {} columns: {line}",
            columns(line)
        );
    }
}

#[test]
fn text_output_fits_80_columns() {
    let mut runs: Vec<Vec<String>> = vec![vec!["offer".into()], vec!["--help".into()]];
    for path in OFFERS {
        runs.push(vec!["offer".into(), sample(path)]);
    }
    for path in PRODUCTS {
        runs.push(vec!["product".into(), sample(path)]);
    }
    runs.push(vec!["ctgov".into(), sample(STUDY)]);
    for path in PRODUCTS.iter().chain(&OFFERS) {
        runs.push(vec!["what-if".into(), sample(path)]);
    }
    runs.push(vec![
        "what-if".into(),
        sample(PRODUCTS[3]),
        "--target".into(),
        "quality:pass".into(),
    ]);
    for command in [
        "offer", "product", "jsonl", "schemas", "fhir", "ctgov", "what-if",
    ] {
        runs.push(vec![command.into(), "--help".into()]);
    }
    for args in runs {
        let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
        if !args.contains(&"--help") && args[0] != "ctgov" {
            args.extend(["--on", ON]);
        }
        let out = run(&args);
        assert_eq!(out.status, Some(0), "{args:?}: {}", out.stderr);
        assert!(out.stdout.lines().count() > 3, "{args:?}");
        assert_fits(&format!("{args:?}"), &out.stdout);
    }
}

/// The text before the notes, and the notes: number and (unwrapped) citation.
fn split_notes(text: &str) -> (&str, Vec<(usize, String)>) {
    let at = text
        .find("\nNotes (sources):\n")
        .expect("the text ends with its notes");
    let (body, notes) = text.split_at(at);
    let mut list: Vec<(usize, String)> = Vec::new();
    for line in notes.lines().skip(2) {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix('[') {
            let (number, citation) = rest.split_once(']').expect("[n] citation");
            list.push((
                number.parse().expect("a note number"),
                citation.trim().to_owned(),
            ));
        } else {
            let last = list.last_mut().expect("a continuation follows a note");
            last.1.push(' ');
            last.1.push_str(trimmed);
        }
    }
    (body, list)
}

/// Every `citation` of a JSON result.
fn citations(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("citation", Value::String(c)) => out.push(c.clone()),
                    _ => citations(value, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| citations(v, out)),
        _ => {}
    }
}

#[test]
fn citations_are_numbered_notes_at_the_end() {
    for (kind, path) in [
        ("offer", OFFERS[0]),
        ("offer", OFFERS[2]),
        ("product", PRODUCTS[1]),
    ] {
        let text = run(&[kind, "--on", ON, &sample(path)]).stdout;
        let (body, notes) = split_notes(&text);
        // Numbered 1, 2, 3 … in order, each citation once.
        let numbers: Vec<usize> = notes.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, (1..=notes.len()).collect::<Vec<_>>(), "{path}");
        let mut distinct: Vec<&String> = notes.iter().map(|(_, c)| c).collect();
        distinct.sort();
        distinct.dedup();
        assert_eq!(
            distinct.len(),
            notes.len(),
            "{path}: a citation listed twice"
        );
        // Every note is referred to in the text, and every reference has a note.
        for (n, _) in &notes {
            assert!(body.contains(&format!("[{n}]")), "{path}: note {n} unused");
        }
        assert!(!body.contains(&format!("[{}]", notes.len() + 1)), "{path}");

        // The notes are the citations the JSON result gives, no more (the texts the offer
        // text leaves out, such as not-applicable notes, may have fewer).
        let result = json(&[kind, "--json", "--on", ON, &sample(path)]);
        let mut cited = Vec::new();
        citations(&result, &mut cited);
        // Expectations are written as codes: their citations come from the library's table.
        for code in result["expectations"].as_array().into_iter().flatten() {
            let code = code.as_str().expect("an expectation code");
            let expectation: msc_therapy::engine::offer::Expectation =
                code.parse().expect("a known code");
            cited.push(expectation.info().citation.to_owned());
        }
        for (n, citation) in &notes {
            // A citation wrapped over lines reads back with single spaces.
            let normalized = |c: &str| c.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                cited.iter().any(|c| normalized(c) == *citation),
                "{path}: note {n} is not a citation of the result: {citation}"
            );
            // And citations are never inline: the body does not hold them.
            assert!(
                !body.replace('\n', " ").contains(citation.as_str()),
                "{path}: {citation}"
            );
        }
        // Each of the verdict's findings is cited (the first walk-away / ask-first finding).
        let key = if result["walk_away"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
        {
            "walk_away"
        } else if result["ask_first"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
        {
            "ask_first"
        } else {
            "good_signs"
        };
        if kind == "offer" {
            for finding in result[key].as_array().expect("findings") {
                let citation = finding["citation"].as_str().expect("citation");
                assert!(
                    notes.iter().any(|(_, c)| c == citation),
                    "{path}: {} is not in the notes",
                    finding["rule"]
                );
            }
        }
    }
}

/// `jsonl --parallel` (feature `parallel`) writes the same bytes, in the same order.
#[cfg(feature = "parallel")]
#[test]
fn jsonl_parallel_writes_what_the_serial_run_writes() {
    let input = lines_of(&PRODUCTS).repeat(50);
    let serial = run_with(&["jsonl", "--on", ON], Some(&input));
    let parallel = run_with(&["jsonl", "--parallel", "--on", ON], Some(&input));
    assert_eq!(serial.status, Some(0), "{}", serial.stderr);
    assert_eq!(parallel.status, Some(0), "{}", parallel.stderr);
    assert_eq!(serial.stdout.lines().count(), 200);
    assert_eq!(parallel.stdout, serial.stdout);
}
