//! The two sides of the comparison for one object or list: the live side as
//! read, and the side the code expects — the live side with the facts the
//! contracts carry laid over it, so that the schema diff reports exactly
//! the changes the contracts can tell.

use std::collections::BTreeSet;

use attio_schema::{
    Attribute, AttributeId, AttributeType, List, ListId, Object, ObjectId, OptionId, SelectOption,
    Status, StatusId, Workspace,
};

use super::{Contract, FieldContract};
use crate::Target;

/// Every contract of one object or list, with their fields merged by
/// attribute.
#[derive(Debug)]
pub(crate) struct Group<'c> {
    pub target: Target,
    pub slug: &'static str,
    pub contracts: Vec<&'c Contract>,
    pub fields: Vec<Merged>,
}

/// One attribute as every contract of its object or list relies on it.
#[derive(Debug, Clone)]
pub(crate) struct Merged {
    pub slug: &'static str,
    pub id: &'static str,
    pub attribute_type: &'static str,
    pub multiselect: bool,
    pub writes: bool,
    pub required: bool,
    pub matches: bool,
    pub choices: BTreeSet<&'static str>,
    /// `Struct.field` of each field bound to it.
    pub fields: Vec<String>,
}

impl Merged {
    fn new(contract: &Contract, f: &FieldContract) -> Merged {
        Merged {
            slug: f.slug,
            id: f.id,
            attribute_type: f.attribute_type,
            multiselect: f.multiselect,
            writes: f.writes,
            required: f.required,
            matches: f.matches,
            choices: f.choices.iter().copied().collect(),
            fields: vec![format!("{}.{}", contract.name, f.field)],
        }
    }

    fn add(&mut self, contract: &Contract, f: &FieldContract) {
        self.writes |= f.writes;
        self.matches |= f.matches;
        self.choices.extend(f.choices.iter().copied());
        self.fields.push(format!("{}.{}", contract.name, f.field));
    }

    /// Whether the check reads this attribute's options or statuses: only
    /// when an enum names some and the code writes it, as an archived one
    /// is refused in writes but still read back.
    pub fn reads_choices(&self) -> bool {
        self.writes && !self.choices.is_empty()
    }
}

/// The contracts grouped by object or list, in the order first named.
pub(crate) fn groups<'c>(contracts: &[&'c Contract]) -> Vec<Group<'c>> {
    let mut groups: Vec<Group<'c>> = Vec::new();
    for &contract in contracts {
        let at = groups
            .iter()
            .position(|g| g.target == contract.target && g.slug == contract.slug);
        let at = at.unwrap_or_else(|| {
            groups.push(Group {
                target: contract.target,
                slug: contract.slug,
                contracts: Vec::new(),
                fields: Vec::new(),
            });
            groups.len() - 1
        });
        let group = &mut groups[at];
        if group.contracts.iter().any(|c| std::ptr::eq(*c, contract)) {
            continue;
        }
        group.contracts.push(contract);
        for f in contract.fields {
            match group.fields.iter_mut().find(|m| m.slug == f.slug) {
                Some(merged) => merged.add(contract, f),
                None => group.fields.push(Merged::new(contract, f)),
            }
        }
    }
    groups
}

impl Group<'_> {
    /// The snapshot's UUID of the object or list, if a contract has one.
    fn id(&self) -> &'static str {
        self.contracts
            .iter()
            .map(|c| c.id)
            .find(|id| !id.is_empty())
            .unwrap_or("")
    }

    /// Whether any contract knows the snapshot's attributes.
    fn knows_attributes(&self) -> bool {
        self.contracts.iter().any(|c| !c.known.is_empty())
    }

    fn known(&self, slug: &str) -> bool {
        self.contracts.iter().any(|c| c.known.contains(&slug))
    }

    fn required_unbound(&self, slug: &str) -> bool {
        self.contracts
            .iter()
            .any(|c| c.required_unbound.contains(&slug))
    }

    /// The field bound to this attribute, if any.
    pub fn field(&self, slug: &str) -> Option<&Merged> {
        self.fields.iter().find(|f| f.slug == slug)
    }

    /// The expected side and the live side as two workspaces of one object
    /// or list; `live` is `None` when the workspace has no object or list
    /// of that slug.
    pub fn sides(&self, live: Option<&[Attribute]>) -> (Workspace, Workspace) {
        let ids = live
            .and_then(|attributes| attributes.first())
            .map(|a| (a.id.workspace_id.clone(), a.id.object_id.clone()));
        let (workspace_id, live_id) = ids.unwrap_or_default();
        let expected_id = match self.id() {
            "" => live_id.clone(),
            id => id.to_owned(),
        };
        let template = AttributeId {
            workspace_id: workspace_id.clone(),
            object_id: expected_id.clone(),
            attribute_id: String::new(),
        };
        let expected = match live {
            Some(live) => self.overlay(live, &template),
            None => self
                .fields
                .iter()
                .map(|f| from_contract(f, &template))
                .collect(),
        };
        let expected = self.workspace(&workspace_id, &expected_id, expected);
        let live = match live {
            Some(live) => self.workspace(&workspace_id, &live_id, live.to_vec()),
            None => Workspace::default(),
        };
        (expected, live)
    }

    /// The live attributes as the code expects them: each bound one with
    /// the contract's facts, a bound one the workspace lacks from the
    /// contract, the other ones the snapshot knew as they are (but required
    /// only if the snapshot said so), and the ones it did not know left out,
    /// so that they show as added.
    fn overlay(&self, live: &[Attribute], template: &AttributeId) -> Vec<Attribute> {
        let mut used = vec![false; live.len()];
        let mut out = Vec::new();
        for f in &self.fields {
            let by_slug = live.iter().position(|a| a.api_slug == f.slug);
            // A slug that moved keeps its UUID: the diff reports the rename.
            let by_id = || {
                live.iter().position(|a| {
                    !f.id.is_empty()
                        && a.id.attribute_id == f.id
                        && self.field(&a.api_slug).is_none()
                })
            };
            match by_slug.or_else(by_id) {
                Some(i) => {
                    used[i] = true;
                    out.push(overlay(f, &live[i]));
                }
                None => out.push(from_contract(f, template)),
            }
        }
        let knows = self.knows_attributes();
        for (attribute, _) in live.iter().zip(&used).filter(|(_, used)| !**used) {
            if !knows {
                out.push(attribute.clone());
            } else if self.known(&attribute.api_slug) {
                let mut expected = attribute.clone();
                expected.is_required = self.required_unbound(&attribute.api_slug);
                out.push(expected);
            }
        }
        out
    }

    fn workspace(&self, workspace_id: &str, id: &str, attributes: Vec<Attribute>) -> Workspace {
        match self.target {
            Target::Object => Workspace {
                objects: vec![Object {
                    id: ObjectId {
                        workspace_id: workspace_id.to_owned(),
                        object_id: id.to_owned(),
                    },
                    api_slug: self.slug.to_owned(),
                    singular_noun: None,
                    plural_noun: None,
                    created_at: None,
                    attributes,
                }],
                lists: Vec::new(),
            },
            Target::List => Workspace {
                objects: Vec::new(),
                lists: vec![List {
                    id: ListId {
                        workspace_id: workspace_id.to_owned(),
                        list_id: id.to_owned(),
                    },
                    api_slug: self.slug.to_owned(),
                    name: String::new(),
                    parent_object: Vec::new(),
                    workspace_access: None,
                    workspace_member_access: Vec::new(),
                    created_by_actor: None,
                    created_at: None,
                    attributes,
                }],
            },
        }
    }
}

