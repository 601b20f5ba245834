"""The register as a council keeps it (issue 15), through the web app and its JSON API: contracts,
filters and sorting, renewals, a supplier's history, no-plan signposting, contacts with a date
and a note, re-screening, and the API answering with the pages' figures. Both backends."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from databases import add_assessment
from factories import add_supplier, make_assessment, make_finding
from fastapi.testclient import TestClient
from lxml import html as lxml_html
from sample_register import contract_register
from sqlalchemy import func, select
from web_support import TINY_PLAN, WebEnv, csrf, stored_report

from crp_checker import checking
from crp_checker.checking import Plan
from crp_checker.schemas import Outcome, Severity, Verdict
from crp_checker.store import AssessmentRecord, session_scope
from crp_checker.store.models import utcnow
from crp_checker.store.supplier_models import Supplier, SupplierContact
from crp_checker.suppliers import link_assessment

CATEGORY = "Register tests"
TODAY = utcnow().date()


def tree(page: str) -> Any:
    return lxml_html.fromstring(page)


def _plan(db: Any, supplier: Supplier, verdict: Verdict, score: int, **facts: Any) -> str:
    """A linked assessment of the supplier's plan made now; its public id."""
    base = make_assessment()
    findings = [
        make_finding("crp-identified", "document", Outcome.PASS),
        make_finding("net-zero-year", "commitment", Outcome.FAIL, fix="Commit to 2050."),
        make_finding("scope2-basis", "data", Outcome.PARTIAL, Severity.GOOD_PRACTICE),
    ]
    record = add_assessment(
        db,
        None,
        f"{supplier.name} {verdict} {score}".encode(),
        verdict=verdict,
        score=score,
        findings=findings,
        facts=base.facts.model_copy(update={"organisation": supplier.name} | facts),
    )
    link_assessment(db, supplier, record, method="url")
    return record.public_id


@pytest.fixture(scope="module")
def seeded(env: WebEnv) -> dict[str, int]:
    """Four suppliers in their own category: a compliant plan with a contract ending soon, a
    non-compliant plan, a document that is not a plan, and no check at all."""
    soon = TODAY + dt.timedelta(days=30)
    later = TODAY + dt.timedelta(days=800)
    ids = {}
    with session_scope(env.engine) as db:
        good = add_supplier(db, "Good Plan Ltd", 9000, CATEGORY, end_date=soon, reference="G-1")
        weak = add_supplier(db, "Weak Plan Ltd", 5000, CATEGORY, end_date=later, reference="W-1")
        policy = add_supplier(db, "Policy Only Ltd", 3000, CATEGORY, reference="P-1")
        nothing = add_supplier(db, "Nothing Yet Ltd", 1000, CATEGORY, reference="N-1")
        _plan(db, good, Verdict.COMPLIANT, 90, net_zero_year=2035)
        _plan(db, weak, Verdict.NON_COMPLIANT, 40, net_zero_year=2060)
        _plan(db, policy, Verdict.NOT_A_CRP, 0, is_crp=False, net_zero_year=2030)
        for supplier in (good, weak, policy, nothing):
            ids[supplier.name] = supplier.id
    return ids


def _names(page: str) -> list[str]:
    return [a.text for a in tree(page).xpath("//table[contains(@class,'register')]//th/a")]


# --------------------------------------------------------------------------- the register


def test_the_register_filters_by_plan_status_and_renewal_and_sorts(
    env: WebEnv, seeded: dict[str, int]
) -> None:
    client = env.signed_in("climate")

    def names(**params: str) -> list[str]:
        response = client.get("/suppliers", params={"category": CATEGORY} | params)
        assert response.status_code == 200
        return _names(response.text)

    assert names() == ["Good Plan Ltd", "Nothing Yet Ltd", "Policy Only Ltd", "Weak Plan Ltd"]
    assert names(status="no_plan") == ["Nothing Yet Ltd", "Policy Only Ltd"]
    assert names(status="compliant") == ["Good Plan Ltd"]
    assert names(renewal="1") == ["Good Plan Ltd"]
    assert names(sort="spend") == [
        "Good Plan Ltd",
        "Weak Plan Ltd",
        "Policy Only Ltd",
        "Nothing Yet Ltd",
    ]
    assert names(sort="status")[:2] == ["Nothing Yet Ltd", "Policy Only Ltd"]
    assert names(sort="contract_end")[:2] == ["Good Plan Ltd", "Weak Plan Ltd"]
    page = tree(client.get("/suppliers", params={"category": CATEGORY}).text)
    policy = page.xpath(f"//tr[@data-supplier-id='{seeded['Policy Only Ltd']}']")[0]
    assert policy.get("data-status") == "no_plan"
    assert "not a plan" in policy.text_content()
    good = page.xpath(f"//tr[@data-supplier-id='{seeded['Good Plan Ltd']}']")[0]
    assert "Re-check before renewal" in good.text_content()
    # Unknown filter values are dropped, as for a stale link.
    assert names(status="bogus", sort="bogus")[0] == "Good Plan Ltd"


