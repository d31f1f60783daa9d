//! Reads a crate's module tree into modules, definitions, `use` items and
//! inherent impls, dropping what `#[cfg(test)]` removes.

use std::path::{Path, PathBuf};

use syn::punctuated::Punctuated;
use syn::{Attribute, Fields, ImplItem, Item, Meta, TraitItem, UseTree, Visibility};

/// Reads a file of the crate, `None` when it does not exist.
pub(super) type Read<'a> = &'a dyn Fn(&Path) -> Option<String>;

/// One crate as read: every module (index 0 is the root) and every
/// definition (each module is also a definition; index 0 is the root).
#[derive(Default)]
pub(super) struct Crate {
    pub mods: Vec<Module>,
    pub defs: Vec<Def>,
    pub impls: Vec<Impl>,
}

pub(super) struct Module {
    /// The definition of this module (its name, visibility, attributes).
    pub def: usize,
    pub parent: Option<usize>,
    pub path: Vec<String>,
    pub defs: Vec<usize>,
    pub uses: Vec<Use>,
    /// Whether items are made by macro calls here, so that a name not found
    /// may be one of theirs.
    pub macro_calls: bool,
}

pub(super) struct Def {
    pub name: String,
    pub kind: &'static str,
    pub public: bool,
    pub hidden: bool,
    /// The `cfg` predicates of the item and of its enclosing modules.
    pub cfg: Vec<String>,
    /// For a module, its index in `Crate::mods`.
    pub module: Option<usize>,
    /// Variants, pub fields, trait items, then inherent pub fns and consts.
    pub members: Vec<Member>,
}

pub(super) struct Member {
    pub name: String,
    pub kind: &'static str,
    pub hidden: bool,
    pub cfg: Vec<String>,
}

/// One name a `use` item brings in: `name` is `None` for a glob.
pub(super) struct Use {
    pub public: bool,
    pub name: Option<String>,
    pub path: Vec<String>,
    pub hidden: bool,
    pub cfg: Vec<String>,
}

pub(super) struct Impl {
    pub module: usize,
    pub self_path: Vec<String>,
    pub members: Vec<Member>,
}

/// Reads the crate whose root file is `root`.
pub(super) fn load(read: Read, root: &Path, proc_macro: bool) -> Result<Crate, String> {
    let mut krate = Crate::default();
    krate.defs.push(Def {
        name: String::new(),
        kind: "mod",
        public: true,
        hidden: false,
        cfg: Vec::new(),
        module: Some(0),
        members: Vec::new(),
    });
    krate.mods.push(Module {
        def: 0,
        parent: None,
        path: Vec::new(),
        defs: Vec::new(),
        uses: Vec::new(),
        macro_calls: false,
    });
    let text = read(root).ok_or_else(|| format!("cannot read {}", root.display()))?;
    let items = parse(root, &text)?;
    let dir = root.parent().unwrap_or(Path::new("")).to_path_buf();
    let mut loader = Loader {
        read,
        krate,
        proc_macro,
    };
    loader.items(0, &items, &dir, &dir)?;
    Ok(loader.krate)
}

fn parse(file: &Path, text: &str) -> Result<Vec<Item>, String> {
    let parsed =
        syn::parse_file(text).map_err(|e| format!("cannot parse {}: {e}", file.display()))?;
    Ok(parsed.items)
}

struct Loader<'a> {
    read: Read<'a>,
    krate: Crate,
    proc_macro: bool,
}

