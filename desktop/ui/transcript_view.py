"""TranscriptView: the open conversation as one rich-text document.

One QTextFrame per message, built from a MessageListModel's signals. A
streaming answer costs only its open Markdown block per update (the model
changes at most every ~40 ms): finished blocks are inserted once and never
rendered again. Messages carry their actions as links (Copy, Edit,
Regenerate, Delete), which keeps them reachable by keyboard (Tab, Enter).

Long conversations open from the end: the newest messages are drawn at once,
older ones are prepended in small time-boxed batches so the window never
stalls.
"""

from __future__ import annotations

import html
import time
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFocusEvent,
    QGuiApplication,
    QPaintEvent,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFrame,
    QTextFrameFormat,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.core import rag_prompt
from desktop.core.conversation import Message, MessageStatus, Role
from desktop.core.markdown_render import (
    DARK,
    LIGHT,
    CodeIds,
    Palette,
    code_blocks,
    render_markdown,
)
from desktop.core.markdown_stream import StreamingMarkdown
from desktop.services.message_list_model import MessageListModel, MessageRole
from desktop.ui import error_text, focus_ring
from desktop.ui.formatting import number_text

FIRST_BATCH = 40  # messages drawn at once when a conversation opens
BATCH_BUDGET_S = 0.012  # then older ones, this long per event-loop turn
FINAL_REDRAW_CHARS = 30_000  # a finished answer up to this size is drawn once more, whole
STREAM_BUSY_FACTOR = 4  # a streaming redraw waits 4x its own cost: GUI thread <= ~20% busy
_USER_TINT = {"light": QColor("#eef2f8"), "dark": QColor("#262b33")}
_ERROR_BG = {"light": "#fdecea", "dark": "#4a2323"}


@dataclass
class _Stream:
    message_id: int
    renderer: StreamingMarkdown
    open_start: int  # document position where the open block's HTML begins
    last_draw: float = 0.0  # perf_counter() after the last redraw
    last_cost: float = 0.0  # seconds the last redraw took


