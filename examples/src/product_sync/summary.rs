//! The summary of a run: per object what became of its rows, what the run
//! cost in requests, and the write rate it achieved against the limit.

use std::fmt;
use std::time::Duration;

use attio_runtime::sync::Report;

/// How many of the problems a summary lists; the rest are counted (the
/// sync's failures are all in the dead-letter file).
const PROBLEMS_SHOWN: usize = 10;

/// The fewest writes over which the write rate is compared with the limit.
/// A run's first write goes at once, so N writes take N − 1 intervals of
/// the pacer: under 50 writes that alone overstates the rate by over 2 %,
/// and a handful of writes says nothing of the pacing ("1.793 of the
/// limit").
pub const MIN_WRITES_TO_MEASURE: u64 = 50;

/// `1 write`, `2 writes`.
fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What became of one object's rows.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectSummary {
    /// The object, as the table shows it (`people`).
    pub object: &'static str,
    /// The sync's counts over the rows that became writes.
    pub report: Report,
    /// Rows that never became a write: invalid source data, or nothing to
    /// link to.
    pub rejected: u64,
}

impl ObjectSummary {
    /// Rows in all.
    pub fn rows(&self) -> u64 {
        self.report.done + self.rejected
    }

    /// Rows not in Attio as the product has them: failed writes and
    /// rejected rows.
    pub fn failed(&self) -> u64 {
        self.report.failed + self.rejected
    }
}

/// The summary of a run, its `Display` a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// One per object, in the order they were synced.
    pub objects: Vec<ObjectSummary>,
    /// From the first write to the last outcome.
    pub wall_time: Duration,
    /// The client's write limit, per second.
    pub write_limit: f64,
    /// What went wrong, one line each.
    pub problems: Vec<String>,
}

impl Summary {
    /// The sum of every object's counts.
    pub fn total(&self) -> ObjectSummary {
        let mut total = ObjectSummary {
            object: "total",
            report: Report::default(),
            rejected: 0,
        };
        for object in &self.objects {
            let (sum, one) = (&mut total.report, &object.report);
            sum.done += one.done;
            sum.created += one.created;
            sum.updated += one.updated;
            sum.unchanged += one.unchanged;
            sum.failed += one.failed;
            sum.retryable += one.retryable;
            sum.requests += one.requests;
            sum.writes += one.writes;
            sum.rate_limited += one.rate_limited;
            sum.retries += one.retries;
            sum.elapsed += one.elapsed;
            total.rejected += object.rejected;
        }
        total
    }

    /// The counts of `object`, if it was synced.
    pub fn object(&self, object: &str) -> Option<&ObjectSummary> {
        self.objects.iter().find(|o| o.object == object)
    }

    /// Writes sent per second of wall time.
    pub fn writes_per_second(&self) -> f64 {
        let seconds = self.wall_time.as_secs_f64();
        if seconds > 0.0 {
            self.total().report.writes as f64 / seconds
        } else {
            0.0
        }
    }

    /// [`writes_per_second`](Self::writes_per_second) as a share of the
    /// limit; `None` when the limit is not finite or the run is too short
    /// to measure (fewer than [`MIN_WRITES_TO_MEASURE`] writes).
    pub fn fraction_of_limit(&self) -> Option<f64> {
        (self.limit_is_finite() && self.total().report.writes >= MIN_WRITES_TO_MEASURE)
            .then(|| self.writes_per_second() / self.write_limit)
    }

