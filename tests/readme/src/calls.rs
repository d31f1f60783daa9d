//! "Calling Attio": create, upsert, update and query through a `Client`.

use crate::attio::{Company, Person};
use attio_runtime::value::{Domain, EmailAddress, PersonalName};
use attio_runtime::{Client, Error, Query, Stored};
use futures_util::TryStreamExt;

/// Creates Acme, creates or updates Ada as its CTO, and lists every CTO.
pub async fn ada_at_acme(client: &Client) -> Result<Vec<Stored<Person>>, Error> {
    // `create::<Company>`: the record type is not inferred from the write.
    let acme = client
        .create::<Company>(
            Company::write()
                .name("Acme")
                .domains([Domain::new("acme.com")?]),
        )
        .await?; // not repeated after an ambiguous failure
    let write = Person::write()
        .name(PersonalName::new("Ada", "Lovelace"))
        .email_addresses([EmailAddress::new("ada@acme.com")?])
        .company(acme.id.record_id.clone()); // a reference, from the stored record's id
    let ada = client.upsert(Person::EMAIL_ADDRESSES, write).await?; // create or update, safe to retry
    println!("{:?}", ada.values.email_addresses); // the stored record's values
    client
        .update::<Person>(&ada.id.record_id, Person::write().job_title("CTO"))
        .await?; // PATCH: multiselect values are added to
    client
        .query(Query::<Person>::new().filter(Person::JOB_TITLE.eq("CTO")))
        .try_collect()
        .await // pages of 500, fetched as the stream is read
}
