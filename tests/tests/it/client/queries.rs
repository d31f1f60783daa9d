//! Queries: filters, sorts and pages, and every filter family on records
//! made for it.

use super::*;

#[tokio::test]
async fn queries_filter_sort_and_paginate() {
    let (emulator, client) = start().await;
    for (i, title) in [
        "CTO", "CEO", "Engineer", "Engineer", "Designer", "CFO", "Engineer",
    ]
    .iter()
    .enumerate()
    {
        client
            .create_record::<Person>(
                person(&format!("P{i}"), "Test", &format!("p{i}@acme.com")).job_title(*title),
            )
            .await
            .unwrap();
    }
    // Pages of 2: four requests for seven records.
    let all: Vec<Stored<Person>> = client
        .query_records(
            Query::<Person>::new()
                .sort(Person::EMAIL_ADDRESSES.asc())
                .limit(2),
        )
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 7);
    let first_emails: Vec<&str> = all.iter().map(|p| emails(p)[0]).collect();
    assert_eq!(first_emails[0], "p0@acme.com");

    let engineers: Vec<Stored<Person>> = client
        .query_records(Query::new().filter(Person::JOB_TITLE.eq("Engineer")))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(engineers.len(), 3);

    let chiefs: Vec<Stored<Person>> = client
        .query_records(Query::new().filter(Filter::or([
            Person::JOB_TITLE.starts_with("C"),
            Person::JOB_TITLE.contains("sign"),
        ])))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(chiefs.len(), 4);

    let ids: Vec<RecordId> = all
        .iter()
        .rev()
        .take(3)
        .map(|p| p.id.record_id.clone())
        .collect();
    let many = client.get_records::<Person>(&ids).await.unwrap();
    let got: Vec<&RecordId> = many.iter().map(|p| &p.id.record_id).collect();
    assert_eq!(got, ids.iter().collect::<Vec<_>>());
    emulator.shutdown().await;
}

/// Projects with a number, a date, a rating, a checkbox, a select, a
/// status and a reference, for the filter families.
async fn projects(client: &Client) -> (Stored<Company>, Vec<Stored<Project>>) {
    let acme = client
        .create_record::<Company>(
            Company::write()
                .name("Acme")
                .domains([Domain::new("acme.com").unwrap()]),
        )
        .await
        .unwrap();
    let mut created = Vec::new();
    for (i, (hours, deadline, health, billable)) in [
        (10.0, "2025-01-15", 2, true),
        (40.0, "2025-03-01", 4, false),
        (80.0, "2025-06-30", 5, true),
    ]
    .into_iter()
    .enumerate()
    {
        let mut write = Project::create(ProjectRequired {
            code: format!("P-{i}"),
            name: format!("Project {i}"),
            phase: ProjectPhase::InProgress,
        })
        .budget_hours(hours)
        .deadline(
            deadline
                .parse::<attio_runtime::chrono::NaiveDate>()
                .unwrap(),
        )
        .health(attio_runtime::value::Rating::new(health).unwrap())
        .billable(billable)
        .priority(if i == 0 {
            ProjectPriority::P1High
        } else {
            ProjectPriority::P2Normal
        });
        if i > 0 {
            write = write.client(RecordRef::<Company>::new(acme.id.record_id.clone()));
        }
        created.push(client.create_record::<Project>(write).await.unwrap());
    }
    (acme, created)
}

#[tokio::test]
async fn every_filter_family_selects_what_it_says() {
    let (emulator, client) = start().await;
    let (acme, projects) = projects(&client).await;
    let codes = |found: Vec<Stored<Project>>| -> Vec<String> {
        let mut codes: Vec<String> = found.into_iter().filter_map(|p| p.values.code).collect();
        codes.sort();
        codes
    };
    let run = |filter: Filter<Project>| {
        let client = &client;
        async move {
            let found: Vec<Stored<Project>> = client
                .query_records(Query::new().filter(filter))
                .try_collect()
                .await
                .unwrap();
            codes(found)
        }
    };
    use attio_runtime::chrono::NaiveDate;
    let date = |s: &str| s.parse::<NaiveDate>().unwrap();
    // Comparisons: number, date, rating.
    assert_eq!(run(Project::BUDGET_HOURS.gte(40.0)).await, ["P-1", "P-2"]);
    assert_eq!(run(Project::BUDGET_HOURS.lt(40.0)).await, ["P-0"]);
    assert_eq!(
        run(Project::DEADLINE.between(date("2025-02-01"), date("2025-06-30"))).await,
        ["P-1", "P-2"]
    );
    assert_eq!(
        run(Project::HEALTH.gt(attio_runtime::value::Rating::new(4).unwrap())).await,
        ["P-2"]
    );
    // Equality: checkbox, select, status; text `$in`.
    assert_eq!(run(Project::BILLABLE.eq(true)).await, ["P-0", "P-2"]);
    assert_eq!(
        run(Project::PRIORITY.eq(ProjectPriority::P2Normal)).await,
        ["P-1", "P-2"]
    );
    assert_eq!(
        run(Project::PHASE.eq(ProjectPhase::InProgress)).await.len(),
        3
    );
    assert_eq!(
        run(Project::CODE.is_in(["P-0", "P-2", "P-9"])).await,
        ["P-0", "P-2"]
    );
    // References: by record, and by ids.
    let acme_ref = RecordRef::<Company>::new(acme.id.record_id.clone());
    assert_eq!(
        run(Project::CLIENT.references(&acme_ref)).await,
        ["P-1", "P-2"]
    );
    assert_eq!(
        run(Project::RECORD_ID.is_in([projects[0].id.record_id.as_str()])).await,
        ["P-0"]
    );
    // Logic: and, or, not.
    assert_eq!(
        run(Project::BILLABLE.eq(true) & Project::BUDGET_HOURS.gt(20.0)).await,
        ["P-2"]
    );
    assert_eq!(
        run(Project::BUDGET_HOURS.lt(20.0)
            | Project::HEALTH.eq(attio_runtime::value::Rating::new(4).unwrap()))
        .await,
        ["P-0", "P-1"]
    );
    assert_eq!(run(!Project::BILLABLE.eq(true)).await, ["P-1"]);
    // Composite values: a property of an email address or domain.
    client
        .create_record::<Person>(person("Ada", "Lovelace", "ada@lovelace.org"))
        .await
        .unwrap();
    let by_domain: Vec<Stored<Person>> = client
        .query_records(
            Query::new().filter(Person::EMAIL_ADDRESSES.email_domain().eq("lovelace.org")),
        )
        .try_collect()
        .await
        .unwrap();
    assert_eq!(by_domain.len(), 1);
    let with_domain: Vec<Stored<Company>> = client
        .query_records(Query::new().filter(Company::DOMAINS.not_empty()))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(with_domain.len(), 1);
    emulator.shutdown().await;
}
