"""`maru models ...` as a user runs it: real processes, real files, the loopback Hub."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import paths
from tests.hub_server import fake_hub  # noqa: F401  (the fixture)
from tests.test_model_import import PNG_HEADER, write_tiny_split, write_unknown_arch
from tests.tiny_gguf import N_EMBD, N_HEAD, N_HEAD_KV, N_LAYER, write_tiny_llama

FIT_KINDS = {"full_gpu", "partial_gpu", "cpu_only", "wont_fit"}
REPO = "tiny-org/Tiny-GGUF"
HEAD_DIM = N_EMBD // N_HEAD  # the tiny llama states no key/value length: n_embd / n_head


def maru(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", "models", *args],
                          capture_output=True, text=True, timeout=120, env=os.environ.copy())


def ok(*args: str) -> str:
    result = maru(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def ok_json(*args: str) -> object:
    return json.loads(ok(*args, "--json"))


def one_error_line(result: subprocess.CompletedProcess, *words: str) -> str:
    """Exit 1 and a single `maru: error: ...` line on stderr holding every word."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("maru: error: "), result.stderr
    for word in words:
        assert word.lower() in lines[0].lower(), lines[0]
    return lines[0]


def kv_bytes(cells: int) -> int:
    """The f16 KV cache of the tiny llama, by hand: layers * kv heads * (k + v) * 2 bytes."""
    return N_LAYER * N_HEAD_KV * (HEAD_DIM + HEAD_DIM) * 2 * cells


def installed() -> dict[str, dict]:
    return {row["name"]: row for row in ok_json("list")}


def user_models() -> list[Path]:
    return sorted(paths.models_dir().glob("*.gguf")) if paths.models_dir().is_dir() else []


# ---- the loopback Hub ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def hub_files(tmp_path_factory, tiny_gguf) -> dict[str, Path]:
    """Hub file name -> local file: two single-file quantizations and a split one."""
    folder = tmp_path_factory.mktemp("hub-files")
    small = folder / "tiny-Q4_K_M.gguf"
    shutil.copyfile(tiny_gguf, small)
    bigger = write_tiny_llama(folder / "tiny-Q8_0.gguf", seed=1,
                              chat_template="{{ messages[0]['content'] }}" * 20)
    with pytest.MonkeyPatch.context() as mp:
        parts = write_tiny_split(folder / "tiny-Q2_K.gguf", mp)
    return {small.name: small, bigger.name: bigger, **{p.name: p for p in parts}}


@pytest.fixture
def hub(fake_hub, hub_files):  # noqa: F811
    fake_hub.add_repo(REPO, {**hub_files, "README.md": b"# Tiny"}, downloads=900, likes=7)
    fake_hub.add_repo("tiny-org/Other-Tiny-GGUF", {"tiny-Q4_K_M.gguf": hub_files[
        "tiny-Q4_K_M.gguf"]}, downloads=50, likes=90, gated=True, token="hf_secret")
    fake_hub.add_repo("else/Unrelated-GGUF", {"x-Q4_0.gguf": hub_files["tiny-Q4_K_M.gguf"]})
    return fake_hub


def test_search_prints_a_table_best_first(hub):
    lines = ok("search", "tiny").splitlines()
    assert lines[0].split() == ["repository", "downloads", "likes", "updated", "gated"]
    assert [line.split()[0] for line in lines[1:]] == [REPO, "tiny-org/Other-Tiny-GGUF"]
    assert lines[1].split()[1:4] == ["900", "7", "2024-01-01"]
    assert lines[2].split()[-1] == "yes"  # gated
    assert [line.split()[0] for line in ok("search", "tiny", "--sort", "likes").splitlines()[1:]
            ] == ["tiny-org/Other-Tiny-GGUF", REPO]


def test_search_json_has_every_field(hub):
    rows = ok_json("search", "tiny", "--limit", "1")
    assert rows == [{"repo_id": REPO, "downloads": 900, "likes": 7,
                     "last_modified": rows[0]["last_modified"], "gated": False,
                     "private": False}]
    assert rows[0]["last_modified"].startswith("2024-01-01")
    # --json before the subcommand works too.
    as_group_flag = json.loads(ok("--json", "search", "tiny", "--limit", "1"))
    assert [r["repo_id"] for r in as_group_flag] == [REPO]


