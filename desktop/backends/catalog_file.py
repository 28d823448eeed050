"""Reads the shipped model catalog (resources/catalog.json); parsing is in core.

A small blocking read: callers may run it on the GUI thread at start-up.
"""

from __future__ import annotations

from pathlib import Path

from desktop import paths
from desktop.core.catalog import CatalogEntry, parse_catalog

CATALOG_FILE = "catalog.json"


def catalog_path() -> Path:
    """Where the shipped catalog lives (MARU_RESOURCES moves it for tests)."""
    return paths.resources_dir() / CATALOG_FILE


def load_catalog(path: Path | None = None) -> list[CatalogEntry]:
    """The catalog's entries, in file order.

    Raises OSError when the file cannot be read and ValueError (naming the file,
    the entry and the field) when it is malformed.
    """
    path = path if path is not None else catalog_path()
    text = path.read_text(encoding="utf-8")
    try:
        return parse_catalog(text)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from exc
