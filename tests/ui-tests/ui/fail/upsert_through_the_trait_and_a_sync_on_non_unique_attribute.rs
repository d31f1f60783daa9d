use attio_runtime::sync::BulkSync;
use attio_runtime::{AttioApi, Record};

#[derive(Record)]
#[attio(object = "companies")]
struct Company {
    name: Option<String>,
}

// Through `AttioApi` and `BulkSync`, a non-unique attribute is also one
// error per call, at the argument.
async fn upsert(api: &impl AttioApi) {
    let _ = api.upsert_record(Company::NAME, Company::write().name("Acme")).await;
    let writes = futures_util::stream::iter([Company::write().name("Acme")]);
    let _ = BulkSync::new(api).upsert(Company::NAME, writes).await;
}

fn main() {}