/// The live attribute with what the contract says laid over it.
fn overlay(f: &Merged, live: &Attribute) -> Attribute {
    let mut expected = live.clone();
    expected.api_slug = f.slug.to_owned();
    if !f.id.is_empty() {
        expected.id.attribute_id = f.id.to_owned();
    }
    expected.attribute_type = AttributeType::parse(f.attribute_type);
    expected.is_multiselect = f.multiselect;
    expected.is_archived = false;
    expected.is_required = f.required;
    // What the code does not rely on stays as it is live: a read-only
    // field may be read-only, a field no upsert matches on may be unique.
    expected.is_writable |= f.writes;
    expected.is_unique |= f.matches;
    if f.reads_choices() {
        let ids = &live.id;
        match expected.attribute_type {
            AttributeType::Status => {
                expected.statuses = choices(&f.choices, &live.statuses, |title| Status {
                    id: StatusId {
                        workspace_id: ids.workspace_id.clone(),
                        object_id: ids.object_id.clone(),
                        attribute_id: ids.attribute_id.clone(),
                        status_id: String::new(),
                    },
                    title: title.to_owned(),
                    is_archived: false,
                    celebration_enabled: false,
                    target_time_in_status: None,
                });
            }
            _ => {
                expected.options = choices(&f.choices, &live.options, |title| SelectOption {
                    id: OptionId {
                        workspace_id: ids.workspace_id.clone(),
                        object_id: ids.object_id.clone(),
                        attribute_id: ids.attribute_id.clone(),
                        option_id: String::new(),
                    },
                    title: title.to_owned(),
                    is_archived: false,
                });
            }
        }
    }
    expected
}

/// An option or a status, alike to the check.
trait Choice: Clone {
    fn title(&self) -> &str;
    fn archived(&mut self) -> &mut bool;
}

impl Choice for SelectOption {
    fn title(&self) -> &str {
        &self.title
    }
    fn archived(&mut self) -> &mut bool {
        &mut self.is_archived
    }
}

impl Choice for Status {
    fn title(&self) -> &str {
        &self.title
    }
    fn archived(&mut self) -> &mut bool {
        &mut self.is_archived
    }
}

/// The options (or statuses) the code expects: those its enum names, live
/// again if archived (from the contract, without an id, if the workspace
/// lacks one), and archived ones it does not name as they are. A live one
/// it does not name is new, and left out so that it shows as added.
fn choices<T: Choice>(
    named: &BTreeSet<&'static str>,
    live: &[T],
    missing: impl Fn(&str) -> T,
) -> Vec<T> {
    let mut out: Vec<T> = live
        .iter()
        .filter_map(|choice| {
            let mut choice = choice.clone();
            if named.contains(choice.title()) {
                *choice.archived() = false;
            } else if !*choice.archived() {
                return None;
            }
            Some(choice)
        })
        .collect();
    for title in named {
        if !live.iter().any(|c| c.title() == *title) {
            out.push(missing(title));
        }
    }
    out
}

/// An attribute as the contract describes it, for one the workspace lacks.
fn from_contract(f: &Merged, template: &AttributeId) -> Attribute {
    let id = AttributeId {
        attribute_id: f.id.to_owned(),
        ..template.clone()
    };
    let mut attribute = Attribute::new(id, f.slug, f.slug, AttributeType::parse(f.attribute_type));
    attribute.is_multiselect = f.multiselect;
    attribute.is_required = f.required;
    attribute.is_unique = f.matches;
    attribute
}
