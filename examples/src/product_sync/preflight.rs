//! Before the first write: does the workspace have every attribute the run
//! writes, of the type the bindings expect? One schema read per object;
//! what is missing is listed at once, rather than found row by row as
//! hundreds of refused writes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use anyhow::Context as _;
use attio_runtime::{AttioApi, ErrorKind, Record, RecordId, Target, Write};
use attio_schema::Workspace;

use super::dataset::Dataset;
use super::transform;
use crate::attio::{Company, Person, ProductAccount};

/// What the workspace lacks for a run, each with why; the run writes
/// nothing while the list is not empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingAttributes(pub Vec<String>);

impl fmt::Display for MissingAttributes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "the workspace lacks what product-sync writes, so nothing was written:"
        )?;
        for missing in &self.0 {
            writeln!(f, "  - {missing}")?;
        }
        write!(
            f,
            "create them in Attio (Settings → Objects), or let `cargo attio-gen apply \
             --snapshot examples/attio-schema.json` do it, then run again"
        )
    }
}

impl std::error::Error for MissingAttributes {}

/// The attributes a run over `dataset` writes, by object: every attribute
/// the transformation sets on any of its rows.
pub fn attributes_written(
    dataset: &Dataset,
) -> anyhow::Result<BTreeMap<&'static str, BTreeSet<String>>> {
    // Which attributes a write sets does not depend on the company it links
    // to; any record id serves.
    let company = RecordId::new("00000000-0000-4000-8000-000000000000")
        .context("the placeholder record id is a valid id")?;
    let mut written = BTreeMap::new();
    for account in &dataset.accounts {
        if let Ok(write) = transform::company(account) {
            add(&mut written, Company::OBJECT, &write);
        }
        if let Ok(write) = transform::product_account(account, &company) {
            add(&mut written, ProductAccount::OBJECT, &write);
        }
    }
    for user in &dataset.users {
        if let Ok(write) = transform::person(user, &company) {
            add(&mut written, Person::OBJECT, &write);
        }
    }
    Ok(written)
}

/// Adds the attributes `write` sets to those of `object`.
fn add(
    written: &mut BTreeMap<&'static str, BTreeSet<String>>,
    object: &'static str,
    write: &impl Write,
) {
    let slugs = write.values().as_map().keys().cloned();
    written.entry(object).or_default().extend(slugs);
}

/// Reads the attributes of each object `dataset` writes to (one
/// `list_attributes` per object) and compares them with what the run
/// writes and with `expected`, the snapshot the bindings were generated
/// from: an attribute absent, archived or of another type is listed in a
/// [`MissingAttributes`] error, as is an object the workspace lacks.
pub async fn check_workspace(
    api: &impl AttioApi,
    dataset: &Dataset,
    expected: &Workspace,
) -> anyhow::Result<()> {
    let mut missing = Vec::new();
    for (object, written) in attributes_written(dataset)? {
        let attributes = match api.list_attributes(Target::Object, object).await {
            Ok(attributes) => attributes,
            Err(e) if e.kind() == ErrorKind::NotFound => {
                missing.push(format!("the object `{object}` does not exist"));
                continue;
            }
            Err(e) => {
                return Err(e).with_context(|| format!("cannot read the attributes of {object}"))
            }
        };
        for slug in written {
            let wanted = expected
                .object(object)
                .and_then(|o| o.attribute(&slug))
                .map(|a| a.attribute_type.clone());
            match attributes.iter().find(|a| a.api_slug == slug) {
                None => missing.push(format!("{object}.{slug} does not exist")),
                Some(found) if found.is_archived => {
                    missing.push(format!("{object}.{slug} is archived"))
                }
                Some(found) => match &wanted {
                    Some(wanted) if *wanted != found.attribute_type => missing.push(format!(
                        "{object}.{slug} is of type {}, not {wanted}",
                        found.attribute_type
                    )),
                    _ => {}
                },
            }
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(MissingAttributes(missing).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_object_and_the_attributes_its_rows_set_are_listed() {
        let written = attributes_written(&Dataset::generate(30, 7)).unwrap();
        let objects: Vec<_> = written.keys().copied().collect();
        assert_eq!(objects, ["companies", "people", "product_accounts"]);
        for (object, slug) in [
            ("companies", "domains"),
            ("product_accounts", "account_id"),
            ("product_accounts", "mrr"),
            ("people", "email_addresses"),
            ("people", "company"),
        ] {
            assert!(
                written[object].contains(slug),
                "{object}.{slug}: {written:?}"
            );
        }
    }

    #[test]
    fn the_error_lists_each_missing_attribute_and_what_to_do() {
        let error = MissingAttributes(vec![
            "product_accounts.mrr does not exist".to_owned(),
            "people.product_role is archived".to_owned(),
        ])
        .to_string();
        assert!(
            error.contains("\n  - product_accounts.mrr does not exist\n"),
            "{error}"
        );
        assert!(
            error.contains("\n  - people.product_role is archived\n"),
            "{error}"
        );
        assert!(error.contains("cargo attio-gen apply"), "{error}");
    }
}
