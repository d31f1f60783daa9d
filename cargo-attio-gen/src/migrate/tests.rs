//! Plans built from the fixture workspace and edits of it.

use attio_schema::{AttributeType, Snapshot, Workspace};

use super::*;

fn fixture() -> Workspace {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/workspace/attio-schema.json"
    );
    Snapshot::load(path).unwrap().workspace
}

/// The fixture with every id replaced, as another workspace of the same
/// schema would have it.
fn with_other_ids(ws: &Workspace) -> Workspace {
    let text = serde_json::to_string(ws).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    fn walk(v: &mut serde_json::Value) {
        match v {
            // A bijection on the last hex digit keeps distinct ids distinct.
            serde_json::Value::String(s) if s.len() == 36 && s.matches('-').count() == 4 => {
                let last = s.pop().and_then(|c| c.to_digit(16)).unwrap();
                s.push(char::from_digit(15 - last, 16).unwrap());
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(walk),
            serde_json::Value::Object(map) => map.values_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut value);
    serde_json::from_value(value).unwrap()
}

fn paths(plan: &Plan) -> Vec<(&str, &str)> {
    plan.steps
        .iter()
        .map(|s| (s.action.verb(), s.path.as_str()))
        .collect()
}

#[test]
fn the_same_schema_under_other_ids_needs_nothing() {
    let ws = fixture();
    let other = with_other_ids(&ws);
    assert_ne!(ws, other, "the ids were replaced");
    let plan = plan(&other, &ws, &PlanOptions::default());
    assert!(plan.is_empty(), "{plan}");
    assert!(plan.left_alone.is_empty(), "{plan}");
    assert_eq!(
        plan.to_string(),
        "nothing to do: the workspace matches the snapshot\n"
    );
}

#[test]
fn a_missing_object_is_created_before_its_attributes_and_their_options() {
    let want = fixture();
    let mut live = want.clone();
    live.objects.retain(|o| o.api_slug != "projects");
    let plan = plan(&live, &want, &PlanOptions::default());
    let steps = paths(&plan);
    let position = |verb: &str, path: &str| {
        steps
            .iter()
            .position(|s| *s == (verb, path))
            .unwrap_or_else(|| panic!("no {verb} {path} in {plan}"))
    };
    let object = position("create", "projects");
    let priority = position("create", "projects.priority");
    let client = position("create", "projects.client");
    assert!(object < priority && priority < client, "{plan}");
    let option = plan
        .steps
        .iter()
        .position(
            |s| matches!(&s.action, Action::CreateOption { of, .. } if of.attribute == "priority"),
        )
        .expect("an option step");
    assert!(option > client, "options after every attribute: {plan}");
    assert!(position("create", "projects.phase") < option);
    // The archived attribute of the snapshot is created, then archived,
    // after everything else: nothing live is lost, so no flag is needed.
    let old = position("archive", "projects.old_budget_code");
    assert!(old > option, "{plan}");
    assert!(!plan.steps[old].destructive);
}

#[test]
fn a_relationship_is_created_once_with_its_other_side() {
    let mut want = fixture();
    let object_id = |ws: &Workspace, slug: &str| ws.object(slug).unwrap().id.clone();
    let (projects, companies) = (object_id(&want, "projects"), object_id(&want, "companies"));
    let side = |object: &attio_schema::ObjectId,
                slug: &str,
                title: &str,
                target: &attio_schema::ObjectId| {
        let id = attio_schema::AttributeId {
            workspace_id: object.workspace_id.clone(),
            object_id: object.object_id.clone(),
            attribute_id: format!("id-{slug}"),
        };
        let mut a = attio_schema::Attribute::new(id, slug, title, AttributeType::RecordReference);
        a.config.record_reference.allowed_object_ids = Some(vec![target.object_id.clone()]);
        a
    };
    let mut owner = side(&projects, "owner_company", "Owner company", &companies);
    let mut owned = side(&companies, "owned_projects", "Owned projects", &projects);
    owned.is_multiselect = true;
    owner.relationship = Some(attio_schema::Relationship::describing("companies", &owned));
    owned.relationship = Some(attio_schema::Relationship::describing("projects", &owner));
    let live = want.clone();
    for object in &mut want.objects {
        match object.api_slug.as_str() {
            "projects" => object.attributes.push(owner.clone()),
            "companies" => object.attributes.push(owned.clone()),
            _ => {}
        }
    }
    let plan = plan(&live, &want, &PlanOptions::default());
    assert_eq!(plan.steps.len(), 1, "{plan}");
    assert!(plan.manual.is_empty(), "{plan}");
    let Action::CreateAttribute {
        owner, attribute, ..
    } = &plan.steps[0].action
    else {
        panic!("{plan}")
    };
    assert_eq!(
        (owner.as_str(), attribute.api_slug.as_str()),
        ("companies", "owned_projects")
    );
    let other = attribute.relationship.as_ref().unwrap();
    assert_eq!(
        (
            other.object.as_str(),
            other.api_slug.as_str(),
            other.is_multiselect
        ),
        ("projects", "owner_company", false)
    );
    let allowed = attribute.config.record_reference.as_ref().unwrap();
    assert_eq!(allowed.allowed_objects, ["projects"], "slugs, not ids");
}

#[test]
fn a_type_change_is_manual_and_the_rest_is_planned() {
    let want = fixture();
    let mut live = want.clone();
    let projects = live.objects.iter_mut().find(|o| o.api_slug == "projects");
    let projects = projects.unwrap();
    let code = projects
        .attributes
        .iter_mut()
        .find(|a| a.api_slug == "code");
    code.unwrap().attribute_type = AttributeType::Number;
    let budget = projects
        .attributes
        .iter_mut()
        .find(|a| a.api_slug == "budget_hours");
    budget.unwrap().title = "Hours".to_owned();
    let plan = plan(&live, &want, &PlanOptions::default());
    assert_eq!(plan.manual.len(), 1, "{plan}");
    assert_eq!(plan.manual[0].path, "projects.code");
    assert!(
        plan.manual[0]
            .why
            .starts_with("type changed from number to text; Attio cannot change this"),
        "{}",
        plan.manual[0].why
    );
    assert_eq!(paths(&plan), [("change", "projects.budget_hours")]);
}

#[test]
fn archives_only_with_the_flag_and_listed_first() {
    let want = fixture();
    let mut live = want.clone();
    let mut extra = live.objects[0]
        .attributes
        .iter()
        .find(|a| !a.is_system_attribute && a.attribute_type == AttributeType::Text)
        .unwrap()
        .clone();
    extra.api_slug = "not_in_the_snapshot".to_owned();
    let owner = live.objects[0].api_slug.clone();
    live.objects[0].attributes.push(extra);
    let deals = live
        .objects
        .iter_mut()
        .find(|o| o.api_slug == "deals")
        .unwrap();
    deals.singular_noun = Some("Opportunity".to_owned());

    let held = plan(&live, &want, &PlanOptions::default());
    assert_eq!(held.held_back.len(), 1, "{held}");
    assert!(held.steps.iter().all(|s| !s.action.archives()), "{held}");

    let allowed = plan(
        &live,
        &want,
        &PlanOptions {
            allow_archive: true,
        },
    );
    assert!(allowed.held_back.is_empty());
    let path = format!("{owner}.not_in_the_snapshot");
    assert_eq!(
        paths(&allowed),
        [("archive", path.as_str()), ("change", "deals")]
    );
    let text = allowed.to_string();
    assert!(
        text.starts_with(&format!("Archive (1):\n  - {path}: live in the workspace")),
        "{text}"
    );
}

#[test]
fn a_plan_survives_its_json_form() {
    let want = fixture();
    let mut live = want.clone();
    live.lists.clear();
    live.objects.retain(|o| o.api_slug != "match");
    let plan = plan(&live, &want, &PlanOptions::default());
    assert!(!plan.steps.is_empty());
    assert_eq!(Plan::from_json(&plan.to_json()).unwrap(), plan);
    let newer = plan.to_json().replace(
        &format!("\"format_version\": {PLAN_FORMAT_VERSION}"),
        "\"format_version\": 9",
    );
    assert!(Plan::from_json(&newer)
        .unwrap_err()
        .contains("format version 9"));
}

#[test]
fn a_plan_names_object_or_list_by_its_noun() {
    let want = fixture();
    let mut live = want.clone();
    live.lists.clear();
    let json = plan(&live, &want, &PlanOptions::default()).to_json();
    assert!(json.contains("\"target\": \"list\""), "{json}");
    let wrong = json.replace("\"target\": \"list\"", "\"target\": \"lists\"");
    let error = Plan::from_json(&wrong).unwrap_err();
    assert!(
        error.contains("unknown target `lists`; expected `object` or `list`"),
        "{error}"
    );
}

#[test]
fn a_list_nobody_can_configure_keeps_its_access_and_the_plan_says_who_will() {
    let want = fixture();
    let mut live = want.clone();
    live.lists.clear();
    let plan = plan(&live, &want, &PlanOptions::default());
    let created = |slug: &str| {
        let step = plan.steps.iter().find(|s| s.path == slug).unwrap();
        let Action::CreateList { list } = &step.action else {
            panic!("{plan}")
        };
        (list.workspace_access, step.why.as_str())
    };
    let (access, why) = created("lists/hiring");
    assert_eq!(access, None, "private, as in the snapshot");
    assert!(
        why.ends_with(
            "its workspace access is private, and Attio refuses a list nobody can configure, \
             so the workspace member who authorised the token gets full access"
        ),
        "{why}"
    );
    let (access, why) = created("lists/enterprise_pipeline");
    assert_eq!(access, Some(attio_schema::AccessLevel::FullAccess));
    assert_eq!(why, "in the snapshot, not in the workspace");
}
