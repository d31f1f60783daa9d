//! The public API of each library crate, listed by `attio_tests::public_api`,
//! equals its committed listing in `tests/public-api/<crate>.txt`, so that a
//! change of the public surface shows as a diff in review; and each item is
//! public at one path only.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use attio_tests::public_api::{diff, list_crate, Listing};

/// The crates whose public API is listed, by directory.
const CRATES: &[&str] = &[
    "attio-schema",
    "attio-codegen",
    "cargo-attio-gen",
    "attio-macros",
    "attio-runtime",
    "attio-emulator",
];

/// Items public at more than one path, each as its sorted paths, allowed
/// for now: to empty when the runtime's public surface is fixed (and the
/// root re-exports of attio-schema, found alike).
#[rustfmt::skip]
const KNOWN_DUPLICATES: &[&[&str]] = &[
    &["attio_schema::AccessLevel", "attio_schema::model::AccessLevel"],
    &["attio_schema::Actor", "attio_schema::model::Actor"],
    &["attio_schema::Attribute", "attio_schema::model::Attribute"],
    &["attio_schema::AttributeConfig", "attio_schema::model::AttributeConfig"],
    &["attio_schema::AttributeId", "attio_schema::model::AttributeId"],
    &["attio_schema::CanonicalFile", "attio_schema::snapshot::CanonicalFile"],
    &["attio_schema::CurrencyConfig", "attio_schema::model::CurrencyConfig"],
    &["attio_schema::DEFAULT_FILE_NAME", "attio_schema::snapshot::DEFAULT_FILE_NAME"],
    &["attio_schema::DefaultValue", "attio_schema::model::DefaultValue"],
    &["attio_schema::FORMAT_VERSION", "attio_schema::snapshot::FORMAT_VERSION"],
    &["attio_schema::List", "attio_schema::model::List"],
    &["attio_schema::ListId", "attio_schema::model::ListId"],
    &["attio_schema::MemberAccess", "attio_schema::model::MemberAccess"],
    &["attio_schema::Object", "attio_schema::model::Object"],
    &["attio_schema::ObjectId", "attio_schema::model::ObjectId"],
    &["attio_schema::OptionId", "attio_schema::model::OptionId"],
    &["attio_schema::RecordReferenceConfig", "attio_schema::model::RecordReferenceConfig"],
    &["attio_schema::Relationship", "attio_schema::model::Relationship"],
    &["attio_schema::SelectOption", "attio_schema::model::SelectOption"],
    &["attio_schema::Snapshot", "attio_schema::snapshot::Snapshot"],
    &["attio_schema::SnapshotError", "attio_schema::snapshot::SnapshotError"],
    &["attio_schema::Status", "attio_schema::model::Status"],
    &["attio_schema::StatusId", "attio_schema::model::StatusId"],
    &["attio_schema::Workspace", "attio_schema::model::Workspace"],
    &["attio_schema::snapshot::write_atomically", "attio_schema::write_atomically"],
    &["attio_runtime::ApiKey", "attio_runtime::client::ApiKey", "attio_runtime::client::secret::ApiKey"],
    &["attio_runtime::Assert", "attio_runtime::request::Assert"],
    &["attio_runtime::AttioApi", "attio_runtime::client::AttioApi"],
    &["attio_runtime::Attribute", "attio_runtime::attribute::Attribute"],
    &["attio_runtime::AttributeValue", "attio_runtime::value::AttributeValue"],
    &["attio_runtime::Client", "attio_runtime::client::Client"],
    &["attio_runtime::ClientBuilder", "attio_runtime::client::ClientBuilder"],
    &["attio_runtime::DecodeError", "attio_runtime::error::DecodeError"],
    &["attio_runtime::Direction", "attio_runtime::filter::Direction"],
    &["attio_runtime::EntryCreate", "attio_runtime::request::EntryCreate"],
    &["attio_runtime::Error", "attio_runtime::client::Error", "attio_runtime::client::error::Error"],
    &["attio_runtime::ErrorKind", "attio_runtime::client::ErrorKind", "attio_runtime::client::error::ErrorKind"],
    &["attio_runtime::Filter", "attio_runtime::filter::Filter"],
    &["attio_runtime::IsUnique", "attio_runtime::attribute::IsUnique"],
    &["attio_runtime::MemberAccessLevel", "attio_runtime::client::MemberAccessLevel", "attio_runtime::client::members::MemberAccessLevel"],
    &["attio_runtime::Method", "attio_runtime::client::Method"],
    &["attio_runtime::NewTask", "attio_runtime::client::NewTask", "attio_runtime::client::tasks::NewTask", "attio_runtime::tasks::NewTask"],
    &["attio_runtime::NotUnique", "attio_runtime::attribute::NotUnique"],
    &["attio_runtime::Note", "attio_runtime::client::Note", "attio_runtime::client::notes::Note"],
    &["attio_runtime::NoteFormat", "attio_runtime::client::NoteFormat", "attio_runtime::client::notes::NoteFormat"],
    &["attio_runtime::OptionTitle", "attio_runtime::filter::OptionTitle", "attio_runtime::value::OptionTitle"],
    &["attio_runtime::Property", "attio_runtime::filter::Property"],
    &["attio_runtime::Query", "attio_runtime::filter::Query"],
    &["attio_runtime::RateLimits", "attio_runtime::client::RateLimits", "attio_runtime::client::pacing::RateLimits"],
    &["attio_runtime::RecordId", "attio_runtime::value::RecordId"],
    &["attio_runtime::RetryPolicy", "attio_runtime::client::RetryPolicy", "attio_runtime::client::retry::RetryPolicy"],
    &["attio_runtime::SentRequest", "attio_runtime::client::SentRequest"],
    &["attio_runtime::Sort", "attio_runtime::filter::Sort"],
    &["attio_runtime::Target", "attio_runtime::client::schema::Target"],
    &["attio_runtime::Task", "attio_runtime::client::Task", "attio_runtime::client::tasks::Task", "attio_runtime::tasks::Task"],
    &["attio_runtime::TaskQuery", "attio_runtime::client::TaskQuery", "attio_runtime::client::tasks::TaskQuery", "attio_runtime::tasks::TaskQuery"],
    &["attio_runtime::TaskUpdate", "attio_runtime::client::TaskUpdate", "attio_runtime::client::tasks::TaskUpdate", "attio_runtime::tasks::TaskUpdate"],
    &["attio_runtime::Unique", "attio_runtime::attribute::Unique"],
    &["attio_runtime::ValueError", "attio_runtime::error::ValueError"],
    &["attio_runtime::WorkspaceMember", "attio_runtime::client::WorkspaceMember", "attio_runtime::client::members::WorkspaceMember"],
    &["attio_runtime::client::Assignee", "attio_runtime::client::tasks::Assignee", "attio_runtime::tasks::Assignee"],
    &["attio_runtime::client::AttioError", "attio_runtime::client::error::AttioError"],
    &["attio_runtime::client::Budget", "attio_runtime::client::pacing::Budget"],
    &["attio_runtime::client::Comment", "attio_runtime::client::comments::Comment"],
    &["attio_runtime::client::CommentKey", "attio_runtime::client::comments::CommentKey", "attio_runtime::webhooks::CommentKey"],
    &["attio_runtime::client::CommentedEntry", "attio_runtime::client::comments::CommentedEntry"],
    &["attio_runtime::client::CommentedRecord", "attio_runtime::client::comments::CommentedRecord"],
    &["attio_runtime::client::InvalidApiKey", "attio_runtime::client::secret::InvalidApiKey"],
    &["attio_runtime::client::LinkedRecord", "attio_runtime::client::tasks::LinkedRecord", "attio_runtime::tasks::LinkedRecord"],
    &["attio_runtime::client::NewComment", "attio_runtime::client::comments::NewComment"],
    &["attio_runtime::client::NoteId", "attio_runtime::client::notes::NoteId"],
    &["attio_runtime::client::TaskKey", "attio_runtime::client::tasks::TaskKey", "attio_runtime::tasks::TaskKey", "attio_runtime::webhooks::TaskKey"],
    &["attio_runtime::client::Thread", "attio_runtime::client::comments::Thread"],
    &["attio_runtime::client::ThreadKey", "attio_runtime::client::comments::ThreadKey"],
    &["attio_runtime::client::WebhookSecret", "attio_runtime::client::secret::WebhookSecret", "attio_runtime::webhooks::WebhookSecret"],
    &["attio_runtime::client::WorkspaceMemberKey", "attio_runtime::client::members::WorkspaceMemberKey", "attio_runtime::webhooks::WorkspaceMemberKey"],
    &["attio_runtime::client::tasks", "attio_runtime::tasks"],
    &["attio_runtime::client::webhooks::Condition", "attio_runtime::webhooks::Condition"],
    &["attio_runtime::client::webhooks::CreatedWebhook", "attio_runtime::webhooks::CreatedWebhook"],
    &["attio_runtime::client::webhooks::Operator", "attio_runtime::webhooks::Operator"],
    &["attio_runtime::client::webhooks::Subscription", "attio_runtime::webhooks::Subscription"],
    &["attio_runtime::client::webhooks::SubscriptionFilter", "attio_runtime::webhooks::SubscriptionFilter"],
    &["attio_runtime::client::webhooks::Webhook", "attio_runtime::webhooks::Webhook"],
    &["attio_runtime::client::webhooks::WebhookStatus", "attio_runtime::webhooks::WebhookStatus"],
    &["attio_runtime::client::webhooks::WebhookUpdate", "attio_runtime::webhooks::WebhookUpdate"],
];

