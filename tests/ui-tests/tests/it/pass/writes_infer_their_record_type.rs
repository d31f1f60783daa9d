//! `create`, `update` and `overwrite` take the record type from the write
//! model, and a reference setter takes a stored record or a borrowed id.

use attio_runtime::value::RecordRef;
use attio_runtime::RecordId;
use attio_runtime::{Client, Error, Record, Stored};

#[derive(Debug, Clone, PartialEq, Record)]
#[attio(object = "companies")]
pub struct Company {
    pub name: Option<String>,
    pub team: Vec<RecordRef<Person>>,
}

#[derive(Debug, Clone, PartialEq, Record)]
#[attio(object = "people")]
pub struct Person {
    pub job_title: Option<String>,
    pub company: Option<RecordRef<Company>>,
}

async fn writes(client: &Client) -> Result<(), Error> {
    let acme: Stored<Company> = client.create_record(Company::write().name("Acme")).await?;
    let acme_id: &RecordId = &acme.id.record_id;
    let ada = client
        .create_record(Person::write().job_title("CTO").company(&acme))
        .await?;
    let bob = client
        .create_record(Person::write().company(acme_id))
        .await?;
    let _: Stored<Person> = client
        .update_record(&bob.id.record_id, Person::write().job_title("CFO"))
        .await?;
    let _: Stored<Company> = client
        .overwrite_record(acme_id, Company::write().name("Acme Inc"))
        .await?;
    // Naming the type still compiles; a multiselect reference takes
    // several stored records.
    let _: Stored<Company> = client
        .create_record::<Company>(Company::write().name("Globex").team([&ada, &bob]))
        .await?;
    Ok(())
}

#[test]
fn writes_infer_their_record_type() {
    let _ = writes;
}
