"""Keys and values of a prompt's system message, kept between calls.

An agent sends the same system message (the role and the action space, a few hundred tokens)
at every step; on a CPU, reading it again costs more than the rest of the step. The cache holds
the attention keys and values of each recent system message and hands generate() a copy, so a
call reads only the tokens after it. Outputs are the same as without the cache.
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from typing import TYPE_CHECKING

from openlam.models.base import Message

if TYPE_CHECKING:
    import torch
    from transformers import Cache, PreTrainedModel, PreTrainedTokenizerBase


class SystemPromptCache:
    """The prefill of the last few system messages of one model, which must not change."""

    def __init__(self, model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, size: int = 4):
        self.model = model
        self.tokenizer = tokenizer
        self.size = size
        self._entries: OrderedDict[str, tuple[torch.Tensor, Cache]] = OrderedDict()

    def for_prompt(self, messages: list[Message], input_ids: torch.Tensor) -> Cache | None:
        """A fresh copy of the cache for `input_ids`' system message, or None where the
        prompt has none or its rendering does not start with that message's own."""
        import torch

        if not messages or messages[0].role != "system" or input_ids.shape[0] != 1:
            return None
        prefix, cache = self._entry(messages[0])
        n = prefix.shape[1]
        # generate() needs at least one token past the cache to read.
        if input_ids.shape[1] <= n or not torch.equal(input_ids[0, :n], prefix[0]):
            return None
        return copy.deepcopy(cache)

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
