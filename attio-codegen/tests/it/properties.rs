//! The generator on arbitrary valid workspaces (`arbitrary`): whatever the
//! workspace, the output parses, every name is unique in its scope, the
//! bytes do not depend on the input's order or on the run, and the lines
//! written directly are the ones prettyplease prints.
//!
//! 64 cases per property in `cargo test`; `PROPTEST_CASES=10000` for more.
//! A failure is kept as a snapshot under `tests/it/regressions/` and
//! replayed by `regressions_still_generate`.

use std::collections::BTreeSet;

use attio_codegen::{emit, generate_with_notes, layout, render, Config, Snapshot};
use proptest::prelude::*;

use crate::arbitrary::workspace;

/// Every check on one workspace; `Err` says which failed.
fn check(snapshot: &Snapshot, config: &Config) -> Result<(), String> {
    let generated = generate_with_notes(snapshot, config, Some("attio-schema.json"))
        .map_err(|e| e.to_string())?;
    let code = &generated.code;
    let file = syn::parse_file(code).map_err(|e| format!("does not parse: {e}\n{code}"))?;
    unique_names(&file)?;

    let again = generate_with_notes(snapshot, config, Some("attio-schema.json")).unwrap();
    if again.code != *code || again.notes != generated.notes {
        return Err("two runs differ".into());
    }
    let mut reversed = snapshot.workspace.clone();
    reversed.objects.reverse();
    reversed.lists.reverse();
    for attributes in reversed
        .objects
        .iter_mut()
        .map(|o| &mut o.attributes)
        .chain(reversed.lists.iter_mut().map(|l| &mut l.attributes))
    {
        attributes.reverse();
    }
    let reordered =
        generate_with_notes(&Snapshot::new(reversed), config, Some("attio-schema.json")).unwrap();
    if reordered.code != *code {
        return Err("the output depends on the input's order".into());
    }

    // Every struct as prettyplease prints the emitted items.
    let laid_out = layout::layout(&snapshot.canonical(), config).map_err(|e| e.to_string())?;
    let mut printed = String::new();
    for s in &laid_out.structs {
        printed.push('\n');
        printed.push_str(&render::format(
            emit::Emitter::new(Some("attio-schema.json")).struct_items(s),
        ));
    }
    // After the two lines of the header.
    let body = code.splitn(3, '\n').nth(2).unwrap_or_default();
    if body != printed {
        return Err(format!(
            "the text differs from prettyplease's:\n--- written\n{body}\n--- prettyplease\n{printed}"
        ));
    }
    Ok(())
}

/// Whether rustc's `non_camel_case_types` lint accepts `name` (its rule:
/// no `__`, no `_` beside a letter that has a case, no lowercase start).
fn camel(name: &str) -> bool {
    let name = name.trim_matches('_');
    let chars: Vec<char> = name.chars().collect();
    let cased = |c: char| c.is_uppercase() || c.is_lowercase();
    !chars.first().is_some_and(|c| c.is_lowercase())
        && !name.contains("__")
        && !chars
            .windows(2)
            .any(|w| (cased(w[0]) && w[1] == '_') || (w[0] == '_' && cased(w[1])))
}

/// The `title = "…"` of a variant's `#[attio(…)]`.
fn title(variant: &syn::Variant) -> Option<String> {
    variant.attrs.iter().find_map(|attr| {
        let mut title = None;
        if attr.path().is_ident("attio") {
            let _ = attr.parse_nested_meta(|meta| {
                title = Some(meta.value()?.parse::<syn::LitStr>()?.value());
                Ok(())
            });
        }
        title
    })
}

/// Type names are unique in the file (with the `XWrite` and `XRequired`
/// the derive adds) and camel case, fields unique in their struct,
/// variants and their titles in their enum.
fn unique_names(file: &syn::File) -> Result<(), String> {
    let mut types = BTreeSet::new();
    let mut claim = |name: String| {
        if types.insert(name.clone()) {
            Ok(())
        } else {
            Err(format!("type name `{name}` twice"))
        }
    };
    for item in &file.items {
        match item {
            syn::Item::Struct(s) => {
                if !camel(&s.ident.to_string()) {
                    return Err(format!("`{}` is not camel case", s.ident));
                }
                for name in ["", "Write", "Required"] {
                    claim(format!("{}{name}", s.ident))?;
                }
                let mut fields = BTreeSet::new();
                for field in &s.fields {
                    let name = field.ident.as_ref().expect("named fields").to_string();
                    if !fields.insert(name.clone()) {
                        return Err(format!("field `{name}` twice in `{}`", s.ident));
                    }
                }
            }
            syn::Item::Enum(e) => {
                claim(e.ident.to_string())?;
                if !camel(&e.ident.to_string()) {
                    return Err(format!("`{}` is not camel case", e.ident));
                }
                let (mut variants, mut titles) = (BTreeSet::new(), BTreeSet::new());
                for variant in &e.variants {
                    if !variants.insert(variant.ident.to_string()) {
                        return Err(format!(
                            "variant `{}` twice in `{}`",
                            variant.ident, e.ident
                        ));
                    }
                    if let Some(title) = title(variant) {
                        if !titles.insert(title.clone()) {
                            return Err(format!("title {title:?} twice in `{}`", e.ident));
                        }
                    }
                }
            }
            other => return Err(format!("unexpected item {other:?}")),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_workspace_generates_code_that_parses_with_unique_names((snapshot, config) in workspace()) {
        if let Err(problem) = check(&snapshot, &config) {
            let json = snapshot.to_canonical_string();
            prop_assert!(false, "{problem}\nconfig: {config:?}\nsnapshot:\n{json}");
        }
    }
}

/// Each workspace that once failed, with its config, as a committed
/// fixture (`regressions/<name>.json`, `regressions/<name>.toml`).
#[test]
fn regressions_still_generate() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let snapshot = Snapshot::from_slice(&std::fs::read(&path).unwrap(), &path).unwrap();
        let config_path = path.with_extension("toml");
        let config = if config_path.exists() {
            Config::load(&config_path).unwrap()
        } else {
            Config::default()
        };
        check(&snapshot, &config).unwrap_or_else(|problem| panic!("{}: {problem}", path.display()));
        seen += 1;
    }
    assert!(seen > 0, "no regression fixture in {dir}");
}
