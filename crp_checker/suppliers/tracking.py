"""A supplier over the years: every assessment, the emissions its plans reported by year, and
its progress against its own targets along a straight line from the baseline.

The on-track line follows the `on-track` rule (RULES.md): from the baseline total to each
target (or to zero at the net zero year); at or below the line is on track, up to 10% above
is slightly behind, further above is behind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from crp_checker.schemas import Facts, Period, Verdict
from crp_checker.store.supplier_models import Supplier
from crp_checker.suppliers.charts import Chart, Series, format_value, line_chart
from crp_checker.suppliers.records import is_plan, link_methods, supplier_assessments

SLIGHTLY_BEHIND = 0.10
MAX_CHART_YEARS = 40


@dataclass(frozen=True)
class HistoryEntry:
    public_id: str
    created_at: dt.datetime
    submitted_at: dt.datetime
    source_name: str
    verdict: Verdict
    score: int
    maturity: int
    net_zero_year: int | None
    is_plan: bool = True
    method: str | None = None  # how it was linked (suppliers.linking.LINK_METHODS)
    rechecked_at: dt.datetime | None = None
    recheck_count: int = 0
    rulebook_version: str = ""
    reassessed: bool = False


@dataclass(frozen=True)
class YearEmissions:
    """Emissions for one year as the latest plan reporting that year states them (tCO2e)."""

    year: int
    label: str | None
    scope1: float | None
    scope2: float | None
    scope3: float | None
    total: float | None
    role: str  # "baseline" or "current"
    public_id: str


@dataclass(frozen=True)
class TargetProgress:
    """A target from the latest plan, and where the latest reported total stands against the
    straight line from the baseline to it."""

    text: str
    year: int
    target_tco2e: float
    expected_now: float | None
    actual_now: float | None
    status: str | None  # "on track", "slightly behind", "behind", or None when unknown


@dataclass
class SupplierHistory:
    supplier: Supplier
    entries: list[HistoryEntry]
    emissions: list[YearEmissions]
    baseline_year: int | None = None
    baseline_total: float | None = None
    targets: list[TargetProgress] = field(default_factory=list)


def _year(period: Period) -> int | None:
    return period.end_year or (period.end.year if period.end else None)


def _total(period: Period) -> float | None:
    if period.total is not None:
        return period.total
    if period.total_market is not None:
        return period.total_market
    scopes = (period.scope1, period.scope2, period.scope3)
    return sum(s for s in scopes if s is not None) if all(s is not None for s in scopes) else None


def supplier_history(session: Session, supplier: Supplier) -> SupplierHistory:
    """Everything the supplier's page shows over time; later plans restate earlier years."""
    records = supplier_assessments(session, supplier, with_data=True)
    methods = link_methods(session, supplier)
    entries, by_year = [], {}
    facts: Facts | None = None
    for record in records:
        plan = is_plan(record.verdict, record.is_crp)
        entries.append(
            HistoryEntry(
                record.public_id,
                record.created_at,
                record.submitted_at,
                record.source_name,
                record.verdict,
                record.score,
                record.maturity,
                record.net_zero_year,
                is_plan=plan,
                method=methods.get(record.id),
                rechecked_at=record.rechecked_at,
                recheck_count=record.recheck_count or 0,
                rulebook_version=record.rulebook_version,
                reassessed=record.reassessed_from_id is not None,
            )
        )
        if not plan:
            continue  # a document that is not a plan reports no emissions and sets no targets
        facts = record.assessment.facts
        for role, period in (("baseline", facts.baseline), ("current", facts.current)):
            year = _year(period)
            if year is not None and (_total(period) is not None or period.scope1 is not None):
                by_year[year] = YearEmissions(
                    year,
                    period.label,
                    period.scope1,
                    period.scope2,
                    period.scope3,
                    _total(period),
                    role,
                    record.public_id,
                )
    history = SupplierHistory(supplier, entries, [by_year[y] for y in sorted(by_year)])
    if facts is not None:
        _add_targets(history, facts)
    return history


def line_value(start: tuple[int, float], end: tuple[int, float], year: int) -> float:
    """The straight line from `start` to `end` (year, tonnes) at `year`."""
    (y0, v0), (y1, v1) = start, end
    if y1 == y0:
        return v1
    return v0 + (v1 - v0) * (year - y0) / (y1 - y0)


def _status(actual: float, expected: float) -> str:
    if actual <= expected:
        return "on track"
    if actual <= expected * (1 + SLIGHTLY_BEHIND):
        return "slightly behind"
    return "behind"


def _add_targets(history: SupplierHistory, facts: Facts) -> None:
    base_year, base_total = _year(facts.baseline), _total(facts.baseline)
    history.baseline_year, history.baseline_total = base_year, base_total
    if base_year is None or base_total is None:
        return
    goals: list[tuple[str, int, float]] = []
    for target in facts.targets:
        if target.year is None or target.year <= base_year:
            continue
        if target.target_tco2e is not None:
            goals.append((target.text, target.year, target.target_tco2e))
        elif target.percent is not None:
            goals.append((target.text, target.year, base_total * (1 - target.percent / 100)))
    if facts.net_zero_year and facts.net_zero_year > base_year:
        goals.append((f"Net zero by {facts.net_zero_year}", facts.net_zero_year, 0.0))
    later = [e for e in history.emissions if e.year > base_year and e.total is not None]
    latest = later[-1] if later else None
    for text, year, tonnes in sorted(goals, key=lambda goal: goal[1]):
        expected = actual = status = None
        if latest is not None and latest.total is not None:
            expected = line_value((base_year, base_total), (year, tonnes), min(latest.year, year))
            actual = latest.total
            status = _status(actual, expected)
        history.targets.append(TargetProgress(text, year, tonnes, expected, actual, status))


def emissions_chart(history: SupplierHistory) -> Chart:
    """Reported totals by year against the on-track line to the plan's nearest target."""
    name = history.supplier.name
    reported = {e.year: e.total for e in history.emissions}
    goal = next(iter(history.targets), None)
    years = sorted(reported)
    if history.baseline_year is not None and goal is not None:
        years = list(range(history.baseline_year, max([goal.year, *years]) + 1))
    years = years[-MAX_CHART_YEARS:]
    series = [Series("Reported total (tCO2e)", [reported.get(y) for y in years])]
    if goal is not None and history.baseline_year is not None and history.baseline_total:
        start, end = (history.baseline_year, history.baseline_total), (goal.year, goal.target_tco2e)
        series.append(Series("On-track line", [line_value(start, end, y) for y in years]))
    described = "; ".join(f"{y}: {format_value(reported[y], False)}" for y in sorted(reported))
    return line_chart(
        f"Emissions reported by {name}",
        f"Total emissions in tonnes CO2e by year ({described or 'none reported'})"
        + (f", against a straight line to {goal.text}." if goal else "."),
        [str(y) for y in years],
        series,
        percent=False,
        label_header="Year",
    )
