//! The FHIR R5 `BiologicallyDerivedProduct` export, against the R5 definition
//! (hl7.org/fhir/R5/biologicallyderivedproduct-definitions.html: the elements and their
//! cardinalities). The full validation by a FHIR R5 implementation (python fhir.resources 8.x,
//! which rejects unknown elements) runs in CI (`.ci/validate_fhir.py`), with its negative test.
//!
//! Absences (JSON level): deleting any key of a product document, nested too, never adds an
//! element or a property to the resource and never changes a value the remaining facts give.

#![cfg(feature = "fhir")]

use msc_therapy::Product;
use msc_therapy::vocab::{CodeRelation, CodeSystem, Coded, Indication, Route};
use serde_json::Value;
use std::collections::BTreeSet;

/// The elements R5 defines for BiologicallyDerivedProduct, besides those of every resource.
const R5_ELEMENTS: &[&str] = &[
    "resourceType",
    "id",
    "meta",
    "implicitRules",
    "language",
    "text",
    "contained",
    "extension",
    "modifierExtension",
    "productCategory",
    "productCode",
    "parent",
    "request",
    "identifier",
    "biologicalSourceEvent",
    "processingFacility",
    "division",
    "productStatus",
    "expirationDate",
    "collection",
    "storageTempRequirements",
    "property",
];

const PROPERTY_VALUES: &[&str] = &[
    "valueBoolean",
    "valueInteger",
    "valueCodeableConcept",
    "valuePeriod",
    "valueQuantity",
    "valueRange",
    "valueRatio",
    "valueString",
    "valueAttachment",
];

fn product(name: &str) -> (Value, Product) {
    let path = format!(
        "{}/examples/data/products/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    (
        serde_json::from_str(&text).unwrap(),
        Product::from_json(&text).unwrap(),
    )
}

fn property<'a>(resource: &'a Value, kind: &str) -> Vec<&'a Value> {
    resource["property"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter(|p| p["type"]["text"].as_str() == Some(kind))
                .collect()
        })
        .unwrap_or_default()
}

/// Only R5 elements, every property with a type and exactly one value, no extension.
fn assert_r5_shape(resource: &Value) {
    let object = resource.as_object().expect("a JSON object");
    assert_eq!(object["resourceType"], "BiologicallyDerivedProduct");
    for key in object.keys() {
        assert!(
            R5_ELEMENTS.contains(&key.as_str()),
            "{key} is not an R5 element"
        );
    }
    assert!(object.get("extension").is_none() && object.get("modifierExtension").is_none());
    if let Some(category) = object.get("productCategory") {
        assert!(category.is_object(), "productCategory is 0..1 Coding in R5");
    }
    if let Some(collection) = object.get("collection") {
        for key in collection.as_object().unwrap().keys() {
            assert!(
                [
                    "collector",
                    "source",
                    "collectedDateTime",
                    "collectedPeriod"
                ]
                .contains(&key.as_str()),
                "collection.{key}"
            );
        }
    }
    for p in object
        .get("property")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let keys: Vec<&String> = p.as_object().unwrap().keys().collect();
        assert!(p.get("type").is_some(), "property.type is 1..1: {p}");
        let values: Vec<_> = keys
            .iter()
            .filter(|k| PROPERTY_VALUES.contains(&k.as_str()))
            .collect();
        assert_eq!(values.len(), 1, "property.value[x] is 1..1: {p}");
        assert_eq!(keys.len(), 2, "only type and value: {p}");
    }
}

#[test]
fn every_example_product_exports_only_r5_elements() {
    for name in [
        "cultured_bone_marrow_msc.json",
        "same_day_bmac.json",
        "adipose_svf.json",
        "umbilical_off_the_shelf.json",
    ] {
        let (_, p) = product(name);
        assert_r5_shape(&p.to_fhir());
    }
}

