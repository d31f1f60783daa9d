//! Errors of values: invalid on construction, or undecodable from Attio's JSON.

/// A value that Attio would reject, caught before any request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {kind} value {input:?}: {reason}")]
pub struct ValueError {
    /// Attio's name of the attribute type (`"email-address"`).
    pub kind: &'static str,
    /// The rejected input, as given.
    pub input: String,
    /// What is wrong and what is expected.
    pub reason: String,
}

impl ValueError {
    /// A new error for `kind` about `input`.
    pub fn new(kind: &'static str, input: impl Into<String>, reason: impl Into<String>) -> Self {
        ValueError {
            kind,
            input: input.into(),
            reason: reason.into(),
        }
    }
}

/// A record, entry or value whose JSON does not match the Rust type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot decode {}: {message}", if path.is_empty() { "value" } else { path.as_str() })]
pub struct DecodeError {
    /// Where: `values.email_addresses[1]`, or empty for a bare value.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl DecodeError {
    /// A new error about the value at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        DecodeError {
            path: path.into(),
            message: message.into(),
        }
    }

    /// The same error, located under `prefix` (`values.name` + `[0]`).
    pub fn at(mut self, prefix: &str) -> Self {
        self.path = if self.path.is_empty() {
            prefix.to_owned()
        } else if self.path.starts_with('[') {
            format!("{prefix}{}", self.path)
        } else {
            format!("{prefix}.{}", self.path)
        };
        self
    }
}

pub(crate) use attio_schema::elided;
