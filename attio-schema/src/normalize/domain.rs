//! Domains: a URL or host stripped to its lower-case host, checked, with its
//! registrable root from the public suffix list.

/// A domain as Attio stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalDomain {
    /// The host, lower case: `app.acme.co.uk`.
    pub domain: String,
    /// Its registrable domain: `acme.co.uk`.
    pub root_domain: String,
}

/// Normalises `input` (a host, or a URL: its scheme, credentials, port,
/// path, query and fragment are dropped, because Attio stores domains, not
/// URLs); `Err` says what is wrong with it.
///
/// ```
/// use attio_schema::normalize::domain;
///
/// let d = domain("https://Shop.Example.co.uk:8443/cart?x=1").unwrap();
/// assert_eq!((d.domain.as_str(), d.root_domain.as_str()), ("shop.example.co.uk", "example.co.uk"));
/// assert!(domain("localhost").is_err());
/// ```
pub fn domain(input: &str) -> Result<NormalDomain, String> {
    let host = host_of(input);
    check_host(&host)?;
    // A host that is itself a public suffix (`co.uk`) has no registrable
    // part; Attio stores it as its own root.
    let root_domain = psl::domain_str(&host).unwrap_or(&host).to_owned();
    Ok(NormalDomain {
        domain: host,
        root_domain,
    })
}

/// Strips everything around the host of a URL and lower-cases it.
fn host_of(input: &str) -> String {
    let mut rest = input.trim();
    if let Some(i) = rest.find("://") {
        rest = &rest[i + 3..];
    } else if let Some(stripped) = rest.strip_prefix("//") {
        rest = stripped;
    }
    // The host ends at the first path, query or fragment delimiter.
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let mut host = &rest[..end];
    if let Some(i) = host.rfind('@') {
        host = &host[i + 1..];
    }
    if let Some(i) = host.rfind(':') {
        if host[i + 1..].bytes().all(|b| b.is_ascii_digit()) {
            host = &host[..i];
        }
    }
    host.strip_suffix('.').unwrap_or(host).to_lowercase()
}

/// Checks a lower-cased host name (a domain, or the part of an email
/// address after `@`): dot-separated labels of letters, digits and inner
/// hyphens, at least two labels, an alphabetic (or punycode) top-level
/// label. Returns what is wrong.
pub fn check_host(host: &str) -> Result<(), String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn root(input: &str) -> String {
        domain(input).unwrap().root_domain
    }

    #[test]
    fn roots_come_from_the_public_suffix_list() {
        assert_eq!(root("app.acme.com"), "acme.com");
        assert_eq!(root("shop.example.co.uk"), "example.co.uk");
        assert_eq!(root("a.b.example.com.au"), "example.com.au");
        assert_eq!(root("docs.acme.github.io"), "acme.github.io");
        assert_eq!(root("www.city.kawasaki.jp"), "city.kawasaki.jp");
        assert_eq!(root("a.b.c.example.xn--p1ai"), "example.xn--p1ai");
        assert_eq!(root("co.uk"), "co.uk");
    }

    #[test]
    fn urls_are_stripped_to_their_host() {
        let d = domain("https://ada:pw@App.Acme.com.:8080/pricing?ref=x#top").unwrap();
        assert_eq!(d.domain, "app.acme.com");
        assert_eq!(domain("//acme.com/x").unwrap().domain, "acme.com");
    }

    #[test]
    fn hosts_that_are_not_domains_are_refused_with_the_reason() {
        for (input, reason) in [
            ("", "found nothing"),
            ("acme", "dotted host name"),
            ("acme..com", "empty label"),
            ("-acme.com", "hyphen"),
            ("acme.c0m", "top-level domain"),
            ("ac_me.com", "letters, digits and hyphens"),
            ("bücher.de", "punycode"),
        ] {
            let error = domain(input).unwrap_err();
            assert!(error.contains(reason), "{input}: {error}");
        }
    }
}
