//! Writes the JSON Schema (draft 2020-12) of every input and output document to `schemas/`, the
//! definitions they share (`definitions.schema.json`), a self-contained copy of each in
//! `schemas/bundled/` and every vocabulary term with its code,
//! label and facts (`vocabulary.json`), and the rule table shown in the `RuleId` docs
//! (`docs/rules.md`).
//!
//! Run `cargo run --example export_schemas` after changing a document type, and commit the
//! result: `tests/schemas.rs` fails while the committed files differ from the generated ones.

#[cfg(feature = "schemars")]
fn main() -> std::io::Result<()> {
    use std::path::Path;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    std::fs::create_dir_all(&dir)?;
    let bundled = dir.join("bundled");
    std::fs::create_dir_all(&bundled)?;
    for document in msc_therapy::interop::document_schemas() {
        let path = dir.join(document.file_name());
        std::fs::write(&path, document.to_json_pretty())?;
        println!("wrote {}", path.display());
        // The same schema, self-contained: for code generators and validators that cannot
        // load the other files.
        let path = bundled.join(document.file_name());
        std::fs::write(&path, document.bundled_json_pretty())?;
        println!("wrote {}", path.display());
    }
    let path = dir.join("vocabulary.json");
    std::fs::write(
        &path,
        format!("{:#}\n", msc_therapy::interop::vocabulary_json()),
    )?;
    println!("wrote {}", path.display());
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join("rules.md");
    std::fs::write(&path, msc_therapy::RuleId::table_markdown())?;
    println!("wrote {}", path.display());
    Ok(())
}

#[cfg(not(feature = "schemars"))]
fn main() {
    eprintln!("export_schemas needs the `schemars` feature (on by default)");
    std::process::exit(1);
}
