"""Render a conversation into the prompt text a model expects.

The template comes from the GGUF (`tokenizer.chat_template`) and runs through
llama-cpp-python's Jinja2ChatFormatter, whose ImmutableSandboxedEnvironment
refuses attribute tricks such as `''.__class__.__mro__`: such a template is
refused with TEMPLATE_REFUSED and no code runs. A model without a template
gets ChatML (`<|im_start|>role ... <|im_end|>`), the format most instruction
models are trained on and llama.cpp's own fallback. This runs inside the
engine process, so a template that burns CPU can never freeze the window.
"""

from __future__ import annotations

from dataclasses import dataclass

import jinja2
import jinja2.sandbox
from llama_cpp.llama_chat_format import Jinja2ChatFormatter

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


class ChatFormat:
    """A compiled chat template. `source` is "gguf" or "fallback:chatml"."""

    def __init__(self, template: str | None, bos_token: str, eos_token: str) -> None:
        self.source = "gguf" if template else "fallback:chatml"
        try:
            self._formatter = Jinja2ChatFormatter(
                template=template or CHATML_TEMPLATE, eos_token=eos_token, bos_token=bos_token
            )
        except jinja2.TemplateError as exc:
            raise EngineError(ErrorKind.TEMPLATE_FAILED, f"invalid chat template: {exc}") from exc
        self._extra_stop = () if template else (CHATML_STOP,)

    def render(self, messages: tuple[Message, ...] | list[Message]) -> RenderedPrompt:
        """Render messages with the generation prompt appended."""
        try:
            result = self._formatter(messages=[dict(m) for m in messages])
        except jinja2.sandbox.SecurityError as exc:
            raise EngineError(
                ErrorKind.TEMPLATE_REFUSED,
                f"the chat template tried something unsafe and was stopped: {exc}",
            ) from exc
        except (jinja2.TemplateError, ValueError, TypeError, KeyError, IndexError) as exc:
            raise EngineError(ErrorKind.TEMPLATE_FAILED, f"chat template error: {exc}") from exc
        stop = tuple(s for s in (*_as_list(result.stop), *self._extra_stop) if s)
        return RenderedPrompt(result.prompt, stop, bool(result.added_special))


def _as_list(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)
