//! Fail closed, at the JSON level, for clinic offers (issue #18, items 2 and 5).
//!
//! # The orders
//!
//! [`PatientVerdict`]'s `Ord`, worst to best: `walk_away < ask_first < good_signs`; good signs is
//! the favourable end. For deletions from any offer the order is `common::offer_rank`:
//! `walk_away` = `ask_first` (0) < `good_signs` (1) — deleting a red flag leaves an open
//! question, no better (the reading of quality's fail = undetermined). For deletions from offers
//! generated from favourable values only, and for worse facts, the full order.
//!
//! # The properties
//!
//! Documents are generated as JSON, serialized, changed, parsed again and evaluated:
//!
//! 1. **Absent is unknown.** Deleting any key of an offer (nested too, inside list entries as
//!    well) never gives good signs to an offer that did not have them:
//!    `rank(after) <= rank(before)`. A deleted fact becomes an open question, never a good
//!    sign.
//! 2. **Absent is unknown, from favourable documents.** For offers generated from favourable
//!    values only (and consistent ones: cells cryopreserved in processing are released
//!    cryopreserved), deleting any key never improves the verdict: `after <= before`.
//! 3. **The prober's offers.** Offers built around the product documents of
//!    `common::prober_document` (stated sites against local routes, `fresh` with a
//!    cryopreservation step, certificates with and without dates and `certificate_issued`,
//!    stated viable counts beside total × viability, amniotic fluid whose cells were isolated,
//!    bedside autologous records without sterility or endotoxin results), with or without a
//!    place, claims and the patient's situation: as property 1.
//! 5. **Statements that can only count against.** The bundled offers with good signs, each with
//!    one statement of issue #19 that can only count against it (a "research use only" label, a
//!    paid study, an independent test finding no MSCs, bacteria or too few cells, boosters):
//!    deleting the statement reaches good signs again, which only its row of the table excuses.
//! 4. **A worse fact is never better.** Adding a worse fact (a positive sterility test, a
//!    claim of a cure, no physician, a blind joint injection, a smaller cell count, a lower
//!    viability, a certificate for another lot, an expired certificate, standard treatments not
//!    tried, …) never improves the verdict: `after <= before`. A worse fact that makes the record
//!    contradict itself (`certificate_issued: false` beside a certificate, a cryopreservation
//!    step in a `fresh` record) is held to the deletion order: the contradiction is an open
//!    question.
//!
//! Properties 1–3 admit the deletions the table `common::EXCEPTIONS` (`tests/common/orders.rs`)
//! lists by key, each with its reason: (i) a specification (back to the law's default, e.g.
//! `product.release.endotoxin_limit_eu_per_ml`); (ii) evidence the law does not require for that
//! product (the sterility or endotoxin result, or the certificate, of a same-day bedside
//! autologous preparation); (iii) a statement that can only count against the offer (the
//! entries of `claims`, `certificate_issued: false`); (iv) one of two contradictory statements,
//! only when the evaluation before the deletion (its findings or its product assessments) holds
//! a finding whose `contradicts` fact names the deleted key.
//!
//! The patient's age is generated too (absent, or a child's, a teenager's or an adult's, in
//! days, weeks, months or years), with authorisations whose labels bound it (Ryoncil: 2 months
//! to below 17 years; Alofisel EU: adults; Ruibosheng: 14 and over; Obnitix: 2 years and over)
//! or not (TEMCELL, Stemirac): deleting `patient.age` must never move a verdict towards good
//! signs.
//!
//! Generated documents keep one cell count for the dose, the release record and the clinic's
//! disclosure, so that deleting one copy of a figure does not reveal another, different figure.
//!
//! The number of cases is `PROPTEST_CASES` (default a quarter of `common::DEFAULT_CASES`). By
//! hand, at 100 000 cases (all three fail-closed files):
//!
//! ```text
//! PROPTEST_CASES=100000 cargo test --release --all-features --test fail_closed --test fail_closed_eu_jp --test fail_closed_offer
//! ```
#![cfg(feature = "json")]

mod common;

use common::{
    contradicted, key_paths, offer_exception, offer_rank, path_text, prober_document, without,
};
use msc_therapy::engine::offer::{OfferEvaluation, PatientVerdict};
use msc_therapy::{ClinicOffer, evaluate_offer};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value, json};

