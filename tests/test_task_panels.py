"""The summarize, translate and classify panels over a fake TaskService: what they
ask the service for, and how they show its signals."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QObject, QPoint, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.core.classify import ClassifyOptions, Example, ItemResult, Label
from desktop.core.summarize import SummaryOptions, SummaryStyle
from desktop.core.tasks import (
    Progress,
    RunStatus,
    Stage,
    TaskError,
    TaskErrorKind,
    TaskInput,
    TaskMode,
    TaskRun,
)
from desktop.ui import error_text
from desktop.ui.classify_panel import ClassifyPanel, Column
from desktop.ui.summarize_panel import SummarizePanel
from desktop.ui.task_text import describe_task_error, fill, progress_text
from desktop.ui.translate_panel import TranslatePanel


class FakeTasks(QObject):
    """TaskService's signals, with methods that record what they were asked."""

    started = Signal(object)
    progress = Signal(object)
    text_streamed = Signal(str)
    segment_done = Signal(int, str, str)
    item_done = Signal(object)
    finished = Signal(object)
    failed = Signal(str, str)
    running_changed = Signal(bool)
    history_changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.running = False
        self.calls: list[tuple] = []
        self.runs: dict[TaskMode, list[TaskRun]] = {mode: [] for mode in TaskMode}
        self.saved_glossaries: dict[str, dict[str, str]] = {}
        self.stops = 0
        self.deleted: list[int] = []
        self.exported: list[tuple[TaskRun, str]] = []
        self.refuse: tuple[str, str] | None = None  # fail the next start synchronously
        self.export_error: OSError | None = None
        self.run: TaskRun | None = None

    # ---- starting ----------------------------------------------------------------------

    def summarize(self, source, options):
        return self._start(TaskMode.SUMMARIZE, ("summarize", source, options),
                           dataclasses.asdict(options))

    def translate(self, source, target, source_language=None, glossary=None):
        return self._start(TaskMode.TRANSLATE,
                           ("translate", source, target, source_language, glossary),
                           {"target": target})

    def classify(self, source, options, column=None):
        return self._start(TaskMode.CLASSIFY, ("classify", source, options, column),
                           {"multi": options.multi})

    def _start(self, mode, call, options):
        self.calls.append(call)
        if self.refuse:
            self.failed.emit(*self.refuse)
            self.refuse = None
            return False
        self.run = TaskRun(len(self.calls), mode, call[1].label, RunStatus.RUNNING, 1.7e9,
                           options=options)
        self.running = True
        self.running_changed.emit(True)
        self.started.emit(self.run)
        return True

    def stop(self):
        self.stops += 1

    # ---- ending (as the service does: running_changed first) ----------------------------

    def end(self, status=RunStatus.DONE, output="", meta=None):
        run = dataclasses.replace(self.run, status=status, output=output, meta=meta or {})
        self.running = False
        self.running_changed.emit(False)
        self.finished.emit(run)
        self.history_changed.emit(run.mode.value)
        return run

    def fail(self, kind, detail=""):
        mode = self.run.mode
        self.running = False
        self.running_changed.emit(False)
        self.failed.emit(kind, detail)
        self.history_changed.emit(mode.value)

    # ---- history, glossaries, export ----------------------------------------------------

    def history(self, mode):
        return list(self.runs[mode])

    def delete_run(self, run_id):
        self.deleted.append(run_id)
        for mode, runs in self.runs.items():
            if any(r.id == run_id for r in runs):
                self.runs[mode] = [r for r in runs if r.id != run_id]
                self.history_changed.emit(mode.value)

    def glossaries(self):
        return sorted(self.saved_glossaries)

    def load_glossary(self, name):
        if name not in self.saved_glossaries:
            raise TaskError(TaskErrorKind.BAD_GLOSSARY, name)
        return dict(self.saved_glossaries[name])

    def save_glossary(self, name, glossary):
        self.saved_glossaries[name] = dict(glossary)

    def export_csv(self, run, path):
        if self.export_error:
            raise self.export_error
        self.exported.append((run, path))
        Path(path).write_text("index,label\n", encoding="utf-8")


@pytest.fixture
def tasks():
    return FakeTasks()


def past_run(mode: TaskMode, run_id: int = 100, **changes) -> TaskRun:
    run = TaskRun(run_id, mode, "report.txt", RunStatus.DONE, 1.7e9, input_path="/tmp/report.txt")
    return dataclasses.replace(run, **changes)


