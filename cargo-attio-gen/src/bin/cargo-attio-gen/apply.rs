//! `cargo attio-gen apply`: carry a plan out against a live workspace, in
//! dependency order, continuing where an interrupted apply stopped.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use cargo_attio_gen::migrate::{self, ApplyError, Note, Plan, PlanOptions, Progress};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::crate_dir;
use crate::outcome::{Failure, Outcome};
use crate::plan::{read, runtime, WorkspaceArgs};

#[derive(Args)]
pub struct ApplyArgs {
    /// A plan written by `cargo attio-gen plan --out`: apply exactly it
    /// (steps the workspace already has are skipped).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["snapshot", "allow_archive"])]
    plan: Option<PathBuf>,
    /// Without --plan: plan against this snapshot, then apply [default: `attio-schema.json` (or `$ATTIO_SCHEMA`)
    /// beside the Cargo.toml of the crate the working directory is in].
    #[arg(long, value_name = "FILE")]
    snapshot: Option<PathBuf>,
    /// Without --plan: also archive what the snapshot archives or lacks.
    #[arg(long)]
    allow_archive: bool,
    /// Apply without asking (needed when standard input is not a terminal).
    #[arg(long, short = 'y')]
    yes: bool,
    #[command(flatten)]
    workspace: WorkspaceArgs,
}

/// What apply carries out: a saved plan, or the plan to a snapshot.
enum Goal {
    Saved(Plan),
    Snapshot(attio_schema::Snapshot),
}

pub fn apply(args: ApplyArgs) -> Result<Outcome, Failure> {
    // A missing or broken plan or snapshot is reported before the key is
    // looked for and before any request.
    let goal = match &args.plan {
        Some(path) => Goal::Saved(load_plan(path)?),
        None => Goal::Snapshot(crate_dir::load(args.snapshot.as_deref())?.1),
    };
    let source = args.workspace.source()?;
    let client = source.client()?;
    let runtime = runtime()?;
    let plan = match goal {
        Goal::Saved(plan) => plan,
        Goal::Snapshot(snapshot) => {
            let live = read(&runtime, &source)?;
            let options = PlanOptions {
                allow_archive: args.allow_archive,
            };
            migrate::plan(&live, &snapshot.workspace, &options)
        }
    };
    print!("{plan}");
    if plan.steps.is_empty() {
        eprintln!("nothing to apply to the workspace at {}", source.base_url());
        return Ok(leftover(&plan));
    }
    if !args.yes && !confirm(plan.steps.len())? {
        eprintln!("nothing was changed");
        return Ok(Outcome::Drift);
    }
    let bar = crate::logging::progress_bar().then(|| {
        let bar = ProgressBar::new(plan.steps.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let mut progress = |p: Progress<'_>| {
        if let Some(bar) = &bar {
            bar.set_position(p.done as u64);
            bar.set_message(format!("{} {}", p.step.action.verb(), p.step.path));
        }
    };
    let result = runtime.block_on(migrate::apply(&client, &plan, &mut progress));
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let applied = result.map_err(|e| match &e {
        ApplyError::Read(_) => Failure::Api(format!("{e} (at {})", source.base_url())),
        ApplyError::Refused { applied, .. } => {
            say(&applied.notes);
            Failure::Api(format!("at {}: {e}", source.base_url()))
        }
        _ => Failure::Api(format!("at {}: {e}", source.base_url())),
    })?;
    say(&applied.notes);
    eprintln!(
        "applied to the workspace at {}: {applied}",
        source.base_url()
    );
    Ok(leftover(&plan))
}

/// What apply chose as it went (a member given full access to a list).
fn say(notes: &[Note]) {
    for note in notes {
        eprintln!("{}: {}", note.path, note.why);
    }
}

/// Drift when something is left for a person or held back.
fn leftover(plan: &Plan) -> Outcome {
    if plan.manual.is_empty() && plan.held_back.is_empty() {
        return Outcome::Ok;
    }
    eprintln!(
        "still different: {} change(s) for a person in Attio's UI, {} archive(s) held back \
         (see above)",
        plan.manual.len(),
        plan.held_back.len()
    );
    Outcome::Drift
}

fn load_plan(path: &Path) -> Result<Plan, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Failure::Usage(format!(
            "cannot read plan {}: {}; write one with `cargo attio-gen plan --out {}`",
            path.display(),
            attio_schema::io_reason(&e),
            path.display()
        ))
    })?;
    Plan::from_json(&text)
        .map_err(|why| Failure::Usage(format!("invalid plan {}: {why}", path.display())))
}

/// Asks on the terminal; without one, refuses rather than guess.
fn confirm(steps: usize) -> Result<bool, Failure> {
    if !std::io::stdin().is_terminal() {
        return Err(Failure::Usage(
            "apply changes the workspace and standard input is not a terminal to ask on; \
             review the plan above, then pass --yes"
                .to_owned(),
        ));
    }
    eprint!("apply these {steps} step(s)? [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Failure::Usage(format!("cannot read the answer: {e}")))?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}
