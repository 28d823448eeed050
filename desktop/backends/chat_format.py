"""Render a conversation into the prompt text a model expects.

The template comes from the GGUF (`tokenizer.chat_template`) and runs in
Jinja's ImmutableSandboxedEnvironment (set up as llama-cpp-python's
Jinja2ChatFormatter does), which refuses attribute tricks such as
`''.__class__.__mro__`: such a template is refused with TEMPLATE_REFUSED and no
code runs. A model without a template gets ChatML (`<|im_start|>role ...
<|im_end|>`), the format most instruction models are trained on and
llama.cpp's own fallback. This runs inside the engine process, so a template
that burns CPU can never freeze the window; the budget (template_budget's
`run_within_budget`) also keeps it from stalling the engine: compiling and each
render get TIME_BUDGET_S seconds and a memory ceiling, and what runs over is
refused with TEMPLATE_OVER_BUDGET.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

import jinja2
import jinja2.ext
import jinja2.sandbox

from desktop.backends.template_budget import (
    MAX_OUTPUT_CHARS,
    MAX_TEMPLATE_CHARS,
    BudgetedEnvironment,
    over_budget,
    run_within_budget,
)
from desktop.core.errors import EngineError, ErrorKind
from desktop.core.protocol import Message

CHATML_TEMPLATE = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
CHATML_STOP = "<|im_end|>"


@dataclass(frozen=True)
class RenderedPrompt:
    """The prompt text, strings that end the answer, and whether BOS is inside."""

    text: str
    stop: tuple[str, ...]
    added_special: bool


class _IgnoreGenerationTags(jinja2.ext.Extension):
    """Pass-through for HuggingFace's `{% generation %}` tag (as llama-cpp-python)."""

    tags: ClassVar[set[str]] = {"generation"}

    def parse(self, parser: jinja2.parser.Parser) -> list:
        parser.stream.skip(1)
        return parser.parse_statements(("name:endgeneration",), drop_needle=True)


class ChatFormat:
    """A compiled chat template. `source` is "gguf" or "fallback:chatml".

    Raises EngineError: TEMPLATE_FAILED for a syntax error, TEMPLATE_OVER_BUDGET
    for a template too long to compile in budget. Not thread-safe."""

    def __init__(self, template: str | None, bos_token: str, eos_token: str) -> None:
        self.source = "gguf" if template else "fallback:chatml"
        self._bos, self._eos = bos_token, eos_token
        source = template or CHATML_TEMPLATE
        if len(source) > MAX_TEMPLATE_CHARS:  # real ones are < 50k; compiling costs ~1 s/MB
            raise over_budget(f"the chat template is {len(source)} characters; Maru compiles "
                              f"at most {MAX_TEMPLATE_CHARS}")
        env = BudgetedEnvironment(
            loader=jinja2.BaseLoader(), trim_blocks=True, lstrip_blocks=True,
            extensions=[_IgnoreGenerationTags, jinja2.ext.loopcontrols],
        )
        env.filters["tojson"] = _tojson  # Transformers' chat-template JSON rendering
        try:
            # Compiling runs template code too (Jinja folds constant expressions).
            self._template = run_within_budget("compiling the chat template",
                                               lambda: env.from_string(source))
        except (jinja2.TemplateError, RecursionError) as exc:
            raise EngineError(ErrorKind.TEMPLATE_FAILED, f"invalid chat template: {exc}") from exc
        except jinja2.sandbox.SecurityError as exc:
            raise _refused(exc) from exc
        self._extra_stop = () if template else (CHATML_STOP,)

    def render(self, messages: tuple[Message, ...] | list[Message]) -> RenderedPrompt:
        """Render messages with the generation prompt appended, within the budget."""
        try:
            plain = [dict(m) for m in messages]
            text = run_within_budget("rendering the chat template", lambda: self._render(plain))
        except jinja2.sandbox.SecurityError as exc:
            raise _refused(exc) from exc
        except (jinja2.TemplateError, ValueError, TypeError, KeyError, IndexError,
                RecursionError) as exc:
            raise EngineError(ErrorKind.TEMPLATE_FAILED, f"chat template error: {exc}") from exc
        stop = tuple(s for s in (self._eos, *self._extra_stop) if s)
        return RenderedPrompt(text, stop, True)

    def _render(self, messages: list[dict]) -> str:
        def raise_exception(message: str) -> None:
            raise ValueError(message)

        chunks, size = [], 0
        for chunk in self._template.generate(
            messages=messages, eos_token=self._eos, bos_token=self._bos,
            raise_exception=raise_exception, add_generation_prompt=True, functions=None,
            function_call=None, tools=None, tool_choice=None, strftime_now=_strftime_now,
        ):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:  # checked per piece: a loop of "x" stops here
                raise over_budget(f"the chat template wrote more than {MAX_OUTPUT_CHARS} "
                                  "characters")
            chunks.append(chunk)
        return "".join(chunks)


def _refused(exc: Exception) -> EngineError:
    return EngineError(ErrorKind.TEMPLATE_REFUSED,
                       f"the chat template tried something unsafe and was stopped: {exc}")


def _strftime_now(fmt: str) -> str:
    return datetime.now().strftime(fmt)


def _tojson(x: object, ensure_ascii: bool = False, indent: int | None = None,
            separators: tuple[str, str] | None = None, sort_keys: bool = False) -> str:
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators,
                      sort_keys=sort_keys)


class _UnusedFormatter:
    def __init__(self, **_kwargs: object) -> None:
        pass

    def to_chat_handler(self) -> None:
        return None


@contextlib.contextmanager
def skip_llama_cpp_templates() -> Iterator[None]:
    """While held, llama_cpp.Llama() does not compile the file's chat templates.

    WORKAROUND: llama-cpp-python's Llama() compiles every `tokenizer.chat_template*`
    in the metadata, for chat handlers Maru never uses, with no time or memory bound:
    a 30k-tag template takes tens of seconds, and Jinja folds `'x'|center(3000000000)`
    at compile time (3 GB). ChatFormat compiles the one Maru uses, within its budget.
    Wrap every Llama() call (the engine's load, the import probe) in it.
    """
    from llama_cpp import llama_chat_format  # heavy: only where Llama() is used

    original = llama_chat_format.Jinja2ChatFormatter
    llama_chat_format.Jinja2ChatFormatter = _UnusedFormatter
    try:
        yield
    finally:
        llama_chat_format.Jinja2ChatFormatter = original
