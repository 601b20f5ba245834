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
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine

from crp_checker.checking import CheckingService
from crp_checker.report.wording import VERDICT_LABELS
from crp_checker.settings import Settings
from crp_checker.store.models import utcnow
from crp_checker.suppliers.screening import SupplierToScreen, screen, suppliers_to_screen
from crp_checker.web.deps import CheckingDep, ClimateUser, SessionDep, SettingsDep
from crp_checker.web.render import climate_context, render

router = APIRouter(prefix="/suppliers", include_in_schema=False)
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
    service: CheckingService,
    engine: Engine,
    settings: Settings,
    suppliers: list[SupplierToScreen],
    progress: Progress,
    user_id: int | None,
) -> None:
    """Screen the suppliers (as many at once as there are parse workers), saving progress
    after each one."""
    try:
        for screened in screen(service, engine, suppliers, user_id):
            progress.results.append(asdict(screened))
            _write(settings, progress)
    finally:
        progress.finished_at = utcnow().isoformat()
        _write(settings, progress)


@router.post("/screening")
def start(
    request: Request,
    db: SessionDep,
    user: ClimateUser,
    settings: SettingsDep,
    service: CheckingDep,
) -> Response:
    """Start re-checking every supplier with a CRP URL, unless a screening is running."""
    with _START:
        current = read_progress(settings)
        if current is None or not current.running:
            suppliers = suppliers_to_screen(db)
            progress = Progress(
                started_at=utcnow().isoformat(), started_by=user.email, total=len(suppliers)
            )
            _write(settings, progress)
            thread = threading.Thread(
                target=run_screening,
                args=(service, request.app.state.engine, settings, suppliers),
                kwargs={"progress": progress, "user_id": user.id},
                name="crp-screening",
                daemon=True,
            )
            thread.start()
            request.app.state.screening_thread = thread
    return RedirectResponse("/suppliers/screening", status_code=303)


@router.get("/screening", response_class=HTMLResponse)
def screening(
    request: Request, user: ClimateUser, settings: SettingsDep, refresh: str = "on"
) -> HTMLResponse:
    """The progress of the latest screening; refreshes itself while it runs (can be stopped)."""
    progress = read_progress(settings)
    context = climate_context() | {
        "progress": progress,
        "verdict_labels_by_value": {v.value: label for v, label in VERDICT_LABELS.items()},
        "refresh": REFRESH_SECONDS
        if progress is not None and progress.running and refresh != "off"
        else None,
    }
    return render(request, "climate_screening.html", context, user=user)
