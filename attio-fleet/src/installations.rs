//! One row per installed workspace: its name, its token and webhook secret
//! sealed with the [`Keyring`], its webhook id, connected or not.

use std::sync::Arc;

use attio_runtime::api::webhooks::Subscription;
use attio_runtime::webhooks::WebhookSecret;
use attio_runtime::{ApiKey, Client, RateLimits, WebhookId};
use tokio_postgres::Row;

use crate::oauth::OAuthClient;
use crate::{FleetError, Keyring};

/// Whether the fleet may work for an installation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The token works; the workspace's jobs run.
    Connected,
    /// The token was refused (401) or introspected inactive, or the app
    /// was uninstalled: no job runs until a new install connects it again.
    Disconnected,
}

/// An installation as stored, without its secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installation {
    /// The workspace's id.
    pub workspace_id: String,
    /// The workspace's name when it was installed.
    pub workspace_name: String,
    /// Connected or not.
    pub status: Status,
    /// Why it was disconnected, when it is.
    pub status_reason: Option<String>,
    /// The id of the webhook registered in the workspace, if any.
    pub webhook_id: Option<String>,
}

/// The installations table.
#[derive(Clone)]
pub struct Installations {
    db: Arc<tokio_postgres::Client>,
    keys: Keyring,
}

impl std::fmt::Debug for Installations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Installations")
            .field("keys", &self.keys)
            .finish_non_exhaustive()
    }
}

const COLUMNS: &str = "workspace_id, workspace_name, status, status_reason, webhook_id";

fn installation(row: &Row) -> Installation {
    let status: &str = row.get(2);
    Installation {
        workspace_id: row.get(0),
        workspace_name: row.get(1),
        status: if status == "connected" {
            Status::Connected
        } else {
            Status::Disconnected
        },
        status_reason: row.get(3),
        webhook_id: row.get(4),
    }
}

impl Installations {
    /// The table behind `db`, sealing with `keys`.
    pub fn new(db: Arc<tokio_postgres::Client>, keys: Keyring) -> Installations {
        Installations { db, keys }
    }

    /// Records an install (or a reconnect): the token sealed, the status
    /// connected, and a sync requested so that workers pick it up — a
    /// second from now, so that writes the install made itself (schema,
    /// webhook) and the first holder's do not share a second's budget.
    pub async fn install(
        &self,
        workspace_id: &str,
        workspace_name: &str,
        token: &ApiKey,
    ) -> Result<(), FleetError> {
        let sealed = self.keys.seal(workspace_id, token.expose_secret())?;
        self.db
            .execute(
                "INSERT INTO attio_fleet_installations (workspace_id, workspace_name, token)
                 VALUES ($1, $2, $3)
                 ON CONFLICT (workspace_id) DO UPDATE SET workspace_name = $2, token = $3,
                     status = 'connected', status_reason = NULL, updated_at = now()",
                &[&workspace_id, &workspace_name, &sealed],
            )
            .await?;
        self.db
            .execute(
                // `last_finished_at`: the install's own writes (schema,
                // webhook) count as a holder's, so the first lease waits
                // out their second of budget.
                "INSERT INTO attio_fleet_work (workspace_id, requested, last_finished_at) VALUES ($1, 1, now())
                 ON CONFLICT (workspace_id) DO UPDATE SET requested = attio_fleet_work.requested + 1,
                     last_finished_at = now()",
                &[&workspace_id],
            )
            .await?;
        tracing::info!(workspace_id, "attio-fleet: workspace installed");
        Ok(())
    }

    /// One installation, if the workspace has one.
    pub async fn get(&self, workspace_id: &str) -> Result<Option<Installation>, FleetError> {
        let sql =
            format!("SELECT {COLUMNS} FROM attio_fleet_installations WHERE workspace_id = $1");
        let row = self.db.query_opt(&sql, &[&workspace_id]).await?;
        Ok(row.as_ref().map(installation))
    }

