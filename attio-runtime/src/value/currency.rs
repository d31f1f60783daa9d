//! `currency`: a decimal amount and the attribute's ISO 4217 currency code.

use std::fmt;
use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Deserializer;
use serde_json::{Number, Value};

use super::attribute_value::AttributeValue;
use super::streaming::{object, Scalar};
use crate::error::{DecodeError, ValueError};
use crate::kind;
use crate::novelty;

/// Active ISO 4217 codes (sorted, for binary search). Testing and
/// "no currency" codes (`XTS`, `XXX`) are left out: no workspace bills in them.
const ACTIVE_CODES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
    "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP",
    "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
    "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS",
    "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW",
    "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD",
    "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN",
    "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
    "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL",
    "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY",
    "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES",
    "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR",
    "XOF", "XPD", "XPF", "XPT", "XSU", "XUA", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
];

/// Codes Attio offers that ISO 4217 does not have: `NTD`, its spelling of
/// the New Taiwan dollar (ISO's `TWD`), in the `currency_code` enum of
/// <https://docs.attio.com/rest-api/endpoint-reference/attributes/create-an-attribute>.
const ATTIO_CODES: &[&str] = &["NTD"];

/// Whether `upper` is a code this version knows.
fn is_known_code(upper: &str) -> bool {
    ACTIVE_CODES.binary_search(&upper).is_ok() || ATTIO_CODES.contains(&upper)
}

/// Most decimal places Attio keeps on a currency amount.
const MAX_DECIMAL_PLACES: u32 = 4;
/// Attio stores amounts as float64, exact to 15 significant digits.
const MAX_SIGNIFICANT: i128 = 1_000_000_000_000_000;

/// An ISO 4217 currency code (`USD`, `EUR`), checked against the active
/// codes (and Attio's own `NTD`) when built here.
///
/// A code Attio returns is read whatever it is, as long as it is three
/// letters: one this version does not know keeps its letters, answers
/// `false` to [`is_known`](Self::is_known) and is warned of once, so that a
/// currency Attio adds never fails the read of a record.
///
/// ```
/// use attio_runtime::value::CurrencyCode;
///
/// assert_eq!(CurrencyCode::new("eur")?.as_str(), "EUR");
/// assert!(CurrencyCode::new("ABC").is_err());
/// # Ok::<(), attio_runtime::ValueError>(())
/// ```
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct CurrencyCode([u8; 3]);

impl CurrencyCode {
    /// A code from its three letters, in any case; must be an active ISO 4217 code.
    pub fn new(code: &str) -> Result<Self, ValueError> {
        let upper = code.to_ascii_uppercase();
        if is_known_code(&upper) {
            Ok(Self::from_letters(&upper).ok_or_else(|| not_a_code(code))?)
        } else {
            Err(not_a_code(code))
        }
    }

    /// A code as Attio returned it: three letters, not checked against the
    /// list, so that a code added to ISO 4217 (or to Attio) after this crate
    /// still decodes; an unknown one is warned of once.
    fn from_attio(code: &str) -> Option<Self> {
        let code = Self::from_letters(&code.to_ascii_uppercase())?;
        if !code.is_known() {
            novelty::unknown("currency code", code.as_str());
        }
        Some(code)
    }

    /// Whether this version knows the code (an active ISO 4217 code, or
    /// Attio's `NTD`); `false` only for a code Attio returned that is newer
    /// than this crate.
    pub fn is_known(&self) -> bool {
        is_known_code(self.as_str())
    }

    fn from_letters(upper: &str) -> Option<Self> {
        let bytes: [u8; 3] = upper.as_bytes().try_into().ok()?;
        bytes
            .iter()
            .all(u8::is_ascii_uppercase)
            .then_some(CurrencyCode(bytes))
    }

    /// The three upper-case letters.
    pub fn as_str(&self) -> &str {
        // Only ASCII upper-case letters are ever stored, so this is UTF-8.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }
}

fn not_a_code(code: &str) -> ValueError {
    ValueError::new(
        "currency",
        code,
        "expected an active ISO 4217 currency code, like `USD` or `EUR`",
    )
}

impl fmt::Debug for CurrencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CurrencyCode({})", self.as_str())
    }
}

impl fmt::Display for CurrencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CurrencyCode {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        CurrencyCode::new(s)
    }
}

impl TryFrom<String> for CurrencyCode {
    type Error = ValueError;
    fn try_from(s: String) -> Result<Self, ValueError> {
        CurrencyCode::new(&s)
    }
}

