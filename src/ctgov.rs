//! Import of study records from the ClinicalTrials.gov API, version 2.
//!
//! ClinicalTrials.gov, run by the US National Library of Medicine, is where the source texts
//! send every patient: "look for Phase 2 or Phase 3" trials. Its API v2 returns a study as JSON
//! (`GET /api/v2/studies/{nctId}`) and a search as a page of studies (`{"studies": [...]}`).
//! The crate does no network access: the caller fetches the JSON and passes it in.
//!
//! [`RegistryStudy::from_ctgov_json`] reads what the crate needs from a record and checks it:
//!
//! | Field of the record | Read as |
//! |---|---|
//! | `protocolSection.identificationModule.nctId` | [`NctId`] (required) |
//! | `protocolSection.identificationModule.briefTitle` | title |
//! | `protocolSection.statusModule.overallStatus`, `lastKnownStatus` | [`TrialStatus`] (overall required) |
//! | `protocolSection.designModule.studyType` | [`StudyType`] |
//! | `protocolSection.designModule.phases` | [`TrialPhases`]; absent for studies without phases |
//! | `protocolSection.conditionsModule.conditions` | [`StudyCondition`]s, each mapped to an [`Indication`] where the table is sure |
//! | `protocolSection.armsInterventionsModule.interventions[].type`, `name` | [`StudyIntervention`]s |
//! | `hasResults` | results are *posted* on the registry |
//!
//! Everything else in the record is ignored: the registry's format grows, and the crate reads
//! only the members above (unlike the crate's own documents, which reject unknown fields). A
//! member the crate reads must have the registry's type and values; an unknown status or phase
//! is an error, never read as some other value.
//!
//! What a trial *found* is never read from the record. `hasResults` says only that results are
//! posted, not whether the primary endpoint was met; the caller judges that and passes a
//! [`TrialResult`] to [`RegistryStudy::evidence_for`].

use crate::table::vocab;
use crate::{
    Indication, NctId, Text, TrialEvidence, TrialPhase, TrialPhases, TrialResult, TrialStatus,
};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

vocab! {
    /// **The kind of a registered study** (API v2 `designModule.studyType`).
    ///
    /// Only interventional studies assign a treatment and have phases; observational studies
    /// watch patients without assigning one.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::document::StudyType;
    ///
    /// assert_eq!("INTERVENTIONAL".parse::<StudyType>()?, StudyType::Interventional);
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum StudyType {
        /// Participants are assigned a treatment.
        Interventional => "INTERVENTIONAL", "Interventional";
        /// Participants are observed; no treatment is assigned.
        Observational => "OBSERVATIONAL", "Observational";
        /// Expanded access: treatment outside a trial for patients with no alternative.
        ExpandedAccess => "EXPANDED_ACCESS", "Expanded access";
    }
}

vocab! {
    /// **The kind of an intervention in a registered study** (API v2
    /// `armsInterventionsModule.interventions[].type`). MSC products are normally registered
    /// as `BIOLOGICAL`.
    #[non_exhaustive]
    pub enum InterventionType {
        /// Behavioural.
        Behavioral => "BEHAVIORAL", "Behavioral";
        /// A biological product, such as a cell therapy.
        Biological => "BIOLOGICAL", "Biological";
        /// A combination product.
        CombinationProduct => "COMBINATION_PRODUCT", "Combination product";
        /// A device.
        Device => "DEVICE", "Device";
        /// A diagnostic test.
        DiagnosticTest => "DIAGNOSTIC_TEST", "Diagnostic test";
        /// A dietary supplement.
        DietarySupplement => "DIETARY_SUPPLEMENT", "Dietary supplement";
        /// A drug.
        Drug => "DRUG", "Drug";
        /// A genetic intervention.
        Genetic => "GENETIC", "Genetic";
        /// A procedure or surgery.
        Procedure => "PROCEDURE", "Procedure";
        /// Radiation.
        Radiation => "RADIATION", "Radiation";
        /// Anything else.
        Other => "OTHER", "Other";
    }
}

