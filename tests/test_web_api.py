"""The JSON API under /api/v1: anonymous checks by file or URL, errors as JSON, stored
assessments by token, lists, the rulebook, and one run through the real worker pool."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import psutil
import pypdfium2 as pdfium
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from web_support import FIXTURES, PLAN, PLAN_PDF, TINY_PLAN, WebEnv, web_env

import crp_checker.errors
import crp_checker.worker.errors
from crp_checker.checking import InlineChecker
from crp_checker.errors import CRPError
from crp_checker.report.rulebook import render_rules_json
from crp_checker.rules import RULES
from crp_checker.schemas import Assessment
from crp_checker.store import (
    ApiToken,
    AssessmentRecord,
    Role,
    create_api_token,
    get_user_by_email,
    session_scope,
)
from crp_checker.store.models import utcnow
from crp_checker.web.app import create_app
from crp_checker.web.uploads import BothInputsError, MissingInputError
from crp_checker.worker import BusyError, WorkerPool

TEMPLATE = FIXTURES / "text" / "markdown_pipe_tables.md"  # compliant as at 2025-09-01
SERVED = {"/plan.txt": PLAN.read_bytes(), "/empty.txt": b""}


class _Plans(BaseHTTPRequestHandler):
    """Serves SERVED on 127.0.0.1; anything else is a 404."""

    def do_GET(self) -> None:
        body = SERVED.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass


@pytest.fixture(scope="module")
def plans_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Plans)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


WEB_ENV = {"fetch_allow_private_hosts": True}  # options for conftest's `env`


def _same_check(left: dict[str, Any], right: Assessment) -> None:
    """The JSON is the assessment (apart from when it was made)."""
    parsed = Assessment.model_validate(left)
    assert parsed.model_copy(update={"assessed_at": right.assessed_at}) == right


# --------------------------------------------------------------------------- anonymous check


def test_check_by_file_returns_the_assessment_and_stores_nothing(env: WebEnv) -> None:
    before = env.counts()
    response = env.api().post("/api/v1/check", files={"file": ("plan.txt", PLAN.read_bytes())})
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    _same_check(response.json(), InlineChecker().check(PLAN.read_bytes(), name="plan.txt"))
    assert env.counts() == before


def test_check_by_url_fetches_the_plan_and_records_where_from(
    env: WebEnv, plans_server: str
) -> None:
    before = env.counts()
    response = env.api().post("/api/v1/check", json={"url": f"{plans_server}/plan.txt"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["facts"]["url"] == f"{plans_server}/plan.txt"
    assert body["source"]["name"] == "plan.txt"
    address = f"{plans_server}/plan.txt"
    _same_check(body, InlineChecker().check(PLAN.read_bytes(), name="plan.txt", url=address))
    assert env.counts() == before


def test_private_addresses_are_refused_unless_allowed(env: WebEnv, plans_server: str) -> None:
    settings = env.settings.model_copy(update={"fetch_allow_private_hosts": False})
    app = create_app(settings, checker=InlineChecker(), engine=env.engine)
    response = env.fast(TestClient(app)).post(
        "/api/v1/check", json={"url": f"{plans_server}/plan.txt"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "blocked_address"
    assert "private or local network" in response.json()["error"]["message"]


REQUEST_ERRORS = [
    ("no file field", {"files": {"other": ("p.txt", b"x")}}, 400, "no_input"),
    ("json without url", {"json": {"address": "x"}}, 400, "no_input"),
    ("json not an object", {"json": ["https://example.com"]}, 400, "no_input"),
    (
        "invalid json",
        {"content": b"{", "headers": {"content-type": "application/json"}},
        400,
        "no_input",
    ),
    (
        "plain text body",
        {"content": b"hi", "headers": {"content-type": "text/plain"}},
        400,
        "no_input",
    ),
    ("not http", {"json": {"url": "file:///etc/passwd"}}, 400, "bad_address"),
    ("corrupt pdf", {"files": {"file": ("p.pdf", b"%PDF-1.4\n junk")}}, 422, "corrupt"),
    ("empty file", {"files": {"file": ("p.pdf", b"")}}, 422, "empty"),
    (
        "image",
        {"files": {"file": ("p.pdf", b"\x89PNG\r\n\x1a\n" + bytes(64))}},
        415,
        "unsupported_format",
    ),
    ("url 404", {"json": {"url": "{server}/missing.pdf"}}, 502, "fetch_failed"),
    ("url empty", {"json": {"url": "{server}/empty.txt"}}, 422, "empty"),
]


@pytest.mark.parametrize(
    ("case", "request_args", "status", "code"), REQUEST_ERRORS, ids=[e[0] for e in REQUEST_ERRORS]
)
def test_a_refused_request_gets_a_json_error_with_message_and_hint(
    env: WebEnv,
    plans_server: str,
    case: str,
    request_args: dict[str, Any],
    status: int,
    code: str,
) -> None:
    args = dict(request_args)
    if "json" in args and isinstance(args["json"], dict) and "url" in args["json"]:
        args["json"] = {"url": args["json"]["url"].format(server=plans_server)}
    before = env.counts()
    response = env.api("supplier_a").post("/api/v1/assessments", **args)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert set(error) == {"code", "message", "hint"} and error["code"] == code
    assert error["message"] and error["hint"]
    assert env.counts() == before  # nothing partial is stored
    anonymous = env.api().post("/api/v1/check", **args)
    assert (anonymous.status_code, anonymous.json()["error"]["code"]) == (status, code)


def _check_errors() -> list[type[CRPError]]:
    """Every error a check can end in: the checker's, the worker pool's and the form's own."""
    modules = {crp_checker.errors.__name__, crp_checker.worker.errors.__name__}
    found: list[type[CRPError]] = [CRPError, MissingInputError, BothInputsError]
    pending = list(CRPError.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__ in modules:
            found.append(cls)
    return sorted(found, key=lambda cls: cls.__name__)


class DatedChecker(InlineChecker):
    """Judges as at the fixtures' check date, so the template plan passes (a second verdict)."""

    def check(self, data: bytes, *, name: str, url: str | None = None, **buyer: Any) -> Assessment:
        return super().check(data, name=name, url=url, check_date=dt.date(2025, 9, 1), **buyer)


class RaisingChecker:
    """A checker that fails with the error class named by the upload's bytes."""

    def check(self, data: bytes, *, name: str, url: str | None = None, **buyer: Any) -> Assessment:
        cls = {cls.__name__: cls for cls in _check_errors()}[data.decode()]
        raise cls(f"{cls.__name__} happened.")

    def close(self) -> None:
        pass


@pytest.mark.parametrize("error", _check_errors(), ids=lambda cls: cls.__name__)
def test_each_check_error_has_its_status_code_and_hint_in_the_api_and_on_the_page(
    env: WebEnv, error: type[CRPError]
) -> None:
    app = create_app(env.settings, checker=RaisingChecker(), engine=env.engine)
    client = env.fast(TestClient(app))
    raised = error(f"{error.__name__} happened.")  # WorkerError sets its status per instance
    files = {"file": ("p.txt", error.__name__.encode())}
    response = client.post("/api/v1/check", files=files)
    assert response.status_code == raised.http_status
    assert response.json() == {
        "error": {"code": raised.code, "message": raised.message, "hint": raised.hint}
    }
    assert 400 <= raised.http_status < 600 and raised.hint
    page = env.fast(TestClient(app)).post("/check", files=files)
    assert page.status_code == raised.http_status
    shown = html.unescape(page.text)  # the page escapes quotes in the hint ("plan's")
    assert raised.message in shown and raised.hint in shown and 'name="file"' in page.text


# --------------------------------------------------------------------------- stored assessments


def test_submitting_stores_under_the_tokens_organisation(env: WebEnv) -> None:
    script = env.api("supplier_b")
    revised = PLAN.read_bytes() + b"\nRevised in December.\n"  # not the plan Org B stored
    response = script.post("/api/v1/assessments", files={"file": ("b.txt", revised)})
    assert response.status_code == 201
    assert response.json()["id"] != env.report_b
    body = response.json()
    assert response.headers["location"] == f"/api/v1/assessments/{body['id']}"
    assert body["url"] == f"/reports/{body['id']}"
    with session_scope(env.engine) as db:
        statement = select(AssessmentRecord).where(AssessmentRecord.public_id == body["id"])
        record = db.scalars(statement).one()
        assert record.organisation is not None and record.organisation.name == "Org B Ltd"
        assert record.user is not None and record.user.email == "bob@org-b.example"
    fetched = script.get(response.headers["location"])
    assert fetched.status_code == 200
    assert fetched.json() == {k: v for k, v in body.items() if k not in {"id", "url"}}
    assert env.api("supplier_a").get(response.headers["location"]).status_code == 404
    assert env.api("evaluator").get(response.headers["location"]).status_code == 200


def test_submitting_an_unchanged_plan_again_answers_with_the_stored_check(env: WebEnv) -> None:
    script = env.api("supplier_b")
    plan = PLAN.read_bytes() + b"\nSubmitted twice.\n"
    first = script.post("/api/v1/assessments", files={"file": ("first.txt", plan)}).json()
    response = script.post("/api/v1/assessments", files={"file": ("again.txt", plan)})
    assert response.status_code == 201
    body = response.json()
    assert body["id"] == first["id"] and body["source"]["name"] == "first.txt"
    fetched = script.get(response.headers["location"])
    assert fetched.json() == {k: v for k, v in body.items() if k not in {"id", "url"}}
    with session_scope(env.engine) as db:
        sha = body["source"]["sha256"]
        stored = db.scalars(
            select(AssessmentRecord).where(AssessmentRecord.file_sha256 == sha)
        ).all()
        assert [(r.public_id, r.recheck_count) for r in stored] == [(first["id"], 1)]


def test_the_list_pages_newest_first_and_filters_by_verdict(env: WebEnv) -> None:
    env.add_user("dee@org-d.example", Role.SUPPLIER, "Org D Ltd")
    _, token = _token_for(env, "dee@org-d.example")
    app = create_app(env.settings, checker=DatedChecker(), engine=env.engine)
    script = env.fast(TestClient(app, headers={"Authorization": f"Bearer {token}"}))
    plans = [PLAN.read_bytes(), TEMPLATE.read_bytes(), TINY_PLAN, PLAN_PDF.read_bytes()]
    made = [
        script.post("/api/v1/assessments", files={"file": (f"p{i}", plan)}).json()
        for i, plan in enumerate(plans)
    ]
    newest_first = [m["id"] for m in reversed(made)]
    first = script.get("/api/v1/assessments", params={"limit": 3}).json()
    second = script.get("/api/v1/assessments", params={"limit": 3, "offset": 3}).json()
    assert (first["total"], first["limit"], first["offset"]) == (4, 3, 0)
    assert [i["id"] for i in first["items"] + second["items"]] == newest_first
    verdicts = {m["verdict"] for m in made}
    assert len(verdicts) >= 2, verdicts
    for verdict in verdicts:
        listed = script.get("/api/v1/assessments", params={"verdict": verdict}).json()
        expected = [m["id"] for m in reversed(made) if m["verdict"] == verdict]
        assert [i["id"] for i in listed["items"]] == expected and listed["total"] == len(expected)
    item = first["items"][0]
    assert item["url"] == f"/reports/{item['id']}" and item["source_name"] == "p3"
    for bad in [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"verdict": "great"}]:
        refused = script.get("/api/v1/assessments", params=bad)
        assert refused.status_code == 422
        assert refused.json()["error"]["code"] == "invalid_request"


