//! The rule set: what makes a lead worth a salesperson's time, as small
//! named rules with a weight each. Pure functions of a [`Lead`], so that
//! every rule is unit-tested on its own and the total with them.
//!
//! The weights add up to 100, so a score is a percentage: a lead that
//! earns every rule's full share scores 100. A rule that does not apply
//! (no job title, no product account) earns nothing rather than a penalty,
//! so that a sparse record scores low but never below zero.

use chrono::{DateTime, Utc};

use crate::attio::{
    CompanyCustomerTier, CompanyEmployeeRange, PersonProductRole, ProductAccountPlan,
};

/// The facts the rules look at: a person's own attributes, their
/// company's, and the plans of the company's product accounts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lead {
    /// `people.job_title`.
    pub job_title: Option<String>,
    /// `people.product_role`.
    pub product_role: Option<PersonProductRole>,
    /// `people.last_seen_at`: when the person last used the product.
    pub last_seen_at: Option<DateTime<Utc>>,
    /// `companies.customer_tier` of the person's company.
    pub customer_tier: Option<CompanyCustomerTier>,
    /// `companies.employee_range` of the person's company (read-only in
    /// Attio: its enrichment fills it in).
    pub employee_range: Option<CompanyEmployeeRange>,
    /// `product_accounts.plan` of every product account of the company.
    pub plans: Vec<ProductAccountPlan>,
}

/// One rule: a name to explain the score with, the most points it gives,
/// and the judgement that decides which share of them a lead earns.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Short name, shown in the reasons (`seniority`).
    pub name: &'static str,
    /// The points a lead earns with a full share.
    pub weight: u32,
    /// The share earned, and why; `None` when the rule does not apply.
    pub judge: fn(&Lead, DateTime<Utc>) -> Option<Judgement>,
}

/// What a rule found: the percentage of its weight earned and a few words
/// saying why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    /// 0 to 100: the share of the rule's weight earned (more counts as 100).
    pub percent: u32,
    /// Why, e.g. `executive title “CTO”`.
    pub detail: String,
}

impl Judgement {
    fn new(percent: u32, detail: impl Into<String>) -> Judgement {
        Judgement {
            percent,
            detail: detail.into(),
        }
    }
}

/// One rule's contribution to a score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// The rule's [`Rule::name`].
    pub rule: &'static str,
    /// The points it added (more than zero).
    pub points: u32,
    /// The rule's [`Judgement::detail`].
    pub detail: String,
}

/// A lead's score, 0 to 100, and the rules that made it, largest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    /// The sum of the reasons' points.
    pub total: u32,
    /// Every rule that added points.
    pub reasons: Vec<Reason>,
}

/// Job-title seniority, the heaviest rule: decision makers buy. Titles are
/// matched word by word, so that “Director” is not read as a “CTO”.
pub const SENIORITY: Rule = Rule {
    name: "seniority",
    weight: 25,
    judge: seniority,
};

/// The company's customer tier as the account team set it.
pub const CUSTOMER_TIER: Rule = Rule {
    name: "customer tier",
    weight: 20,
    judge: customer_tier,
};

/// The company's size: larger companies buy more seats.
pub const COMPANY_SIZE: Rule = Rule {
    name: "company size",
    weight: 15,
    judge: company_size,
};

/// The person's role in the product: an owner can buy, a member can ask.
pub const PRODUCT_ROLE: Rule = Rule {
    name: "product role",
    weight: 15,
    judge: product_role,
};

/// How recently the person used the product: interest cools in weeks.
pub const RECENCY: Rule = Rule {
    name: "recency",
    weight: 15,
    judge: recency,
};

/// The best plan among the company's product accounts: paying accounts
/// expand.
pub const PLAN: Rule = Rule {
    name: "plan",
    weight: 10,
    judge: plan,
};

/// Every rule, in the order reasons are listed when their points tie.
pub const RULES: [Rule; 6] = [
    SENIORITY,
    CUSTOMER_TIER,
    COMPANY_SIZE,
    PRODUCT_ROLE,
    RECENCY,
    PLAN,
];

/// Scores `lead` with [`RULES`] as of `now` (the recency rule's clock).
pub fn score(lead: &Lead, now: DateTime<Utc>) -> Score {
    let mut reasons: Vec<Reason> = RULES
        .iter()
        .filter_map(|rule| {
            let judgement = (rule.judge)(lead, now)?;
            // Capped, so that no rule gives more than its weight; rounded
            // to the nearest point; a share that rounds to nothing does not
            // explain the score, so it is left out.
            let points = (rule.weight * judgement.percent.min(100) + 50) / 100;
            (points > 0).then_some(Reason {
                rule: rule.name,
                points,
                detail: judgement.detail,
            })
        })
        .collect();
    // Stable, so that ties keep the order of `RULES`.
    reasons.sort_by_key(|r| std::cmp::Reverse(r.points));
    Score {
        total: reasons.iter().map(|r| r.points).sum(),
        reasons,
    }
}

