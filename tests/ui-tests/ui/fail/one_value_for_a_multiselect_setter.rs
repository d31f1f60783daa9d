use attio_runtime::value::EmailAddress;
use attio_runtime::Record;

// As generated: `email_addresses` is multiselect, so its setter takes
// several values.
#[derive(Record)]
#[attio(object = "people")]
pub struct Person {
    /// Email addresses · email-address · multiselect · unique
    #[attio(attribute = "email_addresses")]
    pub email_addresses: Vec<EmailAddress>,
}

fn main() {
    let ada = EmailAddress::new("ada@acme.com").unwrap();
    let _ = Person::write().email_addresses(ada);
}
