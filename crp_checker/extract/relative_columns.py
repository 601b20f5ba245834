"""Columns headed by their role instead of a year: "This year | Last year | Baseline".

Plans that put the current year first often head the columns with words and define them in
a key under the table ("This year: 1 April 2025 to 31 March 2026. Baseline: 1 April 2019 to
31 March 2020."). Reading such a table by position files every figure under the wrong period,
so the words decide the roles; a column for last year or the year before is set aside. The
key, when there is one, gives each column its period.
"""

from __future__ import annotations

import re

from crp_checker.extract.lines import Line
from crp_checker.extract.table_model import Block, Role
from crp_checker.extract.values import PeriodSpec, find_period, iter_periods

_CURRENT = (
    r"this\s+year|current(?:\s+reporting)?(?:\s+(?:year|period))?|latest(?:\s+(?:full\s+)?year)?"
    r"|reporting\s+(?:year|period)|most\s+recent(?:\s+year)?"
)
_OTHER = r"last\s+year|previous\s+year|prior\s+year|year\s+before"
_BASELINE = r"baseline(?:\s+year)?|base\s+year|first\s+(?:full\s+)?year"
_WORD = re.compile(rf"\b(?:(?P<c>{_CURRENT})|(?P<o>{_OTHER})|(?P<b>{_BASELINE}))\b", re.I)
# "2024-25 vs baseline", "| vs baseline |": a column compared against the baseline, not it.
VERSUS_ROLE = re.compile(
    r"\b(?:vs\.?|versus|against|compared\s+(?:with|to)|change\s+(?:on|from|since))\s+"
    r"(?:the\s+|our\s+)?(?:baseline|base\s+year)\b",
    re.I,
)
_KEY_WORDS = 6
_WRAPPED_LINES = 6
_WRAPPED_WORDS = 3  # a key line is short before its period: "This year (FY2025/26): ..."


def _roles(text: str) -> list[tuple[str, Role | None]]:
    """The column words of a header line, in order, with the role each names."""
    out: list[tuple[str, Role | None]] = []
    for m in _WORD.finditer(text):
        role: Role | None = "current" if m["c"] else "baseline" if m["b"] else None
        out.append((m[0], role))
    return out


def map_relative_columns(block: Block, header_lines: list[Line], after: list[Line]) -> bool:
    """Give the columns of a table headed "This year | Last year | Baseline" their roles, and
    their periods from the key under (or over) the table. Only a header line that names one
    role per column, with one current column and at most one baseline, counts; periods in a
    sentence above it ("... the 12 months to June 2025, compared with our baseline, ...") do
    not map its columns by their order."""
    if not header_lines:
        return False
    header, used = _header_row(header_lines)
    columns = block.columns - len(block.extra_columns)
    dated: list[PeriodSpec] = []
    if find_period(header) is not None:
        # "| Baseline | Current |" over "Period | calendar year 2021 | calendar year 2025 |": the
        # roles from the line above, each column's period from the line of periods
        dated = [spec for _, _, spec in iter_periods(header)]
        if (
            used != 1
            or len(header_lines) < 2
            or len(dated) != columns
            or len(_roles(header)) >= columns
        ):
            # "Baseline 2019 | Current 2025": the years map the columns, and a row whose cells
            # each name their role takes none from a heading above ("Current and baseline")
            return False
        header = header_lines[-2].text
        if find_period(header) is not None:
            return False
    words = _roles(VERSUS_ROLE.sub("", header))
    roles = [role for _, role in words]
    if len(words) != columns or roles.count("current") != 1 or roles.count("baseline") > 1:
        return False
    for column, (word, role) in enumerate(words):
        if dated:
            block.specs[column] = dated[column]
        if role is None:
            block.extra_columns.add(column)
            continue
        block.roles[column] = role
        spec = None if dated else key_period(word, [*header_lines[:-used], *after])
        if spec is not None:
            block.specs[column] = spec
    return True


