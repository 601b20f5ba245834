"""How ready the supply chain is: shares of suppliers and of spend, over each supplier's latest
assessment, now and at the end of each past quarter.

Definitions (shown on the dashboard page, so keep them in step):
- **compliant**: the latest plan's verdict is `compliant` or `compliant_with_gaps`, i.e. no
  mandatory rule fails or needs review (RULES.md, Verdict): the plan passes the PPN 006 gate;
  gaps in good practice do not stop a bid.
- **committed to net zero by Y**: the plan commits (not only aspires) to net zero, not only
  carbon neutrality, in year Y or earlier. Y is the buyer's `net_zero_deadline` (2050) or its
  `local_ambition_year` (2038).
- **measuring Scope 3**: the plan states a Scope 3 figure above zero for its current or baseline
  year.
- Shares are of **every supplier in the register**: one with no assessed plan counts as not
  ready. Spend shares are of the suppliers whose annual spend is known; a supplier's spend is
  the sum of its contracts' values, and a spend category's is the sum of its contracts in it.
- A checked document that is **not a carbon reduction plan** (an environmental policy, a web
  page linking to a plan) is "no plan" in every figure: it counts as neither an assessed plan
  nor a commitment, has no maturity level, and its net zero year stays out of the median.
- The trend uses today's register and, at each quarter's end, the latest assessment made by then.

`definitions()` words these for the page and the JSON API, so both say the same.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from crp_checker.buyer import load_buyer_settings
from crp_checker.schemas import BuyerSettings, Verdict
from crp_checker.store.models import AssessmentRecord, utcnow
from crp_checker.store.supplier_models import Supplier, SupplierAssessment, SupplierContract
from crp_checker.suppliers.records import is_plan

COMPLIANT_VERDICTS = frozenset({Verdict.COMPLIANT, Verdict.COMPLIANT_WITH_GAPS})
# Greater Manchester: 80% of the supply chain committed to the 2038 target (RULES.md).
TARGET_SHARE = 0.8
MAX_QUARTERS = 12
UNCATEGORISED = "Uncategorised"


@dataclass(frozen=True)
class Signals:
    """What the dashboard needs from one assessment, read from indexed columns and JSON paths
    (the full Assessment JSON is never loaded for the dashboard)."""

    supplier_id: int
    verdict: Verdict
    is_plan: bool
    maturity: int
    net_zero_year: int | None
    committed: bool
    scope3: bool
    created_at: dt.datetime

    @property
    def compliant(self) -> bool:
        return self.is_plan and self.verdict in COMPLIANT_VERDICTS

    def committed_by(self, year: int) -> bool:
        return (
            self.is_plan
            and self.committed
            and self.net_zero_year is not None
            and self.net_zero_year <= year
        )


@dataclass
class Share:
    """How many suppliers (and how much of their spend) meet a measure."""

    count: int = 0
    of: int = 0
    spend: Decimal = Decimal(0)
    of_spend: Decimal = Decimal(0)

    @property
    def share(self) -> float | None:
        return self.count / self.of if self.of else None

    @property
    def spend_share(self) -> float | None:
        return float(self.spend / self.of_spend) if self.of_spend else None


@dataclass
class CategoryRow:
    """One spend category's suppliers, spend and how many are ready."""

    category: str
    suppliers: int
    assessed: int
    compliant: Share
    net_zero_local: Share


@dataclass
class QuarterPoint:
    """The shares at the end of one quarter (or today, for the quarter in progress)."""

    label: str
    end: dt.date
    compliant: Share
    net_zero_local: Share


@dataclass
class Dashboard:
    """Everything the climate team's dashboard shows; see the module docstring."""

    as_of: dt.datetime
    net_zero_deadline: int
    local_ambition_year: int
    suppliers: int
    assessed: int
    not_a_plan: int
    total_spend: Decimal
    assessed_spend: Decimal
    compliant: Share
    net_zero_deadline_share: Share
    net_zero_local: Share
    measuring_scope3: Share
    maturity: dict[int, int]
    not_assessed: int
    median_net_zero_year: float | None
    target_share: float = TARGET_SHARE
    categories: list[CategoryRow] = field(default_factory=list)
    trend: list[QuarterPoint] = field(default_factory=list)

    @property
    def target_met(self) -> bool:
        """Whether the committed-by-the-local-year share reaches the target."""
        return (self.net_zero_local.share or 0.0) >= self.target_share


