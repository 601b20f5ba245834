"""The tender pages in a real browser (issues 5 and 14): an evaluator creates a tender, adds
bids by upload and from a supplier's stored check, moderates a finding, downloads the XLSX,
sends a clarification letter, withdraws a bid with a reason and finalises; the tender pages
pass axe-core (no serious or critical WCAG 2.2 AA violations) and none scrolls sideways at
390 px."""

from __future__ import annotations

from pathlib import Path

from browser_support import (
    EVALUATOR,
    SUPPLIER_A,
    LiveServer,
    axe_script,
    axe_violations,
    describe_violations,
    sign_in,
    submit,
    upload,
)
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page

from crp_checker.tenders.export import MATRIX_COLUMNS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"
COMPLIANT = FIXTURES / "template_compliant.pdf"
LATE_NET_ZERO = FIXTURES / "net_zero_2060.pdf"
REASON = "The bidder's clarification response withdrew this commitment."
WITHDRAWN = "The bidder withdrew by email on 3 October."


def create_tender(page: Page, server: LiveServer, reference: str, weight: str = "15") -> str:
    """Fill in the new-tender form from the Tenders page; the tender page's path."""
    page.goto(server.url("/"))
    page.click("nav >> text=Tenders")
    page.fill("#new-title", "Grounds maintenance 2026")
    page.fill("#new-reference", reference)
    page.fill("#new-date", "2025-09-01")
    page.fill("#new-weight", weight)
    page.fill("#new-net_zero_deadline", "2045")
    assert submit(page, "form.tender-form button[type=submit]").status == 200
    return page.url.removeprefix(server.base_url)


def add_upload(page: Page, bidder: str, plan: Path) -> None:
    page.fill("#upload-bidder", bidder)
    page.set_input_files("#upload-file", str(plan))
    assert submit(page, "#bid-upload button[type=submit]").status == 200


def matrix(page: Page) -> dict[str, dict[str, str]]:
    """Bidder -> column -> text, from the matrix table as the browser shows it."""
    rows = {}
    for row in page.locator("table.tender-matrix tbody tr").all():
        cells = {}
        for cell in row.locator("[data-col]").all():
            cells[str(cell.get_attribute("data-col"))] = " ".join(cell.inner_text().split())
        rows[cells["bidder"]] = cells
    return rows


def first_mandatory_pass(page: Page) -> str:
    finding = page.locator("article.finding--pass").filter(has_text="Mandatory").first
    return str(finding.get_attribute("id")).removeprefix("rule-")


def test_an_evaluator_creates_moderates_exports_and_finalises(
    server: LiveServer, browser: Browser, tmp_path: Path
) -> None:
    supplier = browser.new_context()
    evaluator = browser.new_context(accept_downloads=True)
    try:
        # A supplier's stored check, for the evaluator to pick as a bid.
        own = supplier.new_page()
        sign_in(own, server, SUPPLIER_A)
        assert upload(own, server, COMPLIANT).status == 200
        assert own.goto(server.url("/tenders")).status == 403  # type: ignore[union-attr]

        page = evaluator.new_page()
        sign_in(page, server, EVALUATOR)
        tender = create_tender(page, server, "WALK-1")
        assert "Grounds maintenance 2026" in page.inner_text("h1")
        add_upload(page, "Tarnwick Facilities", COMPLIANT)
        add_upload(page, "Late Zero Ltd", LATE_NET_ZERO)
        page.select_option("#stored-assessment", index=0)
        page.fill("#stored-bidder", "Supplier A (stored)")
        assert submit(page, "#bid-stored button[type=submit]").status == 200
        rows = matrix(page)
        assert set(rows) == {"Tarnwick Facilities", "Late Zero Ltd", "Supplier A (stored)"}
        assert rows["Tarnwick Facilities"]["marks"] == "15"
        assert rows["Late Zero Ltd"]["marks"] == "0" and "ground a" in rows["Late Zero Ltd"]["gate"]

        # Moderate one passing mandatory finding to fail: the gate fails, the marks go.
        page.click("table.tender-matrix >> text=Tarnwick Facilities")
        rule = first_mandatory_pass(page)
        page.click(f"#rule-{rule} summary")
        page.select_option(f"#outcome-{rule}", "fail")
        page.fill(f"#reason-{rule}", REASON)
        assert submit(page, f"#rule-{rule} form button[type=submit]").status == 200
        assert page.is_visible(f"#rule-{rule} >> text=Checker: Pass. Now: Fail")
        page.goto(server.url(tender))
        rows = matrix(page)
        assert rows["Tarnwick Facilities"]["marks"] == "0"
        assert rows["Tarnwick Facilities"]["moderated"] == "Yes (1)"
        assert page.is_visible(f"#log ~ div >> text={REASON}")

        # The XLSX download holds the numbers on the page.
        with page.expect_download() as download:
            page.click("text=Download the matrix as Excel (XLSX)")
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.name == "tender-WALK-1-matrix.xlsx"
        sheet = list(load_workbook(saved)["Matrix"].iter_rows(values_only=True))
        headers = [column.header for column in MATRIX_COLUMNS]
        for values in sheet[1:]:
            cell = dict(zip(headers, values, strict=True))
            shown = rows[str(cell["Bidder"])]
            assert shown["score"] == str(cell["Quality score (0-100)"])
            assert cell["Weighted marks"] is not None
            assert shown["marks"] == f"{cell['Weighted marks']:g}"

        # Finalise (the box must be ticked); afterwards the page offers no more changes.
        if "awaiting gate" in rows["Supplier A (stored)"]["marks"]:
            page.click("table.tender-matrix >> text=Supplier A (stored)")
            page.fill("#withdraw-reason", "Withdrawn by the supplier.")
            page.check("#withdraw-confirm")
            submit(page, "#withdraw ~ form button[type=submit]")
        page.check("#finalise-confirm")
        assert submit(page, "#finalise ~ form button[type=submit]").status == 200
        assert "no further changes" in page.inner_text("#tender-status")
        assert page.locator("#upload-file").count() == 0
    finally:
        supplier.close()
        evaluator.close()


