//! Emails as a connected mailbox brings them into Attio: no API creates
//! them, so an emulator is given them when it is built
//! ([`EmulatorBuilder::email`](crate::EmulatorBuilder::email)), and
//! `GET /v2/emails` lists them, linked to the people whose email address
//! takes part and to the companies whose domain does.

use chrono::{DateTime, Utc};

/// One email of the emulated workspace's mailbox.
///
/// ```
/// use attio_emulator::Email;
/// use chrono::{TimeZone, Utc};
///
/// let email = Email::outbound("Proposal", Utc.with_ymd_and_hms(2026, 10, 5, 9, 0, 0).unwrap())
///     .from("ada@emulator.attio.dev", "Ada")
///     .to("grace@acme.com", "Grace");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Email {
    pub(crate) id: String,
    pub(crate) subject: Option<String>,
    pub(crate) inbound: bool,
    pub(crate) sent_at: DateTime<Utc>,
    /// `(role, address, name)`.
    pub(crate) participants: Vec<(&'static str, String, Option<String>)>,
}

impl Email {
    /// An email sent from the workspace.
    pub fn outbound(subject: &str, sent_at: DateTime<Utc>) -> Email {
        Email::new(subject, false, sent_at)
    }

    /// An email received by the workspace.
    pub fn inbound(subject: &str, sent_at: DateTime<Utc>) -> Email {
        Email::new(subject, true, sent_at)
    }

    fn new(subject: &str, inbound: bool, sent_at: DateTime<Utc>) -> Email {
        Email {
            id: crate::store::new_id(),
            subject: Some(subject.to_owned()).filter(|s| !s.is_empty()),
            inbound,
            sent_at,
            participants: Vec::new(),
        }
    }

    fn with(mut self, role: &'static str, address: &str, name: &str) -> Self {
        let name = Some(name.to_owned()).filter(|n| !n.is_empty());
        self.participants
            .push((role, address.to_ascii_lowercase(), name));
        self
    }

    /// Its sender (an empty `name` for none).
    pub fn from(self, address: &str, name: &str) -> Self {
        self.with("from", address, name)
    }

    /// A recipient.
    pub fn to(self, address: &str, name: &str) -> Self {
        self.with("to", address, name)
    }

    /// A recipient in copy.
    pub fn cc(self, address: &str, name: &str) -> Self {
        self.with("cc", address, name)
    }

    /// A recipient in blind copy.
    pub fn bcc(self, address: &str, name: &str) -> Self {
        self.with("bcc", address, name)
    }
}
