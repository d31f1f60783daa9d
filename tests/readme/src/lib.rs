//! README.md's code, compiled: each module holds the snippets of one README
//! section, verbatim (`cargo test -p attio-tests --test readme` checks that
//! they are still README's), and the tests run them against the emulator.

pub mod bulk;
pub mod calls;
pub mod offline;
pub mod projection;
pub mod structs;
pub mod webhooks;

// src/lib.rs
pub mod attio {
    include!(concat!(env!("OUT_DIR"), "/attio.rs"));
}
