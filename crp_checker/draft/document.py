"""A draft plan in the structure of the official PPN 006 Carbon Reduction Plan template.

The plan is built once as blocks (headings, paragraphs, tables, lists) and written as DOCX or
HTML from them. Every value comes from the answers; a value nobody supplied is a visible
"[insert ...: not supplied]" run, never an invented figure (the checker reads that marker as
unfilled template text, so a draft with gaps cannot pass).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from crp_checker.draft.answers import Answers, parse_date
from crp_checker.draft.fields import REQUIRED_CATEGORIES, all_fields
from crp_checker.formatting import percent, tonnes, uk_date


@dataclass(frozen=True)
class Run:
    """A piece of text; `missing` marks a value nobody supplied."""

    text: str
    missing: bool = False


Line = list[Run]


@dataclass
class Block:
    """One heading, paragraph, list or table of the plan."""

    kind: Literal["title", "heading", "subheading", "paragraph", "bullets", "table"]
    lines: list[Line] = field(default_factory=list)  # paragraph: one; bullets: one per item
    header: list[str] = field(default_factory=list)  # tables
    rows: list[list[Line]] = field(default_factory=list)
    caption: str = ""


@dataclass
class DraftPlan:
    """The draft, block by block, and the fields it marks as missing."""

    blocks: list[Block]
    missing: list[str]

    def text(self) -> str:
        """The plan as plain text (tests, and a quick look)."""
        out: list[str] = []
        for block in self.blocks:
            if block.kind == "table":
                out.append(block.caption)
                out.append(" | ".join(block.header))
                out.extend(" | ".join(_plain(cell) for cell in row) for row in block.rows)
            else:
                out.extend(_plain(line) for line in block.lines)
        return "\n".join(out)


def _plain(line: Line) -> str:
    return "".join(run.text for run in line)


BASELINE_INTRO = (
    "Baseline emissions are a record of the greenhouse gases that have been produced in the past "
    "and were produced prior to the introduction of any strategies to reduce emissions. Baseline "
    "emissions are the reference point against which emissions reduction can be measured."
)
DECLARATION = (
    "This Carbon Reduction Plan has been completed in accordance with PPN 006 and associated "
    "guidance and reporting standard for Carbon Reduction Plans.",
    "Emissions have been reported and recorded in accordance with the published reporting "
    "standard for Carbon Reduction Plans and the GHG Reporting Protocol corporate standard and "
    "uses the appropriate Government emission conversion factors for greenhouse gas company "
    "reporting.",
    "Scope 1 and Scope 2 emissions have been reported in accordance with SECR requirements, and "
    "the required subset of Scope 3 emissions have been reported in accordance with the "
    "published reporting standard for Carbon Reduction Plans and the Corporate Value Chain "
    "(Scope 3) Standard.",
    "This Carbon Reduction Plan has been reviewed and signed off by the board of directors (or "
    "equivalent management body).",
)


class _Builder:
    """Turns answers into runs, recording each missing field once."""

    def __init__(self, answers: Answers) -> None:
        self.answers = answers
        self.missing: list[str] = []
        self.fields = all_fields(tuple(answers.categories()))

    def gap(self, name: str) -> Run:
        if name not in self.missing:
            self.missing.append(name)
        label = self.fields[name].label if name in self.fields else name
        return Run(f"[insert {label}: not supplied]", missing=True)

    def value(self, name: str) -> Run:
        value = self.answers.get(name)
        if value is None:
            return self.gap(name)
        spec = self.fields.get(name)
        kind = spec.kind if spec else "text"
        if kind == "number":
            text = percent(value) if name.endswith("percent") else tonnes(value, unit=False)
        elif kind == "date":
            day, precision = parse_date(value)
            text = uk_date(day, precision)
        else:
            text = str(value)
        return Run(text)

    def reason(self, name: str) -> str:
        """The supplier's reason for a zero or missing figure ('we own no vehicles')."""
        which, scope = name.split(".")
        return str(self.answers.get(f"{which}.explanations.{scope}") or "")

    def period(self, which: str) -> Line:
        label, start, end = (self.answers.get(f"{which}.{p}") for p in ("label", "start", "end"))
        if start and end:
            dates = f"{uk_date(parse_date(start)[0])} to {uk_date(parse_date(end)[0])}"
            return [Run(f"{label} ({dates})" if label else dates)]
        return [self.value(f"{which}.label")]

    def category_rows(self, which: str) -> list[list[Line]]:
        """The Scope 3 categories as rows of a period's table, as many plans lay them out: a
        required category needs a current figure or a reason; others appear when given."""
        rows = []
        for number in self.answers.categories():
            name = f"scope3.{number}.{which}"
            label = [Run(f"Scope 3 category {self.fields[name].label.split(':')[0]}")]
            value, reason = self.answers.get(name), self.answers.get(f"scope3.{number}.reason")
            if value is None and reason:
                rows.append([label, [Run("not applicable")], [Run(reason)]])
            elif value is not None or (which == "current" and number in REQUIRED_CATEGORIES):
                rows.append([label, [self.value(name)], [Run(reason or "")]])
        return rows

    def emissions_table(self, which: str, caption: str) -> Block:
        basis = self.answers.get(f"{which}.scope2_basis")
        scope2 = f"Scope 2 ({basis}-based)" if basis else "Scope 2"
        rows = [
            [[Run(label)], [self.value(name)], [Run(self.reason(name))]]
            for label, name in (
                ("Scope 1", f"{which}.scope1"),
                (scope2, f"{which}.scope2"),
                ("Scope 3 (Included Sources)", f"{which}.scope3"),
            )
        ]
        rows += self.category_rows(which)
        rows.append([[Run("Total Emissions")], [self.value(f"{which}.total")], [Run("")]])
        return Block(
            "table", header=["EMISSIONS", "TOTAL (tCO2e)", "NOTES"], rows=rows, caption=caption
        )


