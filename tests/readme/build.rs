//! README's build script, verbatim: generates the bindings of
//! `attio-schema.json` (a copy of the fixture) into `$OUT_DIR/attio.rs`.

// build.rs
fn main() -> Result<(), attio_codegen::Error> {
    attio_codegen::Builder::new().generate()?; // attio-schema.json → $OUT_DIR/attio.rs
    Ok(())
}
