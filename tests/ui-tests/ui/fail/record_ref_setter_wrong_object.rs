use attio_runtime::value::RecordRef;
use attio_runtime::{Record, Stored};

#[derive(Record)]
#[attio(object = "companies")]
pub struct Company {
    pub name: Option<String>,
}

#[derive(Record)]
#[attio(object = "people")]
pub struct Person {
    pub job_title: Option<String>,
}

#[derive(Record)]
#[attio(object = "deals")]
pub struct Deal {
    pub associated_company: Option<RecordRef<Company>>,
}

fn link(person: &Stored<Person>) {
    // `associated_company` takes a company, not a person.
    let _ = Deal::write().associated_company(person);
}

fn main() {}
