//! `cargo attio-gen pull` and `check` run as real processes against an
//! emulator started inside the test. The binary runs on the blocking pool
//! (`spawn_blocking`) so that the test's runtime keeps serving the emulator
//! meanwhile.

use std::path::Path;
use std::process::{Command, Output};

use attio_emulator::{Emulator, RunningEmulator};
use attio_schema::{Snapshot, Workspace};
use serde_json::{json, Value};

use crate::support::{fixture, stderr, stdout, BIN, FIXTURE};

/// The key the emulators accept. Distinctive, so a test can tell that it
/// was never printed.
pub(crate) const KEY: &str = "emulator-key-5d1c9e";

pub(crate) async fn emulator(workspace: Workspace) -> RunningEmulator {
    Emulator::builder()
        .schema(Snapshot::new(workspace))
        .api_key(KEY)
        .without_rate_limits()
        .start()
        .await
        .expect("the emulator starts")
}

/// Runs `cargo attio-gen ARGS` in `dir` with `key` as `ATTIO_API_KEY`
/// (`None`: unset) and no `ATTIO_BASE_URL`.
pub(crate) async fn run(dir: &Path, key: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(BIN);
    command
        .arg("attio-gen")
        .args(args)
        .current_dir(dir)
        .env_remove("ATTIO_API_KEY")
        .env_remove("ATTIO_BASE_URL");
    if let Some(key) = key {
        command.env("ATTIO_API_KEY", key);
    }
    tokio::task::spawn_blocking(move || command.output().expect("the binary runs"))
        .await
        .unwrap()
}

/// Asserts the exit code, showing the output when it differs, and that the
/// key appears in neither stream.
#[track_caller]
pub(crate) fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(output),
        stderr(output)
    );
    assert!(!stdout(output).contains(KEY) && !stderr(output).contains(KEY));
}

/// A request to the emulator's API, as an administrator changing the
/// workspace in Attio's UI would cause.
async fn api(emulator: &RunningEmulator, method: reqwest::Method, path: &str, body: Value) {
    let response = reqwest::Client::new()
        .request(method, format!("{}{path}", emulator.base_url()))
        .bearer_auth(KEY)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    assert!(
        status.is_success(),
        "{path}: {status} {}",
        response.text().await.unwrap()
    );
}

fn text_attribute(slug: &str, attribute_type: &str) -> Value {
    json!({"data": {
        "title": slug, "description": null, "api_slug": slug, "type": attribute_type,
        "is_required": false, "is_unique": false, "is_multiselect": false, "config": {},
    }})
}

#[tokio::test]
async fn pull_reproduces_the_fixture_byte_for_byte() {
    let emulator = emulator(fixture()).await;
    let dir = tempfile::tempdir().unwrap();
    let url = emulator.base_url();
    let args = ["pull", "--base-url", &url, "--snapshot", "pulled.json"];

    let output = run(dir.path(), Some(KEY), &args).await;
    assert_exit(&output, 0);
    let pulled = std::fs::read_to_string(dir.path().join("pulled.json")).unwrap();
    assert!(
        pulled == std::fs::read_to_string(FIXTURE).unwrap(),
        "the pulled snapshot differs from the fixture"
    );
    let report = stderr(&output);
    assert!(
        report.contains(&format!(
            "pulled 10 objects (149 attributes), 2 lists (16 attributes), 2 attributes archived from {url}"
        )),
        "{report}"
    );
    assert!(report.contains("wrote pulled.json (sha256:"), "{report}");
    assert!(report.contains("(new snapshot)"), "{report}");
    assert!(stdout(&output).is_empty());

    // Nothing changed: the file is left alone, so nothing recompiles.
    let modified = std::fs::metadata(dir.path().join("pulled.json"))
        .unwrap()
        .modified()
        .unwrap();
    let again = run(dir.path(), Some(KEY), &args).await;
    assert_exit(&again, 0);
    assert!(stderr(&again).contains("pulled.json is up to date"));
    let metadata = std::fs::metadata(dir.path().join("pulled.json")).unwrap();
    assert_eq!(metadata.modified().unwrap(), modified);
    emulator.shutdown().await;
}

