//! What the end-to-end tests share: the workspace fixture, an emulator
//! seeded with it, and a client pointed at that emulator.

use attio_emulator::{EmulatorBuilder, RunningEmulator};
use attio_runtime::{Client, ClientBuilder};
use attio_schema::Snapshot;

/// The path of the workspace fixture.
pub const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../fixtures/workspace/attio-schema.json"
);

/// The workspace fixture's snapshot.
pub fn fixture() -> Snapshot {
    Snapshot::load(FIXTURE).unwrap_or_else(|e| panic!("the fixture must load: {e}"))
}

/// Starts `builder` on 127.0.0.1 with the fixture's schema, accepting `key`.
pub async fn emulator(builder: EmulatorBuilder, key: &str) -> RunningEmulator {
    builder
        .schema(fixture())
        .api_key(key)
        .start()
        .await
        .unwrap_or_else(|e| panic!("the emulator must start: {e}"))
}

/// A client builder with `key`, pointed at `emulator`.
pub fn client(emulator: &RunningEmulator, key: &str) -> ClientBuilder {
    Client::builder(key).base_url(emulator.base_url())
}
