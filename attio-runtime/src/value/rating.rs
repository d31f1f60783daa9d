//! `rating`: a whole number of stars from 0 to 5.

use std::fmt;

use serde::Deserializer;
use serde_json::Value;

use super::attribute_value::AttributeValue;
use super::streaming::{inner, value_key};
use crate::error::{DecodeError, ValueError};
use crate::kind;

/// A star rating, 0 to 5 inclusive.
///
/// ```
/// use attio_runtime::value::Rating;
///
/// assert_eq!(Rating::new(4)?.get(), 4);
/// assert!(Rating::new(6).is_err());
/// # Ok::<(), attio_runtime::ValueError>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(try_from = "u8", into = "u8")]
pub struct Rating(u8);

impl Rating {
    /// The highest rating.
    pub const MAX: Rating = Rating(5);

    /// A rating of `stars`, which must be 0 to 5.
    pub fn new(stars: u8) -> Result<Self, ValueError> {
        if stars <= Self::MAX.0 {
            Ok(Rating(stars))
        } else {
            Err(ValueError::new(
                "rating",
                stars.to_string(),
                "expected a whole number from 0 to 5",
            ))
        }
    }

    /// The number of stars.
    pub const fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Rating {
    type Error = ValueError;
    fn try_from(stars: u8) -> Result<Self, ValueError> {
        Rating::new(stars)
    }
}

impl TryFrom<i64> for Rating {
    type Error = ValueError;
    fn try_from(stars: i64) -> Result<Self, ValueError> {
        u8::try_from(stars)
            .map_err(|_| {
                ValueError::new(
                    "rating",
                    stars.to_string(),
                    "expected a whole number from 0 to 5",
                )
            })
            .and_then(Rating::new)
    }
}

impl From<Rating> for u8 {
    fn from(rating: Rating) -> u8 {
        rating.0
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl AttributeValue<kind::Rating> for Rating {
    fn encode(&self) -> Value {
        Value::from(self.0)
    }
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let value = value_key(deserializer)?;
        Ok(inner(value).and_then(|v| stars(v.as_i64())))
    }
}

/// A rating output's `value`, from its `as_i64` reading.
fn stars(as_i64: Option<i64>) -> Result<Rating, DecodeError> {
    let stars =
        as_i64.ok_or_else(|| DecodeError::new("value", "expected a whole number from 0 to 5"))?;
    Rating::try_from(stars).map_err(|e| DecodeError::new("value", e.to_string()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn range() {
        for stars in 0..=5 {
            assert_eq!(Rating::new(stars).map(Rating::get), Ok(stars));
        }
        let err = Rating::new(6).unwrap_err();
        assert_eq!(err.kind, "rating");
        assert!(err.reason.contains("0 to 5"));
        assert!(Rating::try_from(-1i64).is_err());
        assert!(Rating::try_from(300i64).is_err());
    }

    #[test]
    fn json() {
        let r = <Rating as AttributeValue<kind::Rating>>::decode(&json!({"value": 4}));
        assert_eq!(r, Ok(Rating(4)));
        assert!(<Rating as AttributeValue<kind::Rating>>::decode(&json!({"value": 6})).is_err());
        assert!(<Rating as AttributeValue<kind::Rating>>::decode(&json!({"value": 2.5})).is_err());
        assert_eq!(AttributeValue::<kind::Rating>::encode(&Rating(3)), json!(3));
        assert!(serde_json::from_value::<Rating>(json!(9)).is_err());
    }
}
