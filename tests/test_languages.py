"""Language codes, names and detection (no model)."""

import pytest

from desktop.core.languages import (
    LANGUAGES,
    NATIVE_NAMES,
    detect_language,
    language_code,
    language_name,
)
from desktop.core.tasks import TaskError, TaskErrorKind


def test_tables_cover_the_same_languages_in_order():
    assert list(LANGUAGES)[:7] == ["ko", "en", "ja", "zh", "fr", "de", "es"]
    assert list(NATIVE_NAMES) == list(LANGUAGES)
    assert NATIVE_NAMES["ko"] == "한국어"
    assert LANGUAGES["ko"] == "Korean"


@pytest.mark.parametrize("value", [
    "ko", "KO", "ko-KR", "ko_KR", "korean", "Korean", "KOREAN", "한국어", "kor", " ko ", "한국말",
])
def test_ways_to_say_korean(value):
    assert language_code(value) == "ko"


@pytest.mark.parametrize(("value", "code"), [
    ("en-US", "en"), ("English", "en"), ("eng", "en"), ("영어", "en"),
    ("ja_JP", "ja"), ("日本語", "ja"), ("Japanese", "ja"), ("jpn", "ja"),
    ("zh-Hans-CN", "zh"), ("zh_TW", "zh"), ("中文", "zh"), ("Chinese", "zh"),
    ("Français", "fr"), ("francais", "fr"), ("fre", "fr"),
    ("Deutsch", "de"), ("ger", "de"), ("de-AT", "de"),
    ("Español", "es"), ("espanol", "es"), ("es-419", "es"),
    ("pt-BR", "pt"), ("Italiano", "it"), ("Русский", "ru"), ("Tiếng Việt", "vi"),
    ("ＫＯ", "ko"),  # full-width, as some input methods type it
])
def test_codes_names_and_regions(value, code):
    assert language_code(value) == code


@pytest.mark.parametrize("value", ["xx", "klingon", "", "   ", "k", "xx-KR", "ko-", "en--"])
def test_unknown_language_raises(value):
    with pytest.raises(TaskError) as caught:
        language_code(value)
    assert caught.value.kind is TaskErrorKind.UNKNOWN_LANGUAGE
    assert caught.value.detail == value


def test_language_name():
    assert language_name("ko") == "Korean"
    assert language_name("fr-CA") == "French"
    with pytest.raises(TaskError):
        language_name("xx")


SENTENCES = {
    "ko": "이 계약서(契約書)는 2024년 1월 1일부터 효력이 있습니다. Maru는 인터넷 없이도 "
          "동작하는 AI 비서입니다. 자세한 내용은 README를 참고하세요.",
    "en": "The meeting was moved to Thursday because the room was not available. "
          "Please bring the signed contract with you.",
    "ja": "東京都の人口は約千四百万人で、日本最大の都市です。会議は来週の月曜日に開催される"
          "予定です。",
    "zh": "我们今天下午在会议室讨论了新产品的发布计划。这个模型可以在没有网络的情况下运行。",
    "fr": "La réunion a été déplacée à jeudi parce que la salle n'était pas disponible. "
          "Merci d'apporter le contrat signé.",
    "de": "Die Besprechung wurde auf Donnerstag verschoben, weil der Raum nicht frei war. "
          "Bitte bringen Sie den unterschriebenen Vertrag mit.",
    "es": "La reunión se trasladó al jueves porque la sala no estaba disponible. "
          "Por favor, traiga el contrato firmado.",
    "it": "La riunione è stata spostata a giovedì perché la sala non era disponibile. "
          "Per favore, porta con te il contratto firmato.",
    "pt": "A reunião foi transferida para quinta-feira porque a sala não estava disponível. "
          "Por favor, traga o contrato assinado.",
    "ru": "Встреча перенесена на четверг, потому что комната была занята. "
          "Пожалуйста, принесите подписанный договор.",
    "vi": "Cuộc họp đã được dời sang thứ Năm vì phòng không còn trống. "
          "Vui lòng mang theo hợp đồng đã ký.",
}


@pytest.mark.parametrize("code", list(SENTENCES))
def test_detects_real_sentences(code):
    assert detect_language(SENTENCES[code]) == code


def test_korean_with_much_hanja_and_japanese_with_much_kanji():
    hanja = "大韓民國 憲法 前文: 悠久한 歷史와 傳統에 빛나는 우리 大韓國民은"
    assert detect_language(hanja) == "ko"
    assert detect_language("日本国憲法第九条の規定に基づき、国際平和を誠実に希求する。") == "ja"


def test_korean_with_english_terms():
    text = "이번 release에서는 GPU offload와 streaming output을 지원합니다."
    assert detect_language(text) == "ko"


def test_english_quoting_a_korean_word_is_english():
    text = "The Korean greeting 안녕하세요 is used in formal and informal settings alike."
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "ok", "A", "12345 67.8 !!!", "   \n\t", "네", "https://x.y"])
def test_too_little_text_is_none(text):
    assert detect_language(text) is None


def test_script_no_language_uses_is_none():
    assert detect_language("สวัสดีครับ ยินดีต้อนรับสู่ระบบของเรา") is None


def test_latin_text_without_telling_words_is_english():
    assert detect_language("Maru GPU offload") == "en"


def test_code_blocks_urls_and_digits_are_ignored():
    text = (
        "```python\n"
        "def the_function(self, value):\n"
        "    return self.value if the_value is not None else the_default\n"
        "```\n"
        "설치 후 https://example.com/the/english/words/here 에서 `the_thing()` 을 확인하세요.\n"
        "~~~\nwhile the loop is running and the value is not ready: wait for it\n"
    )
    assert detect_language(text) == "ko"


def test_long_text_is_sampled():
    text = SENTENCES["fr"] * 5000  # well past the sample
    assert detect_language(text) == "fr"
