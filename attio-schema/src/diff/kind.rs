//! What happened at a path: every kind of change, its classification and its
//! message.

use std::fmt;

use crate::{AttributeType, Target};

use super::parts::{ChoiceKind, Severity, Targets, TextField};

/// What happened at a [`Change::path`](super::Change::path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// A new object. Additive.
    ObjectAdded,
    /// An object is gone. Breaking.
    ObjectRemoved,
    /// The object's `api_slug` changed (same UUID). Breaking.
    ObjectRenamed {
        /// The old slug.
        from: String,
        /// The new slug.
        to: String,
    },
    /// The slug now names a different object (another UUID): it was re-created.
    /// Not breaking by itself, since generated code names slugs; what the new
    /// one changes is reported as its own changes.
    ObjectReplaced {
        /// The old object's UUID.
        old_id: String,
        /// The new object's UUID.
        new_id: String,
    },
    /// A new list. Additive.
    ListAdded,
    /// A list is gone. Breaking.
    ListRemoved,
    /// The list's `api_slug` changed (same UUID). Breaking.
    ListRenamed {
        /// The old slug.
        from: String,
        /// The new slug.
        to: String,
    },
    /// The slug now names a different list (another UUID): it was re-created.
    /// Not breaking by itself, since generated code names slugs; what the new
    /// one changes is reported as its own changes.
    ListReplaced {
        /// The old list's UUID.
        old_id: String,
        /// The new list's UUID.
        new_id: String,
    },
    /// The objects whose records can be entries changed. Breaking when one
    /// was removed, additive when objects were only added.
    ParentObjectsChanged {
        /// The old parent object slugs, sorted.
        from: Vec<String>,
        /// The new parent object slugs, sorted.
        to: Vec<String>,
    },
    /// A new attribute. Additive.
    AttributeAdded {
        /// Whether it arrived archived (and so takes no writes).
        archived: bool,
    },
    /// An attribute is gone. Breaking.
    AttributeRemoved,
    /// An attribute was archived. Breaking.
    AttributeArchived,
    /// An archived attribute was restored. Additive.
    AttributeRestored,
    /// The attribute's `api_slug` changed (same UUID). Breaking.
    AttributeRenamed {
        /// The old slug.
        from: String,
        /// The new slug.
        to: String,
    },
    /// The slug now names a different attribute (another UUID): it was re-created.
    /// Not breaking by itself, since generated code names slugs; what the new
    /// one changes is reported as its own changes.
    AttributeReplaced {
        /// The old attribute's UUID.
        old_id: String,
        /// The new attribute's UUID.
        new_id: String,
    },
    /// The attribute type changed. Breaking.
    TypeChanged {
        /// The old type.
        from: AttributeType,
        /// The new type.
        to: AttributeType,
    },
    /// `is_multiselect` changed (the field's cardinality). Breaking.
    MultiselectChanged {
        /// The new value.
        multiselect: bool,
    },
    /// `is_required` changed. Breaking when it became required.
    RequiredChanged {
        /// The new value.
        required: bool,
    },
    /// `is_unique` changed. Breaking either way: becoming unique rejects
    /// duplicate writes, and losing it breaks every upsert matching on it.
    UniqueChanged {
        /// The new value.
        unique: bool,
    },
    /// `is_writable` changed. Breaking when it became read-only.
    WritableChanged {
        /// The new value.
        writable: bool,
    },
    /// Fewer objects (or not all of the old ones) may be referenced. Breaking.
    TargetsNarrowed {
        /// The old targets.
        from: Targets,
        /// The new targets.
        to: Targets,
    },
    /// More objects may be referenced, all old ones included. Additive.
    TargetsWidened {
        /// The old targets.
        from: Targets,
        /// The new targets.
        to: Targets,
    },
    /// The attribute became one side of a two-way relationship: writing it
    /// now also writes `inverse`. Additive.
    RelationshipAdded {
        /// The other side, `object.attribute`.
        inverse: String,
    },
    /// The attribute is no longer one side of a two-way relationship.
    /// Breaking: code that relied on a write showing up on the other side
    /// no longer gets it.
    RelationshipRemoved {
        /// The old other side, `object.attribute`.
        inverse: String,
    },
    /// The attribute now mirrors another attribute. Breaking, for the same
    /// reason as a removal: the old other side is no longer kept in step.
    RelationshipChanged {
        /// The old other side, `object.attribute`.
        from: String,
        /// The new other side, `object.attribute`.
        to: String,
    },
    /// A new option or status. Additive.
    ChoiceAdded {
        /// Option or status.
        choice: ChoiceKind,
        /// Its title.
        title: String,
        /// Whether it arrived archived.
        archived: bool,
    },
    /// An option or status is gone. Breaking.
    ChoiceRemoved {
        /// Option or status.
        choice: ChoiceKind,
        /// Its title.
        title: String,
    },
    /// An option or status was archived. Breaking.
    ChoiceArchived {
        /// Option or status.
        choice: ChoiceKind,
        /// Its title.
        title: String,
    },
    /// An archived option or status was restored. Additive.
    ChoiceRestored {
        /// Option or status.
        choice: ChoiceKind,
        /// Its title.
        title: String,
    },
    /// An option or status was retitled (same UUID). Breaking: writes and
    /// generated enums use titles.
    ChoiceRenamed {
        /// Option or status.
        choice: ChoiceKind,
        /// The old title.
        from: String,
        /// The new title.
        to: String,
    },
    /// A title, description, noun or list name changed. Additive (cosmetic):
    /// only generated doc comments change.
    TextChanged {
        /// Which property.
        field: TextField,
        /// The old text.
        from: Option<String>,
        /// The new text.
        to: Option<String>,
    },
}