class TranscriptView(QTextBrowser):
    """Read-only view of a MessageListModel. Emits `action_requested(action, message_id)`,
    and `source_requested(message_id, n)` when a citation [n] or a source is clicked."""

    action_requested = Signal(str, int)  # "edit" | "regenerate" | "delete"
    source_requested = Signal(int, int)

    def __init__(self, model: MessageListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._frames: dict[int, QTextFrame] = {}
        self._stream: _Stream | None = None
        self._pending_older: list[Message] = []
        self._older_timer = QTimer(self, singleShot=True, interval=0, timeout=self._draw_older)
        self._catch_up = QTimer(self, singleShot=True, timeout=self._draw_stream_now)
        self.setOpenLinks(False)
        self.setAccessibleName(self.tr("Conversation"))
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(12)
        self.anchorClicked.connect(self._on_anchor)
        model.modelReset.connect(self.rebuild)
        model.rowsInserted.connect(self._on_rows_inserted)
        model.rowsRemoved.connect(self._on_rows_removed)
        model.dataChanged.connect(self._on_data_changed)
        self.rebuild()

    # ---- model signals -------------------------------------------------------------

    def rebuild(self) -> None:
        """Draw the whole conversation again (opened, or the theme changed)."""
        self._older_timer.stop()
        self.document().clear()
        self._frames.clear()
        self._stream = None
        messages = self._model.messages()
        self._pending_older = messages[:-FIRST_BATCH] if len(messages) > FIRST_BATCH else []
        for message in messages[len(self._pending_older):]:
            self._append(message)
        self._scroll_to_end()
        if self._pending_older:
            self._older_timer.start()

    def _on_rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        if last != self._model.rowCount() - 1:
            self.rebuild()  # only appends happen in practice
            return
        at_end = self._at_end()
        for row in range(first, last + 1):
            self._append(self._message(row))
        if at_end or self._message(last).role == Role.USER:
            self._scroll_to_end()

    def _on_rows_removed(self, _parent: QModelIndex, _first: int, _last: int) -> None:
        alive = {m.id for m in self._model.messages()}
        for message_id in [i for i in self._frames if i not in alive]:
            frame = self._frames.pop(message_id)
            cursor = QTextCursor(self.document())
            cursor.setPosition(frame.firstPosition() - 1)
            cursor.setPosition(frame.lastPosition() + 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            if self._stream and self._stream.message_id == message_id:
                self._stream = None

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, _roles: object) -> None:
        at_end = self._at_end()
        for row in range(top.row(), bottom.row() + 1):
            message = self._message(row)
            stream = self._stream
            if stream and stream.message_id == message.id:
                self._on_stream_changed(message)
            elif message.id in self._frames:
                self._redraw(message)
        if at_end:
            self._scroll_to_end()

    def _message(self, row: int) -> Message:
        return self._model.data(self._model.index(row), MessageRole.MESSAGE)

    # ---- drawing -------------------------------------------------------------------

    def _append(self, message: Message) -> None:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self._frames[message.id] = frame = cursor.insertFrame(self._frame_format(message))
        self._fill(frame, message)

    def _fill(self, frame: QTextFrame, message: Message) -> None:
        cursor = frame.lastCursorPosition()
        cursor.insertHtml(self._header_html(message))
        if message.status == MessageStatus.STREAMING:
            _new_block(cursor)
            renderer = StreamingMarkdown(self._palette(), copy_label=self.tr("Copy code"),
                                         link_prefix=_code_prefix(message.id))
            self._stream = _Stream(message.id, renderer, cursor.position())
            self._update_stream(message)
            return
        cursor.insertBlock()
        cursor.insertHtml(self._body_html(message))
        sources = self._sources_html(message)
        if sources:
            cursor.insertBlock()
            cursor.insertHtml(sources)
        footer = self._footer_html(message)
        if footer:
            cursor.insertBlock()
            cursor.insertHtml(footer)

    def _redraw(self, message: Message) -> None:
        """Draw one message's frame again from scratch."""
        frame = self._frames[message.id]
        cursor = frame.firstCursorPosition()
        cursor.setPosition(frame.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        frame.setFrameFormat(self._frame_format(message))
        self._fill(frame, message)

    def _on_stream_changed(self, message: Message) -> None:
        """Redraw the streaming answer, at most as often as its cost allows.

        A huge open block (a long code fence) costs in proportion to its size
        on every redraw; waiting STREAM_BUSY_FACTOR times the last redraw's
        cost keeps the GUI thread mostly free. The final state always draws.
        """
        stream = self._stream
        assert stream is not None
        wait = stream.last_cost * STREAM_BUSY_FACTOR - (time.perf_counter() - stream.last_draw)
        if message.status == MessageStatus.STREAMING and wait > 0:
            if not self._catch_up.isActive():
                self._catch_up.start(int(wait * 1000) + 1)
            return
        self._catch_up.stop()
        started = time.perf_counter()
        self._update_stream(message)
        stream.last_draw = time.perf_counter()
        stream.last_cost = stream.last_draw - started

    def _draw_stream_now(self) -> None:
        stream = self._stream
        row = self._model.row_of(stream.message_id) if stream else -1
        if row >= 0:
            at_end = self._at_end()
            self._stream.last_cost = 0.0
            self._on_stream_changed(self._message(row))
            if at_end:
                self._scroll_to_end()

    def _update_stream(self, message: Message) -> None:
        stream = self._stream
        assert stream is not None
        frame = self._frames[message.id]
        finished = message.status != MessageStatus.STREAMING
        update = stream.renderer.update(message.text)
        if update.reset:
            self._stream = None
            self._redraw(message)
            return
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.setPosition(stream.open_start)
        cursor.setPosition(frame.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        _plain_block(cursor)
        if finished and len(message.text) <= FINAL_REDRAW_CHARS:
            # One full render at the end gives exactly the layout a reopened
            # conversation shows (streamed list items leave uneven gaps).
            cursor.endEditBlock()
            self._stream = None
            self._redraw(message)
            return
        if finished:
            tail = stream.renderer.finish()
            _insert_html(cursor, update.committed_html + tail.committed_html + tail.open_html)
            footer = self._footer_html(message)
            if footer:
                _new_block(cursor)
                cursor.insertHtml(footer)
            self._stream = None
        else:
            if update.committed_html:
                _insert_html(cursor, update.committed_html)
                _new_block(cursor)
                stream.open_start = cursor.position()
            _insert_html(cursor, update.open_html)
        cursor.endEditBlock()

    def _draw_older(self) -> None:
        """Prepend older messages for a few milliseconds, then yield to the event loop."""
        bar = self.verticalScrollBar()
        from_bottom = bar.maximum() - bar.value()
        started = time.perf_counter()
        while self._pending_older and time.perf_counter() - started < BATCH_BUDGET_S:
            message = self._pending_older.pop()
            cursor = QTextCursor(self.document())
            cursor.movePosition(QTextCursor.MoveOperation.Start)
            frame = cursor.insertFrame(self._frame_format(message))
            self._frames[message.id] = frame
            self._fill(frame, message)
        bar.setValue(bar.maximum() - from_bottom)  # the user keeps looking at the same text
        if self._pending_older:
            self._older_timer.start()

    # ---- HTML pieces -------------------------------------------------------------

    def _header_html(self, message: Message) -> str:
        who = self.tr("You") if message.role == Role.USER else self.tr("Maru")
        actions = [("copy", self.tr("Copy"))]
        if message.role == Role.USER:
            actions.append(("edit", self.tr("Edit")))
        else:
            actions.append(("regenerate", self.tr("Regenerate")))
        actions.append(("delete", self.tr("Delete")))
        muted = self._palette().muted
        links = " · ".join(f'<a href="maru:{a}/{message.id}">{html.escape(label)}</a>'
                           for a, label in actions)
        return (f'<p><b>{html.escape(who)}</b>&nbsp;&nbsp;'
                f'<span style="color:{muted}; font-size:small">{links}</span></p>')

    def _body_html(self, message: Message) -> str:
        if message.role == Role.USER:
            return f'<p style="white-space: pre-wrap">{html.escape(message.text)}</p>'
        if message.meta.get("not_found") and not message.text:
            return f"<p><i>{html.escape(self._not_found_text())}</i></p>"
        count = len(message.meta.get("sources", ()))
        text = _mark_citations(message.text, count) if count else message.text
        rendered = render_markdown(text, self._palette(), copy_label=self.tr("Copy code"),
                                   code_ids=CodeIds(prefix=_code_prefix(message.id)))
        return _link_citations(rendered, message.id, self._palette().link) if count else rendered

    def _not_found_text(self) -> str:
        return self.tr("Nothing in your documents matches this question, so Maru did not "
                       "answer from thin air. Try other words, add documents, or turn off "
                       "“Answer only from these documents” for this collection.")

    def _sources_html(self, message: Message) -> str:
        """The numbered sources under an answer, each a link to the source panel."""
        sources = message.meta.get("sources") or []
        if not sources:
            return ""
        links = []
        for source in sources:
            label = f"[{source['n']}] {self.source_label(source)}"
            links.append(f'<a href="maru:source/{message.id}/{source["n"]}">'
                         f"{html.escape(label)}</a>")
        return (f'<p style="font-size:small"><b>{html.escape(self.tr("Sources"))}</b>'
                f"&nbsp;&nbsp;{' &nbsp;·&nbsp; '.join(links)}</p>")

    def source_label(self, source: dict) -> str:
        """"report.pdf, p. 3": a source's file name and where in it."""
        name = str(source.get("path", "")).replace("\\", "/").rsplit("/", 1)[-1]
        kind, part = source.get("part_kind"), str(source.get("part", ""))
        where = {"page": self.tr("p. %1"), "slide": self.tr("slide %1"),
                 "section": self.tr("section %1")}.get(kind)
        return f"{name}, {where.replace('%1', part)}" if where else name

    def _footer_html(self, message: Message) -> str:
        muted = self._palette().muted
        if message.status == MessageStatus.FAILED:
            happened, todo = error_text.describe(message.error)
            detail = html.escape(str(message.meta.get("detail", "")))
            return (f'<table width="100%" cellpadding="8" bgcolor="{_ERROR_BG[self._theme()]}">'
                    f"<tr><td><b>{html.escape(happened)}</b> {html.escape(todo)}"
                    f'<br><span style="color:{muted}; font-size:small">{detail}</span>'
                    "</td></tr></table>")
        notes = {
            MessageStatus.STOPPED: self.tr("Stopped. The text so far is kept."),
            MessageStatus.INTERRUPTED: self.tr(
                "Maru closed while this answer was being written; the text so far is kept."),
        }
        parts = [notes[message.status]] if message.status in notes else []
        if message.meta.get("stop_reason") == "repetition":
            parts.append(self.tr("Stopped because the answer kept repeating itself. "
                                 "Regenerate, or raise the repeat penalty."))
        if message.role == Role.ASSISTANT and message.meta.get("tokens_per_second"):
            parts.append(self.tr("%1 · %2 tokens/s").replace(
                "%1", str(message.meta.get("model", ""))).replace(
                "%2", number_text(message.meta['tokens_per_second'], 1)))
        dropped = int(message.meta.get("dropped_messages", 0) or 0)
        if dropped:
            parts.append(self.tr("The oldest %n message(s) were left out to fit the context; "
                                 "the system prompt was kept.", "", dropped))
        if not parts:
            return ""
        return f'<p style="color:{muted}; font-size:small">{html.escape(" — ".join(parts))}</p>'

    def _frame_format(self, message: Message) -> QTextFrameFormat:
        fmt = QTextFrameFormat()
        fmt.setPadding(8)
        fmt.setTopMargin(2)
        fmt.setBottomMargin(2)
        if message.role == Role.USER:
            fmt.setBackground(_USER_TINT[self._theme()])
        return fmt

    def _theme(self) -> str:
        return "dark" if self.palette().color(QPalette.ColorRole.Base).lightness() < 128 else (
            "light")

    def _palette(self) -> Palette:
        return DARK if self._theme() == "dark" else LIGHT

    def loadResource(self, kind: int, name: QUrl) -> object:
        """Load no resource at all: the document is model output and file names.

        The Markdown renderer writes no <img> and escapes raw HTML, so nothing asks;
        this keeps it so whatever reaches the document. QTextBrowser's own loader
        would read any local or qrc file an image or style URL names (Qt's text
        engine cannot fetch http), and an answer must not make Maru open files.
        """
        return None

    # ---- links, scrolling ----------------------------------------------------------

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)  # the user clicked it: their browser, their choice
            return
        if url.scheme() != "maru":
            return
        action, _, rest = url.path().partition("/")
        if action == "copy-code":
            message_id, _, n = rest.partition("/")
            self._copy_code(int(message_id), int(n))
        elif action == "copy":
            self._copy_message(int(rest))
        elif action in ("edit", "regenerate", "delete"):
            self.action_requested.emit(action, int(rest))
        elif action == "source":
            message_id, _, n = rest.partition("/")
            self.source_requested.emit(int(message_id), int(n))

    def _copy_message(self, message_id: int) -> None:
        row = self._model.row_of(message_id)
        if row >= 0:
            QGuiApplication.clipboard().setText(self._message(row).text)

    def _copy_code(self, message_id: int, n: int) -> None:
        row = self._model.row_of(message_id)
        blocks = code_blocks(self._message(row).text) if row >= 0 else []
        if 0 <= n < len(blocks):
            QGuiApplication.clipboard().setText(blocks[n])

    def scroll_to_message(self, message_id: int) -> bool:
        """Bring a message to the top of the view (drawing older ones first if needed)."""
        while message_id not in self._frames and self._pending_older:
            self._older_timer.stop()
            self._draw_older()
        frame = self._frames.get(message_id)
        if frame is None:
            return False
        rect = self.document().documentLayout().frameBoundingRect(frame)
        self.verticalScrollBar().setValue(int(rect.top()))
        cursor = frame.firstCursorPosition()
        self.setTextCursor(cursor)
        return True

    def message_ids(self) -> list[int]:
        """Drawn messages, top to bottom."""
        return sorted(self._frames, key=lambda i: self._frames[i].firstPosition())

    def _at_end(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def _scroll_to_end(self) -> None:
        self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())

    def changeEvent(self, event: object) -> None:
        """Redraw in the new colours when the palette (light/dark) changes."""
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self.rebuild()

    # ---- focus ring (keyboard users see where the focus is) ------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        """The text, and the focus ring while the view has the focus."""
        super().paintEvent(event)
        if self.hasFocus():
            focus_ring.paint(self)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Show the focus ring."""
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Hide the focus ring."""
        super().focusOutEvent(event)
        self.viewport().update()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        """Scrolling moves the painted ring with the text: draw it again in place."""
        super().scrollContentsBy(dx, dy)
        if self.hasFocus():
            self.viewport().update()


# Private-use marks survive Markdown rendering untouched; they become links after it.
_CITE_OPEN, _CITE_CLOSE = "\ue000", "\ue001"


def _mark_citations(text: str, count: int) -> str:
    """Replace each citation [n] (1..count) with a private-use mark around n."""
    return "".join(piece if n is None else f"{_CITE_OPEN}{n}{_CITE_CLOSE}"
                   for piece, n in rag_prompt.split_citations(text, count))


def _link_citations(rendered: str, message_id: int, color: str) -> str:
    """Turn the marks back into [n] links to the source panel."""
    out, rest = [], rendered
    while _CITE_OPEN in rest:
        before, _, after = rest.partition(_CITE_OPEN)
        n, _, rest = after.partition(_CITE_CLOSE)
        out.append(f'{before}<a href="maru:source/{message_id}/{n}" style="color:{color}">'
                   f"[{n}]</a>")
    out.append(rest)
    return "".join(out)


def _code_prefix(message_id: int) -> str:
    """Copy-code links name their message: maru:copy-code/{message_id}/{n}."""
    return f"maru:copy-code/{message_id}/"


def _plain_block(cursor: QTextCursor) -> None:
    """Reset the cursor's block to a plain paragraph (no heading or list format left over)."""
    cursor.setBlockFormat(QTextBlockFormat())
    cursor.setCharFormat(QTextCharFormat())
    _leave_list(cursor)


def _new_block(cursor: QTextCursor) -> None:
    """Start a fresh plain block (insertHtml merges a fragment's first block into the
    current one, so blocks must be separated explicitly)."""
    cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
    _leave_list(cursor)


def _leave_list(cursor: QTextCursor) -> None:
    block_list = cursor.currentList()
    if block_list is not None:
        block_list.remove(cursor.block())


def _insert_html(cursor: QTextCursor, fragment: str) -> None:
    if fragment:
        cursor.insertHtml(fragment)
