"""OCR of pages without a text layer, by running the tesseract program on a rendered image."""

from __future__ import annotations

import io
import os
import shutil
import subprocess

from PIL import Image

from crp_checker.settings import Settings

# Large pages (posters, A0 drawings) would make huge images at the OCR resolution.
MAX_PIXELS = 40_000_000


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


def ocr_image(image: Image.Image, settings: Settings, executable: str) -> str:
    """The text tesseract reads in one page image (PNG over stdin, text over stdout)."""
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PNG")
    command = [executable, "stdin", "stdout", "-l", settings.ocr_language]
    command += ["--dpi", str(settings.ocr_dpi)]
    # One thread per tesseract: batch runs already use every core, and OpenMP oversubscribes.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        result = subprocess.run(
            command,
            input=buffer.getvalue(),
            capture_output=True,
            timeout=settings.ocr_timeout_seconds,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise OCRError(f"OCR took longer than {settings.ocr_timeout_seconds:g} s") from exc
    except OSError as exc:
        raise OCRError(f"tesseract could not be started ({exc})") from exc
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise OCRError(f"tesseract failed ({detail[-1] if detail else result.returncode})")
    return result.stdout.decode("utf-8", errors="replace")
