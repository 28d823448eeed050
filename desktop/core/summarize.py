"""Summaries of any length: styles, prompts and the map-reduce plan. No I/O.

An input that fits the context is summarized in one pass. A longer one is cut
on its structure (the documents chunker: headings, paragraphs, sentences) into
parts that fit, each part is summarized ("map"), and the part summaries are
combined, in groups that fit, until one final summary remains ("reduce"). So
every part of the input is read by the model, however long it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktop.core.languages import language_name
from desktop.core.sampling import Sampling

# Near-greedy with a repeat penalty: small models loop on summaries otherwise.
SUMMARY_SAMPLING = Sampling(temperature=0.2, top_p=0.9, repeat_penalty=1.15)
PROMPT_MARGIN = 48  # tokens for the chat template's markup around the messages


class SummaryStyle(StrEnum):
    """How the final summary reads."""

    ONE_LINE = "one-line"
    KEY_POINTS = "key-points"
    DETAILED = "detailed"
    CUSTOM = "custom"


@dataclass(frozen=True)
class SummaryOptions:
    """A summary's style, output language (None: the input's) and, for CUSTOM,
    the user's own instruction."""

    style: SummaryStyle = SummaryStyle.KEY_POINTS
    language: str | None = None
    instruction: str = ""


_FINAL_TOKENS = {SummaryStyle.ONE_LINE: 80, SummaryStyle.KEY_POINTS: 320,
                 SummaryStyle.DETAILED: 640, SummaryStyle.CUSTOM: 480}
_PART_TOKENS = {SummaryStyle.ONE_LINE: 96, SummaryStyle.KEY_POINTS: 160,
                SummaryStyle.DETAILED: 256, SummaryStyle.CUSTOM: 200}

_FINAL_ASK = {
    SummaryStyle.ONE_LINE: "Write a one-sentence summary of the whole text.",
    SummaryStyle.KEY_POINTS: "Summarize the whole text as 3 to 7 short bullet points "
                             "(lines starting with \"- \").",
    SummaryStyle.DETAILED: "Write a detailed summary of the whole text: a short paragraph "
                           "for each main topic, in the order of the text.",
}


def final_tokens(style: SummaryStyle, n_ctx: int) -> int:
    """The most tokens the final summary may take."""
    return max(32, min(_FINAL_TOKENS[style], n_ctx // 3))


def part_tokens(style: SummaryStyle, n_ctx: int) -> int:
    """The most tokens one part's summary may take."""
    return max(32, min(_PART_TOKENS[style], n_ctx // 4))


def _language_rule(language: str | None) -> str:
    if language is None:
        return "Write in the same language as the text."
    return f"Write in {language_name(language)}."


def part_messages(text: str, heading: str, index: int, total: int,
                  options: SummaryOptions) -> list[dict[str, str]]:
    """Ask for the summary of part `index` (1-based) of `total`."""
    system = (
        "You summarize one part of a longer document. Keep the names, numbers, "
        "dates and key terms it mentions. Output only the summary: 2 to 5 "
        "sentences, no preamble. " + _language_rule(options.language)
    )
    where = f"Part {index} of {total}" + (f" (section: {heading})" if heading else "")
    return [{"role": "system", "content": system},
            {"role": "user", "content": f"{where}:\n\n{text}"}]


def final_messages(text: str, options: SummaryOptions, *, from_parts: bool
                   ) -> list[dict[str, str]]:
    """Ask for the summary in the chosen style: of the text itself, or (from_parts)
    of the part summaries of a longer text, given in order."""
    ask = options.instruction.strip() if options.style is SummaryStyle.CUSTOM else ""
    ask = ask or _FINAL_ASK.get(options.style, _FINAL_ASK[SummaryStyle.KEY_POINTS])
    source = ("The text below is made of summaries of consecutive parts of one long "
              "document. Treat them as one text and cover every part. " if from_parts else "")
    system = (f"You are a careful summarizer. {source}{ask} Output only the summary, "
              f"with no preamble. {_language_rule(options.language)}")
    return [{"role": "system", "content": system}, {"role": "user", "content": text}]


def reduce_messages(text: str, options: SummaryOptions) -> list[dict[str, str]]:
    """Ask to merge a group of part summaries into one shorter summary (an inner
    level of the reduce tree)."""
    system = ("You merge summaries of consecutive parts of a long document into one "
              "summary of 3 to 6 sentences. Keep the names, numbers and key terms of every "
              f"part. Output only the summary. {_language_rule(options.language)}")
    return [{"role": "system", "content": system}, {"role": "user", "content": text}]


def join_summaries(summaries: list[str], headings: list[str]) -> str:
    """Part summaries as one text for the next level, each under its section."""
    blocks = []
    for i, (summary, heading) in enumerate(zip(summaries, headings, strict=True), 1):
        title = f"[{i}. {heading}]" if heading else f"[{i}]"
        blocks.append(f"{title}\n{summary.strip()}")
    return "\n\n".join(blocks)


def group_by_budget(sizes: list[int], budget: int) -> list[range]:
    """Consecutive groups of items whose sizes add up to at most `budget`
    (a single item larger than the budget is a group of its own)."""
    groups: list[range] = []
    start, used = 0, 0
    for i, size in enumerate(sizes):
        if i > start and used + size > budget:
            groups.append(range(start, i))
            start, used = i, 0
        used += size
    groups.append(range(start, len(sizes)))
    return groups