impl From<CurrencyCode> for String {
    fn from(code: CurrencyCode) -> String {
        code.as_str().to_owned()
    }
}

/// A currency amount: a [`Decimal`] (never a float, so `0.1 + 0.2` stays
/// exact) with at most four decimal places, and the currency code Attio
/// reports.
///
/// The code belongs to the attribute (its default currency), not to the
/// value: Attio ignores it on writes, so it is never encoded.
///
/// ```
/// use attio_runtime::value::Currency;
/// use attio_runtime::Decimal;
///
/// let price = Currency::parse("4.99")?;
/// assert_eq!(price.amount(), Decimal::new(499, 2));
/// assert!(Currency::parse("4.99999").is_err()); // five decimal places
/// # Ok::<(), attio_runtime::ValueError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    amount: Decimal,
    code: Option<CurrencyCode>,
}

impl Currency {
    /// An amount with no currency code; at most four decimal places and 15
    /// significant digits (what Attio's float64 keeps exactly).
    pub fn new(amount: Decimal) -> Result<Self, ValueError> {
        let normal = amount.normalize();
        if normal.scale() > MAX_DECIMAL_PLACES {
            return Err(ValueError::new(
                "currency",
                amount.to_string(),
                "has more than four decimal places; Attio keeps at most four",
            ));
        }
        if normal.mantissa().abs() >= MAX_SIGNIFICANT {
            return Err(ValueError::new(
                "currency",
                amount.to_string(),
                "has more than 15 significant digits, which Attio cannot store exactly",
            ));
        }
        Ok(Currency {
            amount: normal,
            code: None,
        })
    }

    /// An amount with a currency code.
    pub fn with_code(amount: Decimal, code: CurrencyCode) -> Result<Self, ValueError> {
        Ok(Currency {
            code: Some(code),
            ..Currency::new(amount)?
        })
    }

    /// An amount from decimal text, `"4.99"` or `"-12"`.
    pub fn parse(amount: &str) -> Result<Self, ValueError> {
        let decimal = Decimal::from_str_exact(amount.trim()).map_err(|_| {
            ValueError::new("currency", amount, "expected a decimal number like `4.99`")
        })?;
        Currency::new(decimal)
    }

    /// The amount.
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency code, as Attio reported it (`None` on values built locally).
    pub fn code(&self) -> Option<CurrencyCode> {
        self.code
    }
}

impl TryFrom<Decimal> for Currency {
    type Error = ValueError;
    fn try_from(amount: Decimal) -> Result<Self, ValueError> {
        Currency::new(amount)
    }
}

impl From<i32> for Currency {
    fn from(amount: i32) -> Self {
        Currency {
            amount: Decimal::from(amount),
            code: None,
        }
    }
}

impl FromStr for Currency {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        Currency::parse(s)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code {
            Some(code) => write!(f, "{} {code}", self.amount),
            None => write!(f, "{}", self.amount),
        }
    }
}

