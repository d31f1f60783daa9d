//! "Guarding a running program": the start-up check of the structs'
//! contracts, and the watch that repeats it.

use crate::attio::{Company, Person};
use attio_runtime::contract::{DriftReport, Watch};
use attio_runtime::{Client, Model};
use std::time::Duration;

/// Refuses to start on a workspace that no longer matches `Person` and
/// `Company`, then checks one of them every five minutes while it runs.
pub async fn guard(client: Client) -> Result<Watch, Box<dyn std::error::Error + Send + Sync>> {
    let watch = Watch::new(client, &[Person::CONTRACT, Company::CONTRACT])
        .on_drift(|report: &DriftReport| eprintln!("{report}")); // or page someone
    let report = watch.verify().await?; // what `client.verify(&[…])` does, remembered
    if report.is_breaking() {
        return Err(report.to_string().into());
    }
    tokio::spawn(watch.clone().poll(Duration::from_secs(300)));
    Ok(watch) // a webhook handler calls `watch.handle(&event)` for each event
}

#[cfg(test)]
mod tests {
    use super::guard;
    use crate::offline::emulated;
    use attio_emulator::{Emulator, Snapshot};
    use attio_runtime::Client;

    #[tokio::test]
    async fn a_matching_workspace_starts() -> Result<(), Box<dyn std::error::Error>> {
        let (emulator, client) = emulated().await?;
        let watch = guard(client).await.map_err(|e| e.to_string())?;
        assert!(format!("{watch:?}").contains("people"));
        emulator.shutdown().await;
        Ok(())
    }

    #[tokio::test]
    async fn a_workspace_without_a_field_s_attribute_does_not(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let mut snapshot =
            Snapshot::load(concat!(env!("CARGO_MANIFEST_DIR"), "/attio-schema.json"))?;
        let people = snapshot
            .workspace
            .objects
            .iter_mut()
            .find(|o| o.api_slug == "people")
            .ok_or("the fixture has people")?;
        people.attributes.retain(|a| a.api_slug != "job_title");
        let emulator = Emulator::builder().schema(snapshot).start().await?;
        let client = Client::builder("any-key")
            .base_url(emulator.base_url())
            .build()?;
        let refused = guard(client)
            .await
            .err()
            .ok_or("a drifted workspace is refused")?;
        let report = refused.to_string();
        assert!(
            report.contains("- Person.job_title (people.job_title): attribute removed; "),
            "{report}"
        );
        emulator.shutdown().await;
        Ok(())
    }
}
