"""The evaluation table: one row per set and half, the figures the judgement issue asks for."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from crp_checker.evaluation.corpus import SETS
from crp_checker.evaluation.measure import CaseResult
from crp_checker.evaluation.split import HALVES, Half


@dataclass
class Row:
    """The sums over the cases of one set and half."""

    set_name: str
    half: Half
    documents: int = 0
    fields_right: int = 0
    fields_total: int = 0
    invented: int = 0
    crp_right: int = 0
    crp_total: int = 0
    rules_right: int = 0
    rules_total: int = 0
    wrong_fails: int = 0
    missed_fails: int = 0
    reviews: int = 0
    errors: int = 0
    results: list[CaseResult] = field(default_factory=list)

    def add(self, result: CaseResult) -> None:
        self.results.append(result)
        self.documents += 1
        self.errors += result.error is not None
        self.fields_right += result.fields_right
        self.fields_total += result.fields_total
        self.invented += len(result.invented)
        if result.crp_right is not None:
            self.crp_total += 1
            self.crp_right += result.crp_right
        self.rules_right += result.rules_right
        self.rules_total += result.rules_total
        self.wrong_fails += result.wrong_fails
        self.missed_fails += result.missed_fails
        self.reviews += result.reviews

    def to_dict(self) -> dict[str, Any]:
        return {
            "set": self.set_name,
            "half": self.half,
            "documents": self.documents,
            "fields": [self.fields_right, self.fields_total],
            "invented": self.invented,
            "is_crp": [self.crp_right, self.crp_total],
            "rules": [self.rules_right, self.rules_total],
            "wrong_mandatory_fails": self.wrong_fails,
            "missed_fails": self.missed_fails,
            "needs_review": self.reviews,
            "errors": self.errors,
        }


def rows(results: Iterable[CaseResult]) -> list[Row]:
    """Rows in set order, tuning before held-out; sets with no cases are left out."""
    table = {(s, h): Row(s, h) for s in SETS for h in HALVES}
    for result in results:
        key = (result.case.set_name, result.case.half)
        table.setdefault(key, Row(*key)).add(result)
    return [row for row in table.values() if row.documents]


def _share(right: int, total: int) -> str:
    if not total:
        return "-"
    return f"{right}/{total} {right / total:6.1%}"


def render(table: list[Row]) -> str:
    """A fixed-width table for a terminal or the README."""
    head = (
        f"{'set':12} {'half':9} {'docs':>4}  {'fields right':>17}  {'invented':>8}  "
        f"{'is a CRP':>8}  {'rules agree':>17}  {'wrong fails':>11}  {'missed fails':>12}  "
        f"{'review':>6}"
    )
    lines = [head, "-" * len(head)]
    for row in table:
        crp = f"{row.crp_right}/{row.crp_total}" if row.crp_total else "-"
        lines.append(
            f"{row.set_name:12} {row.half:9} {row.documents:>4}  "
            f"{_share(row.fields_right, row.fields_total):>17}  {row.invented:>8}  {crp:>8}  "
            f"{_share(row.rules_right, row.rules_total):>17}  {row.wrong_fails:>11}  "
            f"{row.missed_fails:>12}  {row.reviews:>6}"
        )
        if row.errors:
            lines[-1] += f"  ({row.errors} errors)"
    return "\n".join(lines)


def render_misses(table: list[Row], halves: Iterable[Half]) -> str:
    """Every disagreement of the given halves, per document, to work from."""
    wanted = set(halves)
    lines: list[str] = []
    for row in table:
        if row.half not in wanted:
            continue
        for result in row.results:
            found = [
                *(f"ERROR {result.error}" for _ in [0] if result.error),
                *(f"INVENTED {item}" for item in result.invented),
                *(f"FIELD {item}" for item in result.field_misses),
                *(f"RULE {item}" for item in result.rule_misses),
            ]
            if found:
                lines.append(f"{row.set_name}/{result.case.file} ({row.half})")
                lines.extend(f"    {item}" for item in found)
    return "\n".join(lines)
