"""Where Maru keeps its data. The only module that calls platformdirs.

`MARU_HOME=DIR` puts everything (settings, models, chats, indexes, logs) under
DIR; tests and portable installs use it.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Maru"


def home() -> Path | None:
    """The MARU_HOME override, or None when Maru uses the platform's folders."""
    value = os.environ.get("MARU_HOME")
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """Chats, indexes and other user data."""
    override = home()
    return override if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """settings.json lives here."""
    override = home()
    if override:
        return override / "config"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


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