/// `PROPTEST_CASES`, or a quarter of `common::DEFAULT_CASES` when unset: an offer holds a
/// product and is evaluated by up to four engines, so each case costs several product cases.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(common::DEFAULT_CASES / 4)
}

fn evaluation(doc: &Value) -> Option<OfferEvaluation> {
    ClinicOffer::from_json(&doc.to_string())
        .ok()
        .map(|offer| evaluate_offer(&offer, ON))
}

fn verdict(doc: &Value) -> Option<PatientVerdict> {
    evaluation(doc).map(|e| e.verdict)
}

/// The input paths the evaluation names in `contradicts` facts: its own findings and those of
/// the product's assessments.
fn named_contradictions(eval: &OfferEvaluation) -> Vec<String> {
    let mut findings: Vec<&msc_therapy::Finding> = eval.findings().collect();
    findings.extend(eval.quality.findings.iter());
    if let Some(us) = &eval.us {
        findings.extend(us.findings.iter());
    }
    if let Some(eu) = &eval.eu {
        findings.extend(eu.findings.iter());
    }
    if let Some(jp) = &eval.jp {
        findings.extend(jp.findings.iter());
    }
    contradicted(findings)
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

fn pick(values: &'static [&'static str]) -> impl Strategy<Value = Value> {
    prop::sample::select(values).prop_map(|v| json!(v))
}

fn maybe(s: impl Strategy<Value = Value>) -> impl Strategy<Value = Option<Value>> {
    prop::option::of(s)
}

fn flag(favourable: bool) -> BoxedStrategy<Option<Value>> {
    if favourable {
        Just(Some(json!(true))).boxed()
    } else {
        maybe(any::<bool>().prop_map(Value::Bool)).boxed()
    }
}

fn insert(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(v) = value {
        map.insert(key.to_owned(), v);
    }
}

const INDICATIONS: &[&str] = &[
    "knee_osteoarthritis",
    "graft_versus_host_disease",
    "spinal_cord_injury",
    "perianal_fistula",
];

fn release(favourable: bool, count: u64) -> BoxedStrategy<Value> {
    let outcome: &'static [&'static str] = if favourable {
        &["negative"]
    } else {
        &["negative", "positive", "pending"]
    };
    let viability = if favourable { 85.0..99.0 } else { 10.0..99.0 };
    (
        pick(outcome),
        pick(outcome),
        viability,
        pick(&["post_thaw", "before_freezing"]),
        pick(&["fresh", "cryopreserved"]),
        prop::bool::ANY,
        0.05f64..0.4,
        1u32..6,
        prop::bool::ANY,
        (prop::option::of(any::<bool>()), if favourable { 96.0..99.9 } else { 80.0..99.9 }),
    )
        .prop_map(
            move |(sterility, mycoplasma, viability, timing, state, same_lot, endotoxin, passage, cfu, (issued, cd73))| {
                let mut r = json!({
                    "lot": "LOT-1",
                    "certificate": {"lot": if same_lot || favourable { "LOT-1" } else { "LOT-2" },
                                    "issuer": "Lab", "issued_on": "2026-01-10", "expires_on": "2027-01-10"},
                    "state": state,
                    "viable_nucleated_cells": count,
                    "viability": [{"percent": viability, "timing": timing}],
                    "identity": {"markers": {"cd73": cd73, "cd90": 98.0, "cd105": 97.0, "cd45": 0.5,
                                             "cd34": 0.5, "cd14": 0.5, "cd19": 0.5, "hla_dr": 0.5},
                                 "plastic_adherent": true, "trilineage_differentiation": true},
                    "sterility": sterility,
                    "mycoplasma": mycoplasma,
                    "endotoxin_eu_per_ml": endotoxin,
                    "passage": passage,
                    "passage_limit": 5
                });
                if cfu || favourable {
                    r["cfu_f_per_million"] = json!(40000);
                }
                if let (Some(issued), false) = (issued, favourable) {
                    r["certificate_issued"] = json!(issued);
                }
                r
            },
        )
        .boxed()
}

