//! "Using it in a crate", step 3: writes and queries built from the
//! generated structs, offline.

use crate::attio::{Deal, DealRequired, DealStage, DealWrite, Person};
use attio_runtime::value::{ActorRef, EmailAddress};
use attio_runtime::{Assert, Query, ValueError};

/// A new deal. Its name, owner and stage are required, so `Deal::create`
/// takes them by name: a create without one does not compile, and the
/// error names it ("missing field `owner` in initializer of `DealRequired`").
pub fn renewal(owner: ActorRef) -> DealWrite {
    Deal::create(DealRequired {
        name: "Acme renewal".into(),
        owner,
        stage: DealStage::InProgress,
    })
}

/// Creates Ada, or updates the person who has her email address.
pub fn ada() -> Result<Assert<Person>, ValueError> {
    let email = EmailAddress::new("ada@acme.com")?; // validated here, not by Attio
    Ok(Assert::new(
        Person::EMAIL_ADDRESSES,
        Person::write().email_addresses([email]),
    ))
}

/// People whose job title contains "CTO".
pub fn ctos() -> Query<Person> {
    Query::new().filter(Person::JOB_TITLE.contains("CTO"))
}

#[cfg(test)]
mod tests {
    use attio_runtime::Write;

    use super::*;

    #[test]
    fn the_writes_hold_what_readme_says() {
        let owner = ActorRef::workspace_member("5f0c6f2e-2d7a-4c39-9a53-6a3d4e1b2c01").unwrap();
        let deal = renewal(owner);
        for slug in ["name", "owner", "stage"] {
            assert!(deal.values().get(slug).is_some(), "{slug}");
        }
        let upsert = ada().unwrap();
        assert_eq!(upsert.matching_attribute(), "email_addresses");
        assert!(upsert.check().is_ok());
        assert_eq!(
            ctos().to_json()["filter"],
            attio_runtime::serde_json::json!({"job_title": {"$contains": "CTO"}})
        );
    }
}
