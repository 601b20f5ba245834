"""Scope 3 categories the plan addresses: reported with figures, named, or ruled out.

Categories are found by number ("Category 6", "6. Business Travel") or by name and synonym
(models/scope3.jsonl: staff travel, commuting, homeworking, deliveries, logistics, waste...).
A name counts only where the plan talks about its emissions (the Scope 3 rows of a table, or a
sentence about Scope 3), not in a list of measures.
"""

from __future__ import annotations

import re

from crp_checker.extract.context import Context, Sentence
from crp_checker.schemas import Facts, Scope3Category

NAMES = {
    1: "Purchased goods and services",
    2: "Capital goods",
    3: "Fuel- and energy-related activities",
    4: "Upstream transportation and distribution",
    5: "Waste generated in operations",
    6: "Business travel",
    7: "Employee commuting",
    8: "Upstream leased assets",
    9: "Downstream transportation and distribution",
    10: "Processing of sold products",
    11: "Use of sold products",
    12: "End-of-life treatment of sold products",
    13: "Downstream leased assets",
    14: "Franchises",
    15: "Investments",
}
_EXCLUDED = re.compile(
    r"\b(?:no emissions|not applicable|n/a|not relevant|excluded|exclude|do not have|does not have|"
    r"no\s+\w+\s+(?:to report|emissions)|not material|immaterial|none|zero emissions|"
    r"not part of|outside (?:the|our) (?:scope|boundary))\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will be|to include|in future|in the future|not yet|yet to|plan to|intend to|aim to|"
    r"going forward|will (?:review|include|measure|assess))\b",
    re.I,
)
_ENDS_NUMBERED = re.compile(r"(?:\s|^|,|and|or)\d{1,2}\.$")
_SCOPE3 = re.compile(r"\bscope\s*3\b|\bscope three\b|\bindirect emissions\b", re.I)


def _rejoin_numbered(sentences: list[Sentence]) -> list[Sentence]:
    """Undo the sentence break in "... related to 5. Waste generated in operations ...":
    a sentence ending in a category number continues in the next one."""
    joined: list[Sentence] = []
    for sentence in sentences:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.page == sentence.page
            and _ENDS_NUMBERED.search(previous.text)
        ):
            joined[-1] = Sentence(
                previous.page, previous.start, sentence.end, f"{previous.text} {sentence.text}"
            )
        else:
            joined.append(sentence)
    return joined


def _category_sentences(context: Context) -> list[tuple[Sentence, list[int]]]:
    """Sentences that talk about Scope 3 (or sit in the emissions sections) with categories."""
    found: list[tuple[Sentence, list[int]]] = []
    sentences = _rejoin_numbered(context.sentences)
    for sentence in sentences:
        numbers = sorted(
            {
                int(m.id)
                for m in context.matches_within(
                    sentence.page, sentence.start, sentence.end, "SCOPE3_CAT"
                )
            }
        )
        numbered = [int(n) for n in re.findall(r"\bcategory\s*(\d{1,2})\b", sentence.text, re.I)]
        numbers = sorted(set(numbers) | {n for n in numbered if 1 <= n <= 15})
        if not numbers:
            continue
        line = context.line_at(sentence.page, sentence.start)
        section = context.section_of_line[line.index] if line else None
        if _SCOPE3.search(sentence.text) or section in ("baseline", "current"):
            found.append((sentence, numbers))
    return found


def extract_scope3(context: Context, facts: Facts, categories: dict[int, Scope3Category]) -> None:
    """Merge table rows (already in `categories`) with named and ruled-out categories."""
    for sentence, numbers in _category_sentences(context):
        excluded = bool(_EXCLUDED.search(sentence.text))
        planned = bool(_FUTURE.search(sentence.text)) and not excluded
        for number in numbers:
            entry = categories.get(number)
            if planned and entry is None:
                continue
            if entry is None:
                entry = Scope3Category(number=number, name="", as_written="")
                categories[number] = entry
            if excluded and entry.baseline in (None, 0) and entry.current in (None, 0):
                entry.excluded = True
            if excluded and (entry.baseline in (None, 0) or entry.current in (None, 0)):
                # The plan's reason for a category it does not report, or reports as zero.
                entry.reason = entry.reason or sentence.text
            facts.evidence.setdefault(f"scope3.{number}", []).append(sentence.evidence())
    for number, entry in categories.items():
        entry.name = NAMES[number]
        if not entry.as_written:
            quotes = facts.evidence.get(f"scope3.{number}", [])
            entry.as_written = quotes[0].quote[:120] if quotes else NAMES[number]
    facts.scope3_detail = [categories[n] for n in sorted(categories)]
    facts.scope3_categories = sorted(categories)
