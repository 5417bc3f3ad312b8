//! Codes of the field's terminologies for the crate's vocabulary terms, both ways.
//!
//! Health software exchanges codes, not words: an electronic health record sends an ICD-10-CM
//! or SNOMED CT code for a diagnosis, a pharmacy system an EDQM Standard Term for a route, a
//! laboratory an HGNC gene for a marker. This module gives every term of the crate's
//! vocabularies its codes ([`Coded::codings`]) and turns a code back into a term
//! ([`Coded::from_coding`]).
//!
//! - [`CodeSystem`]: the terminologies, named by the URI FHIR uses for them.
//! - [`Coding`]: one code of one system, the shape FHIR and most terminologies use.
//! - [`TermCoding`]: one row of a term's code table: the coding, how its meaning relates to the
//!   term ([`CodeRelation`]), how well the reference sources support it ([`Confidence`]) and the
//!   release of the code system it was taken from.
//! - [`CodingError`]: why a code could not be read or turned into a term.
//!
//! The tables hold only codes that the project's reference gives with high or medium
//! confidence. A term with no such code has an empty list; it is not given a guess.

use crate::table::vocab;
use crate::{
    AddedArticle, CellPreparation, ClaimKind, Confidence, Donor, FdaTissueClass, ImageGuidance,
    Indication, IndicationCategory, ManipulationLevel, MarkerExpectation, Mechanism,
    MscDesignation, ProcessingStep, ProductState, Route, SecretedFactor, SiteOfUse, SupplyModel,
    SurfaceMarker, TestOutcome, TissueFunction, TissueSource, TrialPhase, TrialResult, TrialStatus,
    ViabilityMethod, ViabilityTiming,
};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

vocab! {
    /// **A terminology (code system), named by the URI that HL7 FHIR uses for it.**
    ///
    /// The machine name of each system *is* its URI, so a [`Coding`] serializes as a FHIR
    /// `Coding` (`{"system": "http://snomed.info/sct", "code": "47625008", …}`).
    ///
    /// - SNOMED CT, ICD-10-CM, ICD-11 and the HL7 research-study phases: the URIs of the FHIR
    ///   specification and of HL7 Terminology (THO).
    /// - MONDO, the Disease Ontology, UBERON and the Cell Ontology: their OBO Foundry ontology
    ///   URIs (`http://purl.obolibrary.org/obo/<name>.owl`), as the OBO ontologies publish them.
    /// - EDQM Standard Terms: `http://standardterms.edqm.eu`, as FHIR examples use it; other
    ///   implementation guides write `https://…` or the OID `urn:oid:0.4.0.127.0.16.1.1.2.1`,
    ///   which [`CodeSystem::from_uri`] also reads.
    /// - HGNC: `http://www.genenames.org`, as HL7 Terminology's naming system and the FHIR
    ///   Genomics Reporting guide use it; the older `http://www.genenames.org/geneId` is also
    ///   read.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::CodeSystem;
    ///
    /// assert_eq!(CodeSystem::SnomedCt.uri(), "http://snomed.info/sct");
    /// assert_eq!(CodeSystem::from_uri("urn:oid:0.4.0.127.0.16.1.1.2.1"), Some(CodeSystem::Edqm));
    /// assert!(CodeSystem::Mondo.is_well_formed("MONDO:0005416"));
    /// assert!(!CodeSystem::Mondo.is_well_formed("0005416"));
    /// ```
    #[non_exhaustive]
    pub enum CodeSystem: CodeSystemInfo {
        /// SNOMED CT, the clinical terminology of SNOMED International: diagnoses, routes.
        SnomedCt => "http://snomed.info/sct", "SNOMED CT", CodeSystemInfo {
            form: "a SNOMED CT identifier of 6 to 18 digits",
            aliases: &[],
        };
        /// ICD-10-CM, the US clinical modification of ICD-10 kept by CMS and NCHS: the codes of
        /// US claims and records.
        Icd10Cm => "http://hl7.org/fhir/sid/icd-10-cm", "ICD-10-CM", CodeSystemInfo {
            form: "an ICD-10-CM code: a letter, a digit, a letter or digit, then optionally a dot and 1 to 4 letters or digits",
            aliases: &[],
        };
        /// ICD-11 for Mortality and Morbidity Statistics (MMS), WHO's coding linearization.
        Icd11Mms => "http://id.who.int/icd/release/11/mms", "ICD-11 MMS", CodeSystemInfo {
            form: "an ICD-11 MMS code such as FA01 or 4A40.0",
            aliases: &[],
        };
        /// The ICD-11 Foundation, WHO's underlying entity list (numeric entity ids).
        Icd11Foundation => "http://id.who.int/icd/entity", "ICD-11 Foundation", CodeSystemInfo {
            form: "an ICD-11 Foundation entity id of digits",
            aliases: &[],
        };
        /// MONDO, the Monarch disease ontology that merges other disease terminologies.
        Mondo => "http://purl.obolibrary.org/obo/mondo.owl", "MONDO", CodeSystemInfo {
            form: "MONDO: followed by 7 digits",
            aliases: &[],
        };
        /// The Human Disease Ontology (DOID).
        DiseaseOntology => "http://purl.obolibrary.org/obo/doid.owl", "Disease Ontology", CodeSystemInfo {
            form: "DOID: followed by digits",
            aliases: &[],
        };
        /// UBERON, the cross-species anatomy ontology: source tissues.
        Uberon => "http://purl.obolibrary.org/obo/uberon.owl", "UBERON", CodeSystemInfo {
            form: "UBERON: followed by 7 digits",
            aliases: &[],
        };
        /// The Cell Ontology (CL): cell types, including MSCs of each tissue.
        CellOntology => "http://purl.obolibrary.org/obo/cl.owl", "Cell Ontology", CodeSystemInfo {
            form: "CL: followed by 7 digits",
            aliases: &[],
        };
        /// EDQM Standard Terms (European Directorate for the Quality of Medicines): routes of
        /// administration as European medicines regulation names them.
        Edqm => "http://standardterms.edqm.eu", "EDQM Standard Terms", CodeSystemInfo {
            form: "an EDQM Standard Terms code of 8 digits",
            aliases: &["https://standardterms.edqm.eu", "urn:oid:0.4.0.127.0.16.1.1.2.1"],
        };
        /// HGNC, the HUGO Gene Nomenclature Committee's gene identifiers.
        Hgnc => "http://www.genenames.org", "HGNC", CodeSystemInfo {
            form: "HGNC: followed by digits",
            aliases: &["http://www.genenames.org/geneId"],
        };
        /// The phases of a research study, as HL7 Terminology codes them for FHIR
        /// `ResearchStudy.phase`.
        ResearchStudyPhase => "http://terminology.hl7.org/CodeSystem/research-study-phase", "HL7 research study phase", CodeSystemInfo {
            form: "a research-study-phase code such as phase-2",
            aliases: &[],
        };
    }
}

/// **What the crate knows about a code system**: one row of the [`CodeSystem`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CodeSystemInfo {
    /// The form a code of the system has, in words (used in error messages).
    pub form: &'static str,
    /// Other URIs that name the same system in published implementation guides.
    pub aliases: &'static [&'static str],
}