def drop_file(target, path: Path) -> QDragEnterEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    copy, left, none = (Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton,
                        Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(5, 5), copy, mime, left, none)
    QApplication.sendEvent(target, enter)
    QApplication.sendEvent(target, QDropEvent(QPointF(5, 5), copy, mime, left, none))
    return enter


def save_to(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(path), ""))


# ---- words ------------------------------------------------------------------------------


def test_task_errors_and_progress_in_words(qapp):
    assert describe_task_error("duplicate_labels", "Good") == (
        "Each label must be different: Good appears twice.")
    assert describe_task_error("too_few_labels", "1 label(s)") == "Give at least two labels."
    assert describe_task_error("binary_file", "a.bin") == (
        "a.bin is not a text or document file Maru can read.")
    missing = describe_task_error("missing_column", "'review'; columns: id, text")
    assert missing == "The file has no column 'review'. Its columns are: id, text."
    assert describe_task_error("no_model_loaded", "") == " ".join(
        error_text.describe("no_model_loaded"))
    assert describe_task_error("encrypted", "x") == " ".join(error_text.describe("encrypted"))
    assert progress_text(Progress(0, 3, Stage.MAP)) == "Summarizing part 1 of 3"
    assert progress_text(Progress(3, 3, Stage.MAP)) == "Summarizing part 3 of 3"
    assert progress_text(Progress(1, 2, Stage.REDUCE)) == "Combining summaries: 1 of 2"
    assert progress_text(Progress(0, 0, Stage.READING)) == "Reading the file…"
    assert progress_text(Progress(1200, 5000, Stage.CLASSIFY)) == "1,200 of 5,000 items"
    assert fill("%1 and %2", "%2", "b") == "%2 and b"


# ---- summarize --------------------------------------------------------------------------


@pytest.fixture
def summarize(qtbot, tasks):
    panel = SummarizePanel(tasks, lambda: 7)
    qtbot.addWidget(panel)
    return panel


def test_summarize_passes_style_language_and_instruction(summarize, tasks):
    summarize.input.editor.setPlainText("긴 회의록 본문입니다.")
    assert not summarize.instruction.isEnabled()
    summarize.style_combo.setCurrentIndex(summarize.style_combo.findData(SummaryStyle.CUSTOM))
    assert summarize.instruction.isEnabled()
    summarize.instruction.setText("List the decisions")
    summarize.language_combo.setCurrentIndex(summarize.language_combo.findData("ja"))
    summarize.run_bar.run_button.click()
    assert tasks.calls == [("summarize", TaskInput(text="긴 회의록 본문입니다."),
                            SummaryOptions(SummaryStyle.CUSTOM, "ja", "List the decisions"))]


def test_summarize_runs_streams_and_stops(qtbot, summarize, tasks):
    summarize.input.editor.setPlainText("text")
    summarize.output.setPlainText("an old summary")
    assert summarize.summarize()
    run_button, stop = summarize.run_bar.run_button, summarize.run_bar.stop_button
    assert not run_button.isEnabled() and stop.isEnabled()
    assert not summarize.history.isEnabled()  # a past run may not replace the live one
    assert summarize.output.toPlainText() == ""
    tasks.progress.emit(Progress(1, 3, Stage.MAP))
    assert summarize.run_bar.status_label.text() == "Summarizing part 2 of 3"
    for piece in ("- First", " point\n", "- Second"):
        tasks.text_streamed.emit(piece)
    assert summarize.output.toPlainText() == "- First point\n- Second"
    stop.click()
    assert tasks.stops == 1
    tasks.end(RunStatus.STOPPED, "- First point\n- Second")
    assert run_button.isEnabled() and not stop.isEnabled() and summarize.history.isEnabled()
    assert summarize.run_bar.status_label.text() == "Stopped; the summary so far is kept."
    assert summarize.output.toPlainText() == "- First point\n- Second"


def test_summarize_failure_is_inline_and_keeps_the_input(summarize, tasks):
    summarize.input.editor.setPlainText("my text")
    summarize.summarize()
    tasks.fail("no_model_loaded")
    error = summarize.run_bar.error_label
    assert not error.isHidden()
    assert error.text() == describe_task_error("no_model_loaded", "")
    assert summarize.input.text() == "my text"
    tasks.refuse = ("empty_input", "")
    assert not summarize.summarize()
    assert error.text() == "There is nothing to work on: the text is empty."


