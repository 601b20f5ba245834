"""Shared helpers for the web tests: the app on a fresh database (SQLite and PostgreSQL), an
account for every role, a stored report for each of two organisations, sign-in and CSRF.

Test modules make one `WebEnv` per backend with a module-scoped fixture (`web_env()`), so the
database, users and the two stored reports are made once per module. Checks run in-process
(`InlineChecker`) and passwords use the fast argon2 parameters, so the web tests need no
worker processes and stay quick; test_web_api.py has the one test that uses the real pool.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from databases import FAST_HASHER, PASSWORD, empty_database
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from crp_checker.checking import Checker, InlineChecker
from crp_checker.settings import Settings, get_settings
from crp_checker.store import (
    AssessmentRecord,
    Role,
    StoredFile,
    accounts,
    create_api_token,
    create_user,
    get_user_by_email,
    init_db,
    session_scope,
)
from crp_checker.web.app import CSRF_COOKIE, SESSION_COOKIE, create_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# A small plan that the pipeline reads in a few hundredths of a second.
PLAN = FIXTURES / "text" / "plain_text_zero_scope1.txt"
PLAN_PDF = FIXTURES / "pdf" / "template_compliant.pdf"
# The cheapest document the pipeline accepts as a plan (a few milliseconds): for route tests.
TINY_PLAN = b"Carbon Reduction Plan\n\nAcme Ltd is committed to Net Zero emissions by 2045.\n"

ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS, "supplier_a", "supplier_b", "evaluator", "climate", "admin"]
STAFF = ["evaluator", "climate", "admin"]
EMAILS = {
    "supplier_a": "ann@org-a.example",
    "supplier_b": "bob@org-b.example",
    "evaluator": "eve@council.example",
    "climate": "cat@council.example",
    "admin": "ada@council.example",
}
ORGANISATIONS = {"supplier_a": "Org A Ltd", "supplier_b": "Org B Ltd"}
ACCOUNT_ROLES = {
    "supplier_a": Role.SUPPLIER,
    "supplier_b": Role.SUPPLIER,
    "evaluator": Role.EVALUATOR,
    "climate": Role.CLIMATE,
    "admin": Role.ADMIN,
}
CSRF_FIELD = re.compile(r'name="csrftoken" value="([^"]+)"')
REPORT_LOCATION = re.compile(r"^/reports/([0-9a-f]{32})$")


@dataclass
class WebEnv:
    """An app on its own database, with users, API tokens and a stored report per supplier."""

    app: FastAPI
    engine: Engine
    settings: Settings
    folder: Path
    tokens: dict[str, str] = field(default_factory=dict)  # role -> API token
    report_a: str = ""
    report_b: str = ""
    portal: BlockingPortal | None = None
    _signed_in: dict[str, TestClient] = field(default_factory=dict)

    def signed_in(self, role: str) -> TestClient:
        """A browser signed in as `role`, kept for the module (cheaper than signing in anew);
        tests that end its session call `forget(role)`."""
        if role not in self._signed_in:
            self._signed_in[role] = self.client(role)
        return self._signed_in[role]

    def forget(self, role: str) -> None:
        """Drop the kept browser of `role` (its session was ended)."""
        self._signed_in.pop(role, None)

    def client(self, role: str = ANONYMOUS, **options: Any) -> TestClient:
        """A new browser: signed in as `role` unless anonymous."""
        client = self.fast(TestClient(self.app, **options))
        if role != ANONYMOUS:
            login(client, EMAILS[role])
        return client

    def api(self, role: str = ANONYMOUS) -> TestClient:
        """A script without cookies, sending `role`'s API token (none for anonymous)."""
        client = self.fast(TestClient(self.app))
        if role != ANONYMOUS:
            client.headers["Authorization"] = f"Bearer {self.tokens[role]}"
        return client

    def fast(self, client: TestClient) -> TestClient:
        """Share the module's event-loop thread: a TestClient otherwise starts one per request
        (about 5 ms each). Setting `portal` is what `with TestClient(...)` does, minus the
        lifespan, which the tests do not want run for every browser."""
        client.portal = self.portal
        return client

    def count(self, model: type[Any] = AssessmentRecord) -> int:
        """How many rows a table has (to prove that something was, or was not, stored)."""
        with session_scope(self.engine) as db:
            return db.scalar(select(func.count()).select_from(model)) or 0

    def counts(self) -> tuple[int, int]:
        """(assessments, stored files)."""
        return self.count(AssessmentRecord), self.count(StoredFile)

    def new_token(self, role: str, name: str = "test") -> tuple[int, str]:
        """A fresh API token for `role`: (its id, its plaintext)."""
        with session_scope(self.engine) as db:
            user = get_user_by_email(db, EMAILS[role])
            assert user is not None
            plaintext, token = create_api_token(db, user, name)
            return token.id, plaintext

    def add_user(
        self, email: str, role: Role = Role.SUPPLIER, organisation: str | None = None
    ) -> None:
        """One more account with the shared password (for tests that disable or change it)."""
        with session_scope(self.engine) as db:
            create_user(db, email, PASSWORD, role, organisation)


