"""Where Maru keeps its data. The only module that calls platformdirs.

`MARU_HOME=DIR` puts everything (settings, models, chats, indexes, logs) under
DIR; tests and portable installs use it, and it wins over everything else.
Otherwise the data folder is the one the user moved it to (settings.json's
"data_dir", read here as raw JSON because settings.py imports this module), else
the platform's.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

APP_NAME = "Maru"
SETTINGS_FILE = "settings.json"
# Everything Maru keeps in the data folder: what a move of the folder carries. On
# Windows and macOS the config (and on Windows the log) folder is the same folder, so
# a move takes these names, never "all it finds". New data needs a name here.
DATA_ENTRIES: tuple[str, ...] = (
    *(f"{db}{suffix}" for db in ("history.sqlite3", "documents.sqlite3")
      for suffix in ("", "-wal", "-shm", "-journal")),
    "models", "glossaries", "cache", "downloads.json",
)


def home() -> Path | None:
    """The MARU_HOME override, or None when Maru uses the platform's folders."""
    value = os.environ.get("MARU_HOME")
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """Chats, indexes and other user data (see DATA_ENTRIES)."""
    override = home()
    if override:
        return override
    return chosen_data_dir() or default_data_dir()


def default_data_dir() -> Path:
    """The platform's data folder: where the data lives until the user moves it."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def chosen_data_dir() -> Path | None:
    """The folder the user moved the data to (settings.json's "data_dir"), or None.
    Read at every call, so the switch at the end of a move applies at once."""
    try:
        raw = json.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = raw.get("data_dir") if isinstance(raw, dict) else None
    if isinstance(value, str) and value and Path(value).is_absolute():
        return Path(value)
    return None


def config_dir() -> Path:
    """settings.json lives here."""
    override = home()
    if override:
        return override / "config"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def settings_file() -> Path:
    """settings.json: Maru's settings, and the data folder's pointer."""
    return config_dir() / SETTINGS_FILE


def models_dir() -> Path:
    """GGUF files the user downloaded or imported."""
    return data_dir() / "models"


def logs_dir() -> Path:
    """Log files; never sent anywhere."""
    override = home()
    if override:
        return override / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def resources_dir() -> Path:
    """Read-only files shipped with the app (translations, catalog, starter model)."""
    override = os.environ.get("MARU_RESOURCES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "resources"


def bundled_models_dir() -> Path:
    """Models shipped with the app: the starter model that set-up extracts."""
    return resources_dir() / "models"


def ensure(path: Path) -> Path:
    """Create `path` (a folder) if needed and return it."""
    path.mkdir(parents=True, exist_ok=True)
    return path
