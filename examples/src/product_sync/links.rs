//! The business logic: what is written for the rows, in dependency order —
//! companies first, then product accounts and people linked to the record
//! id the company sync returned for their company.

use std::collections::HashMap;

use attio_runtime::sync::{Outcome, SyncInput};
use attio_runtime::Assert;
use attio_runtime::RecordId;

use super::dataset::{AccountRow, UserRow};
use super::transform::{self, RowError};
use crate::attio::{Company, Person, ProductAccount};

/// Which company each account belongs to and, once the companies are
/// synced, each company's record id.
#[derive(Debug, Default)]
pub struct Links {
    /// The matching key of each account's company, for the accounts whose
    /// company could be written.
    company_keys: HashMap<String, String>,
    /// The record id of each company the sync wrote or found unchanged, by
    /// matching key.
    record_ids: HashMap<String, RecordId>,
}

/// Writes to sync and the rows that cannot be written.
#[derive(Debug)]
pub struct Planned<I> {
    /// One input per row that can be written.
    pub inputs: Vec<I>,
    /// The rows that cannot, and why.
    pub rejected: Vec<RowError>,
}

impl Links {
    /// No companies known yet.
    pub fn new() -> Links {
        Links::default()
    }

    /// The company writes of `accounts`, matched on their domain, and
    /// which account each belongs to.
    pub fn plan_companies(&mut self, accounts: &[AccountRow]) -> Planned<Assert<Company>> {
        plan(accounts, |account| {
            let input = Assert::new(Company::DOMAINS, transform::company(account)?);
            // The key the sync will report the outcome under, computed by
            // the sync's own rule rather than guessed from the domain.
            let key = input.key().map_err(|e| RowError::account(account, e))?;
            self.company_keys.insert(account.account_id.clone(), key);
            Ok(input)
        })
    }

    /// Learns a company's record id from an outcome of the company sync: a
    /// write's answer, or for an unchanged company the id its last write
    /// returned. A failed company stays unknown.
    pub fn learn(&mut self, outcome: &Outcome<Assert<Company>>) {
        if let Outcome::Created { key, id }
        | Outcome::Updated { key, id }
        | Outcome::Unchanged { key, id } = outcome
        {
            self.record_ids.insert(key.clone(), id.clone());
        }
    }

    /// The product account writes of `accounts`, matched on their account
    /// id and linked to their company.
    pub fn plan_product_accounts(
        &self,
        accounts: &[AccountRow],
    ) -> Planned<Assert<ProductAccount>> {
        plan(accounts, |account| {
            let company = self
                .company_of(&account.account_id)
                .map_err(|e| RowError::account(account, e))?;
            let write = transform::product_account(account, company)?;
            Ok(Assert::new(ProductAccount::ACCOUNT_ID, write))
        })
    }

    /// The person writes of `users`, matched on their email and linked to
    /// their account's company.
    pub fn plan_people(&self, users: &[UserRow]) -> Planned<Assert<Person>> {
        plan(users, |user| {
            let company = self
                .company_of(&user.account_id)
                .map_err(|e| RowError::user(user, e))?;
            let write = transform::person(user, company)?;
            Ok(Assert::new(Person::EMAIL_ADDRESSES, write))
        })
    }

    /// The record id of the company of account `account_id`, or why there
    /// is none to link to.
    pub fn company_of(&self, account_id: &str) -> Result<&RecordId, String> {
        let key = self
            .company_keys
            .get(account_id)
            .ok_or_else(|| format!("account {account_id} has no company that could be written"))?;
        self.record_ids
            .get(key)
            .ok_or_else(|| format!("company {key} was not synced; it is retried on the next run"))
    }
}

fn plan<T, I>(rows: &[T], mut input: impl FnMut(&T) -> Result<I, RowError>) -> Planned<I> {
    let mut planned = Planned {
        inputs: Vec::with_capacity(rows.len()),
        rejected: Vec::new(),
    };
    for row in rows {
        match input(row) {
            Ok(one) => planned.inputs.push(one),
            Err(error) => planned.rejected.push(error),
        }
    }
    planned
}

#[cfg(test)]
mod tests {
    use std::future::Future;
    use std::sync::Mutex;

