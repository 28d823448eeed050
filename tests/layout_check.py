"""Finds text that does not fit: labels, buttons, boxes and tabs narrower or lower than
their text needs, and widgets pushed outside the window. Used by the pseudo-locale
test and by the screenshot script."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)

TOLERANCE = 1  # px: rounding in layouts


def settle(root: QWidget) -> None:
    """Let posted layout requests run until no widget of `root` moves any more."""
    before = None
    for _ in range(20):
        QApplication.processEvents()
        now = [w.geometry().getRect() for w in root.findChildren(QWidget) if w.isVisible()]
        if now == before:
            return
        before = now


def clipped_texts(root: QWidget) -> list[str]:
    """One line per visible widget of `root` whose text is cut off (empty: all fit)."""
    settle(root)
    problems = []
    window_rect = root.window().rect()
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        problem = _problem(widget)
        if problem is None and _needs_room(widget):
            problem = _outside(widget, window_rect)
        if problem:
            problems.append(f"{_describe(widget)}: {problem}")
    return problems


def _needs_room(widget: QWidget) -> bool:
    return isinstance(widget, QLabel | QAbstractButton | QGroupBox | QComboBox | QLineEdit)


def _problem(widget: QWidget) -> str | None:
    if isinstance(widget, QTabBar):
        return _tab_problem(widget)
    if isinstance(widget, QLabel):
        if not widget.text() or not widget.pixmap().isNull():
            return None
        return _height_problem(widget) if widget.wordWrap() else _size_problem(widget)
    if isinstance(widget, QAbstractButton | QGroupBox | QComboBox):
        return _size_problem(widget)
    return None


def _size_problem(widget: QWidget) -> str | None:
    need = widget.minimumSizeHint()
    if widget.width() + TOLERANCE < need.width() or widget.height() + TOLERANCE < need.height():
        return f"is {widget.width()}x{widget.height()}, its text needs " \
               f"{need.width()}x{need.height()}"
    return None


def _height_problem(label: QLabel) -> str | None:
    """A wrapping label is cut when it is lower than its text at its width."""
    need = label.heightForWidth(label.width())
    if need > 0 and label.height() + TOLERANCE < need:
        return f"is {label.height()} px high, its wrapped text needs {need}"
    return None


def _tab_problem(bar: QTabBar) -> str | None:
    for i in range(bar.count()):
        if not bar.isTabVisible(i):
            continue
        rect, need = bar.tabRect(i), bar.tabSizeHint(i)
        if rect.width() + TOLERANCE < need.width() or not bar.rect().contains(rect):
            return f"tab {bar.tabText(i)!r} is cut ({rect.width()} of {need.width()} px)"
    return None


def _outside(widget: QWidget, window_rect: QRect) -> str | None:
    """A widget whose box reaches outside the window, or sideways outside the scroll area
    it sits in when that area cannot scroll sideways (text cut off at the right)."""
    viewport = _scroll_viewport(widget)
    if viewport is not None:
        area = viewport.parentWidget()
        if area.horizontalScrollBar().isVisible():
            return None
        left = widget.mapTo(viewport, widget.rect().topLeft()).x()
        if left + widget.width() > viewport.width() + TOLERANCE:
            return f"is cut at the right of its scroll area ({left}+{widget.width()} > " \
                   f"{viewport.width()} px)"
        return None
    top_left = widget.mapTo(widget.window(), widget.rect().topLeft())
    box = QRect(top_left, widget.size())
    if not window_rect.adjusted(-TOLERANCE, -TOLERANCE, TOLERANCE, TOLERANCE).contains(box):
        return f"reaches outside the window ({box.getRect()} in {window_rect.getRect()})"
    return None


def _scroll_viewport(widget: QWidget) -> QWidget | None:
    parent = widget.parentWidget()
    while parent is not None:
        if parent.objectName() == "qt_scrollarea_viewport":
            return parent
        parent = parent.parentWidget()
    return None


def _describe(widget: QWidget) -> str:
    text = ""
    for getter in ("text", "title", "currentText", "accessibleName"):
        value = getattr(widget, getter, None)
        if callable(value) and value():
            text = value()
            break
    owner = widget.parentWidget()
    while owner is not None and type(owner).__module__.startswith("PySide6"):
        owner = owner.parentWidget()
    where = type(owner).__name__ if owner is not None else "?"
    return f"{type(widget).__name__} {text[:50]!r} in {where}"
