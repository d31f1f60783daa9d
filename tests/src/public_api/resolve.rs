//! Name resolution over a loaded crate: what a `use` path names, what a
//! module exports, and every public path from the crate root.

use super::load::Crate;

/// What a public path leads to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Target {
    /// A definition of this crate (index in `Crate::defs`).
    Def(usize),
    /// A path into another crate, not followed.
    External(String),
    /// A name of this crate that no item declares, as `module::name`:
    /// made by a macro call in that module.
    Unresolved(String),
}

/// One public path with what it leads to.
pub(super) struct Reached {
    pub path: Vec<String>,
    pub target: Target,
    pub hidden: bool,
    pub cfg: Vec<String>,
}

/// Bounds the following of `use` chains, which a cycle would make endless.
const MAX_DEPTH: usize = 32;

/// Every public path of the crate (without the members of types).
pub(super) fn reach(krate: &Crate) -> Vec<Reached> {
    let mut out = Vec::new();
    walk(krate, 0, &[], false, &[], &mut vec![0], &mut out);
    out
}

fn walk(
    krate: &Crate,
    m: usize,
    prefix: &[String],
    hidden: bool,
    cfg: &[String],
    chain: &mut Vec<usize>,
    out: &mut Vec<Reached>,
) {
    for e in exports(krate, m, 0) {
        let path = [prefix, &[e.name]].concat();
        let mut cfg = [cfg, &e.cfg].concat();
        if let Target::Def(d) = e.target {
            cfg.extend(krate.defs[d].cfg.iter().cloned());
        }
        cfg.sort();
        cfg.dedup();
        let hidden = hidden || e.hidden;
        let module = match e.target {
            Target::Def(d) => krate.defs[d].module.filter(|m| !chain.contains(m)),
            _ => None,
        };
        if let Some(child) = module {
            chain.push(child);
            walk(krate, child, &path, hidden, &cfg, chain, out);
            chain.pop();
        }
        out.push(Reached {
            path,
            target: e.target,
            hidden,
            cfg,
        });
    }
}

struct Export {
    name: String,
    target: Target,
    hidden: bool,
    cfg: Vec<String>,
}

/// The names module `m` makes public: its pub items, its `pub use`s, and
/// through `pub use …::*` the public names of other modules.
fn exports(krate: &Crate, m: usize, depth: usize) -> Vec<Export> {
    let module = &krate.mods[m];
    let mut out: Vec<Export> = module
        .defs
        .iter()
        .map(|&d| &krate.defs[d])
        .zip(&module.defs)
        .filter(|(def, _)| def.public)
        .map(|(def, &d)| Export {
            name: def.name.clone(),
            target: Target::Def(d),
            hidden: def.hidden,
            cfg: Vec::new(),
        })
        .collect();
    for u in module.uses.iter().filter(|u| u.public) {
        if let Some(name) = &u.name {
            for target in resolve(krate, m, &u.path, depth) {
                out.push(Export {
                    name: name.clone(),
                    target,
                    hidden: u.hidden,
                    cfg: u.cfg.clone(),
                });
            }
        }
    }
    // A name declared here shadows the same name from a glob.
    let explicit: Vec<String> = out.iter().map(|e| e.name.clone()).collect();
    for u in module.uses.iter().filter(|u| u.public && u.name.is_none()) {
        for target in resolve(krate, m, &u.path, depth) {
            match target {
                Target::Def(d) if depth < MAX_DEPTH => {
                    let Some(source) = krate.defs[d].module else {
                        continue;
                    };
                    for mut e in exports(krate, source, depth + 1) {
                        if !explicit.contains(&e.name) {
                            e.hidden |= u.hidden;
                            e.cfg.extend(u.cfg.iter().cloned());
                            out.push(e);
                        }
                    }
                }
                Target::External(p) => out.push(Export {
                    name: "*".into(),
                    target: Target::External(format!("{p}::*")),
                    hidden: u.hidden,
                    cfg: u.cfg.clone(),
                }),
                _ => {}
            }
        }
    }
    out
}

/// What `path`, written in module `m`, names (several when a name is in
/// more than one namespace).
pub(super) fn resolve(krate: &Crate, m: usize, path: &[String], depth: usize) -> Vec<Target> {
    let Some((first, rest)) = path.split_first() else {
        return Vec::new();
    };
    let module = |m: usize| Target::Def(krate.mods[m].def);
    let mut current = match first.as_str() {
        "crate" => vec![module(0)],
        "self" => vec![module(m)],
        "super" => krate.mods[m].parent.map(module).into_iter().collect(),
        _ => match lookup(krate, m, first, depth) {
            found if found.is_empty() => return vec![Target::External(path.join("::"))],
            found if rest.is_empty() => found,
            // A path's prefix is a module: `pub use apply::{apply, Applied}`
            // names the module `apply`, not the function it re-exports.
            found => {
                let is_module =
                    |t: &Target| matches!(t, Target::Def(d) if krate.defs[*d].module.is_some());
                if found.iter().any(is_module) {
                    found.into_iter().filter(is_module).collect()
                } else {
                    found
                }
            }
        },
    };
    for segment in rest {
        current = current
            .into_iter()
            .flat_map(|t| match t {
                Target::Def(d) => match krate.defs[d].module {
                    Some(inner) if segment == "super" => {
                        krate.mods[inner].parent.map(module).into_iter().collect()
                    }
                    Some(inner) => match lookup(krate, inner, segment, depth) {
                        found if found.is_empty() && krate.mods[inner].macro_calls => {
                            let path =
                                [krate.mods[inner].path.clone(), vec![segment.clone()]].concat();
                            vec![Target::Unresolved(path.join("::"))]
                        }
                        found => found,
                    },
                    // An enum's variant or an associated item: not listed.
                    None => Vec::new(),
                },
                Target::External(p) => vec![Target::External(format!("{p}::{segment}"))],
                Target::Unresolved(p) => vec![Target::Unresolved(format!("{p}::{segment}"))],
            })
            .collect();
    }
    current.sort();
    current.dedup();
    current
}

/// What `name` is in module `m`: an item, a `use`d name, or a glob's name.
fn lookup(krate: &Crate, m: usize, name: &str, depth: usize) -> Vec<Target> {
    if depth > MAX_DEPTH {
        return Vec::new();
    }
    let module = &krate.mods[m];
    let mut found: Vec<Target> = module
        .defs
        .iter()
        .filter(|&&d| krate.defs[d].name == name)
        .map(|&d| Target::Def(d))
        .collect();
    for u in module
        .uses
        .iter()
        .filter(|u| u.name.as_deref() == Some(name))
    {
        found.extend(resolve(krate, m, &u.path, depth + 1));
    }
    if found.is_empty() {
        for u in module.uses.iter().filter(|u| u.name.is_none()) {
            for target in resolve(krate, m, &u.path, depth + 1) {
                if let Target::Def(d) = target {
                    if let Some(source) = krate.defs[d].module {
                        found.extend(lookup(krate, source, name, depth + 1));
                    }
                }
            }
        }
    }
    found
}