fn claims(favourable: bool) -> BoxedStrategy<Value> {
    if favourable {
        return Just(json!([])).boxed();
    }
    let claim = (
        pick(&[
            "cures",
            "becomes_new_tissue",
            "treats_many_conditions",
            "fda_approved",
            "contains_live_stem_cells",
            "no_rejection",
            "superior_to_standard_care",
            "satisfaction_statistics",
            "testimonials",
        ]),
        maybe(prop::collection::vec(pick(INDICATIONS), 0..3).prop_map(Value::from)),
    )
        .prop_map(|(kind, indications)| {
            let mut m = Map::new();
            m.insert("kind".into(), kind);
            insert(&mut m, "indications", indications);
            Value::Object(m)
        });
    prop::collection::vec(claim, 0..3)
        .prop_map(Value::from)
        .boxed()
}

/// The keys of issue #19 an offer may state, as a JSON object whose members are written into
/// the offer: `content_tests` (each with a `ratio` of the offer's count, replaced by a count),
/// `marketing`, `follow_up`, `permission`, an `ind_number` and an `unlisted` condition. With
/// `favourable`, only favourable values: a test that agrees with the clinic, marketing facts
/// stated `false`, a complete follow-up plan, a permission obtained and named.
fn extras(favourable: bool) -> BoxedStrategy<Value> {
    let flag_or_none = |fav: bool| -> BoxedStrategy<Option<Value>> {
        if fav {
            maybe(Just(json!(false))).boxed()
        } else {
            maybe(any::<bool>().prop_map(Value::Bool)).boxed()
        }
    };
    let test = if favourable {
        Just(
            json!({"tested_by": "Independent laboratory", "msc_found": true,
                    "contamination_found": false, "ratio": 1.0}),
        )
        .boxed()
    } else {
        (
            maybe(any::<bool>().prop_map(Value::Bool)),
            maybe(any::<bool>().prop_map(Value::Bool)),
            maybe(prop_oneof![0.001f64..0.2, 0.2f64..1.5].prop_map(Value::from)),
        )
            .prop_map(|(msc, contamination, ratio)| {
                let mut t = Map::new();
                t.insert("tested_by".into(), json!("Independent laboratory"));
                insert(&mut t, "msc_found", msc);
                insert(&mut t, "contamination_found", contamination);
                insert(&mut t, "ratio", ratio);
                Value::Object(t)
            })
            .boxed()
    };
    let boosters = if favourable {
        maybe(Just(json!({"recommended": false}))).boxed()
    } else {
        maybe(
            (maybe(any::<bool>().prop_map(Value::Bool)), prop::bool::ANY).prop_map(
                |(recommended, priced)| {
                    let mut b = Map::new();
                    insert(&mut b, "recommended", recommended);
                    if priced {
                        b.insert("price".into(), json!({"currency": "USD", "amount": 5000}));
                    }
                    Value::Object(b)
                },
            ),
        )
        .boxed()
    };
    let follow_up = if favourable {
        Just(Some(
            json!({"methods": ["clinical_evaluation", "imaging"], "months": 12,
                         "adverse_event_contact": "Clinic nurse"}),
        ))
        .boxed()
    } else {
        maybe(
            (
                maybe(
                    prop::collection::vec(
                        pick(&["clinical_evaluation", "imaging", "laboratory_tests"]),
                        0..3,
                    )
                    .prop_map(Value::from),
                ),
                maybe(prop_oneof![Just(0u32), 1u32..36].prop_map(Value::from)),
                prop::bool::ANY,
            )
                .prop_map(|(methods, months, contact)| {
                    let mut f = Map::new();
                    insert(&mut f, "methods", methods);
                    insert(&mut f, "months", months);
                    if contact {
                        f.insert("adverse_event_contact".into(), json!("Clinic nurse"));
                    }
                    Value::Object(f)
                }),
        )
        .boxed()
    };
    let permission = (
        pick(&[
            "hospital_exemption",
            "national_authorisation",
            "asrm_provision_plan",
        ]),
        if favourable {
            Just(Some(json!(true))).boxed()
        } else {
            maybe(any::<bool>().prop_map(Value::Bool)).boxed()
        },
        if favourable {
            Just(true).boxed()
        } else {
            prop::bool::ANY.boxed()
        },
    )
        .prop_map(|(kind, obtained, reference)| {
            let mut p = Map::new();
            p.insert("kind".into(), kind);
            insert(&mut p, "obtained", obtained);
            if reference {
                p.insert("reference".into(), json!("Decision 2024-001"));
                p.insert("authority".into(), json!("National authority"));
            }
            Value::Object(p)
        });
    (
        prop::collection::vec(test, 0..3),
        flag_or_none(favourable),
        flag_or_none(favourable),
        boosters,
        follow_up,
        maybe(permission),
        prop::bool::ANY,
        if favourable {
            Just(false).boxed()
        } else {
            prop::bool::ANY.boxed()
        },
    )
        .prop_map(
            |(tests, disclaimer, paid, boosters, follow_up, permission, ind, unlisted)| {
                let mut e = Map::new();
                if !tests.is_empty() {
                    e.insert("content_tests".into(), Value::from(tests));
                }
                let mut m = Map::new();
                insert(&mut m, "treatment_disclaimer", disclaimer);
                insert(&mut m, "pay_to_participate", paid);
                insert(&mut m, "boosters", boosters);
                if !m.is_empty() {
                    e.insert("marketing".into(), Value::Object(m));
                }
                insert(&mut e, "follow_up", follow_up);
                insert(&mut e, "permission", permission);
                if ind {
                    e.insert("ind_number".into(), json!("IND 012345"));
                }
                if unlisted {
                    e.insert(
                        "unlisted".into(),
                        json!({"coding": {"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "H35.30"},
                               "text": "macular degeneration"}),
                    );
                }
                Value::Object(e)
            },
        )
        .boxed()
}

/// Writes the keys of [`extras`] into `doc`, the offer whose clinic states `count` live cells.
fn add_extras(doc: &mut Map<String, Value>, extras: Value, count: u64) {
    let Value::Object(mut e) = extras else {
        return;
    };
    if let Some(Value::Array(tests)) = e.get_mut("content_tests") {
        for t in tests {
            if let Some(ratio) = t.as_object_mut().and_then(|t| t.remove("ratio")) {
                #[allow(
                    clippy::cast_precision_loss,
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss
                )]
                let measured = (count as f64 * ratio.as_f64().unwrap_or(1.0))
                    .floor()
                    .max(1.0) as u64;
                t["live_nucleated_cells"] = json!(measured);
            }
        }
    }
    if let Some(ind) = e.remove("ind_number") {
        if let Some(Value::Object(d)) = doc.get_mut("disclosures") {
            d.insert("ind_number".into(), ind);
        }
    }
    if let Some(unlisted) = e.remove("unlisted") {
        doc.insert("indication".into(), unlisted);
    }
    doc.extend(e);
}

