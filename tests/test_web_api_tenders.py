"""The tender JSON API (issue 14 item 5) end to end with API tokens, on both backends: create a
tender, add bids, read the matrix, withdraw, finalise, and 409 for every write afterwards;
other roles get 403 on /api/v1/tenders and 404 on a tender, as on the pages."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from tender_support import NET_ZERO_2060
from web_support import PLAN, PLAN_PDF, TINY_PLAN, WebEnv

from crp_checker.store import get_user_by_email, session_scope
from crp_checker.tenders import Tender, get_tender_for, matrix_rows, moderate

TENDER = {
    "title": "Grounds maintenance 2026",
    "reference": "API-1",
    "procurement_date": "2025-09-01",
    "climate_weight_percent": 15,
    "marking_scale": "0-5",
    "buyer_settings": {"net_zero_deadline": 2045, "max_data_age_months": 18},
}
BID_KEYS = {
    "id",
    "bidder",
    "status",
    "withdrawn_reason",
    "gate",
    "score",
    "band",
    "marks",
    "net_zero_year",
    "scope3_required_reported",
    "assessment_id",
}


def _bid(api: TestClient, tender: str, bidder: str, data: bytes, name: str) -> Any:
    return api.post(
        f"/api/v1/tenders/{tender}/bids",
        data={"bidder": bidder},
        files={"file": (name, data, "application/octet-stream")},
    )


def _error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text[:500]
    error: dict[str, Any] = response.json()["error"]
    assert set(error) == {"code", "message", "hint"} and error["hint"]
    if code is not None:
        assert error["code"] == code
    return error


def test_the_tender_api_walk_with_a_token(env: WebEnv) -> None:
    api = env.api("evaluator")
    created = api.post("/api/v1/tenders", json=TENDER)
    assert created.status_code == 201, created.text
    tender = created.json()["id"]
    assert created.headers["location"] == f"/api/v1/tenders/{tender}"
    assert created.json()["buyer_settings"] == {
        "net_zero_deadline": 2045,
        "max_data_age_months": 18,
    }
    assert created.json()["settings"]["check_date"] == "2025-09-01"
    assert created.json()["status"] == "draft" and created.json()["bids"] == []
    assert [x["setting"] for x in created.json()["limits"]] == [
        "net_zero_deadline",
        "max_data_age_months",
        "max_signoff_age_months",
    ]

    added = {}
    for bidder, path in [
        ("Tarnwick Facilities", PLAN_PDF),
        ("Late Zero Ltd", NET_ZERO_2060),
        ("Plain Text Ltd", PLAN),
    ]:
        response = _bid(api, tender, bidder, path.read_bytes(), path.name)
        assert response.status_code == 201, response.text[:500]
        assert set(response.json()) >= BID_KEYS
        assert (
            response.headers["location"] == f"/api/v1/tenders/{tender}/bids/{response.json()['id']}"
        )
        added[bidder] = response.json()
    _error(_bid(api, tender, "tarnwick facilities", TINY_PLAN, "p.txt"), 409, "duplicate_bidder")
    _error(_bid(api, tender, "Bell\x07 Ltd", TINY_PLAN, "p.txt"), 422, "invalid_tender")
    _error(api.post(f"/api/v1/tenders/{tender}/bids", data={"bidder": "No File Ltd"}), 400)

    matrix = api.get(f"/api/v1/tenders/{tender}").json()
    bids = {bid["bidder"]: bid for bid in matrix["bids"]}
    assert list(bids) == list(added)
    late = bids["Late Zero Ltd"]
    assert late["gate"]["result"] == "fail" and late["gate"]["grounds_failed"] == ["a"]
    assert late["gate"]["rules_failed"] == ["net-zero-year"] and (late["band"], late["marks"]) == (
        0,
        0,
    )
    assert "Limits applied: net zero by 2045" in late["gate"]["explanation"]
    tarnwick = bids["Tarnwick Facilities"]
    assert (tarnwick["status"], tarnwick["gate"]["result"], tarnwick["marks"]) == (
        "active",
        "pass",
        15,
    )
    assert tarnwick["net_zero_year"] == 2038 and tarnwick["scope3_required_reported"] == 5
    with session_scope(env.engine) as db:
        user = get_user_by_email(db, "eve@council.example")
        found = get_tender_for(db, user, tender)
        assert isinstance(found, Tender)
        rows = {row.bidder: row for row in matrix_rows(found)}
    assert bids["Plain Text Ltd"]["score"] == rows["Plain Text Ltd"].quality_score
    one = api.get(f"/api/v1/tenders/{tender}/bids/{late['id']}")
    assert one.json() == late

    withdraw = f"/api/v1/tenders/{tender}/bids/{late['id']}/withdraw"
    _error(api.post(withdraw, json={}), 422, "invalid_request")
    _error(api.post(withdraw, json={"reason": "   "}), 422, "invalid_tender")
    gone = api.post(withdraw, json={"reason": "Withdrew on 3 October."})
    assert gone.status_code == 200, gone.text
    assert (gone.json()["status"], gone.json()["withdrawn_reason"]) == (
        "withdrawn",
        "Withdrew on 3 October.",
    )
    assert gone.json()["marks"] is None and gone.json()["withdrawn_at"]
    _error(api.post(withdraw, json={"reason": "Again"}), 422)

    final = api.post(f"/api/v1/tenders/{tender}/finalise")
    assert final.status_code == 200, final.text
    assert final.json()["status"] == "finalised" and final.json()["finalised_at"]
    assert [b["status"] for b in final.json()["bids"]] == ["active", "active", "withdrawn"]

    # After finalising, every write answers 409; reads still work.
    for response in [
        _bid(api, tender, "Latecomer Ltd", TINY_PLAN, "p.txt"),
        api.post(f"/api/v1/tenders/{tender}/bids/{tarnwick['id']}/withdraw", json={"reason": "x"}),
        api.post(f"/api/v1/tenders/{tender}/finalise"),
    ]:
        _error(response, 409, "tender_finalised")
    assert api.get(f"/api/v1/tenders/{tender}").json()["bids"] == final.json()["bids"]
    listed = api.get("/api/v1/tenders").json()
    assert {"id": tender, "bids": 3, "status": "finalised"}.items() <= next(
        t for t in listed if t["id"] == tender
    ).items()


def test_a_pending_gate_blocks_finalising_with_409(env: WebEnv) -> None:
    api = env.api("admin")
    tender = api.post("/api/v1/tenders", json=TENDER | {"reference": "API-PENDING"}).json()["id"]
    bid = _bid(api, tender, "Tarnwick Facilities", PLAN_PDF.read_bytes(), "p.pdf").json()["id"]
    with session_scope(env.engine) as db:  # an evaluator leaves one requirement undecided
        user = get_user_by_email(db, "ada@council.example")
        found = get_tender_for(db, user, tender)
        assert found is not None and user is not None
        undecided = next(b for b in found.bids if b.public_id == bid)
        moderate(
            db, undecided, rule_id="signatory", outcome="needs_review", reason="Ask", user=user
        )
    pending = api.get(f"/api/v1/tenders/{tender}/bids/{bid}").json()
    assert pending["gate"]["result"] == "needs_review" and pending["marks"] is None
    assert pending["gate"]["rules_to_review"] == ["signatory"]
    error = _error(api.post(f"/api/v1/tenders/{tender}/finalise"), 409, "gate_pending")
    assert "Tarnwick Facilities" in error["message"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reference": "R", "procurement_date": "2025-09-01"}, "title"),
        (TENDER | {"climate_weight_percent": 101}, "climate_weight_percent"),
        (TENDER | {"marking_scale": "0-10"}, "marking_scale"),
        (TENDER | {"procurement_date": "1 Sept"}, "procurement_date"),
        (TENDER | {"buyer_settings": {"max_data_age_months": 10**9}}, "max_data_age_months"),
        (TENDER | {"buyer_settings": {"check_date": "2025-01-01"}}, "check_date"),
        (TENDER | {"buyer_settings": {"required_scope3_categories": [16]}}, "required_scope3"),
        (TENDER | {"surprise": True}, "surprise"),
    ],
)
def test_an_invalid_tender_is_refused_with_422(
    env: WebEnv, body: dict[str, Any], field: str
) -> None:
    error = _error(env.api("evaluator").post("/api/v1/tenders", json=body), 422)
    assert field in error["message"]


@pytest.mark.parametrize("role", ["supplier_a", "supplier_b", "climate"])
def test_other_roles_get_403_for_tenders_and_404_for_a_tender(env: WebEnv, role: str) -> None:
    eve = env.api("evaluator")
    tender = eve.post("/api/v1/tenders", json=TENDER | {"reference": f"API-{role}"}).json()["id"]
    bid = _bid(eve, tender, "Tarnwick Facilities", TINY_PLAN, "p.txt").json()["id"]
    other = env.api(role)
    _error(other.get("/api/v1/tenders"), 403, "forbidden")
    _error(other.post("/api/v1/tenders", json=TENDER), 403, "forbidden")
    refusals = [
        other.get(f"/api/v1/tenders/{tender}"),
        other.get(f"/api/v1/tenders/{tender}/bids/{bid}"),
        _bid(other, tender, "Sneaky Ltd", TINY_PLAN, "p.txt"),
        other.post(f"/api/v1/tenders/{tender}/bids/{bid}/withdraw", json={"reason": "x"}),
        other.post(f"/api/v1/tenders/{tender}/finalise"),
    ]
    for response in refusals:
        error = _error(response, 404)
        assert tender not in error["message"]
    assert eve.get(f"/api/v1/tenders/{tender}").json()["bids"][0]["status"] == "active"
    anonymous = env.api()
    assert anonymous.get(f"/api/v1/tenders/{tender}").status_code == 401
    assert anonymous.post("/api/v1/tenders", json=TENDER).status_code == 401


def test_the_tender_api_is_documented(env: WebEnv) -> None:
    openapi = env.client().get("/openapi.json").json()
    paths = openapi["paths"]
    for path, method in [
        ("/api/v1/tenders", "post"),
        ("/api/v1/tenders", "get"),
        ("/api/v1/tenders/{tender_id}", "get"),
        ("/api/v1/tenders/{tender_id}/bids", "post"),
        ("/api/v1/tenders/{tender_id}/bids/{bid_id}/withdraw", "post"),
        ("/api/v1/tenders/{tender_id}/finalise", "post"),
    ]:
        operation = paths[path][method]
        assert operation["summary"] and operation["description"]
        assert "401" in operation["responses"]
    bid_schema = openapi["components"]["schemas"]["BidOut"]["properties"]
    assert set(bid_schema) >= BID_KEYS
    docs = env.client().get("/docs").text
    assert "/api/v1/tenders/{tender_id}/bids/{bid_id}/withdraw" in docs
