"""Numbers, sizes and dates as the user's locale writes them.

The default QLocale is set at start-up by `localization.install()` (the chosen
language, else the system's), so "1.2 GB" reads "1,2 GB" in German and a count
"1,234" reads "1.234". The CLI keeps `desktop.core.units.human_size`: it has no
QLocale and prints for logs and scripts.

The bare "C" locale (LANG=C on a server, a CI runner) has no human conventions: it
writes 1234567 without separators. It is read as US English here, the formatting
the rest of Maru's English text assumes.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale


def locale() -> QLocale:
    """The locale the UI formats with: the default QLocale, "C" read as en_US."""
    current = QLocale()
    if current.language() == QLocale.Language.C:
        return QLocale("en_US")
    return current


def size_text(n_bytes: float) -> str:
    """A size in decimal units like the Hub and disks show: "1.2 GB", German "1,2 GB"."""
    return locale().formattedDataSize(int(n_bytes), 1,
                                      QLocale.DataSizeFormat.DataSizeSIFormat)


def number_text(n: float, decimals: int | None = None) -> str:
    """A count with the locale's group separator ("1,234" / "1.234"); a float with
    `decimals` digits after the locale's decimal point (None: an int, rounded)."""
    if decimals is None:
        return locale().toString(round(n))
    return locale().toString(float(n), "f", decimals)


def date_time_text(epoch: float) -> str:
    """A moment (seconds since the epoch) in local time, in the locale's short format:
    "11/14/23 10:13 PM", German "14.11.23 22:13", Korean "23. 11. 14. 오후 10:13"."""
    return locale().toString(QDateTime.fromSecsSinceEpoch(int(epoch)),
                             QLocale.FormatType.ShortFormat)
