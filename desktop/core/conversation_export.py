"""Conversations as files: a Markdown transcript to read, a JSON document to re-import.

Pure functions, no I/O: the history store reads and writes, the UI picks the file.
The JSON format is versioned (`FORMAT_TAG`, `FORMAT_VERSION`); `from_json` checks
every field so a bad file is refused before anything is written. Error texts are
English because they describe a file, not the UI; callers branch on the type.
"""

from __future__ import annotations

from typing import Any

from desktop.core.conversation import (
    ChatSettings,
    Conversation,
    Message,
    MessageStatus,
    Role,
)

FORMAT_TAG = "maru.conversation"
FORMAT_VERSION = 1

_HEADINGS = {Role.USER: "You", Role.ASSISTANT: "Maru"}
_NOTES = {
    MessageStatus.STOPPED: "Stopped by the user.",
    MessageStatus.FAILED: "The answer failed",
    MessageStatus.INTERRUPTED: "Interrupted: Maru closed while answering.",
    MessageStatus.STREAMING: "Still being written when exported.",
}


class ImportFormatError(ValueError):
    """The data is not a conversation this version of Maru can import."""


def to_markdown(conversation: Conversation, messages: list[Message]) -> str:
    """A readable transcript: title, system prompt as a quote, then each turn."""
    title = " ".join(conversation.title.split()) or "Untitled conversation"
    parts = [f"# {title}"]
    if conversation.system_prompt.strip():
        quoted = "\n".join(f"> {ln}".rstrip() for ln in conversation.system_prompt.splitlines())
        parts.append(f"**System prompt**\n\n{quoted}")
    for message in messages:
        parts.append(f"## {_HEADINGS[message.role]}")
        if message.text:
            parts.append(message.text)
        note = _note(message)
        if note:
            parts.append(f"*{note}*")
    return "\n\n".join(parts) + "\n"


def _note(message: Message) -> str:
    note = _NOTES.get(message.status, "")
    if message.status == MessageStatus.FAILED:
        note += f" ({message.error})." if message.error else "."
    return note


def to_json(conversation: Conversation, messages: list[Message]) -> dict[str, Any]:
    """A JSON-ready dict in the versioned `maru.conversation` format (ids left out)."""
    return {
        "format": FORMAT_TAG,
        "version": FORMAT_VERSION,
        "title": conversation.title,
        "created_at": conversation.created_at,
        "updated_at": conversation.updated_at,
        "pinned": conversation.pinned,
        "system_prompt": conversation.system_prompt,
        "model": conversation.model,
        "settings": conversation.settings.to_dict(),
        "messages": [
            {
                "role": m.role.value,
                "text": m.text,
                "status": m.status.value,
                "error": m.error,
                "created_at": m.created_at,
                "meta": dict(m.meta),
            }
            for m in messages
        ],
    }


def from_json(data: object) -> tuple[Conversation, list[Message]]:
    """Read `to_json` output. Ids are 0: the values are not stored yet.

    Raises ImportFormatError with the reason when anything is missing or wrong.
    Unknown extra keys are ignored so that a later version 1 writer may add some.
    """
    if not isinstance(data, dict):
        raise ImportFormatError("not a JSON object")
    if data.get("format") != FORMAT_TAG:
        raise ImportFormatError(f"not a Maru conversation (format is not {FORMAT_TAG!r})")
    version = data.get("version")
    if not _is_int(version) or version < 1:
        raise ImportFormatError("missing or invalid format version")
    if version > FORMAT_VERSION:
        raise ImportFormatError(
            f"made by a newer Maru (format version {version}, this Maru reads {FORMAT_VERSION})"
        )
    settings = _field(data, "settings", dict, "an object")
    conversation = Conversation(
        id=0,
        title=_field(data, "title", str, "a string"),
        created_at=_time(data, "created_at"),
        updated_at=_time(data, "updated_at"),
        pinned=_field(data, "pinned", bool, "true or false"),
        system_prompt=_field(data, "system_prompt", str, "a string"),
        model=_optional_str(data, "model"),
        settings=ChatSettings.from_dict(settings),
    )
    raw_messages = _field(data, "messages", list, "a list")
    messages = [_message(raw, index) for index, raw in enumerate(raw_messages)]
    return conversation, messages


def _message(raw: object, index: int) -> Message:
    where = f"message {index + 1}"
    if not isinstance(raw, dict):
        raise ImportFormatError(f"{where} is not an object")
    role = _choice(raw, "role", Role, where)
    status = _choice(raw, "status", MessageStatus, where)
    return Message(
        id=0,
        conversation_id=0,
        role=role,
        text=_field(raw, "text", str, "a string", where),
        status=status,
        error=_field(raw, "error", str, "a string", where),
        created_at=_time(raw, "created_at", where),
        meta=_field(raw, "meta", dict, "an object", where),
    )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _field(raw: dict, key: str, kind: type, kind_words: str, where: str = "") -> Any:
    prefix = f"{where}: " if where else ""
    if key not in raw:
        raise ImportFormatError(f"{prefix}missing field {key!r}")
    value = raw[key]
    # bool is an int in Python; a JSON true must not pass as a number, nor 1 as true.
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise ImportFormatError(f"{prefix}field {key!r} must be {kind_words}")
    return value


def _time(raw: dict, key: str, where: str = "") -> float:
    value = _field(raw, key, int | float, "a number of seconds", where)
    return float(value)


def _optional_str(raw: dict, key: str) -> str | None:
    if raw.get(key, "") is None:
        return None
    return _field(raw, key, str, "a string or null")


def _choice(raw: dict, key: str, enum: type[Role] | type[MessageStatus], where: str) -> Any:
    value = _field(raw, key, str, "a string", where)
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(repr(e.value) for e in enum)
        raise ImportFormatError(f"{where}: unknown {key} {value!r} (expected {allowed})") from None