impl CodeSystem {
    /// The URI that names the system (the machine name).
    #[must_use]
    pub const fn uri(self) -> &'static str {
        self.code()
    }

    /// The system a URI names: its FHIR URI or one of its [`CodeSystemInfo::aliases`].
    #[must_use]
    pub fn from_uri(uri: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|s| s.uri() == uri || s.info().aliases.contains(&uri))
    }

    /// The code has the form of a code of this system ([`CodeSystemInfo::form`]). This checks
    /// the shape only; whether the code exists is for the system's own release files.
    #[must_use]
    pub fn is_well_formed(self, code: &str) -> bool {
        fn digits(s: &str) -> bool {
            !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
        }
        fn prefixed(code: &str, prefix: &str, len: Option<usize>) -> bool {
            code.strip_prefix(prefix)
                .is_some_and(|n| digits(n) && len.is_none_or(|l| n.len() == l))
        }
        let alnum = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric());
        match self {
            Self::SnomedCt => digits(code) && (6..=18).contains(&code.len()),
            Self::Icd10Cm => {
                let (head, tail) = code.split_once('.').unwrap_or((code, "x"));
                let b = head.as_bytes();
                head.len() == 3
                    && b[0].is_ascii_uppercase()
                    && b[1].is_ascii_digit()
                    && b[2].is_ascii_alphanumeric()
                    && (tail == "x" || (alnum(tail) && tail.len() <= 4))
                    && !code.ends_with('.')
            }
            Self::Icd11Mms => {
                let (head, tail) = code.split_once('.').unwrap_or((code, "0"));
                head.len() == 4 && alnum(head) && alnum(tail) && !code.ends_with('.')
            }
            Self::Icd11Foundation => digits(code),
            Self::Mondo => prefixed(code, "MONDO:", Some(7)),
            Self::DiseaseOntology => prefixed(code, "DOID:", None),
            Self::Uberon => prefixed(code, "UBERON:", Some(7)),
            Self::CellOntology => prefixed(code, "CL:", Some(7)),
            Self::Edqm => digits(code) && code.len() == 8,
            Self::Hgnc => prefixed(code, "HGNC:", None),
            Self::ResearchStudyPhase => {
                !code.is_empty()
                    && code
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            }
        }
    }
}

/// **One code of one code system**: the shape of a FHIR `Coding`.
///
/// `display` is the code system's own name for the code, where the crate's reference gives it;
/// it is absent where the reference gives the code without its official wording.
///
/// Deserialization checks the document: `system` must be a [`CodeSystem`] URI (or one of its
/// aliases, which is read as the system's FHIR URI), `code` must have the system's form
/// ([`CodeSystem::is_well_formed`]) and `display`, when present, must not be blank.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::vocab::{CodeSystem, Coding};
///
/// let coding: Coding = serde_json::from_str(
///     r#"{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M17.9"}"#,
/// ).unwrap();
/// assert_eq!(coding.system, CodeSystem::Icd10Cm);
/// let err = serde_json::from_str::<Coding>(
///     r#"{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "m17"}"#,
/// ).unwrap_err();
/// assert!(err.to_string().starts_with("coding.code must be an ICD-10-CM code"));
/// # }
/// ```
///
/// # Errors
///
/// Deserialization fails with a [`CodingError`] message naming the field and the problem.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawCoding")]
pub struct Coding {
    /// The code system.
    pub system: CodeSystem,
    /// The code, e.g. `47625008` or `MONDO:0005416`.
    pub code: Cow<'static, str>,
    /// The code system's wording for the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<Cow<'static, str>>,
}

/// One code of one code system, in the shape of a FHIR Coding: the system's URI, the code and
/// optionally the system's wording for it.
#[derive(Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RawFields {
    /// The code system's URI, e.g. `http://snomed.info/sct`.
    system: String,
    /// The code, in the form the system uses.
    code: String,
    /// The code system's wording for the code.
    #[serde(default)]
    display: Option<String>,
}

// The members of a coding, read from a JSON object only: serde's derived struct reader would
// also accept an array of the members in order.
struct RawCoding(RawFields);

impl<'de> Deserialize<'de> for RawCoding {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::object::from_object(
            deserializer,
            "a coding object with system, code and optional display",
        )
        .map(RawCoding)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Coding {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Coding".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        RawFields::json_schema(generator)
    }
}

impl TryFrom<RawCoding> for Coding {
    type Error = CodingError;
    fn try_from(RawCoding(raw): RawCoding) -> Result<Self, CodingError> {
        let system = CodeSystem::from_uri(&raw.system)
            .ok_or(CodingError::UnknownSystem { system: raw.system })?;
        let mut coding = Self::new(system, raw.code)?;
        if let Some(display) = raw.display {
            if display.trim().is_empty() {
                return Err(CodingError::Blank {
                    field: "coding.display",
                });
            }
            coding.display = Some(Cow::Owned(display));
        }
        Ok(coding)
    }
}

impl Coding {
    /// A coding of `system` with no display, checking the code's form.
    ///
    /// # Errors
    ///
    /// [`CodingError::Malformed`] when `code` does not have the form of a code of `system`.
    pub fn new(system: CodeSystem, code: impl Into<String>) -> Result<Self, CodingError> {
        let code: String = code.into();
        if !system.is_well_formed(&code) {
            return Err(CodingError::Malformed {
                field: "coding.code",
                expected: system.info().form,
                value: code,
            });
        }
        Ok(Self {
            system,
            code: Cow::Owned(code),
            display: None,
        })
    }

    /// A coding of the crate's own tables.
    const fn table(system: CodeSystem, code: &'static str, display: Option<&'static str>) -> Self {
        Self {
            system,
            code: Cow::Borrowed(code),
            display: match display {
                Some(d) => Some(Cow::Borrowed(d)),
                None => None,
            },
        }
    }
}

impl fmt::Display for Coding {
    /// `SNOMED CT 47625008 "Intravenous route"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.system.label(), self.code)?;
        if let Some(display) = &self.display {
            write!(f, " \"{display}\"")?;
        }
        Ok(())
    }
}

vocab! {
    /// **How the meaning of a code relates to the meaning of the term it is listed under.**
    ///
    /// The words follow FHIR's ConceptMap relationships, seen from the term: a code may mean
    /// the same, less (a special case of the term) or more (a wider concept that includes the
    /// term).
    ///
    /// [`Coded::from_coding`] reads a code as a term only when everything the code names is a
    /// case of the term (`equivalent` or `code_is_narrower`). A broader code is exported with a
    /// term, for want of a closer one, but never read back as that term: a code for "limb
    /// ischaemia" does not show *critical* limb ischaemia.
    pub enum CodeRelation {
        /// The code means what the term means.
        Equivalent => "equivalent", "equivalent";
        /// The code names a special case of the term (acute GvHD under graft-versus-host
        /// disease; an ICD-10-CM code that adds laterality or the encounter).
        CodeIsNarrower => "code_is_narrower", "code is narrower than the term";
        /// The code names a wider concept that includes the term (limb ischaemia for critical
        /// limb ischaemia). Exported for want of a closer code; never read back as the term.
        CodeIsBroader => "code_is_broader", "code is broader than the term";
    }
}

impl CodeRelation {
    /// A code with this relation may be read back as the term: everything it names is a case
    /// of the term.
    #[must_use]
    pub const fn identifies_term(self) -> bool {
        matches!(self, Self::Equivalent | Self::CodeIsNarrower)
    }
}

/// **One row of a term's code table**: a coding, how its meaning relates to the term, how well
/// the reference sources support it and the code-system release it was taken from.
///
/// # Examples
///
/// ```
/// use msc_therapy::vocab::{CodeRelation, CodeSystem, Coded, Indication};
///
/// let icd = Indication::MultipleSclerosis
///     .codings()
///     .iter()
///     .find(|c| c.coding.system == CodeSystem::Icd10Cm && c.coding.code == "G35")
///     .unwrap();
/// assert_eq!(icd.relation, CodeRelation::Equivalent);
/// assert!(icd.release.contains("FY2026"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TermCoding {
    /// The code.
    pub coding: Coding,
    /// How the code's meaning relates to the term's.
    pub relation: CodeRelation,
    /// How well the reference sources support the mapping.
    pub confidence: Confidence,
    /// The release of the code system (or the mapping file) the code was taken from.
    pub release: &'static str,
}

