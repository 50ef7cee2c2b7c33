"""A GGUF model run in this process by llama-cpp-python, behind the ChatModel interface.

Same messages in, same `LLMResult` out as the HTTP backends: tokens are counted with the
model's own tokenizer, cost is 0, and the log-probability of each chosen token (the
log-softmax of the model's logits at that position, before temperature) comes back in
`LLMResult.logprobs` as `[token, logprob]` pairs, as OpenAI-compatible servers give them;
the request (image parts left out), finish reason, temperature and seed too, so the
trajectory's `calls` record a local call as they record an HTTP one. llama-cpp-python
only returns logprobs with `logits_all=True`, which keeps a context x vocabulary array
(8k x 262k floats for Gemma 3: 8.6 GB), so the generation loop is ours: `Llama.generate`
(greedy at temperature 0, otherwise plain temperature sampling as OpenAI and vLLM do),
reading the last row of logits per token.

The model is text only: image parts of a message are dropped (the Worker sends none to
it). A base model is loaded once per process and kept (an episode worker runs many
episodes), mmapped so that processes share its weights; LoRA adapters are loaded once each
on top of it and put on the context per call.
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from halo_cli.policy.llm import LLMError, LLMResult
from halo_cli.policy.local_check import LocalSpec

N_CTX = 8192
MAX_TOKENS = 256  # one sentence and one action; a rambling base model stops here

# Used when the GGUF carries no chat template (Gemma 3's own, for text-only turns; ChatML,
# the format of the Qwen models the Worker adapters are trained on, for anything else).
GEMMA_TEMPLATE = (
    "{{ bos_token }}{% set sys = messages[0]['content'] + '\n\n' "
    "if messages[0]['role'] == 'system' else '' %}"
    "{% for m in messages if m['role'] != 'system' %}"
    "{{ '<start_of_turn>' + ('model' if m['role'] == 'assistant' else m['role']) + '\n' }}"
    "{{ (sys if loop.first else '') + m['content'] | trim }}{{ '<end_of_turn>\n' }}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<start_of_turn>model\n' }}{% endif %}"
)
CHATML_TEMPLATE = (
    "{% for m in messages %}{{ '<|im_start|>' + m['role'] + '\n' + m['content'] + "
    "'<|im_end|>\n' }}{% endfor %}{% if add_generation_prompt %}"
    "{{ '<|im_start|>assistant\n' }}{% endif %}"
)

class Loaded:
    """One base model in this process, its LoRA adapters (loaded once each), and the one
    active on its context: adapters are swapped per call, as vLLM serves several."""

    def __init__(self, llm: Any) -> None:
        # deferred: llama-cpp-python is the optional `local` extra
        from llama_cpp import llama_cpp as C

        self.llm = llm
        self.lock = threading.Lock()  # one call at a time on the context
        self._c = C
        self._adapters: dict[Path, Any] = {}
        self._active: Path | None = None

    def add_adapter(self, path: Path) -> None:
        if path not in self._adapters:
            handle = self._c.llama_adapter_lora_init(self.llm.model, str(path).encode())
            if not handle:
                raise LLMError(f"llama.cpp could not load the LoRA adapter {path} "
                               "(made for another base model?)")
            self._adapters[path] = handle

    def activate(self, path: Path | None) -> None:
        """Put `path`'s adapter (None: no adapter) on the context; the KV cache, computed
        with the previous one, is dropped."""
        if path == self._active:
            return
        if path is None:
            failed = self._c.llama_set_adapters_lora(self.llm.ctx, None, 0, None)
        else:
            arr = (self._c.llama_adapter_lora_p_ctypes * 1)(self._adapters[path])
            failed = self._c.llama_set_adapters_lora(self.llm.ctx, arr, 1,
                                                     (ctypes.c_float * 1)(1.0))
        if failed:
            raise LLMError(f"llama.cpp could not apply the LoRA adapter {path}")
        self.llm.reset()
        self._active = path


_LOADED: dict[tuple[Path, int | None, int], Loaded] = {}
_LOCK = threading.Lock()


_QUIET: list[Any] = []  # the log callback, kept alive for as long as llama.cpp may call it


def _silence_llama_cpp() -> None:
    """llama.cpp's own log lines (some printed even with verbose=False) would land in the
    live view's stderr; failures reach the user as LLMError instead."""
    if not _QUIET:
        # deferred: llama-cpp-python is the optional `local` extra
        from llama_cpp import llama_cpp as C

        _QUIET.append(C.llama_log_callback(lambda level, text, data: None))
        C.llama_log_set(_QUIET[0], ctypes.c_void_p(0))


