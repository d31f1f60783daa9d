//! [`Note`]: what the layout tells its user without failing — a name that got
//! a suffix because another slug or title took it first, or an attribute of
//! a type the generator does not know, generated as raw JSON.

use std::fmt;

use attio_schema::Target;

/// Something the generated code does differently from what its snapshot
/// alone would suggest, correct but worth knowing. Printed by
/// `cargo attio-gen generate` on stderr and by the
/// [`Builder`](crate::Builder) as a cargo warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// A generated name that is not the one its slug or title would give
    /// alone, because that one is taken in the same scope.
    Suffixed {
        /// What was named.
        subject: NoteSubject,
        /// The name it is generated under.
        generated: String,
        /// The name it would have had, taken by another.
        taken: String,
    },
    /// An attribute of a type this version does not know (Attio added it
    /// after this crate): its field holds the raw JSON of each value
    /// (`serde_json::Value`) and is read-only, since a value of an unknown
    /// type cannot be checked before it is sent.
    UnknownType {
        /// The object's or list's api_slug.
        owner: String,
        /// The attribute's api_slug.
        attribute: String,
        /// The type, as Attio names it.
        attribute_type: String,
    },
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
        Note::Suffixed {
            subject,
            generated: generated.to_owned(),
            taken: taken.to_owned(),
        }
    }
}

impl fmt::Display for Note {
    /// One line, without a `note:` prefix (the printer adds its own).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (subject, generated, taken) = match self {
            Note::Suffixed {
                subject,
                generated,
                taken,
            } => (subject, generated, taken),
            Note::UnknownType {
                owner,
                attribute,
                attribute_type,
            } => {
                return write!(
                    f,
                    "{owner}.{attribute} has type {attribute_type:?}, which this version of attio-codegen does not know: it is generated as raw JSON (`serde_json::Value`), read-only; upgrade the attio crates to read it typed"
                )
            }
        };
        let because = format!("is generated as `{generated}` because `{taken}` is taken");
        match subject {
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