def test_withdrawing_asks_for_a_reason_and_a_confirmation(
    server: LiveServer, browser: Browser
) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        sign_in(page, server, EVALUATOR)
        tender = create_tender(page, server, "WITHDRAW-1")
        add_upload(page, "Late Zero Ltd", LATE_NET_ZERO)
        page.click("table.tender-matrix >> text=Late Zero Ltd")
        bid = page.url
        page.click("#withdraw ~ form button[type=submit]")  # the browser asks for the reason
        assert page.url == bid and page.evaluate("document.activeElement.id") == "withdraw-reason"
        page.fill("#withdraw-reason", WITHDRAWN)
        page.click("#withdraw ~ form button[type=submit]")  # and for the confirmation
        assert page.url == bid and page.evaluate("document.activeElement.id") == "withdraw-confirm"
        page.check("#withdraw-confirm")
        assert submit(page, "#withdraw ~ form button[type=submit]").status == 200
        assert page.url == server.url(tender) + "#matrix"
        row = matrix(page)["Late Zero Ltd"]
        assert row["status"].startswith("Withdrawn") and WITHDRAWN in row["status"]
        assert row["marks"] == "withdrawn"
    finally:
        context.close()


def test_tender_pages_pass_axe_and_fit_a_phone(server: LiveServer, browser: Browser) -> None:
    """The list, the tender page (with and without an error), bid pages (with a letter, a
    second plan version and withdrawn), a clarification letter and the finalised page.

    The context bypasses the CSP for the axe run only (Playwright injects axe as a script).
    Each page is also opened 390 px wide and must not scroll sideways.
    """
    axe_script()
    context = browser.new_context(bypass_csp=True)
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    failures: list[str] = []
    try:
        page = context.new_page()
        narrow = phone.new_page()
        sign_in(narrow, server, EVALUATOR)

        def audit(name: str) -> None:
            violations = axe_violations(page)
            if violations:
                failures.append(describe_violations(name, violations))
            narrow.goto(page.url)
            width = narrow.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                failures.append(f"{name}: {width} px wide at 390 px ({page.url})")

        sign_in(page, server, EVALUATOR)
        page.goto(server.url("/tenders"))
        audit("tender list")
        tender = create_tender(page, server, "AXE-1")
        audit("new tender page")
        add_upload(page, "Tarnwick Facilities", COMPLIANT)
        audit("tender page with a bid")
        page.fill("#edit-weight", "250")
        assert submit(page, "#settings ~ form button[type=submit]").status == 422
        audit("tender page with an error")
        page.goto(server.url(tender))
        page.click("table.tender-matrix >> text=Tarnwick Facilities")
        page.locator("details.moderate").first.evaluate("details => { details.open = true; }")
        audit("bid page")

        page.goto(server.url(tender))
        add_upload(page, "Late Zero Ltd", LATE_NET_ZERO)
        page.click("table.tender-matrix >> text=Late Zero Ltd")
        late = page.url
        audit("bid page with a letter to send")
        assert submit(page, "#letter-form button[type=submit]").status == 200
        assert "/clarifications/" in page.url and page.locator("section.letter-item").count() >= 1
        audit("clarification letter")
        page.goto(late)
        page.set_input_files("#version-file", str(COMPLIANT))
        assert submit(page, "#version-form button[type=submit]").status == 200
        assert page.locator("#comparison").count() == 1
        audit("bid page with two plan versions and a letter")
        page.fill("#withdraw-reason", WITHDRAWN)
        page.check("#withdraw-confirm")
        submit(page, "#withdraw ~ form button[type=submit]")
        audit("tender page with a withdrawn bid and the audit log")
        page.goto(late)
        audit("withdrawn bid page")
        page.goto(server.url(tender))
        page.check("#finalise-confirm")
        submit(page, "#finalise ~ form button[type=submit]")
        audit("finalised tender page")
    finally:
        context.close()
        phone.close()
    assert not failures, "\n\n".join(failures)
