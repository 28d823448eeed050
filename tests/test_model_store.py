"""The installed-model store: links, split models, removal, per-model defaults."""

from __future__ import annotations

import json

import pytest

from desktop import paths
from desktop.backends import model_import, model_prefs, model_store
from desktop.backends.model_prefs import ModelDefaults
from desktop.core.errors import EngineError, ErrorKind


def copy_into_models(src, name: str):
    dst = paths.ensure(paths.models_dir()) / name
    dst.write_bytes(src.read_bytes())
    return dst


def by_name() -> dict[str, model_store.InstalledModel]:
    return {m.name: m for m in model_store.installed_models()}


def test_bundled_model_is_listed_and_cannot_be_removed(starter_model):
    starter = by_name()[starter_model.stem]
    assert starter.bundled and not starter.linked and starter.info.architecture == "llama"
    assert starter.size_bytes == starter_model.stat().st_size
    with pytest.raises(EngineError) as err:
        model_store.remove_model(starter.name)
    assert err.value.kind == ErrorKind.BAD_REQUEST and "ships with Maru" in err.value.detail
    assert starter_model.is_file()


def test_link_whose_file_vanished_is_listed_as_missing(tmp_path, tiny_gguf):
    source = tmp_path / "gone.gguf"
    source.write_bytes(tiny_gguf.read_bytes())
    model_import.import_model(source, link=True)
    source.unlink()
    gone = by_name()["gone"]
    assert gone.linked and gone.problem == model_store.MISSING and gone.info is None
    assert source not in model_store.model_files()  # not offered for loading
    model_store.remove_model("gone")  # a missing link can still be forgotten
    assert "gone" not in by_name() and model_store.linked_paths() == []


def test_removing_a_linked_model_keeps_the_users_file(tmp_path, tiny_gguf):
    source = tmp_path / "mine.gguf"
    source.write_bytes(tiny_gguf.read_bytes())
    model_import.import_model(source, link=True)
    model_prefs.save_defaults("mine", ModelDefaults(n_ctx=1024))
    model_store.remove_model(str(source))
    assert source.is_file() and "mine" not in by_name()
    assert model_prefs.load_defaults("mine") == ModelDefaults()  # forgotten with it


def test_removing_a_copied_model_deletes_it(tiny_gguf):
    path = copy_into_models(tiny_gguf, "copied.gguf")
    model_store.remove_model("copied")
    assert not path.exists() and "copied" not in by_name()


def test_remove_needs_an_exact_name(tiny_gguf):
    copy_into_models(tiny_gguf, "precious-model.gguf")
    with pytest.raises(EngineError) as err:
        model_store.remove_model("precious")  # a partial match never deletes
    assert err.value.kind == ErrorKind.MODEL_NOT_FOUND
    assert "precious-model" in by_name()


def test_split_model_is_listed_once_and_removed_whole(tiny_gguf):
    data = tiny_gguf.read_bytes()
    parts = [copy_into_models(tiny_gguf, f"Big-0000{i}-of-00002.gguf") for i in (1, 2)]
    big = [m for m in model_store.installed_models() if "Big" in m.path.name]
    assert [m.name for m in big] == ["Big"]
    assert big[0].parts == tuple(parts) and big[0].size_bytes == 2 * len(data)
    assert model_store.resolve("Big") == parts[0]
    assert model_store.resolve("Big-00001-of-00002") == parts[0]
    model_store.remove_model("Big")
    assert not any(p.exists() for p in parts)


def test_split_model_missing_a_part_is_listed_as_incomplete(tiny_gguf):
    first = copy_into_models(tiny_gguf, "Half-00001-of-00002.gguf")
    half = by_name()["Half"]
    assert half.info is None and "Half-00002-of-00002.gguf missing" in half.problem
    assert first not in model_store.model_files()


def test_bad_links_registry_is_an_empty_one(tiny_gguf):
    paths.ensure(paths.models_dir())
    model_store.links_path().write_text("{broken")
    assert model_store.linked_paths() == []
    model_store.links_path().write_text(json.dumps({"links": ["relative.gguf", 5]}))
    assert model_store.linked_paths() == []


# ---- per-model defaults ----------------------------------------------------------------

def test_model_defaults_round_trip_and_split_names_share_a_key():
    wanted = ModelDefaults(n_ctx=8192, n_gpu_layers=-1, system_prompt="Be brief.",
                           chat_template="{{ messages }}")
    model_prefs.save_defaults("Big-00001-of-00003", wanted)
    assert model_prefs.load_defaults("Big") == wanted
    assert model_prefs.load_defaults("Big-00002-of-00003.gguf") == wanted
    assert model_prefs.load_defaults("other") == ModelDefaults()
    model_prefs.save_defaults("Big", ModelDefaults())  # all defaults: the entry goes
    assert "Big" not in json.loads(model_prefs.prefs_path().read_text())["models"]


def test_model_defaults_survive_garbage():
    path = model_prefs.prefs_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"models": {"m": {
        "n_ctx": "big", "n_gpu_layers": True, "system_prompt": 3, "chat_template": "  ",
        "junk": 1}}}))
    assert model_prefs.load_defaults("m") == ModelDefaults()
    path.write_text(json.dumps({"models": {"m": {"n_ctx": 2048, "n_gpu_layers": -5}}}))
    assert model_prefs.load_defaults("m") == ModelDefaults(n_ctx=2048)
    garbage_files = ["{not json", "[]", json.dumps({"models": []}),
                     json.dumps({"models": {"m": 1}})]
    for garbage in garbage_files:
        path.write_text(garbage)
        assert model_prefs.load_defaults("m") == ModelDefaults()
    model_prefs.save_defaults("m", ModelDefaults(n_ctx=512))  # a bad file is replaced
    assert model_prefs.load_defaults("m") == ModelDefaults(n_ctx=512)
