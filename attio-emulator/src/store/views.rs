//! Saved views of objects and lists: what `GET /v2/objects/{object}/views`
//! and `GET /v2/lists/{list}/views` list, and the filter a query names by
//! `filter_view_id`.
//!
//! Attio's API reads views but does not create them, so the emulator seeds
//! one per object and list ("All people", "All entries") and takes more
//! from seed data (`{"views": [{"object", "title", "filter"}]}`).

use serde_json::Value;

use super::{new_id, Owner, Store};
use crate::time;

/// A saved view of an object's records or a list's entries.
#[derive(Debug, Clone)]
pub(crate) struct View {
    pub id: String,
    /// UUID of the object or list the view shows.
    pub owner_id: String,
    pub title: String,
    pub created_at: String,
    /// The view's filter in the query language; `None` shows everything.
    pub filter: Option<Value>,
    pub is_archived: bool,
}

impl Store {
    /// Adds a view to the object or list with this UUID and returns its id.
    pub(crate) fn add_view(
        &mut self,
        owner_id: &str,
        title: impl Into<String>,
        filter: Option<Value>,
    ) -> String {
        let id = new_id();
        self.views.push(View {
            id: id.clone(),
            owner_id: owner_id.to_owned(),
            title: title.into(),
            created_at: time::now_string(),
            filter,
            is_archived: false,
        });
        id
    }

    /// The view every object and list starts with: "All <plural noun>" of
    /// an object, "All entries" of a list.
    pub(crate) fn add_default_view(&mut self, owner: Owner) {
        let title = match owner {
            Owner::Object(i) => {
                let object = &self.objects[i];
                let plural = object.plural_noun.as_deref().unwrap_or(&object.api_slug);
                format!("All {}", plural.to_lowercase())
            }
            Owner::List(_) => "All entries".to_owned(),
            Owner::Activity(i) => format!("All {}", self.activities[i].plural_noun.to_lowercase()),
        };
        let owner_id = owner.id(self);
        self.add_view(&owner_id, title, None);
    }

    /// The default view of every object and list.
    pub(crate) fn add_default_views(&mut self) {
        let objects = (0..self.objects.len()).map(Owner::Object);
        let lists = (0..self.lists.len()).map(Owner::List);
        for owner in objects.chain(lists).collect::<Vec<_>>() {
            self.add_default_view(owner);
        }
    }

    /// The views of an object or list (archived ones included), ordered by
    /// view id as Attio orders them.
    pub(crate) fn views_of(&self, owner: Owner) -> Vec<&View> {
        let owner_id = owner.id(self);
        let mut views: Vec<&View> = self
            .views
            .iter()
            .filter(|v| v.owner_id == owner_id)
            .collect();
        views.sort_by(|a, b| a.id.cmp(&b.id));
        views
    }

    /// The filter of the view `view_id` of this object or list, for a
    /// query's `filter_view_id`: `None` when the owner has no such view,
    /// `Some(Value::Null)` for a view without a filter (it shows every
    /// record or entry), otherwise the filter in the query language, to
    /// parse with [`crate::filter::parse`] as a query's own filter is.
    pub(crate) fn view_filter(&self, owner: Owner, view_id: &str) -> Option<Value> {
        let owner_id = owner.id(self);
        self.views
            .iter()
            .find(|v| v.owner_id == owner_id && v.id.eq_ignore_ascii_case(view_id))
            .map(|v| v.filter.clone().unwrap_or(Value::Null))
    }
}
