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
    "attio-fleet",
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
    let found: Vec<String> = all
        .iter()
        .flat_map(|l| l.duplicates(&all))
        .map(|d| d.join(", "))
        .collect();
    assert!(
        found.is_empty(),
        "items public at more than one path; keep one (make the module private or drop the \
         re-export) or mark the others #[doc(hidden)]:\n  {}",
        found.join("\n  ")
    );
}
