//! product-sync is an example program, not a benchmark: it prints a
//! summary for its users, and this reads the figures from it (so the
//! example carries no benchmark protocol).

use crate::results::Figure;

/// The figures of product-sync's summary: writes/s, the fraction of the
/// limit and the 429s, under a case naming the dataset.
pub fn figures(stdout: &str) -> Result<Vec<Figure>, String> {
    let case = stdout
        .lines()
        .find_map(|l| l.strip_prefix("dataset: "))
        .map(|d| d.split(" (seed").next().unwrap_or(d).to_owned())
        .ok_or("no `dataset:` line in product-sync's output")?;
    let total = stdout
        .lines()
        .find(|l| l.starts_with("total "))
        .ok_or("no `total` row in product-sync's summary")?;
    // object rows created updated unchanged failed requests 429s time s
    let rate_limited: f64 = total
        .split_whitespace()
        .nth(7)
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("no 429 count in the total row: {total}"))?;
    let rates = stdout
        .lines()
        .find(|l| l.contains(" writes/s, "))
        .ok_or("no `writes/s` line in product-sync's summary (too few writes?)")?;
    let number_before = |marker: &str| {
        rates
            .split(marker)
            .next()
            .and_then(|head| head.rsplit(' ').next())
            .and_then(|n| n.parse::<f64>().ok())
            .ok_or_else(|| format!("no number before `{marker}` in: {rates}"))
    };
    let figure = |metric: &str, value, unit: &str| Figure {
        bench: "product_sync".into(),
        case: case.clone(),
        metric: metric.into(),
        value,
        unit: unit.into(),
    };
    Ok(vec![
        figure("writes/s", number_before(" writes/s")?, "/s"),
        figure("fraction of limit", number_before(" of the limit")?, "x"),
        figure("429s", rate_limited, "count"),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTPUT: &str = "emulator: http://127.0.0.1:40123 (in process)\n\
        dataset: 500 users across 80 accounts (seed 7)\n\
        state: in memory\n\
        object              rows  created  updated  unchanged  failed  requests  429s     time\n\
        companies             80       80        0          0       0        80     0    3.2 s\n\
        product_accounts      80       80        0          0       0        80     0    3.2 s\n\
        people               500      500        0          0       0       505     5   20.0 s\n\
        total                660      660        0          0       0       665     5   26.4 s\n\
        660 writes in 26.4 s: 25.0 writes/s, 1.001 of the limit (25/s)\n";

    #[test]
    fn the_summary_gives_rate_fraction_and_429s() {
        let figures = figures(OUTPUT).unwrap();
        let got: Vec<_> = figures
            .iter()
            .map(|f| (f.case.as_str(), f.metric.as_str(), f.value))
            .collect();
        assert_eq!(
            got,
            [
                ("500 users across 80 accounts", "writes/s", 25.0),
                ("500 users across 80 accounts", "fraction of limit", 1.001),
                ("500 users across 80 accounts", "429s", 5.0),
            ]
        );
    }

    #[test]
    fn a_summary_without_a_rate_is_an_error_that_says_so() {
        let short = OUTPUT.replace("25.0 writes/s, 1.001 of the limit", "too few");
        assert!(figures(&short).unwrap_err().contains("writes/s"));
        let no_total = OUTPUT.replace("total ", "sum ");
        assert!(figures(&no_total).unwrap_err().contains("total"));
    }
}
