"""Tests for the storage commands of crp_checker.cli: users, reassess and db upgrade."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from databases import FAST_HASHER, PASSWORD, use_data_dir
from factories import make_assessment
from typer.testing import CliRunner

from crp_checker import cli, pipeline
from crp_checker.rules import RULEBOOK_VERSION
from crp_checker.schemas import Assessment, SourceInfo
from crp_checker.settings import get_settings
from crp_checker.store import (
    Role,
    accounts,
    authenticate,
    create_api_token,
    dispose_engines,
    get_user_by_email,
    list_api_tokens,
    save_assessment,
    session_scope,
    store_file,
    user_for_token,
)
from crp_checker.store.db import alembic_config
from crp_checker.store.files import file_path

runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty data folder holding the default SQLite database and the file store."""
    folder = tmp_path / "var"
    monkeypatch.delenv("CRP_DATABASE_URL", raising=False)
    use_data_dir(monkeypatch, folder)
    monkeypatch.setattr(accounts, "hasher", FAST_HASHER)
    yield folder
    dispose_engines()
    get_settings.cache_clear()


def _add(*args: str, password: str = PASSWORD) -> Any:
    return runner.invoke(
        cli.app, ["users", "add", *args, "--password-stdin"], input=f"{password}\n"
    )


def test_db_upgrade_creates_the_database_in_the_data_dir(data_dir: Path) -> None:
    result = runner.invoke(cli.app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert f"at revision {head}" in result.stdout
    assert (data_dir / "crp-checker.sqlite3").is_file()
    assert runner.invoke(cli.app, ["db", "upgrade"]).exit_code == 0


def test_the_first_admin_is_created_with_a_prompted_password(data_dir: Path) -> None:
    result = runner.invoke(
        cli.app,
        ["users", "add", "Admin@Example.org", "--role", "admin"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created admin account admin@example.org." in result.stdout
    assert PASSWORD not in result.stdout
    with session_scope() as session:
        user = authenticate(session, "admin@example.org", PASSWORD)
        assert user is not None and user.role is Role.ADMIN


def test_a_mistyped_confirmation_creates_nothing(data_dir: Path) -> None:
    result = runner.invoke(
        cli.app,
        ["users", "add", "admin@example.org", "--role", "admin"],
        input=f"{PASSWORD}\nsomething else entirely\n",
    )
    assert result.exit_code != 0
    assert "do not match" in result.output
    listed = runner.invoke(cli.app, ["users", "list"])
    assert "No accounts yet" in listed.stdout


def test_a_supplier_is_added_to_their_organisation_and_listed(data_dir: Path) -> None:
    result = _add("ann@acme.example", "--role", "supplier", "--organisation", "Acme Ltd")
    assert result.exit_code == 0, result.output
    assert "Created supplier account ann@acme.example at Acme Ltd." in result.stdout
    assert _add("eve@council.example", "--role", "evaluator", "--name", "Eve").exit_code == 0
    listed = runner.invoke(cli.app, ["users", "list"])
    assert listed.exit_code == 0
    lines = listed.stdout.splitlines()
    assert lines[0].split()[:3] == ["EMAIL", "ROLE", "ORGANISATION"]
    assert lines[1].split() == ["ann@acme.example", "supplier", "Acme", "Ltd", "active", "never"]
    assert lines[2].split() == ["eve@council.example", "evaluator", "-", "active", "never"]


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["ann@acme.example", "--role", "supplier"], PASSWORD, "needs an organisation"),
        (["admin@example.org", "--role", "admin"], "short", "at least 12"),
        (["admin", "--role", "admin"], PASSWORD, "not an email address"),
    ],
)
def test_refused_accounts_exit_with_4_and_say_why(
    data_dir: Path, args: list[str], password: str, message: str
) -> None:
    result = _add(*args, password=password)
    assert result.exit_code == cli.EXIT_USAGE
    assert message in result.stderr
    assert "No accounts yet" in runner.invoke(cli.app, ["users", "list"]).stdout


def test_a_duplicate_email_exits_with_4(data_dir: Path) -> None:
    assert _add("admin@example.org", "--role", "admin").exit_code == 0
    result = _add("ADMIN@example.org", "--role", "evaluator")
    assert result.exit_code == cli.EXIT_USAGE
    assert "already exists" in result.stderr


