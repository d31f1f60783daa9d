//! Schema diff: what changed between two workspace schemas, and whether code
//! generated from the old one can break against the new one.
//!
//! ```
//! use attio_schema::{diff::diff, Workspace};
//!
//! let old = Workspace::default();
//! let new = Workspace::default();
//! let changes = diff(&old, &new);
//! assert!(changes.is_empty());
//! assert_eq!(changes.to_string(), "no schema changes\n");
//! ```
//!
//! # Matching
//!
//! Objects, lists and attributes are matched by `api_slug`, because that is
//! what generated code refers to. When a slug disappears and an entity with
//! the same UUID appears under another slug, that is reported once as an
//! `api_slug` change rather than as a removal plus an addition; when a slug
//! stays but now names an entity with a different UUID, that is reported as a
//! replacement. UUIDs take part only when both sides carry one (hand-written
//! snapshots may leave them empty).
//!
//! Select options and statuses are matched by UUID first, so that a retitled
//! option is reported as a rename, then by title (an option deleted and
//! re-created under the same title is the same option to generated code,
//! which writes titles).
//!
//! # Classification
//!
//! [`Severity::Breaking`]: code generated from the old schema may stop
//! compiling or may send writes Attio rejects — something removed or
//! archived, an `api_slug` that moved, a type or cardinality change, an
//! attribute that became required, read-only, unique or no longer unique
//! (upserts match on unique attributes only), an option or status
//! renamed, removed or archived, fewer allowed record-reference targets or
//! list parent objects.
//!
//! [`Severity::Additive`]: everything else that is reported — new objects,
//! lists, attributes, options and statuses, restored ones, relaxed
//! constraints, and cosmetic changes (titles, descriptions, nouns, list
//! names), which only alter generated doc comments.
//!
//! Archived attributes are compared only for their archival: what else
//! changes on an attribute that is archived on either side cannot affect code
//! generated for live attributes. Default values, currency settings,
//! relationships and status celebration settings are not compared.

use std::collections::BTreeSet;
use std::fmt;

use crate::{Attribute, AttributeType, List, Object, SelectOption, Status, Workspace};

/// Compares two workspace schemas. Pass `&snapshot.workspace` to compare
/// snapshots.
pub fn diff(old: &Workspace, new: &Workspace) -> SchemaDiff {
    let mut out = Differ {
        old_ws: old,
        new_ws: new,
        changes: Vec::new(),
    };
    out.objects();
    out.lists();
    let mut changes = out.changes;
    // Sort by path; the rendered message breaks ties so the order never
    // depends on the order of the input files.
    changes.sort_by_cached_key(|c| (c.path.clone(), c.severity, c.kind.to_string()));
    SchemaDiff { changes }
}

/// Whether a change can break code generated from the old schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Code generated from the old schema may fail to compile or make
    /// requests Attio rejects.
    Breaking,
    /// Code generated from the old schema keeps working.
    Additive,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Breaking => "breaking",
            Severity::Additive => "additive",
        })
    }
}

/// All changes between two schemas, sorted by path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaDiff {
    /// The changes, sorted by path; changes at one path breaking first, then
    /// by message.
    pub changes: Vec<Change>,
}

impl SchemaDiff {
    /// Whether the two schemas are equivalent for the compared properties.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Whether any change is breaking.
    pub fn has_breaking(&self) -> bool {
        self.breaking().next().is_some()
    }

    /// The breaking changes, in path order.
    pub fn breaking(&self) -> impl Iterator<Item = &Change> + '_ {
        self.changes
            .iter()
            .filter(|c| c.severity == Severity::Breaking)
    }

    /// The additive changes, in path order.
    pub fn additive(&self) -> impl Iterator<Item = &Change> + '_ {
        self.changes
            .iter()
            .filter(|c| c.severity == Severity::Additive)
    }
}

/// A report: breaking changes first, then additive ones, one line each.
///
/// ```text
/// Breaking changes (1):
/// - companies.categories: option "Legacy" removed
///
/// Additive changes (1):
/// - companies.tier: attribute added
/// ```
impl fmt::Display for SchemaDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return writeln!(f, "no schema changes");
        }
        let groups = [
            ("Breaking", self.breaking().collect::<Vec<_>>()),
            ("Additive", self.additive().collect::<Vec<_>>()),
        ];
        let mut first = true;
        for (label, changes) in groups {
            if changes.is_empty() {
                continue;
            }
            if !first {
                writeln!(f)?;
            }
            first = false;
            writeln!(f, "{label} changes ({}):", changes.len())?;
            for change in changes {
                writeln!(f, "- {change}")?;
            }
        }
        Ok(())
    }
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What changed: `companies` (an object), `companies.categories` (an
    /// attribute, its options or statuses), `lists/pipeline` (a list) or
    /// `lists/pipeline.stage` (a list attribute).
    pub path: String,
    /// What happened.
    pub kind: ChangeKind,
    /// Its classification, derived from `kind`.
    pub severity: Severity,
}

