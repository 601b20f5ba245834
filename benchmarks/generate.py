"""Synthetic plans for the benchmark: six-page plans for throughput and long documents for scaling.

Built from the fixture generator's plan model and reportlab renderer (fixtures/), so the pages
look like real plans: template emissions tables, prose, bullets and a couple of ruled table pages.
Everything is seeded, so a cache folder can be reused between runs.
"""

from __future__ import annotations

import random
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

FIXTURES_DIR = Path(__file__).resolve().parent.parent / "fixtures"
if str(FIXTURES_DIR) not in sys.path:
    # The fixture modules import each other by bare name. Appended, not prepended: their
    # catalogue.py would otherwise shadow the `catalogue` package that spaCy depends on.
    sys.path.append(str(FIXTURES_DIR))

import io  # noqa: E402

import pypdfium2 as pdfium  # noqa: E402
from blocks import Block, build_blocks, heading, multi_year_table, para  # noqa: E402
from personas import BASE  # noqa: E402
from plans import Period, Plan, period  # noqa: E402
from render_pdf import MARGIN, flowables  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate  # noqa: E402

VERSION = 2  # bump when the documents change, so stale caches are not reused
_WIDTH = A4[0] - 2 * MARGIN
_NAMES = ("Ashcombe", "Brackley", "Corrin", "Dunmore", "Elston", "Fenwick", "Garrow", "Hallam")
_TRADES = ("Facilities", "Logistics", "Catering", "Engineering", "Cleaning", "IT Services")
_SITES = ("Leeds", "Hull", "York", "Bradford", "Wakefield", "Halifax", "Harrogate", "Selby")
_SENTENCES = (
    "Our teams deliver {trade} services to public sector customers across the region.",
    "We review energy use at every site each quarter and share the results with site managers.",
    "Fleet telematics data show fewer idle hours and shorter routes than last year.",
    "Suppliers on our preferred list are asked to report their own emissions annually.",
    "Staff completed environmental awareness training as part of their induction.",
    "Waste from our depots is separated for recycling, and food waste goes to anaerobic digestion.",
    "We will keep investing in low-carbon vehicles and building improvements.",
    "The sustainability committee meets monthly and reports to the board twice a year.",
    "Customer feedback on our environmental performance is collected in every contract review.",
    "Site {site} moved to LED lighting and smart heating controls during the year.",
)


def _scaled(p: Period, factor: float, label: str, year: int) -> Period:
    """A copy of a period's figures scaled by `factor`, relabelled to another year."""

    def num(value: object) -> float:
        return round(float(value) * factor, 1) if isinstance(value, float) else 0.0

    categories = {n: round(v * factor, 1) for n, v in p.categories}
    return period(label, year, num(p.scope1), num(p.scope2), num(p.scope2_location), categories)


def plan_for(index: int) -> Plan:
    """A compliant-looking plan for supplier `index`: own name, own scale of emissions."""
    rng = random.Random(index)
    name = f"{rng.choice(_NAMES)} {rng.choice(_TRADES)} {index:04d} Ltd"
    factor = rng.uniform(0.05, 20.0)
    base_year = rng.choice((2018, 2019, 2020))
    plan = replace(
        BASE,
        organisation=name,
        net_zero_year=rng.choice((2035, 2040, 2045, 2050)),
        baseline=_scaled(BASE.baseline, factor, str(base_year), base_year),
        current=_scaled(BASE.current, factor * rng.uniform(0.6, 0.95), "2024", 2024),
    )
    total = plan.current.total
    target = round(float(total) * 0.7, 1) if isinstance(total, float) else 1.0
    return replace(plan, target_t=target, signatory_name=f"{rng.choice(_NAMES)} Smith")


def _prose(rng: random.Random, paragraphs: int, trade: str) -> list[Block]:
    out = []
    for _ in range(paragraphs):
        picked = rng.sample(_SENTENCES, 4)
        text = " ".join(s.format(trade=trade.lower(), site=rng.choice(_SITES)) for s in picked)
        out.append(para(text))
    return out


