//! [`Query`]: the body of a records or entries query.

use std::fmt;

use serde::{Serialize, Serializer};
use serde_json::{json, Map, Value};

use super::expression::Filter;
use super::sort::Sort;

/// The body of a records or entries query: `filter`, `sorts`, `limit` and
/// `offset` at the top level (no `data` wrapper), each left out when unset.
///
/// Built from the attribute constants of a record type (here `Company`, as
/// generated for `companies`), so that a filter on another object's
/// attribute does not compile:
///
/// ```
/// use attio_runtime::serde_json::json;
/// use attio_runtime::Query;
/// # #[derive(Debug, Clone, PartialEq, attio_runtime::Record)]
/// # #[attio(object = "companies")]
/// # #[attio(schema = "../fixtures/workspace/attio-schema.json")]
/// # struct Company { name: Option<String> }
///
/// let query = Query::<Company>::new()
///     .filter(Company::NAME.starts_with("Acme"))
///     .sort(Company::NAME.asc())
///     .limit(100); // records per page
/// assert_eq!(
///     query.to_json(),
///     json!({
///         "filter": {"name": {"$starts_with": "Acme"}},
///         "sorts": [{"direction": "asc", "attribute": "name"}],
///         "limit": 100,
///     })
/// );
/// // `client.query_records(query)` streams every page; `client.query_records_page(&query)` reads one.
/// ```
pub struct Query<R> {
    filter: Option<Filter<R>>,
    sorts: Vec<Sort<R>>,
    limit: Option<u32>,
    offset: Option<u32>,
    view: Option<String>,
}

impl<R> Serialize for Query<R> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

impl<R> Default for Query<R> {
    fn default() -> Self {
        Query {
            filter: None,
            sorts: Vec::new(),
            limit: None,
            offset: None,
            view: None,
        }
    }
}

impl<R> Clone for Query<R> {
    fn clone(&self) -> Self {
        Query {
            filter: self.filter.clone(),
            sorts: self.sorts.clone(),
            limit: self.limit,
            offset: self.offset,
            view: self.view.clone(),
        }
    }
}
impl<R> fmt::Debug for Query<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Query")
            .field("filter", &self.filter)
            .field("sorts", &self.sorts)
            .field("limit", &self.limit)
            .field("offset", &self.offset)
            .field("view", &self.view)
            .finish()
    }
}

impl<R> Query<R> {
    /// Every record, in Attio's default order.
    pub fn new() -> Self {
        Query::default()
    }

    /// Only records matching `filter` (replacing any earlier filter).
    pub fn filter(mut self, filter: Filter<R>) -> Self {
        self.filter = Some(filter);
        self
    }

    /// Adds a sort key, applied after the earlier ones.
    pub fn sort(mut self, sort: Sort<R>) -> Self {
        self.sorts.push(sort);
        self
    }

    /// At most `limit` records per page (Attio's default is 500).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Skips the first `offset` records.
    pub fn offset(mut self, offset: u32) -> Self {
        self.offset = Some(offset);
        self
    }

    /// Only records (or entries) the saved view `view_id` shows, further
    /// narrowed by [`filter`](Self::filter) when both are given: Attio's
    /// `filter_view_id`. A view that does not exist is a
    /// [`NotFound`](crate::ErrorKind::NotFound) error.
    pub fn view(mut self, view_id: impl Into<String>) -> Self {
        self.view = Some(view_id.into());
        self
    }

    /// The saved view the query is narrowed to, if set.
    pub fn view_id(&self) -> Option<&str> {
        self.view.as_deref()
    }

    /// The filter, if any.
    pub fn filter_ref(&self) -> Option<&Filter<R>> {
        self.filter.as_ref()
    }

    /// The sorts, in order.
    pub fn sorts(&self) -> &[Sort<R>] {
        &self.sorts
    }

    /// The page size, if set.
    pub fn limit_value(&self) -> Option<u32> {
        self.limit
    }

    /// The offset, if set.
    pub fn offset_value(&self) -> Option<u32> {
        self.offset
    }

    /// The request body.
    pub fn to_json(&self) -> Value {
        let mut body = Map::new();
        if let Some(filter) = &self.filter {
            body.insert("filter".into(), filter.to_json());
        }
        if !self.sorts.is_empty() {
            body.insert("sorts".into(), json!(self.sorts));
        }
        if let Some(limit) = self.limit {
            body.insert("limit".into(), Value::from(limit));
        }
        if let Some(offset) = self.offset {
            body.insert("offset".into(), Value::from(offset));
        }
        if let Some(view) = &self.view {
            body.insert("filter_view_id".into(), Value::from(view.as_str()));
        }
        Value::Object(body)
    }
}
