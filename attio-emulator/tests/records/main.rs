//! Checklist items 6–13, 15 and 17–20: writing record values — what is
//! refused (6–13), and what is stored and read back (15, 17–20).

#[path = "../common/mod.rs"]
mod common;
mod refusals;
mod stored;

use common::{is_attio_timestamp, Api};
use serde_json::{json, Value};

fn values(reply: &common::Reply) -> &Value {
    &reply.data()["values"]
}

fn emails(reply: &common::Reply) -> Vec<String> {
    values(reply)["email_addresses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["email_address"].as_str().unwrap().to_owned())
        .collect()
}
