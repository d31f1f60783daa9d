//! Unit tests of naming: identifiers stay valid and unique, suffixes say
//! what sets a name apart.

use std::collections::{BTreeMap, BTreeSet};

use super::words::{char_words, Casing};
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
    assert_eq!(field_name("123"), "n123");
    assert_eq!(const_name(&field_name("2fa_enabled")), "N2FA_ENABLED");
    assert_eq!(type_name("1-10 employees"), "N1_10Employees");
    assert_eq!(type_name("$1M-$10M"), "N1m10m");
}

#[test]
fn slugs_without_letters_are_spelled_from_their_symbols() {
    assert_eq!(type_name("---"), "Hyphen");
    assert_eq!(type_name("+/-"), "PlusSlashHyphen");
    assert_eq!(field_name("$"), "dollar");
    assert_eq!(field_name("✅"), "white_heavy_check");
    // Only what reads as a word counts: spaces, a variation selector.
    assert_eq!(field_name(" \u{fe0f} "), "attribute");
    assert_eq!(type_name("   "), "Attribute");
}

#[test]
fn kana_read_as_japanese_and_kanji_as_mandarin() {
    assert_eq!(type_name("ひらがな"), "Hiragana");
    assert_eq!(type_name("カタカナ"), "Katakana");
    assert_eq!(type_name("日本語"), "RiBenYu");
    assert_eq!(type_name("한국어"), "Hangugeo");
}

#[test]
fn colliding_slugs_are_told_apart_deterministically() {
    let slugs = [
        "deal_value",
        "dealValue",
        "deal-value",
        "DEAL_VALUE",
        "deal__value",
    ];
    let items: Vec<(&str, String)> = slugs.iter().map(|s| (*s, field_name(s))).collect();
    let names = dedupe(&items);
    assert_eq!(
        names,
        [
            "deal_value",
            "deal_value_camel",
            "deal_value_hyphen",
            "deal_value_upper",
            "deal_value_2"
        ]
    );
    let mut reversed = items.clone();
    reversed.reverse();
    let mut again = dedupe(&reversed);
    again.reverse();
    assert_eq!(again, names);
}

#[test]
fn suffixes_name_every_distinct_symbol_up_to_two() {
    let slugs = ["a_b_c", "a.b-c", "a.b-c/d", "a b"];
    let items: Vec<(&str, String)> = slugs.iter().map(|s| (*s, field_name(s))).collect();
    assert_eq!(
        dedupe(&items)[..3],
        ["a_b_c", "a_b_c_dot_hyphen", "a_b_c_d"]
    );
    let items = [("Mrr", "Mrr".to_owned()), ("MRR 💰", "Mrr".to_owned())];
    assert_eq!(dedupe(&items), ["Mrr", "MrrMoneyBagUpper"]);
}

#[test]
fn a_suffix_that_is_taken_gets_a_number() {
    let items = vec![
        ("mrr_usd", "mrr_usd".to_owned()),
        ("mrr-usd", "mrr_usd".to_owned()),
        ("mrr_usd_hyphen", "mrr_usd_hyphen".to_owned()),
    ];
    assert_eq!(
        dedupe(&items),
        ["mrr_usd", "mrr_usd_hyphen_2", "mrr_usd_hyphen"]
    );
    let titles = ["Tier 1", "Tier  1", "Tier 1 ", "Tier1_2"];
    let items: Vec<(&str, String)> = titles.iter().map(|t| (*t, type_name(t))).collect();
    assert_eq!(dedupe(&items), ["Tier1_3", "Tier1", "Tier1_4", "Tier1_2"]);
}

#[test]
fn the_fallback_variant_keeps_its_name() {
    // How the generator adds `Other(String)` before the options.
    let items = vec![
        ("Other", "Other".to_owned()),
        ("Other", "Other".to_owned()),
        ("other", "Other".to_owned()),
    ];
    assert_eq!(dedupe(&items), ["Other", "Other2", "OtherLower"]);
}

#[test]
fn characters_are_named_in_plain_words() {
    let words = |c| char_words(c).map(|w| w.join(" "));
    assert_eq!(words('-').as_deref(), Some("hyphen"));
    assert_eq!(words('.').as_deref(), Some("dot"));
    assert_eq!(words('–').as_deref(), Some("en dash"));
    assert_eq!(words('—').as_deref(), Some("em dash"));
    assert_eq!(words('!').as_deref(), Some("exclamation"));
    assert_eq!(words('+').as_deref(), Some("plus"));
    assert_eq!(words('ö').as_deref(), Some("o with diaeresis"));
    assert_eq!(words('Ö').as_deref(), Some("o with diaeresis"));
    assert_eq!(words('ж').as_deref(), Some("cyrillic zhe"));
    assert_eq!(words('🎉').as_deref(), Some("party popper"));
    assert_eq!(words('日'), None);
    assert_eq!(words('\u{200d}'), None);
}

#[test]
fn casings_are_told_apart() {
    assert_eq!(Casing::of("deal_value"), Casing::Lower);
    assert_eq!(Casing::of("3-d"), Casing::Lower);
    assert_eq!(Casing::of("dealValue"), Casing::Camel);
    assert_eq!(Casing::of("DealValue"), Casing::Camel);
    assert_eq!(Casing::of("Deal value"), Casing::Capitalized);
    assert_eq!(Casing::of("Next FY"), Casing::Capitalized);
    assert_eq!(Casing::of("DEAL_VALUE"), Casing::Upper);
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
    assert_eq!(const_name("deal_value_camel"), "DEAL_VALUE_CAMEL");
    assert_eq!(const_name("tier1_2"), "TIER1_2");
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

    #[test]
    fn names_do_not_depend_on_the_input_order(
        (slugs, shuffled) in proptest::collection::btree_set("[a-cA-C1 ._-]{0,4}|\\PC{0,3}", 0..24)
            .prop_map(|set| set.into_iter().collect::<Vec<String>>())
            .prop_flat_map(|slugs| (Just(slugs.clone()), Just(slugs).prop_shuffle()))
    ) {
        let named = |slugs: &[String]| -> BTreeMap<String, String> {
            let items: Vec<(&str, String)> = slugs.iter().map(|s| (s.as_str(), type_name(s))).collect();
            slugs.iter().cloned().zip(dedupe(&items)).collect()
        };
        let names = named(&slugs);
        prop_assert_eq!(&named(&shuffled), &names);
        let unique: BTreeSet<&String> = names.values().collect();
        prop_assert_eq!(unique.len(), names.len());
        for n in names.values() {
            prop_assert!(is_valid_ident(n), "{n:?}");
        }
    }
}
