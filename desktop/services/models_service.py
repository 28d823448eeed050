"""ModelsService: the models page's one door to the catalog, the Hub, the installed
models and their fit on this machine.

Lives on the GUI thread; every call that touches the disk or the network runs on
its BackgroundTasks pool and answers with a signal. The Hub is contacted only when
the user asks (a search, opening a repository's files, a download), never at
start-up, and never while the offline setting is on: such a call fails with
HubErrorKind.OFFLINE_MODE before anything is sent (read when the call starts).

Signals (GUI thread):
- installed_changed(list[InstalledModel]), machine_changed(Machine)
- search_done(str query, list[HubRepo])
- files_listed(RepoListing)
- imported(InstalledModel), import_checked(str path, ImportCheck)
- default_changed(str name)
- failed(str operation, str kind, str detail): operation is one of OPERATIONS;
  kind an ErrorKind or HubErrorKind value
- token_needed(str repo_id)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop import settings as settings_mod
from desktop.backends import (
    catalog_file,
    hub_api,
    hub_token,
    model_import,
    model_prefs,
    model_store,
)
from desktop.backends.hub_listing import RepoListing, list_repo
from desktop.backends.machine import probe_machine
from desktop.backends.model_prefs import ModelDefaults
from desktop.core.catalog import CatalogEntry
from desktop.core.errors import HubError, HubErrorKind, KindError
from desktop.core.fit import FitEstimate, Machine, ModelShape, estimate_fit
from desktop.services.background import BackgroundTasks

OPERATIONS = ("search", "files", "import", "remove", "catalog")
TOKEN_KINDS = (HubErrorKind.AUTH_REQUIRED.value, HubErrorKind.ACCESS_DENIED.value)


class ModelsService(QObject):
    """Catalog, Hub search, installed models, import, removal and fit estimates."""

    installed_changed = Signal(list)
    machine_changed = Signal(object)
    search_done = Signal(str, list)
    files_listed = Signal(object)
    imported = Signal(object)
    import_checked = Signal(str, object)
    default_changed = Signal(str)
    failed = Signal(str, str, str)
    token_needed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = BackgroundTasks(workers=3, name="maru-models", parent=self)
        self.installed: list[model_store.InstalledModel] = []
        self.machine: Machine | None = None
        try:
            self.catalog: list[CatalogEntry] = catalog_file.load_catalog()
        except (OSError, ValueError) as exc:  # a broken install: the rest still works
            self.catalog = []
            self._catalog_problem = str(exc)
        else:
            self._catalog_problem = ""

    def start(self) -> None:
        """Read the installed models and measure the machine (off the GUI thread)."""
        if self._catalog_problem:
            self.failed.emit("catalog", "internal", self._catalog_problem)
        self.refresh_installed()

    def shutdown(self) -> None:
        """Wait for background calls; no signal fires afterwards."""
        self._tasks.shutdown()

    # ---- installed models ----------------------------------------------------------------

    def refresh_installed(self) -> None:
        """Re-read the models folder and the machine's free memory."""
        self._tasks.run(_installed_and_machine, on_done=self._on_installed)

    def _on_installed(self, result: object) -> None:
        self.installed, self.machine = result
        self.machine_changed.emit(self.machine)
        self.installed_changed.emit(self.installed)

    def default_model(self) -> str | None:
        """The model set as default, if any."""
        return settings_mod.load().default_model

    def set_default(self, name: str) -> None:
        """Open this model at start-up from now on."""
        settings_mod.save(dataclasses.replace(settings_mod.load(), default_model=name))
        self.default_changed.emit(name)

    def remove(self, name: str) -> None:
        """Delete a downloaded or copied model; unlink a linked one."""
        self._tasks.run(model_store.remove_model, name,
                        on_done=lambda _r: self._on_removed(name),
                        on_error=lambda exc: self._fail("remove", exc))

    def _on_removed(self, name: str) -> None:
        """A removed model no longer opens at start-up."""
        prefs = settings_mod.load()
        if name in (prefs.default_model, prefs.last_model):
            settings_mod.save(dataclasses.replace(
                prefs, default_model=None if prefs.default_model == name else prefs.default_model,
                last_model=None if prefs.last_model == name else prefs.last_model))
        self.refresh_installed()

    def model_defaults(self, name: str) -> model_prefs.ModelDefaults:
        """Per-model defaults (a small JSON read)."""
        return model_prefs.load_defaults(name)

    def save_model_defaults(self, name: str, defaults: model_prefs.ModelDefaults) -> None:
        """Store per-model defaults; used the next time the model loads."""
        model_prefs.save_defaults(name, defaults)

    # ---- import --------------------------------------------------------------------------

    def check_import(self, path: str) -> None:
        """Read a file's header and ask llama.cpp whether it loads: import_checked follows."""
        self._tasks.run(model_import.inspect_model, Path(path),
                        on_done=lambda check: self.import_checked.emit(path, check),
                        on_error=lambda exc: self._fail("import", exc))

    def import_file(self, path: str, link: bool) -> None:
        """Import a checked file, linked in place or copied; imported follows."""
        def done(model: object) -> None:
            self.imported.emit(model)
            self.refresh_installed()

        self._tasks.run(lambda: model_import.import_model(Path(path), link=link),
                        on_done=done, on_error=lambda exc: self._fail("import", exc))

    # ---- the Hub -------------------------------------------------------------------------

    def search(self, query: str, sort: str = "downloads") -> None:
        """Search GGUF repositories; search_done follows."""
        search = _online(lambda: hub_api.search_models(query, sort=sort, token=_token()))
        self._tasks.run(search,
                        on_done=lambda repos: self.search_done.emit(query, repos),
                        on_error=lambda exc: self._fail("search", exc))

    def list_files(self, repo_id: str) -> None:
        """List a repository's variants and read one header for the fit; files_listed follows."""
        self._tasks.run(_online(list_repo), repo_id, on_done=self.files_listed.emit,
                        on_error=lambda exc: self._fail("files", exc, repo_id))

    def save_token(self, token: str) -> None:
        """Keep a Hub token (owner-only file) for gated and private repositories."""
        hub_token.save_token(token)

    # ---- fit -----------------------------------------------------------------------------

    def fit(self, shape: ModelShape, weights_bytes: int, n_ctx: int,
            gpu_layers: int | None = None) -> FitEstimate | None:
        """The fit on this machine (the engine uses the same function at load); None until
        the machine is measured."""
        if self.machine is None:
            return None
        return estimate_fit(shape, weights_bytes, n_ctx, self.machine, gpu_layers)

    def _fail(self, operation: str, exc: object, repo_id: str = "") -> None:
        if isinstance(exc, KindError):
            kind, detail = exc.kind.value, exc.detail
        else:
            kind, detail = "internal", f"{type(exc).__name__}: {exc}"
        self.failed.emit(operation, kind, detail)
        if kind in TOKEN_KINDS and repo_id:
            self.token_needed.emit(repo_id)


__all__ = ["ModelDefaults", "ModelsService", "RepoListing"]  # the UI's names for them


def _online(call: Callable[..., object]) -> Callable[..., object]:
    """`call`, refused with OFFLINE_MODE while the offline setting is on (read on the
    worker thread as the call starts, so a change applies to the next call)."""
    def guarded(*args: object) -> object:
        if settings_mod.load().offline:
            raise HubError(HubErrorKind.OFFLINE_MODE, "offline mode is on")
        return call(*args)

    return guarded


def _token() -> str | None:
    return hub_token.load_token()


def _installed_and_machine() -> tuple[list, Machine]:
    return model_store.installed_models(), probe_machine()
