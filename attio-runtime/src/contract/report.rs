//! The report of a check: each difference between the workspace and the
//! contracts, sorted into breaking for this code or harmless, with what to
//! do about each breaking one.

use std::fmt;

use attio_schema::diff::{Change, ChangeKind, Severity};
use attio_schema::Attribute;

use super::expected::{Group, Merged};
use crate::Target;

/// Whether a difference breaks the code that holds the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Drift {
    /// Some reads or writes of this code fail, or mean something else,
    /// against the workspace as it is now.
    Breaking,
    /// This code does not rely on what changed.
    Harmless,
}

/// One difference between the workspace and the contracts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Breaking for this code, or harmless.
    pub drift: Drift,
    /// The change, as `cargo attio-gen check` reports it.
    pub change: Change,
    /// `Struct.field` of each field bound to the attribute that changed
    /// (each struct, for a change of the whole object or list); empty when
    /// no field is.
    pub fields: Vec<String>,
    /// What to do, for a breaking change.
    pub advice: Option<String>,
}

/// `- Person.job_title (people.job_title): attribute archived; restore it…`
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.fields.is_empty() {
            write!(f, "{}", self.change)?;
        } else {
            let (fields, change) = (self.fields.join(", "), &self.change);
            write!(f, "{fields} ({}): {}", change.path, change.kind)?;
        }
        match &self.advice {
            Some(advice) => write!(f, "; {advice}"),
            None => Ok(()),
        }
    }
}

/// What [`Client::verify`](crate::Client::verify) found: the objects and
/// lists it checked and every difference, breaking ones first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DriftReport {
    /// The objects and lists checked (`people`, `lists/pipeline`).
    pub checked: Vec<String>,
    /// The differences, breaking ones first, then by path.
    pub findings: Vec<Finding>,
}

impl DriftReport {
    /// Whether some difference breaks this code.
    pub fn is_breaking(&self) -> bool {
        self.breaking().next().is_some()
    }

    /// Whether the workspace is exactly as the contracts expect.
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }

    /// The breaking differences.
    pub fn breaking(&self) -> impl Iterator<Item = &Finding> + '_ {
        self.findings.iter().filter(|f| f.drift == Drift::Breaking)
    }

    /// The harmless differences.
    pub fn harmless(&self) -> impl Iterator<Item = &Finding> + '_ {
        self.findings.iter().filter(|f| f.drift == Drift::Harmless)
    }

    /// The report of one object or list: `checked` is its path.
    pub(crate) fn new(checked: String, findings: Vec<Finding>) -> DriftReport {
        let mut report = DriftReport {
            checked: vec![checked],
            findings,
        };
        report.sort();
        report
    }

    /// Adds `other`'s objects and lists and findings, keeping the order.
    pub(crate) fn extend(&mut self, other: DriftReport) {
        self.checked.extend(other.checked);
        self.findings.extend(other.findings);
        self.sort();
    }

    /// Breaking findings first, then by path (stable: the diff's order
    /// within a path stays).
    fn sort(&mut self) {
        self.findings
            .sort_by(|a, b| (a.drift, &a.change.path).cmp(&(b.drift, &b.change.path)));
    }
}

/// ```text
/// the workspace no longer matches what this code was compiled against (1 breaking change):
/// - Person.job_title (people.job_title): attribute archived; restore it in Attio, or …
///
/// harmless (1):
/// - people.nickname: attribute added
/// ```
impl fmt::Display for DriftReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let checked = self.checked.join(", ");
        if self.is_clean() {
            return writeln!(f, "{checked}: as compiled, no drift");
        }
        let breaking: Vec<&Finding> = self.breaking().collect();
        let harmless: Vec<&Finding> = self.harmless().collect();
        if breaking.is_empty() {
            writeln!(f, "{checked}: no change breaks this code")?;
        } else {
            writeln!(
                f,
                "{checked}: the workspace no longer matches what this code was compiled against ({} breaking change{}):",
                breaking.len(),
                if breaking.len() == 1 { "" } else { "s" }
            )?;
            for finding in &breaking {
                writeln!(f, "- {finding}")?;
            }
        }
        if !harmless.is_empty() {
            writeln!(f)?;
            writeln!(f, "harmless ({}):", harmless.len())?;
            for finding in harmless {
                writeln!(f, "- {finding}")?;
            }
        }
        Ok(())
    }
}

const REGENERATE: &str = "`cargo attio-gen pull`, regenerate and redeploy";

