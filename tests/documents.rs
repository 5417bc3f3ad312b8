//! Reading product documents: the sample documents of `examples/data/products/` parse and mean
//! what they say, and every broken document of `tests/data/broken/` fails with an error that names
//! the field, the problem and the place.
//!
//! Expected messages are written from the error definitions (`ValueError` in `src/error.rs`,
//! serde's and serde_json's wording for unknown fields, variants, missing fields and syntax), and
//! positions are counted by hand from the files.
#![cfg(feature = "json")]

use msc_therapy::strum::IntoEnumIterator;
use msc_therapy::{
    Donor, FdaTissueClass, IndicationCategory, ManipulationLevel, MarkerExpectation,
    ProcessingStep, Product, ProductState, Route, SurfaceMarker, TissueSource, ViabilityTiming,
};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn data_dir(parts: &[&str]) -> PathBuf {
    let mut dir = Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf();
    for part in parts {
        dir.push(part);
    }
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn sample(name: &str) -> Product {
    let path = data_dir(&["examples", "data", "products", name]);
    Product::from_json(&read(&path)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// `` `a`, `b`, `c` `` as serde lists the names it expected.
fn one_of<I: IntoIterator<Item = S>, S: AsRef<str>>(names: I) -> String {
    names
        .into_iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------------------------
// Sample documents
// ---------------------------------------------------------------------------------------------

const SAMPLES: &[&str] = &[
    "cultured_bone_marrow_msc.json",
    "same_day_bmac.json",
    "umbilical_off_the_shelf.json",
    "adipose_svf.json",
];

#[test]
fn every_sample_file_is_listed_here() {
    let dir = data_dir(&["examples", "data", "products"]);
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .expect("examples/data/products exists")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".json"))
        .collect();
    let listed: BTreeSet<String> = SAMPLES.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(on_disk, listed);
}

#[test]
fn samples_survive_a_serde_round_trip() {
    for name in SAMPLES {
        let product = sample(name);
        let json = serde_json::to_string_pretty(&product).expect("a product serializes");
        let again = Product::from_json(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(again, product, "{name}");
    }
}

/// The ISCT 2006 panel: positive markers ≥ 95 %, negative markers ≤ 2 %, where one marker of an
/// "or" pair (CD14/CD11b, CD79a/CD19) suffices.
fn meets_isct_panel(product: &Product) -> bool {
    let Some(identity) = product.release.as_ref().and_then(|r| r.identity.as_ref()) else {
        return false;
    };
    SurfaceMarker::iter().all(|marker| {
        let info = marker.info();
        let value = identity.markers.get(&marker).map(|p| p.get());
        match info.expectation {
            MarkerExpectation::Positive => value.is_some_and(|v| v >= 95.0),
            MarkerExpectation::Negative => {
                let ok = |v: Option<f64>| v.is_some_and(|v| v <= 2.0);
                ok(value)
                    || info
                        .alternative
                        .is_some_and(|alt| ok(identity.markers.get(&alt).map(|p| p.get())))
            }
            MarkerExpectation::Informative => true,
        }
    })
}

#[test]
fn cultured_bone_marrow_sample_follows_the_ryoncil_label() {
    let p = sample("cultured_bone_marrow_msc.json");
    assert_eq!(p.tissue, Some(TissueSource::BoneMarrow));
    assert_eq!(p.donor, Some(Donor::AllogeneicUnrelated));
    assert_eq!(p.delivery.map(|d| d.route), Some(Route::Intravenous));
    let dose = p.dose.expect("dose");
    // Label: 2 × 10^6 MSC/kg per infusion, twice a week for 4 weeks = 8 infusions.
    assert_eq!(dose.cells_per_kg.map(|c| c.get()), Some(2e6));
    assert_eq!(dose.administrations, Some(2 * 4));
    let weight = p.recipient.and_then(|r| r.weight_kg).expect("weight").get();
    assert_eq!(
        dose.viable_cells.map(|c| c.as_f64()),
        Some(2e6 * weight),
        "the absolute dose is the per-kg dose times the body weight"
    );
    let steps = p
        .processing
        .as_ref()
        .and_then(|p| p.steps_known())
        .expect("steps");
    assert!(steps.contains(&ProcessingStep::CultureExpansion));
    let release = p.release.as_ref().expect("release");
    assert_eq!(release.state, Some(ProductState::Cryopreserved));
    // The figure that counts for a frozen product is the post-thaw one, not the higher pre-freeze one.
    let post_thaw: Vec<f64> = release
        .viability
        .iter()
        .filter(|v| v.timing == ViabilityTiming::PostThaw)
        .map(|v| v.percent.get())
        .collect();
    assert_eq!(post_thaw.len(), 1);
    assert_eq!(
        release.applicable_viability().map(|v| v.get()),
        post_thaw.first().copied()
    );
    assert!(
        meets_isct_panel(&p),
        "a full ISCT panel within Dominici's limits"
    );
}

#[test]
fn same_day_bmac_sample_is_autologous_centrifugation_in_one_procedure() {
    let p = sample("same_day_bmac.json");
    assert_eq!(p.donor, Some(Donor::Autologous));
    let processing = p.processing.as_ref().expect("processing");
    assert_eq!(processing.same_surgical_procedure, Some(true));
    let steps = processing.steps_known().expect("steps");
    assert!(!steps.is_empty());
    assert!(
        steps.iter().all(|s| s.info().keeps_same_surgical_procedure),
        "bedside concentration only"
    );
    let delivery = p.delivery.expect("delivery");
    assert!(delivery.route.info().orthopaedic);
    assert!(delivery.guidance.is_some_and(|g| g.is_imaging()));
    // Berger et al. 2021: autologous BMAC comparators > 95 % viable, > 300 million living cells.
    let release = p.release.as_ref().expect("release");
    assert!(release.viable_nucleated_cells.expect("count").get() > 300_000_000);
    assert!(release.applicable_viability().expect("viability").get() > 95.0);
    assert!(!meets_isct_panel(&p), "no identity testing at the bedside");
}

#[test]
fn umbilical_sample_has_thin_data_and_many_claims() {
    let p = sample("umbilical_off_the_shelf.json");
    let tissue = p.tissue.expect("tissue");
    assert!(tissue.info().perinatal);
    assert_eq!(tissue.info().fda_class, Some(FdaTissueClass::Structural));
    assert_eq!(p.donor, Some(Donor::AllogeneicUnrelated));
    let release = p.release.as_ref().expect("release");
    assert_eq!(release.state, Some(ProductState::Cryopreserved));
    assert!(
        !release.viability.is_empty(),
        "a pre-freeze figure is given"
    );
    assert_eq!(
        release.applicable_viability(),
        None,
        "a frozen product with no post-thaw figure has no applicable viability"
    );
    assert!(release.viable_nucleated_cells.is_none());
    assert!(release.cfu_f_per_million.is_none());
    let categories: BTreeSet<IndicationCategory> = p
        .intended_use
        .as_ref()
        .expect("intended use")
        .indications_known()
        .expect("indications")
        .iter()
        .map(|i| i.info().category)
        .collect();
    assert!(
        categories.len() >= 4,
        "claims across many unrelated families of disease: {categories:?}"
    );
}

#[test]
fn adipose_svf_sample_uses_enzymatic_digestion_on_structural_tissue() {
    let p = sample("adipose_svf.json");
    let class = p.tissue.and_then(|t| t.info().fda_class);
    assert_eq!(class, Some(FdaTissueClass::Structural));
    let processing = p.processing.as_ref().expect("processing");
    assert!(
        processing
            .steps_known()
            .expect("steps")
            .contains(&ProcessingStep::EnzymaticDigestion)
    );
    assert_eq!(
        ProcessingStep::EnzymaticDigestion.level_for(FdaTissueClass::Structural),
        ManipulationLevel::MoreThanMinimal
    );
    assert_eq!(processing.same_surgical_procedure, Some(true));
    assert_eq!(p.donor, Some(Donor::Autologous));
}

/// Every object in `value` with its path as `DocumentError::path` writes it.
fn objects(value: &serde_json::Value, path: &str, found: &mut Vec<String>) {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match value {
        serde_json::Value::Object(map) => {
            found.push(path.to_owned());
            for (key, child) in map {
                objects(child, &join(key), found);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                objects(item, &format!("{path}[{i}]"), found);
            }
        }
        _ => {}
    }
}

/// The value at a path made by [`objects`].
fn at_path<'a>(root: &'a mut serde_json::Value, path: &str) -> &'a mut serde_json::Value {
    let mut node = root;
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, index) = match part.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        node = &mut node[key];
        if let Some(i) = index {
            node = &mut node[i];
        }
    }
    node
}

