"""VerticalScrollArea: scrolls up and down only, and is never narrower than its content.

A plain QScrollArea with the horizontal scroll bar turned off cuts off whatever does not
fit at the right: longer translations (Korean labels, or German) vanish there. This one
keeps its minimum width at the content's minimum plus the vertical scroll bar.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QScrollArea, QStyle, QWidget


class VerticalScrollArea(QScrollArea):
    """A frameless, vertically scrolling area around one widget; its minimum width
    follows the widget's minimum size hint whenever the widget's layout changes."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent, widgetResizable=True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(widget)
        widget.installEventFilter(self)
        self._fit_width()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Re-fit when the content's layout asks for another size."""
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit_width()
        return super().eventFilter(watched, event)

    def _fit_width(self) -> None:
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        self.setMinimumWidth(self.widget().minimumSizeHint().width() + bar)
