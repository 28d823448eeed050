"""Conversation rules (titles, prompts, settings) and the export/import format."""

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from desktop.core.conversation import (
    TITLE_MAX_CHARS,
    ChatSettings,
    Conversation,
    DateGroup,
    Message,
    MessageStatus,
    Role,
    auto_title,
    date_group,
    prompt_messages,
)
from desktop.core.conversation_export import (
    FORMAT_TAG,
    ImportFormatError,
    from_json,
    to_json,
    to_markdown,
)
from desktop.core.sampling import Sampling


def msg(role, text, status=MessageStatus.DONE, **kwargs):
    return Message(0, 0, role, text, status, **kwargs)


# auto_title


def test_auto_title_keeps_a_short_first_line_without_markdown():
    assert auto_title("Hello world") == "Hello world"
    assert auto_title("\n\n  # **Plan** a   `trip`\nsecond line") == "Plan a trip"
    assert auto_title("") == ""


def test_auto_title_korean():
    assert auto_title("서울에서 부산까지 가는 방법 알려줘") == "서울에서 부산까지 가는 방법 알려줘"
    long_korean = "가" * 100
    title = auto_title(long_korean)
    assert title == "가" * (TITLE_MAX_CHARS - 1) + "…"


def test_auto_title_cuts_long_text_at_a_word():
    text = "Please explain how the transformer attention mechanism works in detail"
    title = auto_title(text)
    assert title.endswith("…") and len(title) <= TITLE_MAX_CHARS
    assert text.startswith(title[:-1])
    assert text[len(title) - 1] == " "  # cut where a word ends, not inside one


def test_auto_title_keeps_a_word_that_ends_exactly_at_the_limit():
    text = "a" * 25 + " " + "b" * 13 + " tail words"  # the space after the b's is at 39
    assert auto_title(text) == "a" * 25 + " " + "b" * 13 + "…"


# prompt_messages


def test_prompt_messages_system_prompt_and_turns():
    turns = [msg(Role.USER, "Hi"), msg(Role.ASSISTANT, "Hello!")]
    assert prompt_messages("Be brief.", turns) == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Hi"},
        {"role": "assistant", "content": "Hello!"},
    ]
    assert prompt_messages("   ", turns)[0]["role"] == "user"


def test_prompt_messages_skips_empty_answers_and_joins_user_turns():
    turns = [
        msg(Role.USER, "first"),
        msg(Role.ASSISTANT, "", MessageStatus.FAILED, error="worker_crashed"),
        msg(Role.USER, "second"),
        msg(Role.ASSISTANT, "partial", MessageStatus.STOPPED),
    ]
    assert prompt_messages("", turns) == [
        {"role": "user", "content": "first\n\nsecond"},
        {"role": "assistant", "content": "partial"},
    ]


# ChatSettings


def test_chat_settings_round_trip():
    settings = ChatSettings(Sampling(temperature=0.2, top_k=5, seed=7), max_tokens=99, n_ctx=8192)
    assert ChatSettings.from_dict(settings.to_dict()) == settings


def test_chat_settings_from_dict_tolerates_bad_input():
    assert ChatSettings.from_dict(None) == ChatSettings()
    assert ChatSettings.from_dict([1, 2]) == ChatSettings()
    loose = ChatSettings.from_dict(
        {"temperature": 1, "top_k": "many", "seed": True, "junk": 1, "max_tokens": 0, "n_ctx": 9}
    )
    assert loose.sampling.temperature == 1.0 and isinstance(loose.sampling.temperature, float)
    assert loose.sampling.top_k == Sampling().top_k
    assert loose.sampling.seed is None
    assert loose.max_tokens == 1 and loose.n_ctx == 256
    # An out-of-range value makes the whole sampling block fall back to defaults.
    assert ChatSettings.from_dict({"top_p": 5.0, "max_tokens": 50}) == ChatSettings(max_tokens=50)


def test_date_group():
    now = datetime(2024, 5, 20, 12, 0).astimezone()

    def group(delta, pinned=False):
        when = (now - delta).timestamp()
        return date_group(Conversation(1, "", when, when, pinned), now)

    assert group(timedelta(hours=1)) == DateGroup.TODAY
    assert group(timedelta(days=1)) == DateGroup.YESTERDAY
    assert group(timedelta(days=3)) == DateGroup.PREVIOUS_7_DAYS
    assert group(timedelta(days=20)) == DateGroup.PREVIOUS_30_DAYS
    assert group(timedelta(days=90)) == DateGroup.OLDER
    assert group(timedelta(days=90), pinned=True) == DateGroup.PINNED


