//! Serde model of what Attio's schema endpoints return: objects, lists,
//! attributes, select options and statuses.
//!
//! The same types deserialize an API response (`GET /v2/objects`, …) and a
//! snapshot: a snapshot only adds the nested `attributes`, `options` and
//! `statuses` arrays that the API serves from separate endpoints.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::AttributeType;

/// A workspace schema: every object and every list with their attributes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    /// Objects (`people`, `companies`, custom objects …).
    #[serde(default)]
    pub objects: Vec<Object>,
    /// Lists, with their entry attributes.
    #[serde(default)]
    pub lists: Vec<List>,
}

impl Workspace {
    /// The object with this api_slug.
    pub fn object(&self, slug: &str) -> Option<&Object> {
        self.objects.iter().find(|o| o.api_slug == slug)
    }

    /// The object with this UUID (as found in `allowed_object_ids`).
    pub fn object_by_id(&self, object_id: &str) -> Option<&Object> {
        self.objects.iter().find(|o| o.id.object_id == object_id)
    }

    /// The list with this api_slug.
    pub fn list(&self, slug: &str) -> Option<&List> {
        self.lists.iter().find(|l| l.api_slug == slug)
    }
}

/// Identifies an object: `{"workspace_id", "object_id"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ObjectId {
    /// The workspace's UUID.
    pub workspace_id: String,
    /// The object's UUID.
    pub object_id: String,
}

/// An object, as `GET /v2/objects/{object}` returns it, plus its attributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Object {
    /// Composite id.
    pub id: ObjectId,
    /// Slug used in paths and by the generator (`people`).
    pub api_slug: String,
    /// Singular noun (`Person`); nullable in Attio's schema.
    pub singular_noun: Option<String>,
    /// Plural noun (`People`); nullable in Attio's schema.
    pub plural_noun: Option<String>,
    /// When the object was created.
    #[serde(default)]
    pub created_at: Option<String>,
    /// The object's attributes (`GET /v2/objects/{object}/attributes`).
    #[serde(default)]
    pub attributes: Vec<Attribute>,
}

impl Object {
    /// The attribute with this api_slug, archived ones included.
    pub fn attribute(&self, slug: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.api_slug == slug)
    }
}

/// Identifies a list: `{"workspace_id", "list_id"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ListId {
    /// The workspace's UUID.
    pub workspace_id: String,
    /// The list's UUID.
    pub list_id: String,
}

/// Workspace-wide or per-member access to a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccessLevel {
    /// Read, write and configure.
    FullAccess,
    /// Read and write entries.
    ReadAndWrite,
    /// Read entries only.
    ReadOnly,
}

/// One member's access to a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberAccess {
    /// The workspace member's UUID.
    pub workspace_member_id: String,
    /// Their access level.
    pub level: AccessLevel,
}

/// Who did something: `{"type": "api-token", "id": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// `api-token`, `workspace-member`, `system` or `app`.
    #[serde(rename = "type")]
    pub actor_type: Option<String>,
    /// The actor's UUID; null for `system`.
    pub id: Option<String>,
}

/// A list, as `GET /v2/lists/{list}` returns it, plus its entry attributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct List {
    /// Composite id.
    pub id: ListId,
    /// Slug used in paths and by the generator.
    pub api_slug: String,
    /// Display name.
    pub name: String,
    /// Slugs of the objects whose records can be entries (legacy lists may have several).
    pub parent_object: Vec<String>,
    /// Access of the whole workspace; null means private.
    #[serde(default)]
    pub workspace_access: Option<AccessLevel>,
    /// Access of individual members.
    #[serde(default)]
    pub workspace_member_access: Vec<MemberAccess>,
    /// Who created the list.
    #[serde(default)]
    pub created_by_actor: Option<Actor>,
    /// When the list was created.
    #[serde(default)]
    pub created_at: Option<String>,
    /// The list's entry attributes (`GET /v2/lists/{list}/attributes`).
    #[serde(default)]
    pub attributes: Vec<Attribute>,
}

impl List {
    /// The attribute with this api_slug, archived ones included.
    pub fn attribute(&self, slug: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.api_slug == slug)
    }
}

/// Identifies an attribute. On list attributes `object_id` carries the list id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AttributeId {
    /// The workspace's UUID.
    pub workspace_id: String,
    /// The object's (or list's) UUID.
    pub object_id: String,
    /// The attribute's UUID.
    pub attribute_id: String,
}