def load_signals(session: Session) -> list[Signals]:
    """Every linked assessment's signals, oldest plan first (latest per supplier is the last)."""
    data = AssessmentRecord.data
    statement = (
        select(
            SupplierAssessment.supplier_id,
            AssessmentRecord.verdict,
            AssessmentRecord.is_crp,
            AssessmentRecord.maturity,
            AssessmentRecord.net_zero_year,
            AssessmentRecord.created_at,
            data[("facts", "net_zero_strength")].as_string(),
            data[("facts", "carbon_neutral_only")].as_boolean(),
            data[("facts", "current", "scope3")].as_float(),
            data[("facts", "baseline", "scope3")].as_float(),
        )
        .join(AssessmentRecord, SupplierAssessment.assessment_id == AssessmentRecord.id)
        .order_by(AssessmentRecord.submitted_at, AssessmentRecord.created_at, AssessmentRecord.id)
    )
    signals = []
    for row in session.execute(statement):
        supplier_id, verdict, is_crp, maturity, year, created, strength, neutral_only, *s3 = row
        plan = is_plan(verdict, is_crp)
        signals.append(
            Signals(
                supplier_id=supplier_id,
                verdict=verdict,
                is_plan=plan,
                maturity=maturity,
                net_zero_year=year,
                committed=strength == "commitment" and not neutral_only,
                scope3=plan and any(value is not None and value > 0 for value in s3),
                created_at=created,
            )
        )
    return signals


def latest_signals(signals: Iterable[Signals], as_of: dt.datetime) -> dict[int, Signals]:
    """Each supplier's latest signals among assessments made at or before `as_of`."""
    latest: dict[int, Signals] = {}
    for signal in signals:
        if signal.created_at <= as_of:
            latest[signal.supplier_id] = signal
    return latest


@dataclass(frozen=True)
class Member:
    """A supplier as the dashboard counts it: its spend and its contracts' (category, value)."""

    id: int
    annual_spend: Decimal | None
    contracts: tuple[tuple[str | None, Decimal | None], ...]


def load_members(session: Session) -> list[Member]:
    """Every supplier of the register, read as plain values (no objects for thousands)."""
    contracts: dict[int, list[tuple[str | None, Decimal | None]]] = defaultdict(list)
    statement = select(
        SupplierContract.supplier_id, SupplierContract.spend_category, SupplierContract.value
    ).order_by(SupplierContract.id)
    for supplier_id, category, value in session.execute(statement):
        contracts[supplier_id].append((category, value))
    rows = session.execute(select(Supplier.id, Supplier.annual_spend).order_by(Supplier.id))
    return [Member(i, spend, tuple(contracts.get(i, ()))) for i, spend in rows]


def _supplier_spend(supplier: Member) -> Decimal | None:
    return supplier.annual_spend


def _share(
    suppliers: Iterable[Member],
    latest: dict[int, Signals],
    meets: Callable[[Signals], bool],
    spend_of: Callable[[Member], Decimal | None] = _supplier_spend,
) -> Share:
    result = Share()
    for supplier in suppliers:
        signal = latest.get(supplier.id)
        ok = signal is not None and meets(signal)
        spend = spend_of(supplier)
        result.of += 1
        result.count += ok
        if spend is not None:
            result.of_spend += spend
            result.spend += spend if ok else 0
    return result


