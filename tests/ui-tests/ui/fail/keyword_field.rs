use attio_runtime::Record;

#[derive(Record)]
#[attio(object = "companies")]
struct Company {
    // `type` is a keyword: the field needs the slug spelled out.
    type_: Option<String>,
}

fn main() {}
