//! `location`: a postal address with optional coordinates.

use serde::Deserializer;
use serde_json::{Map, Value};

use super::attribute_value::AttributeValue;
use super::checks::country_code;
use super::streaming::{object, Scalar};
use super::write_format::opt_json;
use crate::error::{DecodeError, ValueError};
use crate::kind;

/// A location: up to four address lines, locality, region, postcode,
/// country and coordinates, every part optional.
///
/// Writes always send all ten keys (with `null` for missing parts): Attio
/// rejects a location object that lacks any of them. Coordinates are decimal
/// strings, validated as Attio does (latitude −90…90, longitude −180…180).
///
/// ```
/// use attio_runtime::value::Location;
///
/// let hq = Location::new()
///     .with_line_1("1 Main St")
///     .with_locality("Springfield")
///     .with_country_code("us")?
///     .with_coordinates("39.7817", "-89.6501")?;
/// assert_eq!(hq.country_code(), Some("US"));
/// assert!(Location::new().with_coordinates("91", "0").is_err());
/// # Ok::<(), attio_runtime::ValueError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Location {
    line_1: Option<String>,
    line_2: Option<String>,
    line_3: Option<String>,
    line_4: Option<String>,
    locality: Option<String>,
    region: Option<String>,
    postcode: Option<String>,
    country_code: Option<String>,
    latitude: Option<String>,
    longitude: Option<String>,
}

macro_rules! text_parts {
    ($($field:ident, $setter:ident, $doc:literal;)*) => {
        impl Location {
            $(
                #[doc = concat!("The ", $doc, ".")]
                pub fn $field(&self) -> Option<&str> {
                    self.$field.as_deref()
                }

                #[doc = concat!("Sets the ", $doc, ".")]
                pub fn $setter(mut self, value: impl Into<String>) -> Self {
                    self.$field = Some(value.into());
                    self
                }
            )*
        }
    };
}

text_parts! {
    line_1, with_line_1, "first address line";
    line_2, with_line_2, "second address line";
    line_3, with_line_3, "third address line";
    line_4, with_line_4, "fourth address line";
    locality, with_locality, "locality (city or town)";
    region, with_region, "region (state, county or province)";
    postcode, with_postcode, "postcode";
}

impl Location {
    /// An empty location; add parts with the `with_…` methods.
    pub fn new() -> Self {
        Location::default()
    }

    /// The country, ISO 3166-1 alpha-2 (`US`).
    pub fn country_code(&self) -> Option<&str> {
        self.country_code.as_deref()
    }

    /// The latitude, as decimal text.
    pub fn latitude(&self) -> Option<&str> {
        self.latitude.as_deref()
    }

    /// The longitude, as decimal text.
    pub fn longitude(&self) -> Option<&str> {
        self.longitude.as_deref()
    }

    /// Sets the country from an ISO 3166-1 alpha-2 code (any case).
    pub fn with_country_code(mut self, code: &str) -> Result<Self, ValueError> {
        self.country_code = Some(country_code("location", code)?);
        Ok(self)
    }

    /// Sets the coordinates from decimal text: latitude −90 to 90,
    /// longitude −180 to 180, like `"51.5072"` and `"-0.1276"`.
    pub fn with_coordinates(mut self, latitude: &str, longitude: &str) -> Result<Self, ValueError> {
        if !is_coordinate(latitude, 90) {
            return Err(ValueError::new(
                "location",
                latitude,
                "expected a latitude from -90 to 90 in decimal text, like `51.5072`",
            ));
        }
        if !is_coordinate(longitude, 180) {
            return Err(ValueError::new(
                "location",
                longitude,
                "expected a longitude from -180 to 180 in decimal text, like `-0.1276`",
            ));
        }
        self.latitude = Some(latitude.to_owned());
        self.longitude = Some(longitude.to_owned());
        Ok(self)
    }
}

/// Whether `s` matches Attio's coordinate patterns: an optional sign, a
/// whole part of at most `max` without leading zeros, optional decimals;
/// exactly `max` only with zero decimals. (Attio's latitude pattern
/// `^[-+]?([1-8]?\d(\.\d+)?|90(\.0+)?)$`, longitude likewise up to 180.)
fn is_coordinate(s: &str, max: u32) -> bool {
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || whole.len() > 3 || (whole.len() > 1 && whole.starts_with('0')) {
        return false;
    }
    if let Some(f) = fraction {
        if !digits(f) {
            return false;
        }
    }
    // At most three digits: the parse cannot fail or overflow.
    let Ok(value) = whole.parse::<u32>() else {
        return false;
    };
    value < max || (value == max && fraction.is_none_or(|f| f.bytes().all(|b| b == b'0')))
}

