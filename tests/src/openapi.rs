//! Attio's OpenAPI documents as validators of requests and responses, for
//! the contract tests of the client and the emulator.
//!
//! Two documents are checked, because neither is a superset of the other:
//!
//! - the **current** one, named by the `ATTIO_OPENAPI` environment
//!   variable (`.ci/run` sets it to `attio-openapi-2026-10.json`, Attio's
//!   API as of October 2026): every operation we serve, every status, every
//!   field Attio added;
//! - the **2025** one, named by `ATTIO_OPENAPI_2025`, or else the file
//!   `attio-openapi.json` beside the current one: the checks the 2026
//!   document lost (its ids, emails and URLs are plain strings, its objects
//!   open), for the operations both documents have and the statuses both
//!   document.
//!
//! Without `ATTIO_OPENAPI`, [`Spec::load`] returns `None` and says that the
//! test was skipped. Both documents are validated with their `format`s
//! (uuid, email, uri, date-time) checked, which JSON Schema 2020-12 leaves
//! off by default.
//!
//! The documents are OpenAPI 3.1, whose schemas are JSON Schema 2020-12,
//! except that the 2025 one still marks nullable values the 3.0 way
//! (`nullable: true`); that is rewritten to a `null` type before
//! validation with the `jsonschema` crate.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde_json::{json, Map, Value};

/// The environment variable naming the current document.
pub const SPEC_ENV: &str = "ATTIO_OPENAPI";

/// The environment variable naming the 2025 document, when it is not
/// `attio-openapi.json` beside the current one.
pub const SPEC_2025_ENV: &str = "ATTIO_OPENAPI_2025";

/// The 2025 document's file name, looked for beside the current one.
const SPEC_2025_FILE: &str = "attio-openapi.json";

/// A loaded spec.
pub struct Spec {
    document: Value,
    /// Compiled validators by schema pointer: compiling one takes the whole
    /// document, so each is compiled once.
    validators: Mutex<HashMap<String, Arc<jsonschema::Validator>>>,
}

/// The operation a request maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// The path template, e.g. `/v2/objects/{object}/records/{record_id}`.
    pub template: String,
    /// The lower-case method, e.g. `post`.
    pub method: String,
}

impl Spec {
    /// The spec named by `ATTIO_OPENAPI`, or `None` (with a line on
    /// standard error saying which test is skipped) when it is not set.
    ///
    /// # Panics
    /// When the variable names a file that cannot be read or parsed: a
    /// misconfigured CI must fail, not skip.
    pub fn load(test: &str) -> Option<Spec> {
        let Some(path) = std::env::var_os(SPEC_ENV).map(PathBuf::from) else {
            // Written to the process's stderr directly, not through
            // `eprintln!`, which the test harness captures and hides for a
            // passing test: a skip must be seen.
            let line = format!(
                "skipped {test}: set {SPEC_ENV} to Attio's OpenAPI document (attio-openapi-2026-10.json) to run it\n"
            );
            let _ = std::io::stderr().write_all(line.as_bytes());
            return None;
        };
        Some(Spec::read(SPEC_ENV, &path))
    }

    /// The 2025 document, checked beside the current one (see the module
    /// documentation), or `None` when `ATTIO_OPENAPI` names it already.
    ///
    /// # Panics
    /// When neither `ATTIO_OPENAPI_2025` nor `attio-openapi.json` beside
    /// the current document names a readable document: its checks must
    /// not be dropped without a word.
    pub fn load_2025() -> Option<Spec> {
        let current = std::env::var_os(SPEC_ENV).map(PathBuf::from)?;
        let path = match std::env::var_os(SPEC_2025_ENV) {
            Some(path) => PathBuf::from(path),
            None => current.with_file_name(SPEC_2025_FILE),
        };
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same(&path, &current) {
            return None;
        }
        if !path.exists() {
            panic!(
                "{SPEC_ENV}={} has no {SPEC_2025_FILE} beside it: set {SPEC_2025_ENV} to Attio's 2025 OpenAPI document, whose checks the contract tests keep",
                current.display()
            );
        }
        Some(Spec::read(SPEC_2025_ENV, &path))
    }

