"""Web pages: visible text only, block lines, table rows, title and character encodings."""

from __future__ import annotations

import codecs

from crp_checker.ingest import ingest, ingest_bytes
from crp_checker.ingest.html import decode_html

PAGE = """<!DOCTYPE html>
<html><head>
  <title>Acme Ltd –
     Carbon Reduction Plan</title>
  <style>p { color: red }</style>
  <script>var plan = "Net zero by 2099";</script>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/about">About</a></nav>
  <h1>Carbon Reduction Plan</h1>
  <!-- Net zero by 2099 in a comment -->
  <p>Acme Ltd is committed to <b>net zero</b> by
     2050.<br>Publication date: 1 May 2025</p>
  <noscript>Enable JavaScript</noscript>
  <template><p>Net zero by 2099</p></template>
  <svg><text>Net zero by 2099</text></svg>
  <iframe src="plan.pdf">Net zero by 2099</iframe>
  <form><label>Your email</label><input value="Net zero by 2099">
    <select><option>2099</option></select><button>Send</button></form>
  <ul><li>LED lighting</li><li>Electric <i>vans</i></li></ul>
  <ol><li>Measure baseline</li><li>Cut emissions</li></ol>
  <table>
    <tr><th>Scope</th><th>Baseline</th><th>Current</th></tr>
    <tr><td>Scope 1</td><td>12.5</td><td>10.1</td></tr>
    <tr><td></td><td></td><td></td></tr>
    <tr><td>Scope 2</td><td><p>40.1</p></td><td>38</td></tr>
  </table>
  <pre>Signed:  J. Smith
Director</pre>
</body></html>
"""


def test_visible_text_as_lines_with_tables() -> None:
    document = ingest(PAGE.encode(), name="plan.html")
    assert document.source.kind == "html"
    assert document.source.title == "Acme Ltd – Carbon Reduction Plan"
    page = document.pages[0]
    assert page.text.split("\n") == [
        "Home About",
        "Carbon Reduction Plan",
        "Acme Ltd is committed to net zero by 2050.",
        "Publication date: 1 May 2025",
        "Your email",
        "• LED lighting",
        "• Electric vans",
        "1. Measure baseline",
        "2. Cut emissions",
        "Scope | Baseline | Current |",
        "Scope 1 | 12.5 | 10.1 |",
        "Scope 2 | 40.1 | 38 |",
        "Signed: J. Smith",
        "Director",
    ]
    assert "2099" not in page.text
    assert page.tables == [
        [["Scope", "Baseline", "Current"], ["Scope 1", "12.5", "10.1"], ["Scope 2", "40.1", "38"]]
    ]


def test_layout_tables_are_read_as_blocks() -> None:
    html = b"""<html><body><table><tr><td>
        <h2>Commitment</h2><p>Net zero by 2045.</p>
        <table><tr><td>Scope 1</td><td>3.2</td></tr></table>
      </td></tr></table></body></html>"""
    page = ingest(html, name="plan.html").pages[0]
    assert page.text.split("\n") == ["Commitment", "Net zero by 2045.", "Scope 1 | 3.2 |"]
    assert page.tables == [[["Scope 1", "3.2"]]]


def test_saved_page_with_embedded_plan_gives_only_visible_text() -> None:
    html = b"""<html><body><h1>Our Carbon Reduction Plan</h1>
      <object data="crp.pdf" type="application/pdf"><p>Download the plan</p></object>
      <embed src="crp.pdf"><p><a href="crp.pdf">Carbon Reduction Plan (PDF)</a></p>
      </body></html>"""
    assert ingest(html, name="page.html").pages[0].text == (
        "Our Carbon Reduction Plan\nCarbon Reduction Plan (PDF)"
    )


def test_meta_charset_is_honoured() -> None:
    html = '<html><head><meta charset="windows-1252"></head><body>£5k – ‘green’</body></html>'
    document = ingest(html.encode("cp1252"), name="plan.html")
    assert document.pages[0].text == "£5k – ‘green’"
    assert document.warnings == []


def test_http_charset_wins_over_meta_and_latin1_means_windows_1252() -> None:
    html = '<html><head><meta charset="utf-8"></head><body>£5k – ‘green’</body></html>'
    document = ingest_bytes(html.encode("cp1252"), name="plan", charset="ISO-8859-1")
    assert document.pages[0].text == "£5k – ‘green’"


def test_bom_wins_over_everything() -> None:
    html = '<html><head><meta charset="windows-1252"></head><body>tCO₂e</body></html>'
    data = codecs.BOM_UTF8 + html.encode("utf-8")
    assert ingest_bytes(data, name="p", charset="cp1252").pages[0].text == "tCO2e"


def test_undeclared_bytes_are_utf8_with_replacement_and_a_warning() -> None:
    text, warnings = decode_html(b"<p>caf\xe9 \xe2\x80\x93 ok</p>")
    assert text == "<p>caf\ufffd – ok</p>"
    assert len(warnings) == 1


def test_xhtml_with_encoding_declaration() -> None:
    xhtml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Plan</title></head>'
        "<body><p>Net zero by 2040</p></body></html>"
    )
    document = ingest(xhtml.encode(), name="plan.xhtml")
    assert document.source.title == "Plan"
    assert document.pages[0].text == "Net zero by 2040"
