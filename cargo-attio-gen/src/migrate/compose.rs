//! Building a plan: the schema diff of the workspace against the snapshot,
//! each change turned into requests, a note for a person, or nothing.

use std::collections::BTreeSet;

use attio_runtime::api::schema::{AttributeUpdate, ListUpdate, ObjectUpdate};
use attio_schema::diff::{diff, ChangeKind, TextField};
use attio_schema::{Attribute, Target, Workspace};

use super::steps::{choice_update, Action, AttributeRef, Note, Plan, Step};
use attio_schema::diff::by_slug;

/// What a plan may do beyond creating and changing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanOptions {
    /// Archive what the snapshot archives or lacks: attributes, options and
    /// statuses (objects and lists cannot be archived through the API).
    /// Without it such archives are held back and listed.
    pub allow_archive: bool,
}

/// The plan that brings `live` to `snapshot`: compared by slug (see
/// [`by_slug`]), so a snapshot pulled from another workspace applies.
pub fn plan(live: &Workspace, snapshot: &Workspace, options: &PlanOptions) -> Plan {
    let (live, want) = (by_slug(live), by_slug(snapshot));
    let mut composer = Composer {
        live: &live,
        want: &want,
        options: *options,
        steps: Vec::new(),
        plan: Plan::new(),
        paired: BTreeSet::new(),
    };
    for change in diff(&live, &want).changes {
        composer.change(&change.path, &change.kind);
    }
    let mut steps = composer.steps;
    // Dependency order: archives, objects, lists, attributes (record
    // references after the objects they point to), then options and
    // statuses; the diff's path order within each.
    steps.sort_by_key(|(rank, _)| *rank);
    let mut plan = composer.plan;
    plan.steps = steps.into_iter().map(|(_, step)| step).collect();
    plan
}

/// Where a step falls in the order of [`plan`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Rank {
    Archive,
    Object,
    List,
    Attribute,
    Reference,
    AttributeChange,
    Choice,
    ChoiceArchive,
}

/// Why a change of an object's or list's slug or parents needs a person.
const CANNOT_CHANGE: &str =
    "Attio cannot change this through its API: change it in Attio's UI, or change the snapshot";

/// Why a change fixed at an attribute's creation needs a person.
const CANNOT_RECREATE: &str = "Attio cannot change this through its API: archive the attribute \
     and create another under a new slug in Attio's UI, or change the snapshot";

/// Splits a diff path into object or list, owner slug and attribute slug.
fn parse(path: &str) -> (Target, &str, Option<&str>) {
    let prefix = format!("{}/", Target::List.path_segment());
    let (target, rest) = match path.strip_prefix(&prefix) {
        Some(rest) => (Target::List, rest),
        None => (Target::Object, path),
    };
    match rest.split_once('.') {
        Some((owner, attribute)) => (target, owner, Some(attribute)),
        None => (target, rest, None),
    }
}

pub(super) struct Composer<'w> {
    pub(super) live: &'w Workspace,
    pub(super) want: &'w Workspace,
    pub(super) options: PlanOptions,
    pub(super) steps: Vec<(Rank, Step)>,
    pub(super) plan: Plan,
    /// `object.attribute` paths created as the other side of a
    /// relationship, so they are not created again.
    pub(super) paired: BTreeSet<String>,
}

