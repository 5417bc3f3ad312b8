//! FDA's worked examples, one test each, written from the guidance texts (not from what the
//! crate returns):
//!
//! - "Regulatory Considerations for Human Cells, Tissues, and Cellular and Tissue-Based
//!   Products: Minimal Manipulation and Homologous Use" (FDA, Nov 2017, rev. Jul 2020), the
//!   examples whose tissue the crate's vocabulary holds (bone, skin, fascia lata, cartilage,
//!   ligament, pericardium, heart valve, cornea, vessels, islets and mobilized peripheral blood
//!   are not in it);
//! - "Same Surgical Procedure Exception under 21 CFR 1271.15(b): Questions and Answers
//!   Regarding the Scope of the Exception" (FDA, Nov 2017), with the MM/HU guidance's footnotes
//!   27-28 that point to it;
//! - the site-of-use cases of issue 8 (marrow into a knee, fat into a vein or heart muscle,
//!   amnion on the eye versus injected).

use msc_therapy::engine::us::{UsAssessment, UsClassification};
use msc_therapy::vocab::TISSUE_STEP_EXAMPLES;
use msc_therapy::{Outcome, Product, RuleId, classify_us};
use serde_json::{Value, json};

fn us(doc: &Value) -> UsAssessment {
    let product = Product::from_json(&doc.to_string())
        .unwrap_or_else(|e| panic!("test document does not parse: {e}\n{doc}"));
    classify_us(&product, ON)
}

fn with(mut doc: Value, path: &[&str], value: Value) -> Value {
    let mut node = &mut doc;
    for key in &path[..path.len() - 1] {
        node = node
            .as_object_mut()
            .expect("an object")
            .entry((*key).to_owned())
            .or_insert_with(|| json!({}));
    }
    node.as_object_mut()
        .expect("an object")
        .insert(path[path.len() - 1].to_owned(), value);
    doc
}

/// Every fact a 361 decision needs, for a product from `tissue` prepared as `preparation`,
/// given by `route`, for `indications`, declaring `functions`, after `steps`. Allogeneic, inert
/// (no systemic effect, not dependent on living cells), nothing added but storage agent.
fn product(
    tissue: &str,
    preparation: &str,
    steps: &[&str],
    route: &str,
    functions: &[&str],
    indications: &[&str],
) -> Value {
    json!({
        "name": "FDA example",
        "tissue": tissue,
        "preparation": preparation,
        "donor": "allogeneic_unrelated",
        "processing": {"steps": steps, "added_articles": ["storage_agent"]},
        "intended_use": {
            "functions": functions,
            "indications": indications,
            "systemic_effect": false,
            "depends_on_living_cells": false
        },
        "delivery": {"route": route}
    })
}

fn amnion(steps: &[&str]) -> Value {
    // Amniotic membrane laid over the surface of the eye as a covering (Example 19-4(c)).
    product(
        "amniotic_membrane",
        "tissue_sheet",
        steps,
        "topical",
        &["covering"],
        &[],
    )
    .pipe(|d| with(d, &["intended_use", "site_of_use"], json!("eye_surface")))
}

trait Pipe: Sized {
    fn pipe(self, f: impl FnOnce(Self) -> Self) -> Self {
        f(self)
    }
}
impl Pipe for Value {}

fn adipose(preparation: &str, steps: &[&str], route: &str, indications: &[&str]) -> Value {
    // The patient's own fat, taken back at a later operation (so the same surgical procedure
    // exception does not apply and the four criteria decide).
    product(
        "adipose_tissue",
        preparation,
        steps,
        route,
        &["cushioning"],
        indications,
    )
    .pipe(|d| with(d, &["donor"], json!("autologous")))
    .pipe(|d| with(d, &["processing", "same_surgical_procedure"], json!(false)))
}

// ---- Minimal manipulation (MM/HU guidance, section III) -------------------------------------