def test_summarize_file_drop_sets_the_chip(qtbot, summarize, tasks, tmp_path):
    doc = tmp_path / "회의록.pdf"
    doc.write_bytes(b"%PDF-1.4")
    assert summarize.input.chip.isHidden()
    enter = drop_file(summarize.input.editor.viewport(), doc)
    assert enter.isAccepted()
    assert not summarize.input.chip.isHidden()
    assert "회의록.pdf" in summarize.input.chip_label.text()
    summarize.summarize()
    assert tasks.calls[-1][1] == TaskInput(path=str(doc))
    summarize.input.clear_button.click()
    assert summarize.input.chip.isHidden() and summarize.input.path() is None


def test_summarize_this_conversation(qtbot, tasks):
    none = SummarizePanel(tasks)
    qtbot.addWidget(none)
    assert not none.conversation_button.isEnabled()
    panel = SummarizePanel(tasks, lambda: 7)
    qtbot.addWidget(panel)
    assert panel.conversation_button.isEnabled()
    panel.conversation_button.click()
    assert tasks.calls[-1][1] == TaskInput(conversation_id=7)
    assert not panel.conversation_button.isEnabled()  # a run is going


def test_summarize_history_shows_a_past_run(qtbot, tasks):
    tasks.runs[TaskMode.SUMMARIZE] = [
        past_run(TaskMode.SUMMARIZE, output="The summary.",
                 options={"style": "one-line", "language": "ko"}),
        past_run(TaskMode.SUMMARIZE, 101, status=RunStatus.FAILED, error="binary_file: a.bin"),
    ]
    panel = SummarizePanel(tasks)
    qtbot.addWidget(panel)
    assert "failed" in panel.history.list.item(1).text()
    panel.history.list.setCurrentRow(0)
    assert panel.output.toPlainText() == "The summary."
    assert panel.run_info.text() == "One line · 한국어 · report.txt"
    panel.history.list.setCurrentRow(1)
    assert panel.run_bar.error_label.text() == (
        "a.bin is not a text or document file Maru can read.")
    panel.history.delete_button.click()
    assert tasks.deleted == [101] and panel.history.list.count() == 1


def test_only_the_mode_that_runs_shows_its_signals(qtbot, tasks):
    summarize, classify = SummarizePanel(tasks), ClassifyPanel(tasks)
    qtbot.addWidget(summarize)
    qtbot.addWidget(classify)
    summarize.input.editor.setPlainText("text")
    summarize.summarize()
    assert not classify.run_bar.run_button.isEnabled()  # one run at a time
    assert not classify.run_bar.stop_button.isEnabled()
    tasks.fail("worker_crashed")
    assert not summarize.run_bar.error_label.isHidden()
    assert classify.run_bar.error_label.isHidden()
    assert classify.run_bar.run_button.isEnabled()


# ---- translate --------------------------------------------------------------------------


@pytest.fixture
def translate(qtbot, tasks):
    panel = TranslatePanel(tasks)
    qtbot.addWidget(panel)
    return panel


def test_translate_detects_the_language_and_picks_the_target(qtbot, translate):
    assert translate.to_combo.currentData() == "ko"
    translate.input.editor.setPlainText("오늘 회의는 세 시에 시작합니다.")
    qtbot.waitUntil(lambda: translate.detected_label.text() == "Detected: 한국어")
    assert translate.to_combo.currentData() == "en"
    translate.input.editor.setPlainText("The meeting starts at three.")
    qtbot.waitUntil(lambda: translate.detected_label.text() == "Detected: English")
    assert translate.to_combo.currentData() == "ko"


def test_translate_passes_languages_and_glossary(translate, tasks):
    tasks.saved_glossaries["product"] = {"Maru": "마루"}
    translate.refresh_glossaries()
    translate.input.editor.setPlainText("Maru runs offline.")
    translate.from_combo.setCurrentIndex(translate.from_combo.findData("en"))
    translate.to_combo.setCurrentIndex(translate.to_combo.findData("ja"))
    translate.glossary_combo.setCurrentIndex(translate.glossary_combo.findData("product"))
    assert translate.translate()
    assert tasks.calls == [("translate", TaskInput(text="Maru runs offline."), "ja", "en",
                            {"Maru": "마루"})]


