//! The ids of what Attio stores: UUIDs held lower-case in one newtype per
//! thing they name, so that a record id cannot be passed where an entry id
//! is expected.

use std::fmt;
use std::str::FromStr;

use crate::error::ValueError;

/// Whether `s` has the 8-4-4-4-12 hexadecimal shape of a UUID, the form of
/// every Attio id. Written out because the `uuid` crate also accepts forms
/// Attio never sends (no hyphens, braces, `urn:uuid:`).
pub(crate) fn is_uuid(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// `id` lower-cased if it is a UUID, otherwise a [`ValueError`] of `kind`.
pub(crate) fn lower_uuid(kind: &'static str, id: &str) -> Result<String, ValueError> {
    if is_uuid(id) {
        Ok(id.to_ascii_lowercase())
    } else {
        Err(ValueError::new(
            kind,
            id,
            "expected a UUID like `e54b1781-560f-4aea-baf3-c2e5bbc58c79`",
        ))
    }
}

/// One UUID newtype: the same parsing, conversions and formatting for each
/// id, which differ only in name (a macro, as no crate derives this set).
macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            #[doc = concat!("A ", $kind, " id from its UUID text, in any case.")]
            pub fn new(id: &str) -> Result<Self, ValueError> {
                lower_uuid($kind, id).map($name)
            }

            /// The UUID text, lower-case.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = ValueError;
            fn from_str(s: &str) -> Result<Self, ValueError> {
                $name::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = ValueError;
            fn try_from(s: String) -> Result<Self, ValueError> {
                $name::new(&s)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = ValueError;
            fn try_from(s: &str) -> Result<Self, ValueError> {
                $name::new(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

uuid_id!(
    /// The id of a record (a UUID, stored lower-case).
    ///
    /// ```
    /// use attio_runtime::RecordId;
    ///
    /// let id = RecordId::new("E54B1781-560F-4AEA-BAF3-C2E5BBC58C79")?;
    /// assert_eq!(id.as_str(), "e54b1781-560f-4aea-baf3-c2e5bbc58c79");
    /// assert!(RecordId::new("42").is_err());
    /// # Ok::<(), attio_runtime::ValueError>(())
    /// ```
    RecordId,
    "record-reference"
);

uuid_id!(
    /// The id of a list entry (a UUID, stored lower-case).
    ///
    /// ```
    /// use attio_runtime::EntryId;
    ///
    /// let id = EntryId::new("2E6E29EA-C4E0-4F44-842D-78A891F8C156")?;
    /// assert_eq!(id, "2e6e29ea-c4e0-4f44-842d-78a891f8c156");
    /// # Ok::<(), attio_runtime::ValueError>(())
    /// ```
    EntryId,
    "entry"
);

uuid_id!(
    /// The id of a workspace.
    WorkspaceId,
    "workspace"
);

uuid_id!(
    /// The id of an object (`people`, `companies`, a custom object): what
    /// events carry where paths would use the slug.
    ObjectId,
    "object"
);

uuid_id!(
    /// The id of a list.
    ListId,
    "list"
);

uuid_id!(
    /// The id of an attribute of an object or list.
    AttributeId,
    "attribute"
);

uuid_id!(
    /// The id of a task.
    TaskId,
    "task"
);

uuid_id!(
    /// The id of a comment.
    CommentId,
    "comment"
);

uuid_id!(
    /// The id of a comment thread.
    ThreadId,
    "thread"
);

uuid_id!(
    /// The id of a workspace member.
    WorkspaceMemberId,
    "workspace-member"
);

uuid_id!(
    /// The id of a webhook.
    WebhookId,
    "webhook"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_shape() {
        assert!(is_uuid("e54b1781-560f-4aea-baf3-c2e5bbc58c79"));
        assert!(!is_uuid("e54b1781560f4aeabaf3c2e5bbc58c79"));
        assert!(!is_uuid("e54b1781-560f-4aea-baf3-c2e5bbc58c7g"));
        assert!(!is_uuid(""));
    }

    #[test]
    fn ids_are_lower_case_and_typed() {
        let id = EntryId::new("2E6E29EA-C4E0-4F44-842D-78A891F8C156").unwrap();
        assert_eq!(id, "2e6e29ea-c4e0-4f44-842d-78a891f8c156");
        assert_eq!(
            format!("{id:?}"),
            "EntryId(2e6e29ea-c4e0-4f44-842d-78a891f8c156)"
        );
        let err = TaskId::new("42").unwrap_err().to_string();
        assert!(err.contains("expected a UUID"), "{err}");
        let parsed: WebhookId =
            serde_json::from_str("\"302D7C78-E792-4964-A6C2-1C347385BE92\"").unwrap();
        assert_eq!(parsed.as_str(), "302d7c78-e792-4964-a6c2-1c347385be92");
    }
}
