//! attio-schema's integration tests, one binary: the snapshot file as a user
//! meets it (`snapshot`), and attribute relationships as stored (`relationship`).

mod relationship;
mod snapshot;
