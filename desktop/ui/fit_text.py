"""A fit estimate in the user's words: a short label and one line of figures."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.core.fit import FitEstimate, FitKind, FitReason, Machine
from desktop.ui.formatting import size_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("FitText", text)


_REASONS = {
    FitReason.NO_GPU_BACKEND: QT_TRANSLATE_NOOP("FitText", "This build of the engine has no GPU "
                                                "support, so the model runs on the CPU."),
    FitReason.VRAM_UNKNOWN: QT_TRANSLATE_NOOP("FitText", "Free GPU memory could not be "
                                              "measured, so Maru keeps the model on the CPU."),
    FitReason.FITS_VRAM: QT_TRANSLATE_NOOP("FitText", "The whole model fits in free GPU "
                                           "memory."),
    FitReason.PARTLY_FITS_VRAM: QT_TRANSLATE_NOOP("FitText", "Only part of the model fits in "
                                                  "free GPU memory; the rest runs on the CPU."),
    FitReason.NO_VRAM_FOR_A_LAYER: QT_TRANSLATE_NOOP("FitText", "Free GPU memory is too small "
                                                     "for even one layer."),
    FitReason.USER_SET: QT_TRANSLATE_NOOP("FitText", "You set the number of GPU layers."),
    FitReason.VRAM_TOO_SMALL: QT_TRANSLATE_NOOP("FitText", "The GPU layers you set need more "
                                                "GPU memory than is free."),
    FitReason.RAM_IN_USE: QT_TRANSLATE_NOOP("FitText", "It needs more memory than is free now; "
                                            "closing other programs may help."),
    FitReason.RAM_TOO_SMALL: QT_TRANSLATE_NOOP("FitText", "It needs more memory than this "
                                               "computer has."),
    FitReason.UNKNOWN_SHAPE: QT_TRANSLATE_NOOP("FitText", "The file does not describe its "
                                               "layers, so Maru keeps it on the CPU."),
}


def fit_reason(reason: str) -> str:
    """Why the model runs where it runs (a FitReason value), in words."""
    try:
        return _tr(_REASONS[FitReason(reason)])
    except ValueError:
        return ""


def fit_label(estimate: FitEstimate | None) -> str:
    """"Runs fully on the GPU", "Partly on the GPU (12 of 28 layers)", ..."""
    if estimate is None:
        return QCoreApplication.translate("FitText", "Not estimated")
    if estimate.kind is FitKind.FULL_GPU:
        return QCoreApplication.translate("FitText", "Runs fully on the GPU")
    if estimate.kind is FitKind.PARTIAL_GPU:
        return QCoreApplication.translate("FitText", "Partly on the GPU (%1 of %2 layers)").replace(
            "%1", str(estimate.n_gpu_layers)).replace("%2", str(estimate.n_layers))
    if estimate.kind is FitKind.CPU_ONLY:
        return QCoreApplication.translate("FitText", "Runs on the CPU")
    return QCoreApplication.translate("FitText", "Will not fit in free memory")


def fit_details(estimate: FitEstimate | None, machine: Machine | None = None) -> str:
    """The figures behind the label: what it needs, what is free, and why it runs there."""
    if estimate is None:
        return ""
    text = QCoreApplication.translate(
        "FitText", "Needs about %1 of memory (weights %2, context %3, buffers %4).")
    for key, value in (("%1", estimate.ram_bytes + estimate.vram_bytes),
                       ("%2", estimate.weights_bytes), ("%3", estimate.kv_bytes),
                       ("%4", estimate.overhead_bytes)):
        text = text.replace(key, size_text(value))
    if estimate.vram_bytes:
        text += " " + QCoreApplication.translate("FitText", "%1 of it on the GPU.").replace(
            "%1", size_text(estimate.vram_bytes))
    if machine is not None:
        text += " " + QCoreApplication.translate("FitText", "%1 of memory is free.").replace(
            "%1", size_text(machine.free_ram))
        if machine.free_vram is not None:
            text += " " + QCoreApplication.translate(
                "FitText", "%1 of GPU memory is free.").replace("%1", size_text(machine.free_vram))
    reason = fit_reason(estimate.reason)
    return f"{text}\n{reason}" if reason else text
