//! The source data: a seeded, realistic product dataset (accounts, their
//! companies, their users) as a product's own database would hold it —
//! plain strings and integers, no Attio types.

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Duration, Utc};
use fastrand::Rng;

/// Users in the default dataset: the first run at Attio's 25 writes/s
/// (80 companies, 80 product accounts and 500 people) takes about half a minute.
pub const DEFAULT_USERS: usize = 500;

/// The seed of the default dataset.
pub const DEFAULT_SEED: u64 = 2026;

/// The moment the dataset describes (2026-11-30 12:00 UTC): every
/// `last_seen_at` is before it. Fixed rather than "now", so that the same
/// seed gives the same values on every run; a clock would change every
/// timestamp, and so every write.
const AS_OF_UNIX: i64 = 1_796_040_000;

/// Mixed into the seed for `--mutate`, so that the users it changes are not
/// correlated with the draws that made them.
const MUTATE_SALT: u64 = 0x6d75_7461_7465;

const COMPANY_WORDS: &[&str] = &[
    "Northwind",
    "Bluepeak",
    "Ironbark",
    "Lumen",
    "Cobalt",
    "Harbor",
    "Quill",
    "Sable",
    "Tandem",
    "Verdant",
    "Beacon",
    "Copper",
    "Drift",
    "Ember",
    "Fable",
    "Granite",
    "Halcyon",
    "Juniper",
    "Kestrel",
    "Lattice",
    "Meridian",
    "Nimbus",
    "Orbit",
    "Pioneer",
    "Quarry",
    "Rook",
    "Summit",
    "Tidal",
    "Umber",
    "Vector",
    "Willow",
    "Zephyr",
    "Acorn",
    "Birch",
    "Cinder",
    "Delta",
    "Evergreen",
    "Foundry",
    "Glacier",
    "Hollow",
];
const COMPANY_SUFFIXES: &[&str] = &[
    "Labs",
    "Analytics",
    "Health",
    "Logistics",
    "Robotics",
    "Studio",
    "Systems",
    "Works",
    "Foods",
    "Finance",
    "Energy",
    "Media",
    "Cloud",
    "Security",
    "Bio",
];
const TLDS: &[&str] = &["com", "com", "com", "io", "co", "dev", "ai"];
const FIRST_NAMES: &[&str] = &[
    "Ada",
    "Grace",
    "Alan",
    "Linus",
    "Margaret",
    "Ken",
    "Barbara",
    "Dennis",
    "Frances",
    "John",
    "Radia",
    "Tim",
    "Hedy",
    "Donald",
    "Karen",
    "Edsger",
    "Sophie",
    "Niklaus",
    "Shafi",
    "Leslie",
    "Anita",
    "Bjarne",
    "Joan",
    "Guido",
    "Katherine",
    "Yukihiro",
    "Mary",
    "James",
    "Fei-Fei",
    "Vint",
    "Jean",
    "Robin",
    "Evelyn",
    "Satoshi",
    "Priya",
    "Omar",
    "Ingrid",
    "Mateo",
    "Amara",
    "Wei",
];
const LAST_NAMES: &[&str] = &[
    "Lovelace",
    "Hopper",
    "Turing",
    "Torvalds",
    "Hamilton",
    "Thompson",
    "Liskov",
    "Ritchie",
    "Allen",
    "McCarthy",
    "Perlman",
    "Berners-Lee",
    "Lamarr",
    "Knuth",
    "Sparck Jones",
    "Dijkstra",
    "Wilson",
    "Wirth",
    "Goldwasser",
    "Lamport",
    "Borg",
    "Stroustrup",
    "Clarke",
    "van Rossum",
    "Johnson",
    "Matsumoto",
    "Kenneth",
    "Gosling",
    "Li",
    "Cerf",
    "Bartik",
    "Milner",
    "Boyd",
    "Tanaka",
    "Raman",
    "Haddad",
    "Nilsen",
    "García",
    "Okafor",
    "Zhang",
];

/// A product account and the company that owns it, as the product stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountRow {
    /// The product's id of the account, e.g. `acct_0042`.
    pub account_id: String,
    /// The owning company's name.
    pub company_name: String,
    /// The company's web domain; its users' emails are at it.
    pub domain: String,
    /// `free`, `starter`, `team` or `enterprise`.
    pub plan: String,
    /// Seats paid for.
    pub seats: u32,
    /// Monthly recurring revenue in US cents.
    pub mrr_cents: i64,
    /// Users of the account.
    pub active_users: u32,
    /// When anyone of the account last used the product.
    pub last_seen_at: DateTime<Utc>,
}

