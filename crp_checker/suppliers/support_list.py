"""Suppliers whose latest plan has gaps, grouped by the support route that helps with them,
and the suppliers with no plan at all.

Gaps are the scored rules that fail or are partial (as in `support.match_support`); they are
matched against the council's *current* routes file rather than the routes stored with the
assessment, so editing the routes changes the list at once. A supplier whose latest checked
document is not a Carbon Reduction Plan has no plan: it is listed with the suppliers without
one, never as a plan with gaps. Contracts ending within the renewal window are flagged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crp_checker.report.tabular import csv_text
from crp_checker.schemas import Assessment, Severity, SupportRoute
from crp_checker.store.models import AssessmentRecord
from crp_checker.store.supplier_models import Supplier, SupplierContact, SupplierContract
from crp_checker.suppliers.contracts import renewals_due
from crp_checker.suppliers.records import filtered_suppliers, is_plan, latest_assessments
from crp_checker.support import GAP_OUTCOMES, load_routes

# The rule a document that is not a plan fails: its routes help a supplier write one.
NO_PLAN_RULE = "crp-identified"


@dataclass(frozen=True)
class Gap:
    """One rule the plan falls short on, and what the supplier should do about it."""

    rule: str
    title: str
    outcome: str
    message: str
    fix: str | None
    mandatory: bool = True


@dataclass
class RouteMatch:
    """A route and the supplier's gaps it helps with."""

    route: SupportRoute
    gaps: list[Gap]


@dataclass
class SupplierSupport:
    """One supplier's gaps and the routes that help: from its latest plan, or (`has_plan`
    False) the routes that help a supplier with no plan write one. `record` is the latest
    document checked, plan or not; None when nothing was ever checked."""

    supplier: Supplier
    record: AssessmentRecord | None
    gaps: list[Gap]
    routes: list[RouteMatch]
    last_contacted_at: dt.datetime | None = None
    renewals: list[SupplierContract] = field(default_factory=list)

    @property
    def has_plan(self) -> bool:
        return self.record is not None and is_plan(self.record.verdict, self.record.is_crp)

    @property
    def must_fix(self) -> list[Gap]:
        """Gaps in mandatory requirements: a bid relying on the plan could be excluded."""
        return [gap for gap in self.gaps if gap.mandatory]

    @property
    def good_practice(self) -> list[Gap]:
        return [gap for gap in self.gaps if not gap.mandatory]


@dataclass
class RouteGroup:
    """A route and the suppliers it could help, biggest spend first."""

    route: SupportRoute
    entries: list[tuple[SupplierSupport, list[Gap]]] = field(default_factory=list)


@dataclass
class SupportList:
    """The grouped list, plus the suppliers with no plan at all (the biggest gap): none
    checked, or a document that is not a plan (`SupplierSupport.record` says which)."""

    groups: list[RouteGroup]
    suppliers: list[SupplierSupport]
    without_plan: list[SupplierSupport]


def plan_gaps(assessment: Assessment) -> list[Gap]:
    """The plan's gaps in rulebook order: scored rules that fail or are partial."""
    return [
        Gap(
            f.rule,
            f.title,
            f.outcome.value,
            f.message,
            f.fix,
            mandatory=f.severity is Severity.MANDATORY,
        )
        for f in assessment.findings
        if f.outcome in GAP_OUTCOMES and f.severity is not Severity.INFO
    ]


def no_plan_gap(record: AssessmentRecord | None) -> Gap:
    """The one gap of a supplier with no plan: it needs one."""
    checked = f"The document checked, {record.source_name}, " if record is not None else ""
    return Gap(
        NO_PLAN_RULE,
        "A Carbon Reduction Plan",
        "fail",
        (checked + "is not a Carbon Reduction Plan.")
        if checked
        else "No Carbon Reduction Plan has been checked.",
        "Write a Carbon Reduction Plan following the PPN 006 template and publish it on your "
        "website.",
    )


def match_routes(gaps: list[Gap], routes: list[SupportRoute]) -> list[RouteMatch]:
    """Each route that serves at least one gap, with the gaps it serves."""
    matches = []
    for route in routes:
        served = [gap for gap in gaps if gap.rule in route.rules]
        if served:
            matches.append(RouteMatch(route=route, gaps=served))
    return matches


def supplier_support(
    session: Session,
    supplier: Supplier,
    routes: list[SupportRoute] | None = None,
    *,
    today: dt.date | None = None,
) -> SupplierSupport:
    """The supplier's gaps and routes: from its latest plan, or the no-plan version."""
    record = latest_assessments(session, supplier_ids=[supplier.id], with_data=True).get(
        supplier.id
    )
    contacted = last_contacted(session, [supplier.id]).get(supplier.id)
    routes = load_routes() if routes is None else routes
    return _support(supplier, record, routes, contacted, today or dt.date.today())


