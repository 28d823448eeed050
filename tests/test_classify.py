"""Classification's plain-Python half: labels, prompts, decisions and scores."""

from __future__ import annotations

import unicodedata

import pytest

from desktop.core.classify import (
    MAX_LABEL_CHARS,
    MAX_LABELS,
    PRESETS,
    YES_NO,
    ClassifyOptions,
    Example,
    Label,
    accuracy,
    decide,
    label_question_messages,
    macro_f1,
    parse_generated,
    parse_labels,
    single_label_messages,
    system_prompt,
    validate_options,
)
from desktop.core.tasks import TaskError, TaskErrorKind

SENTIMENT = ClassifyOptions(
    labels=(Label("positive", "pleased"), Label("negative", "unhappy"), Label("neutral")),
    examples=(Example("Great!", ("positive",)), Example("별로예요", ("negative",))),
    instruction="about the product, not the delivery",
)
MULTI = ClassifyOptions(
    labels=(Label("price", "cost or value"), Label("quality"), Label("delivery")),
    multi=True,
    examples=(Example("Cheap but broke\nin a day", ("price", "quality")), Example("ok", ())),
)


def refused(text: str) -> TaskError:
    with pytest.raises(TaskError) as caught:
        parse_labels(text)
    return caught.value


# ---- parse_labels -------------------------------------------------------------------


def test_comma_separated_labels():
    assert parse_labels(" positive, negative ,neutral ") == (
        Label("positive"), Label("negative"), Label("neutral"),
    )


def test_cjk_commas_and_a_trailing_comma():
    assert [x.name for x in parse_labels("긍정，부정、중립,")] == ["긍정", "부정", "중립"]


def test_one_label_per_line_with_descriptions():
    text = "- positive: the writer is pleased\r\nnegative - unhappy, angry\n\nsci-fi\n"
    assert parse_labels(text) == (
        Label("positive", "the writer is pleased"),
        Label("negative", "unhappy, angry"),
        Label("sci-fi"),
    )


def test_names_are_nfc():
    decomposed = unicodedata.normalize("NFD", "긍정")
    assert decomposed != "긍정"
    assert parse_labels(f"{decomposed},부정")[0].name == "긍정"


@pytest.mark.parametrize(
    ("text", "kind", "detail"),
    [
        ("a,b,A", TaskErrorKind.DUPLICATE_LABELS, "A"),
        ("positive\nnegative\nPositive: again", TaskErrorKind.DUPLICATE_LABELS, "Positive"),
        ("a,,b", TaskErrorKind.BAD_LABEL, "empty"),
        ("a, ,b", TaskErrorKind.BAD_LABEL, "empty"),
        (": no name\nb", TaskErrorKind.BAD_LABEL, "empty"),
        ("only", TaskErrorKind.TOO_FEW_LABELS, ""),
        ("", TaskErrorKind.TOO_FEW_LABELS, ""),
        (f"{'x' * (MAX_LABEL_CHARS + 1)},b", TaskErrorKind.BAD_LABEL, str(MAX_LABEL_CHARS)),
        (",".join(f"l{i}" for i in range(MAX_LABELS + 1)), TaskErrorKind.BAD_LABEL, "at most"),
        ("a\tb,c", TaskErrorKind.BAD_LABEL, "control"),
        ("a\u2028b,c", TaskErrorKind.BAD_LABEL, "line break"),
    ],
)
def test_label_errors(text, kind, detail):
    error = refused(text)
    assert error.kind is kind
    assert detail in error.detail


def test_fifty_labels_are_fine():
    assert len(parse_labels(",".join(f"l{i}" for i in range(MAX_LABELS)))) == MAX_LABELS


def test_validate_options_checks_labels_and_examples():
    validate_options(SENTIMENT)
    validate_options(MULTI)
    with pytest.raises(TaskError) as caught:
        validate_options(ClassifyOptions((Label("a\nb"), Label("c"))))
    assert caught.value.kind is TaskErrorKind.BAD_LABEL
    unknown = ClassifyOptions(SENTIMENT.labels, examples=(Example("x", ("Positive",)),))
    with pytest.raises(TaskError) as caught:
        validate_options(unknown)
    assert caught.value.kind is TaskErrorKind.BAD_EXAMPLES
    assert "'Positive'" in caught.value.detail
    two = ClassifyOptions(SENTIMENT.labels, examples=(Example("x", ("positive", "neutral")),))
    with pytest.raises(TaskError) as caught:
        validate_options(two)
    assert caught.value.kind is TaskErrorKind.BAD_EXAMPLES


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_presets_validate_and_mix_korean_and_english(name):
    preset = PRESETS[name]
    validate_options(preset)
    texts = " ".join(e.text for e in preset.examples)
    assert 1 <= len(preset.examples) <= 3
    assert any("\uac00" <= ch <= "\ud7a3" for ch in texts)
    assert any(ch.isascii() and ch.isalpha() for ch in texts)


