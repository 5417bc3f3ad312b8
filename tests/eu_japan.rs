//! EU (Regulation (EC) 1394/2007, Directive 2004/23/EC) and Japan (ASRM, PMD Act) classification.
//!
//! Expectations come from `shared/reference/eu-japan.md` sections 1 and 2: the Annex I list, the
//! two alternative "engineered" criteria of Art 2(1)(c), the TEP / sCTMP definitions, the Art
//! 2(2)(a) exclusion, the ASRM Class I cell categories and the MHLW homologous-use example.

use msc_therapy::{
    AsrmRiskClass, CellPreparation, EuClassification, Finding, Outcome, PmdActStatus,
    ProcessingStep, Product, RuleId, Severity, TissueFunction, TissueSource, classify_eu,
    classify_jp,
};
use proptest::prelude::*;

fn product(json: &str) -> Product {
    match serde_json::from_str(json) {
        Ok(p) => p,
        Err(e) => panic!("test document does not parse: {e}"),
    }
}

fn eu_outcome(p: &Product, rule: RuleId) -> Outcome {
    match classify_eu(p).finding(rule) {
        Some(f) => f.outcome,
        None => panic!("rule {rule} did not run"),
    }
}

fn jp_finding(p: &Product, rule: RuleId) -> Finding {
    match classify_jp(p).finding(rule) {
        Some(f) => f.clone(),
        None => panic!("rule {rule} did not run"),
    }
}

/// Ryoncil-like: allogeneic bone-marrow MSCs, culture-expanded, given IV for GvHD, acting by
/// immunomodulation.
fn ryoncil_like() -> Product {
    product(
        r#"{
        "name": "Ryoncil-like BM-MSC",
        "preparation": "culture_expanded_msc",
        "tissue": "bone_marrow",
        "donor": "allogeneic_unrelated",
        "processing": {"steps": ["culture_expansion", "cryopreservation"]},
        "intended_use": {"functions": ["immunomodulation"], "indications": ["graft_versus_host_disease"]},
        "mechanisms": ["immunomodulation"],
        "delivery": {"route": "intravenous"}
    }"#,
    )
}

/// Same-day autologous bone marrow concentrate, centrifugation only, for a homologous
/// (blood-forming) use.
fn same_day_bmac(same_procedure: bool, function: &str) -> Product {
    product(&format!(
        r#"{{
        "name": "Same-day BMAC",
        "preparation": "bone_marrow_concentrate",
        "tissue": "bone_marrow",
        "donor": "autologous",
        "processing": {{"steps": ["centrifugation"], "same_surgical_procedure": {same_procedure}}},
        "intended_use": {{"functions": ["{function}"]}}
    }}"#
    ))
}

// ---------------------------------------------------------------- EU: engineered criteria

#[test]
fn annex_i_rows_match_the_thirteen_listed_manipulations() {
    // Reference 1.3: cutting, grinding, shaping, centrifugation, soaking in antibiotic or
    // antimicrobial solutions, sterilization, irradiation, cell separation/concentration/
    // purification, filtering, lyophilization, freezing, cryopreservation, vitrification.
    let expected = [
        (ProcessingStep::Rinsing, false),
        (ProcessingStep::Cutting, true),
        (ProcessingStep::SizingShaping, true),
        (ProcessingStep::Grinding, true),
        (ProcessingStep::Centrifugation, true),
        (ProcessingStep::DensityGradientSeparation, true),
        // "cell separation, concentration or purification".
        (ProcessingStep::CellIsolation, true),
        (ProcessingStep::Filtering, true),
        (ProcessingStep::EnzymaticDigestion, false),
        (ProcessingStep::MechanicalDisruption, false),
        (ProcessingStep::CultureExpansion, false),
        (ProcessingStep::Cryopreservation, true),
        (ProcessingStep::Lyophilization, true),
        (ProcessingStep::Decellularization, false),
        (ProcessingStep::Sterilization, true),
        (ProcessingStep::GeneticModification, false),
        (ProcessingStep::ActivationPriming, false),
        (ProcessingStep::Unclassified, false),
    ];
    assert_eq!(
        expected.len(),
        ProcessingStep::ALL.len(),
        "a step is missing from this test"
    );
    for (step, in_annex) in expected {
        assert_eq!(step.info().eu_annex_i, in_annex, "{step}");
    }
}

#[test]
fn culture_expanded_bm_msc_for_gvhd_is_a_somatic_cell_therapy() {
    let report = classify_eu(&ryoncil_like());
    assert_eq!(report.classification, EuClassification::SomaticCellTherapy);
    assert_eq!(report.classification.is_atmp(), Some(true));
    // Culture is not in Annex I: substantial manipulation.
    assert_eq!(
        eu_outcome(&ryoncil_like(), RuleId::EuSubstantialManipulation),
        Outcome::Met
    );
    // Bone marrow forms blood; immunomodulation is another essential function.
    assert_eq!(
        eu_outcome(&ryoncil_like(), RuleId::EuEssentialFunction),
        Outcome::Met
    );
    assert_eq!(
        eu_outcome(&ryoncil_like(), RuleId::EuAtmpClass),
        Outcome::Met
    );
}

