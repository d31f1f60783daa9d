//! form-intake end to end: the router on 127.0.0.1 in front of an
//! emulator, posted to as a browser and as a program would.

use attio_emulator::RunningEmulator;
use attio_examples::attio::{Company, Person};
use attio_examples::connect;
use attio_examples::form_intake::http;
use attio_runtime::value::RecordRef;
use attio_runtime::{Client, Query, Stored};
use futures_util::TryStreamExt;
use reqwest::{redirect, StatusCode};
use serde_json::{json, Value};

/// The emulator, a client of it, and the form's address (shared with the
/// browser test, `form_intake_browser`).
pub(crate) struct Site {
    pub(crate) emulator: RunningEmulator,
    pub(crate) attio: Client,
    pub(crate) url: String,
    http: reqwest::Client,
}

impl Site {
    /// The router in front of a new emulator, saving through a client
    /// that sends `key` (the emulator's, or one it refuses).
    pub(crate) async fn start(key: &str) -> Site {
        let emulator = connect::emulator_builder().start().await.unwrap();
        let client = connect::emulator_client(&emulator).build().unwrap();
        let saving = Client::builder(key)
            .base_url(emulator.base_url())
            .build()
            .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let app = http::router(saving);
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        // Redirects are asserted, not followed.
        let http = reqwest::Client::builder()
            .redirect(redirect::Policy::none())
            .build()
            .unwrap();
        Site {
            emulator,
            attio: client,
            url,
            http,
        }
    }

    async fn post_form(&self, fields: &[(&str, &str)]) -> reqwest::Response {
        let url = format!("{}/submit", self.url);
        self.http.post(url).form(fields).send().await.unwrap()
    }

    async fn post_json(&self, body: Value) -> reqwest::Response {
        let url = format!("{}/submit", self.url);
        self.http.post(url).json(&body).send().await.unwrap()
    }

    pub(crate) async fn people(&self) -> Vec<Stored<Person>> {
        self.attio
            .query_records(Query::<Person>::new())
            .try_collect()
            .await
            .unwrap()
    }

    async fn companies(&self) -> Vec<Stored<Company>> {
        self.attio
            .query_records(Query::<Company>::new())
            .try_collect()
            .await
            .unwrap()
    }
}

fn ada_form(job_title: &str) -> Vec<(&'static str, &str)> {
    vec![
        ("name", "Ada Lovelace"),
        ("email", "ada@acme.com"),
        ("company", "Acme"),
        ("website", "https://www.acme.com/about"),
        ("phone", ""),
        ("job_title", job_title),
        ("message", "Could we see a demo?"),
    ]
}

#[tokio::test]
async fn a_form_post_creates_the_person_and_company_and_a_second_updates_them() {
    let site = Site::start(connect::EMULATOR_API_KEY).await;
    let people_before = site.people().await.len();
    let companies_before = site.companies().await.len();

    let first = site.post_form(&ada_form("Engineer")).await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    assert_eq!(first.headers()["location"], "/thanks");
    let thanks = site
        .http
        .get(format!("{}/thanks", site.url))
        .send()
        .await
        .unwrap();
    assert!(thanks.text().await.unwrap().contains("Thank you"));

    let companies: Vec<_> = site
        .companies()
        .await
        .into_iter()
        .filter(|c| c.values.domains.iter().any(|d| d.as_str() == "acme.com"))
        .collect();
    assert_eq!(companies.len(), 1, "one company for acme.com");
    assert_eq!(companies[0].values.name.as_deref(), Some("Acme"));
    assert_eq!(site.companies().await.len(), companies_before + 1);

    let people = site.people().await;
    assert_eq!(people.len(), people_before + 1);
    let ada_id = &people
        .iter()
        .find(|p| {
            p.values
                .email_addresses
                .iter()
                .any(|e| e.as_str() == "ada@acme.com")
        })
        .expect("ada is in Attio")
        .id
        .record_id;
    let ada = site
        .attio
        .get_record::<Person>(ada_id)
        .await
        .unwrap()
        .values;
    assert_eq!(
        ada.name.as_ref().map(|n| n.full_name.as_str()),
        Some("Ada Lovelace")
    );
    assert_eq!(ada.job_title.as_deref(), Some("Engineer"));
    assert_eq!(
        ada.company.as_ref().and_then(RecordRef::record_id),
        Some(&companies[0].id.record_id),
        "the person is linked to the company"
    );

    // The same visitor again, with a new job title: an update, not a duplicate.
    let again = site.post_form(&ada_form("CTO")).await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    let people = site.people().await;
    assert_eq!(people.len(), people_before + 1, "no second person");
    assert_eq!(
        site.companies().await.len(),
        companies_before + 1,
        "no second company"
    );
    let ada = site
        .attio
        .get_record::<Person>(ada_id)
        .await
        .unwrap()
        .values;
    assert_eq!(ada.job_title.as_deref(), Some("CTO"));

    let notes = site.attio.list_notes::<Person>(ada_id).await.unwrap();
    assert_eq!(notes.len(), 2, "one note per message");
    assert!(notes
        .iter()
        .all(|n| n.content_plaintext == "Could we see a demo?"));
    site.emulator.shutdown().await;
}

