//! The harness of the contract run: each call is checked against the
//! current document's operation, status and schema, and against the 2025
//! document's schema where both have the operation and the status (see
//! `attio_tests::openapi`); what was covered is recorded.

use std::collections::BTreeSet;

use attio_emulator::{Emulator, EmulatorBuilder, RunningEmulator};
use attio_schema::{Attribute, AttributeId, AttributeType};
use attio_tests::openapi::Spec;
use attio_tests::support;
use reqwest::multipart::Form;
use reqwest::Method;
use serde_json::{json, Value};

use super::coverage;

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

/// The 2025 document's schema of one attribute value, as the
/// attribute-values endpoint returns it: that document leaves `values` of
/// records and entries open, and this describes the same objects. (The
/// current document types `values` in place.)
const VALUE_SCHEMA: &str = "/paths/~1v2~1objects~1{object}~1records~1{record_id}~1attributes~1{attribute}~1values/get/responses/200/content/application~1json/schema/properties/data/items";

/// An answer's status and JSON body (`Null` when empty).
pub(crate) struct Reply {
    status: u16,
    body: Value,
}

impl Reply {
    pub(crate) fn status(&self) -> u16 {
        self.status
    }

    pub(crate) fn body(&self) -> &Value {
        &self.body
    }

    pub(crate) fn data(&self) -> &Value {
        &self.body["data"]
    }
}

pub(crate) struct Contract {
    emulator: RunningEmulator,
    /// The same workspace for a key with read scopes only, for the 403s.
    read_only: RunningEmulator,
    http: reqwest::Client,
    spec: Spec,
    spec_2025: Option<Spec>,
    failures: Vec<String>,
    covered: BTreeSet<(String, String, u16)>,
    /// How many answers the 2025 document checked too.
    checked_2025: usize,
}

/// The attributes of the activity `demos` that the run creates (Attio's
/// REST API cannot create them): `key`, unique text, and `minutes`.
fn demo_attributes(builder: EmulatorBuilder) -> EmulatorBuilder {
    let mut key = Attribute::new(AttributeId::default(), "key", "Key", AttributeType::Text);
    key.is_unique = true;
    let minutes = Attribute::new(
        AttributeId::default(),
        "minutes",
        "Minutes",
        AttributeType::Number,
    );
    builder
        .without_rate_limits()
        .activity_attribute("demos", key)
        .activity_attribute("demos", minutes)
}

impl Contract {
    /// An emulator seeded with the fixture (and one for a key that may only
    /// read), checked against `spec` and, where it documents the answer
    /// too, `spec_2025`.
    pub(crate) async fn start(spec: Spec, spec_2025: Option<Spec>) -> Contract {
        let read_only = Emulator::builder().without_rate_limits().scopes([
            "object_configuration:read",
            "record_permission:read",
            "list_configuration:read",
            "list_entry:read",
            "comment:read",
        ]);
        Contract {
            emulator: support::emulator(demo_attributes(Emulator::builder()), KEY).await,
            read_only: support::emulator(read_only, KEY).await,
            // Redirects are answers to check (a file download's 302), not to follow.
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("a client without TLS settings builds"),
            spec,
            spec_2025,
            failures: Vec::new(),
            covered: BTreeSet::new(),
            checked_2025: 0,
        }
    }

    async fn call(&mut self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let base = self.emulator.base_url().to_owned();
        self.call_at(&base, method, path, body, None).await
    }

    /// A multipart POST (file uploads); its text fields count as the body
    /// for the names of what does not exist.
    pub(crate) async fn upload(&mut self, path: &str, fields: Value, form: Form) -> Reply {
        let base = self.emulator.base_url().to_owned();
        self.call_at(&base, Method::POST, path, Some(fields), Some(form))
            .await
    }