def _token_for(env: WebEnv, email: str) -> tuple[int, str]:
    with session_scope(env.engine) as db:
        user = get_user_by_email(db, email)
        assert user is not None
        plaintext, token = create_api_token(db, user, "list test")
        return token.id, plaintext


def test_unknown_or_revoked_tokens_get_401(env: WebEnv) -> None:
    token_id, plaintext = env.new_token("supplier_a")
    script = env.client(headers={"Authorization": f"Bearer {plaintext}"})
    assert script.get("/api/v1/assessments").status_code == 200
    with session_scope(env.engine) as db:
        token = db.get(ApiToken, token_id)
        assert token is not None
        token.revoked_at = utcnow()
    for header in [f"Bearer {plaintext}", "Bearer crp_made_up", "Basic YTpi", "Bearer "]:
        response = env.client(headers={"Authorization": header}).get("/api/v1/assessments")
        assert response.status_code == 401, header
        assert response.json()["error"]["code"] == "unauthorised"


def test_the_rulebook_matches_the_registry(env: WebEnv) -> None:
    response = env.api().get("/api/v1/rules")
    assert response.status_code == 200
    assert response.json() == json.loads(render_rules_json(RULES.values()))
    assert [rule["id"] for rule in response.json()] == list(RULES)


# --------------------------------------------------------------------------- the real worker pool


