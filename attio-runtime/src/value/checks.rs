//! Shape checks shared by several value types (hosts, country codes).

/// Checks a host name that is already lower-cased: dot-separated labels of
/// letters, digits and inner hyphens, at least two labels, an alphabetic (or
/// punycode) top-level label. Returns what is wrong.
pub(crate) fn check_host(host: &str) -> Result<(), String> {
    if host.is_empty() {
        return Err("expected a host name such as `acme.com`, found nothing".into());
    }
    if host.len() > 253 {
        return Err("a host name has at most 253 characters".into());
    }
    if !host.is_ascii() {
        return Err(
            "expected an ASCII host name (write internationalised names in punycode, `xn--…`)"
                .into(),
        );
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 {
        return Err("expected a dotted host name such as `acme.com`".into());
    }
    for label in &labels {
        if label.is_empty() {
            return Err(
                "the host name has an empty label (two dots in a row, or a leading dot)".into(),
            );
        }
        if label.len() > 63 {
            return Err(format!("the label `{label}` is longer than 63 characters"));
        }
        if !label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Err(format!(
                "the label `{label}` may contain only letters, digits and hyphens"
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(format!("the label `{label}` starts or ends with a hyphen"));
        }
    }
    // Checked non-empty above: `split` yields at least one element.
    let tld = labels[labels.len() - 1];
    let punycode = tld.starts_with("xn--");
    if !punycode && (tld.len() < 2 || !tld.bytes().all(|b| b.is_ascii_alphabetic())) {
        return Err(format!(
            "the top-level domain `{tld}` is not a real one (expected letters, like `com`)"
        ));
    }
    Ok(())
}

/// Normalises an ISO 3166-1 alpha-2 country code (`gb` → `GB`), checking
/// its shape: two ASCII letters.
pub(crate) fn country_code(kind: &'static str, code: &str) -> Result<String, crate::ValueError> {
    if code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(code.to_ascii_uppercase())
    } else {
        Err(crate::ValueError::new(
            kind,
            code,
            "expected an ISO 3166-1 alpha-2 country code: two letters, like `GB`",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert!(check_host("acme.com").is_ok());
        assert!(check_host("app.acme.co.uk").is_ok());
        assert!(check_host("xn--bcher-kva.xn--p1ai").is_ok());
        assert!(check_host("acme").is_err());
        assert!(check_host("acme..com").is_err());
        assert!(check_host("-acme.com").is_err());
        assert!(check_host("acme.c0m").is_err());
        assert!(check_host("ac_me.com").is_err());
        assert!(check_host("bücher.de").is_err());
    }

    #[test]
    fn country_codes() {
        assert_eq!(country_code("location", "gb").as_deref(), Ok("GB"));
        assert!(country_code("location", "GBR").is_err());
        assert!(country_code("location", "G1").is_err());
    }
}
