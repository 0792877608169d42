"""A Hugging Face transformers causal LM as a TextModel, optionally with a LoRA adapter.

torch, transformers and peft are imported inside the functions that use them, so that
importing this module costs nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from openlam.models.base import Generation, Message, ModelError, cut_at_stop, text_turns
from openlam.models.constrained import GrammarDecoder
from openlam.models.prefix_cache import PromptCache

if TYPE_CHECKING:
    import torch
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

Device = Literal["auto", "cpu", "cuda"]
DType = Literal["auto", "float32", "bfloat16", "float16"]


class HFConfig(BaseModel):
    """Which weights to load and where to run them."""

    model_config = ConfigDict(extra="forbid")

    model: str = Field(description="A local directory or a hub name for from_pretrained.")
    adapter: str | None = Field(None, description="A PEFT (LoRA) adapter directory.")
    device: Device = Field("auto", description="auto: cuda when torch sees a GPU, else cpu.")
    dtype: DType = Field("auto", description="auto: bfloat16 on cuda, float32 on cpu.")
    threads: int | None = Field(
        None,
        ge=1,
        description="torch CPU threads for the whole process (default: one per core). On a "
        "machine whose cores are busy with other work, 1 can be several times faster.",
    )
    attn_implementation: str = Field(
        "sdpa", description="sdpa is built into torch; other kernels may need a download."
    )
    name: str | None = Field(None, description="Name reported by the model (default: the path).")
    merge_adapter: bool = Field(
        True,
        description="Fold the adapter into the weights after loading: the same outputs "
        "without the adapter's extra matrix products in every layer.",
    )
    prefix_cache: bool = Field(
        True,
        description="Keep the keys and values of recent system messages and of the last "
        "prompt between calls, so that a step reads only the tokens it does not share.",
    )


class HFModel:
    """A TextModel running a transformers causal LM in this process; it can decode under a
    grammar (`accepts_grammar`: a Lark grammar in llguidance's dialect)."""

    accepts_grammar = True

    def __init__(self, config: HFConfig):
        self.config = config
        self.name = config.name or _default_name(config)
        self.model, self.tokenizer = load_causal_lm(config)
        self.prefix_cache = PromptCache(self.model, self.tokenizer) if config.prefix_cache else None
        self._grammar_decoder: GrammarDecoder | None = None

    def generate(
        self,
        messages: list[Message],
        *,
        max_new_tokens: int = 256,
        temperature: float = 0.0,
        stop: list[str] | None = None,
        grammar: str | None = None,
    ) -> Generation:
        """Generate one assistant turn with the tokenizer's chat template (under `grammar`,
        when given, which then decides where the answer ends: `stop` is not used)."""
        if grammar is not None:
            if self._grammar_decoder is None:
                self._grammar_decoder = GrammarDecoder(self.tokenizer)
            return generate_constrained(
                self.model,
                self.tokenizer,
                messages,
                grammar,
                self._grammar_decoder,
                max_new_tokens=max_new_tokens,
                temperature=temperature,
                prefix_cache=self.prefix_cache,
            )
        return generate_chat(
            self.model,
            self.tokenizer,
            messages,
            max_new_tokens=max_new_tokens,
            temperature=temperature,
            stop=stop,
            prefix_cache=self.prefix_cache,
        )


def load_causal_lm(config: HFConfig) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """Load the model (with its adapter, if any) and tokenizer, in eval mode on the device."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    if config.threads is not None:
        # Process-wide in torch; with more threads than free cores, each step waits on the
        # slowest thread (seen here: 1.2 tokens/s with 2 threads, 7-11 with 1 on busy cores).
        torch.set_num_threads(config.threads)
    _check_local_paths(config)
    device = resolve_device(config.device)
    dtype = resolve_dtype(config.dtype, device)
    # An adapter is merged in float32 and the sum rounded once: merged into bfloat16
    # weights, its small updates would mostly round away.
    merging = config.adapter is not None and config.merge_adapter
    with quiet_loading():
        try:
            model = AutoModelForCausalLM.from_pretrained(
                config.model,
                dtype=torch.float32 if merging else dtype,
                attn_implementation=config.attn_implementation,
            )
            tokenizer = AutoTokenizer.from_pretrained(config.model)
        except OSError as exc:
            raise ModelError(f"cannot load model {config.model!r}: {exc}") from exc
        if config.adapter is not None:
            model = _with_adapter(model, config.adapter, merge=config.merge_adapter)
    model.to(device=device, dtype=dtype)
    model.eval()
    return model, tokenizer


def show_loading_output() -> None:
    """Let transformers report what it loads (load reports, "newly initialized" notes,
    "Loading weights" bars) from now on in this process: what `--verbose` asks for."""
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_info()
    hf_logging.enable_progress_bar()


@contextmanager
def quiet_loading() -> Iterator[None]:
    """Hide transformers' loading chatter within the block, unless `show_loading_output()`
    asked for it. Errors still raise; only its warnings and progress bars are held back,
    which on every load would bury what the command itself prints."""
    from transformers.utils import logging as hf_logging

    verbosity = hf_logging.get_verbosity()
    if verbosity <= logging.INFO:
        yield
        return
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()


def _check_local_paths(config: HFConfig) -> None:
    """Fail before the slow load, with a message transformers and peft would not give."""
    local = Path(config.model)
    if local.is_dir() and not (local / "config.json").is_file():
        raise ModelError(f"{config.model} has no config.json: not a transformers checkpoint")
    if config.adapter is not None and not (Path(config.adapter) / "adapter_config.json").is_file():
        raise ModelError(f"{config.adapter} has no adapter_config.json: not a PEFT adapter")


def _with_adapter(model: PreTrainedModel, adapter: str, *, merge: bool) -> PreTrainedModel:
    from peft import PeftModel

    with_adapter = PeftModel.from_pretrained(model, adapter)
    return with_adapter.merge_and_unload() if merge else with_adapter


def resolve_device(device: Device) -> str:
    """The torch device for a configured one; cuda without a GPU is an error, not a fallback."""
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise ModelError("device 'cuda' was asked for but torch sees no GPU")
    return device


def cpu_has_bf16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether this CPU multiplies bfloat16 matrices natively (AVX512-BF16 or AMX); without
    those instructions bfloat16 runs far slower than float32."""
    if not cpuinfo.is_file():
        return False
    for line in cpuinfo.read_text().splitlines():
        if line.startswith("flags"):
            flags = set(line.split(":", 1)[1].split())
            return bool(flags & {"avx512_bf16", "amx_bf16"})
    return False


def resolve_dtype(dtype: DType, device: str) -> torch.dtype:
    """The torch dtype for a configured one (auto: bfloat16 on a GPU, float32 on the CPU).

    On a CPU with bfloat16 instructions, bfloat16 reads a prompt about 6 times faster, but
    its rounding makes a cached prefix lead to other greedy answers than the whole prompt
    does, so it is a choice (`bfloat16`), not the default. CPUs without those instructions
    run bfloat16 far slower than float32.
    """
    import torch

    if dtype == "auto":
        return torch.bfloat16 if device == "cuda" else torch.float32
    return getattr(torch, dtype)


def generate_chat(
    model: PreTrainedModel,
    tokenizer: PreTrainedTokenizerBase,
    messages: list[Message],
    *,
    max_new_tokens: int = 256,
    temperature: float = 0.0,
    stop: list[str] | None = None,
    prefix_cache: PromptCache | None = None,
) -> Generation:
    """One assistant turn from an already-loaded model, e.g. one being trained (whose
    weights change, so it must not be given a prefix cache)."""
    import torch

    inputs = _chat_inputs(model, tokenizer, messages)
    timer = _FirstTokenTimer()
    start = time.perf_counter()
    past = None if prefix_cache is None else prefix_cache.for_prompt(messages, inputs["input_ids"])
    if prefix_cache is not None and past is None:
        from transformers import DynamicCache

        past = DynamicCache(config=model.config)  # filled by generate(), then remembered
    with torch.inference_mode():
        output = model.generate(
            **inputs,
            **_sampling(temperature),
            max_new_tokens=max_new_tokens,
            stop_strings=stop or None,
            tokenizer=tokenizer,  # generate needs it to match stop strings
            pad_token_id=_pad_id(tokenizer),
            streamer=timer,
            past_key_values=past,
        )
    total = time.perf_counter() - start
    if prefix_cache is not None:
        prefix_cache.remember(output[0], past)
    prompt_len = inputs["input_ids"].shape[1]
    new_ids = output[0, prompt_len:].tolist()
    text, stopped = cut_at_stop(tokenizer.decode(new_ids, skip_special_tokens=True), stop)
    ended = bool(new_ids) and new_ids[-1] in _eos_ids(model, tokenizer)
    return Generation(
        text=text,
        prompt_tokens=prompt_len,
        completion_tokens=len(new_ids),
        prompt_seconds=None if timer.first is None else timer.first - start,
        total_seconds=total,
        finish_reason="stop" if stopped or ended or len(new_ids) < max_new_tokens else "length",
    )


def generate_constrained(
    model: PreTrainedModel,
    tokenizer: PreTrainedTokenizerBase,
    messages: list[Message],
    grammar: str,
    decoder: GrammarDecoder,
    *,
    max_new_tokens: int,
    temperature: float,
    prefix_cache: PromptCache | None = None,
) -> Generation:
    """One assistant turn that is a sentence of `grammar` (see `models.constrained`)."""
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0, got {temperature}")
    inputs = _chat_inputs(model, tokenizer, messages)
    start = time.perf_counter()
    past = None if prefix_cache is None else prefix_cache.for_prompt(messages, inputs["input_ids"])
    new_ids, first, complete, cache = decoder.decode(
        model,
        inputs["input_ids"],
        past,
        grammar,
        max_new_tokens=max_new_tokens,
        temperature=temperature,
    )
    if prefix_cache is not None:
        prefix_cache.remember(_with(inputs["input_ids"][0], new_ids), cache)
    return Generation(
        text=tokenizer.decode(new_ids, skip_special_tokens=True),
        prompt_tokens=inputs["input_ids"].shape[1],
        completion_tokens=len(new_ids),
        prompt_seconds=first,
        total_seconds=time.perf_counter() - start,
        finish_reason="stop" if complete else "length",
    )


def _with(ids: torch.Tensor, new: list[int]) -> torch.Tensor:
    import torch

    return torch.cat([ids, torch.tensor(new, dtype=ids.dtype, device=ids.device)])


def _chat_inputs(model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, messages):
    if not tokenizer.chat_template:
        raise ModelError("the tokenizer has no chat template; use an instruct/chat model")
    return tokenizer.apply_chat_template(
        text_turns(messages, "a Hugging Face text model"),
        add_generation_prompt=True,
        return_tensors="pt",
        return_dict=True,
    ).to(model.device)


def _sampling(temperature: float) -> dict[str, Any]:
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0, got {temperature}")
    if temperature == 0:
        # Explicit, because a checkpoint's generation_config may ask for sampling.
        return {"do_sample": False, "temperature": None, "top_p": None, "top_k": None}
    return {"do_sample": True, "temperature": temperature}


def _pad_id(tokenizer: PreTrainedTokenizerBase) -> int | None:
    # Without one, generate() warns on every call and picks eos itself.
    return tokenizer.eos_token_id if tokenizer.pad_token_id is None else tokenizer.pad_token_id


def _eos_ids(model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase) -> set[int]:
    eos = model.generation_config.eos_token_id
    ids = set(eos if isinstance(eos, list) else [eos] if eos is not None else [])
    if tokenizer.eos_token_id is not None:
        ids.add(tokenizer.eos_token_id)
    return ids


class _FirstTokenTimer:
    """A generate() streamer that only notes when the first new token arrives.

    generate() hands the streamer the prompt first, then each new token, so the second
    call marks the end of the prefill.
    """

    def __init__(self) -> None:
        self.calls = 0
        self.first: float | None = None

    def put(self, value: Any) -> None:
        self.calls += 1
        if self.calls == 2:
            self.first = time.perf_counter()

    def end(self) -> None:
        pass


def _default_name(config: HFConfig) -> str:
    name = Path(config.model).name or config.model
    return f"{name}+{Path(config.adapter).name}" if config.adapter else name
