//! Cursor pagination, as Attio's newer endpoints page (meetings, call
//! recordings, files): each answer carries `pagination.next_cursor`,
//! `null` on the last page.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::client::transport::{decode, Call};
use crate::{Client, Error};

/// One page: its items and the cursor of the next.
#[derive(Deserialize)]
#[serde(bound = "T: DeserializeOwned")]
struct Paged<T> {
    data: Vec<T>,
    pagination: Pagination,
}

#[derive(Deserialize)]
struct Pagination {
    next_cursor: Option<String>,
}

impl Client {
    /// Every item of a cursor-paged read: `path` (with its query string,
    /// if any) is fetched again with each `cursor` until there is none.
    pub(crate) async fn every_page<T: DeserializeOwned>(
        &self,
        path: &str,
    ) -> Result<Vec<T>, Error> {
        let separator = if path.contains('?') { '&' } else { '?' };
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let page_path = match &cursor {
                None => path.to_owned(),
                Some(c) => {
                    let query = with_query("", &[("cursor", c.clone())]);
                    format!("{path}{separator}{}", query.trim_start_matches('?'))
                }
            };
            let call = Call::get(page_path.clone());
            let method = call.method.clone();
            let body = self.send(call).await?;
            let page: Paged<T> = decode(&body, &method, &page_path)?;
            items.extend(page.data);
            match page.pagination.next_cursor {
                Some(next) if !next.is_empty() => cursor = Some(next),
                _ => return Ok(items),
            }
        }
    }
}

/// `path` with these query parameters, percent-encoded (`path` has no
/// query string of its own).
pub(crate) fn with_query(path: &str, pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return path.to_owned();
    }
    format!("{path}?{}", query_string(pairs))
}

/// These query parameters, percent-encoded, without the `?`.
pub(crate) fn query_string(pairs: &[(&str, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
        .finish()
}
