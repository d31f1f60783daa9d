//! The synthetic workspaces of the generation benchmarks: `objects` objects
//! of `attributes` attributes each, cycling through all 17 types (a third of
//! the multiselect-capable ones multiselect, selects and statuses with five
//! options each, record references to the next object).

use attio_codegen::Snapshot;
use attio_schema::{
    Attribute, AttributeConfig, AttributeId, AttributeType, Object, ObjectId, OptionId,
    RecordReferenceConfig, SelectOption, Status, StatusId, Workspace,
};

fn uuid(kind: u32, n: usize) -> String {
    format!("00000000-{kind:04x}-4000-8000-{n:012x}")
}

pub fn synthetic(objects: usize, attributes: usize) -> Snapshot {
    let workspace_id = uuid(0, 0);
    let mut serial = 0;
    let mut next = || {
        serial += 1;
        serial
    };
    let objects = (0..objects)
        .map(|o| {
            let object_id = uuid(1, o);
            let attributes = (0..attributes)
                .map(|a| {
                    let attribute_type = AttributeType::ALL[a % AttributeType::ALL.len()].clone();
                    let id = AttributeId {
                        workspace_id: workspace_id.clone(),
                        object_id: object_id.clone(),
                        attribute_id: uuid(3, next()),
                    };
                    let titles = || (0..5).map(|t| format!("Choice {t} of {a}"));
                    let options = match attribute_type {
                        AttributeType::Select => titles()
                            .map(|title| SelectOption {
                                id: OptionId {
                                    workspace_id: id.workspace_id.clone(),
                                    object_id: id.object_id.clone(),
                                    attribute_id: id.attribute_id.clone(),
                                    option_id: uuid(4, a),
                                },
                                title,
                                is_archived: false,
                            })
                            .collect(),
                        _ => Vec::new(),
                    };
                    let statuses = match attribute_type {
                        AttributeType::Status => titles()
                            .map(|title| Status {
                                id: StatusId {
                                    workspace_id: id.workspace_id.clone(),
                                    object_id: id.object_id.clone(),
                                    attribute_id: id.attribute_id.clone(),
                                    status_id: uuid(5, a),
                                },
                                title,
                                is_archived: false,
                                celebration_enabled: false,
                                target_time_in_status: None,
                            })
                            .collect(),
                        _ => Vec::new(),
                    };
                    let allowed_object_ids = (attribute_type == AttributeType::RecordReference)
                        .then(|| vec![uuid(1, (o + 1) % objects)]);
                    Attribute {
                        description: (a % 4 == 0).then(|| format!("What attribute {a} holds.")),
                        is_writable: attribute_type != AttributeType::Interaction,
                        is_required: a % 11 == 0,
                        is_unique: a % 13 == 0 && attribute_type.can_be_unique(),
                        is_multiselect: a % 3 == 0 && attribute_type.can_be_multiselect(),
                        config: AttributeConfig {
                            record_reference: RecordReferenceConfig { allowed_object_ids },
                            ..AttributeConfig::default()
                        },
                        options,
                        statuses,
                        ..Attribute::new(
                            id,
                            format!("attribute_{a}"),
                            format!("Attribute {a}"),
                            attribute_type,
                        )
                    }
                })
                .collect();
            Object {
                id: ObjectId {
                    workspace_id: workspace_id.clone(),
                    object_id,
                },
                api_slug: format!("object_{o}"),
                singular_noun: Some(format!("Object {o}")),
                plural_noun: Some(format!("Objects {o}")),
                created_at: None,
                attributes,
            }
        })
        .collect();
    Snapshot::new(Workspace {
        objects,
        lists: Vec::new(),
    })
}
