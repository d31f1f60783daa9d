use attio_runtime::value::EmailAddress;
use attio_runtime::Record;

#[derive(Record)]
#[attio(object = "people")]
struct Person {
    email_addresses: Option<EmailAddress>,
}

fn main() {}
