//! ClinicalTrials.gov API v2 import, on real study records (tests/data/ctgov/README.md says
//! where each came from) and on broken ones made from them by one edit each.
//!
//! What the tests hold the importer to:
//! - the record's own values are read as they are (NCT id, phases as an array, overall and
//!   last-known status, study type, conditions, interventions, `hasResults`);
//! - a condition maps to an indication only where the wording is sure: "knee arthroplasty" is
//!   not knee osteoarthritis, plain "osteoarthritis" is no indication;
//! - a study without phases, or without the indication asked for, is not trial evidence;
//! - a positive result is never read from the record: the caller's `TrialResult` is what the
//!   evidence carries, and `hasResults: true` does not make it positive;
//! - every broken record gets a typed error naming the field.
//!
//! Absences: deleting any member the importer reads (one at a time, nested too) either fails
//! with `Missing` for the required ones (protocol section, NCT id, overall status) or leaves the
//! corresponding field `None`, never a made-up value; and the evidence built from a study never
//! becomes "completed positive Phase 2/3" by deleting a member.

#![cfg(feature = "json")]

use msc_therapy::document::{
    CtGovError, InterventionType, RegistryStudy, StudyType, TrialPhase, TrialResult, TrialStatus,
};
use msc_therapy::vocab::Indication;
use serde_json::{Value, json};

fn record(name: &str) -> String {
    let path = format!("{}/tests/data/ctgov/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn value(name: &str) -> Value {
    serde_json::from_str(&record(name)).unwrap()
}

fn read(v: &Value) -> Result<RegistryStudy, CtGovError> {
    RegistryStudy::from_ctgov_json(&v.to_string())
}

/// NCT05013879 with its conditions and phases replaced: the edit the MSC mapping tests need
/// (no stored MSC record in the v2 format was found).
fn edited(conditions: &[&str], phases: &[&str]) -> Value {
    let mut v = value("NCT05013879.json");
    v["protocolSection"]["conditionsModule"]["conditions"] = json!(conditions);
    v["protocolSection"]["designModule"]["phases"] = json!(phases);
    v
}

// ---------------------------------------------------------------------------------------------
// Real records
// ---------------------------------------------------------------------------------------------

#[test]
fn a_completed_device_study_is_read_as_registered() {
    let study = RegistryStudy::from_ctgov_json(&record("NCT05013879.json")).unwrap();
    assert_eq!(study.nct_id.as_str(), "NCT05013879");
    assert_eq!(
        study.brief_title.as_ref().map(|t| t.as_str()),
        Some("Kinesiotape for Edema After Bilateral Total Knee Arthroplasty")
    );
    assert_eq!(study.study_type, Some(StudyType::Interventional));
    assert_eq!(
        study.phases.as_ref().map(|p| p.as_slice().to_vec()),
        Some(vec![TrialPhase::NotApplicable])
    );
    assert_eq!(study.status, TrialStatus::Completed);
    assert_eq!(study.has_results, Some(false));
    let interventions = study.interventions.as_ref().unwrap();
    assert_eq!(interventions.len(), 1);
    assert_eq!(interventions[0].kind, InterventionType::Device);
    // The conditions name the knee but not osteoarthritis: they stay text.
    let conditions = study.conditions.as_ref().unwrap();
    assert_eq!(conditions.len(), 2);
    assert!(conditions.iter().all(|c| c.indication.is_none()));
    assert_eq!(
        conditions[1].text.as_str(),
        "Arthroplasty, Replacement, Knee"
    );
    assert!(study.indications().is_empty());
}

#[test]
fn an_observational_study_has_no_phases_and_is_not_trial_evidence() {
    let study = RegistryStudy::from_ctgov_json(&record("NCT05600179.json")).unwrap();
    assert_eq!(study.study_type, Some(StudyType::Observational));
    assert_eq!(study.phases, None);
    let err = study
        .evidence_for(Indication::DiabeticWound, TrialResult::Positive)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "NCT05600179 has no phases (protocolSection.designModule.phases is absent): a study without phases cannot be cited as trial evidence"
    );
}

