"""`python -m benchmarks [--quick]`: per-plan ratios, batch throughput, worker memory, scaling."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import corpus, ocr, report, scaling, throughput
from benchmarks.corpus import PlanTiming
from benchmarks.generate import VERSION

HERE = Path(__file__).resolve().parent
SECTIONS = ("plans", "batch", "scaling")
# A fixed check date, so the verdicts (not the work) never depend on the day of the run.
BUYER: dict[str, Any] = {"check_date": "2025-09-01"}


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="50 plans, 3 repeats: for development")
    parser.add_argument("--plans", type=int, help="six-page plans in the batch (default 1000)")
    parser.add_argument("--repeats", type=int, help="timed runs per file (default 5)")
    parser.add_argument("--workers", type=int, default=0, help="batch workers (0: all cores)")
    parser.add_argument("--pages", type=int, nargs="+", default=[10, 50, 300])
    parser.add_argument("--only", choices=SECTIONS, action="append", help="run only these")
    parser.add_argument("--cache", type=Path, default=HERE / ".cache", help="generated plans")
    parser.add_argument(
        "--results",
        type=Path,
        help="where to write the figures (default: benchmarks/RESULTS.md on a full run; "
        "--quick writes nowhere unless given)",
    )
    args = parser.parse_args(argv)
    args.plans = args.plans or (50 if args.quick else 1000)
    args.repeats = args.repeats or (3 if args.quick else 5)
    if args.results is None and not args.quick:
        args.results = HERE / "RESULTS.md"
    return args


def _say(text: str) -> None:
    print(text, flush=True)


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _settings_note() -> str:
    from crp_checker.settings import get_settings

    settings = get_settings()
    chosen = {k: v for k, v in sorted(os.environ.items()) if k.startswith("CRP_")}
    env = ", ".join(f"{k}={v}" for k, v in chosen.items()) or "none"
    return f"ocr={settings.ocr}; CRP_* environment: {env}"


def main(argv: list[str] | None = None) -> int:
    """Run the chosen sections, print each table as it is ready, write RESULTS.md."""
    args = _arguments(argv)
    only = args.only or list(SECTIONS)
    cache = args.cache / f"v{VERSION}"
    sections: list[tuple[str, str]] = [("Settings", _settings_note())]
    ratio: float | None = None
    batch: throughput.Throughput | None = None
    long_docs: list[scaling.Scaling] = []
    started = time.perf_counter()

    if "plans" in only:
        from crp_checker.nlp import get_nlp

        get_nlp()  # the pipeline is built once per process, before any clock starts
        files = corpus.corpus()
        timings: list[PlanTiming] = []
        for number, (group, path) in enumerate(files, 1):
            _progress(f"[plans {number}/{len(files)}] {path.name}")
            timings.append(corpus.time_plan(group, path, args.repeats, BUYER))
        summary, ratio = report.plans_summary(timings)
        note = (
            f"Median of {args.repeats} warm runs per file, interleaved: the full check "
            "(`assess(path)`: ingest, extract, rules, score), pdfplumber `extract_text()` on "
            "every page, and pypdfium2's bare page text. The OCR fixture has no text layer: "
            "pdfplumber and pdfium return nothing there, while the check runs tesseract."
        )
        sections += [
            ("Per plan: summary", f"{note}\n\n{summary}"),
            ("Per plan: every file", report.plans_table(timings)),
        ]
        _say(sections[-2][1] + "\n")

    if "batch" in only:
        _progress(f"[batch] {args.plans} six-page plans (generated once into {cache})")
        batch = throughput.run(cache, args.plans, args.workers, BUYER)
        sections.append(("Batch throughput and worker memory", report.throughput_table(batch)))
        _say(sections[-1][1] + "\n")

    if "scaling" in only:
        for pages in args.pages:
            _progress(f"[scaling] {pages}-page document")
            long_docs.append(scaling.run(cache, pages, 1 if args.quick else 3, BUYER))
        note = (
            "Each document checked in a fresh process after a warm-up on a six-page plan; "
            "growth is the peak RSS above that warm process (kernel high-water mark)."
        )
        sections.append(
            ("Scaling with document length", f"{note}\n\n" + report.scaling_table(long_docs))
        )
        _say(sections[-1][1] + "\n")

    sections.insert(1, ("Targets (issue 4)", report.targets(ratio, batch, long_docs)))
    _say(sections[1][1])
    _progress(f"done in {time.perf_counter() - started:.0f} s")
    if args.results is not None:
        command = "python -m benchmarks " + shlex.join(argv if argv is not None else sys.argv[1:])
        text = report.document(command.strip(), sections)
        kept = ocr.carried_over(args.results)  # `python -m benchmarks.ocr` writes its own
        if kept:
            text += f"\n## Scanned plans (OCR)\n\n{kept}\n"
        args.results.write_text(text, encoding="utf-8")
        _progress(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
