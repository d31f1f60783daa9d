//! The value decoders over a page of records (`Stored<R>` of the fixture's
//! generated structs): any bytes decode or give a serde error, never a
//! panic. The first byte picks the object.
#![no_main]

use attio_fuzz::workspace::{Company, Deal, Person, Project, User};
use attio_fuzz::Page;
use attio_runtime::Stored;
use libfuzzer_sys::fuzz_target;

fn decode<R: attio_runtime::Record + std::fmt::Debug>(json: &[u8]) {
    if let Ok(page) = serde_json::from_slice::<Page<Stored<R>>>(json) {
        for record in &page.data {
            let _ = format!("{record:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, json)) = data.split_first() else {
        return;
    };
    match choice % 5 {
        0 => decode::<Company>(json),
        1 => decode::<Person>(json),
        2 => decode::<Deal>(json),
        3 => decode::<Project>(json),
        _ => decode::<User>(json),
    }
});
