//! Generates bindings of the workspace fixture exactly as a user's build
//! script would; `src/lib.rs` includes them, so every test of this crate
//! compiles and uses generated code.

fn main() -> Result<(), attio_codegen::Error> {
    const FIXTURE: &str = "../fixtures/workspace/attio-schema.json";
    // Everything, with the default options.
    attio_codegen::Builder::new()
        .snapshot(FIXTURE)
        .out_file("workspace.rs")
        .generate()?;
    // A config file plus options set in code.
    attio_codegen::Builder::new()
        .snapshot(FIXTURE)
        .config_file("codegen/configured.toml")
        .rename("hiring", "Candidate")
        .out_file("configured.rs")
        .generate()?;
    Ok(())
}
