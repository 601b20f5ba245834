"""Suppliers whose latest plan has gaps, grouped by the support route that helps with them.

Gaps are the scored rules that fail or are partial (as in `support.match_support`); they are
matched against the council's *current* routes file rather than the routes stored with the
assessment, so editing the routes changes the list at once.
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
from crp_checker.store.supplier_models import Supplier, SupplierContact
from crp_checker.suppliers.records import latest_assessments
from crp_checker.support import GAP_OUTCOMES, load_routes


@dataclass(frozen=True)
class Gap:
    """One rule the plan falls short on, and what the supplier should do about it."""

    rule: str
    title: str
    outcome: str
    message: str
    fix: str | None


@dataclass
class RouteMatch:
    """A route and the supplier's gaps it helps with."""

    route: SupportRoute
    gaps: list[Gap]


@dataclass
class SupplierSupport:
    """One supplier's gaps (from its latest assessment) and the routes that help."""

    supplier: Supplier
    record: AssessmentRecord
    gaps: list[Gap]
    routes: list[RouteMatch]
    last_contacted_at: dt.datetime | None = None


@dataclass
class RouteGroup:
    """A route and the suppliers it could help, biggest spend first."""

    route: SupportRoute
    entries: list[tuple[SupplierSupport, list[Gap]]] = field(default_factory=list)


@dataclass
class SupportList:
    """The grouped list, plus the suppliers with no assessed plan at all (the biggest gap)."""

    groups: list[RouteGroup]
    suppliers: list[SupplierSupport]
    without_plan: list[Supplier]


def plan_gaps(assessment: Assessment) -> list[Gap]:
    """The plan's gaps in rulebook order: scored rules that fail or are partial."""
    return [
        Gap(f.rule, f.title, f.outcome.value, f.message, f.fix)
        for f in assessment.findings
        if f.outcome in GAP_OUTCOMES and f.severity is not Severity.INFO
    ]


def match_routes(gaps: list[Gap], routes: list[SupportRoute]) -> list[RouteMatch]:
    """Each route that serves at least one gap, with the gaps it serves."""
    matches = []
    for route in routes:
        served = [gap for gap in gaps if gap.rule in route.rules]
        if served:
            matches.append(RouteMatch(route=route, gaps=served))
    return matches


def supplier_support(
    session: Session, supplier: Supplier, routes: list[SupportRoute] | None = None
) -> SupplierSupport | None:
    """The supplier's gaps and routes, or None when it has no assessed plan."""
    record = latest_assessments(session, supplier_ids=[supplier.id], with_data=True).get(
        supplier.id
    )
    if record is None:
        return None
    gaps = plan_gaps(record.assessment)
    contacted = last_contacted(session, [supplier.id]).get(supplier.id)
    routes = load_routes() if routes is None else routes
    return SupplierSupport(supplier, record, gaps, match_routes(gaps, routes), contacted)


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
) -> SupportList:
    """Suppliers with gaps grouped by route, filtered by route id, spend category and spend."""
    statement = select(Supplier)
    if category is not None:
        statement = statement.where(Supplier.spend_category == category)
    if min_spend is not None:
        statement = statement.where(Supplier.annual_spend >= min_spend)
    suppliers = list(session.scalars(statement))
    ids = [s.id for s in suppliers]
    filtered = category is not None or min_spend is not None
    latest = latest_assessments(session, supplier_ids=ids if filtered else None, with_data=True)
    contacted = last_contacted(session, ids)
    routes = load_routes()
    groups = {r.id: RouteGroup(r) for r in routes if route is None or r.id == route}
    listed: list[SupplierSupport] = []
    for supplier in sorted(suppliers, key=_priority):
        record = latest.get(supplier.id)
        if record is None:
            continue
        gaps = plan_gaps(record.assessment)
        matches = match_routes(gaps, routes)
        if route is not None:
            matches = [m for m in matches if m.route.id == route]
        if not matches:
            continue
        entry = SupplierSupport(supplier, record, gaps, matches, contacted.get(supplier.id))
        listed.append(entry)
        for match in matches:
            groups[match.route.id].entries.append((entry, match.gaps))
    return SupportList(
        groups=[group for group in groups.values() if group.entries],
        suppliers=listed,
        without_plan=[s for s in sorted(suppliers, key=_priority) if s.id not in latest],
    )


def _priority(supplier: Supplier) -> tuple[Decimal, str]:
    return (-(supplier.annual_spend or Decimal(0)), supplier.normalised_name)


CSV_COLUMNS = (
    "route_id",
    "route_name",
    "supplier",
    "companies_house_number",
    "spend_category",
    "annual_spend",
    "contact_email",
    "verdict",
    "score",
    "assessed_on",
    "gap_rules",
    "gaps",
    "last_contacted",
)


def support_list_csv(support: SupportList) -> str:
    """One row per supplier and route (gaps joined with "; "), then suppliers without a plan."""
    return csv_text(CSV_COLUMNS, _csv_rows(support))


def _csv_rows(support: SupportList) -> Iterator[tuple[object, ...]]:
    for group in support.groups:
        for entry, gaps in group.entries:
            supplier, record = entry.supplier, entry.record
            when = entry.last_contacted_at
            yield (
                group.route.id,
                group.route.name,
                supplier.name,
                supplier.companies_house_number,
                supplier.spend_category,
                supplier.annual_spend,
                supplier.contact_email,
                record.verdict.value,
                record.score,
                record.created_at.date().isoformat(),
                "; ".join(gap.rule for gap in gaps),
                "; ".join(gap.title for gap in gaps),
                when.date().isoformat() if when else None,
            )
    for supplier in support.without_plan:
        yield (
            "",
            "",
            supplier.name,
            supplier.companies_house_number,
            supplier.spend_category,
            supplier.annual_spend,
            supplier.contact_email,
            "no plan assessed",
            "",
            "",
            "",
            "",
            "",
        )
