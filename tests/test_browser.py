"""The web app in a real browser: headless Chromium (Debian's) driven by Playwright.

A person checks a real plan and reads the verdict and page-numbered evidence; suppliers cannot
open each other's reports; sign-in, sign-out and CSRF refusals behave as a person sees them;
every page passes axe-core's WCAG 2.2 AA rules (no serious or critical violations); the skip
link works from the keyboard. Most tests check plans in-process (InlineChecker) for speed;
one goes through the real worker pool, as `make run` does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import (
    ADMIN,
    EVALUATOR,
    SUPPLIER_A,
    SUPPLIER_B,
    LiveServer,
    axe_script,
    axe_violations,
    describe_violations,
    live_server,
    sign_in,
    submit,
    upload,
)
from playwright.sync_api import Browser, BrowserContext, Page
from shared_data import require_shared
from sqlalchemy import func, select

from crp_checker.report.wording import VERDICT_LABELS
from crp_checker.store import ApiToken, AssessmentRecord, session_scope
from crp_checker.web.account import LOGIN_FAILED
from crp_checker.web.pages import NOT_FOUND
from crp_checker.worker import WorkerPool

REPO = Path(__file__).resolve().parents[1]
SMALL_PLAN = REPO / "fixtures" / "pdf" / "template_compliant.pdf"
EARLIER_PLAN = REPO / "fixtures" / "pdf" / "no_interim_milestone.pdf"
SSG_PLAN = "real-crps/ssg-support-services-group_carbon-reduction-plan_2025.pdf"
VERDICT = re.compile(
    "^(" + "|".join(re.escape(label) for label in VERDICT_LABELS.values()) + r")\b.*\.$"
)
# report/wording.py evidence_line: 'p. 3: “quote”', or 'derived: “...”' for computed values.
EVIDENCE = re.compile(r"^(p\. \d+|derived): “.+”$", re.S)
REPORT_URL = re.compile(r"/reports/([A-Za-z0-9_-]+)$")
# The worker pool's first check waits for a worker to start and load its models.
POOL_TIMEOUT_MS = 120_000


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    made = browser.new_context()
    yield made
    made.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def stored_count(server: LiveServer, model: type) -> int:
    with session_scope(server.engine) as db:
        return int(db.scalar(select(func.count()).select_from(model)) or 0)


def assert_report_with_evidence(page: Page) -> None:
    """The verdict in one line, then findings that quote the plan with page numbers."""
    verdict = (page.text_content("p.verdict") or "").strip()
    assert VERDICT.match(verdict), verdict
    findings = page.locator("article.finding")
    assert findings.count() >= 10
    evidence = [" ".join(t.split()) for t in page.locator("ul.evidence li").all_text_contents()]
    assert evidence, "no evidence quoted"
    bad = [line for line in evidence if not EVIDENCE.match(line)]
    assert not bad, f"evidence lines without a page: {bad[:5]}"
    assert sum(line.startswith("p. ") for line in evidence) >= 5
    assert page.locator("section[aria-labelledby=support] .route").count() >= 1


def test_anonymous_upload_of_a_real_plan_shows_verdict_and_evidence(
    server: LiveServer, page: Page
) -> None:
    plan = require_shared() / SSG_PLAN
    response = upload(page, server, plan)
    assert response.status == 200
    assert page.url == server.url("/check")
    assert plan.name in (page.text_content("h1") or "")
    assert_report_with_evidence(page)
    assert page.is_visible("text=This check was not stored")
    assert stored_count(server, AssessmentRecord) == 0


def test_the_worker_pool_checks_uploads_from_the_browser(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """checker=None: the app starts its isolated parse processes, as `make run` does."""
    plan = require_shared() / SSG_PLAN
    monkeypatch.setenv("CRP_PARSE_WORKERS", "1")
    with live_server(tmp_path, None) as pooled:
        assert isinstance(pooled.app.state.checking.checker, WorkerPool)
        context = browser.new_context()
        try:
            page = context.new_page()
            page.set_default_timeout(POOL_TIMEOUT_MS)
            response = upload(page, pooled, plan)
            assert response.status == 200
            assert_report_with_evidence(page)
        finally:
            context.close()


def test_a_supplier_cannot_open_another_organisations_report(
    server: LiveServer, browser: Browser
) -> None:
    supplier_a = browser.new_context()
    supplier_b = browser.new_context()
    try:
        page = supplier_a.new_page()
        assert sign_in(page, server, SUPPLIER_A).url == server.url("/reports")
        response = upload(page, server, SMALL_PLAN)
        assert response.status == 200
        found = REPORT_URL.search(page.url)
        assert found, page.url
        report = found.group(0)
        assert VERDICT.match((page.text_content("p.verdict") or "").strip())
        assert "for Supplier A Ltd" in (page.text_content("section.panel") or "")
        page.goto(server.url("/reports"))
        assert page.locator(f"table.records a[href='{report}']").count() == 1

        other = supplier_b.new_page()
        sign_in(other, server, SUPPLIER_B)
        for path in (report, report + ".json", report + "/print"):
            refused = other.goto(server.url(path))
            assert refused is not None and refused.status == 404, path
        other.goto(server.url(report))
        assert other.text_content("h1") == "Page not found"
        assert NOT_FOUND in (other.text_content("main") or "")
        other.goto(server.url("/reports"))
        assert "No checks yet" in (other.text_content("main") or "")
    finally:
        supplier_a.close()
        supplier_b.close()


def test_wrong_password_then_sign_in_and_sign_out(server: LiveServer, page: Page) -> None:
    refused = sign_in(page, server, SUPPLIER_A, "not the right password at all")
    assert refused.status == 401
    assert LOGIN_FAILED in (page.text_content(".error-summary") or "")
    # app.js moves focus to the error summary, so screen readers announce it first.
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.input_value("#email") == SUPPLIER_A

    assert sign_in(page, server, SUPPLIER_A).status == 200
    assert page.url == server.url("/reports")
    assert SUPPLIER_A in (page.text_content(".signed-in") or "")

    submit(page, "form.signout button[type=submit]")
    assert page.url == server.url("/")
    assert page.locator(".signed-in").count() == 0
    page.goto(server.url("/reports"))
    assert page.url == server.url("/login?next=%2Freports")
    assert page.text_content("h1") == "Sign in"


TAMPER = """() => {
  for (const input of document.querySelectorAll('main form input[name=csrftoken]')) {
    input.value = input.value.slice(0, -4) + 'abcd';
  }
}"""


def test_a_tampered_csrf_token_is_refused_on_sign_in(server: LiveServer, page: Page) -> None:
    page.goto(server.url("/login"))
    page.fill("#email", ADMIN)
    page.fill("#password", "correct horse battery staple")
    page.evaluate(TAMPER)
    response = submit(page, "form.login-form button[type=submit]")
    assert response.status == 403
    assert page.title() == "Form not accepted"
    page.goto(server.url("/reports"))
    assert page.url.startswith(server.url("/login"))


def test_a_tampered_csrf_token_is_refused_on_a_signed_in_form(
    server: LiveServer, page: Page
) -> None:
    sign_in(page, server, EVALUATOR)
    tokens_before = stored_count(server, ApiToken)
    page.goto(server.url("/account/tokens"))
    page.fill("#name", "portal")
    page.evaluate(TAMPER)
    response = submit(page, "main form button[type=submit]")
    assert response.status == 403
    assert page.text_content("h1") == "Form not accepted"
    assert stored_count(server, ApiToken) == tokens_before
    page.goto(server.url("/account/tokens"))
    assert "You have no tokens." in (page.text_content("main") or "")


@pytest.mark.parametrize("path", ["/", "/login"])
def test_the_skip_link_is_first_and_moves_focus_to_main(
    server: LiveServer, page: Page, path: str
) -> None:
    page.goto(server.url(path))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["width"] > 10 and box["height"] > 10, "invisible on focus"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    # The next Tab lands inside main, past the header's navigation.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def _row(page: Page, email: str) -> int:
    """The position of an account's row in the accounts table."""
    emails = page.locator("tbody tr td:first-child").all_text_contents()
    return next(i for i, text in enumerate(emails) if text.strip().startswith(email))


