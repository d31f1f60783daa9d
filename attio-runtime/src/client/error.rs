//! The one error type of the client.

use std::fmt;

use serde::Deserialize;

use crate::error::{DecodeError, ValueError};

/// What went wrong, for deciding what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The request was refused as invalid (400), or a value was invalid
    /// before any request was sent.
    Validation,
    /// The key was refused (401): revoked, mistyped, or for another
    /// workspace.
    Auth,
    /// The key is valid but may not do this (403): it lacks a scope the
    /// call needs (Attio's `auth_error`/`unauthorized`), or the workspace's
    /// plan does not allow it (`billing_error`, see [`Error::code`]).
    Forbidden,
    /// The object, list, record or entry does not exist (404).
    NotFound,
    /// A unique value is held by another record, a slug or title is taken,
    /// or another write to the same record won (400 `uniqueness_conflict`;
    /// 409 `slug_conflict`, `uniqueness_conflict`,
    /// `concurrent_write_conflict`).
    Conflict,
    /// Attio understood the request but cannot apply it (422).
    Unprocessable,
    /// Too many requests (429), still refused after the retries.
    RateLimited,
    /// Attio failed (5xx).
    Server,
    /// No connection could be made to the base URL: refused, a host that
    /// does not resolve, a failed TLS handshake, a connect timeout. Nothing
    /// was sent. Before the client's first answer this is almost always the
    /// base URL (`ATTIO_BASE_URL`) or a server that is not running, and the
    /// call fails within seconds; after it, Attio is briefly unreachable and
    /// the call is retried as for [`Transport`](Self::Transport).
    Connect,
    /// A connection was made but gave no complete answer: dropped mid-request,
    /// timed out. The request may have been applied.
    Transport,
    /// The answer is not what the endpoint returns.
    Decode,
    /// The client is misconfigured (base URL, key).
    Config,
    /// The base URL is plain `http://` to another machine, which would send
    /// the key unencrypted, and `ClientBuilder::allow_insecure_http` was not
    /// set: use `https://`, or allow it for a trusted network.
    InsecureHttp,
}

/// The error body Attio sends: `{"status_code", "type", "code", "message"}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AttioError {
    /// `invalid_request_error`, `auth_error`, `rate_limit_error` …
    #[serde(rename = "type", default)]
    pub error_type: String,
    /// `value_not_found`, `uniqueness_conflict`, `missing_value` …
    #[serde(default)]
    pub code: String,
    /// Attio's explanation.
    #[serde(default)]
    pub message: String,
}

/// A failed call: which request (method and path — never the key), the HTTP
/// status, Attio's `type`, `code` and `message`, and a [`kind`](Self::kind).
///
/// ```
/// # fn handle(e: attio_runtime::Error) {
/// use attio_runtime::ErrorKind;
///
/// match e.kind() {
///     ErrorKind::Conflict => { /* the email belongs to another person */ }
///     ErrorKind::NotFound => { /* deleted in Attio meanwhile */ }
///     _ if e.is_retryable() => { /* try again later */ }
///     _ => eprintln!("{e}"),
/// }
/// # }
/// ```
///
/// Settings and values are checked before anything is sent; such an error
/// names no request:
///
/// ```
/// use attio_runtime::{Client, ErrorKind};
///
/// let error = Client::builder("an-access-token")
///     .base_url("ftp://example.com")
///     .build()
///     .unwrap_err();
/// assert_eq!(error.kind(), ErrorKind::Config);
/// assert_eq!((error.request(), error.status()), (None, None));
/// assert!(!error.is_retryable());
/// assert!(error.to_string().contains("unsupported scheme"), "{error}");
/// ```
pub struct Error(Box<Details>);

