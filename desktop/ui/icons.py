"""Maru's one icon set: Lucide SVGs from resources/icons, drawn in the theme's text colour.

The SVGs draw with `currentColor`; `icon()` swaps in a palette colour and renders
pixmaps at the sizes buttons and menus ask for (up to 2x for high-DPI screens), so
the same file works on the light and the dark theme. `set_icon()` also redraws a
button's icon when its palette changes (the theme switched while Maru runs).
Rendered icons are cached by (name, colour).
"""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QApplication

from desktop import paths

log = logging.getLogger(__name__)
PIXEL_SIZES = (16, 20, 24, 32, 40, 48, 64)  # 16-32 px at 1x and 2x
_icons: dict[tuple[str, str, str], QIcon] = {}


def icons_dir() -> str:
    """Where the SVG files ship."""
    return str(paths.resources_dir() / "icons")


@cache
def _svg(name: str) -> str | None:
    try:
        return (paths.resources_dir() / "icons" / f"{name}.svg").read_text(encoding="utf-8")
    except OSError:
        return None


def exists(name: str) -> bool:
    """True when resources/icons has `name`.svg."""
    return _svg(name) is not None


def icon(name: str, palette: QPalette | None = None) -> QIcon:
    """The icon `name` (a Lucide file name without .svg, e.g. "send") in `palette`'s
    ButtonText colour (None: the application palette), with a greyed disabled mode.
    A missing file gives an empty QIcon and a logged warning, never an exception.
    GUI thread only."""
    palette = palette if palette is not None else QApplication.palette()
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    key = (name, normal.name(QColor.NameFormat.HexArgb), disabled.name(QColor.NameFormat.HexArgb))
    if key not in _icons:
        _icons[key] = _render_icon(name, normal, disabled)
    return QIcon(_icons[key])


def _render_icon(name: str, normal: QColor, disabled: QColor) -> QIcon:
    svg = _svg(name)
    result = QIcon()
    if svg is None:
        log.warning("icon %r is missing from %s", name, icons_dir())
        return result
    for mode, color in ((QIcon.Mode.Normal, normal), (QIcon.Mode.Disabled, disabled)):
        renderer = QSvgRenderer(QByteArray(_colored(svg, color).encode("utf-8")))
        for px in PIXEL_SIZES:
            result.addPixmap(_pixmap(renderer, px), mode)
    return result


def _colored(svg: str, color: QColor) -> str:
    # SVG has no alpha in #rrggbb; opacity is set apart so a translucent colour stays so.
    text = svg.replace("currentColor", color.name(QColor.NameFormat.HexRgb))
    if color.alpha() < 255:
        text = text.replace("<svg", f'<svg opacity="{color.alphaF():.3f}"', 1)
    return text


def _pixmap(renderer: QSvgRenderer, px: int) -> QPixmap:
    pixmap = QPixmap(px, px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return pixmap


def set_icon(button: QAbstractButton, name: str, size: int = 16) -> None:
    """Give `button` the icon `name` at `size` px in its own palette's colour, and
    redraw it whenever that palette changes (theme switch)."""
    button.setIconSize(QSize(size, size))
    button.setIcon(icon(name, button.palette()))
    button.setProperty("maru_icon", name)
    button.installEventFilter(_follower())


class _PaletteFollower(QObject):
    """Redraws the icon of every button set_icon() dressed when its palette changes."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Re-render on PaletteChange; never consumes the event."""
        if event.type() == QEvent.Type.PaletteChange and isinstance(watched, QAbstractButton):
            name = watched.property("maru_icon")
            if name:
                watched.setIcon(icon(name, watched.palette()))
        return False


@cache
def _follower() -> _PaletteFollower:
    # Parented to the application so it lives as long as any button it watches.
    return _PaletteFollower(QApplication.instance())