/// Why a coding could not be read, or could not be turned into a term.
///
/// # Examples
///
/// ```
/// use msc_therapy::vocab::{Coded, CodingError, Indication};
///
/// let err = Indication::from_coding("http://hl7.org/fhir/sid/icd-10-cm", "Z99.9").unwrap_err();
/// assert_eq!(err.to_string(), "ICD-10-CM code \"Z99.9\" names no indication term");
/// assert!(matches!(err, CodingError::UnknownCode { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CodingError {
    /// The system URI is not one of the crate's [`CodeSystem`]s.
    #[error(
        "coding.system \"{system}\" is not a code system the crate reads (SNOMED CT, ICD-10-CM, ICD-11, MONDO, DOID, UBERON, CL, EDQM, HGNC, research-study-phase)"
    )]
    UnknownSystem {
        /// The URI as given.
        system: String,
    },
    /// The code does not have the form of a code of its system.
    #[error("{field} must be {expected}, got \"{value}\"")]
    Malformed {
        /// The field, e.g. `coding.code`.
        field: &'static str,
        /// The form expected ([`CodeSystemInfo::form`]).
        expected: &'static str,
        /// The value as given.
        value: String,
    },
    /// A text field is empty or white space.
    #[error("{field} must not be blank")]
    Blank {
        /// The field, e.g. `coding.display`.
        field: &'static str,
    },
    /// The vocabulary has no codes of this system at all.
    #[error("{vocabulary} terms carry no {} codes", .system.label())]
    SystemNotUsed {
        /// The vocabulary, e.g. `route`.
        vocabulary: &'static str,
        /// The system.
        system: CodeSystem,
    },
    /// The system is used by the vocabulary, but not this code.
    #[error("{} code \"{code}\" names no {vocabulary} term", .system.label())]
    UnknownCode {
        /// The vocabulary.
        vocabulary: &'static str,
        /// The system.
        system: CodeSystem,
        /// The code as given.
        code: String,
    },
    /// A condition outside the list must be named by a diagnosis code.
    #[error(
        "coding.system must be a code system for conditions (SNOMED CT, ICD-10-CM, ICD-11, MONDO, DOID), got {}",
        .system.label()
    )]
    NotACondition {
        /// The system given.
        system: CodeSystem,
    },
    /// A condition given by code names a listed indication: it must be named by that term.
    #[error(
        "{} code \"{code}\" names the listed indication `{term}`: name it as \"{term}\"",
        .system.label()
    )]
    ListedIndication {
        /// The system.
        system: CodeSystem,
        /// The code as given.
        code: String,
        /// The machine name of the listed term.
        term: &'static str,
    },
    /// The code is listed only as broader than a term: it cannot be read as that term.
    #[error(
        "{} code \"{code}\" is broader than the {vocabulary} term `{term}` and cannot be read as it",
        .system.label()
    )]
    Broader {
        /// The vocabulary.
        vocabulary: &'static str,
        /// The system.
        system: CodeSystem,
        /// The code as given.
        code: String,
        /// The machine name of the term the code is exported for.
        term: &'static str,
    },
}

/// **A vocabulary whose terms carry codes of the field's terminologies**, both ways.
///
/// Implemented by every vocabulary of the crate that describes a product, an offer or a trial.
/// A vocabulary whose terms no terminology in [`CodeSystem`] codes (processing steps, donor
/// relationships, …) implements it with empty lists, so that callers can treat all of them
/// alike and see the gap.
///
/// # Examples
///
/// ```
/// use msc_therapy::vocab::{Coded, Route, TissueSource};
///
/// assert_eq!(Route::from_coding("http://snomed.info/sct", "47625008")?, Route::Intravenous);
/// assert_eq!(Route::from_coding("http://standardterms.edqm.eu", "20024000")?, Route::IntraArticular);
/// assert_eq!(
///     TissueSource::from_coding("http://purl.obolibrary.org/obo/uberon.owl", "UBERON:0003422")?,
///     TissueSource::WhartonsJelly,
/// );
/// # Ok::<(), msc_therapy::vocab::CodingError>(())
/// ```
///
/// # Errors
///
/// [`Coded::from_coding`] returns a [`CodingError`]: an unknown system, a code of the wrong
/// form, a system the vocabulary does not use, a code that names no term, or a code that is
/// only broader than a term.
pub trait Coded: Copy + Eq + fmt::Debug + 'static {
    /// The vocabulary's name in messages, e.g. `indication`.
    const VOCABULARY: &'static str;

    /// Every term, in table order.
    fn terms() -> &'static [Self];

    /// The term's machine name.
    fn machine_name(self) -> &'static str;

    /// The term's codes; empty when no code system in the reference codes it.
    fn codings(self) -> &'static [TermCoding];

    /// The term a code names.
    ///
    /// # Errors
    ///
    /// See the trait's documentation.
    fn from_coding(system: &str, code: &str) -> Result<Self, CodingError> {
        let system = CodeSystem::from_uri(system).ok_or_else(|| CodingError::UnknownSystem {
            system: system.to_owned(),
        })?;
        if !system.is_well_formed(code) {
            return Err(CodingError::Malformed {
                field: "coding.code",
                expected: system.info().form,
                value: code.to_owned(),
            });
        }
        let mut used = false;
        let mut broader_than = None;
        for &term in Self::terms() {
            for row in term.codings() {
                if row.coding.system != system {
                    continue;
                }
                used = true;
                if row.coding.code == code {
                    if row.relation.identifies_term() {
                        return Ok(term);
                    }
                    broader_than.get_or_insert(term);
                }
            }
        }
        match broader_than {
            Some(term) => Err(CodingError::Broader {
                vocabulary: Self::VOCABULARY,
                system,
                code: code.to_owned(),
                term: term.machine_name(),
            }),
            None if used => Err(CodingError::UnknownCode {
                vocabulary: Self::VOCABULARY,
                system,
                code: code.to_owned(),
            }),
            None => Err(CodingError::SystemNotUsed {
                vocabulary: Self::VOCABULARY,
                system,
            }),
        }
    }

    /// The term a [`Coding`] names: [`Coded::from_coding`] with its system and code.
    ///
    /// # Errors
    ///
    /// See the trait's documentation.
    fn from_coded(coding: &Coding) -> Result<Self, CodingError> {
        Self::from_coding(coding.system.uri(), &coding.code)
    }
}

// ---------------------------------------------------------------------------------------------
// The tables
// ---------------------------------------------------------------------------------------------

use CodeRelation::{CodeIsBroader as Broader, CodeIsNarrower as Narrower, Equivalent as Same};
use CodeSystem as S;
use Confidence::{High, Medium};

/// One row of a code table.
const fn row(
    system: CodeSystem,
    code: &'static str,
    display: Option<&'static str>,
    relation: CodeRelation,
    confidence: Confidence,
    release: &'static str,
) -> TermCoding {
    TermCoding {
        coding: Coding::table(system, code, display),
        relation,
        confidence,
        release,
    }
}

// The releases the codes were taken from, as the project's reference records them.
const MONDO: &str = "MONDO, monarch-initiative/mondo at commit fad2512b (reports/class-stats.tsv)";
const MONDO_SSSOM: &str =
    "MONDO exactMatch mappings (SSSOM), monarch-initiative/mondo at commit fad2512b";
const DOID: &str =
    "Human Disease Ontology, DiseaseOntology/HumanDiseaseOntology at commit 9fbefd66";
const ICD10CM_XREF: &str = "ICD-10-CM as cross-referenced by MONDO (fad2512b) and the Disease Ontology (9fbefd66); not re-checked against the current CMS release";
const ICD10CM_2022: &str = "ICD-10-CM 2022 code set (secondary copy, medtrack-io/icd_code at 4c625733); not re-checked against the current CMS release";
const ICD10CM_G35: &str = "ICD-10-CM before FY2026: G35 was a billable code; from FY2026 (effective 1 October 2025) it is a non-billable header over G35.A, G35.B0-B2, G35.C0-C2 and G35.D";
const ICD10CM_FY2026: &str =
    "ICD-10-CM FY2026 (effective 1 October 2025), subcodes of the G35 header";
const ICD11_FINDACODE: &str = "ICD-11 MMS 2024-01 (findacode.com block page, secondary)";
const ICD11_CODINGAHEAD: &str = "ICD-11 MMS (codingahead.com listing, secondary)";
const ICD11_DO: &str = "ICD-11 MMS as cross-referenced by the Disease Ontology (9fbefd66)";
const UBERON: &str =
    "UBERON, obophenotype/uberon at commit 52817eea (reports/stages-human-report.tsv)";
