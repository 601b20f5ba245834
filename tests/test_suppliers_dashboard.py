"""The dashboard's numbers equal those computed here, independently, from the stored assessments
(by count and by spend), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import random
import statistics
from collections.abc import Callable
from decimal import Decimal

from databases import add_assessment
from factories import add_supplier, make_assessment
from sqlalchemy import select
from sqlalchemy.orm import Session

from crp_checker.schemas import Assessment, BuyerSettings, Verdict
from crp_checker.store.models import AssessmentRecord
from crp_checker.store.supplier_models import Supplier, SupplierAssessment, SupplierContract
from crp_checker.suppliers import Share, build_dashboard, link_assessment
from crp_checker.suppliers.dashboard import quarter_end

SETTINGS = BuyerSettings(check_date=dt.date(2026, 6, 1))
AS_OF = dt.datetime(2026, 5, 15, 12, 0, tzinfo=dt.UTC)
CATEGORIES = ["ICT", "Highways", "Social care", None]


def seed_plan(
    session: Session,
    supplier: Supplier,
    when: dt.datetime,
    *,
    verdict: Verdict,
    maturity: int = 2,
    net_zero_year: int | None = 2045,
    strength: str | None = "commitment",
    carbon_neutral_only: bool = False,
    scope3: float | None = 900.0,
) -> AssessmentRecord:
    """Store an assessment of `supplier`'s plan made at `when`, linked to it."""
    base = make_assessment()
    facts = base.facts.model_copy(
        update={
            "net_zero_year": net_zero_year,
            "net_zero_strength": strength,
            "carbon_neutral_only": carbon_neutral_only,
            "current": base.facts.current.model_copy(update={"scope3": scope3}),
            "baseline": base.facts.baseline.model_copy(update={"scope3": None}),
        }
    )
    content = f"{supplier.name} plan at {when.isoformat()} {random.random()}".encode()
    record = add_assessment(session, None, content, verdict=verdict, maturity=maturity, facts=facts)
    record.created_at = record.submitted_at = when
    session.flush()
    link_assessment(session, supplier, record, method="name")
    return record


def _seed(session: Session, count: int = 40, seed: int = 11) -> None:
    rng = random.Random(seed)
    for i in range(count):
        spend = None if i % 9 == 4 else rng.randrange(1_000, 900_000)
        supplier = add_supplier(
            session, f"Supplier {i} Ltd", spend, CATEGORIES[i % len(CATEGORIES)]
        )
        if i % 5 == 0:  # a second contract, in another category: counted in both
            extra = Decimal(rng.randrange(1_000, 50_000))
            category = CATEGORIES[(i + 1) % len(CATEGORIES)]
            supplier.contracts.append(SupplierContract(value=extra, spend_category=category))
            supplier.annual_spend = (supplier.annual_spend or Decimal(0)) + extra
            session.flush()
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            when = dt.datetime(2025, 1, 1, tzinfo=dt.UTC) + dt.timedelta(
                days=rng.randrange(0, 520), hours=rng.randrange(0, 24)
            )
            seed_plan(
                session,
                supplier,
                when,
                verdict=rng.choice(list(Verdict)),
                maturity=rng.randrange(1, 6),
                net_zero_year=rng.choice([None, 2030, 2038, 2040, 2050, 2060]),
                strength=rng.choice(["commitment", "commitment", "aspiration", None]),
                carbon_neutral_only=rng.random() < 0.1,
                scope3=rng.choice([None, 0.0, 12.5, 900.0]),
            )


# --------------------------------------------------------------------------- the independent sums


def _latest(session: Session, as_of: dt.datetime) -> dict[int, AssessmentRecord]:
    latest: dict[int, AssessmentRecord] = {}
    for link in session.scalars(select(SupplierAssessment)):
        record = link.assessment
        if record.created_at > as_of:
            continue
        key = (record.submitted_at, record.created_at, record.id)
        held = latest.get(link.supplier_id)
        if held is None or key > (held.submitted_at, held.created_at, held.id):
            latest[link.supplier_id] = record
    return latest