impl Change {
    /// A change at `path`, classified by [`ChangeKind::severity`].
    pub fn new(path: impl Into<String>, kind: ChangeKind) -> Change {
        Change {
            path: path.into(),
            severity: kind.severity(),
            kind,
        }
    }
}

/// `path: message`, as printed in a report line.
impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}

/// Select option or status, for changes that treat both alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChoiceKind {
    /// A select option.
    Option,
    /// A status.
    Status,
}

impl fmt::Display for ChoiceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ChoiceKind::Option => "option",
            ChoiceKind::Status => "status",
        })
    }
}

/// A free-text property whose change is cosmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextField {
    /// An attribute's title.
    Title,
    /// An attribute's description.
    Description,
    /// An object's singular noun.
    SingularNoun,
    /// An object's plural noun.
    PluralNoun,
    /// A list's name.
    Name,
}

impl fmt::Display for TextField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TextField::Title => "title",
            TextField::Description => "description",
            TextField::SingularNoun => "singular noun",
            TextField::PluralNoun => "plural noun",
            TextField::Name => "name",
        })
    }
}

/// The objects a record-reference attribute may point to, by slug (by UUID
/// when the workspace does not know the object).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Targets {
    /// No restriction (`allowed_object_ids: null`).
    Any,
    /// Only these objects, sorted.
    Objects(Vec<String>),
}

impl fmt::Display for Targets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Targets::Any => f.write_str("any object"),
            Targets::Objects(objects) if objects.is_empty() => f.write_str("no object"),
            Targets::Objects(objects) => f.write_str(&objects.join(", ")),
        }
    }
}

