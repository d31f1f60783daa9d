//! [`generate`]: the stages, end to end — canonical snapshot, layout,
//! tokens, formatted text — for one snapshot and config.

use attio_schema::Snapshot;

use crate::config::Config;
use crate::layout::Note;
use crate::{layout, render, Error};

/// The output of [`generate_with_notes`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The text of the Rust file.
    pub code: String,
    /// The names that got a suffix because another slug or title took the
    /// name first, each with the `[rename]` that would change it, to show
    /// the user (the generated code is correct without them).
    pub notes: Vec<Note>,
}

/// Generates the bindings for `snapshot` as the text of a Rust file.
///
/// `schema_path` is written into every `#[attio(schema = "…")]`, for the
/// derive to find the same snapshot: a path relative to the manifest
/// directory of the crate that compiles the output (see
/// [`paths::relative`](crate::paths::relative)). With `None` the derive looks for
/// `attio-schema.json` beside that crate's `Cargo.toml`.
///
/// The output depends on nothing but its arguments: the same snapshot and
/// config give the same bytes.
///
/// ```
/// use attio_codegen::{generate, Config, Snapshot};
///
/// let snapshot = Snapshot::from_slice(br#"{"format_version": 1, "objects": [
///     {"id": {"workspace_id": "w", "object_id": "o"}, "api_slug": "people",
///      "singular_noun": "Person", "plural_noun": "People", "attributes": [
///        {"id": {"workspace_id": "w", "object_id": "o", "attribute_id": "a"},
///         "title": "Job title", "api_slug": "job_title", "type": "text"}]}]}"#, "attio-schema.json")?;
/// let code = generate(&snapshot, &Config::default(), None)?;
/// assert!(code.contains("pub struct Person {"));
/// assert!(code.contains("pub job_title: Option<String>,"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn generate(
    snapshot: &Snapshot,
    config: &Config,
    schema_path: Option<&str>,
) -> Result<String, Error> {
    generate_with_notes(snapshot, config, schema_path).map(|generated| generated.code)
}

/// [`generate`], with the notes a user should see ([`Note`]): which names
/// got a suffix, and which attributes are of a type this version does not
/// know (generated as raw JSON, read-only).
///
/// ```
/// use attio_codegen::{generate_with_notes, Config, Snapshot};
///
/// let snapshot = Snapshot::from_slice(br#"{"format_version": 1, "objects": [
///     {"id": {"workspace_id": "w", "object_id": "o"}, "api_slug": "companies",
///      "singular_noun": "Company", "plural_noun": "Companies", "attributes": [
///        {"id": {"workspace_id": "w", "object_id": "o", "attribute_id": "a"},
///         "title": "MRR", "api_slug": "mrr_usd", "type": "number"},
///        {"id": {"workspace_id": "w", "object_id": "o", "attribute_id": "b"},
///         "title": "MRR", "api_slug": "mrr-usd", "type": "number"}]}]}"#, "attio-schema.json")?;
/// let generated = generate_with_notes(&snapshot, &Config::default(), None)?;
/// assert!(generated.code.contains("pub mrr_usd_hyphen: Option<f64>,"));
/// assert_eq!(
///     generated.notes[0].to_string(),
///     "companies.mrr-usd is generated as `mrr_usd_hyphen` because `mrr_usd` is taken; \
///      to choose its name (and end this note), add to attio-codegen.toml: \
///      [rename] \"companies.mrr-usd\" = \"mrr_usd_hyphen\""
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn generate_with_notes(
    snapshot: &Snapshot,
    config: &Config,
    schema_path: Option<&str>,
) -> Result<Generated, Error> {
    config.validate(&snapshot.workspace)?;
    let workspace = snapshot.canonical();
    let snapshot_name = schema_path
        .and_then(|p| p.rsplit('/').next())
        .unwrap_or(attio_schema::DEFAULT_FILE_NAME)
        .to_owned();
    // The fingerprint (a hash of the whole canonical schema) only goes into
    // the header: it is computed beside the rest rather than before it.
    let (fingerprint, items) = std::thread::scope(|scope| {
        let fingerprint = scope.spawn(|| Snapshot::fingerprint_of_canonical(&workspace));
        let items = layout::layout_with_notes(&workspace, config).map(|(layout, notes)| {
            let items = render::in_parallel(
                &layout.structs,
                || render::Writer::new(schema_path),
                render::Writer::struct_text,
            );
            (items, notes)
        });
        let fingerprint = fingerprint
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (fingerprint, items)
    });
    let mut text = render::header(&render::Header {
        snapshot_name,
        fingerprint,
    });
    let (items, notes) = items?;
    for item in items {
        text.push('\n');
        text.push_str(&item);
    }
    Ok(Generated { code: text, notes })
}
