//! Many workspaces behind one emulator, as on Attio: the bearer token of a
//! request chooses the workspace it reads and writes. Each workspace is a
//! whole single-workspace emulator (`AppState` and its router): its own
//! data, its own rate limits and its own webhooks. The workspace the builder
//! configured is the default one, reached by every token that no OAuth
//! install issued, so the single-workspace API is unchanged.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::{Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower::ServiceExt;

use attio_schema::Workspace;

use crate::delivery::{Deliverer, WebhookDelivery};
use crate::errors::ApiError;
use crate::query_score::{QueryScoreLimit, QueryScoreLimiter};
use crate::rate_limit::{self, RateLimiter, RateLimits};
use crate::state::AppState;
use crate::store::{new_id, Member, Store};

/// An OAuth app registered with the emulator: what a vendor gets from
/// Attio's developer settings.
#[derive(Clone)]
pub struct OAuthApp {
    pub(crate) client_id: String,
    pub(crate) client_secret: String,
    pub(crate) redirect_uris: Vec<String>,
}

impl std::fmt::Debug for OAuthApp {
    // The client secret is a secret like an API key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthApp")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("redirect_uris", &self.redirect_uris)
            .finish()
    }
}

impl OAuthApp {
    /// An app with this client id and secret, accepting any redirect URI
    /// until one is registered with [`OAuthApp::redirect_uri`].
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> OAuthApp {
        OAuthApp {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            redirect_uris: Vec::new(),
        }
    }

    /// Registers a redirect URI; `/authorize` then refuses any other, as
    /// Attio refuses one that does not exactly match a registered URL.
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> OAuthApp {
        self.redirect_uris.push(uri.into());
        self
    }
}

/// One workspace: its state and the router that serves it.
#[derive(Clone)]
pub(crate) struct Tenant {
    pub state: Arc<AppState>,
    pub router: Router,
}

/// What a new workspace starts from: the builder's schema, members, limits
/// and webhook settings.
pub(crate) struct Template {
    pub workspace: Workspace,
    pub members: Vec<Member>,
    pub rate_limits: Option<RateLimits>,
    pub query_score: Option<QueryScoreLimit>,
    pub merge_delay: Option<std::time::Duration>,
    pub webhooks: WebhookDelivery,
}

/// A token an OAuth install issued.
#[derive(Debug, Clone)]
pub(crate) struct Grant {
    pub workspace_id: String,
    /// False once the app was uninstalled from the workspace.
    pub active: bool,
    pub issued_at: i64,
}

/// The workspaces, tokens and pending authorization codes.
#[derive(Default)]
pub(crate) struct Tenants {
    pub workspaces: HashMap<String, Tenant>,
    pub tokens: HashMap<String, Grant>,
    /// Authorization code → workspace id; a code is spent once.
    pub codes: HashMap<String, String>,
}

/// Every workspace of a running emulator.
pub(crate) struct Fleet {
    pub default: Tenant,
    pub app: Option<OAuthApp>,
    template: Template,
    tenants: Mutex<Tenants>,
}

impl std::fmt::Debug for Fleet {
    // Tokens and the app's secret stay out; counts say enough.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tenants = self.lock();
        f.debug_struct("Fleet")
            .field("app", &self.app)
            .field("workspaces", &tenants.workspaces.len())
            .field("tokens", &tenants.tokens.len())
            .finish_non_exhaustive()
    }
}

