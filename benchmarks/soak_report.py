"""The soak's figures: one row per run, printed, and kept in docs/reliability.md.

The doc is written by hand; only the block between the two `soak:figures` markers is
replaced, and rows of backends not run this time are kept, so a SQLite-only run does not
erase the PostgreSQL figures.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.report import machine, table
from benchmarks.soak_load import Reply
from benchmarks.soak_verify import Integrity, Retrieval

BEGIN, END = "<!-- soak:figures -->", "<!-- /soak:figures -->"
HEADER = (
    "Backend",
    "Run",
    "Uploads",
    "Clients",
    "Accepted",
    "Lost",
    "5xx",
    "503",
    "Other",
    "p50 s",
    "p95 s",
    "max s",
    "Uploads/s",
    "Recovery s",
    "Integrity",
    "Date",
)


@dataclass
class Fault:
    """What happened around the SIGKILL."""

    kill_after: int  # replies received before the kill
    accepted_before: int = 0  # 201s received before the kill (all must be retrievable)
    workers_left: int = 0  # worker processes still alive after their server died
    temp_files_after_kill: list[str] = field(default_factory=list)
    restart_seconds: float = 0.0  # kill -> /healthz answers
    recovery_seconds: float = math.nan  # kill -> first 201 after the restart
    broken_attempts: int = 0  # uploads cut off by the kill (then sent again)


@dataclass
class RunResult:
    """One load run (with or without a kill) on one backend."""

    backend: str
    kind: str  # "load" or "kill + restart"
    clients: int
    replies: list[Reply]
    planned: int
    seconds: float
    retrieval: Retrieval
    integrity: Integrity
    tracebacks: int
    fault: Fault | None = None

    @property
    def statuses(self) -> Counter[int | None]:
        return Counter(r.status for r in self.replies)

    @property
    def accepted(self) -> int:
        return self.statuses[201]

    @property
    def server_errors(self) -> int:
        return sum(n for s, n in self.statuses.items() if s is not None and s >= 500 and s != 503)

    @property
    def busy(self) -> int:
        return self.statuses[503]

    @property
    def other(self) -> int:
        """Unexpected replies: 4xx to a valid plan, no reply at all, uploads never sent."""
        unanswered = self.planned - len(self.replies) + self.statuses[None]
        refused = sum(n for s, n in self.statuses.items() if s is not None and 400 <= s < 500)
        return unanswered + refused

    def latency(self, fraction: float) -> float:
        times = sorted(r.seconds for r in self.replies if r.status is not None)
        if not times:
            return math.nan
        return times[min(len(times) - 1, math.ceil(fraction * len(times)) - 1)]

    @property
    def passed(self) -> bool:
        lost = self.retrieval.lost or self.retrieval.leaked
        return not lost and not self.server_errors and not self.other and self.integrity.ok

    def row(self) -> tuple[object, ...]:
        recovery = f"{self.fault.recovery_seconds:.1f}" if self.fault else "-"
        return (
            self.backend,
            self.kind,
            self.planned,
            self.clients,
            self.accepted,
            len(self.retrieval.lost),
            self.server_errors,
            self.busy,
            self.other,
            f"{self.latency(0.5):.2f}",
            f"{self.latency(0.95):.2f}",
            f"{self.latency(1.0):.2f}",
            f"{len(self.replies) / self.seconds:.1f}",
            recovery,
            self.integrity.summary(),
            f"{dt.date.today():%Y-%m-%d}",
        )

    def details(self) -> list[str]:
        """The lines under the table: everything that is not a plain count."""
        lines = [
            f"{self.backend}, {self.kind}: {len(self.replies)} replies in {self.seconds:.0f} s; "
            f"statuses {dict(sorted(self.statuses.items(), key=lambda kv: str(kv[0])))}; "
            f"{self.integrity.assessments} assessments, {self.integrity.stored_files} stored "
            f"files, {self.integrity.unreferenced_files} unreferenced files; "
            f"{len(self.retrieval.leaked)} of {min(self.retrieval.checked, 50)} ids readable "
            f"by another organisation; {self.tracebacks} tracebacks in the server log."
        ]
        if self.fault:
            f = self.fault
            lines.append(
                f"{self.backend}, killed after {f.kill_after} replies ({f.accepted_before} "
                f"accepted before the kill, all checked); {f.broken_attempts} uploads cut off "
                f"and sent again; server back in {f.restart_seconds:.1f} s, first upload "
                f"accepted {f.recovery_seconds:.1f} s after the kill; {f.workers_left} worker "
                f"processes outlived the server; temp files right after the kill: "
                f"{len(f.temp_files_after_kill)}."
            )
        for name, items in [
            ("lost", self.retrieval.lost),
            ("leaked", self.retrieval.leaked),
            *self.integrity.problems.items(),
        ]:
            if items:
                lines.append(f"{self.backend}, {self.kind}, {name}: {', '.join(items[:5])}")
        odd = [r for r in self.replies if r.status not in (201, None)][:3]
        lines += [f"{self.backend}: HTTP {r.status} for {r.upload.name}: {r.message}" for r in odd]
        return lines


def render(results: list[RunResult]) -> str:
    """The table and the notes, for the terminal."""
    notes = [line for result in results for line in result.details()]
    return table(HEADER, [r.row() for r in results]) + "\n\n" + "\n".join(f"- {n}" for n in notes)


def update_doc(path: Path, results: list[RunResult]) -> None:
    """Replace the figures block of `path`, keeping rows of backends not run now."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    old_rows: list[tuple[str, ...]] = []
    notes: dict[str, list[str]] = {}
    if BEGIN in text and END in text:
        block = text.split(BEGIN, 1)[1].split(END, 1)[0]
        for line in block.splitlines():
            cells = tuple(c.strip() for c in line.strip().strip("|").split("|"))
            if line.startswith("|") and len(cells) == len(HEADER) and cells[0] not in HEADER:
                if not re.fullmatch(r"-+:?", cells[0]):
                    old_rows.append(cells)
            elif line.startswith("- ") and ":" in line:
                notes.setdefault(line[2:].split(maxsplit=1)[0].rstrip(",:"), []).append(line)
    run = {r.backend for r in results}
    rows = [row for row in old_rows if row[0] not in run] + [r.row() for r in results]
    kept = [line for backend, lines in notes.items() if backend not in run for line in lines]
    fresh = [f"- {line}" for r in results for line in r.details()]
    where = machine()
    measured = [f"- {backend} measured on: {where}" for backend in sorted(run)]
    block = "\n".join(["", table(HEADER, rows), "", *kept, *fresh, *measured, ""])
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + BEGIN + block + END + rest.split(END, 1)[1]
    else:
        text = text + f"\n{BEGIN}{block}{END}\n"
    path.write_text(text, encoding="utf-8")
