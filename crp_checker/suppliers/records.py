"""Reading the register: suppliers, their categories, and each supplier's assessments.

"A supplier's latest assessment" is the one of its most recently submitted plan; among the
assessments of that plan (after a re-assessment) the most recently made one wins. A checked
document that is not a Carbon Reduction Plan is "no plan" wherever plans are counted
(`is_plan`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, undefer

from crp_checker.schemas import Verdict
from crp_checker.store.models import AssessmentRecord
from crp_checker.store.supplier_models import Supplier, SupplierAssessment, SupplierContract
from crp_checker.store.tender_models import Bid, Tender, TenderStatus
from crp_checker.suppliers.names import normalise_company_number, normalise_name

MAX_PAGE_SIZE = 1000


def get_supplier(session: Session, supplier_id: int) -> Supplier | None:
    """The supplier with this id, or None."""
    return session.get(Supplier, supplier_id)


def is_plan(verdict: Verdict, is_crp: bool) -> bool:
    """Whether a checked document counts as a plan. Older assessments of a non-plan carry
    `non_compliant`, so `is_crp` tells them apart."""
    return bool(is_crp) and verdict is not Verdict.NOT_A_CRP


def _company_number(text: str) -> str | None:
    try:
        return normalise_company_number(text)
    except ValueError:
        return None


def filtered_suppliers(category: str | None, search: str | None) -> Select[Supplier]:
    """Suppliers with a contract in `category`, whose name contains `search` or whose
    Companies House number it is."""
    statement = select(Supplier)
    if category is not None:
        in_category = select(SupplierContract.id).where(
            SupplierContract.supplier_id == Supplier.id,
            SupplierContract.spend_category == category,
        )
        statement = statement.where(in_category.exists())
    if search:
        pattern = f"%{normalise_name(search)}%"
        number = _company_number(search)
        matches: list[ColumnElement[bool]] = [Supplier.normalised_name.like(pattern)]
        if number is not None:
            matches.append(Supplier.companies_house_number == number)
        statement = statement.where(or_(*matches))
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
        filtered_suppliers(category, search)
        .order_by(Supplier.normalised_name, Supplier.id)
        .limit(max(0, min(limit, MAX_PAGE_SIZE)))
        .offset(max(0, offset))
    )
    return list(session.scalars(statement))


def count_suppliers(
    session: Session, *, category: str | None = None, search: str | None = None
) -> int:
    """How many suppliers `list_suppliers` would page through."""
    subquery = filtered_suppliers(category, search).subquery()
    return session.scalar(select(func.count()).select_from(subquery)) or 0


def spend_categories(session: Session) -> list[str]:
    """The spend categories of the register's contracts, alphabetically (for filter menus)."""
    statement = (
        select(SupplierContract.spend_category)
        .where(SupplierContract.spend_category.is_not(None))
        .distinct()
        .order_by(SupplierContract.spend_category)
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


def link_methods(session: Session, supplier: Supplier) -> dict[int, str]:
    """How each of the supplier's assessments was linked to it, by assessment id."""
    statement = select(SupplierAssessment.assessment_id, SupplierAssessment.method).where(
        SupplierAssessment.supplier_id == supplier.id
    )
    return {assessment_id: method for assessment_id, method in session.execute(statement)}


def linked_supplier(session: Session, record: AssessmentRecord) -> Supplier | None:
    """The supplier this assessment is linked to, or None."""
    statement = (
        select(Supplier)
        .join(SupplierAssessment, SupplierAssessment.supplier_id == Supplier.id)
        .where(SupplierAssessment.assessment_id == record.id)
    )
    return session.scalars(statement).one_or_none()


def open_tenders(session: Session, supplier: Supplier) -> list[str]:
    """The tenders still being evaluated that the supplier has a bid in (by its organisation's
    account or its name as bidder), as "title (reference)": what a message to it may mention."""
    statement = (
        select(Tender.title, Tender.reference, Bid.bidder_name, Bid.organisation_id)
        .join(Bid, Bid.tender_id == Tender.id)
        .where(Tender.status == TenderStatus.DRAFT, Bid.withdrawn_at.is_(None))
        .order_by(Tender.created_at, Tender.id)
    )
    found: list[str] = []
    for title, reference, bidder, organisation_id in session.execute(statement):
        ours = (
            supplier.organisation_id is not None and organisation_id == supplier.organisation_id
        ) or normalise_name(bidder) == supplier.normalised_name
        name = f"{title} ({reference})"
        if ours and name not in found:
            found.append(name)
    return found
