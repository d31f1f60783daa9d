//! `/metrics`: the fleet's state in Prometheus' text format, per
//! workspace, beside the process's own client metrics (the runtime's
//! `metrics` feature, as form-intake serves them).
//!
//! The per-workspace figures are read from PostgreSQL at each scrape
//! (`Scheduler::status`, `Inbox::backlog`), not counted in this process: a
//! workspace's work runs in whichever worker holds its lease, so only the
//! database has the fleet's totals, and any replica answers alike. Attio's
//! workspace ids are UUIDs, so a label needs no escaping beyond the
//! format's rule, applied anyway.

use std::fmt::Write as _;

use attio_fleet::WorkStatus;

/// One family: its help, type, and a sample per workspace.
struct Family {
    name: &'static str,
    kind: &'static str,
    help: &'static str,
    value: fn(&WorkStatus) -> Option<f64>,
}

const FAMILIES: &[Family] = &[
    Family {
        name: "saas_fleet_workspace_connected",
        kind: "gauge",
        help: "1 while the workspace's installation is connected, 0 once disconnected.",
        value: |w| Some(f64::from(u8::from(w.connected))),
    },
    Family {
        name: "saas_fleet_workspace_pending",
        kind: "gauge",
        help: "1 while a sync of the workspace is requested and not done.",
        value: |w| Some(f64::from(u8::from(w.pending))),
    },
    Family {
        name: "saas_fleet_workspace_runs_total",
        kind: "counter",
        help: "Leases run for the workspace (a slice of work each).",
        value: |w| Some(w.runs as f64),
    },
    Family {
        name: "saas_fleet_workspace_failures_total",
        kind: "counter",
        help: "The workspace's jobs that ended in an error.",
        value: |w| Some(w.failures as f64),
    },
    Family {
        name: "saas_fleet_workspace_takeovers_total",
        kind: "counter",
        help: "The workspace's leases taken over from a worker that stopped heartbeating.",
        value: |w| Some(w.takeovers as f64),
    },
    Family {
        name: "saas_fleet_workspace_rate_limited_total",
        kind: "counter",
        help: "429s the workspace's clients met.",
        value: |w| Some(w.rate_limited as f64),
    },
    Family {
        name: "saas_fleet_workspace_seconds_since_last_sync",
        kind: "gauge",
        help: "Seconds since the workspace's last sync finished (absent before the first).",
        value: |w| w.seconds_since_last_sync,
    },
];

/// The fleet's families for `work`, and each workspace's inbox backlog
/// (deliveries stored and not processed; 0 for a workspace not listed).
pub fn render(work: &[WorkStatus], backlog: &[(String, i64)]) -> String {
    let mut text = String::new();
    for family in FAMILIES {
        header(&mut text, family.name, family.kind, family.help);
        for w in work {
            if let Some(value) = (family.value)(w) {
                sample(&mut text, family.name, &w.workspace_id, value);
            }
        }
    }
    let name = "saas_fleet_workspace_inbox_backlog";
    header(
        &mut text,
        name,
        "gauge",
        "Webhook deliveries of the workspace stored and not yet processed.",
    );
    for w in work {
        let waiting = backlog
            .iter()
            .find(|(id, _)| *id == w.workspace_id)
            .map_or(0, |(_, n)| *n);
        sample(&mut text, name, &w.workspace_id, waiting as f64);
    }
    text
}

fn header(text: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(text, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

fn sample(text: &mut String, name: &str, workspace_id: &str, value: f64) {
    let label = workspace_id
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    let _ = writeln!(text, "{name}{{workspace_id=\"{label}\"}} {value}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace(id: &str, runs: i64, last: Option<f64>) -> WorkStatus {
        WorkStatus {
            workspace_id: id.into(),
            workspace_name: "Acme".into(),
            connected: true,
            pending: false,
            holder: None,
            seconds_since_last_sync: last,
            runs,
            failures: 0,
            takeovers: 1,
            rate_limited: 2,
            last_error: None,
        }
    }

    #[test]
    fn each_workspace_has_a_sample_in_each_family() {
        let work = [workspace("a", 3, Some(1.5)), workspace("b", 1, None)];
        let text = render(&work, &[("b".into(), 7)]);
        for line in [
            "# TYPE saas_fleet_workspace_runs_total counter",
            "saas_fleet_workspace_runs_total{workspace_id=\"a\"} 3",
            "saas_fleet_workspace_runs_total{workspace_id=\"b\"} 1",
            "saas_fleet_workspace_connected{workspace_id=\"a\"} 1",
            "saas_fleet_workspace_takeovers_total{workspace_id=\"b\"} 1",
            "saas_fleet_workspace_rate_limited_total{workspace_id=\"a\"} 2",
            "saas_fleet_workspace_seconds_since_last_sync{workspace_id=\"a\"} 1.5",
            "saas_fleet_workspace_inbox_backlog{workspace_id=\"a\"} 0",
            "saas_fleet_workspace_inbox_backlog{workspace_id=\"b\"} 7",
        ] {
            assert!(
                text.lines().any(|l| l == line),
                "{line:?} missing from\n{text}"
            );
        }
        // No sync yet: no sample, rather than a made-up 0.
        assert!(!text.contains("seconds_since_last_sync{workspace_id=\"b\"}"));
    }

    #[test]
    fn a_label_value_is_escaped() {
        let text = render(&[workspace("a\"b\\c", 1, None)], &[]);
        assert!(text.contains("{workspace_id=\"a\\\"b\\\\c\"} 1"), "{text}");
    }
}