#[test]
fn an_unknown_status_keeps_the_last_known_one_and_withdrawn_is_read() {
    let unknown = RegistryStudy::from_ctgov_json(&record("NCT04175379.json")).unwrap();
    assert_eq!(unknown.status, TrialStatus::Unknown);
    assert_eq!(
        unknown.last_known_status,
        Some(TrialStatus::EnrollingByInvitation)
    );
    assert_eq!(
        unknown.interventions, None,
        "no interventions list in the record"
    );
    let withdrawn = RegistryStudy::from_ctgov_json(&record("NCT01511679.json")).unwrap();
    assert_eq!(withdrawn.status, TrialStatus::Withdrawn);
    assert_eq!(withdrawn.interventions, None);
}

#[test]
fn a_page_of_search_results_is_read_study_by_study() {
    let page = json!({"studies": [
        value("NCT05013879.json"),
        value("NCT05600179.json"),
        value("NCT04175379.json"),
        value("NCT01511679.json"),
    ]});
    let studies = RegistryStudy::page_from_ctgov_json(&page.to_string()).unwrap();
    let ids: Vec<&str> = studies.iter().map(|s| s.nct_id.as_str()).collect();
    assert_eq!(
        ids,
        ["NCT05013879", "NCT05600179", "NCT04175379", "NCT01511679"]
    );
    let mut broken = page.clone();
    broken["studies"][2]["protocolSection"]["statusModule"]["overallStatus"] = json!("DONE");
    assert_eq!(
        RegistryStudy::page_from_ctgov_json(&broken.to_string())
            .unwrap_err()
            .to_string(),
        "studies[2].protocolSection.statusModule.overallStatus: not a ClinicalTrials.gov status, got \"DONE\""
    );
}

// ---------------------------------------------------------------------------------------------
// Conditions and evidence
// ---------------------------------------------------------------------------------------------

#[test]
fn sure_wordings_map_to_indications_and_the_rest_stays_text() {
    let study = read(&edited(
        &[
            "Osteoarthritis, Knee",
            "Osteoarthritis",
            "Graft-versus-host Disease",
            "Knee Pain",
        ],
        &["PHASE2"],
    ))
    .unwrap();
    let mapped: Vec<Option<Indication>> = study
        .conditions
        .as_ref()
        .unwrap()
        .iter()
        .map(|c| c.indication)
        .collect();
    assert_eq!(
        mapped,
        [
            Some(Indication::KneeOsteoarthritis),
            None,
            Some(Indication::GraftVersusHostDisease),
            None
        ]
    );
    assert_eq!(
        study.indications(),
        [
            Indication::KneeOsteoarthritis,
            Indication::GraftVersusHostDisease
        ]
    );
    // Two indications: the caller must say which one the evidence is for.
    assert_eq!(
        study
            .evidence(TrialResult::Positive)
            .unwrap_err()
            .to_string(),
        "NCT05013879 maps to 2 indications (knee_osteoarthritis, graft_versus_host_disease); name the indication with evidence_for"
    );
}

#[test]
fn wordings_that_could_name_two_terms_name_none() {
    for text in [
        "Osteoarthritis",
        "Perianal Fistula",
        "Myocardial Infarction",
        "Knee Arthroplasty",
        "Respiratory Distress Syndrome, Newborn",
        "Limb Ischemia",
    ] {
        assert_eq!(Indication::from_condition_text(text), None, "{text}");
    }
    assert_eq!(
        Indication::from_condition_text("Perianal Fistulizing Crohn's Disease"),
        Some(Indication::PerianalFistula)
    );
    assert_eq!(
        Indication::from_condition_text("  crohn's   DISEASE "),
        Some(Indication::CrohnsDisease)
    );
}

