"""Input hygiene and the edges of the web app (issue 17 items 5, 6 and 8): control characters in
text fields, JSON limits, ids past 64 bits, connections kept after an error, the Authorization
header as the only credential when sent, one wording of the size limit, titles that fit."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi.testclient import TestClient
from web_support import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    TINY_PLAN,
    WebEnv,
    csrf,
    login,
    multipart,
    upload,
    web_env,
)

from crp_checker.checking import InlineChecker
from crp_checker.clean_text import ControlCharacterError, require_clean
from crp_checker.formatting import megabytes
from crp_checker.store import AssessmentRecord, Role, User, create_user, session_scope
from crp_checker.web.app import create_app
from crp_checker.web.hygiene import MAX_JSON_DEPTH, JsonLimitError, load_json

# --------------------------------------------------------------------------- control characters

HIDDEN = {
    "NUL": "\x00",
    "CR/LF": "\r\n",
    "right-to-left override": "\u202e",
    "escape": "\x1b[31m",
    "isolate": "\u2066",
}


@pytest.mark.parametrize("character", list(HIDDEN.values()), ids=list(HIDDEN))
def test_every_door_to_accounts_refuses_control_characters(env: WebEnv, character: str) -> None:
    admin = env.signed_in("admin")
    for field in ["email", "name", "organisation"]:
        form = {
            "csrftoken": csrf(admin, "/admin/users"),
            "email": "new.person@org-a.example",
            "password": "a long enough passphrase",
            "role": "supplier",
            "organisation": "Org A Ltd",
            "name": "New Person",
        }
        form[field] = form[field][:3] + character + form[field][3:]
        response = admin.post("/admin/users", data=form)
        assert response.status_code == 422, (field, response.status_code)
        assert "contains a" in response.text and "U+" in response.text
        assert "The plan could not be read" not in response.text
        assert character not in response.text  # shown by its code point, never raw
    with session_scope(env.engine) as db:
        assert db.query(User).filter(User.email.like("new%")).count() == 0
        with pytest.raises(ControlCharacterError):
            create_user(db, f"x{character}@org-a.example", "a long passphrase", Role.EVALUATOR)


@pytest.mark.parametrize("character", list(HIDDEN.values()), ids=list(HIDDEN))
def test_token_names_and_sign_in_refuse_control_characters(env: WebEnv, character: str) -> None:
    client = env.signed_in("supplier_a")
    response = client.post(
        "/account/tokens", data={"csrftoken": csrf(client), "name": f"portal{character}"}
    )
    assert response.status_code == 422 and "name" in response.text and "U+" in response.text
    anonymous = env.client()
    login = anonymous.post(
        "/login",
        data={
            "csrftoken": csrf(anonymous, "/login"),
            "email": f"ann{character}@org-a.example",
            "password": "whatever it is",
        },
    )
    assert login.status_code == 422 and "contains a" in login.text


def test_the_app_wide_check_covers_every_routers_forms(env: WebEnv) -> None:
    """A form field of any router (here a tender's title) is refused with the field's name."""
    client = env.signed_in("evaluator")
    form = {
        "csrftoken": csrf(client, "/tenders"),
        "title": "Waste\x00collection",
        "reference": "NUL-1",
        "procurement_date": "2025-09-01",
        "climate_weight_percent": "10",
        "marking_scale": "0-5",
    }
    response = client.post("/tenders", data=form, follow_redirects=False)
    assert response.status_code == 422
    assert "The title field contains a control character, U+0000." in response.text


def test_multi_line_fields_keep_their_line_breaks() -> None:
    assert require_clean("reason", "First line\r\nsecond\tline", multiline=True)
    with pytest.raises(ControlCharacterError, match="tab"):
        require_clean("name", "a\tb")


# --------------------------------------------------------------------------- JSON limits


@pytest.mark.parametrize(
    ("body", "code", "status"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "json_limits", 422),
        (
            b'{"url": ' + b"[" * (MAX_JSON_DEPTH + 1) + b"]" * (MAX_JSON_DEPTH + 1) + b"}",
            "json_limits",
            422,
        ),
        (b'{"url": "https://example.org/", "n": ' + b"7" * 4301 + b"}", "json_limits", 422),
        (b'{"url": 1.' + b"5" * 5000 + b"}", "json_limits", 422),
        (b'{"url": "' + b"x" * 70_000 + b'"}', "json_limits", 422),
        (b'{"url": ', "no_input", 400),
        (b"\xff\xfe", "no_input", 400),
    ],
    ids=["deep", "just too deep", "4301 digits", "long float", "large", "truncated", "not UTF-8"],
)
def test_json_bodies_past_the_limits_are_refused_without_a_server_error(
    env: WebEnv, body: bytes, code: str, status: int
) -> None:
    client = env.fast(TestClient(env.app, raise_server_exceptions=False))
    for path in ["/api/v1/check", "/api/v1/assessments"]:
        headers = {
            "content-type": "application/json",
            "authorization": f"Bearer {env.tokens['supplier_a']}",
        }
        response = client.post(path, content=body, headers=headers)
        assert response.status_code == status, (path, response.text[:200])
        assert response.json()["error"]["code"] == code


def test_json_within_the_limits_is_read() -> None:
    nested = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    assert load_json(f'{{"a": "[[[[{{", "b": 12.5, "c": {nested[2:-2]}}}'.encode())["b"] == 12.5
    with pytest.raises(JsonLimitError):
        load_json(("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1)).encode())


# ----------------------------------------------------------------- ids past the database's integers

HUGE_IDS = [str(2**31), str(2**63), str(2**64), "9" * 30, "-" + str(2**63 + 1), "1" + "0" * 4400]


@pytest.mark.parametrize(
    "number", HUGE_IDS, ids=["2^31", "2^63", "2^64", "30 digits", "-2^63-1", "4401 digits"]
)
def test_ids_past_the_databases_integers_are_404_not_a_server_error(
    env: WebEnv, number: str
) -> None:
    client = env.fast(TestClient(env.app, raise_server_exceptions=False))
    login(client, "ada@council.example")
    token = client.cookies[CSRF_COOKIE]
    for path in [
        f"/account/tokens/{number}/revoke",
        f"/admin/users/{number}/disable",
        f"/admin/users/{number}/enable",
    ]:
        response = client.post(path, data={"csrftoken": token}, follow_redirects=False)
        assert response.status_code == 404, (path, response.status_code)
    other_router = env.signed_in("climate").get(f"/suppliers/{number}")
    assert other_router.status_code == 404
    largest = client.post(
        f"/admin/users/{2**31 - 1}/disable", data={"csrftoken": token}, follow_redirects=False
    )
    assert largest.status_code == 404  # in range, but no such account


# --------------------------------------------------------------------------- the connection


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """The real app under uvicorn on 127.0.0.1, with one route that fails."""
    folder = tmp_path_factory.mktemp("live")
    with web_env("sqlite", folder, reports=False) as env:
        app = create_app(env.settings, checker=InlineChecker(), engine=env.engine)

        @app.get("/boom")
        def boom() -> None:
            raise RuntimeError("a bug")

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical", lifespan="off")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        try:
            yield "127.0.0.1", port
        finally:
            server.should_exit = True
            thread.join(10)


def test_a_server_error_keeps_the_keep_alive_connection(live_server: tuple[str, int]) -> None:
    connection = http.client.HTTPConnection(*live_server, timeout=10)
    try:
        connection.request("GET", "/boom")
        failed = connection.getresponse()
        assert failed.status == 500 and b"reference" in failed.read()
        first_socket = connection.sock
        connection.request("GET", "/healthz")  # on the same connection
        after = connection.getresponse()
        assert after.status == 200 and after.read() == b"ok"
        assert connection.sock is first_socket
    finally:
        connection.close()


def test_refusals_keep_the_connection_too(live_server: tuple[str, int]) -> None:
    connection = http.client.HTTPConnection(*live_server, timeout=10)
    try:
        for body in [b"[" * 50_000, b'{"url": ' + b"9" * 5000 + b"}"]:
            connection.request(
                "POST", "/api/v1/check", body=body, headers={"content-type": "application/json"}
            )
            response = connection.getresponse()
            assert response.status == 422, response.read()
            response.read()
        connection.request("GET", f"/admin/users/{2**70}/disable")
        assert connection.getresponse().status in {404, 405}
    finally:
        connection.close()


# --------------------------------------------------------------------------- Authorization


@pytest.mark.parametrize(
    "header",
    [b"Bearer \xa0", b"Bearer  ", b"Bearer not-a-token", b"Basic YTpi", b"bearer", b""],
    ids=["nbsp", "spaces", "bogus", "basic", "no token", "empty"],
)
def test_an_authorization_header_that_is_not_a_valid_token_is_401_even_with_a_session(
    env: WebEnv, header: bytes
) -> None:
    client = env.client("supplier_a")  # a session cookie, and no CSRF token sent
    before = env.count(AssessmentRecord)
    stored = client.post(
        "/api/v1/assessments",
        files={"file": ("p.txt", TINY_PLAN)},
        headers={"authorization": header},  # type: ignore[dict-item]
    )
    assert stored.status_code in {401, 403}, stored.status_code
    listed = client.get("/api/v1/assessments", headers={"authorization": header})  # type: ignore[dict-item]
    assert listed.status_code == 401
    assert env.count(AssessmentRecord) == before
    assert client.get("/api/v1/assessments").status_code == 200  # no header: the session


def test_a_valid_token_is_used_even_beside_another_accounts_session(env: WebEnv) -> None:
    client = env.client("supplier_b")
    client.headers["Authorization"] = f"Bearer {env.tokens['supplier_a']}"
    response = client.get(f"/api/v1/assessments/{env.report_a}")
    assert response.status_code == 200


# --------------------------------------------------------------------------- CSRF and cookies


def test_an_anonymous_api_call_with_unrelated_cookies_is_not_a_csrf_failure(env: WebEnv) -> None:
    client = env.client()
    csrf(client)  # the CSRF cookie, as a browser that once opened a page holds it
    client.cookies.set("analytics", "123")
    response = client.post("/api/v1/check", files={"file": ("p.txt", TINY_PLAN)})
    assert response.status_code == 200, response.text[:200]


def test_an_api_call_riding_a_session_cookie_still_needs_the_csrf_token(env: WebEnv) -> None:
    client = env.client("supplier_a")
    before = env.count(AssessmentRecord)
    response = client.post("/api/v1/assessments", files={"file": ("p.txt", TINY_PLAN)})
    assert response.status_code == 403 and response.json()["error"]["code"] == "csrf"
    with_header = client.post(
        "/api/v1/assessments",
        files={"file": ("p.txt", TINY_PLAN)},
        headers={"x-csrftoken": client.cookies[CSRF_COOKIE]},
    )
    assert with_header.status_code == 201
    assert env.count(AssessmentRecord) == before + 1
    assert SESSION_COOKIE in client.cookies


# --------------------------------------------------------------------------- wording


@pytest.fixture(scope="module")
def three_mb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebEnv]:
    folder = tmp_path_factory.mktemp("web-3mb")
    with web_env("sqlite", folder, reports=False, max_file_bytes=3 * 2**20) as env:
        yield env


def test_the_size_limit_is_written_one_way_everywhere(three_mb: WebEnv) -> None:
    limit = megabytes(three_mb.settings.max_file_bytes)
    assert limit == "3 MB" and megabytes(25 * 2**20) == "25 MB"
    client = three_mb.client("supplier_a")
    assert f"at most {limit}." in client.get("/").text
    over_file = upload(client, b"x" * (3 * 2**20 + 1), "big.txt")
    assert over_file.status_code == 413 and f"limit of {limit}." in over_file.text
    body, content_type = multipart([("file", "huge.txt", b"x" * (5 * 2**20))])
    over_body = three_mb.client().post(
        "/api/v1/check", content=body, headers={"content-type": content_type}
    )
    assert (
        over_body.status_code == 413
        and f"limit of {limit}." in over_body.json()["error"]["message"]
    )
    assert "MB" in limit and not any(f"{n} MB" in over_file.text for n in (4, 5))


def test_error_titles_fit_the_form(env: WebEnv) -> None:
    client = env.signed_in("supplier_a")
    too_long = client.post(
        "/account/tokens", data={"csrftoken": csrf(client, "/account/tokens"), "name": "x" * 500}
    )
    assert too_long.status_code == 422
    assert "<h1>Some of what was sent is not valid</h1>" in too_long.text
    assert "plan could not be read" not in too_long.text
    admin = env.signed_in("admin")
    with session_scope(env.engine) as db:
        own = db.query(User).filter(User.email == "ada@council.example").one().id
    own_disable = admin.post(
        f"/admin/users/{own}/disable", data={"csrftoken": csrf(admin, "/admin/users")}
    )
    assert own_disable.status_code == 409 and "<h1>Not possible</h1>" in own_disable.text
    # The upload form keeps its own title for a plan it cannot read.
    empty = upload(env.client(), b"", "empty.txt")
    assert "The plan was not checked" in empty.text
    assert (
        json.loads(env.api().post("/api/v1/check", files={"file": ("e.txt", b"")}).text)["error"][
            "code"
        ]
        == "empty"
    )
