"""Sizes in the units people read (decimal: a "4.1 GB" file is what the Hub and disks show)."""

from __future__ import annotations


def human_size(n: float) -> str:
    """1234567 -> "1.2 MB"; bytes below 1000 stay whole ("512 B")."""
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(n) < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    raise AssertionError("unreachable")
