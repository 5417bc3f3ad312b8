//! EU (Regulation (EC) 1394/2007, Directive 2004/23/EC) and Japan (ASRM, PMD Act) classification.
//!
//! Expectations come from the texts themselves: Regulation (EC) No 1394/2007 (Art 2(1), Annex I,
//! recital 3), Directive 2001/83/EC Annex I Part IV as replaced by Directive 2009/120/EC,
//! Directive 2004/23/EC Art 2, EMA CAT classification recommendations (28 March 2019;
//! EMA/693827/2016; CAT monthly report of the 119th meeting, October 2019), the Act on the Safety
//! of Regenerative Medicine and MHLW notice 医政研発1031第1号, the PMD Act Art 23-26, and the
//! Japanese Society for Regenerative Medicine's 2024 guidance on extracellular vesicles.

use msc_therapy::engine::eu::EuClassification;
use msc_therapy::engine::jp::{AsrmRiskClass, PmdActStatus};
use msc_therapy::vocab::{CellPreparation, ProcessingStep, TissueFunction, TissueSource};
use msc_therapy::{Finding, Outcome, Product, RuleId, Severity, classify_eu, classify_jp};
use proptest::prelude::*;

fn product(json: &str) -> Product {
    match serde_json::from_str(json) {
        Ok(p) => p,
        Err(e) => panic!("test document does not parse: {e}"),
    }
}

fn eu_outcome(p: &Product, rule: RuleId) -> Outcome {
    match classify_eu(p, ON).finding(rule) {
        Some(f) => f.outcome,
        None => panic!("rule {rule} did not run"),
    }
}

fn jp_finding(p: &Product, rule: RuleId) -> Finding {
    match classify_jp(p, ON).finding(rule) {
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
    // The indication and route that go with the function: blood formation is given into a
    // vein to rebuild blood formation; cartilage repair is injected into the knee.
    let (indication, route) = match function {
        "hematopoiesis" => ("hematopoietic_reconstitution", "intravenous"),
        "musculoskeletal_repair" => ("knee_osteoarthritis", "intra_articular"),
        other => panic!("no fixture for {other}"),
    };
    product(&format!(
        r#"{{
        "name": "Same-day BMAC",
        "preparation": "bone_marrow_concentrate",
        "tissue": "bone_marrow",
        "donor": "autologous",
        "processing": {{"steps": ["centrifugation"], "same_surgical_procedure": {same_procedure}}},
        "intended_use": {{"functions": ["{function}"], "indications": ["{indication}"]}},
        "delivery": {{"route": "{route}"}}
    }}"#
    ))
}

// ---------------------------------------------------------------- EU: engineered criteria

#[test]
fn annex_i_rows_match_the_thirteen_listed_manipulations() {
    // Reg 1394/2007 Annex I: cutting, grinding, shaping, centrifugation, soaking in antibiotic or
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
    let report = classify_eu(&ryoncil_like(), ON);
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
    let report = classify_eu(&p, ON);
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
    let report = classify_eu(&p, ON);
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
    p.donor = Some(msc_therapy::vocab::Donor::AllogeneicFirstDegreeRelative);
    assert_eq!(
        classify_eu(&p, ON).classification,
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
    let report = classify_eu(&p, ON);
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
    let report = classify_eu(&p, ON);
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
    // EMA's view as reported by Raposio & Ciliberti, Ann Med Surg 2017: collagenase digestion is
    // substantial.
    let p = product(
        r#"{
        "name": "Adipose SVF for breast reconstruction",
        "preparation": "stromal_vascular_fraction",
        "tissue": "adipose_tissue",
        "donor": "autologous",
        "processing": {"steps": ["enzymatic_digestion", "centrifugation"], "same_surgical_procedure": true},
        "intended_use": {"functions": ["support", "cushioning"], "indications": ["soft_tissue_defect"], "site_of_use": "breast"}
    }"#,
    );
    let report = classify_eu(&p, ON);
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
            .and_then(|f| f.fact_named("derived.steps_substantial"))
            .map(|f| f.value.to_string()),
        Some("enzymatic_digestion".to_owned())
    );
}

#[test]
fn genetically_modified_cells_are_a_gene_therapy_product() {
    // Directive 2001/83/EC Annex I Part IV 2.1: a GTMP (a) contains a recombinant nucleic acid
    // and (b) its effect "relates directly to the recombinant nucleic acid sequence ... or to
    // the product of genetic expression of this sequence". Both stated: a GTMP.
    let p = product(
        r#"{
        "name": "Modified MSCs",
        "preparation": "culture_expanded_msc",
        "tissue": "bone_marrow",
        "donor": "autologous",
        "processing": {"steps": ["genetic_modification", "culture_expansion"], "effect_from_recombinant_nucleic_acid": true},
        "intended_use": {"functions": ["neural_repair"], "indications": ["traumatic_brain_injury"]}
    }"#,
    );
    assert_eq!(
        classify_eu(&p, ON).classification,
        EuClassification::GeneTherapy
    );
}

#[test]
fn a_paracrine_mechanism_does_not_turn_a_tissue_repair_claim_into_an_open_class() {
    // Art 2(1)(b): a TEP is "presented as having properties for ... regenerating, repairing or
    // replacing a human tissue". Cartilage repair said to work through paracrine signalling is
    // still a repair claim: the mechanism is how, not a second claim.
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
    let report = classify_eu(&p, ON);
    assert_eq!(
        report.classification,
        EuClassification::TissueEngineeredProduct
    );
    assert_eq!(
        eu_severity(&report, RuleId::EuAtmpClass),
        Some((Outcome::Met, Severity::Info))
    );
}

#[test]
fn a_product_presented_both_to_repair_tissue_and_to_immunomodulate_is_a_tep_with_a_warning() {
    // Combined claim: the product fits the TEP definition (repair) and the sCTMP definition
    // (immunological action for a disease). Art 2(4), as reported, makes it a TEP; its text was
    // not read, so the finding is a warning.
    let both = product(
        r#"{
        "name": "Cultured MSCs for knee osteoarthritis",
        "preparation": "culture_expanded_msc",
        "tissue": "adipose_tissue",
        "donor": "autologous",
        "processing": {"steps": ["enzymatic_digestion", "culture_expansion"]},
        "intended_use": {"functions": ["musculoskeletal_repair", "immunomodulation"], "indications": ["knee_osteoarthritis"]},
        "mechanisms": ["paracrine_signalling", "immunomodulation"]
    }"#,
    );
    let report = classify_eu(&both, ON);
    assert_eq!(
        report.classification,
        EuClassification::TissueEngineeredProduct
    );
    assert_eq!(
        eu_severity(&report, RuleId::EuAtmpClass),
        Some((Outcome::Met, Severity::Warning))
    );
    // The same cells presented only to immunomodulate, for rheumatoid arthritis: an sCTMP.
    let mut immune_only = both.clone();
    if let Some(use_) = immune_only.intended_use.as_mut() {
        use_.functions = Some(vec![TissueFunction::Immunomodulation]);
        use_.indications = Some(vec![msc_therapy::vocab::Indication::RheumatoidArthritis]);
    }
    assert_eq!(
        classify_eu(&immune_only, ON).classification,
        EuClassification::SomaticCellTherapy
    );
}

