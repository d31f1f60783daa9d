//! The derives' expansion of a whole generated file, in process: the
//! `expand` benchmark (ignored by `cargo test`; run by
//! `attio-macros/expand-bench.sh`, which also counts its instructions
//! under callgrind).
//!
//! It does what rustc does with the derives of a crate, without rustc: read
//! the snapshot once (the cache is cold at the start, as in a fresh rustc
//! process), then expand every `#[derive(Record)]`, `#[derive(Entry)]` and
//! `#[derive(Options)]` of the file. Built like the test binary — without
//! optimisation — which is how cargo builds a user's proc macros.
//!
//! `ATTIO_EXPAND_BENCH` names a crate directory with `src/lib.rs` and
//! `attio-schema.json` beside its `Cargo.toml` (the `generated` crate of
//! `check_ratio`), `ATTIO_EXPAND_CASE` the case of the `bench-result:` lines.

use std::path::Path;
use std::time::Instant;

use attio_schema::Target;
use proc_macro2::TokenStream;
use quote::ToTokens;

use crate::schema_cache;

/// What each derive of the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Derive {
    Record,
    Entry,
    Options,
}

/// The derive items of `file`, each with `schema = "<path>"` added so that
/// the derive finds the snapshot as it would beside the crate's manifest.
fn derive_inputs(file: &syn::File, schema: &Path) -> Vec<(Derive, TokenStream)> {
    let schema = schema.to_str().expect("a UTF-8 snapshot path");
    let mut inputs = Vec::new();
    for item in &file.items {
        let (attrs, tokens) = match item {
            syn::Item::Struct(s) => (&s.attrs, s.to_token_stream()),
            syn::Item::Enum(e) => (&e.attrs, e.to_token_stream()),
            _ => continue,
        };
        let derives = attrs.iter().filter(|a| a.path().is_ident("derive"));
        let names = derives
            .flat_map(|a| a.meta.require_list().ok())
            .map(|list| list.tokens.to_string())
            .collect::<String>();
        let derive = if names.contains("Record") {
            Derive::Record
        } else if names.contains("Entry") {
            Derive::Entry
        } else if names.contains("Options") {
            Derive::Options
        } else {
            continue;
        };
        let mut input: TokenStream = quote::quote!(#[attio(schema = #schema)]);
        input.extend(tokens);
        inputs.push((derive, input));
    }
    inputs
}

/// The timed part of the benchmark: a cold load of the snapshot.
#[inline(never)]
fn measured_load(schema: &Path) -> usize {
    let loaded = schema_cache::load(schema).expect("the snapshot loads");
    loaded.snapshot.workspace.objects.len()
}

/// The timed part of the benchmark: every derive, with the snapshot cached.
#[inline(never)]
fn measured_expansion(inputs: &[(Derive, TokenStream)]) -> usize {
    let mut tokens = 0;
    for (derive, input) in inputs {
        let output = match derive {
            Derive::Record => crate::expand_record::derive(input.clone(), Target::Object),
            Derive::Entry => crate::expand_record::derive(input.clone(), Target::List),
            Derive::Options => crate::expand_options::derive(input.clone()),
        };
        tokens += output.into_iter().count();
    }
    tokens
}

#[test]
#[ignore = "a benchmark: run by attio-macros/expand-bench.sh"]
fn expand_a_generated_file() {
    let dir = std::env::var_os("ATTIO_EXPAND_BENCH")
        .expect("ATTIO_EXPAND_BENCH names the generated crate of check_ratio");
    let dir = Path::new(&dir);
    let case = std::env::var("ATTIO_EXPAND_CASE").unwrap_or_else(|_| "unnamed".into());
    let schema = dir.join("attio-schema.json").canonicalize().unwrap();
    let source = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
    let file = syn::parse_file(&source).unwrap();
    let inputs = derive_inputs(&file, &schema);
    let structs = inputs.iter().filter(|(d, _)| *d != Derive::Options).count();

    let start = Instant::now();
    let objects = measured_load(&schema);
    let load = start.elapsed();
    let start = Instant::now();
    let tokens = measured_expansion(&inputs);
    let expansion = start.elapsed();
    assert!(
        objects > 0 && structs > 0,
        "nothing to expand in {}",
        dir.display()
    );

    eprintln!(
        "expand: snapshot of {objects} objects loaded in {load:.2?}; {} derives ({structs} structs) expanded in {expansion:.2?} to {tokens} top-level tokens",
        inputs.len()
    );
    // The protocol of `tests/src/bench.rs`, whose `serde_json` this crate
    // reaches through `attio-runtime` (a dev-dependency).
    let result = |metric: &str, value: f64, unit: &str| {
        let object = attio_runtime::serde_json::json!({
            "bench": "expand", "case": case, "metric": metric, "value": value, "unit": unit,
        });
        println!("bench-result: {object}");
    };
    result("snapshot load", load.as_secs_f64() * 1e3, "ms");
    result("expansion", expansion.as_secs_f64() * 1e3, "ms");
    result("derives", inputs.len() as f64, "count");
}