#[test]
fn example_10_2_a_amnion_preserved_and_packaged_in_sheets_is_minimally_manipulated() {
    let report = us(&amnion(&["rinsing", "sizing_shaping", "cryopreservation"]));
    assert_eq!(
        report.outcome_of(RuleId::UsMinimalManipulation),
        Outcome::Met
    );
    // Covering the eye is homologous (19-4(c)): nothing else stands between it and 361.
    assert_eq!(report.classification, UsClassification::Section361Hctp);
}

#[test]
fn example_10_2_b_ground_and_lyophilized_amnion_is_more_than_minimal_even_with_data() {
    let doc = amnion(&["grinding", "lyophilization"]);
    assert_eq!(
        us(&doc).outcome_of(RuleId::UsMinimalManipulation),
        Outcome::NotMet
    );
    // FDA calls it more than minimal: a maker's data cannot change that.
    let with_data = with(
        doc,
        &["processing", "minimal_manipulation_data"],
        json!(true),
    );
    let report = us(&with_data);
    assert_eq!(
        report.outcome_of(RuleId::UsMinimalManipulation),
        Outcome::NotMet
    );
    assert_eq!(report.classification, UsClassification::Section351Product);
}

#[test]
fn example_11_1_decellularized_adipose_matrix_is_more_than_minimally_manipulated() {
    // Fat reduced to its extracellular matrix loses "its bulk and lipid storage capacity".
    let doc = adipose(
        "decellularized_matrix",
        &["decellularization"],
        "subcutaneous",
        &["soft_tissue_defect"],
    );
    let report = us(&doc);
    assert_eq!(
        report.outcome_of(RuleId::UsMinimalManipulation),
        Outcome::NotMet
    );
    assert_eq!(report.classification, UsClassification::Section351Product);
    // Even with data, and even when the step list leaves the decellularization out: the
    // preparation is a decellularized matrix.
    let silent = with(
        with(doc, &["processing", "steps"], json!([])),
        &["processing", "minimal_manipulation_data"],
        json!(true),
    );
    assert_eq!(
        us(&silent).outcome_of(RuleId::UsMinimalManipulation),
        Outcome::NotMet
    );
}

#[test]
fn example_11_2_amnion_with_the_chorion_and_other_cells_removed_is_minimally_manipulated() {
    let report = us(&amnion(&["decellularization", "cryopreservation"]));
    assert_eq!(
        report.outcome_of(RuleId::UsMinimalManipulation),
        Outcome::Met
    );
    assert_eq!(report.classification, UsClassification::Section361Hctp);
}

#[test]
fn the_same_step_differs_by_tissue_examples_11_1_and_11_2() {
    // MM/HU guidance Q11: "the same processing may alter the original relevant characteristics
    // of a different structural tissue".
    let row = |tissue: msc_therapy::vocab::TissueSource| {
        msc_therapy::vocab::ProcessingStep::Decellularization
            .effect_on(tissue)
            .expect("both tissues are classified")
            .level
    };
    assert_eq!(
        row(msc_therapy::vocab::TissueSource::AmnioticMembrane),
        msc_therapy::vocab::ManipulationLevel::Minimal
    );
    assert_eq!(
        row(msc_therapy::vocab::TissueSource::AdiposeTissue),
        msc_therapy::vocab::ManipulationLevel::MoreThanMinimal
    );
    assert!(
        TISSUE_STEP_EXAMPLES
            .iter()
            .all(|e| e.citation.contains("Example") && e.citation.contains("MM/HU guidance"))
    );
}

