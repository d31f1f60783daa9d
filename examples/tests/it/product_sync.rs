//! product-sync end to end against the emulator, at raised rate limits: the
//! first run writes every record once with its values and links, a second
//! run over the same data writes nothing, and a run after `--mutate 10%`
//! writes exactly the changed users.

use std::collections::HashMap;
use std::path::PathBuf;

use attio_examples::attio::{
    Company, CompanyCustomerTier, Person, PersonProductRole, ProductAccount, ProductAccountPlan,
};
use attio_examples::connect;
use attio_examples::product_sync::{run, Dataset, Settings, Summary};
use attio_runtime::value::RecordRef;
use attio_runtime::RecordId;
use attio_runtime::{Client, Decimal, Query, RateLimits, Record, Stored};

const USERS: usize = 60;
const SEED: u64 = 11;
const WRITES_PER_SECOND: u32 = 500;

/// A directory of its own for the state and dead-letter files, removed
/// when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn all<R: Record + Send + 'static>(client: &Client) -> Vec<Stored<R>> {
    client.query_all_records(Query::<R>::new()).await.unwrap()
}

fn company_id(reference: &Option<RecordRef<Company>>) -> Option<&RecordId> {
    reference.as_ref().and_then(RecordRef::record_id)
}

fn assert_counts(summary: &Summary, object: &str, created: u64, updated: u64, unchanged: u64) {
    let row = summary.object(object).unwrap();
    let counts = (
        row.report.created,
        row.report.updated,
        row.report.unchanged,
        row.failed(),
    );
    assert_eq!(
        counts,
        (created, updated, unchanged, 0),
        "{object}:\n{summary}"
    );
}

