"""ModelDefaultsDialog: one model's own defaults (context size, GPU layers, system
prompt, chat template override), used whenever that model loads."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.services.models_service import ModelDefaults

AUTO = -2  # spin box value shown as "Automatic" (GPU layers) or "Maru's default" (context)


class ModelDefaultsDialog(QDialog):
    """Edits a ModelDefaults value; `value()` after exec() returns the edited copy."""

    def __init__(self, name: str, defaults: ModelDefaults,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._defaults = defaults
        self.setWindowTitle(self.tr("Settings for %1").replace("%1", name))
        self.n_ctx = QSpinBox(minimum=0, maximum=1_048_576, singleStep=1024)
        self.n_ctx.setSpecialValueText(self.tr("Maru's default"))
        self.n_ctx.setValue(defaults.n_ctx or 0)
        self.n_ctx.setAccessibleName(self.tr("Context size"))
        self.gpu_layers = QSpinBox(minimum=AUTO, maximum=999)
        self.gpu_layers.setSpecialValueText(self.tr("Automatic (as many as fit)"))
        self.gpu_layers.setValue(AUTO if defaults.n_gpu_layers is None else defaults.n_gpu_layers)
        self.gpu_layers.setToolTip(self.tr("-1: every layer on the GPU; 0: CPU only"))
        self.gpu_layers.setAccessibleName(self.tr("GPU layers"))
        self.system_prompt = QPlainTextEdit(defaults.system_prompt)
        self.system_prompt.setAccessibleName(self.tr("Default system prompt"))
        self.system_prompt.setTabChangesFocus(True)
        self.template = QPlainTextEdit(defaults.chat_template or "")
        self.template.setAccessibleName(self.tr("Chat template override"))
        self.template.setPlaceholderText(self.tr("Empty: the template stored in the file"))
        self.template.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow(self.tr("&Context size:"), self.n_ctx)
        form.addRow(self.tr("&GPU layers:"), self.gpu_layers)
        form.addRow(self.tr("System &prompt for new chats:"), self.system_prompt)
        form.addRow(self.tr("Chat &template (Jinja):"), self.template)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("These apply the next time the model loads."),
                                wordWrap=True))
        layout.addWidget(buttons)

    def value(self) -> ModelDefaults:
        """The defaults as edited."""
        template = self.template.toPlainText()
        return dataclasses.replace(
            self._defaults,
            n_ctx=self.n_ctx.value() or None,
            n_gpu_layers=None if self.gpu_layers.value() == AUTO else self.gpu_layers.value(),
            system_prompt=self.system_prompt.toPlainText().strip(),
            chat_template=template if template.strip() else None,
        )
