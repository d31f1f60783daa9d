//! The form post, from its body to a typed [`Submission`]: parsing
//! (form-encoded or JSON) and validation with the runtime's value types,
//! collecting every field's error in plain words. Pure: no I/O.

use std::collections::BTreeMap;
use std::fmt;

use attio_runtime::value::{Domain, EmailAddress, PersonalName, PhoneNumber};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The form's fields, in the order the page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The visitor's name.
    Name,
    /// Their work email address, what the person is matched on.
    Email,
    /// Their company's name.
    Company,
    /// Their company's website or domain, what the company is matched on.
    Website,
    /// An international phone number; optional.
    Phone,
    /// Their job title.
    JobTitle,
    /// What they want to tell us.
    Message,
}

impl Field {
    /// Every field, in page order.
    pub const ALL: [Field; 7] = [
        Field::Name,
        Field::Email,
        Field::Company,
        Field::Website,
        Field::Phone,
        Field::JobTitle,
        Field::Message,
    ];

    /// The field's key in a form post and in JSON (`job_title`).
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Email => "email",
            Field::Company => "company",
            Field::Website => "website",
            Field::Phone => "phone",
            Field::JobTitle => "job_title",
            Field::Message => "message",
        }
    }

    /// The field whose key is `key`, if any.
    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|field| field.key() == key)
    }
}

/// The fields as posted: untrusted text, kept as typed so that a form with
/// errors is shown again with the visitor's input in place.
///
/// A missing field, and in JSON a `null` one, reads as empty; keys that are
/// not fields of the form are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RawSubmission {
    /// See [`Field::Name`].
    #[serde(deserialize_with = "null_as_empty")]
    pub name: String,
    /// See [`Field::Email`].
    #[serde(deserialize_with = "null_as_empty")]
    pub email: String,
    /// See [`Field::Company`].
    #[serde(deserialize_with = "null_as_empty")]
    pub company: String,
    /// See [`Field::Website`].
    #[serde(deserialize_with = "null_as_empty")]
    pub website: String,
    /// See [`Field::Phone`].
    #[serde(deserialize_with = "null_as_empty")]
    pub phone: String,
    /// See [`Field::JobTitle`].
    #[serde(deserialize_with = "null_as_empty")]
    pub job_title: String,
    /// See [`Field::Message`].
    #[serde(deserialize_with = "null_as_empty")]
    pub message: String,
}

fn null_as_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Option::<String>::deserialize(deserializer).map(Option::unwrap_or_default)
}

impl RawSubmission {
    /// The text posted for `field`.
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::Name => &self.name,
            Field::Email => &self.email,
            Field::Company => &self.company,
            Field::Website => &self.website,
            Field::Phone => &self.phone,
            Field::JobTitle => &self.job_title,
            Field::Message => &self.message,
        }
    }

    fn get_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::Name => &mut self.name,
            Field::Email => &mut self.email,
            Field::Company => &mut self.company,
            Field::Website => &mut self.website,
            Field::Phone => &mut self.phone,
            Field::JobTitle => &mut self.job_title,
            Field::Message => &mut self.message,
        }
    }

    /// The fields of an `application/x-www-form-urlencoded` body, as a
    /// browser posts them (`+` and `%20` are spaces). Never fails: what
    /// cannot be decoded is left as sent, and validation judges it.
    pub fn from_form(body: &[u8]) -> RawSubmission {
        // axum's `Form` extractor needs a feature this package does not
        // enable; the url crate's form decoder (behind reqwest's `Url`)
        // does the same decoding. `set_query` percent-encodes whatever a
        // URL cannot hold, so a body sent unencoded (`curl -d 'name=Ada
        // Lovelace'`) still reads as meant.
        let mut raw = RawSubmission::default();
        let Ok(mut url) = reqwest::Url::parse("http://form.invalid/") else {
            return raw;
        };
        url.set_query(Some(&String::from_utf8_lossy(body)));
        for (key, value) in url.query_pairs() {
            if let Some(field) = Field::from_key(&key) {
                *raw.get_mut(field) = value.into_owned();
            }
        }
        raw
    }

    /// The fields of an `application/json` body: an object of strings
    /// (or nulls) keyed as [`Field::key`].
    pub fn from_json(body: &[u8]) -> Result<RawSubmission, String> {
        serde_json::from_slice(body).map_err(|e| {
            format!(
                "the body is not a JSON object of the form's fields ({e}); \
                 send strings keyed name, email, company, website, phone, job_title, message"
            )
        })
    }
}

/// A valid submission, in the runtime's value types.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    /// First and last name, split at the first space.
    pub name: PersonalName,
    /// The email address the person is matched on.
    pub email: EmailAddress,
    /// The company's name as typed.
    pub company_name: String,
    /// The company's domain (from a URL if one was given, without `www.`),
    /// what the company is matched on.
    pub domain: Domain,
    /// The phone number, when one was given.
    pub phone: Option<PhoneNumber>,
    /// The job title as typed.
    pub job_title: String,
    /// The message as typed.
    pub message: String,
}

/// What is wrong with each field of a submission, in plain words for the
/// visitor: `` `ada@` is not an email address — expected name@example.com ``.
///
/// Serializes as a JSON object from [`Field::key`] to message, in page order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<Field, String>);

