//! Every command run from a subfolder of a crate (`src/`) works on the
//! crate's snapshot, beside its `Cargo.toml`, as cargo finds the crate:
//! `pull` refreshes it instead of writing a second one in `src/`, and
//! `check`, `plan` and `generate` to standard output read it.

use std::path::Path;

use attio_schema::Snapshot;

use crate::pull::{assert_exit, emulator, run, KEY};
use crate::support::{fixture, stderr, stdout, FIXTURE};

/// A crate at `root` whose snapshot lacks the fixture's last object, as a
/// snapshot pulled before the object was created would.
fn crate_with_stale_snapshot(root: &Path) {
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(
        root.join("Cargo.toml"),
        "[package]\nname = \"app\"\nversion = \"0.0.0\"\nedition = \"2021\"\n",
    )
    .unwrap();
    let mut stale = fixture();
    stale.objects.pop();
    let file = Snapshot::new(stale).canonical_file();
    std::fs::write(root.join("attio-schema.json"), file.text).unwrap();
}

#[tokio::test]
async fn every_command_in_a_subfolder_uses_the_crate_s_snapshot() {
    let emulator = emulator(fixture()).await;
    let url = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    crate_with_stale_snapshot(dir.path());
    let src = dir.path().join("src");

    // Drift is found in the crate's snapshot, not "no snapshot in src/".
    let check = run(&src, Some(KEY), &["check", "--base-url", &url]).await;
    assert_exit(&check, 1);
    assert!(
        stderr(&check).contains("../attio-schema.json is out of date"),
        "{}",
        stderr(&check)
    );
    let plan = run(&src, Some(KEY), &["plan", "--base-url", &url]).await;
    assert!(
        stderr(&plan).contains("differs from ../attio-schema.json"),
        "{}",
        stderr(&plan)
    );

    let pull = run(&src, Some(KEY), &["pull", "--base-url", &url]).await;
    assert_exit(&pull, 0);
    assert!(
        stderr(&pull).contains("wrote ../attio-schema.json"),
        "{}",
        stderr(&pull)
    );
    assert!(
        !stderr(&pull).contains("(new snapshot)"),
        "{}",
        stderr(&pull)
    );
    assert!(
        !src.join("attio-schema.json").exists(),
        "pull wrote a second snapshot in src/"
    );
    let pulled = std::fs::read_to_string(dir.path().join("attio-schema.json")).unwrap();
    assert!(
        pulled == std::fs::read_to_string(FIXTURE).unwrap(),
        "the crate's snapshot was not refreshed"
    );

    let check = run(&src, Some(KEY), &["check", "--base-url", &url]).await;
    assert_exit(&check, 0);
    assert!(
        stderr(&check).contains("../attio-schema.json matches the workspace"),
        "{}",
        stderr(&check)
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn generate_to_standard_output_from_a_subfolder_reads_the_crate_s_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    crate_with_stale_snapshot(dir.path());
    std::fs::create_dir_all(dir.path().join("src/bin")).unwrap();

    let output = run(&dir.path().join("src/bin"), None, &["generate"]).await;
    assert_exit(&output, 0);
    assert!(
        stdout(&output).contains("pub struct Person"),
        "{}",
        stderr(&output)
    );
    // `schema = "…"` would be needed only for a snapshot elsewhere.
    assert!(!stdout(&output).contains("schema = "));
    // `--out` from the same folder finds the same snapshot.
    let out = run(
        &dir.path().join("src/bin"),
        None,
        &["generate", "--out", "../attio.rs"],
    )
    .await;
    assert_exit(&out, 0);
    let written = std::fs::read_to_string(dir.path().join("src/attio.rs")).unwrap();
    assert_eq!(written, stdout(&output));
}
