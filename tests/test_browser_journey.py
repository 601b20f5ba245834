"""The supplier's journey in a real browser: a failing plan's report, "Fix my plan", the form
filled and a DOCX downloaded that the checker passes; the builder passes axe-core."""

from __future__ import annotations

from pathlib import Path

from browser_support import (
    ADMIN,
    CLIMATE,
    EVALUATOR,
    SUPPLIER_A,
    LiveServer,
    axe_violations,
    describe_violations,
    sign_in,
    submit,
    upload,
)
from draft_answers import CHECK_DATE, COMPLETE
from playwright.sync_api import Browser, Page
from shared_data import require_shared

from crp_checker.checking import InlineChecker
from crp_checker.schemas import Outcome, Severity, Verdict

REPO = Path(__file__).resolve().parents[1]
FAILING_PLAN = REPO / "fixtures" / "text" / "scope3_three_categories.md"
# What the supplier brings up to date: the latest 12 months and a new sign-off.
UPDATED = (
    "current.label",
    "current.start",
    "current.end",
    "publication_date",
    "sign_off_date",
)


def _field_id(name: str) -> str:
    return "#f-" + name.replace(".", "-").replace("_", "-")


def _fill_gaps(page: Page) -> list[str]:
    """Fill every empty field the complete answers know, and bring the dates up to date."""
    filled = []
    for name, value in COMPLETE.items():
        selector = _field_id(name)
        if page.locator(selector).count() == 0:
            continue
        text = "\n".join(value) if isinstance(value, list) else str(value)
        tag = page.eval_on_selector(selector, "el => el.tagName")
        if tag == "SELECT":
            if not page.input_value(selector):
                page.select_option(selector, text)
            continue
        if name in UPDATED or not page.input_value(selector).strip():
            page.fill(selector, text)
            filled.append(name)
    return filled


def test_a_failing_plan_is_fixed_in_the_builder_and_its_docx_passes(
    server: LiveServer, browser: Browser
) -> None:
    context = browser.new_context(accept_downloads=True, bypass_csp=True)
    try:
        page = context.new_page()
        sign_in(page, server, SUPPLIER_A)
        upload(page, server, FAILING_PLAN)
        assert (page.text_content("p.verdict") or "").startswith("Not compliant")
        submit(page, "a:has-text('Fix my plan')")
        assert page.url.endswith("/plan")
        violations = axe_violations(page)
        assert not violations, describe_violations("plan builder", violations)
        assert page.input_value("#f-organisation") == "Tarnwick Facilities Services Ltd"
        assert "Read from your plan, p. 1." in (page.text_content("#f-organisation-hint") or "")
        filled = _fill_gaps(page)
        assert "scope3.5.current" in filled and "scope3.9.reason" in filled
        assert "current.scope1" not in filled  # the plan's own figure is kept
        with page.expect_download() as download:
            page.click("button[value=docx]")
        path = download.value.path()
        assessment = InlineChecker().check(
            Path(path).read_bytes(), name="plan.docx", check_date=CHECK_DATE
        )
        assert assessment.verdict in (Verdict.COMPLIANT, Verdict.COMPLIANT_WITH_GAPS), [
            (f.rule, f.message) for f in assessment.findings if f.outcome is not Outcome.PASS
        ]
        assert not [
            f.rule
            for f in assessment.findings
            if f.severity is Severity.MANDATORY
            and f.outcome not in (Outcome.PASS, Outcome.NOT_APPLICABLE)
        ]
        assert assessment.facts.current.scope1 == 205.0  # the plan's figure, kept
    finally:
        context.close()