    fn read(variable: &str, path: &Path) -> Spec {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("{variable}={}: {e}", path.display()));
        let mut document: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{variable}={}: not JSON: {e}", path.display()));
        nullable_to_null_type(&mut document);
        Spec::new(document)
    }

    /// Whether the document has an operation for `method` (any case) at
    /// exactly this path template.
    pub fn has_operation(&self, method: &str, template: &str) -> bool {
        self.document
            .get("paths")
            .and_then(|paths| paths.get(template))
            .and_then(|item| item.get(method.to_ascii_lowercase()))
            .is_some()
    }

    fn new(document: Value) -> Spec {
        Spec {
            document,
            validators: Mutex::default(),
        }
    }

    /// The operation for `method` and a concrete `path` (query string
    /// allowed): literal segments must match, `{param}` matches any; the
    /// template with the most literal segments wins (`…/records/query`
    /// over `…/records/{record_id}`).
    pub fn operation(&self, method: &str, path: &str) -> Option<Operation> {
        let method = method.to_ascii_lowercase();
        let path = path.split('?').next().unwrap_or(path);
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        let paths = self.document.get("paths")?.as_object()?;
        paths
            .iter()
            .filter(|(_, item)| item.get(&method).is_some())
            .filter_map(|(template, _)| {
                let parts: Vec<&str> = template.trim_matches('/').split('/').collect();
                if parts.len() != segments.len() {
                    return None;
                }
                let mut literal = 0;
                for (part, segment) in parts.iter().zip(&segments) {
                    if part.starts_with('{') {
                        continue;
                    }
                    if part != segment {
                        return None;
                    }
                    literal += 1;
                }
                Some((literal, template))
            })
            .max_by_key(|(literal, _)| *literal)
            .map(|(_, template)| Operation {
                template: template.clone(),
                method: method.clone(),
            })
    }

    /// The spec's paths with their operations, by template.
    pub fn paths(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.document
            .get("paths")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
    }

    /// Checks a request body against its operation's request schema.
    /// `Ok(false)` when the operation declares no JSON request body.
    pub fn validate_request(
        &self,
        operation: &Operation,
        body: &Value,
    ) -> Result<bool, Vec<String>> {
        let pointer = format!(
            "/paths/{}/{}/requestBody/content/application~1json/schema",
            escape(&operation.template),
            operation.method
        );
        if self.document.pointer(&pointer).is_none() {
            return Ok(false);
        }
        self.validate(&pointer, body).map(|()| true)
    }

    /// Checks a response body against the schema of its status (or the
    /// operation's `default`); a status declared without content takes no
    /// body. `Ok(false)` when the spec declares none.
    pub fn validate_response(
        &self,
        operation: &Operation,
        status: u16,
        body: &Value,
    ) -> Result<bool, Vec<String>> {
        let responses = format!(
            "/paths/{}/{}/responses",
            escape(&operation.template),
            operation.method
        );
        for key in [status.to_string(), "default".to_owned()] {
            let pointer = format!("{responses}/{key}/content/application~1json/schema");
            if self.document.pointer(&pointer).is_some() {
                return self.validate(&pointer, body).map(|()| true);
            }
        }
        // A status declared without content (`204`) documents an empty body.
        let declared = format!("{responses}/{status}");
        if self.document.pointer(&declared).is_some() {
            return match body {
                Value::Null => Ok(true),
                _ => Err(vec![format!("status {status} has no body, yet got {body}")]),
            };
        }
        Ok(false)
    }

    /// Checks `value` against the schema at `pointer` (a JSON pointer into
    /// the spec); the errors say what is wrong and where in `value`.
    pub fn validate(&self, pointer: &str, value: &Value) -> Result<(), Vec<String>> {
        let validator = self.validator(pointer).map_err(|e| vec![e])?;
        let errors: Vec<String> = validator
            .iter_errors(value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn validator(&self, pointer: &str) -> Result<Arc<jsonschema::Validator>, String> {
        let mut validators = self.validators.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(validator) = validators.get(pointer) {
            return Ok(Arc::clone(validator));
        }
        // The whole document is the root resource, so that the spec's
        // `#/components/...` references resolve; the root `$ref` selects
        // the schema to apply.
        let mut root = Map::new();
        // A URI fragment: the template's braces must be percent-encoded.
        let fragment = pointer.replace('{', "%7B").replace('}', "%7D");
        root.insert("$ref".into(), json!(format!("#{fragment}")));
        if let Some(components) = self.document.get("components") {
            root.insert("components".into(), components.clone());
        }
        // Of the paths, only the one the pointer is in: the documents'
        // references all point into `components`, and compiling every
        // path's schemas for each validator made the contract run slow.
        let mut tokens = pointer.split('/').skip(1);
        if let (Some("paths"), Some(token)) = (tokens.next(), tokens.next()) {
            let template = token.replace("~1", "/").replace("~0", "~");
            if let Some(item) = self.document.get("paths").and_then(|p| p.get(&template)) {
                root.insert("paths".into(), json!({ template: item.clone() }));
            }
        }
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&Value::Object(root))
            .map_err(|e| format!("the spec's schema at {pointer} does not compile: {e}"))?;
        let validator = Arc::new(validator);
        validators.insert(pointer.to_owned(), Arc::clone(&validator));
        Ok(validator)
    }
}

