use attio_runtime::Record;

#[derive(Record)]
#[attio(object = "companies")]
struct Company {
    name: Option<String>,
    // Enriched by Attio: needs `#[attio(read_only)]`.
    logo_url: Option<String>,
}

fn main() {}
