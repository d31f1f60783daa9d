//! "Receiving webhooks": an axum server that verifies, deduplicates and
//! queues Attio's deliveries, and fetches the people they name.

use crate::attio::Person;
use attio_runtime::webhooks::{Fetched, Latest, Receiver, SqliteDedup, Work};
use attio_runtime::Client;
use std::sync::Arc;
use std::time::Duration;

/// Serves Attio's webhooks on port 3000, printing the current name of each
/// person they are about. `Send`, so that it can be spawned beside other work.
pub async fn serve(client: Client) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let people = Arc::new(Latest::<Person>::new(client));
    let week = Duration::from_secs(7 * 86_400); // how long a delivery's key is remembered
    let mut receiver = Receiver::new(std::env::var("ATTIO_WEBHOOK_SECRET")?);
    if let Ok(previous) = std::env::var("ATTIO_WEBHOOK_SECRET_PREVIOUS") {
        receiver = receiver.accept_secret(previous); // while a replaced webhook still delivers
    }
    let (app, _handle) = receiver
        .dedup(SqliteDedup::open("webhooks.sqlite", week)?)
        .router("/attio/webhooks", move |work: Work| {
            let people = people.clone();
            async move {
                for fetched in people.records(&work.events).await? {
                    match fetched {
                        Fetched::Current(person) => println!("{:?}", person.values.name),
                        Fetched::Deleted(id) => println!("{id} is gone"),
                    }
                }
                Ok::<_, attio_runtime::Error>(()) // an error is retried with backoff
            }
        });
    axum::serve(tokio::net::TcpListener::bind("0.0.0.0:3000").await?, app).await?;
    Ok(())
}
