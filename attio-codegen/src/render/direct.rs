//! A struct and its enums written as text directly, line by line, exactly
//! as prettyplease prints the items [`Emitter`] builds for them.
//!
//! Building `syn` items and letting prettyplease lay them out was nearly
//! all of the generation time of a large workspace, yet the output has a
//! handful of shapes: doc lines, `#[attio(…)]` lines and `pub name: Type,`.
//! Each of them is written here when its layout is certain: a line that
//! fits well within prettyplease's margin (89 columns) is never broken, and
//! an `#[attio(…)]` far beyond it is broken one argument per line. A piece
//! in between, or of a shape this file does not know (a multi-line doc, a
//! type from the config, a struct without fields), goes through
//! prettyplease: a field or variant alone in a throwaway item, a struct or
//! enum shell whole. Tests compare both ways on every layout they build.

use std::collections::HashMap;
use std::fmt::Write as _;

use proc_macro2::Literal;

use crate::docs;
use crate::emit::Emitter;
use crate::layout::{EnumLayout, FieldLayout, StructLayout, ValueRepr, VariantLayout, OTHER};

/// Lines up to this length are never broken by prettyplease.
const FITS: usize = 80;
/// `#[attio(…)]` lines longer than this are always broken.
const BREAKS: usize = 100;

/// Writes the structs of one thread: an [`Emitter`] for the pieces that
/// go through prettyplease, and the type lines it printed before.
pub struct Writer<'a> {
    emitter: Emitter<'a>,
    /// `pub x: T,` as prettyplease breaks it when it does not fit on one
    /// line, by the byte length of `x` (prettyplease's layout depends on the
    /// lengths of words, not their letters), and the type.
    type_lines: HashMap<(usize, bool, ValueRepr), String>,
    /// Whether a piece went through prettyplease, whose text might hold a
    /// line that [`separate_items`](super::separate_items) would act on.
    printed: bool,
}

