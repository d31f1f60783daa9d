//! Programs that use what the derives generate, one per concern: each
//! compiles against `attio-schema.json` beside Cargo.toml and runs as a test.
//! They declare types the way a user's crate does, not all of which a
//! program then uses.
#![allow(dead_code)]

mod create_and_upsert;
mod entry;
mod generated_shape;
mod options;
mod projection;
mod writes_infer_their_record_type;
