//! What a plan holds: the steps to carry out, in order, and the notes for a
//! reviewer; its JSON form and its text form.

use std::fmt;

use attio_runtime::api::schema::{
    AttributeUpdate, ChoiceUpdate, ListUpdate, NewAttribute, NewList, NewObject, NewStatus,
    ObjectUpdate,
};
use attio_schema::diff::ChoiceKind;
use attio_schema::Target;
use serde::{Deserialize, Serialize};

/// The version of the JSON form of a [`Plan`]; a plan of another version is
/// refused rather than half understood.
pub const PLAN_FORMAT_VERSION: u32 = 2;

/// What it takes to bring a workspace to a snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// [`PLAN_FORMAT_VERSION`].
    pub format_version: u32,
    /// The changes to make, in the order they can be made: archives first,
    /// then objects, lists, attributes, and options and statuses last.
    pub steps: Vec<Step>,
    /// What Attio cannot change through its API (an attribute's type, a
    /// slug …): a person must decide, in Attio's UI.
    pub manual: Vec<Note>,
    /// Archives the plan would make with `allow_archive`, left out without it.
    pub held_back: Vec<Note>,
    /// Differences that need nothing: what only the workspace has and
    /// nothing asks to remove, what is archived in the snapshot and absent
    /// in the workspace.
    pub left_alone: Vec<Note>,
}

impl Plan {
    /// An empty plan.
    pub fn new() -> Plan {
        Plan {
            format_version: PLAN_FORMAT_VERSION,
            steps: Vec::new(),
            manual: Vec::new(),
            held_back: Vec::new(),
            left_alone: Vec::new(),
        }
    }

    /// Whether the workspace already matches: nothing to do, nothing for a
    /// person to do, no archive held back.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty() && self.manual.is_empty() && self.held_back.is_empty()
    }

    /// The plan as pretty JSON, for `--out plan.json`.
    pub fn to_json(&self) -> String {
        // Every member is a string, a number, a boolean or a list of them.
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Reads a plan written by [`Plan::to_json`].
    pub fn from_json(text: &str) -> Result<Plan, String> {
        let plan: Plan = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if plan.format_version != PLAN_FORMAT_VERSION {
            return Err(format!(
                "it is of format version {}, this tool reads version {PLAN_FORMAT_VERSION}; \
                 run `cargo attio-gen plan --out` again with this version",
                plan.format_version
            ));
        }
        Ok(plan)
    }
}

impl Default for Plan {
    fn default() -> Plan {
        Plan::new()
    }
}

/// One change and why it is made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// What it changes, as the schema diff names it: `projects`,
    /// `projects.phase`, `lists/hiring.stage`.
    pub path: String,
    /// Why, for the reviewer: the difference it removes.
    pub why: String,
    /// Whether it archives something live in the workspace: such steps
    /// are planned only with `allow_archive`, and listed first.
    #[serde(default)]
    pub destructive: bool,
    /// The change.
    pub action: Action,
}

/// A difference a step does not remove, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Where, as in [`Step::path`].
    pub path: String,
    /// What differs and what to do about it.
    pub why: String,
}

/// A [`Target`] in a plan's JSON: `"object"` or `"list"`, its noun.
mod target_noun {
    use attio_schema::Target;
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(target: &Target, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(target.noun())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Target, D::Error> {
        let noun = String::deserialize(deserializer)?;
        Target::ALL
            .into_iter()
            .find(|target| target.noun() == noun)
            .ok_or_else(|| {
                D::Error::custom(format!(
                    "unknown target `{noun}`; expected `object` or `list`"
                ))
            })
    }
}

/// The attribute a step is about: its object or list and its slug.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeRef {
    /// Whether `owner` is an object or a list.
    #[serde(with = "target_noun")]
    pub target: Target,
    /// The object's or list's slug.
    pub owner: String,
    /// The attribute's slug.
    pub attribute: String,
}

