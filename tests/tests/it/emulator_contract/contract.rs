//! The harness of the contract run: each call is checked against the
//! spec's operation, status and schema, and what was covered is recorded.

use std::collections::BTreeSet;

use attio_emulator::{Emulator, RunningEmulator};
use attio_tests::openapi::Spec;
use attio_tests::support;
use reqwest::multipart::Form;
use reqwest::Method;
use serde_json::{json, Value};

pub(crate) const KEY: &str = "contract-test-key";

/// The id of a record, entry, note … that does not exist. With `nope`
/// (an object, list, attribute or option that does not exist), it marks the
/// requests of the run that must be refused.
pub(crate) const MISSING: &str = "55555555-5555-4555-8555-555555555555";

/// Whether a request names something that does not exist, so that the
/// spec's answer is an error.
fn names_the_missing(path: &str, body: Option<&Value>) -> bool {
    let body = body.map(Value::to_string).unwrap_or_default();
    [path, body.as_str()]
        .iter()
        .any(|text| text.contains("nope") || text.contains(MISSING))
}

/// Error codes Attio is known to return although the spec's enum for that
/// endpoint omits them (observed live).
const OBSERVED_EXTRA_CODES: [&str; 9] = [
    "uniqueness_conflict",
    "unknown_filter_attribute_slug",
    "invalid_filter_operator",
    "invalid_filter_field",
    "validation_type",
    "value_not_found",
    "missing_value",
    "multiple_match_results",
    "matching_attribute_definition_not_unique",
];

/// Responses that deviate from the spec on purpose: `(method, path
/// template, status, the validation error, why)`. Each is the live API's
/// behaviour where the spec disagrees with it.
const DELIBERATE_DEVIATIONS: [(&str, &str, u16, &str, &str); 1] = [(
    "POST",
    "/v2/comments",
    400,
    "\"statusCode\" is a required property",
    "the spec spells this one endpoint's 400 `statusCode`; every other error of \
     the spec, and Attio's answers, say `status_code` (the error examples of \
     https://docs.attio.com/rest-api/endpoint-reference)",
)];

/// The spec's schema of one attribute value, as the attribute-values
/// endpoint returns it: the spec leaves `values` of records and entries
/// open, and this describes the same objects.
const VALUE_SCHEMA: &str = "/paths/~1v2~1objects~1{object}~1records~1{record_id}~1attributes~1{attribute}~1values/get/responses/200/content/application~1json/schema/properties/data/items";

/// An answer's JSON body (`Null` when empty).
pub(crate) struct Reply {
    body: Value,
}

impl Reply {
    pub(crate) fn data(&self) -> &Value {
        &self.body["data"]
    }
}

pub(crate) struct Contract {
    emulator: RunningEmulator,
    http: reqwest::Client,
    spec: Spec,
    failures: Vec<String>,
    covered: BTreeSet<(String, String, u16)>,
}

impl Contract {
    /// An emulator seeded with the fixture, checked against `spec`.
    pub(crate) async fn start(spec: Spec) -> Contract {
        Contract {
            emulator: support::emulator(Emulator::builder().without_rate_limits(), KEY).await,
            // Redirects are answers to check (a file download's 302), not to follow.
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("a client without TLS settings builds"),
            spec,
            failures: Vec::new(),
            covered: BTreeSet::new(),
        }
    }

    async fn call(&mut self, method: Method, path: &str, body: Option<Value>) -> Reply {
        self.call_with(method, path, body, None).await
    }

    /// A multipart POST (file uploads); its text fields count as the body
    /// for the names of what does not exist.
    pub(crate) async fn upload(&mut self, path: &str, fields: Value, form: Form) -> Reply {
        self.call_with(Method::POST, path, Some(fields), Some(form))
            .await
    }

