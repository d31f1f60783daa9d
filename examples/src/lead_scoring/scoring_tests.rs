//! The business logic against a test double that serves canned people,
//! companies and product accounts, and records every query and update.

use std::any::Any;
use std::future::Future;
use std::sync::Mutex;

use attio_runtime::serde_json::{json, Map, Value};
use attio_runtime::value::{EmailAddress, PersonalName, RecordRef};
use attio_runtime::{DecodeError, Error, Model, Record, RecordIdentity, ValueError, Write};
use chrono::{Duration, TimeZone};

use super::*;
use crate::attio::{CompanyCustomerTier, PersonProductRole, ProductAccountPlan};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap()
}

fn id(n: usize) -> RecordId {
    RecordId::new(&format!("00000000-0000-4000-8000-{n:012}")).unwrap()
}

fn stored<R>(n: usize, values: R) -> Stored<R> {
    stored_as(id(n), values)
}

fn stored_as<R>(record_id: RecordId, values: R) -> Stored<R> {
    Stored {
        id: RecordIdentity {
            workspace_id: "w".into(),
            object_id: "o".into(),
            record_id,
        },
        created_at: now(),
        web_url: None,
        values,
    }
}

/// A record of `R` with no values, to fill in field by field.
fn empty<R: Model>() -> R {
    R::from_values(&Map::new()).unwrap()
}

fn person(n: usize, name: &str, title: &str, company: Option<usize>) -> Stored<Person> {
    let mut person: Person = empty();
    let (first, last) = name.split_once(' ').unwrap_or((name, ""));
    person.name = Some(PersonalName::new(first, last));
    person.email_addresses = vec![EmailAddress::new(&format!("p{n}@acme.com")).unwrap()];
    person.job_title = Some(title.to_owned());
    person.company = company.map(|c| RecordRef::new(id(c)));
    stored(n, person)
}

fn company(n: usize, name: &str, tier: CompanyCustomerTier) -> Stored<Company> {
    let mut company: Company = empty();
    company.name = Some(name.to_owned());
    company.customer_tier = Some(tier);
    stored(n, company)
}

fn account(n: usize, company: usize, plan: ProductAccountPlan) -> Stored<ProductAccount> {
    let mut account: ProductAccount = empty();
    account.company = Some(RecordRef::new(id(company)));
    account.plan = Some(plan);
    stored(n, account)
}

/// Canned records of each object, and what the logic asked for.
#[derive(Default)]
struct Double {
    people: Vec<Stored<Person>>,
    companies: Vec<Stored<Company>>,
    accounts: Vec<Stored<ProductAccount>>,
    /// Updates of this person fail.
    failing: Option<RecordId>,
    queries: Mutex<Vec<(&'static str, Value)>>,
    updates: Mutex<Vec<(RecordId, Value)>>,
}

impl Double {
    fn queries_of(&self, object: &str) -> Vec<Value> {
        let queries = self.queries.lock().unwrap();
        queries
            .iter()
            .filter(|(o, _)| *o == object)
            .map(|(_, q)| q.clone())
            .collect()
    }

    fn updates(&self) -> Vec<(RecordId, Value)> {
        let mut updates = self.updates.lock().unwrap().clone();
        updates.sort_by(|a, b| a.0.cmp(&b.0));
        updates
    }
}

impl AttioApi for Double {
    fn query_all_records<R>(
        &self,
        query: Query<R>,
    ) -> impl Future<Output = Result<Vec<Stored<R>>, Error>> + Send
    where
        R: Record + Send + 'static,
    {
        self.queries
            .lock()
            .unwrap()
            .push((R::OBJECT, query.to_json()));
        // The canned records are of concrete types; `R` is one of them.
        let canned: Box<dyn Any> = match R::OBJECT {
            "people" => Box::new(self.people.clone()),
            "companies" => Box::new(self.companies.clone()),
            "product_accounts" => Box::new(self.accounts.clone()),
            _ => Box::new(()),
        };
        let records = canned
            .downcast::<Vec<Stored<R>>>()
            .map(|records| *records)
            .map_err(|_| {
                DecodeError::new(R::OBJECT, "the double has no records of this object").into()
            });
        std::future::ready(records)
    }

