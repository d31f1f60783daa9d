use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{diff, list, Listing};

/// The listing of crate `demo` made of `files` (path under `src/`, text).
fn listing(files: &[(&str, &str)]) -> Listing {
    named("demo", files)
}

fn named(krate: &str, files: &[(&str, &str)]) -> Listing {
    let files: HashMap<PathBuf, String> = files
        .iter()
        .map(|(p, t)| (Path::new("src").join(p), t.to_string()))
        .collect();
    list(krate, Path::new("src/lib.rs"), false, &|p| {
        files.get(p).cloned()
    })
    .unwrap()
}

/// The listing's lines without its head comment.
fn lines(listing: &Listing) -> Vec<String> {
    listing
        .text()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(String::from)
        .collect()
}

#[test]
fn pub_items_of_pub_modules_are_listed_with_their_members() {
    let l = listing(&[
        ("lib.rs", "pub mod client; mod hidden_away { pub struct Unreachable; }"),
        (
            "client.rs",
            "pub struct Client { pub base: String, key: String }\n\
             impl Client { pub fn get(&self) {} fn private(&self) {} pub(crate) fn internal(&self) {} }\n\
             pub enum Mode { Fast, Slow }\n\
             pub trait Api { fn call(&self); const NAME: &str; }\n\
             pub(crate) struct Internal;",
        ),
    ]);
    assert_eq!(
        lines(&l),
        [
            "pub mod demo::client",
            "pub trait demo::client::Api",
            "pub const demo::client::Api::NAME",
            "pub fn demo::client::Api::call",
            "pub struct demo::client::Client",
            "pub field demo::client::Client::base",
            "pub fn demo::client::Client::get",
            "pub enum demo::client::Mode",
            "pub variant demo::client::Mode::Fast",
            "pub variant demo::client::Mode::Slow",
        ]
    );
}

#[test]
fn re_exports_resolve_through_self_super_crate_and_folders() {
    let l = listing(&[
        (
            "lib.rs",
            "mod a; pub use a::b::Thing as Renamed; pub use self::a::Other;",
        ),
        ("a/mod.rs", "pub mod b; pub use super::a::b::Other;"),
        (
            "a/b.rs",
            "pub struct Thing; pub struct Other; impl Thing { pub fn new() -> Self { Thing } }",
        ),
    ]);
    assert_eq!(
        lines(&l),
        [
            "pub struct demo::Other",
            "pub struct demo::Renamed",
            "pub fn demo::Renamed::new"
        ]
    );
}

#[test]
fn a_module_and_the_function_it_re_exports_may_share_a_name() {
    let l = listing(&[(
        "lib.rs",
        "mod apply { pub fn apply() {} pub struct Applied; } pub use apply::{apply, Applied};",
    )]);
    assert_eq!(
        lines(&l),
        ["pub struct demo::Applied", "pub fn demo::apply"]
    );
}

#[test]
fn globs_over_own_modules_and_other_crates_are_expanded_or_listed() {
    let l = listing(&[
        (
            "lib.rs",
            "mod model; pub use model::*; pub use serde::*; pub use attio_schema::Target;",
        ),
        (
            "model.rs",
            "pub struct Object; pub fn helper() {} pub(crate) struct NotExported;",
        ),
    ]);
    assert_eq!(
        lines(&l),
        [
            "pub use demo::* = serde::*",
            "pub struct demo::Object",
            "pub use demo::Target = attio_schema::Target",
            "pub fn demo::helper"
        ]
    );
}

#[test]
fn a_pub_item_in_a_private_module_is_not_listed() {
    let l = listing(&[(
        "lib.rs",
        "mod inner { pub mod deeper { pub struct Deep; } pub struct Shallow; }",
    )]);
    assert!(lines(&l).is_empty(), "{:?}", lines(&l));
}

#[test]
fn test_only_items_are_left_out_and_feature_gated_ones_marked() {
    let l = listing(&[
        (
            "lib.rs",
            "#[cfg(test)] mod tests;\n\
             #[cfg(test)] pub struct ForTests;\n\
             #[cfg(all(test, feature = \"x\"))] pub struct AlsoForTests;\n\
             #[cfg(not(test))] pub struct Always;\n\
             #[cfg(feature = \"sqlite\")] pub mod sqlite;",
        ),
        (
            "sqlite.rs",
            "pub struct Store; #[cfg(feature = \"wal\")] impl Store { pub fn wal(&self) {} }",
        ),
    ]);
    assert_eq!(
        lines(&l),
        [
            "pub struct demo::Always",
            "pub mod demo::sqlite #[cfg(feature = \"sqlite\")]",
            "pub struct demo::sqlite::Store #[cfg(feature = \"sqlite\")]",
            "pub fn demo::sqlite::Store::wal #[cfg(all(feature = \"sqlite\", feature = \"wal\"))]",
        ]
    );
}

