//! "Did you mean" suggestions for misspelt slugs and titles, shared by the
//! derive's compile errors and the generator's configuration errors.

/// Jaro-Winkler similarity above which a candidate is offered.
const THRESHOLD: f64 = 0.8;

/// The candidate closest to `name`, if one is close enough to be a likely
/// typo. A case-insensitive or separator-insensitive match always wins.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let folded = fold(name);
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        let score = if fold(candidate) == folded {
            2.0
        } else {
            strsim::jaro_winkler(&name.to_lowercase(), &candidate.to_lowercase())
        };
        if score >= THRESHOLD && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
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
    fn lists_are_sorted_and_cut() {
        assert_eq!(list(["b", "a", "c"], 5), "`a`, `b`, `c`");
        assert_eq!(list(["b", "a", "c"], 2), "`a`, `b` and 1 more");
    }
}
