//! The Mermaid form of a [`Drawing`]: an `erDiagram`.
//!
//! - An entity per box. A slug that is not a plain Mermaid name
//!   (`[A-Za-z_][A-Za-z0-9_-]*`, or one of the words Mermaid's ER syntax
//!   reserves) is written in double quotes, which Mermaid accepts for entity
//!   names; the characters a quoted name cannot hold (`"`, `%`, `\`) become
//!   `_`. A list whose slug is also an object's is named `"slug (list)"`.
//! - Cardinality on each end of a line: `||` exactly one, `o|` at most
//!   one, `o{` many (the mirrored `|o` and `}o` on the left).
//! - In each entity, its reference attributes as `FK` with their targets
//!   and cardinality, or every attribute with its type and flags.

use std::fmt::Write as _;

use attio_schema::{Attribute, Target, Workspace};

use super::{is_reference, Cardinality, Drawing};

pub(super) fn write(drawing: &Drawing) -> String {
    let workspace = drawing.workspace;
    let mut out = String::from("erDiagram\n");
    for owner in &drawing.owners {
        let name = entity_name(workspace, owner.target, owner.api_slug);
        let lines: Vec<String> = drawing
            .shown(owner)
            .map(|a| attribute_line(drawing, a))
            .collect();
        if lines.is_empty() {
            let _ = writeln!(out, "    {name}");
        } else {
            let _ = writeln!(out, "    {name} {{");
            for line in lines {
                let _ = writeln!(out, "        {line}");
            }
            let _ = writeln!(out, "    }}");
        }
    }
    for edge in &drawing.edges {
        let left = match edge.at_from {
            Cardinality::One => "||",
            Cardinality::AtMostOne => "|o",
            Cardinality::Many => "}o",
        };
        let right = match edge.at_to {
            Cardinality::One => "||",
            Cardinality::AtMostOne => "o|",
            Cardinality::Many => "o{",
        };
        let _ = writeln!(
            out,
            "    {} {left}--{right} {} : \"{}\"",
            entity_name(workspace, edge.from.0, edge.from.1),
            entity_name(workspace, edge.to.0, edge.to.1),
            quotable(&edge.label),
        );
    }
    out
}

/// `type name [FK] "comment"` inside an entity.
fn attribute_line(drawing: &Drawing, attribute: &Attribute) -> String {
    let name = attribute_word(&attribute.api_slug);
    let mut comment: Vec<String> = Vec::new();
    if name != attribute.api_slug {
        comment.push(format!("slug {}", attribute.api_slug));
    }
    let key = if is_reference(attribute) {
        let count = if attribute.is_multiselect {
            "many"
        } else {
            "one"
        };
        comment.push(format!("to {} ({count})", drawing.targets_text(attribute)));
        " FK"
    } else {
        comment.extend(attribute.flags().into_iter().map(str::to_owned));
        ""
    };
    let kind = attribute_word(attribute.attribute_type.as_str());
    let mut line = format!("{kind} {name}{key}");
    if !comment.is_empty() {
        let _ = write!(line, " \"{}\"", quotable(&comment.join(", ")));
    }
    line
}

/// A type or attribute name as Mermaid reads one inside an entity
/// (`[A-Za-z_*][A-Za-z0-9_()[\]-]*`): other characters become `_`, and a
/// name that starts with neither a letter nor `_` gets a leading `_`.
fn attribute_word(text: &str) -> String {
    let mut word: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !word.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        word.insert(0, '_');
    }
    word
}

/// Words Mermaid's ER syntax reads as keywords or cardinalities.
const RESERVED: &[&str] = &[
    "erDiagram",
    "title",
    "accTitle",
    "accDescr",
    "direction",
    "style",
    "classDef",
    "class",
    "one",
    "only",
    "many",
    "zero",
    "to",
    "optionally",
    "u",
];

/// How an object or list is named in the diagram: its slug, quoted when
/// Mermaid would not read it as a name.
fn entity_name(workspace: &Workspace, target: Target, slug: &str) -> String {
    if target == Target::List && workspace.object(slug).is_some() {
        return format!("\"{} (list)\"", quotable(slug));
    }
    let plain = slug.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && slug
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !RESERVED.iter().any(|r| r.eq_ignore_ascii_case(slug));
    if plain {
        slug.to_owned()
    } else {
        format!("\"{}\"", quotable(slug))
    }
}

/// Text for a double-quoted Mermaid string, which cannot hold `"`, `%`, `\`
/// or a line break.
fn quotable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if matches!(c, '"' | '%' | '\\' | '\n' | '\r') {
                '_'
            } else {
                c
            }
        })
        .collect()
}
