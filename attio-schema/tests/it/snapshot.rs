//! The snapshot file as a user meets it: loading, canonical writing,
//! fingerprints, and the errors for every way a file can be wrong.

use std::fs;
use std::path::Path;

use attio_schema::{AttributeType, DefaultValue, Snapshot, SnapshotError, FORMAT_VERSION};
use serde_json::{json, Value};

/// A snapshot document with objects, attributes and options deliberately out
/// of canonical order, and keys in an unusual order.
fn shuffled() -> Value {
    json!({
        "lists": [
            {
                "api_slug": "sales_pipeline",
                "id": {"workspace_id": "ws", "list_id": "l-sales"},
                "name": "Sales pipeline",
                "parent_object": ["companies"],
                "attributes": [
                    attribute("stage", "status", json!({"statuses": [
                        status("Won"), status("Lead"), status("In Progress")
                    ]})),
                    attribute("amount", "currency", json!({})),
                ]
            },
            {
                "api_slug": "hiring",
                "id": {"workspace_id": "ws", "list_id": "l-hiring"},
                "name": "Hiring",
                "parent_object": ["people"]
            }
        ],
        "fingerprint": "sha256:stale-and-ignored",
        "objects": [
            {
                "id": {"workspace_id": "ws", "object_id": "o-people"},
                "api_slug": "people",
                "singular_noun": "Person",
                "plural_noun": "People",
                "attributes": [
                    attribute("name", "personal-name", json!({})),
                    attribute("email_addresses", "email-address",
                        json!({"is_unique": true, "is_multiselect": true})),
                ]
            },
            {
                "api_slug": "companies",
                "id": {"workspace_id": "ws", "object_id": "o-companies"},
                "singular_noun": "Company",
                "plural_noun": "Companies",
                "attributes": [
                    attribute("name", "text", json!({})),
                    attribute("categories", "select", json!({
                        "is_multiselect": true,
                        "options": [option("SaaS"), option("B2B"), option("Legacy")]
                    })),
                    attribute("domains", "domain", json!({"is_unique": true, "is_multiselect": true})),
                ]
            }
        ],
        "format_version": 1
    })
}

fn attribute(slug: &str, ty: &str, extra: Value) -> Value {
    let mut attr = json!({
        "id": {"workspace_id": "ws", "object_id": "o", "attribute_id": format!("a-{slug}")},
        "title": slug,
        "api_slug": slug,
        "type": ty,
        "is_writable": true,
        "is_required": false,
        "is_unique": false,
        "is_multiselect": false,
        "is_archived": false,
        "config": {"currency": {"default_currency_code": null, "display_type": null},
                   "record_reference": {"allowed_object_ids": null}}
    });
    let map = attr.as_object_mut().expect("built as an object");
    if let Value::Object(extra) = extra {
        map.extend(extra);
    }
    attr
}

fn option(title: &str) -> Value {
    json!({"id": {"workspace_id": "ws", "object_id": "o", "attribute_id": "a", "option_id": format!("opt-{title}")},
           "title": title, "is_archived": false})
}

fn status(title: &str) -> Value {
    json!({"id": {"workspace_id": "ws", "object_id": "o", "attribute_id": "a", "status_id": format!("st-{title}")},
           "title": title, "is_archived": false, "celebration_enabled": false, "target_time_in_status": null})
}

fn write_json(dir: &Path, name: &str, doc: &Value) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::write(&path, serde_json::to_vec(doc).unwrap()).unwrap();
    path
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Position of `needle` in `haystack`, failing the test when absent.
fn pos(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found in:\n{haystack}"))
}