def test_files_json_lists_quantizations_sizes_and_fit(hub, hub_files):
    rows = ok_json("files", REPO, "--ctx", "1000")
    by_quant = {r["quantization"]: r for r in rows}
    assert sorted(by_quant) == ["Q2_K", "Q4_K_M", "Q8_0"]  # no README, split parts as one row
    assert len(rows) == 3
    for name in ("tiny-Q4_K_M.gguf", "tiny-Q8_0.gguf"):
        row = by_quant[name.split("-")[1].removesuffix(".gguf")]
        assert (row["file"], row["parts"], row["complete"]) == (name, 1, True)
        assert row["size_bytes"] == hub_files[name].stat().st_size
    split = by_quant["Q2_K"]
    assert split["file"] == "tiny-Q2_K-00001-of-00002.gguf" and split["parts"] == 2
    assert split["complete"] is True
    assert split["size_bytes"] == sum(p.stat().st_size for n, p in hub_files.items()
                                      if n.startswith("tiny-Q2_K-"))
    for row in rows:
        fit = row["fit"]
        assert fit["kind"] in FIT_KINDS and fit["n_layers"] == N_LAYER
        assert fit["n_ctx"] == 1024 and fit["kv_bytes"] == kv_bytes(1024)
        assert fit["weights_bytes"] == row["size_bytes"]


def test_files_table_and_a_gated_repo_without_a_token(hub):
    table = ok("files", REPO).splitlines()
    assert table[0].split()[:4] == ["quantization", "size", "parts", "fit"]
    assert "at 4096 tokens" in table[0] and len(table) == 4
    gated = maru("files", "tiny-org/Other-Tiny-GGUF")
    assert gated.returncode == 0 and "unknown" in gated.stdout  # listed, header unreadable
    assert "gated or private" in gated.stderr
    rows = ok_json("files", "tiny-org/Other-Tiny-GGUF")
    assert [(r["quantization"], r["fit"]) for r in rows] == [("Q4_K_M", None)]


def test_download_by_quantization_installs_the_verified_file(hub, hub_files):
    out = ok("download", REPO, "q8_0")  # any case
    target = paths.models_dir() / "tiny-Q8_0.gguf"
    assert out.strip() == str(target)
    assert target.read_bytes() == hub_files["tiny-Q8_0.gguf"].read_bytes()
    assert user_models() == [target]  # nothing staged or half-written left beside it
    row = installed()["tiny-Q8_0"]
    assert (row["architecture"], row["quantization"], row["linked"]) == ("llama", "F32", False)
    assert row["size_bytes"] == target.stat().st_size and row["file"] == str(target)


def test_download_of_a_split_model_installs_every_part(hub, hub_files):
    out = ok("download", REPO, "tiny-Q2_K-00001-of-00002.gguf")
    assert out.strip() == str(paths.models_dir() / "tiny-Q2_K-00001-of-00002.gguf")
    assert [p.name for p in user_models()] == ["tiny-Q2_K-00001-of-00002.gguf",
                                               "tiny-Q2_K-00002-of-00002.gguf"]
    row = installed()["tiny-Q2_K"]
    assert row["size_bytes"] == sum(p.stat().st_size for p in user_models())


def test_download_of_a_missing_quantization_or_repo_is_one_line(hub):
    line = one_error_line(maru("download", REPO, "Q3_K_S"), "not found", "Q3_K_S")
    assert "Q4_K_M" in line  # says what there is
    one_error_line(maru("download", "tiny-org/No-Such-GGUF", "Q4_K_M"), "not found",
                   "tiny-org/No-Such-GGUF")
    assert user_models() == []


def test_download_of_a_gated_repo_without_a_token_asks_for_one(hub):
    one_error_line(maru("download", "tiny-org/Other-Tiny-GGUF", "Q4_K_M"),
                   "gated or private repository", "token")
    assert user_models() == []


# ---- import, list, remove -------------------------------------------------------------------

def nothing_installed() -> None:
    assert user_models() == []
    assert all(row["file"].startswith(str(paths.bundled_models_dir()))
               for row in installed().values())


