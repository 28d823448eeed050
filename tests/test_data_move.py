"""Moving the data folder (real files, real SQLite) and clearing the caches."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import platformdirs
import pytest

from desktop import paths, settings
from desktop.backends import caches, data_move
from desktop.backends.data_move import MoveError, MoveErrorKind
from desktop.services.preferences_service import PreferencesService


def fill_data_folder(folder: Path) -> None:
    """A data folder as Maru leaves it, plus the config and logs that share it on Windows."""
    models = paths.ensure(folder / "models")
    (models / "tiny.gguf").write_bytes(os.urandom(3 * 1024 * 1024 + 17))
    (paths.ensure(models / ".downloads") / "abc.part").write_bytes(os.urandom(5000))
    (paths.ensure(folder / "glossaries") / "terms.json").write_text('{"a": "b"}', "utf-8")
    (folder / "downloads.json").write_text("[]", "utf-8")
    (paths.ensure(folder / "cache" / "gguf-headers") / "h.json").write_text("{}", "utf-8")
    db = sqlite3.connect(folder / "history.sqlite3")
    db.execute("CREATE TABLE messages (text TEXT)")
    db.execute("INSERT INTO messages VALUES ('안녕하세요')")
    db.commit()
    db.close()
    (folder / "settings.json").write_text("{}", "utf-8")  # config: stays where it is
    (paths.ensure(folder / "Logs") / "maru.log").write_text("log", "utf-8")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` -> sha256 of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_data_entries_name_both_databases():
    from desktop.backends import doc_index, history_store

    for name in (history_store.DB_FILE_NAME, doc_index.DB_FILE_NAME):
        assert {name, f"{name}-wal", f"{name}-shm"} <= set(paths.DATA_ENTRIES)


def test_a_move_copies_everything_verifies_then_switches_and_removes_the_old(tmp_path):
    source, target = tmp_path / "old", tmp_path / "new" / "Maru"
    fill_data_folder(source)
    before = snapshot(source)
    seen_at_switch = {}

    def switch() -> None:  # the old copy must still be there when the pointer moves
        seen_at_switch.update(old=snapshot(source), new=snapshot(target))

    result = data_move.move_data(source, target, switch=switch)
    data = {k: v for k, v in before.items() if not k.startswith(("settings", "Logs"))}
    assert seen_at_switch["old"] == before and seen_at_switch["new"] == data
    assert snapshot(target) == data and result.bytes_moved > 3 * 1024 * 1024
    assert result.left_behind == []
    assert sorted(p.name for p in source.iterdir()) == ["Logs", "settings.json"]
    db = sqlite3.connect(target / "history.sqlite3")
    assert db.execute("SELECT text FROM messages").fetchall() == [("안녕하세요",)]
    db.close()


def test_a_move_into_a_non_empty_folder_is_refused_and_loses_nothing(tmp_path):
    source, target = tmp_path / "old", tmp_path / "busy"
    fill_data_folder(source)
    (paths.ensure(target) / "holiday.jpg").write_bytes(b"jpeg")
    before = snapshot(source)
    with pytest.raises(MoveError) as err:
        data_move.move_data(source, target, switch=pytest.fail)
    assert err.value.kind is MoveErrorKind.NOT_EMPTY
    assert snapshot(source) == before
    assert snapshot(target) == {"holiday.jpg": hashlib.sha256(b"jpeg").hexdigest()}
    assert data_move.refusal(source, target).kind is MoveErrorKind.NOT_EMPTY


def test_a_move_into_the_folder_itself_or_inside_it_is_refused(tmp_path):
    fill_data_folder(tmp_path / "d")
    assert data_move.refusal(tmp_path / "d", tmp_path / "d").kind is MoveErrorKind.SAME_FOLDER
    assert data_move.refusal(tmp_path / "d", tmp_path / "d" / "x").kind is (
        MoveErrorKind.INSIDE_CURRENT)
    assert not (tmp_path / "d" / "x").exists()


def test_a_move_where_no_folder_can_be_made_is_refused_and_leaves_no_trace(tmp_path):
    source = tmp_path / "old"
    fill_data_folder(source)
    before = snapshot(source)
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(MoveError) as err:
        data_move.move_data(source, tmp_path / "a-file" / "Maru", switch=pytest.fail)
    assert err.value.kind is MoveErrorKind.NOT_WRITABLE
    assert snapshot(source) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="file permissions do not bind root")
def test_a_move_into_a_read_only_folder_is_refused_and_loses_nothing(tmp_path):
    source, locked = tmp_path / "old", paths.ensure(tmp_path / "locked")
    fill_data_folder(source)
    before = snapshot(source)
    locked.chmod(0o500)
    try:
        assert data_move.refusal(source, locked / "Maru").kind is MoveErrorKind.NOT_WRITABLE
        with pytest.raises(MoveError) as err:
            data_move.move_data(source, locked / "Maru", switch=pytest.fail)
    finally:
        locked.chmod(0o700)
    assert err.value.kind is MoveErrorKind.NOT_WRITABLE
    assert snapshot(source) == before and list(locked.iterdir()) == []


def test_a_move_with_too_little_space_is_refused(tmp_path, monkeypatch):
    source, target = tmp_path / "old", tmp_path / "new"
    fill_data_folder(source)
    before = snapshot(source)
    usage = data_move.shutil.disk_usage(tmp_path)
    monkeypatch.setattr("desktop.backends.disk_space.shutil.disk_usage",
                        lambda _p: usage._replace(free=1024))  # an almost full disk
    assert data_move.refusal(source, target).kind is MoveErrorKind.NO_SPACE
    with pytest.raises(MoveError) as err:
        data_move.move_data(source, target, switch=pytest.fail)
    assert err.value.kind is MoveErrorKind.NO_SPACE
    assert snapshot(source) == before and not target.exists()


def test_an_interrupted_move_keeps_the_old_folder_intact(tmp_path):
    source, target = tmp_path / "old", tmp_path / "new"
    fill_data_folder(source)
    before = snapshot(source)

    def pull_the_drive(done: int, _total: int) -> None:
        if done > 1024 * 1024:  # in the middle of the model file
            raise OSError(5, "Input/output error")

    with pytest.raises(MoveError) as err:
        data_move.move_data(source, target, switch=pytest.fail, on_progress=pull_the_drive)
    assert err.value.kind is MoveErrorKind.COPY_FAILED
    assert snapshot(source) == before and not target.exists()


def test_a_failing_switch_removes_the_copy_and_keeps_the_old(tmp_path):
    source, target = tmp_path / "old", paths.ensure(tmp_path / "empty")
    fill_data_folder(source)
    before = snapshot(source)

    def switch() -> None:
        raise RuntimeError("settings.json could not be written")

    with pytest.raises(RuntimeError):
        data_move.move_data(source, target, switch=switch)
    assert snapshot(source) == before and list(target.iterdir()) == []


# ---- the pointer and the start-up move -------------------------------------------------


@pytest.fixture
def platform_dirs(tmp_path, monkeypatch) -> Path:
    """No MARU_HOME: the platform's folders, redirected under tmp_path."""
    monkeypatch.delenv("MARU_HOME")
    for name in ("user_data_dir", "user_config_dir", "user_log_dir"):
        folder = tmp_path / "platform" / name
        monkeypatch.setattr(platformdirs, name, lambda *_a, folder=folder, **_k: str(folder))
    return tmp_path / "platform"


