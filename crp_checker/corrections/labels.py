"""The corpus grows: every corrected plan as a label, in the format of the shared labels files.

Each stored plan a person corrected becomes one label (`file`, `organisation`, `sha256` and
the label fields its corrections settle, valued from the corrected facts), listed in
`labelled`, so `crp-checker evaluate` measures the checker on those fields only. The plans'
bytes are copied beside the labels file, so the folder is a labelled set of its own.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from crp_checker.formatting import uk_date
from crp_checker.readings import fact_name
from crp_checker.schemas import Facts, Period
from crp_checker.store.correction_models import FactCorrection
from crp_checker.store.files import read_file
from crp_checker.store.models import AssessmentRecord

_SCOPES = ("scope1", "scope2", "scope3", "total")
_PERIOD_KEYS = {"baseline": "baseline_year", "current": "reporting_year"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Export:
    """What an export wrote: labels, plans copied, and corrections no label field holds."""

    labels: int
    plans: int
    unlabelled: int


def _period_year(period: Period) -> str | None:
    return str(period.end_year) if period.end_year is not None else period.label


def label_fields(fact: str, facts: Facts) -> dict[str, Any]:
    """The label fields a corrected fact settles, valued from the (corrected) facts."""
    head, _, tail = fact.partition(".")
    if fact in ("is_crp", "organisation", "net_zero_year"):
        return {fact: getattr(facts, fact)}
    if head in _PERIOD_KEYS:
        period: Period = getattr(facts, head)
        if tail in _SCOPES:
            return {f"{head}_{tail}_tco2e": getattr(period, tail)}
        if tail in ("label", "start", "end", "end_year"):
            return {_PERIOD_KEYS[head]: _period_year(period)}
    if fact == "publication_date" and facts.publication_date:
        return {"publication_date": uk_date(facts.publication_date)}
    if fact == "sign_off_date":
        return {"signoff_date": uk_date(facts.sign_off_date) if facts.sign_off_date else None}
    if fact == "signatory.name":
        return {"signatory_name": facts.signatory.name}
    if fact == "signatory.role":
        return {"signatory_role": facts.signatory.role}
    return {}


def _file_name(record: AssessmentRecord) -> str:
    stem = _UNSAFE.sub("-", Path(record.source_name).name).strip("-.") or "plan"
    return f"{record.file_sha256[:12]}_{stem}"[:120]


def corrected_records(session: Session) -> list[AssessmentRecord]:
    """The newest corrected assessment of each corrected plan (by its bytes), oldest first."""
    statement = (
        select(AssessmentRecord)
        .where(AssessmentRecord.id.in_(select(FactCorrection.assessment_id)))
        .options(undefer(AssessmentRecord.data))
        .order_by(AssessmentRecord.id)
    )
    newest: dict[str, AssessmentRecord] = {}
    for record in session.scalars(statement):
        newest[record.file_sha256] = record
    return sorted(newest.values(), key=lambda r: r.id)


def label_for(record: AssessmentRecord) -> tuple[dict[str, Any], int]:
    """One plan's label, and how many of its corrections no label field holds."""
    facts = record.assessment.facts
    label: dict[str, Any] = {
        "file": _file_name(record),
        "sha256": record.file_sha256,
        "organisation": facts.organisation,
    }
    labelled: list[str] = []
    notes: list[str] = []
    unlabelled = 0
    for path, corrected in facts.corrections.items():
        fields = label_fields(path, facts)
        if not fields:
            unlabelled += 1
        label.update(fields)
        labelled += [name for name in fields if name not in labelled]
        who = "the supplier" if corrected.supplier_statement else "a person"
        notes.append(f"{fact_name(path)} corrected by {who}: {corrected.reason}")
    label["labelled"] = labelled
    label["notes"] = "; ".join(notes)
    return label, unlabelled


def export_labels(session: Session, out: Path, *, plans: bool = True) -> Export:
    """Write every corrected plan's label to `out` (written whole, never half) and, with
    `plans`, each plan's bytes beside it under the label's file name."""
    labels: list[dict[str, Any]] = []
    unlabelled = copied = 0
    for record in corrected_records(session):
        label, missed = label_for(record)
        unlabelled += missed
        labels.append(label)
        if plans:
            (out.parent / label["file"]).write_bytes(read_file(record.file_sha256))
            copied += 1
    partial = out.with_name(out.name + ".part")
    partial.write_text(json.dumps(labels, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    partial.replace(out)
    return Export(len(labels), copied, unlabelled)
