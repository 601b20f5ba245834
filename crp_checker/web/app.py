"""The FastAPI application: `create_app()` wires storage, the worker pool, security and pages.

Layers, outermost first: security headers -> request-size cap -> CSRF check (asgi-csrf,
double-submit cookie, on every form and cookie-authenticated API call) -> signed session
cookie -> routes. `crp-checker serve` (and `make run`) run it with uvicorn.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, cast

from asgi_csrf import asgi_csrf
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.middleware.sessions import SessionMiddleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from crp_checker import __version__
from crp_checker.checking import Checker, CheckingService
from crp_checker.patterns import required_patterns
from crp_checker.settings import PACKAGE_DIR, Settings, get_settings
from crp_checker.store import create_engine_for, init_db
from crp_checker.store.files import sweep_temp_files
from crp_checker.web import (
    account,
    admin,
    api,
    api_corrections,
    api_suppliers,
    api_tenders,
    builder,
    climate,
    csrf,
    docs,
    errors,
    pages,
    reset,
    review,
    screening,
    supplier_page,
    suppliers,
    tender_bids,
    tenders,
)
from crp_checker.web.auth import LoginThrottle
from crp_checker.web.fairuse import FairUse
from crp_checker.web.hygiene import APP_DEPENDENCIES
from crp_checker.web.security import (
    BodyLimit,
    KeepConnection,
    Scope,
    SecurityHeaders,
    Send,
    send_plain_error,
)

log = logging.getLogger("crp_checker.web")
SESSION_COOKIE = "crp_session"
CSRF_COOKIE = "crp_csrftoken"
# Room for the multipart framing and form fields around the largest accepted file.
FORM_OVERHEAD_BYTES = 1024 * 1024
# Forms that must carry a CSRF token even from a browser without cookies (login CSRF).
ALWAYS_PROTECT = {"/login", "/logout", "/reset"}

DESCRIPTION = """Checks supplier Carbon Reduction Plans against the PPN 006 rulebook.

`POST /api/v1/check` is anonymous and stores nothing. The other calls need an API token, made
on the account page and sent as `Authorization: Bearer <token>`.
"""


def secret_key(settings: Settings) -> str:
    """CRP_SECRET_KEY, or a random key kept in data_dir (created once, readable only by us)."""
    if settings.secret_key:
        return settings.secret_key
    path = settings.data_dir / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    key = secrets.token_urlsafe(48)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key)
    return key


async def csrf_failed(scope: Scope, send: Send, message_id: Any) -> None:
    """asgi-csrf's refusal, said plainly (JSON for the API)."""
    await send_plain_error(
        scope,
        send,
        403,
        title="Form not accepted",
        message="This form has expired or was sent from another site, so it was not accepted.",
        hint="Go back, reload the page and send the form again.",
        code="csrf",
    )


class CheckerApp(FastAPI):
    """FastAPI, with `KeepConnection` outside even Starlette's own error layer."""

    def build_middleware_stack(self) -> Any:
        return KeepConnection(super().build_middleware_stack())


def create_app(
    settings: Settings | None = None,
    *,
    checker: Checker | None = None,
    engine: Engine | None = None,
) -> FastAPI:
    """The app. Tests pass their own settings, checker and engine; `serve` passes none."""
    settings = settings or get_settings()
    engine = engine or create_engine_for(settings.sqlalchemy_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        required_patterns(settings.patterns_dir)  # a broken install refuses to serve
        init_db(engine)
        if settings.data_dir.resolve() != get_settings().data_dir.resolve():
            # The file store follows CRP_DATA_DIR (it is shared with the CLI and reassess).
            log.warning(
                "uploaded plans go to %s (CRP_DATA_DIR), not to this app's data_dir %s",
                get_settings().data_dir,
                settings.data_dir,
            )
        swept = sweep_temp_files()
        if swept:
            log.warning("removed %d temp files left by an interrupted upload", swept)
        own_pool = checker is None
        if own_pool:
            # The app's settings, not the process-wide ones: tests and embedders pass their own.
            app.state.checking = CheckingService.isolated(settings)
        log.info("crp-checker %s serving; database %s", __version__, engine.url.render_as_string())
        try:
            yield
        finally:
            if own_pool:
                app.state.checking.close()

    app = CheckerApp(
        title="crp-checker",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        dependencies=APP_DEPENDENCIES,
    )
    app.state.settings = settings
    app.state.engine = engine
    # Every check goes through this service: the isolated worker pool, started at start-up.
    app.state.checking = (
        None
        if checker is None
        else CheckingService(checker, settings=settings, threads=getattr(checker, "size", 1))
    )
    app.state.throttle = LoginThrottle()
    app.state.fair_use = FairUse(settings, slots=getattr(checker, "size", None))

    app.include_router(pages.router)
    app.include_router(builder.router)
    app.include_router(account.router)
    app.include_router(admin.router)
    app.include_router(reset.router)
    app.include_router(docs.router)
    app.include_router(api.router)
    app.include_router(api_suppliers.router)
    app.include_router(api_tenders.router)
    app.include_router(api_corrections.router)
    app.include_router(review.router)
    app.include_router(tenders.router)
    app.include_router(tender_bids.router)
    # Before a supplier's page, so /suppliers/screening and /suppliers/link are not read as
    # supplier ids.
    app.include_router(screening.router)
    app.include_router(suppliers.router)
    app.include_router(supplier_page.router)
    app.include_router(climate.dashboard_router)
    app.include_router(climate.support_router)
    app.mount("/static", StaticFiles(directory=Path(PACKAGE_DIR) / "static"), name="static")
    errors.install(app)

    key = secret_key(settings)
    csrf.install()
    app.add_middleware(
        SessionMiddleware,
        secret_key=key,
        session_cookie=SESSION_COOKIE,
        max_age=settings.session_max_age_seconds,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.add_middleware(cast(Any, csrf.MarkReached))
    app.add_middleware(
        cast(Any, asgi_csrf),
        signing_secret=key,
        cookie_name=CSRF_COOKIE,
        cookie_secure=settings.secure_cookies,
        cookie_samesite="Strict",
        always_protect=ALWAYS_PROTECT,
        skip_if_scope=lambda scope: csrf.api_call_without_session(scope, SESSION_COOKIE),
        send_csrf_failed=csrf_failed,
    )
    app.add_middleware(cast(Any, csrf.CsrfGuard))
    app.add_middleware(cast(Any, csrf.PagesIgnoreBearer))
    app.add_middleware(
        cast(Any, BodyLimit),
        max_bytes=settings.max_file_bytes + FORM_OVERHEAD_BYTES,
        file_limit=settings.max_file_bytes,
    )
    app.add_middleware(cast(Any, SecurityHeaders), hsts=settings.secure_cookies)
    if settings.forwarded_allow_ips.strip():
        # Outermost: every layer (throttles, fair use, logs) sees the client's own address.
        app.add_middleware(
            cast(Any, ProxyHeadersMiddleware), trusted_hosts=settings.forwarded_allow_ips
        )
    return app
