//! A terminal progress bar over a sync's progress callback (feature
//! `progress`, built on `indicatif`).

use indicatif::{ProgressBar, ProgressStyle};

use super::outcome::Report;

/// A bar on stderr for [`BulkSync::on_progress`](super::BulkSync::on_progress):
/// position and total, rate, and the counts per outcome. Hidden when stderr
/// is not a terminal (indicatif's rule), so logs of a scheduled job stay clean.
///
/// ```no_run
/// # async fn run(client: &attio_runtime::Client) {
/// use attio_runtime::sync::{progress_bar, BulkSync};
///
/// let (bar, on_progress) = progress_bar();
/// let sync = BulkSync::new(client).on_progress(on_progress);
/// // … sync.upsert(…).await …
/// bar.finish();
/// # }
/// ```
pub fn progress_bar() -> (ProgressBar, impl Fn(&Report) + Send + Sync + 'static) {
    let bar = ProgressBar::no_length();
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} ({per_sec}) {msg}",
    )
    // The template is a constant; were it ever wrong, the default style is
    // a bar all the same.
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    let handle = bar.clone();
    let on_progress = move |report: &Report| {
        if let Some(total) = report.total {
            handle.set_length(total);
        }
        handle.set_position(report.done);
        handle.set_message(format!(
            "{} created · {} updated · {} unchanged · {} failed · {} rate-limited",
            report.created, report.updated, report.unchanged, report.failed, report.rate_limited
        ));
    };
    (bar, on_progress)
}
