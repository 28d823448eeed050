"""SourcePanel: the passage an answer cited, in its page, beside the chat.

Shows the file name and location, the page's text with the cited passage
highlighted and scrolled into view, and for PDFs the page itself, rendered in
the extraction child process (a hostile PDF never runs in the GUI process).
"Open file" hands the file to the system's viewer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPixmap, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.services.documents_service import DocumentsService, Passage

PAGE_WIDTH = 900  # pixels a PDF page is rendered at; the label scales it down
_MARK = {"light": QColor("#fff3a3"), "dark": QColor("#6b5d00")}


class SourcePanel(QWidget):
    """Shows one source of an answer. `closed` fires when the user closes it."""

    closed = Signal()

    def __init__(self, documents: DocumentsService, label_for: object,
                 parent: QWidget | None = None) -> None:
        """`label_for(source) -> str` names a source ("report.pdf, p. 3")."""
        super().__init__(parent)
        self._documents = documents
        self._label_for = label_for
        self._source: dict = {}
        self.title = QLabel(wordWrap=True)
        self.title.setAccessibleName(self.tr("Source"))
        self.open_button = QPushButton(self.tr("Open file"), clicked=self.open_file)
        self.open_button.setAccessibleName(self.tr("Open the file in its own app"))
        close = QPushButton(self.tr("Close"), clicked=self._close)
        close.setAccessibleName(self.tr("Close the source panel"))
        self.page_image = QLabel()
        self.page_image.setAccessibleName(self.tr("Page image"))
        self._page_scroll = QScrollArea(widgetResizable=True, visible=False)
        self._page_scroll.setWidget(self.page_image)
        self.text = QTextBrowser()
        self.text.setAccessibleName(self.tr("Text of the page, with the cited passage marked"))
        self.text.setAccessibleDescription(self.tr("What Maru indexed from this page. Open "
                                                   "file shows the whole document."))
        self.problem = QLabel(wordWrap=True, visible=False)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.open_button)
        top.addWidget(close)
        self._split = split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self._page_scroll)
        split.addWidget(self.text)
        split.setStretchFactor(0, 3)  # the page gets most of the room, the text the rest
        split.setStretchFactor(1, 2)
        self._page: QImage | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        layout.addWidget(split, 1)

    def show_source(self, source: dict) -> None:
        """Show a source record (an answer's meta["sources"] item)."""
        self._source = source
        self.title.setText(f"<b>[{source.get('n', '')}]</b> {self._label_for(source)}")
        self.text.clear()
        self.page_image.clear()
        self._page = None
        self._page_scroll.setVisible(False)
        self.show()
        path = str(source.get("path", ""))
        if not Path(path).exists():
            self._show_problem(self.tr("The file was moved or deleted since it was indexed. "
                                       "The passage below is what Maru indexed."))
        else:
            self._show_problem("")
        self._documents.passage(int(source.get("chunk_id", 0)), self._on_passage)
        if source.get("part_kind") == "page" and Path(path).exists():
            self._documents.render_page(path, int(source.get("part", 1)), PAGE_WIDTH,
                                        self._on_rendered, self._on_render_failed)

    def open_file(self) -> None:
        """Open the source's file in the system's viewer."""
        path = str(self._source.get("path", ""))
        if path and Path(path).exists():
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def _on_passage(self, passage: Passage | None) -> None:
        if passage is None:
            self.text.setPlainText(self.tr("This passage is no longer in the index "
                                           "(the file changed or was removed)."))
            return
        self.text.setPlainText(passage.part_text)
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(passage.chunk.start)
        cursor.setPosition(min(passage.chunk.end, len(passage.part_text)),
                           QTextCursor.MoveMode.KeepAnchor)
        mark = QTextCharFormat()
        dark = self.palette().base().color().lightness() < 128
        mark.setBackground(_MARK["dark" if dark else "light"])
        cursor.mergeCharFormat(mark)
        # Scroll so the passage's end, then its start, are visible: the start wins.
        end = QTextCursor(cursor)
        end.setPosition(cursor.selectionEnd())
        self.text.setTextCursor(end)
        self.text.ensureCursorVisible()
        start = QTextCursor(cursor)
        start.setPosition(cursor.selectionStart())
        self.text.setTextCursor(start)
        self.text.ensureCursorVisible()

    def _on_rendered(self, page: object) -> None:
        self._page = QImage(page.rgba, page.width, page.height, page.width * 4,
                            QImage.Format.Format_RGBA8888).copy()  # copy: own the bytes
        if not self._page_scroll.isVisible():
            self._page_scroll.setVisible(True)
            height = self._split.height()
            self._split.setSizes([height * 3 // 5, height * 2 // 5])
        self._fit_page()

    def _fit_page(self) -> None:
        """The page as wide as the panel (it scrolls down, never sideways)."""
        if self._page is None:
            return
        width = max(100, self._page_scroll.viewport().width() - 2)
        self.page_image.setPixmap(QPixmap.fromImage(self._page.scaledToWidth(
            width, Qt.TransformationMode.SmoothTransformation)))

    def resizeEvent(self, event: object) -> None:
        """Keep the page fitted to the panel's width."""
        super().resizeEvent(event)
        self._fit_page()

    def _on_render_failed(self, _exc: object) -> None:
        self._page_scroll.setVisible(False)

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _close(self) -> None:
        self.hide()
        self.closed.emit()