def load(spec: LocalSpec, n_ctx: int = N_CTX) -> tuple[Loaded, float]:
    """The base model of `spec` with its adapter ready, and the seconds loading took (0
    when this process had both already). The weights are mmapped: processes share them."""
    # deferred: llama-cpp-python is the optional `local` extra
    from llama_cpp import Llama

    _silence_llama_cpp()
    start = time.monotonic()
    key = (spec.model_path, spec.threads, n_ctx)
    with _LOCK:
        if key not in _LOADED:
            kw: dict[str, Any] = {"n_threads": spec.threads, "n_threads_batch": spec.threads} \
                if spec.threads else {}
            try:
                llm = Llama(model_path=str(spec.model_path), n_ctx=n_ctx, verbose=False, **kw)
            except (ValueError, RuntimeError) as exc:
                raise LLMError(f"llama.cpp could not load {spec.model_path}: {exc}") from None
            _LOADED[key] = Loaded(llm)
        loaded = _LOADED[key]
        if spec.adapter_path is not None:
            loaded.add_adapter(spec.adapter_path)
    return loaded, time.monotonic() - start


def unload_all() -> None:
    """Forget every loaded model (tests; memory measurements)."""
    with _LOCK:
        for loaded in _LOADED.values():
            loaded.llm.close()
        _LOADED.clear()


