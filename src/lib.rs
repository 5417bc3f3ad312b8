//! # msc-therapy
//!
//! **A typed, validated vocabulary for mesenchymal stem/stromal cell (MSC) therapy, and rule
//! engines that turn a product or a clinic's offer into cited findings.**
//!
//! ## Which function do I call?
//!
//! | I have … and want to know … | Call | Answer |
//! |---|---|---|
//! | a product record: everything at once | [`assess_product`] | [`ProductAssessment`] |
//! | a product: its US status under 21 CFR Part 1271 (361 HCT/P or 351 product) | [`classify_us`] | [`UsAssessment`] |
//! | a product: whether its release data meet the quality requirements | [`assess_quality`] | [`QualityReport`] |
//! | a product: its EU status (ATMP, tissues and cells, SoHO) | [`classify_eu`] | [`EuAssessment`] |
//! | a product: its Japanese status (ASRM class, PMD Act) | [`classify_jp`], [`classify_jp_authorised`] | [`JpAssessment`] |
//! | a clinic's offer: the patient's checklist | [`evaluate_offer`] | [`OfferEvaluation`] |
//! | any report: its one-line answer | [`Report::headline`] | [`Headline`] |
//! | an open verdict: which facts would settle it (feature `json`) | `what_if::settling_facts`, `what_if::smallest_changes` | `what_if::SettlingFacts`, `what_if::SmallestChanges` |
//! | many documents as JSON Lines (feature `json`) | `interop::JsonLines` | `interop::LinesSummary` |
//!
//! Every engine takes the evaluation date (`jiff::civil::Date`) and answers with cited
//! [`Finding`]s. Every rule, with its citation and explanation, is in the
//! [rule table](RuleId#every-rule) (also `docs/rules.md`, generated from the same table).
//!
//! ## Where things are
//!
//! The functions above, the two input documents ([`Product`], [`ClinicOffer`]) and what every
//! engine answers with ([`ProductAssessment`], [`Finding`], [`Outcome`], [`Severity`],
//! [`RuleId`], [`Report`], [`Headline`], [`DocumentError`]) are at the crate root. Everything
//! else is in the module of its part:
//!
//! | Module | What it holds |
//! |---|---|
//! | [`vocab`] | every vocabulary term ([`TissueSource`], [`Route`], [`ProcessingStep`], …) with its row of facts, the validated values ([`Percent`], [`CellCount`], [`Age`], …) and the codes of outside terminologies ([`Coding`], [`CodeSystem`]) |
//! | [`document`] | the input documents and their parts ([`ReleaseData`], [`Dose`], [`Claim`], …), their builders, the authorities' [`Determination`]s, the errors of reading a document, the ClinicalTrials.gov import |
//! | [`finding`] | what a rule concluded: [`Finding`], its [`Fact`]s and [`Basis`], the rule table ([`RuleId`]), the dates the law changes on |
//! | [`engine`] | one module per rule engine ([`us`](engine::us), [`eu`](engine::eu), [`jp`](engine::jp), [`quality`](engine::quality), [`offer`](engine::offer)), each with its report and policy, and [`assess_product`] over them all |
//! | [`catalog`] | the approved MSC products of the world and the jurisdictions that approved them |
//! | [`interop`] | JSON Schemas of every document, the vocabulary as JSON (feature `schemars`), JSON Lines (feature `json`) |
//! | `what_if` | which facts would settle an open verdict (feature `json`) |
//!
//! ## MSC therapy in one page
//!
//! *Mesenchymal stem/stromal cells* (MSCs) are cells that stick to plastic in culture, carry the
//! surface markers CD73, CD90 and CD105, and can be coaxed into bone, fat and cartilage cells in a
//! dish. They are found in bone marrow, fat (adipose tissue), birth tissues such as the umbilical
//! cord and its Wharton's jelly, and the pulp of teeth ([`TissueSource`]).
//!
//! They do **not** mostly work by turning into new tissue. They act as signalling cells — Arnold
//! Caplan, who named them in 1991, later proposed "medicinal signalling cells"
//! ([`MscDesignation`]). They release growth factors ([`SecretedFactor`]: VEGF, HGF, IGF-1,
//! TGF-β), re-program inflammatory (M1) macrophages towards a repairing (M2) state, send out
//! exosomes, and migrate towards injury ([`Mechanism`]). They are tried in more than a thousand
//! trials, for osteoarthritis, Crohn's fistulas, graft-versus-host disease and much else
//! ([`Indication`]); a handful of products are approved somewhere in the world.
//!
//! What a patient receives depends on where the cells come from ([`Donor`]: their own,
//! *autologous*, or a donor's, *allogeneic*), what was done to them ([`ProcessingStep`]: spun in a
//! centrifuge at the bedside, or grown for weeks in a laboratory), how they are given ([`Route`],
//! [`ImageGuidance`]) and what release testing showed ([`ReleaseData`]: live cell count,
//! viability, identity markers, sterility).
//!
//! In the US, those facts also decide the law that applies. Under 21 CFR Part 1271, cells that are
//! only minimally manipulated, for homologous use, not combined with other articles, and either
//! inert or autologous are "361 HCT/Ps": they need registration, not approval. Anything more —
//! cells grown in culture, for instance — is a drug or biologic under section 351 of the PHS Act
//! and needs an IND to be studied and a BLA to be sold.
//!
//! ## The crate
//!
//! ```text
//! JSON / Rust values ──parse + validate──▶ Product (typed, always valid)
//!                                              │   pure functions, no I/O
//!                                              ▼
//!                              rule engines ──▶ Findings (rule id, outcome, severity, facts, citation)
//! ```
//!
//! - **Vocabulary**: every enum ([`TissueSource`], [`Route`], [`ProcessingStep`], [`RuleId`], …)
//!   is one table; each row holds the machine name (the same in JSON, `Display` and `FromStr`), a
//!   label for people and the facts rules need (FDA tissue class, basic functions, codes).
//! - **Validated values**: [`Percent`], [`CellCount`], [`BodyWeightKg`], … check their range on
//!   construction and on deserialization; documents reject unknown fields.
//! - **Findings, not booleans**: every rule has a stable [`RuleId`], answers with an [`Outcome`]
//!   and a [`Severity`], lists the [`Fact`]s it used and cites its source. Rules fail closed: a
//!   missing fact makes the outcome [`Outcome::Undetermined`], never "met".
//!
//! ```
//! # #[cfg(feature = "json")] {
//! use msc_therapy::Product;
//! use msc_therapy::vocab::{FdaTissueClass, ManipulationLevel, ProcessingStep};
//!
//! let product = Product::from_json(r#"{
//!     "name": "Cultured bone-marrow MSCs",
//!     "tissue": "bone_marrow",
//!     "donor": "allogeneic_unrelated",
//!     "processing": {"steps": ["culture_expansion", "cryopreservation"]},
//!     "release": {"viability": [{"percent": 92.5, "timing": "post_thaw"}]}
//! }"#)?;
//!
//! let tissue = product.tissue.unwrap();
//! let class = tissue.info().fda_class.unwrap();
//! assert_eq!(class, FdaTissueClass::CellsOrNonstructural);
//! assert_eq!(ProcessingStep::CultureExpansion.level_for(class), ManipulationLevel::MoreThanMinimal);
//! # }
//! # Ok::<(), msc_therapy::DocumentError>(())
//! ```
//!
//! ## Building a record in Rust
//!
//! Documents usually arrive as JSON, but a record can be built in code with one `?` for the whole
//! of it: the builders take plain numbers and texts and report the first bad one with the path the
//! field has in JSON, as [`DocumentError`] (`release.viability[0].percent`).
//!
//! ```
//! use msc_therapy::{Product, Report, classify_us};
//! use msc_therapy::document::{Delivery, Dose, Processing, ReleaseData};
//! use msc_therapy::vocab::{
//!     Donor, ProcessingStep, Route, SurfaceMarker, TestOutcome, TissueSource, ViabilityTiming,
//! };
//!
//! let lot = Product::builder("Cultured BM-MSC lot 25-0142")
//!     .tissue(TissueSource::BoneMarrow)
//!     .donor(Donor::AllogeneicUnrelated)
//!     .processing(Processing::of_steps([ProcessingStep::CultureExpansion]))
//!     .delivery(Delivery::new(Route::Intravenous))
//!     .dose(Dose::builder().cells_per_kg(2e6).administrations(8))
//!     .release(
//!         ReleaseData::builder()
//!             .viability(88.9, ViabilityTiming::PostThaw)
//!             .marker(SurfaceMarker::Cd73, 99.2)
//!             .sterility(TestOutcome::Negative),
//!     )
//!     .build()?;
//! println!("{}", classify_us(&lot, jiff::civil::date(2026, 12, 7)).headline());
//! # Ok::<(), msc_therapy::DocumentError>(())
//! ```
//!
//! Every report implements [`Report`]: [`Report::headline`] gives its one-line answer
//! ([`Headline`]), whichever engine produced it.
//!
//! ## Feature flags
//!
//! - `schemars` (default): derives [`schemars::JsonSchema`] for every input and output document,
//!   so tools in other languages can validate documents and generate forms.
//!   [`interop::document_schemas`] returns the draft 2020-12 schema of every document (each
//!   with an `$id`, sharing `definitions.schema.json`), [`interop::vocabulary_json`] every
//!   vocabulary term with its code, label and facts; `cargo run --example export_schemas` writes
//!   them to `schemas/`.
//! - `json` (default): `from_json`, `from_slice` and `from_reader` constructors whose errors have
//!   a kind ([`DocumentErrorKind`]) and the dotted path of the failing field
//!   ([`DocumentError::path`]), and `to_json` / `to_json_pretty` on every report; pulls in
//!   `serde_json` and `serde_path_to_error`. Documents are JSON objects only, with at most
//!   10 000 entries per list and 1 MiB per string.
//!   Also enables the ClinicalTrials.gov API v2 import ([`RegistryStudy::from_ctgov_json`]).
//! - `fhir`: `Product::to_fhir`, the product as an HL7 FHIR R5 `BiologicallyDerivedProduct`
//!   resource (implies `json`).
//!
//! With no features the crate still has every type, serde support and every rule.
//!
//! ## Where to read next
//!
//! The [`guide`] teaches the domain step by step, each step with the type that carries it; the
//! [`glossary`] expands every acronym (IND, BLA, HCT/P, MM/HU, ATMP, ASRM, CFU-F, K/M, …); the
//! documentation of [`RuleId`] lists every rule with its citation and explanation.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[doc = include_str!("../docs/guide.md")]
pub mod guide {}

