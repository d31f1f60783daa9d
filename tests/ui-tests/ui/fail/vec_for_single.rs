use attio_runtime::Record;

#[derive(Record)]
#[attio(object = "people")]
struct Person {
    // `job_title` holds one value.
    job_title: Vec<String>,
}

fn main() {}
