"""The chaos suite prints its figures at the end of every run (CI's log shows them)."""

from __future__ import annotations

from tests.chaos import figures


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    rows = figures.recorded()
    if not rows:
        return
    terminalreporter.section("chaos figures")
    for name, values in rows.items():
        text = ", ".join(f"{key}={value}" for key, value in values.items())
        terminalreporter.write_line(f"{name}: {text}")
    path = figures.write()
    terminalreporter.write_line(f"(saved to {path})")
