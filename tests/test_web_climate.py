"""The climate team's pages (issue 6) through the web app: import the register, the dashboard,
the support list and its CSV, a supplier's page (history, message, contacts), linking,
screening; and who may see any of it. Both database backends."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from databases import add_assessment
from factories import add_supplier, make_assessment, make_finding
from fastapi.testclient import TestClient
from lxml import html as lxml_html
from sample_register import SampleRegister, sample_register
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from web_support import ANONYMOUS, TINY_PLAN, WebEnv, csrf, stored_report

from crp_checker import checking
from crp_checker.checking import Plan
from crp_checker.errors import CRPError
from crp_checker.schemas import Outcome, Severity, Verdict
from crp_checker.store import AssessmentRecord, session_scope
from crp_checker.store.models import utcnow
from crp_checker.store.supplier_models import Supplier, SupplierAssessment, SupplierContract
from crp_checker.suppliers import (
    build_dashboard,
    build_support_list,
    link_assessment,
    linked_supplier,
    list_contacts,
)
from crp_checker.support import load_routes

SEEDED = "Seeded for support"  # the support-list test's own spend category
PLANS: dict[str, list[tuple[str, Outcome, Severity]]] = {
    "Acme Widgets Ltd": [
        ("net-zero-year", Outcome.FAIL, Severity.MANDATORY),
        ("scope3-reported", Outcome.FAIL, Severity.MANDATORY),
        ("declaration", Outcome.PARTIAL, Severity.MANDATORY),
    ],
    "Bolt & Nut <Engineering> Ltd": [("reduction-targets", Outcome.FAIL, Severity.MANDATORY)],
    "Clean Co Ltd": [("certifications", Outcome.FAIL, Severity.INFO)],
}
REFUSED = ["supplier_a", "supplier_b", "evaluator"]
LIST_PAGES = ["/suppliers", "/dashboard", "/support", "/support/export.csv", "/suppliers/screening"]


@pytest.fixture(scope="module")
def register(env: WebEnv) -> tuple[SampleRegister, str]:
    """The generated register of 500 (5 bad rows), imported once through the page."""
    sample = sample_register(500, 5)
    response = import_file(env.signed_in("climate"), sample.csv_bytes(), "register.csv")
    assert response.status_code == 200, response.text[:2000]
    return sample, response.text


# --------------------------------------------------------------------------- helpers


def import_file(client: TestClient, data: bytes, name: str) -> httpx.Response:
    token = csrf(client, "/suppliers")
    return client.post(
        "/suppliers/import",
        data={"csrftoken": token},
        files={"file": (name, data, "application/octet-stream")},
    )


def tree(page: str) -> Any:
    return lxml_html.fromstring(page)


def summary(page: str) -> dict[str, str]:
    """The cells of a page that carry a data-value (the import's counts, the dashboard's)."""
    return {
        cell.get("data-value"): cell.text_content().strip()
        for cell in tree(page).xpath("//*[@data-value]")
    }


def import_errors(page: str) -> list[tuple[int, str]]:
    rows = tree(page).xpath("//table[contains(@class, 'import-errors')]/tbody/tr")
    return [(int(row[0].text_content()), row[1].text_content()) for row in rows]


def count(env: WebEnv, model: type[Any]) -> int:
    with session_scope(env.engine) as db:
        return db.scalar(select(func.count()).select_from(model)) or 0


def add_plan(
    db: Session,
    supplier: Supplier,
    when: dt.datetime,
    *,
    gaps: list[tuple[str, Outcome, Severity]] | None = None,
    verdict: Verdict = Verdict.NON_COMPLIANT,
    score: int = 50,
    **facts: Any,
) -> AssessmentRecord:
    """A stored assessment of `supplier`'s plan made at `when`, linked to it."""
    base = make_assessment()
    overrides: dict[str, Any] = {"verdict": verdict, "score": score}
    overrides["facts"] = base.facts.model_copy(update={"organisation": supplier.name} | facts)
    if gaps is not None:
        overrides["findings"] = [make_finding("crp-identified", "document", Outcome.PASS)] + [
            make_finding(rule, "section", outcome, severity, fix=f"Fix {rule} like this.")
            for rule, outcome, severity in gaps
        ]
    content = f"{supplier.name} {when.isoformat()} {score} {verdict}".encode()
    record = add_assessment(db, None, content, **overrides)
    record.created_at = record.submitted_at = when
    db.flush()
    link_assessment(db, supplier, record, method="manual")
    return record


