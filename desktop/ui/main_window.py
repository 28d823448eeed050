"""MainWindow: a thin shell that composes the pages, menus and status bar.

Pages live in a QStackedWidget so later features (models, documents, task
modes) add a page, not a window. The window itself holds no chat logic: it
wires menus and shortcuts to the ChatService and the pages.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from desktop.services.chat_service import ChatService
from desktop.services.download_service import DownloadService
from desktop.services.models_service import ModelsService
from desktop.services.preferences_service import PreferencesService
from desktop.services.task_service import TaskService
from desktop.ui import about_box, error_text
from desktop.ui.chat_page import ChatPage
from desktop.ui.classify_panel import ClassifyPanel
from desktop.ui.conversation_files import ConversationFiles
from desktop.ui.documents_page import DocumentsPage
from desktop.ui.model_status import ModelStatus
from desktop.ui.models_page import ModelsPage, local_paths
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.settings_panel import SettingsPanel
from desktop.ui.sidebar import Sidebar
from desktop.ui.summarize_panel import SummarizePanel
from desktop.ui.translate_panel import TranslatePanel
from desktop.ui.vertical_scroll_area import VerticalScrollArea

WindowState = tuple[str | None, str | None]  # (geometry, splitter) as base64
UNDO_SECONDS = 10


class MainWindow(QMainWindow):
    """Composes Sidebar | page tabs over pages | SettingsPanel; `save_state(geometry,
    splitter)` on close. The models page exists when its services are given, the
    documents page when the chat service has documents, the task mode pages
    (summarize, translate, classify) when `tasks` is given; `embedding_status()`
    names the embedding model in use (None: keyword search only); `preferences` serves
    the Settings dialog (Edit ▸ Settings…; made on first use when not given)."""

    def __init__(self, chat: ChatService, state: WindowState = (None, None),
                 save_state: Callable[[str, str], None] | None = None,
                 models: ModelsService | None = None, downloads: DownloadService | None = None,
                 embedding_status: Callable[[], str | None] = lambda: None,
                 tasks: TaskService | None = None,
                 guide: Callable[[QWidget], QDialog] | None = None,
                 preferences: PreferencesService | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chat = chat
        self._models = models
        self._preferences = preferences  # the Settings dialog's service; made when first needed
        self.settings_dialog: SettingsDialog | None = None
        self._guide = guide  # builds the getting-started guide (FirstRunDialog) for a parent
        self._guide_dialog: QDialog | None = None
        self._save_state = save_state
        self._undo_button: QPushButton | None = None
        self._files = ConversationFiles(chat, self)
        self.setWindowTitle(self.tr("Maru"))
        self.sidebar = Sidebar(chat)
        self.chat_page = ChatPage(chat)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.chat_page)
        self.page_tabs = QTabBar()
        self.page_tabs.setAccessibleName(self.tr("Pages"))
        self.page_tabs.setExpanding(False)
        self.page_tabs.setDocumentMode(True)
        self.page_tabs.addTab(self.tr("Chat"))
        self.summarize_panel = self.translate_panel = self.classify_panel = None
        if tasks is not None:
            self.summarize_panel = SummarizePanel(tasks, lambda: self._conversation_id())
            self.translate_panel = TranslatePanel(tasks)
            self.classify_panel = ClassifyPanel(tasks)
            self._add_page(self.summarize_panel, self.tr("Summarize"))
            self._add_page(self.translate_panel, self.tr("Translate"))
            self._add_page(self.classify_panel, self.tr("Classify"))
            self.setAcceptDrops(True)
        self.documents_page: DocumentsPage | None = None
        if chat.documents is not None:
            self.documents_page = DocumentsPage(chat.documents, embedding_status)
            self._add_page(self.documents_page, self.tr("Documents"))
            self.setAcceptDrops(True)
        self.models_page: ModelsPage | None = None
        if models is not None and downloads is not None:
            self.models_page = ModelsPage(models, downloads)
            self._add_page(self.models_page, self.tr("Models"))
            self.setAcceptDrops(True)
        self.page_tabs.setVisible(self.page_tabs.count() > 1)
        self.settings_panel = SettingsPanel(chat)
        self.settings_scroll = VerticalScrollArea(self.settings_panel)  # small screens: it scrolls
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget, stretch in ((self.sidebar, 0), (self.pages, 1), (self.settings_scroll, 0)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setChildrenCollapsible(True)
        # The page tabs span the window: long names (Korean, German) keep their room.
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.page_tabs)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._build_status_bar()
        self._build_menus()
        self.show_page(0)
        self._restore(state)
        self._connect()
        self.chat_page.focus_composer()  # a keyboard user starts typing at once

    # ---- building ------------------------------------------------------------------------

    def _add_page(self, page: QWidget, title: str) -> None:
        self.pages.addWidget(page)
        self.page_tabs.addTab(title)

    def _task_panels(self) -> list[QWidget]:
        return [p for p in (self.summarize_panel, self.translate_panel, self.classify_panel)
                if p is not None]

    def _conversation_id(self) -> int | None:
        conversation = self._chat.conversation
        return conversation.id if conversation is not None else None

    def _build_status_bar(self) -> None:
        self.model_status = ModelStatus(self._chat, self.statusBar())
        # Tests and the screenshot scripts read these fields.
        self.model_label = self.model_status.model_label
        self.speed_label = self.model_status.speed_label
        self.context_label = self.model_status.context_label
        self.load_bar = self.model_status.load_bar

    def _build_menus(self) -> None:
        file = self.menuBar().addMenu(self.tr("&File"))
        self.new_action = self._action(file, self.tr("&New chat"), self._chat.new_conversation,
                                       QKeySequence.StandardKey.New)
        file.addSeparator()
        self._action(file, self.tr("&Import conversation…"), self.import_conversation,
                     QKeySequence("Ctrl+O"))
        self._action(file, self.tr("Export as &Markdown…"), lambda: self.export(as_json=False),
                     QKeySequence("Ctrl+E"))
        self._action(file, self.tr("Export as &JSON…"), lambda: self.export(as_json=True),
                     QKeySequence("Ctrl+Shift+E"))
        if self.models_page is not None:
            self._action(file, self.tr("Import a &model file…"), self.models_page.pick_files,
                         QKeySequence("Ctrl+Shift+O"))
        file.addSeparator()
        self._action(file, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        edit = self.menuBar().addMenu(self.tr("&Edit"))
        self.search_action = self._action(edit, self.tr("&Search conversations"),
                                          self.sidebar.focus_search, QKeySequence("Ctrl+K"))
        self.search_action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence.StandardKey.Find])
        self._action(edit, self.tr("Focus the &composer"), self.chat_page.focus_composer,
                     QKeySequence("Ctrl+L"))
        edit.addSeparator()
        self.settings_action = self._action(edit, self.tr("&Settings…"), self.open_settings,
                                            QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)  # macOS: app menu
        chat = self.menuBar().addMenu(self.tr("&Chat"))
        self.stop_action = self._action(chat, self.tr("&Stop"), self._on_escape,
                                        QKeySequence(Qt.Key.Key_Escape))
        view = self.menuBar().addMenu(self.tr("&View"))
        pages = [(self.chat_page, self.tr("&Chat")),
                 (self.summarize_panel, self.tr("S&ummarize")),
                 (self.translate_panel, self.tr("&Translate")),
                 (self.classify_panel, self.tr("C&lassify")),
                 (self.documents_page, self.tr("&Documents")),
                 (self.models_page, self.tr("&Models"))]
        for page, text in (p for p in pages if p[0] is not None):
            number = self.pages.indexOf(page) + 1  # Ctrl+1... in the tabs' order
            self._action(view, text, lambda _=False, page=page: self.show_widget(page),
                         QKeySequence(f"Ctrl+{number}"))
        view.addSeparator()
        self._action(view, self.tr("Show &sidebar"), self._toggle(self.sidebar),
                     QKeySequence("Ctrl+B"), checkable=True)
        self._action(view, self.tr("Show &settings panel"), self._toggle(self.settings_scroll),
                     QKeySequence("Ctrl+Shift+S"), checkable=True)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        if self._guide is not None:
            self._action(help_menu, self.tr("&Getting started"), self.show_guide)
        self._action(help_menu, self.tr("&About Maru"), lambda: about_box.show_about(self))

    def _action(self, menu: object, text: str, slot: Callable, shortcut: object = None,
                checkable: bool = False) -> QAction:
        action = QAction(text, self, triggered=slot, checkable=checkable)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if checkable:
            action.setChecked(True)
        menu.addAction(action)
        return action

    def _toggle(self, widget: QWidget) -> Callable[[bool], None]:
        return lambda checked: widget.setVisible(checked)

    def _connect(self) -> None:
        chat = self._chat
        chat.storage_failed.connect(self._on_storage_failed)
        chat.conversation_opened.connect(self._on_conversation_opened)
        chat.conversation_updated.connect(self._on_conversation_opened)
        self.sidebar.deleted.connect(self._offer_undo)
        self.page_tabs.currentChanged.connect(self.show_page)
        self.chat_page.models_dropped.connect(self.import_models)
        self._connect_empty_state()
        if self.models_page is not None:
            self.models_page.use_requested.connect(self._use_model)
        if self.documents_page is not None:
            self.chat_page.manage_documents.connect(
                lambda: self.show_widget(self.documents_page))
            self.documents_page.embedding_model_requested.connect(self._show_catalog)

    def _connect_empty_state(self) -> None:
        """An empty chat suggests the pages this window has."""
        targets = {"summarize": self.summarize_panel, "translate": self.translate_panel,
                   "documents": self.documents_page, "models": self.models_page}
        empty = self.chat_page.empty_state
        empty.set_available([key for key, page in targets.items() if page is not None])
        empty.suggestion_chosen.connect(lambda key: self._show_catalog("chat") if key == "models"
                                        else self.show_widget(targets[key]))

    def show_guide(self) -> None:
        """Open the getting-started guide over the window without blocking (once)."""
        if self._guide is None:
            return
        if self._guide_dialog is not None:
            self._guide_dialog.activateWindow()
            return
        self._guide_dialog = dialog = self._guide(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.catalog_requested.connect(lambda: self._show_catalog("chat"))
        dialog.finished.connect(lambda _result: setattr(self, "_guide_dialog", None))
        dialog.open()

    def open_settings(self) -> None:
        """Open the Settings dialog (Maru's preferences) over the window without blocking."""
        if self.settings_dialog is not None:
            self.settings_dialog.activateWindow()
            return
        if self._preferences is None:
            self._preferences = PreferencesService(self)
        models = self._models
        self.settings_dialog = dialog = SettingsDialog(
            self._preferences, lambda: [m.name for m in models.installed if not m.problem]
            if models is not None else [], parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "settings_dialog", None))
        dialog.open()

    # ---- pages -------------------------------------------------------------------------------

    def show_widget(self, page: QWidget | None) -> None:
        """Show one of the pages (nothing happens for a page this window lacks)."""
        if page is not None:
            self.show_page(self.pages.indexOf(page))

    def show_page(self, index: int) -> None:
        """Pages in the tabs' order: chat, the task modes, documents, models. The
        settings panel belongs to the chat."""
        if not 0 <= index < self.pages.count():
            return
        self.pages.setCurrentIndex(index)
        self.page_tabs.setCurrentIndex(index)
        # The stack is as wide as the page showing needs, not as its widest page: the
        # chat page's neighbours (sidebar, settings panel) keep their room.
        for i in range(self.pages.count()):
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            self.pages.widget(i).setSizePolicy(policy, policy)
        self.pages.updateGeometry()
        self.settings_scroll.setVisible(index == 0)

    def import_models(self, paths: list[str]) -> None:
        """Show the models page and check the files for import."""
        if self.models_page is not None and paths:
            self.show_widget(self.models_page)
            self.models_page.import_paths(paths)

    def _use_model(self, path: str) -> None:
        self._chat.load_model(path)
        self.show_page(0)

    def _show_catalog(self, kind: str = "embedding") -> None:
        if self.models_page is not None:
            self.show_widget(self.models_page)
            self.models_page.show_catalog(kind)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Models (.gguf) and documents dragged anywhere on the window are taken."""
        paths = local_paths(event)
        models = [p for p in paths if p.lower().endswith(".gguf")]
        takes_files = self.documents_page is not None or bool(self._task_panels())
        if (models and self.models_page is not None) or (len(paths) > len(models)
                                                          and takes_files):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """.gguf files are imported; another file goes to the task panel showing, or
        files and folders to the documents page when it is showing, else the chat
        asks where they go."""
        paths = local_paths(event)
        models = [p for p in paths if p.lower().endswith(".gguf")]
        self.import_models(models)
        documents = [p for p in paths if p not in models]
        current = self.pages.currentWidget()
        if documents and current in self._task_panels():
            current.set_file(documents[0])  # a task reads one file
        elif documents and self.documents_page is not None:
            if current is self.documents_page:
                self.documents_page.add_paths(documents)
            else:
                self.chat_page.add_documents(documents)
        event.acceptProposedAction()

    # ---- reactions ---------------------------------------------------------------------------

    def _on_escape(self) -> None:
        """Esc stops an answer; otherwise it leaves edit mode."""
        if self._chat.generating:
            self._chat.stop()
        else:
            self.chat_page.cancel_edit()

    def _on_storage_failed(self, kind: str, detail: str) -> None:
        happened, todo = error_text.describe(kind)
        self.statusBar().showMessage(f"{happened} {todo} ({detail})", 30000)

    def _on_conversation_opened(self, conversation: object) -> None:
        title = getattr(conversation, "title", "") or self.tr("New chat")
        self.setWindowTitle(self.tr("%1 — Maru").replace("%1", title))

    def _offer_undo(self, conversation_id: int, title: str) -> None:
        """Show 'Deleted …' with an Undo button for ten seconds."""
        bar = self.statusBar()
        if self._undo_button is not None:
            self._undo_button.deleteLater()
        self._undo_button = button = QPushButton(self.tr("Undo"))
        button.setAccessibleName(self.tr("Undo delete"))
        bar.insertPermanentWidget(0, button)
        bar.showMessage(self.tr("Deleted “%1”.").replace("%1", title or self.tr("New chat")),
                        UNDO_SECONDS * 1000)

        def undo() -> None:
            self._chat.restore_conversation(conversation_id)
            self._chat.open_conversation(conversation_id)
            bar.clearMessage()
            self._drop_undo(button)

        button.clicked.connect(undo)
        QTimer.singleShot(UNDO_SECONDS * 1000, button, lambda: self._drop_undo(button))

    def _drop_undo(self, button: QPushButton) -> None:
        if self._undo_button is button:
            self._undo_button = None
            button.deleteLater()

    # ---- files -------------------------------------------------------------------------------

    def export(self, as_json: bool) -> None:
        """Ask where, then write the open conversation as Markdown or JSON."""
        self._files.export(as_json)

    def import_conversation(self) -> None:
        """Ask for a JSON export and open it as a new conversation."""
        self._files.import_conversation()

    # ---- window state ------------------------------------------------------------------------

    def _restore(self, state: WindowState) -> None:
        geometry, splitter = state
        if not (geometry and self.restoreGeometry(QByteArray.fromBase64(geometry.encode()))):
            self.resize(1180, 760)
        if not (splitter and self.splitter.restoreState(QByteArray.fromBase64(splitter.encode()))):
            panel = max(280, self.settings_scroll.sizeHint().width())
            self.splitter.setSizes([240, max(400, self.width() - 240 - panel), panel])

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember where the window was and how the panes were split."""
        if self._save_state is not None:
            self._save_state(bytes(self.saveGeometry().toBase64()).decode(),
                             bytes(self.splitter.saveState().toBase64()).decode())
        super().closeEvent(event)