    /// Every installation, by workspace id.
    pub async fn list(&self) -> Result<Vec<Installation>, FleetError> {
        let sql = format!("SELECT {COLUMNS} FROM attio_fleet_installations ORDER BY workspace_id");
        let rows = self.db.query(&sql, &[]).await?;
        Ok(rows.iter().map(installation).collect())
    }

    /// The workspace's token, opened; `NotInstalled` when it has none (never
    /// installed, or uninstalled).
    pub async fn token(&self, workspace_id: &str) -> Result<ApiKey, FleetError> {
        let row = self
            .db
            .query_opt(
                "SELECT token FROM attio_fleet_installations WHERE workspace_id = $1",
                &[&workspace_id],
            )
            .await?;
        let sealed: Option<Vec<u8>> = row.and_then(|r| r.get(0));
        let sealed = sealed.ok_or_else(|| FleetError::NotInstalled(workspace_id.to_owned()))?;
        let (plain, _) = self.keys.open(workspace_id, &sealed)?;
        ApiKey::new(plain).map_err(|e| FleetError::Crypto(e.to_string()))
    }

    /// A client for the workspace: its token, paced at `limits` (Attio's
    /// are `RateLimits::default()`), against `base_url` (Attio's API unless
    /// given).
    pub async fn client(
        &self,
        workspace_id: &str,
        base_url: Option<&str>,
        limits: RateLimits,
    ) -> Result<Client, FleetError> {
        let token = self.token(workspace_id).await?;
        let mut builder = Client::builder(token.expose_secret()).rate_limits(limits);
        if let Some(base) = base_url {
            builder = builder
                .base_url(base)
                .allow_insecure_http(base.starts_with("http://"));
        }
        Ok(builder.build()?)
    }

    /// Registers the fleet's webhook endpoint in the workspace and keeps
    /// its id and (sealed) secret, so that [`Inbox`](crate::Inbox) can
    /// verify its deliveries.
    pub async fn register_webhook(
        &self,
        workspace_id: &str,
        client: &Client,
        target_url: &str,
        subscriptions: &[Subscription],
    ) -> Result<String, FleetError> {
        let created = client.create_webhook(target_url, subscriptions).await?;
        let webhook_id = created.webhook.id.webhook_id.as_str().to_owned();
        self.set_webhook(workspace_id, &webhook_id, &created.secret)
            .await?;
        Ok(webhook_id)
    }

    /// Keeps a webhook's id and secret for the workspace.
    pub async fn set_webhook(
        &self,
        workspace_id: &str,
        webhook_id: &str,
        secret: &WebhookSecret,
    ) -> Result<(), FleetError> {
        let sealed = self.keys.seal(workspace_id, secret.expose_secret())?;
        let changed = self
            .db
            .execute(
                "UPDATE attio_fleet_installations SET webhook_id = $2, webhook_secret = $3, updated_at = now()
                 WHERE workspace_id = $1",
                &[&workspace_id, &webhook_id, &sealed],
            )
            .await?;
        if changed == 0 {
            return Err(FleetError::NotInstalled(workspace_id.to_owned()));
        }
        Ok(())
    }

    /// The workspace and secret of a webhook id, for a connected installation.
    pub async fn webhook(
        &self,
        webhook_id: &str,
    ) -> Result<Option<(String, WebhookSecret)>, FleetError> {
        let row = self
            .db
            .query_opt(
                "SELECT workspace_id, webhook_secret FROM attio_fleet_installations
                 WHERE webhook_id = $1 AND status = 'connected' AND webhook_secret IS NOT NULL",
                &[&webhook_id],
            )
            .await?;
        let Some(row) = row else { return Ok(None) };
        let workspace_id: String = row.get(0);
        let sealed: Vec<u8> = row.get(1);
        let (secret, _) = self.keys.open(&workspace_id, &sealed)?;
        Ok(Some((workspace_id, WebhookSecret::new(secret))))
    }

