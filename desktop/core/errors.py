"""Typed errors of the engine and the Hub. The UI and CLI turn their kinds into words."""

from __future__ import annotations

from enum import StrEnum


class ErrorKind(StrEnum):
    """What went wrong, as a stable code that callers branch on."""

    MODEL_NOT_FOUND = "model_not_found"
    NOT_GGUF = "not_gguf"
    TRUNCATED_GGUF = "truncated_gguf"
    UNSUPPORTED_GGUF = "unsupported_gguf"
    LOAD_FAILED = "load_failed"
    NO_MODEL_LOADED = "no_model_loaded"
    TEMPLATE_REFUSED = "template_refused"
    TEMPLATE_FAILED = "template_failed"
    # The chat template ran past its time or memory budget (a template bomb) and was stopped.
    TEMPLATE_OVER_BUDGET = "template_over_budget"
    CONTEXT_OVERFLOW = "context_overflow"
    BAD_REQUEST = "bad_request"
    WORKER_CRASHED = "worker_crashed"
    WORKER_START_FAILED = "worker_start_failed"
    INTERNAL = "internal"
    UNKNOWN_ARCHITECTURE = "unknown_architecture"
    DISK_FULL = "disk_full"
    # The fit estimate says the model needs more memory than is free: refused before
    # llama.cpp allocates anything, rather than swapping or meeting the OOM killer.
    MODEL_TOO_LARGE = "model_too_large"


class KindError(Exception):
    """An error with a kind (a StrEnum value callers branch on) and a detail for logs."""

    def __init__(self, kind: StrEnum, detail: str = "") -> None:
        super().__init__(f"{kind.value}: {detail}" if detail else kind.value)
        self.kind = kind
        self.detail = detail

    def __reduce__(self) -> tuple:
        # Keeps kind and detail when the error crosses the process boundary.
        return (type(self), (self.kind, self.detail))


class EngineError(KindError):
    """An error from the engine or a model file; `kind` is an ErrorKind."""


class HubErrorKind(StrEnum):
    """Why a Hub request or a model download failed."""

    OFFLINE = "offline"  # no network, DNS failure, connection lost or timed out
    NOT_FOUND = "not_found"  # 404: no such repository, revision or file
    AUTH_REQUIRED = "auth_required"  # 401: gated or private, a token is needed
    ACCESS_DENIED = "access_denied"  # 403: the token has no access (licence not accepted)
    DISK_FULL = "disk_full"  # not enough free space, before or during a download
    CHECKSUM_MISMATCH = "checksum_mismatch"  # the bytes are not the file the Hub describes
    SERVER = "server"  # 5xx, or a reply Maru cannot read
    CANCELLED = "cancelled"  # the user paused or cancelled
    OFFLINE_MODE = "offline_mode"  # the user's offline setting is on: nothing was sent


class HubError(KindError):
    """A Hub or download failure; `kind` is a HubErrorKind."""
