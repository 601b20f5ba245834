"""Clarification letters and re-submitted plans: what to ask a bidder, recording the letter, and
how the next plan version compares with the one asked about.

A letter lists each mandatory requirement that fails or is uncertain (after moderation) with the
quotes and pages it rests on, or "not found in the plan", and what the bidder must send. Its
items are kept as sent, so the letter on file never changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from crp_checker.report.changes import Changes, compare
from crp_checker.schemas import Assessment, Outcome, Severity
from crp_checker.store.models import User, utcnow
from crp_checker.store.tender_models import Bid, BidVersion, Clarification, Moderation
from crp_checker.tenders.errors import InvalidTenderError, TenderError
from crp_checker.tenders.results import EffectiveResult, effective_result
from crp_checker.tenders.service import bid_result, require_draft

ASKED = (Outcome.FAIL, Outcome.NEEDS_REVIEW)
NOT_FOUND = "Not found in the plan."
DEFAULT_REPLY_DAYS = 10
MAX_REPLY_DAYS = 366
GENERIC_REQUEST = (
    "Send the information this requirement asks for, and say on which page of your plan it is."
)


def _request(outcome: Outcome, fix: str | None, question: str | None, concern: str | None) -> str:
    """What the bidder must send: the finding's question or fix, or the evaluator's concern
    when the evaluator made the requirement fail or uncertain."""
    if outcome is Outcome.NEEDS_REVIEW and question:
        return f"Please answer: {question}" + (f" {fix}" if fix else "")
    if concern:
        return f"Please clarify: {concern.rstrip('.')}." + (f" {fix}" if fix else "")
    return fix or GENERIC_REQUEST


def clarification_items(result: EffectiveResult) -> list[dict[str, Any]]:
    """The failed or uncertain mandatory requirements of a bid's result, as a letter lists them:
    rule, title, outcome, grounds, message, quotes (page and text) and the request."""
    items = []
    for effective in result.findings:
        finding = effective.finding
        if finding.severity is not Severity.MANDATORY or effective.outcome not in ASKED:
            continue
        items.append(
            {
                "rule": finding.rule,
                "title": finding.title,
                "outcome": effective.outcome.value,
                "grounds": list(finding.serves),
                "message": finding.message,
                "quotes": [{"page": ev.page, "quote": ev.quote} for ev in finding.evidence],
                "request": _request(
                    effective.outcome,
                    finding.fix,
                    finding.question,
                    effective.moderation.reason if effective.moderation else None,
                ),
            }
        )
    return items


def default_reply_by(today: dt.date | None = None) -> dt.date:
    """The reply-by date the form suggests: ten days on."""
    return (today or utcnow().date()) + dt.timedelta(days=DEFAULT_REPLY_DAYS)


def _day(value: dt.date | str | None, field: str, default: dt.date) -> dt.date:
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidTenderError(f"The {field} {value!r} is not a date (use YYYY-MM-DD).") from None


def send_clarification(
    session: Session,
    bid: Bid,
    *,
    user: User,
    reply_by: dt.date | str | None = None,
    sent_on: dt.date | str | None = None,
) -> Clarification:
    """Record a clarification letter to the bidder about its current plan version.

    Refused for a finalised tender (409), a withdrawn bid, a plan with nothing to ask about,
    or a reply-by date before the sending date or more than a year after it.
    """
    require_draft(session, bid.tender)
    if bid.withdrawn_at is not None:
        raise TenderError(f"The bid from {bid.bidder_name} was withdrawn: there is nobody to ask.")
    items = clarification_items(bid_result(bid))
    if not items:
        raise InvalidTenderError(
            "Every mandatory requirement of this bid is met: there is nothing to clarify.",
            hint="A letter lists failed or uncertain mandatory requirements only.",
        )
    sent = _day(sent_on, "sending date", utcnow().date())
    reply = _day(reply_by, "reply-by date", default_reply_by(sent))
    if not sent <= reply <= sent + dt.timedelta(days=MAX_REPLY_DAYS):
        raise InvalidTenderError(
            f"The reply-by date {reply:%Y-%m-%d} must be on or after the sending date "
            f"{sent:%Y-%m-%d} and within a year of it.",
            hint="Choose a reply-by date after the letter is sent, usually ten working days.",
        )
    letter = Clarification(
        bid=bid,
        assessment_id=bid.assessment_id,
        items=items,
        sent_on=sent,
        reply_by=reply,
        created_by=user,
        created_at=utcnow(),
    )
    session.add(letter)
    session.flush()
    return letter


def get_clarification(bid: Bid, public_id: str) -> Clarification | None:
    """One of this bid's letters, or None."""
    return next((c for c in bid.clarifications if c.public_id == public_id), None)


# --------------------------------------------------------------------------- versions


@dataclass(frozen=True)
class VersionComparison:
    """The bid's newest plan against the version before it, both with their own moderations.

    `answered` pairs each item of the letter the new version replies to with its outcome now.
    """

    previous: BidVersion
    current: BidVersion
    score_before: int
    score_after: int
    changes: Changes
    titles: dict[str, str]
    answered: list[tuple[dict[str, Any], Outcome | None]]

    @property
    def score_change(self) -> int:
        return self.score_after - self.score_before


def _moderated(
    assessment: Assessment, moderations: list[Moderation], bid: Bid
) -> tuple[Assessment, EffectiveResult]:
    tender = bid.tender
    result = effective_result(
        assessment, moderations, weight=tender.climate_weight_percent, scale=tender.marking_scale
    )
    findings = [e.finding.model_copy(update={"outcome": e.outcome}) for e in result.findings]
    return assessment.model_copy(update={"findings": findings}), result


def compare_versions(bid: Bid) -> VersionComparison | None:
    """How the newest plan version differs from the one before; None for a single version."""
    if len(bid.versions) < 2:
        return None
    previous, current = bid.versions[-2], bid.versions[-1]

    def judged(version: BidVersion) -> tuple[Assessment, EffectiveResult]:
        own = [m for m in bid.moderations if m.assessment_id == version.assessment_id]
        return _moderated(version.assessment_record.assessment, own, bid)

    before, before_result = judged(previous)
    after, after_result = judged(current)
    outcomes = {e.finding.rule: e.outcome for e in after_result.findings}
    letter = current.clarification
    return VersionComparison(
        previous=previous,
        current=current,
        score_before=before_result.score,
        score_after=after_result.score,
        changes=compare(before, after),
        titles={f.rule: f.title for f in before.findings}
        | {f.rule: f.title for f in after.findings},
        answered=[(item, outcomes.get(item["rule"])) for item in (letter.items if letter else [])],
    )
