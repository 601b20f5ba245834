"""Scope 3 categories and explained zeros read through each door: a ruled PDF table, a Word
table and an HTML table, with a notes column and a category ruled out under the table."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from crp_checker.pipeline import assess
from crp_checker.rules.scope3 import scope3_coverage
from crp_checker.schemas import Assessment

REQUIRED = (4, 5, 6, 7, 9)
INTRO = [
    "Carbon Reduction Plan",
    "Supplier name: Fernhill Survey Services Ltd",
    "Commitment to achieving Net Zero",
    "Fernhill Survey Services Ltd is committed to achieving Net Zero emissions by 2045.",
    "Baseline Emissions Footprint",
    "Baseline year: 2022. Current reporting year: 2024.",
]
HEADER = ["Scope", "Source", "2022 (baseline)", "2024 (current)", "Notes"]
ROWS = [
    ["Scope 1", "Company vans", "0.0", "0.0", "We own no vans"],
    ["Scope 2", "Office electricity", "3.4", "2.9", ""],
    ["Scope 3", "Business travel (hire cars, rail)", "11.2", "9.8", ""],
    ["Scope 3", "Staff commute", "6.1", "5.5", "Annual survey"],
    ["Scope 3", "Waste to landfill", "0.4", "0.3", ""],
    ["Scope 3", "Couriers bringing equipment to us", "1.2", "1.0", ""],
    ["Total", "", "22.3", "19.5", ""],
]
AFTER = [
    "Downstream transportation and distribution is not relevant: we sell no goods and "
    "deliver survey reports electronically.",
]


def pdf_plan(path: Path) -> Path:
    styles = getSampleStyleSheet()
    table = Table([HEADER, *ROWS])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    story = [Paragraph(text, styles["Normal"]) for text in INTRO]
    story += [table, *(Paragraph(text, styles["Normal"]) for text in AFTER)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def docx_plan(path: Path) -> Path:
    document = docx.Document()
    for text in INTRO:
        document.add_paragraph(text)
    table = document.add_table(rows=0, cols=len(HEADER))
    for values in (HEADER, *ROWS):
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    for text in AFTER:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def html_plan(path: Path) -> Path:
    def row(values: list[str], tag: str = "td") -> str:
        return "<tr>" + "".join(f"<{tag}>{v}</{tag}>" for v in values) + "</tr>"

    body = "".join(f"<p>{text}</p>" for text in INTRO)
    body += "<table>" + row(HEADER, "th") + "".join(row(r) for r in ROWS) + "</table>"
    body += "".join(f"<p>{text}</p>" for text in AFTER)
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return path


MAKERS = {"pdf": pdf_plan, "docx": docx_plan, "html": html_plan}


@pytest.fixture(scope="module", params=list(MAKERS))
def assessed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Assessment:
    kind = request.param
    path = MAKERS[kind](tmp_path_factory.mktemp(kind) / f"plan.{kind}")
    return assess(path, check_date="2025-09-01")


def test_every_required_category_is_reported_or_ruled_out(assessed: Assessment) -> None:
    coverage = scope3_coverage(assessed.facts, REQUIRED)
    assert coverage.reported == (4, 5, 6, 7)
    assert coverage.ruled_out == (9,)
    outcome = {f.rule: f.outcome for f in assessed.findings}
    assert outcome["scope3-categories"] == "pass"


def test_the_zero_is_explained_by_its_notes_cell(assessed: Assessment) -> None:
    outcome = {f.rule: f for f in assessed.findings}["zeros-explained"]
    assert outcome.outcome == "pass", outcome.message
    assert "We own no vans" in outcome.message