#[test]
fn a_pharmacological_mechanism_for_an_indication_makes_an_sctmp_when_no_function_is_claimed() {
    // Dir 2001/83/EC Annex I Part IV 2.2(b): "treating ... a disease through the
    // pharmacological, immunological or metabolic action of its cells". "Anti-ageing" implies
    // no tissue to repair and no immunological function; the claimed paracrine action decides.
    let p = product(
        r#"{
        "name": "Cultured MSC infusions",
        "preparation": "culture_expanded_msc",
        "tissue": "bone_marrow",
        "donor": "allogeneic_unrelated",
        "processing": {"steps": ["culture_expansion"]},
        "intended_use": {"indications": ["anti_ageing"]},
        "mechanisms": ["paracrine_signalling"]
    }"#,
    );
    assert_eq!(
        classify_eu(&p, ON).classification,
        EuClassification::SomaticCellTherapy
    );
    // Without the mechanism nothing is claimed that decides the class; the finding lists what
    // could decide it and is absent, and nothing that is given.
    let mut silent = p.clone();
    silent.mechanisms = None;
    let report = classify_eu(&silent, ON);
    assert_eq!(
        report.classification,
        EuClassification::AtmpClassUndetermined
    );
    let class = report.finding(RuleId::EuAtmpClass);
    assert_eq!(
        class.map(|f| (f.severity, f.missing.iter_str().collect::<Vec<_>>())),
        Some((
            Severity::Warning,
            vec!["intended_use.functions", "mechanisms"]
        ))
    );
    // An indication that implies an immunological function decides it too: GvHD.
    let mut gvhd = silent.clone();
    if let Some(use_) = gvhd.intended_use.as_mut() {
        use_.indications = Some(vec![msc_therapy::vocab::Indication::GraftVersusHostDisease]);
    }
    assert_eq!(
        classify_eu(&gvhd, ON).classification,
        EuClassification::SomaticCellTherapy
    );
}

// ---------------------------------------------------------------- EMA CAT classifications

fn cat_case(json: &str) -> EuClassification {
    classify_eu(&product(json), ON).classification
}

#[test]
fn cat_2019_expanded_allogeneic_bone_marrow_msc_for_gvhd_is_an_sctmp() {
    // EMA CAT scientific recommendation, 28 March 2019: "Ex-vivo expanded allogeneic bone
    // marrow derived mesenchymal stromal cells, intended for the treatment of graft-versus-host
    // disease": somatic cell therapy medicinal product.
    assert_eq!(
        cat_case(
            r#"{
            "name": "CAT 2019 BM-MSC GvHD",
            "preparation": "culture_expanded_msc",
            "tissue": "bone_marrow",
            "donor": "allogeneic_unrelated",
            "processing": {"steps": ["culture_expansion"]},
            "intended_use": {"functions": ["immunomodulation"], "indications": ["graft_versus_host_disease"]},
            "mechanisms": ["immunomodulation", "paracrine_signalling"],
            "delivery": {"route": "intravenous"}
        }"#
        ),
        EuClassification::SomaticCellTherapy
    );
}

#[test]
fn cat_2019_adipose_msc_for_diabetic_foot_ulcers_is_a_tep() {
    // CAT monthly report, 119th meeting (9-11 October 2019): "Adipose tissue derived
    // mesenchymal stem cells, intended for the treatment of diabetic foot ulcers": TEP.
    assert_eq!(
        cat_case(
            r#"{
            "name": "CAT 2019 AD-MSC DFU",
            "preparation": "culture_expanded_msc",
            "tissue": "adipose_tissue",
            "donor": "allogeneic_unrelated",
            "processing": {"steps": ["enzymatic_digestion", "culture_expansion"]},
            "intended_use": {"functions": ["wound_healing"], "indications": ["diabetic_wound"]},
            "mechanisms": ["paracrine_signalling"],
            "delivery": {"route": "topical"}
        }"#
        ),
        EuClassification::TissueEngineeredProduct
    );
}

#[test]
fn cat_2019_adipose_msc_for_cartilage_defects_and_osteoarthritis_is_a_tep() {
    // Same report: "Adipose tissue derived mesenchymal stem / stromal cells, intended for the
    // treatment of bone and cartilage defects including osteoarthritis": TEP, although
    // osteoarthritis is a disease and such cells are said to act by paracrine signalling.
    assert_eq!(
        cat_case(
            r#"{
            "name": "CAT 2019 AD-MSC OA",
            "preparation": "culture_expanded_msc",
            "tissue": "adipose_tissue",
            "donor": "autologous",
            "processing": {"steps": ["enzymatic_digestion", "culture_expansion"]},
            "intended_use": {"functions": ["musculoskeletal_repair"], "indications": ["knee_osteoarthritis", "cartilage_defect"]},
            "mechanisms": ["paracrine_signalling", "immunomodulation"],
            "delivery": {"route": "intra_articular"}
        }"#
        ),
        EuClassification::TissueEngineeredProduct
    );
}

#[test]
fn cat_2019_prp_with_svf_for_perianal_fistula_wound_healing_is_a_tep() {
    // Same report: "Combination of platelet-rich plasma and stromal vascular fraction,
    // intended for wound healing as additional therapy to fistula surgery in patients with
    // complex and therapy refractory perianal fistula": TEP.
    assert_eq!(
        cat_case(
            r#"{
            "name": "CAT 2019 PRP + SVF fistula",
            "preparation": "stromal_vascular_fraction",
            "tissue": "adipose_tissue",
            "donor": "autologous",
            "processing": {"steps": ["enzymatic_digestion", "centrifugation"], "added_articles": ["platelet_product"]},
            "intended_use": {"functions": ["wound_healing"], "indications": ["perianal_fistula"]},
            "delivery": {"route": "intralesional"}
        }"#
        ),
        EuClassification::TissueEngineeredProduct
    );
}

#[test]
fn cat_2016_svf_with_expanded_adipose_cells_in_fibrin_is_substantially_manipulated() {
    // EMA/693827/2016 (CAT, 7 October 2016): autologous stromal vascular fraction and
    // in-vitro-expanded adipose-derived MSCs in fibrin gel, for cutis laxa senilis: "engineered
    // cells that have been subject to substantial manipulation".
    let p = product(
        r#"{
        "name": "CAT 2016 SVF + AD-MSC in fibrin",
        "preparation": "culture_expanded_msc",
        "tissue": "adipose_tissue",
        "donor": "autologous",
        "processing": {"steps": ["enzymatic_digestion", "culture_expansion"], "added_articles": ["fibrin_glue"]},
        "intended_use": {"functions": ["support"], "indications": ["soft_tissue_defect"]},
        "delivery": {"route": "intradermal"}
    }"#,
    );
    assert_eq!(
        eu_outcome(&p, RuleId::EuSubstantialManipulation),
        Outcome::Met
    );
    assert_eq!(classify_eu(&p, ON).classification.is_atmp(), Some(true));
}

