//! Saved views of an object's records or a list's entries: "List views for
//! object" (`GET /v2/objects/{object}/views`) and "List views for list"
//! (`GET /v2/lists/{list}/views`), at
//! <https://docs.attio.com/rest-api/endpoint-reference/views/list-views-for-object>.
//! A view's id filters a record or entry query as the view does
//! (`filter_view_id`).

use serde::Deserialize;

use super::schema::segment;
use reqwest::Method;

use crate::client::transport::{decode, Call};
use crate::{Client, Error};

/// A saved view.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct View {
    /// Workspace, object or list, and view ids.
    pub id: ViewIdentity,
    /// The view's title ("All people").
    pub title: String,
    /// When the view was created (RFC 3339, as Attio sends it).
    pub created_at: String,
}

/// The `id` of a view: the workspace, the object or the list, and the view.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ViewIdentity {
    /// The workspace's id.
    pub workspace_id: String,
    /// The object's id, for a view of an object.
    #[serde(default)]
    pub object_id: Option<String>,
    /// The list's id, for a view of a list.
    #[serde(default)]
    pub list_id: Option<String>,
    /// The view's id: what a query's `filter_view_id` takes.
    pub view_id: String,
}

/// One page of views.
#[derive(Deserialize)]
struct Page {
    data: Vec<View>,
    pagination: Pagination,
}

#[derive(Deserialize)]
struct Pagination {
    next_cursor: Option<String>,
}

impl Client {
    /// Every saved view of an object (by slug or id), archived ones
    /// included with `show_archived`: "List views for object",
    /// `GET /v2/objects/{object}/views`, page after page.
    pub async fn list_object_views(
        &self,
        object: &str,
        show_archived: bool,
    ) -> Result<Vec<View>, Error> {
        self.views(
            format!("/v2/objects/{}/views", segment(object)),
            show_archived,
        )
        .await
    }

    /// Every saved view of a list (by slug or id): "List views for list",
    /// `GET /v2/lists/{list}/views`, page after page.
    pub async fn list_list_views(
        &self,
        list: &str,
        show_archived: bool,
    ) -> Result<Vec<View>, Error> {
        self.views(format!("/v2/lists/{}/views", segment(list)), show_archived)
            .await
    }

    /// Follows `next_cursor` to the last page.
    async fn views(&self, path: String, show_archived: bool) -> Result<Vec<View>, Error> {
        let mut views = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut page_path = format!("{path}?show_archived={show_archived}");
            if let Some(cursor) = &cursor {
                page_path.push_str(&format!("&cursor={}", segment(cursor)));
            }
            let body = self.send(Call::get(page_path.clone())).await?;
            // The page is the whole body: `data` beside `pagination`.
            let page: Page = decode(&body, &Method::GET, &page_path)?;
            views.extend(page.data);
            match page.pagination.next_cursor {
                Some(next) => cursor = Some(next),
                None => return Ok(views),
            }
        }
    }
}