#[tokio::test]
async fn check_reports_additive_then_breaking_drift_until_pulled() {
    let emulator = emulator(fixture()).await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(FIXTURE, dir.path().join("attio-schema.json")).unwrap();
    let url = emulator.base_url();
    let check = ["check", "--base-url", &url];

    let same = run(dir.path(), Some(KEY), &check).await;
    assert_exit(&same, 0);
    assert!(stdout(&same).is_empty());
    assert!(stderr(&same).contains(&format!("attio-schema.json matches the workspace at {url}")));

    // A new attribute: additive.
    let post = reqwest::Method::POST;
    let attributes = "/v2/objects/companies/attributes";
    api(
        &emulator,
        post.clone(),
        attributes,
        text_attribute("tier", "text"),
    )
    .await;
    let added = run(dir.path(), Some(KEY), &check).await;
    assert_exit(&added, 1);
    assert_eq!(
        stdout(&added),
        "Additive changes (1):\n- companies.tier: attribute added\n"
    );
    assert!(stderr(&added).contains("0 breaking and 1 additive change(s)"));
    assert!(stderr(&added).contains("run `cargo attio-gen pull --snapshot attio-schema.json`"));

    // An option archived (the API cannot delete one): breaking, listed
    // before the additive change. "P1 – high", by id.
    let option =
        "/v2/objects/projects/attributes/priority/options/00000000-0004-4000-8000-0000000000a2";
    let archive = json!({"data": {"is_archived": true}});
    api(&emulator, reqwest::Method::PATCH, option, archive).await;
    // A type change: Attio cannot retype an attribute, so the old one is
    // archived under another slug and a number attribute takes its slug.
    let code = "/v2/objects/projects/attributes/code";
    let retire = json!({"data": {"is_archived": true, "api_slug": "code_legacy"}});
    api(&emulator, reqwest::Method::PATCH, code, retire).await;
    let projects = "/v2/objects/projects/attributes";
    api(&emulator, post, projects, text_attribute("code", "number")).await;

    let broken = run(dir.path(), Some(KEY), &check).await;
    assert_exit(&broken, 1);
    let report = stdout(&broken);
    assert!(report.starts_with("Breaking changes ("), "{report}");
    let (breaking, additive) = report.split_once("\n\nAdditive changes (").unwrap();
    for line in [
        "- projects.priority: option \"P1 – high\" archived",
        "- projects.code: type changed from text to number",
    ] {
        assert!(breaking.contains(line), "{line} in\n{report}");
    }
    assert!(
        additive.contains("- companies.tier: attribute added"),
        "{report}"
    );
    assert!(
        additive.contains("- projects.code_legacy: archived attribute added"),
        "{report}"
    );

    // Pulling takes the changes in and lists them; then there is no drift.
    let pull = run(dir.path(), Some(KEY), &["pull", "--base-url", &url]).await;
    assert_exit(&pull, 0);
    let pulled = stderr(&pull);
    assert!(
        pulled.contains("Since the previous snapshot:\nBreaking changes ("),
        "{pulled}"
    );
    assert!(
        pulled.contains("type changed from text to number"),
        "{pulled}"
    );
    let after = run(dir.path(), Some(KEY), &check).await;
    assert_exit(&after, 0);
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_refused_key_writes_nothing_and_says_what_to_check() {
    let emulator = emulator(fixture()).await;
    let dir = tempfile::tempdir().unwrap();
    let url = emulator.base_url();
    let previous = "not a snapshot\n";
    std::fs::write(dir.path().join("attio-schema.json"), previous).unwrap();

    let wrong_key = "wrong-key-0b7e42";
    let output = run(dir.path(), Some(wrong_key), &["pull", "--base-url", &url]).await;
    assert_exit(&output, 3);
    let message = stderr(&output);
    assert!(
        message.starts_with(&format!("error: Attio at {url} refused")),
        "{message}"
    );
    assert!(message.contains("401"), "{message}");
    assert!(message.contains("check ATTIO_API_KEY"), "{message}");
    assert!(!message.contains(wrong_key), "the key is never printed");
    let kept = std::fs::read_to_string(dir.path().join("attio-schema.json")).unwrap();
    assert_eq!(kept, previous, "the previous snapshot is untouched");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temp file"
    );

    let check = run(dir.path(), Some(wrong_key), &["check", "--base-url", &url]).await;
    // The snapshot is read first: this one is invalid, a usage error.
    assert_exit(&check, 2);
    std::fs::copy(FIXTURE, dir.path().join("attio-schema.json")).unwrap();
    let check = run(dir.path(), Some(wrong_key), &["check", "--base-url", &url]).await;
    assert_exit(&check, 3);
    assert!(stderr(&check).contains("check ATTIO_API_KEY"));

    let unset = run(dir.path(), None, &["pull", "--base-url", &url]).await;
    assert_exit(&unset, 2);
    assert!(
        stderr(&unset).starts_with("error: ATTIO_API_KEY is not set; export ATTIO_API_KEY="),
        "{}",
        stderr(&unset)
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn an_unreachable_url_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let url = "http://127.0.0.1:9";
    for command in ["pull", "check"] {
        if command == "check" {
            std::fs::copy(FIXTURE, dir.path().join("attio-schema.json")).unwrap();
        }
        let args = [command, "--base-url", url, "--retries", "0"];
        let output = run(dir.path(), Some(KEY), &args).await;
        assert_exit(&output, 3);
        let message = stderr(&output);
        assert!(
            message.starts_with(&format!("error: cannot reach Attio at {url}: ")),
            "{message}"
        );
        assert!(
            message.contains("--base-url or ATTIO_BASE_URL"),
            "{message}"
        );
    }
    // ATTIO_BASE_URL is read when --base-url is absent.
    let mut command = Command::new(BIN);
    command
        .args(["attio-gen", "check", "--retries", "0"])
        .current_dir(dir.path())
        .env("ATTIO_API_KEY", KEY)
        .env("ATTIO_BASE_URL", url);
    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    assert_exit(&output, 3);
    assert!(stderr(&output).contains(&format!("cannot reach Attio at {url}")));
}

#[tokio::test]
async fn a_snapshot_in_a_missing_directory_is_refused_before_any_request() {
    let emulator = emulator(fixture()).await;
    let dir = tempfile::tempdir().unwrap();
    let url = emulator.base_url();
    let args = [
        "pull",
        "--base-url",
        &url,
        "--snapshot",
        "schema/attio-schema.json",
    ];
    let output = run(dir.path(), Some(KEY), &args).await;
    assert_exit(&output, 2);
    assert_eq!(
        stderr(&output),
        "error: cannot write Attio schema snapshot schema/attio-schema.json: \
         the directory schema does not exist; create it or choose another --snapshot; \
         nothing was fetched or written\n"
    );
    assert!(!dir.path().join("schema").exists());
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_workspace_without_objects_is_refused() {
    let emulator = emulator(Workspace::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let url = emulator.base_url();
    let output = run(dir.path(), Some(KEY), &["pull", "--base-url", &url]).await;
    assert_exit(&output, 3);
    assert!(
        stderr(&output).starts_with(&format!(
            "error: the workspace at {url} has no objects, which no Attio workspace lacks"
        )),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );

    // `check` refuses too, rather than reporting every object as removed.
    std::fs::copy(FIXTURE, dir.path().join("attio-schema.json")).unwrap();
    let check = run(dir.path(), Some(KEY), &["check", "--base-url", &url]).await;
    assert_exit(&check, 3);
    assert!(stdout(&check).is_empty());
    emulator.shutdown().await;
}

/// A server that answers every request with `respond(path)` as the JSON
/// body, for what the emulator cannot be made to serve. Returns its URL.
async fn fake_attio(respond: fn(&str) -> Value) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut request = Vec::new();
            let mut buffer = [0; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buffer).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buffer[..n]),
                }
            }
            let head = String::from_utf8_lossy(&request);
            let path = head.split(' ').nth(1).unwrap_or("/").to_owned();
            let body = respond(&path).to_string();
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(response.as_bytes()).await;
        }
    });
    url
}

