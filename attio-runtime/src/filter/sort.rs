//! Sorts: [`Sort`] keys and their [`Direction`], on every attribute.

use std::fmt;
use std::marker::PhantomData;

use serde::Serialize;

use crate::attribute::Attribute;

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
}

/// One sort key: `{"direction": "asc", "attribute": "name", "field": "last_name"?}`.
#[derive(Serialize)]
#[serde(bound = "")]
pub struct Sort<R> {
    direction: Direction,
    attribute: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'static str>,
    #[serde(skip)]
    _record: PhantomData<fn() -> R>,
}

impl<R> Sort<R> {
    /// A sort key on `attribute`, or on its `field` for a composite value.
    pub(super) fn new(
        direction: Direction,
        attribute: &'static str,
        field: Option<&'static str>,
    ) -> Self {
        Sort {
            direction,
            attribute,
            field,
            _record: PhantomData,
        }
    }

    /// The direction.
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// The attribute's slug.
    pub fn attribute(&self) -> &'static str {
        self.attribute
    }

    /// The property sorted by, for composite values.
    pub fn field(&self) -> Option<&'static str> {
        self.field
    }
}

impl<R> Clone for Sort<R> {
    fn clone(&self) -> Self {
        Sort::new(self.direction, self.attribute, self.field)
    }
}
impl<R> PartialEq for Sort<R> {
    fn eq(&self, other: &Self) -> bool {
        (self.direction, self.attribute, self.field)
            == (other.direction, other.attribute, other.field)
    }
}
impl<R> fmt::Debug for Sort<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sort")
            .field("direction", &self.direction)
            .field("attribute", &self.attribute)
            .field("field", &self.field)
            .finish()
    }
}

/// Sorting, on every attribute.
impl<R, K, U> Attribute<R, K, U> {
    /// Sort ascending by this attribute.
    pub fn asc(self) -> Sort<R> {
        Sort::new(Direction::Asc, self.slug(), None)
    }

    /// Sort descending by this attribute.
    pub fn desc(self) -> Sort<R> {
        Sort::new(Direction::Desc, self.slug(), None)
    }
}