# --------------------------------------------------------------------------- the register


def test_importing_500_rows_with_5_bad_imports_495_and_reports_each_bad_line(
    env: WebEnv, register: tuple[SampleRegister, str]
) -> None:
    sample, page = register
    assert summary(page) | {"linked": "0"} == {
        "created": "495",
        "updated": "0",
        "unchanged": "0",
        "contracts-created": "495",
        "contracts-updated": "0",
        "contracts-unchanged": "0",
        "errors": "5",
        "linked": "0",
    }
    errors = import_errors(page)
    assert [line for line, _ in errors] == sample.bad_lines
    assert "supplier name is empty" in errors[0][1]
    assert "twelve thousand" in errors[2][1]
    assert count(env, Supplier) == 495


def test_importing_the_same_register_again_changes_nothing(
    env: WebEnv, register: tuple[SampleRegister, str]
) -> None:
    sample, _ = register
    client = env.signed_in("climate")
    for data, name in ((sample.csv_bytes(), "again.csv"), (sample.xlsx_bytes(), "again.xlsx")):
        page = import_file(client, data, name).text
        counts = summary(page)
        assert (counts["created"], counts["updated"], counts["unchanged"]) == ("0", "0", "495")
        assert counts["contracts-created"] == counts["contracts-updated"] == "0"
        assert counts["contracts-unchanged"] == "495"
        assert [line for line, _ in import_errors(page)] == sample.bad_lines
    assert count(env, Supplier) == 495


def test_an_unreadable_register_is_refused_with_an_error_summary(env: WebEnv) -> None:
    response = import_file(env.signed_in("climate"), b"\x00\x01 not a spreadsheet", "x.xlsx")
    assert 400 <= response.status_code < 500
    alert = tree(response.text).xpath("//div[@role='alert']")
    assert alert and "not imported" in alert[0].text_content()


def test_the_register_searches_filters_and_pages(
    env: WebEnv, register: tuple[SampleRegister, str]
) -> None:
    client = env.signed_in("climate")
    first = tree(client.get("/suppliers").text)
    assert "495 suppliers" in first.xpath("//table[contains(@class,'register')]/caption")[0].text
    assert len(first.xpath("//table[contains(@class,'register')]/tbody/tr")) == 50
    ict = tree(client.get("/suppliers", params={"category": "ICT"}).text)
    caption = ict.xpath("//table[contains(@class,'register')]/caption")[0].text_content()
    with session_scope(env.engine) as db:
        in_ict = db.scalar(
            select(func.count(func.distinct(SupplierContract.supplier_id))).where(
                SupplierContract.spend_category == "ICT"
            )
        )
    assert caption.startswith(f"{in_ict} suppliers matching")
    found = tree(client.get("/suppliers", params={"q": "hatters cleaning 1"}).text)
    names = [a.text for a in found.xpath("//table[contains(@class,'register')]//th/a")]
    assert names and all("Hatters Cleaning 1" in name for name in names)
    link = found.xpath("//table[contains(@class,'register')]//th/a")[0].get("href")
    assert client.get(link).status_code == 200


# --------------------------------------------------------------------------- the dashboard


def _latest(db: Session) -> dict[int, AssessmentRecord]:
    """Each supplier's latest linked assessment, computed here without the domain code."""
    latest: dict[int, AssessmentRecord] = {}
    for link in db.scalars(select(SupplierAssessment)):
        record = link.assessment
        key = (record.submitted_at, record.created_at, record.id)
        held = latest.get(link.supplier_id)
        if held is None or key > (held.submitted_at, held.created_at, held.id):
            latest[link.supplier_id] = record
    return latest


