"""Rendering pages: the report's Jinja environment plus what every page needs (user, CSRF), and
the helpers pages share."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from crp_checker.formatting import megabytes
from crp_checker.report.environment import get_environment
from crp_checker.store import Role, User
from crp_checker.suppliers.charts import MATURITY_NAMES, render_table

ROLE_LABELS = {
    Role.SUPPLIER: "Supplier",
    Role.EVALUATOR: "Tender evaluator",
    Role.CLIMATE: "Climate team",
    Role.ADMIN: "Administrator",
}


def climate_context() -> dict[str, Any]:
    """What every climate team page's template uses beyond the formatting helpers."""
    return {"maturity_names": MATURITY_NAMES, "render_table": render_table}


def csrf_token(request: Request) -> str:
    """The CSRF token forms must send back (asgi-csrf sets the matching cookie)."""
    getter = request.scope.get("csrftoken")
    return str(getter()) if callable(getter) else ""


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    user: User | None = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """An HTML page from `templates/web/`; autoescaped, so plan text is always inert."""
    page = get_environment().get_template(f"web/{template}")
    html = page.render(
        {
            "request_path": request.url.path,
            "user": user,
            "role_labels": ROLE_LABELS,
            "csrf_token": csrf_token(request),
            "max_upload_mb": megabytes(request.app.state.settings.max_file_bytes, unit=False),
        }
        | (context or {})
    )
    return HTMLResponse(html, status_code=status, headers=headers)
