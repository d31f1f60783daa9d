//! Words for characters: what a collision suffix or a name without letters
//! is spelled from (`-` → `hyphen`, `–` → `en dash`, `🎉` → `party popper`).

/// Friendlier words than Unicode's for the ASCII punctuation that slugs and
/// titles use most. Unicode calls `-` "HYPHEN-MINUS", `.` "FULL STOP" and
/// `/` "SOLIDUS", which few readers would map back to the character; every
/// other character is named by Unicode ([`unicode_names2`]).
const ASCII_WORDS: &[(char, &str)] = &[
    ('-', "hyphen"),
    ('.', "dot"),
    ('/', "slash"),
    ('\\', "backslash"),
    ('_', "underscore"),
    ('#', "hash"),
    ('@', "at"),
    ('|', "pipe"),
    ('"', "quote"),
    ('^', "caret"),
    ('`', "backtick"),
];

/// The lower-case words that name `c` (`–` → `["en", "dash"]`), or `None`
/// for a character whose name would not help a reader: an ideograph (its
/// name is a code point), a variation selector or a zero-width joiner (they
/// only change how the character before them looks).
pub(super) fn char_words(c: char) -> Option<Vec<String>> {
    if let Some((_, word)) = ASCII_WORDS.iter().find(|(known, _)| *known == c) {
        return Some(vec![(*word).to_owned()]);
    }
    let name = unicode_names2::name(c)?.to_string();
    if name.contains("IDEOGRAPH")
        || name.starts_with("VARIATION SELECTOR")
        || name.starts_with("ZERO WIDTH")
    {
        return None;
    }
    // "EXCLAMATION MARK" reads as "exclamation", "PLUS SIGN" as "plus";
    // a Latin letter is named by what it adds to a plain one
    // ("LATIN SMALL LETTER O WITH DIAERESIS" → "o with diaeresis").
    let name = name
        .strip_suffix(" SIGN")
        .or_else(|| name.strip_suffix(" MARK"))
        .unwrap_or(&name);
    let name = name
        .replace("SMALL LETTER ", "")
        .replace("CAPITAL LETTER ", "");
    let name = name.strip_prefix("LATIN ").unwrap_or(&name);
    let words: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    (!words.is_empty()).then_some(words)
}

/// How the letters of a slug or title are cased, for telling apart two
/// that differ only by case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Casing {
    /// No upper-case letter (`deal_value`), or no cased letter at all.
    Lower,
    /// Upper case inside a word (`dealValue`, `DealValue`).
    Camel,
    /// Only the first letter of each word upper case (`Deal value`, `Deal Value`).
    Capitalized,
    /// No lower-case letter (`DEAL_VALUE`).
    Upper,
}

impl Casing {
    /// The casing of `text`.
    pub(super) fn of(text: &str) -> Casing {
        let upper = text.chars().filter(|c| c.is_uppercase()).count();
        let lower = text.chars().filter(|c| c.is_lowercase()).count();
        if upper == 0 {
            return Casing::Lower;
        }
        if lower == 0 {
            return Casing::Upper;
        }
        // An upper-case letter right after a lower-case one starts a word
        // that nothing else separates: camelCase.
        let chars: Vec<char> = text.chars().collect();
        let camel = chars
            .windows(2)
            .any(|pair| pair[0].is_lowercase() && pair[1].is_uppercase());
        if camel {
            Casing::Camel
        } else {
            Casing::Capitalized
        }
    }

    /// The suffix word of this casing.
    pub(super) fn word(self) -> &'static str {
        match self {
            Casing::Lower => "lower",
            Casing::Camel => "camel",
            Casing::Capitalized => "capitalized",
            Casing::Upper => "upper",
        }
    }
}