def test_an_unknown_role_is_a_usage_error(data_dir: Path) -> None:
    result = _add("admin@example.org", "--role", "superuser")
    assert result.exit_code == 2  # Click's usage error; main() turns it into 4
    assert "superuser" in result.output


def test_the_cli_roles_are_the_store_roles() -> None:
    assert [role.value for role in cli.AccountRole] == [role.value for role in Role]


def test_set_password_reads_stdin_and_ends_sessions_and_tokens(data_dir: Path) -> None:
    assert _add("ann@acme.example", "--role", "supplier", "--organisation", "Acme").exit_code == 0
    with session_scope() as session:
        user = get_user_by_email(session, "ann@acme.example")
        assert user is not None
        plaintext, _ = create_api_token(session, user, "script")
        version = user.session_version
    result = runner.invoke(
        cli.app, ["users", "set-password", "Ann@acme.example"], input="a brand new passphrase\n"
    )
    assert result.exit_code == 0, result.output
    assert "Set a new password for ann@acme.example" in result.stdout
    assert "a brand new passphrase" not in result.output
    with session_scope() as session:
        assert authenticate(session, "ann@acme.example", PASSWORD) is None
        user = authenticate(session, "ann@acme.example", "a brand new passphrase")
        assert user is not None and user.session_version > version
        assert not user.must_change_password
        assert user_for_token(session, plaintext) is None


def test_set_password_temporary_and_refusals(data_dir: Path) -> None:
    assert _add("admin@example.org", "--role", "admin").exit_code == 0
    temporary = runner.invoke(
        cli.app,
        ["users", "set-password", "admin@example.org", "--temporary"],
        input="a temporary passphrase\n",
    )
    assert temporary.exit_code == 0 and "changed at the next sign-in" in temporary.stdout
    assert "temporary password" in runner.invoke(cli.app, ["users", "list"]).stdout
    short = runner.invoke(cli.app, ["users", "set-password", "admin@example.org"], input="short\n")
    assert short.exit_code == cli.EXIT_USAGE and "at least 12" in short.stderr
    unknown = runner.invoke(
        cli.app, ["users", "set-password", "nobody@example.org"], input=f"{PASSWORD}\n"
    )
    assert unknown.exit_code == cli.EXIT_USAGE and "no account" in unknown.stderr
    with session_scope() as session:
        assert authenticate(session, "admin@example.org", "a temporary passphrase") is not None


def test_enable_lets_a_disabled_account_sign_in_without_its_old_tokens(data_dir: Path) -> None:
    assert _add("admin@example.org", "--role", "admin").exit_code == 0
    with session_scope() as session:
        user = get_user_by_email(session, "admin@example.org")
        assert user is not None
        plaintext, _ = create_api_token(session, user, "script")
    assert runner.invoke(cli.app, ["users", "disable", "admin@example.org"]).exit_code == 0
    result = runner.invoke(cli.app, ["users", "enable", "Admin@example.org"])
    assert result.exit_code == 0 and "Enabled admin@example.org." in result.stdout
    assert "active" in runner.invoke(cli.app, ["users", "list"]).stdout
    with session_scope() as session:
        assert authenticate(session, "admin@example.org", PASSWORD) is not None
        assert user_for_token(session, plaintext) is None
    missing = runner.invoke(cli.app, ["users", "enable", "nobody@example.org"])
    assert missing.exit_code == cli.EXIT_USAGE


def test_control_characters_in_names_are_refused(data_dir: Path) -> None:
    result = _add("eve@council.example", "--role", "evaluator", "--name", "Eve\u202eevE")
    assert result.exit_code == cli.EXIT_USAGE
    assert "U+202E" in result.stderr
    assert "No accounts yet" in runner.invoke(cli.app, ["users", "list"]).stdout


def test_a_disabled_account_is_shown_and_cannot_sign_in(data_dir: Path) -> None:
    assert _add("admin@example.org", "--role", "admin").exit_code == 0
    result = runner.invoke(cli.app, ["users", "disable", "Admin@example.org"])
    assert result.exit_code == 0 and "Disabled admin@example.org." in result.stdout
    assert "disabled" in runner.invoke(cli.app, ["users", "list"]).stdout
    with session_scope() as session:
        assert authenticate(session, "admin@example.org", PASSWORD) is None
    missing = runner.invoke(cli.app, ["users", "disable", "nobody@example.org"])
    assert missing.exit_code == cli.EXIT_USAGE and "no account" in missing.stderr


