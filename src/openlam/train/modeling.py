"""Loading the model a phase trains: a base model with a new LoRA adapter, a checkpoint's
adapter trained further, or every weight; and the policy's logits on target tokens only.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from openlam.models.hf import cpu_has_bf16, resolve_device, resolve_dtype
from openlam.train.checkpoint import resolve_start
from openlam.train.config import LoraSettings, TrainConfig

if TYPE_CHECKING:
    import torch
    from transformers import PreTrainedModel, PreTrainedTokenizerBase


def load_policy(
    start: str, config: TrainConfig, *, trainable: bool = True
) -> tuple[Any, PreTrainedTokenizerBase, str]:
    """(model, tokenizer, base model under the adapter) on the configured device.

    A checkpoint's adapter goes on being trained (its own rank and targets); a full-weight run
    from an adapter checkpoint merges it first.
    """
    import torch
    from peft import PeftModel, get_peft_model

    base, adapter = resolve_start(start)
    device = resolve_device(config.device)
    weights, autocast = precision(config, device)
    model = _causal_lm(base, torch.float32 if autocast and config.full else weights)
    tokenizer = load_tokenizer(adapter or base)
    if config.threads is not None:
        torch.set_num_threads(config.threads)
    if adapter is not None:
        model = PeftModel.from_pretrained(
            model, adapter, is_trainable=trainable and not config.full
        )
        if config.full:
            model = model.merge_and_unload()
    elif not config.full and trainable:
        model = get_peft_model(model, lora_config(config.lora, "CAUSAL_LM", model))
    for p in model.parameters():
        p.requires_grad_(trainable and (config.full or p.requires_grad))
    return with_precision(model, autocast).to(device), tokenizer, base


def precision(config: TrainConfig, device: str) -> tuple[torch.dtype, bool]:
    """(dtype of the frozen weights, whether to compute under bfloat16 autocast).

    On a CPU with bfloat16 instructions, `auto` keeps the frozen weights in bfloat16 and the
    trained ones in float32 (their updates are too small for bfloat16's 8-bit mantissa), and
    runs the matrix products in bfloat16: several times faster than float32 there. A CPU
    without them computes in float32.
    """
    import torch

    if config.dtype == "auto" and device == "cpu" and cpu_has_bf16():
        return torch.bfloat16, True
    return resolve_dtype(config.dtype, device), False


def with_precision(model: Any, autocast: bool) -> Any:
    """The model with its trained weights in float32 under autocast, marked for `compute`."""
    if autocast:
        for p in trainable_parameters(model):
            p.data = p.data.float()
    model.openlam_autocast = autocast
    return model


def compute(model: Any) -> Any:
    """The context a forward pass of `model` runs in: bfloat16 autocast where it was loaded
    for it (see `precision`), nothing otherwise."""
    import torch

    device = next(model.parameters()).device.type
    enabled = getattr(model, "openlam_autocast", False)
    return torch.autocast(device, dtype=torch.bfloat16, enabled=enabled)


def lora_config(settings: LoraSettings, task_type: str, model: Any = None) -> Any:
    """The PEFT LoraConfig for these settings and task (CAUSAL_LM, SEQ_CLS); `top_layers`
    needs the model, whose linear layers it names."""
    from peft import LoraConfig

    targets = settings.target_modules
    if settings.top_layers is not None:
        if model is None:
            raise ValueError("top_layers needs the model to name its layers")
        targets = top_layer_modules(model, settings)
    return LoraConfig(
        r=settings.r,
        lora_alpha=settings.alpha,
        lora_dropout=settings.dropout,
        target_modules=targets,
        task_type=task_type,
    )


def top_layer_modules(model: Any, settings: LoraSettings) -> list[str]:
    """Full names of the linear modules to adapt in the top `top_layers` layers (those named
    by `target_modules`, or every linear one for all-linear)."""
    import torch

    layers = model.config.num_hidden_layers
    lowest = layers - min(settings.top_layers or layers, layers)
    wanted = settings.target_modules
    names = []
    for name, module in model.named_modules():
        found = re.search(r"\.layers\.(\d+)\.", name)
        if not isinstance(module, torch.nn.Linear) or found is None:
            continue
        if int(found.group(1)) < lowest:
            continue
        if wanted == "all-linear" or name.rsplit(".", 1)[-1] in wanted:
            names.append(name)
    if not names:
        raise ValueError(f"no linear layer matches {wanted!r} in the top {settings.top_layers}")
    return names


def _causal_lm(path: str, dtype: torch.dtype) -> PreTrainedModel:
    from transformers import AutoModelForCausalLM

    return AutoModelForCausalLM.from_pretrained(path, dtype=dtype, attn_implementation="sdpa")


def load_tokenizer(path: str) -> PreTrainedTokenizerBase:
    """The tokenizer, with a pad token (the end-of-sequence one when it has none)."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(path)
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def trainable_parameters(model: torch.nn.Module) -> list[torch.nn.Parameter]:
    """The parameters the optimizer updates."""
    return [p for p in model.parameters() if p.requires_grad]


def left_padded(
    rows: list[list[int]], pad_id: int, device: str
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """input_ids, attention_mask and position_ids for rows padded on the left, so that every
    row ends at the last column and the target tokens of all rows line up at the end."""
    import torch

    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        ids[i, width - len(row) :] = torch.tensor(row, dtype=torch.long)
        mask[i, width - len(row) :] = 1
    positions = (mask.cumsum(-1) - 1).clamp(min=0)
    return ids.to(device), mask.to(device), positions.to(device)


def right_padded(rows: list[list[int]], pad_id: int, device: str) -> tuple[Any, Any]:
    """input_ids and attention_mask for rows padded on the right.

    Training passes pad on the right: a left pad at position 0 has no key it may attend to,
    and the fused attention kernels of a GPU return NaN for such a row in bfloat16, which the
    backward pass spreads into every weight. A right pad can always see the row before it.
    """
    import torch

    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = torch.tensor(row, dtype=torch.long)
        mask[i, : len(row)] = 1
    return ids.to(device), mask.to(device)


def target_logprobs(
    model: Any, rows: list[list[int]], target_lens: list[int], pad_id: int
) -> tuple[torch.Tensor, torch.Tensor]:
    """Log-probabilities of each row's last `target_len` tokens, and their mask.

    Only the positions from the first one that predicts a target go through the output layer
    (`logits_to_keep`): with a 49k-word vocabulary and a 1,000-token prompt, that layer would
    otherwise cost as much as the model. Returns tensors of shape (rows, max target length),
    right-aligned.
    """
    import torch

    device = next(model.parameters()).device
    ids, mask = right_padded(rows, pad_id, str(device))
    width, most = ids.shape[1], max(target_lens)
    lens = torch.tensor([len(r) for r in rows], device=device).unsqueeze(1)
    targets = torch.tensor(target_lens, device=device).unsqueeze(1)
    # Column c of the output holds target token j = c - (most - t) of its row (j < 0: none),
    # which sits at position len - t + j and is predicted by the logits at the one before.
    j = torch.arange(most, device=device).unsqueeze(0) - (most - targets)
    label_pos = (lens - targets + j).clamp(min=0)
    keep = width - int((lens - targets - 1).min())
    pred_pos = (label_pos - 1 - (width - keep)).clamp(min=0)
    with compute(model):
        logits = model(input_ids=ids, attention_mask=mask, logits_to_keep=keep).logits
    picked = logits.gather(1, pred_pos.unsqueeze(-1).expand(-1, -1, logits.shape[-1]))
    labels = ids.gather(1, label_pos)
    logprobs = torch.log_softmax(picked.float(), dim=-1).gather(-1, labels.unsqueeze(-1))
    return logprobs.squeeze(-1), j >= 0
