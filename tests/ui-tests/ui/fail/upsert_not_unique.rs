use attio_runtime::Record;

#[derive(Record)]
#[attio(object = "companies", upsert = "name")]
struct Company {
    name: Option<String>,
}

fn main() {}
