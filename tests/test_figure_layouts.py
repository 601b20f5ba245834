"""Layouts that carry emissions figures, read as a person sees them (issue 11, round 2).

Web pages that draw tables with <div>s or definition lists, ruled PDF tables whose cells wrap
over several lines, and tables read back from scans by OCR. Each layout is built here in
several forms; none is copied from a labelled plan.
"""

from __future__ import annotations

import pytest
from documents import facts_of
from layouts import facts_from, pdf_table_plan

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


# ------------------------------------------------- ruled PDF tables whose cells wrap over lines

PERIODS = ["Carbon Reduction Plan", "Baseline year: 2019", "Reporting year: 2024"]
RULED = [
    [
        [
            "Emissions in tonnes of carbon dioxide equivalent (tCO2e)",
            "Baseline year 2019 (January to December)",
            "Reporting year 2024 (January to December)",
        ],
        ["Scope 1 emissions from our company owned vans and gas boilers", "40.2", "30.1"],
        ["Scope 2 emissions from purchased electricity (market-based)", "12.0", "8.0"],
        ["Scope 3 emissions (included sources)", "80.5", "70.0"],
        ["Total emissions", "132.7", "108.1"],
    ],
    [
        ["Source of emissions", "2019 baseline (tCO2e)", "2024 (tCO2e)"],
        ["Scope 1", "40.2", "30.1"],
        ["Scope 2", "12.0", "8.0"],
        ["Scope 3", "80.5", "70.0"],
        ["Inbound freight of paper stock from our mills (upstream)", "20.5", "18.0"],
        ["Deliveries of finished goods to customer sites (downstream)", "30.0", "27.0"],
        ["Business travel by rail and air", "30.0", "25.0"],
        ["Total", "132.7", "108.1"],
    ],
]


@pytest.mark.parametrize("rows", RULED)
def test_a_ruled_pdf_table_keeps_each_figure_in_its_column(rows: list[list[str]]) -> None:
    data = pdf_table_plan(PERIODS, rows, widths=[200, 110, 110])
    page = ingest(data, name="plan.pdf").pages[0]
    assert len(page.tables) == 1
    assert "| 40.2 | 30.1 |" in page.text  # the wrapped label and its figures on one row
    facts = facts_from(data, "plan.pdf")
    assert figures(facts.baseline) == (40.2, 12.0, 80.5, 132.7)
    assert figures(facts.current) == (30.1, 8.0, 70.0, 108.1)


def test_a_category_named_by_its_direction_in_brackets() -> None:
    data = pdf_table_plan(PERIODS, RULED[1], widths=[200, 110, 110])
    found = {c.number: (c.baseline, c.current) for c in facts_from(data, "plan.pdf").scope3_detail}
    assert found == {4: (20.5, 18.0), 6: (30.0, 25.0), 9: (30.0, 27.0)}


def test_a_framed_paragraph_is_not_a_table() -> None:
    data = pdf_table_plan(
        PERIODS, [["Our Scope 1 emissions were 40.2 tCO2e in 2019 and 30.1 tCO2e in 2024."]]
    )
    page = ingest(data, name="plan.pdf").pages[0]
    assert page.tables == []
    assert "|" not in page.text


# -------------------------------------------------- rows whose cells pair a label and figures

