//! The workspace schema: reading it (what `cargo attio-gen pull` stores in
//! a snapshot) and changing it (what `cargo attio-gen apply` does): objects,
//! lists, attributes, select options and statuses.

use attio_schema::{
    AccessLevel, Attribute, AttributeType, CurrencyConfig, List, MemberAccess, Object,
    SelectOption, Status, Workspace,
};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::client::retry::Idempotency;
use crate::client::transport::Call;
use crate::novelty;
use crate::{Client, Error, ErrorKind, Target};

impl Client {
    /// Every object of the workspace: `GET /v2/objects` (without attributes).
    pub async fn list_objects(&self) -> Result<Vec<Object>, Error> {
        self.call(Call::get("/v2/objects".to_owned())).await
    }

    /// Every list: `GET /v2/lists` (without attributes).
    pub async fn list_lists(&self) -> Result<Vec<List>, Error> {
        self.call(Call::get("/v2/lists".to_owned())).await
    }

    /// The attributes of an object or list, archived ones included (without
    /// options or statuses).
    pub async fn list_attributes(
        &self,
        target: Target,
        slug: &str,
    ) -> Result<Vec<Attribute>, Error> {
        let path = format!(
            "/v2/{}/{slug}/attributes?show_archived=true",
            target.path_segment()
        );
        let attributes: Vec<Attribute> = self.call(Call::get(path)).await?;
        for attribute in &attributes {
            if let AttributeType::Unknown(name) = &attribute.attribute_type {
                novelty::unknown("attribute type", name);
            }
        }
        Ok(attributes)
    }

    /// The options of a select attribute, archived ones included.
    pub async fn list_select_options(
        &self,
        target: Target,
        slug: &str,
        attribute: &str,
    ) -> Result<Vec<SelectOption>, Error> {
        let path = format!(
            "/v2/{}/{slug}/attributes/{attribute}/options?show_archived=true",
            target.path_segment()
        );
        self.call(Call::get(path)).await
    }

    /// The statuses of a status attribute, archived ones included.
    pub async fn list_statuses(
        &self,
        target: Target,
        slug: &str,
        attribute: &str,
    ) -> Result<Vec<Status>, Error> {
        let path = format!(
            "/v2/{}/{slug}/attributes/{attribute}/statuses?show_archived=true",
            target.path_segment()
        );
        self.call(Call::get(path)).await
    }

    /// The whole schema: every object and list with their attributes,
    /// options and statuses — the content of a snapshot.
    pub async fn get_workspace_schema(&self) -> Result<Workspace, Error> {
        let mut objects = self.list_objects().await?;
        for object in &mut objects {
            object.attributes = self
                .list_attributes_with_choices(Target::Object, &object.api_slug)
                .await?;
        }
        let mut lists = self.list_lists().await?;
        for list in &mut lists {
            list.attributes = self
                .list_attributes_with_choices(Target::List, &list.api_slug)
                .await?;
        }
        Ok(Workspace { objects, lists })
    }

    /// The attributes of an object or list, archived ones included, each
    /// select with its options and each status with its statuses.
    pub async fn list_attributes_with_choices(
        &self,
        target: Target,
        slug: &str,
    ) -> Result<Vec<Attribute>, Error> {
        let mut attributes = self.list_attributes(target, slug).await?;
        for attribute in &mut attributes {
            match attribute.attribute_type {
                attio_schema::AttributeType::Select => {
                    attribute.options = self
                        .list_select_options(target, slug, &attribute.api_slug)
                        .await?;
                }
                attio_schema::AttributeType::Status => {
                    attribute.statuses = self
                        .list_statuses(target, slug, &attribute.api_slug)
                        .await?;
                }
                _ => {}
            }
        }
        Ok(attributes)
    }
}

/// A new object: the body of `POST /v2/objects`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewObject {
    /// Its slug, lower-case snake case.
    pub api_slug: String,
    /// `Project`.
    pub singular_noun: String,
    /// `Projects`.
    pub plural_noun: String,
}

/// Changes to an object's nouns; what is `None` stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectUpdate {
    /// A new singular noun.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub singular_noun: Option<String>,
    /// A new plural noun.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plural_noun: Option<String>,
}

/// A new list: the body of `POST /v2/lists`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewList {
    /// Its slug, lower-case snake case.
    pub api_slug: String,
    /// Its display name.
    pub name: String,
    /// The slug of the object whose records can be entries.
    pub parent_object: String,
    /// Access of the whole workspace; `None` makes the list private.
    pub workspace_access: Option<AccessLevel>,
    /// Access of individual members (at least one must have full access
    /// when the workspace has none).
    #[serde(default)]
    pub workspace_member_access: Vec<MemberAccess>,
}

