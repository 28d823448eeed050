"""Maru's settings: declared once, typed, versioned, stored as JSON.

An unknown or mistyped value in settings.json falls back to its default
rather than stopping Maru; unknown keys are dropped on the next save. A file
written by an older Maru is brought up to SETTINGS_VERSION by the steps in
_MIGRATIONS, one version at a time, before its values are read.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from desktop import paths
from desktop.core.protocol import LoadRequest

SETTINGS_VERSION = 2


@dataclass
class Settings:
    """Every setting, with its default. None means "Maru chooses"."""

    default_model: str | None = None  # name or path the user set as default
    last_model: str | None = None  # the model loaded last; opens when no default is set
    n_ctx: int = 4096  # context size in tokens (capped by the model's training length)
    n_threads: int | None = None  # None: all cores but one (see core/threads.py)
    n_gpu_layers: int | None = None  # None: as many as fit; -1: all; 0: CPU only
    flash_attn: bool = False
    embedding_model: str | None = None  # documents' embedding model; None: from the catalog
    window_geometry: str | None = None  # Qt's saveGeometry(), base64
    window_splitter: str | None = None  # the panes' sizes, base64
    language: str | None = None  # "ko", "en"; None: the system's language
    theme: str = "system"  # "system", "light" or "dark"
    font_size: int | None = None  # points; None: the system's size
    offline: bool = False  # no network at all: Hub search and downloads are off
    first_run_done: bool = False  # the first-run guide was shown
    # The data folder (chats, indexes, models) when the user moved it; None: the platform's.
    # paths.py reads this key from the raw JSON (it cannot import this module).
    data_dir: str | None = None
    data_dir_pending: str | None = None  # move the data folder here at the next start
    version: int = SETTINGS_VERSION

    def load_request(self, path: str, *, n_ctx: int | None = None, n_threads: int | None = None,
                     n_gpu_layers: int | None = None) -> LoadRequest:
        """How to load `path`: arguments given here win, then the model's own defaults
        (GPU layers, chat template override), then these settings."""
        from desktop.backends import model_prefs

        own = model_prefs.load_defaults(Path(path).stem)
        layers = next((v for v in (n_gpu_layers, own.n_gpu_layers) if v is not None),
                      self.n_gpu_layers)
        return LoadRequest(
            path=path, n_ctx=n_ctx or self.n_ctx, n_threads=n_threads or self.n_threads,
            n_gpu_layers=layers, flash_attn=self.flash_attn, chat_template=own.chat_template,
        )

    @property
    def startup_model(self) -> str | None:
        """What opens at start-up: the default, else the model used last."""
        return self.default_model or self.last_model


def settings_path() -> Path:
    """The settings file."""
    return paths.settings_file()


def load() -> Settings:
    """Read settings; missing file or bad values give defaults."""
    try:
        raw = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    raw = migrate(raw)
    defaults = Settings()
    values = {}
    for f in fields(Settings):
        value = raw.get(f.name, getattr(defaults, f.name))
        values[f.name] = value if _type_ok(value, getattr(defaults, f.name), f.type) else (
            getattr(defaults, f.name))
    values["version"] = SETTINGS_VERSION
    return Settings(**values)


def save(settings: Settings) -> None:
    """Write settings atomically (a crash never leaves half a file)."""
    from desktop.backends.atomic_json import write_json_atomic

    write_json_atomic(settings_path(), asdict(settings))


def migrate(raw: dict) -> dict:
    """`raw` (a settings file's JSON object) brought up to SETTINGS_VERSION. A file
    without a version is version 1; one from a newer Maru is read as it is (its known
    keys keep their values)."""
    version = raw.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        version = 1
    for step in range(version, SETTINGS_VERSION):
        raw = _MIGRATIONS[step](raw)
    return raw


def _v1_to_v2(raw: dict) -> dict:
    """Version 2 added language, theme, font_size, offline, first_run_done and the data
    folder; nothing was renamed or changed meaning, so every v1 value stays and the new
    fields take their defaults."""
    return {**raw, "version": 2}


# version N -> the step that turns a version N file into version N + 1.
_MIGRATIONS = {1: _v1_to_v2}


def _type_ok(value: object, default: object, annotation: str) -> bool:
    if value is None:
        return "None" in str(annotation)
    if isinstance(value, bool) or isinstance(default, bool):
        return isinstance(value, bool) and ("bool" in str(annotation))
    if "int" in str(annotation):
        return isinstance(value, int)
    if "str" in str(annotation):
        return isinstance(value, str)
    return False