def _header_row(header_lines: list[Line]) -> tuple[str, int]:
    """The column header: the last line above the table, or its last few short lines joined
    where the header's cells wrapped ("First full" / "year" / "Latest" / "year")."""
    count = 1
    while (
        count < min(len(header_lines), _WRAPPED_LINES)
        and len(header_lines[-count - 1].text.split()) <= _WRAPPED_WORDS
        and not re.search(r"[.:;]\s*$", header_lines[-count - 1].text)
    ):
        count += 1
    if count > 1 and all(
        len(line.text.split()) <= _WRAPPED_WORDS for line in header_lines[-count:]
    ):
        return " ".join(line.text for line in header_lines[-count:]), count
    return header_lines[-1].text, 1


def key_period(word: str, lines: list[Line]) -> PeriodSpec | None:
    """The period a key line gives the column word ("This year: 1 April 2025 to ...")."""
    key = re.compile(rf"(?:^|[.;]\s+){re.escape(word)}\b\s*[:=–-]\s*", re.I)
    for line in lines:
        spec = _captioned(word, line.text)
        if spec is not None:
            return spec
        for m in key.finditer(line.text):
            rest = line.text[m.end() :]
            nxt = _WORD.search(rest)
            spec = find_period(rest[: nxt.start()] if nxt else rest)
            if spec is not None and spec.offset <= _KEY_WORDS * 8:
                return spec
    return None


def _captioned(word: str, text: str) -> PeriodSpec | None:
    """A caption naming each column's period with the column's word in brackets after it
    ("... for the 12 months to 30 June 2025 (current) and the 12 months to 30 June 2019
    (baseline)")."""
    for _, end, spec in iter_periods(text):
        if re.match(rf"\s*\((?:our\s+)?{re.escape(word)}\)", text[end:], re.I):
            return spec
    return None


def role_label(text: str) -> tuple[str, Role | None] | None:
    """A row label that is only a role word ("Baseline", "Latest year", "Last year"), with the
    role it names (None for last year's or another comparison row)."""
    m = _WORD.match(text.strip())
    if m is None:
        return None
    role: Role | None = "current" if m["c"] else "baseline" if m["b"] else None
    return m[0], role


_NUMBERED = re.compile(r"\b(?:Year|Yr|Period)\s+(\d{1,2})\b", re.I)
_KEY_ROLE = {
    "baseline": re.compile(rf"\((?:our\s+|the\s+)?(?:{_BASELINE})\)", re.I),
    "current": re.compile(rf"\((?:our\s+|the\s+)?(?:{_CURRENT})\)", re.I),
}


def map_numbered_columns(block: Block, header_lines: list[Line], after: list[Line]) -> bool:
    """Columns headed "Year 1 | Year 2 | Year 3 | Year 4" with a key that dates each and names
    the baseline and current ones ("Year 1: 1 February 2022 to 31 January 2023 (our
    baseline)"). Without the key's roles nothing is mapped: the numbers alone do not say
    which year is which."""
    if not header_lines:
        return False
    header, used = _header_row(header_lines)
    names = [m[0] for m in _NUMBERED.finditer(header)]
    if len(names) != block.columns - len(block.extra_columns) or len(set(names)) != len(names):
        return False
    keyed: list[tuple[PeriodSpec, Role | None]] = []
    for name in names:
        found = _numbered_key(name, [*header_lines[:-used], *after])
        if found is None:
            return False
        keyed.append(found)
    roles = [role for _, role in keyed]
    if roles.count("current") != 1 or roles.count("baseline") != 1:
        return False
    for column, (spec, role) in enumerate(keyed):
        block.specs[column] = spec
        if role is None:
            block.extra_columns.add(column)
        else:
            block.roles[column] = role
    return True


def _numbered_key(name: str, lines: list[Line]) -> tuple[PeriodSpec, Role | None] | None:
    """The period and role a key line gives a numbered column ("Year 4: ... (current year)")."""
    key = re.compile(rf"(?:^|[•·\-–*]\s*|[.;]\s+){re.escape(name)}\b\s*[:=–-]\s*", re.I)
    for line in lines:
        m = key.search(line.text)
        if m is None:
            continue
        rest = line.text[m.end() :]
        spec = find_period(rest)
        if spec is None or spec.offset > _KEY_WORDS * 8:
            continue
        tail = rest[spec.offset + len(spec.label) :]
        role: Role | None = None
        for kind in ("baseline", "current"):
            if _KEY_ROLE[kind].match(tail.strip()):
                role = "baseline" if kind == "baseline" else "current"
        return spec, role
    return None
