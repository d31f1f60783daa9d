//! `cargo-attio-gen`'s integration tests: the binary run as a real process
//! (offline, against emulators, and into a temporary workspace that
//! `cargo check` compiles), and the `migrate` library against emulators.

mod checked_in;
mod cli;
mod diagram;
mod hostile;
mod migrate;
mod migrate_realistic;
mod pull;
mod pull_relationships;
mod subfolder;
mod support;
mod verbose;
