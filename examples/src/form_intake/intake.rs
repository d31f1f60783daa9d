//! What a valid submission writes to Attio: the company upserted by
//! domain, the person upserted by email and linked to it, and the message
//! as a note on the person. Written against [`AttioApi`], so that it is
//! unit-tested with a double.

use attio_runtime::api::notes::NoteFormat;
use attio_runtime::value::RecordRef;
use attio_runtime::RecordId;
use attio_runtime::{AttioApi, Error};

use super::form::Submission;
use crate::attio::{Company, CompanyWrite, Person, PersonWrite};

/// The records a submission was saved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The company, new or matched by domain.
    pub company: RecordId,
    /// The person, new or matched by email.
    pub person: RecordId,
}

/// Saves `submission`: upserts the company, then the person linked to it,
/// then adds the message as a note.
///
/// Upserts make a returning visitor (same email, or a colleague from the
/// same domain) update the records already there instead of adding
/// duplicates, and make posting again after a failure safe. Notes add up:
/// each message posted is one note.
pub async fn submit(api: &impl AttioApi, submission: &Submission) -> Result<Receipt, Error> {
    let company = api
        .upsert_record(Company::DOMAINS, company_write(submission))
        .await?;
    let company = company.id.record_id;
    let person = api
        .upsert_record(Person::EMAIL_ADDRESSES, person_write(submission, &company))
        .await?;
    let person = person.id.record_id;
    let title = note_title(submission);
    api.create_note::<Person>(&person, &title, &submission.message, NoteFormat::Plaintext)
        .await?;
    Ok(Receipt { company, person })
}

/// The company's write: its domain, and its name as the visitor typed it
/// (which, on a match, replaces the name Attio has: the visitor is taken
/// to know their company's name best).
pub fn company_write(submission: &Submission) -> CompanyWrite {
    Company::write()
        .name(submission.company_name.clone())
        .domains([submission.domain.clone()])
}

/// The person's write: name, email, job title and company, and the phone
/// number only when one was given.
///
/// On a match Attio adds the email (the matching attribute) to the
/// person's addresses but replaces their phone numbers with the written
/// ones, so leaving the phone out keeps the numbers already on record.
pub fn person_write(submission: &Submission, company: &RecordId) -> PersonWrite {
    let write = Person::write()
        .name(submission.name.clone())
        .email_addresses([submission.email.clone()])
        .job_title(submission.job_title.clone())
        .company(RecordRef::<Company>::new(company.clone()));
    match &submission.phone {
        Some(phone) => write.phone_numbers([phone.clone()]),
        None => write,
    }
}

/// The note's title, naming where it came from and who sent it.
pub fn note_title(submission: &Submission) -> String {
    format!("Website form: message from {}", submission.name)
}

#[cfg(test)]
#[path = "intake_tests.rs"]
mod tests;