HEAD = "Carbon Reduction Plan\nBaseline year: 2019\nReporting year: 2024\n\n"
ROW_LAYOUTS = [
    # each cell a label and its figure, one line per period
    "Baseline emissions\nScope 1: 40.2 | Scope 2: 12.0 | Scope 3: 80.5 | Total: 132.7 |\n"
    "Current emissions\nScope 1: 30.1 | Scope 2: 8.0 | Scope 3: 70.0 | Total: 108.1 |\n",
    # the same label in every cell, one column per year
    "Emissions | 2019 | 2024 |\nScope 1: 40.2 | Scope 1: 30.1 |\nScope 2: 12.0 | Scope 2: 8.0 |\n"
    "Scope 3: 80.5 | Scope 3: 70.0 |\nTotal: 132.7 | Total: 108.1 |\n",
    # both Scope 2 bases in one cell: the market-based figure is the Scope 2 figure
    "Emissions (tCO2e) | 2019 | 2024 |\nScope 1 | 40.2 | 30.1 |\n"
    "Scope 2 | Market-based: 12.0 Location-based: 15.5 | Market-based: 8.0 "
    "Location-based: 14.1 |\nScope 3 | 80.5 | 70.0 |\nTotal | 132.7 | 108.1 |\n",
    # sources named first, their scope in a cell of its own
    "Source | Scope | 2019 | 2024 |\nCompany vans | Scope 1 | 40.2 | 30.1 |\n"
    "Electricity | Scope 2 | 12.0 | 8.0 |\nBusiness travel | Scope 3 | 80.5 | 70.0 |\n"
    "Total | | 132.7 | 108.1 |\n",
    # the Scope 3 label lists what it includes: still the scope's own figure
    "Emissions (tCO2e) | 2019 | 2024 |\nScope 1 | 40.2 | 30.1 |\nScope 2 | 12.0 | 8.0 |\n"
    "Scope 3 including business travel and commuting | 80.5 | 70.0 |\n"
    "Total | 132.7 | 108.1 |\n",
    # a year followed by its role in the same cell names only that column
    "Source of emissions | 2019 baseline | 2024 |\nScope 1 | 40.2 | 30.1 |\n"
    "Scope 2 | 12.0 | 8.0 |\nScope 3 | 80.5 | 70.0 |\nTotal | 132.7 | 108.1 |\n",
]


@pytest.mark.parametrize("table", ROW_LAYOUTS)
def test_rows_of_cells_give_each_scope_and_period(table: str) -> None:
    facts = facts_of(HEAD + table)
    assert figures(facts.baseline) == (40.2, 12.0, 80.5, 132.7)
    assert figures(facts.current) == (30.1, 8.0, 70.0, 108.1)


def test_numbered_categories_inside_one_cell() -> None:
    facts = facts_of(
        HEAD + "Emissions (tCO2e) | 2019 | 2024 |\nScope 1 | 40.2 | 30.1 |\n"
        "Scope 2 | 12.0 | 8.0 |\nScope 3 | 6. Business travel – 50.5 7. Employee commuting – "
        "30.0 | 6. Business travel – 45.0 7. Employee commuting – 25.0 |\n"
        "Total | 132.7 | 108.1 |\n"
    )
    assert figures(facts.baseline)[2] == 80.5  # the items summed, flagged derived
    found = {c.number: (c.baseline, c.current) for c in facts.scope3_detail}
    assert found == {6: (50.5, 45.0), 7: (30.0, 25.0)}


@pytest.mark.parametrize("cue", ["Reporting year: 2024", "Emissions for the reporting year (2024)"])
def test_one_row_of_figures_under_scope_columns(cue: str) -> None:
    facts = facts_of(
        f"Carbon Reduction Plan\n{cue}\n| Scope 1 | Scope 2 | Scope 3 | Total |\n"
        "| tCO2e | 30.1 | 8.0 | 70.0 | 108.1 |\n"
    )
    assert figures(facts.current) == (30.1, 8.0, 70.0, 108.1)
    assert figures(facts.baseline) == (None, None, None, None)


@pytest.mark.parametrize(
    "label", ["Scope 3 including business travel", "Scope 3 (covering: travel)"]
)
def test_a_scope_row_listing_what_it_includes_is_not_a_category_figure(label: str) -> None:
    facts = facts_of(
        HEAD + f"Emissions (tCO2e) | 2019 | 2024 |\nScope 1 | 40.2 | 30.1 |\n"
        f"Scope 2 | 12.0 | 8.0 |\n{label} | 80.5 | 70.0 |\nTotal | 132.7 | 108.1 |\n"
    )
    assert figures(facts.current) == (30.1, 8.0, 70.0, 108.1)
    travel = [c for c in facts.scope3_detail if c.number == 6]
    assert all(c.baseline is None and c.current is None for c in travel)