/// Words of a title that make it an executive's.
const EXECUTIVE_WORDS: &[&str] = &[
    "ceo",
    "cto",
    "cfo",
    "coo",
    "cmo",
    "cro",
    "cpo",
    "ciso",
    "chief",
    "founder",
    "cofounder",
    "president",
];
/// Words of a title that make it a vice president's, a head's or a director's.
const VP_WORDS: &[&str] = &["vp", "svp", "evp", "vice", "head", "director"];
/// Words of a title that make it a manager's.
const MANAGER_WORDS: &[&str] = &["manager", "lead", "principal", "supervisor"];

fn seniority(lead: &Lead, _now: DateTime<Utc>) -> Option<Judgement> {
    let title = lead.job_title.as_deref()?.trim();
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    // “Vice President” is a VP, although it says “President”.
    let vice = has(&["vice"]);
    let executive = words.iter().any(|w| match w.as_str() {
        "president" => !vice,
        w => EXECUTIVE_WORDS.contains(&w),
    });
    if executive {
        Some(Judgement::new(100, format!("executive title “{title}”")))
    } else if has(VP_WORDS) {
        Some(Judgement::new(70, format!("senior title “{title}”")))
    } else if has(MANAGER_WORDS) {
        Some(Judgement::new(40, format!("manager title “{title}”")))
    } else {
        None
    }
}

fn customer_tier(lead: &Lead, _now: DateTime<Utc>) -> Option<Judgement> {
    let tier = lead.customer_tier.as_ref()?;
    let percent = match tier {
        CompanyCustomerTier::Strategic => 100,
        CompanyCustomerTier::Growth => 60,
        CompanyCustomerTier::SelfServe => 25,
        // An option added in Attio since the rules were written: no
        // opinion until someone gives it one.
        CompanyCustomerTier::Other(_) => return None,
    };
    Some(Judgement::new(
        percent,
        format!("{} customer", tier.title()),
    ))
}

fn company_size(lead: &Lead, _now: DateTime<Utc>) -> Option<Judgement> {
    use CompanyEmployeeRange as Range;
    let range = lead.employee_range.as_ref()?;
    let percent = match range {
        Range::N1_10 => 20,
        Range::N11_50 => 40,
        Range::N51_250 => 70,
        Range::N251_1k => 90,
        Range::N1k5k | Range::N5k10k | Range::N10k50k | Range::N50k100k | Range::N100k => 100,
        Range::Other(_) => return None,
    };
    Some(Judgement::new(
        percent,
        format!("{} employees", range.title()),
    ))
}

fn product_role(lead: &Lead, _now: DateTime<Utc>) -> Option<Judgement> {
    let role = lead.product_role.as_ref()?;
    let percent = match role {
        PersonProductRole::Owner => 100,
        PersonProductRole::Admin => 70,
        PersonProductRole::Member => 30,
        PersonProductRole::Other(_) => return None,
    };
    Some(Judgement::new(
        percent,
        format!("{} in the product", role.title()),
    ))
}

fn recency(lead: &Lead, now: DateTime<Utc>) -> Option<Judgement> {
    // A timestamp ahead of our clock (skew between systems) counts as now.
    let days = (now - lead.last_seen_at?).num_days().max(0);
    let percent = match days {
        0..=7 => 100,
        8..=30 => 60,
        31..=90 => 25,
        _ => return None,
    };
    let when = match days {
        0 => "seen today".to_owned(),
        1 => "seen yesterday".to_owned(),
        _ => format!("seen {days} days ago"),
    };
    Some(Judgement::new(percent, when))
}

fn plan(lead: &Lead, _now: DateTime<Utc>) -> Option<Judgement> {
    let percent = |plan: &ProductAccountPlan| match plan {
        ProductAccountPlan::Enterprise => Some(100),
        ProductAccountPlan::Team => Some(70),
        ProductAccountPlan::Starter => Some(40),
        ProductAccountPlan::Free => Some(10),
        ProductAccountPlan::Other(_) => None,
    };
    let (percent, best) = lead
        .plans
        .iter()
        .filter_map(|plan| Some((percent(plan)?, plan)))
        .max_by_key(|(percent, _)| *percent)?;
    Some(Judgement::new(percent, format!("{} plan", best.title())))
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
