//! "Bulk sync": many upserts at the client's write rate, with a state
//! store, a dead-letter file and a progress bar; and a reconcile pass.

use crate::attio::{Person, PersonWrite};
use attio_runtime::sync::{progress_bar, BulkSync, DeadLetter, SqliteState};
use attio_runtime::Client;
use std::error::Error;

/// Creates or updates a person for each write, matched by email address.
pub async fn people(client: &Client, writes: Vec<PersonWrite>) -> Result<(), Box<dyn Error>> {
    let (bar, on_progress) = progress_bar(); // feature `progress`
    let report = BulkSync::new(client)
        .state(SqliteState::open("attio-sync.sqlite")?) // feature `sqlite`; remembered across runs
        .dead_letter(DeadLetter::create("failed.jsonl")?) // failed inputs, as written, with the error
        .on_progress(on_progress)
        .upsert(Person::EMAIL_ADDRESSES, futures_util::stream::iter(writes))
        .await?;
    bar.finish();
    println!("{report}"); // 500 inputs: 480 created, 12 updated, 7 unchanged, 1 failed; 494 requests …
    Ok(())
}

/// Writes only what differs from what Attio holds now, records deleted or
/// edited there since the last run included.
pub async fn reconcile(client: &Client, writes: Vec<PersonWrite>) -> Result<(), Box<dyn Error>> {
    let report = BulkSync::new(client)
        .state(SqliteState::open("attio-sync.sqlite")?)
        .reconcile(true) // compare with Attio, not with the state file
        .upsert(Person::EMAIL_ADDRESSES, futures_util::stream::iter(writes))
        .await?;
    println!("{report}"); // 500 inputs: 0 created, 5 updated, 495 unchanged, 0 failed; 7 requests …
    Ok(())
}
