//! Checks a struct's fields against the snapshot: every name error is
//! reported here, with the field's span and a did-you-mean. Type errors are
//! left to rustc, through trait bounds the expansion spans on the field types.

use std::collections::HashMap;

use attio_schema::rust_type::{value_type, ValueType};
use attio_schema::{Attribute, AttributeType, Owner, Target, Workspace};
use syn::ext::IdentExt;
use syn::{Ident, LitStr};

use crate::attrs;
use crate::cardinality::{shape, Cardinality, FieldShape};
use crate::errors::Errors;
use attio_schema::suggest;

/// Looks up `slug` among the objects or lists of the snapshot, reporting an
/// unknown one at `lit` with a did-you-mean.
pub fn owner<'s>(
    workspace: &'s Workspace,
    target: Target,
    lit: &LitStr,
    errors: &mut Errors,
) -> Option<Owner<'s>> {
    let slug = lit.value();
    if let Some(owner) = workspace.owner(target, &slug) {
        return Some(owner);
    }
    let slugs_of = |t| {
        workspace
            .owners_of(t)
            .map(|o| o.api_slug)
            .collect::<Vec<&str>>()
    };
    let (same, other) = (slugs_of(target), slugs_of(target.other()));
    let noun = target.noun();
    let hint = if other.contains(&slug.as_str()) {
        let elsewhere = target.other();
        let article = match elsewhere {
            Target::Object => "an",
            Target::List => "a",
        };
        format!(
            "; `{slug}` is {article} {elsewhere}: bind its {} with `#[derive({})]` and `#[attio({elsewhere} = \"{slug}\")]`",
            elsewhere.items_segment(),
            elsewhere.derive_name(),
        )
    } else if let Some(close) = suggest::closest(&slug, same.iter().copied()) {
        format!("; did you mean `{close}`?")
    } else if same.is_empty() {
        format!("; the snapshot has no {noun}s")
    } else {
        format!(
            "; the snapshot's {noun}s are {}",
            suggest::list(same.iter().copied(), 12)
        )
    };
    errors.at(lit, format!("unknown Attio {noun} `{slug}`{hint}"));
    None
}

/// Looks up an attribute of `owner`, reporting an unknown slug at `span_of`.
/// `field` is the shape of the field that names it, if a field does: of
/// two suggestions equally close, the one whose type can hold it wins.
pub fn attribute<'s, T: quote::ToTokens>(
    owner: &Owner<'s>,
    slug: &str,
    span_of: T,
    field: Option<&FieldShape<'_>>,
    errors: &mut Errors,
) -> Option<&'s Attribute> {
    if let Some(found) = owner.attribute(slug) {
        return Some(found);
    }
    let slugs = owner.attributes.iter().map(|a| a.api_slug.as_str());
    let live = owner
        .attributes
        .iter()
        .filter(|a| !a.is_archived)
        .map(|a| a.api_slug.as_str());
    let archived = owner
        .attributes
        .iter()
        .filter(|a| a.is_archived)
        .map(|a| a.api_slug.as_str());
    // A field cannot be named after a keyword slug (`self`, `type`): the
    // generated name's `_` suffix is not the slug, and `r#self` is no identifier.
    let keyword = slug
        .strip_suffix('_')
        .filter(|bare| attio_schema::naming::is_keyword(bare))
        .filter(|bare| owner.attribute(bare).is_some());
    let fits = |candidate: &str| {
        field.is_some_and(|shape| {
            owner
                .attribute(candidate)
                .is_some_and(|a| can_hold(a, shape))
        })
    };
    // Live attributes first: an archived one takes no writes, so it is
    // rarely what a misspelling meant.
    let hint = if let Some(bare) = keyword {
        format!(
            "; `{bare}` is a Rust keyword, so no field can be named after it: keep the field name and add `#[attio(attribute = \"{bare}\")]`"
        )
    } else if let Some(close) = suggest::closest_fitting(slug, live, fits) {
        format!("; did you mean `{close}`?")
    } else if let Some(close) = suggest::closest_fitting(slug, archived, fits) {
        format!("; did you mean `{close}`? (archived in Attio: it takes no writes, so mark the field `#[attio(read_only)]`)")
    } else {
        // A field named after the title (`job_title` for "Job title").
        let by_title = owner
            .attributes
            .iter()
            .find(|a| attio_schema::naming::field_name(&a.title) == slug);
        match by_title {
            Some(a) => format!("; did you mean `{}` (titled \"{}\")?", a.api_slug, a.title),
            None => format!("; its attributes are {}", suggest::list(slugs, 15)),
        }
    };
    errors.at(
        span_of,
        format!(
            "unknown attribute `{slug}` on Attio {} `{}`{hint}",
            owner.target, owner.api_slug
        ),
    );
    None
}