impl Fleet {
    pub(crate) fn new(default: Tenant, app: Option<OAuthApp>, template: Template) -> Fleet {
        let mut tenants = Tenants::default();
        let id = default_id(&default);
        tenants.workspaces.insert(id, default.clone());
        Fleet {
            default,
            app,
            template,
            tenants: Mutex::new(tenants),
        }
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Tenants> {
        // Every change is one insert or one field assignment.
        self.tenants.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new, empty workspace named `name`, with the template's schema
    /// under a workspace id of its own; returns its id.
    pub(crate) fn create_workspace(&self, name: &str) -> String {
        let id = new_id();
        let workspace = with_workspace_id(&self.template.workspace, &id);
        let mut store = Store::new(workspace, self.template.members.clone());
        store.info.id = id.clone();
        store.info.name = name.to_owned();
        store.info.slug = slug(name);
        let state = Arc::new(AppState {
            store: Mutex::new(store),
            api_key: std::sync::RwLock::new(None),
            scopes: None,
            limiter: RateLimiter::new(self.template.rate_limits),
            merges: RateLimiter::new(self.template.rate_limits.map(|_| rate_limit::MERGES)),
            query_scores: QueryScoreLimiter::new(self.template.query_score),
            faults: None,
            webhooks: Deliverer::new(self.template.webhooks.clone()),
            merge_delay: self.template.merge_delay,
        });
        let router = crate::routes::router(state.clone());
        self.lock()
            .workspaces
            .insert(id.clone(), Tenant { state, router });
        id
    }

    /// Issues a token of the app for `workspace_id`; `None` for an unknown
    /// workspace.
    pub(crate) fn issue_token(&self, workspace_id: &str) -> Option<String> {
        let mut tenants = self.lock();
        tenants.workspaces.get(workspace_id)?;
        let token = format!("attio_oauth_{}", new_id().replace('-', ""));
        tenants.tokens.insert(
            token.clone(),
            Grant {
                workspace_id: workspace_id.to_owned(),
                active: true,
                issued_at: chrono::Utc::now().timestamp(),
            },
        );
        Some(token)
    }

    /// Uninstalls the app from `workspace_id`: every token issued for it
    /// answers 401 from now on and introspects inactive. Returns how many
    /// tokens were revoked.
    pub(crate) fn uninstall(&self, workspace_id: &str) -> usize {
        let mut tenants = self.lock();
        let mut revoked = 0;
        for grant in tenants.tokens.values_mut() {
            if grant.workspace_id == workspace_id && grant.active {
                grant.active = false;
                revoked += 1;
            }
        }
        revoked
    }

    /// The workspace a token reaches: its grant's workspace for an OAuth
    /// token (`Err` when revoked), the default workspace otherwise.
    pub(crate) fn route(
        &self,
        token: Option<&str>,
    ) -> Result<(Tenant, Option<Preauthorized>), ApiError> {
        let tenants = self.lock();
        match token.and_then(|t| tenants.tokens.get(t)) {
            None => Ok((self.default.clone(), None)),
            Some(grant) if !grant.active => Err(ApiError::unauthorized(
                "Authentication failed: the access token was revoked (the app was uninstalled from its workspace).",
            )),
            Some(grant) => tenants
                .workspaces
                .get(&grant.workspace_id)
                .map(|tenant| (tenant.clone(), Some(self.preauthorized(grant))))
                .ok_or_else(|| ApiError::unauthorized("Authentication failed: unknown workspace.")),
        }
    }

    /// What a request with an active token of `grant` carries.
    pub(crate) fn preauthorized(&self, grant: &Grant) -> Preauthorized {
        Preauthorized {
            client_id: self.app.as_ref().map(|app| app.client_id.clone()),
            issued_at: grant.issued_at,
        }
    }

    /// A workspace by id.
    pub(crate) fn tenant(&self, workspace_id: &str) -> Option<Tenant> {
        self.lock().workspaces.get(workspace_id).cloned()
    }
}

/// The id of the default workspace.
pub(crate) fn default_id(tenant: &Tenant) -> String {
    crate::http::lock(&tenant.state).info.id.clone()
}

/// Marks a request whose OAuth token the fleet already checked, so that the
/// workspace's own gate does not compare it with the default API key; and
/// says whose token it is, for `/v2/self`.
#[derive(Debug, Clone)]
pub(crate) struct Preauthorized {
    /// The OAuth app the token was issued to.
    pub client_id: Option<String>,
    /// When it was issued (Unix seconds).
    pub issued_at: i64,
}

/// The bearer token of a request, if any.
pub(crate) fn bearer(request_headers: &axum::http::HeaderMap) -> Option<&str> {
    request_headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        // The auth scheme is case-insensitive (RFC 9110, section 11.1).
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .filter(|t| !t.is_empty())
}

/// Every `/v2/…` request: to the workspace its token chooses.
pub(crate) async fn dispatch(State(fleet): State<Arc<Fleet>>, mut request: Request) -> Response {
    let routed = fleet.route(bearer(request.headers()));
    match routed {
        Err(error) => error.into_response(),
        Ok((tenant, preauthorized)) => {
            if let Some(grant) = preauthorized {
                request.extensions_mut().insert(grant);
            }
            match tenant.router.oneshot(request).await {
                Ok(response) => response,
                Err(never) => match never {},
            }
        }
    }
}

/// The snapshot's workspace with every occurrence of its workspace id
/// replaced by `id`, so that two workspaces made from one snapshot have
/// distinct ids everywhere (objects, lists, attributes).
fn with_workspace_id(workspace: &Workspace, id: &str) -> Workspace {
    let old = workspace
        .objects
        .first()
        .map(|o| o.id.workspace_id.clone())
        .or_else(|| workspace.lists.first().map(|l| l.id.workspace_id.clone()));
    let Some(old) = old.filter(|o| !o.is_empty()) else {
        return workspace.clone();
    };
    // Ids are UUIDs, which occur in the JSON only as whole ids.
    serde_json::to_string(workspace)
        .ok()
        .map(|text| text.replace(&old, id))
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_else(|| workspace.clone())
}

/// `Acme Inc.` → `acme-inc`.
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_case_words_joined_by_dashes() {
        assert_eq!(slug("Acme Inc."), "acme-inc");
        assert_eq!(slug("  Workspace 7"), "workspace-7");
    }

    #[test]
    fn an_app_never_debug_prints_its_secret() {
        let app = OAuthApp::new("client", "sekrit");
        assert!(!format!("{app:?}").contains("sekrit"));
    }
}
