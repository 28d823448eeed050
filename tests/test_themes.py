"""Themes: light and dark palettes readable to WCAG AA, applied live, following the
system; the application font keeps Korean faces and follows the font-size setting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from desktop.core import themes
from desktop.core.markdown_render import DARK, LIGHT
from desktop.ui import appearance


@pytest.fixture
def restore_look(qapp):
    palette, font, style = qapp.palette(), qapp.font(), qapp.style().name()
    yield
    appearance.apply_theme("light")
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyle(style)


@pytest.mark.parametrize("theme", themes.THEME_NAMES)
def test_every_readable_pair_meets_wcag_aa(theme):
    assert themes.failing_pairs(theme) == []


def test_contrast_ratio_matches_wcag_reference_values():
    assert themes.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert themes.contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert themes.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(("theme", "colors"), [("light", LIGHT), ("dark", DARK)])
def test_answer_text_colours_are_readable_on_their_theme(theme, colors):
    """The transcript's Markdown colours sit on the theme's base and window colours."""
    for background in (themes.COLORS[theme]["Base"], themes.COLORS[theme]["Window"],
                       colors.code_bg):
        for foreground in (colors.text, colors.muted, colors.link):
            assert themes.contrast_ratio(foreground, background) >= themes.AA_TEXT, \
                (theme, foreground, background)


def test_theme_switch_changes_the_palette_live(qtbot, restore_look):
    label = QLabel("안녕하세요")
    qtbot.addWidget(label)
    for theme in ("light", "dark", "light"):
        appearance.apply_theme(theme)
        qtbot.waitUntil(lambda theme=theme: label.palette().color(QPalette.ColorRole.Window)
                        .name() == themes.COLORS[theme]["Window"])
    assert isinstance(QApplication.style(), appearance.MaruStyle)
    assert appearance.current_theme() == "light"


def test_status_colours_follow_the_theme(qtbot, restore_look):
    label = QLabel("warning")
    qtbot.addWidget(label)
    appearance.apply_theme("light")
    appearance.set_status_color(label, "warning")
    assert themes.COLORS["light"]["warning"] in label.styleSheet()
    appearance.apply_theme("dark")
    assert themes.COLORS["dark"]["warning"] in label.styleSheet()
    appearance.set_status_color(label, None)
    assert label.styleSheet() == ""


def test_system_theme_follows_the_desktop_scheme(qtbot, restore_look, monkeypatch):
    scheme = [Qt.ColorScheme.Light]
    monkeypatch.setattr(appearance, "system_scheme", lambda: scheme[0])
    appearance.apply_theme("system")
    assert appearance.current_theme() == "light"
    # The desktop switches to dark while Maru runs: the palette follows.
    scheme[0] = Qt.ColorScheme.Dark
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    qtbot.waitUntil(lambda: QApplication.palette().color(QPalette.ColorRole.Window).name()
                    == themes.COLORS["dark"]["Window"])
    # A theme the user picked is kept whatever the desktop does.
    appearance.apply_theme("light")
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert appearance.current_theme() == "light"


def test_font_size_setting_and_korean_fallback(qtbot, restore_look):
    appearance.apply_font_size(None)
    system_size = QApplication.font().pointSizeF()
    appearance.apply_font_size(16)
    font = QApplication.font()
    assert font.pointSizeF() == 16
    assert font.families()[-len(appearance.CJK_FAMILIES):] == list(appearance.CJK_FAMILIES)
    label = QLabel("글자")
    qtbot.addWidget(label)
    assert label.font().pointSizeF() == 16  # widgets follow the application font
    appearance.apply_font_size(None)
    assert QApplication.font().pointSizeF() == system_size
