//! The integration tests of the workspace, one binary.
//! (Temporary head: the `tests` branch makes this file; merge its `mod` lines with this one.)

mod public_api;
