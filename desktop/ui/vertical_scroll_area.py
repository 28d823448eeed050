"""VerticalScrollArea: a scroll area that asks for the width its content needs.

A plain QScrollArea asks for a fixed width whatever it holds, and with the horizontal
scroll bar turned off it cuts off whatever does not fit at the right: longer
translations (Korean labels, or German) vanish there. This one asks for its content's
minimum width plus the vertical scroll bar, so at the window's usual sizes nothing is
cut; squeezed narrower by the user, it scrolls sideways instead of hiding text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QScrollArea, QStyle, QWidget


class VerticalScrollArea(QScrollArea):
    """A frameless scroll area around one widget; its size hint follows the widget's
    minimum width whenever the widget's layout changes."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent, widgetResizable=True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # Not a Tab stop of its own (a screen reader would find a nameless pane): Tab goes
        # straight to the controls inside, and the area scrolls to show each one.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(widget)
        widget.installEventFilter(self)

    def sizeHint(self) -> QSize:
        """The content's minimum width and the vertical scroll bar: nothing cut off."""
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        hint = super().sizeHint()
        return QSize(self.widget().minimumSizeHint().width() + bar, hint.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ask the parent layout again when the content's layout changes."""
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)