#[tokio::test]
async fn a_json_post_with_a_bad_email_and_domain_lists_both_and_writes_nothing() {
    let site = Site::start(connect::EMULATOR_API_KEY).await;
    let people_before = site.people().await.len();
    let companies_before = site.companies().await.len();

    let answer = site
        .post_json(json!({
            "name": "Ada Lovelace",
            "email": "ada@",
            "company": "Acme",
            "website": "acme",
            "job_title": "CTO",
            "message": "Hello",
        }))
        .await;
    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = answer.json().await.unwrap();
    assert_eq!(
        body,
        json!({"errors": {
            "email": "`ada@` is not an email address — expected name@example.com",
            "website": "`acme` is not a website — expected a domain like acme.com or an address like https://www.acme.com",
        }})
    );
    assert_eq!(site.people().await.len(), people_before);
    assert_eq!(site.companies().await.len(), companies_before);

    let valid = site
        .post_json(json!({
            "name": "Grace Hopper", "email": "grace@navy.mil", "company": "US Navy",
            "website": "navy.mil", "phone": "+1 555 867 5309", "job_title": "Rear Admiral",
            "message": "Hello",
        }))
        .await;
    assert_eq!(valid.status(), StatusCode::OK);
    let body: Value = valid.json().await.unwrap();
    assert_eq!(body["status"], "received");
    assert_eq!(site.people().await.len(), people_before + 1);
    site.emulator.shutdown().await;
}

#[tokio::test]
async fn a_form_post_with_errors_gets_the_form_again_with_messages_and_values() {
    let site = Site::start(connect::EMULATOR_API_KEY).await;
    let people_before = site.people().await.len();
    let companies_before = site.companies().await.len();

    let mut fields = ada_form("CTO");
    fields[1] = ("email", "ada@acme");
    fields[4] = ("phone", "555 0100");
    fields[6] = ("message", "<b>hi</b>");
    let answer = site.post_form(&fields).await;
    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let page = answer.text().await.unwrap();
    for kept in [
        r#"value="Ada Lovelace""#,
        r#"value="ada@acme""#,
        r#"value="https://www.acme.com/about""#,
        r#"value="555 0100""#,
        ">&lt;b&gt;hi&lt;/b&gt;</textarea>",
    ] {
        assert!(page.contains(kept), "{kept} not kept in {page}");
    }
    assert!(page.contains("`ada@acme` is not an email address — expected name@example.com"));
    assert!(page.contains("`555 0100` is not an international phone number"));
    assert_eq!(page.matches(r#"class="error""#).count(), 2, "{page}");

    assert_eq!(site.people().await.len(), people_before);
    assert_eq!(site.companies().await.len(), companies_before);
    site.emulator.shutdown().await;
}

#[tokio::test]
async fn an_attio_failure_is_a_502_that_tells_nothing_internal() {
    // A key the emulator refuses: every write fails with 401.
    let refused_key = "sk-not-the-emulators-key";
    let site = Site::start(refused_key).await;

    let json = site
        .post_json(json!({
            "name": "Ada Lovelace", "email": "ada@acme.com", "company": "Acme",
            "website": "acme.com", "job_title": "CTO", "message": "Hello",
        }))
        .await;
    assert_eq!(json.status(), StatusCode::BAD_GATEWAY);
    let body: Value = json.json().await.unwrap();
    assert_eq!(body, json!({"error": http::UNAVAILABLE}));

    let form = site.post_form(&ada_form("CTO")).await;
    assert_eq!(form.status(), StatusCode::BAD_GATEWAY);
    let page = form.text().await.unwrap();
    assert!(page.contains(http::UNAVAILABLE), "{page}");
    assert!(
        page.contains(r#"value="Ada Lovelace""#),
        "the input is kept to send again"
    );
    for secret in [refused_key, "401", "v2/objects"] {
        assert!(!page.contains(secret), "{secret} leaked into {page}");
    }
    site.emulator.shutdown().await;
}

#[tokio::test]
async fn the_form_page_and_unknown_encodings() {
    let site = Site::start(connect::EMULATOR_API_KEY).await;
    let page = site.http.get(&site.url).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains(r#"action="/submit""#));

    let text = site
        .http
        .post(format!("{}/submit", site.url))
        .header("content-type", "text/plain")
        .body("name=Ada")
        .send()
        .await
        .unwrap();
    assert_eq!(text.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let broken = site
        .http
        .post(format!("{}/submit", site.url))
        .header("content-type", "application/json")
        .body("{\"name\":")
        .send()
        .await
        .unwrap();
    assert_eq!(broken.status(), StatusCode::BAD_REQUEST);
    let body: Value = broken.json().await.unwrap();
    assert!(body["error"]
        .as_str()
        .is_some_and(|e| e.starts_with("the body is not a JSON object")));
    site.emulator.shutdown().await;
}