def text_only(messages: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """Messages with string content: text parts joined, image parts dropped."""
    out = []
    for m in messages:
        content = m.get("content") or ""
        if not isinstance(content, str):
            content = "\n".join(p.get("text", "") for p in content if p.get("type") == "text")
        out.append({"role": str(m["role"]), "content": content})
    return out


def sent_messages(messages: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The messages as this text-only model is given them (image parts left out), for the
    trajectory's record of the request."""
    out = []
    for m in messages:
        content = m.get("content")
        if isinstance(content, list):
            m = {**m, "content": [p for p in content if p.get("type") != "image_url"]}
        out.append(m)
    return out


def chat_template(llm: Any) -> tuple[str, str]:
    """(template, where it came from): the GGUF's own, else a built-in one by architecture."""
    meta = llm.metadata or {}
    if meta.get("tokenizer.chat_template"):
        return meta["tokenizer.chat_template"], "gguf"
    if str(meta.get("general.architecture", "")).startswith("gemma"):
        return GEMMA_TEMPLATE, "builtin:gemma"
    return CHATML_TEMPLATE, "builtin:chatml"


@dataclass(frozen=True)
class Timing:
    """Where a call's time went: the prompt (up to the first token) and the rest."""

    prompt_tokens: int
    prompt_s: float
    gen_tokens: int  # decoded after the first token
    gen_s: float

    @property
    def prompt_tps(self) -> float:
        return self.prompt_tokens / self.prompt_s if self.prompt_s > 0 else 0.0

    @property
    def gen_tps(self) -> float:
        return self.gen_tokens / self.gen_s if self.gen_s > 0 else 0.0


class LocalModel:
    """A ChatModel over one loaded GGUF (plus adapter); see the module docstring."""

    def __init__(self, spec: LocalSpec, *, temperature: float = 0.0, seed: int | None = None,
                 max_tokens: int | None = MAX_TOKENS, n_ctx: int = N_CTX) -> None:
        # deferred: llama-cpp-python is the optional `local` extra
        from llama_cpp import llama_cpp as C
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        self.spec = spec
        self.model = spec.label
        self.temperature = temperature
        self.seed = seed
        self.max_tokens = max_tokens
        self.last_timing: Timing | None = None
        self.loaded, self.load_s = load(spec, n_ctx)
        self.llm = self.loaded.llm
        self._c = C
        self._vocab = C.llama_model_get_vocab(self.llm.model)
        template, self.template_source = chat_template(self.llm)
        eos, bos = self.llm.token_eos(), self.llm.token_bos()
        self._format = Jinja2ChatFormatter(
            template, eos_token=self._token_text(eos), bos_token=self._token_text(bos))

    def _token_text(self, token: int) -> str:
        return self._c.llama_vocab_get_text(self._vocab, token).decode() if token >= 0 else ""

    def __repr__(self) -> str:
        return f"LocalModel(model={self.model!r}, path={str(self.spec.model_path)!r})"

    def prompt_tokens(self, messages: Sequence[dict[str, Any]]) -> list[int]:
        """The request as the model's own tokens (the chat template applied)."""
        prompt = self._format(messages=text_only(messages)).prompt
        return self.llm.tokenize(prompt.encode("utf-8"), add_bos=False, special=True)

    def complete(
        self, messages: Sequence[dict[str, Any]], *, temperature: float | None = None,
        seed: int | None = None, max_tokens: int | None = None,
    ) -> LLMResult:
        """One chat completion on this machine; LLMError if it cannot run."""
        start = time.monotonic()
        temp = self.temperature if temperature is None else temperature
        seed = self.seed if seed is None else seed
        limit = self.max_tokens if max_tokens is None else max_tokens
        tokens = self.prompt_tokens(messages)
        room = self.llm.n_ctx() - len(tokens)
        limit = room if limit is None else min(limit, room)
        if limit <= 0:
            raise LLMError(f"local model {self.model}: the prompt's {len(tokens)} tokens fill "
                           f"its {self.llm.n_ctx()}-token context")
        with self.loaded.lock:
            self.loaded.activate(self.spec.adapter_path)
            if seed is not None:
                self.llm.set_seed(seed)
            out, logprobs, stopped = self._generate(tokens, temp, limit, start)
        text = self.llm.detokenize(out).decode("utf-8", errors="replace")
        pairs = [[self.llm.detokenize([t]).decode("utf-8", errors="replace"), lp]
                 for t, lp in zip(out, logprobs, strict=True)]
        return LLMResult(text.strip(), len(tokens), len(out), 0.0, time.monotonic() - start,
                         self.model, request=tuple(sent_messages(messages)),
                         finish_reason="stop" if stopped else "length", logprobs=pairs,
                         temperature=temp, seed=seed)

    def _generate(self, tokens: list[int], temp: float, limit: int, start: float
                  ) -> tuple[list[int], list[float], bool]:
        """The chosen tokens, their logprobs, and whether the model ended its turn itself
        (else it ran into `limit`)."""
        # deferred: numpy comes with the optional llama-cpp-python
        import numpy as np

        C, n_vocab = self._c, self.llm.n_vocab()
        out: list[int] = []
        logprobs: list[float] = []
        stamps: list[float] = []
        sampling = {"temp": temp, "top_k": 0, "top_p": 1.0, "min_p": 0.0, "repeat_penalty": 1.0}
        gen = self.llm.generate(tokens, **sampling)
        stopped = False
        try:
            for token in gen:
                if C.llama_vocab_is_eog(self._vocab, token):
                    stopped = True
                    break
                logits = np.ctypeslib.as_array(C.llama_get_logits_ith(self.llm.ctx, -1),
                                               shape=(n_vocab,))
                top = float(logits.max())
                lse = top + float(np.log(np.exp(logits - top).sum()))
                logprobs.append(round(float(logits[token]) - lse, 5))
                out.append(int(token))
                stamps.append(time.monotonic())
                if len(out) >= limit:
                    break
        finally:
            gen.close()
        end = stamps[-1] if stamps else time.monotonic()
        first = stamps[0] if stamps else end
        self.last_timing = Timing(len(tokens), first - start, max(0, len(out) - 1), end - first)
        return out, logprobs, stopped