#[test]
fn example_14_1_svf_is_more_than_minimal_regardless_of_the_method() {
    // "enzymatically digests, mechanically disrupts, etc. … with or without subsequent cell
    // culture or expansion" — and Q14: "regardless of the method used to isolate the cells".
    for steps in [
        &["enzymatic_digestion", "centrifugation"][..],
        &["mechanical_disruption", "centrifugation"][..],
        &["enzymatic_digestion", "culture_expansion"][..],
        &["centrifugation"][..],
    ] {
        let doc = adipose(
            "stromal_vascular_fraction",
            steps,
            "intra_articular",
            &["knee_osteoarthritis"],
        )
        .pipe(|d| with(d, &["processing", "minimal_manipulation_data"], json!(true)));
        let report = us(&doc);
        assert_eq!(
            report.outcome_of(RuleId::UsMinimalManipulation),
            Outcome::NotMet,
            "{steps:?}"
        );
        assert_eq!(
            report.classification,
            UsClassification::Section351Product,
            "{steps:?}"
        );
    }
}

#[test]
fn example_16_1_b_cultured_marrow_blood_forming_cells_are_more_than_minimal() {
    let doc = product(
        "bone_marrow",
        "cultured_cells",
        &["culture_expansion"],
        "intravenous",
        &["hematopoiesis"],
        &["hematopoietic_reconstitution"],
    );
    let report = us(&doc);
    assert_eq!(
        report.outcome_of(RuleId::UsMinimalManipulation),
        Outcome::NotMet
    );
    // More than minimally manipulated marrow is an HCT/P (MM/HU guidance footnote 18).
    assert_eq!(report.outcome_of(RuleId::UsIsHctp), Outcome::Met);
}

#[test]
fn example_16_1_c_cord_blood_selected_and_expanded_in_culture_is_more_than_minimal() {
    let doc = product(
        "umbilical_cord_blood",
        "cultured_cells",
        &["cell_isolation", "culture_expansion"],
        "intravenous",
        &["hematopoiesis"],
        &["hematopoietic_reconstitution"],
    );
    let report = us(&doc);
    assert_eq!(
        report.outcome_of(RuleId::UsMinimalManipulation),
        Outcome::NotMet
    );
    assert_eq!(report.classification, UsClassification::Section351Product);
}

#[test]
fn q15_amniotic_fluid_itself_is_not_an_hctp_but_cells_isolated_from_it_are() {
    // "Secreted body fluids (e.g., amniotic fluid) are generally not considered HCT/Ps. Cells
    // from secreted body fluids are generally considered HCT/Ps, and the definition of minimal
    // manipulation for cells or nonstructural tissues would apply."
    let fluid = product(
        "amniotic_fluid",
        "secreted_fluid",
        &[],
        "intra_articular",
        &[],
        &["knee_osteoarthritis"],
    );
    let report = us(&fluid);
    assert_eq!(report.outcome_of(RuleId::UsIsHctp), Outcome::NotMet);
    assert_eq!(report.classification, UsClassification::NotAnHctp);

    let cells = product(
        "amniotic_fluid",
        "perinatal_allograft",
        &["density_gradient_separation"],
        "intra_articular",
        &[],
        &["knee_osteoarthritis"],
    );
    let report = us(&cells);
    assert_eq!(report.outcome_of(RuleId::UsIsHctp), Outcome::Met);
    // Density-gradient separation is more than minimal for structural tissue but minimal for
    // cells: the nonstructural definition applies.
    assert_eq!(
        report.outcome_of(RuleId::UsMinimalManipulation),
        Outcome::Met
    );
}

#[test]
fn section_v_a_platelet_rich_plasma_is_a_blood_product_not_an_hctp() {
    let prp = json!({
        "name": "PRP",
        "preparation": "platelet_rich_plasma",
        "donor": "autologous"
    });
    assert_eq!(us(&prp).classification, UsClassification::NotAnHctp);
}

#[test]
fn an_unclassified_step_is_never_settled_by_data() {
    let doc = amnion(&["unclassified"]);
    assert_eq!(
        us(&doc).outcome_of(RuleId::UsMinimalManipulation),
        Outcome::NotMet
    );
    let with_data = with(
        doc,
        &["processing", "minimal_manipulation_data"],
        json!(true),
    );
    let report = us(&with_data);
    assert_eq!(
        report.outcome_of(RuleId::UsMinimalManipulation),
        Outcome::Undetermined
    );
    assert_ne!(report.classification, UsClassification::Section361Hctp);
}

