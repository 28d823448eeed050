"""Composition root of the desktop app: the only place that knows every class."""

from __future__ import annotations

import dataclasses
import multiprocessing
import sys
from pathlib import Path

from desktop import paths
from desktop import settings as settings_mod
from desktop.core.errors import EngineError


def run_gui(import_models: list[str] | None = None) -> int:
    """Open Maru's window on the default model and run the event loop; `import_models`
    (.gguf paths given on the command line) go to the models page's import check."""
    multiprocessing.freeze_support()
    built = build_app()
    if built is None:
        return 1
    app, window, _chat = built
    if import_models:
        window.import_models([str(Path(p).resolve()) for p in import_models])
    return app.exec()


def build_app() -> tuple[object, object, object] | None:
    """Build the QApplication, services and window, and start loading the default
    model. Returns (app, window, chat service), or None when the history cannot
    be opened (the reason is printed) or the user quit over a missing data folder."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.backends import load_marker, model_prefs, model_store
    from desktop.backends.embedding_choice import embedding_model_path
    from desktop.backends.engine_client import EngineClient
    from desktop.backends.history_store import HistoryError, HistoryStore
    from desktop.services.chat_service import ChatService
    from desktop.services.documents_service import DocumentsService
    from desktop.services.download_service import DownloadService
    from desktop.services.engine_service import EngineService
    from desktop.services.models_service import ModelsService
    from desktop.services.preferences_service import PreferencesService
    from desktop.services.task_service import TaskService
    from desktop.ui import appearance, localization
    from desktop.ui.data_move_progress import prepare_data_folder
    from desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Maru")
    app.setDesktopFileName("maru")
    prefs = settings_mod.load()
    localization.install(prefs.language)
    appearance.apply_font_size(prefs.font_size)
    appearance.apply_theme(prefs.theme)
    preferences = PreferencesService()
    if not prepare_data_folder(preferences):  # a pending move runs before any store opens
        return None  # the data folder is missing and the user would rather quit
    try:
        store = HistoryStore.open_default()
    except HistoryError as exc:
        print(f"maru: cannot open the conversation history: {exc.detail}", file=sys.stderr)
        return None
    engine = EngineService(EngineClient())
    embedding = lambda: embedding_model_path(settings_mod.load().embedding_model)  # noqa: E731
    documents = DocumentsService(embedding_model=embedding)
    chat = ChatService(
        store, engine,
        load_request=_marked_load_request,
        list_models=model_store.model_files,
        model_defaults=lambda path: model_prefs.load_defaults(Path(path).stem),
        documents=documents,
    )
    tasks = TaskService(engine, store, glossary_dir=paths.data_dir() / "glossaries")
    chat.model_changed.connect(_remember_model)
    # A load that ends clears its marker; one that killed the engine keeps it (load_marker).
    chat.model_changed.connect(lambda info: info is not None and load_marker.finish())
    chat.load_failed.connect(lambda kind, _detail: load_marker.crashed()
                             if kind == "worker_crashed" else load_marker.finish())
    models, downloads = ModelsService(), DownloadService()
    window = MainWindow(chat, (prefs.window_geometry, prefs.window_splitter), _save_window,
                        models, downloads,
                        embedding_status=lambda: Path(embedding() or "").name or None,
                        tasks=tasks, guide=first_run_guide, preferences=preferences)
    # The Settings dialog may have changed the default model the models page marks.
    preferences.saved.connect(lambda s: models.default_changed.emit(s.default_model or ""))
    models.installed_changed.connect(lambda _m: window.settings_panel.refresh_models())
    models.installed_changed.connect(lambda _m: documents.embedding_model_changed())
    # Downloads pause (they resume next time); indexing stops between files.
    for service in (downloads, models, tasks, engine, documents, preferences):
        app.aboutToQuit.connect(service.shutdown)
    app.aboutToQuit.connect(store.close)
    app.aboutToQuit.connect(load_marker.quitting)
    chat.start()
    tasks.recover()
    models.start()
    window.show()
    if not prefs.first_run_done:  # once the window is up; the guide never blocks the loop
        QTimer.singleShot(0, window.show_guide)
    documents.start()
    try:
        path = model_store.resolve(None, prefs.startup_model)
    except EngineError:
        chat.model_changed.emit(None)
    else:
        if _last_load_unfinished(path):  # it crashed (or froze) Maru last time: no crash loop
            chat.model_changed.emit(None)
            window.model_status.startup_model_skipped(model_store.model_name(path))
        else:
            chat.load_model(str(path))
    return app, window, chat


def _marked_load_request(path: str, n_ctx: int) -> object:
    """How to load `path` (the settings now, not at start-up: the Settings dialog may
    have changed them), marking the load as begun: every load goes through here."""
    from desktop.backends import load_marker

    load_marker.begin(path)
    return settings_mod.load().load_request(path, n_ctx=n_ctx)


def _last_load_unfinished(path: Path) -> bool:
    """Whether `path`'s last load never finished (the engine or Maru died in it)."""
    from desktop.backends import load_marker

    marked = load_marker.unfinished()
    try:
        return marked is not None and Path(marked).resolve() == Path(path).resolve()
    except OSError:
        return False


def first_run_guide(parent: object) -> object:
    """The getting-started guide (a FirstRunDialog over `parent`) wired to the settings:
    a language is saved as soon as it is picked, `first_run_done` when the guide closes."""
    from desktop.backends import model_store
    from desktop.ui.first_run_dialog import FirstRunDialog

    prefs = settings_mod.load()
    try:
        path = model_store.resolve(None, prefs.startup_model)
        model = (model_store.model_name(path), model_store.weights_bytes(path))
    except EngineError:
        model = None
    dialog = FirstRunDialog(prefs.language, model, paths.data_dir(), parent=parent)
    dialog.language_chosen.connect(lambda code: _save_settings(language=code))
    dialog.finished.connect(lambda _result: _save_settings(first_run_done=True))
    return dialog


def _save_settings(**changes: object) -> None:
    settings_mod.save(dataclasses.replace(settings_mod.load(), **changes))


def _remember_model(info: object) -> None:
    """The model picked last opens next time, unless the user set a default."""
    if info is not None:
        settings_mod.save(dataclasses.replace(settings_mod.load(),
                                              last_model=Path(info.path).stem))


def _save_window(geometry: str, splitter: str) -> None:
    settings_mod.save(dataclasses.replace(settings_mod.load(), window_geometry=geometry,
                                          window_splitter=splitter))
