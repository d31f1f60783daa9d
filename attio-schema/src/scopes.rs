//! The access-token scopes each endpoint of Attio's API requires: what a
//! client names when Attio answers 403, and what the emulator enforces when
//! asked to.
//!
//! Records need `record_permission` and `object_configuration:read`;
//! entries need `list_entry` and `list_configuration:read`; schema calls
//! need `object_configuration` or `list_configuration`; notes, tasks,
//! comments, webhooks, meetings, call recordings, files, emails, sequence
//! unsubscribes and activities their own scope (as Attio's OpenAPI
//! document lists them per operation); SQL reads records. Reads (GET, and the query
//! POSTs) need `:read`, anything else `:read-write`, which includes `:read`.
//!
//! ```
//! use attio_schema::scopes::required;
//!
//! let scopes: Vec<String> = required("POST", "/v2/objects/people/records/query")
//!     .iter().map(ToString::to_string).collect();
//! assert_eq!(scopes, ["record_permission:read", "object_configuration:read"]);
//! ```

use std::fmt;

/// One scope: a family (`record_permission`) at a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Scope {
    /// `record_permission`, `object_configuration` …
    pub family: &'static str,
    /// `read-write` rather than `read`.
    pub write: bool,
}

impl Scope {
    const fn read(family: &'static str) -> Scope {
        Scope {
            family,
            write: false,
        }
    }

    /// Whether a token granted `granted` (e.g. `"record_permission:read-write"`)
    /// has this scope; read-write includes read.
    pub fn granted_by(&self, granted: &str) -> bool {
        match granted.split_once(':') {
            Some((family, level)) if family == self.family => {
                level == "read-write" || (!self.write && level == "read")
            }
            _ => false,
        }
    }
}

/// `family:read` or `family:read-write`.
impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = if self.write { "read-write" } else { "read" };
        write!(f, "{}:{level}", self.family)
    }
}

