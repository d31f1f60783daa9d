//! "Calling Attio": create, upsert, update and query through a `Client`.

use crate::attio::{Company, Person};
use attio_runtime::value::{Domain, EmailAddress, PersonalName};
use attio_runtime::{Client, Error, Query, Stored};
use futures_util::TryStreamExt;

/// Creates or updates Acme and Ada, its CTO, and lists every CTO: safe to
/// run twice against the same workspace.
pub async fn ada_at_acme(client: &Client) -> Result<Vec<Stored<Person>>, Error> {
    let acme = client
        .upsert_record(
            Company::DOMAINS,
            Company::write()
                .name("Acme")
                .domains([Domain::new("acme.com")?]),
        )
        .await?; // a `Stored<Company>`: created, or found by its domain on a second run
    let write = Person::write()
        .name(PersonalName::new("Ada", "Lovelace"))
        .email_addresses([EmailAddress::new("ada@acme.com")?])
        .company(&acme); // a stored record is a reference to itself
    let ada = client.upsert_record(Person::EMAIL_ADDRESSES, write).await?; // create or update, safe to retry
    println!("{:?}", ada.values.email_addresses); // the stored record's values
    client
        .update_record(&ada.id.record_id, Person::write().job_title("CTO"))
        .await?; // PATCH: multiselect values are added to
    client
        .query_records(Query::<Person>::new().filter(Person::JOB_TITLE.eq("CTO")))
        .try_collect()
        .await // pages of 500, fetched as the stream is read
}
