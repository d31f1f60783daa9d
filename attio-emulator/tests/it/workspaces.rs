//! Many workspaces behind one emulator, and Attio's OAuth install flow:
//! the token chooses the workspace; each workspace has its own data and
//! budgets; an uninstall revokes exactly that workspace's tokens.

use attio_emulator::{Emulator, OAuthApp};
use reqwest::{redirect, Client, Method};
use serde_json::{json, Value};

use crate::support::{Api, KEY};

const CLIENT_ID: &str = "app-client-id";
const SECRET: &str = "app-client-secret";
const REDIRECT: &str = "http://127.0.0.1:9/attio/callback";

async fn start() -> Api {
    Api::with(
        Emulator::builder()
            .without_rate_limits()
            .oauth_app(OAuthApp::new(CLIENT_ID, SECRET).redirect_uri(REDIRECT)),
    )
    .await
}

fn no_redirects() -> Client {
    Client::builder()
        .redirect(redirect::Policy::none())
        .build()
        .unwrap()
}

/// `/authorize` for `workspace_id`: the redirect's `code` and `state`.
async fn authorize(api: &Api, workspace_id: &str, state: &str) -> (String, String) {
    let response = no_redirects()
        .get(format!("{}/authorize", api.base))
        .query(&[
            ("client_id", CLIENT_ID),
            ("response_type", "code"),
            ("redirect_uri", REDIRECT),
            ("state", state),
            ("workspace_id", workspace_id),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let url = reqwest::Url::parse(&location).unwrap();
    assert_eq!(url.path(), "/attio/callback");
    let param = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    (param("code"), param("state"))
}

async fn exchange(api: &Api, code: &str, secret: &str) -> reqwest::Response {
    Client::new()
        .post(format!("{}/oauth/token", api.base))
        .form(&[
            ("client_id", CLIENT_ID),
            ("client_secret", secret),
            ("grant_type", "authorization_code"),
            ("code", code),
        ])
        .send()
        .await
        .unwrap()
}

async fn introspect(api: &Api, token: &str) -> Value {
    let response = Client::new()
        .post(format!("{}/oauth/introspect", api.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

#[tokio::test]
async fn the_oauth_flow_issues_a_token_for_the_workspace_that_consented() {
    let api = start().await;
    let workspace = api.emulator.create_workspace("Acme Inc");
    let (code, state) = authorize(&api, &workspace, "csrf state/é").await;
    assert_eq!(state, "csrf state/é");
    let response = exchange(&api, &code, SECRET).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    let fields: Vec<_> = body.as_object().unwrap().keys().cloned().collect();
    assert_eq!(fields, ["access_token", "token_type"], "{body}");
    assert_eq!(body["token_type"], "Bearer");
    let token = body["access_token"].as_str().unwrap();

    let info = introspect(&api, token).await;
    assert_eq!(info["active"], true);
    assert_eq!(info["workspace_id"], workspace.as_str());
    assert_eq!(info["workspace_name"], "Acme Inc");
    assert_eq!(info["client_id"], CLIENT_ID);
    let me = api.raw(Method::GET, "/v2/self", Some(token), None).await;
    assert_eq!(me.body["workspace_id"], workspace.as_str());
    // `/v2/self` of an OAuth token names the app, as introspection does.
    assert_eq!(me.body["client_id"], CLIENT_ID);
    assert_eq!(me.body["aud"], CLIENT_ID);
    assert_eq!(me.body["iat"], info["iat"]);

    // A code is spent once.
    assert_eq!(exchange(&api, &code, SECRET).await.status(), 400);
}

#[tokio::test]
async fn the_token_endpoint_refuses_a_wrong_secret_and_authorize_a_foreign_redirect() {
    let api = start().await;
    let workspace = api.emulator.create_workspace("Acme");
    let (code, _) = authorize(&api, &workspace, "s").await;
    assert_eq!(exchange(&api, &code, "wrong").await.status(), 401);
    let response = no_redirects()
        .get(format!("{}/authorize", api.base))
        .query(&[
            ("client_id", CLIENT_ID),
            ("response_type", "code"),
            ("redirect_uri", "http://127.0.0.1:9/elsewhere"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn each_token_reaches_its_own_workspace_and_the_default_stays_apart() {
    let api = start().await;
    let a = api.emulator.create_workspace("A");
    let b = api.emulator.create_workspace("B");
    let token_a = api.emulator.install(&a).unwrap();
    let token_b = api.emulator.install(&b).unwrap();
    let create = |name: &str| {
        json!({"data": {"values": {"name": name, "domains": [format!("{name}.com")]}}}).to_string()
    };
    let path = "/v2/objects/companies/records";
    let made = api
        .raw(Method::POST, path, Some(&token_a), Some(create("alpha")))
        .await;
    assert_eq!(made.status, 200, "{}", made.body);
    let made = api
        .raw(Method::POST, path, Some(&token_b), Some(create("beta")))
        .await;
    assert_eq!(made.status, 200, "{}", made.body);
    api.post(path, json!({"data": {"values": {"name": "gamma"}}}))
        .await
        .assert_ok();

    let names = |reply: crate::support::Reply| -> Vec<String> {
        reply.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["values"]["name"][0]["value"].as_str().unwrap().to_owned())
            .collect()
    };
    let query = format!("{path}/query");
    let in_a = api
        .raw(Method::POST, &query, Some(&token_a), Some("{}".into()))
        .await;
    let in_b = api
        .raw(Method::POST, &query, Some(&token_b), Some("{}".into()))
        .await;
    let in_default = api
        .raw(Method::POST, &query, Some(KEY), Some("{}".into()))
        .await;
    assert_eq!(names(in_a), ["alpha"]);
    assert_eq!(names(in_b), ["beta"]);
    assert_eq!(names(in_default), ["gamma"]);
    // Object ids differ too: two workspaces made from one schema.
    let object = |token: String| {
        let api = &api;
        async move {
            api.raw(Method::GET, "/v2/objects/companies", Some(&token), None)
                .await
                .body["data"]["id"]["workspace_id"]
                .clone()
        }
    };
    assert_eq!(object(token_a).await, a.as_str());
    assert_eq!(object(token_b).await, b.as_str());
}

#[tokio::test]
async fn an_uninstall_revokes_exactly_that_workspaces_tokens() {
    let api = start().await;
    let a = api.emulator.create_workspace("A");
    let b = api.emulator.create_workspace("B");
    let token_a = api.emulator.install(&a).unwrap();
    let token_b = api.emulator.install(&b).unwrap();
    assert_eq!(api.emulator.uninstall(&a), 1);
    let refused = api
        .raw(Method::GET, "/v2/objects", Some(&token_a), None)
        .await;
    refused.assert_error(401, "unauthorized");
    assert_eq!(introspect(&api, &token_a).await, json!({"active": false}));
    let still = api
        .raw(Method::GET, "/v2/objects", Some(&token_b), None)
        .await;
    assert_eq!(still.status, 200);
    assert_eq!(introspect(&api, &token_b).await["active"], true);
}

#[tokio::test]
async fn each_workspace_has_its_own_write_budget() {
    let api = Api::with(Emulator::builder().rate_limits(100, 2)).await;
    let a = api.emulator.create_workspace("A");
    let b = api.emulator.create_workspace("B");
    let token_a = api.emulator.install(&a).unwrap();
    let token_b = api.emulator.install(&b).unwrap();
    let body = || Some(json!({"data": {"values": {"name": "x"}}}).to_string());
    let path = "/v2/objects/companies/records";
    let mut statuses = Vec::new();
    // Within one second: the window is aligned to the wall clock, so each
    // round starts just after a second begins, in a window nothing has
    // spent yet (a round that straddled a boundary would leave writes in
    // the next window), and is retried should it still straddle one.
    for _ in 0..3 {
        statuses.clear();
        let now = chrono::Utc::now();
        let into_second = now.timestamp_subsec_millis() as u64;
        tokio::time::sleep(std::time::Duration::from_millis(1_010 - into_second)).await;
        let start = chrono::Utc::now().timestamp();
        for token in [&token_a, &token_a, &token_b, &token_b, &token_a] {
            statuses.push(
                api.raw(Method::POST, path, Some(token), body())
                    .await
                    .status,
            );
        }
        if chrono::Utc::now().timestamp() == start {
            break;
        }
    }
    assert_eq!(statuses, [200, 200, 200, 200, 429]);
    assert!(api.emulator.rate_limited_total() >= 1);
}
