//! How api_slugs become Rust identifiers. The generator and the derive use
//! these functions and nothing else, so both agree on every name.
//!
//! Rules:
//! - non-ASCII letters are transliterated (`größe` → `grosse`); other symbols
//!   (emoji, punctuation) separate words;
//! - fields are snake_case, types and variants UpperCamelCase;
//! - a leading digit gets a prefix (`_` for fields, `N` for types);
//! - a Rust keyword gets a `_` suffix (`type` → `type_`);
//! - an empty result becomes `attribute` / `Attribute`;
//! - when several slugs map to one identifier, [`dedupe`] keeps the name for
//!   the slug that equals it (else the slug that sorts first) and suffixes
//!   the others `_2`, `_3`, … in slug order.

use std::collections::BTreeSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Every keyword of Rust 2015–2024, strict and reserved.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Whether `ident` is a Rust keyword (strict, reserved or edition-specific).
pub fn is_keyword(ident: &str) -> bool {
    KEYWORDS.contains(&ident)
}

/// ASCII words of a slug: letters and digits transliterated, everything else
/// (punctuation, emoji) a separator.
fn ascii_words(slug: &str) -> String {
    let mut out = String::with_capacity(slug.len());
    for c in slug.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_alphanumeric() {
            let ascii = deunicode::deunicode_char(c).unwrap_or(" ");
            out.extend(
                ascii
                    .chars()
                    .map(|a| if a.is_ascii_alphanumeric() { a } else { ' ' }),
            );
        } else {
            out.push(' ');
        }
    }
    out
}

fn finish(mut ident: String, empty: &str, digit_prefix: &str) -> String {
    if ident.is_empty() {
        ident = empty.to_owned();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert_str(0, digit_prefix);
    }
    if is_keyword(&ident) {
        ident.push('_');
    }
    ident
}

/// The snake_case field (or setter) name for an attribute slug.
///
/// ```
/// use attio_schema::naming::field_name;
/// assert_eq!(field_name("email_addresses"), "email_addresses");
/// assert_eq!(field_name("type"), "type_");
/// assert_eq!(field_name("2fa-enabled"), "_2fa_enabled");
/// assert_eq!(field_name("Größe"), "grosse");
/// ```
pub fn field_name(slug: &str) -> String {
    finish(ascii_words(slug).to_snake_case(), "attribute", "_")
}

/// The UpperCamelCase type (or enum variant) name for a slug or title.
///
/// ```
/// use attio_schema::naming::type_name;
/// assert_eq!(type_name("sales_pipeline"), "SalesPipeline");
/// assert_eq!(type_name("3d printers"), "N3dPrinters");
/// assert_eq!(type_name("Won 🎉"), "Won");
/// assert_eq!(type_name("11-50"), "N11_50");
/// ```
pub fn type_name(slug: &str) -> String {
    // Words are joined as UpperCamelCase, except that two numbers stay
    // apart (`1-10` → `N1_10`, not `N110`); an underscore between digits is
    // still UpperCamelCase to rustc.
    let mut name = String::new();
    for word in ascii_words(slug).split(' ').filter(|w| !w.is_empty()) {
        let word = word.to_upper_camel_case();
        if name.ends_with(|c: char| c.is_ascii_digit())
            && word.starts_with(|c: char| c.is_ascii_digit())
        {
            name.push('_');
        }
        name.push_str(&word);
    }
    finish(name, "Attribute", "N")
}

/// The SCREAMING_SNAKE_CASE name of an attribute constant, derived from its
/// field name (so it is unique whenever the field names are).
///
/// ```
/// use attio_schema::naming::const_name;
/// assert_eq!(const_name("email_addresses"), "EMAIL_ADDRESSES");
/// assert_eq!(const_name("_2fa_enabled"), "_2FA_ENABLED");
/// assert_eq!(const_name("type_"), "TYPE_");
/// ```
pub fn const_name(field: &str) -> String {
    let mut name = field.to_shouty_snake_case();
    // heck drops leading and trailing underscores, which carry meaning here.
    if field.starts_with('_') {
        name.insert(0, '_');
    }
    if field.ends_with('_') {
        name.push('_');
    }
    if name.trim_matches('_').is_empty() {
        name = "ATTRIBUTE".to_owned();
    }
    name
}

/// A crude English singular, used to name option enums after plural slugs
/// (`categories` → `category`). Words it is unsure of are left alone.
///
/// ```
/// use attio_schema::naming::singular;
/// assert_eq!(singular("categories"), "category");
/// assert_eq!(singular("stages"), "stage");
/// assert_eq!(singular("status"), "status");
/// assert_eq!(singular("addresses"), "address");
/// ```
pub fn singular(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if let Some(stem) = word.strip_suffix("ies").filter(|s| !s.is_empty()) {
        return format!("{stem}y");
    }
    for suffix in ["sses", "shes", "ches", "xes", "zes"] {
        if lower.ends_with(suffix) {
            return word[..word.len() - 2].to_owned();
        }
    }
    if lower.ends_with('s')
        && !["ss", "us", "is", "os", "as"]
            .iter()
            .any(|keep| lower.ends_with(keep))
        && word.len() > 1
    {
        return word[..word.len() - 1].to_owned();
    }
    word.to_owned()
}

