//! The conflict policy, as pure functions: given a row's local values, the
//! values Attio holds and the values both sides last agreed on, which value
//! each field ends with and where it must be written.
//!
//! A field changed on one side only always flows to the other side. The
//! policy is asked only about a *conflict*: a field both sides changed, to
//! different values, since they last agreed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The synced fields of a customer, in canonical form (a full name, a job
/// title, an E.164 phone number); `None` is an empty field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fields {
    /// The person's full name.
    pub name: Option<String>,
    /// The person's job title.
    pub job_title: Option<String>,
    /// The person's phone number, E.164 (`+15558675309`).
    pub phone: Option<String>,
}

/// One synced field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// [`Fields::name`].
    Name,
    /// [`Fields::job_title`].
    JobTitle,
    /// [`Fields::phone`].
    Phone,
}

impl Field {
    /// Every synced field.
    pub const ALL: [Field; 3] = [Field::Name, Field::JobTitle, Field::Phone];
}

/// The column's name.
impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Field::Name => "name",
            Field::JobTitle => "job_title",
            Field::Phone => "phone",
        })
    }
}

impl Fields {
    /// The value of `field`.
    pub fn get(&self, field: Field) -> Option<&str> {
        match field {
            Field::Name => self.name.as_deref(),
            Field::JobTitle => self.job_title.as_deref(),
            Field::Phone => self.phone.as_deref(),
        }
    }

    fn set(&mut self, field: Field, value: Option<&str>) {
        let value = value.map(str::to_owned);
        match field {
            Field::Name => self.name = value,
            Field::JobTitle => self.job_title = value,
            Field::Phone => self.phone = value,
        }
    }
}

/// A side of the sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The local `customers` table.
    Local,
    /// Attio's `people` object.
    Attio,
}

/// `the table` or `Attio`.
impl std::fmt::Display for Side {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Side::Local => "the table",
            Side::Attio => "Attio",
        })
    }
}

/// Which side owns each field under [`Policy::FieldOwner`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owners {
    /// The owner of [`Field::Name`].
    pub name: Side,
    /// The owner of [`Field::JobTitle`].
    pub job_title: Side,
    /// The owner of [`Field::Phone`].
    pub phone: Side,
}

impl Default for Owners {
    /// The sales team curates names and titles in Attio; the product knows
    /// the phone number its users verified.
    fn default() -> Owners {
        Owners {
            name: Side::Attio,
            job_title: Side::Attio,
            phone: Side::Local,
        }
    }
}

impl Owners {
    /// The owner of `field`.
    pub fn of(&self, field: Field) -> Side {
        match field {
            Field::Name => self.name,
            Field::JobTitle => self.job_title,
            Field::Phone => self.phone,
        }
    }
}

/// How a conflict is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// The later change wins: the row's `updated_at` against the time
    /// Attio's value of the field last changed (its values' `active_from`
    /// and `active_until`). A tie goes to Attio, so that every replica of
    /// the table settles on the same value.
    LastWriterWins,
    /// Each field has a source of truth, which wins.
    FieldOwner(Owners),
}

/// `last writer wins`, or `field owner (name: Attio, …)`.
impl std::fmt::Display for Policy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Policy::LastWriterWins => f.write_str("last writer wins"),
            Policy::FieldOwner(owners) => {
                let owners: Vec<String> = Field::ALL
                    .iter()
                    .map(|&field| format!("{field}: {}", owners.of(field)))
                    .collect();
                write!(f, "field owner ({})", owners.join(", "))
            }
        }
    }
}

/// When each side last changed a conflicting field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeTimes {
    /// The row's `updated_at`.
    pub local: DateTime<Utc>,
    /// When Attio's value last changed; `None` if Attio has no history for it.
    pub attio: Option<DateTime<Utc>>,
}

impl Policy {
    /// Whether settling a conflict needs [`ChangeTimes`] (which cost Attio a
    /// request per field).
    pub fn needs_times(&self) -> bool {
        matches!(self, Policy::LastWriterWins)
    }

    /// The side whose value of `field` wins a conflict. `times` matter only
    /// to [`Policy::LastWriterWins`], which lets the local value win when
    /// they are unknown rather than drop an edit it cannot date.
    pub fn winner(&self, field: Field, times: Option<ChangeTimes>) -> Side {
        match self {
            Policy::FieldOwner(owners) => owners.of(field),
            Policy::LastWriterWins => match times {
                Some(ChangeTimes {
                    local,
                    attio: Some(attio),
                }) if attio >= local => Side::Attio,
                _ => Side::Local,
            },
        }
    }
}

/// The fields both sides changed, to different values, since `base` (the
/// values they last agreed on; `None` if they never did, when every
/// difference is a conflict).
pub fn conflicts(local: &Fields, attio: &Fields, base: Option<&Fields>) -> Vec<Field> {
    Field::ALL
        .into_iter()
        .filter(|&f| {
            let (l, a) = (local.get(f), attio.get(f));
            l != a && base.is_none_or(|b| b.get(f) != l && b.get(f) != a)
        })
        .collect()
}

/// What reconciling a row comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The values both sides end with.
    pub merged: Fields,
    /// The fields to write to Attio (where `merged` differs from it).
    pub to_attio: Vec<Field>,
    /// The fields to write to the local row.
    pub to_local: Vec<Field>,
}

