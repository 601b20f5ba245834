"""Fact corrections: the corrections people make, and the checker's own assessment kept
beside a corrected one.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    # A plain ADD COLUMN (not batch mode): bids, moderations and links reference `assessments`.
    op.add_column("assessments", sa.Column("checked_data", JSON_DOCUMENT, nullable=True))
    op.create_table(
        "fact_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("fact", sa.String(length=64), nullable=False),
        sa.Column("value", JSON_DOCUMENT, nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("supplier_statement", sa.Boolean(), nullable=False),
        sa.Column("question_rule", sa.String(length=64), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "length(trim(reason)) > 0", name=op.f("ck_fact_corrections_reason_not_blank")
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_fact_corrections_assessment_id_assessments"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_fact_corrections_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fact_corrections")),
    )
    op.create_index(
        op.f("ix_fact_corrections_assessment_id"), "fact_corrections", ["assessment_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_fact_corrections_assessment_id"), table_name="fact_corrections")
    op.drop_table("fact_corrections")
    op.drop_column("assessments", "checked_data")
