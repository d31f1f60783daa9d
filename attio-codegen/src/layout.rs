//! The second stage: from the workspace and the config, decide every name
//! and every type of the output — which structs and enums there are, what
//! their fields and variants are called, and what each field holds. No
//! tokens yet; [`emit`](crate::emit) turns a layout into code.

use std::collections::{BTreeMap, BTreeSet};

use attio_schema::naming::{dedupe, field_name, numbered, singular, type_name};
use attio_schema::rust_type::{value_type, ValueType};
use attio_schema::{Attribute, AttributeType, Owner, Target, Workspace};

use crate::config::Config;
use crate::docs;
use crate::Error;

mod notes;
mod refs;

pub use notes::{Note, NoteSubject};
use refs::{record_ref_targets, relationship_inverse, single_target};

/// Everything the output file declares, in output order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// One struct per generated object, then one per generated list.
    pub structs: Vec<StructLayout>,
}

/// A struct of an object or list, with the option enums of its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructLayout {
    /// The struct's name.
    pub ident: String,
    /// Object or list.
    pub target: Target,
    /// The object's or list's api_slug.
    pub slug: String,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// One field per generated attribute, in slug order.
    pub fields: Vec<FieldLayout>,
    /// The enums of the select and status fields, in field order.
    pub enums: Vec<EnumLayout>,
}

/// A field of one attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldLayout {
    /// The field's name.
    pub ident: String,
    /// The attribute's api_slug.
    pub slug: String,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// The attribute takes no writes (system, enriched, interaction, archived).
    pub read_only: bool,
    /// `Vec<…>` for a multiselect attribute, `Option<…>` otherwise.
    pub multiselect: bool,
    /// The type of one value.
    pub value: ValueRepr,
}

/// The Rust type of one value of a field.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ValueRepr {
    /// A fixed type by absolute path (`::attio_runtime::value::Domain`).
    Path(String),
    /// A type named in the config's `types` table.
    Override(String),
    /// An enum generated in the same file.
    Enum(String),
    /// `RecordRef<T>` with `T` a struct of the same file, or
    /// `AnyObject` when `None` (several or unknown targets, or a target that
    /// is not generated).
    RecordRef(Option<String>),
}

/// An enum of the options of a select attribute or the statuses of a
/// status attribute, with an `Other(String)` fallback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumLayout {
    /// The enum's name.
    pub ident: String,
    /// Object or list of the attribute.
    pub target: Target,
    /// The object's or list's api_slug.
    pub owner: String,
    /// The attribute's api_slug.
    pub attribute: String,
    /// Doc comment lines.
    pub doc: Vec<String>,
    /// One variant per option or status, in title order.
    pub variants: Vec<VariantLayout>,
}

/// One option or status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantLayout {
    /// The variant's name.
    pub ident: String,
    /// The option's or status's title, as Attio spells it.
    pub title: String,
    /// Archived (only laid out with `include_archived`).
    pub archived: bool,
}

/// The name of the fallback variant; an option titled "Other" gets another.
pub const OTHER: &str = "Other";

/// An object or list, as far as the layout is concerned: what both have,
/// and the text that names it.
struct Subject<'w> {
    owner: Owner<'w>,
    /// Singular noun (objects) or name (lists), for the struct name and the
    /// doc; `None` when it is missing or blank.
    title: Option<&'w str>,
}

/// Lays out the output for `workspace` (canonical order expected: the layout
/// follows the input order, which the caller makes deterministic).
pub fn layout(workspace: &Workspace, config: &Config) -> Result<Layout, Error> {
    layout_with_notes(workspace, config).map(|(layout, _)| layout)
}

