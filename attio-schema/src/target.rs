//! Object or list: the one distinction that runs through every layer — the
//! path segment (`/v2/objects/…`, `/v2/lists/…`), the id key of what they
//! hold (`record_id`, `entry_id`), and the nouns messages use.

use std::fmt;

use crate::{Attribute, Workspace};

/// Whether attributes (and the values they hold) belong to an object, whose
/// items are records, or to a list, whose items are entries.
///
/// ```
/// use attio_schema::Target;
///
/// assert_eq!(Target::List.path_segment(), "lists");
/// assert_eq!(Target::Object.id_key(), "record_id");
/// assert_eq!(format!("unknown {} `deals`", Target::Object), "unknown object `deals`");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// An object (`people`, `companies`, custom objects): holds records.
    Object,
    /// A list: holds entries, each for one parent record.
    List,
}

impl Target {
    /// Both, objects first (the order of a snapshot).
    pub const ALL: [Target; 2] = [Target::Object, Target::List];

    /// `object` or `list`.
    pub fn noun(self) -> &'static str {
        match self {
            Target::Object => "object",
            Target::List => "list",
        }
    }

    /// `objects` or `lists`: the plural noun, and the path segment of the API.
    pub fn path_segment(self) -> &'static str {
        match self {
            Target::Object => "objects",
            Target::List => "lists",
        }
    }

    /// `record` or `entry`: what the object or list holds.
    pub fn item_noun(self) -> &'static str {
        match self {
            Target::Object => "record",
            Target::List => "entry",
        }
    }

    /// `records` or `entries`: the path segment of the items.
    pub fn items_segment(self) -> &'static str {
        match self {
            Target::Object => "records",
            Target::List => "entries",
        }
    }

    /// `record_id` or `entry_id`: the key of an item's id.
    pub fn id_key(self) -> &'static str {
        match self {
            Target::Object => "record_id",
            Target::List => "entry_id",
        }
    }

    /// `object_id` or `list_id`: the key of the object's or list's own id.
    pub fn own_id_key(self) -> &'static str {
        match self {
            Target::Object => "object_id",
            Target::List => "list_id",
        }
    }

    /// `Record` or `Entry`: the derive that binds a struct to it.
    pub fn derive_name(self) -> &'static str {
        match self {
            Target::Object => "Record",
            Target::List => "Entry",
        }
    }

    /// The other one.
    pub fn other(self) -> Target {
        match self {
            Target::Object => Target::List,
            Target::List => Target::Object,
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.noun())
    }
}

/// An object or a list of a workspace: its slug and attributes, and for a
/// list the objects its entries' parent records belong to. What else differs
/// (nouns, names) stays on [`Object`](crate::Object) and [`List`](crate::List).
#[derive(Debug, Clone, Copy)]
pub struct Owner<'w> {
    /// Object or list.
    pub target: Target,
    /// The api_slug.
    pub api_slug: &'w str,
    /// Its attributes, archived ones included.
    pub attributes: &'w [Attribute],
    /// For a list, the slugs of the objects its entries' parent records
    /// belong to; empty for an object.
    pub parent_objects: &'w [String],
}

impl<'w> Owner<'w> {
    /// The attribute with this api_slug, archived ones included.
    pub fn attribute(&self, slug: &str) -> Option<&'w Attribute> {
        self.attributes.iter().find(|a| a.api_slug == slug)
    }
}

impl Workspace {
    /// Every object, then every list, as [`Owner`]s.
    pub fn owners(&self) -> impl Iterator<Item = Owner<'_>> {
        let objects = self.objects.iter().map(|o| Owner {
            target: Target::Object,
            api_slug: &o.api_slug,
            attributes: &o.attributes,
            parent_objects: &[],
        });
        let lists = self.lists.iter().map(|l| Owner {
            target: Target::List,
            api_slug: &l.api_slug,
            attributes: &l.attributes,
            parent_objects: &l.parent_object,
        });
        objects.chain(lists)
    }

    /// The objects or the lists, as [`Owner`]s.
    pub fn owners_of(&self, target: Target) -> impl Iterator<Item = Owner<'_>> {
        self.owners().filter(move |o| o.target == target)
    }

    /// The object or list with this api_slug.
    pub fn owner(&self, target: Target, slug: &str) -> Option<Owner<'_>> {
        self.owners_of(target).find(|o| o.api_slug == slug)
    }

    /// Every object, then every list: its target, slug and attributes,
    /// mutable (for filling attributes in after reading them separately).
    pub fn owners_mut(&mut self) -> impl Iterator<Item = (Target, &str, &mut Vec<Attribute>)> {
        let objects = self
            .objects
            .iter_mut()
            .map(|o| (Target::Object, o.api_slug.as_str(), &mut o.attributes));
        let lists = self
            .lists
            .iter_mut()
            .map(|l| (Target::List, l.api_slug.as_str(), &mut l.attributes));
        objects.chain(lists)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_walk_objects_then_lists() {
        let ws: Workspace = serde_json::from_value(serde_json::json!({
            "objects": [{"id": {"workspace_id": "w", "object_id": "o"}, "api_slug": "people",
                         "singular_noun": "Person", "plural_noun": "People"}],
            "lists": [{"id": {"workspace_id": "w", "list_id": "l"}, "api_slug": "pipeline",
                       "name": "Pipeline", "parent_object": ["people"]}],
        }))
        .unwrap();
        let seen: Vec<_> = ws.owners().map(|o| (o.target, o.api_slug)).collect();
        assert_eq!(
            seen,
            [(Target::Object, "people"), (Target::List, "pipeline")]
        );
        assert!(ws.owner(Target::List, "people").is_none());
        let pipeline = ws.owner(Target::List, "pipeline").unwrap();
        assert_eq!(pipeline.target, Target::List);
        assert_eq!(pipeline.parent_objects, ["people"]);
        assert!(ws
            .owner(Target::Object, "people")
            .unwrap()
            .parent_objects
            .is_empty());
    }

    #[test]
    fn each_target_has_its_own_words() {
        for target in Target::ALL {
            assert_ne!(target.noun(), target.other().noun());
            assert!(target.path_segment().starts_with(target.noun()));
            assert!(target.id_key().starts_with(target.item_noun()));
        }
    }
}
