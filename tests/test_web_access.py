"""Every route x every role, with the status each must get (issue 3; issue 7 item 3).

The table is checked against `app.routes`: a new route fails `test_every_route_is_in_the_table`
until it is added here with its expected statuses. Unsafe methods are sent as a browser would,
with a valid CSRF token; the API rows are sent with a session (and the CSRF header) and again
with each role's API token.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from databases import add_assessment
from factories import add_supplier
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from web_support import (
    ANONYMOUS,
    CSRF_COOKIE,
    EMAILS,
    PASSWORD,
    ROLES,
    STAFF,
    TINY_PLAN,
    WebEnv,
    csrf,
)

from crp_checker.checking import CheckingService
from crp_checker.store import (
    Role,
    create_reset_link,
    get_assessment_for,
    get_user,
    get_user_by_email,
    session_scope,
)
from crp_checker.tenders import (
    add_bid_from_stored,
    create_tender,
    get_bid,
    get_tender_for,
    moderate,
    send_clarification,
)

Expect = dict[str, int]


def statuses(anonymous: int, a: int, b: int, evaluator: int, climate: int, admin: int) -> Expect:
    """The expected status per role, in ROLES order."""
    return dict(zip(ROLES, (anonymous, a, b, evaluator, climate, admin), strict=True))


OPEN = statuses(200, 200, 200, 200, 200, 200)
SIGNED_IN = statuses(303, 200, 200, 200, 200, 200)  # anonymous: redirected to /login
ORG_A = statuses(303, 200, 404, 200, 200, 200)  # org A's report: B gets 404, staff see all
API_SIGNED_IN = statuses(401, 200, 200, 200, 200, 200)
API_ORG_A = statuses(401, 200, 404, 200, 200, 200)
ADMIN_ONLY = statuses(303, 403, 403, 403, 403, 303)
ADMIN_PAGE = statuses(303, 403, 403, 403, 403, 200)
# Tenders (issue 5): /tenders itself is 403 to other roles, every tender address 404.
TENDER_PAGE = statuses(303, 404, 404, 200, 404, 200)
TENDER_CHANGE = statuses(303, 404, 404, 303, 404, 303)
TENDER_FORM = {
    "title": "Access table tender",
    "reference": "ACC-1",
    "procurement_date": "2025-09-01",
    "climate_weight_percent": "10",
    "marking_scale": "0-5",
}


@dataclass(frozen=True)
class Case:
    """One route and how to call it: `path` and `send` are given the environment."""

    method: str
    route: str
    expect: Expect
    path: Callable[[WebEnv], str] | None = None
    body: str = "none"  # none | check | login | token | form | json-plan | plan-file | new-user

    def url(self, env: WebEnv) -> str:
        if self.path is not None:
            return self.path(env)
        return self.route.replace("{public_id}", env.report_a)


def _fresh_token_of_a(env: WebEnv) -> str:
    token_id, _ = env.new_token("supplier_a", "to revoke")
    return f"/account/tokens/{token_id}/revoke"


def _throwaway_user(env: WebEnv) -> int:
    email = f"temp-{secrets.token_hex(4)}@org-a.example"
    env.add_user(email, Role.SUPPLIER, "Org A Ltd")
    with session_scope(env.engine) as db:
        user = get_user_by_email(db, email)
        assert user is not None
        return user.id


def _reset_link(env: WebEnv) -> str:
    """A fresh one-time reset link for a throwaway account."""
    user_id = _throwaway_user(env)
    with session_scope(env.engine) as db:
        user = get_user(db, user_id)
        assert user is not None
        return f"/reset/{create_reset_link(db, user)}"


def _new_tender(env: WebEnv) -> str:
    """A fresh draft tender made by the evaluator (fresh per call: some cases finalise it)."""
    with session_scope(env.engine) as db:
        user = get_user_by_email(db, EMAILS["evaluator"])
        assert user is not None
        fields = {k: v for k, v in TENDER_FORM.items() if k != "marking_scale"}
        return "/tenders/" + create_tender(db, user=user, **fields).public_id


_OWN_CHECKS: dict[int, str] = {}


def _own_check(env: WebEnv) -> str:
    """A check of organisation A's that nothing links to the register (stored directly, not
    uploaded: an upload may be linked to a register supplier of the same name), made once."""
    if id(env) not in _OWN_CHECKS:
        with session_scope(env.engine) as db:
            user = get_user_by_email(db, EMAILS["supplier_a"])
            record = add_assessment(db, user, b"access table: corrections")
            _OWN_CHECKS[id(env)] = record.public_id
    return _OWN_CHECKS[id(env)]


# Bids made for the table, per environment and purpose: made once, because each bid stores an
# assessment and too many would push the reports off the first page of the list test below.
_BIDS: dict[tuple[int, str], str] = {}


def _bid(env: WebEnv, purpose: str) -> str:
    """A bid's address: organisation A's stored plan in a tender of its own, one per purpose."""
    key = (id(env), purpose)
    if key not in _BIDS:
        _BIDS[key] = _new_bid(env)
    return _BIDS[key]


def _new_bid(env: WebEnv) -> str:
    tender_path = _new_tender(env)
    with session_scope(env.engine) as db:
        user = get_user_by_email(db, EMAILS["evaluator"])
        record = get_assessment_for(db, user, env.report_a)
        assert user is not None and record is not None
        tender = get_tender_for(db, user, tender_path.removeprefix("/tenders/"))
        assert tender is not None
        bid = add_bid_from_stored(db, tender, record, user=user, service=CheckingService())
        return f"{tender_path}/bids/{bid.public_id}"


def _failing_bid(env: WebEnv, *, letter: bool = False) -> str:
    """A bid with a failed mandatory requirement (moderated so: the stored plan passes), so a
    clarification letter has something to ask; with `letter`, that letter's address."""
    key = (id(env), "failing")
    if key not in _BIDS:
        _BIDS[key] = _new_bid(env)
    bid_path = _BIDS[key]
    with session_scope(env.engine) as db:
        user = get_user_by_email(db, EMAILS["evaluator"])
        assert user is not None
        tender_id, bid_id = bid_path.removeprefix("/tenders/").split("/bids/")
        tender = get_tender_for(db, user, tender_id)
        bid = get_bid(tender, bid_id) if tender else None
        assert bid is not None
        if not bid.moderations:
            moderate(db, bid, rule_id="net-zero-year", outcome="fail", reason="Test", user=user)
        if not letter:
            return bid_path
        sent = send_clarification(db, bid, user=user, sent_on="2025-09-10", reply_by="2025-09-24")
        return f"{bid_path}/clarifications/{sent.public_id}"


