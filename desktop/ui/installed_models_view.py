"""InstalledModelsView: the models on this machine, with what their headers say,
and Use / Set as default / Defaults / Remove / Import."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.fit import ModelShape
from desktop.services.models_service import ModelsService
from desktop.ui.fit_text import fit_details, fit_label
from desktop.ui.formatting import number_text, size_text
from desktop.ui.model_defaults_dialog import ModelDefaultsDialog

_MODEL = Qt.ItemDataRole.UserRole + 1
DEFAULT_CONTEXT = 4096


class InstalledModelsView(QWidget):
    """Signals: use_requested(str path), import_requested()."""

    use_requested = Signal(str)
    import_requested = Signal()

    def __init__(self, models: ModelsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._models = models
        self.table = QTreeWidget(rootIsDecorated=False, uniformRowHeights=True)
        self.table.setHeaderLabels([self.tr("Name"), self.tr("Quantization"),
                                    self.tr("Architecture"), self.tr("Context"), self.tr("Size"),
                                    self.tr("Where")])
        header = self.table.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # names are long
        header.setStretchLastSection(False)
        self.table.setAccessibleName(self.tr("Installed models"))
        self.table.setAccessibleDescription(self.tr(
            "The models on this computer. Enter uses the selected one in the chat."))
        self.details = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.use_button = QPushButton(self.tr("&Use in chat"))
        self.default_button = QPushButton(self.tr("Set as &default"))
        self.defaults_button = QPushButton(self.tr("Model &settings…"))
        self.remove_button = QPushButton(self.tr("&Remove…"))
        self.import_button = QPushButton(self.tr("&Import a GGUF file…"))
        self._layout()
        self.use_button.clicked.connect(self._use)
        self.table.itemActivated.connect(lambda *_: self._use())
        self.default_button.clicked.connect(self._set_default)
        self.defaults_button.clicked.connect(self._edit_defaults)
        self.remove_button.clicked.connect(self._remove)
        self.import_button.clicked.connect(self.import_requested)
        self.table.currentItemChanged.connect(lambda *_: self._on_current())
        models.installed_changed.connect(self._fill)
        models.default_changed.connect(lambda _n: self._fill(models.installed))

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.use_button, self.default_button, self.defaults_button,
                       self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)

    def _fill(self, installed: list) -> None:
        selected = self._selected()
        default = self._models.default_model()
        self.table.clear()
        for model in installed:
            info = model.info
            where = (self.tr("Bundled") if model.bundled else self.tr("Linked in place")
                     if model.linked else self.tr("Models folder"))
            if model.name == default:
                where = self.tr("%1 · default").replace("%1", where)
            item = QTreeWidgetItem([
                model.name, info.quantization if info else "",
                info.architecture if info else self.tr("unreadable"),
                number_text(info.context_length) if info else "", size_text(model.size_bytes),
                where,
            ])
            item.setData(0, _MODEL, model)
            item.setToolTip(0, str(model.path))
            self.table.addTopLevelItem(item)
            if selected is not None and model.path == selected.path:
                self.table.setCurrentItem(item)
        if self.table.currentItem() is None and self.table.topLevelItemCount():
            self.table.setCurrentItem(self.table.topLevelItem(0))
        self._on_current()

    def _selected(self) -> object:
        item = self.table.currentItem()
        return item.data(0, _MODEL) if item is not None else None

    def _on_current(self) -> None:
        model = self._selected()
        for button in (self.use_button, self.default_button, self.defaults_button):
            button.setEnabled(model is not None and model.info is not None)
        self.remove_button.setEnabled(model is not None and not model.bundled)
        self.details.setText(self._describe(model) if model is not None else "")

    def _describe(self, model: object) -> str:
        if model.info is None:
            return self.tr("This file cannot be used: %1").replace("%1", model.problem)
        n_ctx = self._models.model_defaults(model.name).n_ctx or DEFAULT_CONTEXT
        shape = ModelShape.from_metadata(model.info.metadata)
        estimate = self._models.fit(shape, model.size_bytes, n_ctx)
        lines = [str(model.path),
                 self.tr("With %1 tokens of context: %2").replace("%1", number_text(n_ctx)).replace(
                     "%2", fit_label(estimate)), fit_details(estimate, self._models.machine)]
        if model.info.chat_template is None:
            lines.append(self.tr("No chat template in the file: Maru uses a generic one."))
        return "\n".join(line for line in lines if line)

    def _use(self) -> None:
        model = self._selected()
        if model is not None and model.info is not None:
            self.use_requested.emit(str(model.path))

    def _set_default(self) -> None:
        model = self._selected()
        if model is not None:
            self._models.set_default(model.name)

    def _edit_defaults(self) -> None:
        model = self._selected()
        if model is None:
            return
        dialog = ModelDefaultsDialog(model.name, self._models.model_defaults(model.name), self)
        if dialog.exec():
            self._models.save_model_defaults(model.name, dialog.value())
            self._on_current()

    def _remove(self) -> None:
        model = self._selected()
        if model is None or model.bundled:
            return
        question = (self.tr("Forget the link to %1? The file itself stays where it is.")
                    if model.linked else
                    self.tr("Delete %1 from the models folder? This frees %2."))
        question = question.replace("%1", model.name).replace("%2",
                                                              size_text(model.size_bytes))
        answer = QMessageBox.question(self, self.tr("Remove model"), question)
        if answer == QMessageBox.StandardButton.Yes:
            self._models.remove(model.name)
