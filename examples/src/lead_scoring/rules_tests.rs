//! Each rule on its own, then the total they make together.

use chrono::{Duration, TimeZone};

use super::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap()
}

fn titled(title: &str) -> Lead {
    Lead {
        job_title: Some(title.to_owned()),
        ..Lead::default()
    }
}

/// The share `rule` gives `lead`, or `None` when it does not apply.
fn share(rule: Rule, lead: &Lead) -> Option<u32> {
    (rule.judge)(lead, now()).map(|j| j.percent)
}

#[test]
fn the_weights_add_up_to_one_hundred() {
    assert_eq!(RULES.iter().map(|r| r.weight).sum::<u32>(), 100);
}

#[test]
fn seniority_reads_titles_word_by_word() {
    assert_eq!(share(SENIORITY, &titled("CTO")), Some(100));
    assert_eq!(share(SENIORITY, &titled("Co-founder & CEO")), Some(100));
    assert_eq!(share(SENIORITY, &titled("President")), Some(100));
    assert_eq!(share(SENIORITY, &titled("Vice President, Sales")), Some(70));
    assert_eq!(share(SENIORITY, &titled("Head of Growth")), Some(70));
    assert_eq!(
        share(SENIORITY, &titled("Director of Operations")),
        Some(70),
        "“Director” contains “cto” but is not a CTO"
    );
    assert_eq!(share(SENIORITY, &titled("Engineering Manager")), Some(40));
    assert_eq!(share(SENIORITY, &titled("Software Engineer")), None);
    assert_eq!(share(SENIORITY, &titled("   ")), None);
    assert_eq!(share(SENIORITY, &Lead::default()), None);
    let cto = SENIORITY.judge;
    assert_eq!(
        cto(&titled(" CTO "), now()).unwrap().detail,
        "executive title “CTO”"
    );
}

#[test]
fn customer_tier_ranks_strategic_first_and_ignores_unknown_tiers() {
    let tier = |t| Lead {
        customer_tier: Some(t),
        ..Lead::default()
    };
    assert_eq!(
        share(CUSTOMER_TIER, &tier(CompanyCustomerTier::Strategic)),
        Some(100)
    );
    assert_eq!(
        share(CUSTOMER_TIER, &tier(CompanyCustomerTier::Growth)),
        Some(60)
    );
    assert_eq!(
        share(CUSTOMER_TIER, &tier(CompanyCustomerTier::SelfServe)),
        Some(25)
    );
    let other = tier(CompanyCustomerTier::Other("Partner".into()));
    assert_eq!(share(CUSTOMER_TIER, &other), None);
    assert_eq!(share(CUSTOMER_TIER, &Lead::default()), None);
}

#[test]
fn company_size_grows_with_the_employee_range() {
    let size = |r| Lead {
        employee_range: Some(r),
        ..Lead::default()
    };
    let shares: Vec<_> = [
        CompanyEmployeeRange::N1_10,
        CompanyEmployeeRange::N11_50,
        CompanyEmployeeRange::N51_250,
        CompanyEmployeeRange::N251_1k,
        CompanyEmployeeRange::N1k5k,
        CompanyEmployeeRange::N100k,
    ]
    .into_iter()
    .map(|r| share(COMPANY_SIZE, &size(r)).unwrap())
    .collect();
    assert_eq!(shares, [20, 40, 70, 90, 100, 100]);
    let detail = (COMPANY_SIZE.judge)(&size(CompanyEmployeeRange::N51_250), now());
    assert_eq!(detail.unwrap().detail, "51-250 employees");
    assert_eq!(share(COMPANY_SIZE, &Lead::default()), None);
}

#[test]
fn product_role_ranks_owners_over_members() {
    let role = |r| Lead {
        product_role: Some(r),
        ..Lead::default()
    };
    assert_eq!(
        share(PRODUCT_ROLE, &role(PersonProductRole::Owner)),
        Some(100)
    );
    assert_eq!(
        share(PRODUCT_ROLE, &role(PersonProductRole::Admin)),
        Some(70)
    );
    assert_eq!(
        share(PRODUCT_ROLE, &role(PersonProductRole::Member)),
        Some(30)
    );
    assert_eq!(share(PRODUCT_ROLE, &Lead::default()), None);
}