/// **One condition a study lists**, as the registry words it, with the crate's indication
/// where the mapping table is sure ([`Indication::from_condition_text`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct StudyCondition {
    /// The condition as the record words it.
    pub text: Text,
    /// The crate's indication for it; `None` when the table has no sure mapping.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indication: Option<Indication>,
}

impl fmt::Display for StudyCondition {
    /// The condition as the record words it, followed by the crate's indication code in
    /// brackets when the table maps it: `Knee Osteoarthritis [knee_osteoarthritis]`,
    /// `Cartilage wear`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text.as_str())?;
        if let Some(indication) = self.indication {
            write!(f, " [{}]", indication.code())?;
        }
        Ok(())
    }
}

/// **One intervention of a study**: its kind and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct StudyIntervention {
    /// The registry's kind of intervention.
    pub kind: InterventionType,
    /// Its name as registered.
    pub name: Text,
}

/// **A study record from ClinicalTrials.gov (API v2)**, as far as the crate reads it.
///
/// # Examples
///
/// ```
/// use msc_therapy::document::{RegistryStudy, TrialPhase, TrialResult, TrialStatus};
/// use msc_therapy::vocab::Indication;
///
/// let study = RegistryStudy::from_ctgov_json(r#"{
///   "protocolSection": {
///     "identificationModule": {"nctId": "NCT01234567", "briefTitle": "MSCs for knee OA"},
///     "statusModule": {"overallStatus": "COMPLETED"},
///     "designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE1", "PHASE2"]},
///     "conditionsModule": {"conditions": ["Knee Osteoarthritis", "Cartilage wear"]}
///   },
///   "hasResults": false
/// }"#)?;
/// assert_eq!(study.status, TrialStatus::Completed);
/// assert_eq!(study.indications(), vec![Indication::KneeOsteoarthritis]);
/// // Whether the trial was positive is the caller's judgement, never read from the record.
/// let evidence = study.evidence_for(Indication::KneeOsteoarthritis, TrialResult::NotReported)?;
/// assert_eq!(evidence.phases.as_slice(), [TrialPhase::Phase1, TrialPhase::Phase2]);
/// # Ok::<(), msc_therapy::document::CtGovError>(())
/// ```
///
/// # Errors
///
/// [`RegistryStudy::from_ctgov_json`] returns a [`CtGovError`] naming the record's field:
/// `protocolSection.statusModule.overallStatus: not a ClinicalTrials.gov status, got "DONE"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RegistryStudy {
    /// The registry number.
    pub nct_id: NctId,
    /// The brief title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brief_title: Option<Text>,
    /// Interventional, observational or expanded access; `None` when the record omits it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub study_type: Option<StudyType>,
    /// The phases; `None` when the record has none (observational studies, expanded access).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phases: Option<TrialPhases>,
    /// The overall recruitment status.
    pub status: TrialStatus,
    /// For a study whose status is `UNKNOWN` (not verified for two years), the last status
    /// verified.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_known_status: Option<TrialStatus>,
    /// The conditions studied; `None` when the record has no conditions list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Vec<StudyCondition>>,
    /// The interventions; `None` when the record has no interventions list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interventions: Option<Vec<StudyIntervention>>,
    /// Results are posted on the registry; `None` when the record does not say. Says nothing
    /// about what the results show.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub has_results: Option<bool>,
}