#[test]
fn unknown_fields_are_rejected_at_every_level() {
    // The Ryoncil-modelled sample holds every input struct of the product document once.
    let text = read(&data_dir(&[
        "examples",
        "data",
        "products",
        "cultured_bone_marrow_msc.json",
    ]));
    let original: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let mut paths = Vec::new();
    objects(&original, "", &mut paths);
    assert_eq!(paths.len(), 13, "{paths:?}");
    for path in paths {
        let mut doc = original.clone();
        at_path(&mut doc, &path)["unexpected"] = serde_json::json!(1);
        let err = Product::from_json(&doc.to_string()).expect_err(&path);
        if path == "release.identity.markers" {
            // A map keyed by surface markers: the key is an unknown marker name.
            assert_eq!(err.path(), path);
            assert!(
                err.message().starts_with("unknown variant `unexpected`"),
                "{err}"
            );
        } else {
            let expected_path = if path.is_empty() {
                "unexpected".to_owned()
            } else {
                format!("{path}.unexpected")
            };
            assert_eq!(err.path(), expected_path);
            assert!(
                err.message()
                    .starts_with("unknown field `unexpected`, expected "),
                "{err}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Broken documents
// ---------------------------------------------------------------------------------------------

/// Every broken document, with the error it must give: path, message, line, column.
const BROKEN: &[&str] = &[
    "unknown_field.json",
    "viability_140.json",
    "negative_cell_count.json",
    "wrong_enum_name.json",
    "fractional_cell_count.json",
    "invalid_date.json",
    "unknown_marker.json",
    "passage_101.json",
    "missing_name.json",
    "blank_name.json",
    "nan_viability.json",
    "trailing_characters.json",
    "viability_not_a_list.json",
    "zero_body_weight.json",
    "duplicate_marker.json",
];

#[test]
fn every_broken_file_has_a_test() {
    let dir = data_dir(&["tests", "data", "broken"]);
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .expect("tests/data/broken exists")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let listed: BTreeSet<String> = BROKEN.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(on_disk, listed);
}

fn check_broken(file: &str, path: &str, message: &str, line: usize, column: usize) {
    let text = read(&data_dir(&["tests", "data", "broken", file]));
    let err = Product::from_json(&text).expect_err(file);
    assert_eq!(err.path(), path, "{file}: path");
    assert_eq!(err.message(), message, "{file}: message");
    assert_eq!(
        (err.line(), err.column()),
        (Some(line), Some(column)),
        "{file}: position"
    );
    assert_eq!(
        err.to_string(),
        format!("{path}: {message} at line {line} column {column}"),
        "{file}: Display"
    );
}

#[test]
fn misspelt_field_is_rejected_and_named() {
    // Field names of `ReleaseData`, in declaration order.
    let fields = one_of([
        "certificate",
        "state",
        "viable_nucleated_cells",
        "total_nucleated_cells",
        "viability",
        "identity",
        "sterility",
        "mycoplasma",
        "endotoxin_eu_per_ml",
        "endotoxin_limit_eu_per_ml",
        "passage",
        "population_doublings",
        "passage_limit",
        "population_doubling_limit",
        "cfu_f_per_million",
        "potency",
    ]);
    check_broken(
        "unknown_field.json",
        "release.viabilty",
        &format!("unknown field `viabilty`, expected one of {fields}"),
        4,
        14,
    );
}

#[test]
fn viability_of_140_percent_is_rejected() {
    check_broken(
        "viability_140.json",
        "release.viability[0].percent",
        "percentage must be between 0 and 100, got 140",
        4,
        33,
    );
}

#[test]
fn negative_cell_count_is_rejected() {
    check_broken(
        "negative_cell_count.json",
        "release.viable_nucleated_cells",
        "cell count must be greater than zero, got -5000000",
        // The count is the last field of `release`: the parser stops at its closing brace.
        5,
        3,
    );
}

#[test]
fn tissue_name_outside_the_vocabulary_is_rejected_with_the_valid_names() {
    let names = one_of(TissueSource::iter().map(|t| t.code()));
    assert!(names.contains("`whartons_jelly`"));
    check_broken(
        "wrong_enum_name.json",
        "tissue",
        &format!("unknown variant `wharton_jelly`, expected one of {names}"),
        3,
        27,
    );
}

#[test]
fn fractional_cell_count_is_rejected() {
    check_broken(
        "fractional_cell_count.json",
        "dose.viable_cells",
        "cell count must be a whole number, got 1500000.5",
        // Last field of `dose`: position of the object's closing brace.
        5,
        3,
    );
}

#[test]
fn date_that_does_not_exist_is_rejected() {
    check_broken(
        "invalid_date.json",
        "release.certificate.issued_on",
        "date must be a calendar date written YYYY-MM-DD, got \"2025-02-29\"",
        // Last field of `certificate`: position of its closing brace on the same line.
        4,
        60,
    );
}

#[test]
fn unknown_surface_marker_key_is_rejected_with_the_valid_names() {
    let names = one_of(SurfaceMarker::iter().map(|m| m.code()));
    check_broken(
        "unknown_marker.json",
        "release.identity.markers",
        &format!("unknown variant `cd7e`, expected one of {names}"),
        4,
        49,
    );
}

#[test]
fn passage_above_the_ceiling_is_rejected() {
    check_broken(
        "passage_101.json",
        "release.passage",
        "passage number must be between 0 and 100, got 101",
        5,
        3,
    );
}

#[test]
fn document_without_a_name_is_rejected() {
    check_broken("missing_name.json", ".", "missing field `name`", 3, 1);
}

#[test]
fn blank_name_is_rejected() {
    // The name is the document's last field: position of the closing brace.
    check_broken("blank_name.json", "name", "text must not be empty", 3, 1);
}

#[test]
fn nan_is_not_json() {
    check_broken(
        "nan_viability.json",
        "release.viability[0].percent",
        "expected value",
        4,
        31,
    );
}

#[test]
fn text_after_the_document_is_rejected() {
    check_broken("trailing_characters.json", ".", "trailing characters", 3, 2);
}

#[test]
fn viability_must_be_a_list() {
    check_broken(
        "viability_not_a_list.json",
        "release.viability",
        "invalid type: map, expected a sequence",
        4,
        17,
    );
}

#[test]
fn zero_body_weight_is_rejected() {
    check_broken(
        "zero_body_weight.json",
        "recipient.weight_kg",
        "body weight in kg must be greater than zero, got 0",
        3,
        31,
    );
}

#[test]
fn error_without_a_position_displays_path_and_message_only() {
    let err = msc_therapy::DocumentError::new("release.viability", "no figure");
    assert_eq!(err.to_string(), "release.viability: no figure");
    assert_eq!((err.line(), err.column()), (None, None));
    let located = err.at_position(3, 7);
    assert_eq!(
        located.to_string(),
        "release.viability: no figure at line 3 column 7"
    );
}

#[test]
fn marker_listed_twice_is_rejected_not_overwritten() {
    check_broken(
        "duplicate_marker.json",
        "release.identity.markers",
        "identity panel lists cd73 more than once",
        4,
        55,
    );
}

#[test]
fn empty_and_non_object_documents_are_rejected() {
    let err = Product::from_json("").expect_err("empty");
    assert_eq!(
        err.to_string(),
        ".: EOF while parsing a value at line 1 column 0"
    );
    let err = Product::from_json("\"Ryoncil\"").expect_err("a string");
    assert_eq!(err.path(), ".");
    assert_eq!(
        err.message(),
        "invalid type: string \"Ryoncil\", expected struct Product"
    );
}
