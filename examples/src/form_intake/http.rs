//! The axum routes: `GET /` (the form), `POST /submit` (a form post or
//! JSON), `GET /thanks`. Each answer is chosen by how the post came in:
//! pages for a browser, JSON for a program.

use attio_runtime::AttioApi;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;

use super::form::{validate, FieldErrors, RawSubmission};
use super::intake::{submit, Receipt};
use super::page;

/// What the submitter is told when Attio could not take the submission.
/// Generic on purpose: Attio's answer (and anything about the key) is for
/// the server's log, not for the public.
pub const UNAVAILABLE: &str =
    "we could not save your message just now; please try again in a few minutes";

/// The routes, saving submissions through `api` (a [`Client`], or a
/// double in tests).
///
/// [`Client`]: attio_runtime::Client
pub fn router<A>(api: A) -> Router
where
    A: AttioApi + Clone + Send + Sync + 'static,
{
    Router::new()
        .route("/", get(form_page))
        .route("/submit", post(submit_post::<A>))
        .route("/thanks", get(thanks_page))
        .with_state(api)
}

async fn form_page() -> Html<String> {
    Html(page::form(
        &RawSubmission::default(),
        &FieldErrors::default(),
        None,
    ))
}

async fn thanks_page() -> Html<String> {
    Html(page::thanks())
}

/// How a post was encoded, from its `Content-Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Form,
    Json,
}

impl Encoding {
    fn of(headers: &HeaderMap) -> Option<Encoding> {
        let content_type = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
        // Parameters such as `; charset=utf-8` do not change the encoding.
        let essence = content_type.split(';').next()?.trim();
        if essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
            Some(Encoding::Form)
        } else if essence.eq_ignore_ascii_case("application/json") {
            Some(Encoding::Json)
        } else {
            None
        }
    }
}

async fn submit_post<A: AttioApi>(
    State(api): State<A>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match Encoding::of(&headers) {
        Some(Encoding::Form) => submit_form(&api, RawSubmission::from_form(&body)).await,
        Some(Encoding::Json) => match RawSubmission::from_json(&body) {
            Ok(raw) => submit_json(&api, raw).await,
            Err(error) => json_error(StatusCode::BAD_REQUEST, &error),
        },
        None => (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "post the form as application/x-www-form-urlencoded or application/json\n",
        )
            .into_response(),
    }
}

/// A browser's post: the thank-you page after a redirect (so that reloading
/// it does not post again), or the form again with what was typed.
async fn submit_form(api: &impl AttioApi, raw: RawSubmission) -> Response {
    let submission = match validate(&raw) {
        Ok(submission) => submission,
        Err(errors) => {
            let page = page::form(&raw, &errors, None);
            return (StatusCode::UNPROCESSABLE_ENTITY, Html(page)).into_response();
        }
    };
    match submit(api, &submission).await {
        Ok(receipt) => {
            log_saved(&receipt);
            Redirect::to("/thanks").into_response()
        }
        Err(error) => {
            log_failure(&error);
            let notice = format!("Sorry: {UNAVAILABLE}.");
            let page = page::form(&raw, &FieldErrors::default(), Some(&notice));
            (StatusCode::BAD_GATEWAY, Html(page)).into_response()
        }
    }
}

/// A program's post: `{"status": "received"}`, or the field errors as
/// `{"errors": {"email": "…", …}}`.
async fn submit_json(api: &impl AttioApi, raw: RawSubmission) -> Response {
    let submission = match validate(&raw) {
        Ok(submission) => submission,
        Err(errors) => {
            let body = json!({ "errors": errors });
            return (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response();
        }
    };
    match submit(api, &submission).await {
        Ok(receipt) => {
            log_saved(&receipt);
            let first_name = &submission.name.first_name;
            Json(json!({
                "status": "received",
                "message": format!("thank you, {first_name} — we will be in touch soon"),
            }))
            .into_response()
        }
        Err(error) => {
            log_failure(&error);
            json_error(StatusCode::BAD_GATEWAY, UNAVAILABLE)
        }
    }
}

fn json_error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

fn log_saved(receipt: &Receipt) {
    tracing::info!(
        person = %receipt.person,
        company = %receipt.company,
        "saved a form submission"
    );
}

/// Logs why a submission was not saved, for whoever runs the server: the
/// client's errors name the request and Attio's answer, never the key.
fn log_failure(error: &attio_runtime::Error) {
    tracing::error!(kind = ?error.kind(), "cannot save a form submission to Attio: {error}");
}