#[test]
fn missing_facts_leave_the_eu_classification_undetermined() {
    let empty = product(r#"{"name": "unknown"}"#);
    let report = classify_eu(&empty, ON);
    assert_eq!(report.classification, EuClassification::Undetermined);
    let manip = report.finding(RuleId::EuSubstantialManipulation);
    assert_eq!(
        manip.map(|f| f.missing.iter_str().collect::<Vec<_>>()),
        Some(vec!["processing.steps"])
    );
    let func = report.finding(RuleId::EuEssentialFunction);
    // Homology needs the tissue, the intended use and where the product goes.
    assert_eq!(
        func.map(|f| f.missing.iter_str().collect::<Vec<_>>()),
        Some(vec!["tissue", "intended_use", "delivery.route"])
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
    let report = classify_eu(&p, ON);
    let manipulation = report.finding(RuleId::EuSubstantialManipulation);
    assert_eq!(
        manipulation.map(|f| (f.outcome, f.severity)),
        Some((Outcome::Undetermined, Severity::Warning))
    );
    // The steps are stated; what is open is the law's view of one of them (for the CAT).
    assert_eq!(manipulation.map(|f| f.missing.is_empty()), Some(true));
    assert_eq!(report.classification, EuClassification::Undetermined);
}

#[test]
fn unknown_donor_leaves_a_non_engineered_product_open() {
    let mut p = same_day_bmac(true, "hematopoiesis");
    p.donor = None;
    assert_eq!(
        classify_eu(&p, ON).classification,
        EuClassification::Undetermined
    );
    assert_eq!(
        eu_outcome(&p, RuleId::EuTissuesAndCells),
        Outcome::Undetermined
    );
}

#[test]
fn hospital_exemption_is_flagged_for_atmps_only_and_cat_route_always() {
    let atmp = classify_eu(&ryoncil_like(), ON);
    let he = atmp.finding(RuleId::EuHospitalExemption);
    // An open question (do the hospital-exemption facts hold?) is a warning, never a note.
    assert_eq!(he.map(|f| f.outcome), Some(Outcome::Undetermined));
    assert_eq!(he.map(|f| f.severity), Some(Severity::Warning));
    assert!(atmp.finding(RuleId::EuCatClassification).is_some());

    let not_atmp = classify_eu(&same_day_bmac(true, "hematopoiesis"), ON);
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
        for f in classify_eu(p, ON)
            .findings
            .iter()
            .chain(classify_jp(p, ON).findings.iter())
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
            .contains("Art 2(1)(c), first indent, and Annex I")
    );
    assert!(
        RuleId::EuAutologousSameProcedure
            .info()
            .citation
            .contains("Art 2(2)(a)")
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
fn every_eu_and_japanese_rule_cites_a_document_a_reader_can_find() {
    // Title, issuer, year and article or section; never an internal file or "Source text 1".
    for id in RuleId::ALL {
        let code = id.code();
        if !(code.starts_with("eu.") || code.starts_with("jp.")) {
            continue;
        }
        let citation = id.info().citation;
        let has_year = citation
            .as_bytes()
            .windows(4)
            .any(|w| w.iter().all(u8::is_ascii_digit) && (w[0] == b'1' || w[0] == b'2'));
        assert!(has_year, "{code}: no year in {citation}");
        assert!(
            citation.contains("Art") || citation.contains("notice") || citation.contains("section"),
            "{code}: no article or section in {citation}"
        );
        assert!(
            ["Regulation", "Directive", "Act", "Order", "MHLW", "EMA"]
                .iter()
                .any(|issuer| citation.contains(issuer)),
            "{code}: no instrument or issuer in {citation}"
        );
        for forbidden in ["Source text", "source text", ".md", "reference", "seeds"] {
            assert!(!citation.contains(forbidden), "{code}: {citation}");
        }
    }
    // The Regulation is cited by its title, not only its number.
    assert!(
        RuleId::EuAtmpClass
            .info()
            .citation
            .contains("on advanced therapy medicinal products")
    );
    // A provision the crate could not read is marked as such where it is relied on.
    assert!(RuleId::EuAtmpClass.info().citation.contains("not read"));
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
    let report = classify_eu(&ryoncil_like(), ON);
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
    let eu = serde_json::to_string(&schemars::schema_for!(
        msc_therapy::engine::eu::EuAssessment
    ));
    assert!(eu.is_ok_and(|s| s.contains("excluded_autologous_same_procedure")));
    let jp = serde_json::to_string(&schemars::schema_for!(
        msc_therapy::engine::jp::JpAssessment
    ));
    assert!(
        jp.is_ok_and(|s| s.contains("class_iii") && s.contains("regenerative_medical_product"))
    );
}

// ---------------------------------------------------------------- Japan

#[test]
fn allogeneic_cultured_bm_msc_is_class_i_and_a_regenerative_medical_product() {
    let report = classify_jp(&ryoncil_like(), ON);
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
    p.donor = Some(msc_therapy::vocab::Donor::Autologous);
    let report = classify_jp(&p, ON);
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
    p.donor = Some(msc_therapy::vocab::Donor::Autologous);
    if let Some(processing) = p.processing.as_mut() {
        processing.steps = Some(vec![ProcessingStep::Cryopreservation]);
    }
    let report = classify_jp(&p, ON);
    assert_eq!(report.risk_class, AsrmRiskClass::ClassII);
    assert_eq!(report.pmd_act, PmdActStatus::RegenerativeMedicalProduct);

    let mut p = ryoncil_like();
    p.donor = Some(msc_therapy::vocab::Donor::Autologous);
    p.preparation = None;
    assert_eq!(classify_jp(&p, ON).risk_class, AsrmRiskClass::ClassII);
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
    let report = classify_jp(&p, ON);
    assert_eq!(report.risk_class, AsrmRiskClass::Undetermined);
    let class_i = jp_finding(&p, RuleId::JpAsrmClassI);
    assert_eq!(class_i.outcome, Outcome::Undetermined);
    // The steps are stated: nothing is missing, the unclassified step is what is open.
    assert!(class_i.missing.is_empty());

    // Activation (priming) is not settled by the reference either: Class II stays open.
    let mut p = adipose_cells(r#""support""#, "subcutaneous");
    if let Some(processing) = p.processing.as_mut() {
        processing
            .steps
            .get_or_insert_with(Vec::new)
            .push(ProcessingStep::ActivationPriming);
    }
    let report = classify_jp(&p, ON);
    assert_eq!(report.risk_class, AsrmRiskClass::Undetermined);
    assert_eq!(
        jp_finding(&p, RuleId::JpAsrmClassII).outcome,
        Outcome::Undetermined
    );
}

#[test]
fn genetically_modified_autologous_cells_are_class_i() {
    let mut p = ryoncil_like();
    p.donor = Some(msc_therapy::vocab::Donor::Autologous);
    if let Some(processing) = p.processing.as_mut() {
        processing
            .steps
            .get_or_insert_with(Vec::new)
            .push(ProcessingStep::GeneticModification);
        // Directive 2001/83/EC Annex I Part IV 2.1(b): the effect rests on the transgene.
        processing.effect_from_recombinant_nucleic_acid = Some(true);
    }
    assert_eq!(classify_jp(&p, ON).risk_class, AsrmRiskClass::ClassI);
    // A settled class: information, not an open question.
    let class_i = jp_finding(&p, RuleId::JpAsrmClassI);
    assert_eq!(
        (class_i.outcome, class_i.severity),
        (Outcome::Met, Severity::Info)
    );
    assert_eq!(
        classify_eu(&p, ON).classification,
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
        "intended_use": {"functions": ["cushioning"], "indications": ["soft_tissue_defect"]},
        "delivery": {"route": "subcutaneous"}
    }"#,
    );
    assert_eq!(classify_jp(&p, ON).risk_class, AsrmRiskClass::ClassI);
    // Not engineered, but not human tissues and cells either: the EU answer stays open.
    assert_eq!(
        classify_eu(&p, ON).classification,
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
        classify_eu(&p, ON).classification,
        EuClassification::TissueEngineeredProduct
    );
}

fn adipose_cells(functions: &str, route: &str) -> Product {
    // Filling soft tissue for support and cushioning (the MHLW breast-reconstruction example),
    // or "regeneration" with no tissue named.
    let indication = if functions.contains("general_regeneration") {
        "anti_ageing"
    } else {
        "soft_tissue_defect"
    };
    product(&format!(
        r#"{{
        "name": "Adipose-derived cells",
        "preparation": "stromal_vascular_fraction",
        "tissue": "adipose_tissue",
        "donor": "autologous",
        "processing": {{"steps": ["enzymatic_digestion", "centrifugation"]}},
        "intended_use": {{"functions": [{functions}], "indications": ["{indication}"]}},
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
    // Uncultured autologous cells for homologous use would be Class III (ASRM Art 2(7)) on the
    // culture and homologous-use criteria alone; but they are adipose-derived stem cells, human
    // somatic stem cells (MHLW notice 薬食発0907第3号, 2012), which published summaries of
    // Ordinance No. 110 put in Class II whatever the use (rm-promot.com: "自家脂肪幹細胞は第二種
    // 再生医療等技術"). The ordinance's text was not read: the class is open, never Class III.
    let report = classify_jp(&p, ON);
    assert_eq!(report.risk_class, AsrmRiskClass::Undetermined);
    let class_ii = jp_finding(&p, RuleId::JpAsrmClassII);
    assert_eq!(
        (class_ii.outcome, class_ii.severity),
        (Outcome::Undetermined, Severity::Warning)
    );
    assert!(
        class_ii
            .reason
            .map(|r| r.text())
            .is_some_and(|r| r.contains("somatic stem cells") && r.contains("could not be read")),
        "{class_ii}"
    );
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
    assert_eq!(classify_jp(&p, ON).risk_class, AsrmRiskClass::ClassII);
}

#[test]
fn marrow_given_to_form_blood_may_be_a_transplant_outside_asrm() {
    // Cabinet Order No. 278 Art 1 excludes haematopoietic stem cell transplantation.
    // The question is a warning; the class given is the one the technology has if ASRM
    // applies: the patient's own uncultured marrow for its own function is Class III on the
    // culture and homologous-use criteria, but whole marrow is a population of somatic stem
    // cells (MHLW notice 薬食発0907第3号), which the summaries put in Class II: open.
    let p = same_day_bmac(true, "hematopoiesis");
    let report = classify_jp(&p, ON);
    assert_eq!(
        report
            .finding(RuleId::JpAsrmExcluded)
            .map(|f| (f.outcome, f.severity)),
        Some((Outcome::Undetermined, Severity::Warning))
    );
    assert_eq!(report.risk_class, AsrmRiskClass::Undetermined);
    // Not for blood formation: no exclusion question.
    let cartilage = same_day_bmac(true, "musculoskeletal_repair");
    assert!(
        classify_jp(&cartilage, ON)
            .finding(RuleId::JpAsrmExcluded)
            .is_none()
    );
    // Japan's list of minimal operations is not in the reference: the PMD Act status is open.
    assert_eq!(report.pmd_act, PmdActStatus::Undetermined);
}

#[test]
fn missing_facts_leave_the_japanese_classification_undetermined() {
    let empty = classify_jp(&product(r#"{"name": "unknown"}"#), ON);
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
    let report = classify_jp(&p, ON);
    assert_eq!(report.risk_class, AsrmRiskClass::Undetermined);
    assert_eq!(
        report.finding(RuleId::JpAsrmClassI).map(|f| f.outcome),
        Some(Outcome::Undetermined)
    );

    // Autologous and uncultured, but the use is not described.
    let mut p = adipose_cells(r#""support""#, "subcutaneous");
    p.intended_use = None;
    let report = classify_jp(&p, ON);
    assert_eq!(report.risk_class, AsrmRiskClass::Undetermined);
    assert_eq!(
        report
            .finding(RuleId::JpHomologousUse)
            .map(|f| f.missing.iter_str().collect::<Vec<_>>()),
        Some(vec!["intended_use"])
    );
}

#[test]
fn conditional_approval_is_flagged_with_its_seven_year_limit() {
    let report = classify_jp(&ryoncil_like(), ON);
    let f = report.finding(RuleId::JpConditionalApproval);
    assert_eq!(f.map(|f| f.outcome), Some(Outcome::Undetermined));
    let limit = f.and_then(|f| f.fact_named("pmd_act.conditional_approval_max_years"));
    assert_eq!(limit.map(|l| l.value.to_string()), Some("7".to_owned()));

    // The steps are stated: without them a genetic modification (a gene therapy product) could
    // not be ruled out.
    let exosomes = product(
        r#"{"name": "exosomes", "preparation": "extracellular_vesicles", "processing": {"steps": ["culture_expansion"]}}"#,
    );
    let report = classify_jp(&exosomes, ON);
    assert_eq!(report.pmd_act, PmdActStatus::NotRegenerativeMedicalProduct);
    assert_eq!(
        report
            .finding(RuleId::JpConditionalApproval)
            .map(|f| f.outcome),
        Some(Outcome::NotApplicable)
    );
    assert_eq!(
        classify_eu(&exosomes, ON).classification,
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
    let report = classify_eu(&exosomes, ON);
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
    let report = classify_eu(&same_day_bmac(true, "hematopoiesis"), ON);
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
        classify_eu(&p, ON).classification,
        EuClassification::TissueEngineeredProduct
    );
}

fn eu_severity(
    report: &msc_therapy::engine::eu::EuAssessment,
    rule: RuleId,
) -> Option<(Outcome, Severity)> {
    report.finding(rule).map(|f| (f.outcome, f.severity))
}

#[test]
fn eu_open_questions_are_warnings_and_settled_answers_information() {
    // Same-day autologous marrow for blood formation: Directive 2004/23/EC Art 2(2)(a) excludes
    // it; the Directive does not apply and the classification is settled.
    let settled = classify_eu(&same_day_bmac(true, "hematopoiesis"), ON);
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
        eu_severity(&classify_eu(&p, ON), RuleId::EuAutologousSameProcedure),
        Some((Outcome::Undetermined, Severity::Warning))
    );

    // Donor unknown: whether the Directive applies is open, and so is the classification,
    // for which a CAT recommendation (Art 17) is the formal route.
    let mut p = same_day_bmac(true, "hematopoiesis");
    p.donor = None;
    let open = classify_eu(&p, ON);
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
    p.donor = Some(msc_therapy::vocab::Donor::Xenogeneic);
    assert_eq!(
        eu_severity(&classify_eu(&p, ON), RuleId::EuTissuesAndCells),
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
    own.donor = Some(msc_therapy::vocab::Donor::Autologous);
    assert_eq!(
        jp_severity(&own, RuleId::JpAsrmClassI),
        (Outcome::NotMet, Severity::Info)
    );
    assert_eq!(
        jp_severity(&own, RuleId::JpAsrmClassII),
        (Outcome::Met, Severity::Info)
    );
    let mut animal = ryoncil_like();
    animal.donor = Some(msc_therapy::vocab::Donor::Xenogeneic);
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

    // The steps are stated: without them a genetic modification (a gene therapy product) could
    // not be ruled out.
    let exosomes = product(
        r#"{"name": "exosomes", "preparation": "extracellular_vesicles", "processing": {"steps": ["culture_expansion"]}}"#,
    );
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
    let report = classify_jp(&p, ON);
    assert_eq!(report.pmd_act, PmdActStatus::NotRegenerativeMedicalProduct);
    assert_eq!(
        jp_severity(&p, RuleId::JpRegenerativeMedicalProduct),
        (Outcome::NotMet, Severity::Info)
    );
}

#[test]
fn jp_report_displays_a_memo() {
    let memo = classify_jp(&ryoncil_like(), ON).to_string();
    assert!(memo.starts_with("Japan: ASRM class_i"));
    assert!(memo.contains("jp.asrm.class_i"));
}

// ---------------------------------------------------------------- properties

fn any_product() -> impl Strategy<Value = Product> {
    (
        proptest::option::of(proptest::sample::select(TissueSource::ALL)),
        proptest::option::of(proptest::sample::select(msc_therapy::vocab::Donor::ALL)),
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
            p.processing = steps.map(|steps| msc_therapy::document::Processing {
                steps: Some(steps),
                same_surgical_procedure: same,
                ..msc_therapy::document::Processing::default()
            });
            p.intended_use = Some(msc_therapy::document::IntendedUse {
                functions: Some(functions),
                ..msc_therapy::document::IntendedUse::default()
            });
            p
        })
}

/// Steps that are, or may be, a substantial manipulation (not Annex I, not judged as an Annex I
/// manipulation, not rinsing).
fn possibly_substantial_step() -> impl Strategy<Value = ProcessingStep> {
    let steps: Vec<ProcessingStep> = ProcessingStep::ALL
        .iter()
        .copied()
        .filter(|s| s.eu_manipulation().is_substantial() != Some(false))
        .collect();
    proptest::sample::select(steps)
}

proptest! {
    #[test]
    fn adding_a_possibly_substantial_step_never_makes_a_product_not_an_atmp(
        p in any_product(),
        step in possibly_substantial_step(),
    ) {
        let mut with_step = p.clone();
        with_step.processing.get_or_insert_with(Default::default).steps.get_or_insert_with(Vec::new).push(step);
        let class = classify_eu(&with_step, ON).classification;
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
        let report = classify_jp(&p, ON);
        let cell_free = matches!(
            p.preparation,
            Some(CellPreparation::ExtracellularVesicles | CellPreparation::ConditionedMedium)
        );
        if (p.donor.is_none() || p.processing.is_none()) && !cell_free {
            prop_assert!(matches!(report.risk_class, AsrmRiskClass::ClassI | AsrmRiskClass::Undetermined));
        }
        // Only a preparation stated to hold no cells is outside ASRM, and since ASRM as amended
        // by Act No. 51 of 2024 (in force 31 May 2025) covers gene therapy without processed
        // cells, only when its steps are stated and include no genetic modification.
        let unmodified = p
            .processing
            .as_ref()
            .and_then(|x| x.steps.as_ref())
            .is_some_and(|s| !s.contains(&ProcessingStep::GeneticModification));
        prop_assert_eq!(report.risk_class == AsrmRiskClass::OutsideAsrm, cell_free && unmodified);
    }

    #[test]
    fn undetermined_findings_never_claim_met(p in any_product()) {
        for f in classify_eu(&p, ON).findings.iter().chain(classify_jp(&p, ON).findings.iter()) {
            if !f.missing.is_empty() {
                prop_assert_eq!(f.outcome, Outcome::Undetermined);
            }
        }
    }
}

#[test]
fn an_autologous_fat_graft_rinsed_in_the_same_procedure_is_excluded_from_the_directive() {
    // Reg 1394/2007 Art 2(1)(c), first indent: rinsing achieves none of the "biological
    // characteristics, physiological functions or structural properties" the definition names,
    // so it is not a substantial manipulation. Fat put back under the skin for soft-tissue
    // volume does what fat did in the donor. Not engineered, autologous, same procedure:
    // Directive 2004/23/EC Art 2(2)(a) excludes it.
    use msc_therapy::document::{IntendedUse, Processing};
    use msc_therapy::vocab::{Donor, Indication, Text};
    let mut graft = Product::named(Text::new("Rinsed fat graft").unwrap());
    graft.tissue = Some(TissueSource::AdiposeTissue);
    graft.donor = Some(Donor::Autologous);
    graft.preparation = Some(CellPreparation::FatGraft);
    graft.processing = Some(Processing {
        steps: Some(vec![ProcessingStep::Rinsing]),
        same_surgical_procedure: Some(true),
        ..Processing::default()
    });
    graft.delivery = Some(msc_therapy::document::Delivery {
        route: msc_therapy::vocab::Route::Subcutaneous,
        guidance: None,
    });
    graft.intended_use = Some(IntendedUse {
        functions: Some(vec![TissueFunction::Cushioning]),
        indications: Some(vec![Indication::SoftTissueDefect]),
        ..IntendedUse::default()
    });
    let report = classify_eu(&graft, ON);
    assert_eq!(
        report.classification,
        EuClassification::ExcludedAutologousSameProcedure
    );
    let manipulation = report.finding(RuleId::EuSubstantialManipulation);
    assert_eq!(
        manipulation.map(|f| (f.outcome, f.severity)),
        Some((Outcome::NotMet, Severity::Info))
    );
    // The steps are given: they are not missing.
    assert_eq!(manipulation.map(|f| f.missing.is_empty()), Some(true));
    assert_eq!(
        manipulation
            .and_then(|f| f.fact_named("derived.steps_achieving_no_property"))
            .map(|f| f.value.to_string()),
        Some("rinsing".to_owned())
    );
    assert_eq!(
        ProcessingStep::Rinsing.eu_manipulation(),
        msc_therapy::engine::eu::EuManipulation::AchievesNoProperty
    );
}

#[test]
fn micro_fragmented_fat_is_judged_as_annex_i_cutting_and_grinding() {
    // Annex I lists cutting and grinding; micro-fragmentation reduces fat to small clusters by
    // mechanical force, without enzymes. The three give the same answer.
    let fat = |step: &str| {
        product(&format!(
            r#"{{
            "name": "Micro-fragmented fat",
            "preparation": "microfragmented_adipose",
            "tissue": "adipose_tissue",
            "donor": "autologous",
            "processing": {{"steps": ["{step}", "rinsing"], "same_surgical_procedure": true}},
            "intended_use": {{"functions": ["cushioning", "support"], "indications": ["soft_tissue_defect"]}},
            "delivery": {{"route": "subcutaneous"}}
        }}"#
        ))
    };
    for step in ["mechanical_disruption", "cutting", "grinding"] {
        let p = fat(step);
        assert_eq!(
            eu_outcome(&p, RuleId::EuSubstantialManipulation),
            Outcome::NotMet,
            "{step}"
        );
        assert_eq!(
            classify_eu(&p, ON).classification,
            EuClassification::ExcludedAutologousSameProcedure,
            "{step}"
        );
    }
    // Digesting the same fat with collagenase instead is substantial.
    let digested = fat("enzymatic_digestion");
    assert_eq!(
        eu_outcome(&digested, RuleId::EuSubstantialManipulation),
        Outcome::Met
    );
}

#[test]
fn the_eu_step_table_agrees_with_the_annex_i_and_named_substantial_columns() {
    use msc_therapy::engine::eu::EuManipulation;
    for step in ProcessingStep::ALL {
        let judged = step.eu_manipulation();
        assert_eq!(
            judged == EuManipulation::AnnexI,
            step.info().eu_annex_i,
            "{step}"
        );
        assert_eq!(
            judged == EuManipulation::Substantial,
            step.info().eu_named_substantial,
            "{step}"
        );
    }
}

// ---------------------------------------------------------------- Japan: ASRM scope

#[test]
fn exosomes_and_culture_supernatant_are_outside_asrm() {
    // Exosomes are "not cells themselves, so outside the Act on the Safety of Regenerative
    // Medicine" (JSRM guidance, Kyodo News, 30 April 2024); MHLW's office notice of 31 July 2024
    // reminds physicians they bear the responsibility for such treatments.
    for preparation in ["extracellular_vesicles", "conditioned_medium"] {
        let p = product(&format!(
            r#"{{
            "name": "MSC secretome",
            "preparation": "{preparation}",
            "tissue": "umbilical_cord_tissue",
            "donor": "allogeneic_unrelated",
            "processing": {{"steps": ["culture_expansion"]}}
        }}"#
        ));
        let report = classify_jp(&p, ON);
        assert_eq!(
            report.risk_class,
            AsrmRiskClass::OutsideAsrm,
            "{preparation}"
        );
        assert_eq!(
            jp_severity(&p, RuleId::JpAsrmScope),
            (Outcome::NotMet, Severity::Info),
            "{preparation}"
        );
        // The Class I rule (allogeneic cells) does not run on a preparation with no cells.
        assert!(report.finding(RuleId::JpAsrmClassI).is_none());
        assert_eq!(report.pmd_act, PmdActStatus::NotRegenerativeMedicalProduct);
    }
}

#[test]
fn a_preparation_with_no_living_cells_has_an_open_asrm_scope() {
    // A dehydrated amnion sheet holds tissue but no living cells: the crate's sources do not
    // say whether ASRM covers it, so no risk class is given, and the question is a warning.
    let p = product(
        r#"{
        "name": "Dehydrated amnion sheet",
        "preparation": "tissue_sheet",
        "tissue": "amniotic_membrane",
        "donor": "allogeneic_unrelated",
        "processing": {"steps": ["rinsing", "lyophilization"]}
    }"#,
    );
    let report = classify_jp(&p, ON);
    assert_eq!(
        jp_severity(&p, RuleId::JpAsrmScope),
        (Outcome::Undetermined, Severity::Warning)
    );
    // The class is the one it has if ASRM applies: donor tissue is Class I.
    assert_eq!(report.risk_class, AsrmRiskClass::ClassI);
    // The preparation is stated; nothing in the record is missing for this question.
    assert!(jp_finding(&p, RuleId::JpAsrmScope).missing.is_empty());
    // The PMD Act needs live cells: settled.
    assert_eq!(report.pmd_act, PmdActStatus::NotRegenerativeMedicalProduct);
}

#[test]
fn living_cells_are_within_asrm_and_an_unstated_preparation_is_asked_about() {
    let cells = ryoncil_like();
    assert_eq!(
        jp_severity(&cells, RuleId::JpAsrmScope),
        (Outcome::Met, Severity::Info)
    );
    // PRP holds no MSCs, but MHLW's notice classifies blood-derived cell techniques under ASRM.
    let prp = product(
        r#"{"name": "PRP", "preparation": "platelet_rich_plasma", "tissue": "bone_marrow", "donor": "autologous"}"#,
    );
    assert_eq!(jp_finding(&prp, RuleId::JpAsrmScope).outcome, Outcome::Met);

    // Preparation not stated: the class is still given (the reading that keeps ASRM in force),
    // and the scope finding asks for the preparation.
    let mut unstated = ryoncil_like();
    unstated.preparation = None;
    let report = classify_jp(&unstated, ON);
    assert_eq!(report.risk_class, AsrmRiskClass::ClassI);
    let scope = jp_finding(&unstated, RuleId::JpAsrmScope);
    assert_eq!(
        (
            scope.outcome,
            scope.severity,
            scope.missing.iter_str().collect::<Vec<_>>()
        ),
        (
            Outcome::Undetermined,
            Severity::Warning,
            vec!["preparation"]
        )
    );
}

#[test]
fn an_open_conditional_approval_question_is_a_warning() {
    let f = jp_finding(&ryoncil_like(), RuleId::JpConditionalApproval);
    assert_eq!(
        (f.outcome, f.severity),
        (Outcome::Undetermined, Severity::Warning)
    );
}

// ---------------------------------------------------------------- site of use

/// An autologous fat graft, rinsed and given back in the same procedure, declared to cushion
/// and support, given by `route` (with the indication that goes with it).
fn fat_graft(route: &str, indication: &str) -> Product {
    product(&format!(
        r#"{{
        "name": "Rinsed fat graft",
        "preparation": "fat_graft",
        "tissue": "adipose_tissue",
        "donor": "autologous",
        "processing": {{"steps": ["rinsing"], "same_surgical_procedure": true}},
        "intended_use": {{"functions": ["cushioning", "support"], "indications": ["{indication}"]}},
        "delivery": {{"route": "{route}"}}
    }}"#
    ))
}

