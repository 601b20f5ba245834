"""Named refusals for tender evaluation; the doors map them like any CRPError (message + hint)."""

from __future__ import annotations

from crp_checker.store.errors import StoreError


class TenderError(StoreError):
    """Base class: a tender request was refused."""

    code = "tender"
    http_status = 400
    default_hint = "Check the tender's details and try again."


class InvalidTenderError(TenderError):
    """A tender field is missing or out of range (title, reference, weight, scale, settings)."""

    code = "invalid_tender"
    http_status = 422
    default_hint = "Correct the highlighted field and save the tender again."

    def __init__(self, message: str, hint: str | None = None, *, field: str | None = None) -> None:
        super().__init__(message, hint)
        self.field = field  # the form field at fault, so the page can highlight it


class TenderFinalisedError(TenderError):
    """The tender is finalised: it is the record of the evaluation and can no longer change."""

    code = "tender_finalised"
    http_status = 409
    default_hint = (
        "A finalised tender is kept exactly as it was decided. To evaluate again, create a new "
        "tender with the same reference."
    )


class DuplicateBidderError(TenderError):
    """Another current bid in this tender already has this bidder's name."""

    code = "duplicate_bidder"
    http_status = 409
    default_hint = "Withdraw the earlier bid first, or give this bidder a distinguishing name."


class InvalidModerationError(TenderError):
    """A moderation without a reason, for a rule the assessment lacks, or that changes nothing."""

    code = "invalid_moderation"
    http_status = 422
    default_hint = (
        "Choose a finding of this bid, a new outcome different from its current one, and say "
        "why: the reason is kept in the tender's audit log."
    )


class PendingGateError(TenderError):
    """A bid's gate still waits for an evaluator's decision, so the tender cannot be finalised."""

    code = "gate_pending"
    http_status = 409
    default_hint = (
        "Moderate each mandatory finding marked 'needs review' to pass or fail, then finalise."
    )


class OpenQuestionsError(TenderError):
    """A bid still has a question of the checker's open, so the tender cannot be finalised."""

    code = "open_questions"
    http_status = 409
    default_hint = (
        "Answer each open question on the review page (confirm the reading, correct the fact, "
        "or set the outcome with a reason), then finalise."
    )
