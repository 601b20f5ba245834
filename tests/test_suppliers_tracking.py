"""Tests for a supplier's history: assessments over time, emissions by year, targets (both
backends)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from databases import add_assessment
from factories import add_supplier, make_assessment
from sqlalchemy.orm import Session

from crp_checker.schemas import Period, Target, Verdict
from crp_checker.store.supplier_models import Supplier
from crp_checker.suppliers import emissions_chart, link_assessment, supplier_history
from crp_checker.suppliers.tracking import line_value


def _plan(
    session: Session,
    supplier: Supplier,
    when: dt.datetime,
    current: Period,
    *,
    targets: list[Target],
    verdict: Verdict,
) -> None:
    facts = make_assessment().facts.model_copy(
        update={
            "baseline": Period(label="2019", end_year=2019, total=1000.0, scope1=400.0),
            "current": current,
            "targets": targets,
            "net_zero_year": 2045,
        }
    )
    record = add_assessment(session, None, f"plan {when}".encode(), facts=facts, verdict=verdict)
    record.created_at = record.submitted_at = when
    link_assessment(session, supplier, record)


def test_history_lists_plans_emissions_by_year_and_progress_against_targets(
    session: Session,
) -> None:
    supplier = add_supplier(session, "Acme <Widgets> Ltd", contact=False)
    half_by_2030 = Target(text="Halve emissions by 2030", year=2030, percent=50, quantified=True)
    _plan(
        session,
        supplier,
        dt.datetime(2023, 2, 1, tzinfo=dt.UTC),
        Period(label="2022", end_year=2022, scope1=300.0, scope2=200.0, scope3=400.0),
        targets=[],
        verdict=Verdict.NON_COMPLIANT,
    )
    _plan(
        session,
        supplier,
        dt.datetime(2025, 2, 1, tzinfo=dt.UTC),
        Period(label="2024", end_year=2024, total=800.0),
        targets=[half_by_2030],
        verdict=Verdict.COMPLIANT,
    )
    history = supplier_history(session, supplier)
    assert [e.verdict for e in history.entries] == [Verdict.NON_COMPLIANT, Verdict.COMPLIANT]
    assert [(e.year, e.total, e.role) for e in history.emissions] == [
        (2019, 1000.0, "baseline"),
        (2022, 900.0, "current"),  # summed from its scopes
        (2024, 800.0, "current"),
    ]
    assert (history.baseline_year, history.baseline_total) == (2019, 1000.0)
    halve, net_zero = history.targets
    assert (halve.year, halve.target_tco2e) == (2030, 500.0)
    assert halve.expected_now == pytest.approx(1000 - 500 * 5 / 11)
    assert halve.status == "slightly behind"  # 800 against about 773
    assert (net_zero.year, net_zero.target_tco2e) == (2045, 0.0)
    assert net_zero.status == "on track"  # 800 against about 808

    chart = emissions_chart(history)
    root = ET.fromstring(chart.svg)
    assert root.get("role") == "img" and "<Widgets>" not in chart.svg
    assert chart.table.headers == ["Year", "Reported total (tCO2e)", "On-track line"]
    assert chart.table.rows[0] == ["2019", "1,000", "1,000"]
    assert chart.table.rows[-1] == ["2030", "no data", "500"]


def test_a_supplier_without_plans_has_an_empty_history(session: Session) -> None:
    supplier = add_supplier(session, "New Ltd", contact=False)
    history = supplier_history(session, supplier)
    assert history.entries == [] and history.emissions == [] and history.targets == []
    assert ET.fromstring(emissions_chart(history).svg).get("role") == "img"


def test_the_on_track_line_is_straight() -> None:
    assert line_value((2019, 1000.0), (2045, 0.0), 2032) == 500.0
    assert line_value((2019, 1000.0), (2019, 0.0), 2019) == 0.0
