//! Codes both ways: every code in the crate's tables reads back as its term (or, when it is
//! only broader than the term, is refused as that term); no code names two terms; every code
//! has its system's form. Then the mappings the reference gives (codes.json of the project's
//! reference: MONDO, DOID, ICD-10-CM including the FY2026 multiple-sclerosis subcodes, ICD-11,
//! SNOMED CT via MONDO and the FHIR route-codes value set, EDQM Standard Terms, UBERON, Cell
//! Ontology, HGNC), and the exact messages of every error.

use msc_therapy::document::{ClaimKind, TrialPhase, TrialResult, TrialStatus};
use msc_therapy::vocab::{
    AddedArticle, CellPreparation, CodeRelation, CodeSystem, Coded, Coding, CodingError, Donor,
    FdaTissueClass, ImageGuidance, Indication, IndicationCategory, ManipulationLevel,
    MarkerExpectation, Mechanism, MscDesignation, ProcessingStep, ProductState, Route,
    SecretedFactor, SiteOfUse, SupplyModel, SurfaceMarker, TestOutcome, TissueFunction,
    TissueSource, ViabilityMethod, ViabilityTiming,
};
use std::collections::BTreeMap;

/// Every code of `V` reads back as its term when the code identifies the term; a code listed
/// only as broader is refused with [`CodingError::Broader`] naming the term it is exported for.
fn round_trip<V: Coded>() -> usize {
    let mut identifying: BTreeMap<(CodeSystem, String), V> = BTreeMap::new();
    for &term in V::terms() {
        for row in term.codings() {
            if row.relation.identifies_term() {
                let key = (row.coding.system, row.coding.code.to_string());
                if let Some(other) = identifying.insert(key, term) {
                    panic!(
                        "{} names two {} terms: {other:?} and {term:?}",
                        row.coding,
                        V::VOCABULARY
                    );
                }
            }
        }
    }
    let mut checked = 0;
    for &term in V::terms() {
        for row in term.codings() {
            let coding = &row.coding;
            assert!(
                coding.system.is_well_formed(&coding.code),
                "{coding} has the form of a {} code",
                coding.system.label()
            );
            let read = V::from_coding(coding.system.uri(), &coding.code);
            let key = (coding.system, coding.code.to_string());
            match identifying.get(&key) {
                Some(&named) => {
                    assert_eq!(read, Ok(named), "{coding} reads back");
                    if row.relation.identifies_term() {
                        assert_eq!(named, term, "{coding} reads back as {term:?}");
                    }
                }
                None => {
                    assert_eq!(row.relation, CodeRelation::CodeIsBroader);
                    assert_eq!(
                        read,
                        Err(CodingError::Broader {
                            vocabulary: V::VOCABULARY,
                            system: coding.system,
                            code: coding.code.to_string(),
                            term: term.machine_name(),
                        }),
                        "{coding} is refused as {term:?}"
                    );
                }
            }
            assert_eq!(V::from_coded(coding), read, "from_coded agrees");
            checked += 1;
        }
    }
    checked
}

#[test]
fn every_code_of_every_vocabulary_round_trips() {
    let total = round_trip::<Indication>()
        + round_trip::<Route>()
        + round_trip::<TissueSource>()
        + round_trip::<SecretedFactor>()
        + round_trip::<SurfaceMarker>()
        + round_trip::<TrialPhase>()
        + round_trip::<SiteOfUse>()
        + round_trip::<IndicationCategory>()
        + round_trip::<ImageGuidance>()
        + round_trip::<FdaTissueClass>()
        + round_trip::<TissueFunction>()
        + round_trip::<Donor>()
        + round_trip::<SupplyModel>()
        + round_trip::<ProcessingStep>()
        + round_trip::<ManipulationLevel>()
        + round_trip::<AddedArticle>()
        + round_trip::<CellPreparation>()
        + round_trip::<Mechanism>()
        + round_trip::<MscDesignation>()
        + round_trip::<MarkerExpectation>()
        + round_trip::<TestOutcome>()
        + round_trip::<ProductState>()
        + round_trip::<ViabilityTiming>()
        + round_trip::<ViabilityMethod>()
        + round_trip::<TrialStatus>()
        + round_trip::<TrialResult>()
        + round_trip::<ClaimKind>();
    // The tables are not empty: the round trip above checked real rows.
    assert!(total > 100, "{total} codes checked");
}

