//! Writing record values: what is refused, and what is stored and read
//! back.

mod refusals;
mod stored;

use crate::support::{self, is_attio_timestamp, Api};
use serde_json::{json, Value};

fn values(reply: &support::Reply) -> &Value {
    &reply.data()["values"]
}

fn emails(reply: &support::Reply) -> Vec<String> {
    values(reply)["email_addresses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["email_address"].as_str().unwrap().to_owned())
        .collect()
}
