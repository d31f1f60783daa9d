//! Lists the public API of a crate of this workspace from its sources, one
//! public path a line (`pub struct attio_runtime::Client`,
//! `pub fn attio_runtime::Client::create_record`), so that the test
//! `public_api` can compare it with a committed listing and find items
//! public at more than one path.
//!
//! Hand-written because the standard tool, `cargo public-api`, reads
//! rustdoc's JSON output, which only a nightly toolchain produces. This
//! lister parses the sources with `syn` and resolves names itself:
//!
//! - modules from `src/lib.rs` through `mod` declarations (`foo.rs`,
//!   `foo/mod.rs`, `#[path]`) and inline modules;
//! - `pub` items of modules reachable through `pub` modules, and `pub use`
//!   re-exports (`crate::`, `self::`, `super::`, globs over the crate's own
//!   modules, chains of `use`); a re-export of another crate is a line
//!   `pub use <path> = <other crate's path>`, not followed;
//! - under each item's first path (the shortest, not `#[doc(hidden)]` if
//!   possible): enum variants, `pub` fields, a trait's items, and the `pub`
//!   fns and consts of inherent impls (`impl Type { … }` in any module of
//!   the crate, not inside a function);
//! - the derives and other macros of a proc-macro crate, `#[macro_export]`
//!   macros at the root;
//! - `#[doc(hidden)]` (on the item or on a module or `use` on its way) marks
//!   a line; `#[cfg(test)]` removes an item; any other `cfg` (a cargo
//!   feature) marks a line with it. `pub(crate)`, `pub(super)` and
//!   `pub(in …)` are not public.
//!
//! It does not see what macros make: items declared inside a `macro_rules!`
//! call are missing (a public module with such calls says so on its line),
//! and a `pub use` of such a name is listed as `… (made by a macro: not
//! resolved)`; nor what `include!` brings in. It
//! lists no signatures, no trait impls (derived or written) and no fields
//! of enum variants, and it does not tell namespaces apart when a glob's name
//! is shadowed.

mod diff;
mod load;
mod resolve;
#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

pub use diff::diff;
use load::{Member, Read};
use resolve::{Reached, Target};

/// The public API of one crate.
pub struct Listing {
    krate: String,
    entries: Vec<Entry>,
}

struct Entry {
    path: String,
    line: String,
    /// What the path leads to; `None` for the members of a type or trait.
    target: Option<Target>,
    hidden: bool,
}

/// The listing of the crate in directory `dir` (its `src/lib.rs`), named
/// after the directory (`attio-runtime` → `attio_runtime`).
pub fn list_crate(dir: &Path) -> Result<Listing, String> {
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml"))
        .map_err(|e| format!("cannot read {}/Cargo.toml: {e}", dir.display()))?;
    let proc_macro = manifest
        .lines()
        .any(|l| l.replace(' ', "") == "proc-macro=true");
    let name = dir
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .replace('-', "_");
    list(&name, &dir.join("src/lib.rs"), proc_macro, &|file| {
        std::fs::read_to_string(file).ok()
    })
}