/// Changes to a list; what is `None` stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListUpdate {
    /// A new display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A new attribute of an object or list: the body of `POST …/attributes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAttribute {
    /// Its display title.
    pub title: String,
    /// Its description (`None` sends `null`).
    pub description: Option<String>,
    /// Its slug, lower-case snake case.
    pub api_slug: String,
    /// Its type; Attio cannot change it later.
    #[serde(rename = "type")]
    pub attribute_type: AttributeType,
    /// New records must carry a value.
    pub is_required: bool,
    /// No two records share a value.
    pub is_unique: bool,
    /// Holds several values; Attio cannot change it later.
    pub is_multiselect: bool,
    /// Type-specific settings.
    pub config: NewAttributeConfig,
    /// For a record reference of an object: the attribute to create on the
    /// other object as the other side of a two-way relationship.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship: Option<NewRelationship>,
}

/// The `config` of a new attribute: currency settings for a currency, the
/// allowed objects for a record reference, nothing for other types.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAttributeConfig {
    /// Currency settings; Attio requires them for currency attributes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<CurrencyConfig>,
    /// The objects (slugs or ids) a record reference may point to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_reference: Option<AllowedObjects>,
}

/// `config.record_reference` of a write.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllowedObjects {
    /// Slugs or ids of the objects a reference may point to.
    pub allowed_objects: Vec<String>,
}

/// The other side of a two-way relationship, created with the first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRelationship {
    /// The slug of the object that gets the other side.
    pub object: String,
    /// The other side's title.
    pub title: String,
    /// The other side's slug.
    pub api_slug: String,
    /// Whether the other side holds several references.
    pub is_multiselect: bool,
}

/// Changes to an attribute; what is `None` stays as it is. Archiving is
/// setting `is_archived`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeUpdate {
    /// A new title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A new description; `Some(None)` clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Option<String>>,
    /// Whether new records must carry a value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_required: Option<bool>,
    /// Whether no two records may share a value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_unique: Option<bool>,
    /// Archive (`true`) or restore (`false`) the attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_archived: Option<bool>,
}

/// A new status of a status attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewStatus {
    /// Its title, unique within the attribute.
    pub title: String,
    /// Whether reaching it shows a celebration.
    #[serde(default)]
    pub celebration_enabled: bool,
    /// ISO-8601 duration a record is expected to stay in it.
    #[serde(default)]
    pub target_time_in_status: Option<String>,
}

/// Changes to a select option or a status; what is `None` stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceUpdate {
    /// A new title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Archive (`true`) or restore (`false`) it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_archived: Option<bool>,
}

/// `{"data": …}`, the envelope of every schema write.
fn body(data: &impl Serialize) -> Option<Value> {
    // These types hold only strings, booleans and enums of strings, which
    // always serialize.
    serde_json::to_value(data)
        .ok()
        .map(|data| json!({ "data": data }))
}

/// One path segment, percent-encoded: option and status titles may hold
/// `/`, `?` or spaces.
// Neither `expect` can fail: a constant that parses, and an `http` URL
// always has path segments.
#[allow(clippy::expect_used)]
pub(super) fn segment(text: &str) -> String {
    let mut url = reqwest::Url::parse("http://segment.invalid/").expect("a constant, valid URL");
    url.path_segments_mut()
        .expect("an http URL has path segments")
        .push(text);
    url.path()[1..].to_owned()
}

/// `/v2/{objects|lists}/{owner}/attributes`.
fn attributes_path(target: Target, owner: &str) -> String {
    format!(
        "/v2/{}/{}/attributes",
        target.path_segment(),
        segment(owner)
    )
}

/// `…/attributes/{attribute}`.
fn attribute_path(target: Target, owner: &str, attribute: &str) -> String {
    format!("{}/{}", attributes_path(target, owner), segment(attribute))
}

/// Writes stay strict: an attribute of a type this version does not know
/// is refused before any request, since nothing here can say what its
/// `config` needs.
fn refuse_unknown_type(attribute_type: &AttributeType) -> Result<(), Error> {
    match attribute_type {
        AttributeType::Unknown(name) => Err(Error::new(
            ErrorKind::Validation,
            format!(
                "cannot create an attribute of type {name:?}: attio-runtime does not know that type \
                 (it reads its values as raw JSON but never writes them); create it in Attio, \
                 or upgrade attio-runtime"
            ),
        )),
        _ => Ok(()),
    }
}

impl Client {
    /// Creates an object: `POST /v2/objects`. Not repeated after an
    /// ambiguous failure (read the objects to see whether it exists).
    pub async fn create_object(&self, object: &NewObject) -> Result<Object, Error> {
        let call = Call::write(
            Method::POST,
            "/v2/objects".to_owned(),
            body(object),
            Idempotency::NotIdempotent,
        );
        self.call(call).await
    }