/// **Why a ClinicalTrials.gov record could not be read, or could not become trial evidence.**
///
/// Each message names the record's field (dotted, as in the API's documentation) or the study.
///
/// # Examples
///
/// ```
/// use msc_therapy::document::RegistryStudy;
///
/// let err = RegistryStudy::from_ctgov_json(r#"{"protocolSection": {}}"#).unwrap_err();
/// assert_eq!(err.to_string(), "protocolSection.identificationModule.nctId is missing");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CtGovError {
    /// The text is not JSON, or a member has the wrong JSON type.
    #[error("{path}: {message}")]
    Json {
        /// The path of the member (`.` for the document itself).
        path: String,
        /// serde_json's message.
        message: String,
    },
    /// A member the crate needs is absent.
    #[error("{path} is missing")]
    Missing {
        /// The path of the member.
        path: String,
    },
    /// A member has a value outside the registry's domain.
    #[error("{path}: {problem}, got \"{value}\"")]
    Invalid {
        /// The path of the member.
        path: String,
        /// What is wrong.
        problem: String,
        /// The value as given.
        value: String,
    },
    /// The study has no phases, so it cannot be cited as trial evidence.
    #[error(
        "{nct_id} has no phases (protocolSection.designModule.phases is absent): a study without phases cannot be cited as trial evidence"
    )]
    NoPhases {
        /// The study.
        nct_id: NctId,
    },
    /// The study's conditions do not include the indication asked for.
    #[error("{nct_id} does not list {indication} among its conditions ({conditions})")]
    IndicationNotListed {
        /// The study.
        nct_id: NctId,
        /// The indication asked for.
        indication: Indication,
        /// The study's conditions as worded, joined by "; ".
        conditions: String,
    },
    /// No condition of the study maps to one indication, so the indication must be named.
    #[error(
        "{nct_id} maps to {found} indications ({indications}); name the indication with evidence_for"
    )]
    IndicationAmbiguous {
        /// The study.
        nct_id: NctId,
        /// How many distinct indications the conditions map to (0 or more than 1).
        found: usize,
        /// Their machine names, joined by ", " (empty when none).
        indications: String,
    },
}

impl RegistryStudy {
    /// Reads one study record (the body of `GET /api/v2/studies/{nctId}`).
    ///
    /// # Errors
    ///
    /// A [`CtGovError`] naming the field: malformed JSON or a member of the wrong type
    /// ([`CtGovError::Json`]), a missing NCT id, status or protocol section
    /// ([`CtGovError::Missing`]), a value outside the registry's domain
    /// ([`CtGovError::Invalid`]).
    pub fn from_ctgov_json(json: &str) -> Result<Self, CtGovError> {
        let Obj(raw): Obj<RawStudy> = parse(json.as_bytes())?;
        Self::from_raw(raw, "")
    }

    /// Reads one study record held as UTF-8 bytes (a response body as received).
    ///
    /// # Errors
    ///
    /// As [`RegistryStudy::from_ctgov_json`]; bytes that are not UTF-8 are a
    /// [`CtGovError::Json`].
    pub fn from_ctgov_slice(json: &[u8]) -> Result<Self, CtGovError> {
        let Obj(raw): Obj<RawStudy> = parse(json)?;
        Self::from_raw(raw, "")
    }

    /// Reads one study record already parsed into a [`serde_json::Value`] (by an HTTP client,
    /// say), with the same checks and error paths as [`RegistryStudy::from_ctgov_json`].
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::document::RegistryStudy;
    ///
    /// let value = serde_json::json!({
    ///     "protocolSection": {
    ///         "identificationModule": {"nctId": "NCT01234567"},
    ///         "statusModule": {"overallStatus": "RECRUITING"}
    ///     }
    /// });
    /// let study = RegistryStudy::from_ctgov_value(&value)?;
    /// assert_eq!(study.nct_id.as_str(), "NCT01234567");
    /// # Ok::<(), msc_therapy::document::CtGovError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`RegistryStudy::from_ctgov_json`].
    pub fn from_ctgov_value(json: &serde_json::Value) -> Result<Self, CtGovError> {
        // Written back to text and read as any record, so that limits, checks and paths are
        // exactly those of `from_ctgov_json`.
        Self::from_ctgov_slice(json.to_string().as_bytes())
    }

    /// Reads a page of search results (`{"studies": [...]}`, the body of
    /// `GET /api/v2/studies`). Paths in errors start with `studies[i].`.
    ///
    /// # Errors
    ///
    /// As [`RegistryStudy::from_ctgov_json`], for the first study that fails.
    pub fn page_from_ctgov_json(json: &str) -> Result<Vec<Self>, CtGovError> {
        let Obj(page): Obj<RawPage> = parse(json.as_bytes())?;
        let studies = page.studies.ok_or_else(|| CtGovError::Missing {
            path: "studies".to_owned(),
        })?;
        studies
            .into_iter()
            .enumerate()
            .map(|(i, Obj(raw))| Self::from_raw(raw, &format!("studies[{i}].")))
            .collect()
    }

