//! "Did you mean" suggestions for misspelt slugs and titles, shared by the
//! derive's compile errors and the generator's configuration errors.

/// Jaro-Winkler similarity above which a candidate is offered.
const THRESHOLD: f64 = 0.8;

/// The candidate closest to `name`, if one is close enough to be a likely
/// typo. See [`closest_fitting`] for the ranking.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest_fitting(name, candidates, |_| false)
}

/// The candidate closest to `name`, ranked: a case-insensitive match first
/// (`Job_Title` → `job_title`), then one equal once `_`, `-` and spaces
/// are ignored too (`jobtitle` → `job_title`), then the most similar
/// spelling (Jaro-Winkler, at least 0.8). Ties go to a candidate that
/// `fits` (say, whose attribute type can hold the field's Rust type), then
/// to the first slug in alphabetical order, so that neither the order of
/// the snapshot nor that of `candidates` decides.
pub fn closest_fitting<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    fits: impl Fn(&str) -> bool,
) -> Option<&'a str> {
    let lower = name.to_lowercase();
    let folded = fold(name);
    // Lower is better in every component but the similarity.
    let rank = |candidate: &str| -> Option<(u8, f64, bool)> {
        let (tier, similarity) = if candidate.to_lowercase() == lower {
            (0, 1.0)
        } else if fold(candidate) == folded {
            (1, 1.0)
        } else {
            let similarity = strsim::jaro_winkler(&lower, &candidate.to_lowercase());
            if similarity < THRESHOLD {
                return None;
            }
            (2, similarity)
        };
        Some((tier, similarity, !fits(candidate)))
    };
    candidates
        .into_iter()
        .filter_map(|c| rank(c).map(|r| (r, c)))
        .min_by(
            |((tier_a, sim_a, misfit_a), a), ((tier_b, sim_b, misfit_b), b)| {
                tier_a
                    .cmp(tier_b)
                    .then(sim_b.total_cmp(sim_a))
                    .then(misfit_a.cmp(misfit_b))
                    .then(a.cmp(b))
            },
        )
        .map(|(_, candidate)| candidate)
}

/// `"; did you mean `x`?"`, or an empty string when nothing is close.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(name, candidates)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

/// Lower case without `_`, `-` and spaces: `Email-Addresses` ≈ `email_addresses`.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A short, sorted list of names for an error message: `` `a`, `b`, `c` ``,
/// cut after `max` names.
pub fn list<'a>(names: impl IntoIterator<Item = &'a str>, max: usize) -> String {
    let mut names: Vec<&str> = names.into_iter().collect();
    names.sort_unstable();
    names.dedup();
    let shown: Vec<String> = names.iter().take(max).map(|n| format!("`{n}`")).collect();
    let mut out = shown.join(", ");
    if names.len() > max {
        out.push_str(&format!(" and {} more", names.len() - max));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SLUGS: &[&str] = &["email_addresses", "name", "job_title", "avatar_url"];

    #[test]
    fn suggests_the_nearest_slug() {
        assert_eq!(
            closest("email_adresses", SLUGS.iter().copied()),
            Some("email_addresses")
        );
        assert_eq!(
            closest("job_titel", SLUGS.iter().copied()),
            Some("job_title")
        );
    }

    #[test]
    fn case_and_separators_do_not_matter() {
        assert_eq!(
            closest("Email-Addresses", SLUGS.iter().copied()),
            Some("email_addresses")
        );
        assert_eq!(closest("b2b", ["B2B", "B2C"]), Some("B2B"));
    }

    #[test]
    fn nothing_close_means_no_suggestion() {
        assert_eq!(closest("revenue", SLUGS.iter().copied()), None);
        assert_eq!(did_you_mean("revenue", SLUGS.iter().copied()), "");
        assert_eq!(
            did_you_mean("nam", SLUGS.iter().copied()),
            "; did you mean `name`?"
        );
    }

    #[test]
    fn an_exact_match_but_for_case_ranks_above_one_but_for_separators() {
        // Whatever the order of the candidates.
        for candidates in [["job-title", "Job_Title"], ["Job_Title", "job-title"]] {
            assert_eq!(closest("job_title", candidates), Some("Job_Title"));
        }
        // Then separators alone, above any spelling.
        assert_eq!(
            closest("jobtitle", ["job_titles", "job_title"]),
            Some("job_title")
        );
    }

    #[test]
    fn ties_go_to_the_candidate_that_fits_then_to_the_first_slug() {
        let candidates = ["email-address", "email_address"];
        for fitting in candidates {
            assert_eq!(
                closest_fitting("emailaddress", candidates, |c| c == fitting),
                Some(fitting)
            );
        }
        // Nothing fits: alphabetical, not the order given.
        assert_eq!(
            closest("emailaddress", ["email_address", "email-address"]),
            Some("email-address")
        );
        // Fitting never beats a closer tier.
        assert_eq!(
            closest_fitting("email_address", candidates, |c| c == "email-address"),
            Some("email_address")
        );
    }

    #[test]
    fn lists_are_sorted_and_cut() {
        assert_eq!(list(["b", "a", "c"], 5), "`a`, `b`, `c`");
        assert_eq!(list(["b", "a", "c"], 2), "`a`, `b` and 1 more");
    }
}
