"""Translations: every string in the code has a finished Korean translation, the shipped
.qm files are built from the .ts files, strings reach Qt as literals, and Maru really
speaks Korean when asked to."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
TOOLS = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"%(?:\d|n)")
ACCELERATOR = re.compile(r"&([^&\s])")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
QT_APPS = ("QCoreApplication", "QApplication", "QGuiApplication")


def _sources() -> list[str]:
    return sorted(str(p) for p in (ROOT / "desktop").rglob("*.py"))


def _tool(name: str) -> str:
    path = TOOLS / name
    return str(path) if path.exists() else shutil.which(name) or name


def _messages(ts: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(ctx.findtext("name") or "", m) for ctx in root.iter("context")
            for m in ctx.iter("message")]


def _translations(message: ET.Element) -> list[str]:
    tr = message.find("translation")
    forms = [f.text or "" for f in tr.iter("numerusform")]
    return forms if message.get("numerus") == "yes" else [tr.text or ""]


@pytest.fixture(scope="module")
def current_ko(tmp_path_factory) -> Path:
    """The committed Korean .ts, updated by lupdate from today's code (as `make
    translations` would): new strings show up here as unfinished."""
    ts = tmp_path_factory.mktemp("ts") / "maru_ko.ts"
    shutil.copy(I18N / "maru_ko.ts", ts)
    subprocess.run([_tool("pyside6-lupdate"), *_sources(), "-ts", str(ts), "-no-obsolete"],
                   check=True, capture_output=True, cwd=ROOT)
    return ts


def test_every_source_string_has_a_finished_korean_translation(current_ko):
    messages = _messages(current_ko)
    assert len(messages) > 400  # the whole UI, not a sample
    missing = [(ctx, m.findtext("source")) for ctx, m in messages
               if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
               or not all(t.strip() for t in _translations(m))]
    assert not missing, f"{len(missing)} strings lack a finished Korean translation " \
        f"(run `make translations`, then translate): {missing[:20]}"


def test_no_string_lost_its_context(current_ko):
    """An aliased translate (tr = QCoreApplication.translate) makes lupdate read the
    context as the text: the string is then never found at run time."""
    orphans = [m.findtext("source") for ctx, m in _messages(current_ko) if not ctx]
    assert not orphans


def test_translations_keep_placeholders_accelerators_and_markup():
    problems = []
    for ctx, m in _messages(I18N / "maru_ko.ts"):
        source = m.findtext("source")
        for text in _translations(m):
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                problems.append((ctx, source, text, "placeholders"))
            if len(ACCELERATOR.findall(source)) != len(ACCELERATOR.findall(text)):
                problems.append((ctx, source, text, "accelerator"))
            if sorted(TAG.findall(source)) != sorted(TAG.findall(text)):
                problems.append((ctx, source, text, "markup"))
    assert not problems


def test_korean_translations_are_korean():
    """Not the English copied over: every translation with letters has Hangul, except
    names and formats that stay as they are."""
    hangul = re.compile(r"[\uac00-\ud7a3]")
    english_copies = [m.findtext("source") for _ctx, m in _messages(I18N / "maru_ko.ts")
                      for text in _translations(m)
                      if re.search(r"[A-Za-z]{4}", text) and not hangul.search(text)
                      and text == m.findtext("source")]
    assert len(english_copies) <= 25, english_copies  # "Maru", "JSON (*.json)", "GGUF"...


def test_english_plurals_have_both_forms():
    for _ctx, m in _messages(I18N / "maru_en.ts"):
        one, many = _translations(m)
        assert one != many or "%n more" in m.findtext("source"), m.findtext("source")


@pytest.mark.parametrize("name", ["maru_ko", "maru_en"])
def test_shipped_qm_files_are_built_from_the_ts_files(tmp_path, name):
    built = tmp_path / f"{name}.qm"
    subprocess.run([_tool("pyside6-lrelease"), str(I18N / f"{name}.ts"), "-qm", str(built)],
                   check=True, capture_output=True)
    assert built.read_bytes() == (I18N / f"{name}.qm").read_bytes(), \
        "resources/i18n/*.qm is stale: run `make translations`"


def _translate_calls(tree: ast.AST) -> list[ast.Call]:
    calls = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute):
            owner = getattr(func.value, "id", "")
            if func.attr == "tr" or (func.attr == "translate" and owner in QT_APPS):
                calls.append(node)
        elif getattr(func, "id", "") in ("tr", "translate", "QT_TRANSLATE_NOOP"):
            calls.append(node)
    return calls


def test_strings_reach_qt_as_literals():
    """lupdate reads only literal strings: an f-string, a variable or a concatenation in
    tr()/translate() is never translated. An alias of translate hides the call."""
    problems = []
    for path in (ROOT / "desktop").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _translate_calls(tree):
            is_tr = isinstance(call.func, ast.Attribute) and call.func.attr == "tr"
            text_arg = 0 if is_tr else 1
            if len(call.args) <= text_arg:
                continue
            arg = call.args[text_arg]
            literal = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            if not literal and not _passes_through(call, path):
                problems.append(f"{path.relative_to(ROOT)}:{call.lineno}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Attribute) \
                    and node.value.attr == "translate":
                problems.append(f"{path.relative_to(ROOT)}:{node.lineno} aliases translate")
    assert not problems


def _passes_through(call: ast.Call, path: Path) -> bool:
    """translate(CONTEXT, text) inside a helper that looks up a QT_TRANSLATE_NOOP table
    (the text was marked where it was written) is fine; only a named variable may pass."""
    is_translate = isinstance(call.func, ast.Attribute) and call.func.attr == "translate"
    arg = call.args[1] if is_translate and len(call.args) > 1 else None
    return isinstance(arg, ast.Name | ast.Subscript | ast.Attribute) and \
        "QT_TRANSLATE_NOOP" in path.read_text(encoding="utf-8")


def test_maru_speaks_korean_when_asked(qtbot, monkeypatch):
    from PySide6.QtCore import QCoreApplication, QLocale

    from desktop.ui import localization

    try:
        assert localization.install("ko") == "ko"
        assert QCoreApplication.translate("MainWindow", "&File") == "파일(&F)"
        assert QCoreApplication.translate("ErrorText", "No model is loaded.") != \
            "No model is loaded."
        # Qt's own dialogs (buttons like Cancel) come in Korean too.
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "취소"
        assert QLocale().language() == QLocale.Language.Korean
        assert localization.install("en") == "en"
        assert QCoreApplication.translate("MainWindow", "&File") == "&File"
        n = 3
        assert QCoreApplication.translate("ModelStatus", "(oldest %n message(s) left out)", "",
                                          n) == "(oldest 3 messages left out)"
    finally:
        localization.install("en")
        QLocale.setDefault(QLocale.c())


def test_language_follows_the_system_unless_set(monkeypatch):
    from PySide6.QtCore import QLocale

    from desktop.ui import localization

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("ko_KR")))
    assert localization.resolve(None) == "ko"
    assert localization.resolve("en") == "en"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("fr_FR")))
    assert localization.resolve(None) == "en"  # no French yet: English
    assert localization.resolve("xx") == "en"
