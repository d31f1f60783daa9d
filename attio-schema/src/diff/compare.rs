//! The comparison: one walk over the objects and the lists of two
//! workspaces, then over their attributes, options and statuses.

use std::collections::BTreeSet;

use crate::{
    Attribute, AttributeType, List, Object, Owner, SelectOption, Status, Target, Workspace,
};

use super::change::{Change, SchemaDiff};
use super::kind::ChangeKind;
use super::pair::{id, pair_up, replaced, Pair};
use super::parts::{ChoiceKind, Targets, TextField};
use super::relationship;
use super::slugs::{by_slug, same_workspace};

/// Compares two workspace schemas. Pass `&snapshot.workspace` to compare
/// snapshots.
///
/// ```
/// use attio_schema::{diff::diff, Workspace};
///
/// let old = Workspace::default();
/// let new = Workspace::default();
/// let changes = diff(&old, &new);
/// assert!(changes.is_empty());
/// assert_eq!(changes.to_string(), "no schema changes\n");
/// ```
///
/// # Matching
///
/// Objects, lists and attributes are matched by `api_slug`, because that is
/// what generated code refers to. When a slug disappears and an entity with
/// the same UUID appears under another slug, that is reported once as an
/// `api_slug` change rather than as a removal plus an addition; when a slug
/// stays but now names an entity with a different UUID, that is reported as a
/// replacement. UUIDs take part only when both sides carry one (hand-written
/// snapshots may leave them empty).
///
/// Select options and statuses are matched by UUID first, so that a retitled
/// option is reported as a rename, then by title (an option deleted and
/// re-created under the same title is the same option to generated code,
/// which writes titles).
///
/// Archived attributes are compared only for their archival: what else
/// changes on an attribute that is archived on either side cannot affect code
/// generated for live attributes. Default values, currency settings and
/// status celebration settings are not compared. A two-way relationship is
/// compared by the UUID of its inverse attribute (by its name where either
/// side has no UUID).
///
/// Ids are compared only within one workspace: when the two sides carry
/// different workspace ids (a snapshot pulled from staging, checked against
/// production), everything is matched by slug (options and statuses by
/// title) as [`by_slug`] describes, so no object is reported replaced just
/// because its ids differ.
///
/// How each change is classified: see [`Severity`](super::Severity).
pub fn diff(old: &Workspace, new: &Workspace) -> SchemaDiff {
    if !same_workspace(old, new) {
        return compare(&by_slug(old), &by_slug(new));
    }
    compare(old, new)
}

/// [`diff`] of two workspaces whose ids are comparable.
fn compare(old: &Workspace, new: &Workspace) -> SchemaDiff {
    let mut out = Differ {
        old_ws: old,
        new_ws: new,
        changes: Vec::new(),
    };
    for target in Target::ALL {
        out.owners(target);
    }
    let mut changes = out.changes;
    // Sort by path; the rendered message breaks ties so the order never
    // depends on the order of the input files.
    changes.sort_by_cached_key(|c| (c.path.clone(), c.severity, c.kind.to_string()));
    SchemaDiff { changes }
}

/// Where an object's or a list's changes are reported: objects at their
/// slug, lists under `lists/`, kept apart from object paths.
fn owner_path(target: Target, slug: &str) -> String {
    match target {
        Target::Object => slug.to_owned(),
        Target::List => format!("{}/{slug}", Target::List.path_segment()),
    }
}

/// An object or list as the walk sees it: what both have, its own UUID, and
/// its index in `objects` or `lists` for the comparison that differs.
struct Side<'w> {
    owner: Owner<'w>,
    uuid: &'w str,
    index: usize,
}

/// The objects or the lists of `ws`. [`Workspace::owners_of`] walks
/// `objects` or `lists` in order, so the position is the index there.
fn sides(ws: &Workspace, target: Target) -> Vec<Side<'_>> {
    ws.owners_of(target)
        .enumerate()
        .map(|(index, owner)| Side {
            owner,
            uuid: match target {
                Target::Object => &ws.objects[index].id.object_id,
                Target::List => &ws.lists[index].id.list_id,
            },
            index,
        })
        .collect()
}

struct Differ<'a> {
    old_ws: &'a Workspace,
    new_ws: &'a Workspace,
    changes: Vec<Change>,
}

