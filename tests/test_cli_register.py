"""`crp-checker batch --register` (screening the supplier register from the command line) and
`crp-checker register import|export`."""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from databases import use_data_dir
from sample_register import HEADER, contract_register
from sqlalchemy import select
from typer.testing import CliRunner

from crp_checker import cli
from crp_checker.settings import get_settings
from crp_checker.store import AssessmentRecord, dispose_engines, session_scope
from crp_checker.store.supplier_models import Supplier, SupplierAssessment

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PLAN = (FIXTURES / "text" / "plain_text_zero_scope1.txt").read_bytes()
runner = CliRunner()


class _Plans(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = PLAN if self.path == "/crp.txt" else None
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Plans)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "var"
    monkeypatch.delenv("CRP_DATABASE_URL", raising=False)
    monkeypatch.setenv("CRP_FETCH_ALLOW_PRIVATE_HOSTS", "true")  # the plans are on 127.0.0.1
    monkeypatch.setenv("CRP_PARSE_WORKERS", "1")
    use_data_dir(monkeypatch, folder)
    yield folder
    dispose_engines()
    get_settings.cache_clear()


def _register(path: Path, server: str) -> Path:
    rows = [
        list(HEADER),
        [
            "Acme Widgets Ltd",
            "01234567",
            "C-1",
            "ICT",
            "12000",
            "2027-03-31",
            "a@acme.example",
            f"{server}/crp.txt",
        ],
        [
            "Broken Link Ltd",
            "07654321",
            "C-2",
            "ICT",
            "5000",
            "2027-03-31",
            "b@bl.example",
            f"{server}/missing.pdf",
        ],
        ["No Url Ltd", "01111111", "C-3", "ICT", "100", "2027-03-31", "c@nu.example", ""],
    ]
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows(rows)
    return path


def test_batch_register_imports_screens_stores_and_links(
    data_dir: Path, server: str, tmp_path: Path
) -> None:
    register = _register(tmp_path / "suppliers.csv", server)
    out = tmp_path / "screening.csv"
    result = runner.invoke(cli.app, ["batch", "--register", str(register), "--out", str(out)])
    assert result.exit_code == 3, result.output  # one supplier's plan could not be fetched
    assert "suppliers 3 new" in result.stdout and "Screened 2 suppliers" in result.stdout
    assert "Broken Link Ltd" in result.stderr and "404" in result.stderr
    rows = {row["supplier"]: row for row in csv.DictReader(out.open(encoding="utf-8-sig"))}
    assert set(rows) == {"Acme Widgets Ltd", "Broken Link Ltd"}
    assert rows["Acme Widgets Ltd"]["report"].startswith("/reports/")
    assert rows["Acme Widgets Ltd"]["verdict"] and not rows["Acme Widgets Ltd"]["error"]
    assert rows["Broken Link Ltd"]["error"] and not rows["Broken Link Ltd"]["report"]
    public_id = rows["Acme Widgets Ltd"]["report"].rsplit("/", 1)[1]
    with session_scope() as db:
        record = db.scalars(
            select(AssessmentRecord).where(AssessmentRecord.public_id == public_id)
        ).one()
        link = db.scalars(
            select(SupplierAssessment).where(SupplierAssessment.assessment_id == record.id)
        ).one()
        supplier = db.get(Supplier, link.supplier_id)
        assert supplier is not None and supplier.name == "Acme Widgets Ltd"
        assert record.source_url == f"{server}/crp.txt"


def test_batch_without_register_still_needs_its_inputs(data_dir: Path) -> None:
    result = runner.invoke(cli.app, ["batch"])
    assert result.exit_code == 2
    assert "DIR_OR_LIST" in result.output


def test_batch_register_with_no_urls_says_there_is_nothing_to_check(data_dir: Path) -> None:
    result = runner.invoke(cli.app, ["batch", "--register"])
    assert result.exit_code == 0, result.output
    assert "nothing to check" in result.stdout


def test_batch_register_writes_its_csv_even_with_nothing_to_check(
    data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "screening.csv"
    result = runner.invoke(cli.app, ["batch", "--register", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8-sig").splitlines() == [
        "supplier,url,verdict,score,unchanged,report,error"
    ]


def test_batch_register_guards_register_names_against_formulas(
    data_dir: Path, server: str, tmp_path: Path
) -> None:
    register = tmp_path / "suppliers.csv"
    register.write_text(
        f'Supplier Name,CRP URL\n"=HYPERLINK(""http://evil.example"")",{server}/crp.txt\n',
        encoding="utf-8",
    )
    out = tmp_path / "screening.csv"
    result = runner.invoke(cli.app, ["batch", "--register", str(register), "--out", str(out)])
    assert result.exit_code == 0, result.output
    (row,) = csv.DictReader(out.open(encoding="utf-8-sig"))
    assert row["supplier"].startswith("'=HYPERLINK")


def test_register_import_and_export_round_trip(data_dir: Path, tmp_path: Path) -> None:
    sample = contract_register(suppliers=12, repeats=2, bad=1)
    source = tmp_path / "contracts.csv"
    source.write_bytes(sample.csv_bytes())
    imported = runner.invoke(cli.app, ["register", "import", str(source)])
    assert imported.exit_code == 3, imported.output  # one row refused
    assert "suppliers 12 new" in imported.stdout and "contracts 14 new" in imported.stdout
    assert f"line {sample.bad_lines[0]}:" in imported.stderr
    for name in ("register.csv", "register.xlsx"):
        out = tmp_path / name
        exported = runner.invoke(cli.app, ["register", "export", str(out)])
        assert exported.exit_code == 0, exported.output
        assert "Wrote 14 rows" in exported.stdout
        again = runner.invoke(cli.app, ["register", "import", str(out)])
        assert again.exit_code == 0, again.output
        assert "suppliers 0 new, 0 updated, 12 unchanged" in again.stdout
        assert "contracts 0 new, 0 updated, 14 unchanged" in again.stdout
    rows = list(csv.DictReader((tmp_path / "register.csv").open(encoding="utf-8-sig")))
    assert len(rows) == 14 and {r["Plan Status"] for r in rows} == {"no_plan"}
    wrong = runner.invoke(cli.app, ["register", "export", str(tmp_path / "register.txt")])
    assert wrong.exit_code == 2 and ".csv or .xlsx" in wrong.output  # usage: 4 via main()
