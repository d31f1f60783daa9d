//! A hand-written projection of `people`, with a renamed field.

use attio_runtime::serde_json::json;
use attio_runtime::value::{EmailAddress, PersonalName};
use attio_runtime::{Model, Record, Write};

#[derive(Debug, Clone, PartialEq, Record)]
#[attio(object = "people")]
pub struct Person {
    #[attio(attribute = "email_addresses")]
    pub emails: Vec<EmailAddress>,
    pub name: Option<PersonalName>,
    #[attio(attribute = "job_title")]
    pub role: Option<String>,
    #[attio(read_only)]
    pub avatar_url: Option<String>,
}

#[test]
fn projection() {
    assert_eq!(Person::OBJECT, "people");
    assert_eq!(Person::EMAILS.slug(), "email_addresses");
    assert_eq!(Person::ROLE.slug(), "job_title");
    assert_eq!(Person::AVATAR_URL.slug(), "avatar_url");

    let values = json!({
        "email_addresses": [{"email_address": "ada@acme.com"}],
        "name": [{"first_name": "Ada", "last_name": "Lovelace", "full_name": "Ada Lovelace"}],
        "job_title": [{"value": "CTO"}],
        "avatar_url": [],
    });
    let person = Person::from_values(values.as_object().unwrap()).unwrap();
    assert_eq!(person.emails[0].as_str(), "ada@acme.com");
    assert_eq!(person.role.as_deref(), Some("CTO"));
    assert_eq!(person.avatar_url, None);

    let write = Person::write()
        .role("CEO")
        .emails([EmailAddress::new("ada@acme.com").unwrap()])
        .name(PersonalName::new("Ada", "Lovelace"));
    let values = write.values().as_map();
    assert_eq!(values["job_title"], json!(["CEO"]));
    assert_eq!(values["email_addresses"].as_array().unwrap().len(), 1);
    assert!(values.get("avatar_url").is_none());

    // The read-only field is left out of the write model.
    let rewrite = person.to_write();
    assert!(rewrite.values().get("avatar_url").is_none());
    assert_eq!(rewrite.values().get("job_title"), Some(&json!(["CTO"])));
}
