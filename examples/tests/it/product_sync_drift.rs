//! product-sync against a workspace that lacks an attribute it writes:
//! refused before any write, with the report that names the struct and
//! field and what to do.

use attio_examples::attio::Company;
use attio_examples::connect;
use attio_examples::drift::Drifted;
use attio_examples::product_sync::{run, Dataset, Settings};
use attio_runtime::Query;

#[tokio::test]
async fn a_workspace_without_an_attribute_it_writes_is_refused_before_any_write() {
    let mut snapshot = connect::schema();
    let accounts = snapshot
        .workspace
        .objects
        .iter_mut()
        .find(|object| object.api_slug == "product_accounts")
        .unwrap();
    accounts
        .attributes
        .retain(|attribute| attribute.api_slug != "mrr");
    let emulator = connect::emulator_builder()
        .schema(snapshot)
        .without_rate_limits()
        .start()
        .await
        .unwrap();
    let client = connect::emulator_client(&emulator).build().unwrap();
    let dir = std::env::temp_dir().join(format!("product-sync-drift-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let settings = Settings::new(dir.join("state.sqlite")).state_in_memory();

    let error = run(&client, &Dataset::generate(40, 3), &settings)
        .await
        .unwrap_err();

    let drifted = error
        .downcast_ref::<Drifted>()
        .unwrap_or_else(|| panic!("not the drift report: {error:#}"));
    let breaking: Vec<String> = drifted.0.breaking().map(ToString::to_string).collect();
    assert_eq!(
        breaking,
        [
            "ProductAccount.mrr (product_accounts.mrr): attribute removed; restore it in Attio, \
          or `cargo attio-gen pull`, regenerate and redeploy without the field"
        ],
        "{error}"
    );
    let message = error.to_string();
    assert!(
        message.contains("refusing to start, so nothing was written"),
        "{message}"
    );
    let stats = client.stats();
    assert_eq!(stats.writes, 0, "{stats:?}");
    // One schema read per object written to, and the options of each
    // select it writes (companies' categories and customer tier, people's
    // product role, product accounts' plan): nothing else.
    assert_eq!(stats.requests, 3 + 4, "{stats:?}");
    let companies = client
        .query_all_records(Query::<Company>::new())
        .await
        .unwrap();
    assert!(companies.is_empty(), "{companies:?}");
    assert!(
        !settings.dead_letter.exists(),
        "the dead-letter file is created only once the writes start"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    emulator.shutdown().await;
}