/// What happened at a [`Change::path`].
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
    /// The slug now names a different object (another UUID). Breaking.
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
    /// The slug now names a different list (another UUID). Breaking.
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
    /// The slug now names a different attribute (another UUID). Breaking.
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
    /// The classification of this kind of change (see the module docs).
    pub fn severity(&self) -> Severity {
        use ChangeKind::*;
        let breaking = match self {
            ObjectRemoved
            | ObjectRenamed { .. }
            | ObjectReplaced { .. }
            | ListRemoved
            | ListRenamed { .. }
            | ListReplaced { .. }
            | AttributeRemoved
            | AttributeArchived
            | AttributeRenamed { .. }
            | AttributeReplaced { .. }
            | TypeChanged { .. }
            | MultiselectChanged { .. }
            | TargetsNarrowed { .. }
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
            | ChoiceAdded { .. }
            | ChoiceRestored { .. }
            | TextChanged { .. } => false,
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

/// How an old and a new collection line up.
enum Pair<'a, T> {
    Both(&'a T, &'a T),
    Removed(&'a T),
    Added(&'a T),
}

/// Pairs items by `primary` key, then the leftovers by `secondary` key.
/// A `None` key never matches. Each item pairs at most once; duplicates pair
/// in input order. Output: pairs and removals in old order, then additions
/// in new order (the caller sorts the changes anyway).
fn pair_up<'a, T>(
    old: &'a [T],
    new: &'a [T],
    primary: impl Fn(&T) -> Option<&str>,
    secondary: impl Fn(&T) -> Option<&str>,
) -> Vec<Pair<'a, T>> {
    let mut partner: Vec<Option<usize>> = vec![None; old.len()];
    let mut taken = vec![false; new.len()];
    for key in [&primary as &dyn Fn(&T) -> Option<&str>, &secondary] {
        for (i, o) in old.iter().enumerate() {
            if partner[i].is_some() {
                continue;
            }
            let Some(k) = key(o) else { continue };
            if let Some(j) = (0..new.len()).find(|&j| !taken[j] && key(&new[j]) == Some(k)) {
                partner[i] = Some(j);
                taken[j] = true;
            }
        }
    }
    let mut pairs: Vec<Pair<'a, T>> = old
        .iter()
        .zip(&partner)
        .map(|(o, p)| match p {
            Some(j) => Pair::Both(o, &new[*j]),
            None => Pair::Removed(o),
        })
        .collect();
    pairs.extend(
        new.iter()
            .zip(&taken)
            .filter(|(_, t)| !**t)
            .map(|(n, _)| Pair::Added(n)),
    );
    pairs
}

/// A UUID usable for matching: absent when empty.
fn id(uuid: &str) -> Option<&str> {
    (!uuid.is_empty()).then_some(uuid)
}

/// The `Replaced` check: both sides carry a UUID and they differ.
fn replaced(old: &str, new: &str) -> bool {
    !old.is_empty() && !new.is_empty() && old != new
}

/// Where a list's changes are reported, kept apart from object paths.
fn list_path(slug: &str) -> String {
    format!("lists/{slug}")
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

    fn objects(&mut self) {
        let pairs = pair_up(
            &self.old_ws.objects,
            &self.new_ws.objects,
            |o: &Object| Some(o.api_slug.as_str()),
            |o: &Object| id(&o.id.object_id),
        );
        for pair in pairs {
            match pair {
                Pair::Removed(o) => self.push(&o.api_slug, ChangeKind::ObjectRemoved),
                Pair::Added(n) => self.push(&n.api_slug, ChangeKind::ObjectAdded),
                Pair::Both(o, n) => {
                    if o.api_slug != n.api_slug {
                        self.push(
                            &o.api_slug,
                            ChangeKind::ObjectRenamed {
                                from: o.api_slug.clone(),
                                to: n.api_slug.clone(),
                            },
                        );
                    } else if replaced(&o.id.object_id, &n.id.object_id) {
                        self.push(
                            &o.api_slug,
                            ChangeKind::ObjectReplaced {
                                old_id: o.id.object_id.clone(),
                                new_id: n.id.object_id.clone(),
                            },
                        );
                    }
                    let path = n.api_slug.clone();
                    self.text(
                        &path,
                        TextField::SingularNoun,
                        o.singular_noun.as_deref(),
                        n.singular_noun.as_deref(),
                    );
                    self.text(
                        &path,
                        TextField::PluralNoun,
                        o.plural_noun.as_deref(),
                        n.plural_noun.as_deref(),
                    );
                    self.attributes(&path, &o.attributes, &n.attributes);
                }
            }
        }
    }

    fn lists(&mut self) {
        let pairs = pair_up(
            &self.old_ws.lists,
            &self.new_ws.lists,
            |l: &List| Some(l.api_slug.as_str()),
            |l: &List| id(&l.id.list_id),
        );
        for pair in pairs {
            match pair {
                Pair::Removed(o) => self.push(list_path(&o.api_slug), ChangeKind::ListRemoved),
                Pair::Added(n) => self.push(list_path(&n.api_slug), ChangeKind::ListAdded),
                Pair::Both(o, n) => {
                    if o.api_slug != n.api_slug {
                        self.push(
                            list_path(&o.api_slug),
                            ChangeKind::ListRenamed {
                                from: o.api_slug.clone(),
                                to: n.api_slug.clone(),
                            },
                        );
                    } else if replaced(&o.id.list_id, &n.id.list_id) {
                        self.push(
                            list_path(&o.api_slug),
                            ChangeKind::ListReplaced {
                                old_id: o.id.list_id.clone(),
                                new_id: n.id.list_id.clone(),
                            },
                        );
                    }
                    let path = list_path(&n.api_slug);
                    self.text(&path, TextField::Name, Some(&o.name), Some(&n.name));
                    let from: BTreeSet<&String> = o.parent_object.iter().collect();
                    let to: BTreeSet<&String> = n.parent_object.iter().collect();
                    if from != to {
                        self.push(
                            &path,
                            ChangeKind::ParentObjectsChanged {
                                from: from.into_iter().cloned().collect(),
                                to: to.into_iter().cloned().collect(),
                            },
                        );
                    }
                    self.attributes(&path, &o.attributes, &n.attributes);
                }
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        AttributeConfig, AttributeId, ListId, ObjectId, OptionId, RecordReferenceConfig, StatusId,
    };

    fn attr(slug: &str, ty: AttributeType) -> Attribute {
        Attribute {
            id: AttributeId {
                workspace_id: "ws".into(),
                object_id: "obj".into(),
                attribute_id: format!("attr-{slug}"),
            },
            title: slug.to_owned(),
            description: None,
            api_slug: slug.to_owned(),
            attribute_type: ty,
            is_system_attribute: false,
            is_writable: true,
            is_required: false,
            is_unique: false,
            is_multiselect: false,
            is_default_value_enabled: false,
            is_archived: false,
            default_value: None,
            relationship: None,
            created_at: None,
            config: AttributeConfig::default(),
            options: Vec::new(),
            statuses: Vec::new(),
        }
    }

    fn option(title: &str) -> SelectOption {
        SelectOption {
            id: OptionId {
                option_id: format!("opt-{title}"),
                ..OptionId::default()
            },
            title: title.to_owned(),
            is_archived: false,
        }
    }

    fn status(title: &str) -> Status {
        Status {
            id: StatusId {
                status_id: format!("st-{title}"),
                ..StatusId::default()
            },
            title: title.to_owned(),
            is_archived: false,
            celebration_enabled: false,
            target_time_in_status: None,
        }
    }

    fn object(slug: &str, attributes: Vec<Attribute>) -> Object {
        Object {
            id: ObjectId {
                workspace_id: "ws".into(),
                object_id: format!("id-{slug}"),
            },
            api_slug: slug.to_owned(),
            singular_noun: Some(format!("{slug} one")),
            plural_noun: Some(format!("{slug} many")),
            created_at: None,
            attributes,
        }
    }

    fn list(slug: &str, parents: &[&str], attributes: Vec<Attribute>) -> List {
        List {
            id: ListId {
                workspace_id: "ws".into(),
                list_id: format!("list-{slug}"),
            },
            api_slug: slug.to_owned(),
            name: slug.to_owned(),
            parent_object: parents.iter().map(|p| (*p).to_owned()).collect(),
            workspace_access: None,
            workspace_member_access: Vec::new(),
            created_by_actor: None,
            created_at: None,
            attributes,
        }
    }

    /// A small workspace: people, companies (with categories and a team
    /// reference to people) and a pipeline list with a stage status.
    fn base() -> Workspace {
        let mut categories = attr("categories", AttributeType::Select);
        categories.is_multiselect = true;
        categories.options = vec![option("B2B"), option("Legacy")];
        let mut team = attr("team", AttributeType::RecordReference);
        team.config.record_reference = RecordReferenceConfig {
            allowed_object_ids: Some(vec!["id-people".into()]),
        };
        let mut stage = attr("stage", AttributeType::Status);
        stage.statuses = vec![status("Lead"), status("Won")];
        Workspace {
            objects: vec![
                object("people", vec![attr("name", AttributeType::PersonalName)]),
                object(
                    "companies",
                    vec![attr("name", AttributeType::Text), categories, team],
                ),
            ],
            lists: vec![list("pipeline", &["companies"], vec![stage])],
        }
    }

    fn company_attr<'a>(ws: &'a mut Workspace, slug: &str) -> &'a mut Attribute {
        ws.objects
            .iter_mut()
            .find(|o| o.api_slug == "companies")
            .and_then(|o| o.attributes.iter_mut().find(|a| a.api_slug == slug))
            .expect("fixture has the attribute")
    }

    /// Applies `edit` to a copy of the base workspace and returns the one
    /// change it causes, failing unless there is exactly one.
    fn single(edit: impl FnOnce(&mut Workspace)) -> Change {
        let old = base();
        let mut new = base();
        edit(&mut new);
        let d = diff(&old, &new);
        assert_eq!(d.changes.len(), 1, "expected one change, got:\n{d}");
        d.changes.into_iter().next().unwrap()
    }

    fn line(c: &Change) -> String {
        c.to_string()
    }

    #[test]
    fn identical_workspaces_have_no_changes() {
        let d = diff(&base(), &base());
        assert!(d.is_empty());
        assert!(!d.has_breaking());
        assert_eq!(d.to_string(), "no schema changes\n");
    }

    #[test]
    fn input_order_does_not_matter() {
        let mut shuffled = base();
        shuffled.objects.reverse();
        for o in &mut shuffled.objects {
            o.attributes.reverse();
            for a in &mut o.attributes {
                a.options.reverse();
            }
        }
        assert!(diff(&base(), &shuffled).is_empty());
    }

    #[test]
    fn object_added_is_additive() {
        let c = single(|ws| ws.objects.push(object("deals", vec![])));
        assert_eq!(line(&c), "deals: object added");
        assert_eq!(c.kind, ChangeKind::ObjectAdded);
        assert_eq!(c.severity, Severity::Additive);
    }

    #[test]
    fn object_removed_is_breaking() {
        let c = single(|ws| ws.objects.retain(|o| o.api_slug != "people"));
        assert_eq!(line(&c), "people: object removed");
        assert_eq!(c.severity, Severity::Breaking);
    }

    #[test]
    fn object_slug_change_with_same_id_is_one_breaking_rename() {
        let c = single(|ws| ws.objects[0].api_slug = "humans".into());
        assert_eq!(
            c.kind,
            ChangeKind::ObjectRenamed {
                from: "people".into(),
                to: "humans".into()
            }
        );
        assert_eq!(
            line(&c),
            r#"people: object api_slug changed from "people" to "humans""#
        );
        assert_eq!(c.severity, Severity::Breaking);
    }

    #[test]
    fn children_of_a_renamed_object_are_reported_under_the_new_slug() {
        let old = base();
        let mut new = base();
        new.objects[0].api_slug = "humans".into();
        new.objects[0].attributes[0].is_required = true;
        let d = diff(&old, &new);
        let lines: Vec<String> = d.changes.iter().map(line).collect();
        assert_eq!(
            lines,
            [
                "humans.name: became required",
                r#"people: object api_slug changed from "people" to "humans""#,
            ]
        );
    }

    #[test]
    fn same_slug_with_a_different_id_is_a_breaking_replacement() {
        let c = single(|ws| ws.objects[0].id.object_id = "other".into());
        assert_eq!(
            c.kind,
            ChangeKind::ObjectReplaced {
                old_id: "id-people".into(),
                new_id: "other".into()
            }
        );
        assert_eq!(c.severity, Severity::Breaking);
    }

    #[test]
    fn empty_ids_neither_match_nor_count_as_replacement() {
        let mut old = base();
        let mut new = base();
        old.objects[0].id.object_id.clear();
        new.objects[0].id.object_id.clear();
        assert!(diff(&old, &new).is_empty());
        new.objects[0].api_slug = "humans".into();
        let kinds: Vec<ChangeKind> = diff(&old, &new)
            .changes
            .into_iter()
            .map(|c| c.kind)
            .collect();
        assert_eq!(kinds, [ChangeKind::ObjectAdded, ChangeKind::ObjectRemoved]);
    }

    #[test]
    fn noun_changes_are_cosmetic() {
        let c = single(|ws| ws.objects[1].singular_noun = Some("Firm".into()));
        assert_eq!(
            line(&c),
            r#"companies: singular noun changed from "companies one" to "Firm""#
        );
        assert_eq!(c.severity, Severity::Additive);
        let c = single(|ws| ws.objects[1].plural_noun = None);
        assert_eq!(
            line(&c),
            r#"companies: plural noun changed from "companies many" to none"#
        );
        assert_eq!(c.severity, Severity::Additive);
    }

    #[test]
    fn list_added_and_removed() {
        let c = single(|ws| ws.lists.push(list("hiring", &["people"], vec![])));
        assert_eq!(line(&c), "lists/hiring: list added");
        assert_eq!(c.severity, Severity::Additive);
        let c = single(|ws| ws.lists.clear());
        assert_eq!(line(&c), "lists/pipeline: list removed");
        assert_eq!(c.severity, Severity::Breaking);
    }

    #[test]
    fn list_rename_replacement_and_name() {
        let c = single(|ws| ws.lists[0].api_slug = "deals_pipeline".into());
        assert_eq!(
            line(&c),
            r#"lists/pipeline: list api_slug changed from "pipeline" to "deals_pipeline""#
        );
        assert_eq!(c.severity, Severity::Breaking);
        let c = single(|ws| ws.lists[0].id.list_id = "new".into());
        assert_eq!(
            c.kind,
            ChangeKind::ListReplaced {
                old_id: "list-pipeline".into(),
                new_id: "new".into()
            }
        );
        assert_eq!(c.severity, Severity::Breaking);
        let c = single(|ws| ws.lists[0].name = "Pipeline".into());
        assert_eq!(
            line(&c),
            r#"lists/pipeline: name changed from "pipeline" to "Pipeline""#
        );
        assert_eq!(c.severity, Severity::Additive);
    }

    #[test]
    fn list_parent_objects_added_is_additive_and_removed_is_breaking() {
        let c = single(|ws| ws.lists[0].parent_object.push("people".into()));
        assert_eq!(
            line(&c),
            "lists/pipeline: parent objects changed from companies to companies, people"
        );
        assert_eq!(c.severity, Severity::Additive);
        let c = single(|ws| ws.lists[0].parent_object = vec!["people".into()]);
        assert_eq!(c.severity, Severity::Breaking);
        let c = single(|ws| ws.lists[0].parent_object.clear());
        assert_eq!(
            line(&c),
            "lists/pipeline: parent objects changed from companies to no object"
        );
        assert_eq!(c.severity, Severity::Breaking);
    }

    #[test]
    fn attribute_added_removed_archived_restored() {
        let c = single(|ws| {
            ws.objects[1]
                .attributes
                .push(attr("tier", AttributeType::Select))
        });
        assert_eq!(line(&c), "companies.tier: attribute added");
        assert_eq!(c.severity, Severity::Additive);

        let c = single(|ws| {
            let mut a = attr("old", AttributeType::Text);
            a.is_archived = true;
            ws.objects[1].attributes.push(a);
        });
        assert_eq!(line(&c), "companies.old: archived attribute added");
        assert_eq!(c.severity, Severity::Additive);

        let c = single(|ws| ws.objects[1].attributes.retain(|a| a.api_slug != "name"));
        assert_eq!(line(&c), "companies.name: attribute removed");
        assert_eq!(c.severity, Severity::Breaking);

        let c = single(|ws| company_attr(ws, "name").is_archived = true);
        assert_eq!(line(&c), "companies.name: attribute archived");
        assert_eq!(c.severity, Severity::Breaking);

        let mut archived = base();
        company_attr(&mut archived, "name").is_archived = true;
        let d = diff(&archived, &base());
        assert_eq!(d.changes.len(), 1);
        assert_eq!(
            line(&d.changes[0]),
            "companies.name: attribute restored from archive"
        );
        assert_eq!(d.changes[0].severity, Severity::Additive);
    }

    #[test]
    fn other_changes_on_an_archived_attribute_are_not_reported() {
        let c = single(|ws| {
            let a = company_attr(ws, "name");
            a.is_archived = true;
            a.attribute_type = AttributeType::Number;
            a.is_required = true;
        });
        assert_eq!(c.kind, ChangeKind::AttributeArchived);
        let mut old = base();
        company_attr(&mut old, "name").is_archived = true;
        let mut new = old.clone();
        company_attr(&mut new, "name").title = "Other".into();
        assert!(diff(&old, &new).is_empty());
    }

    #[test]
    fn attribute_slug_change_with_same_id_is_a_breaking_rename() {
        let c = single(|ws| company_attr(ws, "name").api_slug = "legal_name".into());
        assert_eq!(
            line(&c),
            r#"companies.name: attribute api_slug changed from "name" to "legal_name""#
        );
        assert_eq!(c.severity, Severity::Breaking);
    }

    #[test]
    fn attribute_slug_with_a_new_id_is_a_breaking_replacement() {
        let c = single(|ws| company_attr(ws, "name").id.attribute_id = "fresh".into());
        assert_eq!(
            line(&c),
            "companies.name: api_slug now names a different attribute (id attr-name replaced by fresh)"
        );
        assert_eq!(c.severity, Severity::Breaking);
    }

    #[test]
    fn type_and_multiselect_changes_are_breaking() {
        let c = single(|ws| company_attr(ws, "name").attribute_type = AttributeType::Number);
        assert_eq!(line(&c), "companies.name: type changed from text to number");
        assert_eq!(c.severity, Severity::Breaking);

        let c = single(|ws| {
            company_attr(ws, "name").attribute_type = AttributeType::Unknown("hologram".into())
        });
        assert_eq!(
            line(&c),
            "companies.name: type changed from text to hologram"
        );
        assert_eq!(c.severity, Severity::Breaking);

        let c = single(|ws| company_attr(ws, "categories").is_multiselect = false);
        assert_eq!(line(&c), "companies.categories: no longer multiselect");
        assert_eq!(c.severity, Severity::Breaking);
        let c = single(|ws| company_attr(ws, "name").is_multiselect = true);
        assert_eq!(line(&c), "companies.name: became multiselect");
        assert_eq!(c.severity, Severity::Breaking);
    }

    #[test]
    fn required_writable_tightening_is_breaking_and_relaxing_additive() {
        type Edit = fn(&mut Attribute, bool);
        let cases: [(Edit, bool, &str, &str); 2] = [
            (
                |a, v| a.is_required = v,
                false,
                "became required",
                "no longer required",
            ),
            (
                |a, v| a.is_writable = v,
                true,
                "became read-only",
                "became writable",
            ),
        ];
        for (set, initial, tighten, relax) in cases {
            let mut loose = base();
            set(company_attr(&mut loose, "name"), initial);
            let mut tight = base();
            set(company_attr(&mut tight, "name"), !initial);

            let d = diff(&loose, &tight);
            assert_eq!(d.changes.len(), 1, "{d}");
            assert_eq!(
                d.changes[0].to_string(),
                format!("companies.name: {tighten}")
            );
            assert_eq!(d.changes[0].severity, Severity::Breaking);

            let d = diff(&tight, &loose);
            assert_eq!(d.changes.len(), 1, "{d}");
            assert_eq!(d.changes[0].to_string(), format!("companies.name: {relax}"));
            assert_eq!(d.changes[0].severity, Severity::Additive);
        }
    }

    #[test]
    fn uniqueness_change_is_breaking_both_ways() {
        let c = single(|ws| company_attr(ws, "name").is_unique = true);
        assert_eq!(line(&c), "companies.name: became unique");
        assert_eq!(c.severity, Severity::Breaking);

        let mut unique = base();
        company_attr(&mut unique, "name").is_unique = true;
        let d = diff(&unique, &base());
        assert_eq!(d.changes.len(), 1, "{d}");
        assert_eq!(d.changes[0].to_string(), "companies.name: no longer unique");
        assert_eq!(d.changes[0].severity, Severity::Breaking);
    }

    #[test]
    fn title_and_description_changes_are_cosmetic() {
        let c = single(|ws| company_attr(ws, "name").title = "Legal name".into());
        assert_eq!(
            line(&c),
            r#"companies.name: title changed from "name" to "Legal name""#
        );
        assert_eq!(c.severity, Severity::Additive);
        let c = single(|ws| company_attr(ws, "name").description = Some("Two\nlines".into()));
        assert_eq!(
            line(&c),
            r#"companies.name: description changed from none to "Two\nlines""#
        );
        assert_eq!(c.severity, Severity::Additive);
    }

    fn set_targets(ws: &mut Workspace, ids: Option<&[&str]>) {
        company_attr(ws, "team")
            .config
            .record_reference
            .allowed_object_ids = ids.map(|ids| ids.iter().map(|s| (*s).to_owned()).collect());
    }

    #[test]
    fn record_reference_targets_narrowed_is_breaking() {
        let c = single(|ws| set_targets(ws, Some(&[])));
        assert_eq!(
            line(&c),
            "companies.team: record-reference targets narrowed from people to no object"
        );
        assert_eq!(c.severity, Severity::Breaking);

        // Any → one object.
        let mut any = base();
        set_targets(&mut any, None);
        let d = diff(&any, &base());
        assert_eq!(d.changes.len(), 1);
        assert_eq!(
            d.changes[0].to_string(),
            "companies.team: record-reference targets narrowed from any object to people"
        );
        assert_eq!(d.changes[0].severity, Severity::Breaking);

        // A swap both adds and removes: still narrowed.
        let c = single(|ws| set_targets(ws, Some(&["id-companies"])));
        assert_eq!(
            c.kind,
            ChangeKind::TargetsNarrowed {
                from: Targets::Objects(vec!["people".into()]),
                to: Targets::Objects(vec!["companies".into()]),
            }
        );
    }

    #[test]
    fn record_reference_targets_widened_is_additive() {
        let c = single(|ws| set_targets(ws, Some(&["id-people", "id-companies", "uuid-x"])));
        assert_eq!(
            line(&c),
            "companies.team: record-reference targets widened from people to companies, people, uuid-x"
        );
        assert_eq!(c.severity, Severity::Additive);
        let c = single(|ws| set_targets(ws, None));
        assert_eq!(
            line(&c),
            "companies.team: record-reference targets widened from people to any object"
        );
        assert_eq!(c.severity, Severity::Additive);
    }

    #[test]
    fn reordered_targets_and_renamed_target_objects_are_no_target_change() {
        let mut old = base();
        set_targets(&mut old, Some(&["id-people", "id-companies"]));
        let mut new = old.clone();
        set_targets(&mut new, Some(&["id-companies", "id-people"]));
        assert!(diff(&old, &new).is_empty());
        new.objects[0].api_slug = "humans".into();
        let kinds: Vec<ChangeKind> = diff(&old, &new)
            .changes
            .into_iter()
            .map(|c| c.kind)
            .collect();
        assert_eq!(
            kinds,
            [ChangeKind::ObjectRenamed {
                from: "people".into(),
                to: "humans".into()
            }]
        );
    }

    #[test]
    fn options_added_removed_archived_restored_renamed() {
        let c = single(|ws| company_attr(ws, "categories").options.push(option("Gold")));
        assert_eq!(line(&c), r#"companies.categories: option "Gold" added"#);
        assert_eq!(c.severity, Severity::Additive);

        let c = single(|ws| {
            let mut gold = option("Gold");
            gold.is_archived = true;
            company_attr(ws, "categories").options.push(gold);
        });
        assert_eq!(
            line(&c),
            r#"companies.categories: archived option "Gold" added"#
        );
        assert_eq!(c.severity, Severity::Additive);

        let c = single(|ws| {
            company_attr(ws, "categories")
                .options
                .retain(|o| o.title != "Legacy")
        });
        assert_eq!(line(&c), r#"companies.categories: option "Legacy" removed"#);
        assert_eq!(c.severity, Severity::Breaking);

        let c = single(|ws| company_attr(ws, "categories").options[1].is_archived = true);
        assert_eq!(
            line(&c),
            r#"companies.categories: option "Legacy" archived"#
        );
        assert_eq!(c.severity, Severity::Breaking);

        let mut archived = base();
        company_attr(&mut archived, "categories").options[1].is_archived = true;
        let d = diff(&archived, &base());
        assert_eq!(d.changes.len(), 1);
        assert_eq!(
            d.changes[0].to_string(),
            r#"companies.categories: option "Legacy" restored from archive"#
        );
        assert_eq!(d.changes[0].severity, Severity::Additive);

        let c = single(|ws| company_attr(ws, "categories").options[1].title = "Old".into());
        assert_eq!(
            line(&c),
            r#"companies.categories: option "Legacy" renamed to "Old""#
        );
        assert_eq!(c.severity, Severity::Breaking);
    }

    #[test]
    fn options_fall_back_to_title_when_ids_differ_or_are_missing() {
        // Re-created under the same title: nothing changed for generated code.
        let c = single(|ws| {
            let cats = company_attr(ws, "categories");
            cats.options[1].id.option_id = "recreated".into();
            cats.options.push(option("Gold"));
        });
        assert_eq!(line(&c), r#"companies.categories: option "Gold" added"#);

        let mut old = base();
        for o in &mut company_attr(&mut old, "categories").options {
            o.id.option_id.clear();
        }
        let mut new = old.clone();
        assert!(diff(&old, &new).is_empty());
        // Without ids a retitle cannot be recognised: removal plus addition.
        company_attr(&mut new, "categories").options[1].title = "Old".into();
        let lines: Vec<String> = diff(&old, &new).changes.iter().map(line).collect();
        assert_eq!(
            lines,
            [
                r#"companies.categories: option "Legacy" removed"#,
                r#"companies.categories: option "Old" added"#,
            ]
        );
    }

    #[test]
    fn a_retitle_and_a_new_option_taking_the_old_title() {
        let old = base();
        let mut new = base();
        let cats = company_attr(&mut new, "categories");
        cats.options[1].title = "Old".into();
        let mut reuse = option("Legacy");
        reuse.id.option_id = "brand-new".into();
        cats.options.push(reuse);
        let lines: Vec<String> = diff(&old, &new).changes.iter().map(line).collect();
        assert_eq!(
            lines,
            [
                r#"companies.categories: option "Legacy" renamed to "Old""#,
                r#"companies.categories: option "Legacy" added"#,
            ]
        );
    }

    #[test]
    fn statuses_are_compared_like_options() {
        let c = single(|ws| ws.lists[0].attributes[0].statuses[0].is_archived = true);
        assert_eq!(line(&c), r#"lists/pipeline.stage: status "Lead" archived"#);
        assert_eq!(c.severity, Severity::Breaking);

        let c = single(|ws| ws.lists[0].attributes[0].statuses.push(status("Lost")));
        assert_eq!(line(&c), r#"lists/pipeline.stage: status "Lost" added"#);
        assert_eq!(c.severity, Severity::Additive);

        let c = single(|ws| {
            ws.lists[0].attributes[0].statuses.pop();
        });
        assert_eq!(line(&c), r#"lists/pipeline.stage: status "Won" removed"#);
        assert_eq!(c.severity, Severity::Breaking);

        let c = single(|ws| ws.lists[0].attributes[0].statuses[1].title = "Won 🎉".into());
        assert_eq!(
            line(&c),
            r#"lists/pipeline.stage: status "Won" renamed to "Won 🎉""#
        );
        assert_eq!(c.severity, Severity::Breaking);
    }

    #[test]
    fn archived_choices_ignore_retitles() {
        let mut old = base();
        company_attr(&mut old, "categories").options[1].is_archived = true;
        let mut new = old.clone();
        company_attr(&mut new, "categories").options[1].title = "Gone".into();
        assert!(diff(&old, &new).is_empty());
    }

    #[test]
    fn list_attributes_are_diffed() {
        let c = single(|ws| {
            ws.lists[0]
                .attributes
                .push(attr("value", AttributeType::Currency))
        });
        assert_eq!(line(&c), "lists/pipeline.value: attribute added");
        let c = single(|ws| ws.lists[0].attributes[0].is_required = true);
        assert_eq!(line(&c), "lists/pipeline.stage: became required");
        assert_eq!(c.severity, Severity::Breaking);
    }

    #[test]
    fn report_groups_breaking_first_and_sorts_by_path() {
        let old = base();
        let mut new = base();
        new.objects.push(object("deals", vec![]));
        company_attr(&mut new, "categories")
            .options
            .retain(|o| o.title != "Legacy");
        company_attr(&mut new, "name").is_required = true;
        company_attr(&mut new, "name").title = "Name".into();
        new.objects[0].attributes.clear();
        let d = diff(&old, &new);
        assert!(d.has_breaking());
        assert_eq!(d.breaking().count(), 3);
        assert_eq!(d.additive().count(), 2);
        let paths: Vec<&str> = d.changes.iter().map(|c| c.path.as_str()).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted);
        assert_eq!(
            d.to_string(),
            "Breaking changes (3):\n\
             - companies.categories: option \"Legacy\" removed\n\
             - companies.name: became required\n\
             - people.name: attribute removed\n\
             \n\
             Additive changes (2):\n\
             - companies.name: title changed from \"name\" to \"Name\"\n\
             - deals: object added\n"
        );
    }

    #[test]
    fn report_with_only_additive_changes_has_no_breaking_section() {
        let old = base();
        let mut new = base();
        new.objects.push(object("deals", vec![]));
        let d = diff(&old, &new);
        assert!(!d.has_breaking());
        assert_eq!(
            d.to_string(),
            "Additive changes (1):\n- deals: object added\n"
        );
    }

    #[test]
    fn severity_follows_kind() {
        let c = Change::new("x", ChangeKind::ListRemoved);
        assert_eq!(c.severity, Severity::Breaking);
        assert_eq!(Severity::Breaking.to_string(), "breaking");
        assert_eq!(Severity::Additive.to_string(), "additive");
        assert!(Severity::Breaking < Severity::Additive);
    }
}
