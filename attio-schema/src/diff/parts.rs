//! The small words a change is made of: its severity, option or status, the
//! cosmetic text fields and the targets of a record reference.

use std::fmt;

/// Whether a change can break code generated from the old schema.
///
/// [`Severity::Breaking`]: code generated from the old schema may stop
/// compiling or may send writes Attio rejects — something removed or
/// archived, an `api_slug` that moved, a type or cardinality change, an
/// attribute that became required, read-only, unique or no longer unique
/// (upserts match on unique attributes only), an option or status
/// renamed, removed or archived, fewer allowed record-reference targets or
/// list parent objects.
///
/// [`Severity::Additive`]: everything else that is reported — new objects,
/// lists, attributes, options and statuses, restored ones, relaxed
/// constraints, a slug that now names a re-created entity (another UUID;
/// records of a re-created object are not the old ones, but the code still
/// compiles and its writes are accepted), and cosmetic changes (titles, descriptions, nouns, list
/// names), which only alter generated doc comments.
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
