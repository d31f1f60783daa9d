//! `attio-codegen`'s integration tests: the generator's output on the
//! fixture, pinned (`golden`), and run by a build script in a temporary
//! workspace that cargo builds (`build_script`).

mod arbitrary;
mod build_script;
mod golden;
mod properties;
mod support;
