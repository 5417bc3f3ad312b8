//! What would change the verdict (issue #22), from FDA's "Regulatory Considerations for Human
//! Cells, Tissues, and Cellular and Tissue-Based Products: Minimal Manipulation and Homologous
//! Use" (FDA, Nov 2017, rev. Jul 2020) worked examples, and a truthfulness check over every
//! answer for the bundled samples.

use msc_therapy::what_if::{
    ChangeSet, ProductTarget, settling_facts, settling_offer_facts, smallest_changes,
    smallest_offer_changes,
};
use msc_therapy::{
    ClinicOffer, PatientVerdict, Product, QualityPolicy, QualityVerdict, Report, UsClassification,
    assess_product, assess_quality, classify_us, evaluate_offer,
};
use serde_json::{Value, json};

const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);

fn parse(doc: &Value) -> Product {
    Product::from_json(&doc.to_string()).expect("test document parses")
}

/// Example 19-4(c) (and 11-2): amniotic membrane laid over the surface of the eye as a covering
/// is homologous use; processed only by rinsing and freezing, it is a 361 HCT/P.
fn amnion_on_the_eye() -> Value {
    json!({
        "name": "Amniotic membrane sheet",
        "tissue": "amniotic_membrane",
        "preparation": "tissue_sheet",
        "donor": "allogeneic_unrelated",
        "processing": {"steps": ["cryopreservation"], "added_articles": ["storage_agent"]},
        "intended_use": {
            "functions": ["covering"],
            "indications": [],
            "site_of_use": "eye_surface",
            "systemic_effect": false,
            "depends_on_living_cells": false
        },
        "delivery": {"route": "topical"}
    })
}

/// Example 19-4(b): the same membrane injected into a joint to reduce inflammation is not
/// homologous use — the joint space is not where amnion does its job of covering.
fn amnion_injected() -> Value {
    let mut doc = amnion_on_the_eye();
    doc["intended_use"]["site_of_use"] = json!("joint_space");
    doc["delivery"]["route"] = json!("intra_articular");
    doc
}

fn us_code(product: &Product) -> &'static str {
    classify_us(product, ON).classification.code()
}

fn check_set(product: &Product, target: ProductTarget, set: &ChangeSet) -> &'static str {
    let changed = set
        .apply_to_product(product)
        .expect("a suggested change parses");
    match target {
        ProductTarget::Us(_) => us_code(&changed),
        ProductTarget::Quality(_) => assess_quality(&changed, &QualityPolicy::default(), ON)
            .verdict
            .code(),
        _ => unreachable!("only US and quality targets are checked here"),
    }
}

#[test]
fn the_guidance_pair_differs_as_the_guidance_says() {
    assert_eq!(
        us_code(&parse(&amnion_on_the_eye())),
        UsClassification::Section361Hctp.code()
    );
    assert_ne!(
        us_code(&parse(&amnion_injected())),
        UsClassification::Section361Hctp.code()
    );
}

/// From the injected membrane (19-4(b)) back to 361 (19-4(c)): the guidance's difference is the
/// site of use; the search must find a change of the use or site and never need another tissue
/// or other processing.
#[test]
fn the_injected_amnion_reaches_361_by_a_change_of_use_or_site() {
    let product = parse(&amnion_injected());
    let target = ProductTarget::Us(UsClassification::Section361Hctp);
    let answer = smallest_changes(&product, target, ON);
    assert!(!answer.unreachable, "{answer}");
    assert!(!answer.already_reached);
    let smallest = answer.sets[0].changes.len();
    let first: Vec<&ChangeSet> = answer
        .sets
        .iter()
        .filter(|s| s.changes.len() == smallest)
        .collect();
    assert!(
        first.iter().any(|s| s
            .changes
            .iter()
            .any(|c| c.path == "intended_use.site_of_use")),
        "no smallest set changes the site of use:\n{answer}"
    );
    for set in first.iter().filter(|s| !s.different_product) {
        assert!(
            set.changes
                .iter()
                .all(|c| c.path.starts_with("intended_use.")
                    || c.path.starts_with("delivery.")
                    || c.path == "preparation"),
            "a smallest set changes more than the use: {set}"
        );
    }
}

/// Culture expansion of cells is more than minimal manipulation (MM/HU guidance, section IV.A:
/// cell expansion changes the original relevant characteristics of nonstructural tissue), so no
/// change that keeps culture makes the product a 361 HCT/P.
#[test]
fn a_culture_expanded_product_reaches_361_only_without_culture() {
    let doc = json!({
        "name": "Cultured bone-marrow MSCs",
        "tissue": "bone_marrow",
        "preparation": "culture_expanded_msc",
        "donor": "autologous",
        "processing": {"steps": ["culture_expansion", "cryopreservation"]},
        "intended_use": {"functions": ["hematopoiesis"], "site_of_use": "bone_marrow_cavity",
                         "systemic_effect": false, "depends_on_living_cells": true},
        "delivery": {"route": "intraosseous"}
    });
    let product = parse(&doc);
    let answer = smallest_changes(
        &product,
        ProductTarget::Us(UsClassification::Section361Hctp),
        ON,
    );
    for set in &answer.sets {
        assert!(
            set.changes.iter().any(|c| c.value == "culture_expansion"
                || c.path == "tissue"
                || c.path == "preparation"),
            "361 reached while culture stays: {set}"
        );
    }
}