// ---- Homologous use (MM/HU guidance, section IV) --------------------------------------------

#[test]
fn example_19_1_a_marrow_infused_to_reconstitute_blood_formation_is_homologous() {
    // Minimally manipulated, homologous, not combined: not an HCT/P at all (1271.3(d)(4)).
    let doc = product(
        "bone_marrow",
        "bone_marrow_aspirate",
        &[],
        "intravenous",
        &["hematopoiesis"],
        &["hematopoietic_reconstitution"],
    );
    let report = us(&doc);
    assert_eq!(
        report.outcome_of(RuleId::UsHomologousUse),
        Outcome::NotApplicable
    );
    assert_eq!(report.classification, UsClassification::NotAnHctp);
}

#[test]
fn example_19_1_b_marrow_into_an_artery_after_a_heart_attack_is_not_homologous() {
    let doc = product(
        "bone_marrow",
        "bone_marrow_concentrate",
        &["centrifugation"],
        "intracoronary",
        &["cardiac_repair"],
        &["acute_myocardial_infarction"],
    );
    let report = us(&doc);
    assert_eq!(report.outcome_of(RuleId::UsIsHctp), Outcome::Met);
    assert_eq!(report.outcome_of(RuleId::UsHomologousUse), Outcome::NotMet);
    // Declaring blood formation does not help: the indication and the site decide.
    let declared = with(
        doc,
        &["intended_use", "functions"],
        json!(["hematopoiesis"]),
    );
    let report = us(&declared);
    assert_eq!(report.outcome_of(RuleId::UsHomologousUse), Outcome::NotMet);
    assert_ne!(report.classification, UsClassification::NotAnHctp);
}

#[test]
fn example_19_1_c_cord_blood_intravenously_for_cerebral_palsy_is_not_homologous() {
    let doc = product(
        "umbilical_cord_blood",
        "cord_blood_unit",
        &["cryopreservation"],
        "intravenous",
        &[],
        &["cerebral_palsy"],
    );
    let report = us(&doc);
    assert_eq!(report.outcome_of(RuleId::UsHomologousUse), Outcome::NotMet);
    assert_eq!(report.classification, UsClassification::Section351Product);
}

#[test]
fn example_19_4_a_amnion_for_bone_regeneration_is_not_homologous() {
    let doc = product(
        "amniotic_membrane",
        "tissue_sheet",
        &["cryopreservation"],
        "intraosseous",
        &["musculoskeletal_repair"],
        &[],
    )
    .pipe(|d| with(d, &["intended_use", "site_of_use"], json!("bone")));
    let report = us(&doc);
    assert_eq!(report.outcome_of(RuleId::UsHomologousUse), Outcome::NotMet);
    // Without the declared aim the site alone shows it: bone does none of amnion's jobs.
    let quiet = with(doc, &["intended_use", "functions"], json!([]));
    assert_eq!(
        us(&quiet).outcome_of(RuleId::UsHomologousUse),
        Outcome::NotMet
    );
}

#[test]
fn example_19_4_b_amnion_for_wound_healing_or_inflammation_is_not_homologous() {
    let healing = amnion(&["cryopreservation"])
        .pipe(|d| {
            with(
                d,
                &["intended_use", "site_of_use"],
                json!("skin_or_wound_surface"),
            )
        })
        .pipe(|d| {
            with(
                d,
                &["intended_use", "indications"],
                json!(["chronic_wound"]),
            )
        });
    assert_eq!(
        us(&healing).outcome_of(RuleId::UsHomologousUse),
        Outcome::NotMet
    );
    // Injected into a knee to reduce inflammation.
    let injected = product(
        "amniotic_membrane",
        "perinatal_allograft",
        &["cryopreservation"],
        "intra_articular",
        &["immunomodulation"],
        &["knee_osteoarthritis"],
    );
    let report = us(&injected);
    assert_eq!(report.outcome_of(RuleId::UsHomologousUse), Outcome::NotMet);
    assert_eq!(report.classification, UsClassification::Section351Product);
}

