"""Tender records (issue 14): withdrawal reasons, plan versions per bid, moderations per version,
clarification letters.

`bids` is only given a column: on SQLite a CHECK constraint would mean copying the table, and
dropping the old copy fails while moderations reference it (foreign keys are on). The domain
(crp_checker.tenders.withdraw_bid) makes sure a withdrawal has a reason. `moderations`, which
no table references, is copied to make its new column NOT NULL.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BID_SOURCES = ("upload", "url", "stored")
# Bids withdrawn before a reason was asked for keep this, so the record says why it is blank.
UNRECORDED_REASON = "Not recorded: withdrawn before crp-checker asked for a reason."


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("bids", sa.Column("withdrawn_reason", sa.Text(), nullable=True))
    bind.execute(
        sa.text(
            "UPDATE bids SET withdrawn_reason = :reason "
            "WHERE withdrawn_at IS NOT NULL AND withdrawn_reason IS NULL"
        ),
        {"reason": UNRECORDED_REASON},
    )

    op.create_table(
        "clarifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=32), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("items", _json(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("reply_by", sa.Date(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        _when("created_at"),
        sa.CheckConstraint(
            "reply_by >= sent_on", name=op.f("ck_clarifications_reply_after_sending")
        ),
        _fk("clarifications", "bid_id", "bids"),
        _fk("clarifications", "assessment_id", "assessments"),
        _fk("clarifications", "created_by_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clarifications")),
        sa.UniqueConstraint("public_id", name=op.f("uq_clarifications_public_id")),
    )
    op.create_index(op.f("ix_clarifications_bid_id"), "clarifications", ["bid_id"])

    op.create_table(
        "bid_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column(
            "added_via",
            sa.Enum(
                *BID_SOURCES,
                name="bid_source",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("added_by_id", sa.Integer(), nullable=False),
        _when("created_at"),
        sa.Column("clarification_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("number >= 1", name=op.f("ck_bid_versions_number_positive")),
        _fk("bid_versions", "bid_id", "bids"),
        _fk("bid_versions", "assessment_id", "assessments"),
        _fk("bid_versions", "added_by_id", "users"),
        _fk("bid_versions", "clarification_id", "clarifications"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bid_versions")),
        sa.UniqueConstraint("bid_id", "number", name=op.f("uq_bid_versions_bid_id")),
    )
    op.create_index(op.f("ix_bid_versions_bid_id"), "bid_versions", ["bid_id"])
    op.create_index(op.f("ix_bid_versions_assessment_id"), "bid_versions", ["assessment_id"])
    # Every existing bid has had one plan: its first version.
    bind.execute(
        sa.text(
            "INSERT INTO bid_versions (bid_id, number, assessment_id, added_via, added_by_id, "
            "created_at) SELECT id, 1, assessment_id, added_via, added_by_id, created_at FROM bids"
        )
    )

    op.add_column("moderations", sa.Column("assessment_id", sa.Integer(), nullable=True))
    bind.execute(
        sa.text(
            "UPDATE moderations SET assessment_id = "
            "(SELECT bids.assessment_id FROM bids WHERE bids.id = moderations.bid_id)"
        )
    )
    with op.batch_alter_table("moderations", recreate="auto") as batch:
        batch.alter_column("assessment_id", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key(
            op.f("fk_moderations_assessment_id_assessments"),
            "assessments",
            ["assessment_id"],
            ["id"],
        )
        batch.create_index(op.f("ix_moderations_assessment_id"), ["assessment_id"])


def downgrade() -> None:
    # Before this revision a bid had one plan: moderations of earlier versions would wrongly
    # apply to the newest one, so they go with the versions (downgrading loses that history).
    op.execute(
        "DELETE FROM moderations WHERE assessment_id <> "
        "(SELECT bids.assessment_id FROM bids WHERE bids.id = moderations.bid_id)"
    )
    with op.batch_alter_table("moderations", recreate="auto") as batch:
        batch.drop_index(op.f("ix_moderations_assessment_id"))
        batch.drop_constraint(op.f("fk_moderations_assessment_id_assessments"), type_="foreignkey")
        batch.drop_column("assessment_id")
    op.drop_table("bid_versions")
    op.drop_table("clarifications")
    op.drop_column("bids", "withdrawn_reason")