def _expected(
    session: Session, as_of: dt.datetime, meets: Callable[[Assessment], bool]
) -> tuple[int, int, Decimal, Decimal]:
    suppliers = list(session.scalars(select(Supplier)))
    latest = _latest(session, as_of)
    ok = [
        s
        for s in suppliers
        if s.id in latest and _is_plan(latest[s.id]) and meets(latest[s.id].assessment)
    ]
    spend = sum((s.annual_spend for s in ok if s.annual_spend is not None), Decimal(0))
    of_spend = sum((s.annual_spend for s in suppliers if s.annual_spend is not None), Decimal(0))
    return len(ok), len(suppliers), spend, of_spend


def _is_plan(record: AssessmentRecord) -> bool:
    return record.is_crp and record.verdict is not Verdict.NOT_A_CRP


def _compliant(a: Assessment) -> bool:
    return a.verdict in (Verdict.COMPLIANT, Verdict.COMPLIANT_WITH_GAPS)


def _by(year: int) -> Callable[[Assessment], bool]:
    def committed(a: Assessment) -> bool:
        f = a.facts
        return (
            f.net_zero_strength == "commitment"
            and not f.carbon_neutral_only
            and f.net_zero_year is not None
            and f.net_zero_year <= year
        )

    return committed


def _scope3(a: Assessment) -> bool:
    return any((p.scope3 or 0) > 0 for p in (a.facts.current, a.facts.baseline))


def _as_tuple(share: Share) -> tuple[int, int, Decimal, Decimal]:
    return share.count, share.of, share.spend, share.of_spend


# --------------------------------------------------------------------------- tests


def test_dashboard_numbers_equal_an_independent_count_and_spend_sum(session: Session) -> None:
    _seed(session)
    board = build_dashboard(session, settings=SETTINGS, as_of=AS_OF)
    assert _as_tuple(board.compliant) == _expected(session, AS_OF, _compliant)
    assert _as_tuple(board.net_zero_deadline_share) == _expected(session, AS_OF, _by(2050))
    assert _as_tuple(board.net_zero_local) == _expected(session, AS_OF, _by(2038))
    assert _as_tuple(board.measuring_scope3) == _expected(session, AS_OF, _scope3)
    latest = _latest(session, AS_OF)
    plans = {key: r for key, r in latest.items() if _is_plan(r)}
    assert board.suppliers == 40 and board.assessed == len(plans)
    assert board.not_a_plan == len(latest) - len(plans) > 0
    assert board.not_assessed == 40 - len(plans)
    for level in range(1, 6):  # documents that are not plans have no maturity level
        assert board.maturity[level] == sum(1 for r in plans.values() if r.maturity == level)
    assert sum(board.maturity.values()) == board.assessed
    suppliers = list(session.scalars(select(Supplier)))
    assert board.total_spend == sum((s.annual_spend or 0 for s in suppliers), Decimal(0))
    assert board.assessed_spend == sum(
        (s.annual_spend or 0 for s in suppliers if s.id in plans), Decimal(0)
    )
    years = [r.net_zero_year for r in plans.values() if r.net_zero_year is not None]
    assert board.median_net_zero_year == statistics.median(years)
    # The seed must exercise the measures, or the equalities above prove little.
    assert 0 < board.compliant.count < board.assessed
    assert 0 < board.net_zero_local.count < board.net_zero_deadline_share.count
    assert board.compliant.spend_share != board.compliant.share


