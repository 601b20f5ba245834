"""The climate team in a real browser (issues 6 and 15): import the register, a supplier's plan
is checked and the suggested supplier confirmed, then the dashboard, the support list, the
supplier's message and contact, and the CSV export; every page passes axe-core (no serious or
critical violations) and none scrolls sideways on a 390 px wide phone."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from browser_support import (
    CLIMATE,
    LiveServer,
    axe_violations,
    describe_violations,
    sign_in,
    submit,
    upload,
)
from playwright.sync_api import Browser, Page
from sample_register import sample_register

REPO = Path(__file__).resolve().parents[1]
# A non-compliant plan by a supplier the register below names, so the check is linked to it.
PLAN = REPO / "fixtures" / "pdf" / "net_zero_2060.pdf"
PLAN_SUPPLIER = "Tarnwick Facilities Services Ltd"


def _register(folder: Path) -> tuple[Path, list[int]]:
    """The generated register of 500 (5 bad rows) plus the plan's supplier, as a CSV file."""
    sample = sample_register(500, 5)
    row = [PLAN_SUPPLIER, "", "C9999", "Facilities", "£250,000", "", "crp@tarnwick.example", ""]
    sample.rows.append(row)
    path = folder / "supplier-register.csv"
    path.write_bytes(sample.csv_bytes())
    return path, sample.bad_lines


def _audit(page: Page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, describe_violations(where, violations)


def _value(page: Page, key: str) -> str:
    return (page.text_content(f"[data-value={key}]") or "").strip()


def test_the_climate_team_imports_reads_the_dashboard_and_exports_the_support_list(
    server: LiveServer, browser: Browser, tmp_path: Path
) -> None:
    context = browser.new_context(bypass_csp=True, accept_downloads=True)
    page = context.new_page()
    try:
        sign_in(page, server, CLIMATE)
        page.click("nav >> text=Suppliers")
        _audit(page, "/suppliers (empty)")

        register, bad_lines = _register(tmp_path)
        page.set_input_files("#register-file", str(register))
        response = submit(page, "form.import-form button[type=submit]")
        assert response.status == 200
        assert _value(page, "created") == "496"
        assert _value(page, "errors") == "5"
        lines = page.locator("table.import-errors tbody th").all_text_contents()
        assert [int(line) for line in lines] == bad_lines
        _audit(page, "import result")

        # The team checks the supplier's plan. The name in a plan is only a suggestion: the
        # team confirms it on the register page.
        assert upload(page, server, PLAN).status == 200
        page.click("nav >> text=Suppliers")
        suggestion = page.locator(f"table.unlinked button:has-text('Link to {PLAN_SUPPLIER}')")
        assert suggestion.count() == 1
        _audit(page, "/suppliers (a check to link)")
        with page.expect_navigation():
            suggestion.click()
        assert PLAN_SUPPLIER in (page.text_content("h1") or "")
        page.click("nav >> text=Dashboard")
        assert _value(page, "suppliers") == "496"
        assert _value(page, "assessed") == "1"
        assert page.locator(".chart svg[role=img]").count() == 3
        _audit(page, "/dashboard")

        page.click("nav >> text=Support list")
        rows = page.locator(f"tr[data-supplier='{PLAN_SUPPLIER}']")
        assert rows.count() >= 1
        _audit(page, "/support")

        page.click(f"table.support-table >> text={PLAN_SUPPLIER}")
        message = page.input_value("#message-body")
        assert PLAN_SUPPLIER in message and "Where to get help" in message
        _audit(page, "supplier page")
        page.fill("#contact-note", "Sent by email; they will reply in June.")
        submit(page, "form.contact-form button[type=submit]")
        contacts = page.text_content("table.contacts") or ""
        assert "No new plan since" in contacts and "reply in June" in contacts
        _audit(page, "supplier page with a contact")

        page.click("nav >> text=Support list")
        with page.expect_download() as download_info:
            page.click("text=Download this list as CSV")
        download = download_info.value
        assert download.suggested_filename.startswith("support-list-")
        text = Path(download.path()).read_text(encoding="utf-8-sig")
        exported = list(csv.DictReader(io.StringIO(text)))
        ours = [row for row in exported if row["supplier"] == PLAN_SUPPLIER]
        assert ours and all(row["gaps"] and row["last_contacted"] for row in ours)
        assert len([row for row in exported if not row["route_id"]]) == 495  # no plan yet
    finally:
        context.close()


def test_the_register_and_screening_pages_pass_axe(server: LiveServer, browser: Browser) -> None:
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        sign_in(page, server, CLIMATE)
        for path in ("/suppliers", "/suppliers/screening", "/suppliers?status=no_plan&renewal=1"):
            page.goto(server.url(path))
            _audit(page, path)
        assessment = page.locator("table.unlinked tr[data-assessment]").first
        if assessment.count():
            public_id = assessment.get_attribute("data-assessment")
            page.goto(server.url(f"/suppliers/link?assessment={public_id}&q=tarnwick"))
            _audit(page, "/suppliers/link")
    finally:
        context.close()


def test_no_climate_page_scrolls_sideways_on_a_phone(server: LiveServer, browser: Browser) -> None:
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        sign_in(page, server, CLIMATE)
        page.goto(server.url("/suppliers"))
        first = page.locator("table.register tbody th a").first
        paths = ["/suppliers", "/dashboard", "/support", "/suppliers/screening"]
        if first.count():
            paths.append(first.get_attribute("href") or "/suppliers")
        for path in paths:
            page.goto(server.url(path))
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{path} is {width} px wide"
            _audit(page, f"{path} at 390 px")
    finally:
        context.close()