fn samples(kind: &str) -> Vec<String> {
    let dir = format!("{}/examples/data/{kind}", env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("samples")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("sample"))
        .collect()
}

/// Every suggested set, applied and re-run, gives the claimed headline; no reported pair has a
/// change that reaches the target alone (minimal).
#[test]
fn every_suggested_change_reproduces_its_outcome() {
    let mut products: Vec<Product> = samples("products")
        .iter()
        .map(|s| Product::from_json(s).expect("sample parses"))
        .collect();
    products.push(parse(&amnion_injected()));
    let mut checked = 0;
    for product in &products {
        for target in [
            ProductTarget::Us(UsClassification::Section361Hctp),
            ProductTarget::Quality(QualityVerdict::Pass),
        ] {
            let answer = smallest_changes(product, target, ON);
            for set in &answer.sets {
                let got = check_set(product, target, set);
                assert_eq!(got, answer.target, "{set}");
                assert_eq!(set.headline, vec![got.to_owned()], "{set}");
                if set.changes.len() == 2 {
                    for c in &set.changes {
                        let alone = ChangeSet {
                            changes: vec![c.clone()],
                            ..set.clone()
                        };
                        assert_ne!(check_set(product, target, &alone), answer.target, "{set}");
                    }
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 0);
}

/// Every answer of every settling fact, written and re-run, gives the headline it claims.
#[test]
fn every_settling_answer_reproduces_its_headline() {
    for text in samples("products") {
        let product = Product::from_json(&text).expect("sample parses");
        let facts = settling_facts(&product, ON);
        let base = serde_json::to_value(&product).expect("serializes");
        for fact in &facts.facts {
            assert!(!fact.answers.is_empty());
            for answer in &fact.answers {
                let mut doc = base.clone();
                assert!(answer.change.apply(&mut doc));
                let changed = parse(&doc);
                let got = assess_product(&changed, ON).headline().codes();
                assert_eq!(
                    answer.headline, got,
                    "{} = {}",
                    fact.path, answer.change.value
                );
            }
        }
    }
    for text in samples("offers") {
        let offer = ClinicOffer::from_json(&text).expect("sample parses");
        let facts = settling_offer_facts(&offer, ON);
        let base = serde_json::to_value(&offer).expect("serializes");
        for fact in &facts.facts {
            for answer in &fact.answers {
                let mut doc = base.clone();
                assert!(answer.change.apply(&mut doc));
                let changed = ClinicOffer::from_json(&doc.to_string()).expect("parses");
                let got = evaluate_offer(&changed, ON).headline().codes();
                assert_eq!(answer.headline, got);
            }
        }
    }
}

/// An offer's questions come ranked: those whose answers reach more verdicts first.
#[test]
fn offer_questions_are_ranked_by_effect() {
    for text in samples("offers") {
        let offer = ClinicOffer::from_json(&text).expect("sample parses");
        let facts = settling_offer_facts(&offer, ON);
        for pair in facts.facts.windows(2) {
            assert!(
                (pair[0].distinct_headlines, pair[0].reach)
                    >= (pair[1].distinct_headlines, pair[1].reach)
            );
        }
        let shown = facts.to_string();
        if let Some(first) = facts.facts.first() {
            assert!(shown.contains(&format!("1. {}", first.path)));
        }
        let changes = smallest_offer_changes(&offer, PatientVerdict::GoodSigns, ON);
        for set in &changes.sets {
            let changed = set.apply_to_offer(&offer).expect("parses");
            assert_eq!(
                evaluate_offer(&changed, ON).verdict,
                PatientVerdict::GoodSigns
            );
        }
    }
}

/// A lot with no sterility result: stating it settles the quality verdict, and a positive
/// culture fails release (21 CFR 610.12: a lot must be free of contaminating organisms).
#[test]
fn stating_sterility_settles_a_lot() {
    let product = parse(&json!({
        "name": "Lot without a sterility result",
        "tissue": "bone_marrow",
        "donor": "allogeneic_unrelated",
        "processing": {"steps": ["culture_expansion", "cryopreservation"]},
        "release": {"state": "cryopreserved",
                    "viability": [{"percent": 92.0, "timing": "post_thaw"}],
                    "mycoplasma": "negative"}
    }));
    let changes = smallest_changes(&product, ProductTarget::Quality(QualityVerdict::Fail), ON);
    assert!(
        changes.sets.iter().any(|s| s.changes.len() == 1
            && s.changes[0].path == "release.sterility"
            && s.changes[0].value == "positive"),
        "{changes}"
    );
}
