//! One change and the whole report: paths, sorting into breaking and
//! additive, and the report's text.

use std::fmt;

use super::kind::ChangeKind;
use super::parts::Severity;

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
