//! The [`Client`] handle, cheap to clone and shared by every call, and
//! the [`ClientBuilder`] that checks its settings.

use std::net::IpAddr;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

use super::adaptive;
use super::cache;
use super::error::{Error, ErrorKind};
use super::pacing::{self, RateLimits};
use super::retry::RetryPolicy;
use super::secret::{ApiKey, InvalidApiKey, SharedKey};
use super::stats::{ClientStats, Counters};
use reqwest::Method;

/// Attio's API.
pub const DEFAULT_BASE_URL: &str = "https://api.attio.com";

/// A client of Attio's REST API. Cheap to clone: clones share one
/// connection pool and one rate limiter, so every task of an application
/// stays under the workspace's limits together.
///
/// Its calls are named `verb_noun` after the titles of Attio's operations
/// ("Create a record" is [`create_record`](Client::create_record), "List
/// tasks" [`list_tasks`](Client::list_tasks)), so that a call can be guessed
/// from Attio's reference; they are listed by resource in [`crate::api`].
/// Anything else goes through [`raw`](Client::raw).
///
/// ```no_run
/// # async fn run() -> Result<(), attio_runtime::Error> {
/// let client = attio_runtime::Client::from_env()?; // ATTIO_API_KEY, ATTIO_BASE_URL
/// let objects = client.list_objects().await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    /// Shared with every clone, replaceable while they run.
    pub(crate) key: SharedKey,
    pub(crate) pacer: pacing::Pacer,
    pub(crate) retry: RetryPolicy,
    pub(crate) cache: Option<cache::RecordCache>,
    pub(crate) observer: Option<Observer>,
    pub(crate) counters: Counters,
    /// Whether the base URL has answered any request of this client or its
    /// clones: until it has, a failed connect is taken for a wrong URL and
    /// not retried for long (see [`retry`](super::retry)).
    pub(crate) answered: AtomicBool,
}

/// What [`ClientBuilder::on_request`] is shown of each attempt: never the key.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct SentRequest<'a> {
    /// The method.
    pub method: &'a Method,
    /// The path and query, e.g. `/v2/objects/people/records`.
    pub path: &'a str,
    /// The JSON body, if any.
    pub body: Option<&'a serde_json::Value>,
    /// 1 for the first attempt, 2 for the first retry …
    pub attempt: u32,
}

type ObserverFn = dyn Fn(&SentRequest<'_>) + Send + Sync;

/// The request hook; a newtype for a `Debug` that closures lack.
#[derive(Clone)]
pub(crate) struct Observer(pub(crate) Arc<ObserverFn>);

impl std::fmt::Debug for Observer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Observer(…)")
    }
}

/// The environment variable [`Client::from_env`] reads the access token from.
pub const API_KEY_ENV: &str = "ATTIO_API_KEY";

/// The environment variable [`Client::from_env`] reads another base URL
/// from (an emulator, a proxy).
pub const BASE_URL_ENV: &str = "ATTIO_BASE_URL";

impl Client {
    /// A client of Attio's API with the default settings.
    pub fn new(key: impl Into<String>) -> Result<Client, Error> {
        Client::builder(key).build()
    }

    /// A client from the environment: `ATTIO_API_KEY`, and `ATTIO_BASE_URL`
    /// when set (an emulator, a proxy).
    pub fn from_env() -> Result<Client, Error> {
        Client::from_vars(|name| std::env::var(name))
    }

    /// [`Client::from_env`] over any source of variables, so that its
    /// messages are tested without touching the process's environment.
    fn from_vars(
        var: impl Fn(&str) -> Result<String, std::env::VarError>,
    ) -> Result<Client, Error> {
        let config = |detail: String| Error::new(ErrorKind::Config, detail);
        let key = match var(API_KEY_ENV) {
            Ok(key) => key,
            Err(std::env::VarError::NotPresent) => return Err(config(format!(
                "{API_KEY_ENV} is not set; export an Attio access token (Workspace settings → Developers)"
            ))),
            Err(std::env::VarError::NotUnicode(_)) => return Err(config(format!(
                "{API_KEY_ENV} is not valid Unicode; export the access token exactly as Attio shows it"
            ))),
        };
        let key = ApiKey::new(key).map_err(|e| config(format!("{API_KEY_ENV}: {e}")))?;
        let builder = Client::builder(key.expose_secret());
        match var(BASE_URL_ENV) {
            // The URL is the only thing left to refuse: say where it came from.
            Ok(url) if !url.trim().is_empty() => builder
                .base_url(url.trim())
                .build()
                .map_err(|e| Error::new(e.kind(), format!("{BASE_URL_ENV}: {}", e.detail()))),
            Err(std::env::VarError::NotUnicode(_)) => Err(config(format!(
                "{BASE_URL_ENV} is not valid Unicode; set it to a URL such as https://api.attio.com, or unset it"
            ))),
            _ => builder.build(),
        }
    }

