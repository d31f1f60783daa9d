//! BENCHMARKS.md's generated parts: a table per benchmark from its cells,
//! spliced between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`; the
//! prose around the markers is never touched.

use std::fmt::Write as _;

use crate::results::Cell;

/// Why a section could not be spliced.
#[derive(Debug, PartialEq)]
pub enum SpliceError {
    /// Neither marker is in the document.
    Missing,
    /// One marker without the other, twice the same, or the end first.
    Malformed(String),
}

fn open_marker(name: &str) -> String {
    format!("<!-- bench:{name} -->")
}

fn close_marker(name: &str) -> String {
    format!("<!-- /bench:{name} -->")
}

/// `document` with what lies between `name`'s markers replaced by `body`
/// (the markers kept, each on its own line).
pub fn splice(document: &str, name: &str, body: &str) -> Result<String, SpliceError> {
    let (open, close) = (open_marker(name), close_marker(name));
    let starts: Vec<_> = document.match_indices(&open).map(|(i, _)| i).collect();
    let ends: Vec<_> = document.match_indices(&close).map(|(i, _)| i).collect();
    match (starts.as_slice(), ends.as_slice()) {
        ([], []) => Err(SpliceError::Missing),
        ([start], [end]) if start < end => {
            let inner_start = start + open.len();
            Ok(format!(
                "{}\n{}\n{}",
                &document[..inner_start],
                body.trim_end_matches('\n'),
                &document[*end..]
            ))
        }
        ([_], [_]) => Err(SpliceError::Malformed(format!(
            "`{close}` comes before `{open}`"
        ))),
        (s, e) => Err(SpliceError::Malformed(format!(
            "{} × `{open}` and {} × `{close}`; expected one of each",
            s.len(),
            e.len()
        ))),
    }
}

/// A Markdown table: a row per case, a column per metric, each cell the
/// median of its runs with their range when they differ.
pub fn table(cells: &[Cell]) -> String {
    let mut cases: Vec<&str> = Vec::new();
    let mut columns: Vec<(&str, &str)> = Vec::new();
    for cell in cells {
        if !cases.contains(&cell.case.as_str()) {
            cases.push(&cell.case);
        }
        let column = (cell.metric.as_str(), cell.unit.as_str());
        if !columns.contains(&column) {
            columns.push(column);
        }
    }
    let mut out = String::from("| case |");
    for (metric, unit) in &columns {
        match *unit {
            "count" | "x" => write!(out, " {metric} |"),
            unit => write!(out, " {metric} ({unit}) |"),
        }
        .expect("writing to a String");
    }
    out.push_str("\n| --- |");
    out.push_str(&" ---: |".repeat(columns.len()));
    for case in &cases {
        write!(out, "\n| {case} |").expect("writing to a String");
        for (metric, unit) in &columns {
            let cell = cells
                .iter()
                .find(|c| c.case == *case && c.metric == *metric && c.unit == *unit);
            let text = cell.map_or_else(|| "–".to_owned(), |c| cell_text(c, unit));
            write!(out, " {text} |").expect("writing to a String");
        }
    }
    out.push('\n');
    out
}

fn cell_text(cell: &Cell, unit: &str) -> String {
    let median = number(cell.median(), unit);
    let (min, max) = (number(cell.min(), unit), number(cell.max(), unit));
    if cell.values.len() > 1 && min != max {
        format!("{median} ({min}–{max})")
    } else {
        median
    }
}

/// A figure as the tables print it: three significant digits or so, whole
/// numbers with thousands separators; ratios and fractions to three
/// decimals.
pub fn number(value: f64, unit: &str) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let decimals = match unit {
        "x" if value.abs() < 10.0 => 3,
        "count" if value.fract() == 0.0 => 0,
        _ if value.abs() >= 100.0 => 0,
        _ if value.abs() >= 10.0 => 1,
        _ => 2,
    };
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "−"
    } else {
        ""
    };
    match fraction {
        Some(fraction) => format!("{sign}{grouped}.{fraction}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# Benchmarks\n\nprose before\n\n<!-- bench:decode -->\n| old | table |\n<!-- /bench:decode -->\n\nprose after\n";

    #[test]
    fn the_text_between_the_markers_is_replaced_and_the_rest_kept() {
        let out = splice(DOC, "decode", "| new |\n| --- |\n").unwrap();
        assert_eq!(
            out,
            "# Benchmarks\n\nprose before\n\n<!-- bench:decode -->\n| new |\n| --- |\n<!-- /bench:decode -->\n\nprose after\n"
        );
        // Splicing again gives the same document: no blank lines pile up.
        assert_eq!(splice(&out, "decode", "| new |\n| --- |").unwrap(), out);
    }

    #[test]
    fn a_missing_pair_is_told_apart_from_a_malformed_one() {
        assert_eq!(splice(DOC, "sync", "x"), Err(SpliceError::Missing));
        let open_only = DOC.replace("<!-- /bench:decode -->", "");
        assert!(matches!(
            splice(&open_only, "decode", "x"),
            Err(SpliceError::Malformed(_))
        ));
        let swapped = "<!-- /bench:decode -->\ntext\n<!-- bench:decode -->\n";
        assert!(
            matches!(splice(swapped, "decode", "x"), Err(SpliceError::Malformed(m)) if m.contains("before"))
        );
        let twice = format!("{DOC}{DOC}");
        assert!(
            matches!(splice(&twice, "decode", "x"), Err(SpliceError::Malformed(m)) if m.contains("2 ×"))
        );
    }

    #[test]
    fn a_marker_whose_name_extends_another_is_not_taken_for_it() {
        let doc = "<!-- bench:sync_memory -->\nold\n<!-- /bench:sync_memory -->\n";
        assert_eq!(splice(doc, "sync", "x"), Err(SpliceError::Missing));
        assert!(splice(doc, "sync_memory", "x").unwrap().contains("\nx\n"));
    }

    #[test]
    fn a_table_has_a_row_per_case_and_a_column_per_metric() {
        let cell = |case: &str, metric: &str, unit: &str, values: &[f64]| Cell {
            case: case.into(),
            metric: metric.into(),
            unit: unit.into(),
            values: values.to_vec(),
        };
        let out = table(&[
            cell("1000 × 50", "generate", "ms", &[125.4]),
            cell("1000 × 50", "ratio", "x", &[1.02]),
            cell("250 × 50", "generate", "ms", &[31.3, 30.0, 33.0]),
            cell("1000 × 50", "generate", "Minstr", &[4160.0]),
        ]);
        assert_eq!(
            out,
            "| case | generate (ms) | ratio | generate (Minstr) |\n\
             | --- | ---: | ---: | ---: |\n\
             | 1000 × 50 | 125 | 1.020 | 4,160 |\n\
             | 250 × 50 | 31.3 (30.0–33.0) | – | – |\n"
        );
    }

    #[test]
    fn numbers_keep_about_three_digits() {
        assert_eq!(number(1_234_567.8, "Minstr"), "1,234,568");
        assert_eq!(number(412.4, "ms"), "412");
        assert_eq!(number(40.74, "ms"), "40.7");
        assert_eq!(number(4.834, "ms"), "4.83");
        assert_eq!(number(0.9953, "x"), "0.995");
        assert_eq!(number(3.0, "count"), "3");
        assert_eq!(number(0.5, "count"), "0.50");
        assert_eq!(number(-724.0, "KiB"), "−724");
        assert_eq!(number(f64::NAN, "ms"), "–");
    }
}
