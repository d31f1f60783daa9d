//! The throwaway workspace of the check ratio: a root manifest, the
//! repository's lock file, and the two crates, checked by `cargo check`
//! with incremental compilation off (the full checks) or on (an edit to one
//! struct), each mode in a target directory of its own.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use attio_codegen::Snapshot;

use crate::Result;

pub const GENERATED: &str = "generated";
pub const HANDWRITTEN: &str = "handwritten";

/// How rustc checks the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `CARGO_INCREMENTAL=0`: every check checks the whole file.
    Full,
    /// `CARGO_INCREMENTAL=1`, as `cargo check` runs by default: what a
    /// user waits for after an edit.
    Incremental,
}

/// What a timed check follows.
#[derive(Debug, Clone, Copy)]
pub enum Touch<'s> {
    /// Nothing changed: cargo's own cost (start-up, fingerprints).
    Nothing,
    /// The source under a new first-line comment: a change rustc must see
    /// whole when incremental compilation is off.
    Comment(&'s str, usize),
    /// The source with a doc line added to its first struct: one struct
    /// edited, the rest as the previous check saw it.
    EditFirstStruct(&'s str, usize),
}

pub struct Workspace {
    root: PathBuf,
    /// The target directory of each mode: the setting of incremental
    /// compilation is part of every path dependency's fingerprint, so one
    /// directory for both would rebuild attio-runtime at each switch.
    targets: [PathBuf; 2],
    cargo: std::ffi::OsString,
}

impl Workspace {
    /// Writes the workspace at `root`, its target directories under `targets`:
    /// root manifest, lock file, both crates. `synthetic`, when given, is
    /// written as the generated crate's snapshot instead of `fixture`.
    pub fn create(
        root: &Path,
        targets: &Path,
        repo: &Path,
        fixture: &Path,
        synthetic: Option<&Snapshot>,
        generated: &str,
        handwritten: &str,
    ) -> Result<Workspace> {
        let runtime = repo.join("attio-runtime");
        let runtime = runtime
            .to_str()
            .ok_or_else(|| format!("path {} is not UTF-8", runtime.display()))?;
        write(
            &root.join("Cargo.toml"),
            "[workspace]\n\
             resolver = \"2\"\n\
             members = [\"generated\", \"handwritten\"]\n\n\
             [profile.dev.package.\"*\"]\n\
             debug = false\n",
        )?;
        let lock = repo.join("Cargo.lock");
        if lock.is_file() {
            copy(&lock, &root.join("Cargo.lock"))?;
        } else {
            eprintln!(
                "check_ratio: no {}; dependency versions are resolved afresh",
                lock.display()
            );
        }

        let manifest = |name: &str, deps: &str| {
            format!(
                "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
                 [dependencies]\n{deps}"
            )
        };
        let generated_dir = root.join(GENERATED);
        write(
            &generated_dir.join("Cargo.toml"),
            &manifest(
                GENERATED,
                &format!("attio-runtime = {{ path = {runtime:?} }}\n"),
            ),
        )?;
        // Where the derive looks when `#[attio(schema = …)]` is absent.
        let schema = generated_dir.join("attio-schema.json");
        match synthetic {
            Some(snapshot) => snapshot
                .write(&schema)
                .map_err(|e| format!("cannot write {}: {e}", schema.display()))?,
            None => copy(fixture, &schema)?,
        }
        write(&generated_dir.join("src/lib.rs"), generated)?;

        let handwritten_dir = root.join(HANDWRITTEN);
        write(
            &handwritten_dir.join("Cargo.toml"),
            &manifest(
                HANDWRITTEN,
                "serde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n",
            ),
        )?;
        write(&handwritten_dir.join("src/lib.rs"), handwritten)?;

        Ok(Workspace {
            root: root.to_path_buf(),
            targets: [targets.join("target"), targets.join("target-incremental")],
            cargo: std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()),
        })
    }

    /// The size of the generated crate's snapshot, in bytes.
    pub fn snapshot_len(&self) -> Result<u64> {
        let path = self.root.join(GENERATED).join("attio-schema.json");
        std::fs::metadata(&path)
            .map(|m| m.len())
            .map_err(|e| format!("cannot read {}: {e}", path.display()))
    }

    /// `cargo check` in the workspace, isolated from the environment that
    /// `cargo bench` runs this binary in.
    fn cargo_check(&self, args: &[&str], offline: bool, mode: Mode) -> Result<Output> {
        let (target, incremental) = match mode {
            Mode::Full => (&self.targets[0], "0"),
            Mode::Incremental => (&self.targets[1], "1"),
        };
        let mut cmd = Command::new(&self.cargo);
        cmd.arg("check")
            .args(args)
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", target)
            .env("CARGO_INCREMENTAL", incremental)
            // The derive would prefer this over the copied snapshot.
            .env_remove("ATTIO_SCHEMA")
            // Not this process's jobserver: the child schedules on its own.
            .env_remove("CARGO_MAKEFLAGS")
            .env_remove("MAKEFLAGS")
            .env_remove("MFLAGS")
            .env("CARGO_TERM_COLOR", "never");
        if offline {
            cmd.arg("--offline");
        }
        cmd.output()
            .map_err(|e| format!("cannot run {:?}: {e}", self.cargo))
    }

    /// Checks each crate once in each mode with the command the timed runs
    /// use, so that dependencies are built and both crates known to
    /// compile. Per crate, not `--workspace`: with resolver 2 the features
    /// of shared dependencies (serde, proc-macro2 …) are unified over the
    /// selected packages only, so `-p` alone needs builds of its own.
    /// Returns whether `--offline` worked.
    pub fn warm_up(&self, sources: &[(&str, &String); 2]) -> Result<bool> {
        let mut offline = true;
        for mode in [Mode::Full, Mode::Incremental] {
            for (name, source) in sources {
                // The pristine source, so that the first edit is an edit.
                write(&self.root.join(name).join("src/lib.rs"), source)?;
                let args = ["-p", name];
                let mut output = self.cargo_check(&args, offline, mode)?;
                if !output.status.success() && offline {
                    eprintln!(
                        "check_ratio: `cargo check --offline -p {name}` failed; retrying online"
                    );
                    offline = false;
                    output = self.cargo_check(&args, offline, mode)?;
                }
                if !output.status.success() {
                    return Err(format!(
                        "the warm-up `cargo check -p {name}` ({mode:?}) in {} failed:\n{}",
                        self.root.display(),
                        String::from_utf8_lossy(&output.stderr)
                    ));
                }
            }
        }
        Ok(offline)
    }

    /// Times `cargo check -p name` after `touch`, and makes sure that the
    /// crate was checked (or, after [`Touch::Nothing`], that nothing was).
    pub fn time_check(
        &self,
        name: &str,
        touch: Touch<'_>,
        offline: bool,
        mode: Mode,
    ) -> Result<Duration> {
        let edited = match touch {
            Touch::Nothing => None,
            Touch::Comment(source, run) => {
                let mut text = String::with_capacity(source.len() + 40);
                let _ = writeln!(text, "// check_ratio run {run}");
                text.push_str(source);
                Some(text)
            }
            Touch::EditFirstStruct(source, run) => Some(edit_first_struct(source, run)?),
        };
        if let Some(text) = &edited {
            write(&self.root.join(name).join("src/lib.rs"), text)?;
        }

        let start = Instant::now();
        let output = self.cargo_check(&["-p", name], offline, mode)?;
        let took = start.elapsed();

        let stderr = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            return Err(format!("`cargo check -p {name}` failed:\n{stderr}"));
        }
        let built: Vec<&str> = stderr
            .lines()
            .map(str::trim_start)
            .filter(|l| l.starts_with("Checking ") || l.starts_with("Compiling "))
            .collect();
        let this = format!("Checking {name} ");
        let expected = match edited {
            // A run that checked nothing measured nothing.
            Some(_) if !built.iter().any(|l| l.starts_with(&this)) => {
                return Err(format!(
                    "`cargo check -p {name}` did not re-check {name} after its src/lib.rs changed:\n{stderr}"
                ));
            }
            Some(_) => 1,
            None => 0,
        };
        // Anything else (a dependency rebuilt because its sources changed
        // meanwhile) inflates this run.
        if built.len() > expected {
            eprintln!(
                "check_ratio: warning: `cargo check -p {name}` rebuilt more than expected ({}); its time is inflated",
                built.join("; ")
            );
        }
        Ok(took)
    }
}

/// The source with a doc line naming the run above its first struct's
/// `pub struct` line: what a person does to one struct, in both crates.
fn edit_first_struct(source: &str, run: usize) -> Result<String> {
    let at = source
        .find("\npub struct ")
        .ok_or("the source declares no `pub struct`")?;
    let mut text = String::with_capacity(source.len() + 40);
    text.push_str(&source[..=at]);
    let _ = writeln!(text, "/// Edited in check_ratio run {run}.");
    text.push_str(&source[at + 1..]);
    Ok(text)
}

/// The target directory this bench was built in: the one above
/// `release/deps/`, where cargo puts bench executables (absolute, unlike a
/// relative `CARGO_TARGET_DIR`).
pub fn target_dir() -> Result<PathBuf> {
    let exe =
        std::env::current_exe().map_err(|e| format!("cannot find this bench's executable: {e}"))?;
    exe.ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .ok_or_else(|| format!("{} is not in a target directory", exe.display()))
}

fn write(path: &Path, contents: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn copy(from: &Path, to: &Path) -> Result<()> {
    std::fs::copy(from, to)
        .map(drop)
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}