/// The Ryoncil-like lot record: cells, the Cell Ontology term for bone-marrow MSCs with the
/// ICCBBA–ISCT abbreviation MSC(M), the lot and expiry from its certificate.
#[test]
fn a_culture_expanded_bone_marrow_lot_is_described_as_the_standards_name_it() {
    let (_, p) = product("cultured_bone_marrow_msc.json");
    let r = p.to_fhir();
    assert_eq!(
        r["productCategory"]["system"],
        "http://hl7.org/fhir/product-category"
    );
    assert_eq!(r["productCategory"]["code"], "cells");
    assert_eq!(
        r["productCode"]["coding"][0]["system"],
        "http://purl.obolibrary.org/obo/cl.owl"
    );
    assert_eq!(r["productCode"]["coding"][0]["code"], "CL:0002540");
    assert!(
        r["productCode"]["text"]
            .as_str()
            .unwrap()
            .starts_with("MSC(M)")
    );
    assert_eq!(r["identifier"][0]["value"], "BM-MSC-25-0142");
    assert_eq!(r["expirationDate"], "2027-03-13");
    assert!(
        r["collection"]["source"]["display"]
            .as_str()
            .unwrap()
            .contains("unrelated")
    );
    let tissue = property(&r, "source tissue");
    assert_eq!(
        tissue[0]["valueCodeableConcept"]["coding"][0]["code"],
        "UBERON:0002371"
    );
    let steps: Vec<&str> = property(&r, "processing step")
        .iter()
        .map(|s| s["valueCodeableConcept"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["culture expansion", "cryopreservation"]);
    // Viability: one entry per measurement, in percent (UCUM).
    let post_thaw = property(&r, "viability (post-thaw, flow cytometry (7-AAD / PI))");
    assert_eq!(post_thaw[0]["valueQuantity"]["value"], 88.9);
    assert_eq!(post_thaw[0]["valueQuantity"]["code"], "%");
    let cells = property(&r, "viable nucleated cells per dose");
    assert_eq!(cells[0]["valueQuantity"]["value"], 40_000_000);
    assert_eq!(cells[0]["valueQuantity"]["code"], "{cells}");
    // CD73 carries its gene's HGNC code; CD90, whose id the reference did not confirm, none.
    let cd73 = property(&r, "cells positive for CD73 (flow cytometry)");
    assert_eq!(
        cd73[0]["type"]["coding"][0]["system"],
        "http://www.genenames.org"
    );
    assert_eq!(cd73[0]["type"]["coding"][0]["code"], "HGNC:8021");
    assert_eq!(cd73[0]["valueQuantity"]["value"], 99.2);
    let cd90 = property(&r, "cells positive for CD90 (flow cytometry)");
    assert!(cd90[0]["type"].get("coding").is_none());
    assert_eq!(
        property(&r, "sterility")[0]["valueCodeableConcept"]["text"],
        "negative (not detected)"
    );
    assert_eq!(property(&r, "mycoplasma").len(), 1);
    assert_eq!(
        property(&r, "bacterial endotoxins")[0]["valueQuantity"]["value"],
        0.25
    );
    // Route and indication carry the crate's equivalent codes.
    let route = property(&r, "route of administration");
    let codes: BTreeSet<&str> = route[0]["valueCodeableConcept"]["coding"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, BTreeSet::from(["47625008", "20045000"]));
}

/// A narrower code would state more than the record: graft-versus-host disease is exported
/// with D89.81, never with D89.810 (acute); a broader one less: critical limb ischaemia goes
/// out as text, not as "limb ischemia".
#[test]
fn only_codes_equivalent_to_the_term_are_exported() {
    let (_, p) = product("cultured_bone_marrow_msc.json");
    let r = p.to_fhir();
    let gvhd = property(&r, "intended indication");
    let codes: Vec<&str> = gvhd[0]["valueCodeableConcept"]["coding"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"D89.81") && codes.contains(&"MONDO:0013730"));
    assert!(!codes.contains(&"D89.810") && !codes.contains(&"MONDO:0020546"));
    for code in &codes {
        let row = Indication::GraftVersusHostDisease
            .codings()
            .iter()
            .find(|r| r.coding.code == *code)
            .unwrap();
        assert_eq!(row.relation, CodeRelation::Equivalent);
    }

    let cli = Product::from_json(
        r#"{"name": "CLI product", "intended_use": {"indications": ["critical_limb_ischemia"]},
            "delivery": {"route": "intramyocardial"}}"#,
    )
    .unwrap()
    .to_fhir();
    let concept = &property(&cli, "intended indication")[0]["valueCodeableConcept"];
    assert!(concept.get("coding").is_none(), "{concept}");
    assert_eq!(concept["text"], "critical limb ischaemia");
    // Transendocardial is narrower, intracardiac broader: the route goes out as text.
    let route = &property(&cli, "route of administration")[0]["valueCodeableConcept"];
    assert!(route.get("coding").is_none(), "{route}");
    assert!(
        Route::Intramyocardial
            .codings()
            .iter()
            .all(|r| r.relation != CodeRelation::Equivalent)
    );
}

