"""Tests for crp_checker.report: text, HTML, JSON and CSV renderings of one Assessment."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from factories import SCRIPT_QUOTE, make_assessment, make_finding

from crp_checker.errors import EmptyFileError
from crp_checker.report import (
    CSV_COLUMNS,
    Cell,
    csv_error_row,
    csv_row,
    emissions_cell,
    render_html,
    render_json,
    render_json_list,
    render_rules_json,
    render_rules_markdown,
    render_rules_text,
    render_text,
    verdict_sentence,
)
from crp_checker.schemas import (
    Assessment,
    Evidence,
    Finding,
    Outcome,
    Period,
    Severity,
    Verdict,
)

# --------------------------------------------------------------------------- verdict


def test_verdict_sentence_counts_mandatory_fails_and_names_grounds() -> None:
    assert verdict_sentence(make_assessment()) == (
        "Not compliant: 2 mandatory requirements fail (PPN 006 grounds a, b)"
    )


@pytest.mark.parametrize(
    ("verdict", "findings", "expected"),
    [
        (Verdict.COMPLIANT, [], "Compliant: every mandatory requirement is met"),
        (
            Verdict.COMPLIANT_WITH_GAPS,
            [make_finding("scope2-basis", "data", Outcome.PARTIAL)],
            "Compliant with gaps: no mandatory requirement fails, but 1 check is only partly met",
        ),
        (
            Verdict.NEEDS_REVIEW,
            [make_finding("signatory", "method", Outcome.NEEDS_REVIEW)],
            "Needs review: 1 mandatory requirement could not be checked automatically, "
            "so an evaluator must decide",
        ),
    ],
)
def test_verdict_sentence_for_each_verdict(
    verdict: Verdict, findings: list[Finding], expected: str
) -> None:
    assessment = make_assessment(verdict=verdict, findings=findings, grounds_failed=[])
    assert verdict_sentence(assessment) == expected


# --------------------------------------------------------------------------- HTML


def _html_tree(html: str) -> Any:
    return lxml.html.document_fromstring(html)


def _words(element: Any) -> str:
    """An element's text with line breaks (<br>) and runs of spaces read as one space."""
    return " ".join(" ".join(element.itertext()).split())


def test_html_has_every_section_in_order_for_action() -> None:
    html = render_html(make_assessment())
    tree = _html_tree(html)
    h2 = [h.text_content() for h in tree.iter("h2")]
    assert h2 == [
        "Result",
        "What to fix",
        "Key facts",
        "Checks met",
        "Where to get help",
        "Warnings",
        "Words used in this report",
        "About this check",
    ]
    h3 = [h.text_content() for h in tree.iter("h3")]
    assert h3[:3] == [
        "Mandatory: these decide the verdict (3)",
        "Good practice: these raise the score (1)",
        "Emissions",
    ]
    text = " ".join(tree.text_content().split())
    assert "Not compliant: 2 mandatory requirements fail (PPN 006 grounds a, b)." in text
    assert "Score 55/100: checks met, mandatory ones counted double." in text
    assert "Maturity 2 of 5 (Starting): stays at 2 until every mandatory" in text
    assert "Bee Net Zero" in text and "For: Net zero year." in text
    assert "Page 5 has no text layer" in text


def test_html_headline_names_the_requirements_that_decide_the_verdict() -> None:
    tree = _html_tree(render_html(make_assessment()))
    result = tree.xpath("//section[@aria-labelledby='result']")[0]
    decisive = [(a.text_content(), a.get("href")) for a in result.xpath(".//ul/li/a")]
    assert decisive == [
        ("Net zero year", "#rule-net-zero-year"),
        ("Current emissions", "#rule-current-emissions"),
    ]
    assert "Fails:" in _words(result)


def test_html_what_to_fix_lists_mandatory_gaps_then_good_practice_then_met_collapsed() -> None:
    tree = _html_tree(render_html(make_assessment()))
    fix = tree.xpath("//section[@aria-labelledby='what-to-fix']")[0]
    assert [a.get("id") for a in fix.iter("article")] == [
        "rule-net-zero-year",
        "rule-current-emissions",
        "rule-signatory",
        "rule-scope2-basis",
    ]
    first = _words(fix.find(".//article"))
    assert "The plan says: p. 3:" in first
    assert "For example: “[Company Ltd] is committed to achieving Net Zero" in first
    met = tree.xpath("//section[@aria-labelledby='checks-met']/details")[0]
    assert _words(met.find("summary")) == "4 pass, 1 not applicable: show them"
    assert [a.get("id") for a in met.iter("article")] == [
        "rule-crp-identified",
        "rule-net-zero-commitment",
        "rule-baseline-emissions",
        "rule-future-measures",
        "rule-published-online",
    ]


