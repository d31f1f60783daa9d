//! Cursor pagination, as Attio's newer endpoints (meetings, call
//! recordings, files) page: `limit` and an opaque `cursor` in, the page and
//! `pagination.next_cursor` (`null` on the last page) out.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::http::{number_param, Params};

/// Where a page starts and how long it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Page {
    pub offset: usize,
    pub limit: usize,
}

/// The cursor is the offset of the next page behind a prefix, so that a
/// client cannot mistake it for a count it could compute itself.
const PREFIX: &str = "emu1.";

/// The page a request asks for: `limit` (default `default`, 1 to `max`) and
/// the `cursor` of an earlier answer.
pub(crate) fn page(params: &Params, default: usize, max: usize) -> Result<Page, ApiError> {
    let limit = number_param(params, "limit")?.unwrap_or(default);
    if limit == 0 || limit > max {
        return Err(ApiError::bad_request(
            "validation_type",
            format!("Query parameter \"limit\" must be between 1 and {max}."),
        ));
    }
    let offset = match params.get("cursor").map(String::as_str) {
        None | Some("") => 0,
        Some(cursor) => cursor
            .strip_prefix(PREFIX)
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| {
                ApiError::bad_request(
                    "validation_type",
                    "Query parameter \"cursor\" is not a cursor this endpoint returned.",
                )
            })?,
    };
    Ok(Page { offset, limit })
}

/// The items of the page, and the cursor of the next one (`None` on the last).
pub(crate) fn slice(items: Vec<Value>, page: Page) -> (Vec<Value>, Option<String>) {
    let more = items.len() > page.offset + page.limit;
    let data = items
        .into_iter()
        .skip(page.offset)
        .take(page.limit)
        .collect();
    (
        data,
        more.then(|| format!("{PREFIX}{}", page.offset + page.limit)),
    )
}

/// `200 {"data": [page], "pagination": {"next_cursor"}}` from every item.
pub(crate) fn respond(items: Vec<Value>, page: Page) -> Response {
    let (data, next) = slice(items, page);
    let body = json!({"data": data, "pagination": {"next_cursor": next}});
    (StatusCode::OK, axum::Json(body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Params {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_cursor_round_trips_and_a_foreign_one_is_refused() {
        let first = page(&params(&[("limit", "2")]), 50, 200).unwrap();
        assert_eq!(
            first,
            Page {
                offset: 0,
                limit: 2
            }
        );
        let next = page(&params(&[("limit", "2"), ("cursor", "emu1.2")]), 50, 200).unwrap();
        assert_eq!(next.offset, 2);
        assert!(page(&params(&[("cursor", "2")]), 50, 200).is_err());
        assert!(page(&params(&[("limit", "0")]), 50, 200).is_err());
        assert!(page(&params(&[("limit", "201")]), 50, 200).is_err());
    }
}
