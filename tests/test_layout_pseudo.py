"""Pseudo-locale: every string about 40% longer (as German or Finnish often are) and in
accented letters. The main screens must still show every button, label and tab whole,
at the window's default size; in English, and in Korean, too."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QDialog, QTabWidget

from desktop.ui import localization
from tests.full_window import full_window
from tests.layout_check import clipped_texts

ROOT = Path(__file__).resolve().parent.parent
KEEP = re.compile(r"(%\d|%n|&[A-Za-z]+;|&(?=\S)|<[^>]+>|\n|…)")
ACCENTED = str.maketrans("aeiouAEIOUcnsyzCNSYZ", "áéíóúÁÉÍÓÚçñšýžÇÑŠÝŽ")


def pseudo(text: str) -> str:
    """`text` with accented letters and ~40% more characters; placeholders, markup,
    accelerators and line breaks stay as they are."""
    parts = KEEP.split(text)
    letters = sum(len(p) for p in parts if not KEEP.fullmatch(p))
    padding = "~" * math.ceil(letters * 0.4)
    out = [p if KEEP.fullmatch(p) else p.translate(ACCENTED) for p in parts]
    return "[" + "".join(out) + padding + "]" if letters else text


def test_pseudo_keeps_what_qt_needs():
    text = pseudo("&Open %1 of %n file(s)…\n<b>now</b>")
    assert text.count("%1") == 1 and "%n" in text and "&Ó" in text and "<b>" in text
    assert len(text) >= len("&Open %1 of %n file(s)…\n<b>now</b>") * 1.3


@pytest.fixture(scope="module")
def pseudo_qm(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pseudo")
    tree = ET.parse(ROOT / "resources" / "i18n" / "maru_ko.ts")
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        for child in list(translation):
            translation.remove(child)
        translation.attrib.pop("type", None)
        text = pseudo(message.findtext("source"))
        if message.get("numerus") == "yes":
            translation.text = None
            ET.SubElement(translation, "numerusform").text = text
        else:
            translation.text = text
    ts = folder / "maru_pseudo.ts"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease) if lrelease.exists() else shutil.which("pyside6-lrelease"),
                    str(ts), "-qm", str(folder / "maru_pseudo.qm")],
                   check=True, capture_output=True)
    return folder / "maru_pseudo.qm"


def _pages(window) -> list:
    return [window.pages.widget(i) for i in range(window.pages.count())]


def _settled_problems(qtbot, root) -> list[str]:
    """What is cut off once the screen has settled: results that arrive from worker
    threads (a cache size, a model list) relayout a screen a moment after it shows."""
    try:
        qtbot.waitUntil(lambda: not clipped_texts(root), timeout=2000)
    except qtbot.TimeoutError:
        return clipped_texts(root)
    return []


def _check_every_screen(qtbot, window) -> list[str]:
    problems = []
    for index, page in enumerate(_pages(window)):
        window.show_page(index)
        qtbot.waitUntil(lambda page=page: page.isVisible())
        problems += [f"page {index}: {p}" for p in _settled_problems(qtbot, window)]
        for tabs in page.findChildren(QTabWidget):  # the models page's Installed, Catalog...
            for tab in range(1, tabs.count()):
                tabs.setCurrentIndex(tab)
                problems += [f"page {index}, tab {tab}: {p}"
                             for p in _settled_problems(qtbot, window)]
            tabs.setCurrentIndex(0)
    window.show_page(0)
    window.settings_action.trigger()
    dialogs = [w for w in window.findChildren(QDialog) if w.isVisible()]
    assert dialogs, "Edit → Settings… opened no dialog"
    for dialog in dialogs:
        problems += [f"settings: {p}" for p in _settled_problems(qtbot, dialog)]
        dialog.reject()
    return problems


@pytest.mark.parametrize("language", ["en", "ko", "pseudo"])
def test_main_screens_show_every_text_whole(qtbot, tmp_path, language, pseudo_qm):
    translator = None
    if language == "pseudo":
        localization.install("en")
        translator = QTranslator()
        assert translator.load(str(pseudo_qm))
        QCoreApplication.installTranslator(translator)
    else:
        localization.install(language)
    try:
        with full_window(qtbot, tmp_path) as window:
            if language == "pseudo":
                assert window.page_tabs.tabText(0).startswith("[")  # it is in use
            window.resize(1180, 760)
            problems = _check_every_screen(qtbot, window)
            assert window.width() <= 1180 and window.height() <= 760, \
                f"the texts forced the window to {window.width()}x{window.height()}"
    finally:
        if translator is not None:
            QCoreApplication.removeTranslator(translator)
        localization.install("en")
    assert not problems, "\n".join(problems)


def test_the_check_finds_a_cut_button_label_and_tab(qtbot):
    from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabBar, QWidget

    root = QWidget()
    qtbot.addWidget(root)
    layout = QHBoxLayout(root)
    button, label, tabs = QPushButton("A rather long button text"), QLabel("A label"), QTabBar()
    tabs.addTab("A very long tab title indeed")
    tabs.setElideMode(tabs.elideMode().ElideRight)
    for widget in (button, label, tabs):
        layout.addWidget(widget)
    root.show()
    qtbot.waitExposed(root)
    assert clipped_texts(root) == []
    button.setFixedWidth(40)
    label.setFixedWidth(10)
    tabs.setUsesScrollButtons(False)
    tabs.setFixedWidth(60)
    qtbot.waitUntil(lambda: len(clipped_texts(root)) == 3)
