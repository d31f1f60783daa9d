use attio_runtime::Record;

// `deals` requires `name`, `owner` and `stage`.
#[derive(Record)]
#[attio(object = "deals", create)]
struct Deal {
    name: String,
}

fn main() {}