fn list(krate: &str, root: &Path, proc_macro: bool, read: Read) -> Result<Listing, String> {
    let c = load::load(read, root, proc_macro)?;
    let reached = resolve::reach(&c);

    let mut members: Vec<Vec<&Member>> =
        c.defs.iter().map(|d| d.members.iter().collect()).collect();
    for imp in &c.impls {
        for target in resolve::resolve(&c, imp.module, &imp.self_path, 0) {
            if let Target::Def(d) = target {
                if ["struct", "enum", "union"].contains(&c.defs[d].kind) {
                    members[d].extend(&imp.members);
                }
            }
        }
    }

    // An item's members are listed once, under its first path.
    let rank = |r: &Reached| (r.hidden, r.path.len(), r.path.clone());
    let mut first: HashMap<usize, usize> = HashMap::new();
    for (i, r) in reached.iter().enumerate() {
        if let Target::Def(d) = r.target {
            let best = first.entry(d).or_insert(i);
            if rank(r) < rank(&reached[*best]) {
                *best = i;
            }
        }
    }

    let mut entries = Vec::new();
    for (i, r) in reached.iter().enumerate() {
        let path = format!("{krate}::{}", r.path.join("::"));
        let line = match &r.target {
            Target::Def(d) => match c.defs[*d].module {
                Some(m) if c.mods[m].macro_calls => {
                    format!("pub mod {path} (and items made by macros: not listed)")
                }
                _ => format!("pub {} {path}", c.defs[*d].kind),
            },
            Target::External(p) => format!("pub use {path} = {p}"),
            Target::Unresolved(p) => {
                format!("pub use {path} = crate::{p} (made by a macro: not resolved)")
            }
        };
        let marked = line + &marks(r.hidden, r.cfg.iter());
        entries.push(Entry {
            path: path.clone(),
            line: marked,
            target: Some(r.target.clone()),
            hidden: r.hidden,
        });
        let Target::Def(d) = r.target else { continue };
        if first.get(&d) != Some(&i) {
            continue;
        }
        for m in &members[d] {
            let hidden = r.hidden || m.hidden;
            let member_path = format!("{path}::{}", m.name);
            let line = format!("pub {} {member_path}", m.kind)
                + &marks(hidden, r.cfg.iter().chain(&m.cfg));
            entries.push(Entry {
                path: member_path,
                line,
                target: None,
                hidden,
            });
        }
    }
    entries.sort_by(|a, b| (&a.path, &a.line).cmp(&(&b.path, &b.line)));
    entries.dedup_by(|a, b| a.line == b.line);
    Ok(Listing {
        krate: krate.to_string(),
        entries,
    })
}

/// ` #[doc(hidden)] #[cfg(…)]` as they apply.
fn marks<'a>(hidden: bool, cfg: impl Iterator<Item = &'a String>) -> String {
    let cfg: Vec<&String> = cfg.collect::<BTreeSet<_>>().into_iter().collect();
    let mut out = String::new();
    if hidden {
        out.push_str(" #[doc(hidden)]");
    }
    match cfg.as_slice() {
        [] => {}
        [one] => out.push_str(&format!(" #[cfg({one})]")),
        all => out.push_str(&format!(
            " #[cfg(all({}))]",
            all.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
    out
}

impl Listing {
    /// The committed form: a head comment, then one line a public path,
    /// sorted by path.
    pub fn text(&self) -> String {
        let mut out = format!(
            "# The public API of `{}`: one public path a line, sorted by path.\n\
             # Made by tests/src/public_api; regenerate with\n\
             # UPDATE_PUBLIC_API=1 cargo test -p attio-tests --test it public_api\n",
            self.krate
        );
        for e in &self.entries {
            out.push_str(&e.line);
            out.push('\n');
        }
        out
    }

    /// The items public at more than one path that is not `#[doc(hidden)]`,
    /// each as its sorted paths. A re-export of an item of one of `others`
    /// (our other crates) is that item, at whichever of its paths it is named.
    pub fn duplicates(&self, others: &[&Listing]) -> Vec<Vec<String>> {
        let mut by_item: HashMap<(&str, &Target), BTreeSet<&str>> = HashMap::new();
        for e in self.entries.iter().filter(|e| !e.hidden) {
            if let Some(target) = &e.target {
                by_item
                    .entry(item(&self.krate, target, others, 0))
                    .or_default()
                    .insert(&e.path);
            }
        }
        let mut out: Vec<Vec<String>> = by_item
            .into_values()
            .filter(|paths| paths.len() > 1)
            .map(|paths| paths.into_iter().map(String::from).collect())
            .collect();
        out.sort();
        out
    }
}

/// The crate and target that `target`, listed in `krate`, is at last: a
/// path into one of `others` is followed to what that crate lists there
/// (unless it lists two things there, a trait and a derive of one name).
fn item<'a>(
    krate: &'a str,
    target: &'a Target,
    others: &[&'a Listing],
    depth: usize,
) -> (&'a str, &'a Target) {
    let Target::External(path) = target else {
        return (krate, target);
    };
    let Some(other) = others.iter().find(|o| {
        path.strip_prefix(o.krate.as_str())
            .is_some_and(|rest| rest.starts_with("::"))
    }) else {
        return (krate, target);
    };
    let mut found = other
        .entries
        .iter()
        .filter(|e| &e.path == path)
        .filter_map(|e| e.target.as_ref());
    match (found.next(), found.next()) {
        (Some(t), None) if depth < 8 => item(&other.krate, t, others, depth + 1),
        _ => (krate, target),
    }
}
