//! The shared state of a running emulator, behind the one `Arc` every
//! request handler and background delivery task holds.

use std::sync::{Mutex, PoisonError, RwLock};
use std::time::Duration;

use crate::delivery::{Deliverer, DeliveryHost};
use crate::faults::FaultInjector;
use crate::rate_limit::RateLimiter;
use crate::store::Store;

/// Shared state of a running emulator.
pub(crate) struct AppState {
    /// The workspace; one lock makes every request atomic.
    pub store: Mutex<Store>,
    /// The accepted key; `None` accepts any non-empty bearer token. A lock,
    /// so that a test can rotate it while the emulator runs.
    pub api_key: RwLock<Option<String>>,
    /// The scopes the token has; `None` grants every scope.
    pub scopes: Option<Vec<String>>,
    /// Request budgets.
    pub limiter: RateLimiter,
    /// The merge endpoint's own budget, on top of the write budget.
    pub merges: RateLimiter,
    /// Injected faults, if a plan was given.
    pub faults: Option<FaultInjector>,
    /// Webhook event delivery.
    pub webhooks: Deliverer,
    /// How long a merge takes when merges are answered 202 (`None`: every
    /// merge is done when answered, 200).
    pub merge_delay: Option<Duration>,
}

impl std::fmt::Debug for AppState {
    // Neither the key nor the whole store belongs in a debug print.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("api_key", &self.key().map(|_| "<redacted>"))
            .field("limiter", &self.limiter)
            .field("faults", &self.faults.is_some())
            .finish_non_exhaustive()
    }
}

impl AppState {
    /// The accepted key now.
    pub fn key(&self) -> Option<String> {
        // A poisoned lock still holds a whole key: a write is one assignment.
        self.api_key
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl DeliveryHost for AppState {
    fn deliverer(&self) -> &Deliverer {
        &self.webhooks
    }

    fn store(&self) -> &Mutex<Store> {
        &self.store
    }
}
