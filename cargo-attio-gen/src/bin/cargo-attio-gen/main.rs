//! `cargo attio-gen`: pull a workspace's schema into a snapshot, check the
//! snapshot against the workspace, generate bindings from it, compare
//! snapshots, draw one, and plan and apply the snapshot to a workspace. Runs as a cargo subcommand (`cargo attio-gen …`, where cargo
//! passes `attio-gen` as the first argument) or directly
//! (`cargo-attio-gen …`).
//!
//! One module per subcommand; this file holds the command line and turns
//! outcomes into exit codes.

mod apply;
mod check;
mod crate_dir;
mod diagram;
mod diff;
mod generate;
mod live;
mod logging;
mod out_file;
mod outcome;
mod plan;
mod pull;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use outcome::{Failure, Outcome};

const EXIT_CODES: &str = "\
Exit codes:
  0  success (no drift, file up to date)
  1  drift: `check` found the workspace changed, `generate --check` found a
     stale file, `diff` found changes, `plan` found something to do,
     `apply` left something for a person
  2  usage or I/O error, invalid snapshot or config, ATTIO_API_KEY not set
  3  API error: Attio refused the key or a request, was unreachable, or
     returned an incomplete schema";

/// Typed Rust bindings for an Attio workspace, from a committed snapshot of
/// its schema.
#[derive(Parser)]
#[command(name = "cargo attio-gen", bin_name = "cargo attio-gen", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Log each request to Attio (method, path, status, latency) on
    /// standard error; twice (-vv) for debug detail. Without it, only
    /// warnings (retries). RUST_LOG, when set, decides instead.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
}

#[derive(Subcommand)]
enum Command {
    /// Read the schema of a live workspace into the snapshot file.
    ///
    /// Reads every object and list with their attributes (archived ones
    /// too), select options and statuses, writes them in canonical form
    /// (atomically: a failed pull leaves the previous file as it was), and
    /// lists what changed since the previous snapshot. The key comes from
    /// ATTIO_API_KEY and is never printed.
    ///
    /// A schema that can only be an incomplete read is refused (exit 3)
    /// rather than written: a workspace without objects, or an object
    /// without attributes (Attio gives every object record_id, created_at
    /// and created_by).
    #[command(after_help = "\
Examples:
  export ATTIO_API_KEY=…      # scopes object_configuration:read, list_configuration:read
  cargo attio-gen pull
  cargo attio-gen pull --snapshot schema/attio-schema.json
  git diff attio-schema.json  # review, then commit it

  # against the emulator instead of Attio
  attio-emulator --schema attio-schema.json --port 4010 &
  ATTIO_API_KEY=any cargo attio-gen pull --base-url http://127.0.0.1:4010")]
    Pull(pull::PullArgs),
    /// Compare a live workspace with the snapshot: the command for CI.
    ///
    /// Exits 0 when they match, 1 with the differences on standard output
    /// when they do not: breaking changes (attribute or option removed,
    /// type changed, newly required or unique …) first, then additive ones.
    /// Never writes; refresh the snapshot with `cargo attio-gen pull`. A
    /// live schema that can only be an incomplete read (see `pull`) is an
    /// API error (exit 3), not drift.
    #[command(after_help = "\
Examples:
  ATTIO_API_KEY=… cargo attio-gen check   # scopes object_configuration:read, list_configuration:read
  cargo attio-gen check --snapshot schema/attio-schema.json