    use attio_runtime::api::identity::Identity;
    use attio_runtime::serde_json::{self, json};
    use attio_runtime::sync::BulkSync;
    use attio_runtime::{AttioApi, Error, Record, Stored, ValueError, Write};
    use futures_util::{stream, StreamExt};

    use super::*;
    use crate::product_sync::dataset::Dataset;

    /// A double of Attio that gives each company it is asked to write a
    /// new record id, and refuses one domain.
    #[derive(Default)]
    struct Companies {
        written: Mutex<Vec<String>>,
        refuse: String,
    }

    impl AttioApi for Companies {
        fn assert_record<R>(
            &self,
            assert: Assert<R>,
        ) -> impl Future<Output = Result<Stored<R>, Error>> + Send
        where
            R: Record + Send,
            R::Write: Send,
        {
            let values = serde_json::to_value(assert.write().values().as_map()).unwrap();
            let domain = values["domains"][0]["domain"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let answer = if domain == self.refuse {
                Err(Error::from(ValueError::new(
                    "domain",
                    domain,
                    "refused by the double",
                )))
            } else {
                let mut written = self.written.lock().unwrap();
                written.push(domain);
                let id = format!("00000000-0000-4000-8000-{:012}", written.len());
                Ok(serde_json::from_value(json!({
                    "id": {"workspace_id": "w", "object_id": "o", "record_id": id},
                    "created_at": "2026-01-01T00:00:00Z",
                    "values": {},
                }))
                .unwrap())
            };
            async move { answer }
        }

        /// The sync asks which workspace the key is for before writing.
        async fn identify(&self) -> Result<Identity, Error> {
            let me =
                json!({"active": true, "workspace_id": "14beef7a-99f7-4534-a87e-70b564330a4c"});
            Ok(serde_json::from_value(me).unwrap())
        }
    }

    #[tokio::test]
    async fn people_and_accounts_link_to_the_record_their_company_sync_returned() {
        let mut dataset = Dataset::generate(30, 5);
        dataset.accounts[1].domain = "not a domain".to_owned();
        let refused = dataset.accounts[2].domain.clone();
        let api = Companies {
            refuse: refused.clone(),
            ..Companies::default()
        };

        let mut links = Links::new();
        let companies = links.plan_companies(&dataset.accounts);
        assert_eq!(companies.inputs.len(), dataset.accounts.len() - 1);
        assert_eq!(companies.rejected.len(), 1);
        let sync = BulkSync::new(&api);
        let mut outcomes = sync.outcomes(stream::iter(companies.inputs));
        while let Some(outcome) = outcomes.next().await {
            links.learn(&outcome.unwrap());
        }

        let people = links.plan_people(&dataset.users);
        let written = api.written.lock().unwrap().clone();
        for user in &dataset.users {
            let account = dataset
                .accounts
                .iter()
                .position(|a| a.account_id == user.account_id)
                .unwrap();
            let linked = people.inputs.iter().find(|p| {
                p.write().values().as_map()["email_addresses"][0]["email_address"]
                    == json!(user.email)
            });
            match account {
                1 | 2 => {
                    assert!(
                        linked.is_none(),
                        "{} has no company to link to",
                        user.user_id
                    );
                    let error = people
                        .rejected
                        .iter()
                        .find(|e| e.row.ends_with(&user.user_id))
                        .unwrap();
                    let expected = if account == 1 {
                        "no company that could be written".to_owned()
                    } else {
                        format!("company {refused} was not synced")
                    };
                    assert!(error.reason.contains(&expected), "{error}");
                }
                _ => {
                    let number = written
                        .iter()
                        .position(|d| *d == dataset.accounts[account].domain)
                        .unwrap()
                        + 1;
                    let company = &linked.expect("linked").write().values().as_map()["company"];
                    assert_eq!(
                        company[0]["target_record_id"],
                        json!(format!("00000000-0000-4000-8000-{number:012}"))
                    );
                }
            }
        }
        let accounts = links.plan_product_accounts(&dataset.accounts);
        assert_eq!(accounts.inputs.len(), dataset.accounts.len() - 2);
        assert_eq!(accounts.rejected.len(), 2);
    }
}
