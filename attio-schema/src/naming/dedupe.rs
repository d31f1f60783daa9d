//! [`dedupe`]: one name per item of a scope, where a name that several
//! items share gets a suffix saying what sets each of the others apart.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;

use super::words::{char_words, Casing};

/// At most this many characters name what sets an item apart: enough to
/// tell `a.b-c` from `a_b_c`, short enough to stay a name.
const MAX_DISTINCT_CHARS: usize = 2;

/// Makes names unique within one scope (the fields of a struct, the types
/// of a file, the variants of an enum).
///
/// `items` are `(key, name)` pairs, typically `(api_slug, field_name(api_slug))`
/// or `(title, type_name(title))`. The result has one name per item, in the
/// input order, and does not depend on that order:
///
/// - a name is kept by the item whose key is the name itself, if any, else
///   by the item with the smallest key among those that share it;
/// - each other item gets a suffix of words naming what its key has and the
///   keeper's has not: its punctuation and other symbols, its non-ASCII
///   letters (at most two characters, in the order they appear; a space
///   only when nothing else differs), then its casing when that differs (`lower`, `camel`, `capitalized`, `upper`):
///   `mrr-usd` → `mrr_usd_hyphen`, `dealValue` → `deal_value_camel`,
///   "Next–FY" → `NextFyEnDash`;
/// - when nothing sets it apart, or the suffixed name is taken too, the
///   first free number is added ([`numbered`]).
///
/// ```
/// use attio_schema::naming::{dedupe, field_name};
///
/// let slugs = ["mrr-usd", "mrr_usd", "MRR_USD"];
/// let items: Vec<(&str, String)> = slugs.iter().map(|s| (*s, field_name(s))).collect();
/// assert_eq!(dedupe(&items), ["mrr_usd_hyphen", "mrr_usd", "mrr_usd_upper"]);
/// ```
pub fn dedupe(items: &[(&str, String)]) -> Vec<String> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    // A key that is already its own name (`deal_value`) keeps it before
    // any key that only converts to it (`dealValue`).
    let inexact = |i: usize| items[i].0 != items[i].1;
    order.sort_by(|&a, &b| (inexact(a), items[a].0, a).cmp(&(inexact(b), items[b].0, b)));

    // Every natural name is reserved up front, so that a suffix never takes
    // the name another item has without one.
    let mut taken: BTreeSet<String> = items.iter().map(|(_, n)| n.clone()).collect();
    let mut keepers: BTreeMap<&str, usize> = BTreeMap::new();
    let mut result = vec![String::new(); items.len()];
    for index in order {
        let (key, name) = (items[index].0, items[index].1.as_str());
        let Some(&keeper) = keepers.get(name) else {
            keepers.insert(name, index);
            result[index] = name.to_owned();
            continue;
        };
        let words = distinction(items[keeper].0, key);
        let base = if words.is_empty() {
            None
        } else {
            Some(with_words(name, &words))
        };
        let unique = match base {
            Some(suffixed) if !taken.contains(&suffixed) => suffixed,
            Some(suffixed) => first_free(&suffixed, &taken),
            None => first_free(name, &taken),
        };
        taken.insert(unique.clone());
        result[index] = unique;
    }
    result
}

/// `name` with the number `n` added, kept apart from a trailing digit so
/// that it cannot be misread as part of it: `deal_value_2`, `NextFy2`,
/// but `Tier1_2` (not `Tier12`). A keyword's `_` suffix is dropped first
/// (`type_` → `type_2`), the number being enough to avoid the keyword.
///
/// ```
/// use attio_schema::naming::numbered;
/// assert_eq!(numbered("deal_value", 2), "deal_value_2");
/// assert_eq!(numbered("NextFy", 2), "NextFy2");
/// assert_eq!(numbered("Tier1", 2), "Tier1_2");
/// assert_eq!(numbered("type_", 3), "type_3");
/// ```
pub fn numbered(name: &str, n: usize) -> String {
    let base = stem(name);
    let apart = !is_camel(name) || base.ends_with(|c: char| c.is_ascii_digit());
    let separator = if apart { "_" } else { "" };
    format!("{base}{separator}{n}")
}

/// The first of `name_2`, `name_3`, … ([`numbered`]) that is not taken.
fn first_free(name: &str, taken: &BTreeSet<String>) -> String {
    (2..)
        .map(|n| numbered(name, n))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or_else(|| name.to_owned())
}

/// `name` followed by `words`, in the name's case: `mrr_usd_hyphen`,
/// `NextFyEnDash`.
fn with_words(name: &str, words: &[String]) -> String {
    let base = stem(name);
    if is_camel(name) {
        format!("{base}{}", words.join(" ").to_upper_camel_case())
    } else {
        format!("{base}_{}", words.join("_"))
    }
}

/// The words for what `other` has and `keeper` has not: the names of its
/// characters the keeper lacks (ASCII letters and digits aside, since
/// both names are spelled from those), then its casing if it differs.
fn distinction(keeper: &str, other: &str) -> Vec<String> {
    let lacking: BTreeSet<char> = keeper.chars().flat_map(char::to_lowercase).collect();
    let mut seen = BTreeSet::new();
    let mut distinct: Vec<char> = other
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_ascii_alphanumeric() && !lacking.contains(c))
        .filter(|c| seen.insert(*c))
        .collect();
    // A space is worth naming only when it is all there is ("Tier 1" beside
    // "Tier1"); beside a symbol it is only what sets the symbol off
    // ("Won 🎉" beside "Won").
    if distinct.iter().any(|c| !c.is_whitespace()) {
        distinct.retain(|c| !c.is_whitespace());
    }
    let mut words: Vec<String> = distinct
        .into_iter()
        .filter_map(char_words)
        .take(MAX_DISTINCT_CHARS)
        .flatten()
        .collect();
    let casing = Casing::of(other);
    if casing != Casing::of(keeper) {
        words.push(casing.word().to_owned());
    }
    words
}

/// A name without the `_` that keeps it off a keyword.
fn stem(name: &str) -> &str {
    match name.trim_end_matches('_') {
        "" => name,
        stem => stem,
    }
}

fn is_camel(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
}
