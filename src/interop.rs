//! **Working with other tools**: the JSON Schema of every document (feature `schemars`), the whole
//! vocabulary as one JSON document (feature `schemars`), and JSON Lines in and out (feature
//! `json`).
//!
//! `cargo run --example export_schemas` writes the schemas and the vocabulary to `schemas/`.

#[cfg(feature = "json")]
pub use crate::jsonl::{JsonLines, LineDocument, LinesSummary};
#[cfg(feature = "schemars")]
pub use crate::schema::{DocumentSchema, SCHEMA_BASE_URI, document_schemas};
#[cfg(feature = "schemars")]
pub use crate::vocabulary::vocabulary_json;