def test_a_suppliers_page_shows_its_contracts_history_and_renewal(
    env: WebEnv, seeded: dict[str, int]
) -> None:
    page = tree(env.signed_in("climate").get(f"/suppliers/{seeded['Good Plan Ltd']}").text)
    contracts = page.xpath("//table[contains(@class,'contracts-table')]/tbody/tr")
    assert len(contracts) == 1 and "G-1" in contracts[0].text_content()
    assert "Re-check before renewal" in contracts[0].text_content()
    assert page.xpath("//div[contains(@class,'renewal-panel')]")
    history = page.xpath("//table[contains(@class,'history')]/tbody/tr")
    assert len(history) == 1 and "its published address" in history[0].text_content()
    must = page.xpath("//ul[contains(@class,'must-fix')]/li/@data-rule")
    good = page.xpath("//ul[contains(@class,'good-practice')]/li/@data-rule")
    assert (must, good) == (["net-zero-year"], ["scope2-basis"])


@pytest.mark.parametrize("name", ["Policy Only Ltd", "Nothing Yet Ltd"])
def test_a_supplier_with_no_plan_gets_the_no_plan_message(
    env: WebEnv, seeded: dict[str, int], name: str
) -> None:
    page = tree(env.signed_in("climate").get(f"/suppliers/{seeded[name]}").text)
    assert "no plan" in page.xpath("//p[@class='no-plan']")[0].text_content()
    subject = page.xpath("//input[@id='message-subject']")[0].get("value")
    assert subject.startswith("A Carbon Reduction Plan for")
    body = page.xpath("//textarea[@id='message-body']")[0].text_content()
    assert ("plan.txt" in body) == (name == "Policy Only Ltd")
    assert "tender" not in body and "bid" not in body


def test_a_contact_is_recorded_with_its_date_and_note(env: WebEnv, seeded: dict[str, int]) -> None:
    client = env.signed_in("climate")
    path = f"/suppliers/{seeded['Weak Plan Ltd']}"
    token = csrf(client, path)
    future = (TODAY + dt.timedelta(days=2)).isoformat()
    refused = client.post(
        f"{path}/contacts", data={"csrftoken": token, "contacted_on": future, "note": "x"}
    )
    assert refused.status_code == 400 and "in the future" in refused.text
    nonsense = client.post(
        f"{path}/contacts", data={"csrftoken": token, "contacted_on": "soon", "note": "x"}
    )
    assert nonsense.status_code == 400 and "is not a date" in nonsense.text
    last_week = (TODAY - dt.timedelta(days=7)).isoformat()
    phoned = client.post(
        f"{path}/contacts",
        data={"csrftoken": token, "contacted_on": last_week, "note": "Phoned: new plan in June."},
        follow_redirects=False,
    )
    assert phoned.status_code == 303
    with session_scope(env.engine) as db:
        contact = db.scalars(
            select(SupplierContact).where(SupplierContact.supplier_id == seeded["Weak Plan Ltd"])
        ).one()
        assert contact.note == "Phoned: new plan in June." and contact.route_ids == []
        assert contact.contacted_at.date().isoformat() == last_week and contact.message == ""
    row = tree(client.get(path).text).xpath("//table[contains(@class,'contacts')]/tbody/tr")[0]
    assert "Phoned: new plan in June." in row.text_content()
    assert "No message sent" in row.text_content()


def test_the_dashboard_says_whose_spend_each_figure_is(env: WebEnv, seeded: dict[str, int]) -> None:
    page = tree(env.signed_in("climate").get("/dashboard").text)
    labels = [dt_.text_content() for dt_ in page.xpath("//dl[contains(@class,'dashboard')]/dt")]
    assert "Annual spend with all suppliers in the register" in labels
    assert "Annual spend with suppliers that have an assessed plan" in labels
    assert "Annual spend with them" not in labels


