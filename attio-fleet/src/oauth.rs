//! The client side of Attio's OAuth 2.0 install flow
//! (<https://docs.attio.com/docs/oauth/authorize>,
//! <https://docs.attio.com/docs/oauth/token>,
//! <https://docs.attio.com/docs/oauth/introspect>): the authorize URL
//! behind a "Connect Attio" button, the callback that checks `state` and
//! exchanges the code for a token (no refresh token, no expiry: Attio's
//! tokens last until the app is uninstalled), and introspection, which
//! names the token's workspace.

use attio_runtime::ApiKey;
use serde::Deserialize;

use crate::{FleetError, Keyring};

/// Attio's authorize page.
pub const AUTHORIZE_URL: &str = "https://app.attio.com/authorize";
/// Attio's token endpoint.
pub const TOKEN_URL: &str = "https://app.attio.com/oauth/token";
/// Attio's introspection endpoint.
pub const INTROSPECT_URL: &str = "https://app.attio.com/oauth/introspect";

/// An app's OAuth settings and the HTTP client that calls Attio with them.
#[derive(Clone)]
pub struct OAuthClient {
    client_id: String,
    client_secret: String,
    redirect_uri: String,
    authorize_url: String,
    token_url: String,
    introspect_url: String,
    http: reqwest::Client,
}

impl std::fmt::Debug for OAuthClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthClient")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("redirect_uri", &self.redirect_uri)
            .field("authorize_url", &self.authorize_url)
            .finish_non_exhaustive()
    }
}

/// What introspection says about a token.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Introspection {
    /// Whether the token works; `false` after the app was uninstalled.
    pub active: bool,
    /// The workspace's id (active tokens only).
    #[serde(default)]
    pub workspace_id: Option<String>,
    /// The workspace's name (active tokens only).
    #[serde(default)]
    pub workspace_name: Option<String>,
    /// The granted scopes, space-separated (active tokens only).
    #[serde(default)]
    pub scope: Option<String>,
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    token_type: String,
}

impl OAuthClient {
    /// An app with its client id and secret (from Attio's developer
    /// settings) and the redirect URI registered there, against Attio.
    pub fn new(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> OAuthClient {
        OAuthClient {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            redirect_uri: redirect_uri.into(),
            authorize_url: AUTHORIZE_URL.to_owned(),
            token_url: TOKEN_URL.to_owned(),
            introspect_url: INTROSPECT_URL.to_owned(),
            http: reqwest::Client::new(),
        }
    }

    /// The three endpoints under another base URL (an emulator's).
    pub fn base_url(mut self, base: &str) -> OAuthClient {
        let base = base.trim_end_matches('/');
        self.authorize_url = format!("{base}/authorize");
        self.token_url = format!("{base}/oauth/token");
        self.introspect_url = format!("{base}/oauth/introspect");
        self
    }

    /// A fresh random `state` (64 hex digits) to keep in the user's session
    /// and give to [`OAuthClient::authorize_url`].
    pub fn new_state() -> String {
        Keyring::generate_key()
    }

    /// Where the "Connect Attio" button sends the user.
    pub fn authorize_url(&self, state: &str) -> String {
        let params = [
            ("client_id", self.client_id.as_str()),
            ("response_type", "code"),
            ("redirect_uri", self.redirect_uri.as_str()),
            ("state", state),
        ];
        reqwest::Url::parse_with_params(&self.authorize_url, params)
            .map(String::from)
            .unwrap_or_else(|_| self.authorize_url.clone())
    }

    /// The code of the callback's query string (`code=…&state=…`), once its
    /// `state` matches the one kept for the session.
    pub fn callback_code(&self, query: &str, expected_state: &str) -> Result<String, FleetError> {
        let url = reqwest::Url::parse(&format!(
            "http://callback/?{}",
            query.trim_start_matches('?')
        ))
        .map_err(|_| FleetError::OAuth("the callback's query string does not parse".into()))?;
        // A parameter given twice is refused rather than one of its values
        // picked: a proxy and this code could each read another one.
        let param = |name: &str| -> Result<Option<String>, FleetError> {
            let mut values = url.query_pairs().filter(|(k, _)| k == name).map(|(_, v)| v);
            match (values.next(), values.next()) {
                (Some(_), Some(_)) => Err(FleetError::OAuth(format!(
                    "the callback has `{name}` more than once: refused (a tampered callback)"
                ))),
                (value, _) => Ok(value.map(|v| v.into_owned())),
            }
        };
        // The state first: until it matches, the rest of the query is
        // anyone's text, not Attio's.
        let state = param("state")?.unwrap_or_default();
        if expected_state.is_empty() || !same(state.as_bytes(), expected_state.as_bytes()) {
            return Err(FleetError::OAuth(
                "the callback's state is not the one this session started: refused (a forged or stale callback)".into(),
            ));
        }
        if let Some(error) = param("error")? {
            // OAuth error codes are short snake_case words; anything else is
            // not repeated into logs.
            let shown = if !error.is_empty()
                && error.len() <= 64
                && error.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            {
                error
            } else {
                "an error code that is not OAuth's".to_owned()
            };
            return Err(FleetError::OAuth(format!(
                "the install was not granted: {shown}"
            )));
        }
        param("code")?
            .filter(|c| !c.is_empty())
            .ok_or_else(|| FleetError::OAuth("the callback has no code".into()))
    }

    /// Exchanges a callback's code for the workspace's token (form-encoded,
    /// as Attio's token endpoint takes it).
    pub async fn exchange_code(&self, code: &str) -> Result<ApiKey, FleetError> {
        let form = [
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.client_secret.as_str()),
            ("grant_type", "authorization_code"),
            ("code", code),
        ];
        let response = self.http.post(&self.token_url).form(&form).send().await?;
        let status = response.status();
        if !status.is_success() {
            return Err(FleetError::OAuth(format!(
                "the token endpoint answered {status}: the code is wrong, used or expired, or the client id and secret do not match"
            )));
        }
        let answer: TokenAnswer = response.json().await?;
        if !answer.token_type.eq_ignore_ascii_case("bearer") {
            return Err(FleetError::OAuth(format!(
                "the token endpoint answered a {} token, expected Bearer",
                answer.token_type
            )));
        }
        ApiKey::new(answer.access_token).map_err(|e| FleetError::OAuth(e.to_string()))
    }

