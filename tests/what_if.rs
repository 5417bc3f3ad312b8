//! What would change the verdict (issue #22), from FDA's "Regulatory Considerations for Human
//! Cells, Tissues, and Cellular and Tissue-Based Products: Minimal Manipulation and Homologous
//! Use" (FDA, Nov 2017, rev. Jul 2020) worked examples, and a truthfulness check over every
//! answer for the bundled samples.

use msc_therapy::engine::offer::PatientVerdict;
use msc_therapy::engine::quality::{QualityPolicy, QualityVerdict};
use msc_therapy::engine::us::UsClassification;
use msc_therapy::what_if::{
    ChangeSet, ProductTarget, settling_facts, settling_offer_facts, smallest_changes,
    smallest_offer_changes,
};
use msc_therapy::{
    ClinicOffer, Product, Report, assess_product, assess_quality, classify_us, evaluate_offer,
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

/// An offer's questions come ranked by how far their answers move the patient's verdict (walk
/// away → ask first → good signs), then by how many verdicts they reach; each is shown as the
/// question the offer's evaluation puts to the clinic.
#[test]
fn offer_questions_are_ranked_by_how_far_they_move_the_verdict() {
    let rank = |code: &str| {
        PatientVerdict::ALL
            .iter()
            .position(|v| v.code() == code)
            .expect("a verdict")
    };
    for text in samples("offers") {
        let offer = ClinicOffer::from_json(&text).expect("sample parses");
        let facts = settling_offer_facts(&offer, ON);
        let now = rank(&facts.headline[0]);
        for fact in &facts.facts {
            // The swing is the furthest any answer moves the verdict.
            let furthest = fact
                .answers
                .iter()
                .map(|a| rank(&a.headline[0]).abs_diff(now))
                .max()
                .unwrap_or(0);
            assert_eq!(fact.swing, furthest, "{}", fact.path);
        }
        for pair in facts.facts.windows(2) {
            assert!(
                (pair[0].swing, pair[0].distinct_headlines)
                    >= (pair[1].swing, pair[1].distinct_headlines),
                "{} before {}",
                pair[0].path,
                pair[1].path
            );
        }
        let shown = facts.to_string();
        if let Some(first) = facts.facts.first() {
            match first.questions.first() {
                Some(q) => assert!(shown.contains(&format!("1. {}", q.label())), "{shown}"),
                None => assert!(shown.contains(&format!("1. {}", first.path)), "{shown}"),
            }
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

/// The trial-site offer with its physician left unstated. The patient-facing overview ("Mesenchymal
/// Stem Cells (MSC)", 'Clinical Context' and FAQ 'Are MSC therapies safe?') says live-cell
/// treatments must be performed under physician supervision: stating that a physician
/// supervises restores good signs, stating that none does is a reason to walk away. The fact is
/// shown as the offer's own question, and ranked among those that move the verdict.
#[test]
fn an_unstated_physician_is_a_question_that_moves_the_verdict_both_ways() {
    let text = samples("offers")
        .into_iter()
        .find(|t| t.contains("University hospital orthopaedic research unit"))
        .expect("the trial-site offer");
    let mut doc: Value = serde_json::from_str(&text).expect("JSON");
    doc["patient"]
        .as_object_mut()
        .expect("the offer states the patient's context")
        .remove("physician_supervised");
    let offer = ClinicOffer::from_json(&doc.to_string()).expect("parses");
    let facts = settling_offer_facts(&offer, ON);
    assert_eq!(facts.headline, ["ask_first"], "{facts}");
    let (position, fact) = facts
        .facts
        .iter()
        .enumerate()
        .find(|(_, f)| f.path == "patient.physician_supervised")
        .expect("the physician is a settling fact");
    let verdict_for = |value: bool| {
        fact.answers
            .iter()
            .find(|a| a.change.value == value)
            .map(|a| a.headline[0].clone())
    };
    assert_eq!(verdict_for(true).as_deref(), Some("good_signs"));
    assert_eq!(verdict_for(false).as_deref(), Some("walk_away"));
    assert_eq!(fact.swing, 1);
    assert_eq!(fact.questions.first().map(|q| q.code()), Some("physician"));
    assert!(facts.facts[..position].iter().all(|f| f.swing >= 1));
    let shown = facts.to_string();
    assert!(
        shown.contains(&format!(
            "{}. Which physician will evaluate me and supervise the treatment?",
            position + 1
        )),
        "{shown}"
    );
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
