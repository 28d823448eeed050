"""Maru with a keyboard alone and with a screen reader: accessible names and
descriptions on every control, the Tab order, visible focus, one announcement per
finished answer, and a keyboard-only walkthrough. The real MainWindow over real
services (history, documents index, tasks, models, downloads) and a fake engine.

Which widgets are checked (the rule `controls()` applies):
- every widget, on every page and models tab, that a user can reach or operate:
  buttons (push, tool, check, radio), line and text edits (text browsers too),
  combo and spin boxes, sliders, item views (lists, trees, tables), tab bars, and
  any other widget that takes focus with Tab (a focusable scroll area, say), unless
  it hands its focus on to a control (a tab widget to its tab bar);
- visible when its page is shown, enabled or not (a screen reader lists disabled
  controls too); panels that open on demand (search results, the source panel,
  a chosen file's chip, the undo button) are opened first;
- not Qt's own parts of a compound control, which the control itself names: the
  editor and popup of a combo or spin box, a line edit's clear button, an item
  view's headers and corner button, scroll bars, a tab bar's scroll buttons; and
  nothing in another window (menus, popups).

What a screen reader reads is the widget's accessible interface: its Name must
not be empty (Qt derives it from a button's text or a buddy label; a combo box
on Linux names its value, so there it needs an accessible name or a buddy label).
A Description (accessible description, or the tooltip) is required where the
name alone does not say what the control does: icon-only buttons, text fields and
item views.
"""

from __future__ import annotations

import itertools
import re
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from desktop.backends.history_store import HistoryStore
from desktop.core.conversation import MessageStatus, Role
from desktop.core.errors import EngineError, ErrorKind
from desktop.core.protocol import LoadRequest
from desktop.services.chat_service import ChatService
from desktop.services.documents_service import DocumentsService
from desktop.services.download_service import DownloadService
from desktop.services.engine_service import EngineService
from desktop.services.models_service import ModelsService
from desktop.services.preferences_service import PreferencesService
from desktop.services.task_service import TaskService
from desktop.ui import announce
from desktop.ui.classify_panel import ClassifyPanel
from desktop.ui.main_window import MainWindow
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.summarize_panel import SummarizePanel
from desktop.ui.translate_panel import TranslatePanel
from tests.fake_engine import FakeEngine
from tests.test_task_panels import FakeTasks

CONTROLS = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox,
            QAbstractSlider, QAbstractItemView, QTabBar)
TEXT_FIELDS_AND_VIEWS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractItemView)
# Qt's own parts of these controls are named by the control (see the module docstring).
COMPOUND = (QAbstractSpinBox, QComboBox, QLineEdit, QTabBar, QAbstractItemView)
NAME, DESCRIPTION = QAccessible.Text.Name, QAccessible.Text.Description


@pytest.fixture
def announced() -> list[str]:
    """Every announcement made during the test, in order."""
    made: list[str] = []
    announce.announcer().announced.connect(made.append)
    yield made
    announce.announcer().announced.disconnect(made.append)


@pytest.fixture
def app(qtbot, tmp_path, announced):
    """The window as desktop/app.py composes it, with every page, over a fake engine."""
    fake = FakeEngine()
    engine = EngineService(fake)
    store = HistoryStore(tmp_path / "history.sqlite3")
    documents = DocumentsService(tmp_path / "documents.sqlite3", watch=False)
    documents.create_collection("Notes")  # the documents page shows a collection's controls
    chat = ChatService(store, engine, lambda path, n_ctx: LoadRequest(path, n_ctx=n_ctx),
                       documents=documents)
    chat.start()
    with qtbot.waitSignal(chat.model_changed, timeout=5000):
        chat.load_model("/models/fake.gguf")
    tasks = TaskService(engine, store, glossary_dir=tmp_path / "glossaries")
    models, downloads = ModelsService(), DownloadService()
    preferences = PreferencesService()
    window = MainWindow(chat, models=models, downloads=downloads, tasks=tasks,
                        preferences=preferences)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    yield SimpleNamespace(window=window, chat=chat, fake=fake, store=store, tasks=tasks,
                          documents=documents, announced=announced)
    window.close()
    for service in (downloads, models, tasks, engine, documents, preferences):
        service.shutdown()
    store.close()


# ---- the widget walk ---------------------------------------------------------------------

