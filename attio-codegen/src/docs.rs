//! Doc comments of the generated items, and the sanitising that keeps text
//! from the workspace (titles, descriptions) from breaking the build or the
//! doctests of the crate that includes the bindings.

use attio_schema::{Attribute, AttributeType, Target};

/// The doc of an object's or list's struct.
pub fn owner(target: Target, title: Option<&str>, slug: &str) -> Vec<String> {
    let what = match target {
        Target::Object => format!("{target} `{slug}`."),
        Target::List => format!("entries of {target} `{slug}`."),
    };
    match title.map(one_line).filter(|t| !t.is_empty()) {
        Some(title) => vec![format!("{title} — {what}")],
        None => {
            let mut what = what;
            what[..1].make_ascii_uppercase();
            vec![what]
        }
    }
}

/// The line of a struct's doc saying how to create one: `names` are the
/// fields of the attributes Attio requires on create.
pub fn create(ident: &str, names: &[&str]) -> String {
    if names.is_empty() {
        return format!(
            "Create one with `{ident}::create()` (no attribute is required) and the setters of `{ident}Write`."
        );
    }
    format!(
        "Create one with `{ident}::create({ident}Required {{ {} }})`, the attributes Attio requires, \
         then set others with the setters of `{ident}Write`.",
        names.join(", ")
    )
}

/// The doc of a field: `Title · type · flags`, then the description.
///
/// `targets` lists the objects a record reference may point to; `inverse`
/// names the attribute on the other side of a two-way relationship
/// (`people.company`), shown last as `· ← `people.company``, since writing
/// this field changes that one too.
pub fn field(attribute: &Attribute, targets: Option<&str>, inverse: Option<&str>) -> Vec<String> {
    let mut summary = format!(
        "{} · {}",
        one_line(&attribute.title),
        attribute.attribute_type
    );
    if let Some(targets) = targets {
        summary.push_str(" → ");
        summary.push_str(targets);
    }
    if matches!(attribute.attribute_type, AttributeType::Unknown(_)) {
        summary.push_str(" (a type this version does not know: raw JSON)");
    }
    for flag in attribute.flags() {
        summary.push_str(" · ");
        summary.push_str(flag);
    }
    if let Some(inverse) = inverse {
        summary.push_str(&format!(" · ← `{}`", one_line(inverse)));
    }
    let mut lines = vec![summary];
    if let Some(description) = attribute.description.as_deref() {
        let body = sanitize(description);
        if !body.is_empty() {
            lines.push(String::new());
            lines.extend(body);
        }
    }
    lines
}

/// The doc of an options enum.
pub fn options_enum(attribute: &Attribute, owner: &str) -> Vec<String> {
    let what = match attribute.attribute_type {
        AttributeType::Status => "Statuses",
        _ => "Options",
    };
    vec![format!("{what} of `{owner}.{}`.", attribute.api_slug)]
}

/// The doc of a variant: its title, as Attio spells it.
pub fn variant(title: &str, archived: bool) -> Vec<String> {
    let mut line = format!("“{}”", one_line(title));
    if archived {
        line.push_str(" (archived: shown on existing values, refused on writes)");
    }
    vec![line]
}

/// Workspace text made safe for a doc comment, line by line.
///
/// - Control characters are dropped: a bare carriage return is a compile
///   error in a doc comment.
/// - Leading whitespace is removed, so that an indented line cannot become
///   a Markdown code block, which rustdoc would compile as a doctest.
/// - Code fences (```` ``` ````, `~~~`) are escaped for the same reason.
/// - `[`, `]`, `<` and `>` are escaped, so that text cannot form an
///   intra-doc link or an HTML tag that rustdoc warns about.
/// - Runs of blank lines collapse to one; leading and trailing ones go.
pub fn sanitize(text: &str) -> Vec<String> {
    if is_plain(text) {
        return vec![text.to_owned()];
    }
    sanitize_lines(text)
}

