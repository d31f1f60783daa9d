//! `cargo attio-gen generate`: the bindings, to standard output or a file.
//!
//! Paths on the command line are relative to the working directory, as in
//! any command; the defaults (snapshot, config) and the `schema = "…"`
//! written into the bindings follow the crate that will compile them, whose
//! root is `--crate-root` or the nearest `Cargo.toml` above `--out` (above
//! the working directory for standard output, as for the other commands).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use attio_codegen::{output, paths, ConfigLocation};
use attio_schema::locate::{locate, SCHEMA_ENV};
use attio_schema::{Snapshot, Target};
use clap::Args;

use crate::crate_dir;
use crate::out_file;
use crate::outcome::{Failure, Outcome};

#[derive(Args)]
pub struct GenerateArgs {
    /// The schema snapshot [default: `attio-schema.json` (or
    /// `$ATTIO_SCHEMA`) beside the crate's Cargo.toml].
    #[arg(long, value_name = "FILE")]
    snapshot: Option<PathBuf>,
    /// Generator config (objects, lists, renames, type overrides); by
    /// default `attio-codegen.toml` beside the crate's Cargo.toml, when it
    /// exists.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The root (the directory of Cargo.toml) of the crate that compiles
    /// the bindings [default: the nearest Cargo.toml above `--out`].
    #[arg(long, value_name = "DIR")]
    crate_root: Option<PathBuf>,
    /// Write the bindings to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Do not write: exit 1 if `--out` is missing or differs from what
    /// would be generated.
    #[arg(long, requires = "out")]
    check: bool,
}

pub fn generate(args: GenerateArgs) -> Result<Outcome, Failure> {
    let cwd = crate_dir::cwd()?;
    let crate_root = crate_root(&args, &cwd)?;
    // Without a crate root (standard output) the crate of the working
    // directory stands in for it, which is only safe when the bindings need
    // no path.
    let root = crate_root
        .clone()
        .unwrap_or_else(|| crate_dir::enclosing_crate(&cwd));
    let env = std::env::var_os(SCHEMA_ENV);
    let snapshot = match &args.snapshot {
        Some(path) => cwd.join(path),
        None => locate(&root, None, env.as_deref()).0,
    };
    // A missing snapshot is the first thing to fix, whatever else is wrong.
    // Only a default looked for from the working directory (no crate root
    // given or found above `--out`) can be blamed on the folder it ran in.
    let loaded = Snapshot::load(shown(&cwd, &snapshot)).map_err(|e| {
        if args.snapshot.is_none() && crate_root.is_none() {
            crate_dir::outside_a_crate(e)
        } else {
            Failure::from(e)
        }
    })?;
    let schema = paths::schema_attribute(&root, &snapshot, paths::schema_env_set());
    if crate_root.is_none() && schema.is_some() {
        return Err(Failure::Usage(stdout_needs_a_crate_root(
            &args, &cwd, &snapshot,
        )));
    }
    let explicit = args.config.as_ref().map(|path| cwd.join(path));
    let mut config = ConfigLocation::of(&root, explicit.as_deref());
    config.path = shown(&cwd, &config.path).to_path_buf();
    if let Some(out) = args.out.as_ref().filter(|_| !args.check) {
        out_file::check(
            out,
            &out_file::BINDINGS,
            &[("snapshot", &snapshot), ("generator config", &config.path)],
        )?;
    }
    let config = config.load()?;
    let generated = attio_codegen::generate_with_notes(&loaded, &config, schema.as_deref())?;
    // Before the summary, which stays the last line; on stderr, like it.
    for note in &generated.notes {
        eprintln!("note: {note}");
    }
    let code = generated.code;
    let summary = summary(&loaded, &config, &code, shown(&cwd, &snapshot));

    let Some(out) = &args.out else {
        // A closed pipe (`| head`) is not an error worth reporting.
        let _ = std::io::stdout().write_all(code.as_bytes());
        // On stderr, so that `> src/attio.rs` still gets only the code.
        eprintln!("{summary}");
        return Ok(Outcome::Ok);
    };
    if args.check {
        let again = command(&args, None);
        return Ok(match std::fs::read(out) {
            Ok(current) if current == code.as_bytes() => {
                eprintln!("{} is up to date", out.display());
                Outcome::Ok
            }
            Ok(_) => {
                eprintln!(
                    "{} is stale: it differs from what the snapshot and config generate \
                     (they changed, or the file was edited by hand); regenerate it with `{again}`",
                    out.display(),
                );
                Outcome::Drift
            }
            Err(e) => {
                eprintln!(
                    "{} cannot be read: {}; generate it with `{again}`",
                    out.display(),
                    attio_schema::io_reason(&e),
                );
                Outcome::Drift
            }
        });
    }
    if output::write_if_changed(out, code.as_bytes())? {
        eprintln!("wrote {}: {summary}", out.display());
    } else {
        eprintln!("{} is up to date", out.display());
    }
    Ok(Outcome::Ok)
}