#[test]
fn a_fat_graft_given_into_a_vein_is_not_used_for_the_same_essential_function() {
    // Art 2(1)(c), second indent, read with the CAT's "same anatomical or histological
    // environment": in the bloodstream fat can cushion and support nothing, whatever the record
    // declares. Engineered, so an ATMP, and no longer an autologous graft the Directive
    // excludes.
    let iv = fat_graft("intravenous", "soft_tissue_defect");
    let report = classify_eu(&iv, ON);
    assert_eq!(
        eu_severity(&report, RuleId::EuEssentialFunction),
        Some((Outcome::Met, Severity::Info))
    );
    assert_eq!(report.classification.is_atmp(), Some(true));
    assert!(report.finding(RuleId::EuAutologousSameProcedure).is_none());
    // Under the skin, the same graft does what fat did in the donor.
    let under_the_skin = classify_eu(&fat_graft("subcutaneous", "soft_tissue_defect"), ON);
    assert_eq!(
        under_the_skin.classification,
        EuClassification::ExcludedAutologousSameProcedure
    );
}

#[test]
fn a_fat_graft_injected_into_heart_muscle_for_heart_failure_is_a_tep() {
    // Heart muscle contracts; fat does not. Treating heart failure implies repairing heart
    // muscle, which is not a basic function of fat: a different essential function, and a
    // repair claim, so a tissue engineered product.
    let heart = fat_graft("intramyocardial", "heart_failure");
    let report = classify_eu(&heart, ON);
    assert_eq!(
        eu_outcome(&heart, RuleId::EuEssentialFunction),
        Outcome::Met
    );
    assert_eq!(
        report.classification,
        EuClassification::TissueEngineeredProduct
    );
}