def _site_table(rng: random.Random, title: str) -> list[Block]:
    """A ruled table of site figures, the kind of extra table page real plans carry."""
    rows: list[tuple[str, ...]] = [("Site", "Scope 1 (tCO2e)", "Scope 2 (tCO2e)", "Total (tCO2e)")]
    for site in rng.sample(_SITES, 6):
        s1, s2 = round(rng.uniform(5, 400), 1), round(rng.uniform(5, 300), 1)
        rows.append((f"{site} depot", f"{s1:,.1f}", f"{s2:,.1f}", f"{s1 + s2:,.1f}"))
    note = para("Emissions by site for the reporting year.")
    return [heading(title), note, Block("table", rows=tuple(rows))]


def plan_pages(index: int) -> list[list[Block]]:
    """The six pages of plan `index`: prose, two template tables, two table pages, sign-off."""
    plan = plan_for(index)
    rng = random.Random(-index - 1)
    trade = next((t for t in _TRADES if t in (plan.organisation or "")), "Facilities")
    blocks = build_blocks(plan, "tables")
    cut = [i for i, b in enumerate(blocks) if b.kind == "heading"]
    sections = [blocks[a:b] for a, b in zip([0, *cut], [*cut, len(blocks)], strict=True)]
    # sections: front matter, commitment, baseline, current, targets, projects, declaration
    front, commitment, baseline, current, targets, projects, declaration = sections
    intro = [heading("About us"), *_prose(rng, 2, trade)]
    over_time = [heading("Emissions over time"), multi_year_table(replace(plan, intermediate=None))]
    return [
        front + commitment + intro,
        baseline,
        current,
        [*_site_table(rng, "Emissions by site"), *over_time],
        targets + projects,
        [*declaration, heading("Looking ahead"), *_prose(rng, 1, trade)],
    ]


def appendix_page(index: int, number: int) -> list[Block]:
    """One page of a long document's appendix: mostly prose, every fifth page a table."""
    rng = random.Random(index * 10_000 + number)
    if number % 5 == 0:
        return _site_table(rng, f"Appendix {number}: site figures")
    return [heading(f"Appendix {number}: site report"), *_prose(rng, 4, "Facilities")]


def render_pages(pages: list[list[Block]], title: str) -> bytes:
    """One PDF page per list of blocks (each must fit on a page)."""
    story: list[Flowable] = []
    for blocks in pages:
        story += flowables(blocks, _WIDTH)
        story.append(PageBreak())
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, title=title)
    doc.build(story[:-1])
    return buffer.getvalue()


def page_count(data: bytes) -> int:
    """Pages in a PDF (to check that every block list fitted on its page)."""
    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def six_page_plan(index: int) -> bytes:
    """Plan `index` as a six-page PDF."""
    return render_pages(plan_pages(index), f"Carbon Reduction Plan {index}")


def long_document(pages: int) -> bytes:
    """A plan followed by appendix pages, `pages` pages in all."""
    body = plan_pages(0)[: min(6, pages)]
    body += [appendix_page(0, n) for n in range(1, pages - len(body) + 1)]
    return render_pages(body, f"Carbon Reduction Plan and report ({pages} pages)")


def _write_plan(args: tuple[int, Path]) -> None:
    index, path = args
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(six_page_plan(index))
        tmp.replace(path)


def plan_files(folder: Path, count: int, workers: int) -> list[Path]:
    """`count` six-page plans in `folder`, generating only those not there yet."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"plan-{i:04d}.pdf" for i in range(count)]
    missing = [(i, p) for i, p in enumerate(paths) if not p.exists()]
    if missing:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            list(pool.map(_write_plan, missing, chunksize=16))
    return paths


def long_file(folder: Path, pages: int) -> Path:
    """The `pages`-page document in `folder`, generated if missing."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"long-{pages:03d}.pdf"
    if not path.exists():
        data = long_document(pages)
        if page_count(data) != pages:
            raise RuntimeError(f"the {pages}-page document came out at {page_count(data)} pages")
        path.write_bytes(data)
    return path
