"""Fact accuracy against a labels file (the format of real-crps/*/labels.json).

Each labelled field is compared with what the checker extracts: numbers within 0.5%, periods
by their end year, dates by day (or month, when the label has no day), names loosely. The
report also counts *invented values*: a number reported where the label says there is none,
the failure this tool must never have.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crp_checker.extract import extract
from crp_checker.extract.values import find_dates, find_period
from crp_checker.ingest import ingest
from crp_checker.schemas import Facts

NUMBER_FIELDS = [
    f"{period}_{name}_tco2e"
    for period in ("baseline", "current")
    for name in ("scope1", "scope2", "scope3", "total")
]
TOLERANCE = 0.005
_LEGAL = re.compile(
    r"\b(?:ltd|limited|llp|plc|cic|inc|uk|group|the|and|co|company|t/a|trading as)\b|[^\w\s]"
)


@dataclass
class FieldScore:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)


@dataclass
class EvaluationReport:
    """Per-field accuracy, the invented-value count, and the misses to look at."""

    labels: str
    files: int = 0
    seconds: float = 0.0
    fields: dict[str, FieldScore] = field(default_factory=dict)
    invented: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def right(self) -> int:
        return sum(score.right for score in self.fields.values())

    @property
    def total(self) -> int:
        return sum(score.total for score in self.fields.values())

    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    def render_text(self, *, misses: bool = True) -> str:
        """A table a person can read in a terminal, with the misses listed below it."""
        lines = [
            f"Labels: {self.labels} ({self.files} documents, {self.seconds:.1f} s)",
            f"{'field':32} {'right':>5} / {'of':<5} {'accuracy':>8}",
        ]
        for name, score in self.fields.items():
            share = score.right / score.total if score.total else 0.0
            lines.append(f"{name:32} {score.right:>5} / {score.total:<5} {share:>8.1%}")
        lines.append(
            f"{'ALL LABELLED FIELDS':32} {self.right:>5} / {self.total:<5} {self.accuracy():>8.1%}"
        )
        lines.append(f"Invented values (a number where the label has none): {len(self.invented)}")
        lines.extend(f"  INVENTED {item}" for item in self.invented)
        lines.extend(f"  ERROR {item}" for item in self.errors)
        if misses:
            for name, score in self.fields.items():
                lines.extend(f"  MISS {name}: {miss}" for miss in score.misses)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "labels": self.labels,
            "files": self.files,
            "accuracy": round(self.accuracy(), 4),
            "right": self.right,
            "total": self.total,
            "invented": self.invented,
            "errors": self.errors,
            "fields": {
                name: {"right": s.right, "total": s.total, "misses": s.misses}
                for name, s in self.fields.items()
            },
        }


def _number_ok(expected: Any, got: float | None) -> bool:
    if expected is None:
        return got is None
    if got is None:
        return False
    want = float(expected)
    if want == 0:
        return abs(got) < 1e-9
    return abs(got - want) <= abs(want) * TOLERANCE


def _end_year(text: Any) -> int | None:
    if text is None:
        return None
    spec = find_period(str(text))
    return spec.end_year if spec else None


def _date_ok(expected: Any, got: Any) -> bool:
    if expected is None:
        return got is None
    dates = find_dates(str(expected))
    if not dates:
        spec = find_period(str(expected))
        return got is not None and spec is not None and got.year == spec.end_year
    if got is None:
        return False
    want = dates[0]
    have: dt.date = got
    if want.precision == "day":
        return want.value == have
    return want.value.year == have.year and want.value.month == have.month


def _name_key(text: str) -> set[str]:
    return set(_LEGAL.sub(" ", text.lower()).split())


def _name_ok(expected: Any, got: str | None) -> bool:
    if expected is None:
        return got is None
    if got is None:
        return False
    want, have = _name_key(str(expected)), _name_key(got)
    if not want or not have:
        return False
    return have <= want or want <= have or len(want & have) / len(want | have) >= 0.5


def only_labelled(label: dict[str, Any], names: list[str]) -> list[str]:
    """The field names a label settles: all of them, or those listed in its `labelled` (a
    label exported from people's corrections settles only the facts they corrected)."""
    if "labelled" not in label:
        return names
    return [name for name in names if name in label["labelled"]]


def compare(label: dict[str, Any], facts: Facts) -> dict[str, tuple[bool, str]]:
    """Each labelled field: (right?, what we got) for the report."""
    out = _compare(label, facts)
    return {name: out[name] for name in only_labelled(label, list(out))}


def _compare(label: dict[str, Any], facts: Facts) -> dict[str, tuple[bool, str]]:
    out: dict[str, tuple[bool, str]] = {}
    out["is_crp"] = (label.get("is_crp") == facts.is_crp, str(facts.is_crp))
    org_key = "organisation" if "organisation" in label else "company"
    out["organisation"] = (
        _name_ok(label.get(org_key), facts.organisation),
        str(facts.organisation),
    )
    out["net_zero_year"] = (
        label.get("net_zero_year") == facts.net_zero_year,
        str(facts.net_zero_year),
    )
    committed = facts.net_zero_strength == "commitment" and not facts.carbon_neutral_only
    out["net_zero_commitment_present"] = (
        label.get("net_zero_commitment_present") == committed,
        str(facts.net_zero_strength),
    )
    for key, period in (("baseline_year", facts.baseline), ("reporting_year", facts.current)):
        want = _end_year(label.get(key))
        out[key] = (want == period.end_year, f"{period.label} ({period.end_year})")
    for name in NUMBER_FIELDS:
        period_name, scope, _ = name.split("_")
        got = getattr(getattr(facts, period_name), scope)
        out[name] = (_number_ok(label.get(name), got), str(got))
    out["publication_date"] = (
        _date_ok(label.get("publication_date"), facts.publication_date),
        str(facts.publication_date),
    )
    if "carbon_neutral_only" in label:
        out["carbon_neutral_only"] = (
            label["carbon_neutral_only"] == facts.carbon_neutral_only,
            str(facts.carbon_neutral_only),
        )
    if "has_declaration" in label:
        out["has_declaration"] = (
            label["has_declaration"] == (facts.declaration is not None),
            str(facts.declaration),
        )
    if "signatory_name" in label:
        out["signatory_name"] = (
            _name_ok(label["signatory_name"], facts.signatory.name),
            str(facts.signatory.name),
        )
    if "signoff_date" in label:
        out["signoff_date"] = (
            _date_ok(label["signoff_date"], facts.sign_off_date),
            str(facts.sign_off_date),
        )
    if "signatory_role" in label and label.get("signatory_name", True) is not None:
        out["signatory_role"] = (
            _name_ok(label["signatory_role"], facts.signatory.role),
            str(facts.signatory.role),
        )
    return out


def invented(label: dict[str, Any], facts: Facts, name: str) -> list[str]:
    found: list[str] = []
    settled = only_labelled(label, ["net_zero_year", *NUMBER_FIELDS])
    unlabelled_year = label.get("net_zero_year") is None and "net_zero_year" in settled
    if unlabelled_year and facts.net_zero_year is not None:
        found.append(f"{name}: net_zero_year {facts.net_zero_year}")
    for field_name in only_labelled(label, NUMBER_FIELDS):
        period_name, scope, _ = field_name.split("_")
        got = getattr(getattr(facts, period_name), scope)
        if label.get(field_name) is None and got is not None:
            found.append(f"{name}: {field_name} {got}")
    return found


def document_bytes(path: Path) -> bytes:
    """A labelled file's bytes; an excerpt's first line (`SOURCE: <url>`) is not the plan's."""
    data = path.read_bytes()
    if path.suffix == ".txt" and data.startswith(b"SOURCE:"):
        data = data.split(b"\n", 1)[1] if b"\n" in data else b""
    return data


def _facts_for(path: Path) -> Facts:
    return extract(ingest(document_bytes(path), name=path.name))


def run(labels_path: Path) -> EvaluationReport:
    """Extract facts from every labelled file and score them against the labels."""
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    report = EvaluationReport(labels=str(labels_path))
    started = time.perf_counter()
    for label in labels:
        path = labels_path.parent / label["file"]
        try:
            facts = _facts_for(path)
        except Exception as exc:  # an evaluation reports every failure and goes on
            report.errors.append(f"{label['file']}: {exc}")
            continue
        report.files += 1
        for name, (right, got) in compare(label, facts).items():
            score = report.fields.setdefault(name, FieldScore())
            score.total += 1
            if right:
                score.right += 1
            else:
                org_key = "organisation" if "organisation" in label else "company"
                want = label.get(name if name in label else org_key)
                score.misses.append(f"{label['file']}: label {want!r}, got {got}")
        report.invented.extend(invented(label, facts, label["file"]))
    report.seconds = time.perf_counter() - started
    return report
