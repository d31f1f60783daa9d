//! The base every example builds on: the embedded schema, the emulator it
//! seeds, and a connection that writes and reads the generated types.

use attio_examples::attio::{Company, ProductAccount, ProductAccountPlan};
use attio_examples::connect::{self, Connection};
use attio_runtime::value::{Currency, Domain, RecordRef};
use rust_decimal::Decimal;

#[tokio::test]
async fn a_product_account_is_upserted_by_account_id_and_read_back() {
    let connection = Connection::start_emulator(connect::emulator_builder())
        .await
        .unwrap();
    let banner = connection.banner();
    assert!(
        banner.starts_with("running against an in-process emulator at http://127.0.0.1:"),
        "{banner}"
    );
    assert!(banner.ends_with("(nothing is sent to Attio)"), "{banner}");

    let client = connection.client();
    let acme = client
        .upsert_record(
            Company::DOMAINS,
            Company::write()
                .name("Acme")
                .domains([Domain::new("acme.com").unwrap()]),
        )
        .await
        .unwrap();
    let mrr = Currency::new(Decimal::new(49_900, 2)).unwrap();
    let account = || {
        ProductAccount::write()
            .account_id("acct_0001")
            .name("Acme production")
            .company(RecordRef::<Company>::new(acme.id.record_id.clone()))
            .plan(ProductAccountPlan::Team)
            .seats(12.0)
            .mrr(mrr)
    };
    let written = client
        .upsert_record(ProductAccount::ACCOUNT_ID, account())
        .await
        .unwrap();
    let again = client
        .upsert_record(ProductAccount::ACCOUNT_ID, account().seats(14.0))
        .await
        .unwrap();
    assert_eq!(
        again.id.record_id, written.id.record_id,
        "the same account_id updates, never duplicates"
    );

    let read = client
        .get_record::<ProductAccount>(&written.id.record_id)
        .await
        .unwrap()
        .values;
    assert_eq!(read.account_id.as_deref(), Some("acct_0001"));
    assert_eq!(read.name.as_deref(), Some("Acme production"));
    assert_eq!(read.plan, Some(ProductAccountPlan::Team));
    assert_eq!(read.seats, Some(14.0));
    assert_eq!(
        read.mrr.as_ref().map(Currency::amount),
        Some(Decimal::new(49_900, 2))
    );
    assert_eq!(
        read.company.as_ref().and_then(RecordRef::record_id),
        Some(&acme.id.record_id)
    );
    connection.shutdown().await;
}

#[tokio::test]
async fn the_emulator_refuses_a_client_without_its_key() {
    let emulator = connect::emulator_builder().start().await.unwrap();
    let stranger = attio_runtime::Client::builder("another-key")
        .base_url(emulator.base_url())
        .build()
        .unwrap();
    let refused = stranger
        .get_record::<ProductAccount>(
            &attio_runtime::RecordId::new("00000000-0000-4000-8000-000000000000").unwrap(),
        )
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(401));
    emulator.shutdown().await;
}

#[test]
fn the_committed_schema_is_in_canonical_form() {
    let snapshot = connect::schema();
    assert_eq!(
        snapshot.to_canonical_string(),
        connect::SCHEMA_JSON,
        "examples/attio-schema.json is not canonical; re-write it as README.md says"
    );
}
