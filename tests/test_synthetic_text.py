"""The text-area misreadings seen on the independently written synthetic plans
(fixtures/synthetic-crps), each reproduced on the plan that showed it; the classes behind them
are tested in several wordings of our own in tests/test_classes_*.py."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest
from shared_data import require_shared

from crp_checker.pipeline import assess
from crp_checker.schemas import Assessment, Outcome

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "synthetic-crps"


@cache
def _assess(name: str) -> Assessment:
    return assess(FOLDER / name)


def _outcome(name: str, rule: str) -> Outcome:
    return next(f.outcome for f in _assess(name).findings if f.rule == rule)


def test_pennywell_bakery_commits_with_an_aside_citing_the_ppn() -> None:
    facts = _assess("uc17_pennywell-bakery.html").facts
    assert facts.net_zero_year == 2040
    assert facts.net_zero_strength == "commitment"
    assert _outcome("uc17_pennywell-bakery.html", "net-zero-commitment") is Outcome.PASS


def test_brackenfield_print_is_named_not_its_fronted_phrase_and_names_its_standards() -> None:
    assessment = _assess("uc07_brackenfield-print.pdf")
    assert assessment.facts.organisation == "Brackenfield Print Ltd"
    assert _outcome("uc07_brackenfield-print.pdf", "methodology") is Outcome.PASS


def test_pellbridge_estates_names_the_ghg_protocol_over_a_column_break() -> None:
    assert "ghg_protocol" in _assess("uc02_pellbridge-estates.pdf").facts.methodology


@pytest.mark.parametrize(
    "name", ["uc03_thistledown-home-care.pdf", "uc11_ashcombe-community-transport.docx"]
)
def test_the_board_reviewed_and_approved_this_plan(name: str) -> None:
    assert _assess(name).facts.board_sign_off == "board"
    assert _outcome(name, "board-sign-off") is Outcome.PASS


def test_greenacre_lift_maintenance_signature_written_label_dash_value() -> None:
    facts = _assess("uc18_greenacre-lift-maintenance.txt").facts
    assert facts.signatory.name == "Joanne Pickersgill"
    assert facts.signatory.role == "Director"


def test_brindley_wharf_approval_dated_by_month() -> None:
    facts = _assess("uc16_brindley-wharf-marine.html").facts
    assert facts.sign_off_date == dt.date(2026, 9, 1)


def test_wharfedale_tender_notice_has_no_pledge_date_or_signatory() -> None:
    facts = _assess("uc29_wharfedale-tender-notice.txt").facts
    assert facts.is_crp is False
    assert facts.net_zero_year is None
    assert facts.publication_date is None
    assert facts.signatory.name is None


def test_stonechat_guide_commits_nobody_and_is_the_advisers() -> None:
    facts = _assess("uc30_stonechat-crp-guide.md").facts
    assert facts.is_crp is False
    assert facts.net_zero_year is None
    assert facts.organisation == "Stonechat Sustainability Advisers"


def test_the_blank_buyer_template_declares_nothing() -> None:
    assert _assess("uc27_ncpp-crp-template.docx").facts.declaration is None


def test_harker_lund_page_linking_to_its_plan_is_not_the_plan() -> None:
    facts = _assess("uc28_harker-lund-sustainability.html").facts
    assert facts.declaration is None
    assert facts.is_crp is False
    assert facts.net_zero_year == 2040  # a look-alike keeps what it states


def test_kestrel_data_services_offsets_only_balance_a_deep_cut() -> None:
    shared = require_shared()
    assessment = assess(shared / "varied-crps" / "vc02_kestrel-data-services.pdf")
    assert not assessment.facts.offsets_main_route
    found = {f.rule: f.outcome for f in assessment.findings}
    assert found["net-zero-not-carbon-neutral"] is Outcome.PASS
