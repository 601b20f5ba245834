"""How the figures were made: standards named, the baseline method and certifications.

Whether a large change between the years is explained is read in `explanations.py`."""

from __future__ import annotations

import re
from functools import lru_cache

from crp_checker.extract.context import DocumentContext
from crp_checker.extract.rows import classify
from crp_checker.patterns import required_patterns
from crp_checker.schemas import Facts

_METHOD_ORDER = ("ghg_protocol", "secr", "scope3_standard", "uk_conversion_factors", "iso14064")
_ADDITIONAL = re.compile(
    r"additional details|methodology|calculated|calculation|estimated|estimate|"
    r"conversion factors|data (?:was|were)|boundary|operational control|financial control|"
    r"tool|calculator|covers|includes|operations|sites|meter|bills|invoices|mileage|survey",
    re.I,
)
_TEMPLATE_DEFINITION = re.compile(r"baseline emissions are (?:a record|the reference)", re.I)
_MAX_METHOD_CHARS = 1500
# "the DESNZ 2024 greenhouse gas conversion factors", "Defra's emission factors", "Emission
# factors: DESNZ (2025)", "the Government's greenhouse gas reporting conversion factors": the
# UK Government factors under their publisher's name, anywhere in the sentence.
_PUBLISHER = re.compile(
    r"\b(?:DESNZ|BEIS|DEFRA|Defra|DECC|Department\s+for\s+(?:Energy\s+Security|Business,?\s+"
    r"Energy|Environment,?\s+Food)|UK\s+Gov(?:ernmen)?t|HM\s+Government|"
    r"(?:the\s+)?[Gg]overnment(?:['’]s)?(?=\s+(?:\w+\s+){0,4}factors))\b"
)
_FACTORS = re.compile(
    r"\b(?:(?:conversion|emissions?|GHG|greenhouse\s+gas|carbon)\s+(?:reporting\s+)?factors?|"
    r"factors?\s+(?:published\s+by|from)|(?:DESNZ|BEIS|DEFRA|Defra|DECC)(?:['’]s)?"
    r"(?:\s+[\w()-]+){0,4}?\s+factors)\b",
    re.I,
)


@lru_cache(maxsize=1)
def _split_names() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The standards' names of models/methodology.jsonl with a line break allowed between any
    two words, and the id of each alternative: a narrow column wraps "... and the GHG /
    Reporting Protocol corporate standard" where the pattern matcher cannot see it."""
    names = sorted(
        {
            (p["id"], p["pattern"])
            for p in required_patterns()
            if p["label"] == "METHOD" and isinstance(p["pattern"], str) and " " in p["pattern"]
        },
        key=lambda item: -len(item[1]),
    )
    gap = r"[ \t]*\n?[ \t]*"
    groups = [
        rf"(?P<m{i}>{gap.join(map(re.escape, name.split()))})" for i, (_, name) in enumerate(names)
    ]
    pattern = re.compile(r"\b(?:" + "|".join(groups) + r")\b", re.I)
    return pattern, tuple(key for key, _ in names)


def _named_across_lines(context: DocumentContext) -> list[tuple[str, int, int]]:
    """(id, page, offset) of each standard whose name runs over a line break."""
    pattern, ids = _split_names()
    found: list[tuple[str, int, int]] = []
    for page in context.document.pages:
        for m in pattern.finditer(page.text):
            if "\n" in m[0] and m.lastgroup is not None:
                found.append((ids[int(m.lastgroup[1:])], page.number, m.start()))
    return found


def _is_table_row(text: str) -> bool:
    """'Category 5: Waste generated in operations 20.0' is a figure, not a method."""
    return classify(text).has_values


def _not_boilerplate(context: DocumentContext, page: int, start: int, end: int) -> bool:
    return not context.matches_within(page, start, end, "BOILERPLATE")


def extract_method(context: DocumentContext, facts: Facts) -> None:
    """Standards, certifications and the baseline method text."""
    named: dict[str, list[int]] = {}
    for match in context.by_label("METHOD"):
        sentence = context.sentence_at(match.page, match.start)
        if sentence and not _not_boilerplate(context, sentence.page, sentence.start, sentence.end):
            continue
        named.setdefault(match.id, [])
        if sentence and len(facts.evidence.get("methodology", [])) < 6:
            quotes = {e.quote for e in facts.evidence.get("methodology", [])}
            if sentence.text not in quotes:
                facts.evidence.setdefault("methodology", []).append(sentence.evidence())
    for key, page, offset in _named_across_lines(context):
        sentence = context.sentence_at(page, offset)
        if key in named or (
            sentence and not _not_boilerplate(context, sentence.page, sentence.start, sentence.end)
        ):
            continue
        named[key] = []
        if sentence:
            facts.evidence.setdefault("methodology", []).append(sentence.evidence())
    if "uk_conversion_factors" not in named:
        for sentence in context.sentences:
            text = sentence.text
            if "actors" in text and _FACTORS.search(text) and _PUBLISHER.search(text):
                named["uk_conversion_factors"] = []
                facts.evidence.setdefault("methodology", []).append(sentence.evidence())
                break
    facts.methodology = [key for key in _METHOD_ORDER if key in named]

    certifications: list[str] = []
    for match in context.by_label("CERT"):
        if match.id not in certifications:
            certifications.append(match.id)
            sentence = context.sentence_at(match.page, match.start)
            if sentence:
                facts.evidence.setdefault("certifications", []).append(sentence.evidence())
    facts.certifications = certifications

    method_sentences = []
    for sentence in context.sentences:
        line = context.line_at(sentence.page, sentence.start)
        section = context.section_of_line[line.index] if line else None
        if (
            section == "baseline"
            and not _is_table_row(sentence.text)
            and _ADDITIONAL.search(sentence.text)
            and len(sentence.text) > 40
            and not _TEMPLATE_DEFINITION.match(sentence.text)
        ):
            method_sentences.append(sentence)
    if method_sentences:
        text = " ".join(s.text for s in method_sentences)
        facts.baseline_method = text[:_MAX_METHOD_CHARS]
        facts.evidence["baseline_method"] = [s.evidence() for s in method_sentences[:4]]