def test_maru_home_wins_over_the_pointer(maru_home, tmp_path):
    settings.save(settings.Settings(data_dir=str(tmp_path / "elsewhere")))
    assert paths.data_dir() == maru_home


def test_the_pointer_names_the_data_folder(platform_dirs, tmp_path):
    assert paths.data_dir() == platform_dirs / "user_data_dir"
    settings.save(settings.Settings(data_dir=str(tmp_path / "elsewhere")))
    assert paths.data_dir() == tmp_path / "elsewhere"
    assert paths.models_dir() == tmp_path / "elsewhere" / "models"


def move_at_start(qtbot, target: Path) -> tuple[str, str]:
    """Record a pending move and run it as Maru's start-up does; (kind, detail)."""
    settings.save(settings.Settings(data_dir_pending=str(target), n_ctx=8192))
    service = PreferencesService()
    try:
        assert service.claim_data_folder(0)
        with qtbot.waitSignal(service.move_finished, timeout=20_000) as finished:
            service.move_pending()
    finally:
        service.shutdown()
    return tuple(finished.args)


def test_a_pending_move_runs_at_start_and_switches_the_pointer(qtbot, platform_dirs, tmp_path):
    old = paths.data_dir()
    fill_data_folder(old)
    data = {k: v for k, v in snapshot(old).items() if not k.startswith(("settings", "Logs"))}
    assert move_at_start(qtbot, tmp_path / "usb" / "Maru") == ("", "")
    assert paths.data_dir() == tmp_path / "usb" / "Maru"
    assert snapshot(paths.data_dir()) == data
    prefs = settings.load()
    assert prefs.data_dir_pending is None and prefs.n_ctx == 8192  # other values kept
    assert not (old / "models").exists()