def test_import_of_a_truncated_file_says_so(tmp_path, tiny_gguf):
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(tiny_gguf.read_bytes()[: tiny_gguf.stat().st_size // 2])
    one_error_line(maru("import", str(cut)), "truncated", "incomplete")
    nothing_installed()


def test_import_of_a_non_gguf_file_says_so(tmp_path):
    png = tmp_path / "photo.gguf"
    png.write_bytes(PNG_HEADER)
    one_error_line(maru("import", str(png)), "not a GGUF", "does not start with GGUF")
    nothing_installed()


def test_import_of_an_unknown_architecture_names_it(tmp_path):
    foo = write_unknown_arch(tmp_path / "foo.gguf")
    one_error_line(maru("import", str(foo), "--link"), "architecture", "'foo'")
    nothing_installed()


def test_import_of_a_missing_file_says_so(tmp_path):
    one_error_line(maru("import", str(tmp_path / "nothing.gguf")), "not found", "nothing.gguf")


def test_copy_import_is_listed_and_removed(tmp_path, tiny_gguf):
    source = tmp_path / "tiny-copy.gguf"
    shutil.copyfile(tiny_gguf, source)
    copy = paths.models_dir() / "tiny-copy.gguf"
    assert ok("import", str(source)).strip() == f"Imported tiny-copy (copied): {copy}"
    assert copy.read_bytes() == source.read_bytes()
    row = installed()["tiny-copy"]
    assert (row["architecture"], row["context"], row["linked"]) == ("llama", 256, False)
    assert any(line.split()[0] == "tiny-copy" for line in ok("list").splitlines())
    # A repeat import (even with --link) returns the copy already installed.
    assert "(copied)" in ok("import", str(source), "--link")
    assert ok("remove", "tiny-copy").startswith("Removed tiny-copy")
    assert not copy.exists() and source.exists()
    assert "tiny-copy" not in installed()
    one_error_line(maru("remove", "tiny-copy"), "model not found", "tiny-copy")


def test_link_import_is_listed_and_removal_keeps_the_file(tmp_path, tiny_gguf):
    source = tmp_path / "elsewhere" / "tiny-link.gguf"
    source.parent.mkdir()
    shutil.copyfile(tiny_gguf, source)
    assert ok("import", str(source), "--link").strip() == f"Imported tiny-link (linked): {source}"
    assert user_models() == []  # nothing copied
    assert installed()["tiny-link"]["linked"] is True
    line = next(ln for ln in ok("list").splitlines() if ln.startswith("tiny-link "))
    assert "llama" in line and str(source) in line
    assert "(linked)" in ok("import", str(source))  # a repeat import without --link
    assert user_models() == []
    assert "the file stays" in ok("remove", "tiny-link")
    assert source.exists() and "tiny-link" not in installed()


def test_the_bundled_starter_model_is_not_imported_twice_nor_removed(starter_model):
    out = ok("import", str(starter_model))
    assert out.strip() == f"Imported {starter_model.stem} (bundled): {starter_model}"
    assert user_models() == []
    one_error_line(maru("remove", starter_model.stem), "ships with Maru", "cannot be removed")
    assert starter_model.is_file() and starter_model.stem in installed()


# ---- fit ------------------------------------------------------------------------------------

def assert_tiny_fit(fit: dict, cells: int, weights: int) -> None:
    assert fit["kind"] in FIT_KINDS and fit["n_layers"] == N_LAYER
    assert fit["n_ctx"] == cells and fit["kv_bytes"] == kv_bytes(cells)
    assert fit["weights_bytes"] == weights
    assert fit["ram_bytes"] + fit["vram_bytes"] == weights + fit["kv_bytes"] + fit[
        "overhead_bytes"]
    assert 0 <= fit["n_gpu_layers"] <= N_LAYER


def test_fit_of_an_installed_model_and_of_a_path(tmp_path, tiny_gguf):
    source = tmp_path / "tiny-fit.gguf"
    shutil.copyfile(tiny_gguf, source)
    ok("import", str(source))
    size = tiny_gguf.stat().st_size
    assert_tiny_fit(ok_json("fit", "tiny-fit", "--ctx", "300"), 512, size)
    assert_tiny_fit(ok_json("fit", str(tiny_gguf), "--ctx", "256"), 256, size)
    assert_tiny_fit(ok_json("fit", str(tiny_gguf), "--ctx", "1"), 256, size)
    cpu = ok_json("fit", "tiny-fit", "--gpu-layers", "0")
    assert_tiny_fit(cpu, 4096, size)
    assert cpu["n_gpu_layers"] == 0 and cpu["vram_bytes"] == 0
    assert cpu["kind"] in {"cpu_only", "wont_fit"}
    assert " at 1000 tokens: needs " in ok("fit", str(tiny_gguf), "--ctx", "1000")


def test_fit_of_a_split_model_counts_every_part(tmp_path, monkeypatch):
    parts = write_tiny_split(tmp_path / "split.gguf", monkeypatch)
    ok("import", str(parts[0]))
    fit = ok_json("fit", "split", "--ctx", "512")
    assert_tiny_fit(fit, 512, sum(p.stat().st_size for p in parts))


def test_fit_refuses_a_bad_context_and_a_bad_file(tmp_path):
    bad = maru("fit", "anything", "--ctx", "0")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--ctx" in bad.stderr
    png = tmp_path / "photo.gguf"
    png.write_bytes(PNG_HEADER)
    one_error_line(maru("fit", str(png)), "not a GGUF")
    one_error_line(maru("fit", "no-such-model"), "model not found", "no-such-model")


def test_fit_of_a_hub_file(hub, hub_files):
    fit = ok_json("fit", REPO, "Q8_0", "--ctx", "700")
    assert_tiny_fit(fit, 768, hub_files["tiny-Q8_0.gguf"].stat().st_size)
    split = ok_json("fit", REPO, "Q2_K", "--ctx", "256")
    assert_tiny_fit(split, 256, sum(p.stat().st_size for n, p in hub_files.items()
                                    if n.startswith("tiny-Q2_K-")))
    one_error_line(maru("fit", REPO, "Q6_K"), "not found", "Q6_K")
    one_error_line(maru("fit", "tiny-org/Other-Tiny-GGUF", "Q4_K_M"),
                   "gated or private repository")
    assert user_models() == []  # a fit downloads nothing
