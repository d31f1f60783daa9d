//! `record-reference`: [`RecordRef`], a reference to a record of a record
//! type or of [`AnyObject`], by id or by a unique attribute.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde_json::{Map, Value};

use super::attribute_value::AttributeValue;
use super::streaming::{object, required_str, Scalar};
use crate::attribute::{Attribute, IsUnique};
use crate::error::DecodeError;
use crate::ids::RecordId;
use crate::kind::{self, Kind};

/// The target of a [`RecordRef`]: a record type (its object is checked on
/// decode) or [`AnyObject`] (any object is accepted).
///
/// Implemented for every [`Record`](crate::Record) and for [`AnyObject`].
pub trait TargetObject {
    /// The object slug references must point to, or `None` for any object.
    fn target_object() -> Option<&'static str>;
}

/// A target of exactly one object: every [`Record`](crate::Record) type.
/// (The record traits implement it, so that values need not know them.)
pub trait OneObject: TargetObject {
    /// The object's slug.
    fn object_slug() -> &'static str;
}

/// A reference target of any object: for attributes whose target objects
/// have no generated struct, or allow several objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnyObject {}

impl TargetObject for AnyObject {
    fn target_object() -> Option<&'static str> {
        None
    }
}

/// How a reference names its record.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    /// By id: what Attio returns and the usual write.
    Id(RecordId),
    /// By a unique attribute of the target (write-only): the slug and the
    /// one-element array of its value in write format.
    Matching { attribute: String, value: Value },
}

/// A reference to a record of `T` (a record type, or [`AnyObject`]).
///
/// ```
/// use attio_runtime::value::{AnyObject, RecordRef};
/// use attio_runtime::RecordId;
///
/// let id = RecordId::new("b6cc4d1e-1f3a-4f5b-9c2d-0e7a8b9c0d1e")?;
/// let company: RecordRef<AnyObject> = RecordRef::to_object("companies", id);
/// assert_eq!(company.target_object(), "companies");
/// # Ok::<(), attio_runtime::ValueError>(())
/// ```
pub struct RecordRef<T = AnyObject> {
    object: String,
    target: Target,
    _target: PhantomData<fn() -> T>,
}

impl<T: OneObject> RecordRef<T> {
    /// A reference to the record `id` of `T`'s object.
    pub fn new(id: RecordId) -> Self {
        RecordRef {
            object: T::object_slug().to_owned(),
            target: Target::Id(id),
            _target: PhantomData,
        }
    }

    /// A reference to the record of `T` whose unique `attribute` has `value`
    /// (write-only: Attio resolves it, and fails if no record matches).
    ///
    /// Encodes as `{"target_object": "people", "email_addresses": [{"email_address": "…"}]}`.
    pub fn matching<K: Kind, U: IsUnique, V: AttributeValue<K>>(
        attribute: Attribute<T, K, U>,
        value: &V,
    ) -> Self {
        RecordRef {
            object: T::object_slug().to_owned(),
            target: Target::Matching {
                attribute: attribute.slug().to_owned(),
                value: Value::Array(vec![value.encode()]),
            },
            _target: PhantomData,
        }
    }
}

/// A reference to record `id` of `T`'s object, so setters taking
/// `impl Into<RecordRef<T>>` accept a bare id.
impl<T: OneObject> From<RecordId> for RecordRef<T> {
    fn from(id: RecordId) -> Self {
        RecordRef::new(id)
    }
}

/// A reference to record `id` of `T`'s object, from a borrowed id
/// (`.company(&acme.id.record_id)`), cloning it.
impl<T: OneObject> From<&RecordId> for RecordRef<T> {
    fn from(id: &RecordId) -> Self {
        RecordRef::new(id.clone())
    }
}

/// What a reference setter takes (`Deal::write().company(…)`): a
/// `RecordRef<T>`, a stored record of `T` (`&Stored<T>`), or, for a record
/// type, its id. Implemented for each accepted type rather than for every
/// `Into<RecordRef<T>>`, so that a record of the wrong object is reported
/// with this trait's message, not with rustc's `From` bound.
///
/// The message can name Rust types only (`{T}`, `{Self}`), not the
/// attribute or its objects' slugs: the setter's doc names those.
#[diagnostic::on_unimplemented(
    message = "this reference setter takes a record of the object `{T}` is bound to, not `{Self}`",
    label = "not a `{T}` record",
    note = "the attribute references records of the objects it allows in Attio (named in the setter's doc); a `RecordRef<{T}>` field takes a `&Stored<{T}>`, a `RecordRef<{T}>` or a `RecordId`",
    note = "to reference a record of another object, allow that object on the attribute in Attio, pull the snapshot, and declare the field with that record type or `RecordRef<AnyObject>`"
)]
pub trait IntoRecordRef<T> {
    /// The reference.
    fn into_record_ref(self) -> RecordRef<T>;
}

impl<T> IntoRecordRef<T> for RecordRef<T> {
    fn into_record_ref(self) -> RecordRef<T> {
        self
    }
}

impl<T: OneObject> IntoRecordRef<T> for RecordId {
    fn into_record_ref(self) -> RecordRef<T> {
        RecordRef::new(self)
    }
}

impl<T: OneObject> IntoRecordRef<T> for &RecordId {
    fn into_record_ref(self) -> RecordRef<T> {
        RecordRef::new(self.clone())
    }
}

