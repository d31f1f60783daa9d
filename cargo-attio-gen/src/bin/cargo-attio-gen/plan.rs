//! `cargo attio-gen plan`: what it takes to bring a live workspace to the
//! snapshot, for a reviewer, and as JSON for `apply --plan`.

use std::path::PathBuf;

use attio_schema::Workspace;
use cargo_attio_gen::fetch::{Selection, Source};
use cargo_attio_gen::migrate::{self, Plan, PlanOptions};
use clap::Args;
use tokio::runtime::Runtime;

use crate::crate_dir;
use crate::out_file;
use crate::outcome::{Failure, Outcome};

#[derive(Args)]
pub struct PlanArgs {
    /// The snapshot the workspace should match [default: `attio-schema.json` (or `$ATTIO_SCHEMA`)
    /// beside the Cargo.toml of the crate the working directory is in].
    #[arg(long, value_name = "FILE")]
    snapshot: Option<PathBuf>,
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
    let (path, snapshot) = crate_dir::load(args.snapshot.as_deref())?;
    if let Some(out) = &args.out {
        out_file::check(out, &out_file::PLAN, &[("snapshot", &path)])?;
    }
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
                "cannot write the plan to {}: {}; name a file in an existing, writable directory",
                out.display(),
                attio_schema::io_reason(&e)
            ))
        })?;
        eprintln!("wrote {}", out.display());
    }
    eprintln!(
        "{}",
        summary(&plan, &path.display().to_string(), source.base_url())
    );
    Ok(if plan.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Drift
    })
}

/// The closing line of `plan`: what the plan amounts to and what to run
/// (`apply` only when it has steps to carry out).
fn summary(plan: &Plan, snapshot: &str, url: &str) -> String {
    if plan.is_empty() {
        return format!("the workspace at {url} matches {snapshot}");
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let manual = plural(plan.manual.len(), "change", "changes");
    let held_back = plural(plan.held_back.len(), "archive", "archives");
    if plan.steps.is_empty() {
        return format!(
            "the workspace at {url} differs from {snapshot}, but there is nothing to apply: \
             {manual} for a person to make in Attio, {held_back} held back (plan them with \
             --allow-archive)"
        );
    }
    format!(
        "the workspace at {url} differs from {snapshot}: {} to apply, {manual} for a \
         person, {held_back} held back; review, then run `cargo attio-gen apply`",
        plural(plan.steps.len(), "step", "steps"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use cargo_attio_gen::migrate::Note;

    fn note() -> Note {
        Note {
            path: "people.job_title".to_owned(),
            why: "type differs".to_owned(),
        }
    }

    #[test]
    fn apply_is_suggested_only_when_there_are_steps() {
        let url = "http://127.0.0.1:4010";
        assert_eq!(
            summary(&Plan::new(), "attio-schema.json", url),
            "the workspace at http://127.0.0.1:4010 matches attio-schema.json"
        );
        let mut plan = Plan::new();
        plan.manual.push(note());
        plan.held_back.push(note());
        plan.held_back.push(note());
        let text = summary(&plan, "attio-schema.json", url);
        assert!(!text.contains("run `cargo attio-gen apply`"), "{text}");
        assert!(
            text.ends_with(
                "nothing to apply: 1 change for a person to make in Attio, 2 archives held \
                 back (plan them with --allow-archive)"
            ),
            "{text}"
        );
    }
}
