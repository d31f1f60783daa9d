//! The JSON of filters, sorts and queries
//! (<https://docs.attio.com/rest-api/guides/filtering-and-sorting>).

use super::*;

#[test]
fn text_filters() {
    assert_eq!(
        Company::NAME.eq("Acme").to_json(),
        json!({"name": {"$eq": "Acme"}})
    );
    assert_eq!(
        Company::NAME.is_in(["Acme", "Globex"]).to_json(),
        json!({"name": {"$in": ["Acme", "Globex"]}})
    );
    assert_eq!(
        Company::NAME.contains("acm").to_json(),
        json!({"name": {"$contains": "acm"}})
    );
    assert_eq!(
        Company::NAME.starts_with("Ac").to_json(),
        json!({"name": {"$starts_with": "Ac"}})
    );
    assert_eq!(
        Company::NAME.ends_with("me").to_json(),
        json!({"name": {"$ends_with": "me"}})
    );
}

#[test]
fn comparison_filters() {
    assert_eq!(
        Company::EMPLOYEES.eq(10).to_json(),
        json!({"employee_count": {"$eq": 10}})
    );
    assert_eq!(
        Company::EMPLOYEES.gt(10).to_json(),
        json!({"employee_count": {"$gt": 10}})
    );
    assert_eq!(
        Company::EMPLOYEES.gte(2.5).to_json(),
        json!({"employee_count": {"$gte": 2.5}})
    );
    assert_eq!(
        Company::EMPLOYEES.lt(100).to_json(),
        json!({"employee_count": {"$lt": 100}})
    );
    assert_eq!(
        Company::EMPLOYEES.lte(100).to_json(),
        json!({"employee_count": {"$lte": 100}})
    );
    assert_eq!(
        Company::ARR.gte(Decimal::new(1_000_050, 2)).to_json(),
        json!({"arr": {"$gte": 10000.5}})
    );
    assert_eq!(
        Company::ARR.lt(10_000).to_json(),
        json!({"arr": {"$lt": 10000}})
    );
    let day = NaiveDate::from_ymd_opt(2020, 1, 31).unwrap();
    assert_eq!(
        Company::FOUNDED.lt(day).to_json(),
        json!({"foundation_date": {"$lt": "2020-01-31"}})
    );
    let at = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
    assert_eq!(
        Company::UPDATED.gte(at).to_json(),
        json!({"updated_at": {"$gte": "2025-01-01T00:00:00.000000000Z"}})
    );
    assert_eq!(
        Company::SCORE.gte(Rating::new(3).unwrap()).to_json(),
        json!({"score": {"$gte": 3}})
    );
    assert_eq!(Company::SCORE.eq(5).to_json(), json!({"score": {"$eq": 5}}));
    assert_eq!(
        Company::EMPLOYEES.between(100, 200).to_json(),
        json!({"employee_count": {"$gte": 100, "$lte": 200}})
    );
}

#[test]
fn equality_filters() {
    assert_eq!(
        Company::ACTIVE.eq(true).to_json(),
        json!({"active": {"$eq": true}})
    );
    assert_eq!(
        Company::TIER.eq("Enterprise").to_json(),
        json!({"tier": {"$eq": "Enterprise"}})
    );
    assert_eq!(
        Company::STAGE
            .one_of(["Won", "Lost".to_owned().as_str()])
            .to_json(),
        json!({"$or": [{"stage": {"$eq": "Won"}}, {"stage": {"$eq": "Lost"}}]})
    );
    let id = RecordId::new(RECORD_ID).unwrap();
    assert_eq!(
        Company::PARENT
            .eq(RecordRef::<Company>::new(id.clone()))
            .to_json(),
        json!({"parent_company": {"target_object": "companies", "target_record_id": RECORD_ID}})
    );
    assert_eq!(
        Company::PARENT.eq(&id).to_json(),
        json!({"parent_company": {"target_record_id": {"$eq": RECORD_ID}}})
    );
    assert_eq!(
        Company::PARENT.is_in([&id]).to_json(),
        json!({"parent_company": {"target_record_id": {"$in": [RECORD_ID]}}})
    );
    assert_eq!(
        Company::OWNER.eq_workspace_member(MEMBER_ID).to_json(),
        json!({"owner": {"referenced_actor_type": "workspace-member", "referenced_actor_id": MEMBER_ID}})
    );
    assert_eq!(
        Filter::<Company>::record_id_in([&id]).to_json(),
        json!({"record_id": {"$in": [RECORD_ID]}})
    );
}