#[test]
fn example_19_4_c_amnion_covering_the_eye_surface_is_homologous() {
    let report = us(&amnion(&["cryopreservation"]));
    assert_eq!(report.outcome_of(RuleId::UsHomologousUse), Outcome::Met);
    assert_eq!(report.classification, UsClassification::Section361Hctp);
}

#[test]
fn example_19_6_a_fat_filling_voids_in_the_face_is_homologous() {
    let doc = adipose(
        "fat_graft",
        &["rinsing"],
        "subcutaneous",
        &["soft_tissue_defect"],
    );
    let report = us(&doc);
    assert_eq!(report.outcome_of(RuleId::UsHomologousUse), Outcome::Met);
    assert_eq!(report.classification, UsClassification::Section361Hctp);
}

#[test]
fn example_19_6_b_fat_for_arthritis_or_tendonitis_is_not_homologous() {
    for (route, indication) in [
        ("intra_articular", "knee_osteoarthritis"),
        ("periarticular", "tendinopathy"),
    ] {
        let doc = adipose("fat_graft", &["rinsing"], route, &[indication]);
        assert_eq!(
            us(&doc).outcome_of(RuleId::UsHomologousUse),
            Outcome::NotMet,
            "{indication}"
        );
    }
}

#[test]
fn example_19_6_c_fat_for_multiple_sclerosis_is_not_homologous() {
    let doc = adipose(
        "fat_graft",
        &["rinsing"],
        "intravenous",
        &["multiple_sclerosis"],
    );
    assert_eq!(
        us(&doc).outcome_of(RuleId::UsHomologousUse),
        Outcome::NotMet
    );
}

#[test]
fn example_19_6_d_fat_in_the_subcutaneous_breast_is_homologous() {
    let doc = adipose(
        "fat_graft",
        &["rinsing"],
        "subcutaneous",
        &["soft_tissue_defect"],
    )
    .pipe(|d| with(d, &["intended_use", "site_of_use"], json!("breast")));
    let report = us(&doc);
    assert_eq!(report.outcome_of(RuleId::UsHomologousUse), Outcome::Met);
    assert_eq!(report.classification, UsClassification::Section361Hctp);
}

#[test]
fn q17_a_myriad_of_diseases_is_not_homologous_use_only() {
    let doc = adipose(
        "fat_graft",
        &["rinsing"],
        "subcutaneous",
        &["soft_tissue_defect", "autism", "copd"],
    );
    let report = us(&doc);
    let finding = report
        .finding(RuleId::UsHomologousUse)
        .expect("homologous-use finding");
    assert_eq!(finding.outcome, Outcome::NotMet);
    assert!(
        finding
            .reason
            .map(|r| r.text())
            .is_some_and(|r| r.contains("myriad"))
    );
    assert!(RuleId::UsHomologousUse.info().citation.contains("Q17"));
}

// ---- Site of use (issue 8) ------------------------------------------------------------------

#[test]
fn marrow_into_a_knee_for_osteoarthritis_declaring_hematopoiesis_is_an_hctp() {
    // The declared function is marrow's basic function, but not what happens in a knee, nor
    // what treating osteoarthritis needs: not homologous, so not excluded by 1271.3(d)(4).
    let doc = product(
        "bone_marrow",
        "bone_marrow_concentrate",
        &["centrifugation"],
        "intra_articular",
        &["hematopoiesis"],
        &["knee_osteoarthritis"],
    );
    let report = us(&doc);
    assert_eq!(report.outcome_of(RuleId::UsIsHctp), Outcome::Met);
    assert_ne!(report.classification, UsClassification::NotAnHctp);
    let finding = report
        .finding(RuleId::UsHomologousUse)
        .expect("homologous-use finding");
    assert_eq!(finding.outcome, Outcome::NotMet);
    // The contradiction is reported.
    assert!(
        finding
            .fact_named("intended_use.functions.contradict_indications")
            .is_some()
    );
}

