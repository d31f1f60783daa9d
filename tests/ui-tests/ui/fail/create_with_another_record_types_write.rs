use attio_runtime::{Client, Record};

#[derive(Record)]
#[attio(object = "companies")]
struct Company {
    name: Option<String>,
}

#[derive(Record)]
#[attio(object = "people")]
struct Person {
    job_title: Option<String>,
}

// A write names its record type: a person's write is not a company's. One
// error, at the argument.
async fn create(client: &Client) {
    let _ = client.create_record::<Company>(Person::write().job_title("CTO")).await;
}

fn main() {
    let _ = create;
}
