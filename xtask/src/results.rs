//! The benchmarks' results protocol: `bench-result: {json}` lines on a
//! benchmark's standard output, one per figure, and their medians.

use serde_json::Value;

/// The prefix of a result line.
pub const PREFIX: &str = "bench-result:";

/// One figure: a cell of a benchmark's table (`case` the row, `metric` and
/// `unit` the column).
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub bench: String,
    pub case: String,
    pub metric: String,
    pub value: f64,
    pub unit: String,
}

impl Figure {
    /// The figure as one line of JSON (`results.jsonl`), under `entry`,
    /// the command's name for the benchmark that printed it.
    pub fn to_json(&self, entry: &str) -> String {
        serde_json::json!({
            "entry": entry, "bench": self.bench, "case": self.case,
            "metric": self.metric, "value": self.value, "unit": self.unit,
        })
        .to_string()
    }
}

/// Every result line of a benchmark's output, and a message for each line
/// that starts with the prefix but is not a valid result (the figures
/// still parsed are kept: one bad line does not lose a run).
pub fn parse_output(stdout: &str) -> (Vec<Figure>, Vec<String>) {
    let (mut figures, mut problems) = (Vec::new(), Vec::new());
    for line in stdout.lines() {
        let Some(json) = line.trim_start().strip_prefix(PREFIX) else {
            continue;
        };
        match parse_json(json) {
            Ok(figure) => figures.push(figure),
            Err(why) => problems.push(format!("malformed result line ({why}): {line}")),
        }
    }
    (figures, problems)
}

fn parse_json(json: &str) -> Result<Figure, String> {
    let value: Value = serde_json::from_str(json.trim()).map_err(|e| format!("not JSON: {e}"))?;
    let text = |key: &str| {
        value[key]
            .as_str()
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .ok_or_else(|| format!("`{key}` is not a non-empty string"))
    };
    let number = value["value"]
        .as_f64()
        .filter(|v| v.is_finite())
        .ok_or("`value` is not a finite number")?;
    Ok(Figure {
        bench: text("bench")?,
        case: text("case")?,
        metric: text("metric")?,
        value: number,
        unit: text("unit")?,
    })
}

/// The values of one cell over every run that printed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub case: String,
    pub metric: String,
    pub unit: String,
    pub values: Vec<f64>,
}

impl Cell {
    /// The median (the mean of the middle two for an even count).
    pub fn median(&self) -> f64 {
        let mut sorted = self.values.clone();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        match n {
            0 => f64::NAN,
            _ if n % 2 == 1 => sorted[n / 2],
            _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
        }
    }

    pub fn min(&self) -> f64 {
        self.values.iter().copied().fold(f64::INFINITY, f64::min)
    }

    pub fn max(&self) -> f64 {
        self.values
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max)
    }
}

/// Figures grouped into cells by (case, metric, unit), in the order each
/// cell was first printed: a figure printed again is another run's value.
pub fn cells(figures: &[Figure]) -> Vec<Cell> {
    let mut cells: Vec<Cell> = Vec::new();
    for f in figures {
        match cells
            .iter_mut()
            .find(|c| c.case == f.case && c.metric == f.metric && c.unit == f.unit)
        {
            Some(cell) => cell.values.push(f.value),
            None => cells.push(Cell {
                case: f.case.clone(),
                metric: f.metric.clone(),
                unit: f.unit.clone(),
                values: vec![f.value],
            }),
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_lines_are_found_among_other_output() {
        let out = "1000 × 50, median of 11: generate 125.0 ms\n\
            bench-result: {\"bench\":\"generate_once\",\"case\":\"1000 × 50\",\"metric\":\"generate\",\"value\":125.5,\"unit\":\"ms\"}\n\
            some other line mentioning bench-result: in passing\n\
            bench-result: {\"bench\":\"generate_once\",\"case\":\"1000 × 50\",\"metric\":\"ratio\",\"value\":1,\"unit\":\"x\"}\n";
        let (figures, problems) = parse_output(out);
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(figures.len(), 2);
        assert_eq!(figures[0].case, "1000 × 50");
        assert_eq!(figures[0].value, 125.5);
        assert_eq!(figures[1].metric, "ratio");
        assert_eq!(figures[1].value, 1.0);
    }

    #[test]
    fn a_malformed_line_is_reported_and_the_others_kept() {
        let out = "bench-result: {\"bench\":\"decode\",\"case\":\"c\",\"metric\":\"m\",\"value\":\"fast\",\"unit\":\"ms\"}\n\
            bench-result: {not json\n\
            bench-result: {\"bench\":\"decode\",\"case\":\"c\",\"metric\":\"m\",\"value\":2.5}\n\
            bench-result: {\"bench\":\"decode\",\"case\":\"c\",\"metric\":\"m\",\"value\":3,\"unit\":\"ms\"}\n";
        let (figures, problems) = parse_output(out);
        assert_eq!(figures.len(), 1);
        assert_eq!(figures[0].value, 3.0);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].contains("`value` is not a finite number"));
        assert!(problems[1].contains("not JSON"));
        assert!(problems[2].contains("`unit`"));
    }

    #[test]
    fn repeated_figures_become_one_cell_with_their_median() {
        let figure = |case: &str, value| Figure {
            bench: "pacing".into(),
            case: case.into(),
            metric: "writes/s".into(),
            value,
            unit: "/s".into(),
        };
        let cells = cells(&[
            figure("25/s", 24.0),
            figure("250/s", 240.0),
            figure("25/s", 25.0),
            figure("25/s", 23.0),
            figure("250/s", 250.0),
        ]);
        assert_eq!(cells.len(), 2);
        assert_eq!(cells[0].case, "25/s");
        assert_eq!(cells[0].median(), 24.0);
        assert_eq!((cells[0].min(), cells[0].max()), (23.0, 25.0));
        assert_eq!(cells[1].median(), 245.0);
    }
}
