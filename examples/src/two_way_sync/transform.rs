//! Between a row's [`Fields`] and Attio's `people`: the canonical form both
//! sides are compared in, and the write that sets chosen fields.

use anyhow::Context as _;
use attio_runtime::value::{EmailAddress, PersonalName, PhoneNumber};
use attio_runtime::{Model, Write as _};

use super::policy::{Field, Fields};
use crate::attio::Person;

/// The write of a person's changes.
pub type PersonWrite = <Person as Model>::Write;

/// A person's synced values, as the local table keeps them. Only the first
/// phone number is synced; empty text is an empty field.
pub fn fields_of(person: &Person) -> Fields {
    let text = |s: &str| {
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_owned())
    };
    Fields {
        name: person.name.as_ref().and_then(|n| text(&n.full_name)),
        job_title: person.job_title.as_deref().and_then(text),
        phone: person
            .phone_numbers
            .first()
            .and_then(|p| text(p.e164().unwrap_or(p.original()))),
    }
}

/// A person's email addresses, lower case as the table's keys are.
pub fn emails_of(person: &Person) -> Vec<String> {
    person
        .email_addresses
        .iter()
        .map(|e| e.as_str().to_owned())
        .collect()
}

/// `fields` in canonical form: a phone number as E.164, which is how Attio
/// returns it, so that `+1 (415) 555-0101` and `+14155550101` are equal.
pub fn canonical(email: &str, fields: &Fields) -> anyhow::Result<Fields> {
    let phone = match fields.phone.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(phone) => {
            let phone = PhoneNumber::new(phone)
                .with_context(|| format!("customer {email} has an invalid phone number"))?;
            phone.e164().map(str::to_owned)
        }
    };
    let name = fields
        .name
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let job_title = fields
        .job_title
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    Ok(Fields {
        name: name.map(str::to_owned),
        job_title: job_title.map(str::to_owned),
        phone,
    })
}

/// An upsert of the person with `email` setting `fields`' values of
/// `which` (an empty value clears the attribute); other attributes are left
/// as they are. The email is sent so that the upsert can match on it:
/// Attio adds it to the person's addresses rather than replacing them.
pub fn write_of(email: &str, fields: &Fields, which: &[Field]) -> anyhow::Result<PersonWrite> {
    let address = EmailAddress::new(email)
        .with_context(|| format!("customer {email} has an invalid email address"))?;
    let mut write = Person::write().email_addresses([address]);
    for &field in which {
        write = match (field, fields.get(field)) {
            (Field::Name, Some(name)) => write.name(personal_name(name)),
            (Field::Name, None) => write.clear(Person::NAME),
            (Field::JobTitle, Some(title)) => write.job_title(title),
            (Field::JobTitle, None) => write.clear(Person::JOB_TITLE),
            (Field::Phone, Some(phone)) => write.phone_numbers([PhoneNumber::new(phone)
                .with_context(|| format!("customer {email} has an invalid phone number"))?]),
            (Field::Phone, None) => write.clear(Person::PHONE_NUMBERS),
        };
    }
    Ok(write)
}

/// Attio wants first and last names as well as the full one; the table
/// keeps the full name, so the first word is taken as the first name.
fn personal_name(full: &str) -> PersonalName {
    let (first, last) = full.split_once(' ').unwrap_or((full, ""));
    PersonalName::with_full_name(first, last.trim(), full)
}

/// The Attio attribute a field is kept in.
pub fn attribute_slug(field: Field) -> &'static str {
    match field {
        Field::Name => Person::NAME.slug(),
        Field::JobTitle => Person::JOB_TITLE.slug(),
        Field::Phone => Person::PHONE_NUMBERS.slug(),
    }
}

