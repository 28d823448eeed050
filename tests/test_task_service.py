"""TaskService over the real engine process and starter model, real SQLite history,
real files and a real Qt event loop."""

from __future__ import annotations

import pytest

from desktop.backends.engine_client import EngineClient
from desktop.backends.history_store import HistoryStore
from desktop.core import classify as cls
from desktop.core.protocol import LoadRequest
from desktop.core.summarize import SummaryOptions, SummaryStyle
from desktop.core.tasks import RunStatus, TaskInput, TaskMode
from desktop.services.engine_service import EngineService
from desktop.services.task_service import TaskService
from tests import doc_fixtures as fx

pytestmark = pytest.mark.slow
WAIT = 120_000


@pytest.fixture(scope="module")
def real_engine(starter_model):
    from tests.conftest import SHARED_ENGINES

    client = EngineClient()
    client.load(LoadRequest(path=str(starter_model), n_ctx=2048))
    SHARED_ENGINES.append(client)
    service = EngineService(client)
    service.model_info = client.model_info
    yield service
    service.shutdown()
    SHARED_ENGINES.remove(client)


@pytest.fixture
def tasks(qtbot, real_engine, tmp_path):
    store = HistoryStore(tmp_path / "history.sqlite3")
    service = TaskService(real_engine, store, glossary_dir=tmp_path / "glossaries")
    yield service
    if service.running:
        with qtbot.waitSignal(service.running_changed, timeout=WAIT):
            service.stop()
    service.shutdown()
    store.close()


def test_classify_pasted_lines_streams_items_and_keeps_the_run(qtbot, tasks):
    items = []
    tasks.item_done.connect(items.append)
    with qtbot.waitSignal(tasks.finished, timeout=WAIT) as finished:
        assert tasks.classify(TaskInput("I love it\nIt broke at once\n\nOpens at 9\n"),
                              cls.PRESETS["sentiment"])
    run = finished.args[0]
    assert run.status is RunStatus.DONE
    assert [i.text for i in items] == ["I love it", "It broke at once", "Opens at 9"]
    (stored,) = tasks.history(TaskMode.CLASSIFY)
    assert stored.status is RunStatus.DONE and len(stored.meta["results"]) == 3
    assert stored.meta["labels"] == list(cls.PRESETS["sentiment"].names)


def test_summarize_a_pdf_streams_the_final_summary(qtbot, tasks, tmp_path):
    pdf = tmp_path / "notes.pdf"
    fx.write_pdf(pdf, ["Meeting notes.\n\nThe team chose Busan for the spring workshop. "
                       "The budget is 3 million won."])
    streamed = []
    tasks.text_streamed.connect(streamed.append)
    with qtbot.waitSignal(tasks.finished, timeout=WAIT) as finished:
        tasks.summarize(TaskInput(path=str(pdf)), SummaryOptions(SummaryStyle.ONE_LINE))
    run = finished.args[0]
    assert run.status is RunStatus.DONE and run.output.strip()
    assert "".join(streamed).strip() == run.output
    assert tasks.history(TaskMode.SUMMARIZE)[0].title == "notes.pdf"


def test_stop_ends_a_batch_early_and_keeps_the_items_done(qtbot, tasks):
    text = "\n".join(f"Item {i}: it was {'fine' if i % 2 else 'awful'}" for i in range(400))
    seen = []

    def on_item(item):
        seen.append(item)
        if len(seen) == 10:
            tasks.stop()

    tasks.item_done.connect(on_item)
    with qtbot.waitSignal(tasks.finished, timeout=WAIT) as finished:
        tasks.classify(TaskInput(text), cls.PRESETS["sentiment"])
    run = finished.args[0]
    assert run.status is RunStatus.STOPPED
    assert 10 <= len(run.meta["results"]) < 400
    assert tasks.history(TaskMode.CLASSIFY)[0].status is RunStatus.STOPPED


@pytest.mark.parametrize(("start", "kind"), [
    (lambda t, p: t.summarize(TaskInput("   "), SummaryOptions()), "empty_input"),
    (lambda t, p: t.translate(TaskInput("Hello"), "xx"), "unknown_language"),
    (lambda t, p: t.classify(TaskInput("a"), cls.ClassifyOptions(
        (cls.Label("a"), cls.Label("A")))), "duplicate_labels"),
])
def test_refused_options_fail_at_once_and_start_nothing(qtbot, tasks, tmp_path, start, kind):
    with qtbot.waitSignal(tasks.failed, timeout=1000) as failed:
        assert start(tasks, tmp_path) is False
    assert failed.args[0] == kind
    assert not tasks.running and tasks.history(TaskMode.SUMMARIZE) == []


@pytest.mark.parametrize(("name", "content", "column", "kind"), [
    ("broken.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 100, None, "document"),
    ("data.bin", bytes(range(256)) * 40, None, "binary_file"),
    ("rows.csv", b"id,review\n1,good\n", "comment", "missing_column"),
])
def test_bad_files_fail_the_run_with_a_reason(qtbot, tasks, tmp_path, name, content, column,
                                              kind):
    path = tmp_path / name
    path.write_bytes(content)
    with qtbot.waitSignal(tasks.failed, timeout=WAIT) as failed:
        if column:
            tasks.classify(TaskInput(path=str(path)), cls.PRESETS["spam"], column)
        else:
            tasks.summarize(TaskInput(path=str(path)), SummaryOptions())
    assert failed.args[0] == kind
    assert not tasks.running
    mode = TaskMode.CLASSIFY if column else TaskMode.SUMMARIZE
    assert tasks.history(mode)[0].status is RunStatus.FAILED
    # and the service still works
    with qtbot.waitSignal(tasks.finished, timeout=WAIT):
        tasks.classify(TaskInput("good\nbad"), cls.PRESETS["sentiment"])


def test_glossaries_are_saved_and_loaded_by_name(tasks):
    tasks.save_glossary("Project X", {"계약서": "contract", "Maru": "마루"})
    assert tasks.glossaries() == ["Project X"]
    assert tasks.load_glossary("Project X") == {"계약서": "contract", "Maru": "마루"}


def test_the_classify_panel_runs_a_csv_through_the_real_engine_and_exports_it(
        qtbot, tasks, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from desktop.ui.classify_panel import ClassifyPanel

    source = tmp_path / "reviews.csv"
    source.write_text("id,review\n1,Loved it\n2,Broke at once\n3,Arrived Monday\n",
                      encoding="utf-8")
    panel = ClassifyPanel(tasks)
    qtbot.addWidget(panel)
    panel.show()
    panel.apply_preset("sentiment")
    panel.set_file(str(source))
    with qtbot.waitSignal(tasks.finished, timeout=WAIT):
        panel.run_bar.run_button.click()
    assert panel.model.rowCount() == 3
    out = tmp_path / "labels.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert panel.export_csv()
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("index,id,review,label,p_positive")
    assert len(text.splitlines()) == 4


def test_summarize_the_open_conversation(qtbot, tasks):
    store = tasks._store
    conversation = store.create_conversation("Trip planning")
    from desktop.core.conversation import Role

    for role, text in ((Role.USER, "Let's go to Jeju in May."),
                       (Role.ASSISTANT, "Jeju in May is mild; book flights early.")):
        store.add_message(conversation.id, role, text)
    with qtbot.waitSignal(tasks.finished, timeout=WAIT) as finished:
        assert tasks.summarize(TaskInput(conversation_id=conversation.id),
                               SummaryOptions(SummaryStyle.ONE_LINE))
    assert finished.args[0].status is RunStatus.DONE and finished.args[0].output.strip()