def test_builder_errors_are_on_their_fields_and_pass_axe(
    server: LiveServer, browser: Browser
) -> None:
    context = browser.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(server.url("/plan"))
        page.fill("#f-current-scope1", "lots")
        page.fill("#f-sign-off-date", "14/03/2025")
        response = submit(page, "button[value=docx]")
        assert response.status == 422
        assert page.is_visible("#error-summary")
        for field in ("#f-current-scope1", "#f-sign-off-date"):
            assert page.get_attribute(field, "aria-invalid") == "true"
            assert page.is_visible(f"{field}-error")
        violations = axe_violations(page)
        assert not violations, describe_violations("plan builder with errors", violations)
        with page.expect_navigation():
            page.click("button[value=html]")
        # Still invalid: the form again, with what was typed.
        assert page.input_value("#f-current-scope1") == "lots"
        page.set_viewport_size({"width": 390, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


# --------------------------------------------------------------------------- phones


SSG_PLAN = "real-crps/ssg-support-services-group_carbon-reduction-plan_2025.pdf"
WIDTHS = (390, 1280)
# Elements wider than the screen, outside the frames that scroll on purpose.
CULPRITS = (
    "w => [...document.querySelectorAll('body *')].filter(e => "
    "e.getBoundingClientRect().right > w + 1 && !e.closest('.table-scroll, .table-frame'))"
    ".map(e => e.tagName + '.' + e.className).slice(0, 6)"
)
# Frames that scroll inside themselves but clip what the reader cannot reach.
CLIPPED = (
    "[...document.querySelectorAll('.table-scroll, .table-frame')]"
    ".filter(e => getComputedStyle(e).overflowX === 'hidden' && e.scrollWidth > e.clientWidth)"
    ".length"
)


def _pages(page: Page, server: LiveServer) -> list[tuple[str, str]]:
    """Every page a person can reach, as (name, address), visited once in a wide window."""
    visited: list[tuple[str, str]] = []

    def keep(name: str) -> None:
        visited.append((name, page.url))

    for path in ("/", "/login", "/rules", "/docs", "/plan"):
        page.goto(server.url(path))
        keep(path)
    sign_in(page, server, SUPPLIER_A)
    upload(page, server, require_shared() / SSG_PLAN)
    keep("stored report of a real plan")
    report = page.url
    page.goto(report + "/print")
    keep("printable report")
    page.goto(report + "/plan")
    keep("plan builder from the report")
    for path in ("/reports", "/account/tokens", "/account/password"):
        page.goto(server.url(path))
        keep(path)
    sign_in(page, server, EVALUATOR)
    page.goto(server.url("/tenders"))
    keep("/tenders")
    sign_in(page, server, CLIMATE)
    for path in ("/dashboard", "/suppliers", "/support", "/suppliers/screening"):
        page.goto(server.url(path))
        keep(path)
    sign_in(page, server, ADMIN)
    page.goto(server.url("/admin/users"))
    keep("/admin/users")
    page.goto(server.url("/reports"))
    keep("all checks")
    return visited


def test_no_page_scrolls_sideways_at_390_or_1280_px(server: LiveServer, browser: Browser) -> None:
    """WCAG 1.4.10 reflow: wide tables scroll inside their own frame, the page never does."""
    wide = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        addresses = _pages(wide.new_page(), server)
    finally:
        wide.close()
    problems: list[str] = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 844})
        try:
            page = context.new_page()
            signed_in_as = None
            for name, address in addresses:
                who = _who(name)
                if who != signed_in_as:
                    context.clear_cookies()
                    if who:
                        sign_in(page, server, who)
                    signed_in_as = who
                page.goto(address)
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    problems.append(
                        f"{name} at {width}: {scroll} px {page.evaluate(CULPRITS, width)}"
                    )
                if page.evaluate(CLIPPED):
                    problems.append(f"{name} at {width}: a table frame hides columns")
        finally:
            context.close()
    assert not problems, "\n".join(problems)


def _who(name: str) -> str | None:
    if name in ("/", "/login", "/rules", "/docs", "/plan"):
        return None
    if name == "/tenders":
        return EVALUATOR
    if name.startswith(("/dashboard", "/suppliers", "/support")):
        return CLIMATE
    if name in ("/admin/users", "all checks"):
        return ADMIN
    return SUPPLIER_A


def test_the_reports_first_screen_holds_the_verdict_and_what_to_fix(
    server: LiveServer, browser: Browser
) -> None:
    for width, height in ((390, 844), (1280, 800)):
        context = browser.new_context(viewport={"width": width, "height": height})
        try:
            page = context.new_page()
            upload(page, server, require_shared() / SSG_PLAN)
            for selector in ("p.verdict", "ul.decisive", "#what-to-fix"):
                box = page.locator(selector).bounding_box()
                assert box is not None and box["y"] + box["height"] <= height, (
                    width,
                    selector,
                    box,
                )
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            first = page.locator("#what-to-fix ~ article.finding, #fix-mandatory ~ article").first
            box = first.bounding_box()
            assert box is not None and box["y"] < height, (width, "first item to fix", box)
        finally:
            context.close()
