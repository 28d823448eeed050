"""Which embedding model the documents feature uses.

The user's choice (settings `embedding_model`, a name or a path) when it is
installed; otherwise the first installed model that the catalog lists as an
embedding model, in catalog order (the catalog puts its recommendation first);
otherwise none, and search is lexical only.
"""

from __future__ import annotations

from pathlib import Path

from desktop.backends import catalog_file, model_store
from desktop.core.catalog import CatalogEntry, ModelKind
from desktop.core.errors import EngineError


def embedding_entries() -> list[CatalogEntry]:
    """The catalog's embedding models, the recommended one first."""
    try:
        return [e for e in catalog_file.load_catalog() if e.kind is ModelKind.EMBEDDING]
    except (OSError, ValueError):
        return []


def embedding_model_path(choice: str | None) -> str | None:
    """The embedding GGUF to use, or None when none is installed."""
    if choice:
        try:
            return str(model_store.resolve(choice))
        except EngineError:
            pass  # uninstalled since: fall back to what the catalog knows
    installed = {path.name: path for path in model_store.model_files()}
    for entry in embedding_entries():
        for file_name in entry.files_by_quant().values():
            if Path(file_name).name in installed:
                return str(installed[Path(file_name).name])
    return None
