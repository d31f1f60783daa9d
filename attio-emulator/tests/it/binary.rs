//! The `attio-emulator` binary, run as a real process.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use serde_json::{json, Value};

/// Stops the child process even when an assertion fails first.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn the_binary_serves_a_snapshot_with_seed_data_and_an_api_key() {
    let dir = std::env::temp_dir().join(format!("attio-emulator-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let seed_path = dir.join("seed.json");
    let seed = json!({
        "records": [{"object": "companies", "values": {"name": "Acme", "domains": ["acme.com"]}}],
        "entries": [{"list": "enterprise_pipeline",
                     "parent": {"target_object": "companies", "domains": [{"domain": "acme.com"}]},
                     "entry_values": {"stage": "Prospecting"}}]
    });
    std::fs::File::create(&seed_path)
        .unwrap()
        .write_all(seed.to_string().as_bytes())
        .unwrap();
    let schema = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/workspace/attio-schema.json"
    );
    let mut child = KillOnDrop(
        Command::new(env!("CARGO_BIN_EXE_attio-emulator"))
            .args([
                "--schema",
                schema,
                "--port",
                "0",
                "--api-key",
                "bin-key",
                "--oauth-client-id",
                "bin-app",
                "--oauth-client-secret",
                "bin-secret",
                "--seed",
            ])
            .arg(&seed_path)
            .stdout(Stdio::piped())
            .spawn()
            .expect("the binary starts"),
    );
    let mut line = String::new();
    let stdout = child.0.stdout.take().expect("stdout is piped");
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("the binary prints its address");
    let base = line
        .trim()
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{line}");

    let client = reqwest::Client::new();
    let query = |path: &str| {
        client
            .post(format!("{base}{path}"))
            .bearer_auth("bin-key")
            .json(&json!({}))
            .send()
    };
    let companies: Value = query("/v2/objects/companies/records/query")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(companies["data"].as_array().map(Vec::len), Some(1));
    let entries: Value = query("/v2/lists/enterprise_pipeline/entries/query")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        entries["data"][0]["entry_values"]["stage"][0]["status"]["title"],
        "Prospecting"
    );
    let refused = client
        .get(format!("{base}/v2/objects"))
        .bearer_auth("other")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 401);

    // The OAuth app: an install creates a workspace of its own, empty.
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let consent = browser
        .get(format!(
            "{base}/authorize?client_id=bin-app&response_type=code&redirect_uri=http://127.0.0.1:9/cb&state=s"
        ))
        .send()
        .await
        .unwrap();
    let location = consent.headers()["location"].to_str().unwrap().to_owned();
    let code = location
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    let token: Value = client
        .post(format!("{base}/oauth/token"))
        .form(&[
            ("client_id", "bin-app"),
            ("client_secret", "bin-secret"),
            ("grant_type", "authorization_code"),
            ("code", code),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let installed: Value = client
        .post(format!("{base}/v2/objects/companies/records/query"))
        .bearer_auth(token["access_token"].as_str().unwrap())
        .json(&json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        installed["data"].as_array().map(Vec::len),
        Some(0),
        "{installed}"
    );

    drop(child);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_binary_refuses_an_invalid_seed() {
    let dir = std::env::temp_dir().join(format!("attio-emulator-bad-seed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let seed_path = dir.join("seed.json");
    std::fs::write(
        &seed_path,
        r#"{"records": [{"object": "people", "values": {"nickname": "x"}}]}"#,
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_attio-emulator"))
        .args(["--port", "0", "--seed"])
        .arg(&seed_path)
        .output()
        .expect("the binary runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("records[0]") && stderr.contains("nickname"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs the binary with `args`, expects it to fail without panicking, and
/// returns what it said on standard error.
fn refused<A: AsRef<std::ffi::OsStr>>(args: &[A]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_attio-emulator"))
        .args(args)
        .env("RUST_LOG", "off")
        .output()
        .expect("the binary runs");
    let said = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!output.status.success(), "{said}");
    assert!(!said.contains("panicked"), "{said}");
    assert!(said.starts_with("error: "), "{said}");
    said
}

#[track_caller]
fn says(said: &str, expected: &str) {
    assert!(said.contains(expected), "expected {expected:?} in:\n{said}");
}

#[test]
fn the_binary_refuses_hostile_arguments_with_a_message() {
    says(
        &refused(&["--bogus"]),
        "error: unexpected argument '--bogus' found",
    );
    says(
        &refused(&["serve"]),
        "error: unexpected argument 'serve' found",
    );
    says(
        &refused(&["--schema"]),
        "error: a value is required for '--schema <SCHEMA>' but none was supplied",
    );
    says(
        &refused(&["--schema", ""]),
        "error: a value is required for '--schema <SCHEMA>' but none was supplied",
    );
    says(
        &refused(&["--port", "0", "--port", "1"]),
        "error: the argument '--port <PORT>' cannot be used multiple times",
    );
    says(
        &refused(&["--port", "70000"]),
        "error: invalid value '70000' for '--port <PORT>': 70000 is not in 0..=65535",
    );
    says(
        &refused(&["--port", "http"]),
        "error: invalid value 'http' for '--port <PORT>': invalid digit found in string",
    );
    says(
        &refused(&["--port", "-1"]),
        "error: unexpected argument '-1' found",
    );
    says(
        &refused(&["--oauth-client-id", "app"]),
        "error: the following required arguments were not provided:\n  --oauth-client-secret",
    );
    let huge = "a".repeat(100_000);
    let said = refused(&["--schema", &huge]);
    says(
        &said,
        "error: argument 2 is 100000 bytes long, more than the 4096 a path, key or id may \
         have; check the command line (a file's contents given for its name?)",
    );
    assert!(said.len() < 300, "{said}");
}

#[cfg(unix)]
#[test]
fn the_binary_refuses_an_argument_that_is_not_utf8_where_text_belongs() {
    use std::os::unix::ffi::OsStrExt;
    let key = std::ffi::OsStr::from_bytes(b"\xffkey");
    says(
        &refused(&["--api-key".as_ref(), key]),
        "error: invalid UTF-8 was detected in one or more arguments",
    );
    // A path may be any bytes; a missing one is named, lossily.
    let path = std::ffi::OsStr::from_bytes(b"\xff.json");
    says(
        &refused(&["--schema".as_ref(), path]),
        "error: cannot read Attio schema snapshot \u{fffd}.json: it does not exist; create it \
         with `cargo attio-gen pull` or point to an existing one",
    );
}

#[test]
fn the_binary_refuses_files_that_are_missing_directories_or_not_what_they_should_be() {
    let dir = std::env::temp_dir().join(format!("attio-emulator-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let dir_arg = dir.to_str().unwrap();
    says(
        &refused(&["--schema", dir_arg]),
        &format!(
            "error: cannot read Attio schema snapshot {dir_arg}: it is a directory, not a file; \
             name the snapshot file (attio-schema.json) itself"
        ),
    );
    says(
        &refused(&["--port", "0", "--seed", dir_arg]),
        &format!(
            "error: cannot read seed file {dir_arg}: it is a directory, not a file; name a JSON \
             file of records and entries (see --help)"
        ),
    );
    let missing = dir.join("seed.json");
    says(
        &refused(&[
            "--port".as_ref(),
            "0".as_ref(),
            "--seed".as_ref(),
            missing.as_os_str(),
        ]),
        &format!(
            "error: cannot read seed file {}: it does not exist",
            missing.display()
        ),
    );
    let text = dir.join("seed.txt");
    std::fs::write(&text, "records: []").unwrap();
    says(
        &refused(&[
            "--port".as_ref(),
            "0".as_ref(),
            "--seed".as_ref(),
            text.as_os_str(),
        ]),
        &format!(
            "error: cannot read seed file {}: not a seed: expected value at line 1 column 1; \
             it is a JSON object with \"records\" and \"entries\" (see --help)",
            text.display()
        ),
    );
    let not_json = dir.join("schema.yaml");
    std::fs::write(&not_json, "objects: []").unwrap();
    says(
        &refused(&["--schema".as_ref(), not_json.as_os_str()]),
        "not valid JSON: expected value at line 1 column 1; fix the file or regenerate it with \
         `cargo attio-gen pull`",
    );
    let other_version = dir.join("v2.json");
    std::fs::write(&other_version, r#"{"format_version": 2, "objects": []}"#).unwrap();
    says(
        &refused(&["--schema".as_ref(), other_version.as_os_str()]),
        "has format version 2, but this version of attio-codegen reads version 1",
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_binary_says_when_its_port_is_taken() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    says(
        &refused(&["--port", &port]),
        &format!(
            "error: port {port} on 127.0.0.1 is taken by another program; choose another \
             --port, or --port 0 to let the system choose a free one"
        ),
    );
}
