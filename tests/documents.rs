//! Reading product documents: the sample documents of `examples/data/products/` parse and mean
//! what they say, and every broken document of `tests/data/broken/` fails with an error that names
//! the field, the problem and the place.
//!
//! Expected messages are written from the error definitions (`ValueError` in `src/error.rs`,
//! serde's and serde_json's wording for unknown fields, variants, missing fields and syntax), and
//! positions are counted by hand from the files.
#![cfg(feature = "json")]

use msc_therapy::vocab::{
    Donor, FdaTissueClass, IndicationCategory, ManipulationLevel, MarkerExpectation,
    ProcessingStep, ProductState, Route, SurfaceMarker, TissueSource, ViabilityTiming,
};
use msc_therapy::{DocumentErrorKind, Product};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[path = "common/samples.rs"]
mod samples;

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

/// The JSON files of `examples/data/<folder>/`, by file stem.
fn stems_on_disk(folder: &str) -> BTreeSet<String> {
    std::fs::read_dir(data_dir(&["examples", "data", folder]))
        .expect("the sample folder exists")
        .filter_map(|e| {
            let name = e
                .expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned();
            name.strip_suffix(".json").map(str::to_owned)
        })
        .collect()
}

#[test]
fn the_shared_sample_list_names_every_sample_file() {
    let listed = |samples: &[(&str, &str)]| -> BTreeSet<String> {
        samples.iter().map(|(name, _)| (*name).to_owned()).collect()
    };
    assert_eq!(stems_on_disk("products"), listed(samples::PRODUCTS));
    assert_eq!(stems_on_disk("offers"), listed(samples::OFFERS));
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
            // A kind of expectation this test does not know cannot count as met.
            _ => false,
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
    assert_eq!(
        dose.administrations.map(std::num::NonZeroU32::get),
        Some(2 * 4)
    );
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
        .filter(|v| v.timing == Some(ViabilityTiming::PostThaw))
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
    // Bedside concentration only: a step the SSP guidance does not name among rinsing,
    // cleansing, sizing and shaping, and that no court has held ends the exception (open).
    assert!(
        steps
            .iter()
            .all(|s| !s.info().keeps_same_surgical_procedure
                && !s.info().ends_same_surgical_procedure),
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
    assert_eq!(paths.len(), 14, "{paths:?}");
    for path in paths {
        let mut doc = original.clone();
        at_path(&mut doc, &path)["unexpected"] = serde_json::json!(1);
        let err = Product::from_json(&doc.to_string()).expect_err(&path);
        if path == "release.identity.markers" {
            // A map keyed by surface markers: the key is an unknown marker name.
            assert_eq!(err.path(), format!("{path}.unexpected"));
            assert_eq!(err.kind(), DocumentErrorKind::UnknownCode);
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
            assert_eq!(err.kind(), DocumentErrorKind::UnknownField);
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

fn check_broken(
    file: &str,
    kind: DocumentErrorKind,
    path: &str,
    message: &str,
    line: usize,
    column: usize,
) {
    let text = read(&data_dir(&["tests", "data", "broken", file]));
    let err = Product::from_json(&text).expect_err(file);
    assert_eq!(err.kind(), kind, "{file}: kind");
    let bytes = Product::from_slice(text.as_bytes()).expect_err(file);
    assert_eq!(bytes, err, "{file}: from_slice gives the same error");
    let read = Product::from_reader(text.as_bytes()).expect_err(file);
    assert_eq!(read, err, "{file}: from_reader gives the same error");
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
        "not_performed",
        "passage",
        "population_doublings",
        "passage_limit",
        "population_doubling_limit",
        "cfu_f_per_million",
        "potency",
        "lot",
        "certificate_issued",
    ]);
    check_broken(
        "unknown_field.json",
        DocumentErrorKind::UnknownField,
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
        DocumentErrorKind::InvalidValue,
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
        DocumentErrorKind::InvalidValue,
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
        DocumentErrorKind::UnknownCode,
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
        DocumentErrorKind::InvalidValue,
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
        DocumentErrorKind::InvalidValue,
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
        DocumentErrorKind::UnknownCode,
        "release.identity.markers.cd7e",
        &format!("unknown variant `cd7e`, expected one of {names}"),
        4,
        49,
    );
}

#[test]
fn passage_above_the_ceiling_is_rejected() {
    check_broken(
        "passage_101.json",
        DocumentErrorKind::InvalidValue,
        "release.passage",
        "passage number must be between 0 and 100, got 101",
        5,
        3,
    );
}

#[test]
fn document_without_a_name_is_rejected() {
    check_broken(
        "missing_name.json",
        DocumentErrorKind::MissingField,
        ".",
        "missing field `name`",
        3,
        1,
    );
}

#[test]
fn blank_name_is_rejected() {
    // The name is the document's last field: position of the closing brace.
    check_broken(
        "blank_name.json",
        DocumentErrorKind::InvalidValue,
        "name",
        "text must not be empty",
        3,
        1,
    );
}

#[test]
fn nan_is_not_json() {
    check_broken(
        "nan_viability.json",
        DocumentErrorKind::Syntax,
        "release.viability[0].percent",
        "expected value",
        4,
        31,
    );
}

#[test]
fn text_after_the_document_is_rejected() {
    check_broken(
        "trailing_characters.json",
        DocumentErrorKind::Syntax,
        ".",
        "trailing characters",
        3,
        2,
    );
}

#[test]
fn viability_must_be_a_list() {
    check_broken(
        "viability_not_a_list.json",
        DocumentErrorKind::WrongType,
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
        DocumentErrorKind::InvalidValue,
        "recipient.weight_kg",
        "body weight in kg must be greater than zero, got 0",
        3,
        31,
    );
}

#[test]
fn error_without_a_position_displays_path_and_message_only() {
    let err = msc_therapy::DocumentError::new(
        DocumentErrorKind::InvalidValue,
        "release.viability",
        "no figure",
    );
    assert_eq!(err.kind(), DocumentErrorKind::InvalidValue);
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
        DocumentErrorKind::DuplicateField,
        "release.identity.markers.cd73",
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

// ---------------------------------------------------------------------------------------------
// Error kinds, whole-document problems, objects only, input limits (issues #10 and #11)
// ---------------------------------------------------------------------------------------------

/// Parses `json` as a product and returns the error's kind, path and message.
fn failure(json: &str) -> (DocumentErrorKind, String, String) {
    let err = Product::from_json(json).expect_err(json);
    (err.kind(), err.path().to_owned(), err.message().to_owned())
}

#[test]
fn a_byte_order_mark_gets_its_own_message() {
    let expected = (
        DocumentErrorKind::Syntax,
        ".".to_owned(),
        "the document starts with a byte-order mark (U+FEFF), which JSON does not allow; save it \
         as UTF-8 without a BOM"
            .to_owned(),
    );
    assert_eq!(failure("\u{feff}{\"name\": \"X\"}"), expected);
    let err = Product::from_slice(b"\xEF\xBB\xBF{\"name\": \"X\"}").expect_err("BOM");
    assert_eq!(
        (err.kind(), err.path(), err.message()),
        (expected.0, ".", &*expected.2)
    );
    assert_eq!((err.line(), err.column()), (Some(1), Some(1)));
}

#[test]
fn whole_document_syntax_errors_have_the_path_dot() {
    // A trailing comma after the last member (RFC 8259 does not allow it).
    let err = Product::from_json("{\"name\": \"X\",}").expect_err("trailing comma");
    assert_eq!(err.to_string(), ".: trailing comma at line 1 column 14");
    assert_eq!(err.kind(), DocumentErrorKind::Syntax);
    // A comment: JSON has none.
    let err = Product::from_json("// lot 7\n{\"name\": \"X\"}").expect_err("comment");
    assert_eq!(err.to_string(), ".: expected value at line 1 column 1");
    assert_eq!(err.kind(), DocumentErrorKind::Syntax);
    // An empty document.
    assert_eq!(failure("").0, DocumentErrorKind::Syntax);
}

#[test]
fn a_syntax_error_inside_a_field_names_the_field() {
    let err = Product::from_json(r#"{"name": "X", "release": {"state": "fresh",}}"#)
        .expect_err("trailing comma in release");
    assert_eq!(err.kind(), DocumentErrorKind::Syntax);
    assert_eq!(err.path(), "release");
    assert_eq!(err.message(), "trailing comma");
}

#[test]
fn a_duplicate_field_is_named_by_its_own_path() {
    assert_eq!(
        failure(r#"{"name": "X", "name": "Y"}"#),
        (
            DocumentErrorKind::DuplicateField,
            "name".to_owned(),
            "duplicate field `name`".to_owned()
        )
    );
    assert_eq!(
        failure(r#"{"name": "X", "delivery": {"route": "intravenous", "route": "intrathecal"}}"#),
        (
            DocumentErrorKind::DuplicateField,
            "delivery.route".to_owned(),
            "duplicate field `route`".to_owned()
        )
    );
}

#[test]
fn a_number_where_a_code_belongs_is_a_wrong_type() {
    assert_eq!(
        failure(r#"{"name": "X", "tissue": 5}"#),
        (
            DocumentErrorKind::WrongType,
            "tissue".to_owned(),
            "invalid type: integer `5`, expected enum TissueSource".to_owned()
        )
    );
}

#[test]
fn an_unknown_code_is_its_own_kind() {
    let (kind, path, message) = failure(r#"{"name": "X", "tissue": "bone_marow"}"#);
    assert_eq!(
        (kind, path.as_str()),
        (DocumentErrorKind::UnknownCode, "tissue")
    );
    assert!(message.starts_with("unknown variant `bone_marow`, expected one of `"));
}

#[test]
fn documents_are_objects_not_arrays() {
    // serde's derive also reads a struct from an array of its fields in order; the schemas say
    // `"type": "object"`, and so does the parser.
    let product = (
        DocumentErrorKind::WrongType,
        ".".to_owned(),
        "invalid type: sequence, expected struct Product".to_owned(),
    );
    assert_eq!(failure(r#"["Array product"]"#), product);
    assert_eq!(failure("[1,2,3]"), product);
    assert_eq!(
        failure(r#"{"name": "X", "delivery": ["intravenous"]}"#),
        (
            DocumentErrorKind::WrongType,
            "delivery".to_owned(),
            "invalid type: sequence, expected struct Delivery".to_owned()
        )
    );
    assert_eq!(
        failure(r#"{"name": "X", "release": {"viability": [[90, "post_thaw"]]}}"#),
        (
            DocumentErrorKind::WrongType,
            "release.viability[0]".to_owned(),
            "invalid type: sequence, expected struct Viability".to_owned()
        )
    );
}

#[test]
fn a_value_outside_its_domain_has_the_value_error_as_source() {
    use std::error::Error as _;
    let text = read(&data_dir(&[
        "tests",
        "data",
        "broken",
        "viability_140.json",
    ]));
    let err = Product::from_json(&text).expect_err("140 %");
    assert_eq!(err.kind(), DocumentErrorKind::InvalidValue);
    let source = err.value_error().expect("a value error");
    assert!(matches!(
        source,
        msc_therapy::document::ValueError::OutOfRange {
            what: "percentage",
            ..
        }
    ));
    assert_eq!(
        err.source().map(ToString::to_string).as_deref(),
        Some("percentage must be between 0 and 100, got 140")
    );
    // serde's own range check (a count above u32) is an invalid value with no crate source.
    let err = Product::from_json(r#"{"name": "X", "dose": {"administrations": 1099511627776}}"#)
        .expect_err("2^40");
    assert_eq!(err.kind(), DocumentErrorKind::InvalidValue);
    assert_eq!(err.path(), "dose.administrations");
    assert_eq!(
        err.message(),
        "invalid value: integer `1099511627776`, expected a nonzero u32"
    );
    assert!(err.source().is_none());
}

#[test]
fn whole_numbers_written_with_a_decimal_point_are_integers() {
    // JSON Schema counts 3.0 as an integer; so does the parser.
    let p = Product::from_json(
        r#"{"name": "X", "dose": {"administrations": 8.0}, "release": {"passage": 3.0, "passage_limit": 5e0}}"#,
    )
    .expect("whole numbers");
    assert_eq!(
        p.dose
            .and_then(|d| d.administrations)
            .map(std::num::NonZeroU32::get),
        Some(8)
    );
    let release = p.release.expect("release");
    assert_eq!(release.passage.map(|p| p.get()), Some(3));
    assert_eq!(release.passage_limit.map(|p| p.get()), Some(5));
    assert_eq!(
        failure(r#"{"name": "X", "release": {"passage": 3.5}}"#),
        (
            DocumentErrorKind::WrongType,
            "release.passage".to_owned(),
            "invalid type: floating point `3.5`, expected u32".to_owned()
        )
    );
}

#[test]
fn a_list_longer_than_the_limit_is_too_large() {
    let entry = r#"{"percent": 90, "timing": "post_thaw"}"#;
    let list = |n: usize| vec![entry; n].join(",");
    let at_limit = format!(
        r#"{{"name": "X", "release": {{"viability": [{}]}}}}"#,
        list(msc_therapy::document::MAX_LIST_LEN)
    );
    let p = Product::from_json(&at_limit).expect("10 000 entries are accepted");
    assert_eq!(p.release.expect("release").viability.len(), 10_000);
    let over = format!(
        r#"{{"name": "X", "release": {{"viability": [{}]}}}}"#,
        list(msc_therapy::document::MAX_LIST_LEN + 1)
    );
    assert_eq!(
        failure(&over),
        (
            DocumentErrorKind::TooLarge,
            "release.viability".to_owned(),
            "holds more than 10000 entries, the most a document accepts".to_owned()
        )
    );
}

#[test]
fn a_string_longer_than_the_limit_is_too_large_and_not_echoed() {
    let name = "x".repeat(msc_therapy::document::MAX_STRING_BYTES + 1);
    let err = Product::from_json(&format!(r#"{{"name": "{name}"}}"#)).expect_err("long name");
    assert_eq!(err.kind(), DocumentErrorKind::TooLarge);
    assert_eq!(err.path(), "name");
    assert_eq!(
        err.message(),
        "a string of 1048577 bytes is longer than 1048576 bytes (1 MiB), the most a document accepts"
    );
    let at_limit = "x".repeat(msc_therapy::document::MAX_STRING_BYTES);
    assert!(Product::from_json(&format!(r#"{{"name": "{at_limit}"}}"#)).is_ok());
}

#[test]
fn error_messages_repeat_only_a_short_prefix_of_a_bad_value() {
    let long = "bone_marrow_".repeat(100);
    let err = Product::from_json(&format!(r#"{{"name": "X", "tissue": "{long}"}}"#))
        .expect_err("long code");
    let shown = format!("`{}…`", &long[..32]);
    assert!(
        err.message()
            .starts_with(&format!("unknown variant {shown}, expected one of `"))
    );
    assert!(!err.message().contains(&long[..41]));
    let err = Product::from_json(&format!(r#"{{"name": "X", "{long}": 1}}"#)).expect_err("field");
    assert_eq!(err.path(), format!("{}…", &long[..32]));
    assert!(
        err.message()
            .starts_with(&format!("unknown field {shown}, expected one of `"))
    );
    let date = format!("2024-{}", "1".repeat(200));
    let err = Product::from_json(&format!(
        r#"{{"name": "X", "release": {{"certificate": {{"lot": "L", "issued_on": "{date}"}}}}}}"#
    ))
    .expect_err("date");
    assert_eq!(
        err.message(),
        format!(
            "date must be a calendar date written YYYY-MM-DD, got \"{}…\"",
            &date[..32]
        )
    );
}

#[test]
fn percentages_read_back_exactly() {
    // serde_json's `float_roundtrip`: a value written and read back is the same `f64`.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..2000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        #[allow(clippy::cast_precision_loss)]
        let percent = (x >> 11) as f64 / (1u64 << 53) as f64 * 100.0;
        let json = format!(
            r#"{{"name": "X", "release": {{"viability": [{{"percent": {}, "timing": "post_thaw"}}]}}}}"#,
            serde_json::to_string(&percent).expect("a number")
        );
        let p = Product::from_json(&json).expect("valid");
        let read = p.release.expect("release").viability[0].percent.get();
        assert_eq!(read.to_bits(), percent.to_bits(), "{percent}");
    }
}

// ---------------------------------------------------------------------------------------------
// Builders (issue #11, item 4)
// ---------------------------------------------------------------------------------------------

/// The Ryoncil-modelled sample lot, built in Rust with the builders: one `?` for the whole lot.
fn cultured_bone_marrow_lot() -> Result<Product, msc_therapy::DocumentError> {
    use SurfaceMarker::*;
    use msc_therapy::document::{
        Certificate, Delivery, Dose, IntendedUse, Processing, ReleaseData,
    };
    use msc_therapy::vocab::{
        AddedArticle, CellPreparation, Indication, Mechanism, MscDesignation, SecretedFactor,
        SupplyModel, TestOutcome, TissueFunction, ViabilityMethod,
    };
    let mut release = ReleaseData::builder()
        .certificate(
            Certificate::builder("BM-MSC-25-0142")
                .issuer("Illustrative cGMP cell-processing facility")
                .issued_on("2025-03-14")
                .expires_on("2027-03-13"),
        )
        .state(ProductState::Cryopreserved)
        .viable_nucleated_cells(4.0e7)
        .total_nucleated_cells(45_000_000_u64)
        .viability_by(
            95.1,
            ViabilityTiming::BeforeFreezing,
            ViabilityMethod::FlowCytometry,
        )
        .viability_by(
            88.9,
            ViabilityTiming::PostThaw,
            ViabilityMethod::FlowCytometry,
        );
    for (marker, percent) in [
        (Cd73, 99.2),
        (Cd90, 98.7),
        (Cd105, 97.9),
        (Cd45, 0.3),
        (Cd34, 0.2),
        (Cd14, 0.4),
        (Cd19, 0.1),
        (HlaDr, 0.6),
    ] {
        release = release.marker(marker, percent);
    }
    let release = release
        .plastic_adherent(true)
        .trilineage_differentiation(true)
        .sterility(TestOutcome::Negative)
        .mycoplasma(TestOutcome::Negative)
        .endotoxin_eu_per_ml(0.25)
        .endotoxin_limit_eu_per_ml(0.5)
        .passage(4_u32)
        .population_doublings(16.5)
        .passage_limit(5_u32)
        .population_doubling_limit(25.0)
        .potency("inhibition of PHA-induced PBMC proliferation", true);
    let mut manufacturing = msc_therapy::document::Manufacturing::default();
    manufacturing.donor_eligibility_determined = Some(true);
    manufacturing.aseptic_process_validated = Some(true);
    manufacturing.research_grade_reagents_used = Some(false);
    manufacturing.sterility_failures_investigated = Some(true);
    manufacturing.expiry_supported_by_stability_data = Some(true);
    manufacturing.distributed_before_release_results = Some(false);
    Product::builder("Culture-expanded allogeneic bone-marrow MSCs for steroid-refractory acute GvHD")
        .description(
            "Illustrative lot record modelled on the US label of Ryoncil (remestemcel-L-rknd, approved 18 Dec 2024): allogeneic bone-marrow mesenchymal stromal cells from healthy adult donors, culture-expanded, cryopreserved in a DMSO-containing medium and given intravenously at 2 x 10^6 MSC/kg twice a week for 4 weeks (8 infusions) to children with steroid-refractory acute graft-versus-host disease. The dose follows the label; the release figures, and the manufacturing record (what a licensed lot must show: donor eligibility determined, a validated aseptic process, no research-grade reagents, sterility failures investigated, an expiry date backed by stability data, release only after the results), are illustrative, not the manufacturer's.",
        )
        .preparation(CellPreparation::CultureExpandedMsc)
        .designation(MscDesignation::MesenchymalStromalCell)
        .tissue(TissueSource::BoneMarrow)
        .donor(Donor::AllogeneicUnrelated)
        .supply(SupplyModel::OffTheShelf)
        .processing(
            Processing::of_steps([ProcessingStep::CultureExpansion, ProcessingStep::Cryopreservation])
                .with_added_articles([AddedArticle::StorageAgent, AddedArticle::Crystalloid])
                .with_same_surgical_procedure(false),
        )
        .intended_use(
            IntendedUse::new()
                .with_functions([TissueFunction::Immunomodulation])
                .with_indications([Indication::GraftVersusHostDisease])
                .with_systemic_effect(true)
                .with_dependence_on_living_cells(true),
        )
        .delivery(Delivery::new(Route::Intravenous))
        .mechanisms([Mechanism::Immunomodulation, Mechanism::ParacrineSignalling])
        .secreted_factors([SecretedFactor::Pge2, SecretedFactor::Ido, SecretedFactor::TgfBeta])
        .dose(
            Dose::builder()
                .viable_cells(4.0e7)
                .cells_per_kg(2.0e6)
                .volume_ml(6.0)
                .administrations(8),
        )
        .recipient_weight_kg(20.0)
        .release(release)
        .manufacturing(manufacturing)
        .build()
}

#[test]
fn a_lot_built_with_the_builders_is_the_same_lot_as_its_json() {
    let built = cultured_bone_marrow_lot().expect("every value is valid");
    assert_eq!(built, sample("cultured_bone_marrow_msc.json"));
}

#[test]
fn builder_errors_have_the_path_and_kind_of_the_json_error() {
    use msc_therapy::ClinicOffer;
    use msc_therapy::document::{Certificate, Dose, ReleaseData};
    use msc_therapy::vocab::Indication;
    let from_json = Product::from_json(
        r#"{"name": "X", "release": {"viability": [{"percent": 90, "timing": "post_thaw"}, {"percent": 140, "timing": "post_thaw"}]}}"#,
    )
    .expect_err("140 %");
    let built = Product::builder("X")
        .release(
            ReleaseData::builder()
                .viability(90.0, ViabilityTiming::PostThaw)
                .viability(140.0, ViabilityTiming::PostThaw),
        )
        .build()
        .expect_err("140 %");
    assert_eq!(
        (built.kind(), built.path(), built.message()),
        (from_json.kind(), from_json.path(), from_json.message())
    );
    assert_eq!(built.path(), "release.viability[1].percent");
    assert!(built.value_error().is_some());

    // A marker given twice, a blank name, a bad date under the certificate, an offer's product.
    let twice = Product::builder("X")
        .release(
            ReleaseData::builder()
                .marker(SurfaceMarker::Cd73, 99.0)
                .marker(SurfaceMarker::Cd73, 12.0),
        )
        .build()
        .expect_err("twice");
    assert_eq!(
        (twice.kind(), twice.path(), twice.message()),
        (
            DocumentErrorKind::DuplicateField,
            "release.identity.markers.cd73",
            "identity panel lists cd73 more than once"
        )
    );
    let blank = Product::builder("\u{200B}").build().expect_err("blank");
    assert_eq!(blank.to_string(), "name: text must not be empty");
    let date = Product::builder("X")
        .release(
            ReleaseData::builder().certificate(Certificate::builder("L").issued_on("2023-02-29")),
        )
        .build()
        .expect_err("date");
    assert_eq!(date.path(), "release.certificate.issued_on");
    let dose = Product::builder("X")
        .dose(Dose::builder().viable_cells(1.5))
        .build()
        .expect_err("fraction");
    assert_eq!(
        dose.to_string(),
        "dose.viable_cells: cell count must be a whole number, got 1.5"
    );
    let offer = ClinicOffer::builder(
        Product::builder("X").recipient_weight_kg(0.0),
        Indication::KneeOsteoarthritis,
    )
    .build()
    .expect_err("weight");
    assert_eq!(offer.path(), "product.recipient.weight_kg");
    // The first problem wins.
    let first = Product::builder("")
        .recipient_weight_kg(0.0)
        .build()
        .expect_err("two problems");
    assert_eq!(first.path(), "name");
}

#[test]
fn an_identity_panel_rejects_a_marker_given_twice() {
    use msc_therapy::document::{IdentityPanel, ValueError};
    use msc_therapy::vocab::Percent;
    let p = |v: f64| Percent::new(v).expect("a percentage");
    let panel = IdentityPanel::try_from(vec![
        (SurfaceMarker::Cd73, p(99.0)),
        (SurfaceMarker::Cd90, p(98.0)),
    ])
    .expect("distinct markers");
    assert_eq!(panel.markers.len(), 2);
    let twice = IdentityPanel::try_from([
        (SurfaceMarker::Cd73, p(99.0)),
        (SurfaceMarker::Cd73, p(1.0)),
    ]);
    assert_eq!(
        twice,
        Err(ValueError::Duplicate {
            what: "identity panel",
            key: "cd73".to_owned()
        })
    );
    let mut panel = panel;
    assert!(panel.insert_marker(SurfaceMarker::Cd90, p(1.0)).is_err());
    assert_eq!(panel.markers[&SurfaceMarker::Cd90], p(98.0), "unchanged");
}