def page_token(html: str) -> str:
    """The CSRF token in a page's form."""
    found = CSRF_FIELD.search(html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def csrf(client: TestClient, path: str = "/") -> str:
    """Open `path` and return the CSRF token its form carries (the cookie is set with it)."""
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return page_token(response.text)


def login(
    client: TestClient, email: str, password: str = PASSWORD, *, expect: int = 303
) -> httpx.Response:
    """Sign in through the form, as a browser does; asserts the status (303 on success)."""
    token = csrf(client, "/login")
    response = client.post(
        "/login",
        data={"csrftoken": token, "email": email, "password": password},
        follow_redirects=False,
    )
    assert response.status_code == expect, (email, response.status_code, response.text[:300])
    return response


def upload(
    client: TestClient,
    data: bytes,
    name: str = "plan.txt",
    *,
    token: str | None = None,
    content_type: str = "text/plain",
) -> httpx.Response:
    """POST /check with a file, as the form sends it (the token first, then the file)."""
    token = token if token is not None else csrf(client, "/")
    return client.post(
        "/check",
        data={"csrftoken": token},
        files={"file": (name, data, content_type)},
        follow_redirects=False,
    )


def stored_report(client: TestClient, data: bytes, name: str = "plan.txt") -> str:
    """Upload as a signed-in user and return the new report's public id."""
    response = upload(client, data, name)
    assert response.status_code == 303, response.text[:500]
    found = REPORT_LOCATION.match(response.headers["location"])
    assert found, response.headers["location"]
    return found.group(1)


def session_data(client: TestClient) -> dict[str, Any]:
    """The decoded payload of the client's session cookie (Starlette signs, not encrypts, it)."""
    cookie = client.cookies.get(SESSION_COOKIE)
    assert cookie, "no session cookie"
    payload = cookie.split(".", 1)[0]
    decoded: dict[str, Any] = json.loads(base64.b64decode(payload + "=" * (-len(payload) % 4)))
    return decoded


def multipart(parts: list[tuple[str, str | None, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body with the parts in the given order: (name, filename, value).

    httpx always puts plain fields before files; CSRF tests need other orders.
    """
    boundary = "----crp" + secrets.token_hex(8)
    chunks = []
    for name, filename, value in parts:
        disposition = f'form-data; name="{name}"'
        headers = f"Content-Disposition: {disposition}"
        if filename is not None:
            headers += f'; filename="{filename}"\r\nContent-Type: application/octet-stream'
        chunks.append(f"--{boundary}\r\n{headers}\r\n\r\n".encode() + value + b"\r\n")
    body = b"".join(chunks) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


@contextmanager
def web_env(
    backend: str,
    folder: Path,
    *,
    checker: Checker | None = None,
    reports: bool = True,
    **settings: Any,
) -> Iterator[WebEnv]:
    """The app on a new `backend` database in `folder`, with every role's account and token,
    and (with `reports`) one stored report each for organisations A and B, made by upload."""
    with (
        pytest.MonkeyPatch.context() as patch,
        empty_database(backend, folder) as engine,
        start_blocking_portal() as portal,
    ):
        # The file store reads data_dir from the process settings, the app from its own.
        patch.setenv("CRP_DATA_DIR", str(folder))
        get_settings.cache_clear()
        patch.setattr(accounts, "hasher", FAST_HASHER)
        accounts._dummy_hash.cache_clear()
        init_db(engine)
        # Tests send hundreds of anonymous checks from one address; test_web_fairuse.py sets
        # the limit it tests.
        settings.setdefault("anonymous_checks_per_hour", 1_000_000)
        config = Settings(data_dir=folder, secret_key="web-tests-" + "k" * 40, **settings)
        app = create_app(config, checker=checker or InlineChecker(), engine=engine)
        env = WebEnv(app=app, engine=engine, settings=config, folder=folder, portal=portal)
        with session_scope(engine) as db:
            for role, email in EMAILS.items():
                user = create_user(
                    db, email, PASSWORD, ACCOUNT_ROLES[role], ORGANISATIONS.get(role)
                )
                env.tokens[role], _ = create_api_token(db, user, f"{role} script")
        if reports:
            plan = PLAN.read_bytes()
            env.report_a = stored_report(env.client("supplier_a"), plan, "org-a-plan.txt")
            env.report_b = stored_report(env.client("supplier_b"), plan, "org-b-plan.txt")
        try:
            yield env
        finally:
            accounts._dummy_hash.cache_clear()
            get_settings.cache_clear()


__all__ = [
    "ANONYMOUS",
    "CSRF_COOKIE",
    "EMAILS",
    "PASSWORD",
    "PLAN",
    "PLAN_PDF",
    "ROLES",
    "SESSION_COOKIE",
    "STAFF",
    "TINY_PLAN",
    "WebEnv",
    "csrf",
    "login",
    "multipart",
    "page_token",
    "session_data",
    "stored_report",
    "upload",
    "web_env",
]
