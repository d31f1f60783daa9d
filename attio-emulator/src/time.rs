//! Timestamps as Attio writes them, HTTP dates, and the lenient date and
//! timestamp parsing Attio applies to written values.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, Utc};

/// `2025-03-04T10:11:12.345000000Z`: UTC with exactly nine fractional digits,
/// the only form Attio emits.
pub(crate) fn format_timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

/// The current time in Attio's format.
pub(crate) fn now_string() -> String {
    format_timestamp(Utc::now())
}

/// An RFC 9110 HTTP date (`Wed, 05 Mar 2025 10:00:01 GMT`), as used by `Retry-After`.
pub(crate) fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Attio rejects dates after this one.
fn max_date() -> NaiveDate {
    // 9999-12-31 is a valid calendar date, so the fallback is never taken;
    // it only exists to avoid an unwrap.
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// Parses the date and time forms Attio accepts for a timestamp: a full
/// RFC 3339 instant (offsets converted to UTC), a date-time without a zone
/// (taken as UTC), or a partial date (`2023`, `2023-01`, `2023-01-02`) padded
/// to midnight UTC.
pub(crate) fn parse_timestamp(input: &str) -> Option<DateTime<Utc>> {
    let input = input.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(input) {
        return Some(at.with_timezone(&Utc)).filter(|at| at.date_naive() <= max_date());
    }
    const NAIVE: [&str; 4] = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ];
    for format in NAIVE {
        if let Ok(naive) = NaiveDateTime::parse_from_str(input, format) {
            return Some(naive.and_utc()).filter(|at| at.date_naive() <= max_date());
        }
    }
    parse_partial_date(input).map(|d| d.and_time(NaiveTime::MIN).and_utc())
}

/// Parses the forms Attio accepts for a date: partial dates are padded
/// (`2023` → `2023-01-01`), time parts are dropped, and an instant with an
/// offset is converted to UTC before its time is dropped.
pub(crate) fn parse_date(input: &str) -> Option<NaiveDate> {
    let input = input.trim();
    if let Some(date) = parse_partial_date(input) {
        return Some(date);
    }
    parse_timestamp(input).map(|at| at.date_naive())
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a four-digit year.
fn parse_partial_date(input: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = input.split('-').collect();
    let numeric = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    let (year, month, day) = match parts.as_slice() {
        [y] if numeric(y, 4) => (y.parse().ok()?, 1, 1),
        [y, m] if numeric(y, 4) && numeric(m, 2) => (y.parse().ok()?, m.parse().ok()?, 1),
        [y, m, d] if numeric(y, 4) && numeric(m, 2) && numeric(d, 2) => {
            (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day).filter(|d| d.year() >= 1 && *d <= max_date())
}

/// Adds an ISO-8601 duration (`P1M`, `P2DT3H`) to an instant; used for
/// dynamic default values. Returns `None` for anything it cannot read.
pub(crate) fn add_iso_duration(at: DateTime<Utc>, duration: &str) -> Option<DateTime<Utc>> {
    let rest = duration.strip_prefix('P')?;
    let (date_part, time_part) = match rest.split_once('T') {
        Some((d, t)) => (d, t),
        None => (rest, ""),
    };
    let mut result = at;
    let mut number = String::new();
    for c in date_part.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let n: u32 = number.parse().ok()?;
        number.clear();
        result = match c {
            'Y' => result.checked_add_months(chrono::Months::new(n.checked_mul(12)?))?,
            'M' => result.checked_add_months(chrono::Months::new(n))?,
            'W' => result.checked_add_signed(chrono::Duration::weeks(i64::from(n)))?,
            'D' => result.checked_add_signed(chrono::Duration::days(i64::from(n)))?,
            _ => return None,
        };
    }
    for c in time_part.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let n: i64 = number.parse().ok()?;
        number.clear();
        let step = match c {
            'H' => chrono::Duration::hours(n),
            'M' => chrono::Duration::minutes(n),
            'S' => chrono::Duration::seconds(n),
            _ => return None,
        };
        result = result.checked_add_signed(step)?;
    }
    number.is_empty().then_some(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_have_nine_fractional_digits() {
        let at = DateTime::parse_from_rfc3339("2025-03-04T10:11:12.345Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(format_timestamp(at), "2025-03-04T10:11:12.345000000Z");
    }

    #[test]
    fn http_date_is_rfc_9110() {
        let at = DateTime::parse_from_rfc3339("2025-03-05T10:00:01Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(http_date(at), "Wed, 05 Mar 2025 10:00:01 GMT");
    }

    #[test]
    fn partial_dates_are_padded_and_offsets_converted() {
        let d = |s: &str| parse_date(s).map(|d| d.to_string());
        assert_eq!(d("2023").as_deref(), Some("2023-01-01"));
        assert_eq!(d("2023-01").as_deref(), Some("2023-01-01"));
        assert_eq!(d("2023-01-02T10:00:00").as_deref(), Some("2023-01-02"));
        assert_eq!(
            d("2023-01-02T23:00:00-10:00").as_deref(),
            Some("2023-01-03")
        );
        assert_eq!(d("2023-13-01"), None);
        assert_eq!(d("yesterday"), None);
        assert_eq!(d("10000-01-01"), None);
    }

    #[test]
    fn timestamps_default_to_utc_and_convert_offsets() {
        let t = |s: &str| parse_timestamp(s).map(format_timestamp);
        assert_eq!(
            t("2023-01-02T11:00:00").as_deref(),
            Some("2023-01-02T11:00:00.000000000Z")
        );
        assert_eq!(
            t("2023-01-02T12:00:00+01:00").as_deref(),
            Some("2023-01-02T11:00:00.000000000Z")
        );
        assert_eq!(t("2023").as_deref(), Some("2023-01-01T00:00:00.000000000Z"));
        assert_eq!(t("not a time"), None);
    }

    #[test]
    fn durations_add_calendar_units() {
        let at = parse_timestamp("2025-01-31T00:00:00Z").unwrap();
        assert_eq!(
            add_iso_duration(at, "P1M").map(format_timestamp).as_deref(),
            Some("2025-02-28T00:00:00.000000000Z")
        );
        assert_eq!(
            add_iso_duration(at, "P1DT2H")
                .map(format_timestamp)
                .as_deref(),
            Some("2025-02-01T02:00:00.000000000Z")
        );
        assert_eq!(add_iso_duration(at, "1M"), None);
    }
}
