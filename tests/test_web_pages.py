"""The supplier's pages: anonymous and signed-in checks, the report, its JSON twin and print
version, re-checks with what changed, refusals that re-show the form, and the API docs page."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape
from shared_data import require_shared
from sqlalchemy import select
from web_support import (
    FIXTURES,
    TINY_PLAN,
    WebEnv,
    csrf,
    login,
    multipart,
    stored_report,
    upload,
)

from crp_checker.checking import InlineChecker
from crp_checker.report.changes import compare
from crp_checker.report.wording import evidence_line
from crp_checker.schemas import Assessment
from crp_checker.store import AssessmentRecord, Role, session_scope

SSG = "real-crps/ssg-support-services-group_carbon-reduction-plan_2025.pdf"
ASPIRATION = FIXTURES / "text" / "net_zero_aspiration.txt"  # "aims to" reach net zero: a gap
COMMITMENT = FIXTURES / "text" / "plain_text_zero_scope1.txt"  # "is committed to": fixed


@pytest.fixture(scope="module")
def ssg_pdf() -> bytes:
    return (require_shared() / SSG).read_bytes()


@pytest.fixture(scope="module")
def ssg(ssg_pdf: bytes) -> Assessment:
    """The real plan's assessment, made once, to compare the pages with."""
    return InlineChecker().check(ssg_pdf, name=Path(SSG).name)


def _record(env: WebEnv, public_id: str) -> AssessmentRecord:
    with session_scope(env.engine) as db:
        statement = select(AssessmentRecord).where(AssessmentRecord.public_id == public_id)
        record = db.scalars(statement).one()
        _ = (record.assessment, record.organisation, record.user)  # load before the session ends
        return record


# --------------------------------------------------------------------------- checking a plan


def test_an_anonymous_check_of_a_real_plan_shows_verdict_and_paged_evidence_and_stores_nothing(
    env: WebEnv, ssg_pdf: bytes, ssg: Assessment
) -> None:
    before = env.counts()
    response = upload(env.client(), ssg_pdf, Path(SSG).name, content_type="application/pdf")
    assert response.status_code == 200
    html = response.text
    verdict = re.search(r'<p class="verdict">(.*?)</p>', html)
    assert verdict and verdict.group(1).startswith("Not compliant")
    assert "This check was not stored" in html
    quoted = [e for f in ssg.findings for e in f.evidence if e.page is not None]
    assert len(quoted) >= 10
    for evidence in quoted:  # every quote, with its page number, as the report states it
        assert str(escape(evidence_line(evidence))) in html, evidence
    for finding in ssg.findings:
        assert f'id="rule-{finding.rule}"' in html
    assert env.counts() == before


def test_a_signed_in_check_is_stored_under_the_organisation_and_redirects(
    env: WebEnv, ssg_pdf: bytes, ssg: Assessment
) -> None:
    client = env.signed_in("supplier_a")
    before = env.counts()
    response = upload(client, ssg_pdf, "ssg.pdf", content_type="application/pdf")
    assert response.status_code == 303
    public_id = response.headers["location"].removeprefix("/reports/")
    assert env.counts() == (before[0] + 1, before[1] + 1)
    record = _record(env, public_id)
    assert record.organisation is not None and record.organisation.name == "Org A Ltd"
    assert record.user is not None and record.user.email == "ann@org-a.example"
    assert record.verdict == ssg.verdict and record.score == ssg.score
    page = client.get(response.headers["location"])
    assert page.status_code == 200
    assert "for Org A Ltd" in page.text and "Upload a new version" in page.text
    # The same plan with the same result is not stored again: its check says it was re-run.
    again = upload(client, ssg_pdf, "ssg-again.pdf", content_type="application/pdf")
    assert again.headers["location"] == response.headers["location"]
    assert env.counts() == (before[0] + 1, before[1] + 1)
    assert _record(env, public_id).recheck_count == 1


def test_the_json_twin_is_the_stored_assessment(env: WebEnv) -> None:
    response = env.signed_in("supplier_a").get(f"/reports/{env.report_a}.json")
    assert response.headers["content-type"] == "application/json"
    twin = Assessment.model_validate_json(response.text)
    assert twin == _record(env, env.report_a).assessment
    assert twin.source.name == "org-a-plan.txt"


def test_the_print_version_is_the_report_without_navigation(env: WebEnv) -> None:
    client = env.signed_in("supplier_a")
    printed = client.get(f"/reports/{env.report_a}/print").text
    page = client.get(f"/reports/{env.report_a}").text
    for site_part in ["<nav", "Sign out", 'action="/logout"', "<form", "API tokens"]:
        assert site_part in page
        assert site_part not in printed
    assert '<p class="verdict">' in printed and 'id="what-to-fix"' in printed
    assert re.findall(r'id="rule-[^"]+"', printed) == re.findall(r'id="rule-[^"]+"', page)


