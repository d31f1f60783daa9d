use attio_runtime::{Client, Record};

#[derive(Record)]
#[attio(object = "companies")]
struct Company {
    name: Option<String>,
}

// `name` is not unique, so Attio cannot match records by it: one error, at
// the argument (not also at the call and at the `.await`).
async fn upsert(client: &Client) {
    let _ = client.upsert_record(Company::NAME, Company::write().name("Acme")).await;
}

fn main() {
    let _ = upsert;
}
