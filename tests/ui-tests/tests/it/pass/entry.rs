//! An entry of the `enterprise_pipeline` list, with a status enum.

use attio_runtime::serde_json::json;
use attio_runtime::{Entry, Model, Options, Write};

#[derive(Debug, Clone, PartialEq, Eq, Options)]
#[attio(list = "enterprise_pipeline", attribute = "stage")]
pub enum Stage {
    Qualified,
    Negotiation,
    #[attio(title = "Closed")]
    Done,
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Entry)]
#[attio(list = "enterprise_pipeline", create)]
pub struct PipelineEntry {
    pub stage: Stage,
    pub deal_size: Option<f64>,
    pub notes: Option<String>,
}

#[test]
fn entry() {
    assert_eq!(PipelineEntry::LIST, "enterprise_pipeline");
    assert_eq!(PipelineEntry::PARENT_OBJECTS, &["companies"]);

    let values = json!({
        "stage": [{"status": {"title": "Closed"}}],
        "deal_size": [{"value": 25000.0}],
    });
    let entry = PipelineEntry::from_values(values.as_object().unwrap()).unwrap();
    assert_eq!(entry.stage, Stage::Done);
    assert_eq!(entry.deal_size, Some(25000.0));
    assert_eq!(entry.notes, None);

    let write = PipelineEntry::create(PipelineEntryRequired {
        stage: Stage::Negotiation,
    })
    .notes("call back");
    assert_eq!(write.values().get("stage"), Some(&json!(["Negotiation"])));
    assert_eq!(write.values().get("notes"), Some(&json!(["call back"])));

    // A missing required single value is a decode error, not a panic.
    let err = PipelineEntry::from_values(json!({}).as_object().unwrap()).unwrap_err();
    assert_eq!(err.path, "stage");
}