def test_categories_count_each_supplier_in_every_category_of_its_contracts(
    session: Session,
) -> None:
    _seed(session)
    board = build_dashboard(session, settings=SETTINGS, as_of=AS_OF)
    names = [row.category for row in board.categories]
    assert names == ["Highways", "ICT", "Social care", "Uncategorised"]
    suppliers = list(session.scalars(select(Supplier)))
    latest = _latest(session, AS_OF)
    for row in board.categories:
        members = [
            s
            for s in suppliers
            if any((c.spend_category or "Uncategorised") == row.category for c in s.contracts)
        ]
        assert row.suppliers == row.compliant.of == len(members)
        ok = [s for s in members if s.id in latest and _is_plan(latest[s.id])]
        ok = [s for s in ok if _compliant(latest[s.id].assessment)]
        assert row.compliant.count == len(ok)
        in_row = [
            c.value
            for s in ok
            for c in s.contracts
            if (c.spend_category or "Uncategorised") == row.category and c.value is not None
        ]
        assert row.compliant.spend == sum(in_row, Decimal(0))
    # Every contract's value is in exactly one category, so the category spends add up.
    assert sum(row.compliant.of_spend for row in board.categories) == board.total_spend
    assert sum(row.suppliers for row in board.categories) > board.suppliers  # two categories


def test_trend_by_quarter_uses_the_assessments_made_by_each_quarter_end(
    session: Session,
) -> None:
    _seed(session)
    board = build_dashboard(session, settings=SETTINGS, as_of=AS_OF)
    labels = [point.label for point in board.trend]
    assert labels == ["2025 Q1", "2025 Q2", "2025 Q3", "2025 Q4", "2026 Q1", "2026 Q2"]
    for point in board.trend:
        year, quarter = int(point.label[:4]), int(point.label[-1])
        end = min(quarter_end(year, quarter), AS_OF)
        assert _as_tuple(point.compliant) == _expected(session, end, _compliant)
        assert _as_tuple(point.net_zero_local) == _expected(session, end, _by(2038))
    assert board.trend[-1].compliant.count == board.compliant.count


def test_a_later_plan_replaces_the_earlier_one_and_the_target_is_judged_on_2038(
    session: Session,
) -> None:
    acme = add_supplier(session, "Acme Ltd", 300)
    bolt = add_supplier(session, "Bolt Ltd", 100)
    march = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    seed_plan(session, acme, march, verdict=Verdict.NON_COMPLIANT, net_zero_year=2060)
    seed_plan(
        session,
        acme,
        march + dt.timedelta(days=30),
        verdict=Verdict.COMPLIANT_WITH_GAPS,
        net_zero_year=2035,
    )
    board = build_dashboard(session, settings=SETTINGS, as_of=AS_OF)
    assert (board.compliant.count, board.compliant.of) == (1, 2)
    assert (board.compliant.share, board.compliant.spend_share) == (0.5, 0.75)
    assert board.net_zero_local.share == 0.5 and not board.target_met
    seed_plan(session, bolt, march, verdict=Verdict.COMPLIANT, net_zero_year=2038)
    board = build_dashboard(session, settings=SETTINGS, as_of=AS_OF)
    assert board.net_zero_local.share == 1.0 and board.target_met
    assert board.median_net_zero_year == 2036.5


def test_a_document_that_is_not_a_plan_counts_as_no_plan(session: Session) -> None:
    """An environmental policy with a net zero year is not a committed, assessed plan."""
    acme = add_supplier(session, "Acme Ltd", 300)
    bolt = add_supplier(session, "Bolt Ltd", 100)
    march = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    seed_plan(session, acme, march, verdict=Verdict.NOT_A_CRP, net_zero_year=2030)
    seed_plan(session, bolt, march, verdict=Verdict.COMPLIANT, net_zero_year=2040)
    board = build_dashboard(session, settings=SETTINGS, as_of=AS_OF)
    assert (board.assessed, board.not_a_plan, board.not_assessed) == (1, 1, 1)
    assert board.net_zero_deadline_share.count == 1  # Bolt only
    assert board.measuring_scope3.count == 1
    assert board.median_net_zero_year == 2040  # Acme's 2030 is not a plan's year
    assert sum(board.maturity.values()) == 1  # Acme's document has no maturity level
    assert board.assessed_spend == Decimal(100)


def test_an_empty_register_has_no_shares_and_no_trend(session: Session) -> None:
    board = build_dashboard(session, settings=SETTINGS, as_of=AS_OF)
    assert board.suppliers == 0 and board.compliant.share is None and board.trend == []
    assert board.median_net_zero_year is None and not board.target_met
