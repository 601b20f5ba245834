"""The JSON shapes of the register API (web/api_suppliers.py); web/supplier_json.py fills them
from the same domain objects the pages render, so a figure reads the same on both."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from crp_checker.schemas import Verdict
from crp_checker.suppliers.listing import PLAN_STATUSES

PlanStatus = Literal["no_plan", "non_compliant", "needs_review", "compliant_with_gaps", "compliant"]
assert set(PlanStatus.__args__) == set(PLAN_STATUSES)  # type: ignore[attr-defined]


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
