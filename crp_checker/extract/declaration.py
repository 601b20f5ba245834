"""The declaration and sign-off: PPN reference, who approved it, the signatory and the date.

The template ends "This Carbon Reduction Plan has been completed in accordance with PPN 06/21
... reviewed and signed off by the board of directors ... Signed on behalf of the Supplier:",
then a name, a role and a date, laid out in every way: "Ahmad Rafique (C.E.O.)", "Beverley
Wallace, Compleo Health, CEO", "Signed: Dr ...", "Title: Managing Director", "Date: 27.03.26".
"""

from __future__ import annotations

import re

from crp_checker.extract.context import Context, Sentence
from crp_checker.extract.lines import Line
from crp_checker.extract.values import find_dates
from crp_checker.schemas import Facts

_NAME_WORD = r"(?:[A-Z][a-z'’-]+(?:-[A-Z][a-z'’-]+)?|[A-Z]\.|[A-Z]{2,}(?![a-z]))"
_NAME = re.compile(
    rf"^(?i:(?:signed|signature|name|signed by|signatory)\s*(?:of|by)?\s*[:\-–]?\s*)?"
    rf"(?P<name>(?:(?:Dr|Mr|Mrs|Ms|Miss|Prof|Sir|Dame)\.?\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})"
    rf"\s*(?P<rest>(?:[,(–-].*)?)$"
)
_NOT_NAME = re.compile(
    r"\b(?:carbon|reduction|plan|date|limited|ltd|plc|llp|supplier|director|officer|chief|"
    r"executive|manager|managing|board|declaration|sign|signed|emissions|scope|net|zero|total|"
    r"group|company|services|healthcare|health|uk|review|page|policy|version|the|and|of|for|"
    r"standard|protocol|operations|title|position|role|chair|partner|owner|founder|ceo|cfo|"
    r"coo|md|head|lead|commitment|statement|approval|england|wales|street|road|house|floor|"
    r"suite|www|http|approved|reviewed|signature|training|recruitment|trading|ppn)\b",
    re.I,
)
_ROLE_FIELD = re.compile(
    r"^(?:title|position|role|job title|designation)\s*[:\-–]\s*(?P<v>.+)$", re.I
)
_REVIEW = re.compile(
    r"\b(?:review|next review|review date|revision|valid until|expiry|expires)\b", re.I
)
_SIGNED_ON = re.compile(r"signed off[^.]*?\bon\b|\bdated\b|\bsigned on\b(?! behalf)", re.I)
_ROLE_WORD = re.compile(
    r"director|officer|chief|executive|manager|ceo|cfo|coo|\bmd\b|partner|owner|founder|chair|"
    r"trustee|lead|head|president|principal|c\.e\.o",
    re.I,
)
_WINDOW = 6


def _declaration_lines(context: Context) -> list[Line]:
    """Lines of the declaration section, or the last 40 lines when there is no heading."""
    lines = [
        line
        for line in context.lines
        if context.section_of_line[line.index] == "declaration" and not line.furniture
    ]
    if lines:
        return lines
    tail = [line for line in context.lines if not line.furniture]
    return tail[-40:]


def _sentences_with(context: Context, label: str) -> list[Sentence]:
    found: list[Sentence] = []
    for match in context.by_label(label):
        sentence = context.sentence_at(match.page, match.start)
        if (
            sentence
            and sentence not in found
            and not context.matches_within(
                sentence.page, sentence.start, sentence.end, "BOILERPLATE"
            )
        ):
            found.append(sentence)
    return found


