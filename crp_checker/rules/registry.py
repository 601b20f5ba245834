"""The rule registry: a decorator gives each check a stable id, and one runner applies them all."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from crp_checker.readings import reading_question
from crp_checker.schemas import (
    BuyerSettings,
    Document,
    Evidence,
    Facts,
    Finding,
    Outcome,
    Severity,
)

GROUNDS = ("a", "b", "c", "d", "e")

# Display titles of the rulebook's sections, in rulebook order.
SECTIONS: dict[str, str] = {
    "document": "Document",
    "commitment": "Net zero commitment",
    "baseline": "Baseline emissions",
    "current": "Current emissions",
    "data": "Emissions data",
    "method": "Method and declaration",
    "targets": "Targets and measures",
    "publication": "Publication",
}


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know besides the facts: the buyer's parameters and how the reading went."""

    buyer: BuyerSettings
    unreadable_pages: tuple[int, ...] = ()
    page_count: int = 0

    @property
    def where(self) -> str:
        """Where the checker looked, for messages about things it did not find."""
        if self.page_count == 1:
            return "the 1 page of the document"
        if self.page_count:
            return f"the {self.page_count} pages of the document"
        return "the document"


@dataclass(frozen=True)
class Result:
    """What a rule function returns; the runner turns it into a `Finding`.

    `absent` marks an outcome that rests on something *not being found*: when pages could not
    be read, the runner turns such a fail or partial into `needs_review` (the answer may be on
    those pages) and qualifies such a pass. `rests_on` names the facts (keys of
    `Facts.readings`) a fail depends on: a fail that rests on a conflicting or inferred reading
    becomes `needs_review`, because a mandatory fail needs certainty. `question` is what a
    person must answer when the outcome is `needs_review`.
    """

    outcome: Outcome
    message: str
    fix: str | None = None
    evidence: Sequence[Evidence] = ()
    absent: bool = False
    question: str | None = None
    rests_on: tuple[str, ...] = ()


Check = Callable[[Facts, RuleContext], Result]


@dataclass(frozen=True)
class Rule:
    """One rulebook check; the public attributes feed the CLI listing and the README table."""

    id: str
    title: str
    section: str
    severity: Severity
    serves: tuple[str, ...]
    confidence: str | None
    docstring: str
    check: Check = field(repr=False)

    @property
    def section_title(self) -> str:
        return SECTIONS[self.section]

    def run(self, facts: Facts, ctx: RuleContext) -> Finding:
        """Apply the check and attach the rule's identity to its outcome."""
        result = _review_if_uncertain(self.check(facts, ctx), facts)
        result = _review_if_unreadable(result, ctx, self.title)
        return Finding(
            rule=self.id,
            title=self.title,
            section=self.section,
            outcome=result.outcome,
            severity=self.severity,
            serves=list(self.serves),
            message=result.message,
            fix=result.fix,
            evidence=_unique(result.evidence),
            question=result.question if result.outcome is Outcome.NEEDS_REVIEW else None,
        )


def _unique(evidence: Sequence[Evidence]) -> list[Evidence]:
    """Each quote once, in order: several facts often rest on the same line of the plan."""
    seen: set[tuple[int | None, int | None, str]] = set()
    kept: list[Evidence] = []
    for item in evidence:
        key = (item.page, item.start, item.quote)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


RULES: dict[str, Rule] = {}


def _parse_serves(serves: str) -> tuple[str, ...]:
    if serves.strip() == "all":
        return GROUNDS
    letters = tuple(part.strip() for part in serves.replace(",", " ").split() if part != "-")
    unknown = [letter for letter in letters if letter not in GROUNDS]
    if unknown:
        raise ValueError(f"unknown PPN 006 ground(s) {unknown}; use a-e, 'all' or '-'")
    return letters


def rule(
    rule_id: str,
    *,
    title: str,
    section: str,
    severity: Severity,
    serves: str,
    confidence: str | None = None,
) -> Callable[[Check], Check]:
    """Register a check under a stable id; its docstring is the explanation users see.

    `serves` names the PPN 006 exclusion grounds: "a", "b, e", "all" or "-" (none).
    """

    def register(check: Check) -> Check:
        if rule_id in RULES:
            raise ValueError(f"rule id {rule_id!r} is registered twice")
        if section not in SECTIONS:
            raise ValueError(f"rule {rule_id!r}: unknown section {section!r}")
        doc = inspect.getdoc(check)
        if not doc:
            raise ValueError(f"rule {rule_id!r} needs a docstring: it is shown to users")
        RULES[rule_id] = Rule(
            id=rule_id,
            title=title,
            section=section,
            severity=severity,
            serves=_parse_serves(serves),
            confidence=confidence,
            docstring=" ".join(doc.split()),
            check=check,
        )
        # Keep rulebook order whatever order the section modules are imported in; the sort is
        # stable, so rules within a section keep their order of definition.
        ordered = sorted(RULES.values(), key=lambda r: list(SECTIONS).index(r.section))
        RULES.clear()
        RULES.update((r.id, r) for r in ordered)
        return check

    return register


def pages_list(pages: Sequence[int]) -> str:
    """'page 3' or 'pages 3, 5 and 7'."""
    if len(pages) == 1:
        return f"page {pages[0]}"
    head = ", ".join(str(p) for p in pages[:-1])
    return f"pages {head} and {pages[-1]}"


def _review_if_uncertain(result: Result, facts: Facts) -> Result:
    """A mandatory fail needs certainty: one resting on a doubtful reading goes to a person."""
    if result.outcome is not Outcome.FAIL or not result.rests_on:
        return result
    doubtful = [
        (key, facts.readings[key])
        for key in result.rests_on
        if key in facts.readings and facts.readings[key].how in ("conflicting", "inferred")
    ]
    if not doubtful:
        return result
    questions = [reading_question(key, reading) for key, reading in doubtful]
    quotes = [e for _, reading in doubtful for c in reading.candidates for e in c.evidence]
    return replace(
        result,
        outcome=Outcome.NEEDS_REVIEW,
        message=f"{result.message} This rests on a reading a person should confirm.",
        evidence=[*result.evidence, *quotes],
        question=" ".join(questions),
    )


def _review_if_unreadable(result: Result, ctx: RuleContext, title: str) -> Result:
    """A verdict that rests on absence is unsafe when some pages could not be read."""
    if not result.absent or not ctx.unreadable_pages:
        return result
    unread = pages_list(ctx.unreadable_pages)
    if result.outcome is Outcome.PASS:
        note = f" Only the readable pages were checked: {unread} could not be read."
        return replace(result, message=result.message + note)
    if result.outcome not in (Outcome.FAIL, Outcome.PARTIAL):
        return result
    return Result(
        Outcome.NEEDS_REVIEW,
        f"{unread[0].upper() + unread[1:]} could not be read (no text layer), and what this check "
        f"looks for may be there. Without those pages: {result.message}",
        fix=(
            f"Send a copy of the plan with selectable text (not a scan), or ask an evaluator "
            f"to read {unread}. If the information is not there: {result.fix or 'add it.'}"
        ),
        evidence=result.evidence,
        question=f"Do {unread} (unreadable here) show what this check needs: {title.lower()}?",
    )


def run_rules(facts: Facts, document: Document, buyer: BuyerSettings) -> list[Finding]:
    """Apply every registered rule in rulebook order: one Finding per rule id."""
    ctx = RuleContext(
        buyer=buyer,
        unreadable_pages=tuple(document.unreadable_pages),
        page_count=len(document.pages),
    )
    return [registered.run(facts, ctx) for registered in RULES.values()]
