"""The real engine process on tiny random-weight GGUFs: loading, templates, errors."""

import json

import pytest

from desktop.backends.engine_client import EngineClient
from desktop.core.errors import EngineError, ErrorKind
from desktop.core.protocol import Done, LoadRequest, StopReason
from desktop.core.sampling import Sampling
from tests.conftest import SSTI_TEMPLATE
from tests.tiny_gguf import N_CTX, write_tiny_llama

HELLO = [{"role": "user", "content": "Hello world"}]


def run(engine, messages=HELLO, **kw):
    events = list(engine.generate(messages, kw.pop("sampling", Sampling(seed=1)), **kw))
    done = events[-1]
    assert isinstance(done, Done)
    return "".join(e.text for e in events[:-1]), done


def test_load_reports_model_and_device(engine, tiny_gguf):
    progress = []
    info = engine.load(LoadRequest(path=str(tiny_gguf), n_ctx=4096), progress.append)
    assert info.architecture == "llama"
    assert info.n_ctx == N_CTX  # capped at the model's training context
    assert info.device == "CPU" and info.offload_reason
    assert info.chat_template == "fallback:chatml"
    assert progress[-1] == 1.0 and progress == sorted(progress)


def test_generate_respects_max_tokens(engine, tiny_gguf):
    engine.load(LoadRequest(path=str(tiny_gguf)))
    _text, done = run(engine, max_tokens=5)
    assert done.completion_tokens <= 5
    assert done.stop_reason in (StopReason.LENGTH, StopReason.EOS, StopReason.STOP_STRING)
    assert done.prompt_tokens > 3


def test_grammar_constrains_the_answer(engine, tiny_chatml_gguf):
    engine.load(LoadRequest(path=str(tiny_chatml_gguf)))
    for seed in range(3):
        text, _ = run(engine, sampling=Sampling(seed=seed, temperature=1.5),
                      grammar='root ::= "yes" | "no"')
        assert text in ("yes", "no")


def test_json_schema_gives_valid_json(engine, tiny_chatml_gguf):
    engine.load(LoadRequest(path=str(tiny_chatml_gguf)))
    schema = {"type": "object", "properties": {"label": {"enum": ["spam", "ham"]}},
              "required": ["label"]}
    text, _ = run(engine, json_schema=json.dumps(schema), max_tokens=60)
    assert json.loads(text)["label"] in ("spam", "ham")


def test_bad_grammar_is_a_typed_error_and_worker_lives_on(engine, tiny_gguf):
    engine.load(LoadRequest(path=str(tiny_gguf)))
    pid = engine.pid
    with pytest.raises(EngineError) as err:
        run(engine, grammar="root ::= (((")
    assert err.value.kind == ErrorKind.BAD_REQUEST
    assert engine.pid == pid
    assert run(engine, max_tokens=2)[1].completion_tokens <= 2


def test_context_overflow_is_refused(engine, tiny_gguf):
    engine.load(LoadRequest(path=str(tiny_gguf)))
    long = [{"role": "user", "content": "Hello world " * 400}]
    with pytest.raises(EngineError) as err:
        run(engine, long)
    assert err.value.kind == ErrorKind.CONTEXT_OVERFLOW


def test_fit_context_drops_oldest_turns_but_keeps_system_and_last(engine, tiny_gguf):
    engine.load(LoadRequest(path=str(tiny_gguf)))
    turns = [{"role": "system", "content": "Be brief."}]
    for i in range(30):
        turns.append({"role": "user", "content": f"question {i} about the weather"})
        turns.append({"role": "assistant", "content": f"answer {i} is sunny"})
    turns.append({"role": "user", "content": "last question"})
    with pytest.raises(EngineError) as err:
        run(engine, turns, max_tokens=8)
    assert err.value.kind is ErrorKind.CONTEXT_OVERFLOW
    _text, done = run(engine, turns, max_tokens=8, fit_context=True)
    assert 0 < done.dropped_messages < len(turns) - 2
    assert done.dropped_messages % 2 == 0  # whole turns, so roles still alternate
    assert done.prompt_tokens + 8 <= N_CTX
    _text, small = run(engine, turns[:3] + turns[-1:], max_tokens=8, fit_context=True)
    assert small.dropped_messages == 0


def test_generate_before_load_is_a_typed_error(engine):
    with pytest.raises(EngineError) as err:
        run(engine)
    assert err.value.kind == ErrorKind.NO_MODEL_LOADED


def test_template_reaching_python_internals_is_refused(engine, tiny_dir, tmp_path):
    marker = tmp_path / "pwned"
    template = SSTI_TEMPLATE.replace("marker", repr(str(marker)))
    path = write_tiny_llama(tiny_dir / "ssti.gguf", chat_template=template)
    engine.load(LoadRequest(path=str(path)))
    with pytest.raises(EngineError) as err:
        run(engine)
    assert err.value.kind == ErrorKind.TEMPLATE_REFUSED
    assert not marker.exists()
    assert engine.pid is not None  # the worker survived and can serve another model


def test_broken_template_syntax_is_a_load_error(engine, tiny_dir):
    path = write_tiny_llama(tiny_dir / "broken.gguf", chat_template="{% for m in messages %}")
    with pytest.raises(EngineError) as err:
        engine.load(LoadRequest(path=str(path)))
    assert err.value.kind in (ErrorKind.LOAD_FAILED, ErrorKind.TEMPLATE_FAILED)
    assert "template" in err.value.detail.lower() or "jinja" in err.value.detail.lower()


def test_bad_files_are_typed_errors(engine, tiny_gguf, tmp_path):
    not_gguf = tmp_path / "photo.gguf"
    not_gguf.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    truncated = tmp_path / "half.gguf"
    truncated.write_bytes(tiny_gguf.read_bytes()[:-5000])
    for path, kind in ((not_gguf, ErrorKind.NOT_GGUF), (truncated, ErrorKind.TRUNCATED_GGUF),
                       (tmp_path / "none.gguf", ErrorKind.MODEL_NOT_FOUND)):
        with pytest.raises(EngineError) as err:
            engine.load(LoadRequest(path=str(path)))
        assert err.value.kind == kind
    assert engine.load(LoadRequest(path=str(tiny_gguf))).architecture == "llama"


def test_embeddings_are_normalized_vectors(engine, tiny_gguf):
    engine.load(LoadRequest(path=str(tiny_gguf), embedding=True))
    vectors = engine.embed(["Hello world", "yes no"])
    assert len(vectors) == 2 and len(vectors[0]) == 64
    assert abs(sum(x * x for x in vectors[0]) - 1.0) < 1e-3
    assert vectors[0] != vectors[1]


def test_close_stops_the_worker():
    client = EngineClient()
    client._ensure_worker(reload=False)
    process = client._process
    client.close()
    assert not process.is_alive() and process.exitcode == 0
