"""Help → About Maru: the version, and what Maru sends over the network (nothing but
the downloads the user asks for)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

import desktop


def about_text() -> str:
    """The About box's rich text: name and version, privacy, credits."""
    version = QCoreApplication.translate("AboutBox", "Version %1").replace(
        "%1", desktop.__version__)
    privacy = QCoreApplication.translate(
        "AboutBox", "An AI assistant that runs on this computer. No telemetry; nothing "
        "leaves this computer except downloads you ask for.")
    credits = QCoreApplication.translate(
        "AboutBox", "Models run with llama.cpp. Icons: Lucide (ISC licence).")
    return (f"<h3>Maru</h3><p>{html.escape(version)}</p><p>{html.escape(privacy)}</p>"
            f"<p><small>{html.escape(credits)}</small></p>")


def show_about(parent: QWidget) -> QMessageBox:
    """Open the About box over `parent` without blocking (it deletes itself on close)."""
    box = QMessageBox(QMessageBox.Icon.NoIcon,
                      QCoreApplication.translate("AboutBox", "About Maru"), about_text(),
                      QMessageBox.StandardButton.Close, parent)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