#[test]
fn recency_fades_over_three_months() {
    let seen = |days| Lead {
        last_seen_at: Some(now() - Duration::days(days)),
        ..Lead::default()
    };
    assert_eq!(share(RECENCY, &seen(0)), Some(100));
    assert_eq!(share(RECENCY, &seen(7)), Some(100));
    assert_eq!(share(RECENCY, &seen(8)), Some(60));
    assert_eq!(share(RECENCY, &seen(30)), Some(60));
    assert_eq!(share(RECENCY, &seen(90)), Some(25));
    assert_eq!(share(RECENCY, &seen(91)), None);
    assert_eq!(
        share(RECENCY, &seen(-3)),
        Some(100),
        "a clock ahead of ours counts as now"
    );
    assert_eq!(share(RECENCY, &Lead::default()), None);
    let detail = (RECENCY.judge)(&seen(12), now()).unwrap().detail;
    assert_eq!(detail, "seen 12 days ago");
}

#[test]
fn plan_takes_the_best_of_the_company_accounts() {
    let plans = |plans: Vec<ProductAccountPlan>| Lead {
        plans,
        ..Lead::default()
    };
    use ProductAccountPlan::*;
    assert_eq!(share(PLAN, &plans(vec![Free])), Some(10));
    assert_eq!(
        share(PLAN, &plans(vec![Starter, Enterprise, Team])),
        Some(100)
    );
    assert_eq!(
        share(PLAN, &plans(vec![Other("Legacy".into()), Team])),
        Some(70)
    );
    assert_eq!(share(PLAN, &plans(vec![])), None);
    let detail = (PLAN.judge)(&plans(vec![Free, Team]), now())
        .unwrap()
        .detail;
    assert_eq!(detail, "Team plan");
}

#[test]
fn a_lead_earning_every_rule_in_full_scores_one_hundred() {
    let lead = Lead {
        job_title: Some("Chief Revenue Officer".into()),
        product_role: Some(PersonProductRole::Owner),
        last_seen_at: Some(now() - Duration::hours(3)),
        customer_tier: Some(CompanyCustomerTier::Strategic),
        employee_range: Some(CompanyEmployeeRange::N5k10k),
        plans: vec![ProductAccountPlan::Enterprise],
    };
    let score = score(&lead, now());
    assert_eq!(score.total, 100);
    let rules: Vec<_> = score.reasons.iter().map(|r| r.rule).collect();
    assert_eq!(
        rules,
        [
            "seniority",
            "customer tier",
            "company size",
            "product role",
            "recency",
            "plan"
        ]
    );
}

#[test]
fn the_total_is_the_sum_of_the_reasons_largest_first() {
    let lead = Lead {
        job_title: Some("Engineering Manager".into()), // 40% of 25 = 10
        product_role: Some(PersonProductRole::Member), // 30% of 15 = 4.5, rounds to 5
        last_seen_at: Some(now() - Duration::days(20)), // 60% of 15 = 9
        customer_tier: Some(CompanyCustomerTier::Growth), // 60% of 20 = 12
        employee_range: None,
        plans: vec![ProductAccountPlan::Free], // 10% of 10 = 1
    };
    let score = score(&lead, now());
    let points: Vec<_> = score.reasons.iter().map(|r| (r.rule, r.points)).collect();
    assert_eq!(
        points,
        [
            ("customer tier", 12),
            ("seniority", 10),
            ("recency", 9),
            ("product role", 5),
            ("plan", 1),
        ]
    );
    assert_eq!(score.total, 37);
}

#[test]
fn a_lead_with_nothing_known_scores_zero_with_no_reasons() {
    let score = score(&Lead::default(), now());
    assert_eq!(score.total, 0);
    assert!(score.reasons.is_empty());
}
