"""crp-checker: checks supplier Carbon Reduction Plans against the CRP rulebook, with evidence.

The public surface is `assess()` and the `Assessment` model; everything else is internal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crp_checker.schemas import Assessment

__version__ = "0.1.0"
__all__ = ["Assessment", "__version__", "assess"]

if TYPE_CHECKING:
    from os import PathLike


def assess(source: str | PathLike[str] | bytes, **buyer_settings: Any) -> Assessment:
    """Check one plan (a path, a URL or raw bytes) and return its Assessment.

    Keyword arguments override the buyer settings of the rulebook, for example
    `assess("plan.pdf", net_zero_deadline=2045, check_date="2025-06-01")`.
    """
    from crp_checker.pipeline import assess as _assess

    return _assess(source, **buyer_settings)