const KEYS: [&str; 10] = [
    "line_1",
    "line_2",
    "line_3",
    "line_4",
    "locality",
    "region",
    "postcode",
    "country_code",
    "latitude",
    "longitude",
];

impl Location {
    fn parts(&self) -> [&Option<String>; 10] {
        [
            &self.line_1,
            &self.line_2,
            &self.line_3,
            &self.line_4,
            &self.locality,
            &self.region,
            &self.postcode,
            &self.country_code,
            &self.latitude,
            &self.longitude,
        ]
    }
}

/// Decodes the ten keys as Attio returned them; missing keys read as `None`.
impl AttributeValue<kind::Location> for Location {
    fn encode(&self) -> Value {
        let map: Map<String, Value> = KEYS
            .iter()
            .zip(self.parts())
            .map(|(key, part)| ((*key).to_owned(), opt_json(part.as_deref())))
            .collect();
        Value::Object(map)
    }
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let read = object::<LocationKeys<'de>, D>(deserializer)?;
        if !read.is_object {
            return Ok(Err(DecodeError::new("", "expected a location object")));
        }
        let k = read.fields;
        Ok((|| {
            Ok(Location {
                line_1: part("line_1", k.line_1)?,
                line_2: part("line_2", k.line_2)?,
                line_3: part("line_3", k.line_3)?,
                line_4: part("line_4", k.line_4)?,
                locality: part("locality", k.locality)?,
                region: part("region", k.region)?,
                postcode: part("postcode", k.postcode)?,
                country_code: part("country_code", k.country_code)?,
                latitude: part("latitude", k.latitude)?,
                longitude: part("longitude", k.longitude)?,
            })
        })())
    }
}

/// Reads an optional part; coordinates may come as numbers from older
/// data, so numbers are kept as their text.
fn part(key: &str, value: Scalar<'_>) -> Result<Option<String>, DecodeError> {
    match value {
        Scalar::Missing | Scalar::Null => Ok(None),
        Scalar::Str(s) => Ok(Some(s.into_owned())),
        Scalar::Number(n) if key == "latitude" || key == "longitude" => Ok(Some(n.to_string())),
        _ => Err(DecodeError::new(key, "expected a string or null")),
    }
}

/// The ten keys of a location output value.
#[derive(Default, serde::Deserialize)]
struct LocationKeys<'a> {
    #[serde(default, borrow)]
    line_1: Scalar<'a>,
    #[serde(default, borrow)]
    line_2: Scalar<'a>,
    #[serde(default, borrow)]
    line_3: Scalar<'a>,
    #[serde(default, borrow)]
    line_4: Scalar<'a>,
    #[serde(default, borrow)]
    locality: Scalar<'a>,
    #[serde(default, borrow)]
    region: Scalar<'a>,
    #[serde(default, borrow)]
    postcode: Scalar<'a>,
    #[serde(default, borrow)]
    country_code: Scalar<'a>,
    #[serde(default, borrow)]
    latitude: Scalar<'a>,
    #[serde(default, borrow)]
    longitude: Scalar<'a>,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn latitudes() {
        for ok in [
            "0", "-0", "+45", "89.999", "90", "90.000", "-90.0", "1.5", "7",
        ] {
            assert!(is_coordinate(ok, 90), "{ok}");
        }
        for bad in [
            "91", "90.01", "-90.5", "100", "05", "1.", ".5", "", "abc", "4 5", "1e2", "--1",
        ] {
            assert!(!is_coordinate(bad, 90), "{bad}");
        }
    }

    #[test]
    fn longitudes() {
        for ok in ["0", "179.9999", "180", "-180.00", "99", "100.5", "+12"] {
            assert!(is_coordinate(ok, 180), "{ok}");
        }
        for bad in ["181", "180.1", "1000", "018", "-", "12,5"] {
            assert!(!is_coordinate(bad, 180), "{bad}");
        }
    }

    #[test]
    fn construction_errors() {
        let err = Location::new().with_coordinates("91", "0").unwrap_err();
        assert!(err.reason.contains("latitude"));
        let err = Location::new().with_coordinates("0", "-181").unwrap_err();
        assert!(err.reason.contains("longitude"));
        assert!(Location::new().with_country_code("USA").is_err());
    }

    #[test]
    fn encodes_all_ten_keys() {
        let l = Location::new().with_locality("Springfield");
        assert_eq!(
            l.encode(),
            json!({"line_1": null, "line_2": null, "line_3": null, "line_4": null,
                   "locality": "Springfield", "region": null, "postcode": null,
                   "country_code": null, "latitude": null, "longitude": null})
        );
        assert!(<Location as AttributeValue<kind::Location>>::decode(&json!("x")).is_err());
    }
}