def _api(path: str) -> str:
    return "/api/v1" + path


# The tender API (issue 14): as the pages, but 401 without a token and JSON errors.
API_TENDERS = statuses(401, 403, 403, 200, 403, 200)
API_TENDER = statuses(401, 404, 404, 200, 404, 200)
API_TENDER_NEW = statuses(401, 404, 404, 201, 404, 201)
CLIMATE_ONLY = statuses(303, 403, 403, 403, 200, 200)  # evaluators too: see web/climate.py
CLIMATE_CHANGE = statuses(303, 403, 403, 403, 303, 303)
SUPPLIER_PAGE = statuses(303, 404, 404, 404, 200, 200)  # a supplier's address: 404 to others
API_CLIMATE = statuses(401, 403, 403, 403, 200, 200)  # the register's API, as its pages
API_SUPPLIER = statuses(401, 404, 404, 404, 200, 200)


def _throwaway_supplier(env: WebEnv) -> str:
    """A register entry's address (no plan, no CRP URL, so screening has nothing to fetch)."""
    name = f"Access Test {secrets.token_hex(4)} Ltd"
    with session_scope(env.engine) as db:
        return f"/suppliers/{add_supplier(db, name, contact=False).id}"


CASES = [
    Case("GET", "/", OPEN),
    Case("POST", "/check", statuses(200, 303, 303, 303, 303, 303), body="check"),
    Case("GET", "/reports", SIGNED_IN),
    Case("GET", "/reports/{public_id}", ORG_A),
    Case("GET", "/reports/{public_id}.json", ORG_A),
    Case("GET", "/reports/{public_id}/print", ORG_A),
    Case("GET", "/reports/{public_id}/plan", ORG_A),
    Case("GET", "/plan", OPEN),
    Case("POST", "/plan", OPEN, body="form"),
    Case("POST", "/plan/start", OPEN, body="form"),
    Case("GET", "/login", OPEN),
    Case("POST", "/login", statuses(401, 303, 303, 303, 303, 303), body="login"),
    Case("POST", "/logout", statuses(303, 303, 303, 303, 303, 303), body="form"),
    Case("GET", "/account/tokens", SIGNED_IN),
    Case("POST", "/account/tokens", statuses(303, 201, 201, 201, 201, 201), body="token"),
    Case(
        "POST",
        "/account/tokens/{token_id}/revoke",
        statuses(303, 303, 404, 404, 404, 404),  # only the token's owner may revoke it
        path=_fresh_token_of_a,
        body="form",
    ),
    Case("GET", "/account/password", SIGNED_IN),
    # A wrong current password: the route is reached, nobody's password changes.
    Case("POST", "/account/password", statuses(303, 400, 400, 400, 400, 400), body="password"),
    Case("GET", "/admin/users", statuses(303, 403, 403, 403, 403, 200)),
    Case(
        "GET",
        "/admin/users/{user_id}/password",
        ADMIN_PAGE,
        path=lambda env: f"/admin/users/{_throwaway_user(env)}/password",
    ),
    Case(
        "POST",
        "/admin/users/{user_id}/password",
        ADMIN_PAGE,
        path=lambda env: f"/admin/users/{_throwaway_user(env)}/password",
        body="temporary-password",
    ),
    Case(
        "POST",
        "/admin/users/{user_id}/reset-link",
        ADMIN_PAGE,
        path=lambda env: f"/admin/users/{_throwaway_user(env)}/reset-link",
        body="form",
    ),
    # Without a reset link opened first, /reset is 404 to everyone; a link works for whoever
    # holds it (listed last: opening it puts its token in the browser's session).
    Case("GET", "/reset", statuses(404, 404, 404, 404, 404, 404)),
    Case("POST", "/reset", statuses(404, 404, 404, 404, 404, 404), body="new-password"),
    Case("GET", "/reset/{token}", statuses(303, 303, 303, 303, 303, 303), path=_reset_link),
    Case("POST", "/admin/users", ADMIN_ONLY, body="new-user"),
    Case(
        "POST",
        "/admin/users/{user_id}/disable",
        ADMIN_ONLY,
        path=lambda env: f"/admin/users/{_throwaway_user(env)}/disable",
        body="form",
    ),
    Case(
        "POST",
        "/admin/users/{user_id}/enable",
        ADMIN_ONLY,
        path=lambda env: f"/admin/users/{_throwaway_user(env)}/enable",
        body="form",
    ),
    Case("GET", "/docs", OPEN),
    Case("GET", "/rules", OPEN),
    Case("GET", "/healthz", OPEN),
    Case("GET", "/openapi.json", OPEN),
    Case("GET", "/static", OPEN, path=lambda env: "/static/style.css"),
    Case("POST", "/api/v1/check", OPEN, body="plan-file"),
    Case("POST", "/api/v1/assessments", statuses(401, 201, 201, 201, 201, 201), body="plan-file"),
    Case("GET", "/api/v1/assessments", API_SIGNED_IN),
    Case("GET", "/api/v1/assessments/{public_id}", API_ORG_A),
    Case("GET", "/api/v1/rules", OPEN),
    Case("GET", "/api/v1/suppliers", API_CLIMATE),
    Case(
        "GET",
        "/api/v1/suppliers/{supplier_id}",
        API_SUPPLIER,
        path=lambda e: "/api/v1" + _throwaway_supplier(e),
    ),
    Case("POST", "/api/v1/suppliers/import", API_CLIMATE, body="api-register"),
    Case("GET", "/api/v1/dashboard", API_CLIMATE),
    Case("GET", "/api/v1/support", API_CLIMATE),
    Case("GET", "/tenders", statuses(303, 403, 403, 200, 403, 200)),
    Case("POST", "/tenders", statuses(303, 403, 403, 303, 403, 303), body="tender"),
    Case("GET", "/tenders/{public_id}", TENDER_PAGE, path=_new_tender),
    Case(
        "GET",
        "/tenders/{public_id}/export.csv",
        TENDER_PAGE,
        path=lambda e: _new_tender(e) + "/export.csv",
    ),
    Case(
        "GET",
        "/tenders/{public_id}/export.xlsx",
        TENDER_PAGE,
        path=lambda e: _new_tender(e) + "/export.xlsx",
    ),
    Case(
        "POST",
        "/tenders/{public_id}/settings",
        TENDER_CHANGE,
        path=lambda e: _new_tender(e) + "/settings",
        body="tender",
    ),
    Case(
        "POST",
        "/tenders/{public_id}/bids",
        TENDER_CHANGE,
        path=lambda e: _new_tender(e) + "/bids",
        body="bid",
    ),
    Case(
        "POST",
        "/tenders/{public_id}/bids/stored",
        TENDER_CHANGE,
        path=lambda e: _new_tender(e) + "/bids/stored",
        body="stored-bid",
    ),
    Case(
        "POST",
        "/tenders/{public_id}/finalise",
        TENDER_CHANGE,
        path=lambda e: _new_tender(e) + "/finalise",
        body="finalise",
    ),
    Case("GET", "/tenders/{public_id}/bids/{bid_id}", TENDER_PAGE, path=lambda e: _bid(e, "read")),
    Case(
        "GET",
        "/tenders/{public_id}/bids/{bid_id}/record",
        TENDER_PAGE,
        path=lambda e: _bid(e, "read") + "/record",
    ),
    Case(
        "POST",
        "/tenders/{public_id}/bids/{bid_id}/moderate",
        TENDER_CHANGE,
        path=lambda e: _bid(e, "read") + "/moderate",
        body="moderate",
    ),
    Case(
        "POST",
        "/tenders/{public_id}/bids/{bid_id}/withdraw",
        TENDER_CHANGE,
        path=lambda e: _new_bid(e) + "/withdraw",  # a bid is withdrawn once
        body="withdraw",
    ),
    Case(
        "POST",
        "/tenders/{public_id}/bids/{bid_id}/clarifications",
        TENDER_CHANGE,
        path=lambda e: _failing_bid(e) + "/clarifications",
        body="letter",
    ),
    Case(
        "GET",
        "/tenders/{public_id}/bids/{bid_id}/clarifications/{letter_id}",
        TENDER_PAGE,
        path=lambda e: _failing_bid(e, letter=True),
    ),
    Case(
        "GET",
        "/tenders/{public_id}/bids/{bid_id}/clarifications/{letter_id}/letter.docx",
        TENDER_PAGE,
        path=lambda e: _failing_bid(e, letter=True) + "/letter.docx",
    ),
    Case(
        "POST",
        "/tenders/{public_id}/bids/{bid_id}/versions",
        TENDER_CHANGE,
        path=lambda e: _bid(e, "versions") + "/versions",
        body="plan-version",
    ),
    Case("GET", "/api/v1/tenders", API_TENDERS),
    Case("POST", "/api/v1/tenders", statuses(401, 403, 403, 201, 403, 201), body="api-tender"),
    Case("GET", "/api/v1/tenders/{tender_id}", API_TENDER, path=lambda e: _api(_new_tender(e))),
    Case(
        "POST",
        "/api/v1/tenders/{tender_id}/bids",
        API_TENDER_NEW,
        path=lambda e: _api(_new_tender(e)) + "/bids",
        body="api-bid",
    ),
    Case(
        "GET",
        "/api/v1/tenders/{tender_id}/bids/{bid_id}",
        API_TENDER,
        path=lambda e: _api(_bid(e, "read")),
    ),
    Case(
        "POST",
        "/api/v1/tenders/{tender_id}/bids/{bid_id}/withdraw",
        API_TENDER,
        path=lambda e: _api(_new_bid(e)) + "/withdraw",
        body="api-withdraw",
    ),
    Case(
        "POST",
        "/api/v1/tenders/{tender_id}/finalise",
        API_TENDER,
        path=lambda e: _api(_new_tender(e)) + "/finalise",
        body="api-none",
    ),
    Case("GET", "/suppliers", CLIMATE_ONLY),
    Case("POST", "/suppliers/import", CLIMATE_ONLY, body="register"),
    Case(
        "GET",
        "/suppliers/link",
        CLIMATE_ONLY,
        path=lambda e: f"/suppliers/link?assessment={e.report_a}&q=access",
    ),
    Case("POST", "/suppliers/link", CLIMATE_CHANGE, body="link"),
    Case("POST", "/suppliers/auto-link", CLIMATE_CHANGE, body="form"),
    Case("GET", "/suppliers/screening", CLIMATE_ONLY),
    Case("POST", "/suppliers/screening", CLIMATE_CHANGE, body="form"),
    Case("GET", "/suppliers/{supplier_id}", SUPPLIER_PAGE, path=_throwaway_supplier),
    Case(
        "POST",
        "/suppliers/{supplier_id}/contacts",
        statuses(303, 404, 404, 404, 400, 400),  # staff: no plan, so no route to tick
        path=lambda e: _throwaway_supplier(e) + "/contacts",
        body="form",
    ),
    Case(
        "POST",
        "/suppliers/{supplier_id}/unlink",
        statuses(303, 404, 404, 404, 404, 404),  # staff: the report is not linked to it
        path=lambda e: _throwaway_supplier(e) + "/unlink",
        body="unlink",
    ),
    # Fact corrections and the review queue (issue 13): a supplier's own check, not a bid nor
    # on the register, is corrected by its supplier and admins only.
    Case(
        "POST",
        "/reports/{public_id}/corrections",
        statuses(303, 303, 404, 403, 403, 303),
        path=lambda e: f"/reports/{_own_check(e)}/corrections",
        body="correction",
    ),
    Case(
        "POST",
        "/api/v1/assessments/{public_id}/corrections",
        statuses(401, 200, 404, 403, 403, 200),
        path=lambda e: f"/api/v1/assessments/{_own_check(e)}/corrections",
        body="api-correction",
    ),
    Case("GET", "/review", statuses(303, 403, 403, 200, 200, 200)),
    Case("POST", "/review/answer", statuses(303, 403, 403, 422, 422, 422), body="answer"),
    Case("GET", "/dashboard", CLIMATE_ONLY),
    Case("GET", "/support", CLIMATE_ONLY),
    Case("GET", "/support/export.csv", CLIMATE_ONLY),
]
API_CASES = [case for case in CASES if case.route.startswith("/api/")]


