//! The whole vocabulary as one JSON document (`schemas/vocabulary.json`), for tools in other
//! languages: every term of every vocabulary with its code, label, description and facts.

use crate::*;
use serde_json::{Value, json};

/// One vocabulary, seen without its Rust type.
pub(crate) struct Vocabulary {
    /// The enum's name, the same as its definition in `definitions.schema.json`.
    pub(crate) name: &'static str,
    /// The Rust names of the variants, parallel to `codes`.
    pub(crate) variants: &'static [&'static str],
    /// The machine names.
    pub(crate) codes: &'static [&'static str],
    /// The labels, parallel to `codes`.
    labels: fn() -> Vec<&'static str>,
    /// The row of facts of each term, when the vocabulary has one.
    facts: fn() -> Vec<Option<Value>>,
    /// The enum's JSON Schema (its description and each term's).
    schema: fn() -> schemars::Schema,
}

macro_rules! vocabularies {
    ($($ty:ident $(: $info:tt)?),+ $(,)?) => {
        /// Every vocabulary of the crate, in a fixed order.
        pub(crate) const VOCABULARIES: &[Vocabulary] = &[$(
            Vocabulary {
                name: stringify!($ty),
                variants: $ty::VARIANT_NAMES,
                codes: $ty::CODES,
                labels: || $ty::ALL.iter().map(|v| v.label()).collect(),
                facts: || $ty::ALL.iter().map(|v| vocabularies!(@facts v $($info)?)).collect(),
                schema: || schemars::SchemaGenerator::default().into_root_schema_for::<$ty>(),
            },
        )+];
    };
    (@facts $v:ident info) => {
        Some(serde_json::to_value($v.info()).expect("a row of facts serializes"))
    };
    (@facts $v:ident) => {{
        let _ = $v;
        None
    }};
}

vocabularies![
    TissueSource: info,
    FdaTissueClass,
    TissueFunction,
    Donor,
    SupplyModel,
    ProcessingStep: info,
    ManipulationLevel,
    AddedArticle: info,
    CellPreparation: info,
    Route: info,
    ImageGuidance,
    SiteOfUse: info,
    Mechanism: info,
    SecretedFactor: info,
    MscDesignation,
    Indication: info,
    IndicationCategory,
    SurfaceMarker: info,
    MarkerExpectation,
    TestOutcome,
    ReleaseTest: info,
    NotPerformedReason,
    ProductState,
    ViabilityTiming,
    ViabilityMethod,
    ClaimKind: info,
    FollowUpMethod,
    PermissionKind,
    TrialPhase,
    TrialStatus,
    TrialResult,
    AgeUnit,
    StudyType,
    InterventionType,
    CodeSystem,
    CodeRelation,
    Jurisdiction: info,
    RegulatoryFramework,
    AuthorisationStatus,
    AuthorisationKind,
    NumberKind,
    CatalogKey,
    Confidence,
    EuManipulation,
    Outcome,
    Severity,
    Basis,
    Determined,
    DeterminationBasis,
    FactRole,
    RuleId: info,
    UsClassification: info,
    EuClassification,
    AsrmRiskClass,
    PmdActStatus,
    QualityVerdict,
    DoseBasis,
    PatientVerdict,
    Question,
    Expectation: info,
    ChangeKind,
];

/// The code of `Type::Variant` (both Rust names), when `Type` is a vocabulary.
pub(crate) fn code_of(vocabulary: &str, variant: &str) -> Option<&'static str> {
    let v = VOCABULARIES.iter().find(|v| v.name == vocabulary)?;
    let i = v.variants.iter().position(|&name| name == variant)?;
    v.codes.get(i).copied()
}

/// The description of each `const` of an enum's schema, by code.
fn term_descriptions(schema: &Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(items)) = schema.get(key) {
            for item in items {
                let description = item.get("description").and_then(Value::as_str);
                if let (Some(code), Some(d)) =
                    (item.get("const").and_then(Value::as_str), description)
                {
                    found.push((code.to_owned(), d.to_owned()));
                }
                if let (Some(Value::Array(codes)), Some(d)) = (item.get("enum"), description) {
                    for code in codes.iter().filter_map(Value::as_str) {
                        found.push((code.to_owned(), d.to_owned()));
                    }
                }
            }
        }
    }
    found
}

/// **Every term of every vocabulary of the crate, as one JSON document**: the content of
/// `schemas/vocabulary.json`.
///
/// `vocabularies` maps each vocabulary's name (the same as its definition in
/// `definitions.schema.json`) to its description and its terms, in table order; each term has
/// its `code` (the string documents use), its `label` for people, its `description` and, for
/// the vocabularies that carry them, its `facts`: the row the rule engines read (a tissue's FDA
/// class and basic functions, a route's endotoxin K and whether it is systemic, a rule's
/// citation, …).
///
/// # Examples
///
/// ```
/// let vocabulary = msc_therapy::interop::vocabulary_json();
/// let tissues = &vocabulary["vocabularies"]["TissueSource"]["terms"];
/// assert_eq!(tissues[0]["code"], "bone_marrow");
/// assert_eq!(tissues[0]["label"], msc_therapy::vocab::TissueSource::BoneMarrow.label());
/// ```
#[must_use]
#[cfg_attr(docsrs, doc(cfg(feature = "schemars")))]
pub fn vocabulary_json() -> Value {
    let mut vocabularies = serde_json::Map::new();
    for v in VOCABULARIES {
        let schema = (v.schema)().to_value();
        let descriptions = term_descriptions(&schema);
        let labels = (v.labels)();
        let facts = (v.facts)();
        let terms: Vec<Value> = v
            .codes
            .iter()
            .zip(labels)
            .zip(facts)
            .map(|((&code, label), facts)| {
                let mut term = serde_json::Map::new();
                term.insert("code".to_owned(), code.into());
                term.insert("label".to_owned(), label.into());
                if let Some((_, d)) = descriptions.iter().find(|(c, _)| c == code) {
                    term.insert("description".to_owned(), crate::schema::plain(d).into());
                }
                if let Some(facts) = facts {
                    term.insert("facts".to_owned(), facts);
                }
                Value::Object(term)
            })
            .collect();
        let description = schema
            .get("description")
            .and_then(Value::as_str)
            .map(crate::schema::plain)
            .unwrap_or_default();
        vocabularies.insert(
            v.name.to_owned(),
            json!({"description": description, "terms": terms}),
        );
    }
    let reasons: Vec<Value> = crate::Reason::all()
        .map(|reason| json!({"code": reason.code(), "text": reason.text()}))
        .collect();
    json!({
        "description": "Every vocabulary of msc-therapy: each term's code (the string JSON documents use), its label for people, its description and, where the vocabulary has them, the facts the rule engines read; and every reason a finding can give (its `reason_code` and sentence). Generated from the crate's tables by `cargo run --example export_schemas`.",
        "version": env!("CARGO_PKG_VERSION"),
        "vocabularies": vocabularies,
        "reasons": reasons,
    })
}
