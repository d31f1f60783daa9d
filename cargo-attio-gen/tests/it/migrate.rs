//! `cargo attio-gen plan` and `apply` run as real processes against
//! emulators started inside the test: an empty workspace brought to the
//! fixture, a partial apply resumed, a second apply that writes nothing, a
//! type change left for a person, archives only with the flag, and a
//! snapshot of one workspace planned against another with other ids.

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use attio_emulator::{Emulator, Fault, FaultPlan, FaultRule, RunningEmulator};
use attio_schema::diff::by_slug;
use attio_schema::{AttributeType, Snapshot, Workspace};
use cargo_attio_gen::migrate::{ensure, PlanOptions};
use reqwest::Method;

use crate::support::{fixture, BIN, FIXTURE};

/// Distinctive, so a test can tell that it was never printed.
pub(crate) const KEY: &str = "emulator-key-migrate-7f3a";

const STANDARD: [&str; 5] = ["people", "companies", "deals", "users", "workspaces"];

/// `workspace` as another workspace of the same schema has it: another
/// workspace id, other ids for everything.
fn elsewhere(workspace: &Workspace) -> Workspace {
    let text = serde_json::to_string(workspace).unwrap();
    let fixture_workspace = &workspace.objects[0].id.workspace_id;
    let text = text
        .replace(
            fixture_workspace.as_str(),
            "0b9e7a44-4f4e-4d2b-8c55-2f0a9d6e1c3b",
        )
        .replace("\"00000000-", "\"7e57ab1e-");
    serde_json::from_str(&text).unwrap()
}

/// What a new Attio workspace has: the standard objects with their system
/// attributes, no list; another workspace than the fixture's.
pub(crate) fn empty_workspace() -> Workspace {
    emptied(&elsewhere(&fixture()))
}

/// `workspace` as it was new: its standard objects with their system
/// attributes, no list; its ids kept.
pub(crate) fn emptied(workspace: &Workspace) -> Workspace {
    let mut ws = workspace.clone();
    ws.objects
        .retain(|o| STANDARD.contains(&o.api_slug.as_str()));
    for object in &mut ws.objects {
        object.attributes.retain(|a| a.is_system_attribute);
    }
    ws.lists.clear();
    ws
}

/// Counts the writes (every POST and PATCH is "delayed" by nothing), and
/// applies `extra` rules first.
fn counting(extra: Vec<FaultRule>) -> FaultPlan {
    let mut plan = FaultPlan::new(7);
    for rule in extra {
        plan = plan.rule(rule);
    }
    for method in [Method::POST, Method::PATCH] {
        plan = plan.rule(FaultRule::new(Fault::Latency(Duration::ZERO)).on(method, "/v2/"));
    }
    plan
}

async fn emulator(workspace: Workspace, faults: FaultPlan) -> RunningEmulator {
    Emulator::builder()
        .schema(Snapshot::new(workspace))
        .api_key(KEY)
        .without_rate_limits()
        .faults(faults)
        .start()
        .await
        .expect("the emulator starts")
}

/// Runs `cargo attio-gen ARGS --base-url URL` in `dir`.
pub(crate) async fn run(dir: &Path, url: &str, args: &[&str]) -> Output {
    let mut command = Command::new(BIN);
    command
        .arg("attio-gen")
        .args(args)
        .args(["--base-url", url])
        .current_dir(dir)
        .env_remove("ATTIO_BASE_URL")
        .env("ATTIO_API_KEY", KEY);
    let output = tokio::task::spawn_blocking(move || command.output().expect("the binary runs"))
        .await
        .unwrap();
    let all = format!("{}{}", text(&output.stdout), text(&output.stderr));
    assert!(!all.contains(KEY), "the key was printed: {all}");
    output
}

pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub(crate) fn code(output: &Output) -> Option<i32> {
    output.status.code()
}

pub(crate) fn show(output: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}--- stderr\n{}",
        output.status.code(),
        text(&output.stdout),
        text(&output.stderr)
    )
}