    fn update_record<R>(
        &self,
        id: &RecordId,
        write: impl Write<Target = R> + Send,
    ) -> impl Future<Output = Result<Stored<R>, Error>> + Send
    where
        R: Record + Send,
    {
        let values = write.values().as_map().clone();
        self.updates
            .lock()
            .unwrap()
            .push((id.clone(), Value::Object(values)));
        let answer = if self.failing.as_ref() == Some(id) {
            // The runtime's errors are made by the client; a value error is
            // the one a caller can make, and serves as a refusal here.
            Err(ValueError::new("number", "lead_score", "the record is locked").into())
        } else {
            R::from_values(&Map::new())
                .map(|values| stored_as(id.clone(), values))
                .map_err(Error::from)
        };
        std::future::ready(answer)
    }
}

fn options() -> Options {
    Options {
        filter: None,
        dry_run: false,
        now: now(),
    }
}

/// The score the rules give `person` at `company` with `plans`.
fn expected(
    person: &Stored<Person>,
    company: Option<&Stored<Company>>,
    plans: &[Stored<ProductAccount>],
) -> f64 {
    let accounts: Vec<ProductAccount> = plans.iter().map(|a| a.values.clone()).collect();
    let lead = lead_of(&person.values, company.map(|c| &c.values), &accounts);
    f64::from(rules::score(&lead, now()).total)
}

fn lead_scores(updates: &[(RecordId, Value)]) -> Vec<(RecordId, Value)> {
    updates
        .iter()
        .map(|(id, values)| (id.clone(), values["lead_score"].clone()))
        .collect()
}

#[tokio::test]
async fn only_the_scores_that_changed_are_written() {
    let acme = company(100, "Acme", CompanyCustomerTier::Strategic);
    let plans = vec![account(200, 100, ProductAccountPlan::Team)];
    let mut same = person(1, "Ada Lovelace", "CTO", Some(100));
    same.values.lead_score = Some(expected(&same, Some(&acme), &plans));
    let mut stale = person(2, "Grace Hopper", "Engineering Manager", Some(100));
    stale.values.lead_score = Some(3.0);
    let mut new = person(3, "Alan Turing", "Software Engineer", Some(100));
    new.values.product_role = Some(PersonProductRole::Owner);
    new.values.last_seen_at = Some(now() - Duration::days(2));
    let want = [
        (id(2), json!([expected(&stale, Some(&acme), &plans)])),
        (id(3), json!([expected(&new, Some(&acme), &plans)])),
    ];
    let api = Double {
        people: vec![same, stale, new],
        companies: vec![acme],
        accounts: plans,
        ..Double::default()
    };

    let outcome = score_people(&api, &options()).await.unwrap();

    assert_eq!(lead_scores(&api.updates()), want);
    assert_eq!(
        api.updates()[0].1.as_object().unwrap().len(),
        1,
        "an update sends the score alone"
    );
    assert_eq!(
        (outcome.people.len(), outcome.changed(), outcome.unchanged()),
        (3, 2, 1)
    );
    assert_eq!((outcome.written(), outcome.failed()), (2, 0));
    let ada = outcome.people.iter().find(|p| p.id == id(1)).unwrap();
    assert_eq!(ada.change, Change::Unchanged);
    assert_eq!(ada.company.as_deref(), Some("Acme"));
    let reasons: Vec<_> = ada.score.reasons.iter().map(|r| r.rule).collect();
    assert_eq!(reasons, ["seniority", "customer tier", "plan"]);
    let totals: Vec<_> = outcome.people.iter().map(|p| p.score.total).collect();
    assert!(
        totals.windows(2).all(|w| w[0] >= w[1]),
        "highest first: {totals:?}"
    );
}

#[tokio::test]
async fn companies_and_product_accounts_are_read_in_one_batch_each() {
    let people = (1..=6)
        .map(|n| person(n, &format!("Person {n}"), "VP Sales", Some(100 + n % 2)))
        .collect();
    let api = Double {
        people,
        companies: vec![
            company(100, "Acme", CompanyCustomerTier::Growth),
            company(101, "Globex", CompanyCustomerTier::SelfServe),
        ],
        accounts: vec![
            account(200, 100, ProductAccountPlan::Free),
            account(201, 100, ProductAccountPlan::Enterprise),
        ],
        ..Double::default()
    };

    let outcome = score_people(&api, &options()).await.unwrap();

    let ids = json!([id(100).as_str(), id(101).as_str()]);
    assert_eq!(
        api.queries_of("companies"),
        [json!({"filter": {"record_id": {"$in": ids}}})]
    );
    assert_eq!(
        api.queries_of("product_accounts"),
        [json!({"filter": {"company": {"target_record_id": {"$in": ids}}}})]
    );
    assert_eq!(api.queries_of("people"), [json!({})]);
    let at_acme = outcome.people.iter().find(|p| p.id == id(2)).unwrap();
    let details: Vec<_> = at_acme
        .score
        .reasons
        .iter()
        .map(|r| r.detail.as_str())
        .collect();
    assert_eq!(
        details,
        [
            "senior title “VP Sales”",
            "Growth customer",
            "Enterprise plan"
        ],
        "the best plan of the company's accounts counts"
    );
}

#[tokio::test]
async fn people_without_a_company_are_scored_without_reading_companies() {
    let api = Double {
        people: vec![person(1, "Ada Lovelace", "Founder", None)],
        ..Double::default()
    };
    let outcome = score_people(&api, &options()).await.unwrap();
    assert!(api.queries_of("companies").is_empty());
    assert!(api.queries_of("product_accounts").is_empty());
    assert_eq!(outcome.people[0].score.total, 25);
    assert_eq!(lead_scores(&api.updates()), [(id(1), json!([25.0]))]);
}

#[tokio::test]
async fn a_dry_run_writes_nothing_and_says_what_it_would_write() {
    let api = Double {
        people: vec![person(1, "Ada Lovelace", "CEO", None)],
        ..Double::default()
    };
    let filter = people_filter(true, Some("CEO"));
    let options = Options {
        filter: filter.clone(),
        dry_run: true,
        ..options()
    };
    let outcome = score_people(&api, &options).await.unwrap();
    assert!(api.updates().is_empty());
    assert_eq!(outcome.people[0].change, Change::WouldWrite);
    assert_eq!((outcome.changed(), outcome.written()), (1, 0));
    let filter = filter.unwrap().to_json();
    assert_eq!(api.queries_of("people"), [json!({ "filter": filter })]);
}

#[tokio::test]
async fn a_failed_write_is_reported_and_the_others_are_still_written() {
    let api = Double {
        people: (1..=3)
            .map(|n| person(n, &format!("P {n}"), "CFO", None))
            .collect(),
        failing: Some(id(2)),
        ..Double::default()
    };
    let outcome = score_people(&api, &options()).await.unwrap();
    assert_eq!(api.updates().len(), 3);
    assert_eq!(
        (outcome.written(), outcome.failed(), outcome.changed()),
        (2, 1, 3)
    );
    let failed = outcome.people.iter().find(|p| p.id == id(2)).unwrap();
    assert!(
        matches!(&failed.change, Change::Failed(why) if why.contains("the record is locked")),
        "{:?}",
        failed.change
    );
}

#[tokio::test]
async fn a_failed_read_is_an_error_naming_what_was_read() {
    struct Down;
    impl AttioApi for Down {}
    let error = score_people(&Down, &options()).await.unwrap_err();
    assert_eq!(error.to_string(), "cannot read the people to score");
}

#[test]
fn the_command_line_filters_are_typed_attio_filters() {
    assert_eq!(people_filter(false, None), None);
    assert_eq!(
        people_filter(false, Some("VP")).unwrap().to_json(),
        json!({"job_title": {"$contains": "VP"}})
    );
    assert_eq!(
        people_filter(true, Some("VP")).unwrap().to_json(),
        json!({"$and": [
            {"email_addresses": {"email_address": {"$contains": "@"}}},
            {"job_title": {"$contains": "VP"}},
        ]})
    );
}
