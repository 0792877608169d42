"""Decoding under a grammar with llguidance, for a transformers causal LM.

At each position llguidance computes the set of tokens the grammar allows (a bitmask over the
vocabulary, microseconds for SmolLM2's 49k tokens) and every other logit is masked out, so the
output is always a sentence of the grammar. Tokens the grammar forces (`click_input(label="` once
`click` is chosen) are appended all at once and read in one forward pass instead of one pass
each: with the short `call` answers most of an answer is forced.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from openlam.models.base import ModelError

if TYPE_CHECKING:
    import torch
    from transformers import Cache, PreTrainedModel, PreTrainedTokenizerBase


class GrammarDecoder:
    """llguidance's view of one tokenizer, built once per model (about 0.4 s)."""

    def __init__(self, tokenizer: PreTrainedTokenizerBase):
        import llguidance.hf

        self.tokenizer = llguidance.hf.from_tokenizer(tokenizer)

    def matcher(self, grammar: str) -> Any:
        """A fresh matcher for a Lark grammar; a grammar that does not compile is an error."""
        import llguidance

        try:
            compiled = llguidance.LLMatcher.grammar_from_lark(grammar)
        except ValueError as exc:
            raise ModelError(f"the action grammar does not compile: {exc}") from exc
        matcher = llguidance.LLMatcher(self.tokenizer, compiled, log_level=0)
        if matcher.is_error():
            raise ModelError(f"the action grammar does not compile: {matcher.get_error()}")
        return matcher

    def decode(
        self,
        model: PreTrainedModel,
        input_ids: torch.Tensor,
        past: Cache | None,
        grammar: str,
        *,
        max_new_tokens: int,
        temperature: float,
    ) -> tuple[list[int], float | None, bool, Cache]:
        """New token ids, seconds to the first one, whether the grammar was completed, and
        the cache (the prompt and the answer tokens read so far)."""
        import llguidance.torch as llg_torch
        import torch
        from transformers import DynamicCache

        matcher = self.matcher(grammar)
        mask = llg_torch.allocate_token_bitmask(1, self.tokenizer.vocab_size)
        cache = past if past is not None else DynamicCache(config=model.config)
        feed = input_ids[:, cache.get_seq_length() :]
        start, first, new = time.perf_counter(), None, []
        with torch.inference_mode():
            while len(new) < max_new_tokens and not matcher.is_stopped():
                logits = model(input_ids=feed, past_key_values=cache, use_cache=True).logits
                logits = logits[:, -1, : self.tokenizer.vocab_size].float()
                llg_torch.fill_next_token_bitmask(matcher, mask, 0)
                llg_torch.apply_token_bitmask_inplace(logits, mask.to(logits.device))
                token = _choose(logits[0], temperature)
                first = first if first is not None else time.perf_counter() - start
                if not matcher.consume_token(token):
                    raise ModelError(f"llguidance refused the token it allowed: {token}")
                forced = [] if matcher.is_stopped() else list(matcher.compute_ff_tokens())
                if forced and not matcher.consume_tokens(forced):
                    raise ModelError("llguidance refused its own forced tokens")
                new += [token, *forced]
                feed = torch.tensor([[token, *forced]], device=input_ids.device)
        return new, first, matcher.is_stopped() or matcher.is_accepting(), cache


def _choose(logits: torch.Tensor, temperature: float) -> int:
    import torch

    if temperature == 0:
        return int(torch.argmax(logits))
    probs = torch.softmax(logits / temperature, dim=-1)
    return int(torch.multinomial(probs, 1))