  # a CI step (GitHub Actions)
  - run: cargo attio-gen check
    env:
      ATTIO_API_KEY: ${{ secrets.ATTIO_API_KEY }}")]
    Check(check::CheckArgs),
    /// Generate the bindings: one struct per object and list, one enum per
    /// select or status attribute.
    ///
    /// Prints to standard output, or writes `--out` when it changed. Use this
    /// to check the bindings into the repository (rust-analyzer then needs
    /// no build script); otherwise generate from build.rs with
    /// `attio_codegen::Builder`.
    #[command(after_help = "\
Examples:
  cargo attio-gen generate
  cargo attio-gen generate --out src/attio.rs
  cargo attio-gen generate --out src/attio.rs --check   # in CI: fail if stale
  cargo attio-gen generate --out app/src/attio.rs       # from a workspace root: app's snapshot and config
  cargo attio-gen generate --snapshot schema/ws.json --crate-root . > src/attio.rs")]
    Generate(generate::GenerateArgs),
    /// Compare two snapshot files, offline: breaking changes (removed,
    /// retyped, newly required or unique …) first, then additive ones.
    #[command(after_help = "\
Examples:
  cargo attio-gen diff old/attio-schema.json attio-schema.json
  git show HEAD~1:attio-schema.json > /tmp/old.json && cargo attio-gen diff /tmp/old.json attio-schema.json")]
    Diff(diff::DiffArgs),
    /// Draw the snapshot's objects, lists and the record references between
    /// them as a Mermaid ER diagram or an SVG picture, offline.
    ///
    /// Mermaid renders on GitHub (in a `mermaid` code block of a Markdown file)
    /// and in most documentation tools. Each entity shows its reference
    /// attributes; each line is a reference labelled with its slug (a
    /// two-way relationship once, as `slug / inverse slug`), with its
    /// cardinality at each end: `o|` or `|o` at most one, `o{` or `}o` any
    /// number. Lists are joined to their parent object. Slugs Mermaid cannot read as names
    /// are quoted. The SVG (`--format svg`, or an `--out` file ending in
    /// `.svg`) draws the same boxes and lines, laid out, for a browser or an
    /// image viewer: lines are labelled `slug (one|many)`, arrowheads at both
    /// ends for a two-way relationship, dashed to a list's parent object.
    #[command(after_help = "\
Examples:
  cargo attio-gen diagram > workspace.mmd
  cargo attio-gen diagram --out workspace.svg           # SVG, from the extension
  cargo attio-gen diagram --around companies            # companies and what is one reference away
  cargo attio-gen diagram --attributes --out docs/workspace.mmd
  cargo attio-gen diagram --format svg --snapshot schema/ws.json > ws.svg")]
    Diagram(diagram::DiagramArgs),
    /// Plan what brings a live workspace to the snapshot, for review.
    ///
    /// Matches objects, lists and attributes by slug (options and statuses
    /// by title), so a snapshot pulled from staging plans against
    /// production. Lists what will be created and changed, grouped by
    /// object and list, each with its reason; archives (only with
    /// --allow-archive) come first; what Attio's API cannot change (a type,
    /// a slug) is listed for a person. Exits 0 when there is nothing to do,
    /// 1 when there is a plan. Never writes to the workspace.
    #[command(after_help = "\
Examples:
  ATTIO_API_KEY=… cargo attio-gen plan                  # scopes object_configuration:read, list_configuration:read
  cargo attio-gen plan --out plan.json                  # for `apply --plan`
  cargo attio-gen plan --allow-archive                  # also archive what the snapshot lacks")]
    Plan(plan::PlanArgs),
    /// Bring a live workspace to the snapshot (or carry out a saved plan).
    ///
    /// Creates objects before their attributes, lists after their parent
    /// object, a two-way relationship's sides together, options and
    /// statuses after their attribute; through the client's pacing and
    /// retries. Stops at the first refusal, saying what was done and what
    /// remains; running it again continues, and once the workspace
    /// matches it writes nothing.
    #[command(after_help = "\
Examples:
  ATTIO_API_KEY=… cargo attio-gen apply                 # plan, ask, apply; scopes object_configuration:read-write, list_configuration:read-write
  cargo attio-gen apply --plan plan.json --yes          # the reviewed plan, in CI")]
    Apply(apply::ApplyArgs),
}

/// The longest argument taken: a path's limit on Linux (`PATH_MAX`).
/// Slugs and URLs are far shorter; a longer argument is a mistake (a file
/// pasted for its name), and messages that quote it would bury the rest.
const MAX_ARGUMENT: usize = 4096;

fn main() -> ExitCode {
    // As a cargo subcommand the first argument is the subcommand's name.
    let args: Vec<OsString> = std::env::args_os()
        .enumerate()
        .filter(|(i, arg)| !(*i == 1 && arg == "attio-gen"))
        .map(|(_, arg)| arg)
        .collect();
    if let Some((i, arg)) = args
        .iter()
        .enumerate()
        .find(|(_, arg)| arg.len() > MAX_ARGUMENT)
    {
        eprintln!(
            "error: argument {i} is {} bytes long, more than the {MAX_ARGUMENT} a path, slug \
             or URL may have; check the command line (a file's contents given for its name?)",
            arg.len()
        );
        return ExitCode::from(2);
    }
    let cli = Cli::parse_from(args);
    logging::init(cli.verbose);
    let result = match cli.command {
        Command::Pull(args) => pull::pull(args),
        Command::Check(args) => check::check(args),
        Command::Generate(args) => generate::generate(args),
        Command::Diff(args) => diff::diff(args),
        Command::Diagram(args) => diagram::diagram(args),
        Command::Plan(args) => plan::plan(args),
        Command::Apply(args) => apply::apply(args),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Drift) => ExitCode::from(1),
        Err(failure) => {
            eprintln!("error: {failure}");
            ExitCode::from(match failure {
                Failure::Usage(_) => 2,
                Failure::Api(_) => 3,
            })
        }
    }
}