def test_html_glossary_terms_are_linked_from_the_report() -> None:
    tree = _html_tree(render_html(make_assessment()))
    anchors = {dt.get("id") for dt in tree.xpath("//dl[@class='glossary']/dt")}
    links = {a.get("href")[1:] for a in tree.xpath("//a[starts-with(@href, '#term-')]")}
    assert {"term-scope-1", "term-scope-3", "term-grounds", "term-baseline"} <= links
    assert links <= anchors


def test_html_marks_a_plain_scope2_basis_without_a_warning_sign() -> None:
    assessment = make_assessment()
    assessment.facts.current.scope2 = 5.0
    assessment.facts.current.scope2_basis = "market"
    tree = _html_tree(render_html(assessment))
    notes = tree.xpath("//table[contains(@class, 'emissions')]//span[contains(@class, 'note')]")
    basis = [n for n in notes if "market-based" in n.text_content()]
    assert basis and all("flag" not in n.get("class") for n in basis)
    derived = [n for n in notes if "derived" in n.text_content()]
    assert derived and all("flag" in n.get("class") for n in derived)


def test_html_key_facts_show_values_and_not_disclosed() -> None:
    tree = _html_tree(render_html(make_assessment()))
    rows = {
        row.find("th").text_content(): row.findall("td")[0].text_content()
        for row in tree.xpath("//table[contains(@class, 'facts')]/tbody/tr")
    }
    assert rows["Organisation"] == "Acme Widgets Ltd"
    assert rows["Publication date"] == "March 2024"  # month precision, no invented day
    assert rows["Net zero year"] == "2060"
    assert rows["Current period"] == "2023 (1 January 2023 to 31 December 2023)"
    assert rows["Signatory"] == "not disclosed"
    assert rows["Sign-off date"] == "not disclosed"
    assert (
        "7 Employee commuting (ruled out: all staff work from home)" in rows["Scope 3 categories"]
    )
    pages = {
        row.find("th").text_content(): row.findall("td")[1].text_content()
        for row in tree.xpath("//table[contains(@class, 'facts')]/tbody/tr")
    }
    assert pages["Organisation"] == "p. 1"
    assert pages["Signatory"] == ""


def test_html_emissions_table_flags_derived_converted_and_text_values() -> None:
    tree = _html_tree(render_html(make_assessment()))
    table = tree.xpath("//table[contains(@class, 'emissions')]")[0]
    header = [_words(th) for th in table.xpath("thead/tr/th")]
    assert header == [
        "Scope",
        "Baseline FY2019/20",
        "Current 2023 (1 January 2023 to 31 December 2023)",
    ]
    rows = {
        _words(tr.find("th")): [_words(td) for td in tr.findall("td")]
        for tr in table.xpath("tbody/tr")
    }
    assert rows["Scope 1"] == ["120.5", "100.25"]
    assert rows["Scope 2"] == ["80", "not disclosed"]
    assert rows["Scope 3"] == ["1,234.5 derived: sum of 5 category rows", "900"]
    assert rows["Total"] == ["1,435", "“TBC” (not a number)"]
    notes = " ".join(tree.xpath("//ul[@class='notes']")[0].text_content().split())
    assert "Current: figures were given in kgCO2e and converted to tonnes" in notes


def test_emissions_cells_name_the_scope2_basis_and_the_other_figure() -> None:
    both = Period(scope2=80.0, scope2_location=95.5, total=200.0, total_location=215.5)
    both.scope2_basis = "both"
    assert emissions_cell(both, "scope2") == Cell("80", ("market-based", "location-based: 95.5"))
    assert emissions_cell(both, "total") == Cell("200", ("location-based: 215.5",))
    location_only = Period(scope2=1234567.0, scope2_basis="location")
    assert emissions_cell(location_only, "scope2") == Cell("1,234,567", ("location-based",))
    zero = Period(scope1=0.0, explanations={"scope1": "no company vehicles"}, negative=["scope3"])
    zero.scope3 = -5.0
    assert emissions_cell(zero, "scope1") == Cell("0", ("reason given: no company vehicles",))
    assert emissions_cell(zero, "scope3") == Cell("-5", ("stated as a negative number",))


def test_html_findings_show_outcome_text_fix_and_evidence_with_page() -> None:
    tree = _html_tree(render_html(make_assessment()))
    finding = tree.get_element_by_id("rule-net-zero-year")
    text = " ".join(finding.text_content().split())
    assert text.startswith("Fail Net zero year")
    assert "Mandatory · PPN 006 ground a" in text
    assert "What to do: Commit to net zero by 2050 at the latest." in text
    assert f"p. 3: “{SCRIPT_QUOTE}”" in text
    badges = [b.text_content() for b in tree.xpath("//span[contains(@class, 'badge')]")]
    assert sorted(set(badges)) == ["Fail", "Needs review", "Not applicable", "Partial", "Pass"]