/// [`layout`], with a [`Note`] for every name that got a suffix because the
/// name its slug or title gives was taken: struct names first, then
/// struct by struct in output order.
pub fn layout_with_notes(
    workspace: &Workspace,
    config: &Config,
) -> Result<(Layout, Vec<Note>), Error> {
    // In the order of `Workspace::owners`: objects, then lists.
    let titles = (workspace.objects.iter().map(|o| o.singular_noun.as_deref()))
        .chain(workspace.lists.iter().map(|l| Some(l.name.as_str())));
    let owners: Vec<Subject<'_>> = workspace
        .owners()
        .zip(titles)
        .filter(|(owner, _)| config.wants(owner.target, owner.api_slug))
        .map(|(owner, title)| Subject {
            owner,
            title: title.filter(|t| !t.trim().is_empty()),
        })
        .collect();

    let mut types = TypeNames::default();
    let mut notes = Vec::new();
    let struct_names = struct_names(&owners, config, &mut types, &mut notes)?;
    // Object UUID → struct name, for typed record references.
    let by_object_id: BTreeMap<&str, &str> = owners
        .iter()
        .zip(&struct_names)
        .filter(|(o, _)| o.owner.target == Target::Object)
        .filter_map(|(o, name)| {
            workspace
                .object(o.owner.api_slug)
                .map(|obj| (obj.id.object_id.as_str(), name.as_str()))
        })
        .collect();

    let mut structs = Vec::with_capacity(owners.len());
    for (owner, ident) in owners.iter().zip(&struct_names) {
        structs.push(layout_struct(
            owner,
            ident.clone(),
            workspace,
            config,
            &by_object_id,
            &mut types,
            &mut notes,
        )?);
    }
    Ok((Layout { structs }, notes))
}

/// The names the derive adds beside each struct `X`: the write model
/// `XWrite` and the required attributes of `X::create`, `XRequired`.
const DERIVED: &[&str] = &["Write", "Required"];

/// The type names of the file, one namespace: structs, the [`DERIVED`]
/// structs the derive adds for each, and the enums.
#[derive(Default)]
struct TypeNames {
    taken: BTreeSet<String>,
}

impl TypeNames {
    /// `base`, or `base2`, `base3` … ([`numbered`]: `Tier1_2` after a
    /// digit): the first name that is free, together with the names it
    /// implies (`companions`, e.g. `…Write`).
    fn claim(&mut self, base: &str, companions: &[&str]) -> String {
        let free = |name: &str, taken: &BTreeSet<String>| {
            !taken.contains(name)
                && companions
                    .iter()
                    .all(|c| !taken.contains(&format!("{name}{c}")))
        };
        let mut name = base.to_owned();
        let mut n = 2;
        while !free(&name, &self.taken) {
            name = numbered(base, n);
            n += 1;
        }
        for companion in companions {
            self.taken.insert(format!("{name}{companion}"));
        }
        self.taken.insert(name.clone());
        name
    }
}