    async fn call_with(
        &mut self,
        method: Method,
        path: &str,
        body: Option<Value>,
        form: Option<Form>,
    ) -> Reply {
        let mut request = self
            .http
            .request(
                method.clone(),
                format!("{}{path}", self.emulator.base_url()),
            )
            .bearer_auth(KEY);
        let must_fail = names_the_missing(path, body.as_ref());
        match (body, form) {
            (_, Some(form)) => request = request.multipart(form),
            (Some(body), None) => request = request.json(&body),
            (None, None) => {}
        }
        let response = request.send().await.expect("the emulator answers");
        let status = response.status().as_u16();
        let text = response.text().await.expect("the body is read");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("non-JSON body {text:?}: {e}"))
        };
        let reply = Reply { body };
        if must_fail && status < 400 {
            self.failures.push(format!(
                "{method} {path}: names something that does not exist, yet answered {status}"
            ));
        }

        let Some(operation) = self.spec.operation(method.as_str(), path) else {
            self.failures
                .push(format!("{method} {path}: no such endpoint in the spec"));
            return reply;
        };
        let template = operation.template.clone();
        let mut errors = match self.spec.validate_response(&operation, status, &reply.body) {
            Ok(true) => Vec::new(),
            Ok(false) => {
                self.failures.push(format!(
                    "{method} {template}: status {status} is not documented"
                ));
                return reply;
            }
            Err(errors) => errors,
        };
        self.covered
            .insert((method.to_string(), template.clone(), status));
        let items: Vec<&Value> = match &reply.body["data"] {
            Value::Array(items) => items.iter().collect(),
            single => vec![single],
        };
        for item in items {
            for key in ["values", "entry_values"] {
                let Some(map) = item.get(key).and_then(Value::as_object) else {
                    continue;
                };
                for values in map.values() {
                    for value in values.as_array().into_iter().flatten() {
                        if let Err(value_errors) = self.spec.validate(VALUE_SCHEMA, value) {
                            errors.extend(value_errors);
                        }
                    }
                }
            }
        }
        // Observed live codes outside the spec's per-endpoint enum are accepted.
        errors.retain(|e| {
            !(e.ends_with(" at /code")
                && OBSERVED_EXTRA_CODES
                    .iter()
                    .any(|c| e.contains(&format!("\"{c}\""))))
        });
        errors.retain(|e| {
            !DELIBERATE_DEVIATIONS
                .iter()
                .any(|(m, t, s, fragment, _why)| {
                    *m == method.as_str() && *t == template && *s == status && e.contains(fragment)
                })
        });
        for error in errors {
            self.failures
                .push(format!("{method} {template} → {status}: {error}"));
        }
        reply
    }

    /// Whether the spec has an operation for `method path`: parts of the
    /// run for endpoints newer than the document skip themselves.
    pub(crate) fn knows(&self, method: &str, path: &str) -> bool {
        self.spec.operation(method, path).is_some()
    }

    pub(crate) async fn get(&mut self, path: &str) -> Reply {
        self.call(Method::GET, path, None).await
    }

    pub(crate) async fn post(&mut self, path: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(body)).await
    }

    pub(crate) async fn put(&mut self, path: &str, body: Value) -> Reply {
        self.call(Method::PUT, path, Some(body)).await
    }

    pub(crate) async fn patch(&mut self, path: &str, body: Value) -> Reply {
        self.call(Method::PATCH, path, Some(body)).await
    }

    pub(crate) async fn delete(&mut self, path: &str) -> Reply {
        self.call(Method::DELETE, path, None).await
    }

    /// Asserts that every implemented endpoint had a successful call and
    /// that no response broke the contract.
    pub(crate) fn finish(self) {
        let c = self;
        // Every implemented endpoint was exercised with a success.
        let successes: BTreeSet<(String, String)> = c
            .covered
            .iter()
            // 2xx (a few newer endpoints answer 204 No Content), or the
            // redirect a file download answers with.
            .filter(|(_, _, status)| (200..300).contains(status) || *status == 302)
            .map(|(m, t, _)| (m.clone(), t.clone()))
            .collect();
        let mut uncovered = Vec::new();
        for (template, operations) in c.spec.paths() {
            for method in operations.as_object().unwrap().keys() {
                let key = (method.to_uppercase(), template.clone());
                if !successes.contains(&key) {
                    uncovered.push(format!("{} {}", key.0, key.1));
                }
            }
        }
        assert!(
            uncovered.is_empty(),
            "endpoints without a successful call: {uncovered:#?}"
        );
        // The check can fail: an object without its `api_slug` is refused.
        let objects = c.spec.operation("GET", "/v2/objects").unwrap();
        let wrong = json!({"data": [{"id": {"workspace_id": "w", "object_id": "o"}}]});
        assert!(c.spec.validate_response(&objects, 200, &wrong).is_err());

        assert!(
            c.failures.is_empty(),
            "{} contract failures:\n{}",
            c.failures.len(),
            c.failures.join("\n")
        );
    }
}
