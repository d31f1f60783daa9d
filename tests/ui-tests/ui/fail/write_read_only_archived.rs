use attio_runtime::Record;

// As generated: `legacy_score` is archived in Attio, so it is still read
// but refuses writes.
#[derive(Record)]
#[attio(object = "people")]
pub struct Person {
    /// Legacy score · number · archived
    #[attio(attribute = "legacy_score", read_only)]
    pub legacy_score: Option<f64>,
}

fn main() {
    let _ = Person::write().legacy_score(3.0);
}