/// An offer document. With `favourable`, every stated value is a favourable one.
fn offer(favourable: bool) -> BoxedStrategy<Value> {
    let count_range = if favourable {
        10_000_000u64..200_000_000
    } else {
        100_000u64..200_000_000
    };
    let product = (
        count_range,
        maybe(pick(&[
            "culture_expanded_msc",
            "bone_marrow_concentrate",
            "perinatal_allograft",
        ])),
        maybe(pick(&["bone_marrow", "adipose_tissue", "whartons_jelly"])),
        maybe(pick(&["autologous", "allogeneic_unrelated"])),
        maybe(pick(&[
            "off_the_shelf",
            "point_of_care",
            "patient_specific",
        ])),
        maybe(pick(&["intravenous", "intra_articular", "intralesional"])),
        maybe(pick(if favourable {
            &["ultrasound"]
        } else {
            &["ultrasound", "landmark"]
        })),
        prop::bool::ANY,
        prop::bool::ANY,
        (
            10.0f64..90.0,
            maybe(pick(&["mesenchymal_stem_cell", "mesenchymal_stromal_cell"])),
            pick(if favourable {
                &["crystalloid"]
            } else {
                &["crystalloid", "hyaluronic_acid"]
            }),
            pick(if favourable {
                &["immunomodulation"]
            } else {
                &[
                    "immunomodulation",
                    "general_regeneration",
                    "musculoskeletal_repair",
                ]
            }),
            prop::option::of(any::<bool>()),
            // The patient's age: a child, a teenager or an adult, in any unit.
            maybe(
                (
                    prop_oneof![0.0f64..20.0, 20.0f64..90.0],
                    prop::sample::select(&["days", "weeks", "months", "years"][..]),
                )
                    .prop_map(|(years, unit)| {
                        let per_year = match unit {
                            "days" => 365.25,
                            "weeks" => 365.25 / 7.0,
                            "months" => 12.0,
                            _ => 1.0,
                        };
                        json!({"value": (years * per_year).floor(), "unit": unit})
                    }),
            ),
        ),
    );
    let rest = (
        pick(INDICATIONS),
        maybe(pick(&[
            "united_states",
            "european_union",
            "germany",
            "japan",
            "india",
            "south_korea",
            "canada",
            "other",
        ])),
        // A named authorisation the offer may contradict is not a favourable value.
        if favourable {
            Just(None).boxed()
        } else {
            maybe(prop_oneof![
                pick(&[
                    "ryoncil_us",
                    "stemirac_jp",
                    "stemone_in",
                    "alofisel_eu",
                    "alofisel_jp",
                    "temcell_jp",
                    "obnitix_de",
                    "ruibosheng_cn"
                ])
                .prop_map(|k| json!({"catalog_key": k})),
                pick(&["23000FZX00001000", "EU/1/17/1261", "BLA 000001"])
                    .prop_map(|n| json!({"authorisation_number": n})),
            ])
            .boxed()
        },
        flag(favourable),
        flag(favourable),
        flag(favourable),
        flag(favourable),
        flag(favourable),
        maybe(claims(favourable)),
        prop::bool::ANY,
        (
            prop::bool::ANY,
            pick(if favourable {
                &["PHASE3"]
            } else {
                &["PHASE3", "PHASE1", "NA"]
            }),
            pick(if favourable {
                &["positive"]
            } else {
                &["positive", "negative", "not_reported"]
            }),
        ),
    );
    (product, rest, extras(favourable))
        .prop_flat_map(move |(p, r, extras)| {
            let count = p.0;
            (Just((p, r, extras)), maybe(release(favourable, count)))
        })
        .prop_map(move |((p, r, extras), release)| {
            let (count, prep, tissue, donor, supply, route, guidance, expanded, with_use, more) = p;
            let (weight, designation, article, function, systemic, age) = more;
            let (
                indication,
                place,
                key,
                source,
                coa,
                tried,
                physician,
                regulated,
                claims,
                trial,
                (evidence, phase, result),
            ) = r;
            let mut product = Map::new();
            product.insert("name".into(), json!("Generated product"));
            insert(&mut product, "preparation", prep);
            insert(&mut product, "designation", designation);
            insert(&mut product, "tissue", tissue);
            insert(&mut product, "donor", donor);
            insert(&mut product, "supply", supply);
            let steps = if expanded {
                json!(["culture_expansion", "cryopreservation"])
            } else {
                json!(["centrifugation"])
            };
            product.insert(
                "processing".into(),
                json!({"steps": steps, "added_articles": [article]}),
            );
            if with_use {
                product.insert(
                    "intended_use".into(),
                    json!({"functions": [function], "indications": [indication.clone()],
                           "systemic_effect": systemic.unwrap_or(false), "depends_on_living_cells": true}),
                );
            }
            if let Some(route) = route {
                let mut d = Map::new();
                d.insert("route".into(), route);
                insert(&mut d, "guidance", guidance);
                product.insert("delivery".into(), Value::Object(d));
            }
            product.insert(
                "dose".into(),
                json!({"viable_cells": count, "volume_ml": 5, "administrations": 1}),
            );
            product.insert("recipient".into(), json!({"weight_kg": weight}));
            // A favourable record is also a consistent one: cells cryopreserved in processing
            // are released cryopreserved, with a post-thaw viability.
            let release = release.map(|mut r| {
                if favourable && expanded {
                    r["state"] = json!("cryopreserved");
                    r["viability"][0]["timing"] = json!("post_thaw");
                }
                r
            });
            insert(&mut product, "release", release);

            let mut doc = Map::new();
            insert(&mut doc, "jurisdiction", place);
            insert(&mut doc, "authorisation", key);
            doc.insert("clinic".into(), json!("Generated clinic"));
            doc.insert(
                "price".into(),
                json!({"currency": "USD", "amount": 5000, "covers": "one injection"}),
            );
            doc.insert("product".into(), Value::Object(product));
            doc.insert("indication".into(), indication.clone());
            let mut disclosures = Map::new();
            disclosures.insert("live_nucleated_cells".into(), json!(count));
            insert(&mut disclosures, "source_disclosed", source);
            insert(&mut disclosures, "certificate_of_analysis_shown", coa);
            if trial {
                disclosures.insert("trial_registration".into(), json!("NCT09990003"));
            }
            doc.insert("disclosures".into(), Value::Object(disclosures));
            insert(&mut doc, "claims", claims);
            if evidence {
                doc.insert(
                    "evidence".into(),
                    json!([{"nct_id": "NCT09990001", "phases": [phase], "status": "COMPLETED",
                            "indication": indication, "result": result}]),
                );
            }
            let mut patient = Map::new();
            insert(&mut patient, "age", age);
            insert(&mut patient, "standard_treatments_tried", tried);
            insert(&mut patient, "physician_supervised", physician);
            insert(&mut patient, "regulated_setting", regulated);
            doc.insert("patient".into(), Value::Object(patient));
            add_extras(&mut doc, extras, count);
            Value::Object(doc)
        })
        .boxed()
}

