//! One Rust type per Attio attribute type, each decoding Attio's output
//! value objects and encoding to the write format Attio accepts.
//!
//! | Attio type | Rust type | write format |
//! | --- | --- | --- |
//! | text | `String` | `"Acme"` |
//! | number | `f64`, `i64` | `42.5` |
//! | checkbox | `bool` | `true` |
//! | currency | [`Currency`] (decimal amount + [`CurrencyCode`]) | `{"currency_value": 4.99}` |
//! | date | [`chrono::NaiveDate`] | `"2023-01-02"` |
//! | timestamp | [`chrono::DateTime<Utc>`](chrono::DateTime) | `"2023-01-02T11:00:00.000000000Z"` |
//! | rating | [`Rating`] (0–5) | `4` |
//! | status | `String` (title) or a generated enum | `"In Progress"` |
//! | select | `String` (title) or a generated enum | `"Enterprise"` |
//! | record-reference | [`RecordRef<T>`] (`T` a record type or [`AnyObject`]) | `{"target_object": …, "target_record_id": …}` |
//! | actor-reference | [`ActorRef`] | `{"referenced_actor_type": "workspace-member", "referenced_actor_id": …}` |
//! | location | [`Location`] | all ten keys, nulls included |
//! | domain | [`Domain`] | `{"domain": "acme.com"}` |
//! | email-address | [`EmailAddress`] | `{"email_address": "ada@acme.com"}` |
//! | phone-number | [`PhoneNumber`] | `{"original_phone_number": …, "country_code": …}` |
//! | interaction | [`Interaction`] (read-only) | never written |
//! | personal-name | [`PersonalName`] | `{"first_name", "last_name", "full_name"}` |
//! | (any, escape hatch) | `serde_json::Value` | as given |
//!
//! Types with rules Attio enforces validate on construction, so that an
//! invalid value is a [`ValueError`](crate::ValueError) before any request:
//!
//! ```
//! use attio_runtime::value::{EmailAddress, Rating};
//!
//! assert!(Rating::new(6).is_err());
//! assert!(EmailAddress::new("ada@acme.test").is_err());
//! assert_eq!(EmailAddress::new("Ada@Acme.com")?.as_str(), "ada@acme.com");
//! # Ok::<(), attio_runtime::ValueError>(())
//! ```

mod actor_ref;
pub(crate) mod attribute_value;
pub(crate) mod checks;
mod currency;
mod date_time;
mod domain;
mod email;
mod interaction;
mod location;
mod number;
pub(crate) mod option_title;
mod personal_name;
mod phone;
mod rating;
mod record_ref;
mod select;
mod several;
mod streaming;
mod text;
mod write_format;

pub use actor_ref::{Actor, ActorRef, ActorType};
pub(crate) use attribute_value::AttributeValue;
pub(crate) use currency::decimal_to_json as currency_json;
pub use currency::{Currency, CurrencyCode};
pub use date_time::{format_timestamp, parse_date, parse_timestamp};
pub use domain::Domain;
pub use email::EmailAddress;
pub use interaction::{Interaction, InteractionType};
pub use location::Location;
pub(crate) use option_title::OptionTitle;
pub use personal_name::PersonalName;
pub use phone::PhoneNumber;
pub use rating::Rating;
pub use record_ref::{AnyObject, IntoRecordRef, OneObject, RecordRef, TargetObject};
pub use select::{deserialize_select_title, deserialize_status_title, select_title, status_title};
pub use several::SeveralValues;

#[cfg(test)]
mod tests;