impl Plan {
    /// Whether both sides already agree.
    pub fn is_noop(&self) -> bool {
        self.to_attio.is_empty() && self.to_local.is_empty()
    }
}

/// Merges field by field: a field changed on one side only takes that
/// side's value; a conflict takes the value of `winner(field)`, which is
/// asked about conflicts only.
pub fn merge(
    local: &Fields,
    attio: &Fields,
    base: Option<&Fields>,
    mut winner: impl FnMut(Field) -> Side,
) -> Plan {
    let conflicting = conflicts(local, attio, base);
    let mut plan = Plan {
        merged: local.clone(),
        to_attio: Vec::new(),
        to_local: Vec::new(),
    };
    for field in Field::ALL {
        let (l, a) = (local.get(field), attio.get(field));
        if l == a {
            continue;
        }
        let local_changed = base.is_none_or(|b| b.get(field) != l);
        let side = if conflicting.contains(&field) {
            winner(field)
        } else if local_changed {
            Side::Local
        } else {
            Side::Attio
        };
        match side {
            Side::Local => plan.to_attio.push(field),
            Side::Attio => {
                plan.merged.set(field, a);
                plan.to_local.push(field);
            }
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn fields(name: &str, job_title: &str, phone: &str) -> Fields {
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        Fields {
            name: opt(name),
            job_title: opt(job_title),
            phone: opt(phone),
        }
    }

    fn at(second: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, second).unwrap()
    }

    fn never_asked(field: Field) -> Side {
        panic!("asked about {field:?}, which is not a conflict")
    }

    #[test]
    fn agreeing_sides_need_nothing() {
        let both = fields("Ada Lovelace", "CTO", "+15550001");
        let plan = merge(&both, &both, Some(&fields("", "", "")), never_asked);
        assert!(plan.is_noop());
        assert_eq!(plan.merged, both);
    }

    #[test]
    fn a_change_on_one_side_flows_to_the_other() {
        let base = fields("Ada Lovelace", "CTO", "+15550001");
        let local = fields("Ada Lovelace", "CTO", "+15550002");
        let attio = fields("Ada Lovelace", "CEO", "+15550001");
        let plan = merge(&local, &attio, Some(&base), never_asked);
        assert_eq!(plan.merged, fields("Ada Lovelace", "CEO", "+15550002"));
        assert_eq!(plan.to_attio, [Field::Phone]);
        assert_eq!(plan.to_local, [Field::JobTitle]);
    }

    #[test]
    fn a_cleared_field_is_a_change_too() {
        let base = fields("Ada Lovelace", "CTO", "+15550001");
        let attio = fields("Ada Lovelace", "", "+15550001");
        let plan = merge(&base, &attio, Some(&base), never_asked);
        assert_eq!(plan.merged.job_title, None);
        assert_eq!(plan.to_local, [Field::JobTitle]);
    }

    #[test]
    fn only_differing_changes_on_both_sides_are_conflicts() {
        let base = fields("Ada", "CTO", "+15550001");
        let local = fields("Ada L", "CEO", "+15550002");
        let attio = fields("Ada K", "CEO", "+15550001");
        assert_eq!(conflicts(&local, &attio, Some(&base)), [Field::Name]);
        // Never agreed: every difference is a conflict.
        assert_eq!(conflicts(&local, &attio, None), [Field::Name, Field::Phone]);
    }

    #[test]
    fn the_winner_of_a_conflict_is_the_policy_s() {
        let base = fields("Ada", "CTO", "");
        let local = fields("Ada", "Founder", "");
        let attio = fields("Ada", "CEO", "");
        let attio_wins = merge(&local, &attio, Some(&base), |_| Side::Attio);
        assert_eq!(attio_wins.merged.job_title.as_deref(), Some("CEO"));
        assert_eq!(
            (attio_wins.to_attio.len(), attio_wins.to_local.len()),
            (0, 1)
        );
        let local_wins = merge(&local, &attio, Some(&base), |_| Side::Local);
        assert_eq!(local_wins.merged.job_title.as_deref(), Some("Founder"));
        assert_eq!(
            (local_wins.to_attio.len(), local_wins.to_local.len()),
            (1, 0)
        );
    }

    #[test]
    fn last_writer_wins_by_timestamp_with_ties_to_attio() {
        let lww = Policy::LastWriterWins;
        let times = |local, attio| {
            Some(ChangeTimes {
                local: at(local),
                attio: Some(at(attio)),
            })
        };
        assert_eq!(lww.winner(Field::Name, times(2, 1)), Side::Local);
        assert_eq!(lww.winner(Field::Name, times(1, 2)), Side::Attio);
        assert_eq!(lww.winner(Field::Name, times(1, 1)), Side::Attio);
        let undated = ChangeTimes {
            local: at(1),
            attio: None,
        };
        assert_eq!(lww.winner(Field::Name, Some(undated)), Side::Local);
        assert!(lww.needs_times());
    }

    #[test]
    fn field_owners_win_whatever_the_times() {
        let owners = Policy::FieldOwner(Owners::default());
        let local_later = Some(ChangeTimes {
            local: at(9),
            attio: Some(at(1)),
        });
        assert_eq!(owners.winner(Field::Name, local_later), Side::Attio);
        assert_eq!(owners.winner(Field::JobTitle, None), Side::Attio);
        assert_eq!(owners.winner(Field::Phone, None), Side::Local);
        assert!(!owners.needs_times());
    }
}
