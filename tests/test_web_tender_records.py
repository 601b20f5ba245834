"""Tender records that stand up to a challenge (issue 14), through the web app on both backends:
a withdrawn bid is on every record before and after finalising; every figure of every bid reads
the same on the matrix, the bid page, the report, the CSV, the XLSX and the API; the settings
and the gate name the effective limits; and stored text never breaks an export."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import html as lxml_html
from openpyxl import load_workbook
from sqlalchemy import text
from tender_support import (
    NET_ZERO_2060,
    add_upload,
    bid_fields,
    bid_link,
    create_tender,
    page_matrix,
    post,
)
from web_support import FIXTURES, PLAN_PDF, WebEnv, csrf

from crp_checker.formatting import NOT_DISCLOSED
from crp_checker.store import session_scope
from crp_checker.tenders.export import CSV_ENCODING, LOG_SHEET

THREE_CATEGORIES = FIXTURES / "text" / "scope3_three_categories.md"
NO_SCOPE3 = FIXTURES / "pdf" / "scope3_not_reported.pdf"
WITHDRAWN = "The bidder withdrew by email on 3 October 2025 (capacity)."
GATES = ("Evaluator to decide", "Pass", "Fail")
API_GATES = {"pass": "Pass", "fail": "Fail", "needs_review": "Evaluator to decide"}
Figures = dict[str, str]


def _three_bids(env: WebEnv, reference: str) -> tuple[TestClient, str, str]:
    """A tender with three bids by upload; (evaluator's browser, tender id, CSRF token)."""
    eve = env.client("evaluator")
    tender = create_tender(eve, reference=reference)
    token = csrf(eve, f"/tenders/{tender}")
    for bidder, path in [
        ("Tarnwick Facilities", PLAN_PDF),
        ("Late Zero Ltd", NET_ZERO_2060),
        ("Three Categories Ltd", THREE_CATEGORIES),
    ]:
        assert add_upload(eve, tender, bidder, path, token=token).status_code == 303
    return eve, tender, token


def _csv(eve: TestClient, tender: str) -> dict[str, dict[str, str]]:
    data = eve.get(f"/tenders/{tender}/export.csv").content.decode(CSV_ENCODING)
    return {line["Bidder"]: line for line in csv.DictReader(io.StringIO(data))}


def _xlsx(eve: TestClient, tender: str) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    workbook = load_workbook(io.BytesIO(eve.get(f"/tenders/{tender}/export.xlsx").content))
    lines = list(workbook["Matrix"].iter_rows(values_only=True))
    matrix = {str(line[0]): dict(zip(lines[0], line, strict=True)) for line in lines[1:]}
    log = list(workbook[LOG_SHEET].iter_rows(values_only=True))
    return matrix, [dict(zip(log[0], line, strict=True)) for line in log[1:]]


def _api(env: WebEnv, tender: str) -> dict[str, dict[str, Any]]:
    response = env.api("evaluator").get(f"/api/v1/tenders/{tender}")
    assert response.status_code == 200, response.text
    return {bid["bidder"]: bid for bid in response.json()["bids"]}


# --------------------------------------------------------------------------- every bid stays


def _withdrawal_everywhere(env: WebEnv, eve: TestClient, tender: str, bid: str) -> None:
    """The withdrawn bid and its reason: matrix, both exports, the log, the record, the API."""
    page = eve.get(f"/tenders/{tender}").text
    matrix = page_matrix(page)
    assert set(matrix) == {"Tarnwick Facilities", "Late Zero Ltd", "Three Categories Ltd"}
    gone = matrix["Late Zero Ltd"]
    assert gone["status"].startswith("Withdrawn") and WITHDRAWN in gone["status"]
    assert (gone["band"], gone["marks"]) == ("withdrawn", "withdrawn")
    assert matrix["Tarnwick Facilities"]["marks"] == "15"  # the others are scored as before
    assert "3 bids received, 1 withdrawn" in page
    log = lxml_html.fromstring(page).xpath("//table[contains(@class, 'audit-log')]//tr")
    assert any(
        "Withdrawal" in row.text_content() and WITHDRAWN in row.text_content() for row in log
    )

    lines = _csv(eve, tender)
    assert (lines["Late Zero Ltd"]["Status"], lines["Late Zero Ltd"]["Withdrawn reason"]) == (
        "Withdrawn",
        WITHDRAWN,
    )
    assert lines["Late Zero Ltd"]["Weighted marks"] == "" and len(lines) == 3
    sheet, events = _xlsx(eve, tender)
    assert (sheet["Late Zero Ltd"]["Status"], sheet["Late Zero Ltd"]["Withdrawn reason"]) == (
        "Withdrawn",
        WITHDRAWN,
    )
    assert sheet["Late Zero Ltd"]["Withdrawn at (UTC)"] is not None
    withdrawal = [e for e in events if e["Event"] == "Withdrawal"]
    assert [(e["Bidder"], e["Details"]) for e in withdrawal] == [("Late Zero Ltd", WITHDRAWN)]
    assert [e["Bidder"] for e in events if e["Event"] == "Bid received"] == [
        "Tarnwick Facilities",
        "Late Zero Ltd",
        "Three Categories Ltd",
    ]

    record = eve.get(f"{bid}/record")
    assert record.status_code == 200 and WITHDRAWN in record.text
    assert "marked withdrawn and not scored" in record.text
    bid_page = eve.get(bid).text
    assert bid_fields(bid_page)["status"] == f"Withdrawn: {WITHDRAWN}"
    history = lxml_html.fromstring(bid_page).xpath("//h2[@id='history']/following::table[1]//tr")
    assert any("Withdrawal" in r.text_content() and WITHDRAWN in r.text_content() for r in history)
    api = _api(env, tender)["Late Zero Ltd"]
    assert (api["status"], api["withdrawn_reason"], api["marks"]) == ("withdrawn", WITHDRAWN, None)


def test_a_withdrawn_bid_is_on_every_record_before_and_after_finalising(env: WebEnv) -> None:
    eve, tender, token = _three_bids(env, "REC-1")
    bid = bid_link(eve.get(f"/tenders/{tender}").text, "Late Zero Ltd")

    # Withdrawing asks for a reason and a confirmation; a refusal keeps what was typed.
    unconfirmed = post(eve, f"{bid}/withdraw", token, reason=WITHDRAWN)
    assert unconfirmed.status_code == 422 and "confirmation box" in unconfirmed.text
    assert WITHDRAWN in unconfirmed.text
    blank = post(eve, f"{bid}/withdraw", token, reason="   ", confirm="yes")
    assert blank.status_code == 422 and 'id="withdraw-reason-error"' in blank.text
    assert page_matrix(eve.get(f"/tenders/{tender}").text)["Late Zero Ltd"]["status"] == "Active"
    assert post(eve, f"{bid}/withdraw", token, reason=WITHDRAWN, confirm="yes").status_code == 303
    _withdrawal_everywhere(env, eve, tender, bid)
    again = post(eve, f"{bid}/withdraw", token, reason="Twice", confirm="yes")
    assert again.status_code == 422 and "already withdrawn" in again.text

    assert post(eve, f"/tenders/{tender}/finalise", token, confirm="yes").status_code == 303
    _withdrawal_everywhere(env, eve, tender, bid)
    events = [e["Event"] for e in _xlsx(eve, tender)[1]]
    assert events[-1] == "Finalised"


# --------------------------------------------------------------------------- one truth per figure


def _number(value: Any) -> str:
    """A figure as digits ("15", "13.5"), or "" when there is none."""
    if value is None or value == "":
        return ""
    try:
        return f"{float(value):g}"
    except ValueError:
        return ""


def _gate(value: str) -> str:
    return next(label for label in GATES if value.startswith(label))


def _from_matrix(cells: dict[str, str]) -> Figures:
    return {
        "status": cells["status"].split(" ")[0].rstrip(":"),
        "gate": _gate(cells["gate"]),
        "score": cells["score"],
        "band": _number(cells["band"]),
        "marks": _number(cells["marks"]),
        "net_zero_year": "" if cells["net_zero_year"] == NOT_DISCLOSED else cells["net_zero_year"],
        "scope3": cells["scope3"],
    }


def _from_bid_page(fields: dict[str, str]) -> Figures:
    return {
        "status": fields["status"].split(":")[0],
        "gate": _gate(fields["gate"]),
        "score": fields["score"].split()[0],
        "band": _number(fields["band"].split()[0]),
        "marks": _number(fields["marks"].split()[0]),
        "net_zero_year": ""
        if fields["net_zero_year"] == NOT_DISCLOSED
        else fields["net_zero_year"],
        "scope3": fields["scope3"].removesuffix(" required categories"),
    }


def _from_sheet(line: dict[str, Any]) -> Figures:
    return {
        "status": str(line["Status"]),
        "gate": str(line["Gate (PPN 006)"]),
        "score": _number(line["Quality score (0-100)"]),
        "band": _number(line["Band (0-5)"]),
        "marks": _number(line["Weighted marks"]),
        "net_zero_year": _number(line["Net zero year"]),
        "scope3": str(line["Scope 3 coverage"]),
    }


def _from_api(bid: dict[str, Any]) -> Figures:
    covered = ", ".join(str(n) for n in bid["scope3_covered"]) or "none"
    assert bid["scope3_required_reported"] == len(bid["scope3_covered"])
    return {
        "status": bid["status"].capitalize(),
        "gate": API_GATES[bid["gate"]["result"]],
        "score": str(bid["score"]),
        "band": _number(bid["band"]),
        "marks": _number(bid["marks"]),
        "net_zero_year": _number(bid["net_zero_year"]),
        "scope3": f"{bid['scope3_required_reported']} of {len(bid['scope3_required'])} ({covered})",
    }


def _report(eve: TestClient, assessment_id: str) -> dict[str, str]:
    """The report page's score and key facts: label -> text."""
    tree = lxml_html.fromstring(eve.get(f"/reports/{assessment_id}").text)
    facts = {
        " ".join(row.xpath("string(th)").split()): " ".join(row.xpath("string(td[1])").split())
        for row in tree.xpath("//table[contains(@class, 'facts')]/tbody/tr")
    }
    line = tree.xpath("string(//p[@class='score-line'])")
    found = re.search(r"Score (\d+)/100", line)
    assert found, line
    score = found.group(1)
    return facts | {"score": score}


def _every_door_agrees(env: WebEnv, eve: TestClient, tender: str) -> int:
    """Compare each bid's figures across the doors; the number of figures compared."""
    page = eve.get(f"/tenders/{tender}").text
    matrix = page_matrix(page)
    lines, (sheet, _) = _csv(eve, tender), _xlsx(eve, tender)
    api = _api(env, tender)
    assert set(matrix) == set(lines) == set(sheet) == set(api)
    compared = 0
    for bidder, cells in matrix.items():
        expected = _from_matrix(cells)
        bid_page = eve.get(bid_link(page, bidder)).text
        doors = {
            "bid page": _from_bid_page(bid_fields(bid_page)),
            "CSV": _from_sheet(lines[bidder]),
            "XLSX": _from_sheet(sheet[bidder]),
            "API": _from_api(api[bidder]),
        }
        for door, figures in doors.items():
            assert figures == expected, (bidder, door)
            assert all(expected[key] for key in ("status", "gate", "score", "scope3"))
            compared += len(figures)
        # The report is the checker's judgement: equal to the matrix unless moderated.
        report = _report(eve, api[bidder]["assessment_id"])
        checker_score = bid_fields(bid_page)["score"].partition("(checker: ")[2].rstrip(")")
        assert report["score"] == (checker_score or expected["score"]), bidder
        year = report["Net zero year"].split()[0]
        assert ("" if year == "not" else year) == expected["net_zero_year"], bidder
        scope3 = report["Scope 3 categories"]
        if scope3 == NOT_DISCLOSED:
            assert expected["scope3"].startswith("0 of "), bidder
        else:
            assert scope3.startswith(expected["scope3"] + " required categories covered"), bidder
        compared += 3
    return compared


def test_every_figure_of_every_bid_reads_the_same_at_every_door(env: WebEnv) -> None:
    eve, tender, token = _three_bids(env, "FIG-1")
    assert add_upload(eve, tender, "Moderated Ltd", PLAN_PDF, token=token).status_code == 303
    assert add_upload(eve, tender, "No Scope 3 Ltd", NO_SCOPE3, token=token).status_code == 303
    page = eve.get(f"/tenders/{tender}").text
    moderated = bid_link(page, "Moderated Ltd")
    change = {"rule_id": "scope3-categories", "outcome": "partial", "reason": "Two categories"}
    assert post(eve, f"{moderated}/moderate", token, **change).status_code == 303
    withdrawn = bid_link(page, "Tarnwick Facilities")
    assert (
        post(eve, f"{withdrawn}/withdraw", token, reason="Gone", confirm="yes").status_code == 303
    )
    before = _every_door_agrees(env, eve, tender)
    assert before == 5 * (7 * 4 + 3)
    assert (
        page_matrix(eve.get(f"/tenders/{tender}").text)["Moderated Ltd"]["moderated"] == "Yes (1)"
    )
    assert post(eve, f"/tenders/{tender}/finalise", token, confirm="yes").status_code == 303
    assert _every_door_agrees(env, eve, tender) == before


# --------------------------------------------------------------------------- settings and gate


def test_the_settings_and_the_gate_name_the_grace_period(env: WebEnv) -> None:
    eve = env.client("evaluator")
    listing = eve.get("/tenders").text
    assert "Data up to 3 months older still passes the gate, marked partial" in listing
    # Checked on 1 March 2026 the plan's 2024 data is 14 months old: inside the grace.
    tender = create_tender(eve, reference="GRACE-1", procurement_date="2026-03-01")
    assert add_upload(eve, tender, "Tarnwick Facilities", PLAN_PDF).status_code == 303
    page = eve.get(f"/tenders/{tender}").text
    tree = lxml_html.fromstring(page)
    data_age = " ".join(tree.xpath("string(//dd[@data-limit='max_data_age_months'])").split())
    assert data_age.startswith("12 months (15 months with the 3-month grace) (default)")
    assert "ending on or after 1 March 2025 passes" in data_age
    assert page_matrix(page)["Tarnwick Facilities"]["gate"] == "Pass"
    bid_page = eve.get(bid_link(page, "Tarnwick Facilities")).text
    explanation = lxml_html.fromstring(bid_page).xpath(
        "string(//span[@data-field='gate-explanation'])"
    )
    assert "older than 12 months but inside the 3-month grace: partial" in explanation
    assert "Limits applied: net zero by 2050" in explanation
    sheet = load_workbook(io.BytesIO(eve.get(f"/tenders/{tender}/export.xlsx").content))
    settings = dict(sheet["Settings"].iter_rows(values_only=True))
    row = "At the gate: Maximum data age 12 months (15 months with the 3-month grace)"
    assert "still passes the gate" in str(settings[row])
    api = env.api("evaluator").get(f"/api/v1/tenders/{tender}").json()
    assert api["limits"][1]["grace"] == "15 months with the 3-month grace"
    assert "inside the 3-month grace" in api["bids"][0]["gate"]["explanation"]


# --------------------------------------------------------------------------- control characters


def test_control_characters_are_refused_and_stored_ones_never_break_an_export(
    env: WebEnv,
) -> None:
    eve = env.client("evaluator")
    token = csrf(eve, "/tenders")
    form = {"reference": "CTL-1", "procurement_date": "2025-09-01", "marking_scale": "0-5"}
    refused = post(eve, "/tenders", token, title="Grounds\x07 2026", **form)
    assert refused.status_code == 422 and "control character, U+0007" in refused.text
    tender = create_tender(eve, reference="CTL-1")
    bids_before = env.count()
    sneaky = add_upload(eve, tender, "Acme\x1b[31m Ltd", PLAN_PDF)
    assert sneaky.status_code == 422 and "U+001B" in sneaky.text
    assert env.count() == bids_before  # nothing was stored
    assert add_upload(eve, tender, "Acme Ltd", NET_ZERO_2060).status_code == 303
    bid = bid_link(eve.get(f"/tenders/{tender}").text, "Acme Ltd")
    letter = post(eve, f"{bid}/clarifications", token, reply_by="2099-01-01", sent_on="2098-12-01")
    assert letter.status_code == 303

    # Text stored before it was checked (or written straight into the database) still exports.
    with session_scope(env.engine) as db:
        db.execute(
            text("UPDATE tenders SET title = :t WHERE public_id = :id"),
            {"t": "Grounds\x01\x0b 2026", "id": tender},
        )
        db.execute(
            text("UPDATE bids SET bidder_name = :b WHERE bidder_name = 'Acme Ltd'"),
            {"b": "Acme\x02\x1f Ltd"},  # PostgreSQL cannot hold NUL at all
        )
    for path in ("export.xlsx", "export.csv"):
        response = eve.get(f"/tenders/{tender}/{path}")
        assert response.status_code == 200, (path, response.text[:300])
    sheet, _ = _xlsx(eve, tender)
    assert list(sheet) == ["Acme\ufffd\ufffd Ltd"]
    assert eve.get(f"{bid}/record").status_code == 200
    docx = eve.get(letter.headers["location"] + "/letter.docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    api = env.api("evaluator").post(
        "/api/v1/tenders",
        json={"title": "Bad\u0000title", "reference": "R", "procurement_date": "2025-09-01"},
    )
    assert api.status_code == 422 and "U+0000" in api.json()["error"]["message"]


@pytest.mark.parametrize("role", ["supplier_a", "climate"])
def test_letters_and_versions_are_404_to_other_roles(env: WebEnv, role: str) -> None:
    eve = env.client("evaluator")
    tender = create_tender(eve, reference=f"L404-{role}")
    assert add_upload(eve, tender, "Acme Ltd", NET_ZERO_2060).status_code == 303
    bid = bid_link(eve.get(f"/tenders/{tender}").text, "Acme Ltd")
    token = csrf(eve, f"/tenders/{tender}")
    letter = post(eve, f"{bid}/clarifications", token, reply_by="2099-01-01", sent_on="2098-12-01")
    other = env.client(role)
    own = csrf(other, "/")
    for path in (letter.headers["location"], letter.headers["location"] + "/letter.docx"):
        assert other.get(path).status_code == 404
    assert post(other, f"{bid}/clarifications", own, reply_by="2099-01-01").status_code == 404