/// What was generated, in one line: `generated 4 object structs, 1 list
/// struct and 9 enums (1,024 lines) from attio-schema.json`.
fn summary(snapshot: &Snapshot, config: &attio_codegen::Config, code: &str, from: &Path) -> String {
    let counts = attio_codegen::layout::layout(&snapshot.canonical(), config).map(|layout| {
        let objects = layout
            .structs
            .iter()
            .filter(|s| s.target == Target::Object)
            .count();
        let enums: usize = layout.structs.iter().map(|s| s.enums.len()).sum();
        (objects, layout.structs.len() - objects, enums)
    });
    let (objects, lists, enums) = counts.unwrap_or_default();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "generated {}, {} and {} ({} lines) from {}",
        plural(objects, "object struct", "object structs"),
        plural(lists, "list struct", "list structs"),
        plural(enums, "enum", "enums"),
        code.lines().count(),
        from.display()
    )
}

/// `--crate-root`, or the crate `--out` is in; `None` for standard output
/// without `--crate-root`.
fn crate_root(args: &GenerateArgs, cwd: &Path) -> Result<Option<PathBuf>, Failure> {
    if let Some(dir) = &args.crate_root {
        let dir = cwd.join(dir);
        if !dir.join("Cargo.toml").is_file() {
            return Err(Failure::Usage(format!(
                "--crate-root {} holds no Cargo.toml; name the directory of the Cargo.toml \
                 of the crate that compiles the bindings",
                shown(cwd, &dir).display()
            )));
        }
        return Ok(Some(dir));
    }
    let Some(out) = &args.out else {
        return Ok(None);
    };
    let folder = cwd.join(out);
    let folder = folder.parent().unwrap_or(cwd);
    paths::manifest_dir_of(folder).map(Some).ok_or_else(|| {
        Failure::Usage(format!(
            "no Cargo.toml at or above {}, so the crate that compiles {} is unknown; \
             create the crate first (`cargo init`) or name its root with `--crate-root DIR`",
            shown(cwd, folder).display(),
            out.display()
        ))
    })
}

/// The error for standard output when the derive would need a path: which
/// crate compiles the bindings cannot be told from a redirection.
fn stdout_needs_a_crate_root(args: &GenerateArgs, cwd: &Path, snapshot: &Path) -> String {
    // The crate the snapshot is in is the likely one.
    let guess = snapshot
        .parent()
        .and_then(paths::manifest_dir_of)
        .map(|dir| display_dir(shown(cwd, &dir)))
        .unwrap_or_else(|| "DIR".to_owned());
    let redirect = if guess == "DIR" || guess == "." {
        "src/attio.rs".to_owned()
    } else {
        format!("{guess}/src/attio.rs")
    };
    format!(
        "the snapshot {} is not the default of the crate in the working directory, and \
         writing to standard output says nothing about which crate will compile the \
         bindings, whose `schema = \"…\"` must be relative to that crate's root; name it: \
         `{} > {}`, or write the file with `--out FILE`",
        shown(cwd, snapshot).display(),
        command(args, Some(&guess)),
        quoted(&redirect)
    )
}

/// The command line that was given (with `crate_root` added when the
/// user gave none), for hints that say how to run it again.
fn command(args: &GenerateArgs, crate_root: Option<&str>) -> String {
    let mut line = "cargo attio-gen generate".to_owned();
    let mut push = |flag: &str, value: &str| {
        line.push_str(&format!(" {flag} {}", quoted(value)));
    };
    if let Some(path) = &args.snapshot {
        push("--snapshot", &path.display().to_string());
    }
    if let Some(path) = &args.config {
        push("--config", &path.display().to_string());
    }
    match (&args.crate_root, crate_root) {
        (Some(dir), _) => push("--crate-root", &dir.display().to_string()),
        (None, Some(dir)) => push("--crate-root", dir),
        (None, None) => {}
    }
    if let Some(path) = &args.out {
        push("--out", &path.display().to_string());
    }
    line
}

/// `path` relative to the working directory when it is inside it, so that
/// messages show paths the way the user typed them.
fn shown<'a>(cwd: &Path, path: &'a Path) -> &'a Path {
    path.strip_prefix(cwd).unwrap_or(path)
}

fn display_dir(dir: &Path) -> String {
    match dir.display().to_string() {
        empty if empty.is_empty() => ".".to_owned(),
        dir => dir,
    }
}

/// A word for a POSIX shell: as it is when it needs no quoting.
fn quoted(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@+=,".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}
