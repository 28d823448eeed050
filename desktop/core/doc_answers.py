"""From a Retrieval to what the engine is asked and what the answer remembers.

The chat service and `maru ask` both build their prompts here. An answer keeps
its sources in `Message.meta["sources"]` as JSON-ready dicts, so citations still
open the right passage after a restart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core import rag_prompt
from desktop.core.conversation import Message, prompt_messages
from desktop.core.doc_records import SearchHit
from desktop.core.documents import PartKind


@dataclass(frozen=True)
class Retrieval:
    """What a question found: the relevant hits to quote, and whether answers must
    come only from them."""

    question: str
    hits: tuple[SearchHit, ...]
    only_from_sources: bool

    @property
    def found(self) -> bool:
        """Whether anything relevant was found."""
        return bool(self.hits)

_LOCATION_WORDS = {PartKind.PAGE: "page", PartKind.SLIDE: "slide", PartKind.SECTION: "section"}


def location(part_kind: PartKind, part: int) -> str:
    """How the prompt names where a passage is ("page 3"; nothing for a whole file)."""
    word = _LOCATION_WORDS.get(part_kind)
    return f"{word} {part}" if word else ""


def answer_messages(retrieval: Retrieval, system_prompt: str, history: list[Message],
                    special_tokens: tuple[str, ...]) -> list[dict[str, str]]:
    """The prompt: instructions, earlier turns, then the numbered sources and the question.
    `history` holds the earlier turns (not the question)."""
    sources = [
        rag_prompt.Source(n, Path(hit.chunk.path).name, location(hit.chunk.part_kind,
                                                                 hit.chunk.part),
                          _with_heading(hit))
        for n, hit in enumerate(retrieval.hits, start=1)
    ]
    return rag_prompt.build_messages(
        retrieval.question, sources, boundary=rag_prompt.new_boundary(),
        only_from_sources=retrieval.only_from_sources,
        history=prompt_messages("", history), special_tokens=special_tokens,
        system_prompt=system_prompt)


def source_records(hits: tuple[SearchHit, ...]) -> list[dict[str, Any]]:
    """What an answer stores about each numbered source."""
    return [
        {"n": n, "chunk_id": hit.chunk.chunk_id, "path": hit.chunk.path,
         "part_kind": hit.chunk.part_kind.value, "part": hit.chunk.part,
         "start": hit.chunk.start, "end": hit.chunk.end, "heading": hit.chunk.heading}
        for n, hit in enumerate(hits, start=1)
    ]


def _with_heading(hit: SearchHit) -> str:
    heading = hit.chunk.heading.strip()
    return f"{heading}\n{hit.chunk.text}" if heading else hit.chunk.text