/// A path template as a JSON pointer token.
fn escape(template: &str) -> String {
    template.replace('~', "~0").replace('/', "~1")
}

/// `{"type": "string", "nullable": true}` → `{"type": ["string", "null"]}`,
/// everywhere; a nullable schema without a type (an `anyOf`, a `$ref`)
/// becomes `anyOf: [itself, {"type": "null"}]`. An `enum` beside it also
/// admits null, as the spec intends.
fn nullable_to_null_type(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for child in map.values_mut() {
                nullable_to_null_type(child);
            }
            let null_typed = map
                .get("type")
                .and_then(Value::as_array)
                .is_some_and(|types| types.contains(&json!("null")));
            if null_typed {
                // A 3.1 `type: [t, "null"]` beside an `enum` that lists no
                // null: the spec means null is allowed too.
                if let Some(Value::Array(values)) = map.get_mut("enum") {
                    if !values.contains(&Value::Null) {
                        values.push(Value::Null);
                    }
                }
            }
            if map.remove("nullable") != Some(Value::Bool(true)) {
                return;
            }
            if let Some(Value::Array(values)) = map.get_mut("enum") {
                if !values.contains(&Value::Null) {
                    values.push(Value::Null);
                }
            }
            match map.get_mut("type") {
                Some(Value::String(t)) => {
                    let t = std::mem::take(t);
                    map.insert("type".into(), json!([t, "null"]));
                }
                Some(Value::Array(types)) => {
                    if !types.contains(&json!("null")) {
                        types.push(json!("null"));
                    }
                }
                _ => {
                    let inner = Value::Object(std::mem::take(map));
                    map.insert("anyOf".into(), json!([inner, {"type": "null"}]));
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(nullable_to_null_type),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nullable_becomes_a_null_type() {
        let mut schema = json!({"properties": {
            "a": {"type": "string", "nullable": true},
            "b": {"$ref": "#/x", "nullable": true},
            "c": {"type": "string", "enum": ["x"], "nullable": true},
            "d": {"type": ["string", "null"], "enum": ["x"]},
        }});
        nullable_to_null_type(&mut schema);
        assert_eq!(
            schema["properties"]["a"],
            json!({"type": ["string", "null"]})
        );
        assert_eq!(
            schema["properties"]["b"],
            json!({"anyOf": [{"$ref": "#/x"}, {"type": "null"}]})
        );
        assert_eq!(schema["properties"]["c"]["enum"], json!(["x", null]));
        assert_eq!(schema["properties"]["d"]["enum"], json!(["x", null]));
    }

    #[test]
    fn operations_prefer_literal_segments() {
        let spec = Spec::new(json!({"paths": {
            "/v2/objects/{object}/records/{record_id}": {"get": {}, "post": {}},
            "/v2/objects/{object}/records/query": {"post": {}},
        }}));
        let op = spec
            .operation("POST", "/v2/objects/people/records/query")
            .unwrap();
        assert_eq!(op.template, "/v2/objects/{object}/records/query");
        let op = spec
            .operation("GET", "/v2/objects/people/records/abc?x=1")
            .unwrap();
        assert_eq!(op.template, "/v2/objects/{object}/records/{record_id}");
        assert!(spec
            .operation("DELETE", "/v2/objects/people/records/abc")
            .is_none());
    }
}
