//! The transformation layer: rows of the product's data to the generated
//! writes of [`crate::attio`], each value checked by its Attio type. A row
//! that does not fit becomes a [`RowError`] for that row alone.

use std::fmt;

use attio_runtime::value::{Currency, Domain, EmailAddress, PersonalName, RecordRef};
use attio_runtime::Decimal;
use attio_runtime::RecordId;

use super::dataset::{AccountRow, UserRow};
use crate::attio::{
    Company, CompanyCustomerTier, CompanyWrite, Person, PersonProductRole, PersonWrite,
    ProductAccount, ProductAccountPlan, ProductAccountWrite,
};

/// A row of the source data that is not written: which row, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The row, e.g. `user user_00042`.
    pub row: String,
    /// What is wrong with it, in plain words.
    pub reason: String,
}

impl RowError {
    /// The error of the account row `account`.
    pub fn account(account: &AccountRow, reason: impl fmt::Display) -> RowError {
        RowError {
            row: format!("account {}", account.account_id),
            reason: reason.to_string(),
        }
    }

    /// The error of the user row `user`.
    pub fn user(user: &UserRow, reason: impl fmt::Display) -> RowError {
        RowError {
            row: format!("user {}", user.user_id),
            reason: reason.to_string(),
        }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.row, self.reason)
    }
}

impl std::error::Error for RowError {}

/// The company of an account, matched on its domain. Its customer tier
/// follows the plan, so that sales sees at a glance who pays most.
pub fn company(account: &AccountRow) -> Result<CompanyWrite, RowError> {
    let domain = Domain::new(&account.domain).map_err(|e| RowError::account(account, e))?;
    let name = non_empty(&account.company_name, "company name")
        .map_err(|e| RowError::account(account, e))?;
    let plan = plan(&account.plan).map_err(|e| RowError::account(account, e))?;
    Ok(Company::write()
        .name(name)
        .domains([domain])
        .customer_tier(customer_tier(&plan)))
}

/// The product account, linked to its company's record.
pub fn product_account(
    account: &AccountRow,
    company: &RecordId,
) -> Result<ProductAccountWrite, RowError> {
    let failed = |e: String| RowError::account(account, e);
    let account_id = non_empty(&account.account_id, "account id").map_err(failed)?;
    let plan = plan(&account.plan).map_err(failed)?;
    if account.mrr_cents < 0 {
        return Err(failed(format!(
            "mrr is negative ({} cents)",
            account.mrr_cents
        )));
    }
    let mrr = Currency::new(Decimal::new(account.mrr_cents, 2))
        .map_err(|e| RowError::account(account, e))?;
    Ok(ProductAccount::write()
        .account_id(account_id)
        .name(account.company_name.trim())
        .company(RecordRef::<Company>::new(company.clone()))
        .plan(plan)
        .seats(f64::from(account.seats))
        .mrr(mrr)
        .active_users(f64::from(account.active_users))
        .last_seen_at(account.last_seen_at))
}

/// The person of a user, matched on their email and linked to their
/// company's record.
pub fn person(user: &UserRow, company: &RecordId) -> Result<PersonWrite, RowError> {
    let email = EmailAddress::new(&user.email).map_err(|e| RowError::user(user, e))?;
    let role = role(&user.role).map_err(|e| RowError::user(user, e))?;
    Ok(Person::write()
        .email_addresses([email])
        .name(PersonalName::new(&user.first_name, &user.last_name))
        .company(RecordRef::<Company>::new(company.clone()))
        .product_role(role)
        .last_seen_at(user.last_seen_at))
}

/// The product's plan names to the options of `product_accounts.plan`.
fn plan(text: &str) -> Result<ProductAccountPlan, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "free" => Ok(ProductAccountPlan::Free),
        "starter" => Ok(ProductAccountPlan::Starter),
        "team" => Ok(ProductAccountPlan::Team),
        "enterprise" => Ok(ProductAccountPlan::Enterprise),
        _ => Err(format!(
            "plan `{text}` is not one of free, starter, team, enterprise"
        )),
    }
}

/// The product's roles to the options of `people.product_role`.
fn role(text: &str) -> Result<PersonProductRole, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "owner" => Ok(PersonProductRole::Owner),
        "admin" => Ok(PersonProductRole::Admin),
        "member" => Ok(PersonProductRole::Member),
        _ => Err(format!("role `{text}` is not one of owner, admin, member")),
    }
}

