//! The legal moves of an offer in one table: [`Move`] names each action once (the table, the stored event, its
//! label and History kind, the wire's request and buttons), [`Approval`] is what the table needs to know of the
//! template's approval steps, and [`transition`] says where a status goes with a move, or that it cannot.

use crate::db::stored::{text_column, StoredName};
use crate::error::CoreError;
use crate::history::HistoryKind;
use diesel::sql_types::Text;
use hiredesk_wire::{ErrorKind, OfferAction, OfferActionKind, OfferStatus};

/// One action in an offer's life, and the one name for it: [`transition`] checks it, `offer_events.action` stores
/// it, [View History] shows its [`Move::label`] and History records its [`Move::history_kind`]. The wire's two
/// forms convert to and from it: the request (`OfferAction`, which adds what a move carries: a comment, the
/// answer's date) and the buttons (`OfferActionKind`, where accepting and declining are one Record Response).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, diesel::AsExpression, diesel::FromSqlRow)]
#[diesel(sql_type = Text)]
pub enum Move {
    /// A new Draft: the first version at \[Save\], or the next one after a declined, rescinded or expired offer.
    Generate,
    /// \[Save\] on a draft.
    Edit,
    RequestApproval,
    /// One approval step.
    Approve,
    Send,
    /// The job seeker's answer.
    Accept,
    Decline,
    Rescind,
    /// Past its expiry date without an answer (the scheduler, not a user).
    Expire,
}

impl Move {
    pub const ALL: [Move; 9] = [
        Move::Generate,
        Move::Edit,
        Move::RequestApproval,
        Move::Approve,
        Move::Send,
        Move::Accept,
        Move::Decline,
        Move::Rescind,
        Move::Expire,
    ];

    /// The name stored in `offer_events.action` (the migration's CHECK lists the same).
    pub const fn as_str(self) -> &'static str {
        match self {
            Move::Generate => "generated",
            Move::Edit => "edited",
            Move::RequestApproval => "approval_requested",
            Move::Approve => "approved",
            Move::Send => "sent",
            Move::Accept => "accepted",
            Move::Decline => "declined",
            Move::Rescind => "rescinded",
            Move::Expire => "expired",
        }
    }

    /// What [View History] calls it.
    pub const fn label(self) -> &'static str {
        match self {
            Move::Generate => "Generated",
            Move::Edit => "Edited",
            Move::RequestApproval => "Approval requested",
            Move::Approve => "Approved",
            Move::Send => "Sent",
            Move::Accept => "Accepted",
            Move::Decline => "Declined",
            Move::Rescind => "Rescinded",
            Move::Expire => "Expired",
        }
    }

    /// The kind of its History entry.
    pub const fn history_kind(self) -> HistoryKind {
        match self {
            Move::Generate => HistoryKind::OfferGenerated,
            Move::Edit => HistoryKind::OfferEdited,
            Move::RequestApproval => HistoryKind::OfferApprovalRequested,
            Move::Approve => HistoryKind::OfferApproved,
            Move::Send => HistoryKind::OfferSent,
            Move::Accept => HistoryKind::OfferAccepted,
            Move::Decline => HistoryKind::OfferDeclined,
            Move::Rescind => HistoryKind::OfferRescinded,
            Move::Expire => HistoryKind::OfferExpired,
        }
    }

    /// The button that takes it. \[Save\] edits a draft and generates the first version, and expiry is the
    /// scheduler's, so those have none; a new version after an ended offer is [Send New Offer].
    pub const fn button(self) -> Option<OfferActionKind> {
        match self {
            Move::Generate => Some(OfferActionKind::SendNewOffer),
            Move::RequestApproval => Some(OfferActionKind::RequestApproval),
            Move::Approve => Some(OfferActionKind::Approve),
            Move::Send => Some(OfferActionKind::Send),
            Move::Accept | Move::Decline => Some(OfferActionKind::RecordResponse),
            Move::Rescind => Some(OfferActionKind::Rescind),
            Move::Edit | Move::Expire => None,
        }
    }

    /// How a refusal names an attempt at it: "Sending is not possible while the offer is draft."
    const fn attempt(self) -> &'static str {
        match self {
            Move::Generate => "Starting a new offer",
            Move::Edit => "Editing",
            Move::RequestApproval => "Requesting approval",
            Move::Approve => "Approving",
            Move::Send => "Sending",
            Move::Accept | Move::Decline => "Recording a response",
            Move::Rescind => "Rescinding",
            Move::Expire => "Expiring",
        }
    }
}