/// A bedside bone-marrow concentrate holds few MSCs among blood cells: it is not given the
/// MSC cell-type code, and its category is still cells.
#[test]
fn a_bone_marrow_concentrate_is_not_coded_as_msc() {
    let (_, p) = product("same_day_bmac.json");
    let r = p.to_fhir();
    assert_eq!(r["productCategory"]["code"], "cells");
    assert!(
        r["productCode"].get("coding").is_none(),
        "{}",
        r["productCode"]
    );
    assert!(
        !r.to_string().contains("CL:0002540"),
        "no MSC cell type anywhere"
    );
    let cell_free =
        Product::from_json(r#"{"name": "Exosome vial", "preparation": "extracellular_vesicles"}"#)
            .unwrap()
            .to_fhir();
    assert_eq!(cell_free["productCategory"]["code"], "biologicalAgent");
}

#[test]
fn a_record_with_only_a_name_exports_nothing_it_does_not_know() {
    let r = Product::from_json(r#"{"name": "Unknown stem cell shot"}"#)
        .unwrap()
        .to_fhir();
    assert_eq!(
        r.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["resourceType"]
    );
}

fn keys_paths(value: &Value, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    if let Value::Object(map) = value {
        for (k, v) in map {
            prefix.push(k.clone());
            out.push(prefix.clone());
            keys_paths(v, prefix, out);
            prefix.pop();
        }
    }
}

fn remove(value: &mut Value, path: &[String]) {
    let (last, parents) = path.split_last().unwrap();
    let mut node = value;
    for p in parents {
        node = &mut node[p.as_str()];
    }
    node.as_object_mut().unwrap().remove(last);
}

/// Deleting any key (nested too) of a product document never adds an element or a property,
/// and every element it keeps has the value the full record gives.
#[test]
fn deleting_a_fact_never_adds_one_to_the_resource() {
    for name in [
        "cultured_bone_marrow_msc.json",
        "umbilical_off_the_shelf.json",
    ] {
        let (doc, p) = product(name);
        let full = p.to_fhir();
        let full_props: BTreeSet<String> = full["property"]
            .as_array()
            .unwrap()
            .iter()
            .map(Value::to_string)
            .collect();
        let mut paths = Vec::new();
        keys_paths(&doc, &mut Vec::new(), &mut paths);
        for path in paths {
            let mut smaller = doc.clone();
            remove(&mut smaller, &path);
            let Ok(reduced) = Product::from_json(&smaller.to_string()) else {
                continue; // a required field: the document no longer reads
            };
            let out = reduced.to_fhir();
            assert_r5_shape(&out);
            for (key, value) in out.as_object().unwrap() {
                if key == "property" {
                    for prop in value.as_array().unwrap() {
                        assert!(
                            full_props.contains(&prop.to_string()),
                            "{path:?} added {prop}"
                        );
                    }
                } else if key != "productCode" {
                    assert_eq!(Some(value), full.get(key), "{path:?} changed {key}");
                }
            }
        }
    }
}

#[test]
fn every_coding_in_the_export_is_well_formed() {
    let (_, p) = product("cultured_bone_marrow_msc.json");
    fn walk(v: &Value) {
        match v {
            Value::Object(map) => {
                if let (Some(Value::String(system)), Some(Value::String(code))) =
                    (map.get("system"), map.get("code"))
                {
                    if let Some(s) = CodeSystem::from_uri(system) {
                        assert!(s.is_well_formed(code), "{system} {code}");
                    }
                }
                map.values().for_each(walk);
            }
            Value::Array(list) => list.iter().for_each(walk),
            _ => {}
        }
    }
    walk(&p.to_fhir());
}

/// Absent is unknown: no processing steps stated gives no processing property; an empty list
/// states that nothing was done, and the resource says so.
#[test]
fn stated_no_processing_differs_from_processing_not_stated() {
    let not_stated = Product::from_json(r#"{"name": "X", "processing": {}}"#)
        .unwrap()
        .to_fhir();
    assert!(property(&not_stated, "processing step").is_empty());
    let none = Product::from_json(r#"{"name": "X", "processing": {"steps": []}}"#)
        .unwrap()
        .to_fhir();
    let steps = property(&none, "processing step");
    assert_eq!(steps.len(), 1);
    assert!(
        steps[0]["valueCodeableConcept"]["text"]
            .as_str()
            .unwrap()
            .starts_with("none")
    );
}

#[test]
fn a_condition_outside_the_list_is_exported_with_its_code_and_wording() {
    let r = Product::from_json(
        r#"{"name": "X", "intended_use": {"indications": ["knee_osteoarthritis",
            {"coding": {"system": "http://snomed.info/sct", "code": "23986001"}, "text": "glaucoma"}]}}"#,
    )
    .unwrap()
    .to_fhir();
    let indications = property(&r, "intended indication");
    assert_eq!(indications.len(), 2);
    let glaucoma = &indications[1]["valueCodeableConcept"];
    assert_eq!(glaucoma["coding"][0]["system"], "http://snomed.info/sct");
    assert_eq!(glaucoma["coding"][0]["code"], "23986001");
    assert_eq!(glaucoma["text"], "glaucoma");
    assert_r5_shape(&r);
}
