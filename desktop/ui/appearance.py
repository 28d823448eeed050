"""Themes and text size, applied to the running QApplication.

Light and dark palettes come from desktop.core.themes (held to WCAG AA by tests). The
"system" theme follows the desktop's colour scheme, also when it changes while Maru
runs. Maru draws with the Fusion style everywhere: it honours a palette completely,
so both themes look and read the same on Linux, Windows and macOS.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

from desktop.core.themes import COLORS

THEMES = ("system", "light", "dark")
# Korean text wants a Korean CJK face first: with a Japanese or Chinese one first, Han
# characters in Korean text take the wrong shapes. The first installed name wins.
CJK_FAMILIES = ("Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", "Apple SD Gothic Neo",
                "NanumGothic", "Source Han Sans K")

_state = {"theme": "system", "following": False, "base_points": 0.0}
# Widgets drawn in a status colour: restyled when the theme changes.
_status_widgets: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def apply_theme(theme: str) -> None:
    """Apply "system", "light" or "dark" now; "system" keeps following the desktop."""
    app = QApplication.instance()
    _state["theme"] = theme if theme in THEMES else "system"
    if not isinstance(app.style(), MaruStyle):
        app.setStyle(MaruStyle())
    hints = QGuiApplication.styleHints()
    if not _state["following"]:
        hints.colorSchemeChanged.connect(_on_system_scheme_changed)
        _state["following"] = True
    _set_palette()


class MaruStyle(QProxyStyle):
    """Fusion, with check box and radio button boxes outlined in the theme's "Border"
    colour: Fusion outlines them in a darker shade of the window colour, which all but
    vanishes on a dark window (WCAG asks 3:1 for a control's boundary)."""

    _OUTLINED = (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
                 QStyle.PrimitiveElement.PE_IndicatorRadioButton)

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        """Fusion's drawing, then the outline for the elements in _OUTLINED."""
        super().drawPrimitive(element, option, painter, widget)
        if element not in self._OUTLINED:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(COLORS[current_theme()]["Border"]))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        box = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(box)
        else:
            painter.drawRoundedRect(box, 2, 2)
        painter.restore()


def current_theme() -> str:
    """ "light" or "dark": what the setting resolves to on this desktop now."""
    if _state["theme"] != "system":
        return _state["theme"]
    return "dark" if system_scheme() == Qt.ColorScheme.Dark else "light"


def system_scheme() -> Qt.ColorScheme:
    """The desktop's colour scheme (Unknown where the platform does not tell)."""
    return QGuiApplication.styleHints().colorScheme()


def palette_for(theme: str) -> QPalette:
    """The QPalette of "light" or "dark" (active, inactive and disabled groups)."""
    colors = COLORS[theme]
    palette = QPalette()
    for name, value in colors.items():
        role = getattr(QPalette.ColorRole, name, None)
        if role is not None:
            palette.setColor(role, QColor(value))
    disabled = QColor(colors["DisabledText"])
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText, QPalette.ColorRole.HighlightedText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def status_color(kind: str) -> str:
    """The "#rrggbb" for "warning" or "error" text in the current theme (AA on it)."""
    return COLORS[current_theme()][kind]


def set_status_color(widget: QWidget, kind: str | None) -> None:
    """Draw `widget`'s text in the theme's "warning" or "error" colour (None: normal),
    now and after every theme change."""
    if kind is None:
        _status_widgets.pop(widget, None)
        widget.setStyleSheet("")
        return
    _status_widgets[widget] = kind
    widget.setStyleSheet(f"color: {status_color(kind)};")


def apply_font_size(points: int | None) -> None:
    """Set the application font: the system's face with Korean fallbacks, at `points`
    (None: the system's size). Widgets that size their text relative to the
    application font follow."""
    app = QApplication.instance()
    font = QFont(app.font())
    if not _state["base_points"]:
        _state["base_points"] = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    families = [f for f in font.families() if f not in CJK_FAMILIES]
    font.setFamilies(families + list(CJK_FAMILIES))
    font.setPointSizeF(float(points) if points else _state["base_points"])
    app.setFont(font)


def _on_system_scheme_changed(_scheme: object) -> None:
    if _state["theme"] == "system":
        _set_palette()


def _set_palette() -> None:
    QApplication.instance().setPalette(palette_for(current_theme()))
    for widget, kind in list(_status_widgets.items()):
        try:
            widget.setStyleSheet(f"color: {status_color(kind)};")
        except RuntimeError:  # its C++ side is gone
            _status_widgets.pop(widget, None)
