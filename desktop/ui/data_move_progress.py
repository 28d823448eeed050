"""The data folder move at start-up: a progress window while the PreferencesService
copies and checks, then the outcome in the user's words.

Runs from the composition root before any store opens: the move needs the databases
closed, and this Maru is the only one using them once it holds the data folder lock.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from desktop.services.preferences_service import PreferencesService
from desktop.ui.privacy_data_box import move_reason

# How long a Maru that is quitting (the one that asked for the restart) may take.
WAIT_FOR_PREVIOUS_MS = 30_000


def prepare_data_folder(preferences: PreferencesService) -> bool:
    """Claim the data folder for this Maru, then carry out a pending move with a progress
    window. Blocks (a local event loop) until the move ends; a refused or failed move
    changes nothing, is explained, and Maru goes on with the folder it had. Returns
    False when the user would rather quit (the chosen data folder is not there)."""
    title = QCoreApplication.translate("DataFolder", "Maru")
    if preferences.data_folder_missing():
        text = QCoreApplication.translate(
            "DataFolder", "Maru's data folder %1 is not there. If it is on a drive that is "
            "not connected, connect it and start Maru again.\n\nStart with a new, empty "
            "data folder there instead?")
        answer = QMessageBox.warning(
            None, title, text.replace("%1", str(preferences.data_folder())),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
    pending = preferences.pending_move()
    claimed = preferences.claim_data_folder(WAIT_FOR_PREVIOUS_MS if pending else 0)
    if not pending:
        return True
    if not claimed:  # the request stays: it runs when Maru next starts alone
        QMessageBox.information(None, title, QCoreApplication.translate(
            "DataFolder", "Another Maru is using the data folder, so it was not moved. It "
            "moves the next time Maru starts while no other Maru runs."))
        return True
    outcome = run_move(preferences, pending)
    if outcome is not None:
        text = QCoreApplication.translate(
            "DataFolder", "Maru's data folder was not moved: %1 Nothing was changed; Maru "
            "goes on using %2.")
        QMessageBox.warning(None, title, text.replace("%1", move_reason(outcome[0])).replace(
            "%2", str(preferences.data_folder())))
    return True


def run_move(preferences: PreferencesService, target: str) -> tuple[str, str] | None:
    """Move to `target` (the pending move) with a progress window; Cancel stops it and
    loses nothing. Returns None when the data lives there now, else (MoveErrorKind
    value, detail)."""
    label = QCoreApplication.translate("DataFolder", "Moving Maru's data to %1…")
    progress = QProgressDialog(label.replace("%1", target),
                               QCoreApplication.translate("DataFolder", "Cancel"), 0, 100)
    progress.setWindowTitle(QCoreApplication.translate("DataFolder", "Maru"))
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(0)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    loop = QEventLoop()
    result: list[tuple[str, str]] = []

    def finished(kind: str, detail: str) -> None:
        result.append((kind, detail))
        loop.quit()

    preferences.move_progress.connect(progress.setValue)
    preferences.move_finished.connect(finished)
    progress.canceled.connect(preferences.cancel_move)
    preferences.move_pending()
    if not result:
        loop.exec()
    preferences.move_progress.disconnect(progress.setValue)
    preferences.move_finished.disconnect(finished)
    progress.close()
    progress.deleteLater()
    kind, detail = result[0]
    return (kind, detail) if kind else None