#[doc = include_str!("../docs/glossary.md")]
pub mod glossary {}

/// The README's code blocks, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

mod age;
mod assessment;
mod builders;
pub mod catalog;
mod coding;
#[cfg(feature = "json")]
mod ctgov;
#[cfg(feature = "json")]
mod de;
mod determination;
pub mod document;
pub mod engine;
mod error;
#[cfg(feature = "fhir")]
mod fhir;
pub mod finding;
pub mod interop;
#[cfg(feature = "json")]
mod json;
#[cfg(feature = "json")]
mod jsonl;
mod law;
mod object;
mod offer;
mod product;
mod readback;
mod reason;
mod report;
mod rule_id;
mod rule_table;
mod rules;
#[cfg(feature = "schemars")]
mod schema;
mod table;
mod units;
pub mod vocab;
#[cfg(feature = "schemars")]
mod vocabulary;
#[cfg(feature = "json")]
#[cfg_attr(docsrs, doc(cfg(feature = "json")))]
pub mod what_if;

// The entry points: the engines, the two input documents, what every engine answers with. Shown
// on the front page with their summaries, and again in their module.
#[doc(inline)]
pub use document::{ClinicOffer, DocumentError, DocumentErrorKind, Product};
#[doc(inline)]
pub use engine::eu::classify_eu;
#[doc(inline)]
pub use engine::jp::{classify_jp, classify_jp_authorised};
#[doc(inline)]
pub use engine::offer::{evaluate_offer, evaluate_offer_with};
#[doc(inline)]
pub use engine::quality::assess_quality;
#[doc(inline)]
pub use engine::us::classify_us;
#[doc(inline)]
pub use engine::{ProductAssessment, assess_product, assess_product_with};
#[doc(inline)]
pub use finding::{Finding, Headline, Outcome, Report, RuleId, Severity};

// Everything else, under the name the crate's own code has always used for it (`crate::Basis`,
// `crate::TissueSource`); its public path is the module above.
#[allow(unused_imports)]
pub(crate) use crate::{
    catalog::*,
    document::*,
    engine::{eu::*, jp::*, offer::*, quality::*, us::*},
    finding::*,
    interop::*,
    vocab::*,
};
#[cfg(feature = "json")]
#[allow(unused_imports)]
pub(crate) use what_if::*;
