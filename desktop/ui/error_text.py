"""Engine, storage, download and import errors in the user's words: what happened, what next."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CONTEXT = "ErrorText"

# kind -> (what happened, what to do next); kinds are ErrorKind / HistoryErrorKind values.
_TEXTS: dict[str, tuple[str, str]] = {
    "worker_crashed": (
        QT_TRANSLATE_NOOP("ErrorText", "The model process stopped unexpectedly."),
        QT_TRANSLATE_NOOP("ErrorText", "Maru restarts it by itself. Press Regenerate to try "
                          "again; if it happens again, the model may need more memory than "
                          "is free: pick a smaller model or a smaller context."),
    ),
    "worker_start_failed": (
        QT_TRANSLATE_NOOP("ErrorText", "Maru could not start the model process."),
        QT_TRANSLATE_NOOP("ErrorText", "Close other programs to free memory, then try again."),
    ),
    "load_failed": (
        QT_TRANSLATE_NOOP("ErrorText", "The model could not be loaded."),
        QT_TRANSLATE_NOOP("ErrorText", "Pick another model in the panel on the right, or a "
                          "smaller context size."),
    ),
    "model_too_large": (
        QT_TRANSLATE_NOOP("ErrorText", "This model needs more memory than this computer has "
                          "free, so Maru did not load it."),
        QT_TRANSLATE_NOOP("ErrorText", "Pick a smaller model or a smaller context size, or "
                          "close other programs and try again."),
    ),
    "model_not_found": (
        QT_TRANSLATE_NOOP("ErrorText", "The model file was not found."),
        QT_TRANSLATE_NOOP("ErrorText", "Pick an installed model in the panel on the right."),
    ),
    "not_gguf": (
        QT_TRANSLATE_NOOP("ErrorText", "This file is not a GGUF model."),
        QT_TRANSLATE_NOOP("ErrorText", "Pick another model."),
    ),
    "truncated_gguf": (
        QT_TRANSLATE_NOOP("ErrorText", "The model file is incomplete (cut off)."),
        QT_TRANSLATE_NOOP("ErrorText", "Download it again, or pick another model."),
    ),
    "unsupported_gguf": (
        QT_TRANSLATE_NOOP("ErrorText", "This model's format is not supported by Maru's engine."),
        QT_TRANSLATE_NOOP("ErrorText", "Pick another model."),
    ),
    "no_model_loaded": (
        QT_TRANSLATE_NOOP("ErrorText", "No model is loaded."),
        QT_TRANSLATE_NOOP("ErrorText", "Pick a model in the panel on the right, then press "
                          "Regenerate."),
    ),
    "template_refused": (
        QT_TRANSLATE_NOOP("ErrorText", "The model's chat template tried something unsafe and "
                          "was refused."),
        QT_TRANSLATE_NOOP("ErrorText", "Pick another model."),
    ),
    "template_failed": (
        QT_TRANSLATE_NOOP("ErrorText", "The model's chat template failed on this conversation."),
        QT_TRANSLATE_NOOP("ErrorText", "Start a new conversation or pick another model."),
    ),
    "template_over_budget": (
        QT_TRANSLATE_NOOP("ErrorText", "The model's chat template took too long or used too "
                          "much memory, so Maru stopped it."),
        QT_TRANSLATE_NOOP("ErrorText", "Pick another model: this one's chat template looks "
                          "broken or hostile."),
    ),
    "context_overflow": (
        QT_TRANSLATE_NOOP("ErrorText", "The message is too long for the model's context."),
        QT_TRANSLATE_NOOP("ErrorText", "Shorten the message or raise the context size in the "
                          "panel on the right."),
    ),
    "bad_request": (
        QT_TRANSLATE_NOOP("ErrorText", "The engine refused the request."),
        QT_TRANSLATE_NOOP("ErrorText", "Check the sampling settings, or press Reset."),
    ),
    "disk_full": (
        QT_TRANSLATE_NOOP("ErrorText", "The disk is full: the conversation could not be saved."),
        QT_TRANSLATE_NOOP("ErrorText", "Free some disk space; Maru keeps the text on screen."),
    ),
    "read_only": (
        QT_TRANSLATE_NOOP("ErrorText", "The history file is read-only."),
        QT_TRANSLATE_NOOP("ErrorText", "Check the permissions of Maru's data folder."),
    ),
    "corrupt": (
        QT_TRANSLATE_NOOP("ErrorText", "The history file is damaged."),
        QT_TRANSLATE_NOOP("ErrorText", "Quit Maru and see Troubleshooting in the README."),
    ),
}
# Model downloads, Hub requests and imports: HubErrorKind values, and the ErrorKind values
# an import can end with where the words differ from loading.
_MODEL_TEXTS: dict[str, tuple[str, str]] = {
    "offline": (
        QT_TRANSLATE_NOOP("ErrorText", "Maru could not reach the Hugging Face Hub."),
        QT_TRANSLATE_NOOP("ErrorText", "Check the network connection and try again; a "
                          "download keeps the bytes it has and resumes from there."),
    ),
    "not_found": (
        QT_TRANSLATE_NOOP("ErrorText", "The Hub has no such repository or file."),
        QT_TRANSLATE_NOOP("ErrorText", "Check the name; the file may have been renamed or "
                          "removed by its author."),
    ),
    "auth_required": (
        QT_TRANSLATE_NOOP("ErrorText", "This repository is gated or private: the Hub asks for "
                          "an access token."),
        QT_TRANSLATE_NOOP("ErrorText", "Accept the model's terms on its Hub page, then enter "
                          "a Hugging Face access token."),
    ),
    "access_denied": (
        QT_TRANSLATE_NOOP("ErrorText", "The Hub refused access with this token."),
        QT_TRANSLATE_NOOP("ErrorText", "Accept the model's terms on its Hub page with the same "
                          "account, or enter another token."),
    ),
    "disk_full": (
        QT_TRANSLATE_NOOP("ErrorText", "There is not enough free disk space for this model."),
        QT_TRANSLATE_NOOP("ErrorText", "Free some space or remove a model you no longer use; "
                          "nothing was installed."),
    ),
    "checksum_mismatch": (
        QT_TRANSLATE_NOOP("ErrorText", "The downloaded file did not match the Hub's checksum "
                          "and was deleted."),
        QT_TRANSLATE_NOOP("ErrorText", "Download it again; if it fails again, the network or "
                          "a proxy is changing the data."),
    ),
    "server": (
        QT_TRANSLATE_NOOP("ErrorText", "The Hub answered with an error."),
        QT_TRANSLATE_NOOP("ErrorText", "Try again in a few minutes."),
    ),
    "offline_mode": (
        QT_TRANSLATE_NOOP("ErrorText", "Offline mode is on."),
        QT_TRANSLATE_NOOP("ErrorText", "Turn it off in Settings to search the Hub or download."),
    ),
    "unknown_architecture": (
        QT_TRANSLATE_NOOP("ErrorText", "Maru's engine does not know this model's architecture."),
        QT_TRANSLATE_NOOP("ErrorText", "A newer Maru may support it; pick another model for "
                          "now."),
    ),
}
_UNKNOWN = (
    QT_TRANSLATE_NOOP("ErrorText", "Something went wrong."),
    QT_TRANSLATE_NOOP("ErrorText", "Try again; if it keeps happening, restart Maru."),
)


def describe(kind: str) -> tuple[str, str]:
    """(what happened, what to do next), translated, for an error kind."""
    return _translated(_TEXTS.get(kind, _UNKNOWN))


def describe_model_error(kind: str) -> tuple[str, str]:
    """Like describe(), in the words of downloads, Hub requests and imports."""
    return _translated(_MODEL_TEXTS.get(kind) or _TEXTS.get(kind, _UNKNOWN))


def _translated(texts: tuple[str, str]) -> tuple[str, str]:
    happened, todo = texts
    return (QCoreApplication.translate(_CONTEXT, happened),
            QCoreApplication.translate(_CONTEXT, todo))