#[test]
fn the_cell_ontology_terms_of_msc_tissues_have_the_ontologys_form() {
    for &tissue in TissueSource::ALL {
        if let Some(row) = tissue.msc_cell_type() {
            assert_eq!(row.coding.system, CodeSystem::CellOntology);
            assert!(CodeSystem::CellOntology.is_well_formed(&row.coding.code));
        }
    }
    assert_eq!(msc_therapy::vocab::MSC_CELL_TYPE.coding.code, "CL:0000134");
}

// ---------------------------------------------------------------------------------------------
// Mappings from the reference
// ---------------------------------------------------------------------------------------------

const SNOMED: &str = "http://snomed.info/sct";
const ICD10CM: &str = "http://hl7.org/fhir/sid/icd-10-cm";
const MONDO: &str = "http://purl.obolibrary.org/obo/mondo.owl";
const UBERON: &str = "http://purl.obolibrary.org/obo/uberon.owl";
const EDQM: &str = "http://standardterms.edqm.eu";
const HGNC: &str = "http://www.genenames.org";

#[test]
fn diagnosis_codes_from_a_health_record_read_as_indications() {
    let cases = [
        (MONDO, "MONDO:0005416", Indication::KneeOsteoarthritis),
        (ICD10CM, "M17.9", Indication::KneeOsteoarthritis),
        (ICD10CM, "M17.11", Indication::KneeOsteoarthritis),
        (
            "http://id.who.int/icd/release/11/mms",
            "FA01",
            Indication::KneeOsteoarthritis,
        ),
        (ICD10CM, "D89.81", Indication::GraftVersusHostDisease),
        // Acute GvHD is a kind of GvHD.
        (ICD10CM, "D89.810", Indication::GraftVersusHostDisease),
        (SNOMED, "402355000", Indication::GraftVersusHostDisease),
        (ICD10CM, "K50", Indication::CrohnsDisease),
        (SNOMED, "7620006", Indication::CrohnsDisease),
        (ICD10CM, "M06.9", Indication::RheumatoidArthritis),
        (ICD10CM, "G12.21", Indication::Als),
        (ICD10CM, "J44.9", Indication::Copd),
        (ICD10CM, "J80", Indication::Ards),
        (ICD10CM, "I50.9", Indication::HeartFailure),
        (
            "http://purl.obolibrary.org/obo/doid.owl",
            "DOID:6000",
            Indication::HeartFailure,
        ),
        (ICD10CM, "E11.621", Indication::DiabeticWound),
        (ICD10CM, "S83.519A", Indication::AclTear),
        (SNOMED, "90584004", Indication::SpinalCordInjury),
    ];
    for (system, code, expected) in cases {
        assert_eq!(
            Indication::from_coding(system, code),
            Ok(expected),
            "{code}"
        );
    }
}

