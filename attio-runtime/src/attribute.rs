//! Typed attribute constants: `Company::NAME`, `Person::EMAIL_ADDRESSES`.
//!
//! The derive emits one constant per field. Its type carries the record, the
//! attribute's [kind](crate::kind) and whether it is unique, so that filters
//! offer only the operators the type supports and an upsert compiles only on
//! a unique attribute.

use std::fmt;
use std::marker::PhantomData;

/// Marks an attribute whose values are unique across records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unique {}

/// Marks an attribute whose values may repeat across records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotUnique {}

/// Implemented only by [`Unique`]: the bound of every call that matches
/// records by an attribute (assert / upsert).
#[diagnostic::on_unimplemented(
    message = "this attribute is not unique, so Attio cannot match records by it",
    label = "an upsert needs an attribute marked `unique` in the schema snapshot",
    note = "the docs of each attribute constant (`Company::DOMAINS`) and of each generated field say `· unique` for a unique attribute; to match by this one, make it unique in Attio and run `cargo attio-gen pull`"
)]
// `'static` (as `Unique` is) so that a boxed future may hold an attribute
// of any `U: IsUnique`, as `BulkSync::upsert`'s does.
pub trait IsUnique: 'static {}
impl IsUnique for Unique {}

// `fn() -> T` keeps `Attribute` Send, Sync and covariant whatever R, K and U are.
type Marker<R, K, U> = PhantomData<fn() -> (R, K, U)>;

/// An attribute of record (or entry) type `R`, of kind `K`, unique or not (`U`).
pub struct Attribute<R, K, U = NotUnique> {
    slug: &'static str,
    _marker: Marker<R, K, U>,
}

impl<R, K, U> Attribute<R, K, U> {
    /// An attribute by api_slug. Normally only the derive calls this.
    pub const fn new(slug: &'static str) -> Self {
        Attribute {
            slug,
            _marker: PhantomData,
        }
    }

    /// The attribute's api_slug, as used in `values` and filters.
    pub const fn slug(&self) -> &'static str {
        self.slug
    }
}

// Manual impls: the derives would require R, K and U to be Clone/Debug too.
impl<R, K, U> Clone for Attribute<R, K, U> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R, K, U> Copy for Attribute<R, K, U> {}
impl<R, K, U> PartialEq for Attribute<R, K, U> {
    fn eq(&self, other: &Self) -> bool {
        self.slug == other.slug
    }
}
impl<R, K, U> Eq for Attribute<R, K, U> {}
impl<R, K: crate::kind::Kind, U> fmt::Debug for Attribute<R, K, U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Attribute({} · {})", self.slug, K::NAME)
    }
}
