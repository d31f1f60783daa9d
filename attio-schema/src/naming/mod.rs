//! How api_slugs and option titles become Rust identifiers. The generator
//! and the derive use these functions and nothing else, so both agree on
//! every name.
//!
//! # Rules
//!
//! - Fields are snake_case ([`field_name`]), types and variants
//!   UpperCamelCase ([`type_name`]), constants SCREAMING_SNAKE_CASE, spelled
//!   from the field name ([`const_name`]) so that they are unique whenever
//!   the fields are.
//! - Non-ASCII letters are transliterated (`größe` → `grosse`); other
//!   symbols (emoji, punctuation) separate words (`Won 🎉` → `Won`).
//! - A name with no letter or digit at all is spelled from the names of
//!   its symbols (`—` → `em_dash`, `!!!` → `exclamation`), and an empty
//!   one is `attribute` / `Attribute`.
//! - A leading digit gets an `n` prefix, `N` for types and constants alike
//!   (`3d_model_url` → `n3d_model_url`, `N3dModelUrl`, `N3D_MODEL_URL`): a
//!   leading `_` would tell a Rust reader the field is unused.
//! - A Rust keyword gets a `_` suffix (`type` → `type_`).
//! - When several slugs or titles map to one name, [`dedupe`] leaves it to
//!   the one that equals it (else the one that sorts first) and suffixes
//!   each other with what sets it apart: its punctuation, symbols or
//!   non-ASCII letters, then its casing (`mrr-usd` → `mrr_usd_hyphen`,
//!   `dealValue` → `deal_value_camel`). Only when nothing sets it apart is
//!   a number added, kept apart from a trailing digit (`Tier1_2`); see
//!   [`numbered`]. The generator says which names got a suffix, and a
//!   `[rename]` in `attio-codegen.toml` gives a field or struct the name
//!   one prefers.
//!
//! ## Chinese, Japanese and Korean
//!
//! Han characters are transliterated by one table for all of CJK, with
//! their Mandarin reading: `日本語` becomes `RiBenYu`, not the Japanese
//! `Nihongo`. A slug or title carries no language, and reading kanji the
//! Japanese way takes a dictionary and a morphological analyser (tens of
//! megabytes, and still a guess for names), too much for a name a
//! `[rename]` can fix. Kana and Hangul have one reading and come out as a
//! Japanese or Korean reader expects (`ひらがな` → `Hiragana`).
//!
//! # Examples
//!
//! | slug or title | field | type or variant | constant |
//! |---|---|---|---|
//! | `email_addresses` (plain) | `email_addresses` | `EmailAddresses` | `EMAIL_ADDRESSES` |
//! | `dealValue` (camelCase) | `deal_value` | `DealValue` | `DEAL_VALUE` |
//! | `type` (keyword) | `type_` | `Type` | `TYPE_` |
//! | `self` (keyword) | `self_` | `Self_` | `SELF_` |
//! | `3d_model_url` (leading digit) | `n3d_model_url` | `N3dModelUrl` | `N3D_MODEL_URL` |
//! | `3pl_partners` (leading digit) | `n3pl_partners` | `N3plPartners` | `N3PL_PARTNERS` |
//! | `11-50` (two numbers) | `n11_50` | `N11_50` | `N11_50` |
//! | `größe` (non-ASCII letters) | `grosse` | `Grosse` | `GROSSE` |
//! | `Won 🎉` (emoji) | `won` | `Won` | `WON` |
//! | `🎉` (emoji only) | `party_popper` | `PartyPopper` | `PARTY_POPPER` |
//! | `—` (punctuation only) | `em_dash` | `EmDash` | `EM_DASH` |
//! | `!!!` (punctuation only) | `exclamation` | `Exclamation` | `EXCLAMATION` |
//! | `日本語` (CJK) | `ri_ben_yu` | `RiBenYu` | `RI_BEN_YU` |
//! | `""` (empty) | `attribute` | `Attribute` | `ATTRIBUTE` |
//!
//! ```
//! use attio_schema::naming::{const_name, field_name, type_name};
//!
//! for (slug, field, ty, konst) in [
//!     ("email_addresses", "email_addresses", "EmailAddresses", "EMAIL_ADDRESSES"),
//!     ("dealValue", "deal_value", "DealValue", "DEAL_VALUE"),
//!     ("type", "type_", "Type", "TYPE_"),
//!     ("self", "self_", "Self_", "SELF_"),
//!     ("3d_model_url", "n3d_model_url", "N3dModelUrl", "N3D_MODEL_URL"),
//!     ("3pl_partners", "n3pl_partners", "N3plPartners", "N3PL_PARTNERS"),
//!     ("11-50", "n11_50", "N11_50", "N11_50"),
//!     ("größe", "grosse", "Grosse", "GROSSE"),
//!     ("Won 🎉", "won", "Won", "WON"),
//!     ("🎉", "party_popper", "PartyPopper", "PARTY_POPPER"),
//!     ("—", "em_dash", "EmDash", "EM_DASH"),
//!     ("!!!", "exclamation", "Exclamation", "EXCLAMATION"),
//!     ("日本語", "ri_ben_yu", "RiBenYu", "RI_BEN_YU"),
//!     ("", "attribute", "Attribute", "ATTRIBUTE"),
//! ] {
//!     assert_eq!(field_name(slug), field, "field of {slug:?}");
//!     assert_eq!(type_name(slug), ty, "type of {slug:?}");
//!     assert_eq!(const_name(&field_name(slug)), konst, "constant of {slug:?}");
//! }
//! ```
//!
//! Collisions, within one struct (fields) or one enum (variants):
//!
//! | slugs or titles | names | what sets the others apart |
//! |---|---|---|
//! | `mrr_usd`, `mrr-usd` | `mrr_usd`, `mrr_usd_hyphen` | a hyphen |
//! | `a.b`, `a/b` | `a_b`, `a_b_slash` | a slash (`a.b` sorts first) |
//! | `deal_value`, `dealValue` | `deal_value`, `deal_value_camel` | camelCase |
//! | `grosse`, `größe` | `grosse`, `grosse_o_with_diaeresis_sharp_s` | its letters |
//! | "Tier 1", "Tier-1" | `Tier1`, `Tier1Hyphen` | a hyphen |
//! | "Tier1", "Tier 1" | `Tier1`, `Tier1Space` | a space (`Tier1` is exact) |
//! | "Next-FY", "Next–FY" | `NextFy`, `NextFyEnDash` | an en dash |
//! | "Won", "Won 🎉" | `Won`, `WonPartyPopper` | an emoji |
//! | "Tier  1", "Tier 1" | `Tier1`, `Tier1_2` | nothing: a number |
//!
//! ```
//! use attio_schema::naming::{dedupe, field_name, type_name};
//!
//! let fields = |slugs: &[&'static str]| {
//!     let items: Vec<(&str, String)> = slugs.iter().map(|s| (*s, field_name(s))).collect();
//!     dedupe(&items)
//! };
//! let variants = |titles: &[&'static str]| {
//!     let items: Vec<(&str, String)> = titles.iter().map(|t| (*t, type_name(t))).collect();
//!     dedupe(&items)
//! };
//! assert_eq!(fields(&["mrr_usd", "mrr-usd"]), ["mrr_usd", "mrr_usd_hyphen"]);
//! assert_eq!(fields(&["a.b", "a/b"]), ["a_b", "a_b_slash"]);
//! assert_eq!(fields(&["deal_value", "dealValue"]), ["deal_value", "deal_value_camel"]);
//! assert_eq!(fields(&["grosse", "größe"]), ["grosse", "grosse_o_with_diaeresis_sharp_s"]);
//! assert_eq!(variants(&["Tier 1", "Tier-1"]), ["Tier1", "Tier1Hyphen"]);
//! assert_eq!(variants(&["Tier1", "Tier 1"]), ["Tier1", "Tier1Space"]);
//! assert_eq!(variants(&["Next-FY", "Next–FY"]), ["NextFy", "NextFyEnDash"]);
//! assert_eq!(variants(&["Won", "Won 🎉"]), ["Won", "WonPartyPopper"]);
//! assert_eq!(variants(&["Tier  1", "Tier 1"]), ["Tier1", "Tier1_2"]);
//! ```

