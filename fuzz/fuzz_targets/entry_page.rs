//! The value decoders over a page of list entries (`StoredEntry<E>` of the
//! fixture's generated structs). The first byte picks the list.
#![no_main]

use attio_fuzz::workspace::{EnterprisePipelineEntry, HiringEntry};
use attio_fuzz::Page;
use attio_runtime::StoredEntry;
use libfuzzer_sys::fuzz_target;

fn decode<E: attio_runtime::Entry + std::fmt::Debug>(json: &[u8]) {
    if let Ok(page) = serde_json::from_slice::<Page<StoredEntry<E>>>(json) {
        for entry in &page.data {
            let _ = format!("{entry:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, json)) = data.split_first() else {
        return;
    };
    match choice % 2 {
        0 => decode::<HiringEntry>(json),
        _ => decode::<EnterprisePipelineEntry>(json),
    }
});
