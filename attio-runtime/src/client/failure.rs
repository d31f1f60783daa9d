//! A request that got no complete answer, classified and said in words.
//!
//! reqwest's own message is "error sending request for url (…)"; the cause
//! (refused, unknown host, TLS) is further down its source chain, which is
//! walked here. A failure to connect ([`ErrorKind::Connect`]) is told apart
//! from one after a connection was made ([`ErrorKind::Transport`]): only the
//! first is known not to have reached Attio, and before the client's first
//! answer it is almost always the configuration.

use std::error::Error as StdError;
use std::io;

use crate::{Error, ErrorKind};

/// The error of a request to `base_url` that got no complete answer.
pub(crate) fn transport_error(e: reqwest::Error, base_url: &str) -> Error {
    let (kind, detail) = if e.is_connect() {
        let cause = connect_cause(&e);
        (
            ErrorKind::Connect,
            format!("could not connect to {base_url}: {cause}"),
        )
    } else if e.is_timeout() {
        (
            ErrorKind::Transport,
            format!("no answer in time: {}", innermost(&e)),
        )
    } else {
        (
            ErrorKind::Transport,
            format!("the connection failed: {}", innermost(&e)),
        )
    };
    Error::new(kind, detail).with_source(e)
}

/// Why a connection could not be made, in words.
fn connect_cause(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        return "timed out while connecting".to_owned();
    }
    let refused = chain(e).any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::ConnectionRefused)
    });
    if refused {
        return "connection refused".to_owned();
    }
    // hyper-util's connector names its steps ("dns error", "tcp connect
    // error", …) in a type it does not export, so its words are matched.
    if chain(e).any(|cause| cause.to_string() == "dns error") {
        let host = e.url().and_then(|url| url.host_str()).unwrap_or("the host");
        return format!("could not resolve host {host} ({})", innermost(e));
    }
    // Past DNS and TCP, an https connection fails in its TLS handshake:
    // a server that speaks plain http, or a certificate for another name.
    let tcp = chain(e).any(|cause| cause.to_string().starts_with("tcp "));
    if !tcp && e.url().is_some_and(|url| url.scheme() == "https") {
        return format!("TLS handshake failed ({})", innermost(e));
    }
    innermost(e)
}

/// `e` and its sources, outermost first.
fn chain<'a>(
    e: &'a (dyn StdError + 'static),
) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    std::iter::successors(Some(e), |&e| e.source())
}

/// The message of the innermost cause, the one that says what happened.
fn innermost(e: &(dyn StdError + 'static)) -> String {
    chain(e)
        .last()
        .map_or_else(String::new, ToString::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn failure(url: &str) -> Error {
        let e = reqwest::get(url).await.expect_err("no answer");
        transport_error(e, "http://base")
    }

    #[tokio::test]
    async fn a_refused_connection_is_a_connect_error_in_words() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .unwrap()
            .port();
        let error = failure(&format!("http://127.0.0.1:{port}/v2/objects")).await;
        assert_eq!(error.kind(), ErrorKind::Connect);
        assert_eq!(
            error.detail(),
            "could not connect to http://base: connection refused"
        );
    }

    #[tokio::test]
    async fn a_connection_closed_without_an_answer_is_a_transport_error_with_its_cause() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            // Accept, then hang up without a word.
            let _ = listener.accept().await;
        });
        let error = failure(&format!("http://{addr}/v2/objects")).await;
        assert_eq!(error.kind(), ErrorKind::Transport);
        let detail = error.detail();
        assert!(detail.starts_with("the connection failed: "), "{detail}");
        assert!(!detail.contains("error sending request"), "{detail}");
    }
}
