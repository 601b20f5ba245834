"""Tests for crp_checker.tenders.limits: the effective limits at the gate (the data-age grace
included) and a gate explanation that names them (issue 14 item 3)."""

from __future__ import annotations

import datetime as dt

from factories import make_finding

from crp_checker.schemas import BuyerSettings, Outcome, Severity
from crp_checker.tenders.limits import effective_limits, gate_explanation

SETTINGS = BuyerSettings(check_date=dt.date(2026, 3, 1))


def test_the_limits_say_what_passes_the_gate_with_dates() -> None:
    limits = {limit.setting: limit for limit in effective_limits(SETTINGS)}
    data = limits["max_data_age_months"]
    assert data.summary == "12 months (15 months with the 3-month grace)"
    assert "ending on or after 1 March 2025 passes" in data.effect
    assert "from 1 December 2024 to the day before" in data.effect
    assert "still passes the gate" in data.effect
    assert limits["max_signoff_age_months"].grace is None
    assert "on or after 1 March 2025 passes the gate" in limits["max_signoff_age_months"].effect
    assert limits["net_zero_deadline"].summary == "2050"
    longer = {
        x.setting: x
        for x in effective_limits(SETTINGS.model_copy(update={"max_data_age_months": 18}))
    }
    assert longer["max_data_age_months"].summary == "18 months (21 months with the 3-month grace)"


def test_a_bid_inside_the_grace_is_told_it_passes_and_why() -> None:
    recent = make_finding("reporting-period-recent", "current", Outcome.PARTIAL, serves=["e"])
    text = gate_explanation(True, [(recent, Outcome.PARTIAL)], SETTINGS)
    assert text.startswith("Every mandatory requirement is met.")
    assert (
        "older than 12 months but inside the 3-month grace: partial, which passes the gate" in text
    )
    assert "Limits applied: net zero by 2050; current data at most 12 months old" in text
    assert "(15 months with the 3-month grace, marked partial)" in text


def test_a_failed_or_undecided_gate_names_its_requirements() -> None:
    late = make_finding("net-zero-year", "commitment", Outcome.FAIL, serves=["a"])
    unsure = make_finding("signatory", "method", Outcome.NEEDS_REVIEW, serves=["c"])
    extra = make_finding("scope2-basis", "data", Outcome.FAIL, Severity.GOOD_PRACTICE)
    failed = gate_explanation(
        False,
        [(late, Outcome.FAIL), (unsure, Outcome.NEEDS_REVIEW), (extra, Outcome.FAIL)],
        SETTINGS,
    )
    assert failed.startswith("Fails on: Net zero year (PPN 006 ground a).")
    assert "Scope2" not in failed  # good practice does not decide the gate
    pending = gate_explanation(None, [(unsure, Outcome.NEEDS_REVIEW)], SETTINGS)
    assert pending.startswith("An evaluator must decide: Signatory (PPN 006 ground c).")
