//! `cargo attio-gen generate`: the bindings, to standard output or a file.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use attio_codegen::{output, paths, Config, Snapshot, DEFAULT_CONFIG_FILE};
use attio_schema::DEFAULT_FILE_NAME;
use clap::Args;

use crate::outcome::{Failure, Outcome};

#[derive(Args)]
pub struct GenerateArgs {
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

pub fn generate(args: GenerateArgs) -> Result<Outcome, Failure> {
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
    let env_set = paths::schema_env_set();
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
