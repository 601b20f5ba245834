"""From the register's domain objects to the API's JSON shapes (web/supplier_schemas.py)."""

from __future__ import annotations

from decimal import Decimal

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
from crp_checker.suppliers.listing import NO_PLAN
from crp_checker.web.supplier_schemas import (
    AssessmentOut,
    CategoryOut,
    ContractOut,
    Counted,
    DashboardOut,
    FigureOut,
    GapOut,
    ImportOut,
    LatestOut,
    LineMessage,
    PlainShare,
    QuarterOut,
    RouteOut,
    ShareOut,
    SupplierDetail,
    SupportEntryOut,
    SupportGroupOut,
    SupportListOut,
    SupportOut,
)


def _amount(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


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
