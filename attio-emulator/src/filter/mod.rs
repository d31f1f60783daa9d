//! The record and entry query language: filters (shorthand and verbose,
//! `$and`/`$or`/`$not`, paths through record references) and sorts.

mod evaluate;
mod expr;
mod parse;
mod sort;
#[cfg(test)]
mod tests;

pub(crate) use evaluate::matches;
pub(crate) use expr::Filter;
pub(crate) use parse::parse;
pub(crate) use sort::{parse_sorts, sort};
