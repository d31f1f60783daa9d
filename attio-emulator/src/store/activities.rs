//! Activity definitions: object-like types of activity records (a call, a
//! demo…), each extending one of Attio's activity schemas.

use attio_schema::Attribute;

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
    /// The system attributes of its records (`record_id`, `created_at`,
    /// `created_by`) and those declared for its slug on the builder
    /// (Attio's REST API has no route that creates or lists them).
    pub attributes: Vec<Attribute>,
}
