"""Reading the register: suppliers, their categories, and each supplier's assessments.

"A supplier's latest assessment" is the one of its most recently submitted plan; among the
assessments of that plan (after a re-assessment) the most recently made one wins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, undefer

from crp_checker.store.models import AssessmentRecord
from crp_checker.store.supplier_models import Supplier, SupplierAssessment
from crp_checker.suppliers.names import normalise_name

MAX_PAGE_SIZE = 1000


def get_supplier(session: Session, supplier_id: int) -> Supplier | None:
    """The supplier with this id, or None."""
    return session.get(Supplier, supplier_id)


def _listed(category: str | None, search: str | None) -> Select[Supplier]:
    statement = select(Supplier)
    if category is not None:
        statement = statement.where(Supplier.spend_category == category)
    if search:
        pattern = f"%{normalise_name(search)}%"
        statement = statement.where(
            or_(
                Supplier.normalised_name.like(pattern),
                Supplier.companies_house_number == search.strip().upper(),
            )
        )
    return statement


def list_suppliers(
    session: Session,
    *,
    category: str | None = None,
    search: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[Supplier]:
    """Suppliers by name, optionally in one spend category or matching a name or number."""
    statement = (
        _listed(category, search)
        .order_by(Supplier.normalised_name, Supplier.id)
        .limit(max(0, min(limit, MAX_PAGE_SIZE)))
        .offset(max(0, offset))
    )
    return list(session.scalars(statement))


def count_suppliers(
    session: Session, *, category: str | None = None, search: str | None = None
) -> int:
    """How many suppliers `list_suppliers` would page through."""
    subquery = _listed(category, search).subquery()
    return session.scalar(select(func.count()).select_from(subquery)) or 0


def spend_categories(session: Session) -> list[str]:
    """The spend categories in the register, alphabetically (for filter menus)."""
    statement = (
        select(Supplier.spend_category)
        .where(Supplier.spend_category.is_not(None))
        .distinct()
        .order_by(Supplier.spend_category)
    )
    return [category for category in session.scalars(statement) if category]


def _newest_last() -> tuple[object, ...]:
    return (AssessmentRecord.submitted_at, AssessmentRecord.created_at, AssessmentRecord.id)


def supplier_assessments(
    session: Session, supplier: Supplier, *, with_data: bool = True
) -> list[AssessmentRecord]:
    """Every assessment linked to `supplier`, oldest plan first."""
    statement = (
        select(AssessmentRecord)
        .join(SupplierAssessment, SupplierAssessment.assessment_id == AssessmentRecord.id)
        .where(SupplierAssessment.supplier_id == supplier.id)
        .order_by(*_newest_last())  # type: ignore[arg-type]
    )
    if with_data:
        statement = statement.options(undefer(AssessmentRecord.data))
    return list(session.scalars(statement))


def latest_assessments(
    session: Session,
    *,
    as_of: dt.datetime | None = None,
    supplier_ids: Iterable[int] | None = None,
    with_data: bool = False,
) -> dict[int, AssessmentRecord]:
    """Each linked supplier's latest assessment by supplier id, counting only assessments
    made at or before `as_of` when given (the dashboard's trend by quarter)."""
    statement = select(SupplierAssessment.supplier_id, AssessmentRecord).join(
        AssessmentRecord, SupplierAssessment.assessment_id == AssessmentRecord.id
    )
    if as_of is not None:
        statement = statement.where(AssessmentRecord.created_at <= as_of)
    if supplier_ids is not None:
        statement = statement.where(SupplierAssessment.supplier_id.in_(list(supplier_ids)))
    if with_data:
        statement = statement.options(undefer(AssessmentRecord.data))
    latest: dict[int, AssessmentRecord] = {}
    for supplier_id, record in session.execute(statement.order_by(*_newest_last())):  # type: ignore[arg-type]
        latest[supplier_id] = record  # ordered oldest first, so the last one wins
    return latest


def linked_supplier(session: Session, record: AssessmentRecord) -> Supplier | None:
    """The supplier this assessment is linked to, or None."""
    statement = (
        select(Supplier)
        .join(SupplierAssessment, SupplierAssessment.supplier_id == Supplier.id)
        .where(SupplierAssessment.assessment_id == record.id)
    )
    return session.scalars(statement).one_or_none()
