//! `attio-codegen`'s integration tests: the generator as a build script
//! runs it, in temporary workspaces that cargo builds.

mod build_script;
mod support;
