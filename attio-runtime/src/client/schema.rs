//! Introspection of the workspace schema: what `cargo attio-gen pull`
//! stores in a snapshot.

use attio_schema::{Attribute, List, Object, SelectOption, Status, Workspace};

use super::transport::Call;
use super::{Client, Error};

/// Whether attributes belong to an object or a list: the schema crate's
/// vocabulary, re-exported for the calls below.
pub use attio_schema::Target;

impl Client {
    /// Every object of the workspace: `GET /v2/objects` (without attributes).
    pub async fn objects(&self) -> Result<Vec<Object>, Error> {
        self.call(Call::get("/v2/objects".to_owned())).await
    }

    /// Every list: `GET /v2/lists` (without attributes).
    pub async fn lists(&self) -> Result<Vec<List>, Error> {
        self.call(Call::get("/v2/lists".to_owned())).await
    }

    /// The attributes of an object or list, archived ones included (without
    /// options or statuses).
    pub async fn attributes(&self, target: Target, slug: &str) -> Result<Vec<Attribute>, Error> {
        let path = format!(
            "/v2/{}/{slug}/attributes?show_archived=true",
            target.path_segment()
        );
        self.call(Call::get(path)).await
    }

    /// The options of a select attribute, archived ones included.
    pub async fn select_options(
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
    pub async fn statuses(
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
    pub async fn workspace_schema(&self) -> Result<Workspace, Error> {
        let mut objects = self.objects().await?;
        for object in &mut objects {
            object.attributes = self
                .attributes_with_choices(Target::Object, &object.api_slug)
                .await?;
        }
        let mut lists = self.lists().await?;
        for list in &mut lists {
            list.attributes = self
                .attributes_with_choices(Target::List, &list.api_slug)
                .await?;
        }
        Ok(Workspace { objects, lists })
    }

    /// The attributes of an object or list, archived ones included, each
    /// select with its options and each status with its statuses.
    pub async fn attributes_with_choices(
        &self,
        target: Target,
        slug: &str,
    ) -> Result<Vec<Attribute>, Error> {
        let mut attributes = self.attributes(target, slug).await?;
        for attribute in &mut attributes {
            match attribute.attribute_type {
                attio_schema::AttributeType::Select => {
                    attribute.options = self
                        .select_options(target, slug, &attribute.api_slug)
                        .await?;
                }
                attio_schema::AttributeType::Status => {
                    attribute.statuses = self.statuses(target, slug, &attribute.api_slug).await?;
                }
                _ => {}
            }
        }
        Ok(attributes)
    }
}
