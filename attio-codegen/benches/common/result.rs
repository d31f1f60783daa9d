//! The results protocol that `cargo xtask bench` collects: one
//! `bench-result:` line per figure on standard output (a JSON object with
//! the benchmark, the case, the metric, the value and its unit), beside
//! the human-readable text. `attio_tests::bench` is the same for the
//! workspace-level benchmarks; this crate's benchmarks cannot depend on it.

/// Prints one figure as a `bench-result:` line.
pub fn result(bench: &str, case: &str, metric: &str, value: f64, unit: &str) {
    let object = serde_json::json!({
        "bench": bench, "case": case, "metric": metric, "value": value, "unit": unit,
    });
    println!("bench-result: {object}");
}
