"""How often the checker agrees with careful readers, on the shared labelled plans.

`evaluate_shared()` assesses every labelled document of the shared folder and sums, per set
(real PDFs, excerpts of web pages, the varied synthetic plans) and per half (tuning, held out):
fields read right, invented values, "is this a CRP" right, mandatory-rule agreement, wrong
mandatory fails and missed fails. `crp-checker evaluate` (and `make evaluate`) prints it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from crp_checker.evaluation.corpus import Case, load_cases, load_extra
from crp_checker.evaluation.fields import EvaluationReport, run
from crp_checker.evaluation.measure import CaseResult, measure
from crp_checker.evaluation.table import Row, render, render_misses, rows

__all__ = [
    "Case",
    "CaseResult",
    "EvaluationReport",
    "Row",
    "evaluate_shared",
    "render",
    "render_misses",
    "run",
]


def evaluate_shared(
    shared: Path,
    *,
    sets: tuple[str, ...] | None = None,
    extra: tuple[Path, ...] = (),
    progress: Callable[[Case], None] | None = None,
) -> list[Row]:
    """The evaluation table over the labelled sets under `shared` and any `extra` folders."""
    cases = [c for c in load_cases(shared) if sets is None or c.set_name in sets]
    cases += [case for folder in extra for case in load_extra(folder)]
    return rows(measure(cases, progress))
