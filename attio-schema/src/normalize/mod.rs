//! How Attio normalises the values whose rules are the world's, not Attio's
//! own: phone numbers (libphonenumber's plans, via `phonenumber`) and domains
//! (the public suffix list, via `psl`). Feature `normalize`; shared by the
//! runtime's value types and the emulator, so both sides agree.

mod domain;
mod phone;

pub use domain::{check_host, domain, NormalDomain};
pub use phone::{phone, NormalPhone};