#[test]
fn doc_hidden_marks_the_item_and_what_is_under_it() {
    let l = listing(&[(
        "lib.rs",
        "#[doc(hidden)] pub mod __private { pub fn helper() {} }\n\
         pub struct Open { #[doc(hidden)] pub internal: u8 }",
    )]);
    assert_eq!(
        lines(&l),
        [
            "pub struct demo::Open",
            "pub field demo::Open::internal #[doc(hidden)]",
            "pub mod demo::__private #[doc(hidden)]",
            "pub fn demo::__private::helper #[doc(hidden)]",
        ]
    );
}

#[test]
fn an_item_at_two_public_paths_is_a_duplicate() {
    let l = listing(&[
        (
            "lib.rs",
            "pub mod client; pub use client::tasks; pub use client::tasks::Task;",
        ),
        ("client/mod.rs", "pub mod tasks;"),
        (
            "client/tasks.rs",
            "pub struct Task; impl Task { pub fn done(&self) {} }",
        ),
    ]);
    assert_eq!(
        l.duplicates(&[]),
        [
            vec![
                "demo::Task",
                "demo::client::tasks::Task",
                "demo::tasks::Task"
            ],
            vec!["demo::client::tasks", "demo::tasks"],
        ]
    );
    // The members are listed once, under the shortest path.
    assert_eq!(
        lines(&l)
            .iter()
            .filter(|l| l.contains("::done"))
            .collect::<Vec<_>>(),
        ["pub fn demo::Task::done"]
    );
}

#[test]
fn a_second_path_that_is_doc_hidden_is_not_a_duplicate() {
    let l = listing(&[(
        "lib.rs",
        "pub mod a { pub struct One; } #[doc(hidden)] pub use a::One as Alias;",
    )]);
    assert!(l.duplicates(&[]).is_empty(), "{:?}", l.duplicates(&[]));
}

#[test]
fn two_re_exports_of_one_foreign_item_are_a_duplicate() {
    let l = listing(&[(
        "lib.rs",
        "pub use attio_schema::Target; pub mod kinds { pub use attio_schema::Target; }",
    )]);
    assert_eq!(
        l.duplicates(&[]),
        [vec!["demo::Target", "demo::kinds::Target"]]
    );
}

#[test]
fn two_paths_into_one_item_of_another_crate_of_ours_are_a_duplicate() {
    let schema = named(
        "schema",
        &[("lib.rs", "mod model { pub struct X; } pub use model::X; #[doc(hidden)] pub mod inner { pub use super::model::X; }")],
    );
    assert!(
        schema.duplicates(&[]).is_empty(),
        "{:?}",
        schema.duplicates(&[])
    );
    let l = listing(&[(
        "lib.rs",
        "pub use schema::X; pub mod more { pub use schema::inner::X; }",
    )]);
    assert!(l.duplicates(&[]).is_empty(), "{:?}", l.duplicates(&[]));
    assert_eq!(l.duplicates(&[&schema]), [vec!["demo::X", "demo::more::X"]]);
    // Across crates a re-export is allowed: it is listed, not a duplicate.
    assert!(schema.duplicates(&[&l]).is_empty());
}

#[test]
fn a_name_made_by_a_macro_is_listed_as_not_resolved() {
    let l = listing(&[(
        "lib.rs",
        "mod ids { make_ids!(RecordId); } pub use ids::RecordId; pub mod kind { kinds!(Text); }",
    )]);
    assert_eq!(
        lines(&l),
        [
            "pub use demo::RecordId = crate::ids::RecordId (made by a macro: not resolved)",
            "pub mod demo::kind (and items made by macros: not listed)",
        ]
    );
}

#[test]
fn the_derives_of_a_proc_macro_crate_are_its_api() {
    let files: HashMap<PathBuf, String> = [(
        PathBuf::from("src/lib.rs"),
        "#[proc_macro_derive(Record, attributes(attio))] pub fn derive_record(i: TokenStream) -> TokenStream { i }\n\
         fn helper() {}"
            .to_string(),
    )]
    .into();
    let l = list("demo", Path::new("src/lib.rs"), true, &|p| {
        files.get(p).cloned()
    })
    .unwrap();
    assert_eq!(lines(&l), ["pub derive demo::Record"]);
}

#[test]
fn a_missing_module_file_is_an_error() {
    let err = list("demo", Path::new("src/lib.rs"), false, &|p| {
        (p == Path::new("src/lib.rs")).then(|| "mod gone;".to_string())
    });
    assert_eq!(
        err.err().as_deref(),
        Some("no file for module `gone` in src")
    );
}

#[test]
fn diff_shows_removed_and_added_lines() {
    assert_eq!(diff("a\nb\nc\n", "a\nb\nc\n"), None);
    assert_eq!(diff("a\nb\nc\n", "a\nc\nd\n").as_deref(), Some("-b\n+d\n"));
}
