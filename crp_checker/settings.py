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

    # OCR of pages without a text layer: "auto" uses tesseract when it is installed.
    ocr: Literal["auto", "off"] = "auto"
    tesseract_cmd: str = "tesseract"
    ocr_language: str = "eng"
    ocr_dpi: int = 200
    ocr_max_pages: int = 20
    ocr_timeout_seconds: float = 60.0

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

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL, defaulting to the embedded SQLite file in data_dir."""
        return self.database_url or f"sqlite:///{(self.data_dir / 'crp-checker.sqlite3').resolve()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests call `get_settings.cache_clear()` after changing env."""
    return Settings()