/// One request to Attio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case")]
pub enum Action {
    /// `POST /v2/objects`.
    CreateObject {
        /// The object.
        object: NewObject,
    },
    /// `PATCH /v2/objects/{object}`.
    UpdateObject {
        /// The object's slug.
        object: String,
        /// What changes.
        update: ObjectUpdate,
    },
    /// `POST /v2/lists`.
    CreateList {
        /// The list.
        list: NewList,
    },
    /// `PATCH /v2/lists/{list}`.
    UpdateList {
        /// The list's slug.
        list: String,
        /// What changes.
        update: ListUpdate,
    },
    /// `POST …/attributes` (with a relationship, both sides).
    CreateAttribute {
        /// Object or list.
        #[serde(with = "target_noun")]
        target: Target,
        /// The object's or list's slug.
        owner: String,
        /// The attribute.
        attribute: NewAttribute,
    },
    /// `PATCH …/attributes/{attribute}`, archiving and restoring included.
    UpdateAttribute {
        /// The attribute.
        of: AttributeRef,
        /// What changes.
        update: AttributeUpdate,
    },
    /// `POST …/options`.
    CreateOption {
        /// The select attribute.
        of: AttributeRef,
        /// The option's title.
        title: String,
    },
    /// `PATCH …/options/{title}`: archiving or restoring.
    UpdateOption {
        /// The select attribute.
        of: AttributeRef,
        /// The option's title.
        title: String,
        /// What changes.
        update: ChoiceUpdate,
    },
    /// `POST …/statuses`.
    CreateStatus {
        /// The status attribute.
        of: AttributeRef,
        /// The status.
        status: NewStatus,
    },
    /// `PATCH …/statuses/{title}`: archiving or restoring.
    UpdateStatus {
        /// The status attribute.
        of: AttributeRef,
        /// The status's title.
        title: String,
        /// What changes.
        update: ChoiceUpdate,
    },
}

impl Action {
    /// Whether the step archives something.
    pub fn archives(&self) -> bool {
        match self {
            Action::UpdateAttribute { update, .. } => update.is_archived == Some(true),
            Action::UpdateOption { update, .. } | Action::UpdateStatus { update, .. } => {
                update.is_archived == Some(true)
            }
            _ => false,
        }
    }

    /// `create`, `change` or `archive`: the verb a reviewer reads.
    pub fn verb(&self) -> &'static str {
        match self {
            _ if self.archives() => "archive",
            Action::CreateObject { .. }
            | Action::CreateList { .. }
            | Action::CreateAttribute { .. }
            | Action::CreateOption { .. }
            | Action::CreateStatus { .. } => "create",
            _ => "change",
        }
    }
}

/// Archiving (`true`) or restoring (`false`) an option or a status.
pub(super) fn choice_update(
    choice: ChoiceKind,
    of: AttributeRef,
    title: &str,
    archive: bool,
) -> Action {
    let update = ChoiceUpdate {
        title: None,
        is_archived: Some(archive),
    };
    let title = title.to_owned();
    match choice {
        ChoiceKind::Option => Action::UpdateOption { of, title, update },
        ChoiceKind::Status => Action::UpdateStatus { of, title, update },
    }
}

/// The object or list a path belongs to: `projects` for `projects.phase`,
/// `lists/hiring` for `lists/hiring.stage`.
pub(super) fn group_of(path: &str) -> &str {
    path.split_once('.').map_or(path, |(owner, _)| owner)
}

/// The plan as a reviewer reads it: archives first, then the other steps
/// grouped by object and list, each line with its reason; then what needs a
/// person, what is held back and what is left alone.
impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            writeln!(f, "nothing to do: the workspace matches the snapshot")?;
        }
        let (archives, others): (Vec<&Step>, Vec<&Step>) =
            self.steps.iter().partition(|s| s.destructive);
        if !archives.is_empty() {
            writeln!(f, "Archive ({}):", archives.len())?;
            for step in archives {
                writeln!(f, "  - {}: {}", step.path, step.why)?;
            }
        }
        if !others.is_empty() {
            writeln!(f, "Create and change ({}):", others.len())?;
            let mut groups: Vec<&str> = others.iter().map(|s| group_of(&s.path)).collect();
            groups.sort();
            groups.dedup();
            for group in groups {
                writeln!(f, "  {group}")?;
                for step in others.iter().filter(|s| group_of(&s.path) == group) {
                    writeln!(f, "    {} {}: {}", step.action.verb(), step.path, step.why)?;
                }
            }
        }
        let sections = [
            ("Needs a person, in Attio's UI", &self.manual),
            (
                "Held back (pass --allow-archive to archive)",
                &self.held_back,
            ),
            ("Left alone", &self.left_alone),
        ];
        for (title, notes) in sections {
            if notes.is_empty() {
                continue;
            }
            writeln!(f, "{title} ({}):", notes.len())?;
            for note in notes {
                writeln!(f, "  - {}: {}", note.path, note.why)?;
            }
        }
        Ok(())
    }
}
