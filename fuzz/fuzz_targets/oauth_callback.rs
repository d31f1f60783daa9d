//! The OAuth callback's query string: the first line is the state kept for
//! the session, the rest the query. A code comes back only when the
//! state matches it.
#![no_main]

use attio_fleet::oauth::OAuthClient;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    static CLIENT: std::sync::OnceLock<OAuthClient> = std::sync::OnceLock::new();
    let client = CLIENT.get_or_init(|| {
        OAuthClient::new("client-id", "client-secret", "https://app.example/callback")
    });
    let text = String::from_utf8_lossy(data);
    let (expected_state, query) = text.split_once('\n').unwrap_or(("", &text));
    if let Ok(code) = client.callback_code(query, expected_state) {
        assert!(!expected_state.is_empty() && !code.is_empty());
    }
});
