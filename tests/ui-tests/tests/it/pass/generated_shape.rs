//! The shape attio-codegen emits — an explicit slug on every field, doc
//! comments, option enums and references between records — with every path
//! spelled out absolutely, as generated code may be included anywhere.

use attio_runtime::serde_json::json;
use attio_runtime::Model as _;

/// Company — object `companies`.
#[derive(Debug, Clone, PartialEq, ::attio_runtime::Record)]
#[attio(object = "companies")]
pub struct Company {
    /// Categories · select · multiselect
    #[attio(attribute = "categories")]
    pub categories: ::std::vec::Vec<CompanyCategory>,
    /// Domains · domain · multiselect · unique
    #[attio(attribute = "domains")]
    pub domains: ::std::vec::Vec<::attio_runtime::value::Domain>,
    /// Logo URL · text · read-only
    #[attio(attribute = "logo_url", read_only)]
    pub logo_url: ::core::option::Option<::std::string::String>,
    /// Name · text
    #[attio(attribute = "name")]
    pub name: ::core::option::Option<::std::string::String>,
    /// Team · record-reference → people · multiselect
    #[attio(attribute = "team")]
    pub team: ::std::vec::Vec<::attio_runtime::value::RecordRef<Person>>,
}

/// Options of `companies.categories`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, ::attio_runtime::Options)]
#[attio(object = "companies", attribute = "categories")]
pub enum CompanyCategory {
    /// B2B
    #[attio(title = "B2B")]
    B2b,
    /// B2C
    #[attio(title = "B2C")]
    B2c,
    /// Enterprise
    #[attio(title = "Enterprise")]
    Enterprise,
    /// SaaS
    #[attio(title = "SaaS")]
    Saas,
    /// A title that is not in the snapshot (added in Attio since).
    Other(::std::string::String),
}

/// Person — object `people`.
#[derive(Debug, Clone, PartialEq, ::attio_runtime::Record)]
#[attio(object = "people")]
pub struct Person {
    /// Avatar URL · text · read-only
    #[attio(attribute = "avatar_url", read_only)]
    pub avatar_url: ::core::option::Option<::std::string::String>,
    /// Company · record-reference → companies
    #[attio(attribute = "company")]
    pub company: ::core::option::Option<::attio_runtime::value::RecordRef<Company>>,
    /// Email addresses · email-address · multiselect · unique
    #[attio(attribute = "email_addresses")]
    pub email_addresses: ::std::vec::Vec<::attio_runtime::value::EmailAddress>,
    /// First email interaction · interaction · read-only
    #[attio(attribute = "first_email_interaction", read_only)]
    pub first_email_interaction: ::core::option::Option<::attio_runtime::value::Interaction>,
    /// Job title · text
    #[attio(attribute = "job_title")]
    pub job_title: ::core::option::Option<::std::string::String>,
    /// Legacy score · number · archived
    #[attio(attribute = "legacy_score", read_only)]
    pub legacy_score: ::core::option::Option<f64>,
    /// Name · personal-name
    #[attio(attribute = "name")]
    pub name: ::core::option::Option<::attio_runtime::value::PersonalName>,
}

mod elsewhere {
    // The generated items are nameable from other modules.
    pub fn write() -> super::PersonWrite {
        super::Person::write().job_title("CTO")
    }
}

#[test]
fn generated_shape() {
    let values = json!({
        "categories": [{"option": {"title": "B2B"}}, {"option": {"title": "Fintech"}}],
        "domains": [{"domain": "acme.com", "root_domain": "acme.com"}],
        "name": [{"value": "Acme"}],
        "team": [],
    });
    let company = Company::from_values(values.as_object().unwrap()).unwrap();
    assert_eq!(
        company.categories,
        [
            CompanyCategory::B2b,
            CompanyCategory::Other("Fintech".to_owned())
        ]
    );
    assert_eq!(company.name.as_deref(), Some("Acme"));

    let write = Company::write()
        .categories([CompanyCategory::Saas])
        .categories(["B2C"]);
    use attio_runtime::Write as _;
    assert_eq!(write.values().get("categories"), Some(&json!(["B2C"])));
    assert_eq!(
        elsewhere::write().values().get("job_title"),
        Some(&json!(["CTO"]))
    );
    assert_eq!(Person::EMAIL_ADDRESSES.slug(), "email_addresses");
    assert_eq!(
        Person::FIRST_EMAIL_INTERACTION.slug(),
        "first_email_interaction"
    );
}