def _form(case: Case, env: WebEnv, role: str, token: str) -> dict[str, Any]:
    """The request's keyword arguments for TestClient, CSRF token first in every form."""
    if case.body == "check":
        return {"data": {"csrftoken": token}, "files": {"file": ("plan.txt", TINY_PLAN)}}
    if case.body == "login":
        email = EMAILS.get(role, "nobody@nowhere.example")
        return {"data": {"csrftoken": token, "email": email, "password": PASSWORD}}
    if case.body == "token":
        return {"data": {"csrftoken": token, "name": "table test"}}
    if case.body == "password":
        passwords = {"current_password": "not the password", "new_password": "x" * 20}
        return {"data": {"csrftoken": token, **passwords, "confirm_password": "x" * 20}}
    if case.body == "temporary-password":
        return {"data": {"csrftoken": token, "password": "a temporary passphrase"}}
    if case.body == "new-password":
        return {
            "data": {"csrftoken": token, "new_password": "y" * 20, "confirm_password": "y" * 20}
        }
    if case.body == "new-user":
        email = f"new-{secrets.token_hex(4)}@council.example"
        return {
            "data": {"csrftoken": token, "email": email, "password": PASSWORD, "role": "evaluator"}
        }
    if case.body == "plan-file":
        return {
            "headers": {"x-csrftoken": token},
            "files": {"file": ("plan.txt", TINY_PLAN, "text/plain")},
        }
    if case.body == "tender":  # a new tender, or new settings for one
        return {"data": {"csrftoken": token, **TENDER_FORM}}
    if case.body in ("bid", "stored-bid"):
        fields = {"csrftoken": token, "bidder_name": f"Bidder {secrets.token_hex(4)}"}
        if case.body == "stored-bid":
            return {"data": fields | {"assessment": env.report_a}}
        return {"data": fields, "files": {"file": ("plan.txt", TINY_PLAN)}}
    if case.body == "moderate":  # a different outcome per role, so both changes are real
        outcome = "fail" if role == "admin" else "needs_review"
        change = {"rule_id": "crp-identified", "outcome": outcome, "reason": "Access test"}
        return {"data": {"csrftoken": token, **change}}
    if case.body == "finalise":
        return {"data": {"csrftoken": token, "confirm": "yes"}}
    if case.body == "withdraw":
        return {"data": {"csrftoken": token, "reason": "Access test", "confirm": "yes"}}
    if case.body == "letter":
        dates = {"sent_on": "2025-09-10", "reply_by": "2025-09-24"}
        return {"data": {"csrftoken": token, **dates}}
    if case.body == "plan-version":
        return {"data": {"csrftoken": token}, "files": {"file": ("plan.txt", TINY_PLAN)}}
    if case.body.startswith("api-") and case.body != "api-register":  # session: CSRF header
        call: dict[str, Any] = {"headers": {"x-csrftoken": token}}
        if case.body == "api-tender":
            fields = {k: v for k, v in TENDER_FORM.items() if k != "climate_weight_percent"}
            return call | {"json": fields}
        if case.body == "api-bid":
            bidder = {"bidder": f"Bidder {secrets.token_hex(4)}"}
            return call | {"data": bidder, "files": {"file": ("plan.txt", TINY_PLAN)}}
        if case.body == "api-withdraw":
            return call | {"json": {"reason": "Access test"}}
        if case.body == "api-correction":
            fix = {"fact": "signatory.role", "value": "Director", "reason": "Access test"}
            return call | {"json": [fix]}
        return call
    if case.body in ("register", "api-register"):
        row = f"Access Register {secrets.token_hex(4)} Ltd,ICT,1000"
        register = f"Supplier Name,Spend Category,Annual Spend\r\n{row}\r\n"
        files = {"file": ("register.csv", register.encode())}
        if case.body == "api-register":
            return {"headers": {"x-csrftoken": token}, "files": files}
        return {"data": {"csrftoken": token}, "files": files}
    if case.body == "correction":
        fix = {"fact": "signatory.role", "value": "Director", "reason": "Access test"}
        return {"data": {"csrftoken": token, **fix}}
    if case.body == "answer":  # no such question: staff are told it is not open
        question = {"assessment": env.report_a, "rule": "no-such-rule", "action": "confirm"}
        return {"data": {"csrftoken": token, **question, "reason": "Access test"}}
    if case.body == "link":
        supplier_id = _throwaway_supplier(env).removeprefix("/suppliers/")
        return {"data": {"csrftoken": token, "assessment": env.report_a, "supplier": supplier_id}}
    if case.body == "unlink":
        return {"data": {"csrftoken": token, "assessment": env.report_a}}
    return {"data": {"csrftoken": token}} if case.method == "POST" else {}