/// A user of the product.
#[derive(Debug, Clone, PartialEq)]
pub struct UserRow {
    /// The product's id of the user, e.g. `user_00042`.
    pub user_id: String,
    /// The account the user belongs to ([`AccountRow::account_id`]).
    pub account_id: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Login email, at the account's company domain.
    pub email: String,
    /// `owner`, `admin` or `member`.
    pub role: String,
    /// When the user last used the product.
    pub last_seen_at: DateTime<Utc>,
}

/// Accounts and their users, accounts first in id order, users grouped by account.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dataset {
    /// One per company.
    pub accounts: Vec<AccountRow>,
    /// Each in one of the accounts.
    pub users: Vec<UserRow>,
}

impl Dataset {
    /// `users` users across about `users / 6` accounts (80 for 500), the
    /// same for the same `seed`. Account sizes are skewed as in a real
    /// product — a few large accounts on paid plans, many small ones.
    pub fn generate(users: usize, seed: u64) -> Dataset {
        let mut rng = Rng::with_seed(seed);
        let sizes = account_sizes(&mut rng, users);
        let mut dataset = Dataset::default();
        let mut domains = HashSet::new();
        for (index, &size) in sizes.iter().enumerate() {
            let account = account(&mut rng, index, size, &mut domains);
            let mut emails = HashSet::new();
            for position in 0..size {
                let number = dataset.users.len() + 1;
                let user = user(&mut rng, number, position, &account, &mut emails);
                dataset.users.push(user);
            }
            dataset.accounts.push(account);
        }
        dataset
    }

    /// Changes the data of `share` of the users — the same users and the
    /// same changes for the same `seed` — as a day of product usage would:
    /// each is seen again later, and some change role. Returns how many
    /// users changed; only their writes differ from the unchanged dataset.
    pub fn mutate(&mut self, share: Share, seed: u64) -> usize {
        let mut rng = Rng::with_seed(seed ^ MUTATE_SALT);
        let count = share.of(self.users.len());
        let mut order: Vec<usize> = (0..self.users.len()).collect();
        rng.shuffle(&mut order);
        for &index in &order[..count] {
            let user = &mut self.users[index];
            // Always later, so every chosen user really differs.
            user.last_seen_at += Duration::minutes(rng.i64(60..=48 * 60));
            if user.role != "owner" && rng.u8(..4) == 0 {
                user.role = if user.role == "admin" {
                    "member"
                } else {
                    "admin"
                }
                .to_owned();
            }
        }
        count
    }
}

/// A share of the users for `--mutate`: `5%` (or `5`), from 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share(f64);

impl Share {
    /// This share of `count`, rounded to the nearest whole number.
    pub fn of(self, count: usize) -> usize {
        ((count as f64) * self.0 / 100.0).round() as usize
    }
}

impl FromStr for Share {
    type Err = String;

    fn from_str(text: &str) -> Result<Share, String> {
        let number = text.trim().trim_end_matches('%').trim();
        match number.parse::<f64>() {
            Ok(percent) if (0.0..=100.0).contains(&percent) => Ok(Share(percent)),
            _ => Err(format!(
                "`{text}` is not a share of the users; give a percentage from 0 to 100, e.g. `5%`"
            )),
        }
    }
}

impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.0)
    }
}

/// Users per account: every account has one, and the rest go mostly to
/// the first accounts (the lower of two uniform draws), for a long tail.
fn account_sizes(rng: &mut Rng, users: usize) -> Vec<usize> {
    let accounts = ((users as f64) / 6.25).round().max(1.0).min(users as f64) as usize;
    let mut sizes = vec![1; accounts];
    for _ in accounts..users {
        let index = rng.usize(..accounts).min(rng.usize(..accounts));
        sizes[index] += 1;
    }
    sizes
}

fn account(rng: &mut Rng, index: usize, size: usize, domains: &mut HashSet<String>) -> AccountRow {
    let word = pick(rng, COMPANY_WORDS);
    let suffix = pick(rng, COMPANY_SUFFIXES);
    let mut company_name = format!("{word} {suffix}");
    let mut domain = format!("{}{}.{}", word, suffix, pick(rng, TLDS)).to_lowercase();
    if !domains.insert(domain.clone()) {
        // Names repeat once there are more accounts than word pairs; a
        // number keeps each company (and its domain) distinct.
        company_name = format!("{company_name} {}", index + 1);
        domain = format!("{}{}{}.com", word, suffix, index + 1).to_lowercase();
        domains.insert(domain.clone());
    }
    let (plan, cents_per_seat) = match size {
        15.. => ("enterprise", 3_000),
        8..=14 => ("team", 1_500),
        3..=7 => ("starter", 800),
        _ => ("free", 0),
    };
    let spare_seats = if plan == "free" {
        0
    } else {
        rng.usize(..=size / 2)
    };
    let seats = (size + spare_seats) as u32;
    AccountRow {
        account_id: format!("acct_{:04}", index + 1),
        company_name,
        domain,
        plan: plan.to_owned(),
        seats,
        mrr_cents: i64::from(seats) * cents_per_seat,
        active_users: size as u32,
        last_seen_at: seen(rng, 7),
    }
}

