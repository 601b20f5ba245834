"""Supplier contracts as records, contact notes, and re-checks of an unchanged plan.

A supplier's contracts, spend category and end date move from three supplier columns into
`supplier_contracts` (one contract per supplier that had any of them); `annual_spend` stays on
the supplier as the sum of its contracts. Contacts get a note; assessments get `rechecked_at`
and `recheck_count` (an unchanged plan checked again is not stored twice).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-10
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SPEND = sa.Numeric(precision=14, scale=2)
TITLE_LENGTH = 500

suppliers = sa.table(
    "suppliers",
    sa.column("id", sa.Integer()),
    sa.column("contracts", sa.Text()),
    sa.column("spend_category", sa.String()),
    sa.column("annual_spend", SPEND),
    sa.column("contract_end_date", sa.Date()),
)
contracts = sa.table(
    "supplier_contracts",
    sa.column("id", sa.Integer()),
    sa.column("supplier_id", sa.Integer()),
    sa.column("reference", sa.String()),
    sa.column("title", sa.String()),
    sa.column("value", SPEND),
    sa.column("end_date", sa.Date()),
    sa.column("spend_category", sa.String()),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _now() -> dt.datetime:
    now = dt.datetime.now(dt.UTC)
    # SQLite keeps naive UTC (as the models' UTCDateTime writes it).
    return now.replace(tzinfo=None) if op.get_bind().dialect.name == "sqlite" else now


def upgrade() -> None:
    op.create_table(
        "supplier_contracts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.Column("title", sa.String(length=TITLE_LENGTH), nullable=True),
        sa.Column("value", SPEND, nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("spend_category", sa.String(length=100), nullable=True),
        _when("created_at"),
        _when("updated_at"),
        sa.ForeignKeyConstraint(
            ["supplier_id"],
            ["suppliers.id"],
            name=op.f("fk_supplier_contracts_supplier_id_suppliers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_contracts")),
        sa.UniqueConstraint(
            "supplier_id", "reference", name=op.f("uq_supplier_contracts_supplier_id")
        ),
    )
    for column in ("supplier_id", "end_date", "spend_category"):
        op.create_index(op.f(f"ix_supplier_contracts_{column}"), "supplier_contracts", [column])
    _copy_contracts_out()
    op.drop_index(op.f("ix_suppliers_spend_category"), table_name="suppliers")
    # Dropped in place, never by copying the table: on SQLite, dropping the old copy of a
    # table deletes the rows that reference it with ON DELETE CASCADE (links, contacts and
    # the contracts just made).
    with op.batch_alter_table("suppliers", recreate="never") as batch:
        batch.drop_column("contracts")
        batch.drop_column("spend_category")
        batch.drop_column("contract_end_date")
    with op.batch_alter_table("supplier_contacts", recreate="never") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
    with op.batch_alter_table("assessments", recreate="never") as batch:
        batch.add_column(_when("rechecked_at", nullable=True))
        batch.add_column(
            sa.Column("recheck_count", sa.Integer(), nullable=False, server_default="0")
        )


def _copy_contracts_out() -> None:
    """One contract for each supplier that had a contract, category, spend or end date."""
    bind = op.get_bind()
    now = _now()
    rows = bind.execute(
        sa.select(
            suppliers.c.id,
            suppliers.c.contracts,
            suppliers.c.spend_category,
            suppliers.c.annual_spend,
            suppliers.c.contract_end_date,
        )
    ).all()
    values = [
        {
            "supplier_id": supplier_id,
            "reference": None,
            "title": (text or None) and text[:TITLE_LENGTH],
            "value": spend,
            "end_date": end,
            "spend_category": category,
            "created_at": now,
            "updated_at": now,
        }
        for supplier_id, text, category, spend, end in rows
        if any(value is not None for value in (text, category, spend, end))
    ]
    if values:
        bind.execute(contracts.insert(), values)


def downgrade() -> None:
    # In place, as in upgrade(): copying these tables would cascade deletes on SQLite.
    with op.batch_alter_table("assessments", recreate="never") as batch:
        batch.drop_column("recheck_count")
        batch.drop_column("rechecked_at")
    with op.batch_alter_table("supplier_contacts", recreate="never") as batch:
        batch.drop_column("note")
    with op.batch_alter_table("suppliers", recreate="never") as batch:
        batch.add_column(sa.Column("contracts", sa.Text(), nullable=True))
        batch.add_column(sa.Column("spend_category", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("contract_end_date", sa.Date(), nullable=True))
    op.create_index(op.f("ix_suppliers_spend_category"), "suppliers", ["spend_category"])
    _copy_contracts_back()
    op.drop_table("supplier_contracts")


def _copy_contracts_back() -> None:
    """Each supplier's contracts as one cell, its largest contract's category, the soonest end."""
    bind = op.get_bind()
    grouped: dict[int, list[Any]] = {}
    statement = sa.select(
        contracts.c.supplier_id,
        contracts.c.reference,
        contracts.c.title,
        contracts.c.value,
        contracts.c.end_date,
        contracts.c.spend_category,
    ).order_by(contracts.c.supplier_id, contracts.c.id)
    for row in bind.execute(statement):
        grouped.setdefault(row.supplier_id, []).append(row)
    for supplier_id, rows in grouped.items():
        names = [": ".join(p for p in (r.reference, r.title) if p) for r in rows]
        largest = max(rows, key=lambda r: r.value or 0)
        ends = [r.end_date for r in rows if r.end_date is not None]
        bind.execute(
            suppliers.update()
            .where(suppliers.c.id == supplier_id)
            .values(
                contracts="; ".join(name for name in names if name) or None,
                spend_category=largest.spend_category,
                contract_end_date=min(ends) if ends else None,
            )
        )