#[test]
fn japan_fat_cells_given_into_a_vein_are_not_homologous_whatever_is_declared() {
    // MHLW notice 医政研発1031第1号: homologous means a function like that of the cells at the
    // target site. The notice's own pair: fat-derived cells to rebuild a breast are homologous;
    // the same cells into a vein are not. Declaring "cushioning" does not change where they go.
    let breast = product(
        r#"{
        "name": "Adipose cells for breast reconstruction",
        "preparation": "stromal_vascular_fraction",
        "tissue": "adipose_tissue",
        "donor": "autologous",
        "processing": {"steps": ["enzymatic_digestion", "centrifugation"]},
        "intended_use": {"functions": ["cushioning", "support"], "indications": ["soft_tissue_defect"], "site_of_use": "breast"}
    }"#,
    );
    assert_eq!(
        jp_severity(&breast, RuleId::JpHomologousUse),
        (Outcome::Met, Severity::Info)
    );
    // Homologous, uncultured, but adipose-derived stem cells: open between Class II and III
    // (see mhlw_example_adipose_cells_for_breast_reconstruction_are_homologous).
    assert_eq!(
        classify_jp(&breast, ON).risk_class,
        AsrmRiskClass::Undetermined
    );

    let mut vein = breast.clone();
    if let Some(use_) = vein.intended_use.as_mut() {
        use_.site_of_use = None;
    }
    vein.delivery = Some(msc_therapy::document::Delivery {
        route: msc_therapy::vocab::Route::Intravenous,
        guidance: None,
    });
    assert_eq!(
        jp_severity(&vein, RuleId::JpHomologousUse),
        (Outcome::NotMet, Severity::Info)
    );
    assert_eq!(classify_jp(&vein, ON).risk_class, AsrmRiskClass::ClassII);

    // A stated site and a route that contradict it: judged at both, the less favourable reading.
    let mut both = breast.clone();
    both.delivery = vein.delivery;
    assert_eq!(
        jp_finding(&both, RuleId::JpHomologousUse).outcome,
        Outcome::NotMet
    );
}

