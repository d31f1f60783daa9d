//! `Client::from_env`: the key and URL from the environment. Alone in its
//! test binary, as it changes the process's environment.

use attio_emulator::Emulator;
use attio_runtime::{Client, ErrorKind};
use attio_tests::support;

const KEY: &str = "env-test-key";

#[tokio::test]
async fn the_client_reads_its_key_and_url_from_the_environment() {
    let emulator = support::emulator(Emulator::builder().without_rate_limits(), KEY).await;

    std::env::remove_var("ATTIO_API_KEY");
    let missing = Client::from_env().unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::Config);
    assert!(
        missing.to_string().contains("ATTIO_API_KEY is not set"),
        "{missing}"
    );

    std::env::set_var("ATTIO_API_KEY", KEY);
    std::env::set_var("ATTIO_BASE_URL", emulator.base_url());
    let client = Client::from_env().unwrap();
    assert_eq!(client.base_url(), emulator.base_url());
    assert!(!client.list_objects().await.unwrap().is_empty());

    // Without ATTIO_BASE_URL, Attio itself.
    std::env::remove_var("ATTIO_BASE_URL");
    assert_eq!(
        Client::from_env().unwrap().base_url(),
        "https://api.attio.com"
    );
    emulator.shutdown().await;
}