def test_dashboard_numbers_equal_the_domain_and_an_independent_count(
    env: WebEnv, register: tuple[SampleRegister, str]
) -> None:
    verdicts = list(Verdict)
    with session_scope(env.engine) as db:
        suppliers = list(db.scalars(select(Supplier).order_by(Supplier.id).limit(80)))
        for i, supplier in enumerate(suppliers):
            when = dt.datetime(2025, 1 + i % 12, 1 + i % 27, tzinfo=dt.UTC)
            add_plan(
                db,
                supplier,
                when,
                verdict=verdicts[i % len(verdicts)],
                net_zero_year=[2030, 2038, 2045, 2050, 2060, None][i % 6],
                net_zero_strength=["commitment", "commitment", "aspiration"][i % 3],
            )
    page = env.signed_in("climate").get("/dashboard")
    assert page.status_code == 200
    cells = {
        row.get("data-measure"): (row[1], row[2])
        for row in tree(page.text).xpath("//tr[@data-measure]")
    }
    with session_scope(env.engine) as db:
        board = build_dashboard(db)
        all_suppliers = list(db.scalars(select(Supplier)))
        latest = _latest(db)
        # Independently: committed by 2038 read from each latest plan's stored facts; a
        # document that is not a plan commits nobody.
        local = [
            s
            for s in all_suppliers
            if s.id in latest
            and latest[s.id].verdict is not Verdict.NOT_A_CRP
            and latest[s.id].assessment.facts.net_zero_strength == "commitment"
            and not latest[s.id].assessment.facts.carbon_neutral_only
            and (latest[s.id].net_zero_year or 9999) <= 2038
        ]
    shares = {
        "compliant": board.compliant,
        "net-zero-deadline": board.net_zero_deadline_share,
        "net-zero-local": board.net_zero_local,
        "scope3": board.measuring_scope3,
    }
    for key, share in shares.items():
        count_cell, spend_cell = cells[key]
        assert int(count_cell.get("data-count")) == share.count
        assert int(count_cell.get("data-of")) == share.of == len(all_suppliers)
        assert Decimal(spend_cell.get("data-spend")) == share.spend
        assert Decimal(spend_cell.get("data-of-spend")) == share.of_spend
    # Independently: compliant = the latest plan's verdict passes the gate.
    ok = [
        s
        for s in all_suppliers
        if s.id in latest
        and latest[s.id].verdict in (Verdict.COMPLIANT, Verdict.COMPLIANT_WITH_GAPS)
    ]
    # 80 plans over the five verdicts: two of the five pass the gate.
    assert int(cells["compliant"][0].get("data-count")) == len(ok) == 32
    spend = sum((s.annual_spend for s in ok if s.annual_spend is not None), Decimal(0))
    assert Decimal(cells["compliant"][1].get("data-spend")) == spend
    assert int(cells["net-zero-local"][0].get("data-count")) == len(local)
    text = summary(page.text)
    assert text["suppliers"] == str(len(all_suppliers))
    plans = [r for r in latest.values() if r.verdict is not Verdict.NOT_A_CRP]
    assert text["assessed"] == str(len(plans)) == "64"  # 16 of the 80 are not plans
    assert text["not-a-plan"].startswith(f"{len(latest) - len(plans)} ")


def test_dashboard_charts_have_their_tables_and_no_inline_styles(env: WebEnv) -> None:
    page = env.signed_in("climate").get("/dashboard").text
    charts = tree(page).xpath("//div[@class='chart']")
    assert len(charts) == 3
    for chart in charts:
        assert chart.xpath(".//*[local-name()='svg'][@role='img']")
        assert chart.xpath(".//table/caption")
    assert "style=" not in page
    assert "<script" not in page.split("</head>", 1)[1]
    assert "Target" in page and "passes the PPN 006 gate" in page


# --------------------------------------------------------------------------- support list


