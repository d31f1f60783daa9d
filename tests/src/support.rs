//! What the end-to-end tests share: the workspace fixture, an emulator
//! seeded with it, and a client pointed at that emulator.

use attio_emulator::{EmulatorBuilder, RunningEmulator};
use attio_runtime::value::{EmailAddress, PersonalName};
use attio_runtime::{Client, ClientBuilder, RateLimits, RetryPolicy};
use attio_schema::Snapshot;

use crate::workspace::{Person, PersonWrite};

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

/// A client with `key` for `emulator`, with the given pacing and retries.
pub fn client_with(
    emulator: &RunningEmulator,
    key: &str,
    limits: RateLimits,
    retry: RetryPolicy,
) -> Client {
    client(emulator, key)
        .rate_limits(limits)
        .retry_policy(retry)
        .build()
        .unwrap_or_else(|e| panic!("a loopback URL is accepted: {e}"))
}

/// Person number `i`, with a name and the unique address `person{i}@acme.com`.
pub fn numbered_person(i: usize) -> PersonWrite {
    let email = EmailAddress::new(&format!("person{i}@acme.com"))
        .unwrap_or_else(|e| panic!("a valid address: {e}"));
    Person::write()
        .name(PersonalName::new(format!("Person {i}"), "Test"))
        .email_addresses([email])
}