/// Makes names unique within one scope (the fields of a struct, the types
/// of a file, the variants of an enum).
///
/// `items` are `(sort_key, name)` pairs, typically `(api_slug, field_name(api_slug))`.
/// The result has one name per item, in the input order. A name is kept by
/// the item whose sort key is the name itself, if any, else by the item
/// with the smallest sort key among those that share it; the others
/// get the first free `_2`, `_3`, … suffix (`2`, `3` … for UpperCamelCase
/// names). The result does not depend on the input order.
pub fn dedupe(items: &[(&str, String)]) -> Vec<String> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    // A slug that is already its own name (`deal_value`) keeps it before
    // any slug that only converts to it (`dealValue`).
    let inexact = |i: usize| items[i].0 != items[i].1;
    order.sort_by(|&a, &b| (inexact(a), items[a].0, a).cmp(&(inexact(b), items[b].0, b)));

    let mut taken: BTreeSet<String> = items.iter().map(|(_, n)| n.clone()).collect();
    let mut claimed: BTreeSet<&str> = BTreeSet::new();
    let mut result = vec![String::new(); items.len()];
    for index in order {
        let name = &items[index].1;
        if claimed.insert(name.as_str()) {
            result[index] = name.clone();
            continue;
        }
        let camel = name.starts_with(|c: char| c.is_ascii_uppercase());
        let separator = if camel { "" } else { "_" };
        let base = name.trim_end_matches('_');
        let mut n = 2;
        let unique = loop {
            let candidate = format!("{base}{separator}{n}");
            if !taken.contains(&candidate) {
                break candidate;
            }
            n += 1;
        };
        taken.insert(unique.clone());
        result[index] = unique;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn is_valid_ident(s: &str) -> bool {
        let mut chars = s.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        (first == '_' || first.is_ascii_alphabetic())
            && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
            && s != "_"
            && !is_keyword(s)
    }

    #[test]
    fn keywords_get_a_suffix() {
        for kw in ["type", "self", "crate", "async", "match", "yield", "gen"] {
            assert_eq!(field_name(kw), format!("{kw}_"));
        }
        assert_eq!(type_name("self"), "Self_");
    }

    #[test]
    fn leading_digits_get_a_prefix() {
        assert_eq!(field_name("123"), "_123");
        assert_eq!(type_name("1-10 employees"), "N1_10Employees");
        assert_eq!(type_name("$1M-$10M"), "N1m10m");
    }

    #[test]
    fn slugs_with_nothing_usable_get_a_placeholder() {
        assert_eq!(field_name("🎉"), "attribute");
        assert_eq!(type_name("---"), "Attribute");
    }

    #[test]
    fn colliding_slugs_are_told_apart_deterministically() {
        let slugs = ["deal_value", "dealValue", "deal-value"];
        let items: Vec<(&str, String)> = slugs.iter().map(|s| (*s, field_name(s))).collect();
        let names = dedupe(&items);
        assert_eq!(names, ["deal_value", "deal_value_3", "deal_value_2"]);
        let mut reversed = items.clone();
        reversed.reverse();
        let mut again = dedupe(&reversed);
        again.reverse();
        assert_eq!(again, names);
    }

    #[test]
    fn a_suffix_never_takes_a_natural_name() {
        let items = vec![
            ("a", "x".to_owned()),
            ("b", "x".to_owned()),
            ("c", "x_2".to_owned()),
        ];
        assert_eq!(dedupe(&items), ["x", "x_3", "x_2"]);
    }

    #[test]
    fn const_names_follow_field_names() {
        assert_eq!(const_name("name"), "NAME");
        assert_eq!(const_name("deal_value_2"), "DEAL_VALUE_2");
    }

    proptest! {
        #[test]
        fn any_slug_yields_valid_identifiers(slug in "\\PC{0,24}") {
            let field = field_name(&slug);
            prop_assert!(is_valid_ident(&field), "field {field:?} from {slug:?}");
            let ty = type_name(&slug);
            prop_assert!(is_valid_ident(&ty), "type {ty:?} from {slug:?}");
            let konst = const_name(&field);
            prop_assert!(is_valid_ident(&konst), "const {konst:?} from {slug:?}");
        }

        #[test]
        fn fields_of_one_struct_never_collide(
            slugs in proptest::collection::btree_set("[a-zA-Z0-9_ -]{0,6}|\\PC{0,4}|type|self|1x", 0..40)
        ) {
            let items: Vec<(&str, String)> = slugs.iter().map(|s| (s.as_str(), field_name(s))).collect();
            let names = dedupe(&items);
            let unique: BTreeSet<&String> = names.iter().collect();
            prop_assert_eq!(unique.len(), names.len());
            let consts: BTreeSet<String> = names.iter().map(|n| const_name(n)).collect();
            prop_assert_eq!(consts.len(), names.len());
            for n in &names {
                prop_assert!(is_valid_ident(n), "{n:?}");
            }
        }
    }
}
