"""Helpers for the tender web tests: a tender made through the form, bids by upload, form
posts, and the matrix and a bid's figures read back from the pages."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from lxml import html as lxml_html
from web_support import FIXTURES, csrf

PROCUREMENT_DATE = "2025-09-01"  # the fixtures' own check date (fixtures/expected/*.json)
NET_ZERO_2060 = FIXTURES / "pdf" / "net_zero_2060.pdf"
TENDER_LOCATION = re.compile(r"^/tenders/([0-9a-f]{32})$")


def create_tender(client: TestClient, **fields: str) -> str:
    """Create a tender through the form; its public id."""
    data = {
        "csrftoken": csrf(client, "/tenders"),
        "title": "Grounds maintenance 2026",
        "reference": "SMBC-2026-014",
        "procurement_date": PROCUREMENT_DATE,
        "climate_weight_percent": "15",
        "marking_scale": "0-5",
    } | fields
    response = client.post("/tenders", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text[:2000]
    found = TENDER_LOCATION.match(response.headers["location"])
    assert found, response.headers["location"]
    return found.group(1)


def add_upload(
    client: TestClient, tender: str, bidder: str, path: Path, *, token: str | None = None
) -> httpx.Response:
    """Add a bid by uploading `path` (token first, then the file, as the form sends them)."""
    return client.post(
        f"/tenders/{tender}/bids",
        data={"csrftoken": token or csrf(client, f"/tenders/{tender}"), "bidder_name": bidder},
        files={"file": (path.name, path.read_bytes(), "application/octet-stream")},
        follow_redirects=False,
    )


def post(client: TestClient, path: str, token: str, **fields: str) -> httpx.Response:
    """A form post with the CSRF token, not following the redirect."""
    return client.post(path, data={"csrftoken": token} | fields, follow_redirects=False)


def page_matrix(page: str) -> dict[str, dict[str, str]]:
    """The matrix table on a tender page: bidder -> column -> the cell's text."""
    tree = lxml_html.fromstring(page)
    rows = {}
    for row in tree.xpath("//table[contains(@class, 'tender-matrix')]/tbody/tr"):
        cells = {c.get("data-col"): " ".join(c.text_content().split()) for c in row}
        rows[cells["bidder"]] = {k: v for k, v in cells.items() if k}
    return rows


def bid_link(page: str, bidder: str) -> str:
    """The address of a bidder's bid page, from the matrix."""
    tree = lxml_html.fromstring(page)
    (href,) = tree.xpath(f"//th[@data-col='bidder']/a[normalize-space(.)='{bidder}']/@href")
    return str(href)


def bid_fields(page: str) -> dict[str, str]:
    """A bid page's result list: data-field -> its text (before any note)."""
    tree = lxml_html.fromstring(page)
    return {
        str(dd.get("data-field")): " ".join((dd.text or dd.text_content()).split())
        for dd in tree.xpath("//dl[contains(@class, 'bid-result')]/dd[@data-field]")
    }
