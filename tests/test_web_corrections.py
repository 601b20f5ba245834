"""Fact corrections of stored assessments (issue 13 items 1, 2 and 5) through the JSON API, on
both backends: who may correct what, the re-judged answer, 409 once a tender is finalised,
the moderation log and XLSX export, and re-assessment applying the corrections again."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
from correction_support import BASELINE_FIGURES, unread_baseline_plan
from factories import add_supplier
from web_support import WebEnv, stored_report

from crp_checker.reassess import reassess
from crp_checker.store import AssessmentRecord, get_assessment, session_scope
from crp_checker.store.correction_models import FactCorrection
from crp_checker.suppliers.linking import link_assessment

TENDER = {
    "title": "Corrections 2026",
    "reference": "CORR-1",
    "procurement_date": "2025-09-01",
    "climate_weight_percent": 10,
    "marking_scale": "0-5",
}


def _outcome(body: dict[str, Any], rule: str) -> str:
    return next(str(f["outcome"]) for f in body["findings"] if f["rule"] == rule)


def _tender_bid(env: WebEnv, reference: str) -> tuple[str, str, str]:
    """A draft tender with one bid of the misread plan: tender id, bid id, assessment id."""
    api = env.api("evaluator")
    tender = api.post("/api/v1/tenders", json=TENDER | {"reference": reference}).json()["id"]
    added = api.post(
        f"/api/v1/tenders/{tender}/bids",
        data={"bidder": "Misread Ltd"},
        files={"file": ("misread.txt", unread_baseline_plan(), "text/plain")},
    )
    assert added.status_code == 201, added.text[:500]
    return tender, added.json()["id"], added.json()["assessment_id"]


def test_an_evaluator_corrects_a_bid_and_the_matrix_follows(env: WebEnv) -> None:
    api = env.api("evaluator")
    tender, bid, assessment = _tender_bid(env, "CORR-1")
    before = api.get(f"/api/v1/assessments/{assessment}").json()
    assert _outcome(before, "baseline-emissions") == "fail"
    response = api.post(f"/api/v1/assessments/{assessment}/corrections", json=BASELINE_FIGURES)
    assert response.status_code == 200, response.text[:500]
    after = response.json()
    assert _outcome(after, "baseline-emissions") == "pass"
    assert after["facts"]["corrections"]["baseline.scope2"]["by"] == "eve@council.example"
    assert after["facts"]["corrections"]["baseline.scope2"]["supplier_statement"] is False
    assert api.get(f"/api/v1/assessments/{assessment}").json() == after  # stored
    row = next(b for b in api.get(f"/api/v1/tenders/{tender}").json()["bids"] if b["id"] == bid)
    assert row["score"] == after["score"] > before["score"]
    with session_scope(env.engine) as db:
        record = get_assessment(db, assessment)
        assert record is not None and record.checked_data is not None
        assert _outcome(record.checked_data, "baseline-emissions") == "fail"  # kept as made
    evaluator = env.signed_in("evaluator")
    page = evaluator.get(f"/tenders/{tender}").text
    assert "Fact correction" in page and "The baseline Scope 2 figure set to 5.6" in page
    record = evaluator.get(f"/tenders/{tender}/bids/{bid}/record").text
    assert "Fact correction" in record and "The baseline Scope 2 figure set to 5.6" in record
    xlsx = evaluator.get(f"/tenders/{tender}/export.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    log = [[c.value for c in row] for row in book["Audit log"].iter_rows()]
    assert ["Fact correction", "baseline.scope2", "not disclosed", "5.6"] in [r[3:7] for r in log]


def test_a_finalised_tender_refuses_corrections_with_409(env: WebEnv) -> None:
    api = env.api("evaluator")
    tender, _, assessment = _tender_bid(env, "CORR-2")
    assert api.post(f"/api/v1/tenders/{tender}/finalise").status_code == 200
    response = api.post(f"/api/v1/assessments/{assessment}/corrections", json=BASELINE_FIGURES)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "tender_finalised"
    with session_scope(env.engine) as db:
        assert db.query(FactCorrection).filter(FactCorrection.fact == "baseline.total").count() == 1


def test_who_may_correct_what(env: WebEnv) -> None:
    _, _, bid_assessment = _tender_bid(env, "CORR-3")
    fix = [{"fact": "net_zero_year", "value": 2040, "page": 1, "quote": "2040", "reason": "r"}]
    # A bid: evaluators and admins only, not the climate team.
    assert (
        env.api("climate")
        .post(f"/api/v1/assessments/{bid_assessment}/corrections", json=fix)
        .status_code
        == 403
    )
    # A supplier's own check: the supplier, as its own statement; not an evaluator.
    own = env.api("supplier_a").post(f"/api/v1/assessments/{env.report_a}/corrections", json=fix)
    assert own.status_code == 200, own.text[:300]
    assert own.json()["facts"]["corrections"]["net_zero_year"]["supplier_statement"] is True
    assert (
        env.api("evaluator")
        .post(f"/api/v1/assessments/{env.report_a}/corrections", json=fix)
        .status_code
        == 403
    )
    # Another organisation's check is not found at all.
    assert (
        env.api("supplier_b")
        .post(f"/api/v1/assessments/{env.report_a}/corrections", json=fix)
        .status_code
        == 404
    )
    # A register check: the climate team.
    assert (
        env.api("climate")
        .post(f"/api/v1/assessments/{env.report_b}/corrections", json=fix)
        .status_code
        == 403
    )
    with session_scope(env.engine) as db:
        record = get_assessment(db, env.report_b)
        assert record is not None
        link_assessment(db, add_supplier(db, "Org B Ltd"), record)
    linked = env.api("climate").post(f"/api/v1/assessments/{env.report_b}/corrections", json=fix)
    assert linked.status_code == 200, linked.text[:300]


def test_a_wrong_correction_is_refused_naming_the_field(env: WebEnv) -> None:
    api = env.api("supplier_a")
    for body, field in [
        ([{"fact": "baseline.colour", "value": 1, "reason": "r"}], "'fact'"),
        ([{"fact": "baseline.scope1", "value": "lots", "reason": "r"}], "'value'"),
        ([{"fact": "baseline.scope1", "value": 1}], "'reason'"),
        ({"fact": "baseline.scope1"}, "list"),
        ([], "empty"),
    ]:
        response = api.post(f"/api/v1/assessments/{env.report_a}/corrections", json=body)
        assert response.status_code == 422, response.text[:300]
        assert field in response.json()["error"]["message"]


def test_reassess_keeps_the_corrections_and_applies_them_again(env: WebEnv) -> None:
    client = env.client("supplier_a")
    report = stored_report(client, unread_baseline_plan(), "misread.txt")
    api = env.api("supplier_a")
    assert api.post(f"/api/v1/assessments/{report}/corrections", json=BASELINE_FIGURES).is_success
    with session_scope(env.engine) as db:
        done = reassess(db, force=True)
        record = db.query(AssessmentRecord).filter_by(public_id=report).one()
        new = next(
            r
            for r in db.query(AssessmentRecord).filter_by(reassessed_from_id=record.id)
            if r.public_id in done.created
        )
        assert _outcome(new.data, "baseline-emissions") == "pass"
        assert new.data["facts"]["corrections"]["baseline.total"]["supplier_statement"] is True
        assert _outcome(new.checked_data or {}, "baseline-emissions") == "fail"