#[test]
fn fat_graft_given_intravenously_or_into_heart_muscle_is_not_homologous() {
    for route in ["intravenous", "intramyocardial"] {
        let doc = adipose("fat_graft", &["rinsing"], route, &[]);
        let report = us(&doc);
        assert_eq!(
            report.outcome_of(RuleId::UsHomologousUse),
            Outcome::NotMet,
            "{route}"
        );
        assert_eq!(
            report.classification,
            UsClassification::Section351Product,
            "{route}"
        );
    }
    // The same fat under the skin, offered for nothing else, is homologous (19-6(a)).
    let doc = adipose("fat_graft", &["rinsing"], "subcutaneous", &[]);
    assert_eq!(us(&doc).outcome_of(RuleId::UsHomologousUse), Outcome::Met);
}

#[test]
fn a_stated_site_and_the_routes_site_must_both_be_homologous() {
    // Stated "subcutaneous", but given intravenously: judged at both places, the less
    // favourable reading.
    let doc = adipose(
        "fat_graft",
        &["rinsing"],
        "intravenous",
        &["soft_tissue_defect"],
    )
    .pipe(|d| with(d, &["intended_use", "site_of_use"], json!("subcutaneous")));
    assert_eq!(
        us(&doc).outcome_of(RuleId::UsHomologousUse),
        Outcome::NotMet
    );
}

#[test]
fn an_unknown_site_leaves_homologous_use_open_and_says_so() {
    // An intralesional injection could be anywhere.
    let doc = adipose(
        "fat_graft",
        &["rinsing"],
        "intralesional",
        &["soft_tissue_defect"],
    );
    let report = us(&doc);
    let finding = report
        .finding(RuleId::UsHomologousUse)
        .expect("homologous-use finding");
    assert_eq!(finding.outcome, Outcome::Undetermined);
    assert_eq!(finding.missing, vec!["intended_use.site_of_use"]);
    assert_eq!(report.classification, UsClassification::Undetermined);
}

// ---- Same surgical procedure exception (SSP guidance, Nov 2017) -----------------------------

fn fat_in_one_operation(steps: &[&str]) -> Value {
    // MM/HU guidance footnotes 27-28: autologous fat reimplanted after being "only rinsed or
    // cleansed" may meet 1271.15(b).
    json!({
        "name": "Autologous fat, same operation",
        "tissue": "adipose_tissue",
        "preparation": "fat_graft",
        "donor": "autologous",
        "processing": {"steps": steps, "added_articles": [], "same_surgical_procedure": true},
        "delivery": {"route": "subcutaneous"}
    })
}

#[test]
fn ssp_q3_fat_only_rinsed_and_put_back_in_the_same_operation_is_excepted() {
    for steps in [
        &["rinsing"][..],
        &["rinsing", "sizing_shaping"][..],
        &[][..],
    ] {
        let report = us(&fat_in_one_operation(steps));
        assert_eq!(
            report.classification,
            UsClassification::ExceptedSameSurgicalProcedure,
            "{steps:?}"
        );
    }
}

#[test]
fn ssp_centrifuged_lipoaspirate_is_left_open() {
    // The "Example 7-1" once cited for centrifuged lipoaspirate is known only from a secondary
    // source; the SSP guidance's own words keep rinsing, cleansing, sizing and shaping, and the
    // Ninth Circuit (2024) requires the removed and implanted HCT/P to be the same. The
    // exception is open, never met, and the finding rests on the court decisions.
    let report = us(&fat_in_one_operation(&["rinsing", "centrifugation"]));
    assert_eq!(
        report.outcome_of(RuleId::UsSameSurgicalProcedure),
        Outcome::Undetermined
    );
    assert_ne!(
        report.classification,
        UsClassification::ExceptedSameSurgicalProcedure
    );
}

