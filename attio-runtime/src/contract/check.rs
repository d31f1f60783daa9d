//! The check itself: read the live schema of one object or list, compare
//! it with what its contracts expect, and sort the changes.

use attio_schema::diff::diff;
use attio_schema::{Attribute, AttributeType};

use super::expected::{groups, Group};
use super::report::{classify, owner_path, DriftReport};
use super::Contract;
use crate::{Client, Error, ErrorKind};

impl Client {
    /// Checks `contracts` (each struct's
    /// [`Model::CONTRACT`](crate::Model::CONTRACT)) against the live
    /// workspace, and reports each difference as breaking for this code or
    /// harmless ([`DriftReport`]).
    ///
    /// Reads, per object or list the contracts name, its attributes
    /// (`GET /v2/{objects|lists}/{slug}/attributes?show_archived=true`), and
    /// the options or statuses of each select or status attribute the code
    /// writes (`…/attributes/{attribute}/options` or `/statuses`, with
    /// archived ones): one request per object or list whose structs write
    /// no select or status. A missing object or list is a finding, not an
    /// error; an error is a read that failed.
    ///
    /// Call it at start-up and refuse to run when
    /// [`DriftReport::is_breaking`]; [`Watch`](super::Watch) repeats it
    /// while the program runs.
    pub async fn verify(&self, contracts: &[&Contract]) -> Result<DriftReport, Error> {
        let mut report = DriftReport::default();
        for group in groups(contracts) {
            report.extend(check_group(self, &group).await?.0);
        }
        Ok(report)
    }
}

/// Checks one object's or list's contracts; with the report, the live
/// UUID of the object or list (empty when it is gone), so that schema
/// events, which name it by UUID, can be matched to it.
pub(crate) async fn check_group(
    client: &Client,
    group: &Group<'_>,
) -> Result<(DriftReport, String), Error> {
    let live = read(client, group).await?;
    let (expected, actual) = group.sides(live.as_deref());
    let attributes = live.as_deref().unwrap_or_default();
    let findings = diff(&expected, &actual)
        .changes
        .into_iter()
        .map(|change| classify(group, change, attributes))
        .collect();
    let live_id = attributes
        .first()
        .map(|a| a.id.object_id.clone())
        .unwrap_or_default();
    let report = DriftReport::new(owner_path(group.target, group.slug), findings);
    Ok((report, live_id))
}

/// The object's or list's attributes, archived ones included, with the
/// options or statuses of those the code writes and whose enums name some
/// ([`Merged::reads_choices`](super::expected::Merged::reads_choices)); `None`
/// when the workspace has no object or list of that slug.
async fn read(client: &Client, group: &Group<'_>) -> Result<Option<Vec<Attribute>>, Error> {
    let mut attributes = match client.list_attributes(group.target, group.slug).await {
        Ok(attributes) => attributes,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    for attribute in &mut attributes {
        let Some(field) = group.field(&attribute.api_slug) else {
            continue;
        };
        if !field.reads_choices() || attribute.is_archived {
            continue;
        }
        match attribute.attribute_type {
            AttributeType::Select => {
                attribute.options = client
                    .list_select_options(group.target, group.slug, &attribute.api_slug)
                    .await?;
            }
            AttributeType::Status => {
                attribute.statuses = client
                    .list_statuses(group.target, group.slug, &attribute.api_slug)
                    .await?;
            }
            _ => {}
        }
    }
    Ok(Some(attributes))
}
