use attio_runtime::Record;

// As generated: `logo_url` is enriched by Attio, so the read model has it
// and the write model cannot set it.
#[derive(Record)]
#[attio(object = "companies")]
pub struct Company {
    /// Logo URL · text · read-only
    #[attio(attribute = "logo_url", read_only)]
    pub logo_url: Option<String>,
    /// Name · text
    #[attio(attribute = "name")]
    pub name: Option<String>,
}

fn main() {
    let _ = Company::write().name("Acme").logo_url("https://acme.com/logo.png");
}
