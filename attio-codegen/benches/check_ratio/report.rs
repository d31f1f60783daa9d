//! The check ratio's table, and its figures as `bench-result:` lines (one
//! JSON object per figure, collected by the benchmark runner).

/// The upper bound the ratio of medians should stay under.
const TARGET_RATIO: f64 = 1.5;

/// The size of the layout, to show that both files declare the same items.
pub struct Shape {
    pub structs: usize,
    pub fields: usize,
    pub enums: usize,
    pub variants: usize,
}

/// The timings of one crate, in seconds.
#[derive(Default)]
pub struct Timings {
    /// Checks after a change, incremental compilation off.
    pub checks: Vec<f64>,
    /// Checks with nothing changed.
    pub noops: Vec<f64>,
    /// Incremental checks after an edit to one struct.
    pub edits: Vec<f64>,
}

/// One crate of the comparison: its name, source and timings.
pub struct Variant<'a> {
    pub name: &'a str,
    pub source: &'a str,
    pub timings: Timings,
}

/// Prints the table, then the `bench-result:` lines of `case`.
pub fn print(case: &str, shape: &Shape, snapshot_len: u64, variants: &[Variant<'_>; 2]) {
    println!();
    println!(
        "cargo check -p <crate> after touching src/lib.rs — {} structs, {} fields, {} enums, {} variants; snapshot {:.1} MiB",
        shape.structs,
        shape.fields,
        shape.enums,
        shape.variants,
        mib(snapshot_len)
    );
    println!(
        "{:<12} {:>5} {:>9} {:>9} {:>10} {:>12} {:>6} {:>7}",
        "variant", "runs", "median s", "min s", "no-op s", "edit incr s", "lines", "bytes"
    );
    for v in variants {
        let t = &v.timings;
        println!(
            "{:<12} {:>5} {:>9.3} {:>9.3} {:>10.3} {:>12.3} {:>6} {:>7}",
            v.name,
            t.checks.len(),
            median(&t.checks),
            min(&t.checks),
            median(&t.noops),
            median(&t.edits),
            v.source.lines().count(),
            v.source.len()
        );
    }
    let [generated, handwritten] = variants.each_ref().map(|v| &v.timings);
    let ratio = median(&generated.checks) / median(&handwritten.checks);
    let verdict = if ratio <= TARGET_RATIO {
        "within"
    } else {
        "ABOVE"
    };
    println!(
        "ratio generated / handwritten (medians): {ratio:.2} — {verdict} the target of {TARGET_RATIO}"
    );
    // Without cargo's own cost, which is in both and pulls the ratio to 1.
    let net = |t: &Timings| median(&t.checks) - median(&t.noops);
    let net_ratio = net(generated) / net(handwritten);
    println!("ratio net of the no-op check (median − no-op median): {net_ratio:.2}");
    println!(
        "first incremental check after editing one struct: generated {:.3} s, handwritten {:.3} s (no-op {:.3} s)",
        median(&generated.edits),
        median(&handwritten.edits),
        median(&generated.noops)
    );

    let result = |metric: &str, value: f64, unit: &str| {
        crate::bench::result("check_ratio", case, metric, value, unit)
    };
    result("snapshot", mib(snapshot_len), "MiB");
    for v in variants {
        let t = &v.timings;
        result(&format!("{} median", v.name), median(&t.checks), "s");
        result(&format!("{} no-op", v.name), median(&t.noops), "s");
        result(
            &format!("{} edit one struct, incremental", v.name),
            median(&t.edits),
            "s",
        );
    }
    result("ratio", ratio, "x");
    result("net ratio", net_ratio, "x");
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

fn min(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::INFINITY, f64::min)
}