impl Differ<'_> {
    fn push(&mut self, path: impl Into<String>, kind: ChangeKind) {
        self.changes.push(Change::new(path, kind));
    }

    fn text(&mut self, path: &str, field: TextField, from: Option<&str>, to: Option<&str>) {
        if from != to {
            self.push(
                path,
                ChangeKind::TextChanged {
                    field,
                    from: from.map(str::to_owned),
                    to: to.map(str::to_owned),
                },
            );
        }
    }

    /// The objects or the lists: matched by slug, then by UUID.
    fn owners(&mut self, target: Target) {
        let (old_ws, new_ws) = (self.old_ws, self.new_ws);
        let (old, new) = (sides(old_ws, target), sides(new_ws, target));
        let pairs = pair_up(
            &old,
            &new,
            |s: &Side| Some(s.owner.api_slug),
            |s: &Side| id(s.uuid),
        );
        for pair in pairs {
            match pair {
                Pair::Removed(o) => self.push(
                    owner_path(target, o.owner.api_slug),
                    ChangeKind::removed(target),
                ),
                Pair::Added(n) => self.push(
                    owner_path(target, n.owner.api_slug),
                    ChangeKind::added(target),
                ),
                Pair::Both(o, n) => {
                    let (from, to) = (o.owner.api_slug, n.owner.api_slug);
                    let old_path = owner_path(target, from);
                    if from != to {
                        let kind = ChangeKind::renamed(target, from.to_owned(), to.to_owned());
                        self.push(&old_path, kind);
                    } else if replaced(o.uuid, n.uuid) {
                        let kind =
                            ChangeKind::replaced(target, o.uuid.to_owned(), n.uuid.to_owned());
                        self.push(&old_path, kind);
                    }
                    let path = owner_path(target, to);
                    match target {
                        Target::Object => {
                            self.nouns(&path, &old_ws.objects[o.index], &new_ws.objects[n.index]);
                        }
                        Target::List => {
                            self.list(&path, &old_ws.lists[o.index], &new_ws.lists[n.index]);
                        }
                    }
                    self.attributes(&path, o.owner.attributes, n.owner.attributes);
                }
            }
        }
    }

    /// What only objects have: their nouns.
    fn nouns(&mut self, path: &str, o: &Object, n: &Object) {
        self.text(
            path,
            TextField::SingularNoun,
            o.singular_noun.as_deref(),
            n.singular_noun.as_deref(),
        );
        self.text(
            path,
            TextField::PluralNoun,
            o.plural_noun.as_deref(),
            n.plural_noun.as_deref(),
        );
    }

    /// What only lists have: a name and parent objects.
    fn list(&mut self, path: &str, o: &List, n: &List) {
        self.text(path, TextField::Name, Some(&o.name), Some(&n.name));
        let from: BTreeSet<&String> = o.parent_object.iter().collect();
        let to: BTreeSet<&String> = n.parent_object.iter().collect();
        if from != to {
            self.push(
                path,
                ChangeKind::ParentObjectsChanged {
                    from: from.into_iter().cloned().collect(),
                    to: to.into_iter().cloned().collect(),
                },
            );
        }
    }

    fn attributes(&mut self, container: &str, old: &[Attribute], new: &[Attribute]) {
        let pairs = pair_up(
            old,
            new,
            |a: &Attribute| Some(a.api_slug.as_str()),
            |a: &Attribute| id(&a.id.attribute_id),
        );
        for pair in pairs {
            match pair {
                Pair::Removed(o) => {
                    self.push(
                        format!("{container}.{}", o.api_slug),
                        ChangeKind::AttributeRemoved,
                    );
                }
                Pair::Added(n) => {
                    self.push(
                        format!("{container}.{}", n.api_slug),
                        ChangeKind::AttributeAdded {
                            archived: n.is_archived,
                        },
                    );
                }
                Pair::Both(o, n) => self.attribute(container, o, n),
            }
        }
    }

    fn attribute(&mut self, container: &str, o: &Attribute, n: &Attribute) {
        let old_path = format!("{container}.{}", o.api_slug);
        if o.api_slug != n.api_slug {
            self.push(
                &old_path,
                ChangeKind::AttributeRenamed {
                    from: o.api_slug.clone(),
                    to: n.api_slug.clone(),
                },
            );
        } else if replaced(&o.id.attribute_id, &n.id.attribute_id) {
            self.push(
                &old_path,
                ChangeKind::AttributeReplaced {
                    old_id: o.id.attribute_id.clone(),
                    new_id: n.id.attribute_id.clone(),
                },
            );
        }
        let path = format!("{container}.{}", n.api_slug);
        match (o.is_archived, n.is_archived) {
            (false, true) => return self.push(&path, ChangeKind::AttributeArchived),
            (true, false) => return self.push(&path, ChangeKind::AttributeRestored),
            (true, true) => return,
            (false, false) => {}
        }

        self.text(&path, TextField::Title, Some(&o.title), Some(&n.title));
        self.text(
            &path,
            TextField::Description,
            o.description.as_deref(),
            n.description.as_deref(),
        );
        if o.attribute_type != n.attribute_type {
            self.push(
                &path,
                ChangeKind::TypeChanged {
                    from: o.attribute_type.clone(),
                    to: n.attribute_type.clone(),
                },
            );
        }
        if o.is_multiselect != n.is_multiselect {
            let multiselect = n.is_multiselect;
            self.push(&path, ChangeKind::MultiselectChanged { multiselect });
        }
        if o.is_required != n.is_required {
            let required = n.is_required;
            self.push(&path, ChangeKind::RequiredChanged { required });
        }
        if o.is_unique != n.is_unique {
            let unique = n.is_unique;
            self.push(&path, ChangeKind::UniqueChanged { unique });
        }
        if o.is_writable != n.is_writable {
            let writable = n.is_writable;
            self.push(&path, ChangeKind::WritableChanged { writable });
        }
        if o.attribute_type == AttributeType::RecordReference
            && n.attribute_type == AttributeType::RecordReference
        {
            self.targets(&path, o, n);
        }
        if let Some(kind) = relationship::change(self.old_ws, o, self.new_ws, n) {
            self.push(&path, kind);
        }
        self.choices(
            &path,
            ChoiceKind::Option,
            &o.options,
            &n.options,
            |c: &SelectOption| (c.id.option_id.as_str(), c.title.as_str(), c.is_archived),
        );
        self.choices(
            &path,
            ChoiceKind::Status,
            &o.statuses,
            &n.statuses,
            |c: &Status| (c.id.status_id.as_str(), c.title.as_str(), c.is_archived),
        );
    }

    fn targets(&mut self, path: &str, o: &Attribute, n: &Attribute) {
        let before = o.config.record_reference.allowed_object_ids.as_ref();
        let after = n.config.record_reference.allowed_object_ids.as_ref();
        let set = |ids: &Vec<String>| ids.iter().cloned().collect::<BTreeSet<String>>();
        let narrowed = match (before, after) {
            (None, None) => return,
            (Some(_), None) => false,
            (None, Some(_)) => true,
            (Some(b), Some(a)) => {
                let (b, a) = (set(b), set(a));
                if a == b {
                    return;
                }
                !b.is_subset(&a)
            }
        };
        let from = targets(self.old_ws, before);
        let to = targets(self.new_ws, after);
        let kind = if narrowed {
            ChangeKind::TargetsNarrowed { from, to }
        } else {
            ChangeKind::TargetsWidened { from, to }
        };
        self.push(path, kind);
    }

    fn choices<T>(
        &mut self,
        path: &str,
        choice: ChoiceKind,
        old: &[T],
        new: &[T],
        parts: impl Fn(&T) -> (&str, &str, bool),
    ) {
        let pairs = pair_up(old, new, |c| id(parts(c).0), |c| Some(parts(c).1));
        for pair in pairs {
            let kind = match pair {
                Pair::Removed(o) => ChangeKind::ChoiceRemoved {
                    choice,
                    title: parts(o).1.to_owned(),
                },
                Pair::Added(n) => {
                    let (_, title, archived) = parts(n);
                    ChangeKind::ChoiceAdded {
                        choice,
                        title: title.to_owned(),
                        archived,
                    }
                }
                Pair::Both(o, n) => {
                    let (_, old_title, old_archived) = parts(o);
                    let (_, title, archived) = parts(n);
                    let title = title.to_owned();
                    match (old_archived, archived) {
                        (false, true) => ChangeKind::ChoiceArchived { choice, title },
                        (true, false) => ChangeKind::ChoiceRestored { choice, title },
                        // A retitled archived choice is still unusable.
                        (true, true) => continue,
                        (false, false) if old_title != title => ChangeKind::ChoiceRenamed {
                            choice,
                            from: old_title.to_owned(),
                            to: title,
                        },
                        (false, false) => continue,
                    }
                }
            };
            self.push(path, kind);
        }
    }
}

/// Resolves target UUIDs to object slugs in `ws`, sorted; unknown UUIDs are
/// shown as they are.
fn targets(ws: &Workspace, ids: Option<&Vec<String>>) -> Targets {
    match ids {
        None => Targets::Any,
        Some(ids) => {
            let names: BTreeSet<String> = ids
                .iter()
                .map(|id| {
                    ws.object_by_id(id)
                        .map_or_else(|| id.clone(), |o| o.api_slug.clone())
                })
                .collect();
            Targets::Objects(names.into_iter().collect())
        }
    }
}
