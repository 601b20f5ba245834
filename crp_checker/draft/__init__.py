"""Draft a Carbon Reduction Plan in the official template's structure from the facts read
from a plan and the supplier's answers (the `draft` command and the web plan builder)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from crp_checker.draft.answers import (
    Answers,
    AnswersError,
    FieldError,
    facts_to_answers,
    overlay,
)
from crp_checker.draft.document import DraftPlan, build_plan
from crp_checker.draft.fields import FIELDS, SECTION_TITLES, Field, all_fields
from crp_checker.draft.render import render_docx, render_plan_html
from crp_checker.errors import CRPError
from crp_checker.schemas import Assessment

__all__ = [
    "FIELDS",
    "SECTION_TITLES",
    "Answers",
    "AnswersError",
    "DraftPlan",
    "Field",
    "FieldError",
    "all_fields",
    "draft",
    "facts_to_answers",
    "render_docx",
    "render_plan_html",
    "write_draft",
]
FORMATS = {".docx": "docx", ".html": "html", ".htm": "html"}


def draft(
    assessment: Assessment | None, raw: Mapping[str, Any], *, today: dt.date | None = None
) -> DraftPlan:
    """The plan: the facts read from `assessment` (if any) overlaid with the answers `raw`."""
    base = facts_to_answers(assessment.facts) if assessment is not None else Answers()
    return build_plan(overlay(base, raw, today=today))


def write_draft(plan: DraftPlan, out: Path) -> None:
    """Write the plan as DOCX or HTML, chosen by the file's extension."""
    kind = FORMATS.get(out.suffix.lower())
    if kind is None:
        raise CRPError(
            f"{out.name}: a draft is written as .docx or .html.",
            "Name the output file plan.docx or plan.html.",
        )
    data = render_docx(plan) if kind == "docx" else render_plan_html(plan).encode("utf-8")
    out.write_bytes(data)
