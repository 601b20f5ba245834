"""A plan the checker misreads, and the corrections that settle it, for the correction tests."""

from __future__ import annotations

from typing import Any

from web_support import PLAN

# The baseline figures of PLAN (fixtures/text/plain_text_zero_scope1.txt), as a person reads them.
BASELINE_FIGURES: list[dict[str, Any]] = [
    {"fact": "baseline.scope1", "value": 0.0, "page": 1, "quote": "Scope 1 0.0", "reason": "r"},
    {"fact": "baseline.scope2", "value": 5.6, "page": 1, "quote": "Scope 2 5.6", "reason": "r"},
    {"fact": "baseline.scope3", "value": 25.8, "page": 1, "quote": "Scope 3 25.8", "reason": "r"},
    {"fact": "baseline.total", "value": 31.4, "page": 1, "quote": "Total 31.4", "reason": "r"},
]


def unread_baseline_plan() -> bytes:
    """A complete plan whose baseline figures sit in an image the checker cannot read: only
    the caption is text, so the checker finds the baseline year but no figures."""
    text = PLAN.read_text()
    start = text.index("Baseline year emissions:")
    end = text.index("Current Emissions Reporting")
    caption = "Baseline year emissions are shown in the chart below (image).\n\n"
    return (text[:start] + caption + text[end:]).encode()
