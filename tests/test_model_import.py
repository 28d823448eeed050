"""Importing local .gguf files: refusals with reasons, copy and link, split models,
and the throw-away llama.cpp probe."""

from __future__ import annotations

import errno
import json
import os
import resource
import threading
from pathlib import Path

import gguf
import numpy as np
import pytest

from desktop import cli, paths
from desktop.backends import disk_space, model_import, model_probe, model_store
from desktop.backends.model_import import CheckWarning
from desktop.core.errors import EngineError, ErrorKind
from tests.tiny_gguf import vocab, write_tiny_llama

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


def write_unknown_arch(path: Path, arch: str = "foo") -> Path:
    """A well-formed GGUF whose architecture llama.cpp does not implement."""
    tokens, scores, types = vocab()
    w = gguf.GGUFWriter(str(path), arch)
    w.add_context_length(128)
    w.add_tokenizer_model("llama")
    w.add_token_list(tokens)
    w.add_token_scores(scores)
    w.add_token_types(types)
    w.add_tensor("token_embd.weight", np.zeros((len(tokens), 8), dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


def write_tiny_split(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The tiny llama as a real 2-part split GGUF (llama.cpp loads it): gguf's own
    writer splits when given split_max_tensors."""
    real = gguf.GGUFWriter
    with monkeypatch.context() as m:
        m.setattr(gguf, "GGUFWriter", lambda *a, **k: real(*a, **k, split_max_tensors=11))
        write_tiny_llama(path)
    parts = sorted(path.parent.glob(f"{path.stem}-0000?-of-00002.gguf"))
    assert len(parts) == 2
    return parts


def refusal(path: Path) -> EngineError:
    with pytest.raises(EngineError) as err:
        model_import.import_model(path, link=False)
    assert all(m.bundled for m in model_store.installed_models())  # nothing was installed
    return err.value


# ---- refusals ----------------------------------------------------------------------------

def test_truncated_file_is_refused_as_truncated(tmp_path, tiny_gguf):
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(tiny_gguf.read_bytes()[: tiny_gguf.stat().st_size // 2])
    check = model_import.inspect_model(cut)
    assert check.error.kind == ErrorKind.TRUNCATED_GGUF and "incomplete" in check.error.detail
    assert refusal(cut).kind == ErrorKind.TRUNCATED_GGUF


def test_non_gguf_file_is_refused_as_not_gguf(tmp_path):
    png = tmp_path / "photo.gguf"
    png.write_bytes(PNG_HEADER)
    check = model_import.inspect_model(png)
    assert check.error.kind == ErrorKind.NOT_GGUF
    assert "does not start with GGUF" in check.error.detail
    assert check.info is None
    assert refusal(png).kind == ErrorKind.NOT_GGUF


def test_unknown_architecture_is_refused_with_llama_cpps_reason(tmp_path):
    foo = write_unknown_arch(tmp_path / "foo.gguf")
    check = model_import.inspect_model(foo)
    assert check.error.kind == ErrorKind.UNKNOWN_ARCHITECTURE
    assert check.error.detail == "unknown model architecture: 'foo'"
    assert check.info.architecture == "foo"  # the header was readable; llama.cpp said no
    assert refusal(foo).kind == ErrorKind.UNKNOWN_ARCHITECTURE


def test_missing_file_is_not_found(tmp_path):
    check = model_import.inspect_model(tmp_path / "nothing.gguf")
    assert check.error.kind == ErrorKind.MODEL_NOT_FOUND


def test_header_only_check_skips_the_probe(tmp_path):
    foo = write_unknown_arch(tmp_path / "foo.gguf")
    assert model_import.inspect_model(foo, probe=False).error is None


# ---- a valid model -----------------------------------------------------------------------

def test_valid_model_check_reports_header_and_warning_codes(tiny_gguf):
    check = model_import.inspect_model(tiny_gguf)
    assert check.ok and check.info.architecture == "llama"
    assert check.info.context_length == 256 and check.info.quantization == "F32"
    assert check.warnings == (CheckWarning.NO_CHAT_TEMPLATE,)
    assert check.size_bytes == tiny_gguf.stat().st_size and check.parts == (tiny_gguf,)


def test_copy_import_is_listed_by_the_store_and_the_cli(tmp_path, tiny_gguf, capsys):
    source = tmp_path / "tiny-import.gguf"
    source.write_bytes(tiny_gguf.read_bytes())
    model = model_import.import_model(source, link=False)
    assert model.path == paths.models_dir() / "tiny-import.gguf" and not model.linked
    assert model.path.read_bytes() == source.read_bytes()
    assert [p.name for p in paths.models_dir().iterdir()] == ["tiny-import.gguf"]  # no temp
    listed = {m.name: m for m in model_store.installed_models()}
    assert listed["tiny-import"].info.architecture == "llama"
    assert cli.main(["models", "--json"]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["tiny-import"]["architecture"] == "llama"
    assert rows["tiny-import"]["linked"] is False


def test_link_import_keeps_the_file_where_it_is(tmp_path, tiny_gguf, capsys):
    source = tmp_path / "elsewhere" / "tiny-linked.gguf"
    source.parent.mkdir()
    source.write_bytes(tiny_gguf.read_bytes())
    model = model_import.import_model(source, link=True)
    assert model.path == source and model.linked and model.size_bytes == source.stat().st_size
    assert not list(paths.models_dir().glob("*.gguf"))  # nothing copied
    assert model_store.resolve("tiny-linked") == source
    assert cli.main(["models"]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if "tiny-linked" in ln)
    assert "llama" in line and str(source) in line


def test_importing_the_same_file_twice_returns_the_existing_entry(tmp_path, tiny_gguf):
    source = tmp_path / "twice.gguf"
    source.write_bytes(tiny_gguf.read_bytes())
    copied = model_import.import_model(source, link=False)
    assert model_import.import_model(source, link=False) == copied
    assert model_import.import_model(source, link=True) == copied  # already copied in
    linked_source = tmp_path / "linked-twice.gguf"
    linked_source.write_bytes(tiny_gguf.read_bytes())
    linked = model_import.import_model(linked_source, link=True)
    assert model_import.import_model(linked_source, link=True) == linked
    assert model_store.linked_paths() == [linked_source]


def test_a_different_model_with_a_taken_name_is_refused(tmp_path, tiny_gguf):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write_tiny_llama(tmp_path / "a" / "same.gguf", seed=1)
    write_tiny_llama(tmp_path / "b" / "same.gguf", seed=2)
    model_import.import_model(tmp_path / "a" / "same.gguf", link=True)
    with pytest.raises(EngineError) as err:
        model_import.import_model(tmp_path / "b" / "same.gguf", link=False)
    assert err.value.kind == ErrorKind.BAD_REQUEST and "already installed" in err.value.detail


# ---- disk space --------------------------------------------------------------------------

def test_not_enough_space_is_refused_before_copying(tmp_path, tiny_gguf, monkeypatch):
    monkeypatch.setattr(disk_space, "MARGIN_BYTES", 1 << 62)
    with pytest.raises(EngineError) as err:
        model_import.import_model(tiny_gguf, link=False)
    assert err.value.kind == ErrorKind.DISK_FULL
    assert not list(paths.models_dir().iterdir())


def test_disk_full_mid_copy_leaves_nothing_behind(tmp_path, tiny_gguf, monkeypatch):
    def fill_up(src: Path, dst: Path) -> None:
        dst.write_bytes(src.read_bytes()[:100])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(model_import, "_copy_bytes", fill_up)
    with pytest.raises(EngineError) as err:
        model_import.import_model(tiny_gguf, link=False)
    assert err.value.kind == ErrorKind.DISK_FULL
    assert not list(paths.models_dir().iterdir())


# ---- split models ------------------------------------------------------------------------

def test_split_model_is_imported_whole_from_any_part(tmp_path, monkeypatch):
    parts = write_tiny_split(tmp_path / "big.gguf", monkeypatch)
    check = model_import.inspect_model(parts[1])  # the user picked part 2
    assert check.ok and check.parts == tuple(parts) and check.path == parts[0]
    model = model_import.import_model(parts[1], link=False)
    assert model.name == "big" and len(model.parts) == 2
    assert model.size_bytes == sum(p.stat().st_size for p in parts)
    assert model_probe.probe_loadable(model.path) is None  # the copies load together


def test_split_model_with_a_missing_part_is_refused(tmp_path, monkeypatch):
    parts = write_tiny_split(tmp_path / "big.gguf", monkeypatch)
    parts[1].unlink()
    check = model_import.inspect_model(parts[0])
    assert check.error.kind == ErrorKind.TRUNCATED_GGUF and parts[1].name in check.error.detail


# ---- the probe ---------------------------------------------------------------------------

def test_probe_accepts_the_starter_model(starter_model):
    assert model_probe.probe_loadable(starter_model) is None


def _abort(_conn: object) -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file for a planned crash
    os.abort()  # what a GGML_ASSERT does


def _hang(_conn: object) -> None:
    threading.Event().wait()  # never answers


def test_probe_child_crash_is_a_reason_and_the_child_is_reaped():
    reason = model_probe.run_in_child(_abort, (), timeout=60)
    assert reason == "llama.cpp crashed while reading the file (SIGABRT)"


def test_probe_timeout_is_a_reason_and_the_child_is_killed():
    reason = model_probe.run_in_child(_hang, (), timeout=0.5)
    assert reason == "llama.cpp did not finish reading the file within 0.5 seconds"


def test_reason_comes_from_llama_cpps_error_line():
    lines = ["llama_model_loader: loaded meta data",
             "llama_model_load: error loading model: unknown model architecture: 'foo'",
             "llama_model_load_from_file_impl: failed to load model"]
    assert model_probe.reason_from_log(lines, "x") == "unknown model architecture: 'foo'"
    assert model_probe.reason_from_log(["all fine"], "Failed to load") == "Failed to load"
