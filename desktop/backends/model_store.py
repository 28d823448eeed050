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


def model_files() -> list[Path]:
    """Every .gguf in the search folders; a file name listed once even if in both."""
    seen: set[str] = set()
    files = []
    for folder in search_dirs():
        for path in sorted(folder.glob("*.gguf")) if folder.is_dir() else []:
            if path.name not in seen:
                seen.add(path.name)
                files.append(path)
    return files


def installed_models() -> list[InstalledModel]:
    """Every model file with what its header says (reads each header: not for the GUI thread)."""
    return [_describe(path) for path in model_files()]


def _describe(path: Path) -> InstalledModel:
    try:
        return InstalledModel(path, read_gguf_info(path))
    except EngineError as exc:
        return InstalledModel(path, None, exc.detail or exc.kind.value)


def resolve(name_or_path: str | None, default: str | None = None) -> Path:
    """Find a model by path, exact name, or unique case-insensitive part of a name.

    With no name: `default` (a settings value), else the starter model, else the
    first installed model. Only file names are read, so it is cheap anywhere.
    Raises EngineError(MODEL_NOT_FOUND).
    """
    wanted = name_or_path or default
    files = model_files()
    if wanted is None:
        starter = [f for f in files if f.name == STARTER_MODEL_FILE]
        if starter or files:
            return (starter or files)[0]
        raise EngineError(ErrorKind.MODEL_NOT_FOUND, "no model is installed")
    as_path = Path(wanted).expanduser()
    if as_path.is_file():
        return as_path
    exact = [f for f in files if f.stem.lower() == wanted.lower().removesuffix(".gguf")]
    if exact:
        return exact[0]
    partial = [f for f in files if wanted.lower() in f.stem.lower()]
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        names = ", ".join(f.stem for f in partial)
        raise EngineError(ErrorKind.MODEL_NOT_FOUND, f"'{wanted}' matches several models: {names}")
    raise EngineError(ErrorKind.MODEL_NOT_FOUND, f"no installed model matches '{wanted}'")
