//! The client end to end: the generated fixture bindings against an
//! emulator seeded with the same fixture snapshot, over real HTTP on
//! 127.0.0.1.

mod access;
mod api_2026;
mod beyond_records;
mod queries;
mod records;
mod writes;

use attio_emulator::{Emulator, RunningEmulator};
use attio_runtime::api::notes::NoteFormat;
use attio_runtime::serde_json;
use attio_runtime::value::{ActorRef, Domain, EmailAddress, PersonalName, RecordRef};
use attio_runtime::RecordId;
use attio_runtime::{ApiKey, Client, EntryCreate, ErrorKind, Filter, Method, Query, Stored};
use attio_tests::support::{self, fixture, MEMBER_ID};
use attio_tests::workspace::*;
use futures_util::TryStreamExt;

const KEY: &str = "emulator-test-key-0123456789";

/// The fixture's emulator, without rate limits, and a client of it.
async fn start() -> (RunningEmulator, Client) {
    support::unlimited(Emulator::builder(), KEY).await
}

fn email(address: &str) -> EmailAddress {
    EmailAddress::new(address).unwrap()
}

fn person(first: &str, last: &str, address: &str) -> PersonWrite {
    Person::write()
        .name(PersonalName::new(first, last))
        .email_addresses([email(address)])
}

fn emails(p: &Stored<Person>) -> Vec<&str> {
    p.values
        .email_addresses
        .iter()
        .map(EmailAddress::as_str)
        .collect()
}
