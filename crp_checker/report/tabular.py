"""JSON and batch CSV output: the machine-readable twins of the human reports."""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from pydantic import TypeAdapter

from crp_checker.errors import CRPError
from crp_checker.report.wording import SCOPE_FIELDS
from crp_checker.rules.scope3 import assessment_coverage
from crp_checker.schemas import Assessment, Facts, Finding, Outcome, Period, Severity


def render_json(assessment: Assessment) -> str:
    """The Assessment as JSON: the machine-readable twin of the HTML report."""
    return assessment.model_dump_json(indent=2)


def render_json_list(assessments: Sequence[Assessment]) -> str:
    """Several Assessments as one JSON list."""
    adapter = TypeAdapter(list[Assessment])
    return adapter.dump_json(list(assessments), indent=2).decode("utf-8")


CSV_COLUMNS: tuple[str, ...] = (
    "source",
    "status",
    "error_code",
    "error",
    "error_hint",
    "verdict",
    "score",
    "maturity",
    "maturity_name",
    "organisation",
    "publication_date",
    "net_zero_year",
    "net_zero_strength",
    "baseline_label",
    "baseline_scope1",
    "baseline_scope2",
    "baseline_scope3",
    "baseline_total",
    "current_label",
    "current_scope1",
    "current_scope2",
    "current_scope3",
    "current_total",
    "derived_or_converted",
    "scope3_categories",
    "scope3_required_covered",
    "failed_mandatory_rules",
    "grounds_failed",
    "needs_review_rules",
    "partial_rules",
    "signatory",
    "signatory_role",
    "sign_off_date",
    "pages",
    "warnings",
    "check_date",
    "assessed_at",
    "rulebook_version",
    "tool_version",
    "sha256",
)
# A cell starting with one of these runs as a formula in Excel (CSV injection), and the text
# comes from untrusted documents, so such cells are prefixed with an apostrophe.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def safe_cell(value: object) -> str:
    """A value as one spreadsheet-safe CSV cell: whitespace folded, formulas made text.

    A plain number ("-12.5") is left as it is: a spreadsheet reads it as the number.
    """
    text = "" if value is None else " ".join(str(value).split())
    if text.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV for a download (CRLF line ends, as spreadsheets expect), every cell `safe_cell`; the
    one in-memory writer, beside the one file writer below."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def write_csv_file(out: Path, columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> None:
    """Write a CSV file atomically (a reader never sees half a file), every cell `safe_cell`.

    UTF-8 with a byte-order mark, because that is what Excel needs to show names correctly.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(
                {column: safe_cell(row.get(column)) for column in columns} for row in rows
            )
        temporary.replace(out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}".rstrip("0").rstrip(".")


def _rules(findings: Iterable[Finding], outcome: Outcome, mandatory: bool = False) -> str:
    return "; ".join(
        f.rule
        for f in findings
        if f.outcome == outcome and (not mandatory or f.severity == Severity.MANDATORY)
    )


def _derived(facts: Facts) -> str:
    flags = []
    for name in ("baseline", "current"):
        period: Period = getattr(facts, name)
        flags += [f"{name}.{key}: {how}" for key, how in period.derived.items()]
        if period.converted_from_kg:
            flags.append(f"{name}: converted from kgCO2e")
    return "; ".join(flags)


def csv_row(assessment: Assessment, *, source: str | None = None) -> dict[str, str]:
    """One batch CSV row for a checked plan; `source` is the input as given, if known."""
    facts = assessment.facts
    findings = assessment.findings
    row = dict.fromkeys(CSV_COLUMNS, "")
    row |= {
        "source": safe_cell(source or assessment.source.url or assessment.source.name),
        "status": "ok",
        "verdict": assessment.verdict.value,
        "score": str(assessment.score),
        "maturity": str(assessment.maturity),
        "maturity_name": safe_cell(assessment.maturity_name),
        "organisation": safe_cell(facts.organisation),
        "publication_date": facts.publication_date.isoformat() if facts.publication_date else "",
        "net_zero_year": str(facts.net_zero_year or ""),
        "net_zero_strength": facts.net_zero_strength or "",
        "derived_or_converted": safe_cell(_derived(facts)),
        "scope3_categories": "; ".join(str(n) for n in sorted(facts.scope3_categories)),
        "scope3_required_covered": assessment_coverage(assessment).text,
        "failed_mandatory_rules": _rules(findings, Outcome.FAIL, mandatory=True),
        "grounds_failed": "; ".join(assessment.grounds_failed),
        "needs_review_rules": _rules(findings, Outcome.NEEDS_REVIEW),
        "partial_rules": _rules(findings, Outcome.PARTIAL),
        "signatory": safe_cell(facts.signatory.name),
        "signatory_role": safe_cell(facts.signatory.role),
        "sign_off_date": facts.sign_off_date.isoformat() if facts.sign_off_date else "",
        "pages": str(assessment.pages),
        "warnings": safe_cell("; ".join(assessment.warnings)),
        "check_date": assessment.settings.check_date.isoformat(),
        "assessed_at": assessment.assessed_at.isoformat(),
        "rulebook_version": safe_cell(assessment.rulebook_version),
        "tool_version": safe_cell(assessment.tool_version),
        "sha256": assessment.source.sha256,
    }
    for name in ("baseline", "current"):
        period: Period = getattr(facts, name)
        row[f"{name}_label"] = safe_cell(period.label)
        for field, _label in SCOPE_FIELDS:
            row[f"{name}_{field}"] = _number(getattr(period, field))
    return row


def error_parts(error: BaseException) -> tuple[str, str, str]:
    """(code, message, hint) for any failure, worded for the person who sent the file."""
    if isinstance(error, CRPError):
        return error.code, error.message, error.hint
    if isinstance(error, FileNotFoundError):
        return "not_found", f"No file at {error.filename}.", "Check the path and try again."
    if isinstance(error, OSError):
        return "unreadable", f"The file could not be opened: {error}", CRPError.default_hint
    hint = "This looks like a bug in crp-checker: please report it with the file."
    return "internal_error", f"{type(error).__name__}: {error}", hint


def csv_error_row(source: str, error: BaseException) -> dict[str, str]:
    """The batch CSV row for a plan that could not be checked; the batch carries on."""
    code, message, hint = error_parts(error)
    row = dict.fromkeys(CSV_COLUMNS, "")
    row |= {
        "source": safe_cell(source),
        "status": "error",
        "error_code": code,
        "error": safe_cell(message),
        "error_hint": safe_cell(hint),
    }
    return row