/// An attribute of an object or list, with its options or statuses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribute {
    /// Composite id.
    pub id: AttributeId,
    /// Display title.
    pub title: String,
    /// Free-text description.
    #[serde(default)]
    pub description: Option<String>,
    /// Slug used as the key of `values`.
    pub api_slug: String,
    /// The attribute type.
    #[serde(rename = "type")]
    pub attribute_type: AttributeType,
    /// A standard attribute created by Attio.
    #[serde(default)]
    pub is_system_attribute: bool,
    /// False for enriched, derived and interaction attributes.
    #[serde(default = "default_true")]
    pub is_writable: bool,
    /// New records must carry a value.
    #[serde(default)]
    pub is_required: bool,
    /// No two records share a value; such attributes can be assert matching attributes.
    #[serde(default)]
    pub is_unique: bool,
    /// Holds an array of values rather than at most one.
    #[serde(default)]
    pub is_multiselect: bool,
    /// Whether `default_value` applies.
    #[serde(default)]
    pub is_default_value_enabled: bool,
    /// Archived attributes keep their slug reserved but take no writes.
    #[serde(default)]
    pub is_archived: bool,
    /// Value used when a write omits the attribute.
    #[serde(default)]
    pub default_value: Option<DefaultValue>,
    /// The other side of a two-way relationship.
    #[serde(default)]
    pub relationship: Option<Relationship>,
    /// When the attribute was created.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Type-specific configuration.
    #[serde(default)]
    pub config: AttributeConfig,
    /// Select options (`…/options`), archived ones included; empty for other types.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<SelectOption>,
    /// Statuses (`…/statuses`), archived ones included; empty for other types.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<Status>,
}

fn default_true() -> bool {
    true
}

impl Attribute {
    /// A live, writable, optional, single-valued attribute with no
    /// description, default, relationship, configuration, options or
    /// statuses: set the fields that differ.
    ///
    /// ```
    /// use attio_schema::{Attribute, AttributeId, AttributeType};
    ///
    /// let mut email = Attribute::new(AttributeId::default(), "email_addresses", "Email addresses", AttributeType::EmailAddress);
    /// email.is_unique = true;
    /// email.is_multiselect = true;
    /// assert_eq!(email.flags(), ["multiselect", "unique"]);
    /// ```
    pub fn new(
        id: AttributeId,
        api_slug: impl Into<String>,
        title: impl Into<String>,
        attribute_type: AttributeType,
    ) -> Attribute {
        Attribute {
            id,
            title: title.into(),
            description: None,
            api_slug: api_slug.into(),
            attribute_type,
            is_system_attribute: false,
            is_writable: true,
            is_required: false,
            is_unique: false,
            is_multiselect: false,
            is_default_value_enabled: false,
            is_archived: false,
            default_value: None,
            relationship: None,
            created_at: None,
            config: AttributeConfig::default(),
            options: Vec::new(),
            statuses: Vec::new(),
        }
    }

    /// Whether a value can be written through the API: writable, not
    /// archived, and of a writable type.
    pub fn accepts_writes(&self) -> bool {
        self.is_writable && !self.is_archived && self.attribute_type.is_writable_type()
    }

    /// The flags that documentation shows after the type, in this order:
    /// `multiselect`, `unique`, `required`, `archived`, and `read-only` for
    /// a live attribute that takes no writes (an archived one takes none
    /// either, which `archived` already says).
    pub fn flags(&self) -> Vec<&'static str> {
        [
            (self.is_multiselect, "multiselect"),
            (self.is_unique, "unique"),
            (self.is_required, "required"),
            (self.is_archived, "archived"),
            (!self.accepts_writes() && !self.is_archived, "read-only"),
        ]
        .into_iter()
        .filter_map(|(on, label)| on.then_some(label))
        .collect()
    }
}

/// An attribute's default value.
///
/// A kind of default this version does not know (Attio adds them) is
/// [`Other`](Self::Other), kept as received so that a snapshot still loads
/// and writes back unchanged.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue {
    /// Computed at write time: `current-user` for actor references, an
    /// ISO-8601 duration added to now for dates and timestamps.
    Dynamic {
        /// `current-user` or a duration such as `P1M`.
        template: String,
    },
    /// Fixed values, in the attribute type's write format.
    Static {
        /// The values.
        template: Vec<Value>,
    },
    /// A `type` this version does not know: the whole object as received.
    Other(Value),
}

/// The kinds of default this version knows, as Attio spells them.
#[derive(Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum KnownDefault {
    Dynamic { template: String },
    Static { template: Vec<Value> },
}

