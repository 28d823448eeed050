"""EmbeddingBanner: whether document search works by meaning or by keywords only.

Without an embedding model: a banner that offers the recommended one ("Get it…").
With one: a short muted line naming it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmbeddingBanner(QWidget):
    """Signals: requested(): the user wants the recommended embedding model.

    `status()` gives the embedding model's file name, or None; `refresh` asks again.
    """

    requested = Signal()

    def __init__(self, status: Callable[[], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._status = status
        self.banner = QFrame(frameShape=QFrame.Shape.StyledPanel)
        self.text = QLabel(self.tr(
            "Search by keywords only. Install the recommended embedding model for search by "
            "meaning (handles Korean and English)."), wordWrap=True)
        self.get_button = QPushButton(self.tr("&Get it…"))
        self.get_button.setAccessibleName(self.tr("Get the embedding model"))
        row = QHBoxLayout(self.banner)
        row.addWidget(self.text, 1)
        row.addWidget(self.get_button)
        self.semantic = QLabel()
        self.semantic.setAccessibleName(self.tr("Embedding model"))
        self.semantic.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.semantic)
        self.get_button.clicked.connect(self.requested)
        self.refresh()

    def refresh(self) -> None:
        """Ask `status()` again and show the banner or the model's name."""
        model = self._status()
        self.banner.setVisible(not model)
        self.semantic.setVisible(bool(model))
        self.semantic.setText(self.tr("Semantic search: %1").replace("%1", model or ""))
