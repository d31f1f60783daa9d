//! Writes as a newcomer writes them, against the emulator: the record (or
//! list) type inferred from the write model, and stored records passed
//! straight to reference setters.

use super::*;
use attio_runtime::StoredEntry;

#[tokio::test]
async fn creates_and_updates_infer_the_record_type_from_the_write() {
    let (emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    // No `::<Company>`: the write model names its record type.
    let acme = client
        .create_record(Company::write().name("Acme"))
        .await
        .unwrap();
    let _: &Stored<Company> = &acme;
    assert_eq!(acme.values.name.as_deref(), Some("Acme"));

    let renamed = client
        .update_record(&acme.id.record_id, Company::write().name("Acme Inc"))
        .await
        .unwrap();
    assert_eq!(renamed.values.name.as_deref(), Some("Acme Inc"));
    let replaced = client
        .overwrite_record(&acme.id.record_id, Company::write().name("Acme Ltd"))
        .await
        .unwrap();
    assert_eq!(replaced.values.name.as_deref(), Some("Acme Ltd"));

    // Naming the type still compiles, and agrees.
    let named = client
        .create_record::<Company>(Company::write().name("Globex"))
        .await
        .unwrap();
    assert_eq!(named.values.name.as_deref(), Some("Globex"));

    // Entries too: the list is the write's target, from the entry made
    // (no `EntryCreate::<…>`) to its updates.
    let parent = RecordRef::<Company>::from(&acme);
    let entry = client
        .create_entry(
            EntryCreate::new(
                &parent,
                EnterprisePipelineEntry::write()
                    .stage(EnterprisePipelineStage::DiscoveryCall)
                    .next_step("Book a demo"),
            )
            .unwrap(),
        )
        .await
        .unwrap();
    let updated = client
        .update_entry(
            &entry.id.entry_id,
            EnterprisePipelineEntry::write().next_step("Send the MSA"),
        )
        .await
        .unwrap();
    let _: &StoredEntry<EnterprisePipelineEntry> = &updated;
    assert_eq!(
        updated.entry_values.next_step.as_deref(),
        Some("Send the MSA")
    );
    let overwritten = client
        .overwrite_entry(
            &entry.id.entry_id,
            EnterprisePipelineEntry::write().next_step("Sign"),
        )
        .await
        .unwrap();
    assert_eq!(overwritten.entry_values.next_step.as_deref(), Some("Sign"));
    emulator.shutdown().await;
}

#[tokio::test]
async fn stored_records_are_references() {
    let (emulator, client) = support::unlimited(Emulator::builder(), KEY).await;
    let acme = client
        .create_record(Company::write().name("Acme"))
        .await
        .unwrap();
    let ada = client
        .create_record(person("Ada", "Lovelace", "ada@acme.com").company(&acme))
        .await
        .unwrap();
    let bob = client
        .create_record(person("Bob", "Byron", "bob@acme.com").company(&acme.id.record_id))
        .await
        .unwrap();
    for someone in [&ada, &bob] {
        let company = someone.values.company.as_ref().expect("a company");
        assert_eq!(company.record_id(), Some(&acme.id.record_id));
    }

    let deal = client
        .create_record(
            Deal::create(DealRequired {
                name: "Acme renewal".into(),
                owner: ActorRef::workspace_member(MEMBER_ID).unwrap(),
                stage: DealStage::InProgress,
            })
            .associated_company(&acme)
            .associated_people([&ada, &bob]),
        )
        .await
        .unwrap();
    let people: Vec<_> = (deal.values.associated_people.iter())
        .map(|p| p.record_id().cloned())
        .collect();
    assert_eq!(
        people,
        [
            Some(ada.id.record_id.clone()),
            Some(bob.id.record_id.clone())
        ]
    );
    emulator.shutdown().await;
}