def test_every_page_passes_axe(server: LiveServer, browser: Browser) -> None:
    """axe-core's WCAG 2.2 A/AA rules on each page a person can reach, signed out and in.

    This context bypasses the app's Content-Security-Policy, for the axe run only: the policy
    allows no inline scripts, and Playwright injects axe-core as one.
    """
    axe_script()
    context = browser.new_context(bypass_csp=True)
    failures: list[str] = []
    audited: list[str] = []

    def audit(name: str, status: int = 200) -> None:
        assert last_status[0] == status, f"{name}: HTTP {last_status[0]}"
        violations = axe_violations(page)
        audited.append(name)
        if violations:
            failures.append(describe_violations(name, violations))

    def visit(path: str) -> None:
        response = page.goto(server.url(path))
        last_status[0] = response.status if response else None

    def send(button: str) -> None:
        last_status[0] = submit(page, button).status

    last_status: list[int | None] = [None]
    try:
        page = context.new_page()
        visit("/")
        audit("home")
        send("form.check-form button[type=submit]")
        assert page.is_visible("#error-summary")
        audit("home with an upload error", 400)
        page.set_input_files("#file", str(SMALL_PLAN))
        send("form.check-form button[type=submit]")
        audit("anonymous result")
        visit("/login")
        audit("sign in")
        last_status[0] = sign_in(page, server, "nobody@example.org", "wrong password").status
        audit("sign in with an error", 401)
        visit("/rules")
        audit("rules")
        visit("/docs")
        audit("API documentation")
        visit("/no-such-page")
        audit("not found", 404)

        last_status[0] = sign_in(page, server, SUPPLIER_B).status
        audit("your checks (none yet)")
        upload(page, server, EARLIER_PLAN)
        # The second plan's report has every panel: the report, what changed, re-check (the
        # same plan again would not be stored twice, so it would have nothing to compare).
        last_status[0] = upload(page, server, SMALL_PLAN).status
        assert page.is_visible("text=What changed since the previous plan")
        audit("stored report with what changed")
        report = page.url
        visit(report.removeprefix(server.base_url) + "/print")
        audit("printable report")
        visit("/reports")
        audit("your checks")
        visit("/account/tokens")
        audit("API tokens")
        page.fill("#name", "procurement portal")
        send("main form button[type=submit]")
        assert page.input_value("#new-token").startswith("crp_")
        audit("API tokens with a new token", 201)
        page.fill("#name", "second portal")
        page.evaluate(TAMPER)
        send("main form button[type=submit]")
        audit("form not accepted", 403)

        visit("/account/password")
        audit("change your password")
        page.fill("#current-password", "not the password at all")
        page.fill("#new-password", "a brand new passphrase")
        page.fill("#confirm-password", "a brand new passphrase")
        send("main form button[type=submit]")
        assert page.is_visible("#error-summary")
        audit("change your password with an error", 400)

        last_status[0] = sign_in(page, server, EVALUATOR).status
        audit("all checks (evaluator)")

        last_status[0] = sign_in(page, server, ADMIN).status
        visit("/admin/users")
        audit("accounts")
        page.click(f"a:has-text('Reset') >> nth={_row(page, SUPPLIER_B)}")
        page.wait_for_load_state()
        last_status[0] = 200
        audit("password of an account")
        send("form[action$='/reset-link'] button[type=submit]")
        link = page.input_value("#reset-link")
        audit("reset link made")
        page.fill("#temporary-password", "short")
        page.evaluate("document.querySelector('#temporary-password').removeAttribute('minlength')")
        send("form[action$='/password'] button[type=submit]")
        audit("temporary password with an error", 422)
        visit(link.removeprefix(server.base_url))
        audit("choose a new password")
    finally:
        context.close()
    assert len(audited) == 23
    assert not failures, "\n\n".join(failures)


def test_the_password_pages_fit_a_narrow_phone_screen(server: LiveServer, browser: Browser) -> None:
    """The account and reset pages never scroll sideways at 390 px (WCAG 1.4.10 reflow)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        sign_in(page, server, ADMIN)
        wide: list[str] = []

        def check(name: str) -> None:
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                culprit = page.evaluate(
                    "[...document.querySelectorAll('body *')].filter(e => "
                    "e.getBoundingClientRect().right > 391 && !e.closest('.table-scroll'))"
                    ".map(e => e.tagName + '.' + e.className).slice(0, 6)"
                )
                wide.append(f"{name}: {width} px ({culprit})")

        page.goto(server.url("/admin/users"))
        check("accounts")
        page.click(f"a:has-text('Reset') >> nth={_row(page, SUPPLIER_A)}")
        page.wait_for_load_state()
        check("password of an account")
        submit(page, "form[action$='/reset-link'] button[type=submit]")
        link = page.input_value("#reset-link")
        check("reset link made")
        page.goto(server.url("/account/password"))
        check("change your password")
        page.goto(link)
        check("choose a new password")
        assert not wide, wide
    finally:
        context.close()
