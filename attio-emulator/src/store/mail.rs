//! The mailbox's emails and the addresses unsubscribed from sequences.

use crate::mailbox::Email;

/// What the emulator holds for `GET /v2/emails` and sequences.
#[derive(Debug)]
pub(crate) struct Mail {
    /// The one mailbox every email is in.
    pub mailbox_id: String,
    pub emails: Vec<Email>,
    /// `(email address, created_at)`, in the order they were unsubscribed.
    pub unsubscribed: Vec<(String, String)>,
}

impl Default for Mail {
    fn default() -> Self {
        Mail {
            mailbox_id: super::new_id(),
            emails: Vec::new(),
            unsubscribed: Vec::new(),
        }
    }
}
