//! A sync run in a process of its own, for `tests/tests/it/sync_resume.rs` to
//! kill with SIGKILL midway: upserts people `0..N` into the Attio (emulator)
//! at `ATTIO_BASE_URL`, with its state in a SQLite file.
//!
//! Usage: `sync-child <state.sqlite> <N> <writes per second>` with
//! `ATTIO_API_KEY` and `ATTIO_BASE_URL` set.

use attio_runtime::client::{API_KEY_ENV, BASE_URL_ENV};
use attio_runtime::sync::{BulkSync, SqliteState};
use attio_runtime::{Client, RateLimits};
use attio_tests::support::numbered_person;
use attio_tests::workspace::Person;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, state, count, rate] = args.as_slice() else {
        return Err("usage: sync-child <state.sqlite> <N> <writes per second>".into());
    };
    let count: usize = count.parse()?;
    let client = Client::builder(std::env::var(API_KEY_ENV)?)
        .base_url(std::env::var(BASE_URL_ENV)?)
        .rate_limits(RateLimits {
            reads_per_second: 100.0,
            writes_per_second: rate.parse()?,
        })
        .build()?;
    let report = BulkSync::new(&client)
        .state(SqliteState::open(state)?)
        .upsert(
            Person::EMAIL_ADDRESSES,
            futures_util::stream::iter((0..count).map(numbered_person)),
        )
        .await?;
    println!("{report}");
    Ok(())
}
