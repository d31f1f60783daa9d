//! The derives of the Attio bindings: `#[derive(Record)]`, `#[derive(Entry)]`
//! and `#[derive(Options)]` bind Rust structs and enums to an Attio workspace
//! schema snapshot, check every field against it at compile time, and
//! implement the `attio_runtime` traits.
//!
//! Depend on `attio-runtime`, not on this crate: it re-exports the three
//! derives (`attio_runtime::{Record, Entry, Options}`), and the code they
//! generate refers to `::attio_runtime`. The three derives are this crate's
//! whole public surface. It has no cargo features, and it depends only on
//! `attio-schema`, `syn`, `quote` and `proc-macro2`, so that it stays cheap
//! to compile.
//!
//! The snapshot is found, in this order, at:
//! 1. `#[attio(schema = "path")]`, relative to the crate's `CARGO_MANIFEST_DIR`;
//! 2. the `ATTIO_SCHEMA` environment variable (absolute, or relative to
//!    `CARGO_MANIFEST_DIR`);
//! 3. `attio-schema.json` beside the crate's `Cargo.toml`.
//!
//! The first derive of a compilation that uses a snapshot includes it with
//! `include_bytes!` and reads `ATTIO_SCHEMA` with `option_env!`, so cargo
//! rebuilds the crate when either changes; each snapshot is parsed once per
//! compiler process. What each
//! derive expands to is shown by the snapshots of its unit tests
//! (`src/expand_record/tests/snapshots/`, `src/expand_options/snapshots/`).
//!
//! This file only converts between `proc_macro` and `proc_macro2`; the logic
//! lives in ordinary modules so that unit tests can reach it.
#![deny(missing_docs)]

extern crate proc_macro;

mod attrs;
mod cardinality;
mod check;
mod driver;
mod errors;
#[cfg(test)]
mod expand_bench;
mod expand_options;
mod expand_record;
mod reference;
mod schema_cache;
#[cfg(test)]
mod test_support;

use attio_schema::Target;
use proc_macro::TokenStream;

/// Binds a struct to an Attio object: `#[attio(object = "companies")]`.
///
/// Struct attributes: `object = "slug"` (required), `schema = "path"`,
/// `create` (require a field for every required attribute),
/// `upsert = "slug"` (implement `Upsert`, matching on a unique attribute).
/// Field attributes: `attribute = "slug"` (default: the field name),
/// `read_only` (no setter; required for attributes Attio does not let you write).
///
/// A field's type must hold the attribute's values (`Vec<_>` for a
/// multiselect attribute, `Option<_>` unless the attribute is required in
/// Attio, which alone guarantees every record a value).
/// The struct gets the read model (`Model::from_values`, and `Stored<X>`
/// from the client), a write model `XWrite` from `X::write()` with a setter
/// per writable field, and a constant per field for filters, sorts and
/// upserts. When the struct binds every attribute Attio requires on create,
/// it also gets `X::create(XRequired { … })`: `XRequired` has one named
/// field per required attribute, so leaving one out is rustc's "missing
/// field `owner` in initializer of `DealRequired`" (`X::create()` when none
/// is required). Setting a read-only field, or passing one value to a
/// multiselect setter, is a compile error that names the attribute and says
/// why. A projection of `people` and its write model:
///
/// ```
/// use attio_runtime::value::{EmailAddress, PersonalName};
/// use attio_runtime::{Model, Query, Record, Write};
///
/// #[derive(Debug, Clone, PartialEq, attio_runtime::Record)]
/// #[attio(object = "people")] // checked against attio-schema.json beside Cargo.toml
/// # #[attio(schema = "../fixtures/workspace/attio-schema.json")]
/// pub struct Person {
///     #[attio(attribute = "email_addresses")] // bound to the slug, renamed
///     pub emails: Vec<EmailAddress>,
///     pub name: Option<PersonalName>, // the slug is the field name
///     #[attio(read_only)] // set by Attio: read, never written
///     pub avatar_url: Option<String>,
/// }
///
/// assert_eq!(Person::OBJECT, "people");
/// let write = Person::write()
///     .emails([EmailAddress::new("ada@acme.com")?])
///     .name(PersonalName::new("Ada", "Lovelace"));
/// assert!(write.values().get("avatar_url").is_none());
/// let query = Query::new().filter(Person::EMAILS.eq(&EmailAddress::new("ada@acme.com")?));
/// # let _: Query<Person> = query;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// A mistake is a compile error at the field, saying what to change: here
/// that `avatar_url` is read-only in Attio and needs `#[attio(read_only)]`.
///
/// ```compile_fail
/// #[derive(attio_runtime::Record)]
/// #[attio(object = "people")]
/// # #[attio(schema = "../fixtures/workspace/attio-schema.json")]
/// struct Person {
///     avatar_url: Option<String>,
/// }
/// ```
#[proc_macro_derive(Record, attributes(attio))]
pub fn derive_record(input: TokenStream) -> TokenStream {
    expand_record::derive(input.into(), Target::Object).into()
}

/// Binds a struct to an Attio list's entry attributes: `#[attio(list = "pipeline")]`.
///
/// Accepts the same attributes as `Record`, with `list = "slug"` instead of
/// `object` and without `upsert`.
#[proc_macro_derive(Entry, attributes(attio))]
pub fn derive_entry(input: TokenStream) -> TokenStream {
    expand_record::derive(input.into(), Target::List).into()
}

/// Binds an enum to the options of a select attribute or the statuses of a
/// status attribute: `#[attio(object = "companies", attribute = "categories")]`.
///
/// Each unit variant stands for the option titled by `#[attio(title = "…")]`
/// (default: the variant's name); an `Other(String)` variant holds titles the
/// snapshot does not know.
#[proc_macro_derive(Options, attributes(attio))]
pub fn derive_options(input: TokenStream) -> TokenStream {
    expand_options::derive(input.into()).into()
}
