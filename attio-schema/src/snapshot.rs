//! The snapshot file, `attio-schema.json`: a workspace schema in a stable,
//! versioned, fingerprinted form that is committed beside the code.
//!
//! Canonical form: objects, lists, attributes, options and statuses sorted by
//! slug (options and statuses by title), pretty-printed with two spaces, and a
//! trailing newline. Two snapshots of the same schema are byte-identical, so a
//! diff in review shows only real schema changes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::Workspace;

/// The snapshot format this version reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The conventional file name, looked for beside a crate's `Cargo.toml`.
pub const DEFAULT_FILE_NAME: &str = "attio-schema.json";

/// A workspace schema as stored in a snapshot file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Snapshot {
    /// The schema.
    pub workspace: Workspace,
}

#[derive(Serialize)]
struct FileOut<'a> {
    format_version: u32,
    fingerprint: String,
    #[serde(flatten)]
    workspace: &'a Workspace,
}

/// Why a snapshot could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// The file could not be read.
    #[error("cannot read Attio schema snapshot {}: {}; {}", path.display(), crate::io_reason(source), read_advice(source))]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not JSON, or not a snapshot.
    #[error("invalid Attio schema snapshot {}: {}{message}; fix the file or regenerate it with `cargo attio-gen pull`", path.display(), location(json_path))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Where in the document the problem is, e.g.
        /// `objects[2].attributes[0].type`; `.` for the whole document.
        json_path: String,
        /// What is wrong there.
        message: String,
    },
    /// The file was written by a different version of the format.
    #[error("Attio schema snapshot {} has format version {found}, but this version of attio-codegen reads version {FORMAT_VERSION}; regenerate it with `cargo attio-gen pull` or use a matching attio-codegen version", path.display())]
    UnsupportedVersion {
        /// The file.
        path: PathBuf,
        /// The version found in the file.
        found: String,
    },
    /// The file could not be written.
    #[error("cannot write Attio schema snapshot {}: {}; check that its directory exists and is writable", path.display(), crate::io_reason(source))]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// What to do about a snapshot that cannot be read: create a missing one,
/// name the file rather than its folder, or make it readable.
fn read_advice(error: &std::io::Error) -> &'static str {
    match error.kind() {
        std::io::ErrorKind::NotFound => {
            "create it with `cargo attio-gen pull` or point to an existing one"
        }
        std::io::ErrorKind::IsADirectory => "name the snapshot file (attio-schema.json) itself",
        _ => "point to a readable snapshot file",
    }
}

/// `at `path`: ` before a message about part of the document; nothing when
/// the message is about the whole document.
fn location(json_path: &str) -> String {
    if json_path == "." {
        String::new()
    } else {
        format!("at `{json_path}`: ")
    }
}

/// The first slug that appears twice where Attio keeps slugs unique
/// (objects, lists, the attributes of one object or list), as the JSON path
/// of its second occurrence and a message naming the first. The generator
/// would otherwise emit two types of one name, and the derive would check
/// a field against whichever came first.
fn duplicate_slug(workspace: &Workspace) -> Option<(String, String)> {
    fn first_repeat<'a>(slugs: impl Iterator<Item = &'a str>) -> Option<(usize, usize, &'a str)> {
        let mut seen = std::collections::HashMap::new();
        for (i, slug) in slugs.enumerate() {
            if let Some(&first) = seen.get(slug) {
                return Some((first, i, slug));
            }
            seen.insert(slug, i);
        }
        None
    }
    let report = |collection: String, (first, second, slug): (usize, usize, &str), what: &str| {
        (
            format!("{collection}[{second}].api_slug"),
            format!("duplicate slug `{slug}`, already the slug of {collection}[{first}]; {what}"),
        )
    };
    let objects = workspace.objects.iter().map(|o| o.api_slug.as_str());
    if let Some(repeat) = first_repeat(objects) {
        return Some(report(
            "objects".into(),
            repeat,
            "object slugs are unique in a workspace",
        ));
    }
    let lists = workspace.lists.iter().map(|l| l.api_slug.as_str());
    if let Some(repeat) = first_repeat(lists) {
        return Some(report(
            "lists".into(),
            repeat,
            "list slugs are unique in a workspace",
        ));
    }
    let owners = (workspace.objects.iter().map(|o| &o.attributes).enumerate())
        .map(|(i, a)| (format!("objects[{i}].attributes"), a))
        .chain(
            (workspace.lists.iter().map(|l| &l.attributes).enumerate())
                .map(|(i, a)| (format!("lists[{i}].attributes"), a)),
        );
    for (collection, attributes) in owners {
        if let Some(repeat) = first_repeat(attributes.iter().map(|a| a.api_slug.as_str())) {
            return Some(report(
                collection,
                repeat,
                "attribute slugs are unique within an object or list",
            ));
        }
    }
    None
}

