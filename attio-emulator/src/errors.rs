//! Attio's error body.
//!
//! Every failed request is answered with
//! `{"status_code", "type", "code", "message"}` (plus `validation_errors` for
//! body and value validation failures), exactly as Attio does, because
//! clients match on `code` and sometimes on the message text.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

/// The message Attio sends when a request body does not match the endpoint's schema.
pub(crate) const BODY_VALIDATION_MESSAGE: &str = "Body payload validation error.";

/// One entry of `validation_errors`, modelled on the zod issues Attio returns.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ValidationIssue {
    /// `invalid_type`, `invalid_option`, `custom` …
    pub code: &'static str,
    /// Where in the body (or value) the problem is.
    pub path: Vec<Value>,
    /// What is wrong.
    pub message: String,
}

impl ValidationIssue {
    pub(crate) fn new(code: &'static str, path: Vec<Value>, message: impl Into<String>) -> Self {
        ValidationIssue {
            code,
            path,
            message: message.into(),
        }
    }

    fn to_json(&self) -> Value {
        json!({"code": self.code, "path": self.path, "message": self.message})
    }
}

/// A failed API call, rendered as Attio's error body.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{status} {code}: {message}")]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub validation_errors: Option<Vec<ValidationIssue>>,
    /// `Retry-After` header value, only on 429.
    pub retry_after: Option<String>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            validation_errors: None,
            retry_after: None,
        }
    }

    /// 404 `not_found`.
    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 404 `merge_in_progress`: the record a merge answered 202 for, read
    /// before the merge is done
    /// (<https://docs.attio.com/rest-api/endpoint-reference/records/merge-two-records>).
    pub(crate) fn merge_in_progress(id: &str) -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "merge_in_progress",
            format!("Record with ID \"{id}\" is still being merged; try again shortly."),
        )
    }

    /// 404 for a method and path no route serves.
    pub(crate) fn no_endpoint(method: &str, path: &str) -> Self {
        ApiError::not_found(format!("Could not find endpoint \"{method} {path}\"."))
    }

    /// 401 `unauthorized`.
    pub(crate) fn unauthorized(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    /// 403 for a token without a scope the endpoint needs: `auth_error` /
    /// `unauthorized`, the code Attio's October 2026 OpenAPI document gives
    /// every 403 of this kind; the scope named in the message is the
    /// emulator's own wording.
    pub(crate) fn missing_scope(scope: &str) -> Self {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "unauthorized",
            format!("The access token is missing the scope \"{scope}\" this endpoint requires."),
        )
    }

    /// 429 `rate_limit_exceeded` with an HTTP-date `Retry-After`.
    pub(crate) fn rate_limited(retry_after: String) -> Self {
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limit_exceeded",
            "Rate limit exceeded, please try again later",
        );
        e.retry_after = Some(retry_after);
        e
    }

    /// A server error (5xx), as injected by a fault plan.
    pub(crate) fn server_error(status: StatusCode) -> Self {
        ApiError::new(
            status,
            "internal_server_error",
            "An unexpected error occurred (injected by the emulator's fault plan).",
        )
    }

    /// 400 with the given code.
    pub(crate) fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// 409 with the given code.
    pub(crate) fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::CONFLICT, code, message)
    }

    /// 400 `validation_type` "Body payload validation error." with issues.
    pub(crate) fn body_validation(issues: Vec<ValidationIssue>) -> Self {
        let mut e = ApiError::bad_request("validation_type", BODY_VALIDATION_MESSAGE);
        e.validation_errors = Some(issues);
        e
    }

    /// 400 `validation_type` for one body issue at `path`.
    pub(crate) fn body_issue(path: Vec<Value>, message: impl Into<String>) -> Self {
        ApiError::body_validation(vec![ValidationIssue::new("invalid_type", path, message)])
    }

    /// 400 `validation_type` "An invalid value was passed to attribute with slug …".
    pub(crate) fn invalid_value(slug: &str, issues: Vec<ValidationIssue>) -> Self {
        let mut e = ApiError::bad_request(
            "validation_type",
            format!("An invalid value was passed to attribute with slug \"{slug}\"."),
        );
        e.validation_errors = Some(issues);
        e
    }

    /// Attio's `type` field, derived from the status as Attio does.
    pub(crate) fn error_type(&self) -> &'static str {
        match self.status {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => "auth_error",
            StatusCode::TOO_MANY_REQUESTS => "rate_limit_error",
            // Attio does not document the type of its 5xx bodies.
            s if s.is_server_error() => "internal_server_error",
            _ => "invalid_request_error",
        }
    }

    /// The JSON body.
    pub(crate) fn body(&self) -> Value {
        let mut body = Map::new();
        body.insert("status_code".into(), json!(self.status.as_u16()));
        body.insert("type".into(), json!(self.error_type()));
        body.insert("code".into(), json!(self.code));
        body.insert("message".into(), json!(self.message));
        if let Some(issues) = &self.validation_errors {
            body.insert(
                "validation_errors".into(),
                Value::Array(issues.iter().map(ValidationIssue::to_json).collect()),
            );
        }
        Value::Object(body)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body())).into_response();
        if let Some(when) = &self.retry_after {
            if let Ok(value) = HeaderValue::from_str(when) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_code_and_type_follow_the_status() {
        let e = ApiError::unauthorized("nope");
        assert_eq!(e.body()["status_code"], 401);
        assert_eq!(e.body()["type"], "auth_error");
        let e = ApiError::rate_limited("Wed, 05 Mar 2025 10:00:01 GMT".into());
        assert_eq!(e.body()["type"], "rate_limit_error");
        assert_eq!(e.body()["code"], "rate_limit_exceeded");
        let e = ApiError::bad_request("value_not_found", "x");
        assert_eq!(e.body()["type"], "invalid_request_error");
        assert!(e.body().get("validation_errors").is_none());
    }
}
