"""Tenders: creating them, their settings, who may use them, finalising and the matrix.

Like crp_checker.store, nothing here commits: one web request is one transaction. Every change
first locks the tender row (SELECT ... FOR UPDATE on PostgreSQL), so a moderation cannot slip
in after another evaluator finalised the tender.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from crp_checker.buyer import load_buyer_settings
from crp_checker.schemas import Assessment, BuyerSettings, Outcome
from crp_checker.store.models import Role, User, utcnow
from crp_checker.store.tender_models import (
    Bid,
    MarkingScale,
    Moderation,
    Tender,
    TenderStatus,
)
from crp_checker.tenders.errors import (
    InvalidTenderError,
    OpenQuestionsError,
    PendingGateError,
    TenderError,
    TenderFinalisedError,
)
from crp_checker.tenders.overrides import BuyerOverrides
from crp_checker.tenders.results import (
    EffectiveResult,
    MatrixRow,
    Withdrawal,
    effective_result,
    matrix_row,
)
from crp_checker.tenders.text import text_field

# RULES.md "Tender marks": 10% of the total score unless the buyer says otherwise.
DEFAULT_WEIGHT_PERCENT = 10.0
DEFAULT_SCALE = MarkingScale.BANDS
TENDER_ROLES = frozenset({Role.EVALUATOR, Role.ADMIN})


def can_use_tenders(user: User | None) -> bool:
    """Only evaluators and admins see or change tenders; the web app answers 404 to others."""
    return user is not None and not user.disabled and user.role in TENDER_ROLES


# --------------------------------------------------------------------------- validation


def _date(value: dt.date | str) -> dt.date:
    try:
        date = value if isinstance(value, dt.date) else dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidTenderError(
            f"{value!r} is not a date (use YYYY-MM-DD).", field="procurement_date"
        ) from None
    if not 2000 <= date.year <= 2100:
        raise InvalidTenderError(
            f"The procurement date {date:%Y-%m-%d} is out of range.", field="procurement_date"
        )
    return date


def _weight(value: float | str) -> float:
    try:
        weight = float(value)
    except ValueError:
        raise InvalidTenderError(
            f"The climate weight {value!r} is not a number.", field="climate_weight_percent"
        ) from None
    if not math.isfinite(weight) or not 0 <= weight <= 100:
        raise InvalidTenderError(
            f"The climate weight must be between 0 and 100 per cent, not {value}.",
            field="climate_weight_percent",
        )
    return weight


def _scale(value: MarkingScale | str) -> MarkingScale:
    try:
        return MarkingScale(value)
    except ValueError:
        choices = " or ".join(scale.value for scale in MarkingScale)
        raise InvalidTenderError(
            f"The marking scale must be {choices}, not {value!r}.", field="marking_scale"
        ) from None


def _problems(error: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(part) for part in e['loc']) or 'settings'}: {e['msg']}"
        for e in error.errors()
    )


def _overrides(values: Mapping[str, Any] | None, procurement_date: dt.date) -> dict[str, Any]:
    """The buyer-setting overrides as JSON values, checked against the ranges a tender accepts
    (BuyerOverrides) and the rulebook's settings."""
    given = {key: value for key, value in (values or {}).items() if value is not None}
    if "check_date" in given:
        raise InvalidTenderError(
            "The check date of a tender is its procurement date.",
            hint="Set the procurement date instead of a check_date buyer setting.",
        )
    try:
        checked = BuyerOverrides.model_validate(given).model_dump(exclude_none=True)
        settings = load_buyer_settings(**checked, check_date=procurement_date)
    except ValidationError as error:
        first = error.errors()[0]["loc"] if error.errors() else ()
        raise InvalidTenderError(
            f"Invalid buyer settings: {_problems(error)}.",
            field=str(first[0]) if first else None,
        ) from None
    dumped = settings.model_dump(mode="json")
    return {key: dumped[key] for key in checked}


def require_draft(session: Session, tender: Tender) -> None:
    """Refuse any change to a finalised tender, holding the row until the transaction ends.

    Raises TenderFinalisedError (HTTP 409) once the tender is finalised.
    """
    if tender.id is not None:
        session.refresh(tender, ["status"], with_for_update=True)
    if tender.status is TenderStatus.FINALISED:
        raise TenderFinalisedError(
            f"Tender {tender.reference} was finalised on {tender.finalised_at:%d %B %Y} "
            "and can no longer change."
        )