def extract_declaration(context: Context, facts: Facts) -> None:
    """Declaration with or without a PPN reference, and board-level sign-off wording."""
    for sentence in _sentences_with(context, "PPN"):
        declares = context.matches_within(sentence.page, sentence.start, sentence.end, "DECLARE")
        if declares:
            facts.declaration = "ppn"
            facts.evidence["declaration"] = [sentence.evidence()]
            break
    if facts.declaration is None:
        declaration_section = [
            line for line in context.lines if context.section_of_line[line.index] == "declaration"
        ]
        for line in declaration_section:
            if context.matches_in(line, "DECLARE") or re.search(
                r"\b(?:approved|declare|confirm)\b", line.text, re.I
            ):
                found = context.sentence_at(line.page, line.start)
                facts.declaration = "plain"
                facts.evidence["declaration"] = [found.evidence() if found else line.evidence()]
                break
    for sentence in _sentences_with(context, "SIGNED"):
        bodies = context.matches_within(sentence.page, sentence.start, sentence.end, "SIGNOFF_BODY")
        roles = context.matches_within(sentence.page, sentence.start, sentence.end, "ROLE")
        if any(b.id == "board" for b in bodies) or any(r.id == "director" for r in roles):
            facts.board_sign_off = "board"
        elif bodies:
            facts.board_sign_off = "management"
        if facts.board_sign_off:
            facts.evidence["board_sign_off"] = [sentence.evidence()]
            if facts.board_sign_off == "board":
                break


def _role_near(
    context: Context, lines: list[Line], position: int, rest: str
) -> tuple[str | None, Line | None]:
    """The role written beside a name: in brackets or after a comma, or on the next lines."""
    line = lines[position]
    if rest:
        rest_start = line.start + len(line.text) - len(rest)
        if context.matches_within(line.page, rest_start, line.end, "ROLE"):
            return _role_part(rest), line
    for following in lines[position + 1 : position + 3]:
        field = _ROLE_FIELD.match(following.text)
        if field:
            return field["v"].strip(" ,()"), following
        if context.matches_in(following, "ROLE") and len(following.text.split()) <= 8:
            return following.text.strip(" ,()"), following
    return None, None


def _role_part(text: str) -> str:
    """From ', Compleo Health, CEO' or '(C.E.O.)', the part that is a role."""
    parts = [p.strip(" ,()") for p in re.split(r",|\(|\)", text) if p.strip(" ,()")]
    for part in reversed(parts):
        if _ROLE_WORD.search(part):
            return str(part)
    return text.strip(" ,()")


def extract_signatory(context: Context, facts: Facts) -> None:
    """The named signatory, their role and level, and the sign-off date."""
    lines = _declaration_lines(context)
    for position, line in enumerate(lines):
        m = _NAME.match(line.text)
        if not m or _NOT_NAME.search(m["name"]) or context.matches_in(line, "SECTION"):
            continue
        if len(line.text) > 90:
            continue
        role, role_line = _role_near(context, lines, position, m["rest"])
        nearby = " ".join(previous.text for previous in lines[max(0, position - 3) : position])
        signed_context = re.search(r"sign|approved|behalf|\.{5,}|…", nearby, re.I)
        if (
            role is None
            and not signed_context
            and not line.text.lower().startswith(("signed", "signature", "name"))
        ):
            continue
        facts.signatory.name = m["name"].strip()
        facts.signatory.role = role
        if role_line is not None and role:
            roles = context.matches_in(role_line, "ROLE")
            levels = {r.id for r in roles if r.text.lower() in role.lower()}
            facts.signatory.director_level = (
                True if "director" in levels else False if levels else None
            )
        evidence = [line.evidence()]
        if role_line is not None and role_line is not line:
            evidence.append(role_line.evidence())
        facts.evidence["signatory"] = evidence
        _sign_off_date(context, facts, lines, position)
        return
    _sign_off_date(context, facts, lines, None)


def _sign_off_date(context: Context, facts: Facts, lines: list[Line], position: int | None) -> None:
    """The date of the sign-off: near the signature, else a dated sign-off sentence."""
    ordered: list[Line] = []
    if position is not None:
        ordered += (
            lines[position : position + _WINDOW]
            + lines[max(0, position - _WINDOW) : position][::-1]
        )
    ordered += [line for line in lines if line not in ordered]
    candidates: list[Sentence | Line] = [
        sentence
        for sentence in _sentences_with(context, "SIGNED")
        if _SIGNED_ON.search(sentence.text)
    ]
    candidates += [
        line
        for line in ordered
        if not _REVIEW.search(line.text) or re.search(r"\bissue", line.text, re.I)
    ]
    for candidate in candidates:
        dates = find_dates(candidate.text)
        if dates:
            facts.sign_off_date = dates[0].value
            facts.sign_off_date_precision = dates[0].precision
            facts.evidence["sign_off_date"] = [candidate.evidence()]
            return