def _send(client: TestClient, case: Case, env: WebEnv, role: str) -> httpx.Response:
    token = ""
    if case.method == "POST":
        token = client.cookies.get(CSRF_COOKIE) or csrf(client, "/")
    return client.request(
        case.method, case.url(env), follow_redirects=False, **_form(case, env, role, token)
    )


def _route_keys(env: WebEnv) -> set[tuple[str, str]]:
    keys = set()
    for route in iter_route_contexts(env.app.routes):
        assert route.path is not None
        for method in sorted(route.methods or {"GET"}):  # a mount serves GET
            if method != "HEAD":  # Starlette answers HEAD wherever it answers GET
                keys.add((method, route.path))
    return keys


def test_every_route_is_in_the_table(env: WebEnv) -> None:
    in_table = {(case.method, case.route) for case in CASES}
    missing = _route_keys(env) - in_table
    assert not missing, f"add these routes to CASES with their expected statuses: {missing}"
    assert not in_table - _route_keys(env), "the table lists routes the app no longer has"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method} {c.route}")
def test_route_gives_each_role_its_status(env: WebEnv, case: Case, role: str) -> None:
    # Signing out ends every session of the account, so it gets a browser of its own.
    ends_session = case.route == "/logout"
    client = env.client(role) if ends_session else env.signed_in(role)
    response = _send(client, case, env, role)
    if ends_session:
        env.forget(role)
    assert response.status_code == case.expect[role], response.text[:400]
    if (
        response.status_code == 303
        and role == ANONYMOUS
        and case.route
        not in {
            "/check",
            "/logout",
            "/reset/{token}",
        }
    ):
        assert response.headers["location"].startswith("/login?next=")
    if case.route.startswith("/api/") and response.status_code >= 400:
        assert set(response.json()["error"]) == {"code", "message", "hint"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", API_CASES, ids=lambda c: f"{c.method} {c.route}")
def test_api_route_gives_each_token_its_status(env: WebEnv, case: Case, role: str) -> None:
    kwargs = _form(case, env, role, token="")
    kwargs.pop("headers", None)  # a Bearer token needs no CSRF token
    response = env.api(role).request(case.method, case.url(env), **kwargs)
    assert response.status_code == case.expect[role], response.text[:400]
    if response.status_code == 401:
        assert response.headers["www-authenticate"] == "Bearer"


REPORT_PATHS = ["/reports/{}", "/reports/{}.json", "/reports/{}/print", "/api/v1/assessments/{}"]


@pytest.mark.parametrize("template", REPORT_PATHS)
@pytest.mark.parametrize(
    ("role", "own", "other"), [("supplier_a", "a", "b"), ("supplier_b", "b", "a")]
)
def test_a_supplier_gets_404_for_the_other_organisations_report(
    env: WebEnv, template: str, role: str, own: str, other: str
) -> None:
    ids = {"a": env.report_a, "b": env.report_b}
    client = env.signed_in(role)
    assert client.get(template.format(ids[own])).status_code == 200
    foreign = client.get(template.format(ids[other]))
    assert foreign.status_code == 404
    unknown = client.get(template.format("0" * 32))
    assert unknown.status_code == 404
    # The refusal says nothing about the foreign report: same words as for an unknown id.
    assert foreign.text.replace(ids[other], "ID") == unknown.text.replace("0" * 32, "ID")


def _listed_ids(html: str) -> set[str]:
    return set(re.findall(r'href="/reports/([0-9a-f]{32})"', html))


@pytest.mark.parametrize("role", ["supplier_a", "supplier_b", *STAFF])
def test_lists_show_own_organisation_to_suppliers_and_everything_to_staff(
    env: WebEnv, role: str
) -> None:
    page = _listed_ids(env.signed_in(role).get("/reports").text)
    api = {
        item["id"] for item in env.api(role).get("/api/v1/assessments?limit=500").json()["items"]
    }
    if role == "supplier_a":
        assert env.report_a in page and env.report_b not in page
    elif role == "supplier_b":
        assert env.report_b in page and env.report_a not in page
    else:
        assert {env.report_a, env.report_b} <= page
    assert {env.report_a, env.report_b} & page == {env.report_a, env.report_b} & api


def test_a_signed_in_api_call_with_a_session_needs_the_csrf_header(env: WebEnv) -> None:
    client = env.client("supplier_a")
    files = {"file": ("plan.txt", TINY_PLAN, "text/plain")}
    refused = client.post("/api/v1/assessments", files=files)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "csrf"
    accepted = client.post(
        "/api/v1/assessments", files=files, headers={"x-csrftoken": client.cookies[CSRF_COOKIE]}
    )
    assert accepted.status_code == 201