/// Whether a field of `shape` can hold `attribute`, as far as its syntax
/// tells: the cardinality agrees, and the element type is the one the
/// generator would write (by its last path segment: `Domain`, `String` for
/// text, select and status, `f64` or `i64` for a number, `RecordRef`), or
/// `Value`, which holds any. A type of the user's own (an options enum, an
/// alias) cannot be told, so it fits nothing.
fn can_hold(attribute: &Attribute, shape: &FieldShape<'_>) -> bool {
    let cardinality = match shape.cardinality {
        Cardinality::Many => attribute.is_multiselect,
        Cardinality::Optional | Cardinality::Required => !attribute.is_multiselect,
    };
    let syn::Type::Path(path) = shape.element else {
        return false;
    };
    let Some(name) = path.path.segments.last().map(|s| s.ident.to_string()) else {
        return false;
    };
    let expected = match value_type(&attribute.attribute_type) {
        // `::attio_runtime::chrono::DateTime<…>` → `DateTime`.
        ValueType::Path(full) => {
            let bare = full.split('<').next().unwrap_or(full);
            bare.rsplit("::").next().unwrap_or(bare).to_owned()
        }
        ValueType::OptionsEnum => "String".to_owned(),
        ValueType::RecordRef => "RecordRef".to_owned(),
    };
    let number = attribute.attribute_type == AttributeType::Number && name == "i64";
    cardinality && (name == expected || number || name == "Value")
}

/// One field of the struct, checked and resolved against the snapshot.
pub struct CheckedField<'a, 's> {
    /// The field's identifier (also the setter's name).
    pub ident: &'a Ident,
    /// The attribute's api_slug.
    pub slug: String,
    /// Cardinality and element type, from the field's syntax.
    pub shape: FieldShape<'a>,
    /// `#[attio(read_only)]`, or forced for a read-only attribute already reported.
    pub read_only: bool,
    /// The attribute, or `None` when it could not be resolved (an error was reported
    /// and the expansion falls back to an unchecked field).
    pub attribute: Option<&'s Attribute>,
}

impl CheckedField<'_, '_> {
    /// Whether the write model gets a setter for the field.
    pub fn writable(&self) -> bool {
        !self.read_only && self.attribute.is_some_and(Attribute::accepts_writes)
    }
}

/// Why Attio refuses writes to an attribute, for error messages.
pub fn read_only_reason(attribute: &Attribute) -> &'static str {
    if attribute.is_archived {
        "archived"
    } else if attribute.attribute_type == AttributeType::Interaction {
        "interaction attributes are computed"
    } else if let AttributeType::Unknown(_) = attribute.attribute_type {
        "a type this version does not know, read as raw JSON and never written"
    } else {
        "enriched"
    }
}

