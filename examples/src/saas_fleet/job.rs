//! The work per workspace: push the customer's accounts as companies (the
//! bulk sync, its state in PostgreSQL), then process the workspace's
//! webhook events from the inbox.

use std::time::Instant;

use attio_fleet::{Inbox, Job, JobContext, JobError, JobFuture, Slice};
use attio_runtime::sync::BulkSync;
use attio_runtime::value::Domain;
use attio_runtime::webhooks::Delivery;
use futures_util::{stream, StreamExt};

use crate::attio::{Company, CompanyWrite};

/// The customer's product accounts as company writes: `count` accounts,
/// their domains under the workspace's id so that customers do not share
/// one. (A real product reads its own database here.)
pub fn accounts(workspace_id: &str, count: usize) -> Vec<CompanyWrite> {
    let tag: String = workspace_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect();
    (0..count)
        .filter_map(|i| {
            let domain = Domain::new(&format!("account{i}.c{tag}.example.com")).ok()?;
            Some(
                Company::write()
                    .name(format!("Account {i}"))
                    .domains([domain]),
            )
        })
        .collect()
}

/// Pushes `accounts` companies, then drains the workspace's inbox.
#[derive(Debug, Clone)]
pub struct AccountsJob {
    /// Accounts per customer.
    pub accounts: usize,
    /// The fleet's database, for the inbox's own connection.
    pub database_url: String,
}

impl Job for AccountsJob {
    fn run<'a>(&'a self, ctx: &'a JobContext) -> JobFuture<'a> {
        Box::pin(async move {
            let deadline = ctx.deadline;
            let writes = accounts(&ctx.workspace_id, self.accounts);
            let inputs = stream::iter(writes)
                .take_while(move |_| std::future::ready(Instant::now() < deadline));
            let report = BulkSync::new(&ctx.client)
                .state(ctx.state.clone())
                .upsert(Company::DOMAINS, inputs)
                .await?;
            if report.failed > 0 {
                return Err(JobError::Other(format!(
                    "{} account writes failed",
                    report.failed
                )));
            }
            let events = self.drain_inbox(&ctx.workspace_id).await?;
            if events > 0 {
                tracing::info!(workspace_id = %ctx.workspace_id, events, "saas-fleet: webhook events processed");
            }
            let all = usize::try_from(report.done).unwrap_or(0) == self.accounts;
            Ok(if all { Slice::Done } else { Slice::More })
        })
    }
}

impl AccountsJob {
    /// Processes the workspace's stored deliveries; returns the events seen.
    async fn drain_inbox(&self, workspace_id: &str) -> Result<usize, JobError> {
        let fleet = |e: attio_fleet::FleetError| JobError::Other(e.to_string());
        let mut db = attio_fleet::connect(&self.database_url)
            .await
            .map_err(fleet)?;
        let mut events = 0;
        loop {
            let batch = Inbox::batch(&mut db, workspace_id, 100)
                .await
                .map_err(fleet)?;
            if batch.deliveries().is_empty() {
                return Ok(events);
            }
            for delivery in batch.deliveries() {
                // A product reacts here (e.g. a deal won in Attio updates
                // the account); its writes go in batch.transaction().
                if let Ok(parsed) = serde_json::from_str::<Delivery>(&delivery.body) {
                    events += parsed.events.len();
                }
            }
            batch.commit().await.map_err(fleet)?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use attio_runtime::Write;

    fn domains(workspace_id: &str) -> Vec<serde_json::Value> {
        accounts(workspace_id, 3)
            .iter()
            .map(|w| w.values().as_map()["domains"].clone())
            .collect()
    }

    #[test]
    fn each_customer_gets_its_own_accounts() {
        let a = domains("0f1e2d3c-aaaa-4bbb-8ccc-000000000001");
        let b = domains("9a8b7c6d-aaaa-4bbb-8ccc-000000000002");
        assert_eq!(a.len(), 3);
        assert!(a.iter().all(|d| !b.contains(d)), "{a:?} {b:?}");
        assert_eq!(
            a[0],
            serde_json::json!([{"domain": "account0.c0f1e2d3c.example.com"}])
        );
    }
}
