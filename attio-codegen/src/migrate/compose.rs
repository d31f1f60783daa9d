//! Building a plan: the schema diff of the workspace against the snapshot,
//! each change turned into requests, a note for a person, or nothing.

use std::collections::BTreeSet;

use attio_runtime::client::schema::{AttributeUpdate, ListUpdate, ObjectUpdate};
use attio_schema::diff::{diff, ChangeKind, TextField};
use attio_schema::{Target, Workspace};

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
        let of = |attribute: &str| AttributeRef {
            kind: target.into(),
            owner: owner.to_owned(),
            attribute: attribute.to_owned(),
        };
        let cannot = "Attio cannot change this through its API: archive the attribute and create another under a new slug in Attio's UI, or change the snapshot";
        match kind {
            ChangeKind::ObjectAdded => self.new_object(path, owner),
            ChangeKind::ListAdded => self.new_list(path, owner),
            ChangeKind::ObjectRemoved | ChangeKind::ListRemoved => self.left_alone(
                path,
                format!("only in the workspace; the API cannot delete a {}, and the plan leaves it", target.noun()),
            ),
            ChangeKind::AttributeAdded { .. } => {
                let Some(slug) = attribute else { return };
                if let Some(a) = self.want.owner(target, owner).and_then(|o| o.attribute(slug)) {
                    let a = a.clone();
                    self.new_attribute(target, owner, &a, false);
                }
            }
            ChangeKind::AttributeRemoved => {
                let Some(slug) = attribute else { return };
                let live = self.live.owner(target, owner).and_then(|o| o.attribute(slug));
                if live.is_some_and(|a| a.is_archived) {
                    self.left_alone(path, "archived in the workspace, absent from the snapshot");
                } else if live.is_some_and(|a| a.is_system_attribute) {
                    self.left_alone(path, "a system attribute the snapshot lacks; Attio keeps it");
                } else {
                    let update = AttributeUpdate {
                        is_archived: Some(true),
                        ..AttributeUpdate::default()
                    };
                    let action = Action::UpdateAttribute { of: of(slug), update };
                    self.archive(path, "live in the workspace, absent from the snapshot".to_owned(), action);
                }
            }
            ChangeKind::AttributeArchived | ChangeKind::AttributeRestored => {
                let Some(slug) = attribute else { return };
                let archive = matches!(kind, ChangeKind::AttributeArchived);
                let update = AttributeUpdate {
                    is_archived: Some(archive),
                    ..AttributeUpdate::default()
                };
                let action = Action::UpdateAttribute { of: of(slug), update };
                if archive {
                    self.archive(path, "archived in the snapshot".to_owned(), action);
                } else {
                    let why = "archived in the workspace, live in the snapshot";
                    self.step(Rank::AttributeChange, path, why, action);
                }
            }
            ChangeKind::TextChanged { field, to, .. } => self.text(path, target, owner, attribute, *field, to.as_deref()),
            ChangeKind::RequiredChanged { required } => {
                let Some(slug) = attribute else { return };
                let update = AttributeUpdate {
                    is_required: Some(*required),
                    ..AttributeUpdate::default()
                };
                let action = Action::UpdateAttribute { of: of(slug), update };
                self.step(Rank::AttributeChange, path, kind.to_string(), action);
            }
            ChangeKind::UniqueChanged { unique } => {
                let Some(slug) = attribute else { return };
                let update = AttributeUpdate {
                    is_unique: Some(*unique),
                    ..AttributeUpdate::default()
                };
                let action = Action::UpdateAttribute { of: of(slug), update };
                self.step(Rank::AttributeChange, path, kind.to_string(), action);
            }
            ChangeKind::ChoiceAdded { choice, title, archived } => {
                let Some(slug) = attribute else { return };
                let a = self.want.owner(target, owner).and_then(|o| o.attribute(slug)).cloned();
                if let Some(a) = a {
                    self.new_choice(path, of(slug), &a, *choice, title, *archived);
                }
            }
            ChangeKind::ChoiceRemoved { choice, title } | ChangeKind::ChoiceArchived { choice, title } => {
                let Some(slug) = attribute else { return };
                let live = self.live.owner(target, owner).and_then(|o| o.attribute(slug));
                let archived_here = live.is_some_and(|a| {
                    let options = a.options.iter().map(|o| (o.title.as_str(), o.is_archived));
                    let statuses = a.statuses.iter().map(|s| (s.title.as_str(), s.is_archived));
                    options.chain(statuses).any(|(t, archived)| t == title && archived)
                });
                if archived_here {
                    return self.left_alone(path, format!("{choice} {title:?} is archived in the workspace, absent from the snapshot"));
                }
                let why = match kind {
                    ChangeKind::ChoiceRemoved { .. } => format!("{choice} {title:?} is live in the workspace, absent from the snapshot"),
                    _ => format!("{choice} {title:?} is archived in the snapshot"),
                };
                let action = choice_update(*choice, of(slug), title, true);
                self.archive(path, why, action);
            }
            ChangeKind::ChoiceRestored { choice, title } => {
                let Some(slug) = attribute else { return };
                let action = choice_update(*choice, of(slug), title, false);
                let why = format!("{choice} {title:?} is archived in the workspace, live in the snapshot");
                self.step(Rank::Choice, path, why, action);
            }
            ChangeKind::TypeChanged { .. }
            | ChangeKind::MultiselectChanged { .. }
            | ChangeKind::WritableChanged { .. }
            | ChangeKind::TargetsNarrowed { .. }
            | ChangeKind::TargetsWidened { .. }
            | ChangeKind::RelationshipAdded { .. }
            | ChangeKind::RelationshipRemoved { .. }
            | ChangeKind::RelationshipChanged { .. } => self.manual(path, format!("{kind}; {cannot}")),
            // Slugs, ids and a list's parent cannot change through the API;
            // matched by slug, renames and replacements do not arise from
            // `plan`'s own comparison.
            _ => self.manual(path, format!("{kind}; Attio cannot change this through its API: change it in Attio's UI, or change the snapshot")),
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
                    kind: target.into(),
                    owner: owner.to_owned(),
                    attribute: slug.to_owned(),
                };
                Action::UpdateAttribute { of, update }
            }
            (TextField::SingularNoun | TextField::PluralNoun, None) => {
                let Some(noun) = to else {
                    return self.manual(path, format!("{field} is empty in the snapshot, which the API cannot set; give it one in the snapshot"));
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