@pytest.fixture(scope="module")
def seeded(env: WebEnv) -> dict[str, int]:
    """Three suppliers with known gaps (one only in an info rule) and one without a plan."""
    ids = {}
    with session_scope(env.engine) as db:
        for spend, (name, gaps) in enumerate(PLANS.items(), start=1):
            supplier = add_supplier(db, name, spend * 1_000_000, SEEDED)
            add_plan(db, supplier, dt.datetime(2026, 1, 5, tzinfo=dt.UTC), gaps=gaps)
            ids[name] = supplier.id
        ids["none"] = add_supplier(db, "No Plan Yet Ltd", 50, SEEDED).id
    return ids


def _expected_routes(gaps: list[tuple[str, Outcome, Severity]]) -> set[str]:
    rules = {rule for rule, _, severity in gaps if severity is not Severity.INFO}
    return {route.id for route in load_routes() if rules & set(route.rules)}


def _page_groups(page: str) -> dict[str, dict[str, set[str]]]:
    """route id -> supplier -> the gap rule ids listed for it."""
    groups: dict[str, dict[str, set[str]]] = {}
    for table in tree(page).xpath("//table[@data-route]"):
        rows = table.xpath("./tbody/tr")
        groups[table.get("data-route")] = {
            row.get("data-supplier"): {li.get("data-rule") for li in row.xpath(".//li")}
            for row in rows
        }
    return groups


def test_support_list_groups_suppliers_under_the_routes_their_gaps_map_to(
    env: WebEnv, seeded: dict[str, int]
) -> None:
    page = env.signed_in("climate").get("/support", params={"category": SEEDED})
    assert page.status_code == 200
    groups = _page_groups(page.text)
    placed: dict[str, set[str]] = {}
    for route_id, suppliers in groups.items():
        route = next(r for r in load_routes() if r.id == route_id)
        for name, rules in suppliers.items():
            placed.setdefault(name, set()).add(route_id)
            assert rules and rules <= set(route.rules)
    expected = {name: _expected_routes(gaps) for name, gaps in PLANS.items()}
    assert placed == {name: routes for name, routes in expected.items() if routes}
    assert "Clean Co Ltd" not in placed
    with session_scope(env.engine) as db:
        domain = build_support_list(db, category=SEEDED)
        assert {g.route.id for g in domain.groups} == set(groups)
    without = tree(page.text).xpath("//ul[@class='without-plan']/li/a/text()")
    assert without == ["No Plan Yet Ltd"]


def test_support_filters_by_route_and_minimum_spend(env: WebEnv, seeded: dict[str, int]) -> None:
    client = env.signed_in("climate")
    by_route = _page_groups(client.get("/support?route=self-fix&category=" + SEEDED).text)
    assert set(by_route) <= {"self-fix"}
    rich = _page_groups(
        client.get("/support", params={"category": SEEDED, "min_spend": "£1,500,000"}).text
    )
    assert {name for group in rich.values() for name in group} == {"Bolt & Nut <Engineering> Ltd"}
    bad = client.get("/support", params={"min_spend": "lots"})
    assert bad.status_code == 400
    assert "not an amount" in tree(bad.text).xpath("//div[@role='alert']")[0].text_content()


