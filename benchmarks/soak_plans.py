"""The plans the soak uploads: real published plans and the synthetic fixtures, each copy unique.

Every upload gets slightly different bytes (a PDF comment after `%%EOF`, a DOCX zip comment,
an HTML comment, a text line), so each one is a new stored file rather than a deduplicated
copy, and the stored assessment's SHA-256 identifies exactly the bytes that were sent.
"""

from __future__ import annotations

import hashlib
import io
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REAL_DIR = REPO.parent / "shared" / "real-crps"
FIXTURES_DIR = REPO / "fixtures"
# Only the scanned fixture goes through OCR (about 11 s a check here): it would measure
# tesseract, not the service, so it is left out.
SKIPPED = {"scanned_image_only.pdf"}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".html": "text/html",
    ".md": "text/markdown",
    ".txt": "text/plain",
}


@dataclass(frozen=True)
class Plan:
    """One source document: its file name, bytes and whether it is a published (real) plan."""

    name: str
    data: bytes
    real: bool

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES.get(Path(self.name).suffix.lower(), "application/octet-stream")


@dataclass(frozen=True)
class Upload:
    """One upload of the soak: which copy of which plan, and its bytes' SHA-256."""

    number: int
    name: str
    data: bytes
    content_type: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def plans() -> list[Plan]:
    """Every plan on this machine: the real PDFs (if the shared folder is there) and fixtures."""
    found: list[Plan] = []
    for folder in (REAL_DIR, REAL_DIR / "more"):
        found += [Plan(p.name, p.read_bytes(), True) for p in sorted(folder.glob("*.pdf"))]
    for pattern in ("pdf/*.pdf", "docx/*.docx", "html/*.html", "text/*.txt", "text/*.md"):
        for path in sorted(FIXTURES_DIR.glob(pattern)):
            if path.name not in SKIPPED:
                found.append(Plan(path.name, path.read_bytes(), False))
    if not found:
        raise SystemExit(f"no plans found under {REAL_DIR} or {FIXTURES_DIR}")
    return found


def vary(plan: Plan, number: int) -> bytes:
    """The plan's bytes with a harmless marker, so copy `number` differs from every other."""
    marker = f"crp-checker soak copy {number}"
    suffix = Path(plan.name).suffix.lower()
    if suffix == ".pdf":
        return plan.data + f"\n% {marker}\n".encode()
    if suffix == ".docx":
        return _with_zip_comment(plan.data, marker.encode())
    if suffix == ".html":
        return plan.data + f"\n<!-- {marker} -->\n".encode()
    return plan.data + f"\n\n({marker})\n".encode()


def _with_zip_comment(data: bytes, comment: bytes) -> bytes:
    # Appending bytes to a zip would make some readers refuse it; its comment field is meant
    # for free text.
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.comment = comment
    return output.getvalue()


def uploads(count: int, seed: int) -> list[Upload]:
    """`count` uploads drawn from every plan in turn (shuffled), real and synthetic mixed."""
    every = plans()
    rng = random.Random(seed)
    order: list[Plan] = []
    while len(order) < count:
        batch = every[:]
        rng.shuffle(batch)
        order += batch
    return [
        Upload(number, f"{number:04d}-{plan.name}", vary(plan, number), plan.content_type)
        for number, plan in enumerate(order[:count])
    ]
