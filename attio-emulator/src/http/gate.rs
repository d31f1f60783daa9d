//! What every request passes before and after its handler: authentication,
//! scopes, rate limits, injected faults, Attio-shaped errors for axum's own
//! rejections, and the execution id.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Utc;

use super::Shared;
use crate::errors::ApiError;
use crate::faults::fault_response;
use crate::fleet::{bearer, Preauthorized};
use crate::query_score::{is_query, query_cost, whole_second_after, Refusal, SCORE_HEADER};
use crate::rate_limit::budget_for;
use crate::state::AppState;

/// Attio's 404 for a path no route matches.
pub(crate) async fn unknown_route(method: Method, uri: Uri) -> ApiError {
    ApiError::no_endpoint(method.as_str(), uri.path())
}

/// Authentication, then rate limiting (per second, then the query score),
/// then the handler; also turns the router's 405 (known path, other method)
/// into Attio's 404, stamps `x-attio-execution-id` on every response and
/// the score on every answer of a scored query.
pub(crate) async fn gatekeeper(
    State(state): State<Shared>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let admitted = match check_request(&state, &request) {
        Ok(()) => charge_query(&state, request).await,
        Err(error) => Err(error),
    };
    let mut response = match admitted {
        Err(error) => error.into_response(),
        Ok((request, score)) => {
            let decision = state
                .faults
                .as_ref()
                .map(|f| f.decide(&method, &path))
                .unwrap_or_default();
            if !decision.delay.is_zero() {
                tokio::time::sleep(decision.delay).await;
            }
            match decision.outcome {
                Some((fault, false)) => fault_response(fault),
                outcome => {
                    let response = next.run(request).await;
                    let mut response = attio_error_body(response, &method, &path);
                    if let Some((fault, true)) = outcome {
                        if response.status().is_success() {
                            if let Some(faults) = &state.faults {
                                faults.record_applied();
                            }
                        }
                        response = fault_response(fault);
                    }
                    if let Some(score) = score {
                        response
                            .headers_mut()
                            .insert(SCORE_HEADER, HeaderValue::from(score));
                    }
                    response
                }
            }
        }
    };
    if let Ok(id) = HeaderValue::from_str(&crate::store::new_id()) {
        response.headers_mut().insert("x-attio-execution-id", id);
    }
    response
}

/// Rejections produced by axum itself (a known path with another method, a
/// body over the size limit, an undecodable path or query) come as plain
/// text; clients expect Attio's JSON error body on every failure.
fn attio_error_body(response: Response, method: &Method, path: &str) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if status == StatusCode::METHOD_NOT_ALLOWED {
        return ApiError::no_endpoint(method.as_str(), path).into_response();
    }
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let error = if status == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::body_issue(vec![], "The request body is too large.")
    } else {
        ApiError::bad_request("validation_type", format!("Invalid request ({status})."))
    };
    error.into_response()
}

/// Charges a record or entry query its score (read from its body, which is
/// then handed on unchanged), or refuses it; other requests pass free. A
/// body that is not JSON costs 1: the handler refuses it anyway.
async fn charge_query(
    state: &AppState,
    request: Request,
) -> Result<(Request, Option<u32>), ApiError> {
    if !is_query(request.method(), request.uri().path()) {
        return Ok((request, None));
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, crate::routes::BODY_LIMIT)
        .await
        .map_err(|_| ApiError::body_issue(vec![], "The request body is too large."))?;
    let cost = serde_json::from_slice(&bytes).map_or(1, |body| query_cost(&body));
    let now = Utc::now();
    match state.query_scores.check(cost, now) {
        Ok(()) => Ok((Request::from_parts(parts, Body::from(bytes)), Some(cost))),
        Err(Refusal::WindowFull { retry_at }) => Err(ApiError::rate_limited(
            crate::time::http_date(whole_second_after(retry_at)),
        )),
        Err(Refusal::TooComplex { cost, budget }) => Err(ApiError::query_too_complex(
            cost,
            budget,
            crate::time::http_date(whole_second_after(now + chrono::TimeDelta::seconds(1))),
        )),
    }
}

fn check_request(state: &AppState, request: &Request) -> Result<(), ApiError> {
    let preauthorized = request.extensions().get::<Preauthorized>().is_some();
    let authorized = match (bearer(request.headers()), state.key()) {
        _ if preauthorized => true,
        (Some(token), Some(key)) => token == key,
        (Some(_), None) => true,
        (None, _) => false,
    };
    if !authorized {
        return Err(ApiError::unauthorized(
            "Authentication failed: provide a valid access token as \"Authorization: Bearer <token>\".",
        ));
    }
    if let Some(granted) = &state.scopes {
        let path = request.uri().path();
        for scope in attio_schema::scopes::required(request.method().as_str(), path) {
            if !granted.iter().any(|g| scope.granted_by(g)) {
                return Err(ApiError::missing_scope(&scope.to_string()));
            }
        }
    }
    let budget = budget_for(request.method(), request.uri().path());
    state
        .limiter
        .check(budget, Utc::now())
        .map_err(ApiError::rate_limited)
}