    /// Marks the installation disconnected: its jobs stop until it is
    /// installed again. `reason` is stored and shown by the status.
    pub async fn disconnect(&self, workspace_id: &str, reason: &str) -> Result<(), FleetError> {
        self.db
            .execute(
                "UPDATE attio_fleet_installations SET status = 'disconnected', status_reason = $2,
                     updated_at = now() WHERE workspace_id = $1",
                &[&workspace_id, &reason],
            )
            .await?;
        tracing::warn!(workspace_id, reason, "attio-fleet: workspace disconnected");
        Ok(())
    }

    /// Introspects the workspace's token and marks the installation
    /// disconnected when Attio says it is inactive (the app was
    /// uninstalled); returns the status it has now. For a periodic check
    /// of idle workspaces, whose jobs would otherwise learn it only from
    /// their next 401.
    pub async fn verify(
        &self,
        oauth: &OAuthClient,
        workspace_id: &str,
    ) -> Result<Status, FleetError> {
        let token = match self.token(workspace_id).await {
            Ok(token) => token,
            Err(FleetError::NotInstalled(_)) => return Ok(Status::Disconnected),
            Err(error) => return Err(error),
        };
        if oauth.introspect(&token).await?.active {
            return Ok(self
                .get(workspace_id)
                .await?
                .map_or(Status::Disconnected, |i| i.status));
        }
        self.disconnect(
            workspace_id,
            "the token introspects inactive: reinstall the app",
        )
        .await?;
        Ok(Status::Disconnected)
    }

    /// Forgets the token and the webhook secret and disconnects; the row
    /// stays for the status and the sync state for a reinstall. While the
    /// token still works (a customer offboarded from the product's side),
    /// give the workspace's `client`: the webhook is deleted in Attio
    /// first, so deliveries stop. After an uninstall in Attio the token is
    /// dead and Attio has dropped the webhook already: give `None`.
    pub async fn uninstall(
        &self,
        workspace_id: &str,
        client: Option<&Client>,
    ) -> Result<(), FleetError> {
        if let (Some(client), Some(installation)) = (client, self.get(workspace_id).await?) {
            if let Some(webhook_id) = installation.webhook_id {
                let id =
                    WebhookId::new(&webhook_id).map_err(|e| FleetError::Config(e.to_string()))?;
                match client.delete_webhook(&id).await {
                    Ok(()) => {}
                    // Gone already: nothing to stop.
                    Err(e) if e.kind() == attio_runtime::ErrorKind::NotFound => {}
                    Err(e) => return Err(e.into()),
                }
            }
        }
        self.db
            .execute(
                "UPDATE attio_fleet_installations SET token = NULL, webhook_secret = NULL,
                     webhook_id = NULL, status = 'disconnected', status_reason = 'uninstalled',
                     updated_at = now() WHERE workspace_id = $1",
                &[&workspace_id],
            )
            .await?;
        Ok(())
    }

    /// Re-seals every token and webhook secret under the keyring's current
    /// key, in one transaction; returns how many values were re-sealed.
    /// Run it after moving the old key to `ATTIO_FLEET_OLD_KEYS` and a new
    /// one into `ATTIO_FLEET_KEY`; then the old key can be dropped.
    pub async fn rotate_key(&self, db: &mut tokio_postgres::Client) -> Result<u64, FleetError> {
        let transaction = db.transaction().await?;
        let rows = transaction
            .query(
                "SELECT workspace_id, token, webhook_secret FROM attio_fleet_installations FOR UPDATE",
                &[],
            )
            .await?;
        let mut resealed = 0;
        for row in rows {
            let workspace_id: String = row.get(0);
            for (column, value) in [
                ("token", row.get::<_, Option<Vec<u8>>>(1)),
                ("webhook_secret", row.get(2)),
            ] {
                let Some(sealed) = value else { continue };
                let (plain, _) = self.keys.open(&workspace_id, &sealed)?;
                let again = self.keys.seal(&workspace_id, &plain)?;
                let sql = format!(
                    "UPDATE attio_fleet_installations SET {column} = $2 WHERE workspace_id = $1"
                );
                transaction.execute(&sql, &[&workspace_id, &again]).await?;
                resealed += 1;
            }
        }
        transaction.commit().await?;
        Ok(resealed)
    }
}
