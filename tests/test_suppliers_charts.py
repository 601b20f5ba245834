"""Tests for the server-drawn SVG charts: well-formed, accessible, escaped, table beside them."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from crp_checker.suppliers import (
    Bar,
    Series,
    bar_chart,
    category_chart,
    line_chart,
    maturity_chart,
    render_table,
    trend_chart,
)
from crp_checker.suppliers.dashboard import CategoryRow, Dashboard, QuarterPoint, Share

SVG = "{http://www.w3.org/2000/svg}"
NASTY = 'Bolt & Nut <script>alert("x")</script> Ltd'


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    return root


def _texts(root: ET.Element) -> list[str]:
    return ["".join(e.itertext()) for e in root.iter() if e.tag in (f"{SVG}text", f"{SVG}title")]


def test_bar_chart_is_well_formed_and_escapes_labels() -> None:
    chart = bar_chart(
        f"Spend by {NASTY}", f"About {NASTY}", [Bar(NASTY, 0.25), Bar("ICT", 0.5)], percent=True
    )
    assert "<script>" not in chart.svg
    root = _parse(chart.svg)
    texts = _texts(root)
    assert f"Spend by {NASTY}" in texts and f"{NASTY}: 25%" in texts and "50%" in texts
    widths = [float(r.get("width", "0")) for r in root.iter(f"{SVG}rect")]
    assert widths[1] == pytest.approx(2 * widths[0])
    assert chart.table.rows == [[NASTY, "25%"], ["ICT", "50%"]]


def test_line_chart_breaks_at_gaps_and_draws_the_target() -> None:
    chart = line_chart(
        "Trend",
        "Shares by quarter",
        ["2025 Q1", "2025 Q2", "2025 Q3", "2025 Q4"],
        [Series(NASTY, [0.1, None, 0.5, 0.6]), Series("Net zero by 2038", [0.0, 0.2, 0.3, 0.4])],
        target=0.8,
    )
    root = _parse(chart.svg)
    lines = list(root.iter(f"{SVG}polyline"))
    assert len(lines) == 3  # the gap splits the first series in two
    dashed = [e for e in root.iter(f"{SVG}line") if e.get("stroke-dasharray") == "8 4"]
    assert len(dashed) == 1
    assert "Target (80%)" in _texts(root)
    assert chart.table.headers == ["Period", NASTY, "Net zero by 2038", "Target"]
    assert chart.table.rows[1] == ["2025 Q2", "no data", "20%", "80%"]


def test_many_x_labels_are_thinned_but_the_table_keeps_them_all() -> None:
    years = [str(y) for y in range(2019, 2051)]
    chart = line_chart("Emissions", "By year", years, [Series("t", [1.0] * 32)], percent=False)
    shown = [t for t in _texts(_parse(chart.svg)) if t in years]
    assert len(shown) <= 13 and "2019" in shown and "2050" in shown
    assert [row[0] for row in chart.table.rows] == years


def test_an_empty_bar_chart_says_so() -> None:
    chart = bar_chart("Nothing", "No suppliers yet", [])
    assert "No data yet." in _texts(_parse(chart.svg))


def _dashboard() -> Dashboard:
    share = Share(count=3, of=4, spend=Decimal(30), of_spend=Decimal(40))
    return Dashboard(
        as_of=dt.datetime(2026, 5, 1, tzinfo=dt.UTC),
        net_zero_deadline=2050,
        local_ambition_year=2038,
        suppliers=4,
        assessed=3,
        not_a_plan=0,
        total_spend=Decimal(40),
        assessed_spend=Decimal(30),
        compliant=share,
        net_zero_deadline_share=share,
        net_zero_local=Share(count=1, of=4),
        measuring_scope3=share,
        maturity={1: 0, 2: 1, 3: 2, 4: 0, 5: 0},
        not_assessed=1,
        median_net_zero_year=2040,
        categories=[CategoryRow(NASTY, 4, 3, share, share)],
        trend=[
            QuarterPoint("2026 Q1", dt.date(2026, 3, 31), Share(1, 4), Share(0, 4)),
            QuarterPoint("2026 Q2", dt.date(2026, 5, 1), share, Share(1, 4)),
        ],
    )


@pytest.mark.parametrize("make", [maturity_chart, category_chart, trend_chart])
def test_dashboard_charts_parse_and_their_tables_render_as_xml(make: object) -> None:
    chart = make(_dashboard())  # type: ignore[operator]
    _parse(chart.svg)
    table = ET.fromstring(render_table(chart.table))
    assert table.tag == "table" and table.find("caption") is not None
    assert len(table.findall("tbody/tr")) == len(chart.table.rows)


def test_dashboard_chart_contents() -> None:
    board = _dashboard()
    maturity = maturity_chart(board)
    assert maturity.table.rows[-1] == ["No plan", "1"]
    assert "3 Compliant (2 of 4)" in maturity_chart(board).svg
    trend = trend_chart(board)
    assert trend.table.rows == [["2026 Q1", "25%", "0%", "80%"], ["2026 Q2", "75%", "25%", "80%"]]
    assert NASTY not in category_chart(board).svg  # escaped, never raw


def test_the_trend_draws_each_series_its_own_way() -> None:
    # Two series at the same points (one quarter) must still be told apart: by colour, dash
    # and marker shape, none of which is the target line's.
    board = _dashboard()
    board.trend = board.trend[-1:]
    svg = _parse(trend_chart(board).svg)
    lines = [el for el in svg.iter() if el.tag.endswith("line") and el.get("stroke-width") == "2.5"]
    styles = {(el.get("stroke"), el.get("stroke-dasharray")) for el in lines}
    assert len(styles) == 2  # the two legend lines differ
    markers = {el.get("data-marker") for el in svg.iter() if el.get("data-marker")}
    assert markers == {"circle", "square"}
    target = next(el for el in svg.iter() if el.get("stroke-dasharray") == "8 4")
    assert all(el.get("stroke-dasharray") != target.get("stroke-dasharray") for el in lines)
