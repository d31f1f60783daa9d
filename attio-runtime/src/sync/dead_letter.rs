//! The dead-letter file: one JSON line per failed input (the input as
//! written, and the error), readable back as inputs to sync again.

use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::{json, Map, Value};

use crate::record::{Entry, Record, Values, Write};
use crate::request::EntryCreate;
use crate::Error;
use crate::RecordId;

/// Where a sync writes its failures: a JSON-lines file, written only when
/// an input fails (a file left by an earlier run is removed when this one
/// is set up, so no file means no failures), a line flushed per failure so
/// that a killed run keeps the lines it wrote.
///
/// A line holds the input as written (`object`, `matching_attribute`,
/// `values`; or `list`, `parent_object`, `parent_record_id`,
/// `entry_values`) and the `error` (`message`, `kind`, `status`, `code`,
/// `retryable`). [`DeadLetter::records`] and [`DeadLetter::entries`] read
/// the inputs back:
///
/// ```no_run
/// # use attio_runtime::{Record, Write, Attribute, kind, Unique};
/// # async fn run<P: Record + Send + 'static>(client: &attio_runtime::Client, email: Attribute<P, kind::EmailAddress, Unique>)
/// # -> Result<(), Box<dyn std::error::Error>> where P::Write: Default + Clone + Send {
/// use attio_runtime::sync::{BulkSync, DeadLetter};
///
/// let failed = DeadLetter::records::<P>("failed.jsonl")?; // e.g. Person
/// let writes = futures_util::stream::iter(failed);
/// let report = BulkSync::new(client).upsert(email, writes).await?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct DeadLetter {
    path: PathBuf,
    /// Opened at the first failure.
    file: Mutex<Option<BufWriter<File>>>,
}

/// The dead-letter file could not be written or read.
#[derive(Debug, thiserror::Error)]
#[error("dead-letter file {path}{line}: {message}")]
pub struct DeadLetterError {
    path: String,
    line: String,
    message: String,
}

impl DeadLetterError {
    fn new(path: &Path, line: Option<usize>, message: impl Into<String>) -> DeadLetterError {
        DeadLetterError {
            path: path.display().to_string(),
            line: line.map(|n| format!(", line {n}")).unwrap_or_default(),
            message: message.into(),
        }
    }
}

impl DeadLetter {
    /// A dead-letter file at `path`: an earlier run's file there is
    /// removed, and the file is created at the first failure. Fails now if
    /// the old file cannot be removed or the directory does not exist.
    pub fn create(path: impl Into<PathBuf>) -> Result<DeadLetter, DeadLetterError> {
        let path = path.into();
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(DeadLetterError::new(
                    &path,
                    None,
                    format!("cannot remove the earlier run's file: {e}"),
                ))
            }
        }
        let directory = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        if !directory.is_dir() {
            return Err(DeadLetterError::new(
                &path,
                None,
                "its directory does not exist; create it or choose another path",
            ));
        }
        Ok(DeadLetter {
            path,
            file: Mutex::new(None),
        })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one failure: `input` as [`SyncInput::to_json`](super::SyncInput::to_json)
    /// gives it, with the error added.
    pub fn write(&self, input: Value, error: &Error) -> Result<(), DeadLetterError> {
        let mut line = match input {
            Value::Object(map) => map,
            other => Map::from_iter([("input".to_owned(), other)]),
        };
        line.insert(
            "error".to_owned(),
            json!({
                "message": error.to_string(),
                "kind": format!("{:?}", error.kind()),
                "status": error.status(),
                "code": error.code(),
                "retryable": error.is_retryable(),
            }),
        );
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let failed = |e: std::io::Error| DeadLetterError::new(&self.path, None, e.to_string());
        let file = match &mut *file {
            Some(file) => file,
            empty => empty.insert(BufWriter::new(File::create(&self.path).map_err(|e| {
                DeadLetterError::new(
                    &self.path,
                    None,
                    format!("cannot create it: {e}; check that the directory is writable"),
                )
            })?)),
        };
        serde_json::to_writer(&mut *file, &line).map_err(|e| failed(e.into()))?;
        file.write_all(b"\n").map_err(failed)?;
        file.flush().map_err(failed)
    }

    /// The writes of `R` in a dead-letter file, in order (lines of other
    /// objects and lists are skipped): feed them to
    /// [`BulkSync::upsert`](super::BulkSync::upsert) with the same matching
    /// attribute.
    pub fn records<R: Record>(path: impl AsRef<Path>) -> Result<Vec<R::Write>, DeadLetterError>
    where
        R::Write: Default,
    {
        let path = path.as_ref();
        let mut writes = Vec::new();
        for (number, line) in lines(path)? {
            if line.get("object").and_then(Value::as_str) != Some(R::OBJECT) {
                continue;
            }
            writes.push(write_of::<R::Write>(path, number, &line, "values")?);
        }
        Ok(writes)
    }

    /// The entries of `E` in a dead-letter file, in order (lines of other
    /// objects and lists are skipped): feed them to
    /// [`BulkSync::upsert_entries`](super::BulkSync::upsert_entries).
    pub fn entries<E: Entry>(path: impl AsRef<Path>) -> Result<Vec<EntryCreate<E>>, DeadLetterError>
    where
        E::Write: Default,
    {
        let path = path.as_ref();
        let mut entries = Vec::new();
        for (number, line) in lines(path)? {
            if line.get("list").and_then(Value::as_str) != Some(E::LIST) {
                continue;
            }
            let text = |key: &str| {
                line.get(key).and_then(Value::as_str).ok_or_else(|| {
                    DeadLetterError::new(path, Some(number), format!("`{key}` is missing"))
                })
            };
            let parent = RecordId::new(text("parent_record_id")?)
                .map_err(|e| DeadLetterError::new(path, Some(number), e.to_string()))?;
            let write = write_of::<E::Write>(path, number, &line, "entry_values")?;
            let entry = EntryCreate::for_object(text("parent_object")?, parent, write)
                .map_err(|e| DeadLetterError::new(path, Some(number), e.to_string()))?;
            entries.push(entry);
        }
        Ok(entries)
    }
}

/// One line of the file, parsed.
type Line = Map<String, Value>;

/// The file's non-blank lines, numbered from 1, each parsed as an object.
fn lines(path: &Path) -> Result<Vec<(usize, Line)>, DeadLetterError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| DeadLetterError::new(path, None, format!("cannot read it: {e}")))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line)
                .map(|map| (i + 1, map))
                .map_err(|e| {
                    DeadLetterError::new(path, Some(i + 1), format!("not a JSON object: {e}"))
                })
        })
        .collect()
}

/// The write held under `key` of a line.
fn write_of<W: Write + Default>(
    path: &Path,
    number: usize,
    line: &Map<String, Value>,
    key: &str,
) -> Result<W, DeadLetterError> {
    let Some(Value::Object(values)) = line.get(key) else {
        return Err(DeadLetterError::new(
            path,
            Some(number),
            format!("`{key}` is missing or not an object"),
        ));
    };
    let mut write = W::default();
    let target: &mut Values = write.values_mut();
    for (slug, value) in values {
        target.set_raw(slug.clone(), value.clone());
    }
    Ok(write)
}