def test_html_escapes_quotes_from_the_plan() -> None:
    assessment = make_assessment()
    assessment.facts.organisation = "<b>Acme</b> & Sons"
    html = render_html(assessment)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Acme&lt;/b&gt; &amp; Sons" in html


def test_html_is_accessible_and_self_contained() -> None:
    html = render_html(make_assessment(), standalone=True)
    tree = _html_tree(html)
    assert tree.get("lang") == "en-GB"
    assert len(tree.xpath("//h1")) == 1
    levels = [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
    for table in tree.iter("table"):
        assert table.find("caption") is not None
        assert all(th.get("scope") in {"col", "row"} for th in table.iter("th"))
    assert not tree.xpath("//script")
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    # Standalone means no external resources: no stylesheet link, no src attributes.
    assert not tree.xpath("//link[@rel='stylesheet'] | //*[@src]")
    assert "Content-Security-Policy" in html and ".badge--fail" in html


def test_html_for_the_web_links_the_shared_stylesheet() -> None:
    tree = _html_tree(render_html(make_assessment(), standalone=False))
    assert tree.xpath("//link[@rel='stylesheet']/@href") == ["/static/style.css"]
    assert not tree.xpath("//style")


def test_html_links_only_web_addresses_for_support_routes() -> None:
    assessment = make_assessment()
    assessment.support[0].url = "javascript:alert(1)"
    tree = _html_tree(render_html(assessment))
    assert not tree.xpath("//a[starts-with(@href, 'javascript')]")


def test_html_lists_no_support_and_no_warnings_plainly() -> None:
    html = render_html(make_assessment(support=[], warnings=[]))
    assert "No support routes matched" in html
    assert "No warnings" in html


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_stylesheet_colour_pairs_meet_wcag_aa_contrast() -> None:
    css = (Path(__file__).parents[1] / "crp_checker" / "static" / "style.css").read_text()
    colours = dict(re.findall(r"--([a-z_]+-(?:fg|bg)):\s*(#[0-9a-f]{6})", css))
    names = {key.rsplit("-", 1)[0] for key in colours}
    assert {"text", "fail", "partial", "pass", "needs_review", "not_applicable"} <= names
    for name in names:
        light, dark = sorted((_luminance(colours[f"{name}-fg"]), _luminance(colours[f"{name}-bg"])))
        ratio = (dark + 0.05) / (light + 0.05)
        assert ratio >= 4.5, f"{name}: contrast {ratio:.2f}"
    assert _luminance("#ffffff") == pytest.approx(1.0)  # the formula itself, checked by hand


# --------------------------------------------------------------------------- text


def test_text_names_the_deciding_requirements_then_what_to_fix() -> None:
    text = render_text(make_assessment(), color=False)
    assert "\x1b[" not in text
    lines = text.splitlines()
    assert lines[1] == "Not compliant: 2 mandatory requirements fail (PPN 006 grounds a, b)"
    assert lines[2] == "Fails: Net zero year; Current emissions"
    assert lines[3].startswith("Score 55/100: checks met")
    badges = [line.split()[0] for line in lines if line.startswith("[")]
    assert badges == ["[FAIL]", "[FAIL]", "[NEEDS", "[PARTIAL]"]  # passes are not listed
    order = [line for line in lines if line.startswith(("Mandatory", "Good practice", "Checks"))]
    assert order[0].startswith("Mandatory") and order[1].startswith("Good practice")
    assert "Checks met (4 pass, 1 not applicable)" in text
    fail = next(i for i, line in enumerate(lines) if "(net-zero-year)" in line)
    assert lines[fail].startswith("[FAIL]") and "Net zero year" in lines[fail]
    assert lines[fail + 1].strip() == "Message for net-zero-year."
    assert (
        lines[fail + 2].strip().startswith("The plan says: p. 3: “We will reach net zero <script>")
    )
    assert lines[fail + 3].strip() == "What to do: Commit to net zero by 2050 at the latest."
    assert lines[fail + 4].strip().startswith("For example: “[Company Ltd] is committed")
    assert lines[fail + 1].startswith(" ")  # indented below the finding


def test_text_says_when_the_plan_is_silent_on_a_gap() -> None:
    text = render_text(make_assessment(), color=False)
    assert "The plan says: Nothing: no passage in the plan's 5 pages bears on this." in text


def test_text_shows_key_facts_and_not_disclosed() -> None:
    text = render_text(make_assessment(), color=False)
    assert re.search(r"Organisation\s+Acme Widgets Ltd  \(p\. 1\)", text)
    assert re.search(r"Signatory\s+not disclosed", text)
    assert (
        "Baseline tCO2e      Scope 1 120.5 · Scope 2 80 · Scope 3 1,234.5 · Total 1,435\n" in text
    )
    assert "Scope 3: derived: sum of 5 category rows" in text
    assert "converted to tonnes" in text
    assert "Bee Net Zero" in text and "Page 5 has no text layer" in text


def test_text_prints_rich_markup_from_the_plan_literally() -> None:
    assessment = make_assessment()
    assessment.findings[2].evidence = [
        Evidence(page=7, quote="[bold red]urgent[/] [link=x]y[/link]")
    ]
    text = render_text(assessment, color=True)
    assert "p. 7: “[bold red]urgent[/] [link=x]y[/link]”" in text


def test_text_with_colour_uses_ansi_codes() -> None:
    coloured = render_text(make_assessment(), color=True)
    assert "\x1b[" in coloured
    plain = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert plain == render_text(make_assessment(), color=False)


# --------------------------------------------------------------------------- JSON


def test_json_round_trips_to_the_same_assessment() -> None:
    assessment = make_assessment()
    assert Assessment.model_validate_json(render_json(assessment)) == assessment
    many = json.loads(render_json_list([assessment, assessment]))
    assert [item["verdict"] for item in many] == ["non_compliant", "non_compliant"]


# --------------------------------------------------------------------------- CSV


def test_csv_row_fills_every_column() -> None:
    row = csv_row(make_assessment(), source="plans/acme.pdf")
    assert list(row) == list(CSV_COLUMNS)
    assert row["source"] == "plans/acme.pdf"
    assert row["status"] == "ok"
    assert row["verdict"] == "non_compliant"
    assert row["score"] == "55"
    assert row["organisation"] == "Acme Widgets Ltd"
    assert row["net_zero_year"] == "2060"
    assert row["baseline_label"] == "FY2019/20"
    assert row["baseline_scope3"] == "1234.5"
    assert row["current_scope2"] == ""  # not disclosed stays empty, never 0
    assert row["current_scope1"] == "100.25"
    assert row["scope3_categories"] == "4; 6; 7"
    assert row["failed_mandatory_rules"] == "net-zero-year; current-emissions"
    assert row["grounds_failed"] == "a; b"
    assert row["needs_review_rules"] == "signatory"
    assert row["derived_or_converted"] == (
        "baseline.scope3: sum of 5 category rows; current: converted from kgCO2e"
    )
    assert row["sign_off_date"] == ""
    assert row["error"] == ""


def test_csv_cells_from_the_plan_cannot_become_formulas() -> None:
    assessment = make_assessment()
    assessment.facts.organisation = '=HYPERLINK("http://evil.example","x")'
    row = csv_row(assessment)
    assert row["organisation"].startswith("'=")


def test_csv_error_row_records_code_message_and_hint() -> None:
    row = csv_error_row("empty.pdf", EmptyFileError("empty.pdf has no bytes."))
    assert list(row) == list(CSV_COLUMNS)
    assert (row["source"], row["status"], row["error_code"]) == ("empty.pdf", "error", "empty")
    assert row["error"] == "empty.pdf has no bytes."
    assert row["error_hint"].startswith("Upload the finished plan")
    assert row["verdict"] == ""
    other = csv_error_row("x.pdf", ValueError("boom"))
    assert (other["error_code"], other["error"]) == ("internal_error", "ValueError: boom")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writerow(row)  # every key is a known column
    assert buffer.getvalue().startswith("empty.pdf,error,empty,")


# --------------------------------------------------------------------------- rulebook


class _Rule:
    def __init__(self, rule_id: str, title: str, severity: Severity, serves: list[str]) -> None:
        self.id = rule_id
        self.title = title
        self.section = "commitment"
        self.severity = severity
        self.serves = serves


RULES = [
    _Rule("net-zero-year", "Net zero by 2050 | earlier", Severity.MANDATORY, ["a"]),
    _Rule("methodology", "Reporting standards named", Severity.MANDATORY, ["b", "e"]),
]


def test_rules_render_as_markdown_json_and_text() -> None:
    markdown = render_rules_markdown(RULES).splitlines()
    assert markdown[0] == "| id | section | severity | serves | title |"
    assert (
        markdown[2]
        == "| `net-zero-year` | commitment | mandatory | a | Net zero by 2050 \\| earlier |"
    )
    assert json.loads(render_rules_json(RULES))[1] == {
        "id": "methodology",
        "section": "commitment",
        "severity": "mandatory",
        "serves": "b, e",
        "title": "Reporting standards named",
    }
    text = render_rules_text(RULES, color=False)
    assert "net-zero-year" in text and "methodology" in text
