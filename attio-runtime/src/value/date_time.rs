//! `date` as [`NaiveDate`] and `timestamp` as [`DateTime<Utc>`].

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::Deserializer;
use serde_json::Value;

use super::attribute_value::AttributeValue;
use super::streaming::{inner, value_key, Scalar};
use crate::error::{DecodeError, ValueError};
use crate::kind;

/// The latest date Attio stores.
const MAX_YEAR: i32 = 9999;

/// Parses a calendar date in Attio's `YYYY-MM-DD` form, rejecting impossible
/// dates (`2023-02-30`) and years after 9999.
///
/// ```
/// use attio_runtime::value::parse_date;
///
/// assert!(parse_date("2024-02-29").is_ok());
/// assert!(parse_date("2023-02-30").is_err());
/// ```
pub fn parse_date(input: &str) -> Result<NaiveDate, ValueError> {
    let shape_ok = input.len() == 10
        && input.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return Err(ValueError::new(
            "date",
            input,
            "expected a date in the form YYYY-MM-DD",
        ));
    }
    NaiveDate::parse_from_str(input, "%Y-%m-%d")
        .map_err(|_| ValueError::new("date", input, "no such day in the calendar"))
}

/// Parses an RFC 3339 timestamp (any offset, any number of fractional
/// digits) and converts it to UTC; years after 9999 are rejected.
pub fn parse_timestamp(input: &str) -> Result<DateTime<Utc>, ValueError> {
    let parsed = DateTime::parse_from_rfc3339(input).map_err(|e| {
        ValueError::new(
            "timestamp",
            input,
            format!("expected an RFC 3339 timestamp like 2023-01-02T11:00:00Z ({e})"),
        )
    })?;
    let utc = parsed.with_timezone(&Utc);
    check_year("timestamp", input, utc.date_naive())?;
    Ok(utc)
}

/// Formats a timestamp as Attio does: UTC with nine fractional digits,
/// `2023-01-02T11:00:00.000000000Z`.
pub fn format_timestamp(timestamp: &DateTime<Utc>) -> String {
    timestamp.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

fn check_year(kind: &'static str, input: &str, date: NaiveDate) -> Result<(), ValueError> {
    use chrono::Datelike;
    if date.year() > MAX_YEAR || date.year() < 0 {
        return Err(ValueError::new(
            kind,
            input,
            "Attio stores years 0000 to 9999 only",
        ));
    }
    Ok(())
}

/// Dates are `"YYYY-MM-DD"` both ways. Decoding also accepts a full
/// timestamp and keeps its UTC date: Attio's spec has declared dates and
/// timestamps interchangeably, so tolerate either shape on reads.
impl AttributeValue<kind::Date> for NaiveDate {
    fn encode(&self) -> Value {
        Value::String(self.format("%Y-%m-%d").to_string())
    }
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let value = value_key(deserializer)?;
        Ok(streamed_str(value).and_then(|s| date_value(&s)))
    }
}

/// The `value` string of a `{"value": …}` output.
fn streamed_str(value: Scalar<'_>) -> Result<std::borrow::Cow<'_, str>, DecodeError> {
    match inner(value)? {
        Scalar::Str(s) => Ok(s),
        _ => Err(DecodeError::new("value", "expected a string")),
    }
}

/// A date output's `value`: a date, or a timestamp whose UTC date is kept.
fn date_value(s: &str) -> Result<NaiveDate, DecodeError> {
    parse_date(s)
        .or_else(|e| {
            if s.len() > 10 {
                parse_timestamp(s).map(|t| t.date_naive())
            } else {
                Err(e)
            }
        })
        .map_err(|e| DecodeError::new("value", e.to_string()))
}

/// Timestamps decode from any RFC 3339 form (Attio sends nine fractional
/// digits) and encode in Attio's own form, UTC with nine fractional digits.
impl AttributeValue<kind::Timestamp> for DateTime<Utc> {
    fn encode(&self) -> Value {
        Value::String(format_timestamp(self))
    }
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let value = value_key(deserializer)?;
        Ok(streamed_str(value).and_then(|s| {
            parse_timestamp(&s).map_err(|e| DecodeError::new("value", e.to_string()))
        }))
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use serde_json::json;

    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2023-01-02"),
            Ok(NaiveDate::from_ymd_opt(2023, 1, 2).unwrap())
        );
        let err = parse_date("2023-02-30").unwrap_err();
        assert!(err.reason.contains("no such day"), "{err}");
        assert!(parse_date("2023-13-01").is_err());
        assert!(parse_date("2023-1-2").is_err());
        assert!(parse_date("").is_err());
        assert!(parse_date("20230102").is_err());
    }

    #[test]
    fn date_values() {
        let d = <NaiveDate as AttributeValue<kind::Date>>::decode(&json!({"value": "2023-01-02"}));
        assert_eq!(d, Ok(NaiveDate::from_ymd_opt(2023, 1, 2).unwrap()));
        let d = <NaiveDate as AttributeValue<kind::Date>>::decode(
            &json!({"value": "2023-01-02T23:00:00-10:00"}),
        );
        assert_eq!(d, Ok(NaiveDate::from_ymd_opt(2023, 1, 3).unwrap()));
        assert!(
            <NaiveDate as AttributeValue<kind::Date>>::decode(&json!({"value": "2023-02-30"}))
                .is_err()
        );
        assert_eq!(
            AttributeValue::<kind::Date>::encode(&NaiveDate::from_ymd_opt(2023, 1, 2).unwrap()),
            json!("2023-01-02")
        );
    }

    #[test]
    fn timestamps() {
        let t = parse_timestamp("2023-01-02T11:00:00.000000000Z").unwrap();
        assert_eq!(t, Utc.with_ymd_and_hms(2023, 1, 2, 11, 0, 0).unwrap());
        assert_eq!(parse_timestamp("2023-01-02T12:00:00+01:00"), Ok(t));
        assert_eq!(format_timestamp(&t), "2023-01-02T11:00:00.000000000Z");
        let precise = parse_timestamp("2025-03-04T10:11:12.345Z").unwrap();
        assert_eq!(format_timestamp(&precise), "2025-03-04T10:11:12.345000000Z");
        assert!(parse_timestamp("2023-01-02").is_err());
        assert!(parse_timestamp("2023-02-30T00:00:00Z").is_err());
        assert!(parse_timestamp("10000-01-01T00:00:00Z").is_err());
    }
}
