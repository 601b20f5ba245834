"""SQLAlchemy models for tender evaluation: tenders, bids and the moderation audit log.

A bid points at an ordinary stored assessment (made with the tender's buyer settings), so its
file is kept content-addressed like any other check and the full report stays one click away.
Moderations never change that assessment: they are an append-only log that the tender domain
(crp_checker.tenders) replays to get each bid's effective result.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, String, Text, event
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from crp_checker.schemas import Outcome
from crp_checker.store.models import (
    AssessmentRecord,
    Base,
    JSONDocument,
    Organisation,
    User,
    _string_enum,
    new_public_id,
    utcnow,
)


class MarkingScale(StrEnum):
    """How the climate criterion is marked: the 0-5 band or the 0-100 quality score."""

    BANDS = "0-5"
    SCORE = "0-100"


class TenderStatus(StrEnum):
    DRAFT = "draft"
    FINALISED = "finalised"


class BidSource(StrEnum):
    """How a bid's plan reached the tender."""

    UPLOAD = "upload"
    URL = "url"
    STORED = "stored"


class Tender(Base):
    """One procurement: its check date, buyer settings and marking scheme.

    `buyer_settings` holds only the overrides the evaluator chose; the defaults come from
    load_buyer_settings() so a tender shows which settings were deliberately changed.
    """

    __tablename__ = "tenders"
    __table_args__ = (
        CheckConstraint(
            "climate_weight_percent >= 0 AND climate_weight_percent <= 100",
            name="weight_percent_range",
        ),
        CheckConstraint(
            "status <> 'finalised' OR finalised_at IS NOT NULL", name="finalised_has_time"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    title: Mapped[str] = mapped_column(String(200))
    reference: Mapped[str] = mapped_column(String(100))
    procurement_date: Mapped[dt.date] = mapped_column(Date)
    buyer_settings: Mapped[dict[str, Any]] = mapped_column(JSONDocument, default=dict)
    climate_weight_percent: Mapped[float] = mapped_column(Float)
    marking_scale: Mapped[MarkingScale] = mapped_column(_string_enum(MarkingScale, "marking_scale"))
    status: Mapped[TenderStatus] = mapped_column(
        _string_enum(TenderStatus, "tender_status"), default=TenderStatus.DRAFT
    )
    finalised_at: Mapped[dt.datetime | None]
    finalised_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    # The matrix rows as decided, written when the tender is finalised: the record then no
    # longer depends on how a later version of the code would score the same findings.
    final_matrix: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONDocument)

    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id], lazy="joined")
    finalised_by: Mapped[User | None] = relationship(foreign_keys=[finalised_by_id], lazy="joined")
    bids: Mapped[list[Bid]] = relationship(
        back_populates="tender", order_by="Bid.id", lazy="selectin"
    )

    @property
    def finalised(self) -> bool:
        return self.status is TenderStatus.FINALISED

    def __repr__(self) -> str:
        return f"Tender(public_id={self.public_id!r}, reference={self.reference!r})"


class Bid(Base):
    """One bidder's plan in a tender, assessed with the tender's settings.

    A withdrawn bid is kept (with its moderations) but leaves the matrix: nothing recorded for
    a tender is ever deleted.
    """

    __tablename__ = "bids"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    tender_id: Mapped[int] = mapped_column(ForeignKey("tenders.id"), index=True)
    bidder_name: Mapped[str] = mapped_column(String(200))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
    added_via: Mapped[BidSource] = mapped_column(_string_enum(BidSource, "bid_source"))
    added_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[dt.datetime | None]
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    tender: Mapped[Tender] = relationship(back_populates="bids")
    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    assessment_record: Mapped[AssessmentRecord] = relationship(lazy="joined")
    added_by: Mapped[User] = relationship(foreign_keys=[added_by_id], lazy="joined")
    moderations: Mapped[list[Moderation]] = relationship(
        back_populates="bid", order_by="Moderation.id", lazy="selectin"
    )

    def __repr__(self) -> str:
        return f"Bid(public_id={self.public_id!r}, bidder_name={self.bidder_name!r})"


class Moderation(Base):
    """An evaluator's change to one finding's outcome: who, when, before, after and why.

    Append-only: the ORM refuses updates and deletes (see the listeners below); a later
    moderation of the same rule supersedes an earlier one instead.
    """

    __tablename__ = "moderations"
    __table_args__ = (CheckConstraint("length(trim(reason)) > 0", name="reason_not_blank"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("bids.id"), index=True)
    rule_id: Mapped[str] = mapped_column(String(64))
    # Each enum names its own CHECK constraint, so the two columns need two names.
    outcome_before: Mapped[Outcome] = mapped_column(_string_enum(Outcome, "outcome_before"))
    outcome_after: Mapped[Outcome] = mapped_column(_string_enum(Outcome, "outcome_after"))
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    bid: Mapped[Bid] = relationship(back_populates="moderations")
    user: Mapped[User] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return (
            f"Moderation(bid_id={self.bid_id!r}, rule_id={self.rule_id!r}, "
            f"{self.outcome_before.value!r}->{self.outcome_after.value!r})"
        )


def _refuse_change(mapper: Mapper[Any], connection: Any, target: Moderation) -> None:
    raise ValueError("the moderation log is append-only: record a new moderation instead")


event.listen(Moderation, "before_update", _refuse_change)
event.listen(Moderation, "before_delete", _refuse_change)