/// Posted results do not make a trial positive: the evidence carries the caller's result.
#[test]
fn the_result_is_the_callers_judgement_never_the_records() {
    let mut v = edited(&["Knee Osteoarthritis"], &["PHASE3"]);
    v["hasResults"] = json!(true);
    let study = read(&v).unwrap();
    assert_eq!(study.has_results, Some(true));
    for result in [
        TrialResult::NotReported,
        TrialResult::Negative,
        TrialResult::Mixed,
    ] {
        let evidence = study.evidence(result).unwrap();
        assert_eq!(evidence.result, result);
        assert!(!evidence.is_completed_positive_phase2_or_3());
    }
    let positive = study.evidence(TrialResult::Positive).unwrap();
    assert_eq!(positive.indication, Indication::KneeOsteoarthritis);
    assert_eq!(positive.status, TrialStatus::Completed);
    assert!(positive.is_completed_positive_phase2_or_3());
}

#[test]
fn evidence_for_an_indication_the_study_does_not_list_is_refused() {
    let study = read(&edited(
        &["Knee Osteoarthritis", "Cartilage wear"],
        &["PHASE2"],
    ))
    .unwrap();
    assert_eq!(
        study
            .evidence_for(Indication::Autism, TrialResult::Positive)
            .unwrap_err()
            .to_string(),
        "NCT05013879 does not list autism among its conditions (Knee Osteoarthritis; Cartilage wear)"
    );
    // Phase 1/2 is two phases, as the registry records it.
    let phase12 = read(&edited(&["Crohn's Disease"], &["PHASE1", "PHASE2"])).unwrap();
    let evidence = phase12
        .evidence_for(Indication::CrohnsDisease, TrialResult::Positive)
        .unwrap();
    assert_eq!(
        evidence.phases.as_slice(),
        [TrialPhase::Phase1, TrialPhase::Phase2]
    );
}