const CL: &str =
    "Cell Ontology, obophenotype/cell-ontology at commit fd61b954 (src/ontology/cl-edit.owl)";
const SNOMED_ROUTES: &str =
    "SNOMED CT International edition 2022-07-31, as expanded in the FHIR R5 route-codes value set";
const EDQM: &str = "EDQM Standard Terms route of administration list, as copied in hl7-eu/unicom-ig at commit 20fc5214";
const HGNC: &str = "HGNC ids as imported by MONDO (imports/hgnc_import.owl, fad2512b)";
const HGNC_SECONDARY: &str =
    "HGNC id from several independent secondary tables (with UniProt P14902)";
const PHASES: &str =
    "HL7 Terminology code system research-study-phase (FHIR R5 ResearchStudy.phase)";

/// Codes whose display the reference does not give.
const NO_DISPLAY: Option<&str> = None;

impl Coded for Indication {
    const VOCABULARY: &'static str = "indication";
    fn terms() -> &'static [Self] {
        Self::ALL
    }
    fn machine_name(self) -> &'static str {
        self.code()
    }
    #[rustfmt::skip]
    fn codings(self) -> &'static [TermCoding] {
        match self {
            Self::KneeOsteoarthritis => const { &[
                row(S::Mondo, "MONDO:0005416", Some("osteoarthritis, knee"), Same, High, MONDO),
                row(S::Icd10Cm, "M17.9", Some("Osteoarthritis of knee, unspecified"), Same, Medium, ICD10CM_2022),
                row(S::Icd10Cm, "M17.0", Some("Bilateral primary osteoarthritis of knee"), Narrower, Medium, ICD10CM_2022),
                row(S::Icd10Cm, "M17.11", Some("Unilateral primary osteoarthritis, right knee"), Narrower, Medium, ICD10CM_2022),
                row(S::Icd10Cm, "M17.12", Some("Unilateral primary osteoarthritis, left knee"), Narrower, Medium, ICD10CM_2022),
                row(S::Icd11Mms, "FA01", Some("Osteoarthritis of knee"), Same, Medium, ICD11_FINDACODE),
            ] },
            // The reference codes osteoarthritis of any joint, which includes the knee: broader
            // than "osteoarthritis of another joint".
            Self::Osteoarthritis => const { &[
                row(S::Mondo, "MONDO:0005178", Some("osteoarthritis"), Broader, High, MONDO),
                row(S::DiseaseOntology, "DOID:8398", Some("osteoarthritis"), Broader, High, DOID),
                row(S::Icd11Foundation, "558562409", Some("Osteoarthritis"), Broader, High, MONDO_SSSOM),
                row(S::SnomedCt, "396275006", Some("Osteoarthritis"), Broader, High, MONDO_SSSOM),
            ] },
            Self::AclTear => const { &[
                row(S::Icd10Cm, "S83.519A", Some("Sprain of anterior cruciate ligament of unspecified knee, initial encounter"), Narrower, Medium, ICD10CM_2022),
                row(S::Icd10Cm, "S83.511A", Some("Sprain of anterior cruciate ligament of right knee, initial encounter"), Narrower, Medium, ICD10CM_2022),
                row(S::Icd10Cm, "S83.512A", Some("Sprain of anterior cruciate ligament of left knee, initial encounter"), Narrower, Medium, ICD10CM_2022),
            ] },
            Self::RheumatoidArthritis => const { &[
                row(S::Mondo, "MONDO:0008383", Some("rheumatoid arthritis"), Same, High, MONDO),
                row(S::DiseaseOntology, "DOID:7148", Some("rheumatoid arthritis"), Same, High, DOID),
                row(S::Icd10Cm, "M06.9", Some("Rheumatoid arthritis, unspecified"), Same, High, ICD10CM_XREF),
                row(S::Icd11Foundation, "576319925", Some("Rheumatoid arthritis"), Same, High, MONDO_SSSOM),
                row(S::SnomedCt, "69896004", Some("Rheumatoid arthritis"), Same, High, MONDO_SSSOM),
            ] },
            Self::Lupus => const { &[
                row(S::Mondo, "MONDO:0007915", Some("systemic lupus erythematosus"), Same, High, MONDO),
                row(S::DiseaseOntology, "DOID:9074", Some("systemic lupus erythematosus"), Same, High, DOID),
                row(S::Icd10Cm, "M32.9", Some("Systemic lupus erythematosus, unspecified"), Same, High, ICD10CM_XREF),
                row(S::Icd11Mms, "4A40.0", Some("Systemic lupus erythematosus"), Same, Medium, ICD11_CODINGAHEAD),
                row(S::Icd11Foundation, "749596428", Some("Systemic lupus erythematosus"), Same, High, MONDO_SSSOM),
                row(S::SnomedCt, "55464009", Some("Systemic lupus erythematosus"), Same, High, MONDO_SSSOM),
            ] },
            Self::MultipleSclerosis => const { &[
                row(S::Mondo, "MONDO:0005301", Some("multiple sclerosis"), Same, High, MONDO),
                row(S::DiseaseOntology, "DOID:2377", Some("multiple sclerosis"), Same, High, DOID),
                row(S::Icd10Cm, "G35", Some("Multiple sclerosis"), Same, Medium, ICD10CM_G35),
                row(S::Icd10Cm, "G35.A", NO_DISPLAY, Narrower, Medium, ICD10CM_FY2026),
                row(S::Icd10Cm, "G35.B0", NO_DISPLAY, Narrower, Medium, ICD10CM_FY2026),
                row(S::Icd10Cm, "G35.B1", NO_DISPLAY, Narrower, Medium, ICD10CM_FY2026),
                row(S::Icd10Cm, "G35.B2", NO_DISPLAY, Narrower, Medium, ICD10CM_FY2026),
                row(S::Icd10Cm, "G35.C0", NO_DISPLAY, Narrower, Medium, ICD10CM_FY2026),
                row(S::Icd10Cm, "G35.C1", NO_DISPLAY, Narrower, Medium, ICD10CM_FY2026),
                row(S::Icd10Cm, "G35.C2", NO_DISPLAY, Narrower, Medium, ICD10CM_FY2026),
                row(S::Icd10Cm, "G35.D", NO_DISPLAY, Narrower, Medium, ICD10CM_FY2026),
                row(S::Icd11Foundation, "1298865187", Some("Multiple sclerosis"), Same, High, MONDO_SSSOM),
                row(S::SnomedCt, "24700007", Some("Multiple sclerosis"), Same, High, MONDO_SSSOM),
            ] },
            Self::CrohnsDisease => const { &[
                row(S::Mondo, "MONDO:0005011", Some("Crohn disease"), Same, High, MONDO),
                row(S::DiseaseOntology, "DOID:8778", Some("Crohn's disease"), Same, High, DOID),
                row(S::Icd10Cm, "K50", Some("Crohn's disease [regional enteritis]"), Same, High, ICD10CM_XREF),
                row(S::Icd10Cm, "K50.90", NO_DISPLAY, Narrower, High, ICD10CM_XREF),
                row(S::Icd11Foundation, "1267652425", Some("Crohn disease"), Same, High, MONDO_SSSOM),
                row(S::SnomedCt, "7620006", Some("Crohn's disease"), Same, High, MONDO_SSSOM),
            ] },
            // Perianal Crohn disease also covers abscesses, fissures and skin tags; the
            // ICD-10-CM codes need a "with fistula" code and K60.3 together. All broader.
            Self::PerianalFistula => const { &[
                row(S::Mondo, "MONDO:0005537", Some("perianal Crohn disease"), Broader, High, MONDO),
                row(S::Icd11Foundation, "464644598", Some("Crohn disease of anal region"), Broader, High, MONDO_SSSOM),
                row(S::SnomedCt, "235796008", Some("Perianal Crohn's disease"), Broader, High, MONDO_SSSOM),
                row(S::Icd10Cm, "K50.913", Some("Crohn's disease, unspecified, with fistula"), Broader, Medium, ICD10CM_2022),
            ] },
            Self::GraftVersusHostDisease => const { &[
                row(S::Mondo, "MONDO:0013730", Some("graft versus host disease"), Same, High, MONDO),
                row(S::DiseaseOntology, "DOID:0081267", Some("graft-versus-host disease"), Same, High, DOID),
                row(S::Icd10Cm, "D89.81", Some("Graft-versus-host disease"), Same, High, ICD10CM_XREF),
                row(S::Icd10Cm, "D89.810", Some("Acute graft-versus-host disease"), Narrower, High, ICD10CM_XREF),
                row(S::Icd10Cm, "D89.811", NO_DISPLAY, Narrower, High, ICD10CM_XREF),
                row(S::Icd10Cm, "D89.812", NO_DISPLAY, Narrower, High, ICD10CM_XREF),
                row(S::Icd10Cm, "D89.813", NO_DISPLAY, Narrower, High, ICD10CM_XREF),
                row(S::Icd11Mms, "4B24", Some("Graft-versus-host disease"), Same, Medium, ICD11_DO),
                row(S::Icd11Foundation, "437372167", Some("Graft-versus-host disease"), Same, High, MONDO_SSSOM),
                row(S::SnomedCt, "234646005", Some("Graft-versus-host disease"), Same, High, MONDO_SSSOM),
                row(S::Mondo, "MONDO:0020546", Some("acute graft versus host disease"), Narrower, High, MONDO),
                row(S::Icd11Foundation, "83784921", Some("Acute graft-versus-host disease"), Narrower, High, MONDO_SSSOM),
                row(S::SnomedCt, "402355000", Some("Acute graft-versus-host disease"), Narrower, High, MONDO_SSSOM),
            ] },
            Self::SpinalCordInjury => const { &[
                row(S::Mondo, "MONDO:0043797", Some("spinal cord injury"), Same, High, MONDO),
                row(S::SnomedCt, "90584004", Some("Spinal cord injury"), Same, High, MONDO_SSSOM),
                row(S::Icd10Cm, "S14.109A", Some("Unspecified injury at unspecified level of cervical spinal cord, initial encounter"), Narrower, Medium, ICD10CM_2022),
                row(S::Icd10Cm, "S24.109A", NO_DISPLAY, Narrower, Medium, ICD10CM_2022),
                row(S::Icd10Cm, "S34.109A", NO_DISPLAY, Narrower, Medium, ICD10CM_2022),
            ] },
            Self::Als => const { &[
                row(S::Mondo, "MONDO:0004976", Some("amyotrophic lateral sclerosis"), Same, High, MONDO),
                row(S::DiseaseOntology, "DOID:332", Some("amyotrophic lateral sclerosis"), Same, High, DOID),
                row(S::Icd10Cm, "G12.21", Some("Amyotrophic lateral sclerosis"), Same, High, ICD10CM_XREF),
                row(S::Icd11Foundation, "1982355687", Some("Amyotrophic lateral sclerosis"), Same, High, MONDO_SSSOM),
                row(S::SnomedCt, "86044005", Some("Amyotrophic lateral sclerosis"), Same, High, MONDO_SSSOM),
            ] },
            Self::HeartFailure => const { &[
                row(S::Mondo, "MONDO:0005252", Some("heart failure"), Same, High, MONDO),
                // DOID:6000 is congestive heart failure (= MONDO:0005009), a kind of heart failure.
                row(S::DiseaseOntology, "DOID:6000", Some("congestive heart failure"), Narrower, High, DOID),
                row(S::Icd10Cm, "I50.9", Some("Heart failure, unspecified"), Same, High, ICD10CM_2022),
                row(S::Icd11Foundation, "1458683894", Some("Heart failure"), Same, High, MONDO_SSSOM),
                row(S::SnomedCt, "84114007", Some("Heart failure"), Same, High, MONDO_SSSOM),
            ] },
            // No ontology has a critical-limb-ischaemia term; limb ischaemia is broader. Rest pain
            // from atherosclerosis is one presentation of it.
            Self::CriticalLimbIschemia => const { &[
                row(S::Mondo, "MONDO:0000491", Some("limb ischemia"), Broader, Medium, MONDO),
                row(S::DiseaseOntology, "DOID:0050852", Some("limb ischemia"), Broader, Medium, DOID),
                row(S::SnomedCt, "21631000119105", Some("Limb ischemia"), Broader, Medium, MONDO_SSSOM),
                row(S::Icd10Cm, "I70.229", Some("Atherosclerosis of native arteries of extremities with rest pain, unspecified extremity"), Narrower, Medium, ICD10CM_2022),
            ] },
            Self::Copd => const { &[
                row(S::Mondo, "MONDO:0005002", Some("chronic obstructive pulmonary disease"), Same, High, MONDO),
                row(S::DiseaseOntology, "DOID:3083", Some("chronic obstructive pulmonary disease"), Same, High, DOID),
                row(S::Icd10Cm, "J44.9", Some("Chronic obstructive pulmonary disease, unspecified"), Same, High, ICD10CM_XREF),
                row(S::Icd11Foundation, "133207228", Some("Chronic obstructive pulmonary disease"), Same, High, MONDO_SSSOM),
                row(S::SnomedCt, "13645005", Some("Chronic obstructive lung disease"), Same, High, MONDO_SSSOM),
            ] },
            Self::Ards => const { &[
                row(S::Mondo, "MONDO:0006502", Some("acute respiratory distress syndrome"), Same, High, MONDO),
                row(S::Icd10Cm, "J80", Some("Acute respiratory distress syndrome"), Same, High, ICD10CM_XREF),
                row(S::Icd11Foundation, "1189702844", Some("Acute respiratory distress syndrome"), Same, High, MONDO_SSSOM),
                row(S::Mondo, "MONDO:0100130", Some("adult acute respiratory distress syndrome"), Narrower, High, MONDO),
                row(S::DiseaseOntology, "DOID:11394", Some("adult respiratory distress syndrome"), Narrower, High, DOID),
                row(S::Icd11Foundation, "1466842111", Some("Adult acute respiratory distress syndrome"), Narrower, High, MONDO_SSSOM),
                row(S::SnomedCt, "67782005", Some("Adult respiratory distress syndrome"), Narrower, High, MONDO_SSSOM),
            ] },
            Self::DiabeticWound => const { &[
                row(S::Icd10Cm, "E11.621", Some("Type 2 diabetes mellitus with foot ulcer"), Narrower, Medium, ICD10CM_2022),
                row(S::Icd10Cm, "E10.621", NO_DISPLAY, Narrower, Medium, ICD10CM_2022),
            ] },
            Self::CartilageDefect
            | Self::Tendinopathy
            | Self::DiscDegeneration
            | Self::TraumaticBrainInjury
            | Self::Stroke
            | Self::ParkinsonsDisease
            | Self::AlzheimersDisease
            | Self::Autism
            | Self::AcuteMyocardialInfarction
            | Self::ChronicWound
            | Self::HematopoieticReconstitution
            | Self::SoftTissueDefect
            | Self::AntiAgeing
            | Self::CerebralPalsy => &[],
        }
    }
}