impl Loader<'_> {
    /// Adds the items of module `m`. `dir` holds its child modules' files;
    /// `file_dir` is the directory of the file the items are in (for `#[path]`).
    fn items(
        &mut self,
        m: usize,
        items: &[Item],
        dir: &Path,
        file_dir: &Path,
    ) -> Result<(), String> {
        let base_cfg = self.krate.defs[self.krate.mods[m].def].cfg.clone();
        for item in items {
            let Some(cfg) = cfg_of(attrs(item)).map(|own| [base_cfg.clone(), own].concat()) else {
                continue;
            };
            let hidden = is_hidden(attrs(item));
            let def = |name: String, kind, vis: &Visibility, members| Def {
                name,
                kind,
                public: matches!(vis, Visibility::Public(_)),
                hidden,
                cfg: cfg.clone(),
                module: None,
                members,
            };
            let new = match item {
                Item::Struct(s) => def(s.ident.to_string(), "struct", &s.vis, fields(&s.fields)),
                Item::Union(u) => def(
                    u.ident.to_string(),
                    "union",
                    &u.vis,
                    fields(&Fields::Named(u.fields.clone())),
                ),
                Item::Enum(e) => {
                    let variants = e
                        .variants
                        .iter()
                        .filter_map(|v| member(v.ident.to_string(), "variant", &v.attrs));
                    def(e.ident.to_string(), "enum", &e.vis, variants.collect())
                }
                Item::Trait(t) => def(
                    t.ident.to_string(),
                    "trait",
                    &t.vis,
                    t.items.iter().filter_map(trait_item).collect(),
                ),
                Item::Type(t) => def(t.ident.to_string(), "type", &t.vis, Vec::new()),
                Item::Const(c) => def(c.ident.to_string(), "const", &c.vis, Vec::new()),
                Item::Static(s) => def(s.ident.to_string(), "static", &s.vis, Vec::new()),
                Item::Fn(f) => match proc_macro_name(&f.attrs) {
                    Some((kind, name)) => def(
                        name.unwrap_or_else(|| f.sig.ident.to_string()),
                        kind,
                        &f.vis,
                        Vec::new(),
                    ),
                    None if self.proc_macro => continue,
                    None => def(f.sig.ident.to_string(), "fn", &f.vis, Vec::new()),
                },
                Item::Macro(mac) => match &mac.ident {
                    // `#[macro_export]` puts a macro at the crate root.
                    Some(name) if mac.attrs.iter().any(|a| a.path().is_ident("macro_export")) => {
                        let d = def(
                            name.to_string(),
                            "macro",
                            &Visibility::Public(Default::default()),
                            Vec::new(),
                        );
                        self.add_def(0, d);
                        continue;
                    }
                    Some(_) => continue,
                    None => {
                        self.krate.mods[m].macro_calls = true;
                        continue;
                    }
                },
                Item::Use(u) => {
                    let public = matches!(u.vis, Visibility::Public(_));
                    let mut uses = Vec::new();
                    flatten(&u.tree, Vec::new(), &mut uses);
                    for (path, name) in uses {
                        self.krate.mods[m].uses.push(Use {
                            public,
                            name,
                            path,
                            hidden,
                            cfg: cfg.clone(),
                        });
                    }
                    continue;
                }
                Item::Impl(i) if i.trait_.is_none() => {
                    if let syn::Type::Path(p) = &*i.self_ty {
                        let self_path = p
                            .path
                            .segments
                            .iter()
                            .map(|s| s.ident.to_string())
                            .collect();
                        let members = i
                            .items
                            .iter()
                            .filter_map(|it| impl_item(it, &cfg))
                            .collect();
                        self.krate.impls.push(Impl {
                            module: m,
                            self_path,
                            members,
                        });
                    }
                    continue;
                }
                Item::Mod(module) => {
                    let name = module.ident.to_string();
                    let d = def(name.clone(), "mod", &module.vis, Vec::new());
                    let child = self.add_module(m, d);
                    match &module.content {
                        Some((_, items)) => self.items(child, items, &dir.join(&name), file_dir)?,
                        None => {
                            let candidates = match path_attr(&module.attrs) {
                                Some(p) => vec![file_dir.join(p)],
                                None => vec![
                                    dir.join(format!("{name}.rs")),
                                    dir.join(&name).join("mod.rs"),
                                ],
                            };
                            let (file, text) = candidates
                                .into_iter()
                                .find_map(|f| (self.read)(&f).map(|text| (f, text)))
                                .ok_or_else(|| {
                                    format!("no file for module `{name}` in {}", dir.display())
                                })?;
                            let items = parse(&file, &text)?;
                            let parent = file.parent().unwrap_or(Path::new("")).to_path_buf();
                            let child_dir = if file.file_name().is_some_and(|n| n == "mod.rs") {
                                parent.clone()
                            } else {
                                parent.join(file.file_stem().unwrap_or_default())
                            };
                            self.items(child, &items, &child_dir, &parent)?;
                        }
                    }
                    continue;
                }
                _ => continue,
            };
            self.add_def(m, new);
        }
        Ok(())
    }

    fn add_def(&mut self, m: usize, def: Def) -> usize {
        self.krate.defs.push(def);
        let d = self.krate.defs.len() - 1;
        self.krate.mods[m].defs.push(d);
        d
    }

    fn add_module(&mut self, parent: usize, def: Def) -> usize {
        let mut path = self.krate.mods[parent].path.clone();
        path.push(def.name.clone());
        let d = self.add_def(parent, def);
        let m = self.krate.mods.len();
        self.krate.defs[d].module = Some(m);
        self.krate.mods.push(Module {
            def: d,
            parent: Some(parent),
            path,
            defs: Vec::new(),
            uses: Vec::new(),
            macro_calls: false,
        });
        m
    }
}

/// Each name a use tree brings in, as (full path, name or `None` for a glob).
fn flatten(tree: &UseTree, prefix: Vec<String>, out: &mut Vec<(Vec<String>, Option<String>)>) {
    let with = |segment: String| [prefix.clone(), vec![segment]].concat();
    match tree {
        UseTree::Path(p) => flatten(&p.tree, with(p.ident.to_string()), out),
        UseTree::Name(n) if n.ident == "self" => out.push((prefix.clone(), prefix.last().cloned())),
        UseTree::Name(n) => out.push((with(n.ident.to_string()), Some(n.ident.to_string()))),
        UseTree::Rename(r) if r.rename == "_" => {}
        UseTree::Rename(r) if r.ident == "self" => out.push((prefix, Some(r.rename.to_string()))),
        UseTree::Rename(r) => out.push((with(r.ident.to_string()), Some(r.rename.to_string()))),
        UseTree::Glob(_) => out.push((prefix, None)),
        UseTree::Group(g) => g.items.iter().for_each(|t| flatten(t, prefix.clone(), out)),
    }
}

