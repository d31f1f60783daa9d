//! Emails and the sequence unsubscribe list end to end: emails given to
//! the emulator as a mailbox brings them, listed through the runtime's
//! typed call newest first, linked to the person and the company taking
//! part, narrowed by each filter; addresses unsubscribed twice keep their
//! first date; an invalid address is refused.

use attio_emulator::{Email, Emulator};
use attio_runtime::api::emails::EmailQuery;
use attio_runtime::api::meetings::RecordLink;
use attio_runtime::chrono::{TimeZone, Utc};
use attio_runtime::value::{Domain, EmailAddress, PersonalName};
use attio_runtime::ErrorKind;
use attio_tests::support;
use attio_tests::workspace::*;

const KEY: &str = "emulator-test-key-0123456789";

#[tokio::test]
async fn emails_are_listed_linked_and_filtered_and_addresses_unsubscribed() {
    let at = |day| Utc.with_ymd_and_hms(2026, 10, day, 9, 0, 0).unwrap();
    let builder = Emulator::builder()
        .email(
            Email::outbound("Proposal", at(1))
                .from("ada@emulator.attio.dev", "Ada")
                .to("grace@acme.com", "Grace"),
        )
        .email(Email::inbound("Your invoice", at(2)).from("noreply@billing.example", ""))
        .email(
            Email::inbound("Re: Proposal", at(3))
                .from("grace@acme.com", "Grace")
                .cc("bob@globex.com", ""),
        );
    let (_emulator, client) = support::unlimited(builder, KEY).await;
    let acme = client
        .create_record::<Company>(
            Company::write()
                .name("Acme")
                .domains([Domain::new("acme.com").unwrap()]),
        )
        .await
        .unwrap();
    let grace = client
        .create_record::<Person>(
            Person::write()
                .name(PersonalName::new("Grace", "Hopper"))
                .email_addresses([EmailAddress::new("grace@acme.com").unwrap()]),
        )
        .await
        .unwrap();

    let subjects = |emails: Vec<attio_runtime::api::emails::Email>| {
        emails
            .into_iter()
            .map(|e| e.subject_line.unwrap_or_default())
            .collect::<Vec<_>>()
    };
    let all = client.list_emails(&EmailQuery::new()).await.unwrap();
    assert_eq!(all[0].direction, "inbound");
    assert_eq!(all[0].participants[1].email_domain, "globex.com");
    let linked: Vec<_> = all[0]
        .linked_records
        .iter()
        .map(|l| l.record_id.clone())
        .collect();
    assert_eq!(
        linked,
        [grace.id.record_id.clone(), acme.id.record_id.clone()]
    );
    assert_eq!(subjects(all), ["Re: Proposal", "Your invoice", "Proposal"]);

    let of_acme = EmailQuery::new().linked(RecordLink::to::<Company>(&acme.id.record_id));
    assert_eq!(
        subjects(client.list_emails(&of_acme).await.unwrap()),
        ["Re: Proposal", "Proposal"]
    );
    let with_bob = EmailQuery::new().participant("BOB@globex.com");
    assert_eq!(
        subjects(client.list_emails(&with_bob).await.unwrap()),
        ["Re: Proposal"]
    );
    let billing = EmailQuery::new().domain("billing.example");
    assert_eq!(
        subjects(client.list_emails(&billing).await.unwrap()),
        ["Your invoice"]
    );
    let window = EmailQuery::new().sent_after(at(1)).sent_before(at(3));
    assert_eq!(
        subjects(client.list_emails(&window).await.unwrap()),
        ["Your invoice"]
    );
    let people = EmailQuery::new().exclude_automated();
    assert_eq!(client.list_emails(&people).await.unwrap().len(), 2);

    let first = client
        .add_unsubscribed_emails(&["Grace@acme.com"])
        .await
        .unwrap();
    assert_eq!(first[0].email_address, "grace@acme.com");
    let again = client
        .add_unsubscribed_emails(&["grace@acme.com", "bob@globex.com"])
        .await
        .unwrap();
    assert_eq!(again.len(), 2);
    assert_eq!(again[0].created_at, first[0].created_at);
    let refused = client
        .add_unsubscribed_emails(&["not an address"])
        .await
        .unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Validation);
}