fn customer_tier(plan: &ProductAccountPlan) -> CompanyCustomerTier {
    match plan {
        ProductAccountPlan::Enterprise => CompanyCustomerTier::Strategic,
        ProductAccountPlan::Team => CompanyCustomerTier::Growth,
        _ => CompanyCustomerTier::SelfServe,
    }
}

fn non_empty<'a>(text: &'a str, what: &str) -> Result<&'a str, String> {
    match text.trim() {
        "" => Err(format!("the {what} is empty")),
        trimmed => Ok(trimmed),
    }
}

#[cfg(test)]
mod tests {
    use attio_runtime::serde_json::{json, Value};
    use attio_runtime::Write;

    use super::*;
    use crate::product_sync::dataset::Dataset;

    const COMPANY_ID: &str = "00000000-0000-4000-8000-000000000001";

    fn rows() -> (AccountRow, UserRow) {
        let dataset = Dataset::generate(10, 1);
        (dataset.accounts[0].clone(), dataset.users[0].clone())
    }

    fn values(write: &impl Write) -> Value {
        attio_runtime::serde_json::to_value(write.values().as_map()).unwrap()
    }

    #[test]
    fn an_account_becomes_a_company_and_a_product_account_with_typed_values() {
        let (mut account, _) = rows();
        account.plan = "Team".to_owned();
        account.domain = "https://Acme.com/pricing".to_owned();
        account.mrr_cents = 18_050;
        let company = values(&company(&account).unwrap());
        assert_eq!(company["domains"], json!([{"domain": "acme.com"}]));
        assert_eq!(company["customer_tier"], json!(["Growth"]));

        let id = RecordId::new(COMPANY_ID).unwrap();
        let written = values(&product_account(&account, &id).unwrap());
        assert_eq!(written["account_id"], json!([account.account_id]));
        assert_eq!(written["plan"], json!(["Team"]));
        assert_eq!(written["mrr"], json!([{"currency_value": 180.5}]));
        assert_eq!(written["seats"], json!([f64::from(account.seats)]));
        assert_eq!(
            written["company"],
            json!([{"target_object": "companies", "target_record_id": COMPANY_ID}])
        );
    }

    #[test]
    fn a_user_becomes_a_person_linked_to_the_company() {
        let (_, mut user) = rows();
        user.role = "admin".to_owned();
        let id = RecordId::new(COMPANY_ID).unwrap();
        let written = values(&person(&user, &id).unwrap());
        assert_eq!(
            written["email_addresses"],
            json!([{"email_address": user.email}])
        );
        assert_eq!(written["product_role"], json!(["Admin"]));
        assert_eq!(written["company"][0]["target_record_id"], json!(COMPANY_ID));
    }

    #[test]
    fn invalid_source_data_is_an_error_for_its_row() {
        let (account, user) = rows();
        let id = RecordId::new(COMPANY_ID).unwrap();
        let cases = [
            (
                company(&AccountRow {
                    domain: "not a domain".into(),
                    ..account.clone()
                })
                .err(),
                "domain",
            ),
            (
                company(&AccountRow {
                    company_name: " ".into(),
                    ..account.clone()
                })
                .err(),
                "company name is empty",
            ),
            (
                product_account(
                    &AccountRow {
                        plan: "gold".into(),
                        ..account.clone()
                    },
                    &id,
                )
                .err(),
                "plan `gold`",
            ),
            (
                product_account(
                    &AccountRow {
                        mrr_cents: -1,
                        ..account.clone()
                    },
                    &id,
                )
                .err(),
                "negative",
            ),
            (
                person(
                    &UserRow {
                        email: "ada@".into(),
                        ..user.clone()
                    },
                    &id,
                )
                .err(),
                "ada@",
            ),
            (
                person(
                    &UserRow {
                        role: "boss".into(),
                        ..user.clone()
                    },
                    &id,
                )
                .err(),
                "role `boss`",
            ),
        ];
        for (error, expected) in cases {
            let error = error.expect("the row is refused").to_string();
            assert!(
                error.contains(expected),
                "{error} should mention {expected}"
            );
            assert!(
                error.starts_with("account acct_0001: ") || error.starts_with("user user_00001: "),
                "{error}"
            );
        }
    }
}