#[test]
fn japan_marrow_into_the_knee_for_osteoarthritis_is_not_homologous() {
    // Marrow forms blood; a knee joint does not. Treating osteoarthritis implies repairing
    // cartilage, which is not marrow's function: non-homologous, so Class II although the
    // cells are the patient's own and uncultured.
    let p = same_day_bmac(true, "musculoskeletal_repair");
    assert_eq!(
        jp_finding(&p, RuleId::JpHomologousUse).outcome,
        Outcome::NotMet
    );
    assert_eq!(classify_jp(&p, ON).risk_class, AsrmRiskClass::ClassII);
    // Declaring blood formation for the same knee injection does not make it homologous.
    let mut declared = p.clone();
    if let Some(use_) = declared.intended_use.as_mut() {
        use_.functions = Some(vec![TissueFunction::Hematopoiesis]);
    }
    assert_eq!(
        jp_finding(&declared, RuleId::JpHomologousUse).outcome,
        Outcome::NotMet
    );
}

// ---------------------------------------------------------------- Japan: authorisations

fn stemirac_record() -> Product {
    product(
        r#"{
        "name": "Autologous marrow MSCs for spinal cord injury",
        "preparation": "culture_expanded_msc",
        "tissue": "bone_marrow",
        "donor": "autologous",
        "processing": {"steps": ["culture_expansion"]},
        "intended_use": {"indications": ["spinal_cord_injury"]},
        "delivery": {"route": "intravenous"}
    }"#,
    )
}

