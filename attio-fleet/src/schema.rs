//! The fleet's tables, and connecting to PostgreSQL.

use tokio_postgres::{Client, NoTls};

use crate::FleetError;

/// Every table of the fleet, created if missing. Additive only: a newer
/// version adds tables and columns, never drops them.
const TABLES: &str = "
CREATE TABLE IF NOT EXISTS attio_fleet_installations (
    workspace_id   text PRIMARY KEY,
    workspace_name text NOT NULL,
    token          bytea,
    webhook_id     text UNIQUE,
    webhook_secret bytea,
    status         text NOT NULL DEFAULT 'connected' CHECK (status IN ('connected', 'disconnected')),
    status_reason  text,
    installed_at   timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS attio_fleet_work (
    workspace_id     text PRIMARY KEY REFERENCES attio_fleet_installations ON DELETE CASCADE,
    requested        bigint NOT NULL DEFAULT 0,
    done             bigint NOT NULL DEFAULT 0,
    holder           text,
    lease_until      timestamptz,
    last_started_at  timestamptz,
    last_finished_at timestamptz,
    runs             bigint NOT NULL DEFAULT 0,
    takeovers        bigint NOT NULL DEFAULT 0,
    taken_over_at    timestamptz,
    failures         bigint NOT NULL DEFAULT 0,
    rate_limited     bigint NOT NULL DEFAULT 0,
    last_error       text
);
CREATE TABLE IF NOT EXISTS attio_fleet_sync_state (
    namespace text NOT NULL,
    scope     text NOT NULL,
    key       text NOT NULL,
    id        text NOT NULL,
    hash      text NOT NULL,
    PRIMARY KEY (namespace, scope, key)
);
CREATE TABLE IF NOT EXISTS attio_fleet_sync_binding (
    namespace    text PRIMARY KEY,
    workspace_id text NOT NULL
);
CREATE TABLE IF NOT EXISTS attio_fleet_inbox (
    idempotency_key text PRIMARY KEY,
    seq             bigserial,
    workspace_id    text NOT NULL,
    webhook_id      text NOT NULL,
    body            text NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    processed_at    timestamptz
);
CREATE INDEX IF NOT EXISTS attio_fleet_inbox_pending
    ON attio_fleet_inbox (workspace_id, seq) WHERE processed_at IS NULL;
";

/// An arbitrary constant: the advisory lock that serialises migrations, so
/// that workers starting together do not race on `CREATE TABLE`.
const MIGRATION_LOCK: i64 = 0x4174_7469_6f46_6c74;

/// Connects with a libpq-style string (`host=… port=… user=… dbname=…` or
/// a `postgres://` URL), without TLS, and drives the connection on the
/// current tokio runtime.
pub async fn connect(config: &str) -> Result<Client, FleetError> {
    let (client, connection) = tokio_postgres::connect(config, NoTls).await?;
    tokio::spawn(async move {
        if let Err(error) = connection.await {
            tracing::warn!(%error, "attio-fleet: the PostgreSQL connection ended");
        }
    });
    Ok(client)
}

/// Creates the fleet's tables if they are missing; safe to call from every
/// worker at start.
pub async fn migrate(client: &mut Client) -> Result<(), FleetError> {
    let transaction = client.transaction().await?;
    transaction
        .execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await?;
    transaction.batch_execute(TABLES).await?;
    transaction.commit().await?;
    Ok(())
}
