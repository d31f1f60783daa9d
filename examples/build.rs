//! Generates the bindings of `attio-schema.json` (beside `Cargo.toml`)
//! into `$OUT_DIR/attio.rs`, exactly as a user's build script would;
//! `src/lib.rs` includes them as `attio_examples::attio`.

fn main() -> Result<(), attio_codegen::Error> {
    attio_codegen::Builder::new().generate()?;
    Ok(())
}
