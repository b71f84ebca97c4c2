"""Where newsreader keeps its cache, user state and configuration."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "newsreader"


def cache_dir(override: str | None = None) -> Path:
    """The cache folder: --cache-dir, else $NEWSREADER_CACHE_DIR, else the platform's cache dir."""
    return Path(override or os.environ.get("NEWSREADER_CACHE_DIR") or platformdirs.user_cache_dir(APP))


def data_dir(override: str | None = None) -> Path:
    """The user-data folder (read/starred state): --data-dir, $NEWSREADER_DATA_DIR, or the platform's."""
    return Path(override or os.environ.get("NEWSREADER_DATA_DIR") or platformdirs.user_data_dir(APP))


def config_dir() -> Path:
    """The configuration folder ($NEWSREADER_CONFIG_DIR or the platform's), holding config.toml."""
    return Path(os.environ.get("NEWSREADER_CONFIG_DIR") or platformdirs.user_config_dir(APP))
