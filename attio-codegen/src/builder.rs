//! [`Builder`]: generation from a build script, prost-build style.

use std::path::{Path, PathBuf};

use attio_schema::locate::{locate_from_env, SCHEMA_ENV};
use attio_schema::Snapshot;

use crate::config::{Config, ConfigLocation};
use crate::pipeline::generate_with_notes;
use crate::{output, paths, Error};

/// Generates bindings into `OUT_DIR` from a build script.
///
/// Relative paths are resolved against the crate's `CARGO_MANIFEST_DIR`.
/// By default the snapshot is `attio-schema.json` (or `$ATTIO_SCHEMA`),
/// the config `attio-codegen.toml` when it exists, and the output
/// `$OUT_DIR/attio.rs`. The file is only written when its bytes change, so
/// an unchanged schema does not recompile the crate, and cargo is told to
/// rerun the script when the snapshot or the config changes.
///
/// The config and the snapshot are found by the same rules as
/// `cargo attio-gen generate` ([`ConfigLocation`],
/// [`attio_schema::locate`]). A config file created after the first build
/// is read at the next build when the crate's folder does not hold the
/// target directory (a workspace member, or `CARGO_TARGET_DIR` elsewhere):
/// the script then watches that folder. A single crate whose `target/` is
/// inside it cannot be watched so (every build writes there), nor a missing
/// file (cargo counts it as changed on every build); there the config is
/// read once the script reruns (`touch build.rs`).
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), attio_codegen::Error> {
///     attio_codegen::Builder::new()
///         .snapshot("schema/attio-schema.json")
///         .objects(["companies", "people", "deals"])
///         .rename("companies", "Organisation")
///         .type_override("people.job_title", "crate::JobTitle")
///         .out_file("crm.rs")
///         .generate()?;
///     Ok(())
/// }
/// ```
///
/// A missing or invalid snapshot fails the build with a message that names
/// the file and says how to fix it.
#[derive(Debug, Clone)]
pub struct Builder {
    snapshot: Option<PathBuf>,
    config_file: Option<PathBuf>,
    settings: Config,
    out_dir: Option<PathBuf>,
    out_file: PathBuf,
    cargo_instructions: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    /// The defaults described above.
    pub fn new() -> Builder {
        Builder {
            snapshot: None,
            config_file: None,
            settings: Config::default(),
            out_dir: None,
            out_file: PathBuf::from("attio.rs"),
            cargo_instructions: true,
        }
    }

    /// The snapshot file (default: `attio-schema.json`, or `$ATTIO_SCHEMA`).
    pub fn snapshot(mut self, path: impl Into<PathBuf>) -> Builder {
        self.snapshot = Some(path.into());
        self
    }

    /// A config file to read (default: `attio-codegen.toml` if it exists).
    /// Unlike the default, a file named here must exist.
    pub fn config_file(mut self, path: impl Into<PathBuf>) -> Builder {
        self.config_file = Some(path.into());
        self
    }

    /// The output directory (default: `$OUT_DIR`).
    pub fn out_dir(mut self, path: impl Into<PathBuf>) -> Builder {
        self.out_dir = Some(path.into());
        self
    }

    /// The output file name within the output directory (default: `attio.rs`).
    pub fn out_file(mut self, name: impl Into<PathBuf>) -> Builder {
        self.out_file = name.into();
        self
    }

    /// Generates only these objects (added to the config file's `objects`).
    pub fn objects<S: Into<String>>(mut self, slugs: impl IntoIterator<Item = S>) -> Builder {
        let objects = self.settings.objects.get_or_insert_with(Vec::new);
        objects.extend(slugs.into_iter().map(Into::into));
        self
    }

    /// Generates only these lists (added to the config file's `lists`).
    pub fn lists<S: Into<String>>(mut self, slugs: impl IntoIterator<Item = S>) -> Builder {
        let lists = self.settings.lists.get_or_insert_with(Vec::new);
        lists.extend(slugs.into_iter().map(Into::into));
        self
    }

    /// Leaves these objects or lists out.
    pub fn exclude<S: Into<String>>(mut self, slugs: impl IntoIterator<Item = S>) -> Builder {
        self.settings
            .exclude
            .extend(slugs.into_iter().map(Into::into));
        self
    }

    /// Also generates archived attributes (read-only) and archived options.
    pub fn include_archived(mut self, yes: bool) -> Builder {
        self.settings.include_archived = yes;
        self
    }

    /// Renames a struct (`key` = `"companies"`) or a field
    /// (`key` = `"companies.domains"`).
    pub fn rename(mut self, key: impl Into<String>, name: impl Into<String>) -> Builder {
        self.settings.rename.insert(key.into(), name.into());
        self
    }

    /// Uses `rust_type` (a path) for one value of an attribute
    /// (`key` = `"people.job_title"`).
    pub fn type_override(
        mut self,
        key: impl Into<String>,
        rust_type: impl Into<String>,
    ) -> Builder {
        self.settings.types.insert(key.into(), rust_type.into());
        self
    }

    /// Whether to print `cargo:rerun-if-changed` lines (default: yes).
    pub fn cargo_instructions(mut self, yes: bool) -> Builder {
        self.cargo_instructions = yes;
        self
    }

    /// Generates, writes the file if it changed, and returns its path.
    pub fn generate(self) -> Result<PathBuf, Error> {
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        // The derive's rule, so that both read one file.
        let (snapshot_path, _) = locate_from_env(self.snapshot.as_deref());
        self.rerun_if_changed(&snapshot_path);
        self.rerun_if_env_changed(SCHEMA_ENV);
        let snapshot = Snapshot::load(&snapshot_path)?;

        let cargo_out_dir = std::env::var_os("OUT_DIR").map(PathBuf::from);
        let out_dir = match &self.out_dir {
            Some(dir) => manifest_dir.join(dir),
            None => cargo_out_dir.clone().ok_or(Error::NoOutDir)?,
        };
        let out = out_dir.join(&self.out_file);

        let location = ConfigLocation::of(&manifest_dir, self.config_file.as_deref());
        if location.explicit || location.path.is_file() {
            self.rerun_if_changed(&location.path);
        } else if let Some(folder) =
            watchable_folder(&location.path, &out, cargo_out_dir.as_deref())
        {
            self.rerun_if_changed(folder);
        }
        let mut config = location.load()?;
        config.merge(self.settings);

        let schema_path =
            paths::schema_attribute(&manifest_dir, &snapshot_path, paths::schema_env_set());
        let generated = generate_with_notes(&snapshot, &config, schema_path.as_deref())?;
        // Suffixed names and raw-JSON fields are correct code, so a warning
        // rather than an error.
        if self.cargo_instructions {
            for note in &generated.notes {
                println!("cargo:warning=note: {note}");
            }
        }
        output::write_if_changed(&out, generated.code.as_bytes())?;
        Ok(out)
    }

    fn rerun_if_changed(&self, path: &Path) {
        if self.cargo_instructions {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }

    fn rerun_if_env_changed(&self, name: &str) {
        if self.cargo_instructions {
            println!("cargo:rerun-if-env-changed={name}");
        }
    }
}

/// The folder to watch for a config file that does not exist yet, when
/// cargo can watch it: cargo treats a missing watched file as changed on
/// every build (rerunning this script and recompiling the crate), and scans
/// a watched folder recursively, so a folder that holds the output or the
/// target directory would change on every build too.
fn watchable_folder<'p>(config: &'p Path, out: &Path, out_dir: Option<&Path>) -> Option<&'p Path> {
    let folder = config.parent()?;
    let holds = |path: &Path| paths::normalize(path).starts_with(paths::normalize(folder));
    let busy = holds(out) || out_dir.is_some_and(holds);
    (!busy && folder.is_dir()).then_some(folder)
}

#[cfg(test)]
mod tests {
    use super::watchable_folder;

    #[test]
    fn a_folder_is_watched_only_when_no_build_writes_into_it() {
        let tmp = tempfile::tempdir().unwrap();
        let member = tmp.path().join("ws/app");
        std::fs::create_dir_all(&member).unwrap();
        let config = member.join("attio-codegen.toml");
        let shared = tmp.path().join("ws/target/debug/build/app-1/out");

        // A workspace member: the target directory is the workspace's.
        let out = shared.join("attio.rs");
        assert_eq!(
            watchable_folder(&config, &out, Some(&shared)),
            Some(member.as_path())
        );
        // A single crate: its own target/ changes on every build.
        let own = member.join("target/debug/build/app-1/out");
        assert_eq!(
            watchable_folder(&config, &own.join("attio.rs"), Some(&own)),
            None
        );
        // Output written into the crate (`out_dir("src")`).
        let into_src = member.join("src/../src/attio.rs");
        assert_eq!(watchable_folder(&config, &into_src, Some(&shared)), None);
        // A config folder that does not exist is not a folder to watch.
        let gone = tmp.path().join("nowhere/attio-codegen.toml");
        assert_eq!(watchable_folder(&gone, &out, Some(&shared)), None);
    }
}