    /// Changes an object's nouns: `PATCH /v2/objects/{object}`.
    pub async fn update_object(
        &self,
        object: &str,
        update: &ObjectUpdate,
    ) -> Result<Object, Error> {
        let path = format!("/v2/objects/{}", segment(object));
        let call = Call::write(Method::PATCH, path, body(update), Idempotency::Idempotent);
        self.call(call).await
    }

    /// Deletes a custom object with all its records: "Delete an object",
    /// `DELETE /v2/objects/{object}`. Attio refuses its system objects
    /// (people, companies …) with 400 `system_edit_unauthorized`.
    pub async fn delete_object(&self, object: &str) -> Result<(), Error> {
        let path = format!("/v2/objects/{}", segment(object));
        let call = Call::write(Method::DELETE, path, None, Idempotency::Idempotent);
        self.send(call).await.map(drop)
    }

    /// Creates a list: `POST /v2/lists`. Not repeated after an ambiguous
    /// failure.
    pub async fn create_list(&self, list: &NewList) -> Result<List, Error> {
        let call = Call::write(
            Method::POST,
            "/v2/lists".to_owned(),
            body(list),
            Idempotency::NotIdempotent,
        );
        self.call(call).await
    }

    /// Changes a list: `PATCH /v2/lists/{list}`.
    pub async fn update_list(&self, list: &str, update: &ListUpdate) -> Result<List, Error> {
        let path = format!("/v2/lists/{}", segment(list));
        let call = Call::write(Method::PATCH, path, body(update), Idempotency::Idempotent);
        self.call(call).await
    }

    /// Creates an attribute of an object or list (and, with
    /// [`NewAttribute::relationship`], its other side): `POST
    /// …/attributes`. Not repeated after an ambiguous failure. An
    /// [`AttributeType::Unknown`] is refused before any request
    /// ([`ErrorKind::Validation`]).
    pub async fn create_attribute(
        &self,
        target: Target,
        owner: &str,
        attribute: &NewAttribute,
    ) -> Result<Attribute, Error> {
        refuse_unknown_type(&attribute.attribute_type)?;
        let call = Call::write(
            Method::POST,
            attributes_path(target, owner),
            body(attribute),
            Idempotency::NotIdempotent,
        );
        self.call(call).await
    }

    /// Changes (or archives, or restores) an attribute: `PATCH
    /// …/attributes/{attribute}`.
    pub async fn update_attribute(
        &self,
        target: Target,
        owner: &str,
        attribute: &str,
        update: &AttributeUpdate,
    ) -> Result<Attribute, Error> {
        let path = attribute_path(target, owner, attribute);
        let call = Call::write(Method::PATCH, path, body(update), Idempotency::Idempotent);
        self.call(call).await
    }

    /// Adds an option to a select attribute: `POST …/options`.
    pub async fn create_select_option(
        &self,
        target: Target,
        owner: &str,
        attribute: &str,
        title: &str,
    ) -> Result<SelectOption, Error> {
        let path = format!("{}/options", attribute_path(target, owner, attribute));
        let data = json!({ "title": title });
        let call = Call::write(Method::POST, path, body(&data), Idempotency::NotIdempotent);
        self.call(call).await
    }

    /// Changes (or archives, or restores) a select option, named by title
    /// or id: `PATCH …/options/{option}`.
    pub async fn update_select_option(
        &self,
        target: Target,
        owner: &str,
        attribute: &str,
        option: &str,
        update: &ChoiceUpdate,
    ) -> Result<SelectOption, Error> {
        let path = format!(
            "{}/options/{}",
            attribute_path(target, owner, attribute),
            segment(option)
        );
        let call = Call::write(Method::PATCH, path, body(update), Idempotency::Idempotent);
        self.call(call).await
    }

    /// Adds a status to a status attribute: `POST …/statuses`.
    pub async fn create_status(
        &self,
        target: Target,
        owner: &str,
        attribute: &str,
        status: &NewStatus,
    ) -> Result<Status, Error> {
        let path = format!("{}/statuses", attribute_path(target, owner, attribute));
        let call = Call::write(Method::POST, path, body(status), Idempotency::NotIdempotent);
        self.call(call).await
    }

    /// Changes (or archives, or restores) a status, named by title or id:
    /// `PATCH …/statuses/{status}`.
    pub async fn update_status(
        &self,
        target: Target,
        owner: &str,
        attribute: &str,
        status: &str,
        update: &ChoiceUpdate,
    ) -> Result<Status, Error> {
        let path = format!(
            "{}/statuses/{}",
            attribute_path(target, owner, attribute),
            segment(status)
        );
        let call = Call::write(Method::PATCH, path, body(update), Idempotency::Idempotent);
        self.call(call).await
    }
}

#[cfg(test)]
mod tests;
