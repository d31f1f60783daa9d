//! What the tests share: an emulator started inside the test, and plain
//! HTTP calls returning the status and the JSON body.

use attio_emulator::{Emulator, EmulatorBuilder, RunningEmulator};
use attio_schema::Snapshot;
use reqwest::{Client, Method};
use serde_json::Value;

pub const KEY: &str = "test-api-key";

/// The realistic workspace fixture of the repository.
pub fn fixture() -> Snapshot {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/workspace/attio-schema.json"
    );
    Snapshot::load(path).expect("fixture snapshot loads")
}

pub struct Api {
    pub emulator: RunningEmulator,
    pub client: Client,
    pub base: String,
}

/// A response: status code, headers and JSON body (`Null` when empty).
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// `body.data`.
    pub fn data(&self) -> &Value {
        &self.body["data"]
    }

    /// Asserts an Attio error body with this status and code.
    #[track_caller]
    pub fn assert_error(&self, status: u16, code: &str) {
        assert_eq!(self.status, status, "body: {}", self.body);
        assert_eq!(self.body["status_code"], status, "body: {}", self.body);
        assert_eq!(self.body["code"], code, "body: {}", self.body);
        assert!(self.body["type"].is_string(), "body: {}", self.body);
        assert!(self.body["message"].is_string(), "body: {}", self.body);
    }

    #[track_caller]
    pub fn assert_ok(&self) -> &Value {
        assert_eq!(self.status, 200, "body: {}", self.body);
        self.data()
    }
}

impl Api {
    /// The default workspace, no rate limits.
    pub async fn start() -> Api {
        Api::with(Emulator::builder().without_rate_limits()).await
    }

    /// The fixture workspace, no rate limits.
    pub async fn fixture() -> Api {
        Api::with(Emulator::builder().schema(fixture()).without_rate_limits()).await
    }

    pub async fn with(builder: EmulatorBuilder) -> Api {
        let emulator = builder.api_key(KEY).start().await.expect("emulator starts");
        let base = emulator.base_url();
        Api {
            emulator,
            client: Client::new(),
            base,
        }
    }

    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<String>,
    ) -> Reply {
        let mut request = self
            .client
            .request(method, format!("{}{}", self.base, path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body);
        }
        let response = request.send().await.expect("request is answered");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body is read");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("non-JSON body {text:?}: {e}"))
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        self.raw(method, path, Some(KEY), body.map(|b| b.to_string()))
            .await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Reply {
        self.call(Method::PUT, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Reply {
        self.call(Method::PATCH, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.call(Method::DELETE, path, None).await
    }

    /// Creates a record and returns its id (asserting success).
    pub async fn create(&self, object: &str, values: Value) -> String {
        let reply = self
            .post(
                &format!("/v2/objects/{object}/records"),
                serde_json::json!({"data": {"values": values}}),
            )
            .await;
        assert_eq!(reply.status, 200, "create {object}: {}", reply.body);
        reply.data()["id"]["record_id"]
            .as_str()
            .expect("record id")
            .to_owned()
    }
}

/// Whether a timestamp has Attio's shape: UTC with nine fractional digits.
pub fn is_attio_timestamp(value: &Value) -> bool {
    let Some(s) = value.as_str() else {
        return false;
    };
    let Some((_, frac)) = s.split_once('.') else {
        return false;
    };
    s.len() == 30
        && frac.len() == 10
        && frac.ends_with('Z')
        && frac[..9].bytes().all(|b| b.is_ascii_digit())
}
