"""Security of the web app (issue 7 item 3): CSRF, sessions, throttling, redirects, headers,
escaping, error pages, the body cap and uploaded file names."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from web_support import (
    CSRF_COOKIE,
    PASSWORD,
    SESSION_COOKIE,
    TINY_PLAN,
    WebEnv,
    csrf,
    login,
    multipart,
    session_data,
    upload,
    web_env,
)

from crp_checker.checking import InlineChecker
from crp_checker.ingest.names import display_name
from crp_checker.store import (
    ApiToken,
    AssessmentRecord,
    PasswordReset,
    Role,
    User,
    disable_user,
    get_user_by_email,
    save_check,
    session_scope,
    set_password,
)
from crp_checker.web.app import create_app

_users = iter(range(1, 10_000))


def new_supplier(env: WebEnv) -> str:
    """A supplier account of its own (for tests that lock, disable or sign it out)."""
    email = f"user{next(_users)}@org-a.example"
    env.add_user(email, Role.SUPPLIER, "Org A Ltd")
    return email


def _user(env: WebEnv, email: str) -> tuple[User, list[ApiToken]]:
    with session_scope(env.engine) as db:
        user = get_user_by_email(db, email)
        assert user is not None
        tokens = list(db.scalars(select(ApiToken).where(ApiToken.user_id == user.id)))
        return user, tokens


# --------------------------------------------------------------------------- CSRF

# Each form route: who sends it, its fields, and how to tell that nothing happened.
FormCase = tuple[str, Callable[[WebEnv], str], dict[str, str], bool]
FORMS: dict[str, FormCase] = {
    "check": ("supplier_a", lambda env: "/check", {}, True),
    "login": ("supplier_a", lambda env: "/login", {"email": "bob@org-b.example"}, False),
    "logout": ("supplier_a", lambda env: "/logout", {}, False),
    "new token": ("supplier_a", lambda env: "/account/tokens", {"name": "csrf"}, False),
    "revoke": (
        "supplier_a",
        lambda env: f"/account/tokens/{env.new_token('supplier_a')[0]}/revoke",
        {},
        False,
    ),
    "admin add user": (
        "admin",
        lambda env: "/admin/users",
        {"email": "csrf@council.example", "role": "evaluator"},
        False,
    ),
    "change password": (
        "supplier_a",
        lambda env: "/account/password",
        {"current_password": PASSWORD, "new_password": "n" * 20, "confirm_password": "n" * 20},
        False,
    ),
    "admin temporary password": (
        "admin",
        lambda env: f"/admin/users/{_user_id(env, 'ann@org-a.example')}/password",
        {"password": "a temporary passphrase"},
        False,
    ),
    "admin reset link": (
        "admin",
        lambda env: f"/admin/users/{_user_id(env, 'ann@org-a.example')}/reset-link",
        {},
        False,
    ),
}


def _user_id(env: WebEnv, email: str) -> int:
    with session_scope(env.engine) as db:
        user = get_user_by_email(db, email)
        assert user is not None
        return user.id


def _refused_body(
    kind: str, token: str, fields: dict[str, str], with_file: bool
) -> dict[str, object]:
    """The request for a refusal `kind`; forms with a file go as multipart, others urlencoded."""
    values = dict(fields)
    if "email" in values:
        values["password"] = PASSWORD
    if kind == "wrong":
        values = {"csrftoken": token[:-4] + "AAAA", **values}
    elif kind == "other-cookie":
        values = {"csrftoken": token, **values}
    if kind == "file-first":
        parts = [("file", "plan.txt", TINY_PLAN), ("csrftoken", None, token.encode())]
        parts += [(name, None, value.encode()) for name, value in values.items()]
        body, content_type = multipart(parts)
        return {"content": body, "headers": {"content-type": content_type}}
    if with_file:
        return {"data": values, "files": {"file": ("plan.txt", TINY_PLAN, "text/plain")}}
    return {"data": values}


def _state(env: WebEnv) -> tuple[int, int, int, int, int, str]:
    """Assessments, live tokens, users, reset links, and supplier A's session version and
    password: any change = action."""
    with session_scope(env.engine) as db:
        live = [t for t in db.scalars(select(ApiToken)) if t.revoked_at is None]
        user = get_user_by_email(db, "ann@org-a.example")
        assert user is not None
        users = len(list(db.scalars(select(User))))
        resets = env.count(PasswordReset)
        counts = env.count(AssessmentRecord), len(live), users, resets
        return (*counts, user.session_version, user.password_hash)


@pytest.mark.parametrize("kind", ["missing", "wrong", "other-cookie", "file-first"])
@pytest.mark.parametrize("form", list(FORMS))
def test_every_form_refuses_a_missing_or_wrong_csrf_token(
    env: WebEnv, form: str, kind: str
) -> None:
    role, path, fields, with_file = FORMS[form]
    client = env.signed_in(role)
    token = client.cookies.get(CSRF_COOKIE) or csrf(client)
    if kind == "other-cookie":  # a real token, but for another browser's cookie
        token = csrf(env.client())
        assert token != client.cookies[CSRF_COOKIE]
    url = path(env)
    before = _state(env)
    session_before = client.cookies[SESSION_COOKIE]
    response = client.post(
        url, follow_redirects=False, **_refused_body(kind, token, fields, with_file)
    )  # type: ignore[arg-type]
    assert response.status_code == 403, response.text[:300]
    assert "Form not accepted" in response.text
    assert _state(env) == before
    assert client.cookies[SESSION_COOKIE] == session_before
    assert client.get("/account/tokens").status_code == 200  # still signed in as before


def test_sign_in_needs_a_csrf_token_even_without_cookies(env: WebEnv) -> None:
    data = {"email": "ann@org-a.example", "password": PASSWORD}
    response = env.client().post("/login", data=data, follow_redirects=False)
    assert response.status_code == 403  # login CSRF: a site cannot sign a visitor in as itself


def test_a_cookieless_anonymous_check_needs_no_token_and_stores_nothing(env: WebEnv) -> None:
    before = env.counts()
    response = env.client().post("/check", files={"file": ("p.txt", TINY_PLAN)})
    assert response.status_code == 200 and "This check was not stored" in response.text
    assert env.counts() == before


def test_bearer_token_api_calls_need_no_csrf_token_even_with_cookies(env: WebEnv) -> None:
    script = env.api("supplier_a")
    csrf(script)  # the script happens to hold a CSRF cookie; it sends no token
    response = script.post("/api/v1/assessments", files={"file": ("p.txt", TINY_PLAN)})
    assert response.status_code == 201


def test_a_bearer_header_does_not_let_a_page_form_skip_csrf(env: WebEnv) -> None:
    """asgi-csrf skips its check for any `Authorization: Bearer` request; the pages
    authenticate by cookie, so a bogus bearer header must not turn a form into a CSRF hole."""
    client = env.signed_in("supplier_a")
    before = _state(env)
    response = client.post(
        "/account/tokens",
        data={"name": "sneaky"},
        headers={"Authorization": "Bearer not-a-token"},
        follow_redirects=False,
    )
    assert response.status_code in {401, 403}, response.status_code
    assert _state(env) == before


# --------------------------------------------------------------------------- sessions


def test_signing_in_replaces_any_earlier_session(env: WebEnv) -> None:
    client = env.client("supplier_b")  # e.g. an attacker's own session planted in the browser
    planted, planted_data = client.cookies[SESSION_COOKIE], session_data(client)
    login(client, "ann@org-a.example")
    after = session_data(client)
    assert client.cookies[SESSION_COOKIE] != planted
    assert after["nonce"] != planted_data["nonce"] and after["uid"] != planted_data["uid"]
    login(client, "ann@org-a.example")
    again = session_data(client)
    assert again["nonce"] != after["nonce"]  # every sign-in, even as the same user


def test_signing_out_ends_the_session_even_for_a_copy_of_the_cookie(env: WebEnv) -> None:
    email = new_supplier(env)
    client, other_browser = env.client(), env.client()
    login(client, email)
    login(other_browser, email)
    copy = client.cookies[SESSION_COOKIE]
    response = client.post("/logout", data={"csrftoken": csrf(client)}, follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/reports", follow_redirects=False).status_code == 303
    replay = env.client(cookies={SESSION_COOKIE: copy})
    assert replay.get("/reports", follow_redirects=False).status_code == 303
    # Signed cookies cannot be revoked one by one: signing out ends every session of the account.
    assert other_browser.get("/reports", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("change", ["disable", "password"])
def test_disabling_or_a_new_password_ends_sessions(env: WebEnv, change: str) -> None:
    email = new_supplier(env)
    client = env.client()
    login(client, email)
    client.post("/account/tokens", data={"csrftoken": csrf(client), "name": "script"})
    assert len(_user(env, email)[1]) == 1  # the token was made
    assert client.get("/reports").status_code == 200
    with session_scope(env.engine) as db:
        if change == "disable":
            disable_user(db, email)
        else:
            user = get_user_by_email(db, email)
            assert user is not None
            set_password(db, user, "a brand new passphrase")
    assert client.get("/reports", follow_redirects=False).status_code == 303
    login(client, email, expect=401)  # the old password (or a disabled account) is refused
    if change == "password":
        login(client, email, "a brand new passphrase")


def test_a_disabled_account_cannot_use_its_api_tokens(env: WebEnv) -> None:
    email = new_supplier(env)
    client = env.client()
    login(client, email)
    page = client.post("/account/tokens", data={"csrftoken": csrf(client), "name": "script"})
    plaintext = re.search(r'value="(crp_[^"]+)"', page.text)
    assert plaintext
    script = env.client(headers={"Authorization": f"Bearer {plaintext.group(1)}"})
    assert script.get("/api/v1/assessments").status_code == 200
    with session_scope(env.engine) as db:
        disable_user(db, email)
    assert script.get("/api/v1/assessments").status_code == 401


def test_a_new_password_revokes_api_tokens(env: WebEnv) -> None:
    email = new_supplier(env)
    client = env.client()
    login(client, email)
    page = client.post("/account/tokens", data={"csrftoken": csrf(client), "name": "script"})
    plaintext = re.search(r'value="(crp_[^"]+)"', page.text)
    assert plaintext
    script = env.client(headers={"Authorization": f"Bearer {plaintext.group(1)}"})
    with session_scope(env.engine) as db:
        user = get_user_by_email(db, email)
        assert user is not None
        set_password(db, user, "a brand new passphrase")
    assert script.get("/api/v1/assessments").status_code == 401


# --------------------------------------------------------------------------- redirects

HOSTILE_NEXT = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "/reports\r\nSet-Cookie: x=1",
    "/\t/evil.example",
    "http:evil.example",
    " //evil.example",
]


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_sign_in_never_redirects_off_site(env: WebEnv, target: str) -> None:
    client = env.client()
    page = client.get("/login", params={"next": target})
    assert 'name="next" value="/reports"' in page.text
    response = client.post(
        "/login",
        data={
            "csrftoken": csrf(client, "/login"),
            "email": "ann@org-a.example",
            "password": PASSWORD,
            "next": target,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/reports"


def test_sign_in_returns_to_the_local_page_that_asked(env: WebEnv) -> None:
    target = f"/reports/{env.report_a}/print"
    redirect = env.client().get(target, follow_redirects=False)
    assert redirect.headers["location"] == f"/login?next=%2Freports%2F{env.report_a}%2Fprint"
    client = env.client()
    token = csrf(client, redirect.headers["location"])
    data = {"csrftoken": token, "email": "ann@org-a.example", "password": PASSWORD, "next": target}
    response = client.post("/login", data=data, follow_redirects=False)
    assert response.headers["location"] == target


# --------------------------------------------------------------------------- headers


def _assert_security_headers(response: httpx.Response) -> None:
    csp = response.headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'" and directives["default-src"] == "'none'"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["referrer-policy"] == "same-origin"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/login",
        "/rules",
        "/docs",
        "/reports",
        "/reports/{a}",
        "/reports/{a}.json",
        "/reports/{a}/print",
        "/account/tokens",
        "/no/such/page",
        "/reports/{b}",
        "/static/style.css",
        "/static/app.js",
        "/openapi.json",
        "/api/v1/rules",
        "/api/v1/assessments",
        "/api/v1/assessments/{b}",
    ],
)
def test_security_headers_on_pages_errors_static_files_and_the_api(env: WebEnv, path: str) -> None:
    response = env.signed_in("supplier_a").get(path.format(a=env.report_a, b=env.report_b))
    _assert_security_headers(response)
    if response.headers["content-type"].startswith("text/html"):
        # The CSP forbids inline code, so the pages must not rely on any.
        assert not re.search(r"<script(?![^>]*\ssrc=)", response.text)
        assert "<style" not in response.text and " style=" not in response.text
        assert not re.search(r"\son[a-z]+=", response.text)


def test_security_headers_on_redirects_refusals_and_the_anonymous_api(env: WebEnv) -> None:
    anonymous = env.client()
    _assert_security_headers(anonymous.get("/reports", follow_redirects=False))
    _assert_security_headers(anonymous.get("/api/v1/assessments"))
    refused = env.signed_in("supplier_a").post("/account/tokens", data={"name": "x"})
    assert refused.status_code == 403
    _assert_security_headers(refused)


def test_session_and_csrf_cookies_are_http_only_or_strict(env: WebEnv) -> None:
    client = env.client()
    page = client.get("/login")
    csrf_cookie = page.headers["set-cookie"]
    assert "SameSite=Strict" in csrf_cookie
    response = login(client, "ann@org-a.example")
    cookie = next(c for c in response.headers.get_list("set-cookie") if SESSION_COOKIE in c)
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()


# --------------------------------------------------------------------------- escaping

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'
HOSTILE_PLAN = (
    f"Carbon Reduction Plan\n\nSupplier name: Acme {SCRIPT} Ltd\n\n"
    f"Acme {IMG} Ltd is committed to achieving Net Zero emissions by 2045 {SCRIPT}.\n"
).encode()


def _assert_inert(html: str) -> None:
    assert SCRIPT not in html and "<img src=x" not in html
    assert "onerror=alert(2)>" not in html


def test_markup_in_evidence_is_escaped_in_the_anonymous_result(env: WebEnv) -> None:
    evidence = InlineChecker().check(HOSTILE_PLAN, name="p.txt").findings
    assert any(SCRIPT in e.quote for f in evidence for e in f.evidence), "no hostile evidence"
    html = upload(env.client(), HOSTILE_PLAN, "p.txt").text
    _assert_inert(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html


def test_markup_in_evidence_and_names_is_escaped_on_stored_reports_and_lists(env: WebEnv) -> None:
    client = env.signed_in("supplier_a")
    response = upload(client, HOSTILE_PLAN, f"{IMG}{SCRIPT}.txt")
    report = client.get(response.headers["location"])
    _assert_inert(report.text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report.text
    # A name that reached the database unclean (older data, another door) is still inert.
    assessment = InlineChecker().check(TINY_PLAN, name=f"{IMG}.txt")
    assert assessment.source.name == f"{IMG}.txt"
    with session_scope(env.engine) as db:
        owner = get_user_by_email(db, "ann@org-a.example")
        public_id = save_check(db, TINY_PLAN, assessment, user=owner).public_id
    for path in ["/reports", f"/reports/{public_id}", f"/reports/{public_id}/print"]:
        page = client.get(path)
        assert page.status_code == 200
        _assert_inert(page.text)
        assert "&#34;&gt;&lt;img src=x" in page.text or "&quot;&gt;&lt;img src=x" in page.text


# --------------------------------------------------------------------------- errors


def test_a_server_error_shows_a_reference_and_no_stack_trace(env: WebEnv) -> None:
    app: FastAPI = create_app(env.settings, checker=InlineChecker(), engine=env.engine)

    @app.get("/boom")
    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret detail in /srv/crp/app.py line 42")

    client = TestClient(app, raise_server_exceptions=False)
    page = client.get("/boom")
    assert page.status_code == 500
    assert "Something went wrong" in page.text and "reference" in page.text
    for leak in ["Traceback", "RuntimeError", "secret detail", "app.py", 'File "']:
        assert leak not in page.text
    _assert_security_headers(page)
    api = client.get("/api/v1/boom")
    assert api.status_code == 500 and api.json()["error"]["code"] == "internal_error"
    assert "secret" not in api.text
    _assert_security_headers(api)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebEnv]:
    """An app that accepts files of at most 2,000 bytes (SQLite: the cap is not storage)."""
    folder = tmp_path_factory.mktemp("web-small")
    with web_env("sqlite", folder, reports=False, max_file_bytes=2000) as env:
        yield env


def test_an_upload_over_the_file_limit_is_refused_with_the_form(small: WebEnv) -> None:
    client = small.client("supplier_a")
    response = upload(client, b"x" * 5000, "big.txt")
    assert response.status_code == 413
    assert "over the size limit" in response.text and 'name="file"' in response.text
    api = small.api("supplier_a").post(
        "/api/v1/assessments", files={"file": ("b.txt", b"x" * 5000)}
    )
    assert api.status_code == 413 and api.json()["error"]["code"] == "too_large"
    assert small.counts() == (0, 0)


def test_a_body_over_the_cap_gets_413_and_the_server_keeps_serving(small: WebEnv) -> None:
    client = small.client("supplier_a")
    too_big = b"x" * (small.settings.max_file_bytes + 1024 * 1024 + 10)
    response = upload(client, too_big, "huge.txt")
    assert response.status_code == 413 and "File too large" in response.text
    _assert_security_headers(response)

    # Without a Content-Length (a generator body), the cap must count while the body streams.
    body, content_type = multipart([("file", "huge.txt", too_big)])
    streamed = small.client().post(
        "/api/v1/check",
        content=(body[i : i + 65536] for i in range(0, len(body), 65536)),
        headers={"content-type": content_type},
    )
    assert streamed.status_code == 413
    assert streamed.json()["error"]["code"] == "too_large"
    assert client.get("/healthz").text == "ok"
    assert upload(client, TINY_PLAN, "small.txt").status_code == 303
    assert small.counts() == (1, 1)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\win.ini", "win.ini"),
        ("/absolute/path/plan.pdf", "plan.pdf"),
        ("plan\x00.pdf", "plan.pdf"),
        ("plan\r\nSet-Cookie: x.pdf", "plan Set-Cookie: x.pdf"),
        ("\u202etxt.exe\u202c.pdf", "txt.exe.pdf"),
        ("..", "upload"),
        ("", "upload"),
        ("Café plan 2025.pdf", "Café plan 2025.pdf"),
    ],
)
def test_an_uploaded_name_keeps_its_last_part_without_control_characters(
    raw: str, clean: str
) -> None:
    """Uploads are named by the one cleaner ingest uses (pages escape what is left)."""
    assert display_name(raw) == clean


def test_an_uploaded_path_traversal_name_is_stored_clean(env: WebEnv) -> None:
    client = env.signed_in("supplier_a")
    token = client.cookies.get(CSRF_COOKIE) or csrf(client)
    # Raw bytes in the header (httpx would percent-encode them): what a hostile script sends.
    body, content_type = multipart(
        [
            ("csrftoken", None, token.encode()),
            # Bytes of its own: the same plan as an earlier test's would be that stored check.
            ("file", "../../../etc/pass\x07wd\x1b.txt", TINY_PLAN + b"\nTraversal.\n"),
        ]
    )
    response = client.post(
        "/check", content=body, headers={"content-type": content_type}, follow_redirects=False
    )
    assert response.status_code == 303, response.text[:300]
    stored = client.get(response.headers["location"] + ".json").json()
    assert stored["source"]["name"] == "passwd.txt"


def test_a_multipart_header_without_a_space_before_boundary_is_accepted(env: WebEnv) -> None:
    # `multipart/form-data;boundary=x` is valid; asgi-csrf expects "; boundary=", so it is
    # rewritten before the CSRF check reads the form.
    client = env.fast(TestClient(env.app, raise_server_exceptions=False))
    body, real_type = multipart(
        [("csrftoken", None, csrf(client).encode()), ("file", "p.txt", TINY_PLAN)]
    )
    headers = {"content-type": real_type.replace("; boundary=", ";boundary=")}
    response = client.post("/check", content=body, headers=headers)
    assert response.status_code == 200, response.text[:300]
    assert 'class="verdict"' in response.text


MALFORMED = [
    ("multipart without boundary", "multipart/form-data", "token"),
    ("non-UTF-8 token", "multipart/form-data; boundary={boundary}", "bytes"),
]


@pytest.mark.parametrize(
    ("case", "content_type", "token"), MALFORMED, ids=[m[0] for m in MALFORMED]
)
def test_a_malformed_form_is_refused_not_a_server_error(
    env: WebEnv, case: str, content_type: str, token: str
) -> None:
    client = env.fast(TestClient(env.app, raise_server_exceptions=False))
    cookie_token = csrf(client)  # with the CSRF cookie set, the form must be read
    value = cookie_token.encode() if token == "token" else b"\xff\xfe"
    body, real_type = multipart([("csrftoken", None, value), ("file", "p.txt", TINY_PLAN)])
    boundary = real_type.split("boundary=")[1]
    headers = {"content-type": content_type.format(boundary=boundary)}
    response = client.post("/check", content=body, headers=headers)
    assert 400 <= response.status_code < 500, response.status_code


def test_a_non_utf8_urlencoded_form_is_refused_not_a_server_error(env: WebEnv) -> None:
    client = env.fast(TestClient(env.app, raise_server_exceptions=False))
    csrf(client, "/login")
    response = client.post(
        "/login",
        content=b"csrftoken=\xff\xfe&email=a",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert 400 <= response.status_code < 500, response.status_code
