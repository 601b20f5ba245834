"""Supplier register: suppliers, their links to assessments, and signposting contacts.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "suppliers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("normalised_name", sa.String(length=200), nullable=False),
        sa.Column("companies_house_number", sa.String(length=8), nullable=True),
        sa.Column("contracts", sa.Text(), nullable=True),
        sa.Column("spend_category", sa.String(length=100), nullable=True),
        sa.Column("annual_spend", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("contract_end_date", sa.Date(), nullable=True),
        sa.Column("contact_email", sa.String(length=320), nullable=True),
        sa.Column("crp_url", sa.Text(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        _when("created_at"),
        _when("updated_at"),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_suppliers_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suppliers")),
        sa.UniqueConstraint(
            "companies_house_number", name=op.f("uq_suppliers_companies_house_number")
        ),
    )
    for column in ("normalised_name", "spend_category", "organisation_id"):
        op.create_index(op.f(f"ix_suppliers_{column}"), "suppliers", [column])
    op.create_table(
        "supplier_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        _when("linked_at"),
        sa.Column("linked_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_supplier_assessments_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["linked_by_id"],
            ["users.id"],
            name=op.f("fk_supplier_assessments_linked_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"],
            ["suppliers.id"],
            name=op.f("fk_supplier_assessments_supplier_id_suppliers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_assessments")),
        sa.UniqueConstraint("assessment_id", name=op.f("uq_supplier_assessments_assessment_id")),
    )
    op.create_index(
        "ix_supplier_assessments_supplier_linked",
        "supplier_assessments",
        ["supplier_id", "linked_at"],
    )
    op.create_table(
        "supplier_contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column(
            "route_ids",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("message", sa.Text(), nullable=False),
        _when("contacted_at"),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["supplier_id"],
            ["suppliers.id"],
            name=op.f("fk_supplier_contacts_supplier_id_suppliers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_supplier_contacts_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_contacts")),
    )
    op.create_index(op.f("ix_supplier_contacts_user_id"), "supplier_contacts", ["user_id"])
    op.create_index(
        "ix_supplier_contacts_supplier_contacted",
        "supplier_contacts",
        ["supplier_id", "contacted_at"],
    )


def downgrade() -> None:
    op.drop_table("supplier_contacts")
    op.drop_table("supplier_assessments")
    op.drop_table("suppliers")