impl ChangeKind {
    /// A new object or list.
    pub(super) fn added(target: Target) -> ChangeKind {
        match target {
            Target::Object => ChangeKind::ObjectAdded,
            Target::List => ChangeKind::ListAdded,
        }
    }

    /// An object or list is gone.
    pub(super) fn removed(target: Target) -> ChangeKind {
        match target {
            Target::Object => ChangeKind::ObjectRemoved,
            Target::List => ChangeKind::ListRemoved,
        }
    }

    /// An object's or list's `api_slug` changed.
    pub(super) fn renamed(target: Target, from: String, to: String) -> ChangeKind {
        match target {
            Target::Object => ChangeKind::ObjectRenamed { from, to },
            Target::List => ChangeKind::ListRenamed { from, to },
        }
    }

    /// An object's or list's slug now names another UUID.
    pub(super) fn replaced(target: Target, old_id: String, new_id: String) -> ChangeKind {
        match target {
            Target::Object => ChangeKind::ObjectReplaced { old_id, new_id },
            Target::List => ChangeKind::ListReplaced { old_id, new_id },
        }
    }

    /// Whether this change can alter code generated from the schema: all
    /// but a re-created entity under its old slug, whose new UUID only the
    /// snapshot records (generated code names slugs, and resolves record
    /// reference targets within the snapshot).
    pub fn alters_generated_code(&self) -> bool {
        use ChangeKind::*;
        !matches!(
            self,
            ObjectReplaced { .. } | ListReplaced { .. } | AttributeReplaced { .. }
        )
    }

    /// The classification of this kind of change (see [`Severity`]).
    pub fn severity(&self) -> Severity {
        use ChangeKind::*;
        let breaking = match self {
            ObjectRemoved
            | ObjectRenamed { .. }
            | ListRemoved
            | ListRenamed { .. }
            | AttributeRemoved
            | AttributeArchived
            | AttributeRenamed { .. }
            | TypeChanged { .. }
            | MultiselectChanged { .. }
            | TargetsNarrowed { .. }
            | RelationshipRemoved { .. }
            | RelationshipChanged { .. }
            | ChoiceRemoved { .. }
            | ChoiceArchived { .. }
            | ChoiceRenamed { .. } => true,
            RequiredChanged { required } => *required,
            UniqueChanged { .. } => true,
            WritableChanged { writable } => !*writable,
            ParentObjectsChanged { from, to } => from.iter().any(|p| !to.contains(p)),
            ObjectAdded
            | ListAdded
            | AttributeAdded { .. }
            | AttributeRestored
            | TargetsWidened { .. }
            | RelationshipAdded { .. }
            | ChoiceAdded { .. }
            | ChoiceRestored { .. }
            | TextChanged { .. } => false,
            // A slug that names a re-created entity still means to generated
            // code what it meant; anything the new one does differently is
            // reported as its own change, with its own severity.
            ObjectReplaced { .. } | ListReplaced { .. } | AttributeReplaced { .. } => false,
        };
        if breaking {
            Severity::Breaking
        } else {
            Severity::Additive
        }
    }
}

