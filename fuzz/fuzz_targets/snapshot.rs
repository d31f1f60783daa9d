//! The snapshot parser: any bytes either load or give a `SnapshotError`;
//! what loads writes a canonical form that loads again to the same schema.
#![no_main]

use attio_schema::Snapshot;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(snapshot) = Snapshot::from_slice(data, "fuzz.json") else {
        return;
    };
    let text = snapshot.to_canonical_string();
    let again = Snapshot::from_slice(text.as_bytes(), "canonical.json")
        .expect("a canonical snapshot loads");
    assert_eq!(again.canonical(), snapshot.canonical());
});
