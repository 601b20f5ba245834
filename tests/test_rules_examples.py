"""Builders for rule tests (a complete plan, an empty one) and the checks that they are what they
claim: the complete plan passes every scored rule, the empty one fails every mandatory rule it
can."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from crp_checker.rules import RULES, Context
from crp_checker.schemas import (
    BuyerSettings,
    Evidence,
    Facts,
    Finding,
    Measure,
    Outcome,
    Period,
    Scope3Category,
    Severity,
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
    ctx = Context(buyer=settings or buyer(), unreadable_pages=unreadable, page_count=4)
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


# --------------------------------------------------------------------------- tests of the builders


def test_complete_facts_pass_every_scored_rule() -> None:
    for rule_id, rule in RULES.items():
        finding = run(rule_id, complete_facts())
        assert finding.outcome is Outcome.PASS, f"{rule_id}: {finding.message}"
        assert finding.fix is None
        assert rule.severity in Severity


def test_empty_facts_fail_the_mandatory_rules_that_need_something() -> None:
    findings = {rule_id: run(rule_id, Facts()) for rule_id in RULES}
    never_fail = {
        # Nothing to judge without the thing they qualify: another rule already fails.
        "net-zero-not-carbon-neutral",
        "baseline-year-plausible",
        "values-valid",
        "zeros-explained",
        "published-online",
        # Vacuously true: no placeholders in an empty document.
        "no-placeholders",
    }
    for rule_id, rule in RULES.items():
        if rule.severity is Severity.MANDATORY and rule_id not in never_fail:
            assert findings[rule_id].outcome is Outcome.FAIL, rule_id
    assert findings["no-placeholders"].outcome is Outcome.PASS
    for rule_id in never_fail - {"no-placeholders"}:
        assert findings[rule_id].outcome is Outcome.NOT_APPLICABLE, rule_id


def test_every_finding_has_a_message_and_copies_evidence() -> None:
    facts = complete_facts()
    finding = run("net-zero-year", facts)
    assert finding.evidence == facts.evidence["net_zero"]
    assert finding.evidence[0] is not facts.evidence["net_zero"][0]
    for rule_id in RULES:
        assert run(rule_id, Facts()).message.strip(), rule_id


def test_not_found_messages_say_where_the_checker_looked() -> None:
    finding = run("declaration", Facts())
    assert "the 4 pages of the document" in finding.message
