//! The HTML pages: the form (empty, or again with the visitor's input and
//! each field's error) and the thank-you page. Plain HTML, no scripts.

use std::fmt::Write as _;

use super::form::{Field, FieldErrors, RawSubmission};

/// The form, filled with `raw`, each field's message from `errors` beside
/// it, and `notice` (a problem that is no field's) above it.
pub fn form(raw: &RawSubmission, errors: &FieldErrors, notice: Option<&str>) -> String {
    let mut body = String::from("<h1>Talk to us</h1>\n");
    if let Some(notice) = notice {
        let _ = writeln!(body, r#"<p class="notice">{}</p>"#, escape(notice));
    }
    if !errors.is_empty() {
        body.push_str(r#"<p class="notice">Please correct the fields marked below.</p>"#);
        body.push('\n');
    }
    // `novalidate`: the server's checks are the ones that count, and the
    // page shows their messages rather than the browser's.
    body.push_str("<form method=\"post\" action=\"/submit\" novalidate>\n");
    for field in Field::ALL {
        field_html(&mut body, field, raw.get(field), errors.get(field));
    }
    body.push_str("<button type=\"submit\">Send</button>\n</form>\n");
    document("Talk to us", &body)
}

/// The page a successful form post is redirected to.
pub fn thanks() -> String {
    document(
        "Thank you",
        "<h1>Thank you</h1>\n<p>We have your message and will be in touch soon.</p>\n\
         <p><a href=\"/\">Send another message</a></p>\n",
    )
}

/// One labelled input (a text area for the message), its value kept and
/// its error, if any, under it.
fn field_html(out: &mut String, field: Field, value: &str, error: Option<&str>) {
    let key = field.key();
    let (label, input_type, autocomplete) = match field {
        Field::Name => ("Name", "text", "name"),
        Field::Email => ("Work email", "email", "email"),
        Field::Company => ("Company name", "text", "organization"),
        Field::Website => ("Company website", "text", "url"),
        Field::Phone => ("Phone (optional)", "tel", "tel"),
        Field::JobTitle => ("Job title", "text", "organization-title"),
        Field::Message => ("Message", "", "off"),
    };
    let invalid = if error.is_some() {
        r#" aria-invalid="true""#
    } else {
        ""
    };
    let _ = writeln!(out, r#"<p><label for="{key}">{label}</label><br>"#);
    let value = escape(value);
    if field == Field::Message {
        let _ = writeln!(
            out,
            r#"<textarea id="{key}" name="{key}" rows="6"{invalid}>{value}</textarea>"#
        );
    } else {
        let _ = writeln!(
            out,
            r#"<input id="{key}" name="{key}" type="{input_type}" autocomplete="{autocomplete}" value="{value}"{invalid}>"#
        );
    }
    if let Some(error) = error {
        let _ = writeln!(out, r#"<br><span class="error">{}</span>"#, escape(error));
    }
    out.push_str("</p>\n");
}

/// A whole page around `body`.
fn document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}

const STYLE: &str =
    "body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem}\
input,textarea{width:100%;padding:.4rem;box-sizing:border-box}\
[aria-invalid]{border:2px solid #b00020}.error,.notice{color:#b00020}";

/// `text` safe inside an element or a double-quoted attribute: the visitor's
/// input is shown back to them, and must never become markup.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::super::form::validate;
    use super::*;

    #[test]
    fn the_empty_form_has_every_field_and_posts_to_submit() {
        let page = form(&RawSubmission::default(), &FieldErrors::default(), None);
        assert!(page.contains(r#"<form method="post" action="/submit" novalidate>"#));
        for field in Field::ALL {
            assert!(
                page.contains(&format!(r#"name="{}""#, field.key())),
                "{field:?}"
            );
        }
        assert!(!page.contains("class=\"error\""));
        assert!(!page.contains("class=\"notice\""));
    }

    #[test]
    fn a_form_with_errors_keeps_the_values_and_shows_each_message() {
        let raw = RawSubmission {
            name: "Ada Lovelace".into(),
            email: "ada@".into(),
            website: "acme".into(),
            message: "Hello\nthere".into(),
            ..RawSubmission::default()
        };
        let errors = validate(&raw).unwrap_err();
        let page = form(&raw, &errors, None);
        assert!(page.contains(r#"value="Ada Lovelace""#), "{page}");
        assert!(
            page.contains(r#"value="ada@" aria-invalid="true""#),
            "{page}"
        );
        assert!(page.contains(">Hello\nthere</textarea>"), "{page}");
        assert!(page.contains(
            "<span class=\"error\">`ada@` is not an email address — expected name@example.com</span>"
        ));
        assert_eq!(page.matches("class=\"error\"").count(), errors.len());
    }

    #[test]
    fn the_visitor_input_never_becomes_markup() {
        let raw = RawSubmission {
            name: r#""><script>alert('x')</script>"#.into(),
            message: "</textarea><b>bold</b>".into(),
            email: "<i>@".into(),
            ..RawSubmission::default()
        };
        let page = form(&raw, &validate(&raw).unwrap_err(), Some("<notice>"));
        assert!(!page.contains("<script>"), "{page}");
        assert!(!page.contains("<b>"), "{page}");
        assert!(!page.contains("<i>"), "{page}");
        assert!(page.contains("&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assert!(page.contains("&lt;/textarea&gt;&lt;b&gt;bold&lt;/b&gt;</textarea>"));
        assert!(page.contains("<p class=\"notice\">&lt;notice&gt;</p>"));
    }

    #[test]
    fn escape_leaves_plain_text_alone() {
        assert_eq!(escape("Zoë & Co <1>"), "Zoë &amp; Co &lt;1&gt;");
        assert_eq!(escape("plain"), "plain");
    }
}
