//! The summary the program prints: how many people were scored, changed
//! and unchanged, then the top leads with the reasons for their scores.

use std::fmt::Write as _;

use super::scoring::{Change, Outcome, Scored};

/// The name and company columns' width; longer values are cut with `…`.
const NAME_WIDTH: usize = 24;
const COMPANY_WIDTH: usize = 18;

/// The summary of `outcome` and its `top` highest scores; `dry_run` words
/// the changes as what would be written.
pub fn render(outcome: &Outcome, top: usize, dry_run: bool) -> String {
    let mut out = String::new();
    let changed = if dry_run {
        format!("{} (dry run: nothing written)", outcome.changed())
    } else {
        format!("{} ({} written)", outcome.changed(), outcome.written())
    };
    // Writing to a String cannot fail.
    let _ = writeln!(out, "people scored  {}", outcome.people.len());
    let _ = writeln!(out, "changed        {changed}");
    let _ = writeln!(out, "unchanged      {}", outcome.unchanged());
    if outcome.failed() > 0 {
        let _ = writeln!(out, "failed         {}", outcome.failed());
    }

    let leaders: Vec<&Scored> = outcome.people.iter().take(top).collect();
    if !leaders.is_empty() {
        let _ = writeln!(out, "\ntop {}", leaders.len());
        let _ = writeln!(
            out,
            "{:>5} {:>5}  {:<NAME_WIDTH$}  {:<COMPANY_WIDTH$}  reasons",
            "score", "was", "person", "company"
        );
        for lead in leaders {
            let reasons: Vec<String> = lead
                .score
                .reasons
                .iter()
                .map(|r| format!("{} +{}", r.detail, r.points))
                .collect();
            let _ = writeln!(
                out,
                "{:>5} {:>5}  {:<NAME_WIDTH$}  {:<COMPANY_WIDTH$}  {}",
                lead.score.total,
                lead.previous
                    .map_or_else(|| "-".to_owned(), |p| p.to_string()),
                cut(&lead.name, NAME_WIDTH),
                cut(lead.company.as_deref().unwrap_or("-"), COMPANY_WIDTH),
                if reasons.is_empty() {
                    "-".to_owned()
                } else {
                    reasons.join(", ")
                },
            );
        }
    }

    let failures = outcome.people.iter().filter_map(|p| match &p.change {
        Change::Failed(why) => Some((p, why)),
        _ => None,
    });
    for (person, why) in failures {
        let _ = writeln!(out, "cannot write the score of {}: {why}", person.name);
    }
    out
}

/// `text` in at most `width` characters, cut with `…` when longer.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let kept: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{kept}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lead_scoring::rules::{Reason, Score};
    use attio_runtime::RecordId;

    fn scored(n: u32, name: &str, previous: Option<f64>, change: Change) -> Scored {
        Scored {
            id: RecordId::new(&format!("00000000-0000-4000-8000-{n:012}")).unwrap(),
            name: name.to_owned(),
            company: Some("Acme Robotics".to_owned()),
            previous,
            score: Score {
                total: n,
                reasons: vec![Reason {
                    rule: "seniority",
                    points: n,
                    detail: "executive title “CTO”".to_owned(),
                }],
            },
            change,
        }
    }

    #[test]
    fn the_table_counts_changes_and_lists_the_top_leads_with_reasons() {
        let outcome = Outcome {
            people: vec![
                scored(25, "Ada Lovelace", None, Change::Written),
                scored(
                    20,
                    "A name far too long for its column",
                    Some(20.0),
                    Change::Unchanged,
                ),
                scored(
                    10,
                    "Alan Turing",
                    Some(3.0),
                    Change::Failed("locked".into()),
                ),
            ],
        };
        let text = render(&outcome, 2, false);
        assert!(text.contains("people scored  3\n"), "{text}");
        assert!(text.contains("changed        2 (1 written)\n"), "{text}");
        assert!(text.contains("unchanged      1\n"), "{text}");
        assert!(text.contains("failed         1\n"), "{text}");
        assert!(text.contains("\ntop 2\n"), "{text}");
        assert!(
            text.contains("   25     -  Ada Lovelace              Acme Robotics       executive title “CTO” +25\n"),
            "{text}"
        );
        assert!(text.contains("A name far too long for…"), "{text}");
        assert!(
            !text.contains("Alan Turing  "),
            "only the top 2 are listed: {text}"
        );
        assert!(
            text.contains("cannot write the score of Alan Turing: locked"),
            "{text}"
        );
    }

    #[test]
    fn a_dry_run_says_nothing_was_written() {
        let outcome = Outcome {
            people: vec![scored(25, "Ada Lovelace", None, Change::WouldWrite)],
        };
        let text = render(&outcome, 10, true);
        assert!(
            text.contains("changed        1 (dry run: nothing written)\n"),
            "{text}"
        );
        assert!(!text.contains("failed"), "{text}");
    }
}
