//! The Slack message: Block Kit JSON built from a [`DealSummary`], and the
//! plain-text rendering the demo prints. Pure functions, no I/O.

use attio_runtime::serde_json::{json, Value};
use attio_runtime::value::Currency;
use attio_runtime::Decimal;

/// What the message says about a deal, gathered from the deal, its
/// company, its primary contact and its owner.
#[derive(Debug, Clone, PartialEq)]
pub struct DealSummary {
    /// The stage it reached, as Attio titles it (`Won 🎉`).
    pub stage: String,
    /// The deal's name.
    pub name: String,
    /// Its value, with the currency Attio reported.
    pub value: Option<Currency>,
    /// Its type (`New business`).
    pub deal_type: Option<String>,
    /// The associated company's name.
    pub company: Option<String>,
    /// The first associated person.
    pub contact: Option<Contact>,
    /// The owner's name (or member id, when the name cannot be read).
    pub owner: Option<String>,
    /// The deal's page in Attio.
    pub url: Option<String>,
}

/// A person named in the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// Full name.
    pub name: String,
    /// Primary email address.
    pub email: Option<String>,
}

/// Shown for a field the deal does not have.
const NONE: &str = "—";
/// Slack refuses a header longer than this many characters.
const HEADER_MAX_CHARS: usize = 150;

/// The Block Kit message for an incoming webhook: a header, the fields in
/// a section, a button to the deal, and `text` as the fallback Slack shows
/// in notifications.
pub fn message(deal: &DealSummary) -> Value {
    let value = deal.value.as_ref().map(format_value);
    let name = match &deal.url {
        Some(url) => format!("<{}|{}>", escape(url), escape(&deal.name)),
        None => escape(&deal.name),
    };
    let contact = deal.contact.as_ref().map(|c| match &c.email {
        Some(email) => format!("{} (<mailto:{email}|{email}>)", escape(&c.name)),
        None => escape(&c.name),
    });
    let field = |title: &str, text: Option<String>| json!({"type": "mrkdwn", "text": format!("*{title}*\n{}", text.as_deref().unwrap_or(NONE))});
    let escaped = |text: &Option<String>| text.as_deref().map(escape);
    let mut blocks = vec![
        json!({"type": "header", "text": {"type": "plain_text", "emoji": true,
            "text": truncate(&format!("{}: {}", deal.stage, deal.name), HEADER_MAX_CHARS)}}),
        json!({"type": "section", "fields": [
            field("Deal", Some(name)),
            field("Value", value.clone()),
            field("Company", escaped(&deal.company)),
            field("Contact", contact),
            field("Owner", escaped(&deal.owner)),
            field("Type", escaped(&deal.deal_type)),
        ]}),
    ];
    if let Some(url) = &deal.url {
        blocks.push(json!({"type": "actions", "elements": [{"type": "button",
            "text": {"type": "plain_text", "text": "Open in Attio"}, "url": url}]}));
    }
    let text = match value {
        Some(value) => format!("{}: {} ({value})", deal.stage, deal.name),
        None => format!("{}: {}", deal.stage, deal.name),
    };
    json!({"text": text, "blocks": blocks})
}

/// `25,000 USD`, or `1,234.50 EUR`: grouped thousands, cents only when
/// there are any, and the currency code when Attio reported one.
pub fn format_value(value: &Currency) -> String {
    let amount = value.amount().round_dp(2);
    let fraction = amount.fract().abs();
    let whole = amount.trunc().abs().to_string();
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if amount.is_sign_negative() && !amount.is_zero() {
        "-"
    } else {
        ""
    };
    let cents = if fraction.is_zero() {
        String::new()
    } else {
        // Two places: `0.5` is `.50`, as amounts of money are written.
        let cents = (fraction * Decimal::from(100)).trunc();
        format!(".{cents:0>2}")
    };
    match value.code() {
        Some(code) => format!("{sign}{grouped}{cents} {code}"),
        None => format!("{sign}{grouped}{cents}"),
    }
}

/// Slack's mrkdwn treats `&`, `<` and `>` as markup; user data must not.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Field text as Slack shows it: links `<url|label>` as `label (url)`
/// (mail links as the address alone), and [`escape`] undone.
fn plain(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        out.push_str(&rest[..start]);
        let link = &rest[start + 1..start + len];
        match link.split_once('|') {
            Some((url, label)) if url.starts_with("mailto:") => out.push_str(label),
            Some((url, label)) => out.push_str(&format!("{label} ({url})")),
            None => out.push_str(link),
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars.saturating_sub(1)) {
        Some((end, _)) if text.chars().count() > max_chars => format!("{}…", &text[..end]),
        _ => text.to_owned(),
    }
}