impl Coded for Route {
    const VOCABULARY: &'static str = "route";
    fn terms() -> &'static [Self] {
        Self::ALL
    }
    fn machine_name(self) -> &'static str {
        self.code()
    }
    #[rustfmt::skip]
    fn codings(self) -> &'static [TermCoding] {
        const fn route(
            snomed: &'static str,
            snomed_display: &'static str,
            edqm: &'static str,
            edqm_display: &'static str,
        ) -> [TermCoding; 2] {
            [
                row(S::SnomedCt, snomed, Some(snomed_display), Same, High, SNOMED_ROUTES),
                row(S::Edqm, edqm, Some(edqm_display), Same, High, EDQM),
            ]
        }
        match self {
            Self::Intravenous => const { &route("47625008", "Intravenous route", "20045000", "Intravenous use") },
            Self::IntraArterial => const { &route("58100008", "Intra-arterial route", "20023000", "Intraarterial use") },
            Self::IntraArticular => const { &route("12130007", "Intra-articular route", "20024000", "Intraarticular use") },
            Self::Periarticular => const { &route("372474001", "Periarticular route", "20057000", "Periarticular use") },
            Self::Intradiscal => const { &route("372465003", "Intradiscal route", "20031000", "Intradiscal use") },
            Self::Intraosseous => const { &route("417255000", "Intraosseous route", "20036500", "Intraosseous use") },
            Self::Intralesional => const { &route("372466002", "Intralesional route", "20032000", "Intralesional use") },
            Self::Intramuscular => const { &route("78421000", "Intramuscular route", "20035000", "Intramuscular use") },
            Self::Intrathecal => const { &route("72607000", "Intrathecal route", "20042000", "Intrathecal use") },
            Self::Intracoronary => const { &route("372463005", "Intracoronary route", "20029000", "Intracoronary use") },
            Self::Subcutaneous => const { &route("34206005", "Subcutaneous route", "20066000", "Subcutaneous use") },
            Self::Intradermal => const { &route("372464004", "Intradermal route", "20030000", "Intradermal use") },
            // No terminology has an intramyocardial route. The transendocardial route is one
            // way into heart muscle (the term names it); intracardiac also covers the chambers.
            Self::Intramyocardial => const { &[
                row(S::SnomedCt, "446435000", Some("Transendocardial route"), Narrower, High, SNOMED_ROUTES),
                row(S::SnomedCt, "372460008", Some("Intracardiac route"), Broader, High, SNOMED_ROUTES),
                row(S::Edqm, "20026000", Some("Intracardiac use"), Broader, High, EDQM),
            ] },
            // EDQM has no topical term (cutaneous use is a low-confidence choice, left out).
            Self::Topical => const { &[row(S::SnomedCt, "6064005", Some("Topical route"), Same, High, SNOMED_ROUTES)] },
            Self::Intracerebral | Self::Intraocular | Self::Inhalation => &[],
        }
    }
}

