"""The typed messages between Maru and its engine process.

Requests go to the worker, replies come back. Every message is a frozen
dataclass that pickles across a multiprocessing pipe; nothing here does I/O.
A reply that belongs to one request carries that request's `request_id`, so a
late chunk from a cancelled answer is never mistaken for the next one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from desktop.core.errors import ErrorKind
from desktop.core.sampling import Sampling

Message = dict[str, str]  # {"role": "system"|"user"|"assistant", "content": "..."}


# ---- requests ---------------------------------------------------------------


@dataclass(frozen=True)
class LoadRequest:
    """Load a GGUF. None for threads or GPU layers means: let Maru choose."""

    path: str
    n_ctx: int = 4096
    n_gpu_layers: int | None = None
    n_threads: int | None = None
    flash_attn: bool = False
    embedding: bool = False
    chat_template: str | None = None  # the user's override of the file's template


@dataclass(frozen=True)
class GenerateRequest:
    """Answer a conversation. `grammar` (GBNF) and `json_schema` constrain output."""

    request_id: int
    messages: tuple[Message, ...]
    sampling: Sampling = field(default_factory=Sampling)
    max_tokens: int | None = None
    stop: tuple[str, ...] = ()
    grammar: str | None = None
    json_schema: str | None = None
    reuse_cache: bool = True
    # When the conversation does not fit, drop its oldest turns (never the system
    # prompt or the last message) so that `max_tokens` still fit; Done says how many.
    fit_context: bool = False


@dataclass(frozen=True)
class EmbedRequest:
    """Embed texts with the loaded model (one vector per text)."""

    request_id: int
    texts: tuple[str, ...]


@dataclass(frozen=True)
class ScoreRequest:
    """For each prompt (a conversation ending with a user turn), the probability
    of each choice as the model's whole answer.

    The probabilities are those of decoding constrained to the choices (exactly
    one choice's tokens, then end of turn), at temperature 1: at every point where
    choices part ways, the model's next-token probabilities renormalized over the
    tokens that keep to a choice. They come from the logits, not from sampled text,
    and sum to 1. Prompts sharing a prefix reuse it from the KV cache.
    """

    request_id: int
    prompts: tuple[tuple[Message, ...], ...]
    choices: tuple[str, ...]


@dataclass(frozen=True)
class TokenizeRequest:
    """Count the tokens of texts (as plain text: no BOS, control tokens not parsed)."""

    request_id: int
    texts: tuple[str, ...]


@dataclass(frozen=True)
class CancelRequest:
    """Stop the request with this id between two tokens (or prompt chunks)."""

    request_id: int


@dataclass(frozen=True)
class UnloadRequest:
    """Free the loaded model."""


@dataclass(frozen=True)
class ShutdownRequest:
    """Ask the worker to exit cleanly."""


Request = (
    LoadRequest | GenerateRequest | EmbedRequest | ScoreRequest | TokenizeRequest
    | CancelRequest | UnloadRequest | ShutdownRequest
)


# ---- replies ----------------------------------------------------------------


class StopReason(StrEnum):
    """Why an answer ended."""

    EOS = "eos"  # the model ended its turn
    STOP_STRING = "stop_string"
    LENGTH = "length"  # max_tokens reached
    CONTEXT_FULL = "context_full"
    CANCELLED = "cancelled"
    REPETITION = "repetition"  # the repetition guard saw the answer loop on one block


@dataclass(frozen=True)
class ModelInfo:
    """What was loaded and where it runs."""

    path: str
    name: str
    architecture: str
    size_bytes: int
    n_params: int
    n_ctx: int
    n_ctx_train: int
    n_layers: int
    n_gpu_layers: int
    n_threads: int
    device: str
    offload_reason: str
    chat_template: str  # "gguf" or "fallback:chatml"
    # The file's recommended sampling ("general.sampling.temp" -> "temp", ...).
    sampling_defaults: dict[str, float] = field(default_factory=dict)
    # Control tokens' texts ("<|im_start|>"...), to defang in untrusted document text.
    special_tokens: tuple[str, ...] = ()
    # llama.cpp backends registered in the engine process ("CPU", "Vulkan"...).
    backends: tuple[str, ...] = ()


@dataclass(frozen=True)
class LoadProgress:
    """Loading advanced; fraction in [0, 1]."""

    fraction: float


@dataclass(frozen=True)
class Loaded:
    """The model is ready."""

    info: ModelInfo


@dataclass(frozen=True)
class TokenChunk:
    """Text generated since the last chunk (always whole UTF-8 characters)."""

    request_id: int
    text: str


@dataclass(frozen=True)
class Done:
    """An answer finished. Seconds are measured inside the worker."""

    request_id: int
    stop_reason: StopReason
    prompt_tokens: int
    completion_tokens: int
    cached_tokens: int
    prompt_seconds: float
    generation_seconds: float
    dropped_messages: int = 0  # oldest turns left out to fit the context (fit_context)

    @property
    def tokens_per_second(self) -> float:
        """Decode speed of this answer."""
        if self.generation_seconds <= 0:
            return 0.0
        return self.completion_tokens / self.generation_seconds


@dataclass(frozen=True)
class Embeddings:
    """One vector per text of an EmbedRequest."""

    request_id: int
    vectors: tuple[tuple[float, ...], ...]


@dataclass(frozen=True)
class ChoiceScores:
    """The choices' probabilities for prompt `index` of a ScoreRequest (in choice order)."""

    request_id: int
    index: int
    probabilities: tuple[float, ...]
    prompt_tokens: int
    cached_tokens: int  # of prompt_tokens, how many the KV cache already held


@dataclass(frozen=True)
class TokenCounts:
    """One count per text of a TokenizeRequest."""

    request_id: int
    counts: tuple[int, ...]


@dataclass(frozen=True)
class Unloaded:
    """The model was freed."""


@dataclass(frozen=True)
class Failed:
    """A request failed. request_id is None for load and unload."""

    request_id: int | None
    kind: ErrorKind
    detail: str


Reply = (
    LoadProgress | Loaded | TokenChunk | Done | Embeddings | ChoiceScores | TokenCounts
    | Unloaded | Failed
)
