//! `cargo attio-gen pull` keeps two-way relationships: Attio's full
//! description of the other side lands in the snapshot, for a workspace
//! whose emulator was seeded from a snapshot that knew only the ids.

use std::process::Command;

use attio_emulator::Emulator;
use attio_schema::{Relationship, Snapshot};

use crate::support::{BIN, FIXTURE};

const KEY: &str = "emulator-key-relationships";

#[tokio::test]
async fn pull_keeps_relationships_in_full() {
    let full = Snapshot::load(FIXTURE).unwrap().workspace;
    let mut id_only = full.clone();
    for attribute in id_only.objects.iter_mut().flat_map(|o| &mut o.attributes) {
        if let Some(relationship) = &mut attribute.relationship {
            *relationship = Relationship::to(relationship.id.clone());
        }
    }
    let emulator = Emulator::builder()
        .schema(Snapshot::new(id_only))
        .api_key(KEY)
        .without_rate_limits()
        .start()
        .await
        .expect("the emulator starts");
    let dir = tempfile::tempdir().unwrap();
    let url = emulator.base_url();
    let mut command = Command::new(BIN);
    command
        .args([
            "attio-gen",
            "pull",
            "--base-url",
            &url,
            "--snapshot",
            "s.json",
        ])
        .current_dir(dir.path())
        .env_remove("ATTIO_BASE_URL")
        .env("ATTIO_API_KEY", KEY);
    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pulled = Snapshot::load(dir.path().join("s.json")).unwrap().workspace;
    let relationships = |ws: &attio_schema::Workspace| {
        ws.objects
            .iter()
            .flat_map(|o| &o.attributes)
            .filter_map(|a| a.relationship.clone().map(|r| (a.id.clone(), r)))
            .collect::<Vec<_>>()
    };
    let pulled = relationships(&pulled);
    assert_eq!(pulled.len(), 12);
    assert!(pulled.iter().all(|(_, r)| r.object_slug.is_some()
        && r.title.is_some()
        && r.api_slug.is_some()
        && r.is_multiselect.is_some()));
    let mut expected = relationships(&full);
    let mut pulled = pulled;
    expected.sort_by(|a, b| a.0.attribute_id.cmp(&b.0.attribute_id));
    pulled.sort_by(|a, b| a.0.attribute_id.cmp(&b.0.attribute_id));
    assert_eq!(pulled, expected);
    emulator.shutdown().await;
}