fn user(
    rng: &mut Rng,
    number: usize,
    position: usize,
    account: &AccountRow,
    emails: &mut HashSet<String>,
) -> UserRow {
    let first_name = pick(rng, FIRST_NAMES).to_owned();
    let last_name = pick(rng, LAST_NAMES).to_owned();
    // The product's logins are ASCII: spaces dropped, accents plain.
    let local: String = format!("{first_name}.{last_name}")
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            'í' => Some('i'),
            ' ' => None,
            c => Some(c),
        })
        .collect();
    let mut email = format!("{local}@{}", account.domain);
    if !emails.insert(email.clone()) {
        email = format!("{local}{number}@{}", account.domain);
        emails.insert(email.clone());
    }
    let role = match position {
        0 => "owner",
        _ if rng.u8(..100) < 15 => "admin",
        _ => "member",
    };
    UserRow {
        user_id: format!("user_{number:05}"),
        account_id: account.account_id.clone(),
        first_name,
        last_name,
        email,
        role: role.to_owned(),
        last_seen_at: seen(rng, 30),
    }
}

fn pick<'a>(rng: &mut Rng, words: &[&'a str]) -> &'a str {
    words[rng.usize(..words.len())]
}

/// A moment within the last `days` days before the dataset's date, to the
/// second (Attio stores timestamps finer, but a product rarely does).
fn seen(rng: &mut Rng, days: i64) -> DateTime<Utc> {
    let seconds = AS_OF_UNIX - rng.i64(0..days * 24 * 60 * 60);
    DateTime::UNIX_EPOCH + Duration::seconds(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_dataset_has_80_accounts_and_every_user_in_one() {
        let dataset = Dataset::generate(DEFAULT_USERS, DEFAULT_SEED);
        assert_eq!(dataset.accounts.len(), 80);
        assert_eq!(dataset.users.len(), 500);
        let ids: HashSet<_> = dataset.accounts.iter().map(|a| &a.account_id).collect();
        assert!(dataset.users.iter().all(|u| ids.contains(&u.account_id)));
        let emails: HashSet<_> = dataset.users.iter().map(|u| &u.email).collect();
        assert_eq!(emails.len(), 500, "emails are unique");
        let domains: HashSet<_> = dataset.accounts.iter().map(|a| &a.domain).collect();
        assert_eq!(domains.len(), 80, "domains are unique");
        for account in &dataset.accounts {
            let users = dataset
                .users
                .iter()
                .filter(|u| u.account_id == account.account_id);
            assert_eq!(users.clone().count() as u32, account.active_users);
            assert!(account.seats >= account.active_users);
            assert!(users
                .clone()
                .all(|u| u.email.ends_with(&format!("@{}", account.domain))));
            assert_eq!(users.filter(|u| u.role == "owner").count(), 1);
        }
    }

    #[test]
    fn a_seed_gives_the_same_dataset_and_another_seed_another() {
        assert_eq!(Dataset::generate(60, 7), Dataset::generate(60, 7));
        assert_ne!(Dataset::generate(60, 7), Dataset::generate(60, 8));
    }

    #[test]
    fn many_accounts_keep_distinct_domains() {
        let dataset = Dataset::generate(6_000, 1);
        let domains: HashSet<_> = dataset.accounts.iter().map(|a| &a.domain).collect();
        assert_eq!(domains.len(), dataset.accounts.len());
    }

    #[test]
    fn mutate_changes_exactly_its_share_of_users_and_nothing_else() {
        let original = Dataset::generate(200, 3);
        let mut mutated = original.clone();
        assert_eq!(mutated.mutate("10%".parse().unwrap(), 3), 20);
        assert_eq!(mutated.accounts, original.accounts);
        let changed = original
            .users
            .iter()
            .zip(&mutated.users)
            .filter(|(before, after)| before != after)
            .count();
        assert_eq!(changed, 20);

        let mut again = original.clone();
        again.mutate("10%".parse().unwrap(), 3);
        assert_eq!(
            again, mutated,
            "the same seed changes the same users the same way"
        );
    }

    #[test]
    fn a_share_is_a_percentage_from_0_to_100() {
        assert_eq!("5%".parse::<Share>().unwrap().of(500), 25);
        assert_eq!(" 2.5 % ".parse::<Share>().unwrap().of(100), 3);
        assert_eq!("0".parse::<Share>().unwrap().of(500), 0);
        assert_eq!("100%".parse::<Share>().unwrap().of(7), 7);
        for bad in ["", "-1%", "101%", "five", "NaN"] {
            let error = bad.parse::<Share>().unwrap_err();
            assert!(error.contains("percentage from 0 to 100"), "{bad}: {error}");
        }
    }
}
