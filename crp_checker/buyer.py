"""Buyer settings: packaged defaults, an optional council file, then per-run overrides."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from crp_checker.schemas import BuyerSettings
from crp_checker.settings import DATA_DIR, get_settings

DEFAULTS_FILE = DATA_DIR / "buyer_settings.toml"


def _read_toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def load_buyer_settings(**overrides: Any) -> BuyerSettings:
    """Merge the defaults file, the operator's file (CRP_BUYER_SETTINGS_FILE) and overrides.

    Overrides whose value is None are ignored, so CLI options can pass straight through.
    """
    values = _read_toml(DEFAULTS_FILE)
    custom = get_settings().buyer_settings_file
    if custom is not None:
        values.update(_read_toml(custom))
    values.update({key: value for key, value in overrides.items() if value is not None})
    return BuyerSettings.model_validate(values)
