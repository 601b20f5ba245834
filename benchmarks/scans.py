"""Scanned plans for the OCR benchmark and test: a long plan printed and scanned.

Each page of a text PDF (benchmarks.generate) is rendered in grey at the scanner's resolution,
put on slightly grey paper, blurred a little, skewed by a fraction of a degree and speckled, then
saved as a JPEG page image: what an office scanner's "scan to PDF" makes of a signed plan. No
text layer is left. Seeded, so the same arguments always give the same bytes.
"""

from __future__ import annotations

import io
import random
import time

import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from benchmarks.generate import long_document

SCANNER_DPI = 200
_FIXED = time.struct_time((2026, 3, 2, 9, 0, 0, 0, 61, 0))


def _scan(page: Image.Image, rng: random.Random) -> Image.Image:
    grey = page.convert("L").point(lambda v: int(v * 0.93 + 8))  # paper tone
    grey = grey.filter(ImageFilter.GaussianBlur(0.6))
    angle = rng.uniform(-0.4, 0.4)
    grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=245)
    pixels = grey.load()
    assert pixels is not None
    width, height = grey.size
    for _ in range(2500):
        pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((60, 110, 160))
    return grey


def scan_pdf(data: bytes, *, dpi: int = SCANNER_DPI, seed: int = 0) -> bytes:
    """The PDF `data` as a scanner would return it: page images only."""
    rng = random.Random(seed)
    source = pdfium.PdfDocument(data)
    try:
        pages = [_scan(source[i].render(scale=dpi / 72).to_pil(), rng) for i in range(len(source))]
    finally:
        source.close()
    buffer = io.BytesIO()
    pages[0].save(
        buffer,
        "PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=float(dpi),
        quality=75,
        title="Carbon Reduction Plan (scanned)",
        creator="benchmarks.scans",
        creationDate=_FIXED,
        modDate=_FIXED,
    )
    return buffer.getvalue()


def scanned_plan(pages: int, *, dpi: int = SCANNER_DPI, seed: int = 0) -> bytes:
    """A `pages`-page plan (six plan pages, then appendices), printed and scanned."""
    return scan_pdf(long_document(pages), dpi=dpi, seed=seed)