def test_translate_shows_segments_then_copies_and_saves(qtbot, translate, tasks, tmp_path,
                                                        monkeypatch):
    translate.input.editor.setPlainText("One.\n\nTwo.")
    translate.translate()
    assert not translate.run_bar.run_button.isEnabled()
    assert not translate.copy_button.isEnabled()
    tasks.segment_done.emit(0, "One.", "하나.")
    tasks.segment_done.emit(2, "Two.", "둘.")
    table = translate.table
    assert table.rowCount() == 2
    assert (table.item(1, 0).text(), table.item(1, 1).text()) == ("Two.", "둘.")
    tasks.end(output="하나.\n\n둘.")
    translate.copy_button.click()
    assert QGuiApplication.clipboard().text() == "하나.\n\n둘."
    target = tmp_path / "out.txt"
    save_to(monkeypatch, target)
    translate.save_button.click()
    assert target.read_text(encoding="utf-8") == "하나.\n\n둘."
    save_to(monkeypatch, tmp_path / "missing" / "out.txt")
    translate.save_button.click()
    assert "could not be saved" in translate.run_bar.error_label.text()


def test_translate_history_fills_the_table(qtbot, tasks):
    tasks.runs[TaskMode.TRANSLATE] = [past_run(
        TaskMode.TRANSLATE, output="안녕", meta={"pairs": [["Hello", "안녕"], ["Bye", "잘 가"]]})]
    panel = TranslatePanel(tasks)
    qtbot.addWidget(panel)
    panel.history.list.setCurrentRow(0)
    assert panel.table.rowCount() == 2
    assert panel.table.item(1, 1).text() == "잘 가"
    assert panel.copy_button.isEnabled()


def test_glossary_dialog_saves_and_is_selected(qtbot, translate, tasks):
    dialog = translate.edit_glossary()
    dialog.name_edit.setText("product")
    dialog.table.item(0, 0).setText("Maru")
    dialog.table.item(0, 1).setText("마루")
    dialog.add_row("  ", "ignored")
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert tasks.saved_glossaries == {"product": {"Maru": "마루"}}
    assert translate.glossary_combo.currentData() == "product"
    again = translate.edit_glossary()
    assert again.name_edit.text() == "product"
    assert again.glossary() == {"Maru": "마루"}
    again.reject()


def test_glossary_dialog_needs_a_name(qtbot, tasks):
    from desktop.ui.glossary_dialog import GlossaryDialog

    dialog = GlossaryDialog(tasks)
    qtbot.addWidget(dialog)
    dialog.table.item(0, 0).setText("Maru")
    dialog.table.item(0, 1).setText("마루")
    assert not dialog.save()
    assert dialog.error_label.text() == "Give the glossary a name."
    assert tasks.saved_glossaries == {}


# ---- classify ---------------------------------------------------------------------------


@pytest.fixture
def classify(qtbot, tasks):
    panel = ClassifyPanel(tasks)
    qtbot.addWidget(panel)
    return panel


def result(index: int, label: str, p: float) -> ItemResult:
    other = "b" if label == "a" else "a"
    return ItemResult(index, f"item {index}", (label,), {label: p, other: 1 - p})


def test_classify_preset_fills_labels_and_examples(classify):
    index = classify.preset_combo.findData("sentiment")
    assert classify.preset_combo.itemText(index) == "Sentiment"
    classify.preset_combo.setCurrentIndex(index)
    classify.preset_combo.activated.emit(index)
    lines = classify.labels_edit.toPlainText().splitlines()
    assert lines[0].startswith("positive: ") and len(lines) == 3
    assert "=> negative" in classify.examples_edit.toPlainText()
    assert [label.name for label in classify.options().labels] == [
        "positive", "negative", "neutral"]


def test_classify_passes_labels_multi_examples_and_column(classify, tasks, tmp_path):
    classify.labels_edit.setPlainText("a\nb: the letter bee")
    classify.multi_check.setChecked(True)
    classify.examples_edit.setPlainText("first => a, b\n\nsecond => b")
    classify.items.editor.setPlainText("x\ny")
    assert classify.classify()
    options = ClassifyOptions((Label("a"), Label("b", "the letter bee")), True,
                              (Example("first", ("a", "b")), Example("second", ("b",))))
    assert tasks.calls == [("classify", TaskInput(text="x\ny"), options, None)]
    tasks.end()
    table = tmp_path / "reviews.csv"
    table.write_text("id,review\n1,good\n", encoding="utf-8")
    classify.set_file(str(table))
    combo = classify.column_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Automatic", "id", "review"]
    assert classify.column() is None
    combo.setCurrentIndex(2)
    classify.classify()
    assert tasks.calls[-1][1] == TaskInput(path=str(table))
    assert tasks.calls[-1][3] == "review"
    tasks.end()
    lines = tmp_path / "items.jsonl"
    lines.write_text('{"body": "hi"}\n', encoding="utf-8")
    classify.set_file(str(lines))
    assert combo.isEditable() and classify.column() == "text"
    combo.setEditText("body")
    assert classify.column() == "body"


