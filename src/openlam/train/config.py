"""Settings shared by every training phase, in the manner of TRL's trainer configs."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from openlam.models.hf import Device, DType


class LoraSettings(BaseModel):
    """The LoRA adapter a phase trains (ignored when `full` fine-tuning is chosen)."""

    model_config = ConfigDict(extra="forbid")

    r: int = Field(16, ge=1)
    alpha: int = Field(32, ge=1)
    # Dropout costs an extra pass over every adapted activation; on a CPU that is noticeable.
    dropout: float = Field(0.0, ge=0, lt=1)
    target_modules: str | list[str] = "all-linear"
    # Gradients then stop at the lowest adapted layer: the layers below only run forward,
    # which on a CPU saves most of the backward pass for a small loss in what can be learned.
    top_layers: int | None = Field(
        None, ge=1, description="adapt only the top N transformer layers (default: all)"
    )


class TrainConfig(BaseModel):
    """How one phase trains. The defaults are fast on a laptop CPU with a small model."""

    model_config = ConfigDict(extra="forbid")

    full: bool = Field(False, description="train every weight instead of a LoRA adapter")
    lora: LoraSettings = LoraSettings()
    learning_rate: float = Field(5e-4, gt=0)
    scheduler: Literal["cosine", "linear", "constant"] = "cosine"
    warmup_ratio: float = Field(0.05, ge=0, lt=1)
    weight_decay: float = Field(0.0, ge=0)
    max_grad_norm: float = Field(1.0, gt=0)
    epochs: float = Field(1.0, gt=0)
    max_steps: int | None = Field(None, ge=1, description="stop after this many optimizer steps")
    # One example per forward pass by default: a padded batch makes attention fall back to a
    # kernel that keeps a (heads x length x length) matrix per layer for the backward pass,
    # which took 14 GB for 4 step samples of ~1,500 tokens with SmolLM2 on a CPU. Packed, the
    # shared prefix shortens the sequence: 4 samples of ~730 tokens peaked at 3 GB with LoRA
    # on the top half of the layers.
    batch_size: int = Field(1, ge=1)
    # The same loss as rows one by one (phases 1-3; the reward model pads); see packing.py.
    pack: bool = Field(
        True,
        description="put a micro-batch's examples into one sequence, their shared prompt "
        "prefix computed once (no padding)",
    )
    grad_accumulation: int = Field(4, ge=1)
    max_length: int = Field(
        2048, ge=16, description="examples with more tokens are left out (and counted)"
    )
    limit: int | None = Field(None, ge=1, description="use N examples drawn at random (seeded)")
    seed: int = 0
    device: Device = "auto"
    dtype: DType = Field(
        "auto",
        description="auto: bfloat16 on a GPU; on a CPU with bfloat16 instructions, bfloat16 "
        "frozen weights and float32 trained ones under bfloat16 autocast; float32 elsewhere",
    )
    threads: int | None = Field(None, ge=1, description="torch CPU threads")
    save_steps: int = Field(25, ge=1, description="resume point every N optimizer steps")
    log_steps: int = Field(1, ge=1)


def fingerprint_fields(config: TrainConfig) -> dict:
    """The settings that change what is learned: a resume must match them."""
    return config.model_dump(exclude={"save_steps", "log_steps", "threads"})