/// A snapshot file read in one pass: the header's keys beside the
/// workspace's, straight into the model. Four times faster than the path
/// through a `serde_json::Value` (which keeps the JSON path of an error),
/// and the derive reads the whole file in every crate it checks, in an
/// unoptimised build unless the user's profile says otherwise.
#[derive(serde::Deserialize)]
struct FileIn {
    format_version: u64,
    #[serde(default)]
    objects: Vec<crate::Object>,
    #[serde(default)]
    lists: Vec<crate::List>,
}

/// The workspace of a well-formed snapshot of this format version, or
/// `None` for anything else: the caller reads it again the slow way.
fn well_formed(bytes: &[u8]) -> Option<Workspace> {
    // A derived `Deserialize` also takes a struct as a JSON array.
    if bytes.trim_ascii_start().first() != Some(&b'{') {
        return None;
    }
    let file: FileIn = serde_json::from_slice(bytes).ok()?;
    (file.format_version == u64::from(FORMAT_VERSION)).then_some(Workspace {
        objects: file.objects,
        lists: file.lists,
    })
}

impl Snapshot {
    /// Wraps a workspace schema.
    pub fn new(workspace: Workspace) -> Snapshot {
        Snapshot { workspace }
    }

    /// Reads and validates a snapshot file.
    pub fn load(path: impl AsRef<Path>) -> Result<Snapshot, SnapshotError> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| SnapshotError::Read {
            path: path.to_owned(),
            source,
        })?;
        Snapshot::from_slice(&bytes, path)
    }

    /// Parses snapshot bytes; `path` is only used in error messages.
    pub fn from_slice(bytes: &[u8], path: impl AsRef<Path>) -> Result<Snapshot, SnapshotError> {
        let path = path.as_ref();
        let invalid = |json_path: &str, message: String| SnapshotError::Invalid {
            path: path.to_owned(),
            json_path: json_path.to_owned(),
            message: crate::elided(message),
        };
        // The common case first, in one pass; anything it does not accept is
        // read again below, the slow way, for the exact message and path.
        if let Some(workspace) = well_formed(bytes) {
            return match duplicate_slug(&workspace) {
                None => Ok(Snapshot::new(workspace)),
                Some((json_path, message)) => Err(invalid(&json_path, message)),
            };
        }
        // serde_json's message already ends with "at line L column C".
        let value: serde_json::Value = serde_json::from_slice(bytes)
            .map_err(|e| invalid(".", format!("not valid JSON: {e}")))?;
        let serde_json::Value::Object(mut root) = value else {
            return Err(invalid(".", "expected a JSON object".to_owned()));
        };
        match root.get("format_version") {
            None => {
                return Err(invalid(
                    "format_version",
                    format!("missing; a snapshot starts with \"format_version\": {FORMAT_VERSION}"),
                ))
            }
            Some(v) if v.as_u64() == Some(u64::from(FORMAT_VERSION)) => {}
            // "1" or null is a damaged file, not one of another version.
            Some(other) if other.as_u64().is_none() => {
                return Err(invalid(
                    "format_version",
                    format!("expected a whole number ({FORMAT_VERSION} for this version of attio-codegen), found {other}"),
                ))
            }
            Some(other) => {
                return Err(SnapshotError::UnsupportedVersion {
                    path: path.to_owned(),
                    found: other.to_string(),
                })
            }
        }
        // The header keys are not part of the schema: the version was checked
        // above and the fingerprint is recomputed on write. Removing them and
        // deserializing the workspace directly (rather than through a
        // `#[serde(flatten)]` wrapper, which buffers the document) keeps the
        // JSON path of an error, e.g. `objects[1].attributes[0].is_unique`.
        root.remove("format_version");
        root.remove("fingerprint");
        let workspace: Workspace =
            serde_path_to_error::deserialize(serde_json::Value::Object(root)).map_err(|e| {
                let json_path = e.path().to_string();
                invalid(&json_path, e.into_inner().to_string())
            })?;
        if let Some((json_path, message)) = duplicate_slug(&workspace) {
            return Err(invalid(&json_path, message));
        }
        Ok(Snapshot::new(workspace))
    }

    /// The workspace in canonical order (see the module docs).
    pub fn canonical(&self) -> Workspace {
        let mut ws = self.workspace.clone();
        ws.objects.sort_by(|a, b| a.api_slug.cmp(&b.api_slug));
        ws.lists.sort_by(|a, b| a.api_slug.cmp(&b.api_slug));
        let attributes = ws
            .objects
            .iter_mut()
            .map(|o| &mut o.attributes)
            .chain(ws.lists.iter_mut().map(|l| &mut l.attributes));
        for attrs in attributes {
            attrs.sort_by(|a, b| a.api_slug.cmp(&b.api_slug));
            for attr in attrs.iter_mut() {
                attr.options.sort_by(|a, b| a.title.cmp(&b.title));
                attr.statuses.sort_by(|a, b| a.title.cmp(&b.title));
            }
        }
        ws
    }

    /// Hex SHA-256 of the canonical schema (without the fingerprint itself),
    /// prefixed `sha256:`. Equal for equal schemas whatever their order.
    pub fn fingerprint(&self) -> String {
        Snapshot::fingerprint_of_canonical(&self.canonical())
    }

    /// The fingerprint of a workspace already in canonical order (the
    /// result of [`canonical`](Self::canonical)), without sorting a copy again.
    pub fn fingerprint_of_canonical(canonical: &Workspace) -> String {
        // Serialising a `Workspace` cannot fail: its maps have string keys
        // and its raw JSON is already a `serde_json::Value`.
        #[allow(clippy::expect_used)]
        let body = serde_json::to_vec(canonical)
            .expect("a Workspace always serializes: its maps have string keys");
        let digest = Sha256::digest(&body);
        let mut hex = String::with_capacity(7 + 64);
        hex.push_str("sha256:");
        for byte in digest {
            let _ = write!(hex, "{byte:02x}");
        }
        hex
    }

    /// The canonical file contents: pretty JSON with a trailing newline.
    pub fn to_canonical_string(&self) -> String {
        self.canonical_file().text
    }

    /// The canonical file contents and the fingerprint they carry, from
    /// one canonical copy of the schema (sorting it, and hashing it, are
    /// the costly parts of writing a snapshot).
    pub fn canonical_file(&self) -> CanonicalFile {
        let workspace = self.canonical();
        let fingerprint = Snapshot::fingerprint_of_canonical(&workspace);
        let file = FileOut {
            format_version: FORMAT_VERSION,
            fingerprint: fingerprint.clone(),
            workspace: &workspace,
        };
        // Cannot fail, as in `fingerprint_of_canonical`.
        #[allow(clippy::expect_used)]
        let mut text = serde_json::to_string_pretty(&file)
            .expect("a Workspace always serializes: its maps have string keys");
        text.push('\n');
        CanonicalFile { text, fingerprint }
    }

    /// Writes the canonical form atomically (see [`write_atomically`]).
    pub fn write(&self, path: impl AsRef<Path>) -> Result<(), SnapshotError> {
        let path = path.as_ref();
        write_atomically(path, self.to_canonical_string().as_bytes()).map_err(|source| {
            SnapshotError::Write {
                path: path.to_owned(),
                source,
            }
        })
    }
}

