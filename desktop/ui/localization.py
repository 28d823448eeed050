"""Which language Maru speaks: Qt Linguist translators from resources/i18n.

The language follows the system locale unless the `language` setting names one;
a change takes effect at the next start (widgets translate their text once, when built).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop import paths

# (code, the language's own name): the names are never translated, so a user
# who cannot read the current language still finds theirs.
LANGUAGES: tuple[tuple[str, str], ...] = (("en", "English"), ("ko", "한국어"))
_installed: list[QTranslator] = []


def i18n_dir() -> str:
    """Where the built .qm files ship."""
    return str(paths.resources_dir() / "i18n")


def resolve(language: str | None) -> str:
    """The language to use: the setting when it names a shipped one, else the system's
    language when Maru has it, else English."""
    codes = [code for code, _name in LANGUAGES]
    if language in codes:
        return language
    for name in QLocale.system().uiLanguages():
        code = name.replace("-", "_").split("_")[0].lower()
        if code in codes:
            return code
    return "en"


def install(language: str | None) -> str:
    """Install Maru's and Qt's own translators for `language` (None: the system's) on the
    running QCoreApplication, replacing any installed before; sets the default QLocale so
    numbers, dates and sizes follow. Returns the language code used."""
    app = QCoreApplication.instance()
    code = resolve(language)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    locale = QLocale(code) if code != "en" else QLocale.system()
    if code != locale.name().split("_")[0]:
        locale = QLocale(code)
    QLocale.setDefault(locale)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("maru", i18n_dir()), ("qtbase", qt_dir)):
        translator = QTranslator(app)
        if translator.load(QLocale(code), name, "_", folder):
            app.installTranslator(translator)
            _installed.append(translator)
    return code
