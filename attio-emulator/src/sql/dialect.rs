//! Attio's SQL reads a record reference's fields with struct access
//! (`lists.sales.parent_record.entity_instance_id`); SQLite has no
//! structs, so the emulator stores a reference as a JSON object and
//! rewrites each such access to `json_extract(…, '$.field')` before SQLite
//! sees the query. Only the two fields of a record reference are rewritten;
//! string literals, quoted identifiers and comments are left alone.

/// The fields of a record reference (`{entity_definition_id, entity_instance_id}`).
const STRUCT_FIELDS: [&str; 2] = ["entity_instance_id", "entity_definition_id"];

/// `sql` with every `<path>.<field>` of a record reference rewritten to
/// `json_extract(<path>, '$.<field>')`.
pub(crate) fn rewrite(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 32);
    let bytes = sql.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\'' => i = copy_quoted(sql, i, b'\'', &mut out),
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                let end = sql[i..].find('\n').map_or(sql.len(), |n| i + n);
                out.push_str(&sql[i..end]);
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = sql[i + 2..].find("*/").map_or(sql.len(), |n| i + 2 + n + 2);
                out.push_str(&sql[i..end]);
                i = end;
            }
            c if c == b'"' || c == b'_' || c.is_ascii_alphabetic() => {
                // An identifier chain: `a`, `a.b`, `"a".b.c` …
                let start = i;
                let mut parts: Vec<(usize, usize)> = Vec::new();
                loop {
                    let part_start = i;
                    i = identifier_end(sql, i);
                    parts.push((part_start, i));
                    let next = bytes.get(i + 1).copied().unwrap_or(0);
                    let continues = bytes.get(i) == Some(&b'.')
                        && (next == b'"' || next == b'_' || next.is_ascii_alphabetic());
                    if !continues {
                        break;
                    }
                    i += 1;
                }
                let (last_start, last_end) = parts[parts.len() - 1];
                let last = &sql[last_start..last_end];
                if parts.len() >= 2 && STRUCT_FIELDS.iter().any(|f| f.eq_ignore_ascii_case(last)) {
                    let path = &sql[start..last_start - 1];
                    out.push_str(&format!(
                        "json_extract({path}, '$.{}')",
                        last.to_ascii_lowercase()
                    ));
                } else {
                    out.push_str(&sql[start..i]);
                }
            }
            // A number's digits, with any letters in it (`1e5`, `0x1F`),
            // are copied whole so that they are not read as identifiers.
            c if c.is_ascii_digit() => {
                let end = sql[i..]
                    .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '.' || ch == '_'))
                    .map_or(sql.len(), |n| i + n);
                out.push_str(&sql[i..end]);
                i = end;
            }
            _ => {
                let ch = sql[i..].chars().next().unwrap_or(' ');
                out.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    out
}

/// Whether `sql` holds more than one statement: text other than blanks,
/// comments and semicolons after a `;` outside literals and comments.
pub(crate) fn has_second_statement(sql: &str) -> bool {
    let bytes = sql.as_bytes();
    let mut i = 0;
    let mut ended = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' | b'"' if !ended => i = quoted_end(sql, i, bytes[i]),
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                i = sql[i..].find('\n').map_or(sql.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = sql[i + 2..].find("*/").map_or(sql.len(), |n| i + 2 + n + 2);
            }
            b';' => {
                ended = true;
                i += 1;
            }
            c if ended && !c.is_ascii_whitespace() => return true,
            _ => i += 1,
        }
    }
    false
}

/// Copies a quoted run (`'…'` with `''` escapes) and returns where it ends.
fn copy_quoted(sql: &str, start: usize, quote: u8, out: &mut String) -> usize {
    let end = quoted_end(sql, start, quote);
    out.push_str(&sql[start..end]);
    end
}

fn quoted_end(sql: &str, start: usize, quote: u8) -> usize {
    let bytes = sql.as_bytes();
    let mut i = start + 1;
    while i < bytes.len() {
        if bytes[i] == quote {
            if bytes.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}

/// Where the identifier starting at `start` (bare or `"quoted"`) ends.
fn identifier_end(sql: &str, start: usize) -> usize {
    let bytes = sql.as_bytes();
    if bytes[start] == b'"' {
        return quoted_end(sql, start, b'"');
    }
    let mut i = start;
    while i < bytes.len()
        && (bytes[i] == b'_' || bytes[i] == b'$' || bytes[i].is_ascii_alphanumeric())
    {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::{has_second_statement, rewrite};

    #[test]
    fn struct_access_becomes_json_extract() {
        assert_eq!(
            rewrite("SELECT c.name FROM companies c JOIN lists.sales ON c.record_id = lists.sales.parent_record.entity_instance_id"),
            "SELECT c.name FROM companies c JOIN lists.sales ON c.record_id = json_extract(lists.sales.parent_record, '$.entity_instance_id')"
        );
        assert_eq!(
            rewrite("SELECT value.entity_definition_id FROM json_each(p.company)"),
            "SELECT json_extract(value, '$.entity_definition_id') FROM json_each(p.company)"
        );
    }

    #[test]
    fn a_second_statement_is_seen_outside_literals() {
        assert!(has_second_statement("SELECT 1; DELETE FROM people"));
        assert!(!has_second_statement("SELECT ';DELETE' ; -- done\n;"));
    }

    #[test]
    fn literals_comments_and_plain_columns_are_untouched() {
        let sql = "SELECT 'a.entity_instance_id', x.y, 1.5e3 -- b.entity_instance_id\nFROM t /* c.entity_instance_id */";
        assert_eq!(rewrite(sql), sql);
    }
}