#[test]
fn ssp_processing_beyond_rinsing_and_sizing_is_no_longer_such_hctp() {
    // Isolating cells (an SVF), digesting with enzymes or culturing them: not "such HCT/P"
    // (US v. US Stem Cell Clinic, 11th Cir. 2021; US v. California Stem Cell Treatment Center,
    // 9th Cir. 2024). Mechanical disruption that keeps tissue clusters is not settled by them:
    // it leaves the exception open (tests/corrections_us_offer.rs).
    for steps in [
        &["enzymatic_digestion", "centrifugation"][..],
        &["culture_expansion"][..],
    ] {
        let report = us(&fat_in_one_operation(steps));
        assert_eq!(
            report.outcome_of(RuleId::UsSameSurgicalProcedure),
            Outcome::NotMet,
            "{steps:?}"
        );
        assert_ne!(
            report.classification,
            UsClassification::ExceptedSameSurgicalProcedure,
            "{steps:?}"
        );
    }
    // An SVF preparation was isolated whatever the step list says.
    let svf = with(
        fat_in_one_operation(&["rinsing"]),
        &["preparation"],
        json!("stromal_vascular_fraction"),
    );
    assert_eq!(
        us(&svf).outcome_of(RuleId::UsSameSurgicalProcedure),
        Outcome::NotMet
    );
}

#[test]
fn ssp_q4_the_exception_is_for_autologous_use_only() {
    let donor = with(
        fat_in_one_operation(&["rinsing"]),
        &["donor"],
        json!("allogeneic_first_degree_relative"),
    );
    assert_eq!(
        us(&donor).outcome_of(RuleId::UsSameSurgicalProcedure),
        Outcome::NotMet
    );
}

#[test]
fn ssp_q5_removal_and_implantation_at_different_operations_is_not_the_same_procedure() {
    let later = with(
        fat_in_one_operation(&["rinsing"]),
        &["processing", "same_surgical_procedure"],
        json!(false),
    );
    let report = us(&later);
    assert_eq!(
        report.outcome_of(RuleId::UsSameSurgicalProcedure),
        Outcome::NotMet
    );
    assert_ne!(
        report.classification,
        UsClassification::ExceptedSameSurgicalProcedure
    );
}

#[test]
fn ssp_silence_about_the_steps_or_added_articles_is_never_the_exception() {
    // The issue's first case: an autologous SVF with its steps deleted must not become
    // "excepted".
    let svf = json!({
        "name": "Autologous adipose SVF",
        "tissue": "adipose_tissue",
        "donor": "autologous",
        "processing": {"same_surgical_procedure": true}
    });
    let report = us(&svf);
    assert_eq!(
        report.outcome_of(RuleId::UsSameSurgicalProcedure),
        Outcome::Undetermined
    );
    assert_ne!(
        report.classification,
        UsClassification::ExceptedSameSurgicalProcedure
    );
    let finding = report
        .finding(RuleId::UsSameSurgicalProcedure)
        .expect("exception finding");
    assert_eq!(
        finding.missing,
        vec!["processing.steps", "processing.added_articles"]
    );

    // And an amniotic membrane sheet with an empty processing record is not 361.
    let sheet = json!({
        "name": "Amniotic membrane sheet",
        "tissue": "amniotic_membrane",
        "preparation": "tissue_sheet",
        "donor": "allogeneic_unrelated",
        "processing": {}
    });
    let report = us(&sheet);
    assert_eq!(report.classification, UsClassification::Undetermined);
    assert!(report.missing.contains(&"processing.steps"));
    assert!(report.missing.contains(&"processing.added_articles"));
}

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
#[allow(dead_code)]
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);
