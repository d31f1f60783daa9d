//! The snapshot as a picture: objects, lists and the record references
//! between them, for `cargo attio-gen diagram`, in two forms that draw the
//! same things:
//!
//! - [`render`]: a Mermaid ER diagram (`erDiagram`), which GitHub and most
//!   documentation tools render from a code block;
//! - [`render_svg`]: an SVG picture, laid out here, for people who just
//!   want to look (a browser opens it; no Mermaid needed).
//!
//! What both draw:
//!
//! - A box per object and per list, named by its slug (a list whose slug is
//!   also an object's is `slug (list)`), holding its reference attributes
//!   (with their targets and cardinality), or with
//!   [`DiagramOptions::attributes`] every live attribute with its type and
//!   flags.
//! - A line per live (not archived) record-reference attribute and target
//!   object, labelled with its slug. A two-way relationship is one line
//!   labelled `slug / inverse slug`, drawn from the side whose
//!   `(owner, slug)` sorts first, with the cardinality of both sides.
//! - A line from each list to its parent object ("parent record").
//!
//! The output depends only on the workspace: boxes and lines are sorted.

mod mermaid;
mod svg;

use std::collections::BTreeSet;

use attio_schema::{suggest, Attribute, AttributeType, Owner, Target, Workspace};

/// What [`render`] and [`render_svg`] draw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiagramOptions {
    /// Only the object or list with this slug (both, if an object and a
    /// list share it) and what is one reference or parent link away.
    pub around: Option<String>,
    /// Every live attribute of each entity, with its type, instead of only
    /// the record references.
    pub attributes: bool,
}

/// Why a diagram was not drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DiagramError {
    /// [`DiagramOptions::around`] names no object or list of the workspace.
    #[error("no object or list `{slug}` in the snapshot (it has {known}){hint}")]
    UnknownSlug {
        /// The slug asked for.
        slug: String,
        /// `; did you mean …?`, or empty.
        hint: String,
        /// The first slugs of the workspace, in words.
        known: String,
    },
    /// The SVG layout failed on this graph in each of its modes (only
    /// [`render_svg`]; see `diagram/svg.rs`).
    #[error(
        "cannot lay out the diagram's {boxes} boxes and {lines} lines as SVG; \
         draw a part of it (around one object or list) or its Mermaid form"
    )]
    Layout {
        /// Objects and lists drawn.
        boxes: usize,
        /// Relationships drawn.
        lines: usize,
    },
}

/// The workspace as a Mermaid `erDiagram`, one statement a line.
pub fn render(workspace: &Workspace, options: &DiagramOptions) -> Result<String, DiagramError> {
    let drawing = Drawing::select(workspace, options)?;
    Ok(mermaid::write(&drawing))
}

/// The workspace as an SVG document: a box per object and list, a line per
/// relationship, laid out top to bottom.
pub fn render_svg(workspace: &Workspace, options: &DiagramOptions) -> Result<String, DiagramError> {
    let drawing = Drawing::select(workspace, options)?;
    svg::write(&drawing).ok_or(DiagramError::Layout {
        boxes: drawing.owners.len(),
        lines: drawing.edges.len(),
    })
}

/// An object or a list.
type Key<'w> = (Target, &'w str);

/// How many records one end of a line stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Cardinality {
    /// Exactly one: the parent record of a list's entry.
    One,
    /// Zero or one: a single-select reference.
    AtMostOne,
    /// Any number: a multiselect reference, or the referring side of a
    /// one-way reference.
    Many,
}

fn many(multiselect: bool) -> Cardinality {
    if multiselect {
        Cardinality::Many
    } else {
        Cardinality::AtMostOne
    }
}

/// What a line stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Link {
    /// A reference attribute with no (live) inverse.
    OneWay,
    /// A reference attribute and its inverse on the other object.
    TwoWay,
    /// A list's entries to their parent records.
    Parent,
}

/// One line of the diagram, from `from` to `to`.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Edge<'w> {
    from: Key<'w>,
    to: Key<'w>,
    label: String,
    link: Link,
    /// How many `from` records one `to` record is linked to.
    at_from: Cardinality,
    /// How many `to` records one `from` record is linked to.
    at_to: Cardinality,
}

/// The boxes and lines one diagram draws, whatever its form.
struct Drawing<'w> {
    workspace: &'w Workspace,
    /// Objects first, then lists, each by slug.
    owners: Vec<Owner<'w>>,
    edges: Vec<Edge<'w>>,
    attributes: bool,
}

impl<'w> Drawing<'w> {
    fn select(workspace: &'w Workspace, options: &DiagramOptions) -> Result<Self, DiagramError> {
        let mut edges = edges(workspace);
        let mut keys: BTreeSet<Key> = workspace.owners().map(|o| (o.target, o.api_slug)).collect();
        if let Some(slug) = &options.around {
            let centre: BTreeSet<Key> = keys.iter().filter(|k| k.1 == slug).copied().collect();
            if centre.is_empty() {
                let slugs = || workspace.owners().map(|o| o.api_slug);
                return Err(DiagramError::UnknownSlug {
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
        let mut keys: Vec<Key> = keys.into_iter().collect();
        keys.sort_by_key(|&(target, slug)| (target != Target::Object, slug));
        let owners = keys
            .into_iter()
            .filter_map(|(target, slug)| workspace.owner(target, slug))
            .collect();
        Ok(Drawing {
            workspace,
            owners,
            edges,
            attributes: options.attributes,
        })
    }

    /// The attributes an owner's box shows: live ones, and only the
    /// references unless every attribute was asked for.
    fn shown<'a>(&self, owner: &Owner<'a>) -> impl Iterator<Item = &'a Attribute> {
        let all = self.attributes;
        owner
            .attributes
            .iter()
            .filter(move |a| !a.is_archived && (all || is_reference(a)))
    }

    /// The slugs a reference may point to, or "any object".
    fn targets_text(&self, attribute: &Attribute) -> String {
        let targets = targets(self.workspace, attribute);
        if targets.is_empty() {
            "any object".to_owned()
        } else {
            targets.join(", ")
        }
    }
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
                    link: Link::Parent,
                    at_from: Cardinality::Many,
                    at_to: Cardinality::One,
                });
            }
        }
        for attribute in owner
            .attributes
            .iter()
            .filter(|a| !a.is_archived && is_reference(a))
        {
            let inverse = inverse_of(workspace, attribute);
            let (link, at_from, label) = match inverse {
                // Drawn from the other side.
                Some((slug, inv))
                    if (slug, inv.api_slug.as_str())
                        < (owner.api_slug, attribute.api_slug.as_str()) =>
                {
                    continue
                }
                Some((_, inv)) => (
                    Link::TwoWay,
                    many(inv.is_multiselect),
                    format!("{} / {}", attribute.api_slug, inv.api_slug),
                ),
                None => (Link::OneWay, Cardinality::Many, attribute.api_slug.clone()),
            };
            for target in targets(workspace, attribute) {
                edges.push(Edge {
                    from,
                    to: (Target::Object, target),
                    label: label.clone(),
                    link,
                    at_from,
                    at_to: many(attribute.is_multiselect),
                });
            }
        }
    }
    edges.sort();
    edges.dedup();
    edges
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

#[cfg(test)]
mod tests;