impl From<&OfferAction> for Move {
    fn from(action: &OfferAction) -> Self {
        match action {
            OfferAction::RequestApproval => Move::RequestApproval,
            OfferAction::Approve => Move::Approve,
            OfferAction::Send => Move::Send,
            OfferAction::Rescind { .. } => Move::Rescind,
            OfferAction::RecordResponse { accepted: true, .. } => Move::Accept,
            OfferAction::RecordResponse { accepted: false, .. } => Move::Decline,
            OfferAction::SendNewOffer => Move::Generate,
        }
    }
}

impl StoredName for Move {
    const WHAT: &'static str = "offer action";

    fn stored_name(self) -> &'static str {
        self.as_str()
    }

    fn from_stored_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|step| step.as_str() == name)
    }
}

text_column!(Move);

/// The approval an offer's template asks for, as [`transition`] needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Approval {
    /// The template names approvers (or the offer has steps already): it is approved before it is sent.
    pub needed: bool,
    /// Approval steps not approved yet: the last one approves the offer.
    pub open_steps: usize,
}

impl Approval {
    /// An offer whose template names no approver.
    pub const NOT_NEEDED: Approval = Approval { needed: false, open_steps: 0 };
}

/// Where `from` goes with `step`, or `None` when the move is not allowed.
pub fn transition(from: OfferStatus, step: Move, approval: Approval) -> Option<OfferStatus> {
    use OfferStatus::*;
    match (from, step) {
        (Draft, Move::Edit) => Some(Draft),
        (Draft, Move::RequestApproval) if approval.needed => Some(PendingApproval),
        (PendingApproval, Move::Approve) => match approval.open_steps {
            0 => None,
            1 => Some(Approved),
            _ => Some(PendingApproval),
        },
        (Draft, Move::Send) if !approval.needed => Some(Sent),
        (Approved, Move::Send) => Some(Sent),
        (PendingApproval | Approved | Sent | Accepted, Move::Rescind) => Some(Rescinded),
        (Sent, Move::Accept) => Some(Accepted),
        (Sent, Move::Decline) => Some(Declined),
        (Sent, Move::Expire) => Some(Expired),
        (Declined | Rescinded | Expired, Move::Generate) => Some(Draft),
        _ => None,
    }
}

