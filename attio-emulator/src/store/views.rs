//! Saved views of objects and lists, as far as queries need them: a query's
//! `filter_view_id` narrows it to what the view shows. Views are found by
//! id within their object or list; one that does not exist there is
//! Attio's 404 `not_found`.

use serde_json::Value;

use super::Store;

/// A saved view of an object or a list.
#[derive(Debug, Clone)]
pub(crate) struct SavedView {
    pub id: String,
    /// The object or list UUID the view belongs to.
    pub owner_id: String,
    /// What the view shows, in the query filter grammar; `None` shows all.
    pub filter: Option<Value>,
}

impl Store {
    /// The view `view_id` of the object or list `owner_id`.
    pub(crate) fn view(&self, owner_id: &str, view_id: &str) -> Option<&SavedView> {
        self.views
            .iter()
            .find(|v| v.owner_id == owner_id && v.id.eq_ignore_ascii_case(view_id))
    }
}
