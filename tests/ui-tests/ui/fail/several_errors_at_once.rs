use attio_runtime::value::Domain;
use attio_runtime::Record;

// One typo does not hide the other problems of the struct.
#[derive(Record)]
#[attio(object = "companies", upsert = "name")]
struct Company {
    nme: Option<String>,
    domains: Option<Domain>,
    logo_url: Option<String>,
    categories: Vec<u32>,
}

fn main() {}
