"""The fixture plans exist, say what their expectations claim, and cover every rule both ways."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import docx
import lxml.html
import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest

from crp_checker.schemas import BuyerSettings, Facts, Outcome, Period, Verdict

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
RULES_MD = ROOT / "docs" / "RULES.md"
EXPECTED = sorted((FIXTURES / "expected").glob("*.json"))
DOCUMENT_FOLDERS = ("pdf", "docx", "html", "text")
GENERATED_FOLDERS = (*DOCUMENT_FOLDERS, "expected")
NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?")
# published-online passes only for a reachable URL on the supplier's domain: a local-server test.
PASS_LEFT_TO_SERVER_TEST = {"published-online"}


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def rule_outcomes_text() -> dict[str, str]:
    """Rule id -> the 'pass / partial / fail' cell of its row in docs/RULES.md."""
    rules: dict[str, str] = {}
    in_rule_table = False
    for line in RULES_MD.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            in_rule_table = False
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if cells[0] == "id":
            in_rule_table = True
        elif in_rule_table and cells[0].startswith("`"):
            rules[cells[0].strip("`")] = cells[2]
    return rules


def worst_outcome(rule: str) -> str:
    """The least favourable outcome the rulebook defines for a rule (fail, else partial, ...)."""
    text = rule_outcomes_text()[rule]
    same_as = re.fullmatch(r"as `([a-z0-9-]+)`", text)
    if same_as:
        text = rule_outcomes_text()[same_as.group(1)]
    for outcome in ("fail", "partial"):
        if re.search(rf"\b{outcome}\b", text):
            return outcome
    return "not_applicable"


@cache
def document_text(relative: str) -> str:
    """The text a reader would see in a fixture file, whitespace collapsed."""
    path = FIXTURES / relative
    if path.suffix == ".pdf":
        pdf = pypdfium2.PdfDocument(path)
        text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
        pdf.close()
    elif path.suffix == ".docx":
        document = docx.Document(str(path))
        parts = [p.text for p in document.paragraphs]
        parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
        text = "\n".join(parts)
    elif path.suffix == ".html":
        # Cells sit next to each other with no whitespace between the tags.
        text = " ".join(lxml.html.fromstring(path.read_bytes()).itertext())
    else:
        text = path.read_text(encoding="utf-8")
    return " ".join(text.split())


def numbers_in(text: str) -> set[float]:
    found = {float(match.replace(",", "")) for match in NUMBER.findall(text)}
    return found | {abs(value) for value in found}


def stated_figures(facts: dict[str, Any]) -> list[float]:
    """Every emissions figure the expected facts list, in the unit the plan prints."""
    figures = []
    for key in ("baseline", "current"):
        period = facts.get(key) or {}
        scale = 1000 if period.get("converted_from_kg") else 1
        for name in ("scope1", "scope2", "scope3", "total", "scope2_market", "scope2_location"):
            if period.get(name) is not None:
                figures.append(round(period[name] * scale, 2))
    return figures


def written_date(iso: str, precision: str | None) -> str:
    day = dt.date.fromisoformat(iso)
    month_year = f"{day:%B} {day.year}"
    return month_year if precision == "month" else f"{day.day} {month_year}"


def expectations_by_file() -> dict[str, dict[str, Any]]:
    """One expectation per fixture file (rechecks share the facts of their file)."""
    by_file: dict[str, dict[str, Any]] = {}
    for path in EXPECTED:
        data = load(path)
        by_file.setdefault(data["file"], data)
    return by_file


TEXT_FILES = [file for file, data in expectations_by_file().items() if not data.get("requires_ocr")]
SCANNED_FILES = [file for file, data in expectations_by_file().items() if data.get("requires_ocr")]


def test_fixture_set_is_not_empty() -> None:
    assert len(expectations_by_file()) >= 30
    assert "pdf/template_compliant.pdf" in expectations_by_file()
    assert SCANNED_FILES


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_expected_file_names_an_existing_fixture(path: Path) -> None:
    assert (FIXTURES / load(path)["file"]).is_file()


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_expected_file_is_well_formed(path: Path) -> None:
    data = load(path)
    assert set(data) >= {"file", "check_date", "settings", "facts", "outcomes"}
    BuyerSettings.model_validate({"check_date": data["check_date"], **data["settings"]})
    assert set(data["outcomes"]) <= set(rule_outcomes_text())
    assert {Outcome(value) for value in data["outcomes"].values()}
    if "verdict" in data:
        Verdict(data["verdict"])
    if data.get("url") is None:
        assert data["outcomes"].get("published-online", "not_applicable") == "not_applicable"
    facts = data["facts"]
    assert set(facts) <= set(Facts.model_fields)
    for key in ("baseline", "current"):
        assert set(facts.get(key) or {}) <= set(Period.model_fields)
    Facts.model_validate(facts)


def test_every_fixture_file_has_an_expectation() -> None:
    files = {
        path.relative_to(FIXTURES).as_posix()
        for folder in DOCUMENT_FOLDERS
        for path in (FIXTURES / folder).iterdir()
    }
    assert files == set(expectations_by_file())


@pytest.mark.parametrize("rule", sorted(rule_outcomes_text()))
def test_every_rule_has_a_passing_and_a_failing_fixture(rule: str) -> None:
    seen = {load(path)["outcomes"].get(rule) for path in EXPECTED}
    if rule not in PASS_LEFT_TO_SERVER_TEST:
        assert "pass" in seen
    assert worst_outcome(rule) in seen
    if rule == "published-online":
        assert "not_applicable" in seen


def test_rulebook_parse_finds_the_known_rules() -> None:
    rules = rule_outcomes_text()
    assert len(rules) >= 40
    assert worst_outcome("net-zero-year") == "fail"
    assert worst_outcome("current-emissions") == "fail"  # "as `baseline-emissions`"
    assert worst_outcome("scope2-basis") == "partial"
    assert worst_outcome("certifications") == "not_applicable"


@pytest.mark.parametrize("file", TEXT_FILES)
def test_fixture_text_states_the_expected_facts(file: str) -> None:
    facts = expectations_by_file()[file]["facts"]
    text = document_text(file)
    numbers = numbers_in(text)
    if facts.get("organisation"):
        assert facts["organisation"] in text
    missing = [value for value in stated_figures(facts) if value not in numbers]
    assert not missing, f"figures not in the text: {missing}"
    if facts.get("net_zero_year"):
        assert facts["net_zero_year"] in numbers
    for key in ("baseline", "current"):
        period = facts.get(key) or {}
        if period.get("label"):
            assert period["label"] in text
    name = (facts.get("signatory") or {}).get("name")
    if name:
        assert name in text
    if facts.get("sign_off_date"):
        assert written_date(facts["sign_off_date"], "day") in text
    if facts.get("publication_date"):
        precision = facts.get("publication_date_precision")
        assert f"Publication date: {written_date(facts['publication_date'], precision)}" in text


@pytest.mark.parametrize("file", SCANNED_FILES)
def test_scanned_fixture_has_images_and_no_text_layer(file: str) -> None:
    pdf = pypdfium2.PdfDocument(FIXTURES / file)
    assert len(pdf) >= 1
    for page in pdf:
        assert page.get_textpage().get_text_range().strip() == ""
        assert list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
    pdf.close()


def test_split_table_runs_over_a_page_break() -> None:
    pdf = pypdfium2.PdfDocument(FIXTURES / "pdf" / "multi_page_split_table.pdf")
    pages = [" ".join(page.get_textpage().get_text_range().split()) for page in pdf]
    pdf.close()
    start = next(i for i, text in enumerate(pages) if "Baseline year emissions:" in text)
    baseline_total = "Total Emissions (market-based) 12,780.0"
    end = next(i for i, text in enumerate(pages) if baseline_total in text)
    assert end == start + 1
    assert pages[end].startswith("EMISSIONS TOTAL (tCO2e)")  # header row repeated


def test_layout_fixtures_have_the_layout_they_are_named_after() -> None:
    with pdfplumber.open(FIXTURES / "pdf" / "prose_only.pdf") as pdf:
        assert not any(page.find_tables() for page in pdf.pages)
    with pdfplumber.open(FIXTURES / "pdf" / "template_compliant.pdf") as pdf:
        assert sum(len(page.find_tables()) for page in pdf.pages) == 2
    with pdfplumber.open(FIXTURES / "pdf" / "two_column_ppn006.pdf") as pdf:
        page = pdf.pages[0]
        starts = [word["x0"] for word in page.extract_words()]
        assert sum(x > page.width / 2 for x in starts) > 50  # the right column holds text
        assert sum(x < page.width / 2 for x in starts) > 50
    with pdfplumber.open(FIXTURES / "pdf" / "multi_year_columns.pdf") as pdf:
        tables = [t for page in pdf.pages for t in page.extract_tables()]
        assert [len(row) for row in tables[0]][:1] == [4]  # label + three year columns


def test_fixture_folder_is_small() -> None:
    files = [p for folder in DOCUMENT_FOLDERS for p in (FIXTURES / folder).iterdir()]
    sizes = {p.name: p.stat().st_size for p in files}
    assert sum(sizes.values()) < 2 * 1024 * 1024
    assert max(sizes.values()) < 100 * 1024, max(sizes, key=sizes.__getitem__)


def _generated(root: Path) -> dict[str, bytes]:
    files = {"README.md": (root / "README.md").read_bytes()}
    for folder in GENERATED_FOLDERS:
        for path in (root / folder).iterdir():
            files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def test_regenerating_gives_identical_files(tmp_path: Path) -> None:
    script = FIXTURES / "make_fixtures.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], check=True)
    fresh, committed = _generated(tmp_path), _generated(FIXTURES)
    assert sorted(fresh) == sorted(committed)
    changed = [name for name in fresh if fresh[name] != committed[name]]
    assert not changed, f"regenerated files differ: {changed}"
