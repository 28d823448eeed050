"""One loaded GGUF and its decode loop. Lives only inside the engine process.

Uses a few llama-cpp-python internals (`_ctx`, `_init_sampler`, `input_ids`),
pinned by the exact version in pyproject.toml; tests cover each use.
"""

from __future__ import annotations

import ctypes
import dataclasses
import os
import random
import time
from collections.abc import Callable

import llama_cpp
import numpy as np

from desktop.backends import ggml_backends, llama_logs
from desktop.backends.chat_format import ChatFormat, skip_llama_cpp_templates
from desktop.backends.choice_scoring import build_trie, choice_probabilities
from desktop.backends.gguf_info import GGUFInfo, read_gguf_info
from desktop.backends.machine import probe_machine
from desktop.backends.model_store import weights_bytes
from desktop.core import protocol as p
from desktop.core.errors import EngineError, ErrorKind
from desktop.core.fit import FitEstimate, FitKind, estimate_fit, shortfall
from desktop.core.repetition import RepetitionGuard
from desktop.core.text_stream import TextAssembler
from desktop.core.threads import default_batch_threads, default_threads

PROMPT_CHUNK = 128  # tokens per prompt-evaluation step: the cancel granularity
_PIECE_BUFFER = 256

llama_logs.install()


class LlamaEngine:
    """Owns a `llama_cpp.Llama`; not thread-safe (the worker's main thread only)."""

    def __init__(self, llm: llama_cpp.Llama, info: p.ModelInfo, chat: ChatFormat) -> None:
        self.llm = llm
        self.info = info
        self.chat = chat
        self._piece = ctypes.create_string_buffer(_PIECE_BUFFER)

    # ---- loading ------------------------------------------------------------

    @classmethod
    def load(cls, request: p.LoadRequest, on_progress: Callable[[float], None]) -> LlamaEngine:
        """Check the header, choose threads and GPU layers, load. Raises EngineError."""
        gguf = read_gguf_info(request.path)
        on_progress(0.02)
        n_ctx = min(request.n_ctx, gguf.context_length) if gguf.context_length else request.n_ctx
        cores = os.cpu_count() or 1
        n_threads = request.n_threads or default_threads(cores)
        # Backend modules first (a GGML_BACKEND_DL build has none until then): GPU
        # offload support and the devices below depend on them.
        backends = ggml_backends.register()
        # The same estimate the catalog showed before download; weights = file size.
        machine = probe_machine(gpu_offload=bool(llama_cpp.llama_supports_gpu_offload()))
        hardware = [d for d in backends.gpus if not d.software]
        if machine.free_vram is None and hardware and hardware[0].free_bytes:
            # No nvidia-smi (Vulkan, Metal): ggml's own reading of the device. A software
            # GPU (lavapipe) is ~75x slower than the CPU: it gets layers only when asked.
            machine = dataclasses.replace(machine, free_vram=hardware[0].free_bytes)
        plan = estimate_fit(
            gguf.shape, weights_bytes(gguf.path), n_ctx,  # a split model: all its parts
            machine, request.n_gpu_layers, flash_attn=request.flash_attn,
        )
        if plan.kind is FitKind.WONT_FIT:
            # Refused before llama.cpp maps or allocates anything: loading it anyway
            # would page weights from disk on every token, or meet the OOM killer.
            raise EngineError(ErrorKind.MODEL_TOO_LARGE, shortfall(plan, machine))
        llama_logs.clear()
        try:
            with _load_progress(on_progress), skip_llama_cpp_templates():
                llm = llama_cpp.Llama(
                    model_path=str(request.path), n_ctx=n_ctx, n_batch=512, n_ubatch=512,
                    n_threads=n_threads,
                    n_threads_batch=request.n_threads or default_batch_threads(cores),
                    n_gpu_layers=plan.llama_gpu_layers, flash_attn=request.flash_attn,
                    embedding=request.embedding, pooling_type=_pooling(gguf), verbose=False,
                )
        except ValueError as exc:
            raise EngineError(ErrorKind.LOAD_FAILED, llama_logs.explain(str(exc))) from exc
        except Exception as exc:  # jinja2 errors from templates compiled at load, and more
            raise EngineError(ErrorKind.LOAD_FAILED, f"{type(exc).__name__}: {exc}") from exc
        try:
            chat = ChatFormat(request.chat_template or gguf.chat_template, *_special_texts(llm))
            if request.chat_template:
                chat.source = "user override"
        except EngineError:
            llm.close()
            raise
        info = _model_info(gguf, llm, plan, n_threads, chat.source, backends)
        on_progress(1.0)
        return cls(llm, info, chat)

    def close(self) -> None:
        """Free the model and context now rather than at garbage collection."""
        self.llm.close()

    # ---- generation ---------------------------------------------------------

    def generate(
        self,
        request: p.GenerateRequest,
        emit: Callable[[str], None],
        is_cancelled: Callable[[], bool],
    ) -> p.Done:
        """Stream the answer through `emit`; return the summary."""
        prompt, tokens = self._prompt(request.messages)
        dropped = 0
        if request.fit_context:
            prompt, tokens, dropped = self._fit(request, prompt, tokens)
        n_ctx = self.llm.n_ctx()
        if len(tokens) >= n_ctx:
            raise EngineError(
                ErrorKind.CONTEXT_OVERFLOW,
                f"the conversation is {len(tokens)} tokens; the context holds {n_ctx}",
            )
        sampler = self._sampler(request)
        started = time.perf_counter()
        cached = self._reuse_prefix(tokens) if request.reuse_cache else self._reset()
        for i in range(cached, len(tokens), PROMPT_CHUNK):
            if is_cancelled():
                done = self._done(request, p.StopReason.CANCELLED, tokens, cached, started, 0, 0.0)
                return dataclasses.replace(done, dropped_messages=dropped)
            self.llm.eval(tokens[i : i + PROMPT_CHUNK])
        prompt_seconds = time.perf_counter() - started
        done = self._decode(request, sampler, tokens, cached, prompt_seconds, emit, is_cancelled,
                            prompt.stop)
        return dataclasses.replace(done, dropped_messages=dropped)

    def _prompt(self, messages: tuple[p.Message, ...]) -> tuple[object, list[int]]:
        prompt = self.chat.render(messages)
        tokens = self.llm.tokenize(
            prompt.text.encode("utf-8"), add_bos=not prompt.added_special, special=True
        )
        return prompt, tokens

    def _fit(self, request: p.GenerateRequest, prompt: object, tokens: list[int],
             ) -> tuple[object, list[int], int]:
        """Drop the oldest turns until the prompt leaves room for the answer.

        The system prompt and the last message always stay; the kept part starts
        at a user turn so roles still alternate. Binary search over the cut point
        keeps this to a few renders even for long conversations.
        """
        n_ctx = self.llm.n_ctx()
        reserve = min(request.max_tokens or n_ctx // 4, n_ctx // 2)
        if len(tokens) + reserve <= n_ctx:
            return prompt, tokens, 0
        messages = request.messages
        head = 1 if messages and messages[0]["role"] == "system" else 0
        cuts = [i for i in range(head + 1, len(messages)) if messages[i]["role"] == "user"]
        if not cuts or cuts[-1] != len(messages) - 1:
            cuts.append(len(messages) - 1)
        best = None
        lo, hi = 0, len(cuts) - 1
        while lo <= hi:  # the smallest cut (most turns kept) that fits
            mid = (lo + hi) // 2
            kept = messages[:head] + messages[cuts[mid]:]
            candidate = self._prompt(kept)
            if len(candidate[1]) + reserve <= n_ctx:
                best, hi = (cuts[mid], candidate), mid - 1
            else:
                lo = mid + 1
        if best is None:  # even the last turn alone leaves less room: answer what fits
            cut = cuts[-1]
            best = (cut, self._prompt(messages[:head] + messages[cut:]))
        cut, (prompt, tokens) = best
        return prompt, tokens, cut - head

    def _decode(
        self, request: p.GenerateRequest, sampler: object, tokens: list[int], cached: int,
        prompt_seconds: float, emit: Callable[[str], None], is_cancelled: Callable[[], bool],
        template_stop: tuple[str, ...],
    ) -> p.Done:
        text = TextAssembler((*request.stop, *template_stop))
        vocab, n_ctx, limit = self.llm._model.vocab, self.llm.n_ctx(), request.max_tokens
        count, reason, started = 0, p.StopReason.EOS, time.perf_counter()
        loop = RepetitionGuard()
        while True:
            token = sampler.sample(self.llm._ctx, -1)
            if llama_cpp.llama_vocab_is_eog(vocab, token):
                break
            count += 1
            chunk = text.feed(self._token_bytes(token))
            if chunk:
                emit(chunk)
            reason = self._stop_reason(text, count, limit, n_ctx, is_cancelled)
            # A runaway answer stops at its first loop, not at max_tokens or a full context.
            if reason is None and loop.feed(token):
                reason = p.StopReason.REPETITION
            if reason is not None:
                break
            self.llm.eval([token])
        tail = text.finish()
        if tail:
            emit(tail)
        reason = reason or p.StopReason.EOS
        decode_seconds = time.perf_counter() - started
        return p.Done(request.request_id, reason, len(tokens), count, cached, prompt_seconds,
                      decode_seconds)

    def _stop_reason(
        self, text: TextAssembler, count: int, limit: int | None, n_ctx: int,
        is_cancelled: Callable[[], bool],
    ) -> p.StopReason | None:
        if text.stopped:
            return p.StopReason.STOP_STRING
        if limit is not None and count >= limit:
            return p.StopReason.LENGTH
        if self.llm.n_tokens + 1 >= n_ctx:
            return p.StopReason.CONTEXT_FULL
        if is_cancelled():
            return p.StopReason.CANCELLED
        return None

    def _done(self, request: p.GenerateRequest, reason: p.StopReason, tokens: list[int],
              cached: int, started: float, count: int, decode_seconds: float) -> p.Done:
        return p.Done(request.request_id, reason, len(tokens), count, cached,
                      time.perf_counter() - started, decode_seconds)

    def _sampler(self, request: p.GenerateRequest) -> object:
        s = request.sampling
        problems = s.validate()
        if problems:
            raise EngineError(ErrorKind.BAD_REQUEST, "; ".join(problems))
        self.llm.set_seed(s.seed if s.seed is not None else random.randrange(2**31))
        return self.llm._init_sampler(
            temp=s.temperature, top_p=s.top_p, top_k=s.top_k, min_p=s.min_p,
            repeat_penalty=s.repeat_penalty, grammar=_grammar(request, self.llm._model.vocab),
        )

    def _reuse_prefix(self, tokens: list[int]) -> int:
        """Keep the KV cache's longest common prefix with `tokens`; return its length.

        At least one prompt token is always evaluated, so fresh logits exist.
        """
        cached = self.llm.input_ids[: self.llm.n_tokens]
        m = min(len(cached), len(tokens) - 1)
        same = cached[:m] == np.asarray(tokens[:m], dtype=cached.dtype)
        n = m if same.all() else int(np.argmin(same))
        if n > 0 and self.llm._ctx.kv_cache_seq_rm(-1, n, -1):
            self.llm.n_tokens = n
            return n
        return self._reset()

    def _reset(self) -> int:
        self.llm.reset()
        self.llm._ctx.kv_cache_seq_rm(-1, 0, -1)
        return 0

    def _token_bytes(self, token: int) -> bytes:
        vocab = self.llm._model.vocab
        n = llama_cpp.llama_token_to_piece(vocab, token, self._piece, _PIECE_BUFFER, 0, False)
        if n < 0:  # a piece longer than the buffer: ask again with the size it needs
            big = ctypes.create_string_buffer(-n)
            n = llama_cpp.llama_token_to_piece(vocab, token, big, -n, 0, False)
            return big.raw[:n]
        return self._piece.raw[:n]

    # ---- classification -----------------------------------------------------

    def score(
        self,
        request: p.ScoreRequest,
        emit: Callable[[p.ChoiceScores], None],
        is_cancelled: Callable[[], bool],
    ) -> p.Done:
        """Send the choices' probabilities for each prompt; return the summary.

        The KV cache keeps the longest prefix shared with the previous prompt, so a
        batch whose prompts differ only at the end evaluates each shared part once.
        """
        trie, longest = self._choice_trie(request.choices)
        started, total, cached_total = time.perf_counter(), 0, 0
        for index, messages in enumerate(request.prompts):
            if is_cancelled():
                return p.Done(request.request_id, p.StopReason.CANCELLED, total, 0,
                              cached_total, time.perf_counter() - started, 0.0)
            _prompt, tokens = self._prompt(messages)
            if len(tokens) + longest >= self.llm.n_ctx():
                raise EngineError(
                    ErrorKind.CONTEXT_OVERFLOW,
                    f"item {index + 1} is {len(tokens)} tokens; the context holds "
                    f"{self.llm.n_ctx()}")
            cached = self._reuse_prefix(tokens)
            for i in range(cached, len(tokens), PROMPT_CHUNK):
                self.llm.eval(tokens[i : i + PROMPT_CHUNK])
            probabilities = choice_probabilities(
                trie, len(request.choices), self._last_logits, self.llm.eval, self._rewind)
            emit(p.ChoiceScores(request.request_id, index, tuple(probabilities), len(tokens),
                                cached))
            total, cached_total = total + len(tokens), cached_total + cached
        return p.Done(request.request_id, p.StopReason.EOS, total, 0, cached_total,
                      time.perf_counter() - started, 0.0)

    def _choice_trie(self, choices: tuple[str, ...]) -> tuple[object, int]:
        """The choices' token trie (each ends with the end-of-turn token) and the
        longest sequence's length. Raises EngineError for fewer than two choices or
        two the tokenizer cannot tell apart."""
        if len(choices) < 2:
            raise EngineError(ErrorKind.BAD_REQUEST, "give at least two choices")
        vocab = self.llm._model.vocab
        end = llama_cpp.llama_vocab_eot(vocab)
        if end == -1:
            end = llama_cpp.llama_vocab_eos(vocab)
        sequences = [[*self.llm.tokenize(c.encode("utf-8"), add_bos=False, special=False), end]
                     for c in choices]
        try:
            return build_trie(sequences), max(len(s) for s in sequences)
        except ValueError as exc:
            raise EngineError(ErrorKind.BAD_REQUEST, f"choices tokenize alike: {exc}") from exc

    def _last_logits(self) -> np.ndarray:
        """The logits after the last evaluated token (llama.cpp keeps the last row of
        each batch; llama-cpp-python no longer copies it without logits_all)."""
        pointer = self.llm._ctx.get_logits_ith(-1)
        return np.ctypeslib.as_array(pointer, shape=(self.llm.n_vocab(),))

    def _rewind(self, n: int) -> None:
        """Drop the last n evaluated tokens from the KV cache."""
        keep = self.llm.n_tokens - n
        self.llm._ctx.kv_cache_seq_rm(-1, keep, -1)
        self.llm.n_tokens = keep

    def count_tokens(self, texts: tuple[str, ...]) -> tuple[int, ...]:
        """Tokens of each text as plain text (no BOS; control tokens not parsed)."""
        return tuple(len(self.llm.tokenize(t.encode("utf-8"), add_bos=False, special=False))
                     for t in texts)

    # ---- embeddings ---------------------------------------------------------

    def embed(self, texts: tuple[str, ...]) -> tuple[tuple[float, ...], ...]:
        """One normalized vector per text; needs a model loaded with embedding=True."""
        if not self.llm.context_params.embeddings:
            raise EngineError(ErrorKind.BAD_REQUEST, "this model was not loaded for embeddings")
        vectors = self.llm.embed(list(texts), normalize=True)
        return tuple(tuple(float(x) for x in v) for v in vectors)


def _grammar(request: p.GenerateRequest, vocab: object) -> llama_cpp.LlamaGrammar | None:
    try:
        if request.json_schema:
            grammar = llama_cpp.LlamaGrammar.from_json_schema(request.json_schema, verbose=False)
        elif request.grammar:
            grammar = llama_cpp.LlamaGrammar.from_string(request.grammar, verbose=False)
        else:
            return None
    except Exception as exc:  # the schema converter raises ValueError, TypeError and more
        raise EngineError(ErrorKind.BAD_REQUEST, f"invalid JSON schema: {exc}") from exc
    # WORKAROUND: llama-cpp-python adds llama.cpp's grammar sampler to the chain
    # without checking it; a grammar that fails to parse gives NULL and the
    # process segfaults. Parse it once here and refuse it cleanly.
    llama_logs.clear()
    probe = llama_cpp.llama_sampler_init_grammar(
        vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8"))
    if not probe:
        raise EngineError(ErrorKind.BAD_REQUEST, llama_logs.explain("the grammar does not parse"))
    llama_cpp.llama_sampler_free(probe)
    return grammar


def _pooling(gguf: GGUFInfo) -> int:
    """The file's own pooling for embedding models; mean pooling for the rest
    (without one, llama.cpp returns a vector per token, not per text)."""
    if f"{gguf.architecture}.pooling_type" in gguf.metadata:
        return llama_cpp.LLAMA_POOLING_TYPE_UNSPECIFIED
    return llama_cpp.LLAMA_POOLING_TYPE_MEAN


def _special_texts(llm: llama_cpp.Llama) -> tuple[str, str]:
    """(bos, eos) token texts, as the chat template expects them."""
    model = llm._model
    bos, eos = model.token_bos(), model.token_eos()
    return (model.token_get_text(bos) if bos != -1 else "",
            model.token_get_text(eos) if eos != -1 else "")


def _model_info(gguf: GGUFInfo, llm: llama_cpp.Llama, plan: FitEstimate, n_threads: int,
                template_source: str, backends: ggml_backends.BackendReport) -> p.ModelInfo:
    device = plan.device
    if plan.n_gpu_layers and backends.gpus:  # say which GPU: "GPU (all 30 layers) on llvmpipe"
        device += " on " + ", ".join(d.description for d in backends.gpus)
    return p.ModelInfo(
        path=str(gguf.path), name=gguf.name, architecture=gguf.architecture,
        size_bytes=gguf.size_bytes, n_params=int(llm._model.n_params()), n_ctx=llm.n_ctx(),
        n_ctx_train=gguf.context_length, n_layers=gguf.block_count,
        n_gpu_layers=plan.n_gpu_layers, n_threads=n_threads, device=device,
        offload_reason=plan.reason.value, chat_template=template_source,
        sampling_defaults=_sampling_defaults(gguf.metadata),
        special_tokens=_control_texts(llm), backends=backends.backends,
    )


def _control_texts(llm: llama_cpp.Llama) -> tuple[str, ...]:
    """The texts of the vocabulary's control tokens ("<|im_start|>"...): document text
    that contains one must be defanged before it reaches the tokenizer (about 35 ms
    for a 49k vocabulary)."""
    model = llm._model
    control = llama_cpp.LLAMA_TOKEN_ATTR_CONTROL
    user_defined = llama_cpp.LLAMA_TOKEN_ATTR_USER_DEFINED
    texts = set()
    for token in range(llama_cpp.llama_vocab_n_tokens(model.vocab)):
        attr = llama_cpp.llama_vocab_get_attr(model.vocab, token)
        if not attr & (control | user_defined):
            continue
        text = model.token_get_text(token)
        # User-defined tokens include plain pieces ("\n\n", words) in some vocabularies.
        markup = len(text) > 2 and text[0] in "<[" and text[-1] in ">]"
        if text and (markup or attr & control):
            texts.add(text)
    return tuple(sorted(texts))


def _sampling_defaults(metadata: dict) -> dict[str, float]:
    prefix = "general.sampling."
    return {k[len(prefix):]: float(v) for k, v in metadata.items()
            if k.startswith(prefix) and isinstance(v, int | float) and not isinstance(v, bool)}


class _load_progress:
    """Report llama.cpp's real load progress (fraction of tensors read).

    WORKAROUND: llama-cpp-python's Llama() takes no progress callback; it builds
    its model params from llama_model_default_params(), so for the duration of
    one load we hand it params with our callback set.
    """

    def __init__(self, on_progress: Callable[[float], None]) -> None:
        self._on_progress = on_progress
        self._last = 0.0

        @llama_cpp.llama_progress_callback
        def callback(fraction: float, _user_data: ctypes.c_void_p) -> bool:
            if fraction - self._last >= 0.05 or fraction >= 1.0:
                self._last = fraction
                self._on_progress(0.02 + 0.95 * fraction)
            return True

        self._callback = callback

    def __enter__(self) -> None:
        module = llama_cpp.llama_cpp
        self._original = module.llama_model_default_params
        callback, original = self._callback, self._original

        def params_with_progress() -> llama_cpp.llama_model_params:
            params = original()
            params.progress_callback = callback
            return params

        module.llama_model_default_params = params_with_progress

    def __exit__(self, *exc: object) -> None:
        llama_cpp.llama_cpp.llama_model_default_params = self._original

