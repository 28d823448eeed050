"""EngineService on a real Qt event loop (fake engine): coalescing and failures."""

from desktop.core.errors import EngineError, ErrorKind
from desktop.core.protocol import LoadRequest
from desktop.services.engine_service import EngineService
from tests.fake_engine import FakeEngine


def test_streamed_text_is_coalesced_into_few_repaints(qtbot):
    fake = FakeEngine()
    service = EngineService(fake)
    fake.enqueue([f"w{i} " for i in range(300)])
    received = []
    service.text_streamed.connect(received.append)
    with qtbot.waitSignal(service.answer_finished, timeout=5000) as finished:
        service.ask([{"role": "user", "content": "hi"}])
    assert "".join(received) == "".join(f"w{i} " for i in range(300))
    assert len(received) < 300
    assert finished.args[0].completion_tokens == 300
    service.shutdown()
    assert fake.closed


def test_load_failure_and_answer_failure_are_told_apart(qtbot):
    class Failing(FakeEngine):
        def load(self, request, on_progress=None):
            raise EngineError(ErrorKind.NOT_GGUF, "bad magic")

    fake = Failing()
    service = EngineService(fake)
    with qtbot.waitSignal(service.load_failed, timeout=5000) as failed:
        service.load_model(LoadRequest(path="/x.gguf"))
    assert failed.args == ["not_gguf", "bad magic"] and service.model_info is None
    fake.error = EngineError(ErrorKind.NO_MODEL_LOADED, "")
    with qtbot.waitSignal(service.failed, timeout=5000) as failed:
        service.ask([{"role": "user", "content": "hi"}])
    assert failed.args[0] == "no_model_loaded"
    service.shutdown()
