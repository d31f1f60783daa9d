use attio_runtime::Record;

#[derive(Record)]
#[attio(object = "people")]
pub struct Person {
    // `job_title` is not required in Attio: a person may have none, and a
    // bare `String` could not hold that.
    pub job_title: String,
}

fn main() {}
