//! Activity definitions end to end, through the runtime's typed calls
//! against the emulator: created extending a schema, listed, fetched by
//! slug and by id, renamed, refused on a taken slug, deleted.

use attio_emulator::Emulator;
use attio_runtime::api::activities::{ActivityBase, ActivityUpdate};
use attio_runtime::ErrorKind;
use attio_tests::support;

const KEY: &str = "emulator-test-key-0123456789";

#[tokio::test]
async fn activity_definitions_are_created_renamed_and_deleted() {
    let (_emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let demo = client
        .create_activity("demos", "Demo", "Demos", ActivityBase::Calls)
        .await
        .unwrap();
    assert_eq!(demo.api_slug, "demos");
    assert_eq!(demo.extends[0].schema_slug, "calls");
    assert!(!demo.is_system_activity);
    client
        .create_activity(
            "site_visits",
            "Site visit",
            "Site visits",
            ActivityBase::Interactions,
        )
        .await
        .unwrap();

    let slugs: Vec<String> = client
        .list_activities()
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.api_slug)
        .collect();
    assert_eq!(slugs, ["demos", "site_visits"]);
    assert_eq!(
        client.get_activity(&demo.id.activity_id).await.unwrap(),
        demo
    );

    let taken = client
        .create_activity("demos", "Demo", "Demos", ActivityBase::Activities)
        .await
        .unwrap_err();
    assert_eq!(taken.code(), Some("slug_conflict"), "{taken}");
    let renamed = client
        .update_activity(
            "demos",
            &ActivityUpdate::new()
                .api_slug("product_demos")
                .nouns("Product demo", "Product demos"),
        )
        .await
        .unwrap();
    assert_eq!(renamed.singular_noun, "Product demo");
    assert_eq!(renamed.extends, demo.extends);
    let clash = client
        .update_activity(
            "product_demos",
            &ActivityUpdate::new().api_slug("site_visits"),
        )
        .await
        .unwrap_err();
    assert_eq!(clash.code(), Some("slug_conflict"));

    client.delete_activity("product_demos").await.unwrap();
    let gone = client.get_activity("product_demos").await.unwrap_err();
    assert_eq!(gone.kind(), ErrorKind::NotFound);
    assert_eq!(client.list_activities().await.unwrap().len(), 1);
}
