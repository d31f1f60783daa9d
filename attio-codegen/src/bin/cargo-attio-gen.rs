//! `cargo attio-gen`: generate bindings from a schema snapshot, and compare
//! snapshots. Runs as a cargo subcommand (`cargo attio-gen …`, where cargo
//! passes `attio-gen` as the first argument) or directly
//! (`cargo-attio-gen …`).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use attio_codegen::{output, paths, Config, Error, Snapshot, DEFAULT_CONFIG_FILE, SCHEMA_ENV};
use attio_schema::DEFAULT_FILE_NAME;
use clap::{Args, Parser, Subcommand};

const EXIT_CODES: &str = "\
Exit codes:
  0  success (no drift, file up to date)
  1  drift: `generate --check` found a stale file, `diff` found changes
  2  usage or I/O error, invalid snapshot or config";

/// Typed Rust bindings for an Attio workspace, from a committed snapshot of
/// its schema.
#[derive(Parser)]
#[command(name = "cargo attio-gen", bin_name = "cargo attio-gen", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
  cargo attio-gen generate --out src/attio.rs --check   # in CI: fail if stale")]
    Generate(GenerateArgs),
    /// Compare two snapshot files, offline: breaking changes (removed,
    /// retyped, newly required or unique …) first, then additive ones.
    #[command(after_help = "\
Examples:
  cargo attio-gen diff old/attio-schema.json attio-schema.json
  git show HEAD~1:attio-schema.json > /tmp/old.json && cargo attio-gen diff /tmp/old.json attio-schema.json")]
    Diff(DiffArgs),
}

#[derive(Args)]
struct GenerateArgs {
    /// The schema snapshot.
    #[arg(long, default_value = DEFAULT_FILE_NAME, value_name = "FILE")]
    snapshot: PathBuf,
    /// Generator config (objects, lists, renames, type overrides); by
    /// default `attio-codegen.toml` when it exists.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Write the bindings to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Do not write: exit 1 if `--out` is missing or differs from what
    /// would be generated.
    #[arg(long, requires = "out")]
    check: bool,
}

#[derive(Args)]
struct DiffArgs {
    /// The older snapshot.
    old: PathBuf,
    /// The newer snapshot.
    new: PathBuf,
}

/// How a command ended, when it did not fail.
enum Outcome {
    Ok,
    Drift,
}

fn main() -> ExitCode {
    // As a cargo subcommand the first argument is the subcommand's name.
    let args = std::env::args_os()
        .enumerate()
        .filter(|(i, arg)| !(*i == 1 && arg == "attio-gen"))
        .map(|(_, arg)| arg);
    let cli = Cli::parse_from(args);
    let result = match cli.command {
        Command::Generate(args) => generate(args),
        Command::Diff(args) => diff(args),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Drift) => ExitCode::from(1),
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

fn generate(args: GenerateArgs) -> Result<Outcome, Error> {
    let snapshot = Snapshot::load(&args.snapshot)?;
    let config = match &args.config {
        Some(path) => Config::load(path)?,
        None if Path::new(DEFAULT_CONFIG_FILE).is_file() => Config::load(DEFAULT_CONFIG_FILE)?,
        None => Config::default(),
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    // The derive resolves `schema = "…"` against the manifest directory of
    // the crate that compiles the output: the one holding `--out`, or the
    // one we are in.
    let out_dir = args
        .out
        .as_ref()
        .and_then(|out| cwd.join(out).parent().map(Path::to_path_buf))
        .unwrap_or_else(|| cwd.clone());
    let manifest_dir = paths::manifest_dir_of(&out_dir).unwrap_or(out_dir);
    let env_set = std::env::var_os(SCHEMA_ENV).is_some_and(|v| !v.is_empty());
    let schema = paths::schema_attribute(&manifest_dir, &cwd.join(&args.snapshot), env_set);
    let code = attio_codegen::generate(&snapshot, &config, schema.as_deref())?;

    let Some(out) = args.out else {
        // A closed pipe (`| head`) is not an error worth reporting.
        let _ = std::io::stdout().write_all(code.as_bytes());
        return Ok(Outcome::Ok);
    };
    if args.check {
        return Ok(match std::fs::read(&out) {
            Ok(current) if current == code.as_bytes() => {
                eprintln!("{} is up to date", out.display());
                Outcome::Ok
            }
            Ok(_) => {
                eprintln!(
                    "{} is stale: the snapshot or config changed since it was generated; \
                     regenerate it with `cargo attio-gen generate --out {}`",
                    out.display(),
                    out.display()
                );
                Outcome::Drift
            }
            Err(e) => {
                eprintln!(
                    "{} cannot be read ({e}); generate it with `cargo attio-gen generate --out {}`",
                    out.display(),
                    out.display()
                );
                Outcome::Drift
            }
        });
    }
    if output::write_if_changed(&out, code.as_bytes())? {
        eprintln!("wrote {}", out.display());
    } else {
        eprintln!("{} is up to date", out.display());
    }
    Ok(Outcome::Ok)
}

fn diff(args: DiffArgs) -> Result<Outcome, Error> {
    let old = Snapshot::load(&args.old)?;
    let new = Snapshot::load(&args.new)?;
    let changes = attio_schema::diff::diff(&old.workspace, &new.workspace);
    print!("{changes}");
    Ok(if changes.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Drift
    })
}
