//! Every program's start-up check: the structs it uses, verified against
//! the workspace it is about to write to ([`attio_runtime::Client::verify`]).
//! A change that breaks them stops the program before its first write,
//! with the report that says what changed and what to do; a harmless one is
//! logged.
//!
//! ```no_run
//! # async fn run(client: &attio_runtime::Client) -> anyhow::Result<()> {
//! attio_examples::drift::refuse_on_drift(client, attio_examples::form_intake::CONTRACTS).await?;
//! # Ok(()) }
//! ```

use std::fmt;

use anyhow::Context as _;
use attio_runtime::contract::{Contract, DriftReport};
use attio_runtime::AttioApi;

/// The workspace changed in a way that breaks the program's structs: the
/// report, and the refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drifted(pub DriftReport);

impl fmt::Display for Drifted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}refusing to start, so nothing was written: this program was built for the workspace as it was",
            self.0
        )
    }
}

impl std::error::Error for Drifted {}

/// Checks `contracts` against the workspace of `api`: a [`Drifted`] error
/// when a change breaks them, else the report (logged when not clean).
pub async fn refuse_on_drift(
    api: &impl AttioApi,
    contracts: &[&Contract],
) -> anyhow::Result<DriftReport> {
    let report = api
        .verify(contracts)
        .await
        .context("cannot read the workspace's schema to check it against this program")?;
    if report.is_breaking() {
        return Err(Drifted(report).into());
    }
    if !report.is_clean() {
        tracing::info!("{report}");
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use attio_runtime::contract::{Drift, Finding};
    use attio_runtime::Error;
    use attio_schema::diff::{Change, ChangeKind};

    use super::*;

    /// A workspace whose `people.job_title` was archived.
    struct Archived;

    impl AttioApi for Archived {
        async fn verify(&self, _: &[&Contract]) -> Result<DriftReport, Error> {
            Ok(DriftReport {
                checked: vec!["people".to_owned()],
                findings: vec![Finding {
                    drift: Drift::Breaking,
                    change: Change::new("people.job_title", ChangeKind::AttributeArchived),
                    fields: vec!["Person.job_title".to_owned()],
                    advice: Some("restore it".to_owned()),
                }],
            })
        }
    }

    #[tokio::test]
    async fn a_breaking_drift_refuses_to_start_with_the_report() {
        let error = refuse_on_drift(&Archived, crate::two_way_sync::CONTRACTS)
            .await
            .unwrap_err();
        assert!(error.downcast_ref::<Drifted>().is_some(), "{error:#}");
        let message = error.to_string();
        assert!(
            message.contains(
                "- Person.job_title (people.job_title): attribute archived; restore it\n"
            ),
            "{message}"
        );
        assert!(
            message.ends_with("this program was built for the workspace as it was"),
            "{message}"
        );
    }
}
