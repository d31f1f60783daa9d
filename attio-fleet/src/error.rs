//! The one error of the crate.

/// What failed in the fleet's storage, crypto or OAuth calls. Never holds
/// a token, a secret or a key.
#[derive(Debug, thiserror::Error)]
pub enum FleetError {
    /// PostgreSQL refused or failed a statement, or the connection failed.
    #[error("postgres: {0}")]
    Postgres(#[from] tokio_postgres::Error),
    /// A key is missing or malformed, or a sealed value does not open.
    #[error("encryption: {0}")]
    Crypto(String),
    /// The OAuth flow failed: a wrong `state`, a refused code, an
    /// unexpected answer.
    #[error("oauth: {0}")]
    OAuth(String),
    /// An HTTP call of the OAuth flow got no answer.
    #[error("oauth request failed: {0}")]
    Http(#[from] reqwest::Error),
    /// An Attio API call failed.
    #[error(transparent)]
    Attio(#[from] attio_runtime::Error),
    /// A setting is wrong (a database name, a URL).
    #[error("configuration: {0}")]
    Config(String),
    /// No installation for this workspace (or webhook).
    #[error("no installation for {0}: install the app in that workspace first")]
    NotInstalled(String),
}