def _store_old_assessment(content: bytes) -> str:
    source = SourceInfo(
        name="plan.txt",
        kind="text",
        sha256=hashlib.sha256(content).hexdigest(),
        size_bytes=len(content),
    )
    with session_scope() as session:
        user = get_user_by_email(session, "ann@acme.example")
        stored = store_file(session, content, "plan.txt", "text")
        assessment = make_assessment(source=source, rulebook_version="old")
        save_assessment(session, assessment, file=stored, user=user)
    return source.sha256


def _fake_assess(source: bytes, **kwargs: Any) -> Assessment:
    sha256 = hashlib.sha256(source).hexdigest()
    info = SourceInfo(name=kwargs["name"], kind="text", sha256=sha256, size_bytes=len(source))
    return make_assessment(source=info, rulebook_version=RULEBOOK_VERSION)


def test_reassess_reruns_stored_plans_and_reports_what_it_did(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "assess", _fake_assess)
    assert _add("ann@acme.example", "--role", "supplier", "--organisation", "Acme").exit_code == 0
    _store_old_assessment(b"plan one")
    lost = _store_old_assessment(b"plan two")
    result = runner.invoke(cli.app, ["reassess"])
    assert result.exit_code == 0, result.output
    assert "Re-assessed 2 plans" in result.stdout and "2 new assessments" in result.stdout
    again = runner.invoke(cli.app, ["reassess", "--force", "--since", "2000-01-01"])
    assert "2 new assessments" in again.stdout
    file_path(lost).unlink()
    failed = runner.invoke(cli.app, ["reassess", "--force"])
    assert failed.exit_code == cli.EXIT_UNREADABLE
    assert "1 new assessments" in failed.stdout and "1 could not be re-run" in failed.stdout
    assert "missing" in failed.stderr
    later = runner.invoke(cli.app, ["reassess", "--since", "2999-01-01"])
    assert later.exit_code == 0 and "Re-assessed 0 plans" in later.stdout


def test_an_unreachable_database_is_a_clear_usage_error(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRP_DATABASE_URL", "postgresql+psycopg://nobody:x@127.0.0.1:1/none")
    get_settings.cache_clear()
    result = runner.invoke(cli.app, ["users", "list"])
    assert result.exit_code == cli.EXIT_USAGE
    assert "cannot use the database" in result.stderr and "CRP_DATABASE_URL" in result.stderr


def test_serve_says_how_to_make_the_first_admin_until_there_is_an_account(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    started: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: started.append(options))
    first = runner.invoke(cli.app, ["serve", "--port", "8765"])
    assert first.exit_code == 0, first.output
    assert "No accounts yet" in first.stdout and "users add admin@example.org --role admin" in (
        first.stdout
    )
    assert "http://127.0.0.1:8765" in first.stdout and started[0]["port"] == 8765
    assert (data_dir / "crp-checker.sqlite3").is_file()  # the schema is made before serving
    assert _add("ada@council.example", "--role", "admin").exit_code == 0
    again = runner.invoke(cli.app, ["serve"])
    assert again.exit_code == 0 and "No accounts yet" not in again.stdout


def test_users_token_prints_a_working_api_token_once(data_dir: Path) -> None:
    assert _add("eve@council.example", "--role", "evaluator").exit_code == 0
    result = runner.invoke(cli.app, ["users", "token", "Eve@Council.example", "--name", "tenders"])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip()
    assert token.startswith("crp_") and len(token.splitlines()) == 1
    with session_scope() as session:
        user = user_for_token(session, token)
        assert user is not None and user.email == "eve@council.example"
        assert [t.name for t in list_api_tokens(session, user)] == ["tenders"]
    again = runner.invoke(cli.app, ["users", "token", "eve@council.example"])
    assert again.exit_code == 0 and again.stdout.strip() != token


def test_users_token_refuses_unknown_and_disabled_accounts(data_dir: Path) -> None:
    unknown = runner.invoke(cli.app, ["users", "token", "nobody@council.example"])
    assert unknown.exit_code == 4 and "does not exist" in unknown.output
    assert _add("eve@council.example", "--role", "evaluator").exit_code == 0
    assert runner.invoke(cli.app, ["users", "disable", "eve@council.example"]).exit_code == 0
    disabled = runner.invoke(cli.app, ["users", "token", "eve@council.example"])
    assert disabled.exit_code == 4 and "is disabled" in disabled.output
    assert "crp_" not in disabled.output
