"""Worked examples for method and declaration: standards, declaration, sign-off, signatory, date."""

from __future__ import annotations

import datetime as dt

import pytest
from rule_cases import Case, buyer, check_case, complete_facts, run

from crp_checker.schemas import Facts, Outcome, Signatory


def signed(day: dt.date, precision: str = "day") -> Facts:
    return complete_facts(sign_off_date=day, sign_off_date_precision=precision)


def signatory(**fields: object) -> Facts:
    return complete_facts(signatory=Signatory.model_validate(fields))


CASES = [
    Case("methodology", Outcome.PASS, complete_facts(), "all four"),
    Case(
        "methodology",
        Outcome.PARTIAL,
        complete_facts(methodology=["ghg_protocol", "uk_conversion_factors"]),
        "some",
    ),
    Case("methodology", Outcome.PARTIAL, complete_facts(methodology=["iso14064"]), "ISO only"),
    Case("methodology", Outcome.FAIL, complete_facts(methodology=[]), "none"),
    Case("declaration", Outcome.PASS, complete_facts(), "with PPN"),
    Case("declaration", Outcome.PARTIAL, complete_facts(declaration="plain"), "without PPN"),
    Case("declaration", Outcome.FAIL, complete_facts(declaration=None), "none"),
    Case("board-sign-off", Outcome.PASS, complete_facts(), "board"),
    Case("board-sign-off", Outcome.PARTIAL, complete_facts(board_sign_off="management"), "mgmt"),
    Case("board-sign-off", Outcome.PASS, complete_facts(board_sign_off="director"), "one director"),
    Case("board-sign-off", Outcome.PARTIAL, complete_facts(board_sign_off="signature"), "signed"),
    Case(
        "board-sign-off",
        Outcome.FAIL,
        complete_facts(board_sign_off=None, signatory=Signatory()),
        "none",
    ),
    Case(
        "board-sign-off",
        Outcome.NEEDS_REVIEW,
        complete_facts(board_sign_off=None, signatory=Signatory(name="Jane Smith")),
        "signed, approver unknown",
    ),
    Case("signatory", Outcome.PASS, complete_facts(), "director"),
    Case("signatory", Outcome.PARTIAL, signatory(name="Jane Smith"), "no role"),
    Case(
        "signatory",
        Outcome.PARTIAL,
        signatory(name="Jane Smith", role="Office Manager", director_level=False),
        "below board",
    ),
    Case("signatory", Outcome.FAIL, signatory(), "unsigned"),
    Case("signatory", Outcome.FAIL, signatory(role="Director", director_level=True), "no name"),
    Case(
        "signatory",
        Outcome.NEEDS_REVIEW,
        signatory(name="Jane Smith", role="Head of Everything"),
        "role unknown",
    ),
    # check date 1 June 2025, limit 12 months: expired before 1 June 2024, warning before 1 July
    Case("sign-off-date", Outcome.PASS, complete_facts(), "3 months old"),
    Case("sign-off-date", Outcome.PASS, signed(dt.date(2024, 7, 1)), "11 months edge"),
    Case("sign-off-date", Outcome.PARTIAL, signed(dt.date(2024, 6, 30)), "expires soon"),
    Case("sign-off-date", Outcome.PARTIAL, signed(dt.date(2024, 6, 1)), "12 months edge"),
    Case("sign-off-date", Outcome.FAIL, signed(dt.date(2024, 5, 31)), "too old"),
    Case("sign-off-date", Outcome.FAIL, signed(dt.date(2025, 6, 2)), "future"),
    Case("sign-off-date", Outcome.FAIL, complete_facts(sign_off_date=None), "undated"),
    Case(
        "sign-off-date",
        Outcome.PASS,
        signed(dt.date(2024, 5, 31)),
        "buyer accepts 18 months",
        settings=buyer(max_signoff_age_months=18),
    ),
    Case("sign-off-date", Outcome.PASS, signed(dt.date(2025, 6, 1), "month"), "this month"),
    Case("sign-off-date", Outcome.PASS, signed(dt.date(2024, 7, 1), "month"), "July 2024"),
    Case("sign-off-date", Outcome.PARTIAL, signed(dt.date(2024, 6, 1), "month"), "June 2024"),
    Case("sign-off-date", Outcome.FAIL, signed(dt.date(2024, 5, 1), "month"), "May 2024"),
    Case("sign-off-date", Outcome.FAIL, signed(dt.date(2025, 7, 1), "month"), "next month"),
    Case("sign-off-date", Outcome.NEEDS_REVIEW, signed(dt.date(2024, 1, 1), "year"), "2024"),
    Case("sign-off-date", Outcome.PASS, signed(dt.date(2025, 1, 1), "year"), "2025"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_outcome(case: Case) -> None:
    check_case(case)


def test_methodology_names_what_is_missing() -> None:
    facts = complete_facts(methodology=["ghg_protocol", "uk_conversion_factors"])
    message = run("methodology", facts).message
    assert "SECR" in message
    assert "Scope 3) Standard" in message


def test_iso_only_is_flagged_for_an_evaluator() -> None:
    assert "evaluator" in run("methodology", complete_facts(methodology=["iso14064"])).message


def test_undated_sign_off_mentions_the_issue_date_without_using_it() -> None:
    finding = run("sign-off-date", complete_facts(sign_off_date=None))
    assert "1 March 2025" in finding.message
    assert finding.outcome is Outcome.FAIL


def test_year_only_sign_off_says_which_date_would_do() -> None:
    message = run("sign-off-date", signed(dt.date(2024, 1, 1), "year")).message
    assert "without the day or month" in message
    assert "1 June 2024" in message


def test_role_without_a_name_is_reported() -> None:
    message = run("signatory", signatory(role="Director", director_level=True)).message
    assert "'Director'" in message