/// Where the changes of `group`'s object or list are reported (as the
/// schema diff does): `people`, `lists/pipeline`.
pub(crate) fn owner_path(target: Target, slug: &str) -> String {
    match target {
        Target::Object => slug.to_owned(),
        Target::List => format!("{}/{slug}", Target::List.path_segment()),
    }
}

/// Sorts one change of `group`'s object or list against its contracts;
/// `live` is what the workspace has now.
pub(crate) fn classify(group: &Group<'_>, change: Change, live: &[Attribute]) -> Finding {
    let owner = owner_path(group.target, group.slug);
    let attribute = change
        .path
        .strip_prefix(&owner)
        .and_then(|rest| rest.strip_prefix('.'));
    let (drift, fields, advice) = match attribute {
        None => owner_change(group, &change.kind),
        Some(slug) => match group.field(slug) {
            Some(field) => field_change(group, field, &change.kind),
            None => other_change(group, slug, &change.kind, live),
        },
    };
    Finding {
        drift,
        change,
        fields,
        advice,
    }
}

type Sorted = (Drift, Vec<String>, Option<String>);

fn owner_change(group: &Group<'_>, kind: &ChangeKind) -> Sorted {
    let structs = group.contracts.iter().map(|c| c.name.to_owned()).collect();
    match kind {
        ChangeKind::ObjectRemoved | ChangeKind::ListRemoved => (
            Drift::Breaking,
            structs,
            Some(format!(
                "restore the {} `{}` in Attio (or its api_slug, if it was renamed), or {REGENERATE} without it",
                group.target, group.slug
            )),
        ),
        _ => (Drift::Harmless, structs, None),
    }
}

fn field_change(group: &Group<'_>, field: &Merged, kind: &ChangeKind) -> Sorted {
    let fields = field.fields.clone();
    if kind.severity() != Severity::Breaking {
        return (Drift::Harmless, fields, None);
    }
    let advice = match kind {
        ChangeKind::AttributeRemoved => {
            format!("restore it in Attio, or {REGENERATE} without the field")
        }
        ChangeKind::AttributeArchived => {
            format!("restore it from the archive in Attio, or {REGENERATE} without the field")
        }
        ChangeKind::AttributeRenamed { to, .. } => {
            let name = field
                .fields
                .first()
                .and_then(|f| f.split_once('.'))
                .map_or("", |(_, f)| f);
            format!(
                "to keep the field's name, add `\"{}.{to}\" = \"{name}\"` under `[rename]` in attio-codegen.toml, then {REGENERATE}",
                group.slug
            )
        }
        ChangeKind::TypeChanged { .. } | ChangeKind::MultiselectChanged { .. } => {
            format!("{REGENERATE}: the field's type follows the attribute's")
        }
        ChangeKind::WritableChanged { .. } => {
            format!("Attio refuses writes of it now; {REGENERATE}, which drops its setter")
        }
        ChangeKind::RequiredChanged { .. } => {
            format!("a create that leaves it out is refused now; {REGENERATE}, so that `create` requires it")
        }
        ChangeKind::UniqueChanged { .. } => format!(
            "an upsert matching on it is refused now; make it unique again in Attio, or match on another unique attribute and {REGENERATE}"
        ),
        ChangeKind::ChoiceArchived { choice, .. } | ChangeKind::ChoiceRemoved { choice, .. } => {
            format!("Attio refuses the {choice} in writes now; restore it in Attio, or {REGENERATE}")
        }
        _ => REGENERATE.to_owned(),
    };
    (Drift::Breaking, fields, Some(advice))
}

/// A change of an attribute no field binds: harmless, but for one that a
/// create must now name while no struct sets it.
fn other_change(group: &Group<'_>, slug: &str, kind: &ChangeKind, live: &[Attribute]) -> Sorted {
    let required_now = match kind {
        ChangeKind::AttributeAdded { archived: false } => live
            .iter()
            .any(|a| a.api_slug == slug && a.is_required && !a.is_archived),
        ChangeKind::RequiredChanged { required } => *required,
        _ => false,
    };
    // Code that writes nothing creates nothing.
    let creates = group.fields.iter().any(|f| f.writes);
    if required_now && creates {
        let structs = group.contracts.iter().map(|c| c.name.to_owned()).collect();
        let advice = format!(
            "a create must name it now and no field sets it, so creates are refused; make it optional in Attio, or {REGENERATE} with a field for it"
        );
        return (Drift::Breaking, structs, Some(advice));
    }
    (Drift::Harmless, Vec::new(), None)
}
