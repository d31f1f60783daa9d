//! The business logic: which records are read, how they become [`Lead`]s,
//! and which scores are written back — only those that changed, one
//! update per person whose stored `lead_score` differs from the rules'.

use std::collections::{BTreeSet, HashMap};

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use futures_util::{stream, StreamExt};

use super::rules::{self, Lead, Score};
use crate::attio::{Company, Person, ProductAccount};
use attio_runtime::RecordId;
use attio_runtime::{AttioApi, Filter, Query, Stored};

/// How many ids one query names when companies and product accounts are
/// read in batches: a filter of this size stays well within a request.
const BATCH: usize = 100;

/// Score updates in flight at once; the client paces them to the write
/// limit, so this only hides the latency of each.
const WRITES_IN_FLIGHT: usize = 4;

/// Which people to score, and whether to write.
#[derive(Debug, Clone)]
pub struct Options {
    /// Only the people matching this filter (everyone when `None`); see
    /// [`people_filter`].
    pub filter: Option<Filter<Person>>,
    /// Score and report, but write nothing.
    pub dry_run: bool,
    /// The clock the recency rule reads: `Utc::now()` in the program, a
    /// fixed time in tests.
    pub now: DateTime<Utc>,
}

/// The typed filter for the command line's choices: people with an email
/// address, people whose job title contains some text, or both.
pub fn people_filter(with_email: bool, job_title: Option<&str>) -> Option<Filter<Person>> {
    // Attio has no `$not_empty` for email addresses, but every address
    // contains an `@`, so this keeps exactly the people who have one.
    let email = with_email.then(|| Person::EMAIL_ADDRESSES.email_address().contains("@"));
    let title = job_title.map(|text| Person::JOB_TITLE.contains(text));
    match (email, title) {
        (Some(email), Some(title)) => Some(email & title),
        (email, title) => email.or(title),
    }
}

/// What happened to one person's score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The stored score is the rules' score: nothing sent.
    Unchanged,
    /// The new score was written.
    Written,
    /// The score changed and is not written (yet, or at all in a dry run).
    WouldWrite,
    /// The score changed and writing it failed, for this reason.
    Failed(String),
}

/// One person, scored.
#[derive(Debug, Clone)]
pub struct Scored {
    /// The person's record id.
    pub id: RecordId,
    /// Their name, or their first email address, or the record id.
    pub name: String,
    /// Their company's name, if they have a company.
    pub company: Option<String>,
    /// The `lead_score` stored before this run.
    pub previous: Option<f64>,
    /// The rules' score, with its reasons.
    pub score: Score,
    /// Whether the score was written.
    pub change: Change,
}

/// Every person scored, highest score first.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The people, highest score first (ties by name).
    pub people: Vec<Scored>,
}

impl Outcome {
    /// People whose stored score differed from the rules' (written, failed
    /// or, in a dry run, to be written).
    pub fn changed(&self) -> usize {
        self.count(|c| *c != Change::Unchanged)
    }

    /// People whose stored score was already the rules'.
    pub fn unchanged(&self) -> usize {
        self.count(|c| *c == Change::Unchanged)
    }

    /// Scores written.
    pub fn written(&self) -> usize {
        self.count(|c| *c == Change::Written)
    }

    /// Scores that could not be written.
    pub fn failed(&self) -> usize {
        self.count(|c| matches!(c, Change::Failed(_)))
    }

    fn count(&self, which: impl Fn(&Change) -> bool) -> usize {
        self.people.iter().filter(|p| which(&p.change)).count()
    }
}

/// The transformation: the facts the rules read, from a person, their
/// company (if any) and the company's product accounts.
pub fn lead_of(person: &Person, company: Option<&Company>, accounts: &[ProductAccount]) -> Lead {
    Lead {
        job_title: person.job_title.clone(),
        product_role: person.product_role.clone(),
        last_seen_at: person.last_seen_at,
        customer_tier: company.and_then(|c| c.customer_tier.clone()),
        employee_range: company.and_then(|c| c.employee_range.clone()),
        plans: accounts.iter().filter_map(|a| a.plan.clone()).collect(),
    }
}