    /// A builder for the other settings.
    pub fn builder(key: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            key: ApiKey::new(key),
            base_url: DEFAULT_BASE_URL.to_owned(),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            user_agent: concat!("attio-runtime/", env!("CARGO_PKG_VERSION")).to_owned(),
            rate_limits: RateLimits::default(),
            retry: RetryPolicy::default(),
            allow_insecure_http: false,
            cache_ttl: None,
            observer: None,
            query_window: Some(adaptive::ATTIO_WINDOW),
        }
    }

    /// The base URL requests go to (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Replaces the access token this client and all its clones send, from
    /// their next request on (a retry of a request under way included):
    /// how a running integration moves to a rotated key without a restart.
    ///
    /// Rotate as Attio's tokens allow: create the new token, hand it to
    /// the running program (from a secrets store it watches, say), then
    /// revoke the old one once no request uses it. The key should be of
    /// the same workspace: the record cache and the rate limits are kept.
    /// Neither key is logged.
    ///
    /// ```
    /// use attio_runtime::{ApiKey, Client};
    ///
    /// let client = Client::new("the-old-token")?;
    /// let worker = client.clone(); // e.g. moved into a background task
    /// client.set_api_key(ApiKey::new("the-new-token")?);
    /// // `worker` sends the new token too, from its next request on.
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_api_key(&self, key: ApiKey) {
        self.inner.key.replace(key);
        tracing::info!("attio api key replaced; the next request sends the new one");
    }

    /// What this client and its clones have sent so far (see [`ClientStats`]).
    pub fn stats(&self) -> ClientStats {
        self.inner.counters.read()
    }
}

/// Settings of a [`Client`], from [`Client::builder`]; checked by
/// [`build`](Self::build), which sends nothing.
///
/// ```
/// use attio_runtime::{Client, ErrorKind, RateLimits, RetryPolicy};
/// use std::time::Duration;
///
/// let client = Client::builder("an-access-token")
///     .base_url("http://127.0.0.1:4010") // plain http only to this machine, e.g. an emulator
///     .timeout(Duration::from_secs(10))
///     // Half of Attio's limits, leaving the rest to another integration.
///     .rate_limits(RateLimits { reads_per_second: 50.0, writes_per_second: 12.5 })
///     .retry_policy(RetryPolicy { max_retries: 3, ..RetryPolicy::default() })
///     .cache_records(Duration::from_secs(60))
///     .build()?;
/// assert_eq!(client.base_url(), "http://127.0.0.1:4010");
///
/// // The key would cross the network unencrypted: refused.
/// let refused = Client::builder("an-access-token").base_url("http://10.0.0.5").build();
/// assert_eq!(refused.unwrap_err().kind(), ErrorKind::InsecureHttp);
/// # Ok::<(), attio_runtime::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    key: Result<ApiKey, InvalidApiKey>,
    base_url: String,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
    rate_limits: RateLimits,
    retry: RetryPolicy,
    allow_insecure_http: bool,
    cache_ttl: Option<Duration>,
    observer: Option<Observer>,
    query_window: Option<Duration>,
}

impl ClientBuilder {
    /// Where the API is (default `https://api.attio.com`).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The longest a single attempt may take, body included (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The longest connecting may take (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The `User-Agent` header (default `attio-runtime/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Client-side pacing (default: Attio's 100 reads and 25 writes per
    /// second). Record and entry queries also keep to a rate the client
    /// learns from Attio's 429s, since Attio limits them by an unpublished
    /// score as well; it needs no setting.
    pub fn rate_limits(mut self, limits: RateLimits) -> Self {
        self.rate_limits = limits;
        self
    }

    /// When and how often to retry (see [`RetryPolicy`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Allows a plain `http://` base URL that is not on this machine. The
    /// key then travels unencrypted; only for a trusted network.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Caches records read or written by id for `ttl`, so that
    /// [`Client::get_record`] of the same record within it sends no request (at
    /// most 10,000 records). Off by default: changes made in Attio by
    /// others are seen only once the entry expires.
    pub fn cache_records(mut self, ttl: Duration) -> Self {
        self.cache_ttl = Some(ttl);
        self
    }

