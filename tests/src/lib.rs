//! Workspace-level tests. The library holds the bindings that `build.rs`
//! generates from `fixtures/workspace/attio-schema.json`, so that the tests
//! in `tests/` use generated code the way an application does, the
//! OpenAPI validator of the contract tests, the lister of the crates'
//! public API, and what the benchmarks share (`bench`).

pub mod bench;
pub mod openapi;
pub mod public_api;
pub mod support;

use attio_runtime::serde::Deserializer;
use attio_runtime::serde_json::Value;
use attio_runtime::{kind, AttributeValue, DecodeError};

/// The bindings of the workspace fixture with the default options.
pub mod workspace {
    include!(concat!(env!("OUT_DIR"), "/workspace.rs"));
}

/// The bindings of the workspace fixture with `codegen/configured.toml`
/// and a rename set in `build.rs`.
pub mod configured {
    include!(concat!(env!("OUT_DIR"), "/configured.rs"));
}

/// A user type for text attributes, named in `codegen/configured.toml` to
/// stand in for `String`: what a type override looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline(pub String);

impl AttributeValue<kind::Text> for Headline {
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        Ok(
            <String as AttributeValue<kind::Text>>::deserialize_checked(deserializer)?
                .map(Headline),
        )
    }

    fn encode(&self) -> Value {
        <String as AttributeValue<kind::Text>>::encode(&self.0)
    }
}
