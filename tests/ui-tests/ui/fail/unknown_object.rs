use attio_runtime::Record;

#[derive(Record)]
#[attio(object = "peopel")]
struct Person {
    job_title: Option<String>,
}

fn main() {}
