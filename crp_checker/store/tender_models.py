"""SQLAlchemy models for tender evaluation: tenders, bids, their plan versions, the moderation
audit log and clarification letters.

A bid points at an ordinary stored assessment (made with the tender's buyer settings), so its
file is kept content-addressed like any other check and the full report stays one click away.
A plan re-submitted after a clarification letter is a new version of the same bid; the bid
points at its newest. Moderations never change an assessment: they are an append-only log,
per plan version, that the tender domain (crp_checker.tenders) replays to get each bid's
effective result. Nothing recorded for a tender is ever deleted.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
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

    A withdrawn bid is kept, with the reason, in the matrix (marked withdrawn, not scored), the
    exports and the log. `assessment_id` is the newest plan version's assessment.
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
    # Set with withdrawn_at (crp_checker.tenders.withdraw_bid refuses a withdrawal without one).
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)

    tender: Mapped[Tender] = relationship(back_populates="bids")
    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    assessment_record: Mapped[AssessmentRecord] = relationship(lazy="joined")
    added_by: Mapped[User] = relationship(foreign_keys=[added_by_id], lazy="joined")
    withdrawn_by: Mapped[User | None] = relationship(foreign_keys=[withdrawn_by_id], lazy="joined")
    moderations: Mapped[list[Moderation]] = relationship(
        back_populates="bid", order_by="Moderation.id", lazy="selectin"
    )
    versions: Mapped[list[BidVersion]] = relationship(
        back_populates="bid", order_by="BidVersion.number", lazy="selectin"
    )
    clarifications: Mapped[list[Clarification]] = relationship(
        back_populates="bid", order_by="Clarification.id", lazy="selectin"
    )

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None

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
    # The plan version moderated: a re-submitted plan starts without moderations.
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
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


class Clarification(Base):
    """A clarification letter sent to a bidder: the requirements it asks about, as sent.

    `items` keeps each failed or uncertain mandatory requirement with its quotes and pages, so
    the letter reads the same later whatever happens to the bid; like the log it never changes.
    """

    __tablename__ = "clarifications"
    __table_args__ = (CheckConstraint("reply_by >= sent_on", name="reply_after_sending"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    bid_id: Mapped[int] = mapped_column(ForeignKey("bids.id"), index=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"))
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument)
    sent_on: Mapped[dt.date] = mapped_column(Date)
    reply_by: Mapped[dt.date] = mapped_column(Date)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    bid: Mapped[Bid] = relationship(back_populates="clarifications")
    assessment_record: Mapped[AssessmentRecord] = relationship(lazy="joined")
    created_by: Mapped[User] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"Clarification(public_id={self.public_id!r}, bid_id={self.bid_id!r})"


class BidVersion(Base):
    """One plan version of a bid: the first as added, later ones re-submitted in reply to a
    clarification letter. Each has its own assessment with the tender's settings."""

    __tablename__ = "bid_versions"
    __table_args__ = (
        UniqueConstraint("bid_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("bids.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
    added_via: Mapped[BidSource] = mapped_column(_string_enum(BidSource, "bid_source"))
    added_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    clarification_id: Mapped[int | None] = mapped_column(ForeignKey("clarifications.id"))

    bid: Mapped[Bid] = relationship(back_populates="versions")
    assessment_record: Mapped[AssessmentRecord] = relationship(lazy="joined")
    added_by: Mapped[User] = relationship(lazy="joined")
    clarification: Mapped[Clarification | None] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"BidVersion(bid_id={self.bid_id!r}, number={self.number!r})"


def _refuse_change(mapper: Mapper[Any], connection: Any, target: Base) -> None:
    raise ValueError(f"{type(target).__name__} records are append-only: record a new one instead")


for _model in (Moderation, Clarification, BidVersion):
    event.listen(_model, "before_update", _refuse_change)
    event.listen(_model, "before_delete", _refuse_change)