/// Reads the people `options` names, their companies and the companies'
/// product accounts (in batches, not one request per person), scores each
/// person with [`rules::score`], and writes `people.lead_score` where it
/// differs from the stored value (unless a dry run). A failed write is
/// recorded in the outcome rather than stopping the others; a failed read
/// is an error.
pub async fn score_people(api: &impl AttioApi, options: &Options) -> anyhow::Result<Outcome> {
    let query = match &options.filter {
        Some(filter) => Query::new().filter(filter.clone()),
        None => Query::new(),
    };
    let people = api
        .query_all_records::<Person>(query)
        .await
        .context("cannot read the people to score")?;

    // Sorted and deduplicated, so that each company is asked for once.
    let company_ids: Vec<RecordId> = people
        .iter()
        .filter_map(|p| p.values.company.as_ref()?.record_id().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let companies = read_companies(api, &company_ids).await?;
    let accounts = read_accounts(api, &company_ids).await?;

    let mut scored: Vec<Scored> = people
        .into_iter()
        .map(|person| {
            let company_id = person.values.company.as_ref().and_then(|c| c.record_id());
            let company = company_id.and_then(|id| companies.get(id));
            let accounts = company_id
                .and_then(|id| accounts.get(id))
                .map_or(&[][..], Vec::as_slice);
            let score = rules::score(&lead_of(&person.values, company, accounts), options.now);
            let previous = person.values.lead_score;
            let change = if previous == Some(f64::from(score.total)) {
                Change::Unchanged
            } else {
                Change::WouldWrite
            };
            Scored {
                name: display_name(&person),
                company: company.and_then(|c| c.name.clone()),
                id: person.id.record_id,
                previous,
                score,
                change,
            }
        })
        .collect();

    if !options.dry_run {
        write_changed(api, &mut scored).await;
    }
    scored.sort_by(|a, b| {
        b.score
            .total
            .cmp(&a.score.total)
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(Outcome { people: scored })
}

/// The companies with these ids, by id.
async fn read_companies(
    api: &impl AttioApi,
    ids: &[RecordId],
) -> anyhow::Result<HashMap<RecordId, Company>> {
    let mut companies = HashMap::with_capacity(ids.len());
    for batch in ids.chunks(BATCH) {
        let query = Query::new().filter(Filter::record_id_in(batch));
        let found = api
            .query_all_records::<Company>(query)
            .await
            .context("cannot read the people's companies")?;
        companies.extend(found.into_iter().map(|c| (c.id.record_id, c.values)));
    }
    Ok(companies)
}

/// The product accounts of the companies with these ids, by company id.
async fn read_accounts(
    api: &impl AttioApi,
    company_ids: &[RecordId],
) -> anyhow::Result<HashMap<RecordId, Vec<ProductAccount>>> {
    let mut accounts: HashMap<RecordId, Vec<ProductAccount>> = HashMap::new();
    for batch in company_ids.chunks(BATCH) {
        let query = Query::new().filter(ProductAccount::COMPANY.is_in(batch));
        let found = api
            .query_all_records::<ProductAccount>(query)
            .await
            .context("cannot read the companies' product accounts")?;
        for account in found {
            if let Some(company) = account.values.company.as_ref().and_then(|c| c.record_id()) {
                accounts
                    .entry(company.clone())
                    .or_default()
                    .push(account.values);
            }
        }
    }
    Ok(accounts)
}

/// Writes the score of every person marked [`Change::WouldWrite`], marking
/// each written or failed.
async fn write_changed(api: &impl AttioApi, scored: &mut [Scored]) {
    let writes: Vec<(usize, RecordId, f64)> = scored
        .iter()
        .enumerate()
        .filter(|(_, s)| s.change == Change::WouldWrite)
        .map(|(i, s)| (i, s.id.clone(), f64::from(s.score.total)))
        .collect();
    let results: Vec<(usize, Change)> = stream::iter(writes)
        .map(|(i, id, score)| async move {
            let write = Person::write().lead_score(score);
            let change = match api.update_record::<Person>(&id, write).await {
                Ok(_) => Change::Written,
                Err(error) => Change::Failed(error.to_string()),
            };
            (i, change)
        })
        .buffer_unordered(WRITES_IN_FLIGHT)
        .collect()
        .await;
    for (i, change) in results {
        scored[i].change = change;
    }
}

fn display_name(person: &Stored<Person>) -> String {
    let values = &person.values;
    values
        .name
        .as_ref()
        .map(|n| n.full_name.trim())
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .or_else(|| {
            values
                .email_addresses
                .first()
                .map(|e| e.as_str().to_owned())
        })
        .unwrap_or_else(|| person.id.record_id.as_str().to_owned())
}

#[cfg(test)]
#[path = "scoring_tests.rs"]
mod tests;