impl Coded for TissueSource {
    const VOCABULARY: &'static str = "tissue source";
    fn terms() -> &'static [Self] {
        Self::ALL
    }
    fn machine_name(self) -> &'static str {
        self.code()
    }
    // The first UBERON row of each tissue is the tissue table's own term (`TissueInfo::uberon`),
    // read from it: the table column is the one place the code is written.
    #[rustfmt::skip]
    fn codings(self) -> &'static [TermCoding] {
        /// The tissue's UBERON term, as its row of the tissue table has it.
        const fn uberon(tissue: TissueSource, display: Option<&'static str>, relation: CodeRelation) -> TermCoding {
            row(S::Uberon, tissue.info().uberon, display, relation, High, UBERON)
        }
        match self {
            Self::BoneMarrow => const { &[uberon(Self::BoneMarrow, Some("bone marrow"), Same)] },
            Self::AdiposeTissue => const { &[
                uberon(Self::AdiposeTissue, Some("adipose tissue"), Same),
                row(S::Uberon, "UBERON:0002190", Some("subcutaneous adipose tissue"), Narrower, High, UBERON),
            ] },
            Self::UmbilicalCordTissue => const { &[uberon(Self::UmbilicalCordTissue, Some("umbilical cord"), Same)] },
            // UBERON's label is "mesenchyme of umbilical cord", with "Wharton's jelly" as an
            // exact synonym.
            Self::WhartonsJelly => const { &[uberon(Self::WhartonsJelly, Some("mesenchyme of umbilical cord"), Same)] },
            Self::UmbilicalCordBlood => const { &[uberon(Self::UmbilicalCordBlood, Some("umbilical cord blood"), Same)] },
            Self::Placenta => const { &[uberon(Self::Placenta, Some("placenta"), Same)] },
            Self::AmnioticMembrane => const { &[uberon(Self::AmnioticMembrane, Some("amnion"), Same)] },
            Self::ChorionicMembrane => const { &[uberon(Self::ChorionicMembrane, Some("chorion"), Same)] },
            Self::AmnioticFluid => const { &[uberon(Self::AmnioticFluid, Some("amniotic fluid"), Same)] },
            Self::DentalPulp => const { &[uberon(Self::DentalPulp, Some("dental pulp"), Same)] },
            Self::SynovialMembrane => const { &[uberon(Self::SynovialMembrane, Some("synovial membrane of synovial joint"), Same)] },
            // The term also covers menstrual blood, for which UBERON has no term.
            Self::Endometrium => const { &[
                uberon(Self::Endometrium, Some("endometrium"), Narrower),
                row(S::Uberon, "UBERON:0002337", Some("endometrial stroma"), Narrower, High, UBERON),
            ] },
        }
    }
}

impl TissueSource {
    /// **The Cell Ontology term for MSCs of this tissue**, where the ontology has one.
    ///
    /// A cell type, not a tissue, so it is not among the tissue's [`Coded::codings`]; the FHIR
    /// export uses it as the product code. Dental pulp stem cells are not classed under
    /// CL:0000134 "mesenchymal stem cell" in the ontology; cord blood, amniotic fluid, synovial
    /// membrane and endometrium have no MSC term.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::TissueSource;
    ///
    /// assert_eq!(TissueSource::BoneMarrow.msc_cell_type().unwrap().coding.code, "CL:0002540");
    /// assert!(TissueSource::UmbilicalCordBlood.msc_cell_type().is_none());
    /// ```
    #[must_use]
    pub fn msc_cell_type(self) -> Option<&'static TermCoding> {
        /// The tissue's Cell Ontology term, as its row of the tissue table has it (a tissue with
        /// none there fails to compile here).
        const fn cl(tissue: TissueSource, display: &'static str) -> TermCoding {
            let Some(code) = tissue.info().cell_ontology else {
                panic!("the tissue table gives this tissue no Cell Ontology term");
            };
            row(S::CellOntology, code, Some(display), Same, High, CL)
        }
        static BONE_MARROW: TermCoding = cl(
            TissueSource::BoneMarrow,
            "mesenchymal stem cell of the bone marrow",
        );
        static ADIPOSE: TermCoding = cl(
            TissueSource::AdiposeTissue,
            "mesenchymal stem cell of adipose tissue",
        );
        static CORD: TermCoding = cl(
            TissueSource::UmbilicalCordTissue,
            "mesenchymal stem cell of umbilical cord",
        );
        static WJ: TermCoding = cl(
            TissueSource::WhartonsJelly,
            "mesenchymal stem cell of Wharton's jelly",
        );
        static PLACENTA: TermCoding = cl(
            TissueSource::Placenta,
            "placental amniotic mesenchymal stromal cell",
        );
        static AMNION: TermCoding = cl(
            TissueSource::AmnioticMembrane,
            "amnion mesenchymal stem cell",
        );
        static CHORION: TermCoding = cl(
            TissueSource::ChorionicMembrane,
            "chorionic membrane mesenchymal stem cell",
        );
        static PULP: TermCoding = cl(TissueSource::DentalPulp, "dental pulp stem cell");
        match self {
            Self::BoneMarrow => Some(&BONE_MARROW),
            Self::AdiposeTissue => Some(&ADIPOSE),
            Self::UmbilicalCordTissue => Some(&CORD),
            Self::WhartonsJelly => Some(&WJ),
            Self::Placenta => Some(&PLACENTA),
            Self::AmnioticMembrane => Some(&AMNION),
            Self::ChorionicMembrane => Some(&CHORION),
            Self::DentalPulp => Some(&PULP),
            Self::UmbilicalCordBlood
            | Self::AmnioticFluid
            | Self::SynovialMembrane
            | Self::Endometrium => None,
        }
    }
}