// ---------------------------------------------------------------------------------------------
// Worse facts
// ---------------------------------------------------------------------------------------------

/// Ways to make an offer worse, each a fact the source texts or the rules' citations count
/// against it.
fn worsen(doc: &Value, how: usize) -> Option<Value> {
    let mut doc = doc.clone();
    let product = doc.get_mut("product")?;
    match how {
        // A positive sterility test (21 CFR 610.12).
        0 => product.get_mut("release")?["sterility"] = json!("positive"),
        // Fewer cells alive (Ph. Eur. 2.7.29).
        1 => {
            let release = product.get_mut("release")?;
            release["viability"] = json!([{"percent": 20.0, "timing": "post_thaw"}]);
        }
        // A certificate for another lot.
        2 => product.get_mut("release")?["certificate"]["lot"] = json!("OTHER-LOT"),
        // A blind joint injection.
        3 => product.get_mut("delivery")?["guidance"] = json!("landmark"),
        // A claim of a cure.
        4 => {
            let claims = doc
                .as_object_mut()?
                .entry("claims")
                .or_insert_with(|| json!([]));
            claims
                .as_array_mut()?
                .push(json!({"kind": "cures", "indications": []}));
        }
        // No physician supervises.
        5 => doc["patient"]["physician_supervised"] = json!(false),
        // Not a regulated setting.
        6 => doc["patient"]["regulated_setting"] = json!(false),
        // The clinic did not disclose the source.
        7 => doc["disclosures"]["source_disclosed"] = json!(false),
        // The clinic states a count below a million.
        8 => doc["disclosures"]["live_nucleated_cells"] = json!(500_000),
        // A claim of FDA approval for knee osteoarthritis (no MSC product holds one).
        9 => {
            let claims = doc
                .as_object_mut()?
                .entry("claims")
                .or_insert_with(|| json!([]));
            claims
                .as_array_mut()?
                .push(json!({"kind": "fda_approved", "indications": ["knee_osteoarthritis"]}));
        }
        // The certificate was not shown.
        10 => doc["disclosures"]["certificate_of_analysis_shown"] = json!(false),
        // Standard treatments were not tried: the patient is not (yet) a candidate, and a
        // label for disease that resisted them ("steroid-refractory") does not cover it.
        11 => doc["patient"]["standard_treatments_tried"] = json!(false),
        // Mycoplasma detected.
        12 => product.get_mut("release")?["mycoplasma"] = json!("positive"),
        // The certificate expired before the evaluation date.
        13 => product.get_mut("release")?["certificate"]["expires_on"] = json!("2026-01-01"),
        // No certificate of analysis was issued (beside a certificate: a contradiction).
        14 => product.get_mut("release")?["certificate_issued"] = json!(false),
        // The product is labelled "for research use only" (21 CFR 201.128; FDA warning letter
        // to Stemell, 2019).
        16 => marketing(&mut doc)?["treatment_disclaimer"] = json!(true),
        // The patient pays to join a "study" (21 CFR 312.8; Turner 2017).
        17 => marketing(&mut doc)?["pay_to_participate"] = json!(true),
        // An independent test found no MSC-like cells (Panero et al. 2019).
        18 => content_tests(&mut doc)?.push(json!({"tested_by": "Lab", "msc_found": false})),
        // An independent test found bacteria (CDC, MMWR 2018).
        19 => {
            content_tests(&mut doc)?.push(json!({"tested_by": "Lab", "contamination_found": true}))
        }
        // Repeat "boosters" are sold (FTC v. Regenerative Medical Group, 2018).
        20 => marketing(&mut doc)?["boosters"] = json!({"recommended": true}),
        // The clinic states there is no follow-up after the day of treatment.
        21 => {
            doc.as_object_mut()?
                .insert("follow_up".into(), json!({"months": 0}));
        }
        // No ASRM provision plan was submitted (MHLW emergency order, 2017).
        22 => {
            doc.as_object_mut()?.insert(
                "permission".into(),
                json!({"kind": "asrm_provision_plan", "obtained": false}),
            );
        }
        // An independent test counted a hundredth of the live cells the clinic states.
        23 => {
            let stated = doc["disclosures"]["live_nucleated_cells"].as_u64()?;
            content_tests(&mut doc)?.push(json!({
                "tested_by": "Lab",
                "live_nucleated_cells": (stated / 100).max(1)
            }));
        }
        // A cryopreservation step (in a `fresh` record: a contradiction).
        _ => {
            let steps = product
                .get_mut("processing")?
                .get_mut("steps")?
                .as_array_mut()?;
            steps.push(json!("cryopreservation"));
        }
    }
    Some(doc)
}

