//! Activity definitions: object-like types of activity records (a call, a
//! demo…), each extending one of Attio's activity schemas.

/// One activity definition.
#[derive(Debug, Clone)]
pub(crate) struct Activity {
    pub id: String,
    pub api_slug: String,
    pub singular_noun: String,
    pub plural_noun: String,
    /// The schema it extends: `activities`, `interactions`, `calls` or `emails`.
    pub extends: &'static str,
    pub created_at: String,
}
