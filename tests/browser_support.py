"""Support for the browser tests: Debian's Chromium, axe-core from npm, and a live server.

The app runs in uvicorn on a thread of the test process (so tests can seed its database and
patch its password hasher), on a free port of 127.0.0.1. Chromium is the system's
(`/usr/bin/chromium` from Debian, or `CRP_CHROMIUM`), never a browser Playwright downloads.
axe-core comes from the npm registry: `npm ci --prefix tests/browser` puts it in
tests/browser/node_modules. Without either, the tests skip locally and fail under `CI`.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from databases import FAST_HASHER, PASSWORD
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, Response, sync_playwright
from shared_data import unavailable
from sqlalchemy import Engine

from crp_checker.checking import Checker, InlineChecker
from crp_checker.settings import Settings, get_settings
from crp_checker.store import Role, accounts, create_engine_for, create_user, init_db, session_scope
from crp_checker.web.app import create_app

CHROMIUM_VARIABLE = "CRP_CHROMIUM"
AXE_JS = Path(__file__).parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA, as UK public sector sites must meet (axe tags each rule with the levels it tests).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
SERVER_START_SECONDS = 30.0

# The seeded accounts: email -> (role, organisation). All use databases.PASSWORD.
SUPPLIER_A = "alice@supplier-a.co.uk"
SUPPLIER_B = "bob@supplier-b.co.uk"
EVALUATOR = "evaluator@council.gov.uk"
CLIMATE = "climate@council.gov.uk"
ADMIN = "admin@council.gov.uk"
USERS: dict[str, tuple[Role, str | None]] = {
    SUPPLIER_A: (Role.SUPPLIER, "Supplier A Ltd"),
    SUPPLIER_B: (Role.SUPPLIER, "Supplier B Ltd"),
    EVALUATOR: (Role.EVALUATOR, None),
    CLIMATE: (Role.CLIMATE, None),
    ADMIN: (Role.ADMIN, None),
}


def chromium_path() -> str:
    """The system Chromium: CRP_CHROMIUM, else `chromium` (or `chromium-browser`) on PATH."""
    configured = os.environ.get(CHROMIUM_VARIABLE)
    if configured:
        if Path(configured).is_file():
            return configured
        unavailable(f"{CHROMIUM_VARIABLE}={configured} does not exist")
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        unavailable(
            f"no chromium on PATH: apt-get install chromium, or set {CHROMIUM_VARIABLE} "
            "(Playwright's own browser downloads are not used)"
        )
    return found


def axe_script() -> Path:
    """axe-core's browser build, installed from npm by `npm ci --prefix tests/browser`."""
    if not AXE_JS.is_file():
        unavailable(f"axe-core is not installed: run `npm ci --prefix tests/browser` ({AXE_JS})")
    return AXE_JS


@dataclass
class LiveServer:
    """A running app: its base URL, the app and the engine of its (fresh) database.

    The app's sign-in throttle is real: at most 20 wrong passwords per address in 15 minutes
    (successful sign-ins are not counted), so a module's tests share that budget.
    """

    base_url: str
    app: FastAPI
    engine: Engine

    def url(self, path: str) -> str:
        return self.base_url + path


def seed_users(engine: Engine) -> None:
    """Two suppliers in different organisations and one account of each council role."""
    with session_scope(engine) as db:
        for email, (role, organisation) in USERS.items():
            create_user(db, email, PASSWORD, role, organisation)


@contextmanager
def live_server(data_dir: Path, checker: Checker | None) -> Iterator[LiveServer]:
    """The app in uvicorn on a thread, on a new SQLite database in `data_dir`, users seeded.

    `checker=None` lets the app start its real worker pool (isolated parse processes).
    The settings cache points at `data_dir` (the file store reads it) and password hashing is
    made fast for the duration; both are restored afterwards.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CRP_DATA_DIR", str(data_dir))
        patch.setattr(accounts, "hasher", FAST_HASHER)
        get_settings.cache_clear()
        settings = Settings(data_dir=data_dir)
        engine = create_engine_for(settings.sqlalchemy_url)
        init_db(engine)
        seed_users(engine)
        app = create_app(settings, checker=checker, engine=engine)
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))  # port 0: the system picks a free one, no race
        port = listener.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [listener]}, name="uvicorn", daemon=True
        )
        thread.start()
        try:
            deadline = time.monotonic() + SERVER_START_SECONDS
            while not server.started:
                if not thread.is_alive() or time.monotonic() > deadline:
                    raise RuntimeError("the test server did not start")
                time.sleep(0.02)
            yield LiveServer(f"http://127.0.0.1:{port}", app, engine)
        finally:
            server.should_exit = True
            thread.join(timeout=SERVER_START_SECONDS)
            listener.close()
            engine.dispose()
            get_settings.cache_clear()


def sign_in(page: Page, server: LiveServer, email: str, password: str = PASSWORD) -> Response:
    """Fill in and send the sign-in form as a person would; the response the browser got."""
    page.goto(server.url("/login"))
    page.fill("#email", email)
    page.fill("#password", password)
    return submit(page, "form.login-form button[type=submit]")


def submit(page: Page, button: str) -> Response:
    """Click a form's button and wait for the page it leads to (after any redirect)."""
    with page.expect_navigation() as navigation:
        page.click(button)
    response = navigation.value
    assert response is not None
    return response


def upload(page: Page, server: LiveServer, plan: Path) -> Response:
    """Check a plan through the home page's file input."""
    page.goto(server.url("/"))
    page.set_input_files("#file", str(plan))
    return submit(page, "form.check-form button[type=submit]")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Serious and critical WCAG 2.2 A/AA violations axe-core finds on the current page.

    The page's context must have been made with `bypass_csp=True`: the app's CSP allows only
    its own scripts, and Playwright injects axe as an inline script.
    """
    page.add_script_tag(path=str(axe_script()))
    # Only violations are collected: listing every passing element too doubles the run time.
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results: dict[str, Any] = page.evaluate("options => axe.run(document, options)", options)
    return [v for v in results["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def describe_violations(where: str, violations: list[dict[str, Any]]) -> str:
    """A readable account of violations: the rule, its impact, help link and each element."""
    lines = [f"{where}: {len(violations)} serious or critical accessibility violation(s)"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl']}]"
        )
        for node in violation["nodes"][:5]:
            target = " ".join(str(part) for part in node.get("target", []))
            summary = " ".join(str(node.get("failureSummary", "")).split())
            lines.append(f"    {target}: {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


# Fixtures for every browser test module (registered in conftest.py as a plugin).


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless; axe-core must be there too (every module audits pages)."""
    executable = chromium_path()
    axe_script()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app on a fresh SQLite database, checking in process (the pool has its own test)."""
    with live_server(tmp_path_factory.mktemp("web"), InlineChecker()) as live:
        yield live
