"""Tender evaluation: tenders, bids and the moderation audit log.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MARKING_SCALES = ("0-5", "0-100")
TENDER_STATUSES = ("draft", "finalised")
BID_SOURCES = ("upload", "url", "stored")
OUTCOMES = ("pass", "partial", "fail", "not_applicable", "needs_review")


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _enum(values: tuple[str, ...], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def _user(table: str, column: str, *, nullable: bool) -> tuple[sa.Column[object], sa.Constraint]:
    return (
        sa.Column(column, sa.Integer(), nullable=nullable),
        sa.ForeignKeyConstraint([column], ["users.id"], name=op.f(f"fk_{table}_{column}_users")),
    )


def upgrade() -> None:
    op.create_table(
        "tenders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("procurement_date", sa.Date(), nullable=False),
        sa.Column("buyer_settings", _json(), nullable=False),
        sa.Column("climate_weight_percent", sa.Float(), nullable=False),
        sa.Column("marking_scale", _enum(MARKING_SCALES, "marking_scale"), nullable=False),
        sa.Column("status", _enum(TENDER_STATUSES, "tender_status"), nullable=False),
        _when("finalised_at", nullable=True),
        *_user("tenders", "finalised_by_id", nullable=True),
        *_user("tenders", "created_by_id", nullable=False),
        _when("created_at"),
        sa.Column("final_matrix", _json(), nullable=True),
        sa.CheckConstraint(
            "climate_weight_percent >= 0 AND climate_weight_percent <= 100",
            name=op.f("ck_tenders_weight_percent_range"),
        ),
        sa.CheckConstraint(
            "status <> 'finalised' OR finalised_at IS NOT NULL",
            name=op.f("ck_tenders_finalised_has_time"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tenders")),
        sa.UniqueConstraint("public_id", name=op.f("uq_tenders_public_id")),
    )
    op.create_index(op.f("ix_tenders_created_by_id"), "tenders", ["created_by_id"])
    op.create_index(op.f("ix_tenders_created_at"), "tenders", ["created_at"])
    op.create_table(
        "bids",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=32), nullable=False),
        sa.Column("tender_id", sa.Integer(), nullable=False),
        sa.Column("bidder_name", sa.String(length=200), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("added_via", _enum(BID_SOURCES, "bid_source"), nullable=False),
        *_user("bids", "added_by_id", nullable=False),
        _when("created_at"),
        _when("withdrawn_at", nullable=True),
        *_user("bids", "withdrawn_by_id", nullable=True),
        sa.ForeignKeyConstraint(
            ["tender_id"], ["tenders.id"], name=op.f("fk_bids_tender_id_tenders")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_bids_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], name=op.f("fk_bids_assessment_id_assessments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bids")),
        sa.UniqueConstraint("public_id", name=op.f("uq_bids_public_id")),
    )
    op.create_index(op.f("ix_bids_tender_id"), "bids", ["tender_id"])
    op.create_index(op.f("ix_bids_assessment_id"), "bids", ["assessment_id"])
    op.create_table(
        "moderations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.String(length=64), nullable=False),
        sa.Column("outcome_before", _enum(OUTCOMES, "outcome_before"), nullable=False),
        sa.Column("outcome_after", _enum(OUTCOMES, "outcome_after"), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        *_user("moderations", "user_id", nullable=False),
        _when("created_at"),
        sa.CheckConstraint(
            "length(trim(reason)) > 0", name=op.f("ck_moderations_reason_not_blank")
        ),
        sa.ForeignKeyConstraint(["bid_id"], ["bids.id"], name=op.f("fk_moderations_bid_id_bids")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderations")),
    )
    op.create_index(op.f("ix_moderations_bid_id"), "moderations", ["bid_id"])


def downgrade() -> None:
    op.drop_table("moderations")
    op.drop_table("bids")
    op.drop_table("tenders")
