from desktop.core.text_stream import TextAssembler


def feed_all(assembler, pieces):
    return "".join(assembler.feed(p) for p in pieces) + assembler.finish()


def test_korean_split_across_tokens_is_emitted_whole():
    data = "안녕하세요".encode()
    a = TextAssembler()
    outputs = [a.feed(data[i : i + 1]) for i in range(len(data))]
    assert "".join(outputs) == "안녕하세요"
    assert all("\ufffd" not in o for o in outputs)
    assert outputs[0] == "" and outputs[2] == "안"


def test_stop_string_split_over_tokens_is_never_shown():
    a = TextAssembler(stop=("<|im_end|>",))
    shown = [a.feed(p) for p in [b"Hi", b" there<|im", b"_e", b"nd|>after"]]
    assert "".join(shown) == "Hi there"
    assert a.stopped
    assert a.feed(b"more") == ""


def test_held_back_prefix_is_released_when_it_is_not_a_stop():
    a = TextAssembler(stop=("STOP",))
    assert a.feed(b"go ST") == "go "
    assert a.feed(b"ART") == "START"
    assert not a.stopped


def test_finish_flushes_unfinished_character_as_replacement():
    a = TextAssembler()
    assert a.feed("가".encode()[:2]) == ""
    assert a.finish() == "\ufffd"


def test_text_accumulates_everything_emitted():
    a = TextAssembler(stop=("\n\n",))
    feed_all(a, [b"one", b" two\n", b"\nthree"])
    assert a.text == "one two"
