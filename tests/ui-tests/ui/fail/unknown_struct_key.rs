use attio_runtime::Record;

#[derive(Record)]
#[attio(objects = "people")]
struct Person {
    #[attio(readonly)]
    avatar_url: Option<String>,
}

fn main() {}