#[tokio::test]
async fn a_second_run_writes_nothing_and_a_mutated_run_only_the_changed_users() {
    let emulator = connect::emulator_builder()
        .rate_limits(2 * WRITES_PER_SECOND, WRITES_PER_SECOND)
        .start()
        .await
        .unwrap();
    let limits = RateLimits {
        reads_per_second: f64::from(2 * WRITES_PER_SECOND),
        writes_per_second: f64::from(WRITES_PER_SECOND),
    };
    let client = connect::emulator_client(&emulator)
        .rate_limits(limits)
        .build()
        .unwrap();
    let dir = TempDir::new("product-sync-test");
    let settings = Settings::new(dir.0.join("state.sqlite")).write_limit(limits.writes_per_second);
    let dataset = Dataset::generate(USERS, SEED);
    let (accounts, users) = (dataset.accounts.len() as u64, dataset.users.len() as u64);

    // First run: everything is created, once.
    let first = run(&client, &dataset, &settings).await.unwrap();
    assert_counts(&first, "companies", accounts, 0, 0);
    assert_counts(&first, "product accounts", accounts, 0, 0);
    assert_counts(&first, "people", users, 0, 0);
    assert_eq!(first.total().report.writes, 2 * accounts + users, "{first}");
    assert_eq!(first.total().report.rate_limited, 0, "{first}");
    assert!(first.fraction_of_limit().is_some_and(|f| f > 0.0));

    let companies = all::<Company>(&client).await;
    assert_eq!(companies.len() as u64, accounts);
    let company_of_domain: HashMap<String, RecordId> = companies
        .iter()
        .map(|c| {
            (
                c.values.domains[0].as_str().to_owned(),
                c.id.record_id.clone(),
            )
        })
        .collect();
    let account_rows: HashMap<&str, _> = dataset
        .accounts
        .iter()
        .map(|a| (a.account_id.as_str(), a))
        .collect();
    for company in &companies {
        let row = dataset
            .accounts
            .iter()
            .find(|a| a.domain == company.values.domains[0].as_str())
            .expect("every company is one of the dataset's");
        assert_eq!(
            company.values.name.as_deref(),
            Some(row.company_name.as_str())
        );
        let tier = match row.plan.as_str() {
            "enterprise" => CompanyCustomerTier::Strategic,
            "team" => CompanyCustomerTier::Growth,
            _ => CompanyCustomerTier::SelfServe,
        };
        assert_eq!(company.values.customer_tier, Some(tier));
    }

    let product_accounts = all::<ProductAccount>(&client).await;
    assert_eq!(product_accounts.len() as u64, accounts);
    for account in &product_accounts {
        let values = &account.values;
        let row = account_rows[values.account_id.as_deref().unwrap()];
        assert_eq!(
            company_id(&values.company),
            Some(&company_of_domain[&row.domain])
        );
        let plan = match row.plan.as_str() {
            "enterprise" => ProductAccountPlan::Enterprise,
            "team" => ProductAccountPlan::Team,
            "starter" => ProductAccountPlan::Starter,
            _ => ProductAccountPlan::Free,
        };
        assert_eq!(values.plan, Some(plan));
        assert_eq!(values.seats, Some(f64::from(row.seats)));
        assert_eq!(values.active_users, Some(f64::from(row.active_users)));
        assert_eq!(
            values.mrr.map(|m| m.amount()),
            Some(Decimal::new(row.mrr_cents, 2))
        );
        assert_eq!(values.last_seen_at, Some(row.last_seen_at));
    }

    let people = all::<Person>(&client).await;
    assert_eq!(people.len() as u64, users);
    let person_of_email: HashMap<String, &Person> = people
        .iter()
        .map(|p| (p.values.email_addresses[0].as_str().to_owned(), &p.values))
        .collect();
    assert_eq!(person_of_email.len() as u64, users, "one person per email");
    for user in &dataset.users {
        let person = person_of_email[&user.email];
        let domain = &account_rows[user.account_id.as_str()].domain;
        assert_eq!(
            company_id(&person.company),
            Some(&company_of_domain[domain])
        );
        let name = person.name.as_ref().unwrap();
        assert_eq!(
            (name.first_name.as_str(), name.last_name.as_str()),
            (user.first_name.as_str(), user.last_name.as_str())
        );
        assert_eq!(person.last_seen_at, Some(user.last_seen_at));
    }

    // Second run over the same data: no write, and no request but the one
    // each of the three syncs makes to learn which workspace its key is for
    // (its state is bound to that workspace, and refuses another).
    let second = run(&client, &dataset, &settings).await.unwrap();
    assert_counts(&second, "companies", 0, 0, accounts);
    assert_counts(&second, "product accounts", 0, 0, accounts);
    assert_counts(&second, "people", 0, 0, users);
    assert_eq!(second.total().report.writes, 0, "{second}");
    assert_eq!(second.total().report.requests, 3, "{second}");

    // After `--mutate 10%`: exactly the changed users are written.
    let mut mutated = dataset.clone();
    let changed = mutated.mutate("10%".parse().unwrap(), SEED);
    assert_eq!(changed, 6);
    let third = run(&client, &mutated, &settings).await.unwrap();
    assert_counts(&third, "companies", 0, 0, accounts);
    assert_counts(&third, "product accounts", 0, 0, accounts);
    assert_counts(&third, "people", 0, changed as u64, users - changed as u64);
    assert_eq!(third.total().report.writes, changed as u64, "{third}");

    let people = all::<Person>(&client).await;
    assert_eq!(people.len() as u64, users, "updates, never duplicates");
    for (before, after) in dataset
        .users
        .iter()
        .zip(&mutated.users)
        .filter(|(b, a)| b != a)
    {
        let person = people
            .iter()
            .find(|p| p.values.email_addresses[0].as_str() == after.email)
            .unwrap();
        assert_eq!(
            person.values.last_seen_at,
            Some(after.last_seen_at),
            "{}",
            before.user_id
        );
        let role = match after.role.as_str() {
            "owner" => PersonProductRole::Owner,
            "admin" => PersonProductRole::Admin,
            _ => PersonProductRole::Member,
        };
        assert_eq!(person.values.product_role, Some(role));
    }

    // A dead-letter file is written only when something fails.
    let dead_letter = std::fs::read_to_string(&settings.dead_letter).unwrap_or_default();
    assert!(
        !settings.dead_letter.exists(),
        "no failures, no file: {dead_letter}"
    );
    emulator.shutdown().await;
}
