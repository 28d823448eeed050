"""A focus ring for read-only text views.

Fusion draws no focus frame around a QTextBrowser, and a read-only view shows no
text cursor: a keyboard user who tabs into the transcript would see nothing change
until the next Tab reaches a link. The view draws this ring over its viewport's
edge while it has the focus (inside the document margin, so it covers no text).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractScrollArea

RING_WIDTH = 2


def paint(view: QAbstractScrollArea) -> None:
    """Draw the ring inside `view`'s viewport in the theme's highlight colour. Call it
    at the end of the view's paintEvent (the viewport's), while the view has the focus."""
    viewport = view.viewport()
    painter = QPainter(viewport)
    pen = QPen(view.palette().color(QPalette.ColorRole.Highlight), RING_WIDTH)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    half = RING_WIDTH / 2
    painter.drawRect(QRectF(viewport.rect()).adjusted(half, half, -half, -half))
    painter.end()
