"""The Lucide icon set: every icon the code names ships, renders, and takes the theme's
text colour."""

import ast
import logging
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QPushButton

import desktop
from desktop import paths
from desktop.ui import icons
from desktop.ui.appearance import palette_for
from desktop.ui.empty_chat import SUGGESTIONS

PACKAGE = Path(desktop.__file__).parent


def names_in_code() -> set[str]:
    """String literals passed as the icon name to icons.icon() / icons.set_icon()."""
    names = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            position = {"icon": 0, "set_icon": 1}.get(called)
            if position is None or len(node.args) <= position:
                continue
            arg = node.args[position]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                names.add(arg.value)
    return names | {icon_name for _key, icon_name, _text in SUGGESTIONS}


def stroke_pixel(icon_name: str, palette: QPalette) -> QColor:
    """The colour on the left edge of the "square" outline (x=3 of 24)."""
    image = icons.icon(icon_name, palette).pixmap(24, 24).toImage()
    return image.pixelColor(3, 12)


def test_every_icon_the_code_names_ships_and_renders(qapp):
    used = names_in_code()
    assert {"send", "square", "square-pen", "sparkles"} <= used  # the scan finds the calls
    for name in sorted(used):
        assert icons.exists(name), name
        icon = icons.icon(name)
        assert not icon.isNull(), name
        assert not icon.pixmap(32, 32).isNull(), name


def test_every_shipped_svg_renders_something_and_the_licence_ships(qapp):
    folder = paths.resources_dir() / "icons"
    svgs = sorted(folder.glob("*.svg"))
    assert len(svgs) >= 15
    for svg in svgs:
        image = icons.icon(svg.stem).pixmap(32, 32).toImage()
        assert any(image.pixelColor(x, y).alpha() for x in range(32) for y in range(32)), svg
    assert "ISC License" in (folder / "LICENSE").read_text(encoding="utf-8")
    assert "lucide-static" in (folder / "README.md").read_text(encoding="utf-8")


def test_the_colour_follows_the_palette(qapp):
    light, dark = palette_for("light"), palette_for("dark")
    on_light, on_dark = stroke_pixel("square", light), stroke_pixel("square", dark)
    assert on_light.alpha() > 200 and on_dark.alpha() > 200
    assert on_light.rgb() == light.color(QPalette.ColorRole.ButtonText).rgb()
    assert on_dark.rgb() == dark.color(QPalette.ColorRole.ButtonText).rgb()
    assert on_light.lightness() < 100 < 160 < on_dark.lightness()


def test_a_button_redraws_its_icon_when_its_palette_changes(qtbot):
    button = QPushButton("Send")
    qtbot.addWidget(button)
    button.setPalette(palette_for("light"))
    icons.set_icon(button, "square", 24)
    before = button.icon().pixmap(24, 24).toImage().pixelColor(3, 12)
    button.setPalette(palette_for("dark"))  # what a theme switch does to every widget
    after = button.icon().pixmap(24, 24).toImage().pixelColor(3, 12)
    assert before.lightness() < 100 < 160 < after.lightness()
    assert button.iconSize().width() == 24


def test_a_missing_icon_is_empty_and_logged_not_an_error(qapp, caplog):
    with caplog.at_level(logging.WARNING):
        assert icons.icon("no-such-icon").isNull()
    assert "no-such-icon" in caplog.text


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_disabled_icons_take_the_disabled_text_colour(qapp, theme):
    palette = palette_for(theme)
    image = icons.icon("square", palette).pixmap(24, 24, QIcon.Mode.Disabled).toImage()
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    assert image.pixelColor(3, 12).rgb() == disabled.rgb()
