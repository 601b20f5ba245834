"""The HTML report: one page that works as a standalone file and inside the web app."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from markupsafe import Markup

from crp_checker.report.environment import get_environment
from crp_checker.report.summary import report_context
from crp_checker.schemas import Assessment


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The report stylesheet, inlined into standalone HTML and served as /static/style.css."""
    return files("crp_checker").joinpath("static/style.css").read_text(encoding="utf-8")


def render_html(assessment: Assessment, *, standalone: bool = True) -> str:
    """The HTML report; standalone inlines the CSS (one file, no external resources)."""
    context = report_context(assessment) | {"standalone": standalone}
    if standalone:
        context["stylesheet"] = Markup(stylesheet())  # trusted package file, not user input
    return get_environment().get_template("report.html").render(context)
