//! Compile tests of `#[derive(Record)]`, `#[derive(Entry)]` and
//! `#[derive(Options)]`: every check the derive makes has one compile-fail
//! case in `ui/fail/` (with the expected compiler output beside it), and the
//! API the expansion provides is exercised by the programs in `ui/pass/`.
//!
//! Regenerate the expected output with `TRYBUILD=overwrite cargo test -p
//! attio-ui-tests`, then read every `.stderr` it wrote.

use std::path::Path;

#[test]
fn ui() {
    // trybuild compiles the cases inside a crate it generates under
    // `target/tests/trybuild`, so the derive's default snapshot location
    // (beside that crate's Cargo.toml) does not hold ours. The derive also
    // reads `ATTIO_SCHEMA`, and the cargo processes trybuild spawns inherit
    // this process's environment, so setting it here points every case at
    // the dedicated snapshot. The other test of this binary does not read
    // the environment, so setting it while that test runs is harmless.
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/attio-schema.json");
    assert!(schema.is_file(), "missing {}", schema.display());
    std::env::set_var("ATTIO_SCHEMA", &schema);

    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/fail/*.rs");
    cases.pass("ui/pass/*.rs");
}

/// The dedicated snapshot stays loadable by the same code the derive uses.
#[test]
fn the_ui_snapshot_loads() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/attio-schema.json");
    let snapshot = attio_schema::Snapshot::load(&path).expect("ui snapshot loads");
    let people = snapshot.workspace.object("people").expect("people");
    let emails = people
        .attribute("email_addresses")
        .expect("email_addresses");
    assert!(emails.is_unique && emails.is_multiselect);
    assert!(snapshot.workspace.list("enterprise_pipeline").is_some());
}
