"""Numbers, sizes and dates follow the locale (issue: "formatted for the locale")."""

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

import desktop
from desktop.core.fit import FitEstimate, FitKind, FitReason
from desktop.core.tasks import Progress, Stage
from desktop.ui.fit_text import fit_details
from desktop.ui.formatting import date_time_text, number_text, size_text
from desktop.ui.task_text import progress_text

UI = Path(desktop.__file__).parent / "ui"


@pytest.fixture
def in_locale(qapp):
    """Set the default QLocale for one test; the one before comes back after."""
    before = QLocale()
    yield lambda name: QLocale.setDefault(QLocale(name))
    QLocale.setDefault(before)


def test_sizes_use_decimal_units_and_the_locales_decimal_point(in_locale):
    in_locale("en_US")
    assert size_text(1_234_567_890) == "1.2 GB"
    assert size_text(98_000_000) == "98.0 MB"
    in_locale("de_DE")
    assert size_text(1_234_567_890) == "1,2 GB"
    in_locale("ko_KR")
    assert size_text(1_234_567_890) == "1.2 GB"
    assert "바이트" in size_text(512)  # Qt's own Korean for "bytes"


def test_counts_use_the_locales_group_separator(in_locale):
    in_locale("en_US")
    assert number_text(3_000_000_000) == "3,000,000,000"  # past 32 bits
    assert number_text(12.345, 1) == "12.3"
    in_locale("de_DE")
    assert number_text(1_234_567) == "1.234.567"
    assert number_text(12.345, 1) == "12,3"
    in_locale("ko_KR")
    assert number_text(1_234_567) == "1,234,567"


def test_dates_use_the_locales_short_format(in_locale):
    moment = QDateTime(QDate(2023, 11, 14), QTime(22, 13)).toSecsSinceEpoch()  # local time
    in_locale("en_US")
    assert date_time_text(moment).replace("\u202f", " ") == "11/14/23 10:13 PM"  # CLDR's nbsp
    in_locale("de_DE")
    assert date_time_text(moment) == "14.11.23 22:13"
    in_locale("ko_KR")
    assert "오후" in date_time_text(moment) and "23. 11. 14." in date_time_text(moment)


def test_the_bare_c_locale_reads_as_us_english(in_locale):
    in_locale("C")
    assert number_text(1200) == "1,200"
    assert size_text(1_500_000) == "1.5 MB"


def test_ui_texts_follow_the_locale(in_locale):
    estimate = FitEstimate(FitKind.CPU_ONLY, n_gpu_layers=0, n_layers=24, n_ctx=4096,
                           weights_bytes=1_200_000_000, kv_bytes=200_000_000,
                           overhead_bytes=100_000_000, ram_bytes=1_500_000_000, vram_bytes=0,
                           reason=FitReason.NO_GPU_BACKEND)
    in_locale("de_DE")
    assert "1,5 GB" in fit_details(estimate)
    assert "1.200" in progress_text(Progress(1200, 5000, Stage.CLASSIFY))
    in_locale("en_US")
    assert "1.5 GB" in fit_details(estimate)


def test_no_ui_module_formats_sizes_or_counts_in_english_only():
    offenders = []
    for path in (p for p in UI.glob("*.py") if p.name != "formatting.py"):
        text = path.read_text(encoding="utf-8")
        if "human_size" in text or re.search(r":,(\.\d+f)?}", text) or "strftime" in text:
            offenders.append(path.name)
    assert not offenders