def _para(*runs: Run | str) -> Block:
    return Block("paragraph", lines=[[r if isinstance(r, Run) else Run(r) for r in runs]])


def _target(b: _Builder) -> Block:
    tco2e, year = b.answers.get("target.tco2e"), b.answers.get("target.year")
    stated, baseline = b.answers.get("target.percent"), b.answers.get("baseline.total")
    share: Run
    if stated is not None:
        share = Run(percent(stated))
    elif tco2e is not None and baseline:
        share = Run(percent((1 - tco2e / baseline) * 100))  # arithmetic on supplied figures
    else:
        share = b.gap("target.percent")
    if tco2e is None and stated is not None:
        return _para(
            "We project that carbon emissions will decrease by ",
            share,
            " against our baseline by ",
            b.value("target.year"),
            ".",
        )
    return _para(
        "We project that carbon emissions will decrease over the next five years to ",
        b.value("target.tco2e"),
        " tCO2e by ",
        b.value("target.year") if year is not None else b.gap("target.year"),
        ". This is a reduction of ",
        share,
        ".",
    )


def _measures(b: _Builder, name: str) -> Block:
    items = b.answers.get(name) or []
    if not items:
        return Block("bullets", lines=[[b.gap(name)]])
    return Block("bullets", lines=[[Run(item)] for item in items])


def _savings(b: _Builder) -> Block:
    saved, share = b.answers.get("savings_tco2e"), b.answers.get("savings_percent")
    parts: list[Run | str] = []
    if saved is not None or share is not None:
        parts.append("The carbon emission reduction achieved by these schemes equates to ")
        parts += [b.value("savings_tco2e"), " tCO2e"] if saved is not None else []
        joiner = ", a " if saved is not None else "a "
        parts += [joiner, b.value("savings_percent"), " reduction"] if share is not None else []
        parts.append(" against the baseline. ")
    parts.append("These measures will be in effect when performing the contract.")
    return _para(*parts)


def build_plan(answers: Answers) -> DraftPlan:
    """The draft plan, section by section as in the official template."""
    b = _Builder(answers)
    organisation = b.value("organisation")
    blocks = [
        Block("title", lines=[[Run("Carbon Reduction Plan")]]),
        _para("Supplier name: ", organisation),
        _para("Publication date: ", b.value("publication_date")),
        Block("heading", lines=[[Run("Commitment to achieving Net Zero")]]),
        _para(
            organisation, " is committed to achieving Net Zero emissions by ",
            b.value("net_zero_year"), ".",
        ),
        Block("heading", lines=[[Run("Baseline Emissions Footprint")]]),
        _para(BASELINE_INTRO),
        _para("Baseline Year: ", *b.period("baseline")),
        _para("Additional Details relating to the Baseline Emissions calculations."),
        _para(b.value("baseline_method")),
        b.emissions_table("baseline", "Baseline year emissions:"),
        Block("heading", lines=[[Run("Current Emissions Reporting")]]),
        _para("Reporting Year: ", *b.period("current")),
        b.emissions_table("current", "Current emissions:"),
        Block("heading", lines=[[Run("Emissions reduction targets")]]),
        _para(
            "In order to continue our progress to achieving Net Zero, we have adopted the "
            "following carbon reduction targets."
        ),
        _target(b),
        Block("heading", lines=[[Run("Carbon Reduction Projects")]]),
        Block("subheading", lines=[[Run("Completed Carbon Reduction Initiatives")]]),
        _para(
            "The following environmental management measures and projects have been completed "
            "or implemented since the ", *b.period("baseline"), " baseline."
        ),
        _measures(b, "completed_measures"),
        _savings(b),
        _para("In the future we will implement further measures such as:"),
        _measures(b, "future_measures"),
        Block("heading", lines=[[Run("Declaration and Sign Off")]]),
        *(_para(sentence) for sentence in DECLARATION),
        _para("Signed on behalf of the Supplier:"),
        _para(b.value("signatory.name")),
        _para(b.value("signatory.role")),
        _para("Date: ", b.value("sign_off_date")),
    ]  # fmt: skip
    return DraftPlan(blocks, b.missing)