#[test]
fn a_conditional_time_limited_approval_is_expressed_by_its_catalog_key() {
    // PMD Act Art 23-26: Stemirac was approved with conditions and a time limit (28 Dec 2018,
    // seven years: to 27 Dec 2025). Within the term:
    use msc_therapy::catalog::CatalogKey;
    use msc_therapy::classify_jp_authorised;
    let within_term = jiff::civil::date(2024, 6, 1);
    let report = classify_jp_authorised(&stemirac_record(), CatalogKey::StemiracJp, within_term);
    assert_eq!(report.pmd_act, PmdActStatus::RegenerativeMedicalProduct);
    let f = report.finding(RuleId::JpConditionalApproval);
    assert_eq!(
        f.map(|f| (f.outcome, f.severity)),
        Some((Outcome::Met, Severity::Info))
    );
    // After the term (full approval applied for on 14 Nov 2025, no decision found), the
    // approval still applies as the holder states, as a warning (tests/corrections_catalog.rs).
    assert_eq!(
        classify_jp_authorised(&stemirac_record(), CatalogKey::StemiracJp, ON)
            .finding(RuleId::JpConditionalApproval)
            .map(|f| (f.outcome, f.severity)),
        Some((Outcome::Met, Severity::Warning))
    );
    assert_eq!(
        f.and_then(|f| f.fact_named("authorisation.catalog_key"))
            .map(|x| x.value.to_string()),
        Some("stemirac_jp".to_owned())
    );
    // TEMCELL HS Inj. holds a full approval: the conditional route does not apply.
    let temcell = classify_jp_authorised(&ryoncil_like(), CatalogKey::TemcellJp, ON);
    assert_eq!(
        temcell
            .finding(RuleId::JpConditionalApproval)
            .map(|f| f.outcome),
        Some(Outcome::NotApplicable)
    );
    // Without the authorisation the same record only raises the question.
    assert_eq!(
        jp_finding(&stemirac_record(), RuleId::JpConditionalApproval).outcome,
        Outcome::Undetermined
    );
}