    /// Calls `hook` before every attempt of every request (retries
    /// included), with its method, path and body: for metrics, audit logs,
    /// or tests that check what was sent.
    pub fn on_request(mut self, hook: impl Fn(&SentRequest<'_>) + Send + Sync + 'static) -> Self {
        self.observer = Some(Observer(Arc::new(hook)));
        self
    }

    /// Turns the adaptive query budget off, so that a 429 of a record or
    /// entry query holds back every read until `Retry-After` and leaves
    /// the query rate as it was: the client as it was before the budget,
    /// kept for the benchmark that compares the two
    /// (`tests/benches/query_score.rs`). Not part of the semver API.
    #[doc(hidden)]
    pub fn without_query_budget(mut self) -> Self {
        self.query_window = None;
        self
    }

    /// The window over which the server sums query scores (Attio's: 10 s),
    /// over which the query budget measures what was sent and recovers:
    /// for tests against an emulator with a shorter window. Not part of
    /// the semver API.
    #[doc(hidden)]
    pub fn query_score_window(mut self, window: Duration) -> Self {
        self.query_window = Some(window);
        self
    }

    /// The client.
    pub fn build(self) -> Result<Client, Error> {
        let key = self
            .key
            .map_err(|e| Error::new(ErrorKind::Config, e.to_string()))?;
        // A kind of its own, so that a caller can name its own switch for
        // it (the CLI's `--allow-insecure-http`) without reading the text.
        if !self.allow_insecure_http && is_plain_http_elsewhere(&self.base_url) {
            return Err(Error::new(
                ErrorKind::InsecureHttp,
                plain_http_refusal(&self.base_url),
            ));
        }
        let base_url = checked_base_url(&self.base_url, self.allow_insecure_http)?;
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .user_agent(self.user_agent)
            .build()
            .map_err(|e| {
                Error::new(ErrorKind::Config, format!("cannot set up HTTP: {e}")).with_source(e)
            })?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                key: SharedKey::new(key),
                pacer: pacing::Pacer::new(self.rate_limits, self.query_window),
                retry: self.retry,
                cache: self
                    .cache_ttl
                    .map(|ttl| cache::RecordCache::new(ttl, 10_000)),
                observer: self.observer,
                counters: Counters::default(),
                answered: AtomicBool::new(false),
            }),
        })
    }
}

/// Whether `url` is plain `http://` to a host that is not this machine.
fn is_plain_http_elsewhere(url: &str) -> bool {
    reqwest::Url::parse(url).is_ok_and(|parsed| parsed.scheme() == "http" && !is_loopback(&parsed))
}