    /// Introspects a token: active or not, and its workspace.
    pub async fn introspect(&self, token: &ApiKey) -> Result<Introspection, FleetError> {
        let response = self
            .http
            .post(&self.introspect_url)
            .bearer_auth(token.expose_secret())
            .send()
            .await?;
        if response.status() == reqwest::StatusCode::UNAUTHORIZED {
            return Ok(Introspection {
                active: false,
                workspace_id: None,
                workspace_name: None,
                scope: None,
            });
        }
        let response = response.error_for_status()?;
        Ok(response.json().await?)
    }

    /// The whole callback: checks `state`, exchanges the code and
    /// introspects the token; returns the token and its workspace's id and
    /// name, ready for [`Installations::install`](crate::Installations::install).
    pub async fn complete(
        &self,
        query: &str,
        expected_state: &str,
    ) -> Result<(ApiKey, String, String), FleetError> {
        let code = self.callback_code(query, expected_state)?;
        let token = self.exchange_code(&code).await?;
        let info = self.introspect(&token).await?;
        match (info.active, info.workspace_id, info.workspace_name) {
            (true, Some(id), name) => Ok((token, id, name.unwrap_or_default())),
            _ => Err(FleetError::OAuth(
                "the new token introspects inactive".into(),
            )),
        }
    }
}

/// Compares in time independent of where the inputs differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> OAuthClient {
        OAuthClient::new("cid", "csecret", "https://vendor.example/attio/callback")
    }

    #[test]
    fn the_authorize_url_carries_attios_four_parameters() {
        let url = reqwest::Url::parse(&app().authorize_url("s t")).unwrap();
        assert_eq!(url.as_str().split('?').next(), Some(AUTHORIZE_URL));
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        let expected = [
            ("client_id", "cid"),
            ("response_type", "code"),
            ("redirect_uri", "https://vendor.example/attio/callback"),
            ("state", "s t"),
        ];
        assert_eq!(pairs, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
    }

    #[test]
    fn the_callback_is_refused_unless_its_state_matches() {
        let app = app();
        assert_eq!(app.callback_code("code=abc&state=s1", "s1").unwrap(), "abc");
        assert!(app.callback_code("code=abc&state=s2", "s1").is_err());
        assert!(app.callback_code("code=abc", "s1").is_err());
        assert!(app.callback_code("code=abc&state=", "").is_err());
        assert!(app
            .callback_code("error=access_denied&state=s1", "s1")
            .is_err());
    }

    #[test]
    fn hostile_callbacks_are_refused_with_what_is_wrong() {
        let app = app();
        let refusal =
            |query: &str, state: &str| app.callback_code(query, state).unwrap_err().to_string();
        const FORGED: &str = "the callback's state is not the one this session started: refused (a forged or stale callback)";
        // An error is believed only with the session's state, and repeated
        // only when it has the shape of an OAuth error code.
        assert!(refusal("error=access_denied&state=s1", "s1")
            .ends_with("the install was not granted: access_denied"));
        assert!(refusal("error=access_denied", "s1").ends_with(FORGED));
        let injected = format!("error={}&state=s1", "x%0Afake+log+line".repeat(10_000));
        let message = refusal(&injected, "s1");
        assert!(
            message.ends_with("the install was not granted: an error code that is not OAuth's"),
            "{message}"
        );
        // Repeated parameters, wherever the duplicate is.
        for query in [
            "code=a&code=b&state=s1",
            "state=s1&code=a&state=s2",
            "state=s1&state=s1&code=a",
        ] {
            let message = refusal(query, "s1");
            assert!(
                message.contains("more than once: refused (a tampered callback)"),
                "{query}: {message}"
            );
        }
        // Encoded, empty, binary and huge values.
        assert_eq!(
            app.callback_code("?code=%E2%9C%93&state=a+b", "a b")
                .unwrap(),
            "✓"
        );
        assert!(refusal("code=&state=s1", "s1").ends_with("the callback has no code"));
        assert!(refusal("code=a&state=%FF%FE", "s1").ends_with(FORGED));
        assert!(refusal(&format!("code=a&state={}", "s".repeat(1 << 20)), "s1").ends_with(FORGED));
        assert!(refusal("", "s1").ends_with(FORGED));
        assert!(refusal("&&==&#state=s1", "s1").ends_with(FORGED));
    }

    #[test]
    fn the_client_secret_never_debug_prints() {
        assert!(!format!("{:?}", app()).contains("csecret"));
    }
}
