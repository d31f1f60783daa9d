//! The workspace and the key: the schema read back, a wrong key, a missing
//! scope, a key rotated while the client runs.

use super::*;

#[tokio::test]
async fn the_schema_read_back_matches_the_snapshot() {
    let (emulator, client) = start().await;
    let workspace = client.get_workspace_schema().await.unwrap();
    let changes = attio_schema::diff::diff(&fixture().workspace, &workspace);
    assert!(changes.is_empty(), "{changes}");
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_wrong_key_says_what_to_check_and_never_shows_the_key() {
    let (emulator, _) = start().await;
    let client = Client::builder("wrong-key-abcdef")
        .base_url(emulator.base_url())
        .build()
        .unwrap();
    let error = client.list_objects().await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Auth);
    let message = error.to_string();
    assert!(message.contains("check ATTIO_API_KEY"), "{message}");
    assert!(!message.contains("wrong-key-abcdef"), "{message}");
    assert!(!format!("{error:?}").contains("wrong-key-abcdef"));
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_missing_scope_is_named() {
    let emulator = support::emulator(
        Emulator::builder()
            .without_rate_limits()
            .scopes(["object_configuration:read", "record_permission:read"]),
        KEY,
    )
    .await;
    let client = support::client(&emulator, KEY).build().unwrap();
    let error = client
        .create_record::<Person>(person("Ada", "Lovelace", "ada@acme.com"))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Forbidden);
    assert_eq!(error.status(), Some(403));
    assert_eq!(error.code(), Some("unauthorized"));
    assert!(
        error.to_string().contains(
            "the key lacks a scope this call needs (`record_permission:read-write` and `object_configuration:read`)"
        ),
        "{error}"
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_rotated_key_is_taken_by_every_clone_without_a_restart() {
    const NEW_KEY: &str = "emulator-rotated-key-9876543210";
    let (emulator, client) = start().await;
    let worker = client.clone(); // as a background task would hold it
    worker.list_objects().await.unwrap();

    // The new token is created and the old one revoked: the old key is refused.
    emulator.set_api_key(NEW_KEY);
    let refused = worker.list_objects().await.unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Auth);

    // The program is handed the new key: every clone sends it from now on.
    client.set_api_key(ApiKey::new(NEW_KEY).unwrap());
    worker.list_objects().await.unwrap();
    let ada = worker
        .create_record::<Person>(person("Ada", "Lovelace", "ada@acme.com"))
        .await
        .unwrap();
    client
        .get_record::<Person>(&ada.id.record_id)
        .await
        .unwrap();
    assert!(!format!("{client:?}").contains(NEW_KEY));
    emulator.shutdown().await;
}
