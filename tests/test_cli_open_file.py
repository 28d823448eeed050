"""`maru FILE.gguf` (a double-click on a model in the file manager) opens the window
and hands the files to the models page's import check."""

from pathlib import Path

import pytest

from desktop import app, cli


def test_gguf_arguments_open_the_window_with_the_files(monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr(app, "run_gui", lambda import_models=None: opened.append(import_models)
                        or 0)
    model = tmp_path / "Some-Model.Q4_K_M.GGUF"
    assert cli.main([str(model)]) == 0
    assert opened == [[str(model)]]


def test_other_arguments_still_go_to_the_parser(capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(["notes.txt"])
    assert exited.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_run_gui_resolves_relative_paths_before_importing(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    imported = []

    class Window:
        def import_models(self, paths):
            imported.append(paths)

    class App:
        def exec(self):
            return 0

    monkeypatch.setattr(app, "build_app", lambda: (App(), Window(), None))
    assert app.run_gui(import_models=["m.gguf"]) == 0
    assert imported == [[str(Path(tmp_path, "m.gguf").resolve())]]
