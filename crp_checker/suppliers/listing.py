"""The register as the climate team browses it: filtered by name or number, spend category,
plan status and contracts due for renewal; sorted by name, spend, contract end, check date or
plan status; one page at a time. The page and the JSON API both read it from here.

A supplier's plan status is its latest assessment's verdict, or `no_plan` when it has none or
the document checked is not a Carbon Reduction Plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from crp_checker.report.wording import VERDICT_LABELS
from crp_checker.schemas import Verdict
from crp_checker.store.models import AssessmentRecord
from crp_checker.store.supplier_models import Supplier, SupplierAssessment, SupplierContract
from crp_checker.suppliers.contracts import next_end, renewal_window_end, renewals_due
from crp_checker.suppliers.records import MAX_PAGE_SIZE, filtered_suppliers, is_plan

NO_PLAN = "no_plan"
# Worst first, as the status sort shows them.
PLAN_STATUSES = (
    NO_PLAN,
    Verdict.NON_COMPLIANT.value,
    Verdict.NEEDS_REVIEW.value,
    Verdict.COMPLIANT_WITH_GAPS.value,
    Verdict.COMPLIANT.value,
)
SORTS = ("name", "spend", "contract_end", "checked", "status")
MAX_SEARCH = 200
STATUS_LABELS = {NO_PLAN: "No plan"} | {
    verdict.value: label
    for verdict, label in VERDICT_LABELS.items()
    if verdict.value in PLAN_STATUSES
}
SORT_LABELS = {
    "name": "Name",
    "spend": "Annual spend, largest first",
    "contract_end": "Contract end, soonest first",
    "checked": "Last checked, newest first",
    "status": "Plan status, no plan first",
}


@dataclass(frozen=True)
class LatestCheck:
    """A supplier's latest assessment, as lists need it (no JSON loaded)."""

    public_id: str
    source_name: str
    verdict: Verdict
    is_crp: bool
    score: int
    maturity: int
    net_zero_year: int | None
    created_at: dt.datetime
    check_date: dt.date
    rechecked_at: dt.datetime | None

    @property
    def is_plan(self) -> bool:
        return is_plan(self.verdict, self.is_crp)

    @property
    def status(self) -> str:
        return self.verdict.value if self.is_plan else NO_PLAN

    @property
    def last_checked(self) -> dt.datetime:
        """When the plan was last checked, counting checks that found it unchanged."""
        return max(self.created_at, self.rechecked_at or self.created_at)


@dataclass
class RegisterEntry:
    """One supplier in the list: its latest check, next contract end and renewals due."""

    supplier: Supplier
    latest: LatestCheck | None
    next_end: dt.date | None
    renewals: list[SupplierContract]

    @property
    def status(self) -> str:
        return self.latest.status if self.latest is not None else NO_PLAN


@dataclass(frozen=True)
class RegisterFilters:
    """What the list is narrowed to and how it is sorted (unknown values are dropped)."""

    search: str | None = None
    category: str | None = None
    status: str | None = None
    renewal: bool = False
    sort: str = "name"


def make_filters(
    categories: list[str],
    *,
    search: str | None = None,
    category: str | None = None,
    status: str | None = None,
    renewal: bool = False,
    sort: str | None = None,
) -> RegisterFilters:
    """Filters from a page's or an API call's parameters, unknown values dropped (a stale link
    shows everything rather than an error)."""
    text = (search or "").strip()[:MAX_SEARCH] or None
    return RegisterFilters(
        search=text,
        category=category if category in categories else None,
        status=status if status in PLAN_STATUSES else None,
        renewal=renewal,
        sort=sort if sort in SORTS else "name",
    )


@dataclass
class RegisterPage:
    total: int
    entries: list[RegisterEntry] = field(default_factory=list)


def latest_checks(
    session: Session, supplier_ids: Iterable[int] | None = None
) -> dict[int, LatestCheck]:
    """Each linked supplier's latest assessment (see crp_checker.suppliers.records)."""
    statement = select(
        SupplierAssessment.supplier_id,
        AssessmentRecord.public_id,
        AssessmentRecord.source_name,
        AssessmentRecord.verdict,
        AssessmentRecord.is_crp,
        AssessmentRecord.score,
        AssessmentRecord.maturity,
        AssessmentRecord.net_zero_year,
        AssessmentRecord.created_at,
        AssessmentRecord.check_date,
        AssessmentRecord.rechecked_at,
    ).join(AssessmentRecord, SupplierAssessment.assessment_id == AssessmentRecord.id)
    if supplier_ids is not None:
        statement = statement.where(SupplierAssessment.supplier_id.in_(list(supplier_ids)))
    statement = statement.order_by(
        AssessmentRecord.submitted_at, AssessmentRecord.created_at, AssessmentRecord.id
    )
    latest: dict[int, LatestCheck] = {}
    for supplier_id, *values in session.execute(statement):
        latest[supplier_id] = LatestCheck(*values)  # oldest first: the last one wins
    return latest


