//! call-notetaker: a notetaker service's export of the day's meetings
//! (participants, times, each recording's transcript) pushed into Attio —
//! each meeting created and linked to the people and companies its
//! participants' emails and domains find, its recording added with the
//! transcript, the transcript uploaded as a file and written as a note
//! taken in the meeting. A second run of the same export writes nothing.
//!
//! - [`export`]: the service's JSON file, read and checked (transformation;
//!   pure).
//! - [`mapping`]: an exported meeting to what Attio is sent — who is
//!   external, which domains are companies, the meeting, the transcript's
//!   text, the file's name and the note's title (transformation; pure).
//! - [`push`]: what a day's export writes and what it finds already there
//!   (business logic, over [`AttioApi`](attio_runtime::AttioApi), so that
//!   it is unit-tested with a double).
//! - [`report`]: the summary the program prints.

#[cfg(test)]
mod double;
pub mod export;
pub mod mapping;
pub mod push;
pub mod report;

use attio_runtime::contract::Contract;
use attio_runtime::Model;

use crate::attio::{Company, Person};

/// The structs this program reads and writes, as it was compiled against
/// them: checked against the workspace before its first write
/// ([`crate::drift`]).
pub const CONTRACTS: &[&Contract] = &[Company::CONTRACT, Person::CONTRACT];

/// The sample export the program reads when no `--input` is given: three
/// meetings of one day (a discovery call, a renewal with a participant on a
/// personal address, an internal review), as a notetaker service would
/// export them.
pub const SAMPLE_EXPORT: &str = include_str!("../../data/notetaker-2026-12-07.json");
