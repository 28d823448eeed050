"""The installed models: GGUF files in the user's models folder and the bundled one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop import paths
from desktop.backends.gguf_info import GGUFInfo, read_gguf_info
from desktop.backends.starter_model import STARTER_MODEL_FILE
from desktop.core.errors import EngineError, ErrorKind


@dataclass(frozen=True)
class InstalledModel:
    """A GGUF file Maru can load, with what its header says (None if unreadable)."""

    path: Path
    info: GGUFInfo | None
    problem: str = ""

    @property
    def name(self) -> str:
        """The file name without .gguf: what users type after --model."""
        return self.path.stem


def search_dirs() -> list[Path]:
    """Where models are looked for, in order: the user's folder, then bundled ones."""
    return [paths.models_dir(), paths.bundled_models_dir()]


def installed_models() -> list[InstalledModel]:
    """Every .gguf in the search folders; a file listed once even if in both."""
    seen: set[str] = set()
    models = []
    for folder in search_dirs():
        for path in sorted(folder.glob("*.gguf")) if folder.is_dir() else []:
            if path.name in seen:
                continue
            seen.add(path.name)
            models.append(_describe(path))
    return models


def _describe(path: Path) -> InstalledModel:
    try:
        return InstalledModel(path, read_gguf_info(path))
    except EngineError as exc:
        return InstalledModel(path, None, exc.detail or exc.kind.value)


def resolve(name_or_path: str | None, default: str | None = None) -> Path:
    """Find a model by path, exact name, or unique case-insensitive part of a name.

    With no name: `default` (a settings value), else the starter model, else the
    first installed model. Raises EngineError(MODEL_NOT_FOUND).
    """
    wanted = name_or_path or default
    models = installed_models()
    if wanted is None:
        for model in models:
            if model.path.name == STARTER_MODEL_FILE:
                return model.path
        if models:
            return models[0].path
        raise EngineError(ErrorKind.MODEL_NOT_FOUND, "no model is installed")
    as_path = Path(wanted).expanduser()
    if as_path.is_file():
        return as_path
    exact = [m for m in models if m.name.lower() == wanted.lower().removesuffix(".gguf")]
    if exact:
        return exact[0].path
    partial = [m for m in models if wanted.lower() in m.name.lower()]
    if len(partial) == 1:
        return partial[0].path
    if len(partial) > 1:
        names = ", ".join(m.name for m in partial)
        raise EngineError(ErrorKind.MODEL_NOT_FOUND, f"'{wanted}' matches several models: {names}")
    raise EngineError(ErrorKind.MODEL_NOT_FOUND, f"no installed model matches '{wanted}'")
