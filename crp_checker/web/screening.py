"""Screening from the register page: re-check every supplier with a CRP URL in a background
thread, with its progress on /suppliers/screening.

The progress lives in a JSON file in the data folder rather than in memory, because `serve`
runs several processes and the page may be answered by another one than the one screening.
One screening runs at a time; a run whose file has not moved for STALE_AFTER (its process
died) may be replaced.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine

from crp_checker.report.wording import VERDICT_LABELS
from crp_checker.schemas import Assessment
from crp_checker.settings import Settings
from crp_checker.store import session_scope
from crp_checker.store.models import utcnow
from crp_checker.suppliers.screening import Screened, Target, screen_one, screening_targets
from crp_checker.web import checking
from crp_checker.web.checking import Checker
from crp_checker.web.climate import climate_context, climate_user
from crp_checker.web.render import render

router = APIRouter(include_in_schema=False)
STATE_FILE = "screening.json"
STALE_AFTER = dt.timedelta(minutes=15)
REFRESH_SECONDS = 5
_START = threading.Lock()


@dataclass
class Progress:
    """A screening run as the progress page shows it."""

    started_at: str
    started_by: str
    total: int
    results: list[dict[str, Any]] = field(default_factory=list)
    updated_at: str = ""
    finished_at: str | None = None

    @property
    def done(self) -> int:
        return len(self.results)

    @property
    def failed(self) -> int:
        return sum(1 for result in self.results if result.get("error"))

    @property
    def running(self) -> bool:
        if self.finished_at is not None:
            return False
        updated = dt.datetime.fromisoformat(self.updated_at or self.started_at)
        return utcnow() - updated < STALE_AFTER


def _path(settings: Settings) -> Path:
    return Path(settings.data_dir) / STATE_FILE


def read_progress(settings: Settings) -> Progress | None:
    """The latest run, or None before the first one (or if its file is unreadable)."""
    try:
        raw = json.loads(_path(settings).read_text(encoding="utf-8"))
        return Progress(**raw)
    except (OSError, ValueError, TypeError):
        return None


def _write(settings: Settings, progress: Progress) -> None:
    """Replace the file atomically, so a reader never sees half of it."""
    progress.updated_at = utcnow().isoformat()
    path = _path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    temporary.write_text(json.dumps(asdict(progress)), encoding="utf-8")
    temporary.replace(path)


def run_screening(
    engine: Engine,
    settings: Settings,
    checker: Checker,
    targets: list[Target],
    progress: Progress,
    user_id: int | None,
) -> None:
    """Screen `targets`, a few at a time (as many as there are parse workers), saving progress
    after each supplier."""
    lock = threading.Lock()

    def fetch(url: str) -> tuple[bytes, str, str]:
        return checking.fetch_plan(url, settings)

    def check(data: bytes, name: str, url: str) -> Assessment:
        return checker.check(data, name=name, url=url)

    def one(target: Target) -> None:
        screened: Screened = screen_one(engine, target, fetch, check, user_id)
        with lock:
            progress.results.append(asdict(screened))
            _write(settings, progress)

    try:
        with ThreadPoolExecutor(max_workers=max(1, settings.parse_workers)) as pool:
            list(pool.map(one, targets))
    finally:
        with lock:
            progress.finished_at = utcnow().isoformat()
            _write(settings, progress)


@router.post("/screening")
def start(request: Request) -> Response:
    """Start re-checking every supplier with a CRP URL, unless a screening is running."""
    settings: Settings = request.app.state.settings
    with _START, session_scope(request.app.state.engine) as db:
        user = climate_user(db, request)
        current = read_progress(settings)
        if current is None or not current.running:
            targets = screening_targets(db)
            progress = Progress(
                started_at=utcnow().isoformat(), started_by=user.email, total=len(targets)
            )
            _write(settings, progress)
            thread = threading.Thread(
                target=run_screening,
                args=(request.app.state.engine, settings, request.app.state.checker, targets),
                kwargs={"progress": progress, "user_id": user.id},
                name="crp-screening",
                daemon=True,
            )
            thread.start()
            request.app.state.screening_thread = thread
    return RedirectResponse("/suppliers/screening", status_code=303)


@router.get("/screening", response_class=HTMLResponse)
def screening(request: Request, refresh: str = "on") -> HTMLResponse:
    """The progress of the latest screening; refreshes itself while it runs (can be stopped)."""
    with session_scope(request.app.state.engine) as db:
        user = climate_user(db, request)
    progress = read_progress(request.app.state.settings)
    context = climate_context() | {
        "progress": progress,
        "verdict_labels_by_value": {v.value: label for v, label in VERDICT_LABELS.items()},
        "refresh": REFRESH_SECONDS
        if progress is not None and progress.running and refresh != "off"
        else None,
    }
    return render(request, "climate_screening.html", context, user=user)