def test_support_list_exports_csv_with_the_same_filters(
    env: WebEnv, seeded: dict[str, int]
) -> None:
    response = env.signed_in("climate").get(
        "/support/export.csv", params={"category": SEEDED, "route": "self-fix"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    with_plan = [row for row in rows if row["route_id"]]
    assert {row["route_id"] for row in with_plan} == {"self-fix"}
    assert {row["supplier"] for row in with_plan} == {
        name for name, gaps in PLANS.items() if "self-fix" in _expected_routes(gaps)
    }
    assert [row["supplier"] for row in rows if not row["route_id"]] == ["No Plan Yet Ltd"]


# --------------------------------------------------------------------------- a supplier


def test_the_signposting_message_names_the_gaps_and_routes(
    env: WebEnv, seeded: dict[str, int]
) -> None:
    page = env.signed_in("climate").get(f"/suppliers/{seeded['Acme Widgets Ltd']}")
    assert page.status_code == 200
    body = tree(page.text).xpath("//textarea[@id='message-body']")[0]
    assert body.get("readonly") is not None
    text = body.text_content()
    for rule, _, _ in PLANS["Acme Widgets Ltd"]:
        title = rule.replace("-", " ").capitalize()
        assert title in text
        assert f"Fix {rule} like this." in text
    for route in load_routes():
        if route.id in _expected_routes(PLANS["Acme Widgets Ltd"]):
            assert route.name in text
    subject = tree(page.text).xpath("//input[@id='message-subject']")[0].get("value")
    assert "3 things to improve" in subject


def test_recording_a_contact_and_seeing_whether_the_next_plan_improved(
    env: WebEnv, seeded: dict[str, int]
) -> None:
    client = env.signed_in("climate")
    supplier_id = seeded["Bolt & Nut <Engineering> Ltd"]
    path = f"/suppliers/{supplier_id}"
    token = csrf(client, path)
    refused = client.post(f"{path}/contacts", data={"csrftoken": token})
    assert refused.status_code == 400
    assert "no support route was ticked" in refused.text
    routes = sorted(_expected_routes(PLANS["Bolt & Nut <Engineering> Ltd"]))
    sent = client.post(
        f"{path}/contacts",
        data={"csrftoken": token, "routes": [*routes, "not-a-route"]},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    with session_scope(env.engine) as db:
        supplier = db.get(Supplier, supplier_id)
        assert supplier is not None
        contacts = list_contacts(db, supplier)
        assert [c.route_ids for c in contacts] == [routes]
        assert "Reduction targets" in contacts[0].message
    outcome = tree(client.get(path).text).xpath("//td[@class='outcome']")[0].text_content()
    assert "No new plan since" in outcome
    with session_scope(env.engine) as db:
        supplier = db.get(Supplier, supplier_id)
        assert supplier is not None
        later = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
        add_plan(db, supplier, later, gaps=[], verdict=Verdict.COMPLIANT, score=90)
    outcome = tree(client.get(path).text).xpath("//td[@class='outcome']")[0].text_content()
    assert outcome.strip().startswith("Yes")
    assert "+40" in outcome


def test_a_supplier_page_shows_every_assessment_and_emissions_by_year(
    env: WebEnv, seeded: dict[str, int]
) -> None:
    with session_scope(env.engine) as db:
        supplier = add_supplier(db, "Tracked Over Years Ltd", 10, SEEDED)
        for year in (2024, 2025):
            add_plan(db, supplier, dt.datetime(year, 6, 1, tzinfo=dt.UTC))
        supplier_id = supplier.id
    page = tree(env.signed_in("climate").get(f"/suppliers/{supplier_id}").text)
    history = page.xpath("//table[contains(@class,'history')]/tbody/tr")
    assert len(history) == 2
    assert all(row.xpath(".//a[starts-with(@href, '/reports/')]") for row in history)
    years = page.xpath("//table[contains(@class,'emissions-by-year')]/tbody/tr/th/text()")
    assert years == ["2020", "2023"]  # the factory plan's baseline and current years
    assert page.xpath("//div[@class='chart']//*[local-name()='svg']")
    assert page.xpath("//table[contains(@class,'targets')]")


# --------------------------------------------------------------------------- linking


def test_a_supplier_accounts_plan_naming_another_company_is_only_a_suggestion(
    env: WebEnv, register: tuple[SampleRegister, str]
) -> None:
    with session_scope(env.engine) as db:
        acme_id = add_supplier(db, "ACME LIMITED", 5, "Linking").id
    # Org A's account uploads a plan that names Acme Ltd: not linked to Acme.
    public_id = stored_report(env.client("supplier_a"), TINY_PLAN, "acme.txt")
    with session_scope(env.engine) as db:
        record = db.scalars(
            select(AssessmentRecord).where(AssessmentRecord.public_id == public_id)
        ).one()
        assert linked_supplier(db, record) is None
    # The climate team sees it as a suggestion, and confirms (or not) with one button.
    client = env.signed_in("climate")
    row = tree(client.get("/suppliers").text).xpath(f"//tr[@data-assessment='{public_id}']")[0]
    assert "Org A Ltd (supplier account)" in row.text_content()
    button = row.xpath(f".//button[@data-supplier-id='{acme_id}']")[0]
    assert "The plan names this supplier" in button.getparent().text_content()
    confirmed = client.post(
        "/suppliers/link",
        data={
            "csrftoken": csrf(client, "/suppliers"),
            "assessment": public_id,
            "supplier": acme_id,
        },
        follow_redirects=False,
    )
    assert confirmed.status_code == 303
    history = tree(client.get(f"/suppliers/{acme_id}").text)
    entry = history.xpath(f"//tr[@data-assessment='{public_id}']")[0]
    assert "a person" in entry.text_content()


def test_any_supplier_can_be_found_by_name_or_number_and_linked_by_hand(env: WebEnv) -> None:
    client = env.signed_in("climate")
    with session_scope(env.engine) as db:
        supplier = add_supplier(db, "Zyxwvut Holdings Ltd", 7, "Linking")
        supplier.companies_house_number = "09876543"
        supplier_id = supplier.id
    # env's report of Org B's plan names another company: nothing similar to Zyxwvut.
    row = tree(client.get("/suppliers").text).xpath(f"//tr[@data-assessment='{env.report_b}']")
    assert row and not row[0].xpath(f".//button[@data-supplier-id='{supplier_id}']")
    for query in ("zyxwvut", "9876543"):
        page = client.get("/suppliers/link", params={"assessment": env.report_b, "q": query})
        assert page.status_code == 200
        found = tree(page.text).xpath("//ul[@class='found-suppliers']//button/@data-supplier-id")
        assert found == [str(supplier_id)], query
    response = client.post(
        "/suppliers/link",
        data={
            "csrftoken": csrf(client, "/suppliers"),
            "assessment": env.report_b,
            "supplier": str(supplier_id),
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    supplier_page = client.get(response.headers["location"]).text
    assert f"/reports/{env.report_b}" in supplier_page
    unlinked = client.post(
        f"/suppliers/{supplier_id}/unlink",
        data={"csrftoken": csrf(client, "/suppliers"), "assessment": env.report_b},
        follow_redirects=False,
    )
    assert unlinked.status_code == 303
    assert f"/reports/{env.report_b}" not in client.get(f"/suppliers/{supplier_id}").text
    missing = client.get("/suppliers/link", params={"assessment": "no-such-check", "q": "x"})
    assert missing.status_code == 404


def test_an_import_links_checks_fetched_from_the_suppliers_address_before_it_was_registered(
    env: WebEnv,
) -> None:
    with session_scope(env.engine) as db:
        facts = make_assessment().facts.model_copy(update={"organisation": "Late Registered Ltd"})
        fetched = add_assessment(db, None, b"late registered plan", facts=facts)
        fetched.source_url = "https://late.example/crp.pdf"
        named = add_assessment(db, None, b"a plan only naming it", facts=facts)
        ids = fetched.public_id, named.public_id
    register = (
        b"Supplier Name,Spend Category,CRP URL\r\n"
        b"Late Registered Limited,Linking,https://late.example/crp.pdf\r\n"
    )
    page = import_file(env.signed_in("climate"), register, "late.csv").text
    assert summary(page)["created"] == "1"
    assert summary(page)["linked"] == "1"
    with session_scope(env.engine) as db:
        records = [
            db.scalars(select(AssessmentRecord).where(AssessmentRecord.public_id == i)).one()
            for i in ids
        ]
        supplier = linked_supplier(db, records[0])
        assert supplier is not None and supplier.name == "Late Registered Limited"
        assert linked_supplier(db, records[1]) is None  # the name alone: a suggestion


# --------------------------------------------------------------------------- screening


def test_screening_rechecks_suppliers_with_a_crp_url_in_the_background(
    env: WebEnv, register: tuple[SampleRegister, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with session_scope(env.engine) as db:
        urls = list(
            db.scalars(select(Supplier.crp_url).where(Supplier.crp_url.is_not(None)).limit(3))
        )
        with_url = db.scalar(
            select(func.count()).select_from(Supplier).where(Supplier.crp_url.is_not(None))
        )

    def fetch(url: str, settings: Any) -> Plan:
        if url not in urls:
            raise CRPError(f"{url} answered 404 Not Found.")
        return Plan(TINY_PLAN.replace(b"Acme Ltd", url.encode()), "plan.txt", url)

    monkeypatch.setattr(checking, "fetch_plan", fetch)
    client = env.signed_in("climate")
    started = client.post(
        "/suppliers/screening",
        data={"csrftoken": csrf(client, "/suppliers")},
        follow_redirects=False,
    )
    assert started.status_code == 303
    env.app.state.screening_thread.join(timeout=120)
    page = client.get("/suppliers/screening")
    assert page.status_code == 200
    assert 'http-equiv="refresh"' not in page.text  # finished: no more refreshing
    rows = tree(page.text).xpath("//table[contains(@class,'screening-results')]/tbody/tr")
    assert len(rows) == with_url
    checked = [row for row in rows if row.xpath(".//a[starts-with(@href,'/reports/')]")]
    assert len(checked) == 3
    with session_scope(env.engine) as db:
        for url in urls:
            supplier = db.scalars(select(Supplier).where(Supplier.crp_url == url)).one()
            linked = db.scalars(
                select(SupplierAssessment).where(SupplierAssessment.supplier_id == supplier.id)
            ).all()
            assert [link.method for link in linked].count("url") == 1


def test_the_progress_page_refreshes_while_screening_runs_unless_stopped(env: WebEnv) -> None:
    state = Path(env.settings.data_dir) / "screening.json"
    kept = state.read_bytes() if state.exists() else None
    running = {"started_at": utcnow().isoformat(), "started_by": "cat@council.example", "total": 4}
    state.write_text(
        json.dumps(
            running
            | {
                "results": [
                    {
                        "supplier_id": 1,
                        "name": "A Ltd",
                        "url": "https://a.example/crp.pdf",
                        "error": "It answered 404.",
                    }
                ]
            }
        )
    )
    try:
        client = env.signed_in("climate")
        page = client.get("/suppliers/screening").text
        assert '<meta http-equiv="refresh"' in page
        assert tree(page).xpath("//progress[@value='1'][@max='4']")
        assert "Not checked: It answered 404." in page
        stopped = client.get("/suppliers/screening", params={"refresh": "off"}).text
        assert "http-equiv" not in stopped and "Refresh the progress" in stopped
    finally:
        if kept is None:
            state.unlink()
        else:
            state.write_bytes(kept)


# --------------------------------------------------------------------------- who may see it


@pytest.mark.parametrize("role", [ANONYMOUS, *REFUSED])
def test_other_roles_are_refused(env: WebEnv, role: str, seeded: dict[str, int]) -> None:
    client = env.signed_in(role) if role != ANONYMOUS else env.client()
    supplier = f"/suppliers/{seeded['Acme Widgets Ltd']}"
    for path in LIST_PAGES:
        response = client.get(path, follow_redirects=False)
        assert response.status_code == (303 if role == ANONYMOUS else 403), path
    response = client.get(supplier, follow_redirects=False)
    assert response.status_code == (303 if role == ANONYMOUS else 404)
    if role != ANONYMOUS:
        assert response.text == client.get("/suppliers/999999").text
        nav = tree(client.get("/").text).xpath("//nav//a/@href")
        assert not {"/dashboard", "/suppliers", "/support"} & set(nav)


def test_the_climate_team_sees_its_nav_items(env: WebEnv) -> None:
    for role in ("climate", "admin"):
        nav = tree(env.signed_in(role).get("/").text).xpath("//nav//a/text()")
        assert {"Dashboard", "Suppliers", "Support list"} <= set(nav)
