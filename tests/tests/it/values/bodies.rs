//! Write bodies of records and entries: create and assert a record
//! (<https://docs.attio.com/rest-api/endpoint-reference/records/create-a-record>,
//! <https://docs.attio.com/rest-api/endpoint-reference/records/assert-a-record>)
//! and add a record to a list
//! (<https://docs.attio.com/rest-api/endpoint-reference/entries/create-an-entry-add-record-to-list>).

use super::*;

#[test]
fn write_bodies() {
    let mut write = CompanyWrite::default();
    write
        .values_mut()
        .set::<kind::Text, String>("name", &"Acme".to_owned());
    let domains = [Domain::new("acme.com").unwrap()];
    write
        .values_mut()
        .set_many::<kind::Domain, _>("domains", &domains);
    write
        .values_mut()
        .set::<kind::Currency, _>("arr", &Currency::parse("1200.5").unwrap());
    assert_eq!(
        create_body(write.values()),
        json!({"data": {"values": {
            "name": ["Acme"],
            "domains": [{"domain": "acme.com"}],
            "arr": [{"currency_value": 1200.5}]
        }}})
    );
    let assert = Assert::new(Company::DOMAINS, write);
    assert_eq!(assert.matching_attribute(), "domains");
    assert_eq!(
        assert.path(),
        "/v2/objects/companies/records?matching_attribute=domains"
    );
    assert!(assert.check().is_ok());
}

#[test]
fn entry_bodies() {
    let mut write = PipelineWrite::default();
    write
        .values_mut()
        .set::<kind::Status, String>("stage", &"In Progress".to_owned());
    let parent = RecordRef::<Company>::new(RecordId::new(RECORD_ID).unwrap());
    let entry = EntryCreate::<Pipeline>::new(&parent, write).unwrap();
    assert_eq!(entry.path(), "/v2/lists/enterprise_pipeline/entries");
    assert_eq!(
        entry.body(),
        json!({"data": {
            "parent_record_id": RECORD_ID,
            "parent_object": "companies",
            "entry_values": {"stage": ["In Progress"]}
        }})
    );
    let person = RecordRef::to_object("people", RecordId::new(RECORD_ID).unwrap());
    assert!(EntryCreate::<Pipeline>::new(&person, PipelineWrite::default()).is_err());
}