const WORSE: usize = 24;

/// The offer's `marketing` object, created when absent.
fn marketing(doc: &mut Value) -> Option<&mut Value> {
    let map = doc.as_object_mut()?;
    Some(map.entry("marketing").or_insert_with(|| json!({})))
}

/// The offer's `content_tests` list, created when absent.
fn content_tests(doc: &mut Value) -> Option<&mut Vec<Value>> {
    let map = doc.as_object_mut()?;
    map.entry("content_tests")
        .or_insert_with(|| json!([]))
        .as_array_mut()
}

/// The worse facts that may make the record contradict itself: held to the deletion order.
const CONTRADICTING: &[usize] = &[14, 15];

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/// Every deletion of `doc` is held to the order (`strict`: the full order; otherwise
/// `common::offer_rank`), unless a row of the exception table excuses it.
fn check_deletions(doc: &Value, strict: bool) -> Result<(), TestCaseError> {
    let Some(before) = evaluation(doc) else {
        return Err(TestCaseError::fail(format!(
            "generated offer does not parse: {doc}"
        )));
    };
    let named = named_contradictions(&before);
    let before = before.verdict;
    for path in key_paths(doc) {
        let changed = without(doc, &path);
        let Some(after) = verdict(&changed) else {
            continue;
        };
        let up = if strict {
            after > before
        } else {
            offer_rank(after) > offer_rank(before)
        };
        if up {
            let shown = path_text(&path);
            prop_assert!(
                offer_exception(doc, &shown, &named).is_some(),
                "deleting {} moved {} to {}, and no row of the table excuses it: {}",
                shown,
                before,
                after,
                doc
            );
        }
    }
    Ok(())
}