    /// The distinct indications the study's conditions map to, in the record's order.
    #[must_use]
    pub fn indications(&self) -> Vec<Indication> {
        let mut found = Vec::new();
        for condition in self.conditions.iter().flatten() {
            if let Some(indication) = condition.indication {
                if !found.contains(&indication) {
                    found.push(indication);
                }
            }
        }
        found
    }

    /// **The study as evidence for `indication`**, with the result the caller judged.
    ///
    /// The record never says whether a trial was positive; `result` is the caller's reading of
    /// the published results.
    ///
    /// # Errors
    ///
    /// [`CtGovError::NoPhases`] when the record has no phases; [`CtGovError::IndicationNotListed`]
    /// when no condition of the study maps to `indication`.
    pub fn evidence_for(
        &self,
        indication: Indication,
        result: TrialResult,
    ) -> Result<TrialEvidence, CtGovError> {
        let phases = self.phases.clone().ok_or_else(|| CtGovError::NoPhases {
            nct_id: self.nct_id.clone(),
        })?;
        if !self.indications().contains(&indication) {
            return Err(CtGovError::IndicationNotListed {
                nct_id: self.nct_id.clone(),
                indication,
                conditions: self.condition_texts(),
            });
        }
        Ok(TrialEvidence {
            nct_id: self.nct_id.clone(),
            phases,
            status: self.status,
            indication,
            result,
        })
    }

    /// **The study as evidence for the one indication its conditions map to.**
    ///
    /// # Errors
    ///
    /// [`CtGovError::IndicationAmbiguous`] when the conditions map to no indication or to more
    /// than one; otherwise as [`RegistryStudy::evidence_for`].
    pub fn evidence(&self, result: TrialResult) -> Result<TrialEvidence, CtGovError> {
        match self.indications().as_slice() {
            [one] => self.evidence_for(*one, result),
            many => Err(CtGovError::IndicationAmbiguous {
                nct_id: self.nct_id.clone(),
                found: many.len(),
                indications: many.iter().map(|i| i.code()).collect::<Vec<_>>().join(", "),
            }),
        }
    }