/// Every member the importer reads, deleted in turn from a record that makes completed,
/// positive Phase 3 evidence: the record either fails to read or reads with that fact
/// unknown; the evidence never comes out better than the whole record's.
#[test]
fn deleting_any_member_never_invents_a_fact() {
    let full = edited(&["Graft vs Host Disease"], &["PHASE3"]);
    let paths: &[&[&str]] = &[
        &["protocolSection"],
        &["protocolSection", "identificationModule"],
        &["protocolSection", "identificationModule", "nctId"],
        &["protocolSection", "identificationModule", "briefTitle"],
        &["protocolSection", "statusModule"],
        &["protocolSection", "statusModule", "overallStatus"],
        &["protocolSection", "designModule"],
        &["protocolSection", "designModule", "phases"],
        &["protocolSection", "designModule", "studyType"],
        &["protocolSection", "conditionsModule"],
        &["protocolSection", "conditionsModule", "conditions"],
        &["protocolSection", "armsInterventionsModule"],
        &[
            "protocolSection",
            "armsInterventionsModule",
            "interventions",
        ],
        &["hasResults"],
    ];
    let whole = read(&full).unwrap();
    assert!(
        whole
            .evidence(TrialResult::Positive)
            .unwrap()
            .is_completed_positive_phase2_or_3()
    );
    for path in paths {
        let mut v = full.clone();
        let (last, parents) = path.split_last().unwrap();
        let mut node = &mut v;
        for p in parents {
            node = &mut node[*p];
        }
        node.as_object_mut().unwrap().remove(*last);
        match read(&v) {
            Err(err) => assert!(matches!(err, CtGovError::Missing { .. }), "{path:?}: {err}"),
            Ok(study) => {
                let evidence = study.evidence(TrialResult::Positive);
                match *last {
                    "phases" | "designModule" => {
                        assert_eq!(study.phases, None);
                        assert!(matches!(evidence, Err(CtGovError::NoPhases { .. })));
                    }
                    "conditions" | "conditionsModule" => {
                        assert_eq!(study.conditions, None);
                        assert!(matches!(
                            evidence,
                            Err(CtGovError::IndicationAmbiguous { found: 0, .. })
                        ));
                    }
                    "hasResults" => assert_eq!(study.has_results, None),
                    "studyType" => assert_eq!(study.study_type, None),
                    "interventions" | "armsInterventionsModule" => {
                        assert_eq!(study.interventions, None);
                    }
                    "briefTitle" => assert_eq!(study.brief_title, None),
                    other => panic!("{other} was required but the record still read"),
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Broken records
// ---------------------------------------------------------------------------------------------

#[test]
fn broken_records_get_an_error_naming_the_field() {
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = value("NCT05013879.json");
        f(&mut v);
        read(&v).unwrap_err().to_string()
    };
    assert_eq!(
        edit(&|v| v["protocolSection"]["identificationModule"]["nctId"] = json!("NCT123")),
        "protocolSection.identificationModule.nctId: must be NCT followed by 8 digits, got \"NCT123\""
    );
    assert_eq!(
        edit(&|v| v["protocolSection"]["designModule"]["phases"] = json!(["PHASE1_PHASE2"])),
        "protocolSection.designModule.phases[0]: not a ClinicalTrials.gov phase, got \"PHASE1_PHASE2\""
    );
    assert_eq!(
        edit(&|v| v["protocolSection"]["designModule"]["phases"] = json!(["PHASE2", "PHASE2"])),
        "protocolSection.designModule.phases: lists a phase more than once, got \"PHASE2, PHASE2\""
    );
    assert_eq!(
        edit(&|v| v["protocolSection"]["designModule"]["phases"] = json!([])),
        "protocolSection.designModule.phases: must list at least one phase, got \"\""
    );
    assert_eq!(
        edit(&|v| v["protocolSection"]["designModule"]["phases"] = json!(["NA", "PHASE1"])),
        "protocolSection.designModule.phases: NA must stand on its own, not with a phase, got \"NA, PHASE1\""
    );
    assert!(
        edit(&|v| v["protocolSection"]["designModule"]["phases"] = json!("PHASE2"))
            .starts_with("protocolSection.designModule.phases: invalid type: string \"PHASE2\", expected a sequence")
    );
    assert_eq!(
        edit(&|v| v["protocolSection"]["designModule"]["studyType"] = json!("RANDOMISED")),
        "protocolSection.designModule.studyType: not a ClinicalTrials.gov study type, got \"RANDOMISED\""
    );
    assert_eq!(
        edit(&|v| v["protocolSection"]["conditionsModule"]["conditions"][1] = json!("  ")),
        "protocolSection.conditionsModule.conditions[1]: must not be blank, got \"  \""
    );
    assert_eq!(
        edit(
            &|v| v["protocolSection"]["armsInterventionsModule"]["interventions"][0]["type"] =
                json!("CELLS")
        ),
        "protocolSection.armsInterventionsModule.interventions[0].type: not a ClinicalTrials.gov intervention type, got \"CELLS\""
    );
    assert!(
        edit(&|v| v["protocolSection"] = json!([]))
            .starts_with("protocolSection: invalid type: sequence, expected a JSON object")
    );
    assert!(
        edit(&|v| v["hasResults"] = json!("no"))
            .starts_with("hasResults: invalid type: string \"no\", expected a boolean")
    );
    let truncated = RegistryStudy::from_ctgov_json(&record("broken_truncated.json")).unwrap_err();
    assert!(matches!(truncated, CtGovError::Json { .. }), "{truncated}");
    assert!(
        truncated.to_string().contains("EOF while parsing"),
        "{truncated}"
    );
}

#[test]
fn the_import_types_are_send_sync_clone_debug() {
    fn assert_send_sync<T: Send + Sync + Clone + std::fmt::Debug + 'static>() {}
    assert_send_sync::<RegistryStudy>();
    assert_send_sync::<msc_therapy::document::StudyCondition>();
    assert_send_sync::<msc_therapy::document::StudyIntervention>();
    assert_send_sync::<StudyType>();
    assert_send_sync::<InterventionType>();
    assert_send_sync::<CtGovError>();
}
