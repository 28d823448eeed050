"""The languages Maru translates between: their codes, names and detection.

Plain Python, no I/O. A language is named by its ISO 639-1 code ("ko"); the
user may type it many ways ("ko-KR", "Korean", "한국어", "kor"), and
`language_code` folds them all to the code. `detect_language` tells a text's
language without a model: the script first (Hangul, kana, Han, Cyrillic), then,
for Latin script, common function words and diacritics. It is a guess for
prompts ("translate from Korean") and for skipping text already in the target
language, not a classifier to trust on a few words.
"""

from __future__ import annotations

import re
import unicodedata

from desktop.core.tasks import TaskError, TaskErrorKind

LANGUAGES: dict[str, str] = {
    "ko": "Korean",
    "en": "English",
    "ja": "Japanese",
    "zh": "Chinese",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "ru": "Russian",
    "vi": "Vietnamese",
}

NATIVE_NAMES: dict[str, str] = {
    "ko": "한국어",
    "en": "English",
    "ja": "日本語",
    "zh": "中文",
    "fr": "Français",
    "de": "Deutsch",
    "es": "Español",
    "it": "Italiano",
    "pt": "Português",
    "ru": "Русский",
    "vi": "Tiếng Việt",
}

# Other ways to write each language: ISO 639-2/3 codes, names in Korean (Maru's
# first users), Chinese and Japanese, and native names typed without accents.
_ALIASES: dict[str, tuple[str, ...]] = {
    "ko": ("kor", "한국말", "韓国語", "韩语", "韓語"),
    "en": ("eng", "영어", "英語", "英语"),
    "ja": ("jpn", "jp", "일본어", "にほんご", "日语", "日文"),
    "zh": ("zho", "chi", "cmn", "mandarin", "중국어", "中国語", "汉语", "漢語", "中國語"),
    "fr": ("fra", "fre", "francais", "프랑스어", "불어", "フランス語", "法语"),
    "de": ("deu", "ger", "독일어", "ドイツ語", "德语"),
    "es": ("spa", "espanol", "castellano", "스페인어", "スペイン語", "西班牙语"),
    "it": ("ita", "이탈리아어", "イタリア語", "意大利语"),
    "pt": ("por", "portugues", "포르투갈어", "ポルトガル語", "葡萄牙语"),
    "ru": ("rus", "russkiy", "러시아어", "ロシア語", "俄语"),
    "vi": ("vie", "tieng viet", "베트남어", "ベトナム語", "越南语"),
}


def _key(value: str) -> str:
    # NFKC folds full-width letters; casefold makes "KO" and "Korean" match.
    return " ".join(unicodedata.normalize("NFKC", value).casefold().replace("_", "-").split())


def _lookup_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for code, name in LANGUAGES.items():
        for alias in (code, name, NATIVE_NAMES[code], *_ALIASES[code]):
            table[_key(alias)] = code
    return table


_LOOKUP = _lookup_table()
_REGION = re.compile(r"([a-z]{2,3})(?:-[a-z0-9]{1,8})+")  # "ko-kr", "zh-hans-cn", "pt-br"


def language_code(value: str) -> str:
    """Normalize a user's language: "ko", "KO", "ko-KR", "ko_KR", "korean",
    "Korean", "한국어", "kor" -> "ko". Raises TaskError(UNKNOWN_LANGUAGE, value)
    for anything else, the empty string included."""
    key = _key(value)
    code = _LOOKUP.get(key)
    if code is None and (region := _REGION.fullmatch(key)):
        code = _LOOKUP.get(region[1])
    if code is None:
        raise TaskError(TaskErrorKind.UNKNOWN_LANGUAGE, value)
    return code


def language_name(code: str) -> str:
    """The English name of a language ("ko" -> "Korean"), for prompts.
    Accepts anything `language_code` does; raises TaskError the same way."""
    return LANGUAGES[language_code(code)]


# ---- detection ----------------------------------------------------------------

MAX_SAMPLE_CHARS = 20_000  # the start of a long text tells its language well enough
MIN_LETTERS = 3  # below this (a CJK character counts 2), detect_language says None

_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_NOISE = re.compile(
    r"`[^`\n]*`"  # inline code
    r"|\b(?:https?://|ftp://|www\.)\S+"  # URLs
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses (tried at word starts only)
)
_SCRIPTS = {
    "hangul": re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]"),
    "kana": re.compile("[\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]"),
    "han": re.compile("[\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"),
    "cyrillic": re.compile("[\u0400-\u04ff]"),
    "latin": re.compile("[a-zA-Z\u00c0-\u024f\u1e00-\u1eff]"),
}
_ALPHA = re.compile(r"[^\W\d_]")
# Letters only Vietnamese uses among Maru's languages (horn, stroke, dot below...).
_VIETNAMESE = re.compile("[ơưđăƠƯĐĂ\u1ea0-\u1ef9]")
_WORDS = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str | None:
    """The language of `text` among LANGUAGES, or None when there is too little
    text to tell (fewer than about 3 letters) or its letters are mostly of a
    script none of them uses (Arabic, Thai...).

    Fenced code blocks, inline code, URLs, e-mail addresses and digits do not
    count. Only the first MAX_SAMPLE_CHARS characters are read. A Latin text
    with no telling words is English, the likeliest guess.
    """
    sample = _without_code(unicodedata.normalize("NFC", text[:MAX_SAMPLE_CHARS]))
    counts = {name: len(pattern.findall(sample)) for name, pattern in _SCRIPTS.items()}
    cjk = counts["hangul"] + counts["kana"] + counts["han"]
    letters = len(_ALPHA.findall(sample))
    if letters + cjk < MIN_LETTERS:
        return None
    # A CJK character carries as much as two or three Latin letters, and a text
    # whose grammar is CJK often carries Latin terms ("GPU offload를 지원합니다").
    other = letters - cjk - counts["cyrillic"] - counts["latin"]
    scores = {"cjk": 3 * cjk, "cyrillic": counts["cyrillic"], "latin": counts["latin"]}
    best = max(scores, key=lambda name: scores[name])
    if other > scores[best]:
        return None
    if best == "cjk":
        return _cjk_language(counts["hangul"], counts["kana"], counts["han"])
    if best == "cyrillic":
        return "ru"
    return _latin_language(sample, counts["latin"])


