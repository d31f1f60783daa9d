//! The derives (`#[derive(Record)]`, `Entry`, `Options`) as a user meets them:
//! every check the derive makes has one compile-fail case in `ui/fail/` with
//! the compiler's expected output beside it (run by trybuild), and the API the
//! expansion provides is exercised by the programs of `pass/`, compiled and
//! run as ordinary tests.
//!
//! Regenerate the expected output with `TRYBUILD=overwrite cargo test -p
//! attio-ui-tests`, then read every `.stderr` it wrote.

use std::path::Path;

mod pass;

/// The snapshot every case is checked against: beside this crate's
/// Cargo.toml, where the derive looks by default, so `pass/` finds it
/// without naming it.
fn schema() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("attio-schema.json")
}

#[test]
fn ui() {
    // trybuild compiles the cases inside a crate it generates under
    // `target/tests/trybuild`, so the derive's default snapshot location
    // (beside that crate's Cargo.toml) does not hold ours. The derive also
    // reads `ATTIO_SCHEMA`, and the cargo processes trybuild spawns inherit
    // this process's environment, so setting it here points every case at
    // the dedicated snapshot. No other test of this binary reads the
    // environment, so setting it while they run is harmless.
    //
    // Only compile-fail cases run here: trybuild then checks (`cargo
    // check`) instead of building, so its own dependency tree is compiled
    // to metadata only. Programs that must compile and run are `pass/`.
    let schema = schema();
    assert!(schema.is_file(), "missing {}", schema.display());
    std::env::set_var("ATTIO_SCHEMA", &schema);

    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/fail/*.rs");
}

/// The dedicated snapshot stays loadable by the same code the derive uses.
#[test]
fn the_ui_snapshot_loads() {
    let snapshot = attio_schema::Snapshot::load(schema()).expect("ui snapshot loads");
    let people = snapshot.workspace.object("people").expect("people");
    let emails = people
        .attribute("email_addresses")
        .expect("email_addresses");
    assert!(emails.is_unique && emails.is_multiselect);
    assert!(snapshot.workspace.list("enterprise_pipeline").is_some());
}
