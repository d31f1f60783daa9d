//! Schema as code on a realistic workspace: staging is shaped through the
//! API (custom objects, two-way relationships between them, with a standard
//! object and within one, lists that the workspace may only read or not see
//! at all), pulled, and applied with the binary to a new workspace that has
//! nothing but the standard objects; `check` then finds no drift.

use attio_emulator::{Emulator, RunningEmulator};
use attio_runtime::api::schema::{
    AllowedObjects, AttributeUpdate, NewAttribute, NewAttributeConfig, NewList, NewObject,
    NewRelationship,
};
use attio_runtime::Client;
use attio_schema::{AccessLevel, AttributeType, MemberAccess, Snapshot, Target};
use cargo_attio_gen::migrate::{Action, Plan};

use crate::migrate::{code, emptied, empty_workspace, emulator_of, run, show, text, KEY};
use crate::support::fixture;

/// The member every emulator has, who authorises its tokens.
const ADA: &str = "5f0c6f2e-2d7a-4c39-9a53-6a3d4e1b2c01";

fn client(emulator: &RunningEmulator) -> Client {
    Client::builder(KEY)
        .base_url(emulator.base_url())
        .build()
        .unwrap()
}

/// A single record reference to `to` whose other side, `back` on `to`,
/// holds many.
fn pair(slug: &str, title: &str, to: &str, back: &str, back_title: &str) -> NewAttribute {
    NewAttribute {
        title: title.to_owned(),
        description: None,
        api_slug: slug.to_owned(),
        attribute_type: AttributeType::RecordReference,
        is_required: false,
        is_unique: false,
        is_multiselect: false,
        config: NewAttributeConfig {
            currency: None,
            record_reference: Some(AllowedObjects {
                allowed_objects: vec![to.to_owned()],
            }),
        },
        relationship: Some(NewRelationship {
            object: to.to_owned(),
            title: back_title.to_owned(),
            api_slug: back.to_owned(),
            is_multiselect: true,
        }),
    }
}

fn list(
    slug: &str,
    parent: &str,
    access: Option<AccessLevel>,
    members: &[(&str, AccessLevel)],
) -> NewList {
    NewList {
        api_slug: slug.to_owned(),
        name: slug.to_owned(),
        parent_object: parent.to_owned(),
        workspace_access: access,
        workspace_member_access: members
            .iter()
            .map(|(id, level)| MemberAccess {
                workspace_member_id: (*id).to_owned(),
                level: *level,
            })
            .collect(),
    }
}

/// Staging as a team shapes it in Attio: where Grace configures the
/// restricted lists (she is no member of the new workspace).
async fn staging() -> RunningEmulator {
    let emulator = Emulator::builder()
        .schema(Snapshot::new(emptied(&fixture())))
        .api_key(KEY)
        .without_rate_limits()
        .member("Grace", "Hopper", "grace@staging.example")
        .start()
        .await
        .unwrap();
    let client = client(&emulator);
    let members = client.list_workspace_members().await.unwrap();
    let grace = members
        .iter()
        .find(|m| m.email_address == "grace@staging.example")
        .unwrap()
        .id
        .workspace_member_id
        .to_string();
    for (slug, singular, plural) in [
        ("projects", "Project", "Projects"),
        ("milestones", "Milestone", "Milestones"),
    ] {
        let object = NewObject {
            api_slug: slug.to_owned(),
            singular_noun: singular.to_owned(),
            plural_noun: plural.to_owned(),
        };
        client.create_object(&object).await.unwrap();
    }
    let pairs = [
        (
            "projects",
            pair("client", "Client", "companies", "projects", "Projects"),
        ),
        (
            "milestones",
            pair("project", "Project", "projects", "milestones", "Milestones"),
        ),
        (
            "people",
            pair("mentor", "Mentor", "people", "mentees", "Mentees"),
        ),
    ];
    for (object, attribute) in &pairs {
        let made = client
            .create_attribute(Target::Object, object, attribute)
            .await;
        made.unwrap();
    }
    // The other side is created bare; staging describes both sides
    // afterwards (which side is the other one differs where the plan
    // creates the pair from the side it meets first).
    let described = |text: &str, required: bool| AttributeUpdate {
        description: Some(Some(text.to_owned())),
        is_required: Some(required),
        ..AttributeUpdate::default()
    };
    for (object, slug, update) in [
        (
            "companies",
            "projects",
            described("Projects run for this company", false),
        ),
        (
            "projects",
            "client",
            described("The company the project is for", true),
        ),
    ] {
        let made = client.update_attribute(Target::Object, object, slug, &update);
        made.await.unwrap();
    }
    let (full, read) = (AccessLevel::FullAccess, AccessLevel::ReadOnly);
    for new in [
        list("board", "companies", Some(read), &[(&grace, full)]),
        list("hiring", "people", None, &[(&grace, full), (ADA, read)]),
        list("pipeline", "companies", Some(full), &[]),
    ] {
        client.create_list(&new).await.unwrap();
    }
    emulator
}

