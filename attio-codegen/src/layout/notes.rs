//! [`Note`]: what the layout tells its user without failing — a name that got
//! a suffix because another slug or title took it first.

use std::fmt;

use attio_schema::Target;

/// A generated name that is not the one its slug or title would give alone,
/// because that one is taken in the same scope. Printed by
/// `cargo attio-gen generate` on stderr and by the
/// [`Builder`](crate::Builder) as a cargo warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// What was named.
    pub subject: NoteSubject,
    /// The name it is generated under.
    pub generated: String,
    /// The name it would have had, taken by another.
    pub taken: String,
}

/// What a [`Note`] is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteSubject {
    /// The struct of an object or list.
    Struct {
        /// Object or list.
        target: Target,
        /// Its api_slug.
        slug: String,
    },
    /// The field of an attribute.
    Field {
        /// The object's or list's api_slug.
        owner: String,
        /// The attribute's api_slug.
        attribute: String,
    },
    /// The enum of a select or status attribute.
    Enum {
        /// The object's or list's api_slug.
        owner: String,
        /// The attribute's api_slug.
        attribute: String,
    },
    /// One option or status of such an enum.
    Variant {
        /// The object's or list's api_slug.
        owner: String,
        /// The attribute's api_slug.
        attribute: String,
        /// The option's or status's title.
        title: String,
    },
}

impl Note {
    /// A note about `subject`, generated as `generated` because `taken` is taken.
    pub(super) fn new(subject: NoteSubject, generated: &str, taken: &str) -> Note {
        Note {
            subject,
            generated: generated.to_owned(),
            taken: taken.to_owned(),
        }
    }
}

impl fmt::Display for Note {
    /// One line, without a `note:` prefix (the printer adds its own).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (generated, taken) = (&self.generated, &self.taken);
        let because = format!("is generated as `{generated}` because `{taken}` is taken");
        match &self.subject {
            NoteSubject::Struct { target, slug } => write!(
                f,
                "{target} {slug} {because}; to choose its name (and end this note), add to attio-codegen.toml: [rename] \"{slug}\" = \"{generated}\""
            ),
            NoteSubject::Field { owner, attribute } => write!(
                f,
                "{owner}.{attribute} {because}; to choose its name (and end this note), add to attio-codegen.toml: [rename] \"{owner}.{attribute}\" = \"{generated}\""
            ),
            // An enum is named after its struct, so renaming the struct
            // renames the enum.
            NoteSubject::Enum { owner, attribute } => write!(
                f,
                "the enum of {owner}.{attribute} {because}; renaming its struct in attio-codegen.toml renames it: [rename] \"{owner}\" = \"…\""
            ),
            NoteSubject::Variant {
                owner,
                attribute,
                title,
            } => write!(
                f,
                "option {title:?} of {owner}.{attribute} {because}; attio-codegen.toml cannot rename options, so retitle it in Attio to change the name"
            ),
        }
    }
}
