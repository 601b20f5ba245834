"""Layouts that carry emissions figures, read as a person sees them (issue 11, round 2).

Web pages that draw tables with <div>s or definition lists, ruled PDF tables whose cells wrap
over several lines, and tables read back from scans by OCR. Each layout is built here in
several forms; none is copied from a labelled plan.
"""

from __future__ import annotations

import pytest
from layouts import facts_from

from crp_checker.ingest import ingest
from crp_checker.ingest.grids import track_count
from crp_checker.schemas import Facts, Period


def figures(period: Period) -> tuple[float | None, ...]:
    return (period.scope1, period.scope2, period.scope3, period.total)


def html_facts(body: str, style: str = "") -> Facts:
    page = f"""<!DOCTYPE html><html><head><title>Carbon plan</title><style>{style}</style></head>
    <body><nav><div><a href="/">Home</a></div><div><a href="/about">About</a></div>
    <div><a href="/news">News</a></div><div><a href="/contact">Contact</a></div></nav>
    <h1>Carbon Reduction Plan</h1>
    <p>Baseline year: 2019</p><p>Reporting year: 2025</p>
    {body}
    <footer><p>Registered in England. Company number 01234567.</p></footer></body></html>"""
    return facts_from(page.encode(), "plan.html")


# ------------------------------------------------------------- tables drawn without <table>

CELLS = (
    "<div>tCO2e</div><div>2019</div><div>2025</div>"
    "<div>Scope 1</div><div>120.5</div><div>98.1</div>"
    "<div>Scope 2</div><div>40.0</div><div>22.4</div>"
    "<div>Scope 3</div><div>300.2</div><div>250.0</div>"
    "<div><strong>Total</strong></div><div><strong>460.7</strong></div>"
    "<div><strong>370.5</strong></div>"
)
ROWS = "".join(
    f'<div class="tr"><div class="td">{a}</div><div class="td">{b}</div>'
    f'<div class="td">{c}</div></div>'
    for a, b, c in [
        ("Emissions (tCO2e)", "2019", "2025"),
        ("Scope 1", "120.5", "98.1"),
        ("Scope 2", "40.0", "22.4"),
        ("Scope 3", "300.2", "250.0"),
        ("Total", "460.7", "370.5"),
    ]
)
DIV_TABLES = [
    (
        f'<div class="figures">{CELLS}</div>',
        ".figures { display: grid; grid-template-columns: 2fr 1fr 1fr }",
    ),
    (
        f'<div style="display:grid;grid-template-columns:repeat(3, minmax(0, 1fr))">{CELLS}</div>',
        "",
    ),
    (f'<section class="emissions">{CELLS}</section>', ""),  # no grid rule: read by content
    (f'<div class="table">{ROWS}</div>', ".table{display:table} .tr{display:table-row}"),
    (
        "<dl><dt>tCO2e</dt><dd>2019</dd><dd>2025</dd>"
        "<dt>Scope 1</dt><dd>120.5</dd><dd>98.1</dd><dt>Scope 2</dt><dd>40.0</dd><dd>22.4</dd>"
        "<dt>Scope 3</dt><dd>300.2</dd><dd>250.0</dd>"
        "<dt>Total</dt><dd>460.7</dd><dd>370.5</dd></dl>",
        "",
    ),
]


@pytest.mark.parametrize(("body", "style"), DIV_TABLES)
def test_a_table_drawn_without_a_table_element_keeps_its_columns(body: str, style: str) -> None:
    facts = html_facts(body, style)
    assert figures(facts.baseline) == (120.5, 40.0, 300.2, 460.7)
    assert figures(facts.current) == (98.1, 22.4, 250.0, 370.5)


def test_a_div_grid_becomes_rows_of_cells() -> None:
    page = f'<html><body><div class="g">{CELLS}</div></body></html>'.encode()
    document = ingest(page, name="plan.html")
    assert "Scope 2 | 40.0 | 22.4 |" in document.pages[0].text
    assert document.pages[0].tables[0][0] == ["tCO2e", "2019", "2025"]


@pytest.mark.parametrize(
    "body",
    [
        # a menu and a list of links: no figures
        "<div><div>Home</div><div>Services</div><div>About</div><div>Contact</div></div>",
        # paragraphs that happen to hold figures
        "<div><p>We emitted 12.5 tonnes in 2024.</p><p>Scope 1 fell.</p>"
        "<p>Vans: 4</p><p>Sites: 2</p></div>",
        # a list of measures with years
        "<ul><li>LED lighting</li><li>2023</li><li>Heat pump</li><li>2024</li></ul>",
    ],
)
def test_blocks_that_are_not_tables_stay_as_lines(body: str) -> None:
    page = f"<html><body>{body}</body></html>".encode()
    document = ingest(page, name="page.html")
    assert "|" not in document.pages[0].text


@pytest.mark.parametrize(
    ("value", "count"),
    [
        ("2fr 1fr 1fr", 3),
        ("repeat(4, 1fr)", 4),
        ("200px repeat(2, minmax(0, 1fr))", 3),
        ("1fr", 0),
        ("auto auto !important", 2),
    ],
)
def test_grid_template_columns_give_the_column_count(value: str, count: int) -> None:
    assert track_count(value) == count