def build_dashboard(
    session: Session,
    *,
    settings: BuyerSettings | None = None,
    as_of: dt.datetime | None = None,
) -> Dashboard:
    """The dashboard over the whole register at `as_of` (default now)."""
    settings = settings or load_buyer_settings()
    as_of = as_of or utcnow()
    suppliers = load_members(session)
    signals = load_signals(session)
    latest = latest_signals(signals, as_of)
    deadline, local = settings.net_zero_deadline, settings.local_ambition_year
    plans = {key: s for key, s in latest.items() if s.is_plan}
    years = [s.net_zero_year for s in plans.values() if s.net_zero_year is not None]
    maturity = Counter(s.maturity for s in plans.values())
    return Dashboard(
        as_of=as_of,
        net_zero_deadline=deadline,
        local_ambition_year=local,
        suppliers=len(suppliers),
        assessed=sum(1 for s in suppliers if s.id in plans),
        not_a_plan=sum(1 for s in suppliers if s.id in latest and s.id not in plans),
        total_spend=sum((s.annual_spend or Decimal(0) for s in suppliers), Decimal(0)),
        assessed_spend=sum(
            (s.annual_spend or Decimal(0) for s in suppliers if s.id in plans), Decimal(0)
        ),
        compliant=_share(suppliers, latest, lambda s: s.compliant),
        net_zero_deadline_share=_share(suppliers, latest, lambda s: s.committed_by(deadline)),
        net_zero_local=_share(suppliers, latest, lambda s: s.committed_by(local)),
        measuring_scope3=_share(suppliers, latest, lambda s: s.scope3),
        maturity={level: maturity.get(level, 0) for level in range(1, 6)},
        not_assessed=sum(1 for s in suppliers if s.id not in plans),
        median_net_zero_year=statistics.median(years) if years else None,
        categories=_categories(suppliers, latest, local),
        trend=_trend(suppliers, signals, as_of, local),
    )


def _categories(
    suppliers: list[Member], latest: dict[int, Signals], local: int
) -> list[CategoryRow]:
    """A row per spend category of the contracts: the suppliers with a contract in it (a
    supplier may be in several) and the spend of those contracts."""
    grouped: dict[str, list[Member]] = defaultdict(list)
    for supplier in suppliers:
        names = {category or UNCATEGORISED for category, _ in supplier.contracts}
        names = names or {UNCATEGORISED}
        for name in names:
            grouped[name].append(supplier)
    rows = []
    for category, members in sorted(grouped.items(), key=lambda item: item[0].casefold()):
        spend_of = _category_spend(category)
        rows.append(
            CategoryRow(
                category=category,
                suppliers=len(members),
                assessed=sum(1 for s in members if s.id in latest and latest[s.id].is_plan),
                compliant=_share(members, latest, lambda s: s.compliant, spend_of),
                net_zero_local=_share(members, latest, lambda s: s.committed_by(local), spend_of),
            )
        )
    return rows


def _category_spend(category: str) -> Callable[[Member], Decimal | None]:
    def spend(supplier: Member) -> Decimal | None:
        values = [
            value
            for name, value in supplier.contracts
            if (name or UNCATEGORISED) == category and value is not None
        ]
        return sum(values, Decimal(0)) if values else None

    return spend


def quarter_of(day: dt.date) -> tuple[int, int]:
    """(year, quarter 1-4) of a date."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_end(year: int, quarter: int) -> dt.datetime:
    """The last instant of a quarter, in UTC."""
    first_of_next = dt.datetime(year + quarter // 4, quarter % 4 * 3 + 1, 1, tzinfo=dt.UTC)
    return first_of_next - dt.timedelta(microseconds=1)


def _trend(
    suppliers: list[Member], signals: list[Signals], as_of: dt.datetime, local: int
) -> list[QuarterPoint]:
    if not signals:
        return []
    first = quarter_of(min(s.created_at for s in signals).date())
    year, quarter = quarter_of(as_of.date())
    quarters: list[tuple[int, int]] = []
    while (year, quarter) >= first and len(quarters) < MAX_QUARTERS:
        quarters.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    points = []
    for year, quarter in reversed(quarters):
        end = min(quarter_end(year, quarter), as_of)
        latest = latest_signals(signals, end)
        points.append(
            QuarterPoint(
                label=f"{year} Q{quarter}",
                end=end.date(),
                compliant=_share(suppliers, latest, lambda s: s.compliant),
                net_zero_local=_share(suppliers, latest, lambda s: s.committed_by(local)),
            )
        )
    return points
