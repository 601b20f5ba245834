"""Builders for rule tests: a complete plan, fixed buyer settings and worked-example cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from crp_checker.rules import RULES, RuleContext
from crp_checker.schemas import (
    BuyerSettings,
    Evidence,
    Facts,
    Finding,
    Measure,
    Outcome,
    Period,
    Scope3Category,
    Signatory,
    Target,
)

CHECK_DATE = dt.date(2025, 6, 1)
REQUIRED = (4, 5, 6, 7, 9)


def buyer(**settings: Any) -> BuyerSettings:
    """Default buyer settings judged on a fixed day, so tests do not age."""
    return BuyerSettings(check_date=CHECK_DATE, **settings)


def run(
    rule_id: str,
    facts: Facts,
    settings: BuyerSettings | None = None,
    unreadable: tuple[int, ...] = (),
) -> Finding:
    """One rule on one set of facts, as the runner would apply it."""
    ctx = RuleContext(buyer=settings or buyer(), unreadable_pages=unreadable, page_count=4)
    return RULES[rule_id].run(facts, ctx)


def ev(quote: str, page: int = 1) -> list[Evidence]:
    return [Evidence(page=page, quote=quote, start=0, end=len(quote))]


def complete_facts(**updates: Any) -> Facts:
    """A plan that meets every rule: net zero 2038, baseline 2019, current 2024, on track."""
    baseline = Period(
        label="2019",
        start=dt.date(2019, 1, 1),
        end=dt.date(2019, 12, 31),
        end_year=2019,
        scope1=100,
        scope2=200,
        scope3=700,
        total=1000,
        scope2_basis="market",
        unit="tCO2e",
    )
    current = Period(
        label="2024",
        start=dt.date(2024, 1, 1),
        end=dt.date(2024, 12, 31),
        end_year=2024,
        scope1=80,
        scope2=120,
        scope3=500,
        total=700,
        scope2_basis="market",
        unit="tCO2e",
    )
    facts = Facts(
        is_crp=True,
        crp_kind="standalone",
        sections_found=["commitment", "baseline", "current", "targets", "projects", "declaration"],
        organisation="Acme Services Ltd",
        publication_date=dt.date(2025, 3, 1),
        publication_date_precision="day",
        net_zero_year=2038,
        net_zero_wording="Acme is committed to achieving Net Zero emissions by 2038.",
        net_zero_strength="commitment",
        net_zero_scope="all",
        boundary="uk_or_wider",
        baseline=baseline,
        current=current,
        scope3_categories=list(REQUIRED),
        scope3_detail=[
            Scope3Category(
                number=n, name=f"cat {n}", as_written=f"cat {n}", baseline=100, current=80
            )
            for n in REQUIRED
        ],
        baseline_method=(
            "Calculated from utility bills and fleet mileage records using the DESNZ "
            "conversion factors; homeworking was estimated."
        ),
        methodology=["ghg_protocol", "secr", "scope3_standard", "uk_conversion_factors"],
        targets=[
            Target(
                text="Decrease to 500 tCO2e by 2030, a reduction of 50%",
                year=2030,
                percent=50,
                target_tco2e=500,
                quantified=True,
                template_form=True,
            )
        ],
        completed_measures=[
            Measure(
                text="Switched all sites to a 100% renewable electricity tariff in 2022",
                status="completed",
                specific=True,
                year=2022,
            )
        ],
        future_measures=[
            Measure(text="Replace the van fleet with EVs by 2027", status="future", year=2027)
        ],
        measures_during_contract="explicit",
        savings_tco2e=50,
        savings_percent=5,
        certifications=["ISO 14001"],
        declaration="ppn",
        board_sign_off="board",
        signatory=Signatory(name="Jane Smith", role="Managing Director", director_level=True),
        sign_off_date=dt.date(2025, 3, 1),
        sign_off_date_precision="day",
        url="https://acme.example/carbon-reduction-plan.pdf",
        url_reachable=True,
        url_own_domain=True,
        evidence={
            "net_zero": ev("Acme is committed to achieving Net Zero emissions by 2038.", 2),
            "organisation": ev("Supplier name: Acme Services Ltd"),
            "sign_off_date": ev("Date: 1 March 2025", 5),
        },
    )
    return facts.model_copy(update=updates)


def with_period(facts: Facts, which: str, **updates: Any) -> Facts:
    """A copy of `facts` with fields of its baseline or current period replaced."""
    period: Period = getattr(facts, which)
    return facts.model_copy(update={which: period.model_copy(update=updates)})


@dataclass(frozen=True)
class Case:
    """One worked example: a rule, the facts and settings it sees, the outcome it must give."""

    rule: str
    expected: Outcome
    facts: Facts
    why: str
    settings: BuyerSettings = field(default_factory=buyer)
    unreadable: tuple[int, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.expected.value}:{self.why}"


def check_case(case: Case) -> Finding:
    """Run a case and assert its outcome, with the message shown when it differs."""
    finding = run(case.rule, case.facts, case.settings, case.unreadable)
    assert finding.outcome is case.expected, finding.message
    if case.expected not in (Outcome.PASS, Outcome.NOT_APPLICABLE):
        assert finding.fix, f"{case.rule} gives no fix for {case.expected}"
    return finding
