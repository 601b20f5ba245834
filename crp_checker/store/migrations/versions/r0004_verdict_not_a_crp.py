"""Verdict `not_a_crp`: a document that is not a plan is "no plan", not a weak plan.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = ("compliant", "compliant_with_gaps", "non_compliant", "needs_review")
NEW = (*OLD, "not_a_crp")


def _check(values: tuple[str, ...]) -> str:
    return "verdict IN (" + ", ".join(f"'{value}'" for value in values) + ")"


def _replace(values: tuple[str, ...]) -> None:
    # SQLite cannot alter a CHECK constraint: batch mode copies the table and swaps it in.
    with op.batch_alter_table("assessments", recreate="auto") as batch:
        batch.drop_constraint(op.f("ck_assessments_verdict"), type_="check")
        batch.create_check_constraint(op.f("ck_assessments_verdict"), _check(values))


def upgrade() -> None:
    _replace(NEW)


def downgrade() -> None:
    # Not-a-CRP assessments go back to the verdict they had before this revision existed.
    op.execute("UPDATE assessments SET verdict = 'non_compliant' WHERE verdict = 'not_a_crp'")
    _replace(OLD)