# --------------------------------------------------------------------------- tenders


def create_tender(
    session: Session,
    *,
    title: str,
    reference: str,
    procurement_date: dt.date | str,
    user: User,
    climate_weight_percent: float | str = DEFAULT_WEIGHT_PERCENT,
    marking_scale: MarkingScale | str = DEFAULT_SCALE,
    buyer_settings: Mapping[str, Any] | None = None,
) -> Tender:
    """A new draft tender; `buyer_settings` holds only the overrides of the defaults."""
    if not can_use_tenders(user):
        raise ValueError("only evaluators and admins create tenders")
    date = _date(procurement_date)
    tender = Tender(
        title=text_field(title, "title", 200),
        reference=text_field(reference, "reference", 100),
        procurement_date=date,
        climate_weight_percent=_weight(climate_weight_percent),
        marking_scale=_scale(marking_scale),
        buyer_settings=_overrides(buyer_settings, date),
        status=TenderStatus.DRAFT,
        created_by=user,
    )
    session.add(tender)
    session.flush()
    return tender


def update_tender(
    session: Session,
    tender: Tender,
    *,
    title: str | None = None,
    reference: str | None = None,
    procurement_date: dt.date | str | None = None,
    climate_weight_percent: float | str | None = None,
    marking_scale: MarkingScale | str | None = None,
    buyer_settings: Mapping[str, Any] | None = None,
) -> Tender:
    """Change a draft tender; None leaves a field as it is (`buyer_settings` replaces all).

    The weight and scale may change at any time before finalising (marks are recomputed); the
    procurement date and buyer settings only while there are no bids, since the bids were
    assessed with them.
    """
    require_draft(session, tender)
    date = tender.procurement_date if procurement_date is None else _date(procurement_date)
    overrides = tender.buyer_settings if buyer_settings is None else buyer_settings
    new_overrides = _overrides(overrides, date)
    if (date, new_overrides) != (tender.procurement_date, tender.buyer_settings) and current_bids(
        tender
    ):
        raise TenderError(
            "The bids in this tender were assessed with its current procurement date and "
            "buyer settings, so these can no longer change.",
            hint="Withdraw the bids first, or create a new tender with the new settings.",
        )
    if title is not None:
        tender.title = text_field(title, "title", 200)
    if reference is not None:
        tender.reference = text_field(reference, "reference", 100)
    if climate_weight_percent is not None:
        tender.climate_weight_percent = _weight(climate_weight_percent)
    if marking_scale is not None:
        tender.marking_scale = _scale(marking_scale)
    tender.procurement_date, tender.buyer_settings = date, new_overrides
    session.flush()
    return tender


def tender_buyer_settings(tender: Tender) -> dict[str, Any]:
    """The keyword arguments for assess(): the overrides plus check_date=procurement date."""
    return {**tender.buyer_settings, "check_date": tender.procurement_date}


def tender_settings(tender: Tender) -> BuyerSettings:
    """Every buyer setting the tender's bids are judged by (defaults plus overrides)."""
    return load_buyer_settings(**tender_buyer_settings(tender))


def get_tender_for(session: Session, user: User | None, public_id: str) -> Tender | None:
    """The tender with this public id if `user` may use tenders, else None (the web: 404)."""
    if not can_use_tenders(user):
        return None
    return session.scalars(select(Tender).where(Tender.public_id == public_id)).one_or_none()


def list_tenders_for(session: Session, user: User | None) -> list[Tender]:
    """Every tender, newest first, for evaluators and admins; nothing for anyone else."""
    if not can_use_tenders(user):
        return []
    statement = select(Tender).order_by(Tender.created_at.desc(), Tender.id.desc())
    return list(session.scalars(statement))


