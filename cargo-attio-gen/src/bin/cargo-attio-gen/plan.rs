//! `cargo attio-gen plan`: what it takes to bring a live workspace to the
//! snapshot, for a reviewer, and as JSON for `apply --plan`.

use std::path::PathBuf;

use attio_schema::Snapshot;
use attio_schema::{Workspace, DEFAULT_FILE_NAME};
use cargo_attio_gen::fetch::{Selection, Source};
use cargo_attio_gen::migrate::{self, Plan, PlanOptions};
use clap::Args;
use tokio::runtime::Runtime;

use crate::outcome::{Failure, Outcome};

#[derive(Args)]
pub struct PlanArgs {
    /// The snapshot the workspace should match.
    #[arg(long, default_value = DEFAULT_FILE_NAME, value_name = "FILE")]
    snapshot: PathBuf,
    /// Also write the plan as JSON, for `cargo attio-gen apply --plan`.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Plan archiving what the snapshot archives or lacks (attributes,
    /// options, statuses); without it such archives are listed as held back.
    #[arg(long)]
    allow_archive: bool,
    #[command(flatten)]
    workspace: WorkspaceArgs,
}

/// Where the workspace to change is.
#[derive(Args)]
pub struct WorkspaceArgs {
    /// The API's URL, e.g. an emulator's [default: $ATTIO_BASE_URL, else
    /// https://api.attio.com]
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// How often to retry a request that failed with a rate limit, a server
    /// error or a connection failure (a create is never repeated after an
    /// ambiguous failure).
    #[arg(long, value_name = "N", default_value_t = 3)]
    retries: u32,
    /// Allow a plain http:// URL on another machine; the key then travels
    /// unencrypted (http://localhost is always allowed).
    #[arg(long)]
    allow_insecure_http: bool,
}

impl WorkspaceArgs {
    /// The key from ATTIO_API_KEY and the URL.
    pub fn source(&self) -> Result<Source, Failure> {
        Ok(Source::from_env(self.base_url.clone())?
            .retries(self.retries)
            .allow_insecure_http(self.allow_insecure_http))
    }
}

/// One request at a time is all plan and apply make, so one thread suffices.
pub fn runtime() -> Result<Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Usage(format!("cannot start the async runtime: {e}")))
}

/// The whole live schema.
pub fn read(runtime: &Runtime, source: &Source) -> Result<Workspace, Failure> {
    Ok(runtime.block_on(source.fetch(&Selection::default(), &mut |_| {}))?)
}

pub fn plan(args: PlanArgs) -> Result<Outcome, Failure> {
    // A missing or broken snapshot is reported before any request.
    let snapshot = Snapshot::load(&args.snapshot)?;
    let source = args.workspace.source()?;
    let live = read(&runtime()?, &source)?;
    let options = PlanOptions {
        allow_archive: args.allow_archive,
    };
    let plan = migrate::plan(&live, &snapshot.workspace, &options);
    print!("{plan}");
    if let Some(out) = &args.out {
        attio_schema::write_atomically(out, plan.to_json().as_bytes()).map_err(|e| {
            Failure::Usage(format!(
                "cannot write the plan to {}: {e}; check that the directory exists and is writable",
                out.display()
            ))
        })?;
        eprintln!("wrote {}", out.display());
    }
    summarize(
        &plan,
        &args.snapshot.display().to_string(),
        source.base_url(),
    );
    Ok(if plan.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Drift
    })
}

/// The closing line of `plan`: what the plan amounts to and what to run.
fn summarize(plan: &Plan, snapshot: &str, url: &str) {
    if plan.is_empty() {
        eprintln!("the workspace at {url} matches {snapshot}");
        return;
    }
    eprintln!(
        "the workspace at {url} differs from {snapshot}: {} step(s) to apply, {} for a \
         person, {} archive(s) held back; review, then run `cargo attio-gen apply`",
        plan.steps.len(),
        plan.manual.len(),
        plan.held_back.len()
    );
}
