"""extract(): Document -> Facts. (Work in progress: returns empty Facts until the extractors land.)"""

from __future__ import annotations

from crp_checker.schemas import Document, Facts


def extract(document: Document, *, published_url: str | None = None) -> Facts:
    """Find every fact the rulebook needs, with evidence."""
    return Facts(url=published_url)
