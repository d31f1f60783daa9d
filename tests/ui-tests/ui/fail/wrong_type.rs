use attio_runtime::Record;

#[derive(Record)]
#[attio(object = "people")]
struct Person {
    // `job_title` is a text attribute: a `bool` cannot hold it.
    job_title: Option<bool>,
}

fn main() {}
