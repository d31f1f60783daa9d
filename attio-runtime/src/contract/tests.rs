use attio_schema::diff::diff;
use attio_schema::{Attribute, AttributeId, AttributeType, OptionId, SelectOption};

use super::expected::groups;
use super::report::{classify, DriftReport};
use super::{Contract, Drift, FieldContract};
use crate::Target;

const TIER: FieldContract = FieldContract {
    field: "tier",
    slug: "tier",
    id: "a-tier",
    attribute_type: "select",
    multiselect: false,
    writes: true,
    required: false,
    matches: false,
    choices: &["Gold", "Silver"],
};

const CODE: FieldContract = FieldContract {
    field: "code",
    slug: "code",
    id: "a-code",
    attribute_type: "text",
    multiselect: false,
    writes: false,
    required: false,
    matches: true,
    choices: &[],
};

static ACCOUNT: Contract = Contract {
    name: "Account",
    target: Target::Object,
    slug: "accounts",
    id: "o-accounts",
    fields: &[TIER, CODE],
    known: &["tier", "code", "notes"],
    required_unbound: &["notes"],
};

/// A second struct of the same object: shares its read and its fields.
static ACCOUNT_CODE: Contract = Contract {
    name: "AccountCode",
    fields: &[CODE],
    ..ACCOUNT
};

fn attribute(slug: &str, attribute_type: AttributeType) -> Attribute {
    let id = AttributeId {
        workspace_id: "w".to_owned(),
        object_id: "o-accounts".to_owned(),
        attribute_id: format!("a-{slug}"),
    };
    Attribute::new(id, slug, slug, attribute_type)
}

fn option(title: &str, archived: bool) -> SelectOption {
    SelectOption {
        id: OptionId {
            workspace_id: "w".to_owned(),
            object_id: "o-accounts".to_owned(),
            attribute_id: "a-tier".to_owned(),
            option_id: format!("opt-{title}"),
        },
        title: title.to_owned(),
        is_archived: archived,
    }
}

/// The workspace as the contracts were compiled against it.
fn live() -> Vec<Attribute> {
    let mut tier = attribute("tier", AttributeType::Select);
    tier.options = vec![
        option("Gold", false),
        option("Silver", false),
        option("Old", true),
    ];
    let mut code = attribute("code", AttributeType::Text);
    code.is_unique = true;
    // Read-only here, which the code (it does not write it) does not mind.
    code.is_writable = false;
    let mut notes = attribute("notes", AttributeType::Text);
    notes.is_required = true;
    vec![tier, code, notes]
}

fn check(live: &[Attribute]) -> DriftReport {
    let groups = groups(&[&ACCOUNT, &ACCOUNT_CODE]);
    assert_eq!(groups.len(), 1, "one read for both structs");
    let (expected, actual) = groups[0].sides(Some(live));
    let findings = diff(&expected, &actual)
        .changes
        .into_iter()
        .map(|change| classify(&groups[0], change, live))
        .collect();
    DriftReport::new("accounts".to_owned(), findings)
}

#[test]
fn the_workspace_it_was_compiled_against_is_clean() {
    let report = check(&live());
    assert!(report.is_clean(), "{report}");
    assert_eq!(report.to_string(), "accounts: as compiled, no drift\n");
}

#[test]
fn each_change_is_sorted_against_what_the_code_relies_on() {
    let mut changed = live();
    changed[0].options[1].is_archived = true; // Silver, which the enum names
    changed[0].options.push(option("Platinum", false));
    changed[1].is_unique = false; // `code`, which upserts match on
    changed.push(attribute("region", AttributeType::Text));
    let report = check(&changed);
    let lines: Vec<(Drift, String)> = report
        .findings
        .iter()
        .map(|f| (f.drift, f.to_string()))
        .collect();
    assert_eq!(
        lines,
        [
            (
                Drift::Breaking,
                "Account.code, AccountCode.code (accounts.code): no longer unique; an upsert \
                 matching on it is refused now; make it unique again in Attio, or match on \
                 another unique attribute and `cargo attio-gen pull`, regenerate and redeploy"
                    .to_owned()
            ),
            (
                Drift::Breaking,
                "Account.tier (accounts.tier): option \"Silver\" archived; Attio refuses the \
                 option in writes now; restore it in Attio, or `cargo attio-gen pull`, \
                 regenerate and redeploy"
                    .to_owned()
            ),
            (
                Drift::Harmless,
                "accounts.region: attribute added".to_owned()
            ),
            (
                Drift::Harmless,
                "Account.tier (accounts.tier): option \"Platinum\" added".to_owned()
            ),
        ],
        "{report}"
    );
}

#[test]
fn a_missing_object_breaks_every_struct_of_it() {
    let groups = groups(&[&ACCOUNT]);
    let (expected, actual) = groups[0].sides(None);
    let findings: Vec<String> = diff(&expected, &actual)
        .changes
        .into_iter()
        .map(|change| classify(&groups[0], change, &[]).to_string())
        .collect();
    assert_eq!(
        findings,
        [
            "Account (accounts): object removed; restore the object `accounts` in Attio (or its \
          api_slug, if it was renamed), or `cargo attio-gen pull`, regenerate and redeploy \
          without it"
        ]
    );
}

#[test]
fn an_unbound_contract_asks_only_that_its_object_exists() {
    static BARE: Contract = Contract::unbound(Target::Object, "accounts");
    let groups = groups(&[&BARE]);
    let (expected, actual) = groups[0].sides(Some(&live()));
    assert!(diff(&expected, &actual).is_empty());
}
