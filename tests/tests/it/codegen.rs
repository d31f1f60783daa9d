//! The bindings the other tests compile are the generator's output: what
//! `build.rs` wrote is byte for byte what `generate()` returns for the
//! fixture. (The output itself is pinned in attio-codegen's `golden` tests.)

use attio_codegen::{generate, Config, Snapshot};

#[test]
fn the_compiled_bindings_are_what_generate_returns() {
    let fixture = Snapshot::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/workspace/attio-schema.json"
    ))
    .expect("the fixture loads");
    // The path build.rs passes, as the generated derives spell it.
    let schema_attribute = "../fixtures/workspace/attio-schema.json";
    let code = generate(&fixture, &Config::default(), Some(schema_attribute)).unwrap();
    let compiled = include_str!(concat!(env!("OUT_DIR"), "/workspace.rs"));
    assert!(code == compiled, "build.rs output differs from generate()");
}