/// A snapshot file's text and fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanonicalFile {
    /// The file contents (see [`Snapshot::to_canonical_string`]).
    pub text: String,
    /// The fingerprint written in it (see [`Snapshot::fingerprint`]).
    pub fingerprint: String,
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`: a failed write leaves the previous file whole, never a partial
/// one. Used for snapshots and for generated bindings alike.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let file_name = path.file_name().ok_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, "the path names no file")
    })?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(file_name);
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp = path.with_file_name(temp_name);
    // On any failure the temporary file goes (a full disk may leave it
    // half written) and `path` is as it was.
    std::fs::write(&temp, bytes)
        .and_then(|()| std::fs::rename(&temp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/workspace/attio-schema.json"
    );

    #[test]
    fn the_one_pass_read_equals_the_checked_one() {
        let bytes = std::fs::read(FIXTURE).unwrap();
        let fast = well_formed(&bytes).expect("the fixture is well-formed");
        let slow = Snapshot::from_slice(&bytes, FIXTURE).unwrap();
        assert_eq!(fast, slow.workspace);
        assert!(!fast.objects.is_empty() && !fast.lists.is_empty());
    }

    #[test]
    fn the_one_pass_read_leaves_the_rest_to_the_checked_one() {
        for refused in [
            r#"[1, [], []]"#,
            r#"{"format_version": 2, "objects": []}"#,
            r#"{"format_version": "1", "objects": []}"#,
            r#"{"objects": []}"#,
            r#"{"format_version": 1, "objects": [], "objects": []}"#,
        ] {
            assert_eq!(well_formed(refused.as_bytes()), None, "{refused}");
        }
        let header_only = r#" {"format_version": 1, "fingerprint": "sha256:0", "lists": []}"#;
        assert_eq!(
            well_formed(header_only.as_bytes()),
            Some(Workspace::default())
        );
    }
}
