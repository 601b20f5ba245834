"""Refuse PDFs whose compressed streams unpack to absurd sizes, before any parser inflates them.

pdfium inflates a whole content stream into memory: a 2 MB file can hold a stream of 2 GiB
of blanks, which aborts a worker at its memory limit (SIGABRT, reported as a crash) or eats
gigabytes in the CLI. Counting what each Flate stream inflates to, in bounded chunks, costs
a few milliseconds on a real plan and turns the bomb into a clear "too large".
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections.abc import Iterable, Iterator

from crp_checker.errors import TooLargeError

# A 600 dpi A4 colour scan is about 100 MB raw; nothing in a plan needs more per stream.
MAX_STREAM_BYTES = 256 * 2**20
MAX_TOTAL_BYTES = 1024 * 2**20
_CHUNK = 2**20
_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_HINT = "Export the plan again as a simple PDF (print to PDF) and upload that copy."


def _zlib_header(head: bytes) -> bool:
    """A zlib header: deflate, a window that fits, and the header checksum (RFC 1950)."""
    if len(head) < 2:
        return False
    cmf, flg = head[0], head[1]
    return cmf & 0x0F == 8 and cmf >> 4 <= 7 and (cmf << 8 | flg) % 31 == 0


def _pieces(data: bytes, start: int) -> Iterator[bytes]:
    view = memoryview(data)
    for offset in range(start, len(data), _CHUNK):
        yield bytes(view[offset : offset + _CHUNK])


def _inflate(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """Inflate a zlib stream fed in pieces, in chunks of at most 1 MiB; stops at its end or
    at the first error (what follows a stream in the file is not ours to judge)."""
    inflater = zlib.decompressobj()
    for piece in pieces:
        pending = piece
        while pending:
            try:
                out = inflater.decompress(pending, _CHUNK)
            except zlib.error:
                return
            if out:
                yield out
            if inflater.eof:
                return
            pending = inflater.unconsumed_tail


def inflated_size(data: bytes, start: int, cap: int) -> int:
    """What the zlib stream at `start` unpacks to, counted up to just over `cap`.

    A stream compressed twice (/Filter [/FlateDecode /FlateDecode]) is counted by its inner
    layer, which is where a nested bomb would hide.
    """
    outer = _inflate(_pieces(data, start))
    first = next(outer, b"")
    chunks: Iterator[bytes] = itertools.chain([first], outer)
    if _zlib_header(first[:2]):
        chunks = _inflate(chunks)
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > cap:
            break
    return size


def check_pdf_streams(data: bytes) -> None:
    """Raise TooLargeError when a Flate stream, or all of them, unpack beyond the limits."""
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        if not _zlib_header(data[start : start + 2]):
            continue
        size = inflated_size(data, start, MAX_STREAM_BYTES)
        if size > MAX_STREAM_BYTES:
            raise TooLargeError(
                "The PDF holds compressed data that unpacks to over "
                f"{MAX_STREAM_BYTES / 2**20:.0f} MB in one stream (a 'decompression bomb'), "
                "so it was not opened.",
                _HINT,
            )
        total += size
        if total > MAX_TOTAL_BYTES:
            raise TooLargeError(
                "The PDF holds compressed data that unpacks to over "
                f"{MAX_TOTAL_BYTES / 2**20:.0f} MB in all, so it was not opened.",
                _HINT,
            )
