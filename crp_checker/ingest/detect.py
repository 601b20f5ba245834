"""Decide what a file is from its bytes, never from its name, and refuse what we cannot read."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import PurePath

from lxml import etree

from crp_checker.errors import CorruptFileError, EncryptedFileError, UnsupportedFormatError
from crp_checker.ingest.base import Kind

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_SAVE_AS = (
    "Open it in its program and save or export the plan as PDF or Word (.docx), then upload that."
)
_IMAGE_HINT = (
    "Upload the plan itself as a PDF or Word file; if you only have a picture or scan of it, "
    "put it into a PDF first (most scanner and phone apps can save as PDF)."
)
# Signatures of formats people send by mistake, so the refusal can name what was sent.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image", _IMAGE_HINT),
    (b"\xff\xd8\xff", "a JPEG image", _IMAGE_HINT),
    (b"GIF87a", "a GIF image", _IMAGE_HINT),
    (b"GIF89a", "a GIF image", _IMAGE_HINT),
    (b"II*\x00", "a TIFF image", _IMAGE_HINT),
    (b"MM\x00*", "a TIFF image", _IMAGE_HINT),
    (b"{\\rtf", "a Rich Text (.rtf) document", _SAVE_AS),
    (b"%!PS", "a PostScript file", _SAVE_AS),
    (b"\x7fELF", "a program (executable)", _SAVE_AS),
    (b"\x1f\x8b", "a compressed (gzip) archive", _SAVE_AS),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", _SAVE_AS),
    (b"Rar!\x1a\x07", "a RAR archive", _SAVE_AS),
)
_EXTENSIONS: dict[str, Kind] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".htm": "html",
    ".html": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
}
_FAMILY: dict[Kind, str] = {
    "pdf": "PDF",
    "docx": "Word",
    "html": "HTML",
    "text": "text",
    "markdown": "text",
}
_HTML_START = re.compile(
    r"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.S
)
_HTML_TAG = re.compile(r"<(?:head|body|meta|title|div|p|table|h[1-6]|ul|li|span|br|a)\b[^>]*>")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.M)
_MD_TABLE_RULE = re.compile(
    r"^\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$", re.M
)
_MD_EMPHASIS = re.compile(r"(\*\*|__)\S[^\n]*?\S\1")
_MD_LINK = re.compile(r"\[[^\]\n]+\]\((?:https?://|/|#)[^)\s]*\)")


def sniff_binary(data: bytes) -> Kind | None:
    """The kind of a binary document (PDF or DOCX), None for anything that may be text.

    Raises for binary formats we refuse: images, archives, legacy Office, encrypted Office.
    """
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(_ZIP):
        return _sniff_zip(data)
    if data.startswith(_OLE):
        _refuse_ole(data)
    if data.startswith(b"MZ") and b"\x00" in data[:64]:
        raise UnsupportedFormatError("The file is a Windows program, not a document.", _SAVE_AS)
    for magic, what, hint in _MAGIC:
        if data.startswith(magic):
            raise UnsupportedFormatError(f"The file is {what}, not a plan document.", hint)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        raise UnsupportedFormatError("The file is a WebP image, not a plan document.", _IMAGE_HINT)
    if data[4:8] == b"ftyp":
        raise UnsupportedFormatError("The file is a photo or video (HEIC/MP4).", _IMAGE_HINT)
    return None


def _sniff_zip(data: bytes) -> Kind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            content_types = _head(archive, "[Content_Types].xml", 200_000)
            mimetype = _head(archive, "mimetype", 200)
    # zlib.error and RuntimeError (an encrypted part): found by fuzzing (make fuzz).
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        RuntimeError,
        zlib.error,
    ) as exc:
        raise CorruptFileError(
            "The file starts like a Word document (a zip package) but its structure is broken."
        ) from exc
    if "word/document.xml" in names:
        main_type = _main_content_type(content_types)
        if "macroEnabled" in main_type:
            raise UnsupportedFormatError(
                "The file is a macro-enabled Word document (.docm); macro-enabled files are "
                "refused because they can carry code.",
                "Save the plan as a normal Word document (.docx) or as PDF and upload that.",
            )
        if "wordprocessingml.template" in main_type:
            raise UnsupportedFormatError(
                "The file is a Word template (.dotx), not a document.",
                "Open it in Word, save it as a document (.docx) or PDF and upload that.",
            )
        return "docx"
    if any(n.startswith("xl/") for n in names):
        what = "an Excel workbook (.xlsx)"
    elif any(n.startswith("ppt/") for n in names):
        what = "a PowerPoint presentation (.pptx)"
    elif mimetype.startswith(b"application/vnd.oasis.opendocument"):
        what = "an OpenDocument file (.odt/.ods/.odp)"
    else:
        what = "a zip archive"
    raise UnsupportedFormatError(f"The file is {what}, not a plan document.", _SAVE_AS)


def _head(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """The first `limit` bytes of a part, without unpacking the rest (it may be a bomb)."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return b""
    with archive.open(info) as part:
        return part.read(limit)


def _main_content_type(content_types: bytes) -> str:
    """The declared content type of word/document.xml (macro-enabled, template or document)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(content_types, parser=parser)
    except etree.XMLSyntaxError:
        return ""
    for override in root.iter("{*}Override"):
        if override.get("PartName", "").lower() == "/word/document.xml":
            return str(override.get("ContentType", ""))
    return ""


def _refuse_ole(data: bytes) -> None:
    # An encrypted .docx/.xlsx is an OLE container holding these two streams; their names sit
    # in the OLE directory as UTF-16LE. A legacy document holding both words is vanishingly rare.
    names = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
    if all(n in data for n in names):
        raise EncryptedFileError("The Office document is password-protected (encrypted).")
    raise UnsupportedFormatError(
        "The file is a legacy Office document (Word 97-2003 .doc, .xls or Outlook .msg), "
        "which is not supported.",
        "Open it in Word and save it as a Word document (.docx) or PDF, then upload that.",
    )


def looks_like_html(data: bytes) -> bool:
    """True when the start of the bytes is clearly an HTML page (doctype, <html>, or tags)."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        sniff = head.decode("utf-16", errors="replace")
    else:
        sniff = head.decode("latin-1")
    sniff = sniff.lstrip("\ufeff\xef\xbb\xbf \t\r\n").lower()
    return bool(_HTML_START.match(sniff)) or len(_HTML_TAG.findall(sniff)) >= 3


def looks_like_markdown(text: str) -> bool:
    """True when the text carries at least two kinds of Markdown syntax, or many headings."""
    sample = text[:20_000]
    headings = len(_MD_HEADING.findall(sample))
    kinds = sum(
        (
            headings > 0,
            bool(_MD_TABLE_RULE.search(sample)),
            bool(_MD_EMPHASIS.search(sample)),
            bool(_MD_LINK.search(sample)),
        )
    )
    return kinds >= 2 or headings >= 3


def extension_kind(name: str) -> Kind | None:
    """The kind a file name claims by its extension, if it is one we know."""
    return _EXTENSIONS.get(PurePath(name).suffix.lower())


def mismatch_warning(name: str, kind: Kind) -> str | None:
    """A warning when the file name's extension disagrees with the content we detected."""
    claimed = extension_kind(name)
    if claimed is None or _FAMILY[claimed] == _FAMILY[kind]:
        return None
    return (
        f"The file name {name!r} suggests a {_FAMILY[claimed]} file but the content is "
        f"{_FAMILY[kind]}; it was read as {_FAMILY[kind]}."
    )
