"""OCR of pages without a text layer, by running the tesseract program on rendered images.

A scanned plan's pages are read in parallel, one tesseract process per core, within one time
budget for the whole document (`CRP_OCR_TIMEOUT_SECONDS`, kept well inside the worker's own
limit), so a long scan ends in an answer: the pages not read in time are left unread, and the
rules make the findings they needed `needs_review`, naming those pages.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

from PIL import Image

from crp_checker.settings import Settings

# Large pages (posters, A0 drawings) would make huge images at the OCR resolution.
MAX_PIXELS = 40_000_000
# The share of the worker's time limit OCR may use: the rest is for rendering and the checks.
BUDGET_SHARE = 0.7


class OCRError(Exception):
    """OCR could not read a page; the caller turns this into a page warning, not an error."""


def tesseract_path(settings: Settings) -> str | None:
    """The tesseract executable to use, or None when OCR is off or tesseract is not installed."""
    if settings.ocr != "auto":
        return None
    return shutil.which(settings.tesseract_cmd)


def scale_for(width_pt: float, height_pt: float, dpi: int) -> float:
    """Render scale for the OCR resolution, reduced so the image stays under MAX_PIXELS."""
    scale = dpi / 72
    pixels = width_pt * height_pt * scale * scale
    if pixels > MAX_PIXELS:
        scale *= (MAX_PIXELS / pixels) ** 0.5
    return scale


def ocr_budget(settings: Settings) -> float:
    """Seconds OCR may take for one document: the setting, and never so long that the worker's
    own time limit (`CRP_PARSE_TIMEOUT_SECONDS`) would stop the check first."""
    budget = settings.ocr_timeout_seconds
    if settings.parse_timeout_seconds > 0:
        budget = min(budget, settings.parse_timeout_seconds * BUDGET_SHARE)
    return max(0.0, budget)


def ocr_workers(settings: Settings) -> int:
    """Tesseract processes at once: the setting, or one per core this process may use."""
    if settings.ocr_workers > 0:
        return settings.ocr_workers
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, cores or 1)


def ocr_image(image: Image.Image, settings: Settings, executable: str, timeout: float) -> str:
    """The text tesseract reads in one page image (PNG over stdin, text over stdout)."""
    if timeout <= 0:
        raise OCRError(f"over the OCR time budget of {ocr_budget(settings):g} s")
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PNG", compress_level=1)
    command = [executable, "stdin", "stdout", "-l", settings.ocr_language]
    command += ["--dpi", str(settings.ocr_dpi)]
    # One thread per tesseract: the pages are the parallelism, and OpenMP oversubscribes.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        result = subprocess.run(
            command,
            input=buffer.getvalue(),
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise OCRError(f"over the OCR time budget of {ocr_budget(settings):g} s") from exc
    except OSError as exc:
        raise OCRError(f"tesseract could not be started ({exc})") from exc
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise OCRError(f"tesseract failed ({detail[-1] if detail else result.returncode})")
    return result.stdout.decode("utf-8", errors="replace")


class PageOCR:
    """A document's OCR: pages are handed over as they are rendered and read in parallel.

    At most twice as many page images as workers are held at once (`submit` waits), so a long
    scan never fills memory with images; every page's tesseract stops at the shared deadline.
    """

    def __init__(self, settings: Settings, executable: str) -> None:
        self.settings = settings
        self.executable = executable
        self.budget = ocr_budget(settings)
        self.deadline = time.monotonic() + self.budget
        workers = ocr_workers(settings)
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="crp-ocr")
        self._room = threading.Semaphore(2 * workers)
        self._pages: dict[int, Future[str]] = {}

    def time_left(self) -> float:
        return self.deadline - time.monotonic()

    def over_budget(self) -> str | None:
        """Why no more pages may be started, or None."""
        if self.time_left() <= 0:
            return f"over the OCR time budget of {self.budget:g} s"
        return None

    def submit(self, number: int, image: Image.Image) -> None:
        """Read page `number` from `image` (the caller may close its source afterwards)."""
        if not self._room.acquire(timeout=max(0.0, self.time_left())):
            failed: Future[str] = Future()
            failed.set_exception(OCRError(self.over_budget() or "over the OCR time budget"))
            self._pages[number] = failed
            return
        future = self._pool.submit(self._read, image)
        future.add_done_callback(lambda _: self._room.release())
        self._pages[number] = future

    def _read(self, image: Image.Image) -> str:
        return ocr_image(image, self.settings, self.executable, self.time_left())

    def results(self) -> dict[int, str | OCRError]:
        """Each submitted page's text, or why it was not read (waits for the last page)."""
        outcome: dict[int, str | OCRError] = {}
        try:
            for number, future in self._pages.items():
                try:
                    outcome[number] = future.result()
                except OCRError as error:
                    outcome[number] = error
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)
        return outcome

    def close(self) -> None:
        """Abandon the pages not started (the document failed for another reason)."""
        self._pool.shutdown(wait=False, cancel_futures=True)
