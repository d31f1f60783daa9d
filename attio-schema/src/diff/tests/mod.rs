//! Unit tests of the schema diff: the fixture workspaces, then one file per
//! thing compared, and the report.

mod attributes;
mod choices;
mod fixture;
mod owners;
mod relationships;
mod report;
mod workspaces;
