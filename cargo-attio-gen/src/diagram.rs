//! The snapshot as a picture: objects, lists and the record references
//! between them as a Mermaid ER diagram (`erDiagram`), which GitHub and most
//! documentation tools render. `cargo attio-gen diagram` prints it.
//!
//! - An entity per object and per list, named by its slug. A slug that is
//!   not a plain Mermaid name (`[A-Za-z_][A-Za-z0-9_-]*`, or one of the
//!   words Mermaid's ER syntax reserves) is written in double quotes, which
//!   Mermaid accepts for entity names; the characters a quoted name cannot
//!   hold (`"`, `%`, `\`) become `_`. A list whose slug is also an object's
//!   is named `"slug (list)"`.
//! - A line per live (not archived) record-reference attribute and target
//!   object, labelled with its slug. A two-way relationship is one line
//!   labelled `slug / inverse slug`, drawn from the side whose
//!   `(owner, slug)` sorts first. Cardinality on each end: `o|` at most
//!   one, `o{` many (a multiselect); the referring end of a one-way
//!   reference is `}o`, since any number of records may point at one.
//! - A line from each list to its parent object (`}o--||`, "parent record").
//! - In each entity, its reference attributes (`FK`, with the targets and
//!   cardinality), or with [`DiagramOptions::attributes`] every live
//!   attribute with its type and flags.
//!
//! The output depends only on the workspace: entities and lines are sorted.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use attio_schema::{suggest, Attribute, AttributeType, Target, Workspace};

/// What [`render`] draws.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiagramOptions {
    /// Only the object or list with this slug (both, if an object and a
    /// list share it) and what is one reference or parent link away.
    pub around: Option<String>,
    /// Every live attribute of each entity, with its type, instead of only
    /// the record references.
    pub attributes: bool,
}

/// [`DiagramOptions::around`] names no object or list of the workspace.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no object or list `{slug}` in the snapshot (it has {known}){hint}")]
pub struct UnknownSlug {
    slug: String,
    hint: String,
    known: String,
}

/// An object or a list.
type Key<'w> = (Target, &'w str);

/// One line of the diagram, from `from` to `to`.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Edge<'w> {
    from: Key<'w>,
    to: Key<'w>,
    label: String,
    /// Mermaid's cardinality at `from` and at `to`.
    left: &'static str,
    right: &'static str,
}