class _Changes(HTMLParser):
    """The rule ids listed under each change group of the report panel."""

    def __init__(self) -> None:
        super().__init__()
        self.groups: dict[str, list[str]] = {}
        self._group: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        group = [
            c.removeprefix("change-group--") for c in classes if c.startswith("change-group--")
        ]
        if tag == "div" and group:
            self._group = group[0]
            self.groups[self._group] = []
        elif tag == "a" and self._group and (values.get("href") or "").startswith("#rule-"):
            self.groups[self._group].append((values.get("href") or "").removeprefix("#rule-"))
        elif tag == "details":
            self._group = None


def _changes_on_page(html: str) -> dict[str, list[str]]:
    parser = _Changes()
    parser.feed(html)
    return parser.groups


def test_a_recheck_lists_fixed_new_and_still_open_gaps_as_compare_does(env: WebEnv) -> None:
    env.add_user("cy@org-c.example", Role.SUPPLIER, "Org C Ltd")
    client = env.client()
    login(client, "cy@org-c.example")
    first = stored_report(client, ASPIRATION.read_bytes(), "plan-v1.txt")
    assert "What changed" not in client.get(f"/reports/{first}").text
    ids = [first]
    for version, path in [(2, COMMITMENT), (3, ASPIRATION)]:
        ids.append(stored_report(client, path.read_bytes(), f"plan-v{version}.txt"))
    seen = []
    for before, after in itertools.pairwise(ids):
        expected = compare(_record(env, before).assessment, _record(env, after).assessment)
        page = client.get(f"/reports/{after}").text
        assert f'href="/reports/{before}"' in page
        shown = _changes_on_page(page)
        assert shown == {
            "fixed": expected.fixed,
            "newly_failing": expected.newly_failing,
            "still_open": expected.still_open,
        }
        seen.append(shown)
    assert seen[0]["fixed"] == ["net-zero-commitment"]  # "aims to" became "is committed to"
    assert seen[1]["newly_failing"] == ["net-zero-commitment"]
    assert all(s["still_open"] for s in seen)


# --------------------------------------------------------------------------- refusals

ERRORS = [
    ("corrupt", 422, "damaged", {"file": ("plan.pdf", b"%PDF-1.4\n garbage", "application/pdf")}),
    ("empty", 422, "is empty", {"file": ("plan.pdf", b"", "application/pdf")}),
    ("both", 400, "both a file and a web address", {"file": ("plan.txt", TINY_PLAN)}),
    ("neither", 400, "No plan was given", {}),
]


@pytest.mark.parametrize(("case", "status", "words", "files"), ERRORS, ids=[e[0] for e in ERRORS])
def test_a_refused_plan_reshows_the_form_with_what_went_wrong_and_what_to_do(
    env: WebEnv, case: str, status: int, words: str, files: dict[str, tuple[str, bytes]]
) -> None:
    client = env.client()
    url = "https://www.example.co.uk/crp.pdf" if case in {"both", "neither"} else ""
    data = {"csrftoken": csrf(client), "url": "" if case == "neither" else url}
    before = env.counts()
    response = client.post("/check", data=data, files=files or None)
    assert response.status_code == status
    html = response.text
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert summary, html[:500]
    assert words in summary.group(0) and "What to do:" in summary.group(0)
    assert "<title>Error: " in html
    assert 'name="file"' in html and 'action="/check"' in html  # the form, to try again
    if case == "both":
        assert f'value="{url}"' in html  # what the user typed is kept
    assert env.counts() == before


def test_a_browser_form_with_no_file_chosen_is_told_to_choose_one(env: WebEnv) -> None:
    client = env.client()
    # A browser sends an empty file part (no name, no bytes) when nothing was chosen.
    body, content_type = multipart(
        [("csrftoken", None, csrf(client).encode()), ("file", "", b""), ("url", None, b"")]
    )
    response = client.post("/check", content=body, headers={"content-type": content_type})
    assert response.status_code == 400
    assert "No plan was given" in response.text


# --------------------------------------------------------------------------- API docs


class _Loads(HTMLParser):
    """Every address the page makes the browser load (not links the user may follow)."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in {"script", "img", "iframe", "embed", "source", "audio", "video"}:
            self.loads.append(values.get("src") or "")
        elif tag == "link":
            self.loads.append(values.get("href") or "")
        elif tag == "object":
            self.loads.append(values.get("data") or "")


def test_the_docs_page_lists_every_api_operation_and_loads_nothing_from_elsewhere(
    env: WebEnv,
) -> None:
    client = env.client()
    openapi = client.get("/openapi.json").json()
    operations = [
        (method.upper(), path)
        for path, item in openapi["paths"].items()
        for method in item
        if path.startswith("/api/v1/")
    ]
    assert len(operations) >= 5
    html = client.get("/docs").text
    for method, path in operations:
        assert f"<code>{method} {escape(path)}</code>" in html, (method, path)
        summary = openapi["paths"][path][method.lower()]["summary"]
        assert str(escape(summary)) in html
    assert not [p for p in openapi["paths"] if not p.startswith("/api/v1/")]
    parser = _Loads()
    parser.feed(html)
    assert parser.loads, "the page loads its stylesheet and script"
    assert all(src.startswith("/") and not src.startswith("//") for src in parser.loads)
