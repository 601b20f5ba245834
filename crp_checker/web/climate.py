"""The climate team's dashboard and support list (issue 6), and what its pages share.

Only the climate team and admins use these pages: other roles get 403 on the list pages and
404 on a supplier's address. Tender evaluators are refused too: the register holds each
supplier's spend and contact details, which scoring a bid does not need, and every stored
check is already open to them under /reports.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from crp_checker.errors import CRPError
from crp_checker.formatting import money
from crp_checker.formatting import share as as_share
from crp_checker.suppliers import (
    build_dashboard,
    build_support_list,
    category_chart,
    definitions,
    maturity_chart,
    renewal_window_months,
    spend_categories,
    support_list_csv,
    trend_chart,
)
from crp_checker.suppliers.dashboard import Share
from crp_checker.support import load_routes
from crp_checker.web.deps import ClimateUser, SessionDep
from crp_checker.web.render import climate_context, render

MAX_SPEND_TEXT = 20

dashboard_router = APIRouter(prefix="/dashboard", include_in_schema=False)
support_router = APIRouter(prefix="/support", include_in_schema=False)


def share_cells(share: Share) -> dict[str, str]:
    """A measure's two cells: suppliers and spend, each as "n of m (p%)"."""
    return {
        "count": f"{share.count} of {share.of} ({as_share(share.share)})",
        "spend": f"{money(share.spend)} of {money(share.of_spend)} ({as_share(share.spend_share)})",
    }


class BadFilterError(CRPError):
    """A filter the support list cannot apply (the minimum spend is not an amount)."""

    code = "bad_filter"
    http_status = 400
    default_hint = "Give the minimum annual spend in pounds, for example 25000, or leave it empty."


def parse_spend(text: str | None) -> Decimal | None:
    """The minimum-spend filter: "25,000" or "£25000" -> Decimal; empty -> None."""
    cleaned = (text or "").strip().replace(",", "").removeprefix("£").strip()
    if not cleaned:
        return None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        amount = Decimal("NaN")
    if len(cleaned) > MAX_SPEND_TEXT or not amount.is_finite() or amount < 0:
        raise BadFilterError(f"{text!r} is not an amount of money.")
    return amount


# --------------------------------------------------------------------------- dashboard


@dashboard_router.get("", response_class=HTMLResponse)
def dashboard(request: Request, db: SessionDep, user: ClimateUser) -> HTMLResponse:
    """How ready the supply chain is, by count and by spend, now and by quarter."""
    board = build_dashboard(db)
    defined = definitions(board)
    measures = [
        ("compliant", defined["compliant"].label, board.compliant),
        ("net-zero-deadline", defined["net_zero_deadline"].label, board.net_zero_deadline_share),
        ("net-zero-local", defined["net_zero_local"].label, board.net_zero_local),
        ("scope3", defined["measuring_scope3"].label, board.measuring_scope3),
    ]
    context = climate_context() | {
        "board": board,
        "defined": defined,
        "measures": [(key, label, share, share_cells(share)) for key, label, share in measures],
        "charts": [trend_chart(board), maturity_chart(board), category_chart(board)],
    }
    return render(request, "climate_dashboard.html", context, user=user)


# --------------------------------------------------------------------------- support list


def _support_filters(
    db: Session, route: str | None, category: str | None, min_spend: str | None
) -> dict[str, Any]:
    """The filters as chosen, with unknown route or category ids dropped (a stale link)."""
    routes = load_routes()
    categories = spend_categories(db)
    return {
        "route": route if route in {r.id for r in routes} else None,
        "category": category if category in categories else None,
        "min_spend_text": (min_spend or "").strip()[:MAX_SPEND_TEXT],
        "routes": routes,
        "categories": categories,
    }


@support_router.get("", response_class=HTMLResponse)
def support(
    request: Request,
    db: SessionDep,
    user: ClimateUser,
    route: str | None = None,
    category: str | None = None,
    min_spend: str | None = None,
) -> HTMLResponse:
    """Suppliers with gaps, grouped by the support route that helps, with filters."""
    filters = _support_filters(db, route, category, min_spend)
    status, extra = 200, {}
    try:
        spend = parse_spend(min_spend)
    except BadFilterError as error:
        spend, status, extra = None, error.http_status, {"error": error}
    listed = build_support_list(
        db, route=filters["route"], category=filters["category"], min_spend=spend
    )
    query = {
        "route": filters["route"] or "",
        "category": filters["category"] or "",
        "min_spend": "" if spend is None else str(spend),
    }
    context = climate_context() | filters | extra
    context |= {"listed": listed, "query": query, "renewal_months": renewal_window_months()}
    return render(request, "climate_support.html", context, user=user, status=status)


@support_router.get("/export.csv")
def support_export(
    db: SessionDep,
    user: ClimateUser,
    route: str | None = None,
    category: str | None = None,
    min_spend: str | None = None,
) -> Response:
    """The support list as CSV (the same filters as the page)."""
    filters = _support_filters(db, route, category, min_spend)
    listed = build_support_list(
        db,
        route=filters["route"],
        category=filters["category"],
        min_spend=parse_spend(min_spend),
    )
    text = support_list_csv(listed)
    name = f"support-list-{dt.date.today().isoformat()}.csv"
    return Response(
        text.encode("utf-8-sig"),  # the BOM makes Excel read the £ signs as UTF-8
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
