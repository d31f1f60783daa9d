use attio_runtime::Record;

#[derive(Record)]
#[attio(object = "people")]
struct Person {
    // `legacy_score` is a number: `f64` or `i64` hold it, `f32` does not.
    #[attio(read_only)]
    legacy_score: Option<f32>,
}

fn main() {}
