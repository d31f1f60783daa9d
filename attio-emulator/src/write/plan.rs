//! What a write is asked to do, what its checks decided, and what it did:
//! the values passed from one phase of a write to the next.

use attio_schema::Attribute;

use crate::values::Payload;

/// The values written to one attribute, validated and normalised.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub attribute: Attribute,
    pub payloads: Vec<Payload>,
}

/// How a write combines with the values already stored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Mode {
    /// A new record: defaults apply, every required attribute must be set.
    Create,
    /// Multiselect values are prepended and de-duplicated, never removed.
    Patch,
    /// Every supplied attribute becomes exactly the supplied list.
    Put,
    /// Assert matched one record: the matching attribute appends like PATCH,
    /// every other supplied attribute is overwritten like PUT.
    AssertUpdate {
        /// The matching attribute's id.
        matching_attribute_id: String,
    },
}

impl Mode {
    /// Whether values written to `attribute` join the stored ones instead of
    /// replacing them.
    pub(crate) fn appends(&self, attribute: &Attribute) -> bool {
        match self {
            Mode::Patch => attribute.is_multiselect,
            Mode::AssertUpdate {
                matching_attribute_id,
            } => attribute.is_multiselect && *matching_attribute_id == attribute.id.attribute_id,
            Mode::Create | Mode::Put => false,
        }
    }
}

/// A write that passed every check: what the apply phase changes.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    /// The record or entry to update; `None` creates one.
    pub existing: Option<String>,
    /// The complete new value list of every attribute the write touches,
    /// defaults included.
    pub changes: Vec<(Attribute, Vec<Payload>)>,
}

/// The outcome of a successful write.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Written {
    /// The record or entry id.
    pub id: String,
    /// Whether the write created it.
    pub created: bool,
    /// Ids of the attributes whose current values changed.
    pub changed: Vec<String>,
}