/// The amount as a JSON number: an integer when it has no fraction, else
/// the float64 nearest to it (whose shortest form is the decimal text, since
/// amounts have at most 15 significant digits).
pub(crate) fn decimal_to_json(amount: Decimal) -> Value {
    let normal = amount.normalize();
    if normal.scale() == 0 {
        if let Some(i) = normal.to_i64() {
            return Value::from(i);
        }
    }
    normal
        .to_f64()
        .and_then(Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

/// Reads decimal text, plain or scientific, into a [`Decimal`] exactly, so
/// `4.99` stays exactly 4.99.
fn text_to_decimal(text: &str) -> Option<Decimal> {
    Decimal::from_str_exact(text)
        .or_else(|_| Decimal::from_scientific(text))
        .ok()
}

/// The keys of a currency output value.
#[derive(Default, serde::Deserialize)]
struct CurrencyKeys<'a> {
    #[serde(default, borrow)]
    currency_value: Scalar<'a>,
    #[serde(default, borrow)]
    currency_code: Scalar<'a>,
}

const AMOUNT_EXPECTED: &str = "expected a number or a numeric string";

/// The `currency_code` of a currency output: absent or `null` is none.
fn currency_code(code: &Scalar<'_>) -> Result<Option<CurrencyCode>, DecodeError> {
    match code {
        Scalar::Missing | Scalar::Null => Ok(None),
        Scalar::Str(s) => CurrencyCode::from_attio(s).map(Some).ok_or_else(|| {
            DecodeError::new(
                "currency_code",
                format!("expected a three-letter code, found {s:?}"),
            )
        }),
        _ => Err(DecodeError::new("currency_code", "expected a string")),
    }
}

/// Decodes `{"currency_value": 4.99, "currency_code": "USD"}`. The amount
/// may be a number or a numeric string: Attio's spec says number, its docs'
/// example shows a string.
impl AttributeValue<kind::Currency> for Currency {
    fn encode(&self) -> Value {
        serde_json::json!({ "currency_value": decimal_to_json(self.amount) })
    }
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let keys = object::<CurrencyKeys<'de>, D>(deserializer)?.fields;
        Ok((|| {
            let amount = match &keys.currency_value {
                Scalar::Missing | Scalar::Null => {
                    return Err(DecodeError::new("currency_value", "is missing or null"))
                }
                Scalar::Number(n) => text_to_decimal(&n.to_string()),
                Scalar::Str(s) => text_to_decimal(s.trim()),
                _ => None,
            }
            .ok_or_else(|| DecodeError::new("currency_value", AMOUNT_EXPECTED))?;
            let code = currency_code(&keys.currency_code)?;
            Ok(Currency { amount, code })
        })())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn codes_are_sorted_and_checked() {
        assert!(ACTIVE_CODES.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(
            CurrencyCode::new("usd").map(|c| c.to_string()),
            Ok("USD".to_owned())
        );
        let err = CurrencyCode::new("ABC").unwrap_err();
        assert!(err.reason.contains("ISO 4217"));
        assert!(CurrencyCode::new("US").is_err());
        assert!(CurrencyCode::new("USDD").is_err());
        assert!(CurrencyCode::new("XXX").is_err());
        assert!(CurrencyCode::new("ÜSD").is_err());
    }

    #[test]
    fn amounts() {
        assert_eq!(
            Currency::parse("4.9900").map(|c| c.amount()),
            Ok(Decimal::new(499, 2))
        );
        assert!(Currency::parse("4.99999").is_err());
        assert!(Currency::parse("four").is_err());
        assert!(Currency::parse("1234567890123456").is_err());
        assert!(Currency::parse("123456789012345").is_ok());
        assert_eq!(Currency::from(12).amount(), Decimal::from(12));
    }

    #[test]
    fn decode_exactly() {
        let c = <Currency as AttributeValue<kind::Currency>>::decode(
            &json!({"currency_value": 0.3, "currency_code": "USD"}),
        )
        .unwrap();
        assert_eq!(c.amount(), Decimal::new(3, 1));
        assert_eq!(c.code(), CurrencyCode::new("USD").ok());
        let c = <Currency as AttributeValue<kind::Currency>>::decode(
            &json!({"currency_value": "1234.5678"}),
        )
        .unwrap();
        assert_eq!(c.amount(), Decimal::new(12345678, 4));
        assert_eq!(c.code(), None);
        assert!(<Currency as AttributeValue<kind::Currency>>::decode(
            &json!({"currency_value": true})
        )
        .is_err());
        assert!(<Currency as AttributeValue<kind::Currency>>::decode(
            &json!({"currency_code": "USD"})
        )
        .is_err());
    }

    /// Attio's 2026 codes are known; a code newer than this crate still
    /// reads, keeping its letters.
    #[test]
    fn every_code_attio_returns_reads() {
        for code in [
            "ARS", "BGN", "CLP", "EGP", "FJD", "GHS", "HUF", "IDR", "KES", "OMR", "QAR", "RWF",
            "THB", "TRY", "UYU", "NTD",
        ] {
            let known = CurrencyCode::new(code).unwrap();
            assert!(known.is_known(), "{code}");
        }
        let c = <Currency as AttributeValue<kind::Currency>>::decode(
            &json!({"currency_value": 12, "currency_code": "XYZ"}),
        )
        .unwrap();
        let code = c.code().unwrap();
        assert_eq!((code.as_str(), code.is_known()), ("XYZ", false));
        assert!(CurrencyCode::new("XYZ").is_err(), "writes stay strict");
    }

    #[test]
    fn encode() {
        let c = Currency::parse("4.99").unwrap();
        assert_eq!(
            AttributeValue::<kind::Currency>::encode(&c),
            json!({"currency_value": 4.99})
        );
        let c = Currency::parse("10000.00").unwrap();
        assert_eq!(
            AttributeValue::<kind::Currency>::encode(&c).to_string(),
            r#"{"currency_value":10000}"#
        );
    }
}