#[test]
fn an_authorisation_that_contradicts_the_record_or_lies_abroad_is_not_applied() {
    use msc_therapy::catalog::CatalogKey;
    use msc_therapy::classify_jp_authorised;
    // Stemirac is autologous: a record of donor cells is not Stemirac.
    let mut donor = stemirac_record();
    donor.donor = Some(msc_therapy::vocab::Donor::AllogeneicUnrelated);
    let f = classify_jp_authorised(&donor, CatalogKey::StemiracJp, ON)
        .finding(RuleId::JpConditionalApproval)
        .cloned();
    assert_eq!(
        f.map(|f| (f.outcome, f.severity)),
        Some((Outcome::Undetermined, Severity::Warning))
    );
    // A US approval says nothing about Japan.
    let ryoncil = ryoncil_like();
    assert_eq!(
        classify_jp_authorised(&ryoncil, CatalogKey::RyoncilUs, ON),
        classify_jp(&ryoncil, ON)
    );
}

#[test]
fn alofisel_allogeneic_expanded_adipose_cells_for_perianal_fistula_are_an_sctmp() {
    // EMA, EPAR summary for the public, Alofisel (darvadstrocel, 2018): "a type of advanced
    // therapy medicine called a 'somatic cell therapy product'". Its cells are presented as
    // acting by immunomodulation; closing the fistula is the effect, not a claim to rebuild
    // tissue.
    let alofisel = product(
        r#"{
        "name": "Alofisel-like darvadstrocel",
        "preparation": "culture_expanded_msc",
        "tissue": "adipose_tissue",
        "donor": "allogeneic_unrelated",
        "processing": {"steps": ["enzymatic_digestion", "culture_expansion"]},
        "intended_use": {"indications": ["perianal_fistula"]},
        "mechanisms": ["immunomodulation"],
        "delivery": {"route": "intralesional"}
    }"#,
    );
    let report = classify_eu(&alofisel, ON);
    assert_eq!(report.classification, EuClassification::SomaticCellTherapy);
    assert_eq!(
        eu_severity(&report, RuleId::EuAtmpClass),
        Some((Outcome::Met, Severity::Info))
    );
    // The record names only the indication: the EPAR's classification of the product
    // authorised for it decides, not the wound healing the indication implies.
    let mut indication_only = alofisel.clone();
    indication_only.mechanisms = None;
    assert_eq!(
        classify_eu(&indication_only, ON).classification,
        EuClassification::SomaticCellTherapy
    );
    // Declaring the immunomodulatory function gives the same answer.
    let mut declared = alofisel.clone();
    if let Some(use_) = declared.intended_use.as_mut() {
        use_.functions = Some(vec![TissueFunction::Immunomodulation]);
    }
    assert_eq!(
        classify_eu(&declared, ON).classification,
        EuClassification::SomaticCellTherapy
    );
    // Presented instead for wound healing (the CAT's 2019 PRP + SVF case): a TEP. A declared
    // function is more specific than a mechanism.
    let mut healing = alofisel.clone();
    if let Some(use_) = healing.intended_use.as_mut() {
        use_.functions = Some(vec![TissueFunction::WoundHealing]);
    }
    assert_eq!(
        classify_eu(&healing, ON).classification,
        EuClassification::TissueEngineeredProduct
    );
}

// ---------------------------------------------------------------- approved products

/// A record of a catalogued product as its authorisation describes it: tissue, donor,
/// preparation, route and indications, nothing else.
fn record_of(key: msc_therapy::catalog::CatalogKey) -> Product {
    let entry = key.product();
    let mut p = Product::named(msc_therapy::vocab::Text::new(entry.name).expect("a name"));
    p.tissue = Some(entry.tissue);
    p.donor = Some(entry.donor);
    p.preparation = Some(entry.preparation);
    p.delivery = Some(msc_therapy::document::Delivery {
        route: entry.route,
        guidance: None,
    });
    p.intended_use = Some(msc_therapy::document::IntendedUse {
        indications: Some(entry.indications.to_vec()),
        ..msc_therapy::document::IntendedUse::default()
    });
    p
}

#[test]
fn mscs_authorised_in_the_eu_are_atmps_of_their_class() {
    use msc_therapy::catalog::CatalogKey;
    // Alofisel: "a 'somatic cell therapy product'" (EMA EPAR summary, 2018).
    assert_eq!(
        classify_eu(&record_of(CatalogKey::AlofiselEu), ON).classification,
        EuClassification::SomaticCellTherapy
    );
    // Obnitix (MSC-FFM, for GvHD) is made under a national ATMP authorisation (Germany,
    // section 4b AMG, Paul-Ehrlich-Institut): an ATMP, for the immunological action of its cells.
    assert_eq!(
        classify_eu(&record_of(CatalogKey::ObnitixDe), ON).classification,
        EuClassification::SomaticCellTherapy
    );
}

#[test]
fn mscs_approved_in_japan_are_regenerative_medical_products_with_their_approval_kind() {
    use msc_therapy::catalog::CatalogKey;
    use msc_therapy::classify_jp_authorised;
    // MHLW approvals (PMD Act): TEMCELL HS Inj. (2015) and Alofisel (2021) in full; STEMIRAC
    // (28 Dec 2018) and AKUUGO (31 Jul 2024) with conditions and a time limit (Art 23-26).
    // Processing as the products' descriptions give it: cultured MSCs; AKUUGO's SB623 cells are
    // also transiently transfected (genetically modified).
    use ProcessingStep::{CultureExpansion, GeneticModification};
    for (key, steps, conditional, class) in [
        (
            CatalogKey::TemcellJp,
            vec![CultureExpansion],
            false,
            AsrmRiskClass::ClassI,
        ),
        (
            CatalogKey::AlofiselJp,
            vec![CultureExpansion],
            false,
            AsrmRiskClass::ClassI,
        ),
        (
            CatalogKey::StemiracJp,
            vec![CultureExpansion],
            true,
            AsrmRiskClass::ClassII,
        ),
        (
            CatalogKey::AkuugoJp,
            vec![CultureExpansion, GeneticModification],
            true,
            AsrmRiskClass::ClassI,
        ),
    ] {
        let mut record = record_of(key);
        record.processing = Some(msc_therapy::document::Processing {
            steps: Some(steps),
            ..msc_therapy::document::Processing::default()
        });
        let plain = classify_jp(&record, ON);
        // Cultured live cells: regenerative medical products on the record alone.
        assert_eq!(
            plain.pmd_act,
            PmdActStatus::RegenerativeMedicalProduct,
            "{key}"
        );
        // The same cells in clinical research or private practice: donor cells are Class I,
        // the patient's own cultured cells Class II.
        assert_eq!(plain.risk_class, class, "{key}");
        let authorised = classify_jp_authorised(&record, key, ON);
        let f = authorised.finding(RuleId::JpConditionalApproval);
        assert_eq!(
            f.map(|f| f.outcome),
            Some(if conditional {
                Outcome::Met
            } else {
                Outcome::NotApplicable
            }),
            "{key}"
        );
    }
}

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
#[allow(dead_code)]
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);