/// The message as plain text, roughly as Slack shows it: the header, then
/// one `Title: text` line per field. For printing captured messages.
pub fn render_text(message: &Value) -> String {
    let mut lines = Vec::new();
    for block in message["blocks"].as_array().into_iter().flatten() {
        match block["type"].as_str() {
            Some("header") => lines.push(block["text"]["text"].as_str().unwrap_or("").to_owned()),
            Some("section") => {
                for field in block["fields"].as_array().into_iter().flatten() {
                    let text = field["text"].as_str().unwrap_or("");
                    let (title, body) = text.split_once('\n').unwrap_or(("", text));
                    lines.push(format!("  {}: {}", title.trim_matches('*'), plain(body)));
                }
            }
            _ => {}
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use attio_runtime::value::CurrencyCode;

    fn usd(amount: i64, scale: u32) -> Currency {
        Currency::with_code(
            Decimal::new(amount, scale),
            CurrencyCode::new("USD").unwrap(),
        )
        .unwrap()
    }

    fn summary() -> DealSummary {
        DealSummary {
            stage: "Won 🎉".into(),
            name: "Acme <platform> & seats".into(),
            value: Some(usd(48_000, 0)),
            deal_type: Some("New business".into()),
            company: Some("Acme".into()),
            contact: Some(Contact {
                name: "Ada Lovelace".into(),
                email: Some("ada@acme.com".into()),
            }),
            owner: Some("Ada Admin".into()),
            url: Some("https://app.attio.com/acme/deal/42".into()),
        }
    }

    #[test]
    fn the_block_kit_message_has_a_header_the_fields_and_a_button() {
        let expected = json!({
            "text": "Won 🎉: Acme <platform> & seats (48,000 USD)",
            "blocks": [
                {"type": "header", "text": {"type": "plain_text", "emoji": true,
                    "text": "Won 🎉: Acme <platform> & seats"}},
                {"type": "section", "fields": [
                    {"type": "mrkdwn", "text": "*Deal*\n<https://app.attio.com/acme/deal/42|Acme &lt;platform&gt; &amp; seats>"},
                    {"type": "mrkdwn", "text": "*Value*\n48,000 USD"},
                    {"type": "mrkdwn", "text": "*Company*\nAcme"},
                    {"type": "mrkdwn", "text": "*Contact*\nAda Lovelace (<mailto:ada@acme.com|ada@acme.com>)"},
                    {"type": "mrkdwn", "text": "*Owner*\nAda Admin"},
                    {"type": "mrkdwn", "text": "*Type*\nNew business"},
                ]},
                {"type": "actions", "elements": [{"type": "button",
                    "text": {"type": "plain_text", "text": "Open in Attio"},
                    "url": "https://app.attio.com/acme/deal/42"}]},
            ]
        });
        assert_eq!(message(&summary()), expected);
    }

    #[test]
    fn missing_fields_show_a_dash_and_no_button() {
        let bare = DealSummary {
            value: None,
            deal_type: None,
            company: None,
            contact: None,
            owner: None,
            url: None,
            name: "Pilot".into(),
            ..summary()
        };
        let expected = json!({
            "text": "Won 🎉: Pilot",
            "blocks": [
                {"type": "header", "text": {"type": "plain_text", "emoji": true, "text": "Won 🎉: Pilot"}},
                {"type": "section", "fields": [
                    {"type": "mrkdwn", "text": "*Deal*\nPilot"},
                    {"type": "mrkdwn", "text": "*Value*\n—"},
                    {"type": "mrkdwn", "text": "*Company*\n—"},
                    {"type": "mrkdwn", "text": "*Contact*\n—"},
                    {"type": "mrkdwn", "text": "*Owner*\n—"},
                    {"type": "mrkdwn", "text": "*Type*\n—"},
                ]},
            ]
        });
        assert_eq!(message(&bare), expected);
    }

    #[test]
    fn a_long_name_is_cut_to_slacks_header_limit() {
        let long = DealSummary {
            name: "é".repeat(200),
            ..summary()
        };
        let header = message(&long)["blocks"][0]["text"]["text"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(header.chars().count(), HEADER_MAX_CHARS);
        assert!(header.ends_with('…'));
    }

    #[test]
    fn values_are_grouped_with_cents_only_when_present() {
        assert_eq!(format_value(&usd(48_000, 0)), "48,000 USD");
        assert_eq!(format_value(&usd(1_234_567_895, 1)), "123,456,789.50 USD");
        assert_eq!(format_value(&usd(999, 0)), "999 USD");
        assert_eq!(format_value(&usd(-123_405, 2)), "-1,234.05 USD");
        assert_eq!(format_value(&Currency::from(1_000_000)), "1,000,000");
    }

    #[test]
    fn the_text_rendering_lists_the_header_and_fields() {
        let text = render_text(&message(&summary()));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Won 🎉: Acme <platform> & seats");
        assert_eq!(
            lines[1],
            "  Deal: Acme <platform> & seats (https://app.attio.com/acme/deal/42)"
        );
        assert_eq!(lines[2], "  Value: 48,000 USD");
        assert_eq!(lines[4], "  Contact: Ada Lovelace (ada@acme.com)");
        assert_eq!(lines[5], "  Owner: Ada Admin");
        assert_eq!(lines.len(), 7);
    }
}
