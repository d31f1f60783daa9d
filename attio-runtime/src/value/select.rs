//! `select` and `status` held as their titles: as `String`, and the readers
//! that the option enums of `#[derive(Options)]` decode with.

use std::borrow::Cow;

use serde::Deserializer;
use serde_json::Value;

use super::attribute_value::AttributeValue;
use super::streaming::{object, Object, Scalar, TitleKey};
use crate::error::DecodeError;
use crate::kind;

/// The `option` key of a select output value.
#[derive(Default, serde::Deserialize)]
struct OptionKey<'a> {
    #[serde(default, borrow)]
    option: Object<TitleKey<'a>>,
}

/// The `status` key of a status output value.
#[derive(Default, serde::Deserialize)]
struct StatusKey<'a> {
    #[serde(default, borrow)]
    status: Object<TitleKey<'a>>,
}

const OPTION_PATH: &str = "option.title";
const OPTION_EXPECTED: &str = "expected a select option with a title";
const STATUS_PATH: &str = "status.title";
const STATUS_EXPECTED: &str = "expected a status with a title";

/// A read title, or the error naming where it should have been.
fn title<'de>(
    title: Scalar<'de>,
    path: &str,
    expected: &str,
) -> Result<Cow<'de, str>, DecodeError> {
    match title {
        Scalar::Str(title) => Ok(title),
        _ => Err(DecodeError::new(path, expected)),
    }
}

/// A title read from a `serde_json::Value`, which lends its strings.
fn lent<'a, E: std::fmt::Display>(
    read: Result<Result<Cow<'a, str>, DecodeError>, E>,
    path: &str,
    expected: &str,
) -> Result<&'a str, DecodeError> {
    match read {
        Ok(Ok(Cow::Borrowed(title))) => Ok(title),
        // `&Value` hands out every string borrowed; an owned one cannot
        // happen, and reads as a missing title rather than a panic.
        Ok(Ok(Cow::Owned(_))) => Err(DecodeError::new(path, expected)),
        Ok(Err(e)) => Err(e),
        Err(e) => Err(DecodeError::new("", e.to_string())),
    }
}

/// The title of a select option in an output value
/// (`{"option": {"title": …}}`), for option enums and `String`.
///
/// ```
/// use attio_runtime::serde_json::json;
///
/// let value = json!({"option": {"title": "B2B"}, "attribute_type": "select"});
/// assert_eq!(attio_runtime::value::select_title(&value), Ok("B2B"));
/// ```
pub fn select_title(value: &Value) -> Result<&str, DecodeError> {
    lent(
        deserialize_select_title(value),
        OPTION_PATH,
        OPTION_EXPECTED,
    )
}

/// The title of a status in an output value (`{"status": {"title": …}}`),
/// for status enums and `String`.
pub fn status_title(value: &Value) -> Result<&str, DecodeError> {
    lent(
        deserialize_status_title(value),
        STATUS_PATH,
        STATUS_EXPECTED,
    )
}

/// [`select_title`] read straight from a deserializer: the title of the
/// select option in one output value object, borrowed from the input when
/// it can be. `Ok(Err(_))` is the error `select_title` reports; `Err`, the
/// deserializer's own. For option enums' decode.
///
/// ```
/// let json = r#"{"option": {"title": "B2B", "is_archived": false}, "attribute_type": "select"}"#;
/// let mut de = attio_runtime::serde_json::Deserializer::from_str(json);
/// let title = attio_runtime::value::deserialize_select_title(&mut de)?;
/// assert_eq!(title.as_deref(), Ok("B2B"));
/// # Ok::<(), attio_runtime::serde_json::Error>(())
/// ```
pub fn deserialize_select_title<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Result<Cow<'de, str>, DecodeError>, D::Error> {
    let option = object::<OptionKey<'de>, D>(deserializer)?.fields.option;
    Ok(title(option.fields.title, OPTION_PATH, OPTION_EXPECTED))
}

/// [`status_title`] read straight from a deserializer, like
/// [`deserialize_select_title`].
///
/// ```
/// let json = r#"{"status": {"title": "In Progress"}, "attribute_type": "status"}"#;
/// let mut de = attio_runtime::serde_json::Deserializer::from_str(json);
/// let title = attio_runtime::value::deserialize_status_title(&mut de)?;
/// assert_eq!(title.as_deref(), Ok("In Progress"));
/// # Ok::<(), attio_runtime::serde_json::Error>(())
/// ```
pub fn deserialize_status_title<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Result<Cow<'de, str>, DecodeError>, D::Error> {
    let status = object::<StatusKey<'de>, D>(deserializer)?.fields.status;
    Ok(title(status.fields.title, STATUS_PATH, STATUS_EXPECTED))
}

/// A select option held as its title; writes send the title.
impl AttributeValue<kind::Select> for String {
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        Ok(deserialize_select_title(deserializer)?.map(Cow::into_owned))
    }
    fn encode(&self) -> Value {
        Value::String(self.clone())
    }
}

/// A status held as its title; writes send the title.
impl AttributeValue<kind::Status> for String {
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        Ok(deserialize_status_title(deserializer)?.map(Cow::into_owned))
    }
    fn encode(&self) -> Value {
        Value::String(self.clone())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn titles_from_values_borrow_and_name_what_is_missing() {
        let option = json!({"option": {"title": "Enterprise"}});
        assert_eq!(select_title(&option), Ok("Enterprise"));
        let err = select_title(&json!({"option": {"title": null}})).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot decode option.title: expected a select option with a title"
        );
        let status = json!({"status": {"title": "In Progress"}});
        assert_eq!(status_title(&status), Ok("In Progress"));
        assert_eq!(status_title(&option).unwrap_err().path, "status.title");
    }
}
