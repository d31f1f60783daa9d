//! The workspace fixture's bindings, generated as a user's build script
//! would, so that the page targets decode into real generated structs.

fn main() -> Result<(), attio_codegen::Error> {
    attio_codegen::Builder::new()
        .snapshot("../fixtures/workspace/attio-schema.json")
        .out_file("workspace.rs")
        .generate()?;
    Ok(())
}
