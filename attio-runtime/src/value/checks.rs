//! Shape checks shared by several value types (country codes).

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
    fn country_codes() {
        assert_eq!(country_code("location", "gb").as_deref(), Ok("GB"));
        assert!(country_code("location", "GBR").is_err());
        assert!(country_code("location", "G1").is_err());
    }
}
