"""The review queue and fact corrections in a real browser (issue 13): an evaluator sees a
bid's open question counted in the matrix, answers it on the Questions page and sees the marks
change; the queue and a report page with its correction form pass axe-core (no serious or
critical WCAG 2.2 AA violations) and do not scroll sideways at 390 px."""

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
from factories import add_tender_bid, make_assessment, make_finding, make_tender
from playwright.sync_api import Browser, Page

from crp_checker.schemas import Outcome, Severity
from crp_checker.store import get_user_by_email, session_scope

PLAN = Path(__file__).resolve().parents[1] / "fixtures" / "text" / "plain_text_zero_scope1.txt"
QUESTION = "Which basis do the Scope 2 figures use?"
REASON = "Market-based: the table says so on page 2."


def _tender_with_a_question(server: LiveServer, reference: str) -> str:
    """A draft tender whose one bid has an open good-practice question; the tender's path."""
    with session_scope(server.engine) as db:
        eve = get_user_by_email(db, EVALUATOR)
        assert eve is not None
        tender = make_tender(db, eve, reference=reference)
        base = make_assessment(warnings=[])
        asked = make_finding(
            "scope2-basis", "data", Outcome.NEEDS_REVIEW, Severity.GOOD_PRACTICE
        ).model_copy(update={"question": QUESTION})
        # Every mandatory requirement passes, so the gate passes and the marks follow the score.
        findings = [
            f.model_copy(update={"outcome": Outcome.PASS})
            if f.severity is Severity.MANDATORY
            else f
            for f in base.findings
            if f.rule != "scope2-basis"
        ] + [asked]
        add_tender_bid(db, tender, eve, "Question Ltd", reference.encode(), findings=findings)
        return f"/tenders/{tender.public_id}"


def _row(page: Page) -> dict[str, str]:
    row = page.locator("table.tender-matrix tbody tr").first
    return {
        str(cell.get_attribute("data-col")): " ".join(cell.inner_text().split())
        for cell in row.locator("[data-col]").all()
    }


def test_answering_a_question_changes_the_marks(server: LiveServer, browser: Browser) -> None:
    tender = _tender_with_a_question(server, "REVIEW-1")
    context = browser.new_context()
    try:
        page = context.new_page()
        sign_in(page, server, EVALUATOR)
        page.goto(server.url(tender))
        before = _row(page)
        assert before["open_questions"].startswith("1")
        page.click("[data-col=open_questions] a")
        assert page.url.startswith(server.url("/review"))
        section = page.locator("section.question").filter(has_text=QUESTION)
        section.locator("input[value=outcome]").check()
        section.locator("select[name=outcome]").select_option("pass")
        section.locator("textarea[name=reason]").fill(REASON)
        with page.expect_navigation():
            section.locator("button[type=submit]").click()
        assert "Answered" in page.inner_text("main")
        assert page.locator("section.question").filter(has_text=QUESTION).count() == 0
        page.goto(server.url(tender))
        after = _row(page)
        assert after["open_questions"] == "0"
        assert float(after["score"]) > float(before["score"])
        assert after["marks"] != before["marks"]
        assert page.is_visible(f"#log ~ div >> text={REASON}")
    finally:
        context.close()


def test_review_and_correction_pages_pass_axe_and_fit_a_phone(
    server: LiveServer, browser: Browser
) -> None:
    axe_script()
    _tender_with_a_question(server, "REVIEW-AXE")
    context = browser.new_context(bypass_csp=True)
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    failures: list[str] = []
    try:
        page = context.new_page()
        narrow = phone.new_page()

        def audit(name: str, *, open_details: bool = False) -> None:
            if open_details:
                page.locator("details").evaluate_all("all => all.forEach(d => d.open = true)")
            violations = axe_violations(page)
            if violations:
                failures.append(describe_violations(name, violations))
            narrow.goto(page.url)
            width = narrow.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                failures.append(f"{name}: {width} px wide at 390 px ({page.url})")

        sign_in(page, server, SUPPLIER_A)
        sign_in(narrow, server, SUPPLIER_A)
        assert upload(page, server, PLAN).status == 200
        audit("report page with the correction form", open_details=True)
        page.fill("#correction-value", "not a number")
        page.select_option("#correction-fact", "baseline.scope1")
        page.fill("#correction-reason", "Checking the error page.")
        assert submit(page, "#correct-fact button[type=submit]").status == 422
        audit("a refused correction")
        page.go_back()
        page.locator("#correct-fact").evaluate("d => d.open = true")
        page.fill("#correction-value", "0.5")
        page.fill("#correction-reason", "The table on page 2 says 0.5.")
        assert submit(page, "#correct-fact button[type=submit]").status == 200
        assert "Corrected facts" in page.inner_text("main")
        audit("report page with a corrected fact")

        sign_in(page, server, EVALUATOR)
        sign_in(narrow, server, EVALUATOR)
        page.goto(server.url("/review"))
        audit("review queue", open_details=True)
    finally:
        context.close()
        phone.close()
    assert not failures, "\n\n".join(failures)
