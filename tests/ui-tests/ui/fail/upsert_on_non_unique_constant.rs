use attio_runtime::{Assert, Record};

#[derive(Record)]
#[attio(object = "companies")]
struct Company {
    name: Option<String>,
}

fn main() {
    // `name` is not unique, so Attio cannot match records by it.
    let _ = Assert::new(Company::NAME, Company::write().name("Acme"));
}