const UPDATE: &str = "UPDATE_PUBLIC_API";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The listings, made once for both tests (parsing is most of the time).
fn listings() -> &'static [(&'static str, Listing)] {
    static LISTINGS: OnceLock<Vec<(&str, Listing)>> = OnceLock::new();
    LISTINGS.get_or_init(|| {
        let root = workspace();
        CRATES
            .iter()
            .map(|c| {
                (
                    *c,
                    list_crate(&root.join(c)).unwrap_or_else(|e| panic!("cannot list {c}: {e}")),
                )
            })
            .collect()
    })
}

#[test]
fn public_api_equals_the_committed_listings() {
    let dir = workspace().join("tests/public-api");
    let update = std::env::var_os(UPDATE).is_some();
    let mut changed = String::new();
    for (krate, listing) in listings() {
        let file = dir.join(format!("{krate}.txt"));
        let actual = listing.text();
        if update {
            std::fs::write(&file, &actual)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", file.display()));
            continue;
        }
        let committed = std::fs::read_to_string(&file).unwrap_or_default();
        if let Some(d) = diff(&committed, &actual) {
            changed.push_str(&format!(
                "--- tests/public-api/{krate}.txt\n+++ the sources\n{d}"
            ));
        }
    }
    assert!(
        changed.is_empty(),
        "the public API differs from its committed listing:\n{changed}\n\
         if the change is meant, accept it with `{UPDATE}=1 cargo test -p attio-tests --test it public_api` and commit the files"
    );
}

#[test]
fn each_item_is_public_at_one_path() {
    let all: Vec<&Listing> = listings().iter().map(|(_, l)| l).collect();
    let found: Vec<Vec<String>> = all.iter().flat_map(|l| l.duplicates(&all)).collect();
    let known = |paths: &Vec<String>| KNOWN_DUPLICATES.iter().any(|k| k == paths);
    let new: Vec<String> = found
        .iter()
        .filter(|d| !known(d))
        .map(|d| d.join(", "))
        .collect();
    let gone: Vec<String> = KNOWN_DUPLICATES
        .iter()
        .filter(|k| !found.iter().any(|d| d == *k))
        .map(|k| k.join(", "))
        .collect();
    assert!(
        new.is_empty(),
        "items public at more than one path; keep one (make the module private or drop the \
         re-export) or mark the others #[doc(hidden)]:\n  {}",
        new.join("\n  ")
    );
    assert!(
        gone.is_empty(),
        "no longer public at more than one path, remove from KNOWN_DUPLICATES:\n  {}",
        gone.join("\n  ")
    );
}
