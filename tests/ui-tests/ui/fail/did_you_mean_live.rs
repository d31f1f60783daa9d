use attio_runtime::Record;

#[derive(Record)]
#[attio(object = "people")]
struct Person {
    // Near the archived `legacy_score` and the live `legacy_scope`: the
    // live one is suggested.
    legacy_scor: Option<String>,
}

fn main() {}