fn run(strategy: BoxedStrategy<Value>, strict: bool) {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&strategy, |doc| check_deletions(&doc, strict))
        .unwrap();
}

/// Property 1: deleting any key never gives good signs to an offer that did not have them.
#[test]
fn deleting_a_key_never_gives_good_signs() {
    run(offer(false), false);
}

/// Property 2: from favourable documents, deleting any key never improves the verdict.
#[test]
fn deleting_a_favourable_fact_never_improves_the_verdict() {
    run(offer(true), true);
}

/// Property 5: the bundled offers with good signs (the trial site, Ryoncil on label), each with
/// one statement of issue #19 that can only count against it (a "research use only" label, a
/// paid study, an independent test that finds no MSCs, bacteria or too few cells, boosters, no
/// ASRM plan): as property 2, every deletion is held to the order unless a row of
/// `common::EXCEPTIONS` excuses it — and deleting the statement itself reaches good signs again,
/// excused only by its row (a statement that can only count against the offer).
#[test]
fn deleting_a_statement_that_only_counts_against_is_excused_by_its_row() {
    let samples = [
        include_str!("../examples/data/offers/trial_site.json"),
        include_str!("../examples/data/offers/ryoncil_on_label.json"),
    ];
    for text in samples {
        let base: Value = serde_json::from_str(text).expect("a sample offer");
        assert_eq!(verdict(&base), Some(PatientVerdict::GoodSigns));
        for how in [16usize, 17, 18, 19, 20, 23] {
            let doc = worsen(&base, how).expect("the worse fact applies");
            let before = evaluation(&doc).expect("parses");
            assert!(
                before.verdict < PatientVerdict::GoodSigns,
                "{how}: {}",
                before.verdict
            );
            let named = named_contradictions(&before);
            let mut excused = 0;
            for path in key_paths(&doc) {
                let Some(after) = verdict(&without(&doc, &path)) else {
                    continue;
                };
                if offer_rank(after) > offer_rank(before.verdict) {
                    let shown = path_text(&path);
                    let row = offer_exception(&doc, &shown, &named).unwrap_or_else(|| {
                        panic!(
                            "deleting {shown} moved {} to {after}: {doc}",
                            before.verdict
                        )
                    });
                    assert!(
                        shown.starts_with("marketing") || shown.starts_with("content_tests"),
                        "{shown} excused by {}",
                        row.key
                    );
                    excused += 1;
                }
            }
            assert!(
                excused > 0,
                "{how}: deleting the statement reaches good signs again"
            );
        }
    }
}

