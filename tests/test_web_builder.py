"""The plan builder's pages: "Fix my plan" from a stored or anonymous report, the form
pre-filled with pages and explained gaps, errors on their fields, DOCX and printable downloads."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import lxml.html
from draft_answers import CHECK_DATE, COMPLETE
from web_support import FIXTURES, WebEnv, csrf, page_token, stored_report, upload

from crp_checker.checking import InlineChecker
from crp_checker.schemas import Outcome, Severity, Verdict

PLAN = FIXTURES / "text" / "net_zero_aspiration.txt"
GAPS = FIXTURES / "text" / "scope3_three_categories.md"  # two required categories missing


def _form_data(answers: dict[str, Any]) -> dict[str, str]:
    return {
        name: "\n".join(value) if isinstance(value, list) else str(value)
        for name, value in answers.items()
    }


def _fields(page: str) -> dict[str, Any]:
    tree = lxml.html.document_fromstring(page)
    return {el.get("name"): el for el in tree.xpath("//form[@action='/plan']//*[@name]")}


def test_fix_my_plan_opens_the_form_pre_filled_with_pages_and_explained_gaps(
    env: WebEnv,
) -> None:
    client = env.signed_in("supplier_a")
    public_id = stored_report(client, GAPS.read_bytes(), "gaps.md")
    report = client.get(f"/reports/{public_id}").text
    assert f'href="/reports/{public_id}/plan"' in report and "Fix my plan" in report
    page = client.get(f"/reports/{public_id}/plan")
    assert page.status_code == 200
    fields = _fields(page.text)
    assert fields["organisation"].get("value")  # read from the plan
    tree = lxml.html.document_fromstring(page.text)
    hint = tree.get_element_by_id("f-organisation-hint").text_content()
    assert re.search(r"Read from your plan, p\. \d+\.", hint)
    empty = [n for n, el in fields.items() if el.tag == "input" and not el.get("value")]
    assert empty, "a failing plan leaves gaps"
    assert "Not in your plan." in page.text
    assert "What the check found here:" in page.text


def test_the_builder_downloads_a_docx_that_passes_the_checker(env: WebEnv, tmp_path: Path) -> None:
    client = env.client()
    data = {"csrftoken": csrf(client, "/plan"), "format": "docx"} | _form_data(COMPLETE)
    response = client.post("/plan", data=data)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response.headers["content-disposition"]
    assessment = InlineChecker().check(response.content, name="plan.docx", check_date=CHECK_DATE)
    assert assessment.verdict in (Verdict.COMPLIANT, Verdict.COMPLIANT_WITH_GAPS)
    assert not [
        f.rule
        for f in assessment.findings
        if f.severity is Severity.MANDATORY
        and f.outcome not in (Outcome.PASS, Outcome.NOT_APPLICABLE)
    ]


def test_the_builder_opens_a_printable_page(env: WebEnv) -> None:
    client = env.client()
    data = {"csrftoken": csrf(client, "/plan"), "format": "html", "organisation": "Acme Ltd"}
    page = client.post("/plan", data=data).text
    assert "<h1>Carbon Reduction Plan</h1>" in page and "Supplier name: Acme Ltd" in page
    assert '<mark class="missing">[insert Net zero year: not supplied]</mark>' in page


def test_form_errors_highlight_the_field_they_name_and_keep_what_was_typed(env: WebEnv) -> None:
    client = env.client()
    answers = _form_data(COMPLETE) | {"current.total": "99", "current.scope1": "lots"}
    response = client.post(
        "/plan", data={"csrftoken": csrf(client, "/plan"), "format": "docx"} | answers
    )
    assert response.status_code == 422
    tree = lxml.html.document_fromstring(response.text)
    summary = tree.get_element_by_id("error-summary")
    links = {a.get("href"): a.text_content() for a in summary.iter("a")}
    assert links["#f-current-scope1"].startswith("current.scope1: 'lots' is not a number")
    for field_id in ("f-current-scope1",):
        field = tree.get_element_by_id(field_id)
        assert field.get("aria-invalid") == "true"
        error = tree.get_element_by_id(f"{field_id}-error")
        assert "is not a number" in error.text_content()
        assert f"{field_id}-error" in field.get("aria-describedby")
        assert "field--error" in field.getparent().get("class")
    assert _fields(response.text)["current.scope1"].get("value") == "lots"
    assert _fields(response.text)["organisation"].get("value") == "Example Widgets Ltd"


def test_totals_that_do_not_add_up_are_named_on_the_total(env: WebEnv) -> None:
    client = env.client()
    answers = _form_data(COMPLETE) | {"current.total": "99"}
    response = client.post(
        "/plan", data={"csrftoken": csrf(client, "/plan"), "format": "docx"} | answers
    )
    assert response.status_code == 422
    tree = lxml.html.document_fromstring(response.text)
    assert tree.get_element_by_id("f-current-total").get("aria-invalid") == "true"
    assert (
        "is not Scope 1 + Scope 2 + Scope 3"
        in tree.get_element_by_id("f-current-total-error").text_content()
    )


def test_an_anonymous_report_offers_fix_my_plan_with_its_facts(env: WebEnv) -> None:
    client = env.client()
    report = upload(client, PLAN.read_bytes(), "aspiration.txt").text
    tree = lxml.html.document_fromstring(report)
    form = tree.xpath("//form[@action='/plan/start']")[0]
    data = {el.get("name"): el.get("value") for el in form.xpath(".//input")}
    assert json.loads(data["prefilled"])["organisation"]
    page = client.post("/plan/start", data=data)
    assert page.status_code == 200
    fields = _fields(page.text)
    assert fields["organisation"].get("value") == json.loads(data["prefilled"])["organisation"]
    assert "Read from your plan, p. 1." in page.text
    assert page_token(page.text)


def test_another_organisations_report_has_no_builder(env: WebEnv) -> None:
    assert env.signed_in("supplier_b").get(f"/reports/{env.report_a}/plan").status_code == 404
