//! Typed filters and sorts, built from the attribute constants.
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

mod expression;
mod operators;
mod property;
mod query;
mod sort;
#[cfg(test)]
mod tests;

pub use crate::value::OptionTitle;
pub use expression::Filter;
pub use operators::{Operand, ReferenceOperand};
pub use property::{ops, Property};
pub use query::Query;
pub use sort::{Direction, Sort};
