//! product-sync, the project's main job: a product's accounts and users
//! pushed into Attio as companies, product accounts and people.
//!
//! - [`dataset`]: the source data (seeded, realistic, `--mutate`-able);
//! - [`transform`]: rows to the generated writes, checked by type;
//! - [`links`]: the business logic — what is written, in which order,
//!   linked to which company;
//! - [`CONTRACTS`]: the structs it uses, checked against the workspace
//!   before any write ([`crate::drift`]);
//! - [`run`](mod@run): the syncs through [`attio_runtime::sync`], state in SQLite;
//! - [`summary`]: the table printed at the end.
//!
//! ```no_run
//! # async fn demo(client: &attio_runtime::Client) -> anyhow::Result<()> {
//! use attio_examples::product_sync::{run, Dataset, Settings};
//!
//! let dataset = Dataset::generate(500, 2026);
//! let summary = run(client, &dataset, &Settings::new("product-sync.sqlite")).await?;
//! println!("{summary}");
//! # Ok(()) }
//! ```

pub mod dataset;
pub mod links;
pub mod run;
pub mod summary;
pub mod transform;

pub use dataset::{Dataset, Share, DEFAULT_SEED, DEFAULT_USERS};
pub use run::{run, run_with_state, Settings, DEAD_LETTER_FILE, STATE_FILE};
pub use summary::{ObjectSummary, Summary};

use attio_runtime::contract::Contract;
use attio_runtime::Model;

use crate::attio::{Company, Person, ProductAccount};

/// The structs this program reads and writes, as it was compiled against
/// them: checked against the workspace before its first write
/// ([`crate::drift`]).
pub const CONTRACTS: &[&Contract] = &[
    Company::CONTRACT,
    Person::CONTRACT,
    ProductAccount::CONTRACT,
];
