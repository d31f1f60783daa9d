//! What a call makes of answers Attio never sends, from a server on
//! 127.0.0.1 that gives every request the same canned answer: a proxy's
//! HTML error page, an empty body, JSON of another shape, a huge page.

use serde_json::{json, Value};

use crate::{Client, ErrorKind, Method, RetryPolicy};

/// Serves `status`, `content_type` and `body` to every request; returns
/// a client of it that does not retry.
async fn canned(status: &str, content_type: &str, body: Vec<u8>) -> Client {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let head = format!(
        "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let answer = [head.as_bytes(), &body].concat();
            tokio::spawn(async move {
                // The request's head and body; one read is enough for the
                // small GETs of these tests.
                let mut request = [0u8; 4096];
                let _ = socket.read(&mut request).await;
                let _ = socket.write_all(&answer).await;
            });
        }
    });
    Client::builder("test-key")
        .base_url(url)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

const GATEWAY_PAGE: &str = "<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n\
    <body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body>\n</html>\n";

#[tokio::test]
async fn a_proxys_html_error_page_is_named_not_quoted() {
    let client = canned("502 Bad Gateway", "text/html", GATEWAY_PAGE.into()).await;
    let error = client.list_objects().await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Server);
    assert_eq!(error.status(), Some(502));
    assert_eq!(
        error.detail(),
        "an HTML page (\"502 Bad Gateway\"), not Attio's JSON error: a proxy or gateway between this client and Attio answered"
    );
    assert!(!error.to_string().contains("<center>"), "{error}");
}

#[tokio::test]
async fn an_html_page_with_status_200_is_a_decode_error_that_says_so() {
    let page = "<html><head><title>Sign in to the guest Wi-Fi</title></head><body></body></html>";
    let client = canned("200 OK", "text/html", page.into()).await;
    let error = client.list_objects().await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.request(), Some("GET /v2/objects"));
    assert_eq!(
        error.detail(),
        "the response is an HTML page (\"Sign in to the guest Wi-Fi\"), not JSON: the base URL is not Attio's API, or a proxy or captive portal answered"
    );
}

#[tokio::test]
async fn an_empty_body_is_named_as_such() {
    let client = canned("200 OK", "application/json", Vec::new()).await;
    let error = client.list_objects().await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert!(
        error
            .detail()
            .starts_with("the response body is empty, but the endpoint answers JSON"),
        "{error}"
    );

    let client = canned("503 Service Unavailable", "text/plain", Vec::new()).await;
    let error = client.list_objects().await.unwrap_err();
    assert_eq!(
        (error.kind(), error.detail()),
        (ErrorKind::Server, "no error body")
    );
}

#[tokio::test]
async fn json_of_another_shape_names_what_was_expected() {
    for (body, expected) in [
        (
            json!({"data": {"objects": []}}),
            "invalid type: map, expected a sequence",
        ),
        (json!({"objects": []}), "missing field `data`"),
        (
            json!("data"),
            "invalid type: string \"data\", expected struct Data",
        ),
        (
            json!({"data": [null]}),
            "invalid type: null, expected struct Object",
        ),
    ] {
        let client = canned("200 OK", "application/json", body.to_string().into()).await;
        let error = client.list_objects().await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Decode, "{body}");
        assert!(
            error
                .detail()
                .starts_with("the response does not have the expected shape: ")
                && error.detail().contains(expected),
            "{body}: {error}"
        );
    }
    // A megabyte where a string belongs is quoted briefly.
    let body = json!({"data": [{"id": "x".repeat(1 << 20)}]}).to_string();
    let client = canned("200 OK", "application/json", body.into()).await;
    let error = client.list_objects().await.unwrap_err();
    assert!(
        error.to_string().len() < 500,
        "{} bytes",
        error.to_string().len()
    );
    assert!(
        error.detail().contains("expected struct ObjectId"),
        "{error}"
    );
}

#[tokio::test]
async fn a_huge_page_decodes_whole() {
    let object = |i: usize| {
        json!({"id": {"workspace_id": "ws", "object_id": format!("o-{i}")}, "api_slug": format!("object_{i}"),
               "singular_noun": "Thing", "plural_noun": "Things", "created_at": "2024-01-01T00:00:00.000Z"})
    };
    let body = json!({"data": (0..20_000).map(object).collect::<Vec<Value>>()}).to_string();
    assert!(body.len() > 2_000_000, "{} bytes", body.len());
    let client = canned("200 OK", "application/json", body.into()).await;
    let objects = client.list_objects().await.unwrap();
    assert_eq!(objects.len(), 20_000);
    assert_eq!(objects[19_999].api_slug, "object_19999");
    let raw = client.raw(Method::GET, "/v2/objects", None).await.unwrap();
    assert_eq!(raw["data"].as_array().map(Vec::len), Some(20_000));
}