def test_a_refused_pending_move_changes_nothing_and_is_forgotten(qtbot, platform_dirs, tmp_path):
    old = paths.data_dir()
    fill_data_folder(old)
    before = snapshot(old)
    (paths.ensure(tmp_path / "busy") / "x").write_text("x")
    kind, _detail = move_at_start(qtbot, tmp_path / "busy")
    assert kind == "not_empty"
    assert paths.data_dir() == old and snapshot(old) == before
    assert settings.load().data_dir_pending is None


# ---- caches -----------------------------------------------------------------------------


def test_clearing_caches_frees_only_the_cache(maru_home):
    fill_data_folder(maru_home)
    (maru_home / "cache" / "gguf-headers" / "big.json").write_bytes(b"x" * 12_345)
    (maru_home / "cache" / "other.bin").write_bytes(b"y" * 100)
    cached = caches.cache_size()
    assert cached == 12_345 + 100 + 2
    kept = {k: v for k, v in snapshot(maru_home).items() if not k.startswith("cache")}
    assert caches.clear_caches() == cached
    assert caches.cache_size() == 0 and snapshot(maru_home) == kept
    assert caches.clear_caches() == 0


def test_the_service_measures_and_clears_caches(qtbot, maru_home):
    (paths.ensure(maru_home / "cache") / "h.json").write_text(json.dumps({"a": 1}))
    service = PreferencesService()
    try:
        with qtbot.waitSignal(service.cache_measured) as measured:
            service.measure_cache()
        assert measured.args == [8]
        with qtbot.waitSignal(service.caches_cleared) as cleared:
            service.clear_caches()
        assert cleared.args == [8] and not (maru_home / "cache" / "h.json").exists()
    finally:
        service.shutdown()


def test_start_up_moves_the_data_with_a_progress_window(qtbot, platform_dirs, tmp_path):
    from desktop.ui.data_move_progress import prepare_data_folder

    old = paths.data_dir()
    fill_data_folder(old)
    data = {k: v for k, v in snapshot(old).items() if not k.startswith(("settings", "Logs"))}
    settings.save(settings.Settings(data_dir_pending=str(tmp_path / "new")))
    service = PreferencesService()
    try:
        prepare_data_folder(service)
    finally:
        service.shutdown()
    assert paths.data_dir() == tmp_path / "new" and snapshot(tmp_path / "new") == data


def test_only_one_maru_holds_the_data_folder(maru_home):
    first, second = PreferencesService(), PreferencesService()
    assert first.claim_data_folder(0)
    assert not second.claim_data_folder(0)  # a second Maru never starts a move


@pytest.mark.parametrize("answer", ["No", "Yes"])
def test_a_missing_data_folder_asks_before_making_a_new_one(platform_dirs, tmp_path,
                                                            monkeypatch, answer):
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.data_move_progress import prepare_data_folder

    asked = []
    reply = getattr(QMessageBox.StandardButton, answer)
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda _p, _t, text, *_a: asked.append(text) or reply))
    settings.save(settings.Settings(data_dir=str(tmp_path / "unplugged" / "Maru")))
    service = PreferencesService()
    assert prepare_data_folder(service) is (answer == "Yes")
    assert len(asked) == 1 and str(tmp_path / "unplugged" / "Maru") in asked[0]
    assert not (tmp_path / "unplugged").exists()  # nothing made before the user says so
