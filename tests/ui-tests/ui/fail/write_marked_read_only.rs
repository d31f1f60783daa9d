use attio_runtime::Record;

// `job_title` is writable in Attio, but this struct marks it read-only.
#[derive(Record)]
#[attio(object = "people")]
pub struct Person {
    #[attio(read_only)]
    pub job_title: Option<String>,
}

fn main() {
    let _ = Person::write().job_title("CTO");
}