/// `workspace` without what a plan left for a person: what `apply` can
/// make of it.
fn without(workspace: &Workspace, paths: &[String]) -> Workspace {
    let mut ws = workspace.clone();
    ws.objects.retain(|o| !paths.contains(&o.api_slug));
    for object in &mut ws.objects {
        let slug = object.api_slug.clone();
        object
            .attributes
            .retain(|a| !paths.contains(&format!("{slug}.{}", a.api_slug)));
    }
    ws
}

/// The numbers before `first` and before `second` in `said` (`53 step(s)
/// done, 47 left`).
fn counts(said: &str, first: &str, second: &str) -> (usize, usize) {
    let number_before = |text: &str, marker: &str| -> usize {
        let before = &text[..text
            .find(marker)
            .unwrap_or_else(|| panic!("no {marker:?} in {said}"))];
        let digits: String = before
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.chars().rev().collect::<String>().parse().unwrap()
    };
    let a = number_before(said, first);
    let rest = &said[said.find(first).unwrap() + first.len()..];
    (a, number_before(rest, second))
}

pub(crate) fn write_snapshot(dir: &Path, name: &str, workspace: &Workspace) {
    Snapshot::new(workspace.clone())
        .write(dir.join(name))
        .unwrap();
}

#[tokio::test]
async fn an_empty_workspace_is_brought_to_the_fixture_and_resumes_after_a_refusal() {
    // The first write to the projects' attributes is refused (a 500, which
    // a create does not repeat): the apply stops there.
    let refuse = FaultRule::new(Fault::ServerError(500))
        .on(Method::POST, "/v2/objects/projects/attributes")
        .max_injections(1);
    let emulator = emulator(empty_workspace(), counting(vec![refuse])).await;
    let url = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();

    let plan = run(
        dir,
        &url,
        &["plan", "--snapshot", FIXTURE, "--out", "plan.json"],
    )
    .await;
    assert_eq!(code(&plan), Some(1), "{}", show(&plan));
    let printed = text(&plan.stdout);
    for line in [
        "    create projects: in the snapshot, not in the workspace",
        "    create lists/hiring: in the snapshot, not in the workspace",
        "  - 3pl_partners: Attio's API creates only lower-case snake_case slugs",
    ] {
        assert!(printed.contains(line), "no {line:?} in\n{printed}");
    }
    let saved = cargo_attio_gen::migrate::Plan::from_json(
        &std::fs::read_to_string(dir.join("plan.json")).unwrap(),
    )
    .unwrap();
    let mut manual: Vec<String> = saved.manual.iter().map(|n| n.path.clone()).collect();
    manual.sort();
    assert_eq!(
        manual,
        [
            "3pl_partners",
            "integrations.2fa_enabled",
            "integrations.dealValue",
            "integrations.größe",
            "integrations.hologram",
            "legacy_imports",
            "projects.related_record",
        ],
        "{printed}"
    );
    assert!(saved.held_back.is_empty(), "{printed}");

    let partial = run(dir, &url, &["apply", "--plan", "plan.json", "--yes"]).await;
    assert_eq!(code(&partial), Some(3), "{}", show(&partial));
    let said = text(&partial.stderr);
    assert!(said.contains("Attio refused to create projects."), "{said}");
    assert!(
        said.contains("apply again, which continues where this stopped"),
        "{said}"
    );
    assert_eq!(emulator.fault_stats().server_errors, 1);
    let (done, left) = counts(&said, " step(s) done, ", " left");

    let resumed = run(dir, &url, &["apply", "--plan", "plan.json", "--yes"]).await;
    // Exit 1: the manual changes are still to be made by a person.
    assert_eq!(code(&resumed), Some(1), "{}", show(&resumed));
    let said = text(&resumed.stderr);
    assert_eq!(
        counts(&said, " step(s) made, ", " already done"),
        (left, done),
        "the resume makes what was left and skips what was done: {said}"
    );
    assert_eq!(done + left, saved.steps.len());

    // What apply can make of the fixture is now the workspace: `check`
    // finds no drift, and `pull` gives it back.
    let target = without(&fixture(), &manual);
    write_snapshot(dir, "target.json", &target);
    let check = run(dir, &url, &["check", "--snapshot", "target.json"]).await;
    assert_eq!(code(&check), Some(0), "{}", show(&check));
    let pull = run(dir, &url, &["pull", "--snapshot", "pulled.json"]).await;
    assert_eq!(code(&pull), Some(0), "{}", show(&pull));
    let pulled = Snapshot::load(dir.join("pulled.json")).unwrap().workspace;
    let changes = attio_schema::diff::diff(&by_slug(&pulled), &by_slug(&target));
    assert!(changes.is_empty(), "{changes}");

    // A second apply reads and writes nothing.
    let writes = emulator.fault_stats().delayed;
    let again = run(dir, &url, &["apply", "--snapshot", "target.json", "--yes"]).await;
    assert_eq!(code(&again), Some(0), "{}", show(&again));
    assert!(
        text(&again.stderr).contains("nothing to apply"),
        "{}",
        show(&again)
    );
    assert_eq!(emulator.fault_stats().delayed, writes, "a write was sent");

    // A snapshot pulled from another emulator, whose ids are the
    // fixture's, plans to nothing against this one, whose ids it made.
    let other = emulator_of(&target).await;
    let from_other = run(
        dir,
        &other.base_url(),
        &["pull", "--snapshot", "other.json"],
    )
    .await;
    assert_eq!(code(&from_other), Some(0), "{}", show(&from_other));
    let other_ws = Snapshot::load(dir.join("other.json")).unwrap().workspace;
    assert_ne!(
        other_ws.object("projects").unwrap().id.object_id,
        pulled.object("projects").unwrap().id.object_id
    );
    let cross = run(dir, &url, &["plan", "--snapshot", "other.json"]).await;
    assert_eq!(code(&cross), Some(0), "{}", show(&cross));
    assert_eq!(
        text(&cross.stdout),
        "nothing to do: the workspace matches the snapshot\n"
    );
    other.shutdown().await;
    emulator.shutdown().await;
}

