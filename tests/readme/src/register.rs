//! "Receiving webhooks", first step: the webhook created through the
//! client once, and its secret kept.

use attio_runtime::api::webhooks::Subscription;
use attio_runtime::Client;
use std::io::Write;

/// Registers the receiver at `url` with Attio, once, and writes the secret
/// Attio returns only now to `store`: the standard input of the team's
/// secret store (`… | vault kv put secret/attio webhook_secret=-`), say.
pub async fn register(
    client: &Client,
    url: &str,
    mut store: impl Write,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let created = client
        .create_webhook(url, &[Subscription::new("record.updated")])
        .await?;
    store.write_all(created.secret.expose_secret().as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use attio_runtime::value::PersonalName;
    use attio_runtime::webhooks::{Receiver, Work};

    use super::register;
    use crate::attio::Person;
    use crate::offline::emulated;

    /// Both of README's functions can be spawned: their futures and errors
    /// are `Send` (a compile-time check; nothing is polled).
    fn spawnable<F, E>(_: F)
    where
        F: std::future::Future<Output = Result<(), E>> + Send + 'static,
        E: Send + Sync + 'static,
    {
    }

    #[test]
    fn register_and_serve_can_be_spawned() {
        let client = attio_runtime::Client::new("never-used-key").unwrap();
        spawnable(crate::webhooks::serve(client.clone()));
        spawnable(async move { register(&client, "https://example.com/attio", Vec::new()).await });
    }

    #[tokio::test]
    async fn the_stored_secret_verifies_attio_s_deliveries(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let (emulator, client) = emulated().await?;
        // The webhook needs the receiver's URL: bind first, register, then serve.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}/attio/webhooks", listener.local_addr()?);
        let mut store = Vec::new(); // the team's secret store
        register(&client, &url, &mut store)
            .await
            .map_err(|e| e.to_string())?;
        let (app, handle) = Receiver::new(String::from_utf8(store)?)
            .router("/attio/webhooks", |_: Work| async {
                Ok::<_, std::convert::Infallible>(())
            });
        tokio::spawn(async move { axum::serve(listener, app).await });

        let ada = client
            .create_record(Person::write().name(PersonalName::new("Ada", "Lovelace")))
            .await?;
        client
            .update_record(&ada.id.record_id, Person::write().job_title("CTO"))
            .await?;
        let started = Instant::now();
        while handle.stats().accepted == 0 && started.elapsed() < Duration::from_secs(10) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert_eq!((handle.stats().accepted, handle.stats().refused), (1, 0));
        emulator.shutdown().await;
        Ok(())
    }
}