#[test]
fn property_filters() {
    let email = EmailAddress::new("Ada@Acme.com").unwrap();
    assert_eq!(
        Company::EMAILS.eq(&email).to_json(),
        json!({"email_addresses": {"$eq": "ada@acme.com"}})
    );
    assert_eq!(
        Company::EMAILS.email_domain().eq("acme.com").to_json(),
        json!({"email_addresses": {"email_domain": {"$eq": "acme.com"}}})
    );
    assert_eq!(
        Company::DOMAINS.root_domain().not_empty().to_json(),
        json!({"domains": {"root_domain": {"$not_empty": true}}})
    );
    assert_eq!(
        Company::DOMAINS.not_empty().to_json(),
        json!({"domains": {"$not_empty": true}})
    );
    assert_eq!(
        Company::DOMAINS
            .eq(&Domain::new("acme.com").unwrap())
            .to_json(),
        json!({"domains": {"$eq": "acme.com"}})
    );
    assert_eq!(
        Company::PHONES.phone_number().starts_with("+44").to_json(),
        json!({"phone_numbers": {"phone_number": {"$starts_with": "+44"}}})
    );
    assert_eq!(
        Company::PHONES.country_code().not_empty().to_json(),
        json!({"phone_numbers": {"country_code": {"$not_empty": true}}})
    );
    assert_eq!(
        Company::CONTACT.last_name().contains("love").to_json(),
        json!({"contact_name": {"last_name": {"$contains": "love"}}})
    );
    assert_eq!(
        Company::CONTACT.eq("Ada Lovelace").to_json(),
        json!({"contact_name": {"$eq": "Ada Lovelace"}})
    );
    assert_eq!(
        Company::LOCATION.country_code().starts_with("G").to_json(),
        json!({"primary_location": {"country_code": {"$starts_with": "G"}}})
    );
    assert_eq!(
        Company::LOCATION.locality().eq("London").to_json(),
        json!({"primary_location": {"locality": {"$eq": "London"}}})
    );
    assert_eq!(
        Company::LAST_EMAIL.interaction_type().eq("email").to_json(),
        json!({"last_email_interaction": {"interaction_type": {"$eq": "email"}}})
    );
}

#[test]
fn combinators_and_query() {
    let f =
        Company::NAME.contains("Acme") & (Company::TIER.eq("Gold") | !Company::ACTIVE.eq(false));
    assert_eq!(
        f.to_json(),
        json!({"$and": [
            {"name": {"$contains": "Acme"}},
            {"$or": [{"tier": {"$eq": "Gold"}}, {"$not": {"active": {"$eq": false}}}]}
        ]})
    );
    assert_eq!(
        Filter::or([Company::NAME.eq("a"), Company::NAME.eq("b")]).to_json(),
        json!({"$or": [{"name": {"$eq": "a"}}, {"name": {"$eq": "b"}}]})
    );
    assert_eq!(
        Filter::not(Company::NAME.eq("a")).to_json(),
        json!({"$not": {"name": {"$eq": "a"}}})
    );
    let q = Query::new()
        .filter(Filter::and([
            Company::EMPLOYEES.gte(10),
            Company::ACTIVE.eq(true),
        ]))
        .sort(Company::CONTACT.last_name().asc())
        .sort(Company::NAME.desc())
        .limit(100)
        .offset(200);
    assert_eq!(
        attio_runtime::serde_json::to_value(&q).unwrap(),
        json!({
            "filter": {"$and": [{"employee_count": {"$gte": 10}}, {"active": {"$eq": true}}]},
            "sorts": [
                {"direction": "asc", "attribute": "contact_name", "field": "last_name"},
                {"direction": "desc", "attribute": "name"}
            ],
            "limit": 100,
            "offset": 200
        })
    );
}
