"""The JSON shapes of the register API (web/api_suppliers.py), built from the same domain
objects the pages render, so a figure reads the same on both."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from crp_checker.schemas import Verdict
from crp_checker.store.supplier_models import Supplier, SupplierContract
from crp_checker.suppliers import (
    Dashboard,
    Gap,
    ImportReport,
    LatestCheck,
    RegisterEntry,
    Share,
    SupplierHistory,
    SupplierSupport,
    SupportList,
    definitions,
)
from crp_checker.suppliers.listing import NO_PLAN, PLAN_STATUSES

PlanStatus = Literal["no_plan", "non_compliant", "needs_review", "compliant_with_gaps", "compliant"]
assert set(PlanStatus.__args__) == set(PLAN_STATUSES)  # type: ignore[attr-defined]


def _amount(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


class LatestOut(BaseModel):
    """A supplier's latest checked document."""

    assessment_id: str
    url: str = Field(description="Its report page")
    source_name: str
    is_plan: bool = Field(description="False when the document is not a Carbon Reduction Plan")
    verdict: Verdict
    score: int
    maturity: int
    net_zero_year: int | None
    check_date: dt.date
    checked_at: dt.datetime
    last_checked_at: dt.datetime = Field(description="Counting checks that found it unchanged")


class SupplierSummary(BaseModel):
    """One supplier of the register, as the register page lists it."""

    id: int
    url: str = Field(description="Its page")
    name: str
    companies_house_number: str | None
    contact_email: str | None
    crp_url: str | None
    annual_spend: float | None = Field(description="The sum of its contracts' values (GBP)")
    spend_categories: list[str]
    contracts: int
    next_contract_end: dt.date | None
    renewal_due: bool = Field(description="A contract ends within the renewal window")
    plan_status: PlanStatus
    latest: LatestOut | None


