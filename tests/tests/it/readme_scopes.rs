//! README's tables of access-token scopes against the rule the client's
//! errors and the emulator use (`attio_schema::scopes::required`): each row
//! of the client table names an example request and the scopes it needs,
//! and each command of the CLI table needs what its requests need.

use std::collections::BTreeSet;
use std::path::Path;

use attio_schema::scopes::required;

/// The `|`-separated cells of README's table rows (header and rule rows
/// included), with their line numbers.
fn rows(readme: &str) -> Vec<(usize, Vec<String>)> {
    readme
        .lines()
        .enumerate()
        .filter(|(_, line)| line.starts_with('|'))
        .map(|(n, line)| {
            let cells = line.trim_matches('|').split('|');
            (n + 1, cells.map(|c| c.trim().to_owned()).collect())
        })
        .collect()
}

/// The words in backticks of `cell`.
fn quoted(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).collect()
}

/// The scopes `requests` need together, as README writes them.
fn needed(requests: &[(&str, &str)]) -> BTreeSet<String> {
    requests
        .iter()
        .flat_map(|(method, path)| required(method, path))
        .map(|scope| scope.to_string())
        .collect()
}

fn readme() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    std::fs::read_to_string(path).expect("README.md is readable")
}

#[test]
fn readme_client_scopes_are_the_rule_s() {
    let readme = readme();
    let mut checked = 0;
    let mut wrong = Vec::new();
    for (line, cells) in rows(&readme) {
        // The client table: calls | `METHOD /v2/…` | scopes.
        let [_, request, scopes] = cells.as_slice() else {
            continue;
        };
        let Some((method, path)) = quoted(request)
            .first()
            .and_then(|r| r.split_once(' '))
            .filter(|(_, path)| path.starts_with("/v2/"))
        else {
            continue;
        };
        checked += 1;
        let listed: BTreeSet<String> = quoted(scopes).into_iter().map(str::to_owned).collect();
        let rule = needed(&[(method, path)]);
        if listed != rule {
            wrong.push(format!(
                "README.md:{line}: {method} {path} needs {rule:?}, README says {listed:?}"
            ));
        }
    }
    assert!(
        checked >= 9,
        "README's client scope table has {checked} rows"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn readme_cli_scopes_are_what_its_requests_need() {
    // The requests each command makes: the introspection reads objects and
    // lists (and their attributes, options, statuses, at the same scopes);
    // apply creates and updates them.
    let reads = [
        ("GET", "/v2/objects"),
        ("GET", "/v2/lists/pipeline/attributes"),
    ];
    let writes = [
        ("POST", "/v2/objects"),
        ("PATCH", "/v2/lists/pipeline/attributes/stage"),
    ];
    let expected = [
        ("`pull`, `check`, `plan`", needed(&reads)),
        ("`apply`", needed(&writes)),
        ("`generate`, `diff`", BTreeSet::new()),
    ];
    let readme = readme();
    let rows = rows(&readme);
    for (commands, scopes) in expected {
        let (line, cells) = rows
            .iter()
            .find(|(_, cells)| cells.first().map(String::as_str) == Some(commands))
            .unwrap_or_else(|| panic!("README's CLI scope table has no row {commands}"));
        let listed: BTreeSet<String> = quoted(&cells[1]).into_iter().map(str::to_owned).collect();
        assert_eq!(listed, scopes, "README.md:{line}: {commands}");
    }
}