def register_entry(session: Session, supplier: Supplier, today: dt.date) -> RegisterEntry:
    """One supplier as the list shows it."""
    latest = latest_checks(session, [supplier.id]).get(supplier.id)
    contracts = supplier.contracts
    return RegisterEntry(
        supplier, latest, next_end(contracts, today), renewals_due(contracts, today)
    )


@dataclass
class _Listed:
    """A supplier as filters and sorts need it (plain values: the list may be thousands long,
    and only the page shown is loaded as objects)."""

    id: int
    name: str
    spend: Decimal | None
    next_end: dt.date | None
    renewal_due: bool
    latest: LatestCheck | None

    @property
    def status(self) -> str:
        return self.latest.status if self.latest is not None else NO_PLAN


def _listed(session: Session, filters: RegisterFilters, today: dt.date) -> list[_Listed]:
    """Every supplier matching the filters, in the chosen order."""
    columns = filtered_suppliers(filters.category, filters.search).with_only_columns(
        Supplier.id, Supplier.normalised_name, Supplier.annual_spend
    )
    found = session.execute(columns).all()
    filtered = filters.category is not None or bool(filters.search)
    ids = [row[0] for row in found]
    latest = latest_checks(session, ids if filtered else None)
    ends: dict[int, list[dt.date]] = {}
    statement = select(SupplierContract.supplier_id, SupplierContract.end_date).where(
        SupplierContract.end_date.is_not(None)
    )
    if filtered:
        statement = statement.where(SupplierContract.supplier_id.in_(ids))
    for supplier_id, end in session.execute(statement):
        if end is not None:
            ends.setdefault(supplier_id, []).append(end)
    last = renewal_window_end(today)
    listed = [
        _Listed(
            supplier_id,
            name,
            spend,
            _next(ends.get(supplier_id, []), today),
            any(today <= end <= last for end in ends.get(supplier_id, [])),
            latest.get(supplier_id),
        )
        for supplier_id, name, spend in found
    ]
    if filters.status is not None:
        listed = [row for row in listed if row.status == filters.status]
    if filters.renewal:
        listed = [row for row in listed if row.renewal_due]
    return _sorted(listed, filters.sort, today)


def _next(ends: list[dt.date], today: dt.date) -> dt.date | None:
    coming = [end for end in ends if end >= today]
    return min(coming) if coming else (max(ends) if ends else None)


def register_page(
    session: Session,
    filters: RegisterFilters,
    today: dt.date,
    *,
    limit: int = 50,
    offset: int = 0,
) -> RegisterPage:
    """One page of the suppliers matching the filters, in the chosen order, and how many
    match in all."""
    listed = _listed(session, filters, today)
    limit = max(0, min(limit, MAX_PAGE_SIZE))
    shown = listed[max(0, offset) : max(0, offset) + limit]
    statement = select(Supplier).where(Supplier.id.in_([row.id for row in shown]))
    suppliers = {supplier.id: supplier for supplier in session.scalars(statement)}
    entries = [
        RegisterEntry(
            suppliers[row.id],
            row.latest,
            row.next_end,
            renewals_due(suppliers[row.id].contracts, today),
        )
        for row in shown
    ]
    return RegisterPage(total=len(listed), entries=entries)


def _sorted(listed: list[_Listed], sort: str, today: dt.date) -> list[_Listed]:
    by_name = sorted(listed, key=lambda row: (row.name, row.id))
    if sort == "spend":
        return sorted(by_name, key=lambda row: -(row.spend if row.spend is not None else -1))
    if sort == "contract_end":
        return sorted(by_name, key=lambda row: _end_key(row.next_end, today))
    if sort == "checked":
        return sorted(
            by_name, key=lambda row: -row.latest.last_checked.timestamp() if row.latest else 0
        )
    if sort == "status":
        return sorted(by_name, key=lambda row: PLAN_STATUSES.index(row.status))
    return by_name


def _end_key(end: dt.date | None, today: dt.date) -> tuple[int, int]:
    """Contracts still running, soonest end first; then those ended, latest first; then unknown."""
    if end is None:
        return (2, 0)
    if end >= today:
        return (0, end.toordinal())
    return (1, -end.toordinal())