/// The refusal of a move the table does not allow from `status`.
pub(super) fn refused(status: OfferStatus, step: Move) -> CoreError {
    CoreError::user(
        ErrorKind::Conflict,
        format!("{} is not possible while the offer is {}.", step.attempt(), status.label().to_lowercase()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use OfferStatus::*;

    /// Every move with the open approval steps it is tried with: an approval once with a step left after it (2)
    /// and once as the last one (1); no other move depends on the number.
    const TRIED: [(Move, usize); 10] = [
        (Move::Edit, 1),
        (Move::RequestApproval, 1),
        (Move::Approve, 2),
        (Move::Approve, 1),
        (Move::Send, 1),
        (Move::Rescind, 1),
        (Move::Accept, 1),
        (Move::Decline, 1),
        (Move::Expire, 1),
        (Move::Generate, 1),
    ];

    type Legal = (OfferStatus, Move, usize, OfferStatus);

    fn sorted(mut moves: Vec<Legal>) -> Vec<Legal> {
        moves.sort_by_key(|(from, step, open, _)| (from.as_str(), step.as_str(), *open));
        moves
    }

    fn legal(needed: bool) -> Vec<Legal> {
        sorted(
            OfferStatus::ALL
                .iter()
                .flat_map(|from| TRIED.iter().map(move |(step, open)| (*from, *step, *open)))
                .filter_map(|(from, step, open_steps)| {
                    transition(from, step, Approval { needed, open_steps }).map(|to| (from, step, open_steps, to))
                })
                .collect(),
        )
    }

    #[test]
    fn every_legal_move_and_nothing_else() {
        let expected_without = sorted(vec![
            (Accepted, Move::Rescind, 1, Rescinded),
            (Approved, Move::Rescind, 1, Rescinded),
            (Approved, Move::Send, 1, Sent),
            (Declined, Move::Generate, 1, Draft),
            (Draft, Move::Edit, 1, Draft),
            (Draft, Move::Send, 1, Sent),
            (Expired, Move::Generate, 1, Draft),
            (PendingApproval, Move::Approve, 2, PendingApproval),
            (PendingApproval, Move::Approve, 1, Approved),
            (PendingApproval, Move::Rescind, 1, Rescinded),
            (Rescinded, Move::Generate, 1, Draft),
            (Sent, Move::Expire, 1, Expired),
            (Sent, Move::Rescind, 1, Rescinded),
            (Sent, Move::Accept, 1, Accepted),
            (Sent, Move::Decline, 1, Declined),
        ]);
        assert_eq!(legal(false), expected_without);
        // With approvers a draft cannot be sent directly; it asks for approval instead.
        let mut expected_with: Vec<_> =
            expected_without.into_iter().filter(|(from, step, ..)| !(*from == Draft && *step == Move::Send)).collect();
        expected_with.push((Draft, Move::RequestApproval, 1, PendingApproval));
        assert_eq!(legal(true), sorted(expected_with));
        // With no step left open there is nothing to approve.
        assert_eq!(transition(PendingApproval, Move::Approve, Approval { needed: true, open_steps: 0 }), None);
    }

    #[test]
    fn ended_offers_take_no_action_but_a_new_version() {
        for ended in [Declined, Rescinded, Expired] {
            for (step, open_steps) in TRIED.into_iter().filter(|(step, _)| *step != Move::Generate) {
                for needed in [false, true] {
                    assert_eq!(transition(ended, step, Approval { needed, open_steps }), None, "{ended:?} {step:?}");
                }
            }
        }
    }

    #[test]
    fn every_move_has_one_stored_name_label_and_history_kind() {
        let mut names = std::collections::HashSet::new();
        for step in Move::ALL {
            assert!(names.insert(step.as_str()), "{step:?}");
            assert_eq!(Move::from_stored_name(step.as_str()), Some(step));
            assert!(step.history_kind().as_str().starts_with("offer_"), "{step:?}");
            assert_eq!(step.history_kind().label(), format!("Offer {}", step.label().to_lowercase()));
        }
        assert_eq!(Move::decode("teleported").expect_err("unknown").what, "offer action");
    }

    #[test]
    fn the_wire_requests_and_buttons_are_the_same_moves() {
        let requests = [
            OfferAction::RequestApproval,
            OfferAction::Approve,
            OfferAction::Send,
            OfferAction::Rescind { comment: String::new() },
            OfferAction::RecordResponse { accepted: true, date: String::new(), comment: String::new() },
            OfferAction::RecordResponse { accepted: false, date: String::new(), comment: String::new() },
            OfferAction::SendNewOffer,
        ];
        let moves: Vec<Move> = requests.iter().map(Move::from).collect();
        assert_eq!(
            moves,
            [
                Move::RequestApproval,
                Move::Approve,
                Move::Send,
                Move::Rescind,
                Move::Accept,
                Move::Decline,
                Move::Generate
            ]
        );
        // A request's move is taken with the button that sent it: every button is some move's, once.
        let mut buttons: Vec<OfferActionKind> = moves.iter().filter_map(|step| step.button()).collect();
        buttons.dedup();
        assert_eq!(
            buttons,
            [
                OfferActionKind::RequestApproval,
                OfferActionKind::Approve,
                OfferActionKind::Send,
                OfferActionKind::Rescind,
                OfferActionKind::RecordResponse,
                OfferActionKind::SendNewOffer,
            ]
        );
    }
}