/// The Cell Ontology's term for MSCs of any tissue, CL:0000134 "mesenchymal stem cell" (its
/// synonyms include "mesenchymal stromal cell" and "MSC").
pub static MSC_CELL_TYPE: TermCoding = row(
    S::CellOntology,
    "CL:0000134",
    Some("mesenchymal stem cell"),
    Same,
    High,
    CL,
);

impl Coded for SiteOfUse {
    const VOCABULARY: &'static str = "site of use";
    fn terms() -> &'static [Self] {
        Self::ALL
    }
    fn machine_name(self) -> &'static str {
        self.code()
    }
    /// Only the UBERON terms the reference confirms; the site table's other UBERON ids are not
    /// in it.
    #[rustfmt::skip]
    fn codings(self) -> &'static [TermCoding] {
        match self {
            Self::IntervertebralDisc => const { &[row(S::Uberon, "UBERON:0001066", Some("intervertebral disk"), Same, High, UBERON)] },
            Self::HeartMuscle => const { &[row(S::Uberon, "UBERON:0002349", Some("myocardium"), Same, High, UBERON)] },
            // The site also covers the airways.
            Self::Lung => const { &[row(S::Uberon, "UBERON:0002048", Some("lung"), Narrower, High, UBERON)] },
            Self::JointSpace
            | Self::Bone
            | Self::TendonLigament
            | Self::SkeletalMuscle
            | Self::SkinOrWoundSurface
            | Self::Dermis
            | Self::Subcutaneous
            | Self::Breast
            | Self::EyeSurface
            | Self::CoronaryCirculation
            | Self::SystemicCirculation
            | Self::CentralNervousSystem
            | Self::BoneMarrowCavity
            | Self::PerianalFistulaTract => &[],
        }
    }
}

impl Coded for SecretedFactor {
    const VOCABULARY: &'static str = "secreted factor";
    fn terms() -> &'static [Self] {
        Self::ALL
    }
    fn machine_name(self) -> &'static str {
        self.code()
    }
    /// The HGNC gene that encodes the factor. TGF-beta has three isoforms; the crate's term
    /// is coded by TGFB1, the one the reference names.
    #[rustfmt::skip]
    fn codings(self) -> &'static [TermCoding] {
        match self {
            Self::Vegf => const { &[row(S::Hgnc, "HGNC:12680", Some("VEGFA"), Same, High, HGNC)] },
            Self::Hgf => const { &[row(S::Hgnc, "HGNC:4893", Some("HGF"), Same, High, HGNC)] },
            Self::Igf1 => const { &[row(S::Hgnc, "HGNC:5464", Some("IGF1"), Same, High, HGNC)] },
            Self::TgfBeta => const { &[row(S::Hgnc, "HGNC:11766", Some("TGFB1"), Narrower, High, HGNC)] },
            Self::Il10 => const { &[row(S::Hgnc, "HGNC:5962", Some("IL10"), Same, High, HGNC)] },
            Self::Ido => const { &[row(S::Hgnc, "HGNC:6059", Some("IDO1"), Same, Medium, HGNC_SECONDARY)] },
            Self::Tsg6 | Self::Pge2 | Self::Il1Ra => &[],
        }
    }
}

impl Coded for SurfaceMarker {
    const VOCABULARY: &'static str = "surface marker";
    fn terms() -> &'static [Self] {
        Self::ALL
    }
    fn machine_name(self) -> &'static str {
        self.code()
    }
    /// The HGNC gene that encodes the marker protein, where the reference confirms its id.
    #[rustfmt::skip]
    fn codings(self) -> &'static [TermCoding] {
        match self {
            Self::Cd73 => const { &[row(S::Hgnc, "HGNC:8021", Some("NT5E"), Same, High, HGNC)] },
            Self::Cd105 => const { &[row(S::Hgnc, "HGNC:3349", Some("ENG"), Same, High, HGNC)] },
            Self::Cd45 => const { &[row(S::Hgnc, "HGNC:9666", Some("PTPRC"), Same, High, HGNC)] },
            Self::Cd11b => const { &[row(S::Hgnc, "HGNC:6149", Some("ITGAM"), Same, High, HGNC)] },
            Self::Cd79a => const { &[row(S::Hgnc, "HGNC:1698", Some("CD79A"), Same, High, HGNC)] },
            Self::Cd19 => const { &[row(S::Hgnc, "HGNC:1633", Some("CD19"), Same, High, HGNC)] },
            Self::Cd90
            | Self::Cd34
            | Self::Cd14
            | Self::HlaDr
            | Self::Cd29
            | Self::Cd44
            | Self::Cd31 => &[],
        }
    }
}

impl Coded for TrialPhase {
    const VOCABULARY: &'static str = "trial phase";
    fn terms() -> &'static [Self] {
        Self::ALL
    }
    fn machine_name(self) -> &'static str {
        self.code()
    }
    #[rustfmt::skip]
    fn codings(self) -> &'static [TermCoding] {
        match self {
            Self::EarlyPhase1 => const { &[row(S::ResearchStudyPhase, "early-phase-1", Some("Early Phase 1"), Same, Medium, PHASES)] },
            Self::Phase1 => const { &[row(S::ResearchStudyPhase, "phase-1", Some("Phase 1"), Same, Medium, PHASES)] },
            Self::Phase2 => const { &[row(S::ResearchStudyPhase, "phase-2", Some("Phase 2"), Same, Medium, PHASES)] },
            Self::Phase3 => const { &[row(S::ResearchStudyPhase, "phase-3", Some("Phase 3"), Same, Medium, PHASES)] },
            Self::Phase4 => const { &[row(S::ResearchStudyPhase, "phase-4", Some("Phase 4"), Same, Medium, PHASES)] },
            Self::NotApplicable => const { &[row(S::ResearchStudyPhase, "n-a", Some("N/A"), Same, Medium, PHASES)] },
        }
    }
}

/// Implements [`Coded`] with empty tables for vocabularies no code system in the reference
/// codes.
macro_rules! uncoded {
    ($($ty:ty => $name:literal),+ $(,)?) => {$(
        impl Coded for $ty {
            const VOCABULARY: &'static str = $name;
            fn terms() -> &'static [Self] {
                Self::ALL
            }
            fn machine_name(self) -> &'static str {
                self.code()
            }
            fn codings(self) -> &'static [TermCoding] {
                &[]
            }
        }
    )+};
}

uncoded! {
    IndicationCategory => "indication category",
    ImageGuidance => "image guidance",
    FdaTissueClass => "FDA tissue class",
    TissueFunction => "tissue function",
    Donor => "donor",
    SupplyModel => "supply model",
    ProcessingStep => "processing step",
    ManipulationLevel => "manipulation level",
    AddedArticle => "added article",
    CellPreparation => "cell preparation",
    Mechanism => "mechanism",
    MscDesignation => "MSC designation",
    MarkerExpectation => "marker expectation",
    TestOutcome => "test outcome",
    ProductState => "product state",
    ViabilityTiming => "viability timing",
    ViabilityMethod => "viability method",
    TrialStatus => "trial status",
    TrialResult => "trial result",
    ClaimKind => "claim kind",
}

// ---------------------------------------------------------------------------------------------
// Conditions outside the Indication list
// ---------------------------------------------------------------------------------------------

