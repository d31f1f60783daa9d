//! Business logic written against `AttioApi` runs on the real client and,
//! in a unit test, on a double that answers without HTTP.

use std::sync::Mutex;

use attio_emulator::Emulator;
use attio_runtime::serde_json::{self, json, Value};
use attio_runtime::value::{EmailAddress, PersonalName};
use attio_runtime::BoxFuture;
use attio_runtime::RecordId;
use attio_runtime::{AttioApi, Attribute, Error, ErrorKind, IsUnique, Record, Stored, Write};
use attio_tests::support;
use attio_tests::workspace::{Person, PersonWrite};

const KEY: &str = "double-test-key";
const ID: &str = "e54b1781-560f-4aea-baf3-c2e5bbc58c79";

/// The logic under test: a sign-up becomes a person, matched by email.
async fn record_signup(
    api: &impl AttioApi,
    email: &str,
    first: &str,
    last: &str,
) -> Result<RecordId, Error> {
    let email = EmailAddress::new(email)?;
    let write: PersonWrite = Person::write()
        .email_addresses([email])
        .name(PersonalName::new(first, last));
    let person = api.upsert_record(Person::EMAIL_ADDRESSES, write).await?;
    Ok(person.id.record_id)
}

/// A double that records the upserts it is asked for.
#[derive(Default)]
struct Recorder {
    upserts: Mutex<Vec<(String, Value)>>,
}

impl AttioApi for Recorder {
    fn upsert_record<'a, R, K, U>(
        &'a self,
        matching: Attribute<R, K, U>,
        write: R::Write,
    ) -> BoxFuture<'a, Result<Stored<R>, Error>>
    where
        R: Record + Send + 'a,
        R::Write: Send,
        K: attio_runtime::kind::Kind,
        U: IsUnique,
    {
        let values = serde_json::to_value(write.values().as_map()).unwrap();
        self.upserts
            .lock()
            .unwrap()
            .push((matching.slug().to_owned(), values));
        let stored = serde_json::from_value(json!({
            "id": {"workspace_id": "w", "object_id": "o", "record_id": ID},
            "created_at": "2025-01-01T00:00:00.000000000Z",
            "values": {},
        }));
        Box::pin(async move { Ok(stored.expect("an empty record decodes")) })
    }
}

#[tokio::test]
async fn logic_runs_on_a_double_without_http() {
    let double = Recorder::default();
    let id = record_signup(&double, "Ada@Acme.com", "Ada", "Lovelace")
        .await
        .unwrap();
    assert_eq!(id.as_str(), ID);
    {
        let upserts = double.upserts.lock().unwrap();
        assert_eq!(upserts.len(), 1);
        assert_eq!(upserts[0].0, "email_addresses");
        assert_eq!(
            upserts[0].1["email_addresses"],
            json!([{"email_address": "Ada@Acme.com"}])
        );
    }

    // Invalid input fails before the double is asked anything.
    let error = record_signup(&double, "not-an-email", "A", "B")
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Validation);
    assert_eq!(double.upserts.lock().unwrap().len(), 1);

    // A call the double does not provide is a clear failure.
    let error = double
        .get_record::<Person>(&RecordId::new(ID).unwrap())
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("`get_record` is not implemented by this AttioApi"),
        "{error}"
    );
}

#[tokio::test]
async fn the_same_logic_runs_on_the_client() {
    let emulator = support::emulator(Emulator::builder().without_rate_limits(), KEY).await;
    let client = support::client(&emulator, KEY).build().unwrap();
    let first = record_signup(&client, "ada@acme.com", "Ada", "Lovelace")
        .await
        .unwrap();
    let again = record_signup(&client, "ada@acme.com", "Ada", "King")
        .await
        .unwrap();
    assert_eq!(first, again);
    let person = AttioApi::get_record::<Person>(&client, &first)
        .await
        .unwrap();
    assert_eq!(person.values.name.unwrap().last_name, "King");
    emulator.shutdown().await;
}
