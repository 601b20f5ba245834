"""Operational settings (limits, paths, OCR), read from CRP_* environment variables.

Buyer settings (net zero deadline, data age, ...) are not here: they are per-assessment data
(`schemas.BuyerSettings`), with defaults in `data/buyer_settings.toml`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
# An installed wheel carries the patterns inside the package (setup.py copies them there);
# a checkout keeps them at its top, in models/.
MODELS_DIR = next(
    (d for d in (PACKAGE_DIR / "models", PACKAGE_DIR.parent / "models") if d.is_dir()),
    PACKAGE_DIR / "models",
)


class Settings(BaseSettings):
    """Everything an operator may tune; every field has a safe default."""

    model_config = SettingsConfigDict(env_prefix="CRP_", env_file=".env", extra="ignore")

    # Limits on what we are willing to read.
    max_file_bytes: int = 25 * 1024 * 1024
    max_pages: int = 300
    max_text_chars: int = 2_000_000
    fetch_timeout_seconds: float = 20.0
    fetch_max_bytes: int = 25 * 1024 * 1024
    fetch_user_agent: str = "crp-checker (+https://github.com/crp-checker)"
    # Refuse URLs on loopback/private networks (SSRF guard); an intranet deployment may allow them.
    fetch_allow_private_hosts: bool = False

    # OCR of pages without a text layer: "auto" uses tesseract when it is installed. Pages are
    # read in parallel (`ocr_workers`, 0: one per core) within one time budget per document
    # (at most 70% of parse_timeout_seconds); pages past it or past `ocr_max_pages` stay unread
    # and make the checks that needed them `needs_review`. 200 dpi reads a 10-point scan as
    # well as 300 dpi does, in three quarters of the CPU time (benchmarks/RESULTS.md).
    ocr: Literal["auto", "off"] = "auto"
    tesseract_cmd: str = "tesseract"
    ocr_language: str = "eng"
    ocr_dpi: int = 200
    ocr_max_pages: int = 100
    ocr_timeout_seconds: float = 40.0
    ocr_workers: int = 0

    # Data files a council can edit; None means the packaged defaults.
    buyer_settings_file: Path | None = None
    support_routes_file: Path | None = None
    signposting_template_file: Path | None = None  # default: templates/signposting_email.txt
    patterns_dir: Path = MODELS_DIR
    # The supplier register: contracts ending within this many months flag a re-check.
    renewal_window_months: int = Field(default=6, ge=0, le=120)

    # Batch work.
    workers: int = 0  # 0 = one per CPU core
    per_file_timeout_seconds: float = 120.0

    # The worker pool of the checking service: the web app, screening and reassess (batch sizes
    # its pool with `workers` and `per_file_timeout_seconds` and shares the memory limit).
    parse_workers: int = 2
    parse_timeout_seconds: float = 60.0
    parse_memory_mb: int = 1024

    # Fair use of those workers by the web pages and API. Anonymous checks: per client address,
    # at most this many an hour and at once, and at most `anonymous_queue` waiting in all; they
    # never hold the `reserved_workers` kept for signed-in users, whose checks also go first.
    # At most `check_queue` checks wait, each at most `check_wait_seconds`; past that, 429/503
    # with Retry-After.
    anonymous_checks_per_hour: int = 30
    anonymous_checks_at_once: int = 1
    anonymous_queue: int = 4
    reserved_workers: int = 1
    check_queue: int = 32
    check_wait_seconds: float = 60.0

    # Storage: an embedded SQLite file under data_dir unless a database URL is given
    # (e.g. postgresql+psycopg://user:pass@host/db). Uploaded files are kept under data_dir.
    data_dir: Path = Path("var")
    database_url: str | None = None

    # The web app.
    host: str = "127.0.0.1"
    port: int = 8000
    secret_key: str | None = None  # signs session cookies; generated into data_dir if unset
    secure_cookies: bool = False  # set true behind HTTPS
    session_max_age_seconds: int = 8 * 3600
    # Proxies whose X-Forwarded-For / -Proto are believed (addresses or networks, comma
    # separated, "*" for any): behind a reverse proxy every client otherwise has its address.
    forwarded_allow_ips: str = ""

    # Password reset links: how long one works, the app's public address for emailed links
    # (default: the address the administrator used), and the mail server that sends them. With
    # no SMTP host the administrator is shown the link to pass on.
    reset_link_hours: float = 24.0
    public_url: str | None = None
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_starttls: bool = True
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_from: str = "crp-checker@localhost"

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL, defaulting to the embedded SQLite file in data_dir."""
        return self.database_url or f"sqlite:///{(self.data_dir / 'crp-checker.sqlite3').resolve()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests call `get_settings.cache_clear()` after changing env."""
    return Settings()