impl<'a> Writer<'a> {
    /// A writer for a file whose derives read the snapshot at `schema`.
    pub fn new(schema: Option<&'a str>) -> Writer<'a> {
        Writer {
            emitter: Emitter::new(schema),
            type_lines: HashMap::new(),
            printed: false,
        }
    }

    /// The text `render::format(Emitter::new(schema).struct_items(s))` gives.
    pub fn struct_text(&mut self, s: &StructLayout) -> String {
        self.printed = false;
        let mut out = String::with_capacity(256 + 200 * s.fields.len() + 512 * s.enums.len());
        if self.record_struct(&mut out, s).is_none() {
            out.clear();
            let item = syn::Item::Struct(self.emitter.record_struct(s));
            out.push_str(&self.unparse(vec![item]));
        }
        // Where each enum starts, for the blank line before it.
        let mut starts = Vec::with_capacity(s.enums.len());
        for e in &s.enums {
            let start = out.len();
            starts.push(start);
            if self.options_enum(&mut out, e).is_none() {
                out.truncate(start);
                let item = syn::Item::Enum(self.emitter.options_enum(e));
                out.push_str(&self.unparse(vec![item]));
            }
        }
        if self.printed {
            // A piece printed by prettyplease may hold a line `}` too.
            return super::separate_items(&out);
        }
        let mut separated = String::with_capacity(out.len() + starts.len());
        let mut from = 0;
        for start in starts {
            separated.push_str(&out[from..start]);
            separated.push('\n');
            from = start;
        }
        separated.push_str(&out[from..]);
        separated
    }

    fn unparse(&mut self, items: Vec<syn::Item>) -> String {
        self.printed = true;
        unparse(items)
    }

    fn record_struct(&mut self, out: &mut String, s: &StructLayout) -> Option<()> {
        if s.fields.is_empty() {
            return None;
        }
        doc_lines(out, "", &s.doc)?;
        let _ = writeln!(
            out,
            "#[derive(Debug, Clone, PartialEq, ::attio_runtime::{})]",
            s.target.derive_name()
        );
        let schema = self.emitter.schema();
        let args = [
            Arg::Pair(s.target.noun(), &s.slug),
            schema.map_or(Arg::None, |path| Arg::Pair("schema", path)),
        ];
        attio_attr(out, "", &args)?;
        let _ = writeln!(out, "pub struct {} {{", s.ident);
        for f in &s.fields {
            self.field(out, s, f);
        }
        out.push_str("}\n");
        Some(())
    }

    /// One field: written directly, but for its type line when that does not
    /// fit on one line, or printed whole by prettyplease.
    fn field(&mut self, out: &mut String, s: &StructLayout, f: &FieldLayout) {
        let start = out.len();
        let head = (|| {
            let ty = field_type(f.multiselect, &f.value)?;
            doc_lines(out, "    ", &f.doc)?;
            let read_only = if f.read_only {
                Arg::Word("read_only")
            } else {
                Arg::None
            };
            attio_attr(out, "    ", &[Arg::Pair("attribute", &f.slug), read_only])?;
            Some(ty)
        })();
        let Some(ty) = head else {
            out.truncate(start);
            let alone = self.alone(s, f.clone());
            body_of(out, &self.unparse(vec![alone]));
            return;
        };
        let line_len = "    pub ".len() + f.ident.len() + ": ".len() + ty.len() + ",".len();
        if line_len <= FITS {
            let _ = writeln!(out, "    pub {}: {ty},", f.ident);
            return;
        }
        // The type line as prettyplease breaks it, printed once per
        // ident length and type with a stand-in ident.
        let key = (f.ident.len(), f.multiselect, f.value.clone());
        if !self.type_lines.contains_key(&key) {
            let stand_in = FieldLayout {
                ident: "x".repeat(f.ident.len()),
                slug: String::new(),
                doc: Vec::new(),
                read_only: false,
                ..f.clone()
            };
            let alone = self.alone(s, stand_in);
            let mut lines = String::new();
            body_of(&mut lines, &self.unparse(vec![alone]));
            self.type_lines.insert(key.clone(), lines);
        }
        // Its lines after `#[attio(attribute = "")]`.
        let lines = &self.type_lines[&key];
        let stand_in = format!("\n    pub {}:", "x".repeat(f.ident.len()));
        match lines
            .find(&stand_in)
            .map(|at| &lines[at + stand_in.len()..])
        {
            Some(rest) => {
                let _ = write!(out, "    pub {}:{rest}", f.ident);
            }
            None => {
                let alone = self.alone(s, f.clone());
                body_of(out, &self.unparse(vec![alone]));
            }
        }
    }

    /// `pub struct S { f }` and nothing else.
    fn alone(&mut self, s: &StructLayout, f: FieldLayout) -> syn::Item {
        let alone = StructLayout {
            fields: vec![f],
            enums: Vec::new(),
            doc: Vec::new(),
            ..s.clone()
        };
        syn::Item::Struct(self.emitter.bare_struct(&alone))
    }

    fn options_enum(&mut self, out: &mut String, e: &EnumLayout) -> Option<()> {
        doc_lines(out, "", &e.doc)?;
        out.push_str("#[derive(Debug, Clone, PartialEq, Eq, Hash, ::attio_runtime::Options)]\n");
        let schema = self.emitter.schema();
        let args = [
            Arg::Pair(e.target.noun(), &e.owner),
            Arg::Pair("attribute", &e.attribute),
            schema.map_or(Arg::None, |path| Arg::Pair("schema", path)),
        ];
        attio_attr(out, "", &args)?;
        let _ = writeln!(out, "pub enum {} {{", e.ident);
        for v in &e.variants {
            if variant(out, v).is_none() {
                let alone = EnumLayout {
                    variants: vec![v.clone()],
                    doc: Vec::new(),
                    ..e.clone()
                };
                let item = syn::Item::Enum(self.emitter.bare_enum(&alone));
                body_of(out, &self.unparse(vec![item]));
            }
        }
        let _ = writeln!(
            out,
            "    /// A title the snapshot does not know (added in Attio since).\n    {OTHER}(String),\n}}"
        );
        Some(())
    }
}

fn unparse(items: Vec<syn::Item>) -> String {
    prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items,
    })
}

/// Appends one variant, or nothing and `None` when prettyplease must lay it out.
fn variant(out: &mut String, v: &VariantLayout) -> Option<()> {
    let start = out.len();
    let written = (|| {
        doc_lines(out, "    ", &docs::variant(&v.title, v.archived))?;
        attio_attr(out, "    ", &[Arg::Pair("title", &v.title)])?;
        let _ = writeln!(out, "    {},", v.ident);
        Some(())
    })();
    if written.is_none() {
        out.truncate(start);
    }
    written
}