    fn condition_texts(&self) -> String {
        match &self.conditions {
            None => "no conditions listed".to_owned(),
            Some(list) if list.is_empty() => "no conditions listed".to_owned(),
            Some(list) => list
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    fn from_raw(raw: RawStudy, prefix: &str) -> Result<Self, CtGovError> {
        let at = |path: &str| format!("{prefix}{path}");
        let missing = |path: &str| CtGovError::Missing { path: at(path) };
        let Obj(protocol) = raw
            .protocol_section
            .ok_or_else(|| missing("protocolSection"))?;
        let id = protocol
            .identification_module
            .map(|o| o.0)
            .unwrap_or_default();
        let nct_path = "protocolSection.identificationModule.nctId";
        let nct_text = id.nct_id.ok_or_else(|| missing(nct_path))?;
        let nct_id = NctId::new(nct_text.clone()).map_err(|_| CtGovError::Invalid {
            path: at(nct_path),
            problem: "must be NCT followed by 8 digits".to_owned(),
            value: nct_text,
        })?;
        let brief_title = id
            .brief_title
            .map(|t| text(t, &at("protocolSection.identificationModule.briefTitle")))
            .transpose()?;

        let status_module = protocol.status_module.map(|o| o.0).unwrap_or_default();
        let status_path = "protocolSection.statusModule.overallStatus";
        let status = status_module
            .overall_status
            .ok_or_else(|| missing(status_path))
            .and_then(|s| enum_value(s, &at(status_path), "not a ClinicalTrials.gov status"))?;
        let last_known_status = status_module
            .last_known_status
            .map(|s| {
                enum_value(
                    s,
                    &at("protocolSection.statusModule.lastKnownStatus"),
                    "not a ClinicalTrials.gov status",
                )
            })
            .transpose()?;

        let design = protocol.design_module.map(|o| o.0).unwrap_or_default();
        let study_type = design
            .study_type
            .map(|s| {
                enum_value(
                    s,
                    &at("protocolSection.designModule.studyType"),
                    "not a ClinicalTrials.gov study type",
                )
            })
            .transpose()?;
        let phases_path = at("protocolSection.designModule.phases");
        let phases = design
            .phases
            .map(|list| {
                let phases = list
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| {
                        enum_value::<TrialPhase>(
                            p,
                            &format!("{phases_path}[{i}]"),
                            "not a ClinicalTrials.gov phase",
                        )
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                let shown = phases
                    .iter()
                    .map(|p| p.code())
                    .collect::<Vec<_>>()
                    .join(", ");
                TrialPhases::new(phases).map_err(|e| CtGovError::Invalid {
                    path: phases_path.clone(),
                    problem: match e {
                        crate::ValueError::Empty { .. } => "must list at least one phase",
                        crate::ValueError::Duplicate { .. } => "lists a phase more than once",
                        _ => "NA must stand on its own, not with a phase",
                    }
                    .to_owned(),
                    value: shown,
                })
            })
            .transpose()?;

        let conditions_path = at("protocolSection.conditionsModule.conditions");
        let conditions = protocol
            .conditions_module
            .and_then(|m| m.0.conditions)
            .map(|list| {
                list.into_iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let text = text(c, &format!("{conditions_path}[{i}]"))?;
                        Ok(StudyCondition {
                            indication: Indication::from_condition_text(text.as_str()),
                            text,
                        })
                    })
                    .collect::<Result<Vec<_>, CtGovError>>()
            })
            .transpose()?;

        let interventions_path = at("protocolSection.armsInterventionsModule.interventions");
        let interventions = protocol
            .arms_interventions_module
            .and_then(|m| m.0.interventions)
            .map(|list| {
                list.into_iter()
                    .enumerate()
                    .map(|(i, Obj(raw))| {
                        let here = format!("{interventions_path}[{i}]");
                        let kind = raw
                            .kind
                            .ok_or_else(|| CtGovError::Missing {
                                path: format!("{here}.type"),
                            })
                            .and_then(|k| {
                                enum_value(
                                    k,
                                    &format!("{here}.type"),
                                    "not a ClinicalTrials.gov intervention type",
                                )
                            })?;
                        let name = raw
                            .name
                            .ok_or_else(|| CtGovError::Missing {
                                path: format!("{here}.name"),
                            })
                            .and_then(|n| text(n, &format!("{here}.name")))?;
                        Ok(StudyIntervention { kind, name })
                    })
                    .collect::<Result<Vec<_>, CtGovError>>()
            })
            .transpose()?;

        Ok(Self {
            nct_id,
            brief_title,
            study_type,
            phases,
            status,
            last_known_status,
            conditions,
            interventions,
            has_results: raw.has_results,
        })
    }
}

impl fmt::Display for RegistryStudy {
    /// `NCT01234567 (Phase 1, Phase 2; Completed): Knee Osteoarthritis [knee_osteoarthritis]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let phases = self
            .phases
            .as_ref()
            .map_or_else(|| "no phases".to_owned(), ToString::to_string);
        write!(f, "{} ({phases}; {})", self.nct_id, self.status.label())?;
        let conditions: Vec<String> = self
            .conditions
            .iter()
            .flatten()
            .map(ToString::to_string)
            .collect();
        if !conditions.is_empty() {
            write!(f, ": {}", conditions.join("; "))?;
        }
        Ok(())
    }
}

