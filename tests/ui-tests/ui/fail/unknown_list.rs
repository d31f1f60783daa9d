use attio_runtime::Entry;

#[derive(Entry)]
#[attio(list = "enterprise_pipline")]
struct PipelineEntry {
    notes: Option<String>,
}

fn main() {}
