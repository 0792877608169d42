"""Keys and values of prompts already read, kept between calls.

An agent sends the same system message (the role and the action space, a few hundred tokens)
at every step, and a step's prompt repeats most of the previous step's (the request, the
document, the controls). On a CPU, reading those tokens again costs more than the rest of the
step. The cache keeps the attention keys and values of recent system messages and of the last
prompt read (with the answer after it); a call reads only the tokens after the longest prefix
it shares with either. Outputs are the same as without the cache.
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from typing import TYPE_CHECKING

from openlam.models.base import Message

if TYPE_CHECKING:
    import torch
    from transformers import Cache, PreTrainedModel, PreTrainedTokenizerBase


class PromptCache:
    """The prefill of the last few system messages and of the last prompt of one model,
    whose weights must not change."""

    def __init__(self, model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, size: int = 4):
        self.model = model
        self.tokenizer = tokenizer
        self.size = size
        self._entries: OrderedDict[str, tuple[torch.Tensor, Cache]] = OrderedDict()
        self._last: tuple[torch.Tensor, Cache] | None = None

    def for_prompt(self, messages: list[Message], input_ids: torch.Tensor) -> Cache | None:
        """A cache holding a prefix of `input_ids` (the caller reads the rest), or None where
        nothing is shared. The cache handed out is extended by the call; `remember` takes it
        back."""
        if input_ids.shape[0] != 1:
            return None
        system = self._system_cache(messages, input_ids)
        shared = self._shared_with_last(input_ids)
        if self._last is not None and shared > (0 if system is None else system[0]):
            ids, cache = self._last
            self._last = None  # handed out: the call extends it in place
            extra = cache.get_seq_length() - shared
            if extra > 0:
                cache.crop(-extra)  # this transformers takes the number of tokens to drop, negated
            return cache
        return None if system is None else copy.deepcopy(system[1])

    def remember(self, ids: torch.Tensor, cache: Cache | None) -> None:
        """Keep the cache of a finished call with the token ids it holds (prompt + answer)."""
        if cache is not None:
            self._last = (ids[: cache.get_seq_length()], cache)

    def _shared_with_last(self, input_ids: torch.Tensor) -> int:
        """Tokens the last prompt shares with this one, at most all but the last of it
        (generate() needs at least one token past the cache to read)."""
        if self._last is None:
            return 0
        last = self._last[0]
        n = min(len(last), input_ids.shape[1] - 1)
        differs = (last[:n] != input_ids[0, :n]).nonzero()
        return int(differs[0]) if len(differs) else n

    def _system_cache(self, messages, input_ids) -> tuple[int, Cache] | None:
        import torch

        if not messages or messages[0].role != "system":
            return None
        prefix, cache = self._entry(messages[0])
        n = prefix.shape[1]
        if input_ids.shape[1] <= n or not torch.equal(input_ids[0, :n], prefix[0]):
            return None
        return n, cache

    def _entry(self, system: Message) -> tuple[torch.Tensor, Cache]:
        key = system.content
        if key in self._entries:
            self._entries.move_to_end(key)
            return self._entries[key]
        entry = self._prefill(system)
        self._entries[key] = entry
        if len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return entry

    def _prefill(self, system: Message) -> tuple[torch.Tensor, Cache]:
        import torch
        from transformers import DynamicCache

        prefix = self.tokenizer.apply_chat_template(
            [system.model_dump()],
            add_generation_prompt=False,
            return_tensors="pt",
            return_dict=True,
        )["input_ids"].to(self.model.device)
        with torch.inference_mode():
            out = self.model(
                input_ids=prefix,
                past_key_values=DynamicCache(config=self.model.config),
                use_cache=True,
            )
        return prefix, out.past_key_values