/// Condition wordings, normalized ([`normalize`]), that name exactly one indication. A
/// wording that could name more than one term ("osteoarthritis": the knee or another joint;
/// "perianal fistula": with or without Crohn's disease; "myocardial infarction": acute or old)
/// is not listed and stays text.
const CONDITION_TABLE: &[(&str, Indication)] = {
    use Indication as I;
    &[
        ("knee osteoarthritis", I::KneeOsteoarthritis),
        ("osteoarthritis knee", I::KneeOsteoarthritis),
        ("osteoarthritis of the knee", I::KneeOsteoarthritis),
        ("osteoarthritis of knee", I::KneeOsteoarthritis),
        ("knee osteoarthritides", I::KneeOsteoarthritis),
        ("gonarthrosis", I::KneeOsteoarthritis),
        ("hip osteoarthritis", I::Osteoarthritis),
        ("osteoarthritis hip", I::Osteoarthritis),
        ("osteoarthritis of the hip", I::Osteoarthritis),
        ("cartilage defect", I::CartilageDefect),
        ("cartilage defects", I::CartilageDefect),
        ("articular cartilage defect", I::CartilageDefect),
        ("anterior cruciate ligament tear", I::AclTear),
        ("anterior cruciate ligament rupture", I::AclTear),
        ("acl tear", I::AclTear),
        ("tendinopathy", I::Tendinopathy),
        ("degenerative disc disease", I::DiscDegeneration),
        ("intervertebral disc degeneration", I::DiscDegeneration),
        ("rheumatoid arthritis", I::RheumatoidArthritis),
        ("arthritis rheumatoid", I::RheumatoidArthritis),
        ("systemic lupus erythematosus", I::Lupus),
        ("lupus erythematosus systemic", I::Lupus),
        ("multiple sclerosis", I::MultipleSclerosis),
        (
            "relapsing remitting multiple sclerosis",
            I::MultipleSclerosis,
        ),
        ("progressive multiple sclerosis", I::MultipleSclerosis),
        (
            "primary progressive multiple sclerosis",
            I::MultipleSclerosis,
        ),
        (
            "secondary progressive multiple sclerosis",
            I::MultipleSclerosis,
        ),
        ("crohn disease", I::CrohnsDisease),
        ("crohn s disease", I::CrohnsDisease),
        ("crohns disease", I::CrohnsDisease),
        ("perianal fistula in crohn s disease", I::PerianalFistula),
        ("perianal fistulizing crohn s disease", I::PerianalFistula),
        ("perianal fistulising crohn s disease", I::PerianalFistula),
        (
            "complex perianal fistula in crohn s disease",
            I::PerianalFistula,
        ),
        ("graft vs host disease", I::GraftVersusHostDisease),
        ("graft versus host disease", I::GraftVersusHostDisease),
        ("acute graft versus host disease", I::GraftVersusHostDisease),
        (
            "chronic graft versus host disease",
            I::GraftVersusHostDisease,
        ),
        (
            "steroid refractory acute graft versus host disease",
            I::GraftVersusHostDisease,
        ),
        ("gvhd", I::GraftVersusHostDisease),
        ("acute gvhd", I::GraftVersusHostDisease),
        ("spinal cord injury", I::SpinalCordInjury),
        ("spinal cord injuries", I::SpinalCordInjury),
        ("traumatic brain injury", I::TraumaticBrainInjury),
        ("brain injuries traumatic", I::TraumaticBrainInjury),
        ("amyotrophic lateral sclerosis", I::Als),
        ("stroke", I::Stroke),
        ("ischemic stroke", I::Stroke),
        ("acute ischemic stroke", I::Stroke),
        ("parkinson disease", I::ParkinsonsDisease),
        ("parkinson s disease", I::ParkinsonsDisease),
        ("alzheimer disease", I::AlzheimersDisease),
        ("alzheimer s disease", I::AlzheimersDisease),
        ("autism", I::Autism),
        ("autism spectrum disorder", I::Autism),
        ("autistic disorder", I::Autism),
        ("heart failure", I::HeartFailure),
        ("chronic heart failure", I::HeartFailure),
        ("congestive heart failure", I::HeartFailure),
        ("acute myocardial infarction", I::AcuteMyocardialInfarction),
        ("critical limb ischemia", I::CriticalLimbIschemia),
        ("critical limb ischaemia", I::CriticalLimbIschemia),
        ("chronic limb threatening ischemia", I::CriticalLimbIschemia),
        ("chronic obstructive pulmonary disease", I::Copd),
        ("pulmonary disease chronic obstructive", I::Copd),
        ("copd", I::Copd),
        ("acute respiratory distress syndrome", I::Ards),
        ("ards", I::Ards),
        ("diabetic foot ulcer", I::DiabeticWound),
        ("diabetic foot ulcers", I::DiabeticWound),
        ("diabetic foot", I::DiabeticWound),
        ("diabetic wound", I::DiabeticWound),
    ]
};

