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

/// The workspace member every emulated workspace has (`ada@emulator.attio.dev`).
pub const MEMBER_ID: &str = "5f0c6f2e-2d7a-4c39-9a53-6a3d4e1b2c01";

/// Short waits, so that a test with many retries stays fast; the shape of
/// the policy (what is retried) is the default one.
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 12,
        base_delay: std::time::Duration::from_millis(5),
        max_delay: std::time::Duration::from_millis(50),
        max_total_wait: std::time::Duration::from_secs(60),
    }
}

/// `builder` started without rate limits, accepting `key`, and a client of
/// it that neither paces nor waits long between retries.
pub async fn unlimited(builder: EmulatorBuilder, key: &str) -> (RunningEmulator, Client) {
    let emulator = emulator(builder.without_rate_limits(), key).await;
    let client = client_with(&emulator, key, RateLimits::unlimited(), quick_retries());
    (emulator, client)
}

/// A port on 127.0.0.1 where a connection is refused: the discard port (9),
/// below the range the OS hands out for port 0. A port bound and released
/// for the purpose could be taken, between release and use, by the emulator
/// of a test running at the same time — and then it answers.
pub fn refused_port() -> u16 {
    const DISCARD: u16 = 9;
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], DISCARD));
    match std::net::TcpStream::connect_timeout(&address, std::time::Duration::from_secs(1)) {
        Err(error) if error.kind() == std::io::ErrorKind::ConnectionRefused => DISCARD,
        other => panic!(
            "something answers on 127.0.0.1:{DISCARD} ({other:?}); these tests need it closed"
        ),
    }
}
