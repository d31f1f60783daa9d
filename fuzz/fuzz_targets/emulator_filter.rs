//! The emulator's query language: the first byte picks an object or list
//! of the default workspace, the rest is a `filter` (and `sorts`) as JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = attio_emulator::fuzzing::parse_query(data);
});
