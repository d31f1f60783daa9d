//! Decoding 10,000 record bodies as Attio returns them (people with a name,
//! email addresses, phone numbers, a job title, a company reference, a
//! primary location and the system attributes): into `serde_json::Value`,
//! and typed, into `Stored<Person>` in one pass.
//!
//! `Person` is derived here against `benches/people-schema.json`, a small
//! snapshot of the `people` object with the attributes above.
//!
//! Run with `cargo bench -p attio-tests --bench decode`: `DECODE_RUNS`
//! interleaved rounds (default 11) of each, so that load from other
//! processes hits both alike; prints their medians and ratio (also as
//! `bench-result:` lines). `DECODE_RECORDS` sets the number of records
//! (default 10,000). One pass alone, for `valgrind --tool=callgrind`:
//! `-- value`, `-- typed`, and `-- setup` (the bodies built, nothing
//! decoded: subtract it from the other two).

use std::hint::black_box;
use std::time::{Duration, Instant};

use attio_runtime::serde_json::{self, json, Value};
use attio_runtime::value::{
    ActorRef, AnyObject, EmailAddress, Location, PersonalName, PhoneNumber, RecordRef,
};
use attio_runtime::{chrono, Stored};
use attio_tests::bench::{env_or, result};

#[derive(Debug, Clone, PartialEq, attio_runtime::Record)]
#[attio(object = "people", schema = "benches/people-schema.json")]
pub struct Person {
    pub name: Option<PersonalName>,
    pub email_addresses: Vec<EmailAddress>,
    pub phone_numbers: Vec<PhoneNumber>,
    pub job_title: Option<String>,
    pub company: Option<RecordRef<AnyObject>>,
    pub primary_location: Option<Location>,
    #[attio(read_only)]
    pub avatar_url: Option<String>,
    #[attio(read_only)]
    pub record_id: Option<String>,
    #[attio(read_only)]
    pub created_at: Option<chrono::DateTime<chrono::Utc>>,
    #[attio(read_only)]
    pub created_by: Option<ActorRef>,
}

/// A deterministic pseudo-random sequence (64-bit LCG).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() as usize % items.len()]
    }
    fn uuid(&mut self) -> String {
        let a = self.next() << 32 | self.next();
        let b = self.next() << 32 | self.next();
        let hex = format!("{a:016x}{b:016x}");
        format!(
            "{}-{}-4{}-a{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[13..16],
            &hex[17..20],
            &hex[20..32]
        )
    }
    fn timestamp(&mut self) -> String {
        format!(
            "2025-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}000000Z",
            1 + self.next() % 12,
            1 + self.next() % 28,
            self.next() % 24,
            self.next() % 60,
            self.next() % 60,
            self.next() % 1000
        )
    }
}

const FIRST: &[&str] = &[
    "Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Niklaus",
];
const LAST: &[&str] = &[
    "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton",
    "Wirth",
];
const TITLES: &[&str] = &[
    "Engineer",
    "Head of Sales",
    "CTO",
    "Account Executive",
    "Product Manager",
    "Analyst",
];
const DOMAINS: &[&str] = &[
    "acme.com",
    "globex.io",
    "initech.co.uk",
    "umbrella.org",
    "hooli.xyz",
];
const CITIES: &[(&str, &str, &str, &str, &str)] = &[
    ("London", "Greater London", "GB", "51.5072", "-0.1276"),
    ("Springfield", "IL", "US", "39.7817", "-89.6501"),
    ("Berlin", "Berlin", "DE", "52.52", "13.405"),
    ("Paris", "Île-de-France", "FR", "48.8566", "2.3522"),
];

/// The metadata Attio adds to every value.
fn meta(rng: &mut Rng) -> Value {
    json!({
        "active_from": rng.timestamp(),
        "active_until": null,
        "created_by_actor": {"type": "api-token", "id": rng.uuid()},
    })
}

/// One output value: the metadata, then `fields`, then `attribute_type`.
fn value(meta: Value, attribute_type: &str, fields: Value) -> Value {
    let mut out = meta;
    if let (Value::Object(out), Value::Object(fields)) = (&mut out, fields) {
        out.extend(fields);
        out.insert("attribute_type".into(), json!(attribute_type));
    }
    out
}

