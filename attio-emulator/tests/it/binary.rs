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