mod dedupe;
mod words;

pub use dedupe::{dedupe, numbered};

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// At most this many symbols spell a name that has no letter or digit
/// (`+/-` → `plus_slash_hyphen`).
const MAX_SYMBOL_WORDS: usize = 3;

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

/// The words naming the symbols of a slug that has no letter or digit
/// (`!!!` → `exclamation`), each symbol once, in order. Spaces name
/// nothing: a blank slug gets the placeholder.
fn symbol_words(slug: &str) -> String {
    let mut seen = Vec::new();
    slug.chars()
        .filter(|c| !c.is_whitespace())
        .filter(|c| {
            let new = !seen.contains(c);
            seen.push(*c);
            new
        })
        .filter_map(words::char_words)
        .take(MAX_SYMBOL_WORDS)
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The case a name is written in.
#[derive(Clone, Copy)]
enum Case {
    Snake,
    UpperCamel,
}

/// The name in `case` from `ident` (the slug's words in that case), with
/// the rules that do not depend on the case: spelled from symbols when it
/// has no word, a placeholder when even that fails, a prefix before a
/// leading digit, a suffix after a keyword.
fn finish(mut ident: String, slug: &str, case: Case) -> String {
    if ident.is_empty() {
        let symbols = symbol_words(slug);
        ident = match case {
            Case::Snake => symbols.to_snake_case(),
            Case::UpperCamel => symbols.to_upper_camel_case(),
        };
    }
    let (placeholder, digit_prefix) = match case {
        Case::Snake => ("attribute", "n"),
        Case::UpperCamel => ("Attribute", "N"),
    };
    if ident.is_empty() {
        ident = placeholder.to_owned();
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
/// assert_eq!(field_name("2fa-enabled"), "n2fa_enabled");
/// assert_eq!(field_name("Größe"), "grosse");
/// ```
pub fn field_name(slug: &str) -> String {
    finish(ascii_words(slug).to_snake_case(), slug, Case::Snake)
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
    finish(name, slug, Case::UpperCamel)
}

/// The SCREAMING_SNAKE_CASE name of an attribute constant, derived from its
/// field name (so it is unique whenever the field names are). A generated
/// field never starts with `_`; a hand-written one keeps it.
///
/// ```
/// use attio_schema::naming::const_name;
/// assert_eq!(const_name("email_addresses"), "EMAIL_ADDRESSES");
/// assert_eq!(const_name("n2fa_enabled"), "N2FA_ENABLED");
/// assert_eq!(const_name("type_"), "TYPE_");
/// assert_eq!(const_name("_legacy"), "_LEGACY");
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

#[cfg(test)]
mod tests;