def test_rescreening_an_unchanged_plan_stores_nothing_new(
    env: WebEnv, seeded: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "https://rescreen.example/crp.txt"
    with session_scope(env.engine) as db:
        supplier = add_supplier(db, "Rescreened Ltd", 10, "Rescreening")
        supplier.crp_url = url
        supplier_id = supplier.id
    monkeypatch.setattr(checking, "fetch_plan", lambda address, settings: _fetched(address, url))
    client = env.signed_in("climate")

    def screen() -> list[Any]:
        started = client.post(
            "/suppliers/screening",
            data={"csrftoken": csrf(client, "/suppliers")},
            follow_redirects=False,
        )
        assert started.status_code == 303
        env.app.state.screening_thread.join(timeout=120)
        page = tree(client.get("/suppliers/screening").text)
        return [
            row
            for row in page.xpath("//table[contains(@class,'screening-results')]/tbody/tr")
            if "Rescreened Ltd" in row.text_content()
        ]

    first = screen()
    with session_scope(env.engine) as db:
        before = db.scalar(select(func.count()).select_from(AssessmentRecord))
    again = screen()
    with session_scope(env.engine) as db:
        after = db.scalar(select(func.count()).select_from(AssessmentRecord))
    assert after == before
    assert "unchanged" not in first[0].text_content()
    assert "unchanged since the last check" in again[0].text_content()
    history = tree(client.get(f"/suppliers/{supplier_id}").text)
    rows = history.xpath("//table[contains(@class,'history')]/tbody/tr")
    assert len(rows) == 1 and rows[0].xpath(".//span[contains(@class,'rechecked')]")


def _fetched(address: str, url: str) -> Plan:
    if address != url:
        raise checking.CRPError(f"{address} answered 404 Not Found.")
    return Plan(TINY_PLAN.replace(b"Acme Ltd", b"Rescreened Ltd"), "crp.txt", url)


# --------------------------------------------------------------------------- the JSON API


def test_the_api_lists_the_register_as_the_page_does(env: WebEnv, seeded: dict[str, int]) -> None:
    api = env.api("climate")
    page_client = env.signed_in("climate")
    for params in (
        {},
        {"status": "no_plan"},
        {"renewal": "true"},
        {"sort": "spend"},
        {"q": "plan ltd"},
    ):
        listed = api.get("/api/v1/suppliers", params={"category": CATEGORY} | params)
        assert listed.status_code == 200, listed.text
        body = listed.json()
        page_params = {"category": CATEGORY} | {
            k: ("1" if v == "true" else v) for k, v in params.items()
        }
        assert [item["name"] for item in body["items"]] == _names(
            page_client.get("/suppliers", params=page_params).text
        ), params
        assert body["total"] == len(body["items"])
    paged = api.get("/api/v1/suppliers", params={"category": CATEGORY, "limit": 1, "offset": 1})
    assert [i["name"] for i in paged.json()["items"]] == ["Nothing Yet Ltd"]
    assert paged.json()["total"] == 4
    good = next(
        i
        for i in api.get("/api/v1/suppliers", params={"category": CATEGORY}).json()["items"]
        if i["name"] == "Good Plan Ltd"
    )
    assert good["plan_status"] == "compliant" and good["renewal_due"] is True
    assert good["annual_spend"] == 9000.0 and good["latest"]["score"] == 90
    assert api.get("/api/v1/suppliers", params={"status": "bogus"}).status_code == 422


def test_the_api_gives_one_supplier_with_contracts_history_gaps_and_support(
    env: WebEnv, seeded: dict[str, int]
) -> None:
    api = env.api("climate")
    body = api.get(f"/api/v1/suppliers/{seeded['Weak Plan Ltd']}").json()
    assert [c["reference"] for c in body["contract_list"]] == ["W-1"]
    assert [a["verdict"] for a in body["assessments"]] == ["non_compliant"]
    assert body["assessments"][0]["linked_by"] == "url"
    support = body["support"]
    assert support["has_plan"] is True
    assert [g["rule"] for g in support["must_fix"]] == ["net-zero-year"]
    assert [g["rule"] for g in support["good_practice"]] == ["scope2-basis"]
    assert support["routes"] and all(r["gaps"] for r in support["routes"])
    none = api.get(f"/api/v1/suppliers/{seeded['Nothing Yet Ltd']}").json()
    assert none["plan_status"] == "no_plan" and none["support"]["has_plan"] is False
    assert [g["rule"] for g in none["support"]["must_fix"]] == ["crp-identified"]
    assert api.get("/api/v1/suppliers/999999999").status_code == 404
    assert api.get("/api/v1/suppliers/99999999999").status_code == 404


def _cell_numbers(page: Any, key: str) -> dict[str, Decimal]:
    row = page.xpath(f"//tr[@data-measure='{key}']")[0]
    count, spend = row[1], row[2]
    return {
        "count": Decimal(count.get("data-count")),
        "of": Decimal(count.get("data-of")),
        "spend": Decimal(spend.get("data-spend")),
        "of_spend": Decimal(spend.get("data-of-spend")),
    }


def test_the_dashboard_json_equals_the_pages_figures(env: WebEnv, seeded: dict[str, int]) -> None:
    page = tree(env.signed_in("climate").get("/dashboard").text)
    body = env.api("climate").get("/api/v1/dashboard").json()
    figures = body["figures"]
    values = {dd.get("data-value"): dd for dd in page.xpath("//dd[@data-value]")}
    assert str(figures["suppliers"]["value"]) == values["suppliers"].text_content()
    assert str(figures["assessed"]["value"]) == values["assessed"].text_content()
    assert values["not-a-plan"].text_content().startswith(f"{figures['not_a_plan']['value']} ")
    for key, cell in (("total_spend", "total-spend"), ("assessed_spend", "assessed-spend")):
        assert Decimal(str(figures[key]["value"])) == Decimal(values[cell].get("data-amount"))
    median = values["median-net-zero-year"].text_content()
    assert median == f"{figures['median_net_zero_year']['value']:g}"
    for api_key, page_key in (
        ("compliant", "compliant"),
        ("net_zero_deadline", "net-zero-deadline"),
        ("net_zero_local", "net-zero-local"),
        ("measuring_scope3", "scope3"),
    ):
        measure = body["measures"][api_key]
        cells = _cell_numbers(page, page_key)
        assert {k: Decimal(str(measure[k])) for k in cells} == cells, api_key
    # Every label and definition on the page is the API's.
    labels = {d.text_content() for d in page.xpath("//dl[@class='definitions']/dt")}
    texts = {d.text_content() for d in page.xpath("//dl[@class='definitions']/dd")}
    assert labels == {f["label"] for f in figures.values()} | {
        m["label"] for m in body["measures"].values()
    } | {"Shares", "Target", "Maturity of plans", "Trend", "By spend category"}
    assert set(body["definitions"].values()) == texts
    categories = {
        row.get("data-category"): int(row[2].text_content())
        for row in page.xpath("//table[contains(@class,'category-breakdown')]/tbody/tr")
    }
    assert categories == {c["category"]: c["assessed"] for c in body["categories"]}
    maturity = page.xpath("//div[@class='chart']")[1].xpath(".//table/tbody/tr")
    assert [int(r[1].text_content()) for r in maturity] == [
        body["maturity"][key] for key in ("1", "2", "3", "4", "5", "no_plan")
    ]


def test_the_support_json_lists_what_the_page_lists(env: WebEnv, seeded: dict[str, int]) -> None:
    params = {"category": CATEGORY}
    page = tree(env.signed_in("climate").get("/support", params=params).text)
    body = env.api("climate").get("/api/v1/support", params=params).json()
    page_groups = {
        table.get("data-route"): {row.get("data-supplier") for row in table.xpath("./tbody/tr")}
        for table in page.xpath("//table[@data-route]")
    }
    api_groups = {g["route"]["id"]: {s["name"] for s in g["suppliers"]} for g in body["groups"]}
    assert api_groups == page_groups and api_groups
    without = page.xpath("//ul[@class='without-plan']/li/@data-supplier")
    assert [e["name"] for e in body["without_plan"]] == without
    assert set(without) == {"Policy Only Ltd", "Nothing Yet Ltd"}


def test_the_api_imports_a_register_file(env: WebEnv) -> None:
    sample = contract_register(suppliers=20, repeats=2, bad=1)
    api = env.api("climate")

    def send(data: bytes, name: str) -> dict[str, Any]:
        response = api.post("/api/v1/suppliers/import", files={"file": (name, data)})
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result

    first = send(sample.csv_bytes(), "contracts.csv")
    assert first["suppliers"] == {"created": 20, "updated": 0, "unchanged": 0}
    assert first["contracts"] == {"created": 22, "updated": 0, "unchanged": 0}
    assert [e["line"] for e in first["errors"]] == sample.bad_lines
    again = send(sample.xlsx_bytes(), "contracts.xlsx")
    assert again["contracts"] == {"created": 0, "updated": 0, "unchanged": 22}
    bad = api.post("/api/v1/suppliers/import", files={"file": ("x.xlsx", b"PK\x03\x04junk")})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "register_file"
    assert api.post("/api/v1/suppliers/import").status_code == 400


def test_the_register_api_is_documented_in_openapi(env: WebEnv) -> None:
    paths = TestClient(env.app).get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/suppliers",
        "/api/v1/suppliers/{supplier_id}",
        "/api/v1/dashboard",
        "/api/v1/support",
        "/api/v1/suppliers/import",
    ):
        assert path in paths, path
    listed = paths["/api/v1/suppliers"]["get"]
    assert {p["name"] for p in listed["parameters"]} >= {"q", "category", "status", "sort"}
    assert "403" in listed["responses"]


def test_a_supplier_uploading_the_same_plan_again_gets_the_same_report(env: WebEnv) -> None:
    client = env.client("supplier_b")
    plan = TINY_PLAN.replace(b"Acme Ltd", b"Org B Ltd")
    first = stored_report(client, plan, "ours.txt")
    before = env.count()
    again = stored_report(client, plan, "ours-again.txt")
    assert again == first and env.count() == before
    panel = tree(client.get(f"/reports/{first}").text).xpath("//p[@class='rechecked']")
    assert panel and "kept rather than stored twice" in panel[0].text_content()