/// Property 3: offers around the prober's product documents, as property 1.
#[test]
fn deleting_a_key_of_the_probers_offers_never_gives_good_signs() {
    run(prober_offer(), false);
}

/// An offer around a product document of `common::prober_document`, with or without a place,
/// claims, disclosures and the patient's situation.
fn prober_offer() -> BoxedStrategy<Value> {
    (
        prober_document(),
        maybe(pick(&[
            "united_states",
            "european_union",
            "germany",
            "japan",
            "other",
        ])),
        pick(INDICATIONS),
        maybe(claims(false)),
        (
            flag(false),
            flag(false),
            flag(false),
            flag(false),
            flag(false),
        ),
    )
        .prop_map(
            |(product, place, indication, claims, (coa, source, tried, physician, regulated))| {
                let mut doc = Map::new();
                insert(&mut doc, "jurisdiction", place);
                doc.insert("product".into(), product);
                doc.insert("indication".into(), indication);
                let mut disclosures = Map::new();
                insert(&mut disclosures, "certificate_of_analysis_shown", coa);
                insert(&mut disclosures, "source_disclosed", source);
                doc.insert("disclosures".into(), Value::Object(disclosures));
                insert(&mut doc, "claims", claims);
                let mut patient = Map::new();
                insert(&mut patient, "standard_treatments_tried", tried);
                insert(&mut patient, "physician_supervised", physician);
                insert(&mut patient, "regulated_setting", regulated);
                doc.insert("patient".into(), Value::Object(patient));
                Value::Object(doc)
            },
        )
        .boxed()
}

/// Property 4: adding a worse fact never improves the verdict.
#[test]
fn a_worse_fact_never_improves_the_verdict() {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&(offer(false), 0..WORSE), |(doc, how)| {
            let before = verdict(&doc).expect("generated offer parses");
            let Some(changed) = worsen(&doc, how) else {
                return Ok(());
            };
            let Some(after) = verdict(&changed) else {
                return Ok(());
            };
            let up = if CONTRADICTING.contains(&how) {
                offer_rank(after) > offer_rank(before)
            } else {
                after > before
            };
            prop_assert!(
                !up,
                "worsening {} moved {} to {}: {}",
                how,
                before,
                after,
                doc
            );
            Ok(())
        })
        .unwrap();
}

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
#[allow(dead_code)]
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);
