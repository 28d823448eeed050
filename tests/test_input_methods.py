"""Korean input methods in every text field of the main screens: composition shows in
place, the candidate window is placed at the cursor, and the committed text lands."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit

from tests.full_window import full_window


def _text_fields(window) -> list:
    fields = []
    for index in range(window.pages.count()):
        window.show_page(index)
        for widget in window.findChildren(QLineEdit) + window.findChildren(QPlainTextEdit) \
                + window.findChildren(QTextEdit):
            editable = not getattr(widget, "isReadOnly", lambda: False)()
            inside_spin = isinstance(widget.parentWidget(), QAbstractSpinBox)
            if widget.isVisible() and widget.isEnabled() and editable and not inside_spin \
                    and widget not in fields:
                fields.append(widget)
    return fields


def _text(widget) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()


def test_every_text_field_takes_korean_composition(qtbot, tmp_path):
    with full_window(qtbot, tmp_path) as window:
        fields = _text_fields(window)
        assert len(fields) >= 8  # composer, searches, task inputs, settings...
        problems = []
        for field in fields:
            page = field.parentWidget()
            while page is not None and window.pages.indexOf(page) < 0:
                page = page.parentWidget()
            if page is not None:
                window.show_page(window.pages.indexOf(page))
            field.setFocus()
            qtbot.waitUntil(lambda field=field: QApplication.focusWidget() is field)
            before = _text(field)
            if not field.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled):
                problems.append(f"{field.accessibleName()}: input methods are off")
                continue
            QApplication.sendEvent(field, QInputMethodEvent("하", []))  # composing
            cursor = field.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
            cursor = cursor.toRect() if isinstance(cursor, QRectF) else cursor
            if not isinstance(cursor, QRect) or not field.rect().intersects(cursor):
                problems.append(f"{field.accessibleName()}: candidate window has no place "
                                f"({cursor})")
            commit = QInputMethodEvent()
            commit.setCommitString("한")
            QApplication.sendEvent(field, commit)
            if _text(field).replace(before, "", 1) != "한":
                problems.append(f"{field.accessibleName()}: committed text is "
                                f"{_text(field)!r}")
        assert not problems, "\n".join(problems)