def _page_count_bomb(pages: int) -> bytes:
    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(612, 792)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_real_worker_pool_checks_a_plan_and_survives_a_hostile_file(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("web-pool")
    with web_env("sqlite", folder, checker=None, reports=False) as env:
        settings = env.settings.model_copy(
            update={"parse_workers": 1, "parse_timeout_seconds": 60.0, "max_pages": 300}
        )
        app = create_app(settings, checker=None, engine=env.engine)
        with TestClient(app) as client:  # the lifespan starts the pool and stops it after
            pool = app.state.checking.checker
            assert isinstance(pool, WorkerPool) and pool.size == 1
            good = client.post("/api/v1/check", files={"file": ("plan.txt", PLAN.read_bytes())})
            assert good.status_code == 200, good.text
            _same_check(good.json(), InlineChecker().check(PLAN.read_bytes(), name="plan.txt"))
            bomb = client.post(
                "/api/v1/check", files={"file": ("bomb.pdf", _page_count_bomb(5000))}
            )
            assert bomb.status_code == 413, bomb.text
            assert "5000 pages, over the limit of 300" in bomb.json()["error"]["message"]
            browser = TestClient(app)  # a page sets a CSRF cookie; the script keeps none
            page = browser.post("/check", files={"file": ("bomb.pdf", _page_count_bomb(5000))})
            assert page.status_code == 413 and "over the limit of 300" in page.text
            assert client.get("/healthz").text == "ok"
            [worker] = _workers()
            worker.kill()  # a worker dies (the OOM killer, a crash): the next check gets another
            _wait_for_death(worker)
            again = client.post("/api/v1/check", files={"file": ("plan.txt", PLAN.read_bytes())})
            assert again.status_code == 200, again.text
            assert again.json()["verdict"] == good.json()["verdict"]
            assert [w.pid for w in _workers()] != [worker.pid]
        with pytest.raises(BusyError):  # stopped with the app
            pool.check(TINY_PLAN, name="late.txt")


def _wait_for_death(process: psutil.Process) -> None:
    """Until the process is dead but not reaped (reaping is the pool's job: it reads the code)."""
    deadline = time.monotonic() + 10
    while process.status() != psutil.STATUS_ZOMBIE and time.monotonic() < deadline:
        time.sleep(0.01)


def _workers() -> list[psutil.Process]:
    """The pool's worker processes (spawned children; not multiprocessing's resource tracker)."""
    children = psutil.Process().children()
    return [p for p in children if any("spawn_main" in part for part in p.cmdline())]