def _support(
    supplier: Supplier,
    record: AssessmentRecord | None,
    routes: list[SupportRoute],
    contacted: dt.datetime | None,
    today: dt.date,
) -> SupplierSupport:
    if record is not None and is_plan(record.verdict, record.is_crp):
        gaps = plan_gaps(record.assessment)
    else:
        gaps = [no_plan_gap(record)]
    renewals = renewals_due(supplier.contracts, today)
    return SupplierSupport(supplier, record, gaps, match_routes(gaps, routes), contacted, renewals)


def last_contacted(session: Session, supplier_ids: list[int]) -> dict[int, dt.datetime]:
    """When each of these suppliers was last contacted, if ever."""
    statement = (
        select(SupplierContact.supplier_id, func.max(SupplierContact.contacted_at))
        .where(SupplierContact.supplier_id.in_(supplier_ids))
        .group_by(SupplierContact.supplier_id)
    )
    # max() over the UTC column comes back naive on SQLite.
    return {
        supplier_id: when if when.tzinfo else when.replace(tzinfo=dt.UTC)
        for supplier_id, when in session.execute(statement)
    }


def build_support_list(
    session: Session,
    *,
    route: str | None = None,
    category: str | None = None,
    min_spend: Decimal | None = None,
    today: dt.date | None = None,
) -> SupportList:
    """Suppliers with gaps grouped by route, filtered by route id, spend category and spend;
    then the suppliers without a plan (biggest spend first in each)."""
    today = today or dt.date.today()
    statement = filtered_suppliers(category, None)
    if min_spend is not None:
        statement = statement.where(Supplier.annual_spend >= min_spend)
    suppliers = sorted(session.scalars(statement), key=_priority)
    ids = [s.id for s in suppliers]
    filtered = category is not None or min_spend is not None
    latest = latest_assessments(session, supplier_ids=ids if filtered else None, with_data=True)
    contacted = last_contacted(session, ids)
    routes = load_routes()
    groups = {r.id: RouteGroup(r) for r in routes if route is None or r.id == route}
    listed: list[SupplierSupport] = []
    without: list[SupplierSupport] = []
    for supplier in suppliers:
        entry = _support(
            supplier, latest.get(supplier.id), routes, contacted.get(supplier.id), today
        )
        if not entry.has_plan:
            without.append(entry)
            continue
        matches = entry.routes
        if route is not None:
            matches = [m for m in matches if m.route.id == route]
        if not matches:
            continue
        listed.append(entry)
        for match in matches:
            groups[match.route.id].entries.append((entry, match.gaps))
    return SupportList(
        groups=[group for group in groups.values() if group.entries],
        suppliers=listed,
        without_plan=without,
    )


def _priority(supplier: Supplier) -> tuple[Decimal, str]:
    return (-(supplier.annual_spend or Decimal(0)), supplier.normalised_name)


CSV_COLUMNS = (
    "route_id",
    "route_name",
    "supplier",
    "companies_house_number",
    "spend_categories",
    "annual_spend",
    "contact_email",
    "verdict",
    "score",
    "assessed_on",
    "document_checked",
    "gap_rules",
    "gaps",
    "renewal_due",
    "last_contacted",
)


def support_list_csv(support: SupportList) -> str:
    """One row per supplier and route (gaps joined with "; "), then suppliers without a plan."""
    return csv_text(CSV_COLUMNS, _csv_rows(support))


def renewal_text(renewals: list[SupplierContract]) -> str:
    """The contracts due for renewal as one cell: "C-12 ends 2027-03-31; ..."."""
    return "; ".join(
        f"{c.label} ends {c.end_date.isoformat()}" for c in renewals if c.end_date is not None
    )


def _csv_rows(support: SupportList) -> Iterator[tuple[object, ...]]:
    for group in support.groups:
        for entry, gaps in group.entries:
            yield (group.route.id, group.route.name, *_supplier_cells(entry, gaps))
    for entry in support.without_plan:
        yield ("", "", *_supplier_cells(entry, []))


def _supplier_cells(entry: SupplierSupport, gaps: list[Gap]) -> tuple[object, ...]:
    supplier, record = entry.supplier, entry.record
    when = entry.last_contacted_at
    return (
        supplier.name,
        supplier.companies_house_number,
        "; ".join(supplier.categories),
        supplier.annual_spend,
        supplier.contact_email,
        record.verdict.value if entry.has_plan and record else "no plan",
        record.score if entry.has_plan and record else "",
        record.created_at.date().isoformat() if record else "",
        record.source_name if record else "",
        "; ".join(gap.rule for gap in gaps),
        "; ".join(gap.title for gap in gaps),
        renewal_text(entry.renewals),
        when.date().isoformat() if when else None,
    )
