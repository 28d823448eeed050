"""Maru's curated model catalog as plain values, and its strict parser.

The catalog (resources/catalog.json) names models, not bytes: a Hub repository and
the file of each quantization. Sizes and hashes are read from the Hub when the user
opens an entry, so nothing here can go stale or be made up; the parser rejects any
key it does not know, which keeps such fields out.

No I/O: `desktop.backends.catalog_file` reads the file and hands the text here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Any

from desktop.core.hub_models import quantization_of, split_part

CATALOG_VERSION = 1

_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
_REPO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")  # ISO 639-1
_TAG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Every description comes in these languages: Maru's users write both.
_REQUIRED_DESCRIPTIONS = ("en", "ko")
_REQUIRED = ("id", "name", "repo", "kind", "params_b", "context_length", "languages",
             "license", "gated", "description", "files", "recommended")
_OPTIONAL = ("tags",)

# Builds the error for one field of the entry being parsed.
_Fail = Callable[[str, str], ValueError]


class ModelKind(StrEnum):
    """What a catalog model is for."""

    CHAT = "chat"
    EMBEDDING = "embedding"  # turns documents into vectors for the documents feature


@dataclass(frozen=True)
class CatalogEntry:
    """One curated model: where it lives on the Hub and what it is good at.

    `files` and `descriptions` are tuples of pairs (in the catalog's order) so that an
    entry stays hashable; use `file_for` and `description_for` to read them.
    """

    id: str  # short stable slug; settings and downloads may refer to it
    name: str
    repo: str  # Hub repository id, exact case
    kind: ModelKind
    params_b: float  # billions of parameters
    context_length: int  # training context, in tokens
    languages: tuple[str, ...]  # ISO 639-1; "ko" only where the model is good at Korean
    license: str
    gated: bool  # the repository asks the user to accept terms (a token is needed)
    descriptions: tuple[tuple[str, str], ...]  # (language, one line)
    files: tuple[tuple[str, str], ...]  # (quantization, path in the repository)
    recommended: str  # a quantization named in `files`
    tags: tuple[str, ...] = ()

    def description_for(self, lang: str) -> str:
        """The description in `lang` ("ko", "ko_KR", "en-US"), else the English one."""
        texts = dict(self.descriptions)
        code = lang.replace("-", "_").split("_")[0].lower()
        return texts.get(code) or texts["en"]

    @property
    def quantizations(self) -> tuple[str, ...]:
        """The quantizations on offer, in catalog order."""
        return tuple(quant for quant, _ in self.files)

    def files_by_quant(self) -> dict[str, str]:
        """Quantization -> file, as a new dict (catalog order)."""
        return dict(self.files)

    def file_for(self, quantization: str) -> str | None:
        """The file (first part, for a split model) of `quantization`, or None."""
        wanted = quantization.upper()
        return next((name for quant, name in self.files if quant.upper() == wanted), None)

    @property
    def recommended_file(self) -> str:
        """The file of the recommended quantization."""
        name = self.file_for(self.recommended)
        assert name is not None  # parse_catalog guarantees it
        return name


def parse_catalog(text: str) -> list[CatalogEntry]:
    """Parse and validate catalog JSON. Raises ValueError naming the entry and field.

    Strict on purpose: the catalog ships with the app, so a typo must fail the test
    suite rather than show a broken entry to a user.
    """
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise ValueError(f"catalog is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError("catalog: the top level must be an object")
    unknown = sorted(set(data) - {"version", "models"})
    if unknown:
        raise ValueError(f"catalog: unknown top-level field(s) {', '.join(unknown)}")
    version = data.get("version")
    if type(version) is not int or version != CATALOG_VERSION:
        raise ValueError(f"catalog: field 'version' must be {CATALOG_VERSION}, not {version!r}")
    models = data.get("models")
    if not isinstance(models, list) or not models:
        raise ValueError("catalog: field 'models' must be a non-empty list")
    entries: list[CatalogEntry] = []
    seen: set[str] = set()
    for index, raw in enumerate(models):
        entry = _parse_entry(raw, f"catalog entry #{index + 1}")
        if entry.id in seen:
            raise ValueError(f"catalog entry {entry.id!r}: field 'id' is a duplicate")
        seen.add(entry.id)
        entries.append(entry)
    return entries


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads keeps the last of two equal keys silently; a catalog typo would hide.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"catalog: key {key!r} appears twice in one object")
        result[key] = value
    return result


def _parse_entry(raw: object, where: str) -> CatalogEntry:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: must be an object")
    # Name the entry by its id as soon as there is a usable one.
    if isinstance(raw.get("id"), str) and _ID.match(raw["id"]):
        where = f"catalog entry {raw['id']!r}"
    missing = [key for key in _REQUIRED if key not in raw]
    if missing:
        raise ValueError(f"{where}: missing field(s) {', '.join(missing)}")
    unknown = sorted(set(raw) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:  # also keeps sizes and hashes out: those come from the Hub
        raise ValueError(f"{where}: unknown field(s) {', '.join(unknown)}")

    def fail(field: str, problem: str) -> ValueError:
        return ValueError(f"{where}: field {field!r} {problem}")

    entry_id = _text(raw, "id", fail)
    if not _ID.match(entry_id):
        raise fail("id", "must be a lowercase slug (a-z, 0-9, '.', '-')")
    repo = _text(raw, "repo", fail)
    if not _REPO.match(repo):
        raise fail("repo", f"must be a Hub repository id 'owner/name', not {repo!r}")
    try:
        kind = ModelKind(raw["kind"])
    except ValueError:
        kinds = ", ".join(k.value for k in ModelKind)
        raise fail("kind", f"must be one of {kinds}, not {raw['kind']!r}") from None
    params = raw["params_b"]
    if isinstance(params, bool) or not isinstance(params, int | float) or params <= 0:
        raise fail("params_b", "must be a positive number (billions of parameters)")
    context = raw["context_length"]
    if type(context) is not int or context <= 0:
        raise fail("context_length", "must be a positive integer (tokens)")
    if type(raw["gated"]) is not bool:
        raise fail("gated", "must be true or false")
    files = _files(raw["files"], fail)
    recommended = raw["recommended"]
    if not isinstance(recommended, str) or recommended not in dict(files):
        raise fail("recommended", f"must be one of the keys of 'files', not {recommended!r}")
    return CatalogEntry(
        id=entry_id,
        name=_text(raw, "name", fail),
        repo=repo,
        kind=kind,
        params_b=float(params),
        context_length=context,
        languages=_codes(raw["languages"], "languages", _LANGUAGE, fail, required=True),
        license=_text(raw, "license", fail),
        gated=raw["gated"],
        descriptions=_descriptions(raw["description"], fail),
        files=files,
        recommended=recommended,
        tags=_codes(raw.get("tags", []), "tags", _TAG, fail, required=False),
    )


def _text(raw: dict[str, Any], field: str, fail: _Fail) -> str:
    value = raw[field]
    if not isinstance(value, str) or not value.strip() or "\n" in value:
        raise fail(field, "must be a non-empty single-line string")
    return value


def _codes(value: object, field: str, pattern: re.Pattern[str], fail: _Fail, *,
           required: bool) -> tuple[str, ...]:
    if not isinstance(value, list) or (required and not value):
        raise fail(field, "must be a non-empty list" if required else "must be a list")
    for item in value:
        if not isinstance(item, str) or not pattern.match(item):
            raise fail(field, f"has an invalid item {item!r}")
    if len(set(value)) != len(value):
        raise fail(field, "has duplicate items")
    return tuple(value)


def _descriptions(value: object, fail: _Fail) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise fail("description", "must be an object of language -> one line")
    for lang in _REQUIRED_DESCRIPTIONS:
        if lang not in value:
            raise fail("description", f"lacks the {lang!r} text")
    for lang, text in value.items():
        if not _LANGUAGE.match(lang):
            raise fail("description", f"has an invalid language code {lang!r}")
        if not isinstance(text, str) or not text.strip() or "\n" in text:
            raise fail("description", f"{lang!r} text must be a non-empty single line")
    return tuple(value.items())


def _files(value: object, fail: _Fail) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not value:
        raise fail("files", "must be a non-empty object of quantization -> file")
    seen: set[str] = set()
    for quant, name in value.items():
        if not quant.strip():
            raise fail("files", "has an empty quantization name")
        if not isinstance(name, str) or not name.lower().endswith(".gguf"):
            raise fail("files", f"{quant!r} must name a .gguf file, not {name!r}")
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or "\\" in name:
            raise fail("files", f"{quant!r} must be a path inside the repository: {name!r}")
        part = split_part(name)
        if part is not None and part.index != 1:
            raise fail("files", f"{quant!r} must name the first part of a split model")
        # The key is what the UI shows and preselects; it must be the file's own.
        stated = quantization_of(name)
        if stated and stated != quant.upper():
            raise fail("files", f"key {quant!r} does not match {name!r} ({stated})")
        if name in seen:
            raise fail("files", f"lists {name!r} twice")
        seen.add(name)
    return tuple(value.items())