#[tokio::test]
async fn a_staging_workspace_with_relationships_and_restricted_lists_applies_to_a_new_one() {
    let staging = staging().await;
    let production = emulator_of(&empty_workspace()).await;
    let url = production.base_url();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let pull = run(
        dir,
        &staging.base_url(),
        &["pull", "--snapshot", "staging.json"],
    )
    .await;
    assert_eq!(code(&pull), Some(0), "{}", show(&pull));

    let plan = run(
        dir,
        &url,
        &["plan", "--snapshot", "staging.json", "--out", "plan.json"],
    )
    .await;
    assert_eq!(code(&plan), Some(1), "{}", show(&plan));
    let printed = text(&plan.stdout);
    let saved = Plan::from_json(&std::fs::read_to_string(dir.join("plan.json")).unwrap()).unwrap();
    assert!(saved.manual.is_empty(), "{printed}");
    // Each pair is one step, which names both sides.
    let sides: Vec<(String, String)> = saved
        .steps
        .iter()
        .filter_map(|s| match &s.action {
            Action::CreateAttribute {
                owner, attribute, ..
            } => attribute.relationship.as_ref().map(|r| {
                (
                    format!("{owner}.{}", attribute.api_slug),
                    format!("{}.{}", r.object, r.api_slug),
                )
            }),
            _ => None,
        })
        .collect();
    assert_eq!(sides.len(), 3, "{printed}");
    for (one, other) in &sides {
        let line = format!(
            "create {one}: in the snapshot, not in the workspace; one request creates both \
             sides of the two-way relationship, this one and {other}"
        );
        assert!(printed.contains(&line), "no {line:?} in\n{printed}");
        let other_created = saved
            .steps
            .iter()
            .any(|s| s.path == *other && matches!(s.action, Action::CreateAttribute { .. }));
        assert!(!other_created, "{other} is created with {one}: {printed}");
    }
    for restricted in ["lists/board", "lists/hiring"] {
        let line = format!(
            "create {restricted}: in the snapshot, not in the workspace; its workspace access is"
        );
        assert!(printed.contains(&line), "no {line:?} in\n{printed}");
    }
    assert!(
        printed.contains("    create lists/pipeline: in the snapshot, not in the workspace\n"),
        "{printed}"
    );

    let apply = run(dir, &url, &["apply", "--plan", "plan.json", "--yes"]).await;
    assert_eq!(code(&apply), Some(0), "{}", show(&apply));
    let said = text(&apply.stderr);
    for restricted in ["lists/board", "lists/hiring"] {
        let line = format!(
            "{restricted}: workspace member {ADA}, who authorised the token, was given full access"
        );
        assert!(said.contains(&line), "no {line:?} in\n{said}");
    }
    assert!(!said.contains("lists/pipeline:"), "{said}");

    let check = run(dir, &url, &["check", "--snapshot", "staging.json"]).await;
    assert_eq!(code(&check), Some(0), "{}", show(&check));
    assert_eq!(text(&check.stdout), "", "{}", show(&check));
    let again = run(dir, &url, &["plan", "--snapshot", "staging.json"]).await;
    assert_eq!(code(&again), Some(0), "{}", show(&again));

    // The lists are as the snapshot says, but for the one member who must
    // be able to configure them.
    let now = client(&production).get_workspace_schema().await.unwrap();
    let access = |slug: &str| {
        let list = now.list(slug).unwrap();
        let members: Vec<(&str, AccessLevel)> = list
            .workspace_member_access
            .iter()
            .map(|m| (m.workspace_member_id.as_str(), m.level))
            .collect();
        (list.workspace_access, members)
    };
    let ada_full = vec![(ADA, AccessLevel::FullAccess)];
    assert_eq!(
        access("board"),
        (Some(AccessLevel::ReadOnly), ada_full.clone())
    );
    assert_eq!(access("hiring"), (None, ada_full));
    assert_eq!(access("pipeline"), (Some(AccessLevel::FullAccess), vec![]));
    let client_side = now.object("projects").unwrap().attribute("client").unwrap();
    assert_eq!(
        (client_side.description.as_deref(), client_side.is_required),
        (Some("The company the project is for"), true)
    );
    let back = client_side.relationship.as_ref().unwrap();
    assert_eq!(
        (
            back.object_slug.as_deref(),
            back.api_slug.as_deref(),
            back.is_multiselect
        ),
        (Some("companies"), Some("projects"), Some(true))
    );
    staging.shutdown().await;
    production.shutdown().await;
}