    async fn call_at(
        &mut self,
        base: &str,
        method: Method,
        path: &str,
        body: Option<Value>,
        form: Option<Form>,
    ) -> Reply {
        let mut request = self
            .http
            .request(method.clone(), format!("{base}{path}"))
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
        let reply = Reply { status, body };
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
        if let Some(errors_2025) = self.check_2025(&method, &template, path, status, &reply.body) {
            self.checked_2025 += 1;
            errors.extend(
                errors_2025
                    .into_iter()
                    .map(|e| format!("[2025 document] {e}")),
            );
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

    /// The 2025 document's checks of an answer, for an operation and a
    /// status it documents too: its schema (closed objects, formats), and
    /// each record or entry value against its schema of a value. `None`
    /// when the 2025 document does not document this answer.
    fn check_2025(
        &self,
        method: &Method,
        template: &str,
        path: &str,
        status: u16,
        body: &Value,
    ) -> Option<Vec<String>> {
        let spec = self.spec_2025.as_ref()?;
        let operation = spec
            .operation(method.as_str(), path)
            .filter(|o| o.template == template)?;
        let mut errors = match spec.validate_response(&operation, status, body) {
            // A status the 2025 document does not list is new: the current
            // document alone speaks for it.
            Ok(false) => return None,
            Ok(true) => Vec::new(),
            Err(errors) => errors,
        };
        let items: Vec<&Value> = match &body["data"] {
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
                        if let Err(value_errors) = spec.validate(VALUE_SCHEMA, value) {
                            errors.extend(value_errors);
                        }
                    }
                }
            }
        }
        Some(errors)
    }

    /// A request with a key that lacks the scope it needs: a 403.
    /// (`body` null: none.)
    pub(crate) async fn forbidden(&mut self, method: Method, path: &str, body: Value) -> Reply {
        let base = self.read_only.base_url().to_owned();
        self.call_at(&base, method, path, (!body.is_null()).then_some(body), None)
            .await
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

    /// Asserts that every operation of the current document had a
    /// successful call, or is listed as not served yet (and then had
    /// none), and that no response broke the contract.
    pub(crate) fn finish(self) {
        let c = self;
        let successes: BTreeSet<(String, String)> = c
            .covered
            .iter()
            // 2xx (a few newer endpoints answer 204 No Content), or the
            // redirect a file download answers with.
            .filter(|(_, _, status)| (200..300).contains(status) || *status == 302)
            .map(|(m, t, _)| (m.clone(), t.clone()))
            .collect();
        let listed = |method: &str, template: &str| {
            coverage::not_yet_served().find(|(m, t, _)| *m == method && *t == template)
        };
        let mut uncovered = Vec::new();
        for (template, operations) in c.spec.paths() {
            for method in operations.as_object().unwrap().keys() {
                let key = (method.to_uppercase(), template.clone());
                match (successes.contains(&key), listed(&key.0, &key.1)) {
                    (true, None) | (false, Some(_)) => {}
                    (false, None) => uncovered.push(format!("{} {}", key.0, key.1)),
                    (true, Some((_, _, why))) => uncovered.push(format!(
                        "{} {}: exercised, yet listed as not served ({why}): remove it from the list",
                        key.0, key.1
                    )),
                }
            }
        }
        for (method, template, _) in coverage::not_yet_served() {
            if !c.spec.has_operation(method, template) {
                uncovered.push(format!(
                    "{method} {template}: listed as not served, but the document has no such operation"
                ));
            }
        }
        assert!(
            uncovered.is_empty(),
            "operations neither exercised with a success nor listed as not served: {uncovered:#?}"
        );
        // The check can fail: an object without its `api_slug` is refused.
        let objects = c.spec.operation("GET", "/v2/objects").unwrap();
        let wrong = json!({"data": [{"id": {"workspace_id": "w", "object_id": "o"}}]});
        assert!(c.spec.validate_response(&objects, 200, &wrong).is_err());
        // And the 2025 checks bite where the current document is loose: an
        // object id that is no uuid, and a key the object does not have.
        if let Some(spec) = &c.spec_2025 {
            let object = spec.operation("GET", "/v2/objects/people").unwrap();
            let loose = json!({"data": {"id": {"workspace_id": "14beef7a-99f7-4534-a87e-70b564330a4c", "object_id": "not-a-uuid"},
                "api_slug": "people", "singular_noun": "Person", "plural_noun": "People",
                "created_at": "2025-01-01T00:00:00.000000000Z"}});
            let current = c.spec.operation("GET", "/v2/objects/people").unwrap();
            assert_eq!(c.spec.validate_response(&current, 200, &loose), Ok(true));
            let errors = spec.validate_response(&object, 200, &loose).unwrap_err();
            assert!(errors.iter().any(|e| e.contains("uuid")), "{errors:?}");
            // Most answers are of operations and statuses both documents
            // have: a 2025 check that silently stopped would show here.
            assert!(
                c.checked_2025 * 4 > c.covered.len() * 3,
                "{} answers checked by the 2025 document of {} kinds",
                c.checked_2025,
                c.covered.len()
            );
        }

        assert!(
            c.failures.is_empty(),
            "{} contract failures:\n{}",
            c.failures.len(),
            c.failures.join("\n")
        );
    }
}
