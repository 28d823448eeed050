"""Issue 8, item 8: showing model output never fetches a remote image or resource.

An answer full of remote references (a Markdown image, raw <img>, a CSS url(), a
style sheet link, a linked image, a plain link) goes through the real TranscriptView
(finished, streamed, in a source label and an error detail) and the real task panels,
with tests/chaos/net_guard.py armed in this process. Proof, three ways: the view's
resource loader is never asked for anything; no document holds an image or a
background-image reference; the guard sees no connection attempt. A control shows the
recorder would see a request: raw <img> put straight into the document is asked for.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QLabel, QTextEdit, QWidget

from desktop.core.classify import ItemResult
from desktop.core.conversation import Message, MessageStatus, Role
from desktop.core.tasks import RunStatus, TaskInput, TaskMode
from desktop.services.message_list_model import MessageListModel
from desktop.ui.classify_panel import ClassifyPanel
from desktop.ui.summarize_panel import SummarizePanel
from desktop.ui.transcript_view import TranscriptView
from desktop.ui.translate_panel import TranslatePanel
from tests.chaos import figures, net_guard
from tests.test_task_panels import FakeTasks, past_run

pytestmark = pytest.mark.chaos

HOST = "203.0.113.5"  # TEST-NET-3: never a real server
HOSTILE = f"""Here is the picture you asked for:

![x](http://{HOST}/x.png)

<img src="https://{HOST}/y.png" width="1" height="1">

<div style="background-image: url(http://{HOST}/bg.png)">styled</div>

<style>p {{ background: url(http://{HOST}/sheet.png) }}</style>
<link rel="stylesheet" href="http://{HOST}/sheet.css">

[![linked](http://{HOST}/z.png)](http://{HOST}/)

| a | b |
|---|---|
| <img src=http://{HOST}/cell.png> | ![c](http://{HOST}/c.png) |

Read [the page](http://{HOST}/page) for more.
"""
_RESOURCE_PROPERTIES = (QTextFormat.Property.ImageName,
                        QTextFormat.Property.BackgroundImageUrl)


class RecordingTranscript(TranscriptView):
    """The real TranscriptView; every resource its document asks for is recorded."""

    def __init__(self, *args: object) -> None:
        self.asked: list[str] = []
        super().__init__(*args)

    def loadResource(self, kind: int, name: QUrl) -> object:
        self.asked.append(name.toString())
        return super().loadResource(kind, name)


@pytest.fixture
def guard(tmp_path):
    log = tmp_path / "net-guard.jsonl"
    net_guard.install(log)
    yield log
    net_guard.uninstall()


def resource_refs(document: QTextDocument) -> list[str]:
    """Every image name or background-image URL any format of `document` holds."""
    return [str(fmt.property(p)) for fmt in document.allFormats() for p in _RESOURCE_PROPERTIES
            if fmt.hasProperty(p)]


def documents_of(widget: QWidget) -> list[QTextDocument]:
    edits = [widget] if isinstance(widget, QTextEdit) else []
    return [e.document() for e in edits + widget.findChildren(QTextEdit)]


def rich_labels_with_hostile_text(widget: QWidget) -> list[str]:
    """Labels that show the hostile text and could read it as rich text."""
    return [label.text() for label in widget.findChildren(QLabel)
            if HOST in label.text() and label.textFormat() != Qt.TextFormat.PlainText]


def message(id_: int, role: Role, text: str, **kw: object) -> Message:
    return Message(id_, 1, role, text, **kw)


def test_the_transcript_loads_no_resource_from_model_output(qtbot, guard):
    model = MessageListModel()
    view = RecordingTranscript(model)
    qtbot.addWidget(view)
    view.resize(700, 900)
    view.show()
    qtbot.waitExposed(view)
    sources = [{"n": 1, "path": f"/docs/<img src=http://{HOST}/name.png>.pdf",
                "part_kind": "page", "part": 2}]
    model.set_messages([
        message(1, Role.USER, HOSTILE),
        message(2, Role.ASSISTANT, HOSTILE + " See [1].", meta={"sources": sources}),
        message(3, Role.ASSISTANT, HOSTILE, status=MessageStatus.FAILED,
                error="worker_crashed", meta={"detail": f"<img src=http://{HOST}/e.png>"}),
    ])
    # A streamed answer: drawn block by block, then once more when it ends.
    model.append(message(4, Role.ASSISTANT, "", status=MessageStatus.STREAMING))
    for end in range(0, len(HOSTILE) + 1, 40):
        model.replace(message(4, Role.ASSISTANT, HOSTILE[:end], status=MessageStatus.STREAMING))
        view.grab()  # lay out and paint: an image would be asked for here
    model.replace(message(4, Role.ASSISTANT, HOSTILE))
    view.grab()

    document = view.document()
    assert document.toPlainText().count("the page") == 4  # every message is there
    assert view.asked == []
    assert resource_refs(document) == []
    assert net_guard.records(guard)[0] == []
    anchors = {fmt.toCharFormat().anchorHref() for fmt in document.allFormats()
               if fmt.isCharFormat() and fmt.toCharFormat().isAnchor()}
    assert f"http://{HOST}/page" in anchors  # a link stays a link, opened only on a click

    # The control: raw <img> in the document is asked for, and the view loads nothing.
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertHtml(f'<img src="http://{HOST}/control.png">')
    view.grab()
    assert f"http://{HOST}/control.png" in view.asked
    assert resource_refs(document) == [f"http://{HOST}/control.png"]  # the check sees it
    assert document.resource(QTextDocument.ResourceType.ImageResource.value,
                              QUrl(f"http://{HOST}/control.png")) is None
    refused = net_guard.records(guard)[0]
    assert refused == []
    figures.record("offline_render_transcript", resource_requests=0,
                   control_requested=len(set(view.asked)), refused_attempts=len(refused))


def test_the_task_panels_show_model_output_as_text(qtbot, guard):
    tasks = FakeTasks()
    hostile_run = {"title": HOSTILE[:200], "input_path": f"/tmp/<img src=http://{HOST}/p>.txt"}
    for mode in TaskMode:
        tasks.runs[mode] = [past_run(mode, output=HOSTILE, **hostile_run)]
    summarize, translate, classify = (SummarizePanel(tasks), TranslatePanel(tasks),
                                      ClassifyPanel(tasks))
    panels = (summarize, translate, classify)
    for panel in panels:
        qtbot.addWidget(panel)
        panel.resize(900, 700)
        panel.show()
        qtbot.waitExposed(panel)

    summarize.input.editor.setPlainText(HOSTILE)
    assert summarize.summarize()
    for piece in HOSTILE.split("\n"):
        tasks.text_streamed.emit(piece + "\n")
    tasks.end(RunStatus.DONE, HOSTILE)
    assert f'<img src="https://{HOST}/y.png"' in summarize.output.toPlainText()  # as text

    translate.input.editor.setPlainText("Hello")
    assert translate.translate()
    tasks.segment_done.emit(0, "Hello", HOSTILE)
    tasks.end(RunStatus.DONE, HOSTILE)

    classify.labels_edit.setPlainText("good\nbad")
    classify.items.editor.setPlainText(HOSTILE.replace("\n", " "))
    assert classify.classify()
    tasks.item_done.emit(ItemResult(0, HOSTILE, ("good",), {"good": 0.9, "bad": 0.1}))
    tasks.end(RunStatus.DONE, "")
    for panel in panels:
        panel.history.list.setCurrentRow(0)  # a past run's output, shown again
        panel.grab()

    assert tasks.calls[0][1] == TaskInput(text=HOSTILE)
    for panel in panels:
        for document in documents_of(panel):
            assert resource_refs(document) == []
        assert rich_labels_with_hostile_text(panel) == []
    refused = net_guard.records(guard)[0]
    assert refused == []
    figures.record("offline_render_tasks", panels=len(panels), refused_attempts=len(refused))
