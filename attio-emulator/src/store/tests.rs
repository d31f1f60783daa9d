use super::*;
use crate::values::Payload;
use serde_json::json;

fn record(id: &str, seq: u64, attribute_id: &str, emails: &[&str]) -> Record {
    let versions = emails
        .iter()
        .map(|e| Version {
            payload: Payload::Fields(
                json!({"email_address": e})
                    .as_object()
                    .cloned()
                    .unwrap_or_default(),
            ),
            active_from: String::new(),
            active_until: None,
            actor: Value::Null,
        })
        .collect();
    Record {
        id: id.into(),
        seq,
        created_at: String::new(),
        parent: None,
        active: HashMap::from([(attribute_id.to_owned(), versions)]),
        history: HashMap::new(),
    }
}

#[test]
fn the_unique_index_follows_inserts_and_removals() {
    let mut c = Collection::default();
    c.index_attribute("emails");
    c.insert(record("r1", 1, "emails", &["a@x.com", "b@x.com"]));
    c.insert(record("r2", 2, "emails", &["c@x.com"]));
    assert_eq!(c.holders("emails", "b@x.com"), Some(&["r1".to_owned()][..]));
    assert_eq!(c.holders("emails", "z@x.com"), Some(&[][..]));
    assert_eq!(
        c.holders("other", "a@x.com"),
        None,
        "not indexed: scan instead"
    );
    let taken = c.remove("r1").unwrap();
    assert_eq!(c.holders("emails", "a@x.com"), Some(&[][..]));
    c.insert(taken);
    assert_eq!(c.holders("emails", "a@x.com"), Some(&["r1".to_owned()][..]));
    c.retain(|r| r.id != "r2");
    assert_eq!(c.holders("emails", "c@x.com"), Some(&[][..]));
    assert_eq!(c.items.len(), 1);
}

#[test]
fn indexing_later_covers_existing_values() {
    let mut c = Collection::default();
    c.insert(record("r1", 1, "emails", &["a@x.com"]));
    c.insert(record("r2", 2, "emails", &["a@x.com"]));
    c.index_attribute("emails");
    assert_eq!(c.holders("emails", "a@x.com").map(<[String]>::len), Some(2));
    c.unindex_attribute("emails");
    assert_eq!(c.holders("emails", "a@x.com"), None);
}