#[test]
fn same_day_autologous_bmac_for_homologous_use_is_not_an_atmp_and_is_excluded() {
    let p = same_day_bmac(true, "hematopoiesis");
    let report = classify_eu(&p);
    assert_eq!(
        report.classification,
        EuClassification::ExcludedAutologousSameProcedure
    );
    assert_eq!(report.classification.is_atmp(), Some(false));
    assert_eq!(
        eu_outcome(&p, RuleId::EuSubstantialManipulation),
        Outcome::NotMet
    );
    assert_eq!(eu_outcome(&p, RuleId::EuEssentialFunction), Outcome::NotMet);
    assert_eq!(
        eu_outcome(&p, RuleId::EuAutologousSameProcedure),
        Outcome::Met
    );
    assert!(report.finding(RuleId::EuAtmpClass).is_none());
}

#[test]
fn autologous_bmac_outside_the_same_procedure_falls_under_the_tissues_and_cells_directive() {
    let p = same_day_bmac(false, "hematopoiesis");
    let report = classify_eu(&p);
    assert_eq!(
        report.classification,
        EuClassification::NotAtmpTissuesAndCells
    );
    assert_eq!(
        eu_outcome(&p, RuleId::EuAutologousSameProcedure),
        Outcome::NotMet
    );
    assert_eq!(eu_outcome(&p, RuleId::EuTissuesAndCells), Outcome::Met);
}

#[test]
fn allogeneic_cells_are_never_an_autologous_graft() {
    let mut p = same_day_bmac(true, "hematopoiesis");
    p.donor = Some(msc_therapy::Donor::AllogeneicFirstDegreeRelative);
    assert_eq!(
        classify_eu(&p).classification,
        EuClassification::NotAtmpTissuesAndCells
    );
    assert_eq!(
        eu_outcome(&p, RuleId::EuAutologousSameProcedure),
        Outcome::NotMet
    );
}

#[test]
fn autologous_exclusion_is_not_assumed_when_the_procedure_is_unknown() {
    let mut p = same_day_bmac(true, "hematopoiesis");
    if let Some(processing) = p.processing.as_mut() {
        processing.same_surgical_procedure = None;
    }
    let report = classify_eu(&p);
    assert_eq!(
        report.classification,
        EuClassification::NotAtmpTissuesAndCells
    );
    let excl = report.finding(RuleId::EuAutologousSameProcedure);
    assert_eq!(excl.map(|f| f.outcome), Some(Outcome::Undetermined));
    assert_eq!(
        excl.map(|f| f.missing.iter_str().collect::<Vec<_>>()),
        Some(vec!["processing.same_surgical_procedure"])
    );
}

#[test]
fn minimally_processed_marrow_for_a_non_homologous_use_is_engineered() {
    // Art 2(1)(c): the criteria are alternatives. Centrifugation is Annex I, but cartilage
    // repair is not what bone marrow does in the donor.
    let p = same_day_bmac(true, "musculoskeletal_repair");
    let report = classify_eu(&p);
    assert_eq!(
        eu_outcome(&p, RuleId::EuSubstantialManipulation),
        Outcome::NotMet
    );
    assert_eq!(eu_outcome(&p, RuleId::EuEssentialFunction), Outcome::Met);
    assert_eq!(
        report.classification,
        EuClassification::TissueEngineeredProduct
    );
}

#[test]
fn collagenase_digested_adipose_cells_are_substantially_manipulated() {
    // Reference 1.3 (secondary, Raposio & Ciliberti 2017): collagenase digestion is substantial.
    let p = product(
        r#"{
        "name": "Adipose SVF for breast reconstruction",
        "preparation": "stromal_vascular_fraction",
        "tissue": "adipose_tissue",
        "donor": "autologous",
        "processing": {"steps": ["enzymatic_digestion", "centrifugation"], "same_surgical_procedure": true},
        "intended_use": {"functions": ["support", "cushioning"], "indications": ["soft_tissue_defect"]}
    }"#,
    );
    let report = classify_eu(&p);
    assert_eq!(
        eu_outcome(&p, RuleId::EuSubstantialManipulation),
        Outcome::Met
    );
    assert_eq!(eu_outcome(&p, RuleId::EuEssentialFunction), Outcome::NotMet);
    assert_eq!(report.classification.is_atmp(), Some(true));
    // Replacing soft tissue volume: the TEP purpose.
    assert_eq!(
        report.classification,
        EuClassification::TissueEngineeredProduct
    );
    let manip = report.finding(RuleId::EuSubstantialManipulation);
    assert_eq!(
        manip
            .and_then(|f| f.fact_named("derived.steps_outside_annex_i"))
            .map(|f| f.value.to_string()),
        Some("enzymatic_digestion".to_owned())
    );
}

#[test]
fn genetically_modified_cells_are_a_gene_therapy_product() {
    let p = product(
        r#"{
        "name": "Modified MSCs",
        "preparation": "culture_expanded_msc",
        "tissue": "bone_marrow",
        "donor": "autologous",
        "processing": {"steps": ["genetic_modification", "culture_expansion"]},
        "intended_use": {"functions": ["neural_repair"], "indications": ["traumatic_brain_injury"]}
    }"#,
    );
    assert_eq!(
        classify_eu(&p).classification,
        EuClassification::GeneTherapy
    );
}

