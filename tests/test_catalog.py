"""The shipped model catalog, and the parser that keeps it honest."""

import copy
import json

import pytest

from desktop.backends import catalog_file
from desktop.core.catalog import CatalogEntry, ModelKind, parse_catalog
from desktop.core.hub_models import quantization_of, split_part


@pytest.fixture(scope="module")
def raw_catalog() -> dict:
    return json.loads(catalog_file.catalog_path().read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalog() -> list[CatalogEntry]:
    return catalog_file.load_catalog()


def _chat(catalog):
    return [e for e in catalog if e.kind is ModelKind.CHAT]


def _good_entry(**changes) -> dict:
    entry = {
        "id": "demo-1b", "name": "Demo 1B", "repo": "someone/Demo-1B-GGUF", "kind": "chat",
        "params_b": 1.0, "context_length": 8192, "languages": ["en", "ko"],
        "license": "apache-2.0", "gated": False,
        "description": {"en": "A demo.", "ko": "데모 모델입니다."},
        "files": {"Q4_K_M": "Demo-1B-Q4_K_M.gguf", "Q8_0": "Demo-1B-Q8_0.gguf"},
        "recommended": "Q4_K_M", "tags": ["small"],
    }
    entry.update(changes)
    return entry


def _text(*entries, version=1) -> str:
    return json.dumps({"version": version, "models": list(entries)})


# ---- the shipped catalog -----------------------------------------------------------------

def test_shipped_catalog_parses_with_enough_chat_models(catalog):
    chat = _chat(catalog)
    assert len(chat) >= 12
    sizes = [e.params_b for e in chat]
    assert min(sizes) <= 0.5 and max(sizes) >= 14


def test_korean_capable_models_include_exaone(catalog):
    korean = [e for e in _chat(catalog) if "ko" in e.languages]
    assert len(korean) >= 3
    assert any(e.repo.startswith("LGAI-EXAONE/") for e in korean)
    assert any(e.kind is ModelKind.EMBEDDING and "ko" in e.languages for e in catalog)


@pytest.mark.parametrize("family", ["granite", "llama-3.2", "phi-4-mini", "smollm"])
def test_required_families_are_present(catalog, family):
    assert any(family in e.repo.lower() for e in _chat(catalog)), family


def test_every_entry_is_described_in_english_and_korean(catalog):
    for entry in catalog:
        texts = dict(entry.descriptions)
        assert texts["en"] != texts["ko"], entry.id
        assert entry.description_for("ko_KR") == texts["ko"]
        assert entry.description_for("de") == texts["en"]  # falls back to English
        # Korean text really is Korean (Hangul syllables), not a copy of the English.
        assert any("\uac00" <= ch <= "\ud7a3" for ch in texts["ko"]), entry.id


def test_no_sizes_or_hashes_anywhere(raw_catalog):
    def keys(node):
        if isinstance(node, dict):
            for key, value in node.items():
                yield key
                yield from keys(value)
        elif isinstance(node, list):
            for item in node:
                yield from keys(item)

    banned = ("size", "sha", "hash", "bytes", "checksum")
    found = [k for k in keys(raw_catalog) if any(word in k.lower() for word in banned)]
    assert found == []


def test_files_are_consistent_with_their_quantization(catalog):
    for entry in catalog:
        assert entry.recommended in entry.quantizations
        for quant, name in entry.files:
            assert quantization_of(name) == quant.upper(), (entry.id, name)
            part = split_part(name)
            assert part is None or part.index == 1, name
        assert entry.recommended_file == entry.file_for(entry.recommended.lower())
        assert entry.files_by_quant()[entry.recommended] == entry.recommended_file


def test_ids_are_unique_and_repos_look_like_hub_ids(catalog):
    assert len({e.id for e in catalog}) == len(catalog)
    assert all(e.repo.count("/") == 1 for e in catalog)


def test_load_catalog_reads_an_explicit_path(tmp_path):
    path = tmp_path / "catalog.json"
    path.write_text(_text(_good_entry()), encoding="utf-8")
    [entry] = catalog_file.load_catalog(path)
    assert entry.files == (("Q4_K_M", "Demo-1B-Q4_K_M.gguf"), ("Q8_0", "Demo-1B-Q8_0.gguf"))
    assert entry.kind == "chat" and entry.tags == ("small",)
    hash(entry)  # frozen and hashable: usable as item data and in sets


def test_load_catalog_names_the_file_in_errors(tmp_path):
    path = tmp_path / "catalog.json"
    path.write_text(_text(_good_entry(kind="vision")), encoding="utf-8")
    with pytest.raises(ValueError, match=r"catalog\.json.*'demo-1b'.*'kind'"):
        catalog_file.load_catalog(path)
    with pytest.raises(OSError):
        catalog_file.load_catalog(tmp_path / "missing.json")


# ---- parse errors ------------------------------------------------------------------------

def _without(field):
    entry = _good_entry()
    del entry[field]
    return entry


def _with_files(files, recommended="Q4_K_M"):
    return _good_entry(files=files, recommended=recommended)


@pytest.mark.parametrize(("entry", "message"), [
    (_without("repo"), r"'demo-1b': missing field\(s\) repo"),
    (_good_entry(params_b="7B"), "'params_b'"),
    (_good_entry(params_b=True), "'params_b'"),
    (_good_entry(context_length=8192.5), "'context_length'"),
    (_good_entry(gated="no"), "'gated'"),
    (_good_entry(kind="vision"), "'kind' must be one of chat, embedding"),
    (_good_entry(recommended="Q5_K_M"), "'recommended'"),
    (_with_files({"Q4_K_M": "Demo-1B-Q4_K_M.bin"}), "'files'.*gguf"),
    (_with_files({"Q4_K_M": "Demo-1B-Q8_0.gguf"}), "'files' key 'Q4_K_M' does not match"),
    (_with_files({"Q4_K_M": "demo-q4_k_m-00002-of-00002.gguf"}), "'files'.*first part"),
    (_with_files({"Q4_K_M": "../Demo-1B-Q4_K_M.gguf"}), "'files'.*inside the repository"),
    (_good_entry(languages=["korean"]), "'languages'"),
    (_good_entry(languages=[]), "'languages'"),
    (_good_entry(description={"en": "Only English."}), "'description' lacks the 'ko'"),
    (_good_entry(description={"en": "Two\nlines", "ko": "한 줄"}), "'description'"),
    (_good_entry(repo="not a repo"), "'repo'"),
    (_good_entry(id="Demo 1B"), "entry #1: field 'id'"),
    (_good_entry(size=123), r"unknown field\(s\) size"),
    (_good_entry(sha256="ab" * 32), r"unknown field\(s\) sha256"),
    (_good_entry(tags="small"), "'tags'"),
    ("not an object", "entry #1: must be an object"),
])
def test_bad_entries_are_rejected_naming_entry_and_field(entry, message):
    with pytest.raises(ValueError, match=message):
        parse_catalog(_text(entry))


def test_duplicate_ids_are_rejected():
    with pytest.raises(ValueError, match="'demo-1b': field 'id' is a duplicate"):
        parse_catalog(_text(_good_entry(), _good_entry(name="Again")))


@pytest.mark.parametrize(("text", "message"), [
    ("{", "not valid JSON"),
    ("[]", "top level must be an object"),
    (_text(_good_entry(), version=2), "'version' must be 1"),
    (json.dumps({"version": 1, "models": []}), "'models'"),
    (json.dumps({"version": 1, "models": [_good_entry()], "extra": 1}), "unknown top-level"),
    ('{"version": 1, "version": 1, "models": []}', "'version' appears twice"),
])
def test_bad_catalog_files_are_rejected(text, message):
    with pytest.raises(ValueError, match=message):
        parse_catalog(text)


def test_the_shipped_catalog_fails_when_broken(raw_catalog):
    # The parser is what guards the shipped file: break one real entry and it must say so.
    broken = copy.deepcopy(raw_catalog)
    broken["models"][0]["files"]["Q4_K_M"] = "model.safetensors"
    first_id = broken["models"][0]["id"]
    with pytest.raises(ValueError, match=f"'{first_id}': field 'files'"):
        parse_catalog(json.dumps(broken))


def test_a_file_name_without_a_quantization_is_accepted():
    [entry] = parse_catalog(_text(_with_files({"F16": "model.gguf"}, recommended="F16")))
    assert entry.file_for("f16") == "model.gguf" and entry.file_for("Q4_K_M") is None
