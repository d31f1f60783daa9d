//! `Client::from_env`: the key and URL from the environment. The environment
//! is the process's, shared by every test of this binary, so `from_env` runs
//! in a child process (this binary, running only `from_env_in_a_child`)
//! whose environment is set when it is spawned.

use std::process::Command;

use attio_emulator::Emulator;
use attio_runtime::Client;
use attio_tests::support;

const KEY: &str = "env-test-key";
const API_KEY_ENV: &str = "ATTIO_API_KEY";
const BASE_URL_ENV: &str = "ATTIO_BASE_URL";

/// What `from_env_in_a_child` printed, run in a child process with the
/// Attio variables `vars` and no others.
fn run_child(vars: &[(&str, &str)]) -> String {
    let mut child = Command::new(std::env::current_exe().unwrap());
    child
        .args(["client_env::from_env_in_a_child", "--exact", "--ignored"])
        .args(["--nocapture", "--test-threads=1"])
        .env_remove(API_KEY_ENV)
        .env_remove(BASE_URL_ENV)
        .envs(vars.iter().copied());
    let output = child.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the child failed: {stdout}{stderr}"
    );
    // libtest prints the test's name on the same line, before the output.
    let line = stdout
        .lines()
        .find_map(|line| line.split_once("from_env: ").map(|(_, result)| result));
    line.unwrap_or_else(|| panic!("the child printed no result: {stdout}"))
        .to_owned()
}

// Multi-threaded: the emulator answers the child while this thread waits.
#[tokio::test(flavor = "multi_thread")]
async fn the_client_reads_its_key_and_url_from_the_environment() {
    let emulator = support::emulator(Emulator::builder().without_rate_limits(), KEY).await;
    let url = emulator.base_url();

    let missing = run_child(&[]);
    assert!(
        missing.starts_with("error Config: ") && missing.contains("ATTIO_API_KEY is not set"),
        "{missing}"
    );
    assert_eq!(
        run_child(&[(API_KEY_ENV, KEY), (BASE_URL_ENV, url.as_str())]),
        format!("client of {url}, which lists the objects")
    );
    // Without ATTIO_BASE_URL, Attio itself.
    assert_eq!(
        run_child(&[(API_KEY_ENV, KEY)]),
        "client of https://api.attio.com"
    );
    emulator.shutdown().await;
}

/// The child half of the test above: prints what `Client::from_env` makes
/// of the environment it was given, listing the objects through the client
/// when it was given a URL (the parent's emulator).
#[tokio::test]
#[ignore = "run by the_client_reads_its_key_and_url_from_the_environment in a child process"]
async fn from_env_in_a_child() {
    match Client::from_env() {
        Err(error) => println!("from_env: error {:?}: {error}", error.kind()),
        Ok(client) if std::env::var_os(BASE_URL_ENV).is_some() => {
            assert!(!client.list_objects().await.unwrap().is_empty());
            println!(
                "from_env: client of {}, which lists the objects",
                client.base_url()
            );
        }
        Ok(client) => println!("from_env: client of {}", client.base_url()),
    }
}