/// The fields of an [`Error`], boxed so that `Result<T, Error>` stays small.
#[derive(Debug)]
struct Details {
    kind: ErrorKind,
    request: Option<String>,
    status: Option<u16>,
    attio: Option<AttioError>,
    detail: String,
    attempts: u32,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Error {
    /// An error of `kind` that no request caused: what a test double of
    /// [`AttioApi`](crate::AttioApi) returns to act out Attio's failures,
    /// or what an integration's own checks raise in the same type.
    ///
    /// ```
    /// use attio_runtime::{Error, ErrorKind};
    ///
    /// let gone = Error::new(ErrorKind::NotFound, "the deal was deleted");
    /// assert_eq!(gone.kind(), ErrorKind::NotFound);
    /// assert!(!gone.is_retryable());
    /// ```
    pub fn new(kind: ErrorKind, detail: impl Into<String>) -> Error {
        Error(Box::new(Details {
            kind,
            request: None,
            status: None,
            attio: None,
            detail: detail.into(),
            attempts: 0,
            source: None,
        }))
    }

    pub(crate) fn with_request(mut self, method: &str, path: &str) -> Error {
        self.0.request = Some(format!("{method} {path}"));
        self
    }

    pub(crate) fn with_attempts(mut self, attempts: u32) -> Error {
        self.0.attempts = attempts;
        self
    }

    pub(crate) fn with_source(
        mut self,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Error {
        self.0.source = Some(Box::new(source));
        self
    }

    /// The error for an HTTP error response.
    pub(crate) fn from_response(status: u16, body: &[u8]) -> Error {
        let attio: Option<AttioError> = serde_json::from_slice(body).ok();
        let code = attio.as_ref().map_or("", |a| a.code.as_str());
        let kind = match status {
            400 if code == "uniqueness_conflict" => ErrorKind::Conflict,
            400 => ErrorKind::Validation,
            401 => ErrorKind::Auth,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            422 => ErrorKind::Unprocessable,
            429 => ErrorKind::RateLimited,
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::Validation,
        };
        let detail = match &attio {
            Some(a) if !a.message.is_empty() => a.message.clone(),
            _ => match not_json(body) {
                Some(NotJson::Empty) => "no error body".to_owned(),
                Some(NotJson::Html { title }) => format!(
                    "an HTML page{}, not Attio's JSON error: a proxy or gateway between this client and Attio answered",
                    title.map(|t| format!(" ({t:?})")).unwrap_or_default()
                ),
                None => String::from_utf8_lossy(body).chars().take(300).collect(),
            },
        };
        let mut error = Error::new(kind, detail);
        error.0.status = Some(status);
        error.0.attio = attio;
        error
    }

    /// The error for a success body that is not what `method path`
    /// returns: empty, an HTML page (a proxy, a captive portal, a base URL
    /// that is not Attio's API), or JSON of another shape.
    pub(crate) fn undecodable(
        body: &[u8],
        error: serde_json::Error,
        method: &str,
        path: &str,
    ) -> Error {
        let detail = match not_json(body) {
            Some(NotJson::Empty) => {
                "the response body is empty, but the endpoint answers JSON: a proxy between this client and Attio dropped it".to_owned()
            }
            Some(NotJson::Html { title }) => format!(
                "the response is an HTML page{}, not JSON: the base URL is not Attio's API, or a proxy or captive portal answered",
                title.map(|t| format!(" ({t:?})")).unwrap_or_default()
            ),
            None => {
                let message = crate::error::elided(error.to_string());
                format!("the response does not have the expected shape: {message}")
            }
        };
        Error::new(ErrorKind::Decode, detail)
            .with_source(error)
            .with_request(method, path)
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The HTTP status, if Attio answered.
    pub fn status(&self) -> Option<u16> {
        self.0.status
    }

    /// The request, `METHOD /v2/path`, if one was made.
    pub fn request(&self) -> Option<&str> {
        self.0.request.as_deref()
    }

    /// Attio's error body, if it sent one.
    pub fn attio(&self) -> Option<&AttioError> {
        self.0.attio.as_ref()
    }

    /// Attio's error `code` (`uniqueness_conflict` …), if it sent one.
    pub fn code(&self) -> Option<&str> {
        self.0.attio.as_ref().map(|a| a.code.as_str())
    }

    /// What went wrong, in words, without the request, status and advice
    /// that `Display` adds: for a program that words its own advice (a
    /// command line names its flags rather than `ClientBuilder`'s methods).
    pub fn detail(&self) -> &str {
        &self.0.detail
    }

    /// How many attempts were made (0 when none was: client-side errors).
    pub fn attempts(&self) -> u32 {
        self.0.attempts
    }

    /// Whether the same call may succeed later: rate limits, server errors,
    /// failed connections and transport failures. (The client already
    /// retried what it safely could; this is for the caller's own queueing.)
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.0.kind,
            ErrorKind::RateLimited | ErrorKind::Server | ErrorKind::Connect | ErrorKind::Transport
        )
    }

    fn advice(&self) -> Option<String> {
        match (self.0.kind, self.0.status) {
            (ErrorKind::Auth, _) => {
                Some("check ATTIO_API_KEY: the key was refused (revoked, mistyped, or for another workspace)".to_owned())
            }
            (ErrorKind::Forbidden, _) if self.code() == Some("billing_error") => {
                Some("the workspace's plan does not allow this; see Workspace settings → Billing".to_owned())
            }
            (ErrorKind::Forbidden, _) => Some(match self.0.request.as_deref().and_then(required_scopes) {
                Some(scopes) => format!("the key lacks a scope this call needs ({scopes}); grant it under Workspace settings → Developers"),
                None => "the key lacks a scope this call needs; grant it under Workspace settings → Developers".to_owned(),
            }),
            (ErrorKind::Connect, _) => Some("check ATTIO_BASE_URL (or the base URL given to `ClientBuilder::base_url`) and that this machine can reach it".to_owned()),
            (ErrorKind::RateLimited, _) => Some("the rate limit held through every retry; lower the client's rate limits or concurrency".to_owned()),
            _ => None,
        }
    }
}

/// The scopes Attio requires for a request (`GET /v2/objects/people/records/…`),
/// named when it answers 403.
fn required_scopes(request: &str) -> Option<String> {
    let (method, path) = request.split_once(' ')?;
    let scopes: Vec<String> = attio_schema::scopes::required(method, path)
        .iter()
        .map(|s| format!("`{s}`"))
        .collect();
    (!scopes.is_empty()).then(|| scopes.join(" and "))
}

/// What `fn main() -> Result<(), Box<dyn Error>>` prints when it fails:
/// the message, the kind to match on and the cause, as `anyhow` prints an
/// error — not a struct dump. `{:#?}` still shows every field.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            return f.debug_tuple("Error").field(&self.0).finish();
        }
        write!(f, "{self}\n\nkind: ErrorKind::{:?}", self.0.kind)?;
        if let Some(source) = &self.0.source {
            write!(f, "\ncaused by: {source}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.request {
            Some(request) => write!(f, "{request} failed")?,
            None => f.write_str("Attio call refused before sending")?,
        }
        if let Some(status) = self.0.status {
            write!(f, " with {status}")?;
        }
        if let Some(attio) = &self.0.attio {
            if !attio.code.is_empty() {
                write!(f, " ({}/{})", attio.error_type, attio.code)?;
            }
        }
        match self.advice() {
            // Attio's messages end in a full stop; advice follows as a clause.
            Some(advice) => write!(f, ": {}; {advice}", self.0.detail.trim_end_matches('.'))?,
            None => write!(f, ": {}", self.0.detail)?,
        }
        if self.0.attempts > 1 {
            write!(f, " (after {} attempts)", self.0.attempts)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0
            .source
            .as_deref()
            .map(|s| s as &(dyn std::error::Error + 'static))
    }
}

impl From<ValueError> for Error {
    fn from(e: ValueError) -> Error {
        Error::new(ErrorKind::Validation, e.to_string()).with_source(e)
    }
}

impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Error {
        Error::new(ErrorKind::Decode, e.to_string()).with_source(e)
    }
}

/// A body that is not JSON, in the two forms worth naming.
enum NotJson {
    /// Nothing but whitespace.
    Empty,
    /// A web page; its `<title>` when it has one.
    Html { title: Option<String> },
}

fn not_json(body: &[u8]) -> Option<NotJson> {
    let text = String::from_utf8_lossy(body);
    let text = text.trim_start();
    if text.is_empty() {
        return Some(NotJson::Empty);
    }
    let start: String = text
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    if !(start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || start.starts_with("<head")
        || start.starts_with("<body"))
    {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let title = lower.find("<title").and_then(|open| {
        let start = open + lower[open..].find('>')? + 1;
        let end = start + lower[start..].find("</title")?;
        let title: String = text[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        (!title.is_empty()).then(|| title.chars().take(100).collect())
    });
    Some(NotJson::Html { title })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_reads_as_the_message_the_kind_and_the_cause() {
        let e = Error::from_response(400, br#"{"status_code": 400, "type": "invalid_request_error", "code": "uniqueness_conflict", "message": "Taken."}"#)
            .with_request("POST", "/v2/objects/companies/records");
        let debug = format!("{e:?}");
        assert_eq!(
            debug,
            format!("{e}\n\nkind: ErrorKind::Conflict"),
            "what a failing `main` prints"
        );
        let source: Box<dyn std::error::Error + Send + Sync> = "connection refused".into();
        let mut connect = Error::new(ErrorKind::Connect, "could not connect");
        connect.0.source = Some(source);
        assert!(format!("{connect:?}").ends_with("\ncaused by: connection refused"));
        assert!(format!("{e:#?}").contains("attempts"), "{e:#?}");
    }

    #[test]
    fn responses_are_classified_with_attios_words() {
        let body = br#"{"status_code": 400, "type": "invalid_request_error", "code": "uniqueness_conflict",
            "message": "A value provided for attribute with slug \"email_addresses\" conflicts with one already in the system."}"#;
        let e = Error::from_response(400, body)
            .with_request("PUT", "/v2/objects/people/records/abc")
            .with_attempts(1);
        assert_eq!(e.kind(), ErrorKind::Conflict);
        assert_eq!(e.code(), Some("uniqueness_conflict"));
        assert!(!e.is_retryable());
        assert_eq!(
            e.to_string(),
            "PUT /v2/objects/people/records/abc failed with 400 (invalid_request_error/uniqueness_conflict): \
             A value provided for attribute with slug \"email_addresses\" conflicts with one already in the system."
        );
    }

    #[test]
    fn auth_errors_say_what_to_check() {
        let e = Error::from_response(401, br#"{"status_code":401,"type":"auth_error","code":"unauthorized","message":"Unauthorized"}"#)
            .with_request("GET", "/v2/objects");
        assert_eq!(e.kind(), ErrorKind::Auth);
        assert!(e.to_string().ends_with("; check ATTIO_API_KEY: the key was refused (revoked, mistyped, or for another workspace)"));
    }

    #[test]
    fn advice_after_a_message_with_a_full_stop_reads_as_one_sentence() {
        let e = Error::from_response(401, br#"{"status_code":401,"type":"auth_error","code":"unauthorized","message":"Provide a valid access token as \"Authorization: Bearer <token>\"."}"#)
            .with_request("GET", "/v2/objects");
        let text = e.to_string();
        assert!(
            text.contains("\"Authorization: Bearer <token>\"; check ATTIO_API_KEY"),
            "{text}"
        );
        assert!(!text.contains(".;"), "{text}");
    }

    #[test]
    fn a_missing_scope_is_named_from_the_path() {
        let e = Error::from_response(
            403,
            br#"{"status_code":403,"type":"auth_error","code":"unauthorized","message":"Forbidden"}"#,
        )
        .with_request("POST", "/v2/objects/people/records/query");
        assert_eq!(e.kind(), ErrorKind::Forbidden);
        assert!(
            e.to_string()
                .contains("(`record_permission:read` and `object_configuration:read`)"),
            "{e}"
        );
        let e = Error::from_response(403, b"")
            .with_request("PATCH", "/v2/lists/pipeline/attributes/stage");
        assert!(
            e.to_string().contains("(`list_configuration:read-write`)"),
            "{e}"
        );
    }

    #[test]
    fn a_plan_limit_and_a_write_conflict_have_their_kinds() {
        let e = Error::from_response(
            403,
            br#"{"status_code":403,"type":"auth_error","code":"billing_error","message":"Upgrade to create more lists."}"#,
        )
        .with_request("POST", "/v2/lists");
        assert_eq!(e.kind(), ErrorKind::Forbidden);
        assert!(e.to_string().contains("plan does not allow this"), "{e}");
        assert!(!e.to_string().contains("scope"), "{e}");
        let e = Error::from_response(
            409,
            br#"{"status_code":409,"type":"invalid_request_error","code":"concurrent_write_conflict","message":"Another write won."}"#,
        )
        .with_request("PATCH", "/v2/objects/people/records/abc");
        assert_eq!(e.kind(), ErrorKind::Conflict);
        assert_eq!(e.code(), Some("concurrent_write_conflict"));
    }

    #[test]
    fn plain_http_elsewhere_has_its_own_kind() {
        let refused = crate::Client::builder("k")
            .base_url("http://10.0.0.5:4010")
            .build()
            .unwrap_err();
        assert_eq!(refused.kind(), ErrorKind::InsecureHttp);
        assert!(!refused.is_retryable());
        assert!(refused.to_string().contains("allow_insecure_http(true)"));
        let invalid = crate::Client::builder("k")
            .base_url("ftp://x")
            .build()
            .unwrap_err();
        assert_eq!(invalid.kind(), ErrorKind::Config);
    }

    #[test]
    fn bodies_that_are_not_attio_errors_are_quoted_briefly() {
        let e = Error::from_response(502, &[b'x'; 1000]).with_attempts(4);
        assert_eq!(e.kind(), ErrorKind::Server);
        assert!(e.is_retryable());
        assert!(e.to_string().len() < 400);
        assert!(e.to_string().ends_with("(after 4 attempts)"));
    }
}