/// Text or `none`, quoted and escaped so a change stays on one line.
struct Quoted<'a>(Option<&'a str>);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(text) => write!(f, "{text:?}"),
            None => f.write_str("none"),
        }
    }
}

fn slugs(items: &[String]) -> String {
    if items.is_empty() {
        "no object".to_owned()
    } else {
        items.join(", ")
    }
}

/// The message of a report line (after `path: `).
impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ChangeKind::*;
        match self {
            ObjectAdded => f.write_str("object added"),
            ObjectRemoved => f.write_str("object removed"),
            ObjectRenamed { from, to } => {
                write!(f, "object api_slug changed from {from:?} to {to:?}")
            }
            ObjectReplaced { old_id, new_id } => write!(
                f,
                "api_slug now names a different object (id {old_id} replaced by {new_id})"
            ),
            ListAdded => f.write_str("list added"),
            ListRemoved => f.write_str("list removed"),
            ListRenamed { from, to } => write!(f, "list api_slug changed from {from:?} to {to:?}"),
            ListReplaced { old_id, new_id } => write!(
                f,
                "api_slug now names a different list (id {old_id} replaced by {new_id})"
            ),
            ParentObjectsChanged { from, to } => write!(
                f,
                "parent objects changed from {} to {}",
                slugs(from),
                slugs(to)
            ),
            AttributeAdded { archived: false } => f.write_str("attribute added"),
            AttributeAdded { archived: true } => f.write_str("archived attribute added"),
            AttributeRemoved => f.write_str("attribute removed"),
            AttributeArchived => f.write_str("attribute archived"),
            AttributeRestored => f.write_str("attribute restored from archive"),
            AttributeRenamed { from, to } => {
                write!(f, "attribute api_slug changed from {from:?} to {to:?}")
            }
            AttributeReplaced { old_id, new_id } => write!(
                f,
                "api_slug now names a different attribute (id {old_id} replaced by {new_id})"
            ),
            TypeChanged { from, to } => write!(f, "type changed from {from} to {to}"),
            MultiselectChanged { multiselect: true } => f.write_str("became multiselect"),
            MultiselectChanged { multiselect: false } => f.write_str("no longer multiselect"),
            RequiredChanged { required: true } => f.write_str("became required"),
            RequiredChanged { required: false } => f.write_str("no longer required"),
            UniqueChanged { unique: true } => f.write_str("became unique"),
            UniqueChanged { unique: false } => f.write_str("no longer unique"),
            WritableChanged { writable: true } => f.write_str("became writable"),
            WritableChanged { writable: false } => f.write_str("became read-only"),
            TargetsNarrowed { from, to } => {
                write!(f, "record-reference targets narrowed from {from} to {to}")
            }
            TargetsWidened { from, to } => {
                write!(f, "record-reference targets widened from {from} to {to}")
            }
            RelationshipAdded { inverse } => {
                write!(f, "two-way relationship with {inverse} added")
            }
            RelationshipRemoved { inverse } => {
                write!(f, "two-way relationship with {inverse} removed")
            }
            RelationshipChanged { from, to } => {
                write!(f, "two-way relationship moved from {from} to {to}")
            }
            ChoiceAdded {
                choice,
                title,
                archived: false,
            } => write!(f, "{choice} {title:?} added"),
            ChoiceAdded {
                choice,
                title,
                archived: true,
            } => write!(f, "archived {choice} {title:?} added"),
            ChoiceRemoved { choice, title } => write!(f, "{choice} {title:?} removed"),
            ChoiceArchived { choice, title } => write!(f, "{choice} {title:?} archived"),
            ChoiceRestored { choice, title } => {
                write!(f, "{choice} {title:?} restored from archive")
            }
            ChoiceRenamed { choice, from, to } => {
                write!(f, "{choice} {from:?} renamed to {to:?}")
            }
            TextChanged { field, from, to } => write!(
                f,
                "{field} changed from {} to {}",
                Quoted(from.as_deref()),
                Quoted(to.as_deref())
            ),
        }
    }
}