fn person(rng: &mut Rng) -> String {
    let id = rng.uuid();
    let (first, last) = (rng.pick(FIRST), rng.pick(LAST));
    let domain = rng.pick(DOMAINS);
    let emails: Vec<Value> = (0..1 + rng.next() % 3)
        .map(|i| {
            let local = format!("{}.{}{i}", first.to_lowercase(), last.to_lowercase());
            value(
                meta(rng),
                "email-address",
                json!({
                    "original_email_address": format!("{first}.{last}{i}@{domain}"),
                    "email_address": format!("{local}@{domain}"),
                    "email_domain": domain,
                    "email_root_domain": domain,
                    "email_local_specifier": local,
                }),
            )
        })
        .collect();
    let phones: Vec<Value> = (0..rng.next() % 3)
        .map(|_| {
            let number = format!("+1555{:07}", rng.next() % 10_000_000);
            value(
                meta(rng),
                "phone-number",
                json!({
                    "original_phone_number": number, "country_code": "US", "phone_number": number,
                }),
            )
        })
        .collect();
    let (city, region, country, lat, long) = CITIES[rng.next() as usize % CITIES.len()];
    let created_at = rng.timestamp();
    let body = json!({
        "id": {"workspace_id": "6cc0f9a4-1c2b-4d3e-8f9a-0b1c2d3e4f5a", "object_id": "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a", "record_id": id},
        "created_at": created_at,
        "web_url": format!("https://app.attio.com/acme/person/{id}"),
        "values": {
            "record_id": [value(meta(rng), "text", json!({"value": id}))],
            "created_at": [value(meta(rng), "timestamp", json!({"value": created_at}))],
            "created_by": [value(meta(rng), "actor-reference", json!({"referenced_actor_type": "workspace-member", "referenced_actor_id": rng.uuid()}))],
            "name": [value(meta(rng), "personal-name", json!({"first_name": first, "last_name": last, "full_name": format!("{first} {last}")}))],
            "email_addresses": emails,
            "phone_numbers": phones,
            "job_title": [value(meta(rng), "text", json!({"value": rng.pick(TITLES)}))],
            "company": [value(meta(rng), "record-reference", json!({"target_object": "companies", "target_record_id": rng.uuid()}))],
            "primary_location": [value(meta(rng), "location", json!({
                "line_1": format!("{} High Street", 1 + rng.next() % 200), "line_2": null, "line_3": null, "line_4": null,
                "locality": city, "region": region, "postcode": null, "country_code": country,
                "latitude": lat, "longitude": long,
            }))],
            "avatar_url": [],
            "description": [],
            "linkedin": [],
            "twitter": [],
        },
    });
    body.to_string()
}

fn bodies(records: usize) -> Vec<String> {
    let mut rng = Rng(0x5eed);
    (0..records).map(|_| person(&mut rng)).collect()
}

fn decode_values(bodies: &[String]) {
    for body in bodies {
        black_box(serde_json::from_str::<Value>(black_box(body)).expect("parses"));
    }
}

fn decode_typed(bodies: &[String]) {
    for body in bodies {
        black_box(serde_json::from_str::<Stored<Person>>(black_box(body)).expect("decodes"));
    }
}

fn timed(decode: fn(&[String]), bodies: &[String]) -> Duration {
    let started = Instant::now();
    decode(bodies);
    started.elapsed()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.iter().any(|a| a == "--bench") {
        return; // run by `cargo test --all-targets`: nothing to measure
    }
    let records = env_or("DECODE_RECORDS", 10_000usize);
    let bodies = bodies(records);
    let mode = |name: &str| args.iter().any(|a| a == name);
    if mode("setup") {
        return; // what the one-pass modes cost before they decode
    }
    if mode("value") {
        return decode_values(&bodies);
    }
    if mode("typed") {
        return decode_typed(&bodies);
    }
    let bytes: usize = bodies.iter().map(String::len).sum();
    // Every body decodes, and into the people it describes, before anything is timed.
    for body in bodies.iter().take(100) {
        let stored: Stored<Person> = serde_json::from_str(body).expect("decodes");
        let value: Value = serde_json::from_str(body).expect("parses");
        assert_eq!(
            stored.values.job_title.as_deref(),
            value["values"]["job_title"][0]["value"].as_str()
        );
        assert_eq!(
            stored.values.email_addresses.len(),
            value["values"]["email_addresses"]
                .as_array()
                .map_or(0, Vec::len)
        );
    }
    let runs = env_or("DECODE_RUNS", 11usize).max(1);
    let (mut values, mut typed) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        values.push(timed(decode_values, &bodies));
        typed.push(timed(decode_typed, &bodies));
    }
    let (values, typed) = (median(values), median(typed));
    let mib = bytes as f64 / (1024.0 * 1024.0);
    let ratio = values.as_secs_f64() / typed.as_secs_f64();
    println!(
        "{records} people ({mib:.1} MiB), median of {runs}: serde_json::Value {:.1} ms \
         ({:.0} MiB/s), Stored<Person> {:.1} ms ({:.0} MiB/s): typed {ratio:.2}× faster",
        values.as_secs_f64() * 1e3,
        mib / values.as_secs_f64(),
        typed.as_secs_f64() * 1e3,
        mib / typed.as_secs_f64(),
    );
    let case = format!("{records} people");
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    result("decode", &case, "serde_json::Value", ms(values), "ms");
    result("decode", &case, "Stored<Person>", ms(typed), "ms");
    result("decode", &case, "Value / typed", ratio, "x");
}
