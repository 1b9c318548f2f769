//! The memorandum workflow and its allowed transitions:
//!
//! ```text
//! draft ──approve──▶ approved ──first signature──▶ signing ──last signature──▶ signed ──archive──▶ archived
//!   ▲                    │                            │
//!   └────── reopen ──────┴────────── reopen ──────────┘   (a new draft revision; signatures on
//!                                                         the old PDF no longer apply)
//! ```

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Draft,
    Approved,
    Signing,
    Signed,
    Archived,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Draft,
        Status::Approved,
        Status::Signing,
        Status::Signed,
        Status::Archived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Approved => "approved",
            Status::Signing => "signing",
            Status::Signed => "signed",
            Status::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Save a new revision of the text.
    Edit,
    /// Freeze the text of a draft.
    Approve,
    /// Back to draft, as a new revision.
    Reopen,
    /// A signature that leaves others still to sign.
    Sign,
    /// The last required signature.
    CompleteSigning,
    /// Put a signed memorandum in the archive.
    Archive,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Edit => "edit",
            Action::Approve => "approve",
            Action::Reopen => "reopen",
            Action::Sign => "sign",
            Action::CompleteSigning => "complete signing",
            Action::Archive => "archive",
        }
    }
}

/// Why a transition is refused, in words a user understands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot {} a memorandum that is {from}: {hint}", action.as_str())]
pub struct Refused {
    pub action: Action,
    pub from: Status,
    pub hint: &'static str,
}

/// The status after `action`, or why it is not allowed from `from`.
pub fn transition(from: Status, action: Action) -> Result<Status, Refused> {
    use Action as A;
    use Status as S;
    let to = match (from, action) {
        (S::Draft, A::Edit) => S::Draft,
        (S::Draft, A::Approve) => S::Approved,
        (S::Approved | S::Signing, A::Reopen) => S::Draft,
        (S::Approved | S::Signing, A::Sign) => S::Signing,
        (S::Approved | S::Signing, A::CompleteSigning) => S::Signed,
        (S::Signed, A::Archive) => S::Archived,
        _ => {
            let hint = match (from, action) {
                (_, A::Edit) => "only a draft can be edited; reopen it first",
                (_, A::Approve) => "only a draft can be approved",
                (S::Draft, A::Reopen) => "it is already a draft",
                (_, A::Reopen) => "a signed or archived memorandum is final",
                (S::Draft, A::Sign | A::CompleteSigning) => "approve it first",
                (_, A::Sign | A::CompleteSigning) => "it is already fully signed",
                (_, A::Archive) => "only a signed memorandum can be archived",
            };
            return Err(Refused { action, from, hint });
        }
    };
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_happy_path() {
        let mut s = Status::Draft;
        for action in [
            Action::Edit,
            Action::Approve,
            Action::Sign,
            Action::CompleteSigning,
            Action::Archive,
        ] {
            s = transition(s, action).unwrap();
        }
        assert_eq!(s, Status::Archived);
    }

    #[test]
    fn reopening_returns_to_draft_from_approved_and_signing_only() {
        assert_eq!(
            transition(Status::Approved, Action::Reopen),
            Ok(Status::Draft)
        );
        assert_eq!(
            transition(Status::Signing, Action::Reopen),
            Ok(Status::Draft)
        );
        for from in [Status::Draft, Status::Signed, Status::Archived] {
            assert!(transition(from, Action::Reopen).is_err(), "{from}");
        }
    }

    #[test]
    fn only_drafts_are_edited_and_the_refusal_says_what_to_do() {
        for from in [
            Status::Approved,
            Status::Signing,
            Status::Signed,
            Status::Archived,
        ] {
            let err = transition(from, Action::Edit).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("cannot edit a memorandum that is {from}: only a draft can be edited; reopen it first")
            );
        }
    }

    #[test]
    fn every_status_round_trips_through_its_name() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Status::parse("lost"), None);
    }
}
