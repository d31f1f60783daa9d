//! Demo data, so that the program shows something on an empty workspace
//! (the in-process emulator's): 8 companies with product accounts and 30
//! people with varied titles, roles and activity, written through the
//! client by upsert, so that seeding twice changes nothing.

use anyhow::Context as _;
use chrono::{DateTime, Duration, Utc};

use crate::attio::{
    Company, CompanyCustomerTier, Person, PersonProductRole, ProductAccount, ProductAccountPlan,
};
use attio_runtime::value::{Domain, EmailAddress, PersonalName, RecordRef};
use attio_runtime::AttioApi;

/// One demo company: name, domain, tier and the plan of its product
/// account (if it has one).
struct DemoCompany {
    name: &'static str,
    domain: &'static str,
    tier: Option<CompanyCustomerTier>,
    plan: Option<ProductAccountPlan>,
}

fn companies() -> [DemoCompany; 8] {
    use CompanyCustomerTier::*;
    use ProductAccountPlan::*;
    let company = |name, domain, tier, plan| DemoCompany {
        name,
        domain,
        tier,
        plan,
    };
    [
        company(
            "Acme Robotics",
            "acme-robotics.com",
            Some(Strategic),
            Some(Enterprise),
        ),
        company("Globex", "globex.com", Some(Growth), Some(Team)),
        company("Initech", "initech.com", Some(SelfServe), Some(Starter)),
        company(
            "Umbrella Health",
            "umbrella-health.com",
            Some(Strategic),
            Some(Team),
        ),
        company("Hooli", "hooli.com", Some(Growth), Some(Free)),
        company(
            "Stark Industries",
            "stark-industries.com",
            None,
            Some(Enterprise),
        ),
        company(
            "Wayne Logistics",
            "wayne-logistics.com",
            Some(SelfServe),
            None,
        ),
        company("Soylent Foods", "soylent-foods.com", None, Some(Free)),
    ]
}

const FIRST_NAMES: [&str; 30] = [
    "Ada",
    "Grace",
    "Alan",
    "Katherine",
    "Linus",
    "Margaret",
    "Dennis",
    "Barbara",
    "Ken",
    "Frances",
    "Edsger",
    "Radia",
    "Donald",
    "Hedy",
    "John",
    "Annie",
    "Tim",
    "Shafi",
    "Vint",
    "Karen",
    "Bjarne",
    "Mary",
    "Guido",
    "Jean",
    "Niklaus",
    "Sophie",
    "Leslie",
    "Adele",
    "Claude",
    "Evelyn",
];
const LAST_NAMES: [&str; 30] = [
    "Lovelace",
    "Hopper",
    "Turing",
    "Johnson",
    "Torvalds",
    "Hamilton",
    "Ritchie",
    "Liskov",
    "Thompson",
    "Allen",
    "Dijkstra",
    "Perlman",
    "Knuth",
    "Lamarr",
    "Backus",
    "Easley",
    "Berners-Lee",
    "Goldwasser",
    "Cerf",
    "Jones",
    "Stroustrup",
    "Keller",
    "van Rossum",
    "Bartik",
    "Wirth",
    "Wilson",
    "Lamport",
    "Goldberg",
    "Shannon",
    "Boyd",
];
/// Ten titles, from executives to none of the seniority words.
const TITLES: [&str; 10] = [
    "CEO",
    "VP Engineering",
    "Software Engineer",
    "Head of Growth",
    "Engineering Manager",
    "Chief Technology Officer",
    "Product Designer",
    "Director of Operations",
    "Data Analyst",
    "Co-founder",
];
/// Days since each person was last seen, cycled (`None`: never).
const SEEN_DAYS_AGO: [Option<i64>; 7] = [
    Some(1),
    Some(4),
    Some(12),
    Some(25),
    Some(45),
    Some(120),
    None,
];

/// What [`seed_demo`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seeded {
    /// Companies upserted.
    pub companies: usize,
    /// Product accounts upserted.
    pub accounts: usize,
    /// People upserted.
    pub people: usize,
}

/// Upserts the demo companies (by domain), their product accounts (by
/// `account_id`) and 30 people (by email) linked to them, with
/// `last_seen_at` relative to `now`. Leaves `lead_score` alone.
pub async fn seed_demo(api: &impl AttioApi, now: DateTime<Utc>) -> anyhow::Result<Seeded> {
    let companies = companies();
    let mut company_refs = Vec::with_capacity(companies.len());
    let mut accounts = 0;
    for (n, demo) in companies.iter().enumerate() {
        let domain = Domain::new(demo.domain)
            .with_context(|| format!("the demo domain {} is invalid", demo.domain))?;
        let mut write = Company::write().name(demo.name).domains([domain]);
        if let Some(tier) = &demo.tier {
            write = write.customer_tier(tier.clone());
        }
        let company = api
            .upsert_record(Company::DOMAINS, write)
            .await
            .with_context(|| format!("cannot write the demo company {}", demo.name))?;
        let company = RecordRef::<Company>::new(company.id.record_id);
        if let Some(plan) = &demo.plan {
            let account = ProductAccount::write()
                .account_id(format!("demo_{:02}", n + 1))
                .name(format!("{} workspace", demo.name))
                .company(company.clone())
                .plan(plan.clone())
                .seats(5.0 * (n as f64 + 1.0));
            api.upsert_record(ProductAccount::ACCOUNT_ID, account)
                .await
                .with_context(|| format!("cannot write the product account of {}", demo.name))?;
            accounts += 1;
        }
        company_refs.push((company, demo.domain));
    }

    let roles = [
        Some(PersonProductRole::Owner),
        Some(PersonProductRole::Admin),
        Some(PersonProductRole::Member),
        Some(PersonProductRole::Member),
        None,
    ];
    for (n, (first, last)) in FIRST_NAMES.iter().zip(LAST_NAMES).enumerate() {
        let (company, domain) = &company_refs[n % company_refs.len()];
        let local: String = format!("{first}.{last}")
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-')
            .collect();
        let email = EmailAddress::new(&format!("{local}@{domain}"))
            .with_context(|| format!("the demo email of {first} {last} is invalid"))?;
        let mut write = Person::write()
            .name(PersonalName::new(*first, last))
            .email_addresses([email])
            .job_title(TITLES[n % TITLES.len()])
            .company(company.clone());
        if let Some(role) = &roles[n % roles.len()] {
            write = write.product_role(role.clone());
        }
        if let Some(days) = SEEN_DAYS_AGO[n % SEEN_DAYS_AGO.len()] {
            write = write.last_seen_at(now - Duration::days(days));
        }
        api.upsert_record(Person::EMAIL_ADDRESSES, write)
            .await
            .with_context(|| format!("cannot write the demo person {first} {last}"))?;
    }

    Ok(Seeded {
        companies: company_refs.len(),
        accounts,
        people: FIRST_NAMES.len(),
    })
}