fn fields(fields: &Fields) -> Vec<Member> {
    let public = fields
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f.vis, Visibility::Public(_)));
    let name = |i: usize, f: &syn::Field| f.ident.as_ref().map_or(i.to_string(), |n| n.to_string());
    public
        .filter_map(|(i, f)| member(name(i, f), "field", &f.attrs))
        .collect()
}

fn member(name: String, kind: &'static str, attrs: &[Attribute]) -> Option<Member> {
    Some(Member {
        name,
        kind,
        hidden: is_hidden(attrs),
        cfg: cfg_of(attrs)?,
    })
}

fn trait_item(item: &TraitItem) -> Option<Member> {
    match item {
        TraitItem::Fn(f) => member(f.sig.ident.to_string(), "fn", &f.attrs),
        TraitItem::Const(c) => member(c.ident.to_string(), "const", &c.attrs),
        TraitItem::Type(t) => member(t.ident.to_string(), "type", &t.attrs),
        _ => None,
    }
}

fn impl_item(item: &ImplItem, impl_cfg: &[String]) -> Option<Member> {
    let (name, kind, vis, attrs) = match item {
        ImplItem::Fn(f) => (f.sig.ident.to_string(), "fn", &f.vis, &f.attrs),
        ImplItem::Const(c) => (c.ident.to_string(), "const", &c.vis, &c.attrs),
        _ => return None,
    };
    let mut m = member(name, kind, attrs).filter(|_| matches!(vis, Visibility::Public(_)))?;
    m.cfg = [impl_cfg.to_vec(), m.cfg].concat();
    Some(m)
}

fn attrs(item: &Item) -> &[Attribute] {
    match item {
        Item::Const(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Macro(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::Type(i) => &i.attrs,
        Item::Union(i) => &i.attrs,
        Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

fn is_hidden(attrs: &[Attribute]) -> bool {
    let hidden = |a: &Attribute| a.parse_args::<syn::Ident>().is_ok_and(|i| i == "hidden");
    attrs.iter().any(|a| a.path().is_ident("doc") && hidden(a))
}

fn path_attr(attrs: &[Attribute]) -> Option<PathBuf> {
    attrs
        .iter()
        .find(|a| a.path().is_ident("path"))
        .and_then(|a| match &a.meta {
            Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(PathBuf::from(s.value())),
                _ => None,
            },
            _ => None,
        })
}

/// The kind and name a proc-macro function exports, if it is one.
fn proc_macro_name(attrs: &[Attribute]) -> Option<(&'static str, Option<String>)> {
    attrs.iter().find_map(|a| {
        let p = a.path();
        if p.is_ident("proc_macro") {
            Some(("macro", None))
        } else if p.is_ident("proc_macro_attribute") {
            Some(("attribute", None))
        } else if p.is_ident("proc_macro_derive") {
            let args = a
                .parse_args_with(Punctuated::<Meta, syn::Token![,]>::parse_terminated)
                .ok()?;
            let name = args.first()?.path().get_ident()?.to_string();
            Some(("derive", Some(name)))
        } else {
            None
        }
    })
}

/// The `cfg` predicates on an item, rendered; `None` when the item exists
/// only in test builds (`cfg(test)`), which are not part of the API.
fn cfg_of(attrs: &[Attribute]) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("cfg")) {
        let Ok(meta) = attr.parse_args::<Meta>() else {
            continue;
        };
        if !collect(&meta, &mut out) {
            return None;
        }
    }
    Some(out)
}

/// Adds the predicates of `meta` that must hold to `out`; false when it
/// holds in test builds only.
fn collect(meta: &Meta, out: &mut Vec<String>) -> bool {
    if meta.path().is_ident("test") {
        return false;
    }
    if meta.path().is_ident("all") {
        return parts(meta).iter().all(|m| collect(m, out));
    }
    if !(meta.path().is_ident("not")
        && matches!(parts(meta).as_slice(), [m] if m.path().is_ident("test")))
    {
        out.push(render(meta));
    }
    true
}

fn parts(meta: &Meta) -> Vec<Meta> {
    let list = meta
        .require_list()
        .and_then(|l| l.parse_args_with(Punctuated::<Meta, syn::Token![,]>::parse_terminated));
    list.map(|p| p.into_iter().collect()).unwrap_or_default()
}

fn render(meta: &Meta) -> String {
    let name = meta
        .path()
        .get_ident()
        .map(|i| i.to_string())
        .unwrap_or_default();
    match meta {
        Meta::Path(_) => name,
        Meta::NameValue(nv) => match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => format!("{name} = {:?}", s.value()),
            _ => name,
        },
        Meta::List(_) => format!(
            "{name}({})",
            parts(meta)
                .iter()
                .map(render)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