fn sanitize_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for raw in text.replace("\r\n", "\n").split(['\n', '\r']) {
        let line = inline(raw);
        let line = line.trim();
        if line.is_empty() {
            if lines.last().is_some_and(|l| !l.is_empty()) {
                lines.push(String::new());
            }
            continue;
        }
        let mut escaped = String::with_capacity(line.len());
        if line.starts_with("```") || line.starts_with("~~~") {
            escaped.push('\\');
        }
        escape_line(line, &mut escaped);
        lines.push(escaped);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// Whether `text` is one line that [`sanitize`] leaves as it is, as most
/// titles and descriptions are: checked first, since sanitising allocates
/// for every line of every field's doc.
fn is_plain(text: &str) -> bool {
    !text.is_empty()
        && text.trim().len() == text.len()
        && !text.starts_with("```")
        && !text.starts_with("~~~")
        && !text.contains("http://")
        && !text.contains("https://")
        && !text
            .chars()
            .any(|c| c.is_control() || matches!(c, '[' | ']' | '<' | '>'))
}

/// Escapes Markdown link and tag syntax in `line`; URLs become autolinks
/// (`<https://…>`), which rustdoc renders as links and does not warn about.
fn escape_line(line: &str, out: &mut String) {
    let mut rest = line;
    while !rest.is_empty() {
        let url_at = ["https://", "http://"]
            .iter()
            .filter_map(|scheme| rest.find(scheme))
            .min();
        let (text, tail) = rest.split_at(url_at.unwrap_or(rest.len()));
        for c in text.chars() {
            if matches!(c, '[' | ']' | '<' | '>') {
                out.push('\\');
            }
            out.push(c);
        }
        if tail.is_empty() {
            break;
        }
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | '[' | ']'))
            .unwrap_or(tail.len());
        // Sentence punctuation after a URL is not part of it.
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
        if out.ends_with("\\<") {
            // `<https://…>` was already an autolink: undo the escape.
            out.truncate(out.len() - 2);
        }
        out.push('<');
        out.push_str(url);
        out.push('>');
        rest = &tail[url.len()..];
        if rest.starts_with('>') {
            rest = &rest[1..];
        }
    }
}

/// Text for a single line of a doc comment (a title), sanitised.
fn one_line(text: &str) -> String {
    sanitize(text).join(" ")
}

/// One line of text without control characters (tabs become spaces).
fn inline(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_blocks_cannot_form() {
        let text = "Usage:\n\n    let x = 1;\n```rust\npanic!()\n```\n~~~\nx\n~~~";
        assert_eq!(
            sanitize(text),
            [
                "Usage:",
                "",
                "let x = 1;",
                "\\```rust",
                "panic!()",
                "\\```",
                "\\~~~",
                "x",
                "\\~~~"
            ]
        );
    }

    #[test]
    fn control_characters_and_blank_runs_go() {
        assert_eq!(
            sanitize("\r\n\nA\r\nB\u{7}\t!\n\n\n\nC\rD\n\n"),
            ["A", "B !", "", "C", "D"]
        );
        assert!(sanitize(" \n\t\n").is_empty());
    }

    #[test]
    fn a_relationship_names_its_inverse_last() {
        let mut team = Attribute::new(
            attio_schema::AttributeId::default(),
            "team",
            "Team",
            AttributeType::RecordReference,
        );
        team.is_multiselect = true;
        assert_eq!(
            field(&team, Some("people"), Some("people.company")),
            ["Team · record-reference → people · multiselect · ← `people.company`"]
        );
        assert_eq!(
            field(&team, Some("people"), None),
            ["Team · record-reference → people · multiselect"]
        );
    }

    #[test]
    fn plain_text_is_what_sanitising_leaves_alone() {
        let samples = [
            "Job title",
            "Ünïcode — ok 🎉",
            "a  b",
            " lead",
            "trail ",
            "\tx",
            "x\u{85}y",
            "[x]",
            "<b>",
            "```",
            "~~~ x",
            "see http://x",
            "https://",
            "a\nb",
            "",
            " ",
            "é",
            "x`y`*z*",
            "back\\slash \"quote\"",
        ];
        for text in samples {
            if is_plain(text) {
                assert_eq!(sanitize_lines(text), [text], "{text:?}");
            } else {
                assert_ne!(sanitize_lines(text), [text], "{text:?}");
            }
        }
    }

    #[test]
    fn links_and_tags_are_escaped() {
        assert_eq!(sanitize("see [docs] <b>"), ["see \\[docs\\] \\<b\\>"]);
    }

    #[test]
    fn urls_become_autolinks() {
        assert_eq!(
            sanitize("See https://a.example/x?y=1. Or <http://b.example>, [c](https://c.example)"),
            ["See <https://a.example/x?y=1>. Or <http://b.example>, \\[c\\](<https://c.example>)"]
        );
        assert_eq!(sanitize("https://"), ["<https://>"]);
    }
}
