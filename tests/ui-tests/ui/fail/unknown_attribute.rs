use attio_runtime::value::EmailAddress;
use attio_runtime::Record;

#[derive(Record)]
#[attio(object = "people")]
struct Person {
    // The field name is the slug: reported at the field.
    email_adresses: Vec<EmailAddress>,
    // An explicit slug: reported at the literal.
    #[attio(attribute = "jobtitle")]
    title: Option<String>,
}

fn main() {}
