//! The faster what-if search (issue #22: each candidate written into one working document and
//! undone, read from the JSON value without writing it out as text, and a pair run in full only
//! when it reaches the target) gives **the same answers** as the search it replaced, kept in
//! `tests/common/what_if_before.rs`: the same sets in the same order, the same headlines, the
//! same count of documents evaluated, and the same settling facts, on every bundled sample and
//! the MM/HU guidance's amnion examples.

#[path = "common/samples.rs"]
mod samples;
#[path = "common/what_if_before.rs"]
mod what_if_before;

use msc_therapy::engine::eu::EuClassification;
use msc_therapy::engine::jp::PmdActStatus;
use msc_therapy::engine::offer::PatientVerdict;
use msc_therapy::engine::quality::QualityVerdict;
use msc_therapy::engine::us::UsClassification;
use msc_therapy::what_if::{self, ProductTarget};
use msc_therapy::{ClinicOffer, Product};
use serde_json::{Value, json};

const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);

fn products() -> Vec<(String, Product)> {
    let mut all: Vec<(String, Product)> = samples::PRODUCTS
        .iter()
        .map(|(name, text)| {
            (
                (*name).to_owned(),
                Product::from_json(text).expect("parses"),
            )
        })
        .collect();
    // MM/HU guidance (FDA, Nov 2017, rev. Jul 2020), example 19-4: amniotic membrane on the eye
    // surface, and the same membrane injected into a joint.
    let eye = json!({
        "name": "Amniotic membrane sheet",
        "tissue": "amniotic_membrane",
        "preparation": "tissue_sheet",
        "donor": "allogeneic_unrelated",
        "processing": {"steps": ["cryopreservation"], "added_articles": ["storage_agent"]},
        "intended_use": {"functions": ["covering"], "indications": [], "site_of_use": "eye_surface",
                         "systemic_effect": false, "depends_on_living_cells": false},
        "delivery": {"route": "topical"}
    });
    let mut injected = eye.clone();
    injected["intended_use"]["site_of_use"] = json!("joint_space");
    injected["delivery"]["route"] = json!("intra_articular");
    for (name, doc) in [("amnion_eye", eye), ("amnion_injected", injected)] {
        all.push((
            name.to_owned(),
            Product::from_json(&doc.to_string()).expect("parses"),
        ));
    }
    all
}

/// Both answers as JSON, the old one's and the new one's.
fn same(what: &str, old: &impl serde::Serialize, new: &impl serde::Serialize) {
    let old: Value = serde_json::to_value(old).expect("serializes");
    let new: Value = serde_json::to_value(new).expect("serializes");
    assert!(
        old == new,
        "{what}: the answers differ\nbefore: {old:#}\nafter: {new:#}"
    );
}

#[test]
fn smallest_changes_are_the_same_as_before() {
    let targets = [
        ProductTarget::Us(UsClassification::Section361Hctp),
        ProductTarget::Quality(QualityVerdict::Pass),
        ProductTarget::Eu(EuClassification::NotAtmpTissuesAndCells),
        ProductTarget::JpPmdAct(PmdActStatus::NotRegenerativeMedicalProduct),
    ];
    for (name, product) in products() {
        for target in targets {
            let old_target = match target {
                ProductTarget::Us(c) => what_if_before::ProductTarget::Us(c),
                ProductTarget::Quality(v) => what_if_before::ProductTarget::Quality(v),
                ProductTarget::Eu(c) => what_if_before::ProductTarget::Eu(c),
                ProductTarget::JpRiskClass(c) => what_if_before::ProductTarget::JpRiskClass(c),
                ProductTarget::JpPmdAct(s) => what_if_before::ProductTarget::JpPmdAct(s),
                _ => unreachable!("every target kind is listed"),
            };
            let old = what_if_before::smallest_changes(&product, old_target, ON);
            let new = what_if::smallest_changes(&product, target, ON);
            same(&format!("{name}, {target:?}"), &old, &new);
        }
    }
}

#[test]
fn offer_changes_are_the_same_as_before() {
    for (name, text) in samples::OFFERS {
        let offer = ClinicOffer::from_json(text).expect("parses");
        for target in [PatientVerdict::GoodSigns, PatientVerdict::AskFirst] {
            let old = what_if_before::smallest_offer_changes(&offer, target, ON);
            let new = what_if::smallest_offer_changes(&offer, target, ON);
            same(&format!("{name}, {target:?}"), &old, &new);
        }
    }
}

/// The settling facts of a product are the same as before; each fact has two members more since
/// (`swing`, the same as `reach` for a product, and `questions`, empty for a product), left out of
/// the comparison.
#[test]
fn settling_facts_are_the_same_as_before() {
    for (name, product) in products() {
        let old = what_if_before::settling_facts(&product, ON);
        let new = what_if::settling_facts(&product, ON);
        for fact in &new.facts {
            assert_eq!(fact.swing, fact.reach, "{name}: {}", fact.path);
            assert!(fact.questions.is_empty(), "{name}: {}", fact.path);
        }
        let mut new = serde_json::to_value(&new).expect("serializes");
        // The manufacturing facts (issue #19) were added to the search after the copy of the
        // search before was taken: the copy does not ask them, so they are left out here.
        if let Some(facts) = new["facts"].as_array_mut() {
            facts.retain(|f| {
                !f["path"]
                    .as_str()
                    .is_some_and(|p| p.starts_with("manufacturing."))
            });
        }
        // ... and the copy lists them among the facts it cannot enumerate.
        let mut old = serde_json::to_value(&old).expect("serializes");
        if let Some(paths) = old["not_enumerable"].as_array_mut() {
            paths.retain(|p| !p.as_str().is_some_and(|p| p.starts_with("manufacturing.")));
        }
        for fact in new["facts"].as_array_mut().into_iter().flatten() {
            let fact = fact.as_object_mut().expect("an object");
            fact.remove("swing");
            fact.remove("questions");
        }
        same(&name, &old, &new);
    }
}
