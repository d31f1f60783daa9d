//! What the calls on records and on entries share: one item by id (get,
//! PATCH/PUT, delete) and paged queries, with paths and bodies built from
//! the model's [`Target`](crate::Target).

use futures_core::Stream;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::retry::Idempotency;
use super::transport::Call;
use crate::record::{Model, Values};
use crate::request;
use crate::Query;
use crate::{Client, Error};

/// Attio's default and largest page of a query.
pub const DEFAULT_PAGE_SIZE: u32 = 500;

/// `GET …/{id}`.
pub(crate) fn get<M: Model>(id: &str) -> Call {
    Call::get(request::item_path::<M>(id))
}

/// PATCH (add to multiselect values) or PUT (replace them) of one item's
/// values: both may be repeated safely (a PATCH does not add a value twice).
pub(crate) fn write<M: Model>(method: Method, id: &str, values: &Values) -> Call {
    Call::write(
        method,
        request::item_path::<M>(id),
        Some(request::write_body::<M>(values)),
        Idempotency::Idempotent,
    )
}

/// `DELETE …/{id}`: repeating it deletes nothing more.
pub(crate) fn delete<M: Model>(id: &str) -> Call {
    Call::write(
        Method::DELETE,
        request::item_path::<M>(id),
        None,
        Idempotency::Idempotent,
    )
}

/// One page of `query`, with its own limit and offset.
pub(crate) fn query_page<M: Model>(query: &Query<M>) -> Call {
    Call::query(request::items_query_path::<M>(), query.to_json())
}

impl Client {
    /// Every item matching `query`, decoded as `T`, page after page.
    pub(crate) fn query_items<'a, M: Model + 'a, T: DeserializeOwned + 'a>(
        &'a self,
        query: Query<M>,
    ) -> impl Stream<Item = Result<T, Error>> + 'a {
        self.pages(
            request::items_query_path::<M>(),
            query.to_json(),
            query.limit_value(),
            query.offset_value(),
        )
    }

    /// The lazily paginated results of a query body at `path`.
    pub(crate) fn pages<'a, T: DeserializeOwned + 'a>(
        &'a self,
        path: String,
        body: Value,
        limit: Option<u32>,
        offset: Option<u32>,
    ) -> impl Stream<Item = Result<T, Error>> + 'a {
        let page_size = limit.unwrap_or(DEFAULT_PAGE_SIZE).max(1);
        // The offset of the next page (`None` after the last) and the
        // items of the current page not yet yielded.
        let state = Some((Some(offset.unwrap_or(0)), Vec::<T>::new().into_iter()));
        futures_util::stream::try_unfold(state, move |state| {
            let (path, mut body) = (path.clone(), body.clone());
            async move {
                let Some((offset, mut buffered)) = state else {
                    return Ok(None);
                };
                if let Some(item) = buffered.next() {
                    return Ok(Some((item, Some((offset, buffered)))));
                }
                let Some(offset) = offset else {
                    return Ok(None);
                };
                body["limit"] = json!(page_size);
                body["offset"] = json!(offset);
                let page: Vec<T> = self.call(Call::query(path, body)).await?;
                let last = page.len() < page_size as usize;
                let mut items = page.into_iter();
                let Some(first) = items.next() else {
                    return Ok(None);
                };
                let next = if last && items.len() == 0 {
                    None
                } else if last {
                    // Drain the buffer, then stop: no further request.
                    Some((None, items))
                } else {
                    Some((Some(offset + page_size), items))
                };
                Ok(Some((first, next)))
            }
        })
    }
}
