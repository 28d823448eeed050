"""A Maru that only indexes: DocumentsService in its own process, for kill-and-resume tests.

    python -m tests.chaos.index_child INDEX_PATH add FOLDER   # index FOLDER as "resume"
    python -m tests.chaos.index_child INDEX_PATH start         # what the app does at start

It prints one line per event, flushed, for the test to act on: "parse PATH"
just before a file is handed to the extraction child,
"status STATE PATH" per file status, and "finished" when the run is over (then
it shuts the service down and exits 0). The extractor is the real one; the
wrapper only reports.
"""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QCoreApplication

from desktop.backends.doc_extract import Extractor
from desktop.core.documents import ExtractedDocument, FileStatus
from desktop.services.documents_service import DocumentsService

COLLECTION = "resume"


class ReportingExtractor(Extractor):
    """The real Extractor, saying which file it parses."""

    def extract(self, path: str) -> ExtractedDocument:
        """As Extractor.extract, after printing "parse PATH"."""
        _say("parse", path)
        return super().extract(path)


_say_lock = threading.Lock()  # the indexing thread and the GUI thread both report


def _say(*words: str) -> None:
    with _say_lock:
        sys.stdout.write(" ".join(words) + "\n")
        sys.stdout.flush()


def main(index_path: str, mode: str, folder: str = "") -> int:
    """Run one indexing job as the app would, printing its events; 0 when it finished."""
    app = QCoreApplication([])
    service = DocumentsService(index_path=index_path, extractor_factory=ReportingExtractor,
                               watch=False)

    def on_status(_name: str, status: FileStatus) -> None:
        _say("status", status.state.value, status.path)

    def on_finished() -> None:
        _say("finished")
        app.quit()

    service.file_status.connect(on_status)
    service.busy_changed.connect(lambda busy: None if busy else on_finished())
    if mode == "add":
        service.add_paths(COLLECTION, [folder])
    else:
        service.start()
        if not service.busy:
            on_finished()
    app.exec()
    service.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
