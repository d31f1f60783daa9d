//! A struct with every required attribute (so `create` exists) and an
//! upsert on a unique attribute.

use attio_runtime::serde_json::json;
use attio_runtime::value::{ActorRef, Currency, Domain, RecordRef};
use attio_runtime::{Assert, Options, Record, Upsert, Write};

#[derive(Debug, Clone, PartialEq, Eq, Options)]
#[attio(object = "deals", attribute = "stage")]
pub enum DealStage {
    Lead,
    #[attio(title = "In Progress")]
    InProgress,
    Won,
    Lost,
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Record)]
#[attio(object = "companies", upsert = "domains")]
pub struct Company {
    pub domains: Vec<Domain>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Record)]
#[attio(object = "deals", create)]
pub struct Deal {
    pub name: String,
    pub stage: DealStage,
    #[attio(attribute = "owner")]
    pub deal_owner: ActorRef,
    pub value: Option<Currency>,
    pub associated_company: Option<RecordRef<Company>>,
}

#[test]
fn create_and_upsert() {
    let owner = ActorRef::workspace_member("67561dce-429b-4dc9-8b79-e0c42416a530").unwrap();
    // The required attributes, by field name.
    let write = Deal::create(DealRequired {
        name: "Acme renewal".into(),
        deal_owner: owner,
        stage: DealStage::InProgress,
    })
    .value(Currency::from(5000));
    let values = write.values().as_map();
    assert_eq!(values["name"], json!(["Acme renewal"]));
    assert_eq!(values["stage"], json!(["In Progress"]));
    assert_eq!(
        values["owner"][0]["referenced_actor_type"],
        json!("workspace-member")
    );
    assert!(values.contains_key("value"));

    assert_eq!(<Company as Upsert>::MATCHING_ATTRIBUTE, "domains");
    let company = Company::write()
        .domains([Domain::new("acme.com").unwrap()])
        .name("Acme");
    let assert = Assert::new(Company::DOMAINS, company.clone());
    assert_eq!(assert.matching_attribute(), "domains");
    assert_eq!(
        Assert::<Company>::upsert(company).matching_attribute(),
        "domains"
    );
    assert_eq!(Deal::DEAL_OWNER.slug(), "owner");
}