pub(crate) async fn emulator_of(workspace: &Workspace) -> RunningEmulator {
    emulator(workspace.clone(), FaultPlan::new(1)).await
}

/// The snapshot's own workspace, emptied of what it added: `apply`
/// creates those again under new ids in a workspace the snapshot's ids
/// come from, and `check` must not count that as drift.
#[tokio::test]
async fn re_created_ids_in_the_snapshots_own_workspace_are_not_drift() {
    let target = without(
        &fixture(),
        &["3pl_partners".to_owned(), "integrations".to_owned()],
    );
    let emulator = emulator_of(&emptied(&target)).await;
    let url = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    write_snapshot(dir, "target.json", &target);
    let plan = run(
        dir,
        &url,
        &["plan", "--snapshot", "target.json", "--out", "plan.json"],
    )
    .await;
    assert_eq!(code(&plan), Some(1), "{}", show(&plan));
    // Planning again replaces the plan it wrote (what `--out` refuses to
    // replace is a file of another kind).
    let again = run(
        dir,
        &url,
        &["plan", "--snapshot", "target.json", "--out", "plan.json"],
    )
    .await;
    assert_eq!(code(&again), Some(1), "{}", show(&again));
    let saved = cargo_attio_gen::migrate::Plan::from_json(
        &std::fs::read_to_string(dir.join("plan.json")).unwrap(),
    )
    .unwrap();
    let manual: Vec<String> = saved.manual.iter().map(|n| n.path.clone()).collect();
    write_snapshot(dir, "made.json", &without(&target, &manual));

    let applied = run(dir, &url, &["apply", "--plan", "plan.json", "--yes"]).await;
    assert!(
        text(&applied.stderr).contains(" 0 already done"),
        "{}",
        show(&applied)
    );
    let check = run(dir, &url, &["check", "--snapshot", "made.json"]).await;
    assert_eq!(code(&check), Some(0), "{}", show(&check));
    let said = text(&check.stderr);
    assert!(said.contains("created anew under the same slugs"), "{said}");
    assert_eq!(text(&check.stdout), "", "no change is listed as drift");
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_type_change_is_left_for_a_person_and_the_rest_is_applied() {
    let target = without(
        &fixture(),
        &["3pl_partners".to_owned(), "integrations".to_owned()],
    );
    let mut live = target.clone();
    let projects = live.objects.iter_mut().find(|o| o.api_slug == "projects");
    let projects = projects.unwrap();
    let code_attr = projects
        .attributes
        .iter_mut()
        .find(|a| a.api_slug == "code");
    code_attr.unwrap().attribute_type = AttributeType::Number;
    projects.attributes.retain(|a| a.api_slug != "billable");
    let emulator = emulator_of(&live).await;
    let client = attio_runtime::Client::builder(KEY)
        .base_url(emulator.base_url())
        .build()
        .unwrap();

    let (plan, applied) = ensure(&client, &target, &PlanOptions::default())
        .await
        .unwrap();
    assert_eq!(plan.manual.len(), 1, "{plan}");
    assert_eq!(plan.manual[0].path, "projects.code");
    assert_eq!(applied.made, 1, "{plan}");
    let now = client.get_workspace_schema().await.unwrap();
    let projects = now.object("projects").unwrap();
    assert_eq!(
        projects.attribute("code").unwrap().attribute_type,
        AttributeType::Number,
        "never attempted"
    );
    assert!(projects.attribute("billable").is_some());
    emulator.shutdown().await;
}

#[tokio::test]
async fn archives_only_with_the_flag() {
    let target = without(
        &fixture(),
        &["3pl_partners".to_owned(), "integrations".to_owned()],
    );
    let mut live = target.clone();
    let projects = live.objects.iter_mut().find(|o| o.api_slug == "projects");
    let projects = projects.unwrap();
    let mut extra = projects.attribute("code").unwrap().clone();
    extra.api_slug = "legacy_code".to_owned();
    extra.id.attribute_id = "5b0e8c2a-0000-4000-8000-00000000c0de".to_owned();
    projects.attributes.push(extra);
    let emulator = emulator_of(&live).await;
    let url = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    write_snapshot(dir, "target.json", &target);

    let plan = run(dir, &url, &["plan", "--snapshot", "target.json"]).await;
    assert_eq!(code(&plan), Some(1), "{}", show(&plan));
    assert!(
        text(&plan.stdout).starts_with(
            "Held back (pass --allow-archive to archive) (1):\n  - projects.legacy_code:"
        ),
        "{}",
        show(&plan)
    );
    let held = run(dir, &url, &["apply", "--snapshot", "target.json", "--yes"]).await;
    assert_eq!(code(&held), Some(1), "{}", show(&held));
    let live_attribute = |ws: &Workspace| {
        let projects = ws.object("projects").unwrap();
        projects.attribute("legacy_code").map(|a| a.is_archived)
    };
    let client = attio_runtime::Client::builder(KEY)
        .base_url(url.as_str())
        .build()
        .unwrap();
    let now = client.get_workspace_schema().await.unwrap();
    assert_eq!(
        live_attribute(&now),
        Some(false),
        "not archived without the flag"
    );

    let flagged = ["plan", "--snapshot", "target.json", "--allow-archive"];
    let plan = run(dir, &url, &flagged).await;
    assert!(
        text(&plan.stdout).starts_with("Archive (1):\n  - projects.legacy_code:"),
        "{}",
        show(&plan)
    );
    let args = [
        "apply",
        "--snapshot",
        "target.json",
        "--allow-archive",
        "--yes",
    ];
    let apply = run(dir, &url, &args).await;
    assert_eq!(code(&apply), Some(0), "{}", show(&apply));
    let now = client.get_workspace_schema().await.unwrap();
    assert_eq!(live_attribute(&now), Some(true), "archived, not removed");
    let after = run(dir, &url, &["plan", "--snapshot", "target.json"]).await;
    assert_eq!(code(&after), Some(0), "{}", show(&after));
    emulator.shutdown().await;
}