def controls(root: QWidget) -> list[QWidget]:
    """The visible controls under `root`, by the rule in the module docstring."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not root.window():
            continue
        takes_tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if not (isinstance(widget, CONTROLS) or takes_tab):
            continue
        if (isinstance(widget, (QHeaderView, QScrollBar)) or widget.focusProxy() is not None
                or _part_of_control(widget, root)):
            continue  # a part, or a container whose focus goes to a control (QTabWidget)
        found.append(widget)
    return found


def _part_of_control(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, COMPOUND):
            return True
        parent = parent.parentWidget()
    return False


def spoken_name(widget: QWidget) -> str:
    """The name a screen reader gives the widget."""
    iface = QAccessible.queryAccessibleInterface(widget)
    if isinstance(widget, QComboBox):
        # On Linux a combo box's Name is its current text; its label comes as a relation.
        labels = [label.text(NAME) for label, _relation in
                  iface.relations(QAccessible.RelationFlag.Label)]
        return (widget.accessibleName() or " ".join(labels)).strip()
    return iface.text(NAME).strip()


def needs_description(widget: QWidget) -> bool:
    """Icon-only buttons, text fields and item views: their names do not say what they do."""
    if isinstance(widget, QAbstractButton):
        return not re.search(r"\w", widget.text())
    return isinstance(widget, TEXT_FIELDS_AND_VIEWS)


def describe(widget: QWidget, page: str) -> str:
    """"Page: Class attribute 'text'" (the attribute path is what a fix edits)."""
    where = widget.objectName()
    parent = widget.parentWidget()
    while not where and parent is not None:
        where = next((f"{type(parent).__name__}.{key}" for key, value in vars(parent).items()
                      if value is widget), "")
        parent = parent.parentWidget()
    where = where or f"(in {type(widget.parentWidget()).__name__})"
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    return f"{page}: {type(widget).__name__} {where} {text!r}"


def walk(root: QWidget, page: str, seen: dict[int, tuple[str, QWidget]]) -> None:
    for widget in controls(root):
        seen.setdefault(id(widget), (page, widget))


def visit_every_page(qtbot, app) -> dict[int, tuple[str, QWidget]]:
    """Show each page (each models tab, the panels that open on demand) and collect its
    controls."""
    window = app.window
    seen: dict[int, tuple[str, QWidget]] = {}
    window.show_page(0)
    walk(window, "chat", seen)
    sidebar = window.sidebar
    sidebar.search.setText("nothing like this")
    qtbot.waitUntil(sidebar.results.isVisible)
    walk(window, "chat (search)", seen)
    sidebar.search.clear()
    qtbot.waitUntil(sidebar.list.isVisible)
    window.chat_page.source_panel.show()
    walk(window, "chat (source)", seen)
    window.chat_page.source_panel.hide()
    app.fake.enqueue(["ok"])
    with qtbot.waitSignal(app.chat.answer_done, timeout=5000):
        app.chat.send("to be deleted")
    sidebar.list.setFocus()
    qtbot.keyClick(sidebar.list, Qt.Key.Key_Delete)  # the status bar offers Undo
    assert window.statusBar().currentMessage().startswith("Deleted")
    walk(window, "chat (undo)", seen)
    for index in range(1, window.pages.count()):
        window.show_page(index)
        page = window.pages.widget(index)
        name = window.page_tabs.tabText(index)
        if page is window.summarize_panel:
            page.set_file(__file__)  # the chip that forgets the file
        walk(window, name, seen)
        if page is window.models_page:
            for tab in range(page.tabs.count()):
                page.tabs.setCurrentIndex(tab)
                walk(window, f"{name} / {page.tabs.tabText(tab).replace('&', '')}", seen)
    window.show_page(0)
    return seen


def test_every_control_has_a_name_and_where_needed_a_description(qtbot, app):
    seen = visit_every_page(qtbot, app)
    assert len(seen) > 60  # the walk reached every page
    unnamed, undescribed = offenders(seen)
    assert not unnamed and not undescribed, (
        "no accessible name:\n  " + "\n  ".join(unnamed)
        + "\nno accessible description:\n  " + "\n  ".join(undescribed))


def offenders(seen: dict[int, tuple[str, QWidget]]) -> tuple[list[str], list[str]]:
    """(controls without a name, controls without a needed description), described."""
    unnamed = [describe(w, page) for page, w in seen.values() if not spoken_name(w)]
    undescribed = [describe(w, page) for page, w in seen.values()
                   if needs_description(w)
                   and not QAccessible.queryAccessibleInterface(w).text(DESCRIPTION).strip()]
    return unnamed, undescribed


def test_settings_dialog_controls_have_names(qtbot):
    """The Settings dialog (Edit → Settings…), walked like the pages."""
    preferences = PreferencesService()
    dialog = SettingsDialog(preferences, restart=lambda: None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    seen: dict[int, tuple[str, QWidget]] = {}
    walk(dialog, "settings dialog", seen)
    dialog.hide()  # not close(): Cancel would apply the saved theme to the whole app
    preferences.shutdown()
    assert len(seen) > 10
    unnamed, undescribed = offenders(seen)
    assert not unnamed and not undescribed, (
        "no accessible name:\n  " + "\n  ".join(unnamed)
        + "\nno accessible description:\n  " + "\n  ".join(undescribed))


# ---- keyboard ----------------------------------------------------------------------------

def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press_tab(qtbot, backwards: bool = False) -> QWidget | None:
    key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
    modifier = (Qt.KeyboardModifier.ShiftModifier if backwards
                else Qt.KeyboardModifier.NoModifier)
    qtbot.keyClick(focused(), key, modifier)
    return focused()


def ask(qtbot, app, text: str, chunks: list[str]) -> None:
    app.fake.enqueue(chunks)
    with qtbot.waitSignal(app.chat.answer_done, timeout=5000):
        app.chat.send(text)


def chat_page_reading_order(window: MainWindow) -> list[QWidget]:
    """The chat page's main controls in reading order (the page tabs span the window's
    top; below, left to right: sidebar, chat, settings panel), from the composer."""
    page, panel, sidebar = window.chat_page, window.settings_panel, window.sidebar
    return [page.composer, page.send_button,
            panel.model_combo, panel.system_prompt, panel.temperature, panel.top_p,
            panel.top_k, panel.min_p, panel.repeat_penalty, panel.max_tokens, panel.n_ctx,
            panel.seed, panel.reset_button, panel.preset_combo,
            window.page_tabs, sidebar.new_button, sidebar.search, sidebar.list,
            page.transcript, page.scope_bar.button, page.composer]


def test_tab_goes_round_the_chat_page_in_reading_order(qtbot, app):
    ask(qtbot, app, "hello", ["an answer"])  # the transcript has links to tab through
    window = app.window
    window.chat_page.focus_composer()
    assert focused() is window.chat_page.composer
    visited = [focused()]
    for _ in range(60):
        visited.append(press_tab(qtbot))
        if visited[-1] is window.chat_page.composer:
            break
    names = [type(w).__name__ for w in visited]
    assert visited[-1] is window.chat_page.composer, f"Tab never came back: {names}"
    for before, after in itertools.pairwise(visited):
        # Only the transcript keeps the focus while Tab walks its links (Copy, Edit...).
        assert before is not after or before is window.chat_page.transcript, names
    nameless = [type(w).__name__ for w in visited if not spoken_name(w)]
    assert not nameless, f"Tab stops a screen reader cannot name: {nameless}"
    expected = chat_page_reading_order(window)
    order = [visited.index(w) if w in visited else -1 for w in expected[:-1]]
    assert -1 not in order and order == sorted(order), (
        f"expected {[type(w).__name__ for w in expected]}, got {names}")
    assert not window.chat_page.stop_button.isEnabled()  # skipped while nothing streams
    back = press_tab(qtbot, backwards=True)
    assert back is window.chat_page.scope_bar.button  # Shift+Tab walks it backwards


@pytest.mark.parametrize("panel_name", ["summarize_panel", "translate_panel", "classify_panel"])
def test_tab_follows_reading_order_on_the_task_pages(qtbot, app, panel_name, tmp_path):
    window = app.window
    panel = getattr(window, panel_name)
    window.show_widget(panel)
    if panel_name == "classify_panel":
        table = tmp_path / "reviews.csv"
        table.write_text("id,review\n1,great\n", encoding="utf-8")
        panel.items.set_file(str(table))  # the column choice is on for a table
    first = panel.preset_combo if panel_name == "classify_panel" else panel.input.editor
    first.setFocus()
    visited = [focused()]
    for _ in range(40):
        visited.append(press_tab(qtbot))
        if visited[-1] is first:
            break
    names = [type(w).__name__ for w in visited]
    assert visited[-1] is first, f"Tab never came back: {names}"
    inside = [w for w in visited[:-1] if panel.isAncestorOf(w)]
    expected = _task_reading_order(panel_name, panel)
    order = [inside.index(w) if w in inside else -1 for w in expected]
    got = [type(w).__name__ for w in inside]
    assert -1 not in order and order == sorted(order), (
        f"expected {[type(w).__name__ for w in expected]}, got {got}")


def _task_reading_order(name: str, panel: QWidget) -> list[QWidget]:
    if name == "summarize_panel":
        return [panel.input.editor, panel.input.open_button, panel.conversation_button,
                panel.style_combo, panel.language_combo, panel.run_bar.run_button,
                panel.output, panel.history.list]
    if name == "translate_panel":
        return [panel.input.editor, panel.input.open_button, panel.from_combo, panel.to_combo,
                panel.glossary_combo, panel.edit_glossary_button, panel.run_bar.run_button,
                panel.table, panel.history.list]
    return [panel.preset_combo, panel.labels_edit, panel.multi_check, panel.examples_edit,
            panel.history.list, panel.items.editor, panel.items.open_button,
            panel.items.clear_button, panel.column_combo, panel.run_bar.run_button,
            panel.table]


def test_keyboard_only_walkthrough_sends_a_message(qtbot, app):
    window = app.window
    composer = window.chat_page.composer
    assert focused() is composer  # a fresh window: the cursor waits in the composer
    app.fake.enqueue(["Hello! ", "How can I help?"])
    qtbot.keyClicks(focused(), "Hi Maru, what can you do?")
    with qtbot.waitSignal(app.chat.answer_done, timeout=5000):
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert "How can I help?" in window.chat_page.transcript.toPlainText()
    saved = app.store.messages(app.chat.conversation.id)
    assert [(m.role, m.text) for m in saved] == [(Role.USER, "Hi Maru, what can you do?"),
                                                 (Role.ASSISTANT, "Hello! How can I help?")]
    assert focused() is composer and composer.toPlainText() == ""
    qtbot.keyClick(focused(), Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert focused() is window.sidebar.search  # Ctrl+K: search the conversations
    qtbot.keyClick(focused(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert focused() is composer  # Ctrl+L: back to the composer


def test_keyboard_opens_and_closes_the_settings_dialog(qtbot, app):
    """Ctrl+, opens Edit → Settings…, the focus goes into it, Esc closes it (Cancel) and
    the cursor is back in the composer."""
    window = app.window
    qtbot.keyClick(focused(), Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.settings_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.isAncestorOf(focused()))
    assert spoken_name(focused())  # the first control, named for a screen reader
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert window.focusWidget() is window.chat_page.composer  # where the focus returns
    window.activateWindow()  # what the window manager does (the offscreen platform does not)
    qtbot.waitUntil(lambda: focused() is window.chat_page.composer)


# ---- visible focus -----------------------------------------------------------------------

def tab_to(qtbot, target: QWidget, backwards: bool = False) -> None:
    """Move the focus to `target` with Tab (Shift+Tab) presses, as a keyboard user would."""
    for _ in range(60):
        if focused() is target:
            return
        press_tab(qtbot, backwards)
    raise AssertionError(f"Tab never reached {type(target).__name__}")


def image(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def test_the_focused_conversation_and_transcript_are_visibly_marked(qtbot, app):
    ask(qtbot, app, "hello", ["an answer"])
    window = app.window
    window.chat_page.focus_composer()
    sidebar_list = window.sidebar.list
    tab_to(qtbot, sidebar_list, backwards=True)
    row = sidebar_list.visualRect(sidebar_list.currentIndex())
    assert row.isValid()
    focused_row = image(sidebar_list.viewport()).copy(row)
    press_tab(qtbot)
    assert not sidebar_list.hasFocus()
    assert image(sidebar_list.viewport()).copy(row) != focused_row  # the focus frame went
    transcript = window.chat_page.transcript
    tab_to(qtbot, transcript)
    highlight = transcript.palette().color(QPalette.ColorRole.Highlight)
    edge = (0, transcript.viewport().height() // 2)  # the ring runs round the viewport
    assert image(transcript.viewport()).pixelColor(*edge) == highlight
    tab_to(qtbot, window.chat_page.composer)
    assert image(transcript.viewport()).pixelColor(*edge) != highlight


# ---- announcements -----------------------------------------------------------------------

def test_a_finished_answer_is_announced_once_and_not_while_it_streams(qtbot, app):
    fake = app.fake
    fake.release.clear()
    words = [f"word{i} " for i in range(120)]
    fake.enqueue(["# Result\n\n", "Some **bold** text. ", *words])
    app.chat.send("a long answer please")
    qtbot.waitUntil(fake.started.is_set)
    fake.release.set()
    fake.release.clear()  # one chunk through, then hold the stream
    qtbot.waitUntil(lambda: "Result" in app.window.chat_page.transcript.toPlainText())
    assert app.announced == []  # nothing is announced while the answer streams
    transcript = app.window.chat_page.transcript
    assert "writing" in QAccessible.queryAccessibleInterface(transcript).text(DESCRIPTION)
    with qtbot.waitSignal(app.chat.answer_done, timeout=5000):
        fake.release.set()
    QApplication.processEvents()  # a queued announcement would come now
    assert len(app.announced) == 1
    message = app.announced[0]
    assert message.startswith("Result Some bold text. word0 word1")  # Markdown marks gone
    assert len(message) <= announce.MAX_CHARS and message.endswith("…")
    assert "Tab moves" in QAccessible.queryAccessibleInterface(transcript).text(DESCRIPTION)


def test_stopped_and_failed_answers_are_announced_once_each(qtbot, app):
    fake = app.fake
    fake.release.clear()
    fake.enqueue(["kept"] + [" never"] * 20)
    app.chat.send("stop me")
    qtbot.waitUntil(fake.started.is_set)
    with qtbot.waitSignal(app.chat.answer_done, timeout=5000):
        app.window.stop_action.trigger()
    assert len(app.announced) == 1 and "stopped" in app.announced[0].lower()
    fake.error = EngineError(ErrorKind.WORKER_CRASHED, "killed")
    with qtbot.waitSignal(app.chat.generating_changed, timeout=5000,
                          check_params_cb=lambda busy: not busy):
        app.chat.send("crash")
    assert len(app.announced) == 2
    assert "The model process stopped unexpectedly" in app.announced[1]
    answer = app.store.messages(app.chat.conversation.id)[-1]
    assert answer.status is MessageStatus.FAILED


def test_excerpt_cuts_at_a_word_and_flattens_lines():
    assert announce.excerpt("  one\n\ntwo  ") == "one two"
    long = " ".join(["안녕하세요"] * 100)
    cut = announce.excerpt(long, 40)
    assert len(cut) <= 40 and cut.endswith("…") and "안녕하세요…" in cut
    assert announce.spoken_markdown("# T\n\n- a\n- **b**\n") .split() == ["T", "a", "b"]


def test_task_runs_are_announced_once_when_they_end(qtbot, announced):
    tasks = FakeTasks()
    summarize = SummarizePanel(tasks)
    translate = TranslatePanel(tasks)
    classify = ClassifyPanel(tasks)
    for panel in (summarize, translate, classify):
        qtbot.addWidget(panel)
    summarize.input.editor.setPlainText("A long meeting record.")
    assert summarize.summarize()
    for piece in ("The ", "meeting ", "moved."):
        tasks.text_streamed.emit(piece)
    assert announced == []  # not while the summary streams
    tasks.end(output="The meeting moved.")
    assert announced == ["Summary done. The meeting moved."]
    translate.input.editor.setPlainText("안녕하세요")
    assert translate.translate()
    tasks.segment_done.emit(0, "안녕하세요", "Hello")
    tasks.end(output="Hello")
    assert announced[1:] == ["Translation done. Hello"]
    classify.items.editor.setPlainText("great\nawful")
    classify.labels_edit.setPlainText("good\nbad")
    assert classify.classify()
    results = [{"index": i, "text": t, "labels": [label], "probabilities": {label: 0.9}}
               for i, (t, label) in enumerate((("great", "good"), ("awful", "bad")))]
    tasks.end(output="", meta={"results": results})
    assert announced[2:] == [classify.tr("%n item(s) classified.", "", 2)]
    tasks.refuse = ("no_model_loaded", "")
    assert not summarize.summarize()
    assert announced[3:] == [summarize.run_bar.error_label.text()]  # the inline error, once
    classify.labels_edit.setPlainText("only one")
    assert not classify.classify()
    assert announced[4:] == ["Give at least two labels."]