def _without_code(text: str) -> str:
    """`text` less its fenced code blocks (an unclosed fence runs to the end),
    inline code, URLs and e-mail addresses."""
    kept: list[str] = []
    fence = ""
    for line in text.split("\n"):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening[1].startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
        elif opening:
            fence = opening[1]
        else:
            kept.append(line)
    return _NOISE.sub(" ", "\n".join(kept))


def _cjk_language(hangul: int, kana: int, han: int) -> str:
    # Korean may carry some Hanja and Japanese always mixes kanji with kana, so
    # a modest share of Hangul or kana decides; Han alone is Chinese.
    if hangul > kana and hangul * 10 >= hangul + kana + han:
        return "ko"
    if kana * 20 >= kana + han:
        return "ja"
    if han:
        return "zh"
    return "ko" if hangul else "ja"


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _word_set(
        "the be to of and that have it for not on with he as you do at this but his by "
        "from they we she or an will my all would there their what so if about who which "
        "me when can no him your some could them than then its our these is are was were "
        "has had been does did in i"
    ),
    "fr": _word_set(
        "le la les un une des du de et est que qui dans pour pas sur au aux ce cette ces "
        "il elle ils elles nous vous je ne se sa son ses leur leurs sont avec mais ou où "
        "être été très plus par en y l d qu c j n comme tout aussi même fait peut ont "
        "était donc alors si sans entre notre votre"
    ),
    "de": _word_set(
        "der die das und ist nicht ein eine einen einem einer dem den des mit sich auf "
        "für von zu im auch es ich wir sie er werden wird sind war wie oder aber bei nach "
        "noch kann wenn dass durch über um aus an am zum zur nur sehr schon hat haben "
        "wurde kein keine diese dieser dieses man mehr als in"
    ),
    "es": _word_set(
        "el la los las de del y que en un una unos unas es por con para no se su sus al "
        "lo como más pero este esta estos estas son está están también muy hay ser fue "
        "o le les mi ya cuando porque sobre entre sin todo hasta desde donde puede tiene "
        "nos era"
    ),
    "it": _word_set(
        "il lo la i gli le di del dello della dei degli delle che e è un una uno per con "
        "non sono si da dal dalla in al alla ai alle nel nella nei più anche come ma "
        "questo questa questi quello ha hanno essere era sul sulla tra fra molto ci se "
        "perché quando dove l dell all nell"
    ),
    "pt": _word_set(
        "o os as de do da dos das e que em um uma uns umas é não para com por se no na "
        "nos nas mais como mas ao aos seu sua seus suas são também foi muito há isso "
        "está estão ele ela eles elas pelo pela já quando porque entre sem até onde pode "
        "tem ser ou lhe"
    ),
}

# Letters that hint at some languages; each occurrence adds HINT_WEIGHT to each.
_HINTS: dict[str, tuple[str, ...]] = {
    "ñ": ("es",), "¿": ("es",), "¡": ("es",),
    "ß": ("de",), "ä": ("de",), "ö": ("de",), "ü": ("de",),
    "ã": ("pt",), "õ": ("pt",),
    "œ": ("fr",), "î": ("fr",), "ï": ("fr",), "û": ("fr",), "ë": ("fr",),
    "ç": ("fr", "pt"), "ê": ("fr", "pt"), "â": ("fr", "pt"), "ô": ("fr", "pt"),
    "è": ("fr", "it"), "ù": ("fr", "it"), "à": ("fr", "it", "pt"),
    "ì": ("it",), "ò": ("it",),
    "á": ("es", "pt"), "í": ("es", "pt"), "ó": ("es", "pt"), "ú": ("es", "pt"),
}
HINT_WEIGHT = 0.5


def _latin_language(sample: str, latin: int) -> str:
    vietnamese = len(_VIETNAMESE.findall(sample))
    if vietnamese >= 2 and vietnamese * 25 >= latin:  # Vietnamese is dense with them
        return "vi"
    folded = sample.casefold()
    scores = dict.fromkeys(_STOPWORDS, 0.0)
    for word in _WORDS.findall(folded):
        for code, words in _STOPWORDS.items():
            if word in words:
                scores[code] += 1
    for char in folded:
        for code in _HINTS.get(char, ()):
            scores[code] += HINT_WEIGHT
    best = max(scores, key=lambda code: scores[code])  # ties: the first, English
    return best if scores[best] > 0 else "en"
