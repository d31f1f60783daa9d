//! An enum of the options of `companies.categories`.

use attio_runtime::serde_json::json;
use attio_runtime::{kind, AttributeValue, Options, Record};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Options)]
#[attio(object = "companies", attribute = "categories")]
pub enum Category {
    #[attio(title = "B2B")]
    B2b,
    #[attio(title = "B2C")]
    B2c,
    Enterprise,
    #[attio(title = "SaaS")]
    Saas,
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Record)]
#[attio(object = "companies")]
pub struct Company {
    pub categories: Vec<Category>,
}

#[test]
fn options() {
    assert_eq!(Category::B2b.title(), "B2B");
    assert_eq!(Category::Enterprise.to_string(), "Enterprise");
    assert_eq!(Category::from("SaaS"), Category::Saas);
    assert_eq!(
        Category::from("Fintech"),
        Category::Other("Fintech".to_owned())
    );
    assert_eq!(Category::Other("Fintech".to_owned()).title(), "Fintech");

    let decoded =
        <Category as AttributeValue<kind::Select>>::decode(&json!({"option": {"title": "B2C"}}));
    assert_eq!(decoded.unwrap(), Category::B2c);
    assert_eq!(
        AttributeValue::<kind::Select>::encode(&Category::Saas),
        json!("SaaS")
    );

    // Option enums are filter operands: Attio matches select values by title.
    assert_eq!(
        Company::CATEGORIES.eq(Category::B2b).to_json(),
        json!({"categories": {"$eq": "B2B"}})
    );
    assert_eq!(
        Company::CATEGORIES
            .one_of([Category::Saas, Category::Other("Fintech".into())])
            .to_json(),
        json!({"$or": [{"categories": {"$eq": "SaaS"}}, {"categories": {"$eq": "Fintech"}}]})
    );
}
