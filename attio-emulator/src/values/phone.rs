//! Phone numbers, normalised to E.164 with a country.

use serde_json::{json, Map, Value};

use super::form::{issue, Issues};

/// Calling codes and the ISO country each is reported as. Not a numbering
/// plan: numbers are checked for E.164 shape and a known calling code only.
const CALLING_CODES: [(&str, &str); 58] = [
    ("1", "US"),
    ("7", "RU"),
    ("20", "EG"),
    ("27", "ZA"),
    ("30", "GR"),
    ("31", "NL"),
    ("32", "BE"),
    ("33", "FR"),
    ("34", "ES"),
    ("36", "HU"),
    ("39", "IT"),
    ("40", "RO"),
    ("41", "CH"),
    ("43", "AT"),
    ("44", "GB"),
    ("45", "DK"),
    ("46", "SE"),
    ("47", "NO"),
    ("48", "PL"),
    ("49", "DE"),
    ("51", "PE"),
    ("52", "MX"),
    ("54", "AR"),
    ("55", "BR"),
    ("56", "CL"),
    ("57", "CO"),
    ("60", "MY"),
    ("61", "AU"),
    ("62", "ID"),
    ("63", "PH"),
    ("64", "NZ"),
    ("65", "SG"),
    ("66", "TH"),
    ("81", "JP"),
    ("82", "KR"),
    ("84", "VN"),
    ("86", "CN"),
    ("90", "TR"),
    ("91", "IN"),
    ("92", "PK"),
    ("234", "NG"),
    ("254", "KE"),
    ("351", "PT"),
    ("352", "LU"),
    ("353", "IE"),
    ("354", "IS"),
    ("358", "FI"),
    ("372", "EE"),
    ("380", "UA"),
    ("420", "CZ"),
    ("421", "SK"),
    ("852", "HK"),
    ("886", "TW"),
    ("966", "SA"),
    ("971", "AE"),
    ("972", "IL"),
    ("1", "CA"),
    ("7", "KZ"),
];

/// A phone number normalised to E.164.
#[derive(Debug, PartialEq)]
pub(crate) struct Phone {
    /// `+15558675309`.
    pub e164: String,
    /// ISO 3166 alpha-2 of the calling code (or the one given).
    pub country_code: String,
}

/// Normalises a phone number. Without a `+` prefix, `country` must name the
/// country whose national format the number is in (leading trunk `0` dropped).
pub(crate) fn parse_phone(input: &str, country: Option<&str>) -> Option<Phone> {
    let trimmed = input.trim();
    let international = trimmed.starts_with('+');
    let mut digits = String::new();
    for (i, c) in trimmed.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => {}
            ' ' | '-' | '(' | ')' | '.' => {}
            _ => return None,
        }
    }
    let (calling, national) = if international {
        let (code, country_code) = CALLING_CODES
            .iter()
            .filter(|(code, _)| digits.starts_with(code))
            .find(|(_, iso)| country.map_or(true, |c| c.eq_ignore_ascii_case(iso)))
            .or_else(|| {
                CALLING_CODES
                    .iter()
                    .find(|(code, _)| digits.starts_with(code))
            })?;
        let national = digits[code.len()..].to_owned();
        let country = country.map_or((*country_code).to_owned(), str::to_ascii_uppercase);
        ((code.to_string(), country), national)
    } else {
        let country = country?.to_ascii_uppercase();
        let (code, _) = CALLING_CODES.iter().find(|(_, iso)| *iso == country)?;
        let national = digits.strip_prefix('0').unwrap_or(&digits).to_owned();
        ((code.to_string(), country), national)
    };
    let (code, country_code) = calling;
    let national_ok = if code == "1" {
        national.len() == 10 && !national.starts_with(['0', '1'])
    } else {
        (6..=12).contains(&national.len()) && !national.starts_with('0')
    };
    national_ok.then(|| Phone {
        e164: format!("+{code}{national}"),
        country_code,
    })
}

/// A phone-number value, from a string or `{original_phone_number, country_code}`.
pub(crate) fn phone_value(raw: &Value) -> Result<Map<String, Value>, Issues> {
    let (original, country) = match raw {
        Value::String(s) => (s.clone(), None),
        Value::Object(map) => {
            let Some(Value::String(original)) = map.get("original_phone_number") else {
                return Err(issue(&["original_phone_number"], "Expected a string."));
            };
            let country = match map.get("country_code") {
                None | Some(Value::Null) => None,
                Some(Value::String(c)) => Some(c.clone()),
                Some(_) => return Err(issue(&["country_code"], "Expected a string or null.")),
            };
            (original.clone(), country)
        }
        _ => return Err(issue(&[], "Expected a phone number string or object.")),
    };
    let Some(phone) = parse_phone(&original, country.as_deref()) else {
        return Err(issue(&["original_phone_number"], "Invalid phone number."));
    };
    let mut out = Map::new();
    out.insert("original_phone_number".into(), json!(original));
    out.insert("country_code".into(), json!(phone.country_code));
    out.insert("phone_number".into(), json!(phone.e164));
    Ok(out)
}
