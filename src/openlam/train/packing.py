"""Several examples in one sequence, their shared prompt prefix computed once.

Every step sample starts with the same system message (the action list, about two thirds of
its tokens). Packed, a micro-batch is that prefix followed by each example's own tokens; an
attention mask lets each example see the prefix and itself only, and position ids continue
from the prefix, so each target token gets exactly the log-probability it has alone. On a
CPU, where every token costs, that trains a micro-batch of K examples for the price of one
prefix and K remainders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from openlam.train.examples import Encoded

if TYPE_CHECKING:
    import torch


@dataclass
class Packed:
    """One packed sequence: token ids, positions, which example each token belongs to (0 for
    the shared prefix), and where each target token is predicted."""

    ids: list[int]
    positions: list[int]
    segments: list[int]
    predicted_at: list[int]
    labels: list[int]


def shared_prefix(rows: list[list[int]]) -> int:
    """The length of the longest prefix common to every row."""
    shortest = min(len(r) for r in rows)
    first = rows[0]
    for i in range(shortest):
        if any(r[i] != first[i] for r in rows[1:]):
            return i
    return shortest


def pack(examples: list[Encoded]) -> Packed:
    """The examples as one sequence; each keeps at least one prompt token of its own, so
    that its first target is predicted from inside its own segment."""
    prompts = [e.prompt_ids for e in examples]
    prefix = min(shared_prefix(prompts), min(len(p) for p in prompts) - 1)
    packed = Packed(list(prompts[0][:prefix]), list(range(prefix)), [0] * prefix, [], [])
    for k, e in enumerate(examples, start=1):
        own = e.prompt_ids[prefix:] + e.target_ids
        first_target = len(packed.ids) + len(e.prompt_ids) - prefix
        packed.ids += own
        packed.positions += range(prefix, prefix + len(own))
        packed.segments += [k] * len(own)
        packed.predicted_at += range(first_target - 1, first_target - 1 + len(e.target_ids))
        packed.labels += e.target_ids
    return packed


def attention_mask(segments: list[int], device: Any) -> torch.Tensor:
    """(1, 1, L, L) booleans: causal, and a token sees the shared prefix and its own example."""
    import torch

    seg = torch.tensor(segments, device=device)
    index = torch.arange(len(segments), device=device)
    causal = index.unsqueeze(1) >= index.unsqueeze(0)
    visible = (seg.unsqueeze(0) == 0) | (seg.unsqueeze(0) == seg.unsqueeze(1))
    return (causal & visible)[None, None]


def packed_target_logprobs(model: Any, examples: list[Encoded]) -> torch.Tensor:
    """Log-probabilities of every target token of the examples (in order), from one forward
    pass over their packed sequence."""
    import torch

    from openlam.train.modeling import compute

    device = next(model.parameters()).device
    packed = pack(examples)
    ids = torch.tensor([packed.ids], device=device)
    positions = torch.tensor([packed.positions], device=device)
    keep = torch.tensor(packed.predicted_at, device=device)
    with compute(model):
        logits = model(
            input_ids=ids,
            attention_mask=attention_mask(packed.segments, device),
            position_ids=positions,
            logits_to_keep=keep,
        ).logits[0]
    labels = torch.tensor(packed.labels, device=device).unsqueeze(-1)
    return torch.log_softmax(logits.float(), dim=-1).gather(-1, labels).squeeze(-1)
