//! What every benchmark shares: the results protocol that `cargo xtask
//! bench` collects (one `bench-result:` line per figure on standard
//! output, beside the human-readable text), and their sizes, read from the
//! environment so that `cargo xtask bench --quick` can run each at a small
//! size. The benchmarks of crates below this one (`attio-codegen`,
//! `attio-emulator`) include this file by path: it needs only std and
//! `serde_json`.

use std::str::FromStr;

/// Prints one figure as a `bench-result:` line: a JSON object with the
/// benchmark, the case (one row of its table), the metric (one column),
/// the value and its unit (`ms`, `s`, `x`, `MiB`, `KiB`, `Minstr`, `/s`,
/// `count`). A figure printed by several runs is one value per run; the
/// collector takes their median.
pub fn result(bench: &str, case: &str, metric: &str, value: f64, unit: &str) {
    println!("{}", line(bench, case, metric, value, unit));
}

fn line(bench: &str, case: &str, metric: &str, value: f64, unit: &str) -> String {
    let object = serde_json::json!({
        "bench": bench, "case": case, "metric": metric, "value": value, "unit": unit,
    });
    format!("bench-result: {object}")
}

/// The environment variable `name` parsed as a `T`, or `default` when it
/// is unset. A value that does not parse stops the benchmark with a
/// message, rather than measuring a size nobody asked for.
pub fn env_or<T: FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(text) => text.trim().parse().unwrap_or_else(|_| {
            panic!("{name}={text:?} is not a valid value; unset it or give a number")
        }),
        Err(_) => default,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_result_is_one_line_of_json_after_the_prefix() {
        // Not a module-level import: a benchmark that includes this file
        // compiles without its tests.
        let text = super::line("decode", "10000 \"people\"", "typed", 66.125, "ms");
        let json = text.strip_prefix("bench-result: ").expect("the prefix");
        assert!(!json.contains('\n'));
        let value: serde_json::Value = serde_json::from_str(json).expect("JSON");
        assert_eq!(value["case"], "10000 \"people\"");
        assert_eq!(value["value"], 66.125);
        assert_eq!(value["unit"], "ms");
    }
}
