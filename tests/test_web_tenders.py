"""The tender pages (issue 5) through the web app: create a tender, add bids three ways, read
the matrix, moderate, export, finalise; and who may see any of it. Both database backends."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from lxml import html as lxml_html
from openpyxl import load_workbook
from shared_data import require_shared
from sqlalchemy import select
from tender_support import (
    NET_ZERO_2060,
    PROCUREMENT_DATE,
    add_upload,
    bid_link,
    create_tender,
    page_matrix,
    post,
)
from web_support import PLAN_PDF, WebEnv, csrf, web_env

from crp_checker.store import session_scope
from crp_checker.tenders import MatrixRow, Tender, matrix_rows
from crp_checker.tenders.export import CSV_ENCODING, LOG_SHEET, MATRIX_COLUMNS

REASON = "The clarification letter of 3 October gives the missing figures."


# --------------------------------------------------------------------------- helpers


def db_rows(env: WebEnv, tender: str) -> dict[str, MatrixRow]:
    with session_scope(env.engine) as db:
        found = db.scalars(select(Tender).where(Tender.public_id == tender)).one()
        return {row.bidder: row for row in matrix_rows(found)}


def shown(value: float | int | None, withdrawn: bool = False) -> str:
    if value is None:
        return "withdrawn" if withdrawn else "awaiting gate"
    return f"{value:g}"


def assert_page_matches_db(page: str, rows: dict[str, MatrixRow]) -> None:
    matrix = page_matrix(page)
    assert set(matrix) == set(rows)
    for bidder, row in rows.items():
        cells = matrix[bidder]
        assert cells["score"] == str(row.quality_score)
        assert cells["band"] == shown(row.band, row.withdrawn)
        assert cells["marks"] == shown(row.marks, row.withdrawn)
        assert cells["status"].startswith("Withdrawn" if row.withdrawn else "Active")
        assert cells["gate"].startswith(row.gate_label)
        assert cells["scope3"] == row.scope3_text
        assert cells["net_zero_year"] == str(row.net_zero_year or "not disclosed")


def first_mandatory_pass(page: str) -> str:
    """The rule id of the first finding on a bid page that passes and serves a PPN 006 ground."""
    tree = lxml_html.fromstring(page)
    for article in tree.xpath("//article[contains(@class, 'finding--pass')]"):
        if "Mandatory" in article.xpath("string(.//p[@class='meta'])"):
            return str(article.get("id")).removeprefix("rule-")
    raise AssertionError("no passing mandatory finding on the page")


# --------------------------------------------------------------------------- the walk-through


def test_tender_from_creation_to_finalised(env: WebEnv) -> None:
    eve = env.client("evaluator")
    tender = create_tender(eve, net_zero_deadline="2045")
    page = eve.get(f"/tenders/{tender}").text
    assert "2045" in page and "Draft:" in page

    # Three ways in: upload, a refused web address, and a supplier's stored check.
    token = csrf(eve, f"/tenders/{tender}")
    assert add_upload(eve, tender, "Tarnwick Facilities", PLAN_PDF, token=token).status_code == 303
    assert add_upload(eve, tender, "Late Zero Ltd", NET_ZERO_2060, token=token).status_code == 303
    refused = post(
        eve,
        f"/tenders/{tender}/bids",
        token,
        bidder_name="Local Ltd",
        url="http://127.0.0.1/crp.pdf",
    )
    assert refused.status_code >= 400 and 'class="error-summary"' in refused.text
    assert 'value="Local Ltd"' in refused.text
    stored = post(eve, f"/tenders/{tender}/bids/stored", token, assessment=env.report_a)
    assert stored.status_code == 303, stored.text[:2000]
    duplicate = add_upload(eve, tender, "tarnwick facilities", PLAN_PDF, token=token)
    assert duplicate.status_code == 409 and "already has a bid" in duplicate.text

    # The matrix shows what the domain computes, with the tender's own settings.
    page = eve.get(f"/tenders/{tender}").text
    rows = db_rows(env, tender)
    assert set(rows) == {"Tarnwick Facilities", "Late Zero Ltd", "Org A Ltd"}
    assert_page_matches_db(page, rows)
    assert rows["Tarnwick Facilities"].gate is True and rows["Tarnwick Facilities"].band == 5
    assert rows["Tarnwick Facilities"].marks == 15
    assert rows["Late Zero Ltd"].gate is False and "a" in rows["Late Zero Ltd"].grounds_failed
    assert "Fails PPN 006 ground" in page_matrix(page)["Late Zero Ltd"]["gate"]

    # Moderation: a blank reason is refused and the form comes back with the error.
    bid_url = bid_link(page, "Tarnwick Facilities")
    bid_page = eve.get(bid_url).text
    assert "Printable evaluation record" in bid_page and "<li>p. 1: " in bid_page
    rule = first_mandatory_pass(bid_page)
    blank = post(eve, f"{bid_url}/moderate", token, rule_id=rule, outcome="fail", reason="  ")
    assert blank.status_code == 422
    assert f'id="reason-{rule}-error"' in blank.text and 'aria-invalid="true"' in blank.text
    assert db_rows(env, tender)["Tarnwick Facilities"].moderated is False

    done = post(eve, f"{bid_url}/moderate", token, rule_id=rule, outcome="fail", reason=REASON)
    assert done.status_code == 303
    bid_page = eve.get(bid_url).text
    assert REASON in bid_page and "Checker: Pass. Now: Fail" in bid_page
    page = eve.get(f"/tenders/{tender}").text
    rows = db_rows(env, tender)
    assert rows["Tarnwick Facilities"].gate is False and rows["Tarnwick Facilities"].marks == 0
    assert_page_matches_db(page, rows)
    assert page_matrix(page)["Tarnwick Facilities"]["moderated"] == "Yes (1)"
    assert REASON in page and f"<code>{rule}</code>" in page

    # Exports hold the page's numbers; the log has its own sheet.
    workbook_response = eve.get(f"/tenders/{tender}/export.xlsx")
    assert workbook_response.status_code == 200
    assert workbook_response.headers["content-disposition"].startswith("attachment;")
    workbook = load_workbook(io.BytesIO(workbook_response.content))
    sheet = list(workbook["Matrix"].iter_rows(values_only=True))
    headers = [column.header for column in MATRIX_COLUMNS]
    assert list(sheet[0]) == headers
    on_page = page_matrix(page)
    for values in sheet[1:]:
        cell = dict(zip(headers, values, strict=True))
        shown_row = on_page[str(cell["Bidder"])]
        assert shown_row["score"] == str(cell["Quality score (0-100)"])
        assert shown_row["marks"] == shown(cell["Weighted marks"])  # type: ignore[arg-type]
        assert shown_row["band"] == shown(cell["Band (0-5)"])  # type: ignore[arg-type]
    log = list(workbook[LOG_SHEET].iter_rows(values_only=True))
    assert [entry[-1] for entry in log if entry[3] == "Moderation"] == [REASON]
    assert sum(entry[3] == "Bid received" for entry in log) == 3
    table = eve.get(f"/tenders/{tender}/export.csv")
    assert table.headers["content-type"].startswith("text/csv")
    lines = list(csv.DictReader(io.StringIO(table.content.decode(CSV_ENCODING))))
    assert {line["Bidder"]: line["Weighted marks"] for line in lines} == {
        bidder: cells["marks"] for bidder, cells in on_page.items()
    }
    record = eve.get(f"{bid_url}/record")
    assert record.status_code == 200 and REASON in record.text
    assert "style-src 'unsafe-inline'" in record.headers["content-security-policy"]
    assert "script-src" not in record.headers["content-security-policy"]

    # Finalising needs the box ticked and every gate decided.
    unticked = post(eve, f"/tenders/{tender}/finalise", token)
    assert unticked.status_code == 422 and "confirmation box" in unticked.text
    if rows["Org A Ltd"].gate is None:
        pending = post(eve, f"/tenders/{tender}/finalise", token, confirm="yes")
        assert pending.status_code == 409 and "Org A Ltd" in pending.text
        withdrawn = post(
            eve,
            f"{bid_link(page, 'Org A Ltd')}/withdraw",
            token,
            reason="Org A withdrew its bid.",
            confirm="yes",
        )
        assert withdrawn.status_code == 303
    assert post(eve, f"/tenders/{tender}/finalise", token, confirm="yes").status_code == 303
    final = eve.get(f"/tenders/{tender}").text
    assert "no further changes" in final and 'action="/tenders/' not in final.split("</nav>", 1)[1]
    assert_page_matches_db(final, db_rows(env, tender))

    # After that, every change is refused with 409 and says why.
    refusals = [
        add_upload(eve, tender, "Latecomer Ltd", PLAN_PDF, token=token),
        post(eve, f"/tenders/{tender}/bids/stored", token, assessment=env.report_b),
        post(eve, f"{bid_url}/moderate", token, rule_id=rule, outcome="pass", reason=REASON),
        post(eve, f"{bid_url}/withdraw", token, reason="Too late", confirm="yes"),
        post(eve, f"/tenders/{tender}/finalise", token, confirm="yes"),
        post(
            eve,
            f"/tenders/{tender}/settings",
            token,
            title="Changed",
            reference="X",
            climate_weight_percent="50",
            marking_scale="0-100",
        ),
    ]
    for response in refusals:
        assert response.status_code == 409, (response.request.url, response.text[:500])
        assert "finalised" in response.text
    after = eve.get(f"/tenders/{tender}").text
    assert "Grounds maintenance 2026" in after and page_matrix(after) == page_matrix(final)


@pytest.fixture(scope="module")
def sqlite_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebEnv]:
    """One backend is enough for the slow real PDF: the storage paths are tested on both."""
    with web_env("sqlite", tmp_path_factory.mktemp("web-real")) as made:
        yield made


def test_real_plan_as_a_bid(sqlite_env: WebEnv) -> None:
    env = sqlite_env
    plan = (
        require_shared() / "real-crps" / "ssg-support-services-group_carbon-reduction-plan_2025.pdf"
    )
    eve = env.client("evaluator")
    tender = create_tender(eve, reference="REAL-1")
    assert add_upload(eve, tender, "SSG Support Services Group Ltd", plan).status_code == 303
    row = page_matrix(eve.get(f"/tenders/{tender}").text)["SSG Support Services Group Ltd"]
    assert row["net_zero_year"] == "2050"
    assert row["baseline"] == "2022/23"
    assert_page_matches_db(eve.get(f"/tenders/{tender}").text, db_rows(env, tender))


# --------------------------------------------------------------------------- forms


def test_invalid_tender_form_comes_back_with_its_values(env: WebEnv) -> None:
    eve = env.client("evaluator")
    token = csrf(eve, "/tenders")
    base = {"title": "Cleaning", "reference": "C-1", "procurement_date": PROCUREMENT_DATE}
    for field, value, message in [
        ("climate_weight_percent", "150", "between 0 and 100"),
        ("net_zero_deadline", "soon", "is not a whole number"),
        ("max_data_age_months", "0", "between 1 and 120"),
        ("procurement_date", "31/12/2025", "is not a date"),
    ]:
        fields = base | {"climate_weight_percent": "10", "marking_scale": "0-100", field: value}
        response = post(eve, "/tenders", token, **fields)
        assert response.status_code == 422, (field, response.text[:500])
        assert message in response.text and f'value="{value}"' in response.text
        assert 'value="0-100" checked' in response.text


def test_settings_change_recomputes_marks_and_locks_the_basis(env: WebEnv) -> None:
    eve = env.client("evaluator")
    tender = create_tender(eve, reference="SET-1")
    page = eve.get(f"/tenders/{tender}").text
    assert 'name="procurement_date"' in page.split('id="settings"', 1)[1]
    token = csrf(eve, f"/tenders/{tender}")
    assert add_upload(eve, tender, "Tarnwick Facilities", PLAN_PDF, token=token).status_code == 303
    assert page_matrix(eve.get(f"/tenders/{tender}").text)["Tarnwick Facilities"]["marks"] == "15"
    changed = post(
        eve,
        f"/tenders/{tender}/settings",
        token,
        title="Grounds 2026",
        reference="SET-1",
        climate_weight_percent="20",
        marking_scale="0-100",
    )
    assert changed.status_code == 303
    page = eve.get(f"/tenders/{tender}").text
    assert page_matrix(page)["Tarnwick Facilities"]["marks"] == "20"
    assert "Grounds 2026" in page
    assert 'name="procurement_date"' not in page.split('id="settings"', 1)[1]
    moved = post(
        eve,
        f"/tenders/{tender}/settings",
        token,
        title="Grounds 2026",
        reference="SET-1",
        climate_weight_percent="20",
        marking_scale="0-100",
        procurement_date="2026-01-01",
    )
    assert moved.status_code == 400 and "can no longer change" in moved.text


# --------------------------------------------------------------------------- access


@pytest.mark.parametrize("role", ["supplier_a", "supplier_b", "climate"])
def test_other_roles_never_see_a_tender(env: WebEnv, role: str) -> None:
    eve = env.client("evaluator")
    tender = create_tender(eve, reference=f"ROLE-{role}")
    token = csrf(eve, f"/tenders/{tender}")
    assert (
        post(eve, f"/tenders/{tender}/bids/stored", token, assessment=env.report_a).status_code
        == 303
    )
    bid = bid_link(eve.get(f"/tenders/{tender}").text, "Org A Ltd")
    copy = db_rows(env, tender)["Org A Ltd"].assessment_public_id

    other = env.client(role)
    assert other.get("/tenders").status_code == 403
    assert 'href="/tenders"' not in other.get("/").text
    for path in ["", "/export.csv", "/export.xlsx"]:
        assert other.get(f"/tenders/{tender}{path}").status_code == 404
    for path in [
        bid.removeprefix(f"/tenders/{tender}"),
        bid.removeprefix(f"/tenders/{tender}") + "/record",
    ]:
        assert other.get(f"/tenders/{tender}{path}").status_code == 404
    own = csrf(other, "/")
    assert (
        post(
            other, "/tenders", own, title="T", reference="R", procurement_date=PROCUREMENT_DATE
        ).status_code
        == 403
    )
    assert (
        post(
            other, f"{bid}/moderate", own, rule_id="net-zero-year", outcome="fail", reason="x"
        ).status_code
        == 404
    )
    assert post(other, f"{bid}/withdraw", own).status_code == 404
    assert post(other, f"/tenders/{tender}/finalise", own, confirm="yes").status_code == 404
    # The tender's copy of a supplier's plan is not among that supplier's checks.
    if role.startswith("supplier"):
        assert other.get(f"/reports/{copy}").status_code == 404
        assert copy not in other.get("/reports").text


def test_evaluators_and_admins_use_tenders(env: WebEnv) -> None:
    tender = create_tender(env.client("evaluator"), reference="SHARED-1")
    admin = env.client("admin")
    assert 'href="/tenders"' in admin.get("/").text
    listing = admin.get("/tenders")
    assert listing.status_code == 200 and f"/tenders/{tender}" in listing.text
    assert "Default: 2050" in listing.text and "Default: 12" in listing.text
    assert admin.get(f"/tenders/{tender}").status_code == 200
    anonymous = env.client()
    response = anonymous.get(f"/tenders/{tender}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    assert env.client("evaluator").get("/tenders/" + "0" * 32).status_code == 404