impl RecordRef<AnyObject> {
    /// A reference to record `id` of the object with slug `object`.
    pub fn to_object(object: impl Into<String>, id: RecordId) -> Self {
        RecordRef {
            object: object.into(),
            target: Target::Id(id),
            _target: PhantomData,
        }
    }

    /// A reference by a unique attribute of any object, `value` being one
    /// element in that attribute's write format (write-only).
    pub fn matching_raw(
        object: impl Into<String>,
        attribute: impl Into<String>,
        value: Value,
    ) -> Self {
        RecordRef {
            object: object.into(),
            target: Target::Matching {
                attribute: attribute.into(),
                value: Value::Array(vec![value]),
            },
            _target: PhantomData,
        }
    }
}

impl<T> RecordRef<T> {
    /// The slug of the referenced record's object.
    pub fn target_object(&self) -> &str {
        &self.object
    }

    /// The referenced record's id; `None` only for a reference built with
    /// [`RecordRef::matching`], which Attio resolves on write.
    pub fn record_id(&self) -> Option<&RecordId> {
        match &self.target {
            Target::Id(id) => Some(id),
            Target::Matching { .. } => None,
        }
    }

    /// The same reference, forgetting the target type.
    pub fn into_any(self) -> RecordRef<AnyObject> {
        RecordRef {
            object: self.object,
            target: self.target,
            _target: PhantomData,
        }
    }
}

// Manual impls: derives would require `T: Clone` etc. of the marker type.
impl<T> Clone for RecordRef<T> {
    fn clone(&self) -> Self {
        RecordRef {
            object: self.object.clone(),
            target: self.target.clone(),
            _target: PhantomData,
        }
    }
}
impl<T> PartialEq for RecordRef<T> {
    fn eq(&self, other: &Self) -> bool {
        self.object == other.object && self.target == other.target
    }
}
impl<T> fmt::Debug for RecordRef<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.target {
            Target::Id(id) => write!(f, "RecordRef({}/{})", self.object, id),
            Target::Matching { attribute, value } => {
                write!(f, "RecordRef({} where {attribute} = {value})", self.object)
            }
        }
    }
}

impl<T: TargetObject> RecordRef<T> {
    /// Checks the object of a decoded reference against `T`'s.
    fn check_target(object: &str) -> Result<(), DecodeError> {
        match T::target_object() {
            Some(expected) if object != expected => Err(DecodeError::new(
                "target_object",
                format!("expected a reference to `{expected}`, found one to `{object}`"),
            )),
            _ => Ok(()),
        }
    }

    fn from_parts(object: String, id: &str) -> Result<Self, DecodeError> {
        let id =
            RecordId::new(id).map_err(|e| DecodeError::new("target_record_id", e.to_string()))?;
        Ok(RecordRef {
            object,
            target: Target::Id(id),
            _target: PhantomData,
        })
    }
}

/// The keys of a record-reference output value.
#[derive(Default, serde::Deserialize)]
struct RecordRefKeys<'a> {
    #[serde(default, borrow)]
    target_object: Scalar<'a>,
    #[serde(default, borrow)]
    target_record_id: Scalar<'a>,
}

impl<T: TargetObject> AttributeValue<kind::RecordReference> for RecordRef<T> {
    fn deserialize_checked<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Result<Self, DecodeError>, D::Error> {
        let keys = object::<RecordRefKeys<'de>, D>(deserializer)?.fields;
        Ok((|| {
            let object = required_str("target_object", keys.target_object)?;
            Self::check_target(&object)?;
            let id = required_str("target_record_id", keys.target_record_id)?;
            Self::from_parts(object.into_owned(), &id)
        })())
    }
    fn encode(&self) -> Value {
        let mut out = Map::new();
        out.insert("target_object".into(), Value::String(self.object.clone()));
        match &self.target {
            Target::Id(id) => {
                out.insert(
                    "target_record_id".into(),
                    Value::String(id.as_str().to_owned()),
                );
            }
            Target::Matching { attribute, value } => {
                out.insert(attribute.clone(), value.clone());
            }
        }
        Value::Object(out)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const ID: &str = "b6cc4d1e-1f3a-4f5b-9c2d-0e7a8b9c0d1e";

    #[test]
    fn record_ids() {
        assert!(RecordId::new(ID).is_ok());
        let err = RecordId::new("rec_1").unwrap_err();
        assert!(err.reason.contains("UUID"));
        assert!(serde_json::from_value::<RecordId>(json!("nope")).is_err());
        assert_eq!(
            serde_json::to_value(RecordId::new(ID).unwrap()).unwrap(),
            json!(ID)
        );
    }

    #[test]
    fn any_object_reference() {
        let v = json!({"target_object": "companies", "target_record_id": ID, "attribute_type": "record-reference"});
        let r = <RecordRef as AttributeValue<kind::RecordReference>>::decode(&v).unwrap();
        assert_eq!(r.target_object(), "companies");
        assert_eq!(r.record_id().map(RecordId::as_str), Some(ID));
        assert_eq!(
            r.encode(),
            json!({"target_object": "companies", "target_record_id": ID})
        );
        let bad = json!({"target_object": "companies", "target_record_id": "x"});
        assert!(<RecordRef as AttributeValue<kind::RecordReference>>::decode(&bad).is_err());
    }
}