def finalise(session: Session, tender: Tender, *, user: User) -> Tender:
    """Close the evaluation: keep the matrix as decided; every later change is refused."""
    require_draft(session, tender)
    rows = matrix_rows(tender)
    pending = [row.bidder for row in rows if row.gate is None and not row.withdrawn]
    if pending:
        raise PendingGateError("The gate is still undecided for: " + ", ".join(pending) + ".")
    asking = [
        f"{bid.bidder_name} ({count})"
        for bid in current_bids(tender)
        if (count := open_questions(bid))
    ]
    if asking:
        raise OpenQuestionsError(
            "Questions of the checker are still open for: " + ", ".join(asking) + "."
        )
    tender.final_matrix = [row.to_json() for row in rows]
    tender.status = TenderStatus.FINALISED
    tender.finalised_at = utcnow()
    tender.finalised_by = user
    session.flush()
    return tender


# --------------------------------------------------------------------------- bids


def current_bids(tender: Tender) -> list[Bid]:
    """The bids not withdrawn, in the order they were added."""
    return [bid for bid in tender.bids if bid.withdrawn_at is None]


def get_bid(tender: Tender, public_id: str) -> Bid | None:
    """One of this tender's bids (withdrawn ones included), or None."""
    return next((bid for bid in tender.bids if bid.public_id == public_id), None)


def bid_assessment(bid: Bid) -> Assessment:
    """The assessment the bid was added with, exactly as it was made."""
    return bid.assessment_record.assessment


def version_moderations(bid: Bid) -> list[Moderation]:
    """The moderations of the bid's current plan version (a re-submitted plan starts afresh)."""
    return [m for m in bid.moderations if m.assessment_id == bid.assessment_id]


def bid_result(bid: Bid, assessment: Assessment | None = None) -> EffectiveResult:
    """The bid's result now: its current plan's assessment with that plan's moderations."""
    tender = bid.tender
    return effective_result(
        assessment or bid_assessment(bid),
        version_moderations(bid),
        weight=tender.climate_weight_percent,
        scale=tender.marking_scale,
    )


def open_questions(bid: Bid) -> int:
    """How many of the bid's findings still wait for a person (needs review, not moderated)."""
    if bid.withdrawn_at is not None:
        return 0
    return sum(1 for item in bid_result(bid).findings if item.outcome is Outcome.NEEDS_REVIEW)


def _withdrawal(bid: Bid) -> Withdrawal | None:
    if bid.withdrawn_at is None:
        return None
    who = bid.withdrawn_by.email if bid.withdrawn_by else ""
    return Withdrawal(bid.withdrawn_at, who, bid.withdrawn_reason or "")


def bid_row(bid: Bid) -> MatrixRow:
    """The bid's matrix line computed now (withdrawn bids included, marked so)."""
    assessment = bid_assessment(bid)
    return matrix_row(
        bid_public_id=bid.public_id,
        assessment_public_id=bid.assessment_record.public_id,
        bidder=bid.bidder_name,
        assessment=assessment,
        result=bid_result(bid, assessment),
        moderation_count=len(version_moderations(bid)),
        version=bid.versions[-1].number if bid.versions else 1,
        withdrawal=_withdrawal(bid),
    )


# --------------------------------------------------------------------------- matrix


def _in_order(rows: list[MatrixRow]) -> list[MatrixRow]:
    """Active bids first, then withdrawn ones, each in the order they were added."""
    return [r for r in rows if not r.withdrawn] + [r for r in rows if r.withdrawn]


def matrix_rows(tender: Tender) -> list[MatrixRow]:
    """One row per bid ever received, withdrawn ones marked; a finalised tender gives the rows
    it was finalised with (plus, for tenders finalised before withdrawn bids were kept in the
    matrix, those bids as they stand)."""
    if tender.status is TenderStatus.FINALISED and tender.final_matrix is not None:
        rows = [MatrixRow.from_json(row) for row in tender.final_matrix]
        kept = {row.bid_public_id for row in rows}
        rows += [bid_row(bid) for bid in tender.bids if bid.public_id not in kept]
        return _in_order(rows)
    return _in_order([bid_row(bid) for bid in tender.bids])


def row_for(tender: Tender, bid: Bid) -> MatrixRow:
    """This bid's line of the matrix, exactly as the matrix shows it."""
    return next(row for row in matrix_rows(tender) if row.bid_public_id == bid.public_id)