impl Serialize for DefaultValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            DefaultValue::Dynamic { template } => KnownDefault::Dynamic {
                template: template.clone(),
            }
            .serialize(serializer),
            DefaultValue::Static { template } => KnownDefault::Static {
                template: template.clone(),
            }
            .serialize(serializer),
            DefaultValue::Other(raw) => raw.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for DefaultValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Value::deserialize(deserializer)?;
        match raw.get("type").and_then(Value::as_str) {
            Some("dynamic" | "static") => {
                let known = KnownDefault::deserialize(raw).map_err(serde::de::Error::custom)?;
                Ok(match known {
                    KnownDefault::Dynamic { template } => DefaultValue::Dynamic { template },
                    KnownDefault::Static { template } => DefaultValue::Static { template },
                })
            }
            Some(_) => Ok(DefaultValue::Other(raw)),
            None => Err(serde::de::Error::custom(
                "expected a default value with a string `type`",
            )),
        }
    }
}

/// The inverse attribute of a two-way relationship, as Attio describes it
/// on each side of the pair.
///
/// Snapshots written before Attio sent more than the `id` still load: the
/// other members are then `None`, and are left out when written back so that
/// such a snapshot round-trips unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relationship {
    /// The inverse attribute's id.
    pub id: AttributeId,
    /// The slug of the object that holds the inverse attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_slug: Option<String>,
    /// The inverse attribute's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The inverse attribute's slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_slug: Option<String>,
    /// Whether the inverse attribute holds many references.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_multiselect: Option<bool>,
}

impl Relationship {
    /// A relationship that knows only the inverse attribute's id, as older
    /// snapshots record it.
    pub fn to(id: AttributeId) -> Relationship {
        Relationship {
            id,
            object_slug: None,
            title: None,
            api_slug: None,
            is_multiselect: None,
        }
    }

    /// The full description of `inverse`, held by the object `object_slug`.
    pub fn describing(object_slug: &str, inverse: &Attribute) -> Relationship {
        Relationship {
            id: inverse.id.clone(),
            object_slug: Some(object_slug.to_owned()),
            title: Some(inverse.title.clone()),
            api_slug: Some(inverse.api_slug.clone()),
            is_multiselect: Some(inverse.is_multiselect),
        }
    }
}

/// Type-specific configuration; both sub-objects are always present in
/// Attio's responses (with nulls when irrelevant).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AttributeConfig {
    /// Currency settings (currency attributes).
    #[serde(default)]
    pub currency: CurrencyConfig,
    /// Allowed targets (record-reference attributes).
    #[serde(default)]
    pub record_reference: RecordReferenceConfig,
    /// Configuration keys this version does not model, kept verbatim.
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

/// `config.currency`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrencyConfig {
    /// ISO 4217 code new values are stored in.
    #[serde(default)]
    pub default_currency_code: Option<String>,
    /// `code`, `name`, `narrowSymbol` or `symbol`.
    #[serde(default)]
    pub display_type: Option<String>,
}

/// `config.record_reference`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordReferenceConfig {
    /// UUIDs of the objects a reference may point to; null means any object.
    #[serde(default)]
    pub allowed_object_ids: Option<Vec<String>>,
}

/// Identifies a select option.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OptionId {
    /// The workspace's UUID.
    pub workspace_id: String,
    /// The object's (or list's) UUID.
    pub object_id: String,
    /// The attribute's UUID.
    pub attribute_id: String,
    /// The option's UUID.
    pub option_id: String,
}

/// A select option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectOption {
    /// Composite id.
    pub id: OptionId,
    /// Title, unique within the attribute; used in writes and filters.
    pub title: String,
    /// Archived options still appear on existing values but take no writes.
    #[serde(default)]
    pub is_archived: bool,
}

/// Identifies a status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StatusId {
    /// The workspace's UUID.
    pub workspace_id: String,
    /// The object's (or list's) UUID.
    pub object_id: String,
    /// The attribute's UUID.
    pub attribute_id: String,
    /// The status's UUID.
    pub status_id: String,
}

/// A status of a status attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    /// Composite id.
    pub id: StatusId,
    /// Title, unique within the attribute; used in writes and filters.
    pub title: String,
    /// Archived statuses still appear on existing values but take no writes.
    #[serde(default)]
    pub is_archived: bool,
    /// Whether reaching the status shows a celebration.
    #[serde(default)]
    pub celebration_enabled: bool,
    /// ISO-8601 duration a record is expected to stay in the status.
    #[serde(default)]
    pub target_time_in_status: Option<String>,
}