/// ICD-10-CM FY2026 (1 October 2025) made G35 a header over G35.A (relapsing-remitting),
/// G35.B0-B2 (primary progressive), G35.C0-C2 (secondary progressive) and G35.D
/// (unspecified). A record coded before or after the change reads as multiple sclerosis.
#[test]
fn multiple_sclerosis_reads_from_the_old_code_and_every_fy2026_subcode() {
    for code in [
        "G35", "G35.A", "G35.B0", "G35.B1", "G35.B2", "G35.C0", "G35.C1", "G35.C2", "G35.D",
    ] {
        assert_eq!(
            Indication::from_coding(ICD10CM, code),
            Ok(Indication::MultipleSclerosis),
            "{code}"
        );
    }
    let g35 = Indication::MultipleSclerosis
        .codings()
        .iter()
        .find(|r| r.coding.code == "G35")
        .expect("G35 is listed");
    assert!(
        g35.release.contains("non-billable header"),
        "{}",
        g35.release
    );
    let subcode = Indication::MultipleSclerosis
        .codings()
        .iter()
        .find(|r| r.coding.code == "G35.A")
        .expect("G35.A is listed");
    assert_eq!(subcode.relation, CodeRelation::CodeIsNarrower);
    assert!(subcode.release.contains("FY2026"));
}

/// "Limb ischemia" does not show *critical* limb ischaemia, osteoarthritis of any joint does
/// not show a joint other than the knee, and perianal Crohn disease is more than a fistula:
/// such codes are exported with the term but never read as it (fail closed).
#[test]
fn a_broader_code_is_never_read_as_the_narrower_term() {
    let err = Indication::from_coding(MONDO, "MONDO:0000491").unwrap_err();
    assert_eq!(
        err.to_string(),
        "MONDO code \"MONDO:0000491\" is broader than the indication term `critical_limb_ischemia` and cannot be read as it"
    );
    assert!(matches!(
        Indication::from_coding(MONDO, "MONDO:0005178"),
        Err(CodingError::Broader {
            term: "osteoarthritis",
            ..
        })
    ));
    assert!(matches!(
        Indication::from_coding(SNOMED, "235796008"),
        Err(CodingError::Broader {
            term: "perianal_fistula",
            ..
        })
    ));
    // The intracardiac route also covers injection into the heart's chambers.
    assert!(matches!(
        Route::from_coding(SNOMED, "372460008"),
        Err(CodingError::Broader {
            term: "intramyocardial",
            ..
        })
    ));
    assert_eq!(
        Route::from_coding(SNOMED, "446435000"),
        Ok(Route::Intramyocardial)
    );
}

#[test]
fn route_codes_read_from_snomed_ct_and_edqm_under_every_published_uri() {
    assert_eq!(
        Route::from_coding(SNOMED, "47625008"),
        Ok(Route::Intravenous)
    );
    assert_eq!(
        Route::from_coding(SNOMED, "12130007"),
        Ok(Route::IntraArticular)
    );
    assert_eq!(
        Route::from_coding(SNOMED, "72607000"),
        Ok(Route::Intrathecal)
    );
    assert_eq!(Route::from_coding(EDQM, "20045000"), Ok(Route::Intravenous));
    for uri in [
        "https://standardterms.edqm.eu",
        "urn:oid:0.4.0.127.0.16.1.1.2.1",
    ] {
        assert_eq!(
            Route::from_coding(uri, "20042000"),
            Ok(Route::Intrathecal),
            "{uri}"
        );
    }
    // The reference's EDQM "cutaneous use" for topical is a low-confidence choice: not listed.
    assert!(
        Route::Topical
            .codings()
            .iter()
            .all(|r| r.coding.system != CodeSystem::Edqm)
    );
}

