//! The orders `GET /v2/tasks` lists tasks in.

use crate::errors::ApiError;
use crate::http::Params;
use crate::store::Task;

/// The orders of `GET /v2/tasks`' `sort`: by creation or by completion,
/// each ascending or descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sort {
    Created { descending: bool },
    Completed { descending: bool },
}

pub(super) fn sort_param(params: &Params) -> Result<Sort, ApiError> {
    Ok(match params.get("sort").map(String::as_str) {
        None | Some("created_at:asc") => Sort::Created { descending: false },
        Some("created_at:desc") => Sort::Created { descending: true },
        Some("completed_at:asc") => Sort::Completed { descending: false },
        Some("completed_at:desc") => Sort::Completed { descending: true },
        Some(other) => {
            return Err(ApiError::bad_request(
                "validation_type",
                format!(
                    "Query parameter \"sort\" must be one of \"created_at:asc\", \"created_at:desc\", \"completed_at:asc\" or \"completed_at:desc\", not \"{other}\"."
                ),
            ))
        }
    })
}

/// Sorts tasks held in creation order. By completion, open tasks (no
/// `completed_at`) come after the completed ones in either direction —
/// Attio does not say where it puts them — and ties keep creation order.
pub(super) fn sort_tasks(tasks: &mut [&Task], sort: Sort) {
    match sort {
        Sort::Created { descending } => {
            if descending {
                tasks.reverse();
            }
        }
        Sort::Completed { descending } => tasks.sort_by(|a, b| {
            match (&a.completed_at, &b.completed_at) {
                // Attio's timestamp format sorts as text.
                (Some(x), Some(y)) if descending => y.cmp(x),
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
        }),
    }
}