/// Struct names, in owner order: renames first (they must be free), then
/// the others in the order of the owners.
fn struct_names(
    owners: &[Subject<'_>],
    config: &Config,
    types: &mut TypeNames,
    notes: &mut Vec<Note>,
) -> Result<Vec<String>, Error> {
    let mut names = vec![String::new(); owners.len()];
    for (i, owner) in owners.iter().enumerate() {
        if let Some(rename) = config.struct_rename(owner.owner.api_slug) {
            let claimed = types.claim(rename, DERIVED);
            if claimed != rename {
                return Err(Error::Naming(format!(
                    "the rename of `{}` to `{rename}` collides with another rename; choose another name",
                    owner.owner.api_slug
                )));
            }
            names[i] = claimed;
        }
    }
    for (i, owner) in owners.iter().enumerate() {
        if names[i].is_empty() {
            let slug = owner.owner.api_slug;
            let base = match (owner.owner.target, owner.title) {
                (Target::Object, Some(noun)) => type_name(noun),
                (Target::Object, None) => type_name(&singular(slug)),
                // `Self_` (the slug `self`) needs no `_` once it is
                // `SelfEntry`, and rustc warns of `Self_Entry`.
                (Target::List, _) => format!("{}Entry", type_name(slug).trim_end_matches('_')),
            };
            if let Some(j) = owners
                .iter()
                .position(|o| config.struct_rename(o.owner.api_slug) == Some(&base))
            {
                return Err(Error::Naming(format!(
                    "the rename of `{}` to `{base}` takes the name of `{slug}`; rename `{slug}` too",
                    owners[j].owner.api_slug
                )));
            }
            names[i] = types.claim(&base, DERIVED);
            if names[i] != base {
                let subject = NoteSubject::Struct {
                    target: owner.owner.target,
                    slug: slug.to_owned(),
                };
                notes.push(Note::new(subject, &names[i], &base));
            }
        }
    }
    Ok(names)
}

fn layout_struct(
    subject: &Subject<'_>,
    ident: String,
    workspace: &Workspace,
    config: &Config,
    by_object_id: &BTreeMap<&str, &str>,
    types: &mut TypeNames,
    notes: &mut Vec<Note>,
) -> Result<StructLayout, Error> {
    let owner = &subject.owner;
    let attributes: Vec<&Attribute> = owner
        .attributes
        .iter()
        .filter(|a| config.wants_attribute(a))
        .collect();
    let field_names = field_names(owner, &attributes, config, notes)?;

    let mut fields = Vec::with_capacity(attributes.len());
    let mut enums = Vec::new();
    for (attribute, field) in attributes.iter().zip(field_names) {
        let overridden = config.type_override(owner.api_slug, &attribute.api_slug);
        if let (AttributeType::Unknown(attribute_type), None) =
            (&attribute.attribute_type, overridden)
        {
            notes.push(Note::UnknownType {
                owner: owner.api_slug.to_owned(),
                attribute: attribute.api_slug.clone(),
                attribute_type: attribute_type.clone(),
            });
        }
        let value = match overridden {
            Some(path) => ValueRepr::Override(path.to_owned()),
            None => match value_type(&attribute.attribute_type) {
                ValueType::Path(path) => ValueRepr::Path(path.to_owned()),
                ValueType::RecordRef => {
                    ValueRepr::RecordRef(single_target(attribute, by_object_id))
                }
                ValueType::OptionsEnum => {
                    // `CompanyCategory`, `EnterprisePipelineStage`.
                    let prefix = ident
                        .strip_suffix("Entry")
                        .filter(|p| !p.is_empty() && owner.target == Target::List)
                        .unwrap_or(&ident)
                        // `Self_` + `Type`: `SelfType` (rustc warns of `Self_Type`).
                        .trim_end_matches('_');
                    let base = format!("{prefix}{}", type_name(&singular(&attribute.api_slug)));
                    let enum_ident = types.claim(&base, &[]);
                    if enum_ident != base {
                        let subject = NoteSubject::Enum {
                            owner: owner.api_slug.to_owned(),
                            attribute: attribute.api_slug.clone(),
                        };
                        notes.push(Note::new(subject, &enum_ident, &base));
                    }
                    let laid_out = layout_enum(owner, attribute, enum_ident.clone(), config, notes);
                    enums.push(laid_out);
                    ValueRepr::Enum(enum_ident)
                }
            },
        };
        let (targets, inverse) = match attribute.attribute_type {
            AttributeType::RecordReference => (
                record_ref_targets(attribute, workspace),
                relationship_inverse(attribute, workspace),
            ),
            _ => (None, None),
        };
        fields.push(FieldLayout {
            ident: field,
            slug: attribute.api_slug.clone(),
            doc: docs::field(attribute, targets.as_deref(), inverse.as_deref()),
            read_only: !attribute.accepts_writes(),
            multiselect: attribute.is_multiselect,
            value,
        });
    }
    let mut doc = docs::owner(owner.target, subject.title, owner.api_slug);
    doc.push(String::new());
    doc.push(create_doc(owner, &ident, &fields));
    Ok(StructLayout {
        doc,
        ident,
        target: owner.target,
        slug: owner.api_slug.to_owned(),
        fields,
        enums,
    })
}

/// How to create one, as the derive provides it: `X::create(XRequired { … })`
/// with a field per attribute Attio requires on create, in slug order.
///
/// Every such attribute has a field: the config leaves out only archived
/// attributes, and those take no writes.
fn create_doc(owner: &Owner<'_>, ident: &str, fields: &[FieldLayout]) -> String {
    let mut required: Vec<&FieldLayout> = fields
        .iter()
        .filter(|f| {
            owner
                .attribute(&f.slug)
                .is_some_and(|a| a.is_required && a.accepts_writes())
        })
        .collect();
    required.sort_by(|a, b| a.slug.cmp(&b.slug));
    let names: Vec<&str> = required.iter().map(|f| f.ident.as_str()).collect();
    docs::create(ident, &names)
}

/// Field names of one struct: renames kept as given (they must not collide),
/// the others from [`field_name`], made unique by [`dedupe`].
fn field_names(
    owner: &Owner<'_>,
    attributes: &[&Attribute],
    config: &Config,
    notes: &mut Vec<Note>,
) -> Result<Vec<String>, Error> {
    let items: Vec<(&str, String)> = attributes
        .iter()
        .map(|a| {
            let name = config
                .field_rename(owner.api_slug, &a.api_slug)
                .map_or_else(|| field_name(&a.api_slug), str::to_owned);
            (a.api_slug.as_str(), name)
        })
        .collect();
    let names = dedupe(&items);
    for ((slug, wanted), got) in items.iter().zip(&names) {
        if wanted == got {
            continue;
        }
        if config.field_rename(owner.api_slug, slug).is_some() {
            return Err(Error::Naming(format!(
                "the rename of `{}.{slug}` to `{wanted}` collides with the field of another attribute; choose another name",
                owner.api_slug
            )));
        }
        let subject = NoteSubject::Field {
            owner: owner.api_slug.to_owned(),
            attribute: (*slug).to_owned(),
        };
        notes.push(Note::new(subject, got, wanted));
    }
    Ok(names)
}

fn layout_enum(
    owner: &Owner<'_>,
    attribute: &Attribute,
    ident: String,
    config: &Config,
    notes: &mut Vec<Note>,
) -> EnumLayout {
    let titles: Vec<(&str, bool)> = match attribute.attribute_type {
        AttributeType::Status => attribute
            .statuses
            .iter()
            .map(|s| (s.title.as_str(), s.is_archived))
            .collect(),
        _ => attribute
            .options
            .iter()
            .map(|o| (o.title.as_str(), o.is_archived))
            .collect(),
    };
    let mut titles: Vec<(&str, bool)> = titles
        .into_iter()
        .filter(|(_, archived)| config.include_archived || !archived)
        .collect();
    // A title is what a value holds, so one variant per title: the derive
    // refuses a second (a snapshot with two options of one title, found by
    // the property tests).
    let mut seen = BTreeSet::new();
    titles.retain(|(title, _)| seen.insert(*title));
    // The fallback comes first with the same key as an option titled
    // "Other" would have, so it keeps `Other` and such an option becomes
    // `Other2`.
    let mut items: Vec<(&str, String)> = vec![(OTHER, OTHER.to_owned())];
    items.extend(titles.iter().map(|(title, _)| (*title, type_name(title))));
    let names = dedupe(&items);
    for ((title, wanted), got) in items.iter().zip(&names).skip(1) {
        if wanted != got {
            let subject = NoteSubject::Variant {
                owner: owner.api_slug.to_owned(),
                attribute: attribute.api_slug.clone(),
                title: (*title).to_owned(),
            };
            notes.push(Note::new(subject, got, wanted));
        }
    }
    let variants = titles
        .iter()
        .zip(names.into_iter().skip(1))
        .map(|((title, archived), ident)| VariantLayout {
            ident,
            title: (*title).to_owned(),
            archived: *archived,
        })
        .collect();
    EnumLayout {
        ident,
        target: owner.target,
        owner: owner.api_slug.to_owned(),
        attribute: attribute.api_slug.clone(),
        doc: docs::options_enum(attribute, owner.api_slug),
        variants,
    }
}

#[cfg(test)]
mod tests;
