//! The workspace-level integration tests, in one binary: generated bindings,
//! the client and the emulator end to end, webhooks, bulk sync, the README,
//! and the public API of each library crate.
//!
//! One module per theme. Tests here share a process: none may change what
//! another could see (the environment, the current directory); the global
//! `tracing` subscriber is `capture`'s and captures per thread.

mod activities;
mod capture;
mod client;
mod client_connect;
mod client_contract;
mod client_double;
mod client_env;
mod client_logs;
mod client_metrics;
mod client_reliability;
mod codegen;
mod comments;
mod configured;
mod core_2026;
mod docs_rs;
mod emails;
mod emulator_contract;
mod files;
mod fixture;
mod generated;
mod meetings;
mod msrv;
mod public_api;
mod query_score;
mod readme;
mod readme_scopes;
mod repository;
mod server_logs;
mod sql;
mod stored;
mod sync;
mod sync_resume;
mod sync_workspace;
mod tasks;
mod tolerant_reader;
mod values;
mod verify;
mod webhooks;