/// **A condition outside the crate's [`Indication`] list, named by a code and its wording.**
///
/// MSC products are offered for far more conditions than any list holds. A record names such a
/// condition by a diagnosis code (SNOMED CT, ICD-10-CM, ICD-11, MONDO or the Disease Ontology)
/// and the wording it uses, inside the same `indications` list as the listed terms:
///
/// ```json
/// "indications": ["knee_osteoarthritis", {"coding": {"system": "http://purl.obolibrary.org/obo/mondo.owl", "code": "MONDO:0005265"}, "text": "inflammatory bowel disease"}]
/// ```
///
/// The rules know nothing of such a condition, and read it so that the product gains nothing
/// from it: the functions it needs are unknown, so homologous use cannot be shown (fail
/// closed); it matches no approved product; and for the "myriad of diseases" test each
/// unlisted condition counts as a family of conditions of its own, since it cannot be shown to
/// share one.
///
/// A code that names a listed term ([`Coded::from_coding`] succeeds) is refused: the condition
/// must then be named by that term, so that the rules see it (identity by key, not by text).
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::vocab::CodedCondition;
///
/// let c: CodedCondition = serde_json::from_str(r#"{
///     "coding": {"system": "http://snomed.info/sct", "code": "23986001"},
///     "text": "glaucoma"
/// }"#).unwrap();
/// assert_eq!(c.text.as_str(), "glaucoma");
/// let listed = serde_json::from_str::<CodedCondition>(r#"{
///     "coding": {"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M17.9"},
///     "text": "knee arthritis"
/// }"#).unwrap_err();
/// assert!(listed.to_string().starts_with("ICD-10-CM code \"M17.9\" names the listed indication `knee_osteoarthritis`"));
/// # }
/// ```
///
/// # Errors
///
/// Deserialization fails with a [`CodingError`] message: a coding that is not a diagnosis
/// code ([`CodingError::NotACondition`]), one that names a listed indication
/// ([`CodingError::ListedIndication`]), a blank text, or a malformed coding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawCondition")]
pub struct CodedCondition {
    /// The diagnosis code.
    pub coding: Coding,
    /// The wording of the record.
    pub text: crate::Text,
}

impl CodedCondition {
    /// A condition outside the list, checking that the code is a diagnosis code and names no
    /// listed indication.
    ///
    /// # Errors
    ///
    /// [`CodingError::NotACondition`] or [`CodingError::ListedIndication`].
    pub fn new(coding: Coding, text: crate::Text) -> Result<Self, CodingError> {
        if !matches!(
            coding.system,
            CodeSystem::SnomedCt
                | CodeSystem::Icd10Cm
                | CodeSystem::Icd11Mms
                | CodeSystem::Icd11Foundation
                | CodeSystem::Mondo
                | CodeSystem::DiseaseOntology
        ) {
            return Err(CodingError::NotACondition {
                system: coding.system,
            });
        }
        if let Ok(term) = Indication::from_coded(&coding) {
            return Err(CodingError::ListedIndication {
                system: coding.system,
                code: coding.code.to_string(),
                term: term.code(),
            });
        }
        Ok(Self { coding, text })
    }

    /// How many families of conditions a list of listed indications and unlisted conditions
    /// spans, for the "myriad of diseases" test: the listed terms' distinct
    /// [`IndicationCategory`]s, plus one for each distinct unlisted condition (by code), which
    /// cannot be shown to share a family.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::{CodeSystem, CodedCondition, Coding, Indication, Text};
    ///
    /// let glaucoma = CodedCondition::new(Coding::new(CodeSystem::SnomedCt, "23986001")?, Text::new("glaucoma").unwrap())?;
    /// let listed = [Indication::KneeOsteoarthritis, Indication::AclTear];
    /// assert_eq!(CodedCondition::families(&listed, &[glaucoma.clone(), glaucoma]), 2);
    /// # Ok::<(), msc_therapy::vocab::CodingError>(())
    /// ```
    #[must_use]
    pub fn families(listed: &[Indication], unlisted: &[Self]) -> usize {
        fn key(c: &CodedCondition) -> (&CodeSystem, &str) {
            (&c.coding.system, c.coding.code.as_ref())
        }
        // Each distinct code once, counted where it first appears: no scratch list.
        let codes = unlisted
            .iter()
            .enumerate()
            .filter(|&(i, c)| !unlisted[..i].iter().any(|e| key(e) == key(c)))
            .count();
        Indication::distinct_categories(listed) + codes
    }
}

/// A condition outside the crate's list of indications, named by a diagnosis code (SNOMED CT,
/// ICD-10-CM, ICD-11, MONDO or the Disease Ontology) and the wording of the record. A code that
/// names a listed indication is refused: name it by that indication.
#[derive(Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct ConditionFields {
    /// The diagnosis code.
    coding: Coding,
    /// The wording of the record.
    text: crate::Text,
}

// The members of a condition, read from a JSON object only.
struct RawCondition(ConditionFields);

impl<'de> Deserialize<'de> for RawCondition {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::object::from_object(deserializer, "a condition object with coding and text")
            .map(RawCondition)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for CodedCondition {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CodedCondition".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        ConditionFields::json_schema(generator)
    }
}

impl TryFrom<RawCondition> for CodedCondition {
    type Error = CodingError;
    fn try_from(RawCondition(raw): RawCondition) -> Result<Self, CodingError> {
        Self::new(raw.coding, raw.text)
    }
}

/// **One entry of an `indications` list**: a listed [`Indication`] by its machine name, or a
/// [`CodedCondition`] outside the list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum StatedIndication {
    /// A term of the crate's list.
    Listed(Indication),
    /// A condition outside the list.
    Unlisted(CodedCondition),
}

impl<'de> Deserialize<'de> for StatedIndication {
    /// A string is read as a listed [`Indication`] (with serde's message naming the valid
    /// names when it is none of them), an object as a [`CodedCondition`].
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entry;
        impl<'de> serde::de::Visitor<'de> for Entry {
            type Value = StatedIndication;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an indication name or a condition object with coding and text")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<StatedIndication, E> {
                Indication::deserialize(serde::de::value::StrDeserializer::<E>::new(v))
                    .map(StatedIndication::Listed)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<StatedIndication, A::Error> {
                CodedCondition::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(StatedIndication::Unlisted)
            }
        }
        deserializer.deserialize_any(Entry)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for StatedIndication {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "StatedIndication".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let listed = generator.subschema_for::<Indication>();
        let unlisted = generator.subschema_for::<CodedCondition>();
        schemars::json_schema!({
            "description": "A condition: a listed indication by its name, or a condition outside the list as a diagnosis code and its wording.",
            "anyOf": [listed, unlisted]
        })
    }
}

impl From<Indication> for StatedIndication {
    fn from(indication: Indication) -> Self {
        Self::Listed(indication)
    }
}

impl From<CodedCondition> for StatedIndication {
    fn from(condition: CodedCondition) -> Self {
        Self::Unlisted(condition)
    }
}

impl PartialEq<Indication> for StatedIndication {
    fn eq(&self, other: &Indication) -> bool {
        self.listed() == Some(*other)
    }
}

impl StatedIndication {
    /// The listed [`Indication`], or `None` for a condition outside the list.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::{
    ///     CodeSystem, CodedCondition, Coding, Indication, StatedIndication, Text,
    /// };
    ///
    /// let knee = StatedIndication::from(Indication::KneeOsteoarthritis);
    /// assert_eq!(knee.listed(), Some(Indication::KneeOsteoarthritis));
    /// let amd = CodedCondition::new(
    ///     Coding::new(CodeSystem::Icd10Cm, "H35.30")?,
    ///     Text::new("macular degeneration").unwrap(),
    /// )?;
    /// assert_eq!(StatedIndication::from(amd).listed(), None);
    /// # Ok::<(), msc_therapy::vocab::CodingError>(())
    /// ```
    #[must_use]
    pub const fn listed(&self) -> Option<Indication> {
        match self {
            Self::Listed(i) => Some(*i),
            Self::Unlisted(_) => None,
        }
    }

    /// The condition outside the list, or `None` for a listed [`Indication`].
    #[must_use]
    pub const fn unlisted(&self) -> Option<&CodedCondition> {
        match self {
            Self::Listed(_) => None,
            Self::Unlisted(c) => Some(c),
        }
    }
}

impl fmt::Display for StatedIndication {
    /// A listed indication by its machine name (`knee_osteoarthritis`); a condition outside the
    /// list by its wording and code (`macular degeneration (ICD-10-CM H35.30)`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Listed(i) => f.write_str(i.code()),
            Self::Unlisted(c) => write!(f, "{} ({})", c.text, c.coding),
        }
    }
}
