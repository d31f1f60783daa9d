//! "Using it in a crate": a hand-written struct, checked against the
//! snapshot like the generated ones.

use attio_runtime::value::EmailAddress;

/// People as a product sync sees them: two attributes of `people`.
#[derive(Debug, Clone, PartialEq, attio_runtime::Record)]
#[attio(object = "people")]
pub struct ProductUser {
    #[attio(attribute = "email_addresses")] // the field name is the slug unless renamed
    pub emails: Vec<EmailAddress>,
    pub job_title: Option<String>,
}
