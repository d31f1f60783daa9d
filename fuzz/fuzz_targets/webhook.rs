//! A webhook delivery as a receiver meets it: the first line is the
//! signature header's value, the rest the body. Verification refuses or
//! accepts without a panic; a body signed with the secret verifies; the
//! body parses into a `Delivery` or a `DeliveryError`.
#![no_main]

use attio_runtime::webhooks::{sign, verify, verify_headers, Delivery};
use http::{HeaderMap, HeaderValue};
use libfuzzer_sys::fuzz_target;

const SECRET: &str = "2b9e7b3a5f0c4d1e8a6b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f";

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == b'\n').unwrap_or(data.len());
    let (header, body) = (&data[..split], data.get(split + 1..).unwrap_or_default());
    let signature = String::from_utf8_lossy(header);
    let _ = verify(SECRET, body, Some(&signature));
    if let Ok(value) = HeaderValue::from_bytes(header) {
        let mut headers = HeaderMap::new();
        headers.insert("attio-signature", value);
        let _ = verify_headers(SECRET, body, &headers);
    }
    assert_eq!(verify(SECRET, body, Some(&sign(SECRET, body))), Ok(()));
    if let Ok(delivery) = Delivery::from_slice(body) {
        for event in &delivery.events {
            let _ = (event.event_type(), event.record());
        }
    }
});