#[tokio::test]
async fn an_object_without_attributes_is_refused_as_an_incomplete_read() {
    // The emulator gives every object its system attributes, as Attio does;
    // a proxy or a partial permission could still answer like this.
    let url = fake_attio(|path| match path {
        "/v2/objects" => json!({"data": [
            {"id": {"workspace_id": "w", "object_id": "o1"}, "api_slug": "deals",
             "singular_noun": "Deal", "plural_noun": "Deals", "created_at": null},
        ]}),
        _ => json!({"data": []}),
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), Some(KEY), &["pull", "--base-url", &url]).await;
    assert_exit(&output, 3);
    assert!(
        stderr(&output).contains("returned no attributes for deals, but every Attio object has"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

#[tokio::test]
async fn help_shows_examples_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let help = run(dir.path(), None, &["--help"]).await;
    assert_exit(&help, 0);
    assert!(stdout(&help).contains("3  API error"), "{}", stdout(&help));
    for command in ["pull", "check"] {
        let help = run(dir.path(), None, &[command, "--help"]).await;
        assert_exit(&help, 0);
        let text = stdout(&help);
        assert!(text.contains("Examples:"), "{command}: {text}");
        assert!(text.contains("--base-url <URL>"), "{command}: {text}");
    }
}

#[tokio::test]
async fn pull_reads_only_the_selected_objects_and_lists() {
    let emulator = emulator(fixture()).await;
    let dir = tempfile::tempdir().unwrap();
    let url = emulator.base_url();
    let args = [
        "pull",
        "--base-url",
        &url,
        "--objects",
        "people,companies",
        "--lists",
        "hiring",
    ];
    let output = run(dir.path(), Some(KEY), &args).await;
    assert_exit(&output, 0);
    assert!(stderr(&output).contains("2 objects"), "{}", stderr(&output));
    let pulled = Snapshot::load(dir.path().join("attio-schema.json")).unwrap();
    let objects: Vec<&str> = pulled
        .workspace
        .objects
        .iter()
        .map(|o| o.api_slug.as_str())
        .collect();
    assert_eq!(objects, ["companies", "people"]);
    let lists: Vec<&str> = pulled
        .workspace
        .lists
        .iter()
        .map(|l| l.api_slug.as_str())
        .collect();
    assert_eq!(lists, ["hiring"]);
    // The same selection finds no drift.
    let check = run(
        dir.path(),
        Some(KEY),
        &[
            "check",
            "--base-url",
            &url,
            "--objects",
            "people,companies",
            "--lists",
            "hiring",
        ],
    )
    .await;
    assert_exit(&check, 0);

    // A slug the workspace lacks is a usage error with a suggestion.
    let typo = run(
        dir.path(),
        Some(KEY),
        &["pull", "--base-url", &url, "--objects", "peple"],
    )
    .await;
    assert_exit(&typo, 2);
    assert!(
        stderr(&typo).contains("the workspace has no object `peple`; did you mean `people`?"),
        "{}",
        stderr(&typo)
    );
}

#[tokio::test]
async fn a_missing_scope_is_named() {
    let emulator = Emulator::builder()
        .schema(Snapshot::new(fixture()))
        .api_key(KEY)
        .without_rate_limits()
        .scopes(["object_configuration:read"])
        .start()
        .await
        .expect("the emulator starts");
    let dir = tempfile::tempdir().unwrap();
    let url = emulator.base_url();
    let output = run(dir.path(), Some(KEY), &["pull", "--base-url", &url]).await;
    assert_exit(&output, 3);
    assert!(
        stderr(&output).contains("(`list_configuration:read`)"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.path().join("attio-schema.json").exists());
}