/// The scopes a request needs, from its method and path (query string
/// allowed); empty for endpoints that need none (`/v2/self`) or that are
/// not Attio's.
pub fn required(method: &str, path: &str) -> Vec<Scope> {
    let path = path.split('?').next().unwrap_or(path);
    let segments: Vec<&str> = path.trim_start_matches("/v2/").split('/').collect();
    // Searching changes nothing, as a query does.
    let reads = method.eq_ignore_ascii_case("GET")
        || path.ends_with("/query")
        || path == "/v2/objects/records/search";
    let at = |family| Scope {
        family,
        write: !reads,
    };
    match segments.as_slice() {
        ["objects", "records", "search"] | ["objects", _, "records", ..] => {
            vec![at("record_permission"), Scope::read("object_configuration")]
        }
        // Deleting an object deletes its records.
        ["objects", _] if method.eq_ignore_ascii_case("DELETE") => {
            vec![at("object_configuration"), at("record_permission")]
        }
        ["lists", _, "entries", ..] => vec![at("list_entry"), Scope::read("list_configuration")],
        ["objects", ..] => vec![at("object_configuration")],
        ["lists", ..] => vec![at("list_configuration")],
        ["notes", ..] => vec![at("note")],
        ["tasks", ..] => vec![at("task")],
        ["webhooks", ..] => vec![at("webhook")],
        ["threads" | "comments", ..] => vec![at("comment")],
        ["workspace_members", ..] => vec![Scope::read("user_management")],
        // Part of Attio's API since 2026 (beta or alpha there).
        ["meetings", _, "call_recordings", ..] => {
            vec![Scope::read("meeting"), at("call_recording")]
        }
        ["meetings", _] if method.eq_ignore_ascii_case("DELETE") => vec![at("meeting")],
        ["meetings", ..] => vec![at("meeting"), Scope::read("record_permission")],
        ["files", ..] => vec![
            at("file"),
            Scope::read("object_configuration"),
            Scope::read("record_permission"),
        ],
        ["emails"] => vec![
            Scope::read("email"),
            Scope::read("record_permission"),
            Scope::read("object_configuration"),
        ],
        ["sequences", "unsubscribed_emails"] => vec![at("sequence_unsubscribe")],
        ["activities", _, "records", ..] => vec![
            at("activity_record"),
            Scope::read("activity_configuration"),
            Scope::read("object_configuration"),
            Scope::read("record_permission"),
        ],
        // Deleting a definition deletes its records too.
        ["activities", _] if method.eq_ignore_ascii_case("DELETE") => {
            vec![at("activity_configuration"), at("activity_record")]
        }
        ["activities", ..] => vec![at("activity_configuration")],
        // A read, though a POST.
        ["sql"] => vec![
            Scope::read("record_permission"),
            Scope::read("object_configuration"),
        ],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(method: &str, path: &str) -> Vec<String> {
        required(method, path)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn scopes_follow_the_path_and_the_method() {
        assert_eq!(
            names(
                "PUT",
                "/v2/objects/people/records?matching_attribute=email_addresses"
            ),
            ["record_permission:read-write", "object_configuration:read"]
        );
        assert_eq!(
            names("GET", "/v2/lists/pipeline/entries/e1"),
            ["list_entry:read", "list_configuration:read"]
        );
        assert_eq!(
            names("PATCH", "/v2/objects/people/attributes/name"),
            ["object_configuration:read-write"]
        );
        assert_eq!(
            names("GET", "/v2/workspace_members"),
            ["user_management:read"]
        );
        assert!(names("GET", "/v2/self").is_empty());
    }

    #[test]
    fn the_2026_operations_need_the_scopes_attio_lists() {
        assert_eq!(
            names("POST", "/v2/objects/records/search"),
            ["record_permission:read", "object_configuration:read"]
        );
        assert_eq!(
            names("DELETE", "/v2/objects/vehicles"),
            [
                "object_configuration:read-write",
                "record_permission:read-write"
            ]
        );
        assert_eq!(
            names("GET", "/v2/lists/pipeline/views"),
            ["list_configuration:read"]
        );
        assert_eq!(
            names(
                "PUT",
                "/v2/lists/pipeline/entries/e1/attributes/stage/values"
            ),
            ["list_entry:read-write", "list_configuration:read"]
        );
    }

    #[test]
    fn the_2026_endpoints_need_their_own_scopes() {
        assert_eq!(
            names("POST", "/v2/meetings"),
            ["meeting:read-write", "record_permission:read"]
        );
        assert_eq!(names("DELETE", "/v2/meetings/m1"), ["meeting:read-write"]);
        assert_eq!(
            names("GET", "/v2/meetings/m1/call_recordings/c1/transcript"),
            ["meeting:read", "call_recording:read"]
        );
        assert_eq!(
            names("POST", "/v2/files/upload"),
            [
                "file:read-write",
                "object_configuration:read",
                "record_permission:read"
            ]
        );
        assert_eq!(
            names("POST", "/v2/sql"),
            ["record_permission:read", "object_configuration:read"]
        );
        assert_eq!(
            names("DELETE", "/v2/activities/demos"),
            [
                "activity_configuration:read-write",
                "activity_record:read-write"
            ]
        );
        assert_eq!(
            names("POST", "/v2/activities/demos/records/query")[0],
            "activity_record:read"
        );
        assert_eq!(
            names("POST", "/v2/sequences/unsubscribed_emails"),
            ["sequence_unsubscribe:read-write"]
        );
    }

    #[test]
    fn read_write_includes_read() {
        let read = Scope::read("note");
        assert!(read.granted_by("note:read") && read.granted_by("note:read-write"));
        let write = Scope {
            family: "note",
            write: true,
        };
        assert!(!write.granted_by("note:read") && write.granted_by("note:read-write"));
        assert!(!read.granted_by("webhook:read-write") && !read.granted_by("note"));
    }
}