/// Whether the URL's host is this machine.
fn is_loopback(parsed: &reqwest::Url) -> bool {
    let host = parsed.host_str().unwrap_or_default();
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The refusal of plain HTTP to another machine.
fn plain_http_refusal(url: &str) -> String {
    format!(
        "refusing plain http:// base URL {url}: the API key would travel unencrypted; \
         use https://, or allow it with `ClientBuilder::allow_insecure_http(true)`"
    )
}

/// The base URL without a trailing slash, refusing plain HTTP to another
/// machine unless allowed.
fn checked_base_url(url: &str, allow_insecure_http: bool) -> Result<String, Error> {
    let config = |detail: String| Err(Error::new(ErrorKind::Config, detail));
    // `api.attio.com` does not parse, and `localhost:4010` parses with the
    // scheme `localhost`: both lack what the user meant to write.
    if !url.contains("://") {
        return config(format!(
            "base URL {url:?} has no scheme; write it in full, e.g. https://api.attio.com or http://127.0.0.1:4010"
        ));
    }
    let parsed = reqwest::Url::parse(url).map_err(|e| {
        Error::new(
            ErrorKind::Config,
            format!("invalid base URL {url:?}: {e}; expected e.g. https://api.attio.com"),
        )
    })?;
    match parsed.scheme() {
        "https" => {}
        "http" => {
            if !is_loopback(&parsed) && !allow_insecure_http {
                return Err(Error::new(ErrorKind::Config, plain_http_refusal(url)));
            }
        }
        other => {
            return Err(Error::new(
                ErrorKind::Config,
                format!("unsupported scheme {other:?} in base URL {url}; use https://"),
            ))
        }
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return config(format!(
            "base URL {url:?} has a query or fragment, which would land in the middle of every request's URL; remove what follows `?` or `#`"
        ));
    }
    // A path is a proxy's prefix and is kept; only Attio's own version
    // segment is refused, as every call adds `/v2/…` itself.
    if parsed.path().trim_end_matches('/').ends_with("/v2") {
        return config(format!(
            "base URL {url:?} ends in /v2, which every call adds itself; remove it, e.g. https://api.attio.com"
        ));
    }
    Ok(url.trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_refused_except_on_this_machine() {
        for ok in [
            "https://api.attio.com/",
            "http://127.0.0.1:4010",
            "http://localhost:4010",
            "http://[::1]:4010",
        ] {
            assert!(checked_base_url(ok, false).is_ok(), "{ok}");
        }
        assert_eq!(
            checked_base_url("https://api.attio.com/", false).unwrap(),
            "https://api.attio.com"
        );
        let refused = checked_base_url("http://10.0.0.5:4010", false).unwrap_err();
        assert_eq!(refused.kind(), ErrorKind::Config);
        assert!(refused.to_string().contains("allow_insecure_http(true)"));
        assert!(checked_base_url("http://10.0.0.5:4010", true).is_ok());
        assert!(checked_base_url("ftp://x", false).is_err());
        assert!(checked_base_url("not a url", false).is_err());
    }

    /// [`Client::from_vars`] over these variables.
    fn client_from(vars: &[(&str, &str)]) -> Result<Client, Error> {
        Client::from_vars(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
                .ok_or(std::env::VarError::NotPresent)
        })
    }

    #[test]
    fn environment_variables_that_cannot_work_are_named_in_the_error() {
        const KEY_HELP: &str = "; create a key under Workspace settings → Developers in Attio";
        for (vars, kind, detail) in [
            (vec![], ErrorKind::Config, "ATTIO_API_KEY is not set; export an Attio access token (Workspace settings → Developers)".to_owned()),
            (vec![(API_KEY_ENV, "")], ErrorKind::Config, format!("ATTIO_API_KEY: the API key is empty{KEY_HELP}")),
            (vec![(API_KEY_ENV, " \n")], ErrorKind::Config, format!("ATTIO_API_KEY: the API key is empty{KEY_HELP}")),
            (vec![(API_KEY_ENV, "secret key")], ErrorKind::Config, format!("ATTIO_API_KEY: the API key contains spaces or characters other than printable ASCII{KEY_HELP}")),
            (vec![(API_KEY_ENV, "secret\nkey")], ErrorKind::Config, format!("ATTIO_API_KEY: the API key contains spaces or characters other than printable ASCII{KEY_HELP}")),
            (vec![(API_KEY_ENV, "k"), (BASE_URL_ENV, "api.attio.com")], ErrorKind::Config,
             "ATTIO_BASE_URL: base URL \"api.attio.com\" has no scheme; write it in full, e.g. https://api.attio.com or http://127.0.0.1:4010".to_owned()),
            (vec![(API_KEY_ENV, "k"), (BASE_URL_ENV, "localhost:4010")], ErrorKind::Config,
             "ATTIO_BASE_URL: base URL \"localhost:4010\" has no scheme; write it in full, e.g. https://api.attio.com or http://127.0.0.1:4010".to_owned()),
            (vec![(API_KEY_ENV, "k"), (BASE_URL_ENV, "https://api.attio.com/v2/")], ErrorKind::Config,
             "ATTIO_BASE_URL: base URL \"https://api.attio.com/v2/\" ends in /v2, which every call adds itself; remove it, e.g. https://api.attio.com".to_owned()),
            (vec![(API_KEY_ENV, "k"), (BASE_URL_ENV, "https://proxy.example?team=1")], ErrorKind::Config,
             "ATTIO_BASE_URL: base URL \"https://proxy.example?team=1\" has a query or fragment, which would land in the middle of every request's URL; remove what follows `?` or `#`".to_owned()),
            (vec![(API_KEY_ENV, "k"), (BASE_URL_ENV, "http://10.0.0.5")], ErrorKind::InsecureHttp,
             format!("ATTIO_BASE_URL: {}", plain_http_refusal("http://10.0.0.5"))),
        ] {
            let error = client_from(&vars).unwrap_err();
            assert_eq!((error.kind(), error.detail()), (kind, detail.as_str()), "{vars:?}");
            assert!(!error.to_string().contains("secret"), "{error}");
        }
    }

    #[test]
    fn a_base_url_with_a_proxys_path_and_surrounding_whitespace_is_kept() {
        let client = client_from(&[
            (API_KEY_ENV, " k\n"),
            (BASE_URL_ENV, " https://proxy.example/attio/\n"),
        ])
        .unwrap();
        assert_eq!(client.base_url(), "https://proxy.example/attio");
        let client = client_from(&[(API_KEY_ENV, "k"), (BASE_URL_ENV, "  ")]).unwrap();
        assert_eq!(client.base_url(), DEFAULT_BASE_URL);
    }

    #[test]
    fn the_key_does_not_show_in_debug_output() {
        let client = Client::builder("top-secret-key").build().unwrap();
        let debug = format!("{client:?}");
        assert!(!debug.contains("top-secret-key"), "{debug}");
        let error = Client::builder("").build().unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Config);
    }
}