/// Resolves and checks every named field. `owner` is `None` when the object
/// or list is unknown (already reported): fields are then left unchecked.
pub fn fields<'a, 's>(
    named: &'a syn::FieldsNamed,
    owner: Option<&Owner<'s>>,
    errors: &mut Errors,
) -> Vec<CheckedField<'a, 's>> {
    let mut field_of_slug: HashMap<String, &Ident> = HashMap::new();
    let mut checked = Vec::new();
    for field in &named.named {
        let Some(ident) = field.ident.as_ref() else {
            continue;
        };
        let field_attrs = attrs::field(&field.attrs, errors);
        let slug = field_attrs
            .attribute
            .as_ref()
            .map_or_else(|| ident.unraw().to_string(), LitStr::value);
        let field_shape = shape(&field.ty);
        let mut checked_field = CheckedField {
            ident,
            slug: slug.clone(),
            shape: field_shape,
            read_only: field_attrs.read_only,
            attribute: None,
        };
        if let Some(first) = field_of_slug.get(&slug) {
            errors.at_span(
                field_attrs.attribute.as_ref().map_or_else(|| ident.span(), LitStr::span),
                format!("attribute `{slug}` is already bound to field `{first}`; bind each attribute once"),
            );
        } else {
            field_of_slug.insert(slug.clone(), ident);
        }
        if let Some(owner) = owner {
            let shape = Some(&checked_field.shape);
            let found = match &field_attrs.attribute {
                Some(lit) => attribute(owner, &slug, lit, shape, errors),
                None => attribute(owner, &slug, ident, shape, errors),
            };
            if let Some(found) = found {
                check_cardinality(found, &checked_field.shape, &field.ty, errors);
                if let Some(message) = numeric_mismatch(found, checked_field.shape.element) {
                    errors.at(checked_field.shape.element, message);
                    // Reported: left unchecked, so that rustc does not
                    // report the same type again through the bounds.
                    checked.push(checked_field);
                    continue;
                }
                if !found.accepts_writes() && !checked_field.read_only {
                    errors.at(
                        ident,
                        format!(
                            "attribute `{slug}` is read-only in Attio ({}); mark the field `#[attio(read_only)]`",
                            read_only_reason(found)
                        ),
                    );
                    checked_field.read_only = true;
                }
                checked_field.attribute = Some(found);
            }
        }
        checked.push(checked_field);
    }
    checked
}

fn check_cardinality(
    attribute: &Attribute,
    field_shape: &FieldShape<'_>,
    ty: &syn::Type,
    errors: &mut Errors,
) {
    let slug = &attribute.api_slug;
    match (attribute.is_multiselect, field_shape.cardinality) {
        (true, Cardinality::Many) | (false, Cardinality::Optional) => {}
        // A bare type decodes only a record that has a value: Attio
        // guarantees one for a required attribute alone.
        (false, Cardinality::Required) if attribute.is_required => {}
        (false, Cardinality::Required) => errors.at(
            ty,
            format!(
                "attribute `{slug}` is not required in Attio, so a record may have no value: use `Option<{}>`",
                type_text(field_shape.element)
            ),
        ),
        (true, _) => errors.at(
            ty,
            format!("attribute `{slug}` is multiselect; declare the field as `Vec<…>`"),
        ),
        (false, Cardinality::Many) => errors.at(
            ty,
            if attribute.is_required {
                format!("attribute `{slug}` holds a single value; declare the field as `Option<…>` (or the bare type: the attribute is required, so every record has a value)")
            } else {
                format!("attribute `{slug}` holds a single value; declare the field as `Option<…>`")
            },
        ),
    }
}