#[test]
fn canonical_form_is_sorted_pretty_and_ends_with_one_newline() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_json(dir.path(), "attio-schema.json", &shuffled());
    let snapshot = Snapshot::load(&path).unwrap();
    let text = snapshot.to_canonical_string();

    assert!(
        text.starts_with(&format!(
            "{{\n  \"format_version\": {FORMAT_VERSION},\n  \"fingerprint\": \"{}\",\n  \"objects\": [\n    {{\n",
            snapshot.fingerprint()
        )),
        "{text}"
    );
    assert!(text.ends_with("}\n") && !text.ends_with("\n\n"), "{text:?}");
    assert!(!text.contains("stale-and-ignored"));

    // Objects, lists, attributes, options and statuses in canonical order.
    assert!(pos(&text, r#""api_slug": "companies""#) < pos(&text, r#""api_slug": "people""#));
    assert!(pos(&text, r#""api_slug": "people""#) < pos(&text, r#""lists""#));
    assert!(pos(&text, r#""api_slug": "hiring""#) < pos(&text, r#""api_slug": "sales_pipeline""#));
    assert!(pos(&text, r#""api_slug": "categories""#) < pos(&text, r#""api_slug": "domains""#));
    assert!(pos(&text, r#""api_slug": "domains""#) < pos(&text, r#""api_slug": "name""#));
    assert!(pos(&text, r#""title": "B2B""#) < pos(&text, r#""title": "Legacy""#));
    assert!(pos(&text, r#""title": "Legacy""#) < pos(&text, r#""title": "SaaS""#));
    assert!(pos(&text, r#""title": "In Progress""#) < pos(&text, r#""title": "Lead""#));
    assert!(pos(&text, r#""title": "Lead""#) < pos(&text, r#""title": "Won""#));
    assert!(pos(&text, r#""api_slug": "amount""#) < pos(&text, r#""api_slug": "stage""#));
    // Pretty-printed with two-space indentation, one key per line.
    assert!(!text.contains('\t'));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.last(), Some(&"}"));
    for line in &lines[1..lines.len() - 1] {
        let indent = line.len() - line.trim_start().len();
        assert!(indent >= 2 && indent % 2 == 0, "indentation of {line:?}");
    }
    assert!(
        text.contains("\n      \"api_slug\": \"companies\",\n"),
        "{text}"
    );

    // Canonical text is a fixed point.
    let again = Snapshot::from_slice(text.as_bytes(), &path).unwrap();
    assert_eq!(again.to_canonical_string(), text);
}

#[test]
fn write_then_load_gives_the_same_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let source = write_json(dir.path(), "in.json", &shuffled());
    let snapshot = Snapshot::load(&source).unwrap();
    let out = dir.path().join("attio-schema.json");
    snapshot.write(&out).unwrap();

    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        snapshot.to_canonical_string()
    );
    let reloaded = Snapshot::load(&out).unwrap();
    assert_eq!(reloaded.workspace, snapshot.canonical());
    assert_eq!(reloaded.fingerprint(), snapshot.fingerprint());
    assert_eq!(entries(dir.path()), ["attio-schema.json", "in.json"]);
}

#[test]
fn fingerprint_ignores_order_and_follows_real_changes() {
    let shuffled_snapshot =
        Snapshot::from_slice(&serde_json::to_vec(&shuffled()).unwrap(), "a.json").unwrap();
    let canonical_text = shuffled_snapshot.to_canonical_string();
    let sorted_snapshot = Snapshot::from_slice(canonical_text.as_bytes(), "b.json").unwrap();
    assert_ne!(
        shuffled_snapshot.workspace, sorted_snapshot.workspace,
        "inputs really differ in order"
    );
    assert_eq!(
        shuffled_snapshot.fingerprint(),
        sorted_snapshot.fingerprint()
    );

    let fp = shuffled_snapshot.fingerprint();
    let hex = fp.strip_prefix("sha256:").expect("sha256: prefix");
    assert_eq!(hex.len(), 64);
    assert!(hex
        .chars()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));

    let mut changed = shuffled();
    changed["objects"][1]["attributes"][0]["is_required"] = json!(true);
    let changed = Snapshot::from_slice(&serde_json::to_vec(&changed).unwrap(), "c.json").unwrap();
    assert_ne!(changed.fingerprint(), fp);

    let mut option_gone = shuffled();
    option_gone["objects"][1]["attributes"][1]["options"]
        .as_array_mut()
        .unwrap()
        .pop();
    let option_gone =
        Snapshot::from_slice(&serde_json::to_vec(&option_gone).unwrap(), "d.json").unwrap();
    assert_ne!(option_gone.fingerprint(), fp);
}

#[test]
fn unknown_attribute_type_is_kept_and_round_trips() {
    let mut doc = shuffled();
    doc["objects"][0]["attributes"][0]["type"] = json!("hologram");
    let dir = tempfile::tempdir().unwrap();
    let path = write_json(dir.path(), "attio-schema.json", &doc);
    let snapshot = Snapshot::load(&path).unwrap();
    let attr = snapshot
        .workspace
        .object("people")
        .unwrap()
        .attribute("name")
        .unwrap();
    assert_eq!(
        attr.attribute_type,
        AttributeType::Unknown("hologram".into())
    );

    snapshot.write(&path).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(r#""type": "hologram""#), "{text}");
    let reloaded = Snapshot::load(&path).unwrap();
    assert_eq!(reloaded.workspace, snapshot.canonical());
}

#[test]
fn an_unknown_kind_of_default_value_is_kept_and_round_trips() {
    let mut doc = shuffled();
    let formula = json!({"type": "formula", "expression": "today() + 7"});
    doc["objects"][0]["attributes"][0]["is_default_value_enabled"] = json!(true);
    doc["objects"][0]["attributes"][0]["default_value"] = formula.clone();
    doc["objects"][0]["attributes"][1]["default_value"] =
        json!({"type": "dynamic", "template": "current-user"});
    let dir = tempfile::tempdir().unwrap();
    let path = write_json(dir.path(), "attio-schema.json", &doc);
    let snapshot = Snapshot::load(&path).unwrap();
    let people = snapshot.workspace.object("people").unwrap();
    let name = people.attribute("name").unwrap();
    assert_eq!(name.default_value, Some(DefaultValue::Other(formula)));

    snapshot.write(&path).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(r#""expression": "today() + 7""#), "{text}");
    let reloaded = Snapshot::load(&path).unwrap();
    assert_eq!(reloaded.workspace, snapshot.canonical());
    assert!(reloaded
        .workspace
        .object("people")
        .unwrap()
        .attributes
        .iter()
        .any(|a| matches!(&a.default_value, Some(DefaultValue::Dynamic { template }) if template == "current-user")));
}

/// Loads `bytes` from a file in a fresh directory; returns the error and the path.
fn load_err(bytes: &[u8]) -> (SnapshotError, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("attio-schema.json");
    fs::write(&path, bytes).unwrap();
    let err = Snapshot::load(&path).expect_err("the file is invalid");
    (err, path.display().to_string())
}

/// Checks what every error message must do: name the file, say what to do,
/// fit on one line.
fn assert_clear(message: &str, path: &str) {
    assert!(message.contains(path), "names the file: {message}");
    assert!(!message.contains('\n'), "one line: {message}");
    assert!(
        message.contains("cargo attio-gen pull"),
        "says what to do: {message}"
    );
}

#[test]
fn malformed_json_names_file_line_and_column() {
    let (err, path) = load_err(b"{\n  \"format_version\": 1,\n  \"objects\": [,]\n}\n");
    let message = err.to_string();
    eprintln!("{message}");
    assert!(matches!(err, SnapshotError::Invalid { .. }), "{err:?}");
    assert_clear(&message, &path);
    assert!(message.contains("not valid JSON"), "{message}");
    assert!(message.contains("line 3 column 15"), "{message}");
}

#[test]
fn a_document_that_is_not_an_object_is_rejected() {
    let (err, path) = load_err(b"[]");
    let message = err.to_string();
    eprintln!("{message}");
    assert!(matches!(err, SnapshotError::Invalid { .. }), "{err:?}");
    assert_clear(&message, &path);
    assert!(message.contains("JSON object"), "{message}");
}

#[test]
fn unsupported_format_version_says_which_versions() {
    let mut doc = shuffled();
    doc["format_version"] = json!(99);
    let (err, path) = load_err(&serde_json::to_vec(&doc).unwrap());
    let message = err.to_string();
    eprintln!("{message}");
    match &err {
        SnapshotError::UnsupportedVersion { found, .. } => assert_eq!(found, "99"),
        other => panic!("expected UnsupportedVersion, got {other:?}"),
    }
    assert_clear(&message, &path);
    assert!(message.contains("99"), "{message}");
    assert!(
        message.contains(&format!("version {FORMAT_VERSION}")),
        "{message}"
    );
}

#[test]
fn missing_format_version_is_reported_at_its_key() {
    let mut doc = shuffled();
    doc.as_object_mut().unwrap().remove("format_version");
    let (err, path) = load_err(&serde_json::to_vec(&doc).unwrap());
    let message = err.to_string();
    eprintln!("{message}");
    match &err {
        SnapshotError::Invalid { json_path, .. } => assert_eq!(json_path, "format_version"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert_clear(&message, &path);
    assert!(message.contains("format_version"), "{message}");
}

#[test]
fn wrong_type_deep_inside_names_the_json_path() {
    let mut doc = shuffled();
    doc["objects"][1]["attributes"][0]["is_unique"] = json!("yes");
    let (err, path) = load_err(&serde_json::to_vec(&doc).unwrap());
    let message = err.to_string();
    eprintln!("{message}");
    match &err {
        SnapshotError::Invalid { json_path, .. } => {
            assert_eq!(json_path, "objects[1].attributes[0].is_unique")
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert_clear(&message, &path);
    assert!(
        message.contains("objects[1].attributes[0].is_unique"),
        "{message}"
    );
    assert!(message.contains("expected a boolean"), "{message}");
}

#[test]
fn missing_required_field_names_the_json_path() {
    let mut doc = shuffled();
    doc["lists"][0]["attributes"][1]
        .as_object_mut()
        .unwrap()
        .remove("api_slug");
    let (err, path) = load_err(&serde_json::to_vec(&doc).unwrap());
    let message = err.to_string();
    eprintln!("{message}");
    match &err {
        SnapshotError::Invalid {
            json_path,
            message: what,
            ..
        } => {
            assert_eq!(json_path, "lists[0].attributes[1]");
            assert!(what.contains("api_slug"), "{what}");
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert_clear(&message, &path);
}

#[test]
fn missing_file_is_a_read_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("attio-schema.json");
    let err = Snapshot::load(&path).expect_err("no such file");
    let message = err.to_string();
    eprintln!("{message}");
    match &err {
        SnapshotError::Read { source, .. } => {
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound)
        }
        other => panic!("expected Read, got {other:?}"),
    }
    assert_clear(&message, &path.display().to_string());
}

#[test]
fn write_into_a_missing_directory_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-dir").join("attio-schema.json");
    let err = Snapshot::default()
        .write(&path)
        .expect_err("directory is missing");
    let message = err.to_string();
    eprintln!("{message}");
    match &err {
        SnapshotError::Write { source, .. } => {
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound)
        }
        other => panic!("expected Write, got {other:?}"),
    }
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(!message.contains('\n'), "{message}");
    assert!(
        message.contains("check that its directory exists"),
        "says what to check: {message}"
    );
    assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
}

#[test]
fn failed_rename_leaves_no_temporary_file() {
    // The target is a non-empty directory: the temporary file can be
    // written beside it, but it cannot replace it.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("attio-schema.json");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("keep"), "x").unwrap();

    let err = Snapshot::default()
        .write(&target)
        .expect_err("target is a directory");
    assert!(matches!(err, SnapshotError::Write { .. }), "{err:?}");
    assert!(err.to_string().contains(&target.display().to_string()));
    assert_eq!(entries(dir.path()), ["attio-schema.json"]);
    assert_eq!(entries(&target), ["keep"]);
}

#[test]
fn write_replaces_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("attio-schema.json");
    fs::write(&path, "old contents that are much longer than the new canonical file, padded ........................................................................................................").unwrap();
    let snapshot = Snapshot::default();
    snapshot.write(&path).unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        snapshot.to_canonical_string()
    );
    assert_eq!(entries(dir.path()), ["attio-schema.json"]);
    assert_eq!(Snapshot::load(&path).unwrap(), snapshot);
}

#[test]
fn write_to_a_path_without_a_file_name_is_an_error() {
    let err = Snapshot::default().write("/").expect_err("no file name");
    assert!(matches!(err, SnapshotError::Write { .. }), "{err:?}");
}

/// The message of a snapshot that fails at `json_path`.
fn invalid_at(doc: &Value, json_path: &str) -> String {
    let (err, path) = load_err(&serde_json::to_vec(doc).unwrap());
    let message = err.to_string();
    match &err {
        SnapshotError::Invalid { json_path: at, .. } => assert_eq!(at, json_path, "{message}"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert_clear(&message, &path);
    message
}

#[test]
fn a_truncated_file_is_reported_where_it_ends() {
    let text = serde_json::to_string_pretty(&shuffled()).unwrap();
    let (err, path) = load_err(&text.as_bytes()[..text.len() / 2]);
    let message = err.to_string();
    assert!(matches!(err, SnapshotError::Invalid { .. }), "{err:?}");
    assert_clear(&message, &path);
    assert!(
        message.contains("not valid JSON: EOF while parsing"),
        "{message}"
    );
    assert!(message.contains(" line "), "{message}");
}

#[test]
fn an_empty_file_is_not_valid_json() {
    let (err, path) = load_err(b"");
    let message = err.to_string();
    assert_clear(&message, &path);
    assert!(
        message.contains("not valid JSON: EOF while parsing a value at line 1 column 0"),
        "{message}"
    );
}

#[test]
fn a_version_that_is_not_a_whole_number_is_invalid_and_another_number_unsupported() {
    for (version, shown) in [
        (json!("1"), "\"1\""),
        (json!(null), "null"),
        (json!(1.5), "1.5"),
        (json!(-1), "-1"),
    ] {
        let mut doc = shuffled();
        doc["format_version"] = version;
        let (err, path) = load_err(&serde_json::to_vec(&doc).unwrap());
        let message = err.to_string();
        assert!(
            matches!(&err, SnapshotError::Invalid { json_path, .. } if json_path == "format_version"),
            "{err:?}"
        );
        assert_clear(&message, &path);
        assert!(
            message.contains(&format!(
                "expected a whole number ({FORMAT_VERSION} for this version of attio-codegen), found {shown}"
            )),
            "{message}"
        );
    }
    let mut doc = shuffled();
    doc["format_version"] = json!(0);
    let (err, path) = load_err(&serde_json::to_vec(&doc).unwrap());
    assert!(
        matches!(&err, SnapshotError::UnsupportedVersion { found, .. } if found == "0"),
        "{err:?}"
    );
    assert_clear(&err.to_string(), &path);
}

#[test]
fn null_where_an_object_or_list_belongs_names_the_json_path() {
    let mut doc = shuffled();
    doc["objects"] = Value::Null;
    let message = invalid_at(&doc, "objects");
    assert!(
        message.contains("invalid type: null, expected a sequence"),
        "{message}"
    );

    let mut doc = shuffled();
    doc["objects"][1] = Value::Null;
    let message = invalid_at(&doc, "objects[1]");
    assert!(
        message.contains("invalid type: null, expected struct Object"),
        "{message}"
    );

    let mut doc = shuffled();
    doc["lists"][0]["attributes"][0]["id"] = Value::Null;
    let message = invalid_at(&doc, "lists[0].attributes[0].id");
    assert!(message.contains("invalid type: null"), "{message}");
}

#[test]
fn duplicate_slugs_are_refused_at_their_second_occurrence() {
    let mut doc = shuffled();
    let people = doc["objects"][0].clone();
    doc["objects"].as_array_mut().unwrap().push(people);
    let message = invalid_at(&doc, "objects[2].api_slug");
    assert!(
        message.contains(
            "duplicate slug `people`, already the slug of objects[0]; object slugs are unique"
        ),
        "{message}"
    );

    let mut doc = shuffled();
    doc["lists"][1]["api_slug"] = json!("sales_pipeline");
    let message = invalid_at(&doc, "lists[1].api_slug");
    assert!(
        message.contains("duplicate slug `sales_pipeline`, already the slug of lists[0]"),
        "{message}"
    );

    let mut doc = shuffled();
    doc["objects"][1]["attributes"][2]["api_slug"] = json!("name");
    let message = invalid_at(&doc, "objects[1].attributes[2].api_slug");
    assert!(
        message.contains(
            "duplicate slug `name`, already the slug of objects[1].attributes[0]; attribute slugs are unique within an object or list"
        ),
        "{message}"
    );

    // A list may share an object's slug, and two owners an attribute's.
    let mut doc = shuffled();
    doc["lists"][1]["api_slug"] = json!("people");
    let text = serde_json::to_vec(&doc).unwrap();
    assert!(Snapshot::from_slice(&text, "attio-schema.json").is_ok());
}

#[test]
fn a_ten_megabyte_string_loads_where_text_belongs_and_is_elided_where_it_does_not() {
    let huge = "x".repeat(10 * 1024 * 1024);
    let mut doc = shuffled();
    doc["objects"][0]["singular_noun"] = json!(huge);
    let bytes = serde_json::to_vec(&doc).unwrap();
    let snapshot = Snapshot::from_slice(&bytes, "attio-schema.json").unwrap();
    assert_eq!(
        snapshot.workspace.objects[0].singular_noun.as_deref(),
        Some(huge.as_str())
    );

    let mut doc = shuffled();
    doc["objects"][1]["attributes"][0]["is_unique"] = json!(huge);
    let message = invalid_at(&doc, "objects[1].attributes[0].is_unique");
    assert!(message.len() < 1_000, "{} bytes", message.len());
    assert!(message.contains("invalid type: string \"xxxx"), "{message}");
    assert!(message.contains("characters elided"), "{message}");
    assert!(message.contains("expected a boolean"), "{message}");
}

#[test]
fn deep_nesting_stops_at_the_recursion_limit_without_overflowing_the_stack() {
    for depth in [200, 100_000] {
        let mut text = String::from(r#"{"format_version": 1, "objects": "#);
        text.push_str(&"[".repeat(depth));
        text.push_str(&"]".repeat(depth));
        text.push('}');
        let (err, path) = load_err(text.as_bytes());
        let message = err.to_string();
        assert_clear(&message, &path);
        assert!(
            message.contains("not valid JSON: recursion limit exceeded"),
            "{message}"
        );
    }
}