class SupplierList(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[SupplierSummary]


class ContractOut(BaseModel):
    id: int
    reference: str | None
    title: str | None
    spend_category: str | None
    value: float | None = Field(description="Annual spend under the contract (GBP)")
    end_date: dt.date | None
    renewal_due: bool


class AssessmentOut(BaseModel):
    """One check of the supplier's plan, oldest first."""

    assessment_id: str
    url: str
    source_name: str
    submitted_at: dt.datetime
    checked_at: dt.datetime
    rechecked_at: dt.datetime | None = Field(description="Last checked again, unchanged")
    recheck_count: int
    is_plan: bool
    verdict: Verdict
    score: int
    maturity: int
    net_zero_year: int | None
    rulebook_version: str
    linked_by: str | None = Field(description="organisation, url, name or manual")


class GapOut(BaseModel):
    rule: str
    title: str
    outcome: str
    message: str
    fix: str | None


class RouteOut(BaseModel):
    id: str
    name: str
    description: str
    url: str | None
    gaps: list[str] = Field(description="The rule ids of the gaps it helps with")


class SupportOut(BaseModel):
    """The supplier's gaps from its latest plan (or the no-plan gap) and matching support."""

    has_plan: bool
    assessment_id: str | None
    must_fix: list[GapOut]
    good_practice: list[GapOut]
    routes: list[RouteOut]
    last_contacted_at: dt.datetime | None


class SupplierDetail(SupplierSummary):
    contract_list: list[ContractOut]
    assessments: list[AssessmentOut]
    support: SupportOut


class FigureOut(BaseModel):
    label: str
    definition: str
    value: float | int | None


class ShareOut(BaseModel):
    label: str
    definition: str
    count: int
    of: int
    share: float | None
    spend: float
    of_spend: float
    spend_share: float | None


class PlainShare(BaseModel):
    count: int
    of: int
    share: float | None
    spend: float
    of_spend: float
    spend_share: float | None


class CategoryOut(BaseModel):
    category: str
    suppliers: int
    assessed: int
    compliant: PlainShare
    net_zero_local: PlainShare


class QuarterOut(BaseModel):
    label: str
    end: dt.date
    compliant: PlainShare
    net_zero_local: PlainShare


class DashboardOut(BaseModel):
    """Every figure on the dashboard page, each with its label and definition."""

    as_of: dt.datetime
    net_zero_deadline: int
    local_ambition_year: int
    target_share: float
    target_met: bool
    figures: dict[str, FigureOut]
    measures: dict[str, ShareOut]
    maturity: dict[str, int] = Field(description="Suppliers by maturity level 1-5, and no_plan")
    categories: list[CategoryOut]
    trend: list[QuarterOut]
    definitions: dict[str, str]


class SupportEntryOut(BaseModel):
    supplier_id: int
    name: str
    annual_spend: float | None
    assessment_id: str | None
    verdict: Verdict | None
    score: int | None
    gaps: list[str]
    last_contacted_at: dt.datetime | None
    renewal_due: list[ContractOut]


class SupportGroupOut(BaseModel):
    route: RouteOut
    suppliers: list[SupportEntryOut]


class SupportListOut(BaseModel):
    """Suppliers with gaps by support route, then the suppliers with no plan."""

    groups: list[SupportGroupOut]
    without_plan: list[SupportEntryOut]


class Counted(BaseModel):
    created: int
    updated: int
    unchanged: int


class LineMessage(BaseModel):
    line: int
    message: str


class ImportOut(BaseModel):
    suppliers: Counted
    contracts: Counted
    errors: list[LineMessage] = Field(description="Rows not imported, with the reason")
    notes: list[LineMessage] = Field(description="Rows imported whose details differ")
    linked: int = Field(description="Stored checks linked to suppliers after the import")


# --------------------------------------------------------------------------- builders


def latest_out(latest: LatestCheck | None) -> LatestOut | None:
    if latest is None:
        return None
    return LatestOut(
        assessment_id=latest.public_id,
        url=f"/reports/{latest.public_id}",
        source_name=latest.source_name,
        is_plan=latest.is_plan,
        verdict=latest.verdict,
        score=latest.score,
        maturity=latest.maturity,
        net_zero_year=latest.net_zero_year,
        check_date=latest.check_date,
        checked_at=latest.created_at,
        last_checked_at=latest.last_checked,
    )


def summary_fields(entry: RegisterEntry) -> dict[str, object]:
    supplier = entry.supplier
    return {
        "id": supplier.id,
        "url": f"/suppliers/{supplier.id}",
        "name": supplier.name,
        "companies_house_number": supplier.companies_house_number,
        "contact_email": supplier.contact_email,
        "crp_url": supplier.crp_url,
        "annual_spend": _amount(supplier.annual_spend),
        "spend_categories": supplier.categories,
        "contracts": len(supplier.contracts),
        "next_contract_end": entry.next_end,
        "renewal_due": bool(entry.renewals),
        "plan_status": entry.status,
        "latest": latest_out(entry.latest),
    }


def contract_out(contract: SupplierContract, due: list[SupplierContract]) -> ContractOut:
    return ContractOut(
        id=contract.id,
        reference=contract.reference,
        title=contract.title,
        spend_category=contract.spend_category,
        value=_amount(contract.value),
        end_date=contract.end_date,
        renewal_due=contract in due,
    )


def _gap(gap: Gap) -> GapOut:
    return GapOut(
        rule=gap.rule, title=gap.title, outcome=gap.outcome, message=gap.message, fix=gap.fix
    )


def support_out(support: SupplierSupport) -> SupportOut:
    record = support.record
    return SupportOut(
        has_plan=support.has_plan,
        assessment_id=None if record is None else record.public_id,
        must_fix=[_gap(g) for g in (support.must_fix if support.has_plan else support.gaps)],
        good_practice=[_gap(g) for g in support.good_practice] if support.has_plan else [],
        routes=[
            RouteOut(
                id=m.route.id,
                name=m.route.name,
                description=m.route.description,
                url=m.route.url,
                gaps=[g.rule for g in m.gaps],
            )
            for m in support.routes
        ],
        last_contacted_at=support.last_contacted_at,
    )


def detail_out(
    entry: RegisterEntry, history: SupplierHistory, support: SupplierSupport
) -> SupplierDetail:
    supplier: Supplier = entry.supplier
    assessments = [
        AssessmentOut(
            assessment_id=e.public_id,
            url=f"/reports/{e.public_id}",
            source_name=e.source_name,
            submitted_at=e.submitted_at,
            checked_at=e.created_at,
            rechecked_at=e.rechecked_at,
            recheck_count=e.recheck_count,
            is_plan=e.is_plan,
            verdict=e.verdict,
            score=e.score,
            maturity=e.maturity,
            net_zero_year=e.net_zero_year,
            rulebook_version=e.rulebook_version,
            linked_by=e.method,
        )
        for e in history.entries
    ]
    return SupplierDetail(
        **summary_fields(entry),
        contract_list=[contract_out(c, entry.renewals) for c in supplier.contracts],
        assessments=assessments,
        support=support_out(support),
    )


def _plain(share: Share) -> PlainShare:
    return PlainShare(
        count=share.count,
        of=share.of,
        share=share.share,
        spend=float(share.spend),
        of_spend=float(share.of_spend),
        spend_share=share.spend_share,
    )


def dashboard_out(board: Dashboard) -> DashboardOut:
    defined = definitions(board)

    def figure(key: str, value: float | int | None) -> FigureOut:
        return FigureOut(label=defined[key].label, definition=defined[key].text, value=value)

    def measure(key: str, share: Share) -> ShareOut:
        plain = _plain(share).model_dump()
        return ShareOut(label=defined[key].label, definition=defined[key].text, **plain)

    measured = {
        "compliant": board.compliant,
        "net_zero_deadline": board.net_zero_deadline_share,
        "net_zero_local": board.net_zero_local,
        "measuring_scope3": board.measuring_scope3,
    }
    figures = {
        "suppliers": board.suppliers,
        "assessed": board.assessed,
        "not_a_plan": board.not_a_plan,
        "total_spend": float(board.total_spend),
        "assessed_spend": float(board.assessed_spend),
        "median_net_zero_year": board.median_net_zero_year,
    }
    return DashboardOut(
        as_of=board.as_of,
        net_zero_deadline=board.net_zero_deadline,
        local_ambition_year=board.local_ambition_year,
        target_share=board.target_share,
        target_met=board.target_met,
        figures={key: figure(key, value) for key, value in figures.items()},
        measures={key: measure(key, share) for key, share in measured.items()},
        maturity={str(level): count for level, count in board.maturity.items()}
        | {NO_PLAN: board.not_assessed},
        categories=[
            CategoryOut(
                category=row.category,
                suppliers=row.suppliers,
                assessed=row.assessed,
                compliant=_plain(row.compliant),
                net_zero_local=_plain(row.net_zero_local),
            )
            for row in board.categories
        ],
        trend=[
            QuarterOut(
                label=point.label,
                end=point.end,
                compliant=_plain(point.compliant),
                net_zero_local=_plain(point.net_zero_local),
            )
            for point in board.trend
        ],
        definitions={key: d.text for key, d in defined.items()},
    )


def _entry(support: SupplierSupport, gaps: list[Gap]) -> SupportEntryOut:
    record = support.record if support.has_plan else None
    return SupportEntryOut(
        supplier_id=support.supplier.id,
        name=support.supplier.name,
        annual_spend=_amount(support.supplier.annual_spend),
        assessment_id=None if support.record is None else support.record.public_id,
        verdict=None if record is None else record.verdict,
        score=None if record is None else record.score,
        gaps=[gap.rule for gap in gaps],
        last_contacted_at=support.last_contacted_at,
        renewal_due=[contract_out(c, support.renewals) for c in support.renewals],
    )


def support_list_out(listed: SupportList) -> SupportListOut:
    return SupportListOut(
        groups=[
            SupportGroupOut(
                route=RouteOut(
                    id=group.route.id,
                    name=group.route.name,
                    description=group.route.description,
                    url=group.route.url,
                    gaps=sorted({g.rule for _, gaps in group.entries for g in gaps}),
                ),
                suppliers=[_entry(entry, gaps) for entry, gaps in group.entries],
            )
            for group in listed.groups
        ],
        without_plan=[_entry(entry, []) for entry in listed.without_plan],
    )


def import_out(report: ImportReport, linked: int) -> ImportOut:
    def counted(counts: object) -> Counted:
        return Counted.model_validate(counts, from_attributes=True)

    return ImportOut(
        suppliers=counted(report.suppliers),
        contracts=counted(report.contracts),
        errors=[LineMessage(line=line, message=text) for line, text in report.errors],
        notes=[LineMessage(line=line, message=text) for line, text in report.notes],
        linked=linked,
    )