def test_preset_contents():
    assert PRESETS["sentiment"].names == ("positive", "negative", "neutral")
    assert PRESETS["spam"].labels[1] == Label("ham", "a normal, wanted message")
    assert "Korean" in PRESETS["language"].names
    assert PRESETS["language"].names[-1] == "other"


# ---- prompts ------------------------------------------------------------------------


def test_system_prompt_lists_labels_guidance_and_the_answer_form():
    prompt = system_prompt(SENTIMENT)
    assert "- positive: pleased\n- negative: unhappy\n- neutral" in prompt
    assert "about the product, not the delivery" in prompt
    assert prompt.endswith("nothing else.")
    assert "exactly one label" in prompt
    multi = system_prompt(MULTI)
    assert all(word in multi for word in YES_NO)
    assert "Text: Cheap but broke in a day -> labels: price, quality" in multi
    assert "Text: ok -> labels: (none)" in multi


def test_single_label_messages_share_everything_but_the_item():
    first = single_label_messages(SENTIMENT, "  The screen is sharp.\n")
    second = single_label_messages(SENTIMENT, "화면이 선명해요")
    assert first[:-1] == second[:-1]
    roles = ["system", "user", "assistant", "user", "assistant", "user"]
    assert [m["role"] for m in first] == roles
    assert first[1:3] == [
        {"role": "user", "content": "Text:\nGreat!"},
        {"role": "assistant", "content": "positive"},
    ]
    assert first[-1] == {"role": "user", "content": "Text:\nThe screen is sharp."}
    assert second[-1]["content"] == "Text:\n화면이 선명해요"


def test_label_questions_share_the_system_and_the_item():
    item = "배송은 빨랐지만 가격이 비싸요"
    price = label_question_messages(MULTI, item, MULTI.labels[0])
    quality = label_question_messages(MULTI, item, MULTI.labels[1])
    assert price[0] == quality[0] == {"role": "system", "content": system_prompt(MULTI)}
    render = "".join(f"<{m['role']}>{m['content']}" for m in price)
    other = "".join(f"<{m['role']}>{m['content']}" for m in quality)
    shared = f"<user>Text:\n{item}\n\nDoes the label \""
    prefix = render[: render.index(shared) + len(shared)]
    assert other.startswith(prefix)
    assert price[1]["content"].endswith(
        'Does the label "price" (cost or value) apply? Answer yes or no.'
    )
    assert quality[1]["content"].endswith('Does the label "quality" apply? Answer yes or no.')
    assert label_question_messages(MULTI, "other", MULTI.labels[0])[0] == price[0]


# ---- decisions ----------------------------------------------------------------------


def test_decide_single_takes_the_argmax_and_the_earlier_label_on_ties():
    assert decide(SENTIMENT, {"positive": 0.2, "negative": 0.7, "neutral": 0.1}) == ("negative",)
    assert decide(SENTIMENT, {"positive": 0.1, "negative": 0.45, "neutral": 0.45}) == (
        "negative",
    )
    assert decide(SENTIMENT, {}) == ("positive",)


def test_decide_multi_uses_the_threshold_in_label_order():
    probabilities = {"delivery": 0.9, "price": 0.5, "quality": 0.49}
    assert decide(MULTI, probabilities) == ("price", "delivery")
    assert decide(MULTI, probabilities, threshold=0.95) == ()
    assert decide(MULTI, probabilities, threshold=0.4) == ("price", "quality", "delivery")


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("positive", "positive"),
        ("  Positive.\n", "positive"),
        ('"NEGATIVE"', "negative"),
        ("**neutral**", "neutral"),
        ("The sentiment is negative, not positive.", "negative"),
        ("Label: positive입니다", "positive"),
        ("nonpositive", None),
        ("I cannot tell.", None),
        ("", None),
    ],
)
def test_parse_generated_english(output, expected):
    assert parse_generated(output, ("positive", "negative", "neutral")) == expected


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("긍정", "긍정"),
        ("「부정」", "부정"),
        ("이 리뷰는 부정적입니다. 긍정적인 부분은 없어요.", "부정"),
        ("긍정적이에요", "긍정적"),  # the longer label that starts at the same place
        ("모르겠어요", None),
    ],
)
def test_parse_generated_korean(output, expected):
    assert parse_generated(output, ("긍정", "부정", "긍정적")) == expected


def test_parse_generated_keeps_symbols_in_names():
    assert parse_generated("C#", ("C", "C#")) == "C#"
    assert parse_generated("c.", ("C", "C#")) == "C"


def test_accuracy_and_macro_f1_by_hand():
    gold = ["a", "a", "b", "c"]
    predicted: list[str | None] = ["a", "b", "b", None]
    assert accuracy(gold, predicted) == 0.5
    # a: tp 1, fn 1 -> 2/3; b: tp 1, fp 1 -> 2/3; c: fn 1 -> 0; d: unused, not averaged.
    assert macro_f1(gold, predicted, ("a", "b", "c", "d")) == pytest.approx(4 / 9)
    assert accuracy([], []) == 0.0
    assert macro_f1([], [], ("a",)) == 0.0
    with pytest.raises(ValueError):
        accuracy(["a"], [])