/// The lines between the first (`pub struct S {`) and the last (`}`) of
/// an item printed alone: its one field or variant.
fn body_of(out: &mut String, item: &str) {
    let body = item.split_once('\n').map_or("", |(_, rest)| rest);
    out.push_str(body.strip_suffix("}\n").unwrap_or(body));
}

/// `///` lines, as prettyplease prints `#[doc = " line"]`: `None` for a
/// line with a newline, which it prints otherwise.
fn doc_lines(out: &mut String, indent: &str, lines: &[String]) -> Option<()> {
    for line in lines {
        if line.contains('\n') {
            return None;
        }
        out.push_str(indent);
        out.push_str("///");
        // prettyplease trims the trailing spaces of ` line`.
        let text = line.trim_end_matches(' ');
        if !text.is_empty() {
            out.push(' ');
            out.push_str(text);
        }
        out.push('\n');
    }
    Some(())
}

/// An argument of `#[attio(…)]`.
#[derive(Clone, Copy)]
enum Arg<'t> {
    /// `key = "value"`.
    Pair(&'static str, &'t str),
    /// `read_only`.
    Word(&'static str),
    /// Nothing (an optional argument that is absent).
    None,
}

/// `#[attio(a, b)]` on one line, or one argument per line when it is far
/// too long for one; `None` in between.
fn attio_attr(out: &mut String, indent: &str, args: &[Arg<'_>]) -> Option<()> {
    let start = out.len();
    let _ = write!(out, "{indent}#[attio(");
    let mut first = true;
    for arg in args {
        if !matches!(arg, Arg::None) && !std::mem::take(&mut first) {
            out.push_str(", ");
        }
        write_arg(out, *arg);
    }
    out.push_str(")]");
    let len = out.len() - start;
    if len <= FITS {
        out.push('\n');
        return Some(());
    }
    out.truncate(start);
    if len <= BREAKS {
        return None;
    }
    let _ = writeln!(out, "{indent}#[attio(");
    let args: Vec<Arg<'_>> = args
        .iter()
        .copied()
        .filter(|a| !matches!(a, Arg::None))
        .collect();
    for (i, arg) in args.iter().enumerate() {
        let _ = write!(out, "{indent}    ");
        write_arg(out, *arg);
        out.push_str(if i + 1 < args.len() { ",\n" } else { "\n" });
    }
    let _ = writeln!(out, "{indent})]");
    Some(())
}

fn write_arg(out: &mut String, arg: Arg<'_>) {
    match arg {
        Arg::Pair(key, value) => {
            out.push_str(key);
            out.push_str(" = ");
            literal(out, value);
        }
        Arg::Word(word) => out.push_str(word),
        Arg::None => {}
    }
}

/// The field's type as prettyplease prints it on one line; `None` for a
/// type from the config, whose spelling is the user's.
fn field_type(multiselect: bool, value: &ValueRepr) -> Option<String> {
    let inner = match value {
        ValueRepr::Path(path) if plain_path(path) => path.as_str(),
        ValueRepr::Path(_) | ValueRepr::Override(_) => return None,
        ValueRepr::Enum(name) => name.as_str(),
        ValueRepr::RecordRef(target) => {
            let target = target
                .as_deref()
                .unwrap_or("::attio_runtime::value::AnyObject");
            let wrapper = if multiselect { "Vec" } else { "Option" };
            return Some(format!(
                "{wrapper}<::attio_runtime::value::RecordRef<{target}>>"
            ));
        }
    };
    Some(if multiselect {
        format!("Vec<{inner}>")
    } else {
        format!("Option<{inner}>")
    })
}

/// A path with generics and nothing prettyplease would respell (no spaces,
/// commas, lifetimes or turbofish): `::attio_runtime::chrono::DateTime<…>`.
fn plain_path(path: &str) -> bool {
    !path.contains("::<")
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '<' | '>'))
}

/// A string literal as `quote!` spells it: as it is between quotes when
/// nothing in it needs an escape.
fn literal(out: &mut String, text: &str) {
    if text
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\')
    {
        out.push('"');
        out.push_str(text);
        out.push('"');
    } else {
        let _ = write!(out, "{}", Literal::string(text));
    }
}

#[cfg(test)]
mod tests;
