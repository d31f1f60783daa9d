use attio_runtime::value::RecordRef;
use attio_runtime::Record;

#[derive(Record)]
#[attio(object = "people")]
pub struct Person {
    pub job_title: Option<String>,
}

#[derive(Record)]
#[attio(object = "deals")]
pub struct Deal {
    // `associated_company` references companies, not people.
    pub associated_company: Option<RecordRef<Person>>,
}

fn main() {}
