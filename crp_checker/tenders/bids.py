"""Adding bids and their re-submitted plan versions, withdrawing bids (with a reason), and
moderating their findings (the audit log).

Like the rest of crp_checker.tenders nothing here commits, and every change first locks the
tender row through require_draft(), so nothing lands after another evaluator finalised it.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from crp_checker.checking import CheckingService, Plan
from crp_checker.schemas import Assessment, Outcome
from crp_checker.store.assessments import save_assessment, save_check
from crp_checker.store.files import read_file
from crp_checker.store.models import AssessmentRecord, Organisation, User, utcnow
from crp_checker.store.tender_models import Bid, BidSource, BidVersion, Moderation, Tender
from crp_checker.tenders.errors import (
    DuplicateBidderError,
    InvalidModerationError,
    InvalidTenderError,
    TenderError,
)
from crp_checker.tenders.service import (
    bid_result,
    current_bids,
    require_draft,
    tender_buyer_settings,
    tender_settings,
)
from crp_checker.tenders.text import long_text, text_field

MAX_REASON_LENGTH = 4000


def _bidder(tender: Tender, name: str) -> str:
    bidder = text_field(name, "bidder name", 200)
    if any(bid.bidder_name.casefold() == bidder.casefold() for bid in current_bids(tender)):
        raise DuplicateBidderError(f"{bidder} already has a bid in tender {tender.reference}.")
    return bidder


def _attach(
    session: Session,
    tender: Tender,
    record: AssessmentRecord,
    *,
    bidder: str,
    user: User,
    added_via: BidSource,
    organisation: Organisation | None,
) -> Bid:
    bid = Bid(
        tender=tender,
        bidder_name=bidder,
        organisation=organisation,
        assessment_record=record,
        added_via=added_via,
        added_by_id=user.id,
    )
    session.add(bid)
    session.add(
        BidVersion(
            bid=bid,
            number=1,
            assessment_record=record,
            added_via=added_via,
            added_by_id=user.id,
            created_at=bid.created_at or utcnow(),
        )
    )
    session.flush()
    return bid


def _check_settings(tender: Tender, assessment: Assessment) -> None:
    if assessment.settings != tender_settings(tender):
        raise ValueError(
            "the plan was assessed with other buyer settings: pass "
            "tender_buyer_settings(tender) to assess()"
        )


def add_bid(
    session: Session,
    tender: Tender,
    *,
    bidder_name: str,
    data: bytes,
    assessment: Assessment,
    user: User,
    added_via: BidSource | str = BidSource.UPLOAD,
    organisation: Organisation | None = None,
    source_url: str | None = None,
) -> Bid:
    """Add a bid from a plan already assessed with tender_buyer_settings(tender).

    The plan is stored content-addressed like any check; its assessment belongs to no
    organisation, so the bidder never sees the tender's copy among its own checks.
    """
    require_draft(session, tender)
    bidder = _bidder(tender, bidder_name)
    _check_settings(tender, assessment)
    record = save_check(session, data, assessment, user=user, source_url=source_url)
    return _attach(
        session,
        tender,
        record,
        bidder=bidder,
        user=user,
        added_via=BidSource(added_via),
        organisation=organisation,
    )


def add_bid_from_stored(
    session: Session,
    tender: Tender,
    record: AssessmentRecord,
    *,
    user: User,
    service: CheckingService,
    bidder_name: str | None = None,
) -> Bid:
    """Add a supplier's stored plan as a bid, re-assessed under the tender's settings.

    The stored file is judged again (the supplier's check used its own date and defaults);
    the bidder name defaults to the record's organisation.
    """
    require_draft(session, tender)
    name = bidder_name or (record.organisation.name if record.organisation else "")
    bidder = _bidder(tender, name)
    plan = Plan(read_file(record.file_sha256), record.source_name, record.source_url)
    assessment = service.check_one(plan, **tender_buyer_settings(tender))
    _check_settings(tender, assessment)
    tender_record = save_assessment(
        session, assessment, file=record.file, user=user, source_url=record.source_url
    )
    return _attach(
        session,
        tender,
        tender_record,
        bidder=bidder,
        user=user,
        added_via=BidSource.STORED,
        organisation=record.organisation,
    )


def add_version(
    session: Session,
    bid: Bid,
    *,
    data: bytes,
    assessment: Assessment,
    user: User,
    added_via: BidSource | str = BidSource.UPLOAD,
    source_url: str | None = None,
) -> BidVersion:
    """Add a re-submitted plan as the bid's next version (assessed with the tender's settings).

    It answers the bid's latest clarification letter about the version before it, if any; the
    earlier versions, their moderations and letters stay on record.
    """
    require_draft(session, bid.tender)
    if bid.withdrawn_at is not None:
        raise TenderError(
            f"The bid from {bid.bidder_name} was withdrawn, so it takes no new plan.",
            hint="Add the plan as a new bid instead.",
        )
    _check_settings(bid.tender, assessment)
    record = save_check(session, data, assessment, user=user, source_url=source_url)
    asked = [c for c in bid.clarifications if c.assessment_id == bid.assessment_id]
    number = (bid.versions[-1].number if bid.versions else 1) + 1
    version = BidVersion(
        bid=bid,
        number=number,
        assessment_record=record,
        added_via=BidSource(added_via),
        added_by_id=user.id,
        created_at=utcnow(),
        clarification=asked[-1] if asked else None,
    )
    session.add(version)
    bid.assessment_record = record
    session.flush()
    return version


def withdraw_bid(session: Session, bid: Bid, *, user: User, reason: str) -> Bid:
    """Mark a bid withdrawn, with the reason: it stays in the matrix (not scored), the exports,
    the log and its record. Refused without a reason, or when already withdrawn."""
    require_draft(session, bid.tender)
    if bid.withdrawn_at is not None:
        raise InvalidTenderError(
            f"The bid from {bid.bidder_name} is already withdrawn.",
            hint="Nothing to do: the withdrawal and its reason are on record.",
        )
    bid.withdrawn_reason = long_text(reason, "reason for withdrawing", MAX_REASON_LENGTH)
    bid.withdrawn_at = utcnow()
    bid.withdrawn_by_id = user.id
    session.flush()
    session.refresh(bid, ["withdrawn_by"])
    return bid


def moderate(
    session: Session,
    bid: Bid,
    *,
    rule_id: str,
    outcome: Outcome | str,
    reason: str,
    user: User,
) -> Moderation:
    """Change one finding's outcome for this bid, with a reason kept in the audit log."""
    require_draft(session, bid.tender)
    if bid.withdrawn_at is not None:
        raise InvalidModerationError(f"The bid from {bid.bidder_name} was withdrawn.")
    if not (reason or "").strip():
        raise InvalidModerationError("A moderation needs a reason.")
    text = long_text(reason, "reason", MAX_REASON_LENGTH, error=InvalidModerationError)
    try:
        after = Outcome(outcome)
    except ValueError:
        raise InvalidModerationError(f"{outcome!r} is not an outcome.") from None
    current = {e.finding.rule: e.outcome for e in bid_result(bid).findings}
    if rule_id not in current:
        raise InvalidModerationError(f"The assessment of this bid has no finding {rule_id!r}.")
    if current[rule_id] is after:
        raise InvalidModerationError(f"The finding {rule_id!r} is already {after.value}.")
    moderation = Moderation(
        bid=bid,
        assessment_id=bid.assessment_id,
        rule_id=rule_id,
        outcome_before=current[rule_id],
        outcome_after=after,
        reason=text,
        user=user,
        created_at=utcnow(),
    )
    session.add(moderation)
    session.flush()
    return moderation


def moderation_log(tender: Tender) -> list[Moderation]:
    """Every moderation in the tender (withdrawn bids included), oldest first."""
    entries = [m for bid in tender.bids for m in bid.moderations]
    return sorted(entries, key=lambda m: (m.created_at, m.id))
