"""The commitment, identity and is-a-CRP classes in real layouts: a PDF with a running header,
a Word plan whose fields and commitment sit in table cells, web pages with menus."""

from __future__ import annotations

import datetime as dt
import io

import docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from crp_checker.extract import extract
from crp_checker.ingest import ingest
from crp_checker.schemas import Facts

BODY_PAGES = [
    [
        "Commitment to achieving Net Zero",
        "We are committed to achieving Net Zero emissions by 2040.",
        "Baseline Emissions Footprint",
        "Baseline year: 2022",
        "Scope 1 120.5 tCO2e",
        "Scope 2 40.2 tCO2e",
    ],
    [
        "Current Emissions Reporting",
        "Reporting year: 2024",
        "Scope 1 101.1 tCO2e",
        "Emissions reduction targets",
        "We will cut total emissions by 50% by 2030.",
        "Declaration and Sign Off",
        "Signed: Jane Doe, Managing Director",
    ],
]


def _pdf(header: str, pages: list[list[str]]) -> bytes:
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=A4)
    for number, lines in enumerate(pages, 1):
        sheet.setFont("Helvetica", 9)
        sheet.drawString(72, 800, header)
        sheet.setFont("Helvetica", 11)
        for i, text in enumerate(lines):
            sheet.drawString(72, 740 - 22 * i, text)
        sheet.setFont("Helvetica", 9)
        sheet.drawString(72, 40, f"Page {number} of {len(pages)}")
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def _facts(data: bytes, name: str) -> Facts:
    return extract(ingest(data, name=name))


def test_pdf_running_header_names_the_organisation_and_dates_the_plan() -> None:
    header = "Fellside Facilities Ltd | Carbon Reduction Plan | Issued 3 March 2025"
    facts = _facts(_pdf(header, BODY_PAGES), "plan.pdf")
    assert facts.organisation == "Fellside Facilities Ltd"
    assert facts.publication_date == dt.date(2025, 3, 3)
    assert facts.is_crp
    assert facts.net_zero_year == 2040


def _docx_plan() -> bytes:
    document = docx.Document()
    document.add_heading("Carbon Reduction Plan", level=1)
    fields = document.add_table(rows=3, cols=2)
    for row, (label, value) in zip(
        fields.rows,
        [
            ("Supplier name", "Kestrel Print Ltd (company no. 01234567)"),
            ("Publication date", "3 March 2025"),
            ("Commitment", ""),
        ],
        strict=True,
    ):
        row.cells[0].text = label
        row.cells[1].text = value
    cell = fields.rows[2].cells[1]
    cell.paragraphs[0].text = "Kestrel Print Ltd is committed to achieving"
    cell.add_paragraph("Net Zero emissions by 2040.")
    for lines in BODY_PAGES:
        for text in lines[1:]:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_fields_and_a_commitment_split_inside_a_cell() -> None:
    facts = _facts(_docx_plan(), "plan.docx")
    assert facts.organisation == "Kestrel Print Ltd"
    assert facts.publication_date == dt.date(2025, 3, 3)
    assert (facts.net_zero_year, facts.net_zero_strength) == (2040, "commitment")
    assert facts.is_crp


MENU = "".join(f"<li><a href='/{n}'>{n.title()}</a></li>" for n in ("home", "services", "news"))


def _html(body: str) -> bytes:
    return (
        f"<html><head><title>Greenholt Freight</title></head><body><nav><ul>{MENU}</ul></nav>"
        f"<main>{body}</main><footer>© 2025 Greenholt Freight Ltd</footer></body></html>"
    ).encode()


def test_web_page_summarising_the_plan_is_not_a_plan() -> None:
    body = (
        "<h1>Our Carbon Reduction Plan</h1><p>Greenholt Freight Ltd is committed to net zero "
        "by 2040. In 2024 our total emissions were 1,204 tCO2e.</p><p><a href='/crp.pdf'>Read "
        "our full Carbon Reduction Plan (PDF)</a></p>"
    )
    facts = _facts(_html(body), "page.html")
    assert not facts.is_crp
    assert facts.net_zero_year == 2040  # what the page states is kept


def test_web_page_holding_the_plan_under_a_menu_is_a_plan() -> None:
    body = "<h1>Carbon Reduction Plan</h1>" + "".join(
        f"<p>{text}</p>" for lines in BODY_PAGES for text in lines
    )
    facts = _facts(_html(body), "page.html")
    assert facts.is_crp
    assert facts.net_zero_year == 2040