impl FieldErrors {
    /// The message for `field`, if it has an error.
    pub fn get(&self, field: Field) -> Option<&str> {
        self.0.get(&field).map(String::as_str)
    }

    /// Whether no field has an error.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many fields have an error.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The fields with an error and their messages, in page order.
    pub fn iter(&self) -> impl Iterator<Item = (Field, &str)> {
        self.0
            .iter()
            .map(|(field, message)| (*field, message.as_str()))
    }

    /// The value of `checked`, or `None` with its message recorded.
    fn check<T>(&mut self, field: Field, checked: Result<T, String>) -> Option<T> {
        checked
            .map_err(|message| self.0.insert(field, message))
            .ok()
    }
}

impl Serialize for FieldErrors {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(field, message)| (field.key(), message)))
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (field, message)) in self.iter().enumerate() {
            let separator = if i == 0 { "" } else { "; " };
            write!(f, "{separator}{}: {message}", field.key())?;
        }
        Ok(())
    }
}

impl std::error::Error for FieldErrors {}

/// Longest accepted name, company name and job title, in characters.
const SHORT_TEXT: usize = 200;
/// Longest accepted message, in characters.
const LONG_TEXT: usize = 5_000;

/// Checks every field of `raw`, returning the typed submission or the
/// errors of all invalid fields (not only the first).
pub fn validate(raw: &RawSubmission) -> Result<Submission, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = errors.check(Field::Name, personal_name(&raw.name));
    let email = errors.check(Field::Email, email(&raw.email));
    let company_name = errors.check(
        Field::Company,
        text(&raw.company, SHORT_TEXT, "your company's name, like Acme"),
    );
    let domain = errors.check(Field::Website, website(&raw.website));
    let phone = errors.check(Field::Phone, phone(&raw.phone));
    let job_title = errors.check(
        Field::JobTitle,
        text(
            &raw.job_title,
            SHORT_TEXT,
            "your job title, like Head of Sales",
        ),
    );
    let message = errors.check(
        Field::Message,
        text(&raw.message, LONG_TEXT, "a few words on what you need"),
    );
    match (name, email, company_name, domain, phone, job_title, message) {
        (
            Some(name),
            Some(email),
            Some(company_name),
            Some(domain),
            Some(phone),
            Some(job_title),
            Some(message),
        ) => Ok(Submission {
            name,
            email,
            company_name,
            domain,
            phone,
            job_title,
            message,
        }),
        _ => Err(errors),
    }
}

/// Required text: trimmed, not empty, at most `limit` characters.
fn text(input: &str, limit: usize, expected: &str) -> Result<String, String> {
    let text = input.trim();
    if text.is_empty() {
        return Err(format!("missing — expected {expected}"));
    }
    let length = text.chars().count();
    if length > limit {
        return Err(format!(
            "too long — expected at most {limit} characters, found {length}"
        ));
    }
    Ok(text.to_owned())
}

/// A name split at its first space: `Ada King Lovelace` is first name
/// `Ada`, last name `King Lovelace`. A single word is a first name.
fn personal_name(input: &str) -> Result<PersonalName, String> {
    let name = text(input, SHORT_TEXT, "your name, like Ada Lovelace")?;
    if !name.chars().any(char::is_alphabetic) {
        return Err(format!(
            "{} is not a name — expected your name, like Ada Lovelace",
            quoted(&name)
        ));
    }
    let mut words = name.split_whitespace();
    let first = words.next().unwrap_or_default();
    Ok(PersonalName::new(
        first,
        words.collect::<Vec<_>>().join(" "),
    ))
}

fn email(input: &str) -> Result<EmailAddress, String> {
    text(input, SHORT_TEXT, "your work email, like name@example.com")?;
    EmailAddress::new(input).map_err(|_| {
        format!(
            "{} is not an email address — expected name@example.com",
            quoted(input)
        )
    })
}

/// A domain, or a URL whose domain is taken; a leading `www.` is dropped
/// so that `https://www.acme.com/about` and `acme.com` are one company.
fn website(input: &str) -> Result<Domain, String> {
    text(input, SHORT_TEXT, "your company's website, like acme.com")?;
    let domain = Domain::new(input).map_err(|_| {
        format!(
            "{} is not a website — expected a domain like acme.com or an address like https://www.acme.com",
            quoted(input)
        )
    })?;
    let bare = domain
        .as_str()
        .strip_prefix("www.")
        .and_then(|rest| Domain::new(rest).ok());
    Ok(bare.unwrap_or(domain))
}

/// Optional: blank is no number; otherwise an international number, since
/// a national one cannot be read without knowing its country.
fn phone(input: &str) -> Result<Option<PhoneNumber>, String> {
    if input.trim().is_empty() {
        return Ok(None);
    }
    PhoneNumber::new(input).map(Some).map_err(|_| {
        format!(
            "{} is not an international phone number — expected + and the country code, like +44 20 7946 0958",
            quoted(input)
        )
    })
}

/// The input in backticks, trimmed and cut to 40 characters so that a
/// message stays readable whatever was pasted.
fn quoted(input: &str) -> String {
    const SHOWN: usize = 40;
    let input = input.trim();
    match input.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("`{}…`", &input[..cut]),
        None => format!("`{input}`"),
    }
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
