"""Conversations and messages as plain values, and the rules about them.

No Qt, no I/O: the history store persists these, the chat service edits them,
the UI shows them. Times are Unix seconds (float, UTC).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from desktop.core.sampling import Sampling

TITLE_MAX_CHARS = 40


class Role(StrEnum):
    """Who wrote a message."""

    USER = "user"
    ASSISTANT = "assistant"


class MessageStatus(StrEnum):
    """Where a message is in its life. Only assistant messages stream."""

    DONE = "done"
    STREAMING = "streaming"  # still arriving (or the app died while it was)
    STOPPED = "stopped"  # the user pressed Stop; the text so far is kept
    FAILED = "failed"  # the engine failed; `error` says why, the text so far is kept
    INTERRUPTED = "interrupted"  # found STREAMING after a restart: Maru was killed


@dataclass(frozen=True)
class ChatSettings:
    """How one conversation is answered. Saved with the conversation and in presets."""

    sampling: Sampling = field(default_factory=Sampling)
    max_tokens: int = 1024
    n_ctx: int = 4096
    # Document collections this conversation asks (besides its own attached files).
    collections: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (sampling flattened)."""
        out = {f.name: getattr(self.sampling, f.name) for f in fields(Sampling)}
        out.update(max_tokens=self.max_tokens, n_ctx=self.n_ctx,
                   collections=list(self.collections))
        return out

    @classmethod
    def from_dict(cls, raw: object) -> ChatSettings:
        """Read `to_dict` output; unknown keys are ignored, bad values use defaults."""
        if not isinstance(raw, dict):
            return cls()
        base = cls()
        sampling_values = {}
        for f in fields(Sampling):
            default = getattr(base.sampling, f.name)
            sampling_values[f.name] = _same_kind(raw.get(f.name, default), default)
        sampling = Sampling(**sampling_values)
        if sampling.validate():
            sampling = base.sampling
        max_tokens = _same_kind(raw.get("max_tokens", base.max_tokens), base.max_tokens)
        n_ctx = _same_kind(raw.get("n_ctx", base.n_ctx), base.n_ctx)
        names = raw.get("collections", [])
        collections = tuple(n for n in names if isinstance(n, str)) if isinstance(
            names, list) else ()
        return cls(sampling, max(1, max_tokens), max(256, n_ctx), collections)


def model_chat_settings(sampling_defaults: dict[str, float], n_ctx: int) -> ChatSettings:
    """Maru's defaults, overridden by what the model file recommends (GGUF
    `general.sampling.*`), with the context the model was loaded with."""
    base = Sampling()
    names = {"temp": "temperature", "top_p": "top_p", "top_k": "top_k", "min_p": "min_p",
             "penalty_repeat": "repeat_penalty"}
    values = {}
    for key, name in names.items():
        if key in sampling_defaults:
            values[name] = type(getattr(base, name))(sampling_defaults[key])
    sampling = Sampling(**{**base.__dict__, **values})
    if sampling.validate():
        sampling = base
    return ChatSettings(sampling=sampling, n_ctx=n_ctx)


def _same_kind(value: object, default: object) -> Any:
    """`value` if it has the default's type (int accepted for float), else the default."""
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if default is None:  # only the seed: None or an int
        return value if isinstance(value, int) and is_number else None
    if isinstance(default, float) and is_number:
        return float(value)
    if type(value) is type(default):
        return value
    return default


@dataclass
class Conversation:
    """One chat. `model` is a model file name (None: the default model)."""

    id: int
    title: str
    created_at: float
    updated_at: float
    pinned: bool = False
    system_prompt: str = ""
    model: str | None = None
    settings: ChatSettings = field(default_factory=ChatSettings)


@dataclass
class Message:
    """One message. `meta` holds answer statistics (model, tokens/s, tokens)."""

    id: int
    conversation_id: int
    role: Role
    text: str
    status: MessageStatus = MessageStatus.DONE
    error: str = ""  # an ErrorKind value when status is FAILED
    created_at: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)


def auto_title(text: str, max_chars: int = TITLE_MAX_CHARS) -> str:
    """A short title from a conversation's first message: its first line, cut at a word."""
    line = next((ln for ln in text.splitlines() if ln.strip()), "")
    line = re.sub(r"[#*_`>\[\]]+", "", line)
    line = " ".join(line.split())
    if len(line) <= max_chars:
        return line
    cut = line[: max_chars - 1]
    # A space right after the cut also ends a word, so look one character further.
    space = line.rfind(" ", 0, max_chars)
    if space >= max_chars // 2:
        cut = line[:space]
    return cut.rstrip(" ,.;:") + "…"


class DateGroup(StrEnum):
    """Sidebar sections, newest first. The UI translates them."""

    PINNED = "pinned"
    TODAY = "today"
    YESTERDAY = "yesterday"
    PREVIOUS_7_DAYS = "previous_7_days"
    PREVIOUS_30_DAYS = "previous_30_days"
    OLDER = "older"


def date_group(conversation: Conversation, now: datetime) -> DateGroup:
    """The section a conversation belongs in, by its last activity in local time."""
    if conversation.pinned:
        return DateGroup.PINNED
    when = datetime.fromtimestamp(conversation.updated_at, tz=now.tzinfo)
    days = (now.date() - when.date()).days
    if days <= 0:
        return DateGroup.TODAY
    if days == 1:
        return DateGroup.YESTERDAY
    if days < 7:
        return DateGroup.PREVIOUS_7_DAYS
    if now - when < timedelta(days=30):
        return DateGroup.PREVIOUS_30_DAYS
    return DateGroup.OLDER


def prompt_messages(system_prompt: str, messages: list[Message]) -> list[dict[str, str]]:
    """What the engine is asked: the system prompt, then every turn that has text.

    Failed or stopped answers keep the text they had; empty ones are left out.
    Two user turns in a row (the first lost its answer) are joined, because many
    chat templates refuse roles that do not alternate.
    """
    out: list[dict[str, str]] = []
    if system_prompt.strip():
        out.append({"role": "system", "content": system_prompt})
    for message in messages:
        if not message.text.strip():
            continue
        if out and out[-1]["role"] == message.role == Role.USER:
            out[-1] = {"role": "user", "content": out[-1]["content"] + "\n\n" + message.text}
            continue
        out.append({"role": message.role.value, "content": message.text})
    return out