#[test]
fn tissues_read_from_uberon_and_genes_from_hgnc() {
    let tissues = [
        ("UBERON:0002371", TissueSource::BoneMarrow),
        ("UBERON:0001013", TissueSource::AdiposeTissue),
        ("UBERON:0003422", TissueSource::WhartonsJelly),
        ("UBERON:0002331", TissueSource::UmbilicalCordTissue),
        ("UBERON:0012168", TissueSource::UmbilicalCordBlood),
        ("UBERON:0000305", TissueSource::AmnioticMembrane),
        ("UBERON:0001754", TissueSource::DentalPulp),
    ];
    for (code, tissue) in tissues {
        assert_eq!(
            TissueSource::from_coding(UBERON, code),
            Ok(tissue),
            "{code}"
        );
    }
    assert_eq!(
        SurfaceMarker::from_coding(HGNC, "HGNC:8021"),
        Ok(SurfaceMarker::Cd73)
    );
    assert_eq!(
        SurfaceMarker::from_coding("http://www.genenames.org/geneId", "HGNC:9666"),
        Ok(SurfaceMarker::Cd45)
    );
    assert_eq!(
        SecretedFactor::from_coding(HGNC, "HGNC:12680"),
        Ok(SecretedFactor::Vegf)
    );
    // The reference did not confirm THY1's HGNC id: CD90 carries no code.
    assert!(SurfaceMarker::Cd90.codings().is_empty());
    assert_eq!(
        TrialPhase::from_coding(
            "http://terminology.hl7.org/CodeSystem/research-study-phase",
            "phase-2"
        ),
        Ok(TrialPhase::Phase2)
    );
}

#[test]
fn terms_without_a_code_say_so_with_an_empty_list() {
    // The reference found no MONDO, DOID or ICD code for these conditions and routes.
    assert!(Indication::CartilageDefect.codings().is_empty());
    assert!(Indication::Autism.codings().is_empty());
    assert!(Route::Intracerebral.codings().is_empty());
    assert!(ProcessingStep::CultureExpansion.codings().is_empty());
    assert!(TissueSource::UmbilicalCordBlood.msc_cell_type().is_none());
}