    fn limit_is_finite(&self) -> bool {
        self.write_limit.is_finite() && self.write_limit > 0.0
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<17}{:>7}{:>9}{:>9}{:>11}{:>8}{:>10}{:>6}{:>9}",
            "object",
            "rows",
            "created",
            "updated",
            "unchanged",
            "failed",
            "requests",
            "429s",
            "time"
        )?;
        let total = self.total();
        for row in self.objects.iter().chain([&total]) {
            let report = &row.report;
            let time = if row.object == "total" {
                self.wall_time
            } else {
                report.elapsed
            };
            writeln!(
                f,
                "{:<17}{:>7}{:>9}{:>9}{:>11}{:>8}{:>10}{:>6}{:>7.1} s",
                row.object,
                row.rows(),
                report.created,
                report.updated,
                report.unchanged,
                row.failed(),
                report.requests,
                report.rate_limited,
                time.as_secs_f64(),
            )?;
        }
        let writes = total.report.writes;
        match self.fraction_of_limit() {
            Some(fraction) => write!(
                f,
                "{writes} writes in {:.1} s: {:.1} writes/s, {:.3} of the limit ({}/s)",
                self.wall_time.as_secs_f64(),
                self.writes_per_second(),
                fraction,
                self.write_limit,
            )?,
            None if writes == 0 && total.failed() == 0 => {
                write!(f, "no writes: nothing changed since the last run")?
            }
            None if writes == 0 => write!(f, "no writes")?,
            None if self.limit_is_finite() => write!(
                f,
                "{} in {:.1} s: too few to measure the rate against the limit ({}/s)",
                plural(writes, "write", "writes"),
                self.wall_time.as_secs_f64(),
                self.write_limit,
            )?,
            None => write!(
                f,
                "{writes} writes in {:.1} s",
                self.wall_time.as_secs_f64()
            )?,
        }
        for problem in self.problems.iter().take(PROBLEMS_SHOWN) {
            write!(f, "\n  {problem}")?;
        }
        if self.problems.len() > PROBLEMS_SHOWN {
            write!(f, "\n  … and {} more", self.problems.len() - PROBLEMS_SHOWN)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(created: u64, unchanged: u64, failed: u64, seconds: u64) -> Report {
        let mut report = Report::default();
        report.done = created + unchanged + failed;
        report.created = created;
        report.unchanged = unchanged;
        report.failed = failed;
        report.writes = created + failed;
        report.requests = created + failed + 1;
        report.elapsed = Duration::from_secs(seconds);
        report
    }

    fn summary(wall_seconds: u64) -> Summary {
        Summary {
            objects: vec![
                ObjectSummary {
                    object: "companies",
                    report: report(8, 2, 0, 1),
                    rejected: 1,
                },
                ObjectSummary {
                    object: "people",
                    report: report(40, 0, 2, 2),
                    rejected: 0,
                },
            ],
            wall_time: Duration::from_secs(wall_seconds),
            write_limit: 25.0,
            problems: vec![
                "user user_00001: role `boss` is not one of owner, admin, member".into(),
            ],
        }
    }

    #[test]
    fn totals_add_up_the_objects_and_failures_include_rejected_rows() {
        let summary = summary(2);
        let total = summary.total();
        assert_eq!(total.rows(), 53);
        assert_eq!(total.report.created, 48);
        assert_eq!(total.failed(), 3);
        assert_eq!(total.report.writes, 50);
        assert_eq!(total.report.requests, 52);
        assert_eq!(summary.object("companies").unwrap().rows(), 11);
    }

    #[test]
    fn the_write_rate_is_over_wall_time_against_the_limit() {
        let summary = summary(4);
        assert_eq!(summary.writes_per_second(), 12.5);
        assert_eq!(summary.fraction_of_limit(), Some(0.5));
        let text = summary.to_string();
        assert!(
            text.contains("50 writes in 4.0 s: 12.5 writes/s, 0.500 of the limit (25/s)"),
            "{text}"
        );
        assert!(text.contains("role `boss`"), "{text}");
        assert!(
            text.lines()
                .any(|l| l.starts_with("total") && l.contains(" 53 ")),
            "{text}"
        );
    }

    #[test]
    fn a_run_too_short_to_measure_says_so_instead_of_a_ratio() {
        let mut summary = summary(1);
        summary.objects.truncate(1);
        summary.objects[0].report = report(3, 0, 0, 0);
        summary.wall_time = Duration::from_millis(67);
        assert_eq!(summary.fraction_of_limit(), None);
        let text = summary.to_string();
        assert!(
            text.contains(
                "3 writes in 0.1 s: too few to measure the rate against the limit (25/s)"
            ),
            "{text}"
        );
        assert!(!text.contains("of the limit ("), "{text}");
        summary.objects[0].report = report(1, 0, 0, 0);
        assert!(summary.to_string().contains("1 write in"), "{summary}");
    }

    #[test]
    fn a_run_without_writes_says_nothing_changed() {
        let mut summary = summary(1);
        for object in &mut summary.objects {
            object.report = report(0, 10, 0, 0);
            object.rejected = 0;
        }
        assert_eq!(summary.fraction_of_limit(), None);
        assert!(summary.to_string().contains("no writes: nothing changed"));
        summary.wall_time = Duration::ZERO;
        assert_eq!(summary.writes_per_second(), 0.0);
    }
}
