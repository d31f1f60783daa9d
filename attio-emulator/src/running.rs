//! A running emulator: its address, and what a test reads or changes while
//! it serves (keys, workspaces, counters, shutdown).

use std::net::SocketAddr;
use std::sync::{Arc, PoisonError};

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::delivery::WebhookStats;
use crate::faults::{FaultInjector, FaultStats};
use crate::fleet::{self, Fleet};
use crate::state::AppState;

/// A running emulator. Dropping it stops the server too, but without waiting
/// for in-flight requests; call [`RunningEmulator::shutdown`] for that.
#[derive(Debug)]
pub struct RunningEmulator {
    pub(crate) state: Arc<AppState>,
    pub(crate) fleet: Arc<Fleet>,
    pub(crate) addr: SocketAddr,
    pub(crate) stop: Option<oneshot::Sender<()>>,
    pub(crate) task: Option<JoinHandle<()>>,
}

impl RunningEmulator {
    /// `http://127.0.0.1:<port>`, the value to use as the API base URL.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The socket address the emulator listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Accepts `key` from the next request on, and no longer the key it
    /// accepted before: Attio after a token is created and the old one
    /// revoked, for testing a client's key rotation without a restart.
    pub fn set_api_key(&self, key: impl Into<String>) {
        *self
            .state
            .api_key
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Some(key.into());
    }

    /// The id of the default workspace: the one every token reaches that
    /// no OAuth install issued.
    pub fn default_workspace_id(&self) -> String {
        fleet::default_id(&self.fleet.default)
    }

    /// Creates an empty workspace named `name` with the builder's schema,
    /// members, rate limits and webhook settings (its own budgets, records
    /// and webhooks), and returns its id. Reach it with a token from
    /// [`RunningEmulator::install`] or the OAuth flow.
    pub fn create_workspace(&self, name: &str) -> String {
        self.fleet.create_workspace(name)
    }

    /// Installs the OAuth app in `workspace_id` without the browser round
    /// trip (what `/authorize` then `/oauth/token` do) and returns the
    /// token; `None` for an unknown workspace.
    pub fn install(&self, workspace_id: &str) -> Option<String> {
        self.fleet.issue_token(workspace_id)
    }

    /// Uninstalls the OAuth app from `workspace_id`, as its admin does in
    /// Attio: its tokens answer 401 from the next request on and
    /// introspect as `{"active": false}`; other workspaces are untouched.
    /// Returns how many tokens were revoked.
    pub fn uninstall(&self, workspace_id: &str) -> usize {
        self.fleet.uninstall(workspace_id)
    }

    /// What webhook delivery did so far for one workspace; `None` for an
    /// unknown id.
    pub fn workspace_webhook_stats(&self, workspace_id: &str) -> Option<WebhookStats> {
        self.fleet
            .tenant(workspace_id)
            .map(|t| t.state.webhooks.stats())
    }

    /// Requests answered 429 so far, across every workspace.
    pub fn rate_limited_total(&self) -> u64 {
        self.fleet
            .lock()
            .workspaces
            .values()
            .map(|t| t.state.limiter.refused())
            .sum()
    }

    /// What the fault plan injected so far (all zero without a plan).
    pub fn fault_stats(&self) -> FaultStats {
        self.state
            .faults
            .as_ref()
            .map(FaultInjector::stats)
            .unwrap_or_default()
    }

    /// What webhook delivery did so far.
    pub fn webhook_stats(&self) -> WebhookStats {
        self.state.webhooks.stats()
    }

    /// Stops accepting connections and waits for in-flight requests to finish.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    /// Serves until the process receives Ctrl-C, then shuts down gracefully.
    pub async fn serve_until_ctrl_c(self) {
        let _ = tokio::signal::ctrl_c().await;
        self.shutdown().await;
    }
}

impl Drop for RunningEmulator {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