#[test]
fn a_product_fitting_both_tep_and_sctmp_is_left_open() {
    // Cartilage repair (TEP purpose) claimed through paracrine action for a disease (sCTMP
    // mode): the Art 2(4) tie-break is unverified, so the crate does not apply it.
    let p = product(
        r#"{
        "name": "Cultured MSCs for cartilage",
        "preparation": "culture_expanded_msc",
        "tissue": "umbilical_cord_tissue",
        "donor": "allogeneic_unrelated",
        "processing": {"steps": ["culture_expansion"]},
        "intended_use": {"functions": ["musculoskeletal_repair"], "indications": ["cartilage_defect"]},
        "mechanisms": ["paracrine_signalling"]
    }"#,
    );
    let report = classify_eu(&p);
    assert_eq!(
        report.classification,
        EuClassification::AtmpClassUndetermined
    );
    assert_eq!(report.classification.is_atmp(), Some(true));
    assert_eq!(eu_outcome(&p, RuleId::EuAtmpClass), Outcome::Undetermined);
}

#[test]
fn missing_facts_leave_the_eu_classification_undetermined() {
    let empty = product(r#"{"name": "unknown"}"#);
    let report = classify_eu(&empty);
    assert_eq!(report.classification, EuClassification::Undetermined);
    let manip = report.finding(RuleId::EuSubstantialManipulation);
    assert_eq!(
        manip.map(|f| f.missing.iter_str().collect::<Vec<_>>()),
        Some(vec!["processing.steps"])
    );
    let func = report.finding(RuleId::EuEssentialFunction);
    assert_eq!(
        func.map(|f| f.missing.iter_str().collect::<Vec<_>>()),
        Some(vec!["tissue"])
    );
}

#[test]
fn an_unclassified_step_leaves_the_manipulation_open() {
    let mut p = same_day_bmac(true, "hematopoiesis");
    if let Some(processing) = p.processing.as_mut() {
        processing
            .steps
            .get_or_insert_with(Vec::new)
            .push(ProcessingStep::Unclassified);
    }
    assert_eq!(
        eu_outcome(&p, RuleId::EuSubstantialManipulation),
        Outcome::Undetermined
    );
    assert_eq!(
        classify_eu(&p).classification,
        EuClassification::Undetermined
    );
}

#[test]
fn unknown_donor_leaves_a_non_engineered_product_open() {
    let mut p = same_day_bmac(true, "hematopoiesis");
    p.donor = None;
    assert_eq!(
        classify_eu(&p).classification,
        EuClassification::Undetermined
    );
    assert_eq!(
        eu_outcome(&p, RuleId::EuTissuesAndCells),
        Outcome::Undetermined
    );
}

#[test]
fn hospital_exemption_is_flagged_for_atmps_only_and_cat_route_always() {
    let atmp = classify_eu(&ryoncil_like());
    let he = atmp.finding(RuleId::EuHospitalExemption);
    assert_eq!(he.map(|f| f.outcome), Some(Outcome::Undetermined));
    assert_eq!(he.map(|f| f.severity), Some(Severity::Info));
    assert!(atmp.finding(RuleId::EuCatClassification).is_some());

    let not_atmp = classify_eu(&same_day_bmac(true, "hematopoiesis"));
    assert_eq!(
        not_atmp
            .finding(RuleId::EuHospitalExemption)
            .map(|f| f.outcome),
        Some(Outcome::NotApplicable)
    );
    assert!(not_atmp.finding(RuleId::EuCatClassification).is_some());
}

#[test]
fn every_finding_cites_its_article() {
    let products = [
        ryoncil_like(),
        same_day_bmac(true, "hematopoiesis"),
        product(r#"{"name": "unknown"}"#),
    ];
    for p in &products {
        for f in classify_eu(p)
            .findings
            .iter()
            .chain(classify_jp(p).findings.iter())
        {
            assert_eq!(f.citation(), f.rule.info().citation);
            assert!(
                f.citation().contains("Art")
                    || f.citation().contains("notice")
                    || f.citation().contains("Act No."),
                "{}: {}",
                f.rule,
                f.citation()
            );
        }
    }
    assert!(
        RuleId::EuSubstantialManipulation
            .info()
            .citation
            .contains("1394/2007 Art 2(1)(c)")
    );
    assert!(
        RuleId::EuAutologousSameProcedure
            .info()
            .citation
            .contains("2004/23/EC Art 2(2)(a)")
    );
    assert!(
        RuleId::EuHospitalExemption
            .info()
            .citation
            .contains("Art 3(7)")
    );
    assert!(
        RuleId::EuCatClassification
            .info()
            .citation
            .contains("Art 17")
    );
    assert!(
        RuleId::JpHomologousUse
            .info()
            .citation
            .contains("医政研発1031第1号")
    );
    assert!(
        RuleId::JpConditionalApproval
            .info()
            .citation
            .contains("Art 23-26")
    );
}

#[test]
fn rule_ids_round_trip_through_their_machine_names() {
    for (id, code) in [
        (RuleId::EuSubstantialManipulation, "eu.reg1394.2.1.c.1"),
        (RuleId::EuEssentialFunction, "eu.reg1394.2.1.c.2"),
        (RuleId::EuAutologousSameProcedure, "eu.dir2004_23.2.2.a"),
        (RuleId::JpAsrmClassI, "jp.asrm.class_i"),
    ] {
        assert_eq!(id.to_string(), code);
        assert_eq!(code.parse::<RuleId>(), Ok(id));
    }
}

#[test]
fn eu_report_serializes_and_displays_a_memo() {
    let report = classify_eu(&ryoncil_like());
    let json = match serde_json::to_value(&report) {
        Ok(v) => v,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(json["classification"], "somatic_cell_therapy");
    assert_eq!(json["findings"][0]["rule"], "eu.reg1394.2.1.c.1");
    let memo = report.to_string();
    assert!(memo.starts_with("EU classification: somatic_cell_therapy"));
    assert_eq!(memo.lines().count(), 1 + report.findings.len());
}

#[cfg(feature = "schemars")]
#[test]
fn report_schemas_describe_the_classification_names() {
    let eu = serde_json::to_string(&schemars::schema_for!(msc_therapy::EuAssessment));
    assert!(eu.is_ok_and(|s| s.contains("excluded_autologous_same_procedure")));
    let jp = serde_json::to_string(&schemars::schema_for!(msc_therapy::JpAssessment));
    assert!(
        jp.is_ok_and(|s| s.contains("class_iii") && s.contains("regenerative_medical_product"))
    );
}

// ---------------------------------------------------------------- Japan

#[test]
fn allogeneic_cultured_bm_msc_is_class_i_and_a_regenerative_medical_product() {
    let report = classify_jp(&ryoncil_like());
    assert_eq!(report.risk_class, AsrmRiskClass::ClassI);
    assert_eq!(report.pmd_act, PmdActStatus::RegenerativeMedicalProduct);
    assert_eq!(
        jp_finding(&ryoncil_like(), RuleId::JpAsrmClassI).outcome,
        Outcome::Met
    );
}

#[test]
fn autologous_cultured_msc_is_class_ii() {
    let mut p = ryoncil_like();
    p.donor = Some(msc_therapy::Donor::Autologous);
    let report = classify_jp(&p);
    assert_eq!(report.risk_class, AsrmRiskClass::ClassII);
    assert_eq!(
        jp_finding(&p, RuleId::JpAsrmClassI).outcome,
        Outcome::NotMet
    );
    assert_eq!(jp_finding(&p, RuleId::JpAsrmClassII).outcome, Outcome::Met);
}

#[test]
fn culture_is_read_from_the_preparation_or_from_the_steps() {
    // Either fact shows the cells were cultured; one missing from the record does not hide it.
    let mut p = ryoncil_like();
    p.donor = Some(msc_therapy::Donor::Autologous);
    if let Some(processing) = p.processing.as_mut() {
        processing.steps = Some(vec![ProcessingStep::Cryopreservation]);
    }
    let report = classify_jp(&p);
    assert_eq!(report.risk_class, AsrmRiskClass::ClassII);
    assert_eq!(report.pmd_act, PmdActStatus::RegenerativeMedicalProduct);

    let mut p = ryoncil_like();
    p.donor = Some(msc_therapy::Donor::Autologous);
    p.preparation = None;
    assert_eq!(classify_jp(&p).risk_class, AsrmRiskClass::ClassII);
}

#[test]
fn a_step_the_crate_cannot_classify_leaves_the_asrm_class_open() {
    // Class I covers genetically modified cells: an unclassified step could be one, so the
    // patient's own uncultured cells are not placed below Class I.
    let mut p = adipose_cells(r#""support""#, "subcutaneous");
    if let Some(processing) = p.processing.as_mut() {
        processing
            .steps
            .get_or_insert_with(Vec::new)
            .push(ProcessingStep::Unclassified);
    }
    let report = classify_jp(&p);
    assert_eq!(report.risk_class, AsrmRiskClass::Undetermined);
    let class_i = jp_finding(&p, RuleId::JpAsrmClassI);
    assert_eq!(class_i.outcome, Outcome::Undetermined);
    assert_eq!(class_i.missing, vec!["processing.steps"]);

    // Activation (priming) is not settled by the reference either: Class II stays open.
    let mut p = adipose_cells(r#""support""#, "subcutaneous");
    if let Some(processing) = p.processing.as_mut() {
        processing
            .steps
            .get_or_insert_with(Vec::new)
            .push(ProcessingStep::ActivationPriming);
    }
    let report = classify_jp(&p);
    assert_eq!(report.risk_class, AsrmRiskClass::Undetermined);
    assert_eq!(
        jp_finding(&p, RuleId::JpAsrmClassII).outcome,
        Outcome::Undetermined
    );
}

#[test]
fn genetically_modified_autologous_cells_are_class_i() {
    let mut p = ryoncil_like();
    p.donor = Some(msc_therapy::Donor::Autologous);
    if let Some(processing) = p.processing.as_mut() {
        processing
            .steps
            .get_or_insert_with(Vec::new)
            .push(ProcessingStep::GeneticModification);
    }
    assert_eq!(classify_jp(&p).risk_class, AsrmRiskClass::ClassI);
    // A settled class: information, not an open question.
    let class_i = jp_finding(&p, RuleId::JpAsrmClassI);
    assert_eq!(
        (class_i.outcome, class_i.severity),
        (Outcome::Met, Severity::Info)
    );
    assert_eq!(
        classify_eu(&p).classification,
        EuClassification::GeneTherapy
    );
}

#[test]
fn animal_cells_are_class_i() {
    let p = product(
        r#"{
        "name": "Animal fat graft",
        "preparation": "fat_graft",
        "tissue": "adipose_tissue",
        "donor": "xenogeneic",
        "processing": {"steps": ["centrifugation"]},
        "intended_use": {"functions": ["cushioning"]}
    }"#,
    );
    assert_eq!(classify_jp(&p).risk_class, AsrmRiskClass::ClassI);
    // Not engineered, but not human tissues and cells either: the EU answer stays open.
    assert_eq!(
        classify_eu(&p).classification,
        EuClassification::Undetermined
    );
    assert_eq!(eu_outcome(&p, RuleId::EuTissuesAndCells), Outcome::NotMet);
}

#[test]
fn non_viable_engineered_tissue_is_not_assumed_to_be_a_tep() {
    // Art 2(1)(b): exclusively non-viable cells or tissues not acting principally by
    // pharmacological, immunological or metabolic action are excluded from the TEP definition.
    let p = product(
        r#"{
        "name": "Decellularised amnion sheet",
        "preparation": "tissue_sheet",
        "tissue": "amniotic_membrane",
        "donor": "allogeneic_unrelated",
        "processing": {"steps": ["decellularization"]},
        "intended_use": {"functions": ["musculoskeletal_repair"]}
    }"#,
    );
    // Decellularisation is not in Annex I, and no cited source names it substantial: open.
    assert_eq!(
        eu_outcome(&p, RuleId::EuSubstantialManipulation),
        Outcome::Undetermined
    );
    // Repairing tendon is not what amnion does in the donor (covering, barrier): engineered by
    // the second indent, and a regenerative purpose would point to a TEP.
    assert_eq!(eu_outcome(&p, RuleId::EuEssentialFunction), Outcome::Met);
    assert_eq!(eu_outcome(&p, RuleId::EuAtmpClass), Outcome::Undetermined);
    assert_ne!(
        classify_eu(&p).classification,
        EuClassification::TissueEngineeredProduct
    );
}

fn adipose_cells(functions: &str, route: &str) -> Product {
    product(&format!(
        r#"{{
        "name": "Adipose-derived cells",
        "preparation": "stromal_vascular_fraction",
        "tissue": "adipose_tissue",
        "donor": "autologous",
        "processing": {{"steps": ["enzymatic_digestion", "centrifugation"]}},
        "intended_use": {{"functions": [{functions}]}},
        "delivery": {{"route": "{route}"}}
    }}"#
    ))
}

#[test]
fn mhlw_example_adipose_cells_for_breast_reconstruction_are_homologous() {
    let p = adipose_cells(r#""support", "cushioning""#, "subcutaneous");
    assert_eq!(
        jp_finding(&p, RuleId::JpHomologousUse).outcome,
        Outcome::Met
    );
    // Minimally processed autologous cells for homologous use: Class III (reference 2.2), with
    // a warning that the Class II criteria are unconfirmed.
    let report = classify_jp(&p);
    assert_eq!(report.risk_class, AsrmRiskClass::ClassIII);
    let class_ii = jp_finding(&p, RuleId::JpAsrmClassII);
    assert_eq!(class_ii.outcome, Outcome::NotMet);
    assert_eq!(class_ii.severity, Severity::Warning);
}

#[test]
fn mhlw_example_adipose_cells_iv_for_diabetes_are_not_homologous() {
    // The vocabulary has no diabetes indication; what matters is that the claimed function is
    // not one of fat tissue's.
    let p = adipose_cells(r#""general_regeneration""#, "intravenous");
    assert_eq!(
        jp_finding(&p, RuleId::JpHomologousUse).outcome,
        Outcome::NotMet
    );
    assert_eq!(classify_jp(&p).risk_class, AsrmRiskClass::ClassII);
}

#[test]
fn marrow_given_to_form_blood_may_be_a_transplant_outside_asrm() {
    // Cabinet Order No. 278 Art 1 excludes haematopoietic stem cell transplantation.
    let p = same_day_bmac(true, "hematopoiesis");
    let report = classify_jp(&p);
    assert_eq!(report.risk_class, AsrmRiskClass::Undetermined);
    assert_eq!(
        report.finding(RuleId::JpAsrmExcluded).map(|f| f.outcome),
        Some(Outcome::Undetermined)
    );
    assert!(report.finding(RuleId::JpAsrmClassI).is_none());
    // Japan's list of minimal operations is not in the reference: the PMD Act status is open.
    assert_eq!(report.pmd_act, PmdActStatus::Undetermined);
}

#[test]
fn missing_facts_leave_the_japanese_classification_undetermined() {
    let empty = classify_jp(&product(r#"{"name": "unknown"}"#));
    assert_eq!(empty.risk_class, AsrmRiskClass::Undetermined);
    assert_eq!(empty.pmd_act, PmdActStatus::Undetermined);
    let class_i = empty.finding(RuleId::JpAsrmClassI);
    assert_eq!(
        class_i.map(|f| f.missing.iter_str().collect::<Vec<_>>()),
        Some(vec!["donor"])
    );

    // Autologous, but no processing record: gene introduction cannot be ruled out.
    let mut p = adipose_cells(r#""support""#, "subcutaneous");
    p.processing = None;
    let report = classify_jp(&p);
    assert_eq!(report.risk_class, AsrmRiskClass::Undetermined);
    assert_eq!(
        report.finding(RuleId::JpAsrmClassI).map(|f| f.outcome),
        Some(Outcome::Undetermined)
    );

    // Autologous and uncultured, but the use is not described.
    let mut p = adipose_cells(r#""support""#, "subcutaneous");
    p.intended_use = None;
    let report = classify_jp(&p);
    assert_eq!(report.risk_class, AsrmRiskClass::Undetermined);
    assert_eq!(
        report
            .finding(RuleId::JpHomologousUse)
            .map(|f| f.missing.iter_str().collect::<Vec<_>>()),
        Some(vec!["intended_use.functions"])
    );
}

#[test]
fn conditional_approval_is_flagged_with_its_seven_year_limit() {
    let report = classify_jp(&ryoncil_like());
    let f = report.finding(RuleId::JpConditionalApproval);
    assert_eq!(f.map(|f| f.outcome), Some(Outcome::Undetermined));
    let limit = f.and_then(|f| f.fact_named("pmd_act.conditional_approval_max_years"));
    assert_eq!(limit.map(|l| l.value.to_string()), Some("7".to_owned()));

    let exosomes = product(r#"{"name": "exosomes", "preparation": "extracellular_vesicles"}"#);
    let report = classify_jp(&exosomes);
    assert_eq!(report.pmd_act, PmdActStatus::NotRegenerativeMedicalProduct);
    assert_eq!(
        report
            .finding(RuleId::JpConditionalApproval)
            .map(|f| f.outcome),
        Some(Outcome::NotApplicable)
    );
    assert_eq!(
        classify_eu(&exosomes).classification,
        EuClassification::Undetermined
    );
}

#[test]
fn cell_free_exosomes_from_cultured_msc_are_not_an_atmp_class() {
    // A TEP "contains or consists of engineered cells or tissues"; an sCTMP "contains or
    // consists of cells or tissues" (Reg 1394/2007 Art 2(1)(b); Dir 2001/83/EC Annex I Part IV).
    // Vesicles from cultured MSCs, claimed to immunomodulate, contain no cells.
    let exosomes = product(
        r#"{
        "name": "MSC exosomes",
        "preparation": "extracellular_vesicles",
        "tissue": "bone_marrow",
        "donor": "allogeneic_unrelated",
        "processing": {"steps": ["culture_expansion"]},
        "intended_use": {"functions": ["immunomodulation"], "indications": ["graft_versus_host_disease"]},
        "mechanisms": ["extracellular_vesicles"]
    }"#,
    );
    let report = classify_eu(&exosomes);
    assert_eq!(report.classification, EuClassification::Undetermined);
    assert_eq!(
        report.finding(RuleId::EuAtmpClass).map(|f| f.outcome),
        Some(Outcome::Undetermined)
    );
}

#[test]
fn an_engineered_criterion_that_is_not_met_is_information_only() {
    // Centrifugation is an Annex I manipulation and blood formation is marrow's own function:
    // neither Art 2(1)(c) criterion is met, and there is nothing to answer.
    let report = classify_eu(&same_day_bmac(true, "hematopoiesis"));
    for rule in [
        RuleId::EuSubstantialManipulation,
        RuleId::EuEssentialFunction,
    ] {
        let f = report.finding(rule).map(|f| (f.outcome, f.severity));
        assert_eq!(f, Some((Outcome::NotMet, Severity::Info)), "{rule}");
    }
}

#[test]
fn homing_and_engraftment_are_not_a_pharmacological_mode_of_action() {
    // TEP: presented to regenerate, repair or replace a tissue. Cells said to home to the
    // lesion and become cartilage claim no pharmacological, immunological or metabolic action
    // (the sCTMP purpose), even for a named disease.
    let p = product(
        r#"{
        "name": "Cultured chondrogenic MSCs",
        "preparation": "culture_expanded_msc",
        "tissue": "bone_marrow",
        "donor": "autologous",
        "processing": {"steps": ["culture_expansion"]},
        "intended_use": {"functions": ["musculoskeletal_repair"], "indications": ["knee_osteoarthritis"]},
        "mechanisms": ["homing", "differentiation_engraftment"]
    }"#,
    );
    assert_eq!(
        classify_eu(&p).classification,
        EuClassification::TissueEngineeredProduct
    );
}

fn eu_severity(report: &msc_therapy::EuAssessment, rule: RuleId) -> Option<(Outcome, Severity)> {
    report.finding(rule).map(|f| (f.outcome, f.severity))
}

#[test]
fn eu_open_questions_are_warnings_and_settled_answers_information() {
    // Same-day autologous marrow for blood formation: Directive 2004/23/EC Art 2(2)(a) excludes
    // it; the Directive does not apply and the classification is settled.
    let settled = classify_eu(&same_day_bmac(true, "hematopoiesis"));
    assert_eq!(
        eu_severity(&settled, RuleId::EuTissuesAndCells),
        Some((Outcome::NotMet, Severity::Info))
    );
    assert_eq!(
        eu_severity(&settled, RuleId::EuCatClassification).map(|x| x.1),
        Some(Severity::Info)
    );

    // Whether it is the same surgical procedure is unknown: the exclusion is an open question.
    let mut p = same_day_bmac(true, "hematopoiesis");
    if let Some(processing) = p.processing.as_mut() {
        processing.same_surgical_procedure = None;
    }
    assert_eq!(
        eu_severity(&classify_eu(&p), RuleId::EuAutologousSameProcedure),
        Some((Outcome::Undetermined, Severity::Warning))
    );

    // Donor unknown: whether the Directive applies is open, and so is the classification,
    // for which a CAT recommendation (Art 17) is the formal route.
    let mut p = same_day_bmac(true, "hematopoiesis");
    p.donor = None;
    let open = classify_eu(&p);
    assert_eq!(
        eu_severity(&open, RuleId::EuTissuesAndCells),
        Some((Outcome::Undetermined, Severity::Warning))
    );
    assert_eq!(
        eu_severity(&open, RuleId::EuCatClassification).map(|x| x.1),
        Some(Severity::Warning)
    );

    // Animal cells are not human tissues and cells: the Directive does not cover them, and
    // their status is left for the reader to settle.
    let mut p = same_day_bmac(true, "hematopoiesis");
    p.donor = Some(msc_therapy::Donor::Xenogeneic);
    assert_eq!(
        eu_severity(&classify_eu(&p), RuleId::EuTissuesAndCells),
        Some((Outcome::NotMet, Severity::Warning))
    );
}

fn jp_severity(p: &Product, rule: RuleId) -> (Outcome, Severity) {
    let f = jp_finding(p, rule);
    (f.outcome, f.severity)
}

#[test]
fn settled_asrm_answers_are_information() {
    // Donor cells (Class I), the patient's own cultured cells (not Class I; Class II) and an
    // MHLW-style homologous use are answers, not open questions.
    assert_eq!(
        jp_severity(&ryoncil_like(), RuleId::JpAsrmClassI),
        (Outcome::Met, Severity::Info)
    );
    let mut own = ryoncil_like();
    own.donor = Some(msc_therapy::Donor::Autologous);
    assert_eq!(
        jp_severity(&own, RuleId::JpAsrmClassI),
        (Outcome::NotMet, Severity::Info)
    );
    assert_eq!(
        jp_severity(&own, RuleId::JpAsrmClassII),
        (Outcome::Met, Severity::Info)
    );
    let mut animal = ryoncil_like();
    animal.donor = Some(msc_therapy::Donor::Xenogeneic);
    assert_eq!(
        jp_severity(&animal, RuleId::JpAsrmClassI),
        (Outcome::Met, Severity::Info)
    );
    assert_eq!(
        jp_severity(
            &adipose_cells(r#""support""#, "subcutaneous"),
            RuleId::JpHomologousUse
        ),
        (Outcome::Met, Severity::Info)
    );
}

#[test]
fn the_pmd_act_finding_states_its_answer() {
    // Cultured live cells (processed cells) and genetically modified cells are regenerative
    // medical products; a cell-free preparation holds no cells and is not one.
    let cultured = jp_finding(&ryoncil_like(), RuleId::JpRegenerativeMedicalProduct);
    assert_eq!(cultured.outcome, Outcome::Met);

    let mut modified = adipose_cells(r#""support""#, "subcutaneous");
    if let Some(processing) = modified.processing.as_mut() {
        processing
            .steps
            .get_or_insert_with(Vec::new)
            .push(ProcessingStep::GeneticModification);
    }
    assert_eq!(
        jp_finding(&modified, RuleId::JpRegenerativeMedicalProduct).outcome,
        Outcome::Met
    );

    let exosomes = product(r#"{"name": "exosomes", "preparation": "extracellular_vesicles"}"#);
    assert_eq!(
        jp_severity(&exosomes, RuleId::JpRegenerativeMedicalProduct),
        (Outcome::NotMet, Severity::Info)
    );

    // Non-homologous use places uncultured cells in Class II: a settled answer.
    let p = adipose_cells(r#""general_regeneration""#, "intravenous");
    assert_eq!(
        jp_severity(&p, RuleId::JpAsrmClassII),
        (Outcome::Met, Severity::Info)
    );
}

#[test]
fn cultured_cells_that_are_no_longer_alive_are_not_a_regenerative_medical_product() {
    // PMD Act: a regenerative medical product is processed *live* cells (or a gene therapy).
    // A freeze-dried sheet made from cultured cells delivers no live cells.
    let p = product(
        r#"{
        "name": "Freeze-dried cultured cell sheet",
        "preparation": "tissue_sheet",
        "tissue": "amniotic_membrane",
        "donor": "allogeneic_unrelated",
        "processing": {"steps": ["culture_expansion", "lyophilization"]}
    }"#,
    );
    let report = classify_jp(&p);
    assert_eq!(report.pmd_act, PmdActStatus::NotRegenerativeMedicalProduct);
    assert_eq!(
        jp_severity(&p, RuleId::JpRegenerativeMedicalProduct),
        (Outcome::NotMet, Severity::Info)
    );
}

#[test]
fn jp_report_displays_a_memo() {
    let memo = classify_jp(&ryoncil_like()).to_string();
    assert!(memo.starts_with("Japan: ASRM class_i"));
    assert!(memo.contains("jp.asrm.class_i"));
}

// ---------------------------------------------------------------- properties

fn any_product() -> impl Strategy<Value = Product> {
    (
        proptest::option::of(proptest::sample::select(TissueSource::ALL)),
        proptest::option::of(proptest::sample::select(msc_therapy::Donor::ALL)),
        proptest::option::of(proptest::sample::subsequence(ProcessingStep::ALL, 0..4)),
        proptest::option::of(proptest::bool::ANY),
        proptest::sample::subsequence(TissueFunction::ALL, 0..3),
        proptest::option::of(proptest::sample::select(CellPreparation::ALL)),
    )
        .prop_map(|(tissue, donor, steps, same, functions, preparation)| {
            let mut p = product(r#"{"name": "generated"}"#);
            p.preparation = preparation;
            p.tissue = tissue;
            p.donor = donor;
            p.processing = steps.map(|steps| msc_therapy::Processing {
                steps: Some(steps),
                same_surgical_procedure: same,
                ..msc_therapy::Processing::default()
            });
            p.intended_use = Some(msc_therapy::IntendedUse {
                functions: Some(functions),
                ..msc_therapy::IntendedUse::default()
            });
            p
        })
}

fn non_annex_i_step() -> impl Strategy<Value = ProcessingStep> {
    let steps: Vec<ProcessingStep> = ProcessingStep::ALL
        .iter()
        .copied()
        .filter(|s| !s.info().eu_annex_i)
        .collect();
    proptest::sample::select(steps)
}

proptest! {
    #[test]
    fn adding_a_non_annex_i_step_never_makes_a_product_not_an_atmp(
        p in any_product(),
        step in non_annex_i_step(),
    ) {
        let mut with_step = p.clone();
        with_step.processing.get_or_insert_with(Default::default).steps.get_or_insert_with(Vec::new).push(step);
        let class = classify_eu(&with_step).classification;
        prop_assert_ne!(class.is_atmp(), Some(false));
        let viable = p.preparation.is_none_or(|prep| prep.info().live_cells);
        if step.info().eu_named_substantial && viable {
            // A step named as substantial (culture, enzymatic digestion, genetic modification)
            // settles Art 2(1)(c): always an ATMP (for viable cells).
            prop_assert_eq!(class.is_atmp(), Some(true));
        }
    }

    #[test]
    fn missing_donor_or_processing_never_yields_a_determined_asrm_class_below_i(p in any_product()) {
        let report = classify_jp(&p);
        if p.donor.is_none() || p.processing.is_none() {
            prop_assert!(matches!(report.risk_class, AsrmRiskClass::ClassI | AsrmRiskClass::Undetermined));
        }
    }

    #[test]
    fn undetermined_findings_never_claim_met(p in any_product()) {
        for f in classify_eu(&p).findings.iter().chain(classify_jp(&p).findings.iter()) {
            if !f.missing.is_empty() {
                prop_assert_eq!(f.outcome, Outcome::Undetermined);
            }
        }
    }
}

#[test]
fn a_step_outside_annex_i_but_not_named_substantial_is_left_to_the_cat() {
    // Annex I lists non-substantial manipulations "in particular": rinsing is not listed, but
    // nothing in the reference calls it substantial. A rinsed fat graft put back for soft-tissue
    // volume (cushioning, a basic function of fat) is not shown to be an ATMP; it is not shown
    // not to be one either.
    use msc_therapy::{Donor, Indication, IntendedUse, Processing, Text};
    let mut graft = Product::named(Text::new("Rinsed fat graft").unwrap());
    graft.tissue = Some(TissueSource::AdiposeTissue);
    graft.donor = Some(Donor::Autologous);
    graft.preparation = Some(CellPreparation::FatGraft);
    graft.processing = Some(Processing {
        steps: Some(vec![ProcessingStep::Rinsing]),
        same_surgical_procedure: Some(true),
        ..Processing::default()
    });
    graft.intended_use = Some(IntendedUse {
        functions: Some(vec![TissueFunction::Cushioning]),
        indications: Some(vec![Indication::SoftTissueDefect]),
        ..IntendedUse::default()
    });
    let report = classify_eu(&graft);
    assert_eq!(
        report
            .finding(RuleId::EuSubstantialManipulation)
            .map(|f| f.outcome),
        Some(Outcome::Undetermined)
    );
    assert_ne!(report.classification.is_atmp(), Some(true));
    assert_ne!(report.classification.is_atmp(), Some(false));
}