def test_classify_refuses_bad_labels_and_examples_inline(classify, tasks):
    classify.labels_edit.setPlainText("Good\ngood\nbad")
    assert not classify.classify()
    assert classify.run_bar.error_label.text() == (
        "Each label must be different: good appears twice.")
    classify.labels_edit.setPlainText("good\nbad")
    classify.examples_edit.setPlainText("fine => good\nno arrow here")
    assert not classify.classify()
    assert classify.run_bar.error_label.text() == "Example line 2 needs the form: text => label"
    classify.examples_edit.setPlainText("fine => great")
    assert not classify.classify()
    assert "example" in classify.run_bar.error_label.text()
    assert tasks.calls == []


def test_classify_shows_items_and_exports(qtbot, qtmodeltester, classify, tasks, tmp_path,
                                          monkeypatch):
    classify.labels_edit.setPlainText("a, b")
    classify.items.editor.setPlainText("item 0\nitem 1")
    classify.classify()
    assert classify.run_bar.stop_button.isEnabled()
    classify.run_bar.stop_button.click()
    assert tasks.stops == 1
    tasks.item_done.emit(result(0, "a", 0.87))
    tasks.item_done.emit(result(1, "b", 0.6))
    model = classify.model
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.index(0, Column.CONFIDENCE).data() == "87%"
    assert model.index(1, Column.LABEL).data() == "b"
    assert model.index(0, Column.TEXT).data(Qt.ItemDataRole.ToolTipRole) == "a: 87%\nb: 13%"
    assert not classify.export_button.isEnabled()
    meta = {"results": [{"index": 0, "text": "item 0", "labels": ["a"], "label": "a",
                         "probabilities": {"a": 0.87, "b": 0.13}}]}
    run = tasks.end(RunStatus.STOPPED, meta=meta)
    assert classify.export_button.isEnabled()
    target = tmp_path / "results.csv"
    save_to(monkeypatch, target)
    classify.export_button.click()
    assert tasks.exported == [(run, str(target))] and target.is_file()
    tasks.export_error = OSError(28, "No space left on device")
    classify.export_button.click()
    assert classify.run_bar.error_label.text().endswith("No space left on device")


def test_classify_history_fills_the_table(qtbot, tasks):
    results = [{"index": i, "text": f"t{i}", "labels": ["spam"], "label": "spam",
                "probabilities": {"spam": 0.9, "ham": 0.1}} for i in range(3)]
    tasks.runs[TaskMode.CLASSIFY] = [past_run(TaskMode.CLASSIFY, meta={"results": results})]
    panel = ClassifyPanel(tasks)
    qtbot.addWidget(panel)
    panel.history.list.setCurrentRow(0)
    assert panel.model.rowCount() == 3
    assert panel.model.index(2, Column.NUMBER).data() == "3"
    assert panel.model.index(2, Column.CONFIDENCE).data() == "90%"
    assert panel.export_button.isEnabled()


def test_ctrl_return_runs_the_panel(qtbot, summarize, tasks):
    from PySide6.QtTest import QTest

    summarize.show()
    summarize.activateWindow()
    qtbot.waitUntil(summarize.isActiveWindow)  # shortcuts fire in the active window only
    summarize.input.editor.setFocus()
    summarize.input.editor.setPlainText("text")
    QTest.keyClick(summarize.input.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert tasks.calls and tasks.calls[0][0] == "summarize"
    assert summarize.input.text() == "text"


def test_every_control_has_an_accessible_name(qtbot, tasks):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
        QWidget,
    )

    from desktop.ui.glossary_dialog import GlossaryDialog

    kinds = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QAbstractItemView)
    for widget in (SummarizePanel(tasks), TranslatePanel(tasks), ClassifyPanel(tasks),
                   GlossaryDialog(tasks)):
        qtbot.addWidget(widget)
        for child in widget.findChildren(QWidget):
            inner = child.parent()
            while inner is not widget and not isinstance(inner, (QComboBox, QAbstractItemView)):
                inner = inner.parent()
            if isinstance(child, kinds) and inner is widget:
                assert child.accessibleName(), (type(widget).__name__, child)


def test_a_damaged_document_is_described_as_a_file_problem_not_a_history_one():
    from desktop.services.task_service import DOCUMENT_ERROR
    from desktop.ui.task_text import describe_task_error

    text = describe_task_error(DOCUMENT_ERROR, "corrupt")
    assert text.startswith("The file could not be read:")
    assert "history" not in text