/// The codes the vocabulary rows carry agree with the code tables (the rows' MONDO, SNOMED
/// CT, EDQM, UBERON, Cell Ontology and HGNC columns).
#[test]
fn the_vocabulary_rows_codes_appear_in_the_code_tables() {
    fn listed<V: Coded>(term: V, system: CodeSystem, code: &str) -> bool {
        term.codings()
            .iter()
            .any(|r| r.coding.system == system && r.coding.code == code)
    }
    for &i in Indication::ALL {
        if let Some(mondo) = i.info().mondo {
            assert!(listed(i, CodeSystem::Mondo, mondo), "{i:?} {mondo}");
        }
    }
    for &r in Route::ALL {
        if let Some(code) = r.info().snomed_ct {
            assert!(listed(r, CodeSystem::SnomedCt, code), "{r:?} {code}");
        }
        if let Some(code) = r.info().edqm {
            assert!(listed(r, CodeSystem::Edqm, code), "{r:?} {code}");
        }
    }
    for &t in TissueSource::ALL {
        assert!(listed(t, CodeSystem::Uberon, t.info().uberon), "{t:?}");
        assert_eq!(
            t.msc_cell_type().map(|r| r.coding.code.as_ref()),
            t.info().cell_ontology,
            "{t:?}"
        );
    }
    for &f in SecretedFactor::ALL {
        if let Some(hgnc) = f.info().hgnc {
            assert!(listed(f, CodeSystem::Hgnc, hgnc), "{f:?} {hgnc}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

#[test]
fn every_error_names_the_field_or_system_and_the_problem() {
    assert_eq!(
        Indication::from_coding("http://loinc.org", "1234-5")
            .unwrap_err()
            .to_string(),
        "coding.system \"http://loinc.org\" is not a code system the crate reads (SNOMED CT, ICD-10-CM, ICD-11, MONDO, DOID, UBERON, CL, EDQM, HGNC, research-study-phase)"
    );
    assert_eq!(
        Indication::from_coding(ICD10CM, "m17.9")
            .unwrap_err()
            .to_string(),
        "coding.code must be an ICD-10-CM code: a letter, a digit, a letter or digit, then optionally a dot and 1 to 4 letters or digits, got \"m17.9\""
    );
    assert_eq!(
        Route::from_coding(MONDO, "MONDO:0005416")
            .unwrap_err()
            .to_string(),
        "route terms carry no MONDO codes"
    );
    assert_eq!(
        Route::from_coding(SNOMED, "123456789")
            .unwrap_err()
            .to_string(),
        "SNOMED CT code \"123456789\" names no route term"
    );
    // A cell type is not a tissue.
    assert_eq!(
        TissueSource::from_coding("http://purl.obolibrary.org/obo/cl.owl", "CL:0002540")
            .unwrap_err()
            .to_string(),
        "tissue source terms carry no Cell Ontology codes"
    );
}

#[test]
fn a_coding_document_is_checked_on_deserialization() {
    let coding: Coding =
        serde_json::from_str(r#"{"system": "https://standardterms.edqm.eu", "code": "20045000"}"#)
            .unwrap();
    assert_eq!(coding.system, CodeSystem::Edqm);
    // Serialized under the system's FHIR URI.
    assert_eq!(
        serde_json::to_string(&coding).unwrap(),
        r#"{"system":"http://standardterms.edqm.eu","code":"20045000"}"#
    );
    let cases = [
        (
            r#"{"system": "http://snomed.info/sct", "code": "47625008", "version": "x"}"#,
            "unknown field `version`",
        ),
        (
            r#"{"system": "http://snomed.info/sct", "code": "IV"}"#,
            "coding.code must be a SNOMED CT identifier of 6 to 18 digits, got \"IV\"",
        ),
        (
            r#"{"system": "http://snomed.info/sct", "code": "47625008", "display": " "}"#,
            "coding.display must not be blank",
        ),
        (
            r#"{"system": "snomed", "code": "47625008"}"#,
            "coding.system \"snomed\"",
        ),
        (
            r#"["http://snomed.info/sct", "47625008"]"#,
            "invalid type: sequence",
        ),
    ];
    for (json, message) in cases {
        let err = serde_json::from_str::<Coding>(json)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(message), "{json}: {err}");
    }
}

#[test]
fn the_coding_types_are_send_sync_clone_debug() {
    fn assert_send_sync<T: Send + Sync + Clone + std::fmt::Debug + 'static>() {}
    assert_send_sync::<CodeSystem>();
    assert_send_sync::<msc_therapy::vocab::CodeSystemInfo>();
    assert_send_sync::<Coding>();
    assert_send_sync::<CodeRelation>();
    assert_send_sync::<msc_therapy::vocab::TermCoding>();
    assert_send_sync::<CodingError>();
    assert_send_sync::<msc_therapy::vocab::CodedCondition>();
    assert_send_sync::<msc_therapy::vocab::StatedIndication>();
}

// ---------------------------------------------------------------------------------------------
// Conditions outside the list
// ---------------------------------------------------------------------------------------------

/// Fat moved under the skin to fill a soft-tissue defect cushions and supports as fat does in
/// the donor: homologous use (FDA MM/HU guidance, Example 19-6(a)).
const FAT_GRAFT: &str = r#"{
    "name": "Fat graft",
    "tissue": "adipose_tissue",
    "intended_use": {
        "functions": ["cushioning"],
        "indications": ["soft_tissue_defect"],
        "site_of_use": "subcutaneous"
    }
}"#;

/// SNOMED CT 23986001 glaucoma: a condition no term of the crate's list covers.
const GLAUCOMA: &str =
    r#"{"coding": {"system": "http://snomed.info/sct", "code": "23986001"}, "text": "glaucoma"}"#;

fn with_unlisted(doc: &str, unlisted: &[&str]) -> String {
    let mut v: serde_json::Value = serde_json::from_str(doc).unwrap();
    for u in unlisted {
        v["intended_use"]["indications"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::from_str(u).unwrap());
    }
    v.to_string()
}

#[test]
fn an_unlisted_condition_is_read_from_the_indications_list_and_written_back() {
    let text = with_unlisted(FAT_GRAFT, &[GLAUCOMA]);
    let product = msc_therapy::Product::from_json(&text).unwrap();
    let intended = product.intended_use.as_ref().unwrap();
    assert_eq!(
        intended.indications,
        Some(vec![Indication::SoftTissueDefect])
    );
    assert_eq!(intended.other_indications.len(), 1);
    assert_eq!(intended.other_indications[0].coding.code, "23986001");
    let again: serde_json::Value = serde_json::to_value(&product).unwrap();
    assert_eq!(
        again["intended_use"]["indications"][1]["coding"]["code"],
        "23986001"
    );
    assert_eq!(
        msc_therapy::Product::from_json(&again.to_string()).unwrap(),
        product
    );
}

#[test]
fn an_unlisted_condition_must_be_a_diagnosis_code_that_names_no_listed_term() {
    let read = |entry: &str| {
        msc_therapy::Product::from_json(&with_unlisted(FAT_GRAFT, &[entry]))
            .unwrap_err()
            .to_string()
    };
    let listed = read(
        r#"{"coding": {"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "D89.810"}, "text": "acute GvHD"}"#,
    );
    assert!(
        listed.starts_with("intended_use.indications[1]: ICD-10-CM code \"D89.810\" names the listed indication `graft_versus_host_disease`: name it as \"graft_versus_host_disease\""),
        "{listed}"
    );
    let uberon = read(
        r#"{"coding": {"system": "http://purl.obolibrary.org/obo/uberon.owl", "code": "UBERON:0002371"}, "text": "marrow"}"#,
    );
    assert!(
        uberon.contains("coding.system must be a code system for conditions (SNOMED CT, ICD-10-CM, ICD-11, MONDO, DOID), got UBERON"),
        "{uberon}"
    );
    let blank = read(
        r#"{"coding": {"system": "http://snomed.info/sct", "code": "23986001"}, "text": " "}"#,
    );
    assert!(blank.contains("text must not be empty"), "{blank}");
    let unknown_name = msc_therapy::Product::from_json(
        r#"{"name": "X", "intended_use": {"indications": ["knee_oa"]}}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(
        unknown_name
            .starts_with("intended_use.indications[0]: unknown variant `knee_oa`, expected one of"),
        "{unknown_name}"
    );
}

/// A condition outside the list needs functions the crate cannot name: the fat graft's
/// homologous use is no longer shown (fail closed), and the missing fact is named.
#[test]
fn an_unlisted_condition_leaves_homologous_use_undetermined() {
    use msc_therapy::{Outcome, RuleId, classify_us};
    let plain = msc_therapy::Product::from_json(FAT_GRAFT).unwrap();
    let met = classify_us(&plain, ON);
    assert_eq!(
        met.finding(RuleId::UsHomologousUse).unwrap().outcome,
        Outcome::Met
    );
    let with = msc_therapy::Product::from_json(&with_unlisted(FAT_GRAFT, &[GLAUCOMA])).unwrap();
    let open = classify_us(&with, ON);
    let finding = open.finding(RuleId::UsHomologousUse).unwrap();
    assert_eq!(finding.outcome, Outcome::Undetermined);
    assert!(finding.missing.contains(&"intended_use.indications"));
}

/// Each unlisted condition counts as a family of its own: one orthopaedic term and two
/// unlisted conditions are three families, FDA's "myriad of diseases" line
/// (`US_MYRIAD_INDICATION_CATEGORIES`) in both the US rule and the offer checklist.
#[test]
fn unlisted_conditions_count_for_the_myriad_of_diseases() {
    use msc_therapy::engine::us::US_MYRIAD_INDICATION_CATEGORIES;
    use msc_therapy::{ClinicOffer, Outcome, RuleId, classify_us, evaluate_offer};
    assert_eq!(US_MYRIAD_INDICATION_CATEGORIES, 3);
    let doc = r#"{
        "name": "Umbilical stem cell shot",
        "tissue": "whartons_jelly",
        "intended_use": {"indications": ["knee_osteoarthritis"]}
    }"#;
    let tinnitus = r#"{"coding": {"system": "http://snomed.info/sct", "code": "60862001"}, "text": "tinnitus"}"#;
    let product =
        msc_therapy::Product::from_json(&with_unlisted(doc, &[GLAUCOMA, tinnitus])).unwrap();
    let us = classify_us(&product, ON);
    let finding = us.finding(RuleId::UsHomologousUse).unwrap();
    assert_eq!(finding.outcome, Outcome::NotMet);
    assert!(
        finding
            .reason
            .map(|r| r.text())
            .unwrap_or_default()
            .contains("myriad"),
        "{:?}",
        finding.reason
    );
    // The same code twice is one condition: two families, under the line.
    let twice =
        msc_therapy::Product::from_json(&with_unlisted(doc, &[GLAUCOMA, GLAUCOMA])).unwrap();
    assert!(
        !classify_us(&twice, ON)
            .finding(RuleId::UsHomologousUse)
            .unwrap()
            .reason
            .map(|r| r.text())
            .unwrap_or_default()
            .contains("myriad")
    );

    let offer = ClinicOffer::new(product, Indication::KneeOsteoarthritis);
    let evaluation = evaluate_offer(&offer, ON);
    let many = evaluation.finding(RuleId::OfferManyConditions).unwrap();
    assert_eq!(many.outcome, Outcome::NotMet);
}

#[test]
fn a_coded_condition_counts_families_by_code() {
    let glaucoma: msc_therapy::vocab::CodedCondition = serde_json::from_str(GLAUCOMA).unwrap();
    assert_eq!(
        msc_therapy::vocab::CodedCondition::families(&[], std::slice::from_ref(&glaucoma)),
        1
    );
    assert_eq!(
        msc_therapy::vocab::CodedCondition::families(
            &[Indication::KneeOsteoarthritis, Indication::AclTear],
            &[]
        ),
        1
    );
    assert!(
        serde_json::from_str::<msc_therapy::vocab::CodedCondition>(
            r#"[{"system": "http://snomed.info/sct", "code": "23986001"}, "glaucoma"]"#
        )
        .is_err()
    );
}

/// Adding a worse fact: naming an unlisted condition in any example product's (or the fat
/// graft's) indications never makes homologous use met, and no product stays or becomes a 361
/// HCT/P, which needs homologous use shown.
#[test]
fn adding_an_unlisted_condition_never_improves_the_us_classification() {
    use msc_therapy::engine::us::UsClassification;
    use msc_therapy::{Outcome, RuleId, classify_us};
    let dir = format!("{}/examples/data/products", env!("CARGO_MANIFEST_DIR"));
    let mut docs = vec![FAT_GRAFT.to_owned()];
    for entry in std::fs::read_dir(dir).unwrap() {
        docs.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    for doc in docs {
        let mut v: serde_json::Value = serde_json::from_str(&doc).unwrap();
        if v["intended_use"]["indications"].as_array().is_none() {
            v["intended_use"]["indications"] = serde_json::json!([]);
        }
        let before = classify_us(
            &msc_therapy::Product::from_json(&v.to_string()).unwrap(),
            ON,
        );
        let after = classify_us(
            &msc_therapy::Product::from_json(&with_unlisted(&v.to_string(), &[GLAUCOMA])).unwrap(),
            ON,
        );
        assert_ne!(
            after.finding(RuleId::UsHomologousUse).unwrap().outcome,
            Outcome::Met,
            "{}",
            before.product
        );
        // 361 needs homologous use shown, so an unlisted condition rules it out.
        assert_ne!(
            after.classification,
            UsClassification::Section361Hctp,
            "{} was {:?}",
            before.product,
            before.classification
        );
    }
}

/// The evaluation date: the day the crate's sources were read (its knowledge horizon).
#[allow(dead_code)]
const ON: jiff::civil::Date = jiff::civil::date(2026, 12, 7);