/// A person as Attio returns it (`record_id` a UUID), for the unit tests'
/// doubles.
#[cfg(test)]
pub(crate) fn person_value(record_id: &str, email: &str, fields: &Fields) -> serde_json::Value {
    use serde_json::json;
    let value = |v: serde_json::Value| {
        json!([{"active_from": "2026-01-01T00:00:00.000000000Z", "active_until": null,
                "created_by_actor": {"type": "system", "id": null}, "value": v}])
    };
    let mut values = serde_json::Map::new();
    values.insert(
        "email_addresses".into(),
        json!([{"active_from": "2026-01-01T00:00:00.000000000Z", "active_until": null,
                "created_by_actor": {"type": "system", "id": null},
                "original_email_address": email, "email_address": email.to_lowercase(),
                "email_domain": "example.com", "email_root_domain": "example.com",
                "email_local_specifier": "ada", "attribute_type": "email-address"}]),
    );
    if let Some(name) = &fields.name {
        let n = personal_name(name);
        values.insert(
            "name".into(),
            json!([{"active_from": "2026-01-01T00:00:00.000000000Z", "active_until": null,
                    "created_by_actor": {"type": "system", "id": null},
                    "first_name": n.first_name, "last_name": n.last_name,
                    "full_name": n.full_name, "attribute_type": "personal-name"}]),
        );
    }
    if let Some(title) = &fields.job_title {
        values.insert("job_title".into(), value(json!(title)));
    }
    if let Some(phone) = &fields.phone {
        values.insert(
            "phone_numbers".into(),
            json!([{"active_from": "2026-01-01T00:00:00.000000000Z", "active_until": null,
                    "created_by_actor": {"type": "system", "id": null},
                    "original_phone_number": phone, "phone_number": phone,
                    "country_code": "US", "attribute_type": "phone-number"}]),
        );
    }
    json!({
        "id": {"workspace_id": "14beef7a-99f7-4534-a87e-70b564330a4c",
               "object_id": "97052eb9-e65e-443f-a297-f2d9a4a7f795",
               "record_id": record_id},
        "created_at": "2026-01-01T00:00:00.000000000Z",
        "values": values,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ada() -> Fields {
        Fields {
            name: Some("Ada King Lovelace".into()),
            job_title: Some("CTO".into()),
            phone: Some("+1 (415) 555-0101".into()),
        }
    }

    #[test]
    fn phone_numbers_compare_in_e164_and_blank_text_is_empty() {
        let mut fields = ada();
        fields.job_title = Some("  ".into());
        let read = canonical("ada@example.com", &fields).unwrap();
        assert_eq!(read.phone.as_deref(), Some("+14155550101"));
        assert_eq!(read.job_title, None);
        fields.phone = Some("call me".into());
        let error = canonical("ada@example.com", &fields).unwrap_err();
        assert!(
            format!("{error:#}").contains("invalid phone number"),
            "{error:#}"
        );
    }

    #[test]
    fn a_write_sets_the_chosen_fields_and_clears_empty_ones() {
        let mut fields = canonical("ada@example.com", &ada()).unwrap();
        fields.job_title = None;
        let write = write_of("ada@example.com", &fields, &[Field::Name, Field::JobTitle]).unwrap();
        let values = write.values();
        assert_eq!(
            values.get("name").unwrap()[0]["first_name"],
            serde_json::json!("Ada")
        );
        assert_eq!(
            values.get("name").unwrap()[0]["last_name"],
            serde_json::json!("King Lovelace")
        );
        assert_eq!(values.get("job_title"), Some(&serde_json::json!([])));
        assert_eq!(values.get("phone_numbers"), None, "not chosen, not sent");
        assert!(
            values.get("email_addresses").is_some(),
            "what the upsert matches on"
        );
    }

    #[test]
    fn a_person_reads_back_as_the_fields_written() {
        let fields = canonical("ada@example.com", &ada()).unwrap();
        let person: attio_runtime::Stored<Person> = serde_json::from_value(person_value(
            "bf071e1f-6035-429d-b874-d83ea64ea13b",
            "Ada@Example.com",
            &fields,
        ))
        .unwrap();
        assert_eq!(fields_of(&person.values), fields);
        assert_eq!(emails_of(&person.values), ["ada@example.com"]);
    }
}
