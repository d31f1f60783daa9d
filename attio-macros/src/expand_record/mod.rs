//! `#[derive(Record)]` and `#[derive(Entry)]`: the input, the orchestration,
//! and one file per product (read model, write model, create, constants, contract, impls).

mod constants;
mod contract;
mod create;
mod expand;
mod impls;
mod input;
mod read_model;
mod shared;
#[cfg(test)]
mod tests;
mod write_model;

pub use expand::derive;
