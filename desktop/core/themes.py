"""The colours of Maru's light and dark themes, as data, and the WCAG contrast check.

Each theme names a colour per Qt palette role (the UI builds a QPalette from it) plus
the few status colours text is drawn in. Pairs of foreground and background that
must be readable are listed in READABLE_PAIRS; tests hold every pair to WCAG 2.1 AA
(4.5:1 for text), so a colour change that makes text hard to read fails a test.
"""

from __future__ import annotations

THEME_NAMES = ("light", "dark")

# role -> #rrggbb. Roles are QPalette.ColorRole names; "warning" and "error" are Maru's
# own status text colours. Light follows GitHub Primer's, dark Primer's dark dimmed tones.
COLORS: dict[str, dict[str, str]] = {
    "light": {
        "Window": "#f6f8fa", "WindowText": "#1f2328", "Base": "#ffffff",
        "AlternateBase": "#f6f8fa", "Text": "#1f2328", "Button": "#eef1f4",
        "ButtonText": "#1f2328", "BrightText": "#ffffff", "Highlight": "#0969da",
        "HighlightedText": "#ffffff", "Link": "#0550ae", "LinkVisited": "#6639ba",
        "PlaceholderText": "#59636e", "ToolTipBase": "#1f2328", "ToolTipText": "#ffffff",
        "Light": "#ffffff", "Midlight": "#e6eaef", "Mid": "#c8d1da", "Dark": "#8c959f",
        "Shadow": "#6e7781", "Accent": "#0969da",
        "DisabledText": "#818b98", "Border": "#818b98",
        "warning": "#8a4600", "error": "#b4232c",
    },
    "dark": {
        "Window": "#22272e", "WindowText": "#d1d7e0", "Base": "#1c2128",
        "AlternateBase": "#262c36", "Text": "#d1d7e0", "Button": "#2d333b",
        "ButtonText": "#d1d7e0", "BrightText": "#ffffff", "Highlight": "#316dca",
        "HighlightedText": "#ffffff", "Link": "#6cb6ff", "LinkVisited": "#dcbdfb",
        "PlaceholderText": "#9198a1", "ToolTipBase": "#d1d7e0", "ToolTipText": "#1c2128",
        "Light": "#3d444d", "Midlight": "#373e47", "Mid": "#545d68", "Dark": "#15191e",
        "Shadow": "#0d1117", "Accent": "#4493f8",
        "DisabledText": "#768390", "Border": "#768390",
        "warning": "#f0b72f", "error": "#ff938a",
    },
}

# (foreground, background): text a person must read, held to AA (4.5:1).
READABLE_PAIRS: tuple[tuple[str, str], ...] = (
    ("WindowText", "Window"), ("Text", "Base"), ("Text", "AlternateBase"),
    ("ButtonText", "Button"), ("HighlightedText", "Highlight"), ("Link", "Base"),
    ("Link", "Window"), ("LinkVisited", "Base"), ("PlaceholderText", "Base"),
    ("PlaceholderText", "Window"), ("ToolTipText", "ToolTipBase"),
    ("warning", "Window"), ("warning", "Base"), ("error", "Window"), ("error", "Base"),
)
AA_TEXT = 4.5
# (boundary, background): the outline of a control against what it sits on, held to 3:1.
BOUNDARY_PAIRS: tuple[tuple[str, str], ...] = (("Border", "Window"), ("Border", "Base"))
AA_NON_TEXT = 3.0


def relative_luminance(color: str) -> float:
    """WCAG 2.1 relative luminance of "#rrggbb"."""
    channels = [int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two "#rrggbb" colours, from 1 to 21."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def failing_pairs(theme: str) -> list[tuple[str, str, float]]:
    """The pairs of `theme` below AA (text 4.5:1, boundaries 3:1), with their ratio
    (empty: all pass)."""
    colors = COLORS[theme]
    checks = [(pair, AA_TEXT) for pair in READABLE_PAIRS]
    checks += [(pair, AA_NON_TEXT) for pair in BOUNDARY_PAIRS]
    ratios = ((fg, bg, contrast_ratio(colors[fg], colors[bg]), need)
              for (fg, bg), need in checks)
    return [(fg, bg, round(r, 2)) for fg, bg, r, need in ratios if r < need]