/// A type as written in source (`RecordRef<Company>`), not as tokens
/// print (`RecordRef < Company >`).
fn type_text(ty: &syn::Type) -> String {
    let tokens = quote::ToTokens::to_token_stream(ty).to_string();
    let mut out = String::with_capacity(tokens.len());
    let mut chars = tokens.chars().peekable();
    while let Some(c) = chars.next() {
        // Keep a space only between two words (`dyn Trait`, `& 'a str` → `&'a str`).
        if c == ' ' {
            let before = out
                .chars()
                .last()
                .is_some_and(|p| p.is_alphanumeric() || p == '_');
            let after = chars
                .peek()
                .is_some_and(|n| n.is_alphanumeric() || *n == '_');
            if before && after {
                out.push(c);
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// The scalar types a number or currency field is likely to be declared
/// with by mistake, recognised by name (a path of one segment, or
/// `Decimal` by any path).
const SCALARS: &[&str] = &[
    "f32", "f64", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128",
    "usize", "Decimal", "String", "bool",
];

/// A number or currency field declared with a scalar type that cannot hold
/// it, reported with the types that can: rustc would only say that the type
/// "cannot hold" the attribute. Other types are left to rustc (a type alias
/// or the user's own type may implement `AttributeValue`).
fn numeric_mismatch(attribute: &Attribute, element: &syn::Type) -> Option<String> {
    let (accepted, fix) = match attribute.attribute_type {
        AttributeType::Number => (
            ["f64", "i64"].as_slice(),
            "`f64`, or `i64` if it holds only whole numbers",
        ),
        AttributeType::Currency => (
            ["Currency"].as_slice(),
            "`attio_runtime::value::Currency` (a `rust_decimal::Decimal` amount and a currency code)",
        ),
        _ => return None,
    };
    let syn::Type::Path(path) = element else {
        return None;
    };
    let last = path.path.segments.last()?;
    let name = last.ident.to_string();
    let recognised = path.qself.is_none()
        && last.arguments.is_empty()
        && SCALARS.contains(&name.as_str())
        && (path.path.segments.len() == 1 || name == "Decimal");
    if !recognised || accepted.contains(&name.as_str()) {
        return None;
    }
    Some(format!(
        "attribute `{}` is a {}: `{name}` cannot hold it; use {fix} (or `serde_json::Value`, which holds any)",
        attribute.api_slug, attribute.attribute_type
    ))
}

/// Checks `#[attio(upsert = "slug")]`: the attribute must exist and be unique.
pub fn upsert<'s>(owner: &Owner<'s>, lit: &LitStr, errors: &mut Errors) -> Option<&'s Attribute> {
    let slug = lit.value();
    let found = attribute(owner, &slug, lit, None, errors)?;
    if found.is_unique {
        return Some(found);
    }
    let unique: Vec<&str> = owner
        .attributes
        .iter()
        .filter(|a| a.is_unique && !a.is_archived)
        .map(|a| a.api_slug.as_str())
        .collect();
    let available = if unique.is_empty() {
        format!(
            "{} `{}` has no unique attribute, so its records cannot be upserted",
            owner.target, owner.api_slug
        )
    } else {
        format!(
            "unique attributes of `{}`: {}",
            owner.api_slug,
            suggest::list(unique, 12)
        )
    };
    errors.at(
        lit,
        format!("cannot upsert on attribute `{slug}`: Attio matches records only by a unique attribute; {available}"),
    );
    None
}

/// Required attributes that accept writes but have no writable field.
pub fn missing_required<'s>(
    owner: &Owner<'s>,
    fields: &[CheckedField<'_, 's>],
) -> Vec<&'s Attribute> {
    owner
        .attributes
        .iter()
        .filter(|a| a.is_required && a.accepts_writes())
        .filter(|a| !fields.iter().any(|f| f.slug == a.api_slug && f.writable()))
        .collect()
}

/// A field declaration to suggest for a missing attribute: `stage: Option<String>`.
pub fn suggested_field(attribute: &Attribute) -> String {
    let element = match value_type(&attribute.attribute_type) {
        ValueType::Path(path) => path
            .replace("::attio_runtime::value::", "")
            .replace("::attio_runtime::chrono::", "")
            .replace("::attio_runtime::serde_json::", "serde_json::"),
        ValueType::OptionsEnum => "String".to_owned(),
        ValueType::RecordRef => "RecordRef<…>".to_owned(),
    };
    let ty = if attribute.is_multiselect {
        format!("Vec<{element}>")
    } else {
        element
    };
    format!(
        "{}: {ty}",
        attio_schema::naming::field_name(&attribute.api_slug)
    )
}

/// Reports every required attribute without a field (`#[attio(create)]`).
pub fn create(
    owner: &Owner<'_>,
    fields: &[CheckedField<'_, '_>],
    ident: &Ident,
    errors: &mut Errors,
) {
    for missing in missing_required(owner, fields) {
        let read_only = fields.iter().any(|f| f.slug == missing.api_slug);
        let what = if read_only {
            "its field is `read_only`".to_owned()
        } else {
            format!("add a field `{}`", suggested_field(missing))
        };
        errors.at(
            ident,
            format!(
                "`#[attio(create)]`: {} `{}` requires attribute `{}` (\"{}\", {}) on create, but the struct has no writable field for it; {what}",
                owner.target,
                owner.api_slug,
                missing.api_slug,
                missing.title,
                missing.attribute_type,
            ),
        );
    }
}
