//! Compile tests of the derives `attio-runtime` re-exports
//! (`#[derive(Record)]`, `#[derive(Entry)]`, `#[derive(Options)]`): the
//! cases are in `ui/`, run by `tests/it/main.rs`. This crate has no API and
//! no cargo features; it exists so that trybuild, which compiles the cases
//! against this crate's dev-dependencies, builds only what they use.
