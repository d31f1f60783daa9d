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
    // `legacy_account` references an object that is no longer in the
    // workspace: no typed target can match it.
    pub legacy_account: Option<RecordRef<Person>>,
}

fn main() {}
