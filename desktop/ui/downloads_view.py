"""DownloadsView: the download queue with progress, speed, time left, and
Pause / Resume / Cancel for the selected download."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.downloads import DownloadJob, JobState
from desktop.services.download_service import DownloadService
from desktop.ui import error_text
from desktop.ui.formatting import size_text

_JOB = Qt.ItemDataRole.UserRole + 1
COLUMNS = 5  # model, status, progress, speed, time left


def state_text(job: DownloadJob) -> str:
    """The job's state in a word or two (the line below the list says why it failed)."""
    return {
        JobState.FAILED: QCoreApplication.translate("DownloadsView", "Failed"),
        JobState.QUEUED: QCoreApplication.translate("DownloadsView", "Waiting"),
        JobState.RUNNING: QCoreApplication.translate("DownloadsView", "Downloading"),
        JobState.PAUSED: QCoreApplication.translate("DownloadsView", "Paused"),
        JobState.DONE: QCoreApplication.translate("DownloadsView", "Installed"),
    }[job.state]


def time_left_text(seconds: float | None) -> str:
    """"3 min 20 s", "45 s", or "" when unknown."""
    if seconds is None:
        return ""
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        text = QCoreApplication.translate("DownloadsView", "%1 h %2 min")
        return text.replace("%1", str(hours)).replace("%2", str(minutes))
    if minutes:
        text = QCoreApplication.translate("DownloadsView", "%1 min %2 s")
        return text.replace("%1", str(minutes)).replace("%2", str(secs))
    return QCoreApplication.translate("DownloadsView", "%1 s").replace("%1", str(secs))


class DownloadsView(QWidget):
    """One row per job, updated in place as progress arrives."""

    def __init__(self, downloads: DownloadService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._downloads = downloads
        self._rows: dict[str, QTreeWidgetItem] = {}
        self.table = QTreeWidget(rootIsDecorated=False, uniformRowHeights=True)
        self.table.setHeaderLabels([self.tr("Model"), self.tr("Status"), self.tr("Progress"),
                                    self.tr("Speed"), self.tr("Time left")])
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.table.setColumnWidth(2, 200)  # room for "1.2 GB / 4.7 GB" on one line
        self.table.setAccessibleName(self.tr("Downloads"))
        self.table.setAccessibleDescription(self.tr(
            "Downloads and their progress. Pause, Resume and Cancel act on the selected one."))
        self.empty = QLabel(self.tr("No downloads. Pick a model in the Catalog or Search tab "
                                    "and press Download."), wordWrap=True)
        self.pause_button = QPushButton(self.tr("&Pause"))
        self.resume_button = QPushButton(self.tr("&Resume"))
        self.cancel_button = QPushButton(self.tr("&Cancel download"))
        self.detail = QLabel(wordWrap=True)
        buttons = QHBoxLayout()
        for button in (self.pause_button, self.resume_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.pause_button.clicked.connect(lambda: self._on_selected(downloads.pause))
        self.resume_button.clicked.connect(lambda: self._on_selected(downloads.resume))
        self.cancel_button.clicked.connect(lambda: self._on_selected(downloads.cancel))
        self.table.currentItemChanged.connect(lambda *_: self._update_buttons())
        downloads.jobs_changed.connect(self._rebuild)
        downloads.job_changed.connect(self._update_row)
        self._rebuild()

    def _rebuild(self) -> None:
        selected = self._selected_id()
        self.table.clear()
        self._rows.clear()
        for job in self._downloads.jobs():
            item = QTreeWidgetItem([f"{job.variant.repo_id} · {job.variant.quantization}"])
            item.setData(0, _JOB, job.job_id)
            self.table.addTopLevelItem(item)
            bar = QProgressBar(maximum=1000, textVisible=True)
            bar.setAccessibleName(self.tr("Download progress"))
            self.table.setItemWidget(item, 2, bar)
            self._rows[job.job_id] = item
            self._update_row(job.job_id)
            if job.job_id == selected:
                self.table.setCurrentItem(item)
        if self.table.currentItem() is None and self.table.topLevelItemCount():
            self.table.setCurrentItem(self.table.topLevelItem(0))
        self.empty.setVisible(not self._rows)
        self._update_buttons()

    def _update_row(self, job_id: str) -> None:
        job, item = self._downloads.job(job_id), self._rows.get(job_id)
        if job is None or item is None:
            return
        item.setText(1, state_text(job))
        if job.state is JobState.FAILED:
            item.setToolTip(1, error_text.describe_model_error(job.error_kind)[0])
        item.setText(3, f"{size_text(job.speed)}/s" if job.speed > 0 else "")
        item.setText(4, time_left_text(job.seconds_left))
        bar = self.table.itemWidget(item, 2)
        bar.setValue(int(job.fraction * 1000))
        bar.setFormat(f"{size_text(job.done_bytes)} / {size_text(job.total_bytes)}")
        if job_id == self._selected_id():
            self._update_buttons()

    def _selected_id(self) -> str | None:
        item = self.table.currentItem()
        return item.data(0, _JOB) if item is not None else None

    def _on_selected(self, action: object) -> None:
        job_id = self._selected_id()
        if job_id is not None:
            action(job_id)

    def _update_buttons(self) -> None:
        job = self._downloads.job(self._selected_id() or "")
        state = job.state if job else None
        self.pause_button.setEnabled(state in (JobState.QUEUED, JobState.RUNNING))
        self.resume_button.setEnabled(state in (JobState.PAUSED, JobState.FAILED))
        self.cancel_button.setEnabled(job is not None and state is not JobState.DONE)
        if job is not None and job.state is JobState.FAILED:
            happened, todo = error_text.describe_model_error(job.error_kind)
            self.detail.setText(f"{happened} {todo}")
        else:
            self.detail.clear()
