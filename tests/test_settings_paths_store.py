import json

import pytest

from desktop import paths, settings
from desktop.backends import model_store
from desktop.core.errors import EngineError, ErrorKind


def test_maru_home_holds_everything(maru_home):
    for folder in (paths.data_dir(), paths.config_dir(), paths.models_dir(), paths.logs_dir()):
        assert folder.is_relative_to(maru_home)


def test_settings_round_trip_and_defaults(maru_home):
    assert settings.load() == settings.Settings()
    settings.save(settings.Settings(n_ctx=8192, n_threads=3, default_model="x"))
    loaded = settings.load()
    assert (loaded.n_ctx, loaded.n_threads, loaded.default_model) == (8192, 3, "x")


def test_bad_settings_values_fall_back_to_defaults(maru_home):
    path = settings.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"n_ctx": "big", "n_threads": 2, "flash_attn": 1, "junk": 5}))
    loaded = settings.load()
    assert loaded.n_ctx == 4096 and loaded.n_threads == 2 and loaded.flash_attn is False
    path.write_text("{not json")
    assert settings.load() == settings.Settings()


def test_resolve_finds_models_by_name_part_and_path(maru_home, tiny_gguf, starter_model):
    user_models = paths.ensure(paths.models_dir())
    (user_models / "tiny-llama-F32.gguf").write_bytes(tiny_gguf.read_bytes())
    assert model_store.resolve(None) == starter_model
    assert model_store.resolve("tiny").name == "tiny-llama-F32.gguf"
    assert model_store.resolve("SMOLLM2") == starter_model
    assert model_store.resolve(str(tiny_gguf)) == tiny_gguf
    with pytest.raises(EngineError) as err:
        model_store.resolve("nothing-like-this")
    assert err.value.kind == ErrorKind.MODEL_NOT_FOUND


def test_unreadable_model_is_listed_with_its_problem(maru_home):
    (paths.ensure(paths.models_dir()) / "broken.gguf").write_text("nope")
    broken = next(m for m in model_store.installed_models() if m.name == "broken")
    assert broken.info is None and "too small" in broken.problem
