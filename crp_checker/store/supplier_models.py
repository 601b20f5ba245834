"""SQLAlchemy models for the climate team: the supplier register and its contracts, its links
to assessments, and the record of who was signposted to which support and when.

The `assessments` table is not touched: a supplier's plans are found through
`supplier_assessments`, so an assessment made before the register existed can be linked later.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crp_checker.store.models import (
    AssessmentRecord,
    Base,
    JSONDocument,
    Organisation,
    User,
    utcnow,
)

# Up to a trillion pounds, to the penny: enough for any council's supplier.
SPEND = Numeric(14, 2)


class Supplier(Base):
    """One supplier of the council's register, with its contracts.

    `normalised_name` is the name without case, punctuation or a legal suffix ("Acme Ltd" and
    "ACME LIMITED" are the same supplier), used to match re-imports and plans to suppliers.
    `annual_spend` is the sum of its contracts' values, kept by the import (suppliers.register)
    so lists can sort and filter on it; None when no contract has a value.
    """

    __tablename__ = "suppliers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    normalised_name: Mapped[str] = mapped_column(String(200), index=True)
    companies_house_number: Mapped[str | None] = mapped_column(String(8), unique=True)
    annual_spend: Mapped[Decimal | None] = mapped_column(SPEND)
    contact_email: Mapped[str | None] = mapped_column(String(320))
    crp_url: Mapped[str | None] = mapped_column(Text)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    contracts: Mapped[list[SupplierContract]] = relationship(
        back_populates="supplier",
        lazy="selectin",
        cascade="all, delete-orphan",
        order_by="SupplierContract.id",
    )

    @property
    def categories(self) -> list[str]:
        """The spend categories of its contracts, alphabetically."""
        return sorted({c.spend_category for c in self.contracts if c.spend_category})

    def __repr__(self) -> str:
        return f"Supplier(id={self.id!r}, name={self.name!r})"


class SupplierContract(Base):
    """One contract with a supplier: a row of a contract register.

    A contract is known by its reference, else by its title; `value` is the annual spend with
    the supplier under it (the supplier's spend is the sum of its contracts' values).
    """

    __tablename__ = "supplier_contracts"
    __table_args__ = (UniqueConstraint("supplier_id", "reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(
        ForeignKey("suppliers.id", ondelete="CASCADE"), index=True
    )
    reference: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str | None] = mapped_column(String(500))
    value: Mapped[Decimal | None] = mapped_column(SPEND)
    end_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    spend_category: Mapped[str | None] = mapped_column(String(100), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    supplier: Mapped[Supplier] = relationship(back_populates="contracts")

    @property
    def label(self) -> str:
        """How the contract is named on pages: reference and title, or "a contract"."""
        parts = [part for part in (self.reference, self.title) if part]
        return ": ".join(parts) if parts else "Contract without a reference"

    def __repr__(self) -> str:
        return f"SupplierContract(id={self.id!r}, reference={self.reference!r})"


class SupplierAssessment(Base):
    """An assessment of one supplier's plan; an assessment belongs to at most one supplier.

    `method` says how the link was made ("organisation" or "url" automatically, "manual" by a
    person; "name" for links made before names became suggestions), so a wrong link can be
    traced and undone.
    """

    __tablename__ = "supplier_assessments"
    __table_args__ = (Index("ix_supplier_assessments_supplier_linked", "supplier_id", "linked_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), unique=True
    )
    method: Mapped[str] = mapped_column(String(16))
    linked_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    linked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    supplier: Mapped[Supplier] = relationship()
    assessment: Mapped[AssessmentRecord] = relationship()


class SupplierContact(Base):
    """A contact with a supplier: the signposting message sent (which routes, what was said),
    the day it happened, who recorded it, and a note of anything else said."""

    __tablename__ = "supplier_contacts"
    __table_args__ = (
        Index("ix_supplier_contacts_supplier_contacted", "supplier_id", "contacted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    route_ids: Mapped[list[Any]] = mapped_column(JSONDocument)
    message: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    contacted_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)

    supplier: Mapped[Supplier] = relationship()
    user: Mapped[User | None] = relationship()