# Export format


def sample() -> tuple[Conversation, list[Message]]:
    settings = ChatSettings(Sampling(temperature=0.3, seed=42), max_tokens=512, n_ctx=2048)
    conversation = Conversation(
        7, "서울 여행", 1700000000.25, 1700000100.5, True, "Answer in Korean.\nBe kind.", "qwen",
        settings,
    )  # fmt: skip
    messages = [
        Message(1, 7, Role.USER, "서울에서 부산까지?", created_at=1700000001.0),
        Message(2, 7, Role.ASSISTANT, "KTX로 2시간 반.", created_at=1700000002.0,
                meta={"model": "qwen", "tokens": 12, "tokens_per_s": 31.5}),
        Message(3, 7, Role.ASSISTANT, "부분", MessageStatus.FAILED, "worker_crashed", 1700000003.0),
        Message(4, 7, Role.ASSISTANT, "half", MessageStatus.STOPPED, created_at=1700000004.0),
    ]  # fmt: skip
    return conversation, messages


def test_json_round_trip_is_exact_except_ids():
    conversation, messages = sample()
    data = to_json(conversation, messages)
    assert data["format"] == FORMAT_TAG and data["version"] == 1
    back, back_messages = from_json(data)
    assert back == replace(conversation, id=0)
    assert back_messages == [replace(m, id=0, conversation_id=0) for m in messages]


def test_json_round_trip_survives_text_serialisation():
    import json

    conversation, messages = sample()
    data = json.loads(json.dumps(to_json(conversation, messages)))
    assert to_json(*from_json(data)) == to_json(conversation, messages)


def good() -> dict:
    return to_json(*sample())


def broken(path: tuple, value: object = ...) -> dict:
    """good() with the value at `path` replaced (or deleted when value is ...)."""
    data = good()
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ([1, 2], "not a JSON object"),
        (broken(("format",), "other.app"), "not a Maru conversation"),
        (broken(("format",)), "not a Maru conversation"),
        (broken(("version",), 2), "newer Maru"),
        (broken(("version",), True), "version"),
        (broken(("version",), "1"), "version"),
        (broken(("title",)), "missing field 'title'"),
        (broken(("pinned",), "yes"), "'pinned' must be true or false"),
        (broken(("created_at",), "today"), "'created_at' must be a number"),
        (broken(("updated_at",), True), "'updated_at' must be a number"),
        (broken(("model",), 3), "'model' must be a string or null"),
        (broken(("settings",), []), "'settings' must be an object"),
        (broken(("messages",), {}), "'messages' must be a list"),
        (broken(("messages", 1), "hello"), "message 2 is not an object"),
        (broken(("messages", 0, "role"), "system"), "message 1: unknown role 'system'"),
        (broken(("messages", 2, "status"), "lost"), "message 3: unknown status"),
        (broken(("messages", 1, "text"), None), "message 2: field 'text' must be a string"),
        (broken(("messages", 1, "meta"), [1]), "message 2: field 'meta' must be an object"),
        (broken(("messages", 3, "error")), "message 4: missing field 'error'"),
    ],
)
def test_from_json_refuses_bad_data_with_a_reason(data, reason):
    with pytest.raises(ImportFormatError, match=reason.replace("(", r"\(")):
        from_json(data)


def test_from_json_accepts_null_model_int_times_and_extra_keys():
    data = broken(("model",), None)
    data["created_at"] = 1700000000
    data["written_by"] = "a later Maru"
    conversation, _ = from_json(data)
    assert conversation.model is None
    assert conversation.created_at == 1700000000.0 and isinstance(conversation.created_at, float)


def test_import_format_error_is_a_value_error():
    assert issubclass(ImportFormatError, ValueError)


# Markdown


def test_markdown_transcript():
    conversation, messages = sample()
    text = to_markdown(conversation, messages)
    assert text.startswith("# 서울 여행\n\n")
    assert "> Answer in Korean.\n> Be kind." in text
    assert "## You\n\n서울에서 부산까지?" in text
    assert "## Maru\n\nKTX로 2시간 반." in text
    assert "*The answer failed (worker_crashed).*" in text
    assert "half\n\n*Stopped by the user.*" in text
    assert text.index("## You") < text.index("## Maru")


def test_markdown_untitled_without_system_prompt():
    conversation = Conversation(1, "  ", 0.0, 0.0)
    text = to_markdown(conversation, [msg(Role.USER, "```py\nprint(1)\n```")])
    assert text == "# Untitled conversation\n\n## You\n\n```py\nprint(1)\n```\n"