impl Composer<'_> {
    pub(super) fn step(&mut self, rank: Rank, path: &str, why: impl Into<String>, action: Action) {
        let destructive = rank == Rank::Archive;
        let step = Step {
            path: path.to_owned(),
            why: why.into(),
            destructive,
            action,
        };
        self.steps.push((rank, step));
    }

    pub(super) fn manual(&mut self, path: &str, why: impl Into<String>) {
        self.plan.manual.push(Note {
            path: path.to_owned(),
            why: why.into(),
        });
    }

    fn left_alone(&mut self, path: &str, why: impl Into<String>) {
        self.plan.left_alone.push(Note {
            path: path.to_owned(),
            why: why.into(),
        });
    }

    /// An archive of something live in the workspace: a step with
    /// `allow_archive`, held back without.
    fn archive(&mut self, path: &str, why: String, action: Action) {
        if self.options.allow_archive {
            self.step(Rank::Archive, path, why, action);
        } else {
            self.plan.held_back.push(Note {
                path: path.to_owned(),
                why,
            });
        }
    }

    fn change(&mut self, path: &str, kind: &ChangeKind) {
        let (target, owner, attribute) = parse(path);
        match attribute {
            None => self.owner_change(path, target, owner, kind),
            Some(slug) => {
                let of = AttributeRef {
                    target,
                    owner: owner.to_owned(),
                    attribute: slug.to_owned(),
                };
                self.attribute_change(path, of, kind);
            }
        }
    }

    /// A change of an object or a list itself.
    fn owner_change(&mut self, path: &str, target: Target, owner: &str, kind: &ChangeKind) {
        match kind {
            ChangeKind::ObjectAdded => self.new_object(path, owner),
            ChangeKind::ListAdded => self.new_list(path, owner),
            ChangeKind::ObjectRemoved | ChangeKind::ListRemoved => {
                let why = format!(
                    "only in the workspace; the API cannot delete a {}, and the plan leaves it",
                    target.noun()
                );
                self.left_alone(path, why);
            }
            ChangeKind::TextChanged { field, to, .. } => {
                self.text(path, target, owner, None, *field, to.as_deref());
            }
            // Slugs, ids and a list's parent objects cannot change through
            // the API (matched by slug, renames do not arise here).
            _ => self.manual(path, format!("{kind}; {CANNOT_CHANGE}")),
        }
    }

    /// The attribute `of` in the workspace and in the snapshot.
    fn attributes(&self, of: &AttributeRef) -> (Option<&Attribute>, Option<&Attribute>) {
        let live = self.live.owner(of.target, &of.owner);
        let want = self.want.owner(of.target, &of.owner);
        (
            live.and_then(|o| o.attribute(&of.attribute)),
            want.and_then(|o| o.attribute(&of.attribute)),
        )
    }

    fn attribute_change(&mut self, path: &str, of: AttributeRef, kind: &ChangeKind) {
        let (live, want) = self.attributes(&of);
        let (live, want) = (live.cloned(), want.cloned());
        let update = |update: AttributeUpdate| Action::UpdateAttribute {
            of: of.clone(),
            update,
        };
        let archived = |archived: bool| AttributeUpdate {
            is_archived: Some(archived),
            ..AttributeUpdate::default()
        };
        match kind {
            ChangeKind::AttributeAdded { .. } => {
                if let Some(want) = want {
                    self.new_attribute(of.target, &of.owner, &want, false);
                }
            }
            ChangeKind::AttributeRemoved => match live {
                Some(a) if a.is_archived => {
                    self.left_alone(path, "archived in the workspace, absent from the snapshot");
                }
                Some(a) if a.is_system_attribute => {
                    self.left_alone(
                        path,
                        "a system attribute the snapshot lacks; Attio keeps it",
                    );
                }
                _ => {
                    let why = "live in the workspace, absent from the snapshot".to_owned();
                    self.archive(path, why, update(archived(true)));
                }
            },
            ChangeKind::AttributeArchived => {
                let why = "archived in the snapshot".to_owned();
                self.archive(path, why, update(archived(true)));
            }
            ChangeKind::AttributeRestored => {
                let why = "archived in the workspace, live in the snapshot";
                self.step(Rank::AttributeChange, path, why, update(archived(false)));
            }
            ChangeKind::TextChanged { field, to, .. } => {
                let target = of.target;
                let attribute = Some(of.attribute.as_str());
                self.text(path, target, &of.owner, attribute, *field, to.as_deref());
            }
            ChangeKind::RequiredChanged { required } => {
                let change = AttributeUpdate {
                    is_required: Some(*required),
                    ..AttributeUpdate::default()
                };
                self.step(
                    Rank::AttributeChange,
                    path,
                    kind.to_string(),
                    update(change),
                );
            }
            ChangeKind::UniqueChanged { unique } => {
                let change = AttributeUpdate {
                    is_unique: Some(*unique),
                    ..AttributeUpdate::default()
                };
                self.step(
                    Rank::AttributeChange,
                    path,
                    kind.to_string(),
                    update(change),
                );
            }
            ChangeKind::ChoiceAdded {
                choice,
                title,
                archived,
            } => {
                if let Some(want) = want {
                    self.new_choice(path, of.clone(), &want, *choice, title, *archived);
                }
            }
            ChangeKind::ChoiceRemoved { choice, title }
            | ChangeKind::ChoiceArchived { choice, title } => {
                let archived_here = live.is_some_and(|a| {
                    let options = a.options.iter().map(|o| (o.title.as_str(), o.is_archived));
                    let statuses = a.statuses.iter().map(|s| (s.title.as_str(), s.is_archived));
                    options
                        .chain(statuses)
                        .any(|(t, archived)| t == title && archived)
                });
                let why = match kind {
                    _ if archived_here => {
                        let why = format!(
                            "{choice} {title:?} is archived in the workspace, absent from the snapshot"
                        );
                        return self.left_alone(path, why);
                    }
                    ChangeKind::ChoiceRemoved { .. } => {
                        format!(
                            "{choice} {title:?} is live in the workspace, absent from the snapshot"
                        )
                    }
                    _ => format!("{choice} {title:?} is archived in the snapshot"),
                };
                self.archive(path, why, choice_update(*choice, of, title, true));
            }
            ChangeKind::ChoiceRestored { choice, title } => {
                let why = format!(
                    "{choice} {title:?} is archived in the workspace, live in the snapshot"
                );
                let action = choice_update(*choice, of, title, false);
                self.step(Rank::Choice, path, why, action);
            }
            // A type, cardinality, writability, the allowed objects or a
            // relationship: fixed at creation.
            _ => self.manual(path, format!("{kind}; {CANNOT_RECREATE}")),
        }
    }

    fn text(
        &mut self,
        path: &str,
        target: Target,
        owner: &str,
        attribute: Option<&str>,
        field: TextField,
        to: Option<&str>,
    ) {
        let why = format!(
            "{field} becomes {}",
            to.map_or("empty".to_owned(), |t| format!("{t:?}"))
        );
        let action = match (field, attribute) {
            (TextField::Title | TextField::Description, Some(slug)) => {
                let mut update = AttributeUpdate::default();
                if field == TextField::Title {
                    update.title = Some(to.unwrap_or_default().to_owned());
                } else {
                    update.description = Some(to.map(str::to_owned));
                }
                let of = AttributeRef {
                    target,
                    owner: owner.to_owned(),
                    attribute: slug.to_owned(),
                };
                Action::UpdateAttribute { of, update }
            }
            (TextField::SingularNoun | TextField::PluralNoun, None) => {
                let Some(noun) = to else {
                    let why = format!(
                        "{field} is empty in the snapshot, which the API cannot set; give it one in the snapshot"
                    );
                    return self.manual(path, why);
                };
                let mut update = ObjectUpdate::default();
                if field == TextField::SingularNoun {
                    update.singular_noun = Some(noun.to_owned());
                } else {
                    update.plural_noun = Some(noun.to_owned());
                }
                Action::UpdateObject {
                    object: owner.to_owned(),
                    update,
                }
            }
            (TextField::Name, None) => Action::UpdateList {
                list: owner.to_owned(),
                update: ListUpdate {
                    name: to.map(str::to_owned),
                },
            },
            _ => return,
        };
        let rank = if attribute.is_some() {
            Rank::AttributeChange
        } else if target == Target::List {
            Rank::List
        } else {
            Rank::Object
        };
        self.step(rank, path, why, action);
    }
}
