"""Announcements to screen readers: one spoken message when something finishes.

A streamed answer changes many times a second; a screen reader that read each
change would stutter through half-words. So the text views are left alone while
text streams, and when the answer (or a summary, a translation) is done the page
calls `announce` once with its start. Qt 6.8's QAccessibleAnnouncementEvent
hands the message to the platform's assistive technology (AT-SPI, UI Automation,
NSAccessibility), which speaks it without moving the focus.

GUI thread only. `announcer().announced(message)` fires for every announcement
made, also when no assistive technology listens (tests and logs use it).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QTextDocumentFragment

MAX_CHARS = 300  # a screen reader user hears the start and reads on in the transcript
_MARKDOWN_CHARS = MAX_CHARS * 8  # enough Markdown for MAX_CHARS of text, cheap to parse


class Announcer(QObject):
    """Sends announcements. Signal: announced(str message), once per announcement."""

    announced = Signal(str)

    def announce(self, source: QObject, text: str, *, assertive: bool = False) -> str:
        """Ask assistive technology to speak `text` (cut to MAX_CHARS) on behalf of the
        widget `source`; polite (after what is being read) unless `assertive`. Returns
        the message sent ("" for blank text, which is not announced)."""
        message = excerpt(text)
        if not message:
            return ""
        event = QAccessibleAnnouncementEvent(source, message)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                            else QAccessible.AnnouncementPoliteness.Polite)
        QAccessible.updateAccessibility(event)  # a no-op while no assistive technology runs
        self.announced.emit(message)
        return message


_announcer: list[Announcer] = []


def announcer() -> Announcer:
    """The application's one Announcer (made on first use, owned by the application)."""
    if not _announcer:
        _announcer.append(Announcer(QCoreApplication.instance()))
    return _announcer[0]


def announce(source: QObject, text: str, *, assertive: bool = False) -> str:
    """`announcer().announce(...)`: speak `text` once on behalf of `source`."""
    return announcer().announce(source, text, assertive=assertive)


def excerpt(text: str, limit: int = MAX_CHARS) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters (an
    ellipsis marks the cut)."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def spoken_markdown(text: str) -> str:
    """What a Markdown answer says, without its marks: headings, list items and code
    as plain text (only the start is parsed: announcements are short)."""
    return QTextDocumentFragment.fromMarkdown(text[:_MARKDOWN_CHARS]).toPlainText()
