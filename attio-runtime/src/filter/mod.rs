//! Typed filters and sorts, built from the attribute constants. [`Filter`](crate::Filter),
//! [`Query`](crate::Query), [`Sort`](crate::Sort) and [`Property`](crate::Property) are at the crate root; this module
//! holds the operators' argument types.
//!
//! Each attribute kind offers only the operators Attio accepts for it, and
//! each builder produces the verbose JSON of Attio's filter grammar:
//! `{"slug": {"$op": value}}`, or `{"slug": {"property": {"$op": value}}}`
//! for a property of a composite value, combined with `$and`, `$or` and `$not`.
//!
//! ```
//! use attio_runtime::{kind, Attribute, Filter, Query};
//! use attio_runtime::serde_json::json;
//!
//! struct Company;
//! const NAME: Attribute<Company, kind::Text> = Attribute::new("name");
//! const EMPLOYEES: Attribute<Company, kind::Number> = Attribute::new("employees");
//!
//! let filter = NAME.contains("Acme") & EMPLOYEES.gte(10);
//! assert_eq!(
//!     filter.to_json(),
//!     json!({"$and": [{"name": {"$contains": "Acme"}}, {"employees": {"$gte": 10}}]})
//! );
//! let query = Query::new().filter(filter).sort(NAME.asc()).limit(50);
//! assert_eq!(query.to_json()["sorts"], json!([{"direction": "asc", "attribute": "name"}]));
//! ```

pub(crate) mod expression;
mod operators;
pub(crate) mod property;
pub(crate) mod query;
pub(crate) mod sort;
#[cfg(test)]
mod tests;

pub use operators::{Operand, ReferenceOperand};
pub use property::ops;
