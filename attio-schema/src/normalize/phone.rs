//! Phone numbers: parsed by libphonenumber's rules (the `phonenumber`
//! crate) — international or national formats, trunk prefixes, `(0)`,
//! separators — and written in E.164 with their country.

use phonenumber::country::Id;
use phonenumber::Mode;

/// A phone number as Attio stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalPhone {
    /// `+442079460958`.
    pub e164: String,
    /// ISO 3166-1 alpha-2: the number's region by its numbering plan, else
    /// the country given, else the main region of its calling code.
    pub country_code: String,
}

/// Normalises `input`, in international format (`+44 20 7946 0958`) or in
/// the national format of `country` (ISO 3166-1 alpha-2, any case: `07700
/// 900123` with `GB`); `Err` says what is wrong.
///
/// Numbers are parsed by the rules of each country's numbering plan but not
/// checked against the ranges allocated in it: a number in a range kept for
/// fiction (`+1 555 …`) is accepted, as a form would take it.
///
/// ```
/// use attio_schema::normalize::phone;
///
/// let p = phone("+49 (0)421 6960-4417", None).unwrap();
/// assert_eq!((p.e164.as_str(), p.country_code.as_str()), ("+4942169604417", "DE"));
/// assert_eq!(phone("(415) 555-0132", Some("us")).unwrap().e164, "+14155550132");
/// assert!(phone("415 555 0132", None).is_err()); // national, but of which country?
/// ```
pub fn phone(input: &str, country: Option<&str>) -> Result<NormalPhone, String> {
    let trimmed = input.trim();
    let region = match country {
        Some(code) => Some(region(code)?),
        None if trimmed.starts_with('+') => None,
        None => {
            return Err("expected an international number starting with `+` (like \
                        +442079460958), or a national number with its country"
                .into())
        }
    };
    let number = phonenumber::parse(region, trimmed).map_err(|e| match e {
        phonenumber::ParseError::InvalidCountryCode => {
            "the number's calling code is not a country's (after `+`)".to_owned()
        }
        phonenumber::ParseError::NoNumber => "expected a phone number, found none".to_owned(),
        other => format!("not a phone number: {other}"),
    })?;
    if number.extension().is_some() {
        return Err(
            "an extension (`x…`, `ext. …`) cannot be stored with the number; leave it out".into(),
        );
    }
    let e164 = number.format().mode(Mode::E164).to_string();
    let digits = e164.len() - 1;
    let national = number.national().to_string().len();
    if !(7..=15).contains(&digits) || national < 4 {
        return Err(format!(
            "a phone number has 7 to 15 digits with its calling code, this one has {digits}"
        ));
    }
    let country_code = match (number.country().id(), region) {
        (Some(id), _) | (None, Some(id)) => id.as_ref().to_owned(),
        (None, None) => main_region(number.code().value()),
    };
    Ok(NormalPhone { e164, country_code })
}

/// The region of an ISO 3166-1 alpha-2 code, in any case.
fn region(code: &str) -> Result<Id, String> {
    code.trim()
        .to_ascii_uppercase()
        .parse::<Id>()
        .map_err(|_| format!("`{code}` is not an ISO 3166-1 alpha-2 country code (like `GB`)"))
}

/// The first region of a calling code in libphonenumber's metadata (`US`
/// for 1, `GB` for 44): where a number in an unallocated range counts.
fn main_region(calling_code: u16) -> String {
    phonenumber::metadata::DATABASE
        .by_code(&calling_code)
        .and_then(|regions| regions.first().map(|m| m.id().to_owned()))
        .unwrap_or_else(|| "001".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e164(input: &str, country: Option<&str>) -> (String, String) {
        let p = phone(input, country).unwrap_or_else(|e| panic!("{input}: {e}"));
        (p.e164, p.country_code)
    }

    #[test]
    fn national_and_international_formats_normalise_to_e164() {
        let cases = [
            ("07700 900123", Some("GB"), "+447700900123", "GB"),
            ("+49 (0)421 6960-4417", None, "+4942169604417", "DE"),
            ("(415) 555-0132", Some("US"), "+14155550132", "US"),
            ("+44 20 7946 0958", None, "+442079460958", "GB"),
            ("+81 3-1234-5678", None, "+81312345678", "JP"),
            ("01 42 68 53 00", Some("fr"), "+33142685300", "FR"),
            ("+1 (416) 555-0199", None, "+14165550199", "CA"),
            ("+1 555 867 5309", None, "+15558675309", "US"),
        ];
        for (input, country, number, region) in cases {
            assert_eq!(
                e164(input, country),
                (number.to_owned(), region.to_owned()),
                "{input}"
            );
        }
    }

    #[test]
    fn what_is_not_a_number_says_why() {
        for (input, country, reason) in [
            ("415 555 0132", None, "international number"),
            ("+999 1234567", None, "calling code"),
            ("hello", Some("GB"), "found none"),
            ("+1 23", None, "7 to 15 digits"),
            ("+1 415 555 0132 ext. 12", None, "extension"),
            ("0800", Some("ZZZ"), "country code"),
        ] {
            let error = phone(input, country).unwrap_err();
            assert!(error.contains(reason), "{input}: {error}");
        }
    }
}