/// Lower case, every run of characters other than letters and digits turned into one space,
/// trimmed: "Crohn's Disease" and "crohn s  disease" read alike.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

impl Indication {
    /// **The indication a registry's wording of a condition names**, where the crate's table
    /// is sure; `None` otherwise.
    ///
    /// The comparison ignores case, punctuation and spacing, and nothing else: "knee
    /// arthroplasty" does not name knee osteoarthritis, and plain "osteoarthritis" names no
    /// indication because it may be of the knee or of another joint.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::Indication;
    ///
    /// assert_eq!(Indication::from_condition_text("Osteoarthritis, Knee"), Some(Indication::KneeOsteoarthritis));
    /// assert_eq!(Indication::from_condition_text("Graft-versus-host Disease"), Some(Indication::GraftVersusHostDisease));
    /// assert_eq!(Indication::from_condition_text("Osteoarthritis"), None);
    /// ```
    #[must_use]
    pub fn from_condition_text(text: &str) -> Option<Self> {
        let key = normalize(text);
        CONDITION_TABLE
            .iter()
            .find(|(wording, _)| *wording == key)
            .map(|&(_, indication)| indication)
    }
}

fn text(value: String, path: &str) -> Result<Text, CtGovError> {
    Text::new(value.clone()).map_err(|_| CtGovError::Invalid {
        path: path.to_owned(),
        problem: "must not be blank".to_owned(),
        value,
    })
}

fn enum_value<T: FromStr>(value: String, path: &str, problem: &str) -> Result<T, CtGovError> {
    value.parse().map_err(|_| CtGovError::Invalid {
        path: path.to_owned(),
        problem: problem.to_owned(),
        value,
    })
}

fn parse<T: serde::de::DeserializeOwned>(json: &[u8]) -> Result<T, CtGovError> {
    // The registry's records are its format, not the crate's: a `null` there means absent.
    crate::de::with_nulls(|| crate::error::from_slice(json)).map_err(|e| CtGovError::Json {
        path: e.path().to_owned(),
        message: e
            .to_string()
            .split_once(": ")
            .map_or_else(|| e.message().to_owned(), |(_, rest)| rest.to_owned()),
    })
}

// The members of a record the crate reads. Unknown members are ignored on purpose (see the
// module documentation).

/// A member read from a JSON object only: serde's derived struct reader would also accept an
/// array of the members in order, which is not the registry's format.
struct Obj<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::object::from_object(deserializer, "a JSON object").map(Obj)
    }
}

#[derive(Deserialize)]
struct RawPage {
    studies: Option<Vec<Obj<RawStudy>>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawStudy {
    protocol_section: Option<Obj<RawProtocol>>,
    has_results: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawProtocol {
    identification_module: Option<Obj<RawIdentification>>,
    status_module: Option<Obj<RawStatus>>,
    design_module: Option<Obj<RawDesign>>,
    conditions_module: Option<Obj<RawConditions>>,
    arms_interventions_module: Option<Obj<RawArms>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct RawIdentification {
    nct_id: Option<String>,
    brief_title: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct RawStatus {
    overall_status: Option<String>,
    last_known_status: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct RawDesign {
    study_type: Option<String>,
    phases: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct RawConditions {
    conditions: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawArms {
    interventions: Option<Vec<Obj<RawIntervention>>>,
}

#[derive(Deserialize)]
struct RawIntervention {
    #[serde(rename = "type")]
    kind: Option<String>,
    name: Option<String>,
}
