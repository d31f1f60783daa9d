//! "Offline: `attio-emulator`": an emulated workspace seeded from the
//! crate's snapshot, and README's other snippets run against it.

use attio_emulator::{Emulator, RunningEmulator, Snapshot};
use attio_runtime::Client;

/// An emulated workspace seeded from this crate's snapshot, and a client of it.
pub async fn emulated() -> Result<(RunningEmulator, Client), Box<dyn std::error::Error>> {
    // The crate's file, whatever the working directory.
    let snapshot = Snapshot::load(concat!(env!("CARGO_MANIFEST_DIR"), "/attio-schema.json"))?;
    let emulator = Emulator::builder().schema(snapshot).start().await?;
    let client = Client::builder("any-key")
        .base_url(emulator.base_url())
        .build()?;
    Ok((emulator, client))
}

#[cfg(test)]
mod tests {
    use super::emulated; // the function above, in the same file
    use crate::calls::ada_at_acme; // "Calling Attio"'s function, in src/calls.rs

    #[tokio::test]
    async fn ada_becomes_acme_s_cto() -> Result<(), Box<dyn std::error::Error>> {
        let (emulator, client) = emulated().await?;
        let ctos = ada_at_acme(&client).await?;
        assert_eq!(ctos[0].values.job_title.as_deref(), Some("CTO"));
        emulator.shutdown().await;
        Ok(())
    }
}

/// More than README shows: the record is stored once, and the hand-written
/// projection reads it.
#[cfg(test)]
mod more {
    use attio_runtime::Query;
    use futures_util::TryStreamExt;

    use super::emulated;
    use crate::calls::ada_at_acme;
    use crate::projection::ProductUser;

    #[tokio::test]
    async fn ada_is_stored_once_with_her_company() -> Result<(), Box<dyn std::error::Error>> {
        let (emulator, client) = emulated().await?;
        let ctos = ada_at_acme(&client).await?;
        assert_eq!(ctos.len(), 1);
        let company = ctos[0].values.company.as_ref().and_then(|c| c.record_id());
        assert!(company.is_some(), "the person references the company");

        // The hand-written projection reads the same record.
        let users: Vec<_> = client
            .query_records(Query::<ProductUser>::new())
            .try_collect()
            .await?;
        assert_eq!(users.len(), 1);
        assert_eq!(users[0].values.emails[0].as_str(), "ada@acme.com");
        emulator.shutdown().await;
        Ok(())
    }
}