/// The workspace as a Mermaid `erDiagram`, one statement a line.
pub fn render(workspace: &Workspace, options: &DiagramOptions) -> Result<String, UnknownSlug> {
    let mut edges = edges(workspace);
    let mut keys: BTreeSet<Key> = workspace.owners().map(|o| (o.target, o.api_slug)).collect();
    if let Some(slug) = &options.around {
        let centre: BTreeSet<Key> = keys.iter().filter(|k| k.1 == slug).copied().collect();
        if centre.is_empty() {
            let slugs = || workspace.owners().map(|o| o.api_slug);
            return Err(UnknownSlug {
                slug: slug.clone(),
                hint: suggest::did_you_mean(slug, slugs()),
                known: suggest::list(slugs(), 12),
            });
        }
        keys = centre.clone();
        for edge in &edges {
            if centre.contains(&edge.from) || centre.contains(&edge.to) {
                keys.extend([edge.from, edge.to]);
            }
        }
        edges.retain(|e| keys.contains(&e.from) && keys.contains(&e.to));
    }

    let mut out = String::from("erDiagram\n");
    // Objects first, then lists, each by slug.
    let mut keys: Vec<Key> = keys.into_iter().collect();
    keys.sort_by_key(|&(target, slug)| (target != Target::Object, slug));
    for (target, slug) in keys {
        let Some(owner) = workspace.owner(target, slug) else {
            continue;
        };
        let name = entity_name(workspace, target, slug);
        let lines: Vec<String> = owner
            .attributes
            .iter()
            .filter(|a| !a.is_archived && (options.attributes || is_reference(a)))
            .map(|a| attribute_line(workspace, a))
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
    for edge in &edges {
        let _ = writeln!(
            out,
            "    {} {}--{} {} : \"{}\"",
            entity_name(workspace, edge.from.0, edge.from.1),
            edge.left,
            edge.right,
            entity_name(workspace, edge.to.0, edge.to.1),
            quotable(&edge.label),
        );
    }
    Ok(out)
}

fn is_reference(attribute: &Attribute) -> bool {
    attribute.attribute_type == AttributeType::RecordReference
}

/// Every line of the whole workspace, sorted; a two-way relationship once.
fn edges(workspace: &Workspace) -> Vec<Edge<'_>> {
    let mut edges = Vec::new();
    for owner in workspace.owners() {
        let from = (owner.target, owner.api_slug);
        for parent in owner.parent_objects {
            if let Some(object) = workspace.object(parent) {
                edges.push(Edge {
                    from,
                    to: (Target::Object, &object.api_slug),
                    label: "parent record".to_owned(),
                    left: "}o",
                    right: "||",
                });
            }
        }
        for attribute in owner
            .attributes
            .iter()
            .filter(|a| !a.is_archived && is_reference(a))
        {
            let inverse = inverse_of(workspace, attribute);
            let (left, label) = match inverse {
                // Drawn from the other side.
                Some((slug, inv))
                    if (slug, inv.api_slug.as_str())
                        < (owner.api_slug, attribute.api_slug.as_str()) =>
                {
                    continue
                }
                Some((_, inv)) => (
                    many(inv.is_multiselect, "}o", "|o"),
                    format!("{} / {}", attribute.api_slug, inv.api_slug),
                ),
                None => ("}o", attribute.api_slug.clone()),
            };
            for target in targets(workspace, attribute) {
                edges.push(Edge {
                    from,
                    to: (Target::Object, target),
                    label: label.clone(),
                    left,
                    right: many(attribute.is_multiselect, "o{", "o|"),
                });
            }
        }
    }
    edges.sort();
    edges.dedup();
    edges
}

fn many(multiselect: bool, many: &'static str, one: &'static str) -> &'static str {
    if multiselect {
        many
    } else {
        one
    }
}

/// The live other side of a two-way relationship: its object's slug and
/// the attribute.
fn inverse_of<'w>(
    workspace: &'w Workspace,
    attribute: &Attribute,
) -> Option<(&'w str, &'w Attribute)> {
    let id = &attribute.relationship.as_ref()?.id;
    let object = workspace.object_by_id(&id.object_id)?;
    let inverse = object
        .attributes
        .iter()
        .find(|a| a.id.attribute_id == id.attribute_id)?;
    (!inverse.is_archived).then_some((object.api_slug.as_str(), inverse))
}

/// The slugs of the objects a reference may point to that the workspace
/// has; empty when it may point to any object.
fn targets<'w>(workspace: &'w Workspace, attribute: &Attribute) -> Vec<&'w str> {
    let ids = attribute
        .config
        .record_reference
        .allowed_object_ids
        .as_deref()
        .unwrap_or_default();
    ids.iter()
        .filter_map(|id| workspace.object_by_id(id))
        .map(|o| o.api_slug.as_str())
        .collect()
}

/// `type name [FK] "comment"` inside an entity.
fn attribute_line(workspace: &Workspace, attribute: &Attribute) -> String {
    let name = attribute_word(&attribute.api_slug);
    let mut comment: Vec<String> = Vec::new();
    if name != attribute.api_slug {
        comment.push(format!("slug {}", attribute.api_slug));
    }
    let key = if is_reference(attribute) {
        let targets = targets(workspace, attribute);
        let to = if targets.is_empty() {
            "any object".to_owned()
        } else {
            targets.join(", ")
        };
        comment.push(format!(
            "to {to} ({})",
            many(attribute.is_multiselect, "many", "one")
        ));
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

#[cfg(test)]
mod tests;
