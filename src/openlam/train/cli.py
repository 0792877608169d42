"""`openlam train plan | imitate | explore | reward | optimize`: one command per phase,
reading files and writing one checkpoint directory (resumable when interrupted); `ship` puts
a trained adapter into the package."""

from __future__ import annotations

from pathlib import Path

import typer
import yaml
from rich.console import Console

from openlam.train.config import LoraSettings, TrainConfig

app = typer.Typer(help="Train a Large Action Model, phase by phase.", no_args_is_help=True)
console = Console()

CONFIG = typer.Option(None, help="A YAML file of TrainConfig fields (flags override it).")
LR = typer.Option(None, "--lr", help="Learning rate.")
EPOCHS = typer.Option(None, help="Passes over the data (fractions allowed).")
MAX_STEPS = typer.Option(None, help="Stop after this many optimizer steps.")
BATCH = typer.Option(None, help="Examples per micro-batch.")
ACCUM = typer.Option(None, help="Micro-batches per optimizer step.")
LIMIT = typer.Option(None, help="Use N examples drawn at random (seeded).")
FULL = typer.Option(None, "--full/--lora", help="Train every weight instead of LoRA.")
RANK = typer.Option(None, help="LoRA rank.")
DEVICE = typer.Option(None, help="auto, cpu or cuda.")
THREADS = typer.Option(None, help="torch CPU threads.")


def train_config(
    config: Path | None, base: TrainConfig | None = None, lora_r: int | None = None, **flags
) -> TrainConfig:
    """TrainConfig from defaults, then a YAML file, then the flags that were given."""
    fields = (base or TrainConfig()).model_dump()
    if config is not None:
        fields |= yaml.safe_load(config.read_text()) or {}
    names = {"lr": "learning_rate", "batch": "batch_size", "accum": "grad_accumulation"}
    fields |= {names.get(k, k): v for k, v in flags.items() if v is not None}
    if lora_r is not None:
        fields["lora"] = LoraSettings(r=lora_r, alpha=2 * lora_r).model_dump()
    return TrainConfig.model_validate(fields)


@app.command("plan")
def plan(
    corpus: Path = typer.Option(Path("runs/plans/plans.jsonl"), help="From `data plans`."),
    start: str = typer.Option("smollm2", help="Base model: smollm2, a directory or hub name."),
    out: Path = typer.Option(Path("runs/train/plan")),
    config: Path = CONFIG,
    lr: float = LR,
    epochs: float = EPOCHS,
    max_steps: int = MAX_STEPS,
    batch: int = BATCH,
    accum: int = ACCUM,
    limit: int = LIMIT,
    full: bool = FULL,
    lora_r: int = RANK,
    device: str = DEVICE,
    threads: int = THREADS,
) -> None:
    """Phase 1 (LAM1): SFT on the task-plan corpus (its training split)."""
    from openlam.train.phases import train_plan

    tc = train_config(config, None, lora_r, lr=lr, epochs=epochs, max_steps=max_steps,
                      batch=batch, accum=accum, limit=limit, full=full, device=device,
                      threads=threads)  # fmt: skip
    _report(train_plan(corpus, start, out, tc, console.print))


@app.command("imitate")
def imitate(
    samples: Path = typer.Option(Path("runs/collect/samples/train.jsonl")),
    start: str = typer.Option("runs/train/plan", help="The phase-1 checkpoint (or any model)."),
    out: Path = typer.Option(Path("runs/train/imitate")),
    config: Path = CONFIG,
    lr: float = LR,
    epochs: float = EPOCHS,
    max_steps: int = MAX_STEPS,
    batch: int = BATCH,
    accum: int = ACCUM,
    limit: int = LIMIT,
    full: bool = FULL,
    lora_r: int = RANK,
    device: str = DEVICE,
    threads: int = THREADS,
) -> None:
    """Phase 2 (LAM2): imitation of the expert's successful steps."""
    from openlam.train.phases import train_imitate

    tc = train_config(config, None, lora_r, lr=lr, epochs=epochs, max_steps=max_steps,
                      batch=batch, accum=accum, limit=limit, full=full, device=device,
                      threads=threads)  # fmt: skip
    _report(train_imitate(samples, start, out, tc, console.print))


@app.command("explore")
def explore(
    collection: Path = typer.Option(Path("runs/collect"), help="The expert's collection."),
    samples: Path = typer.Option(None, help="Expert samples (default: <collection>/samples)."),
    start: str = typer.Option("runs/train/imitate", help="The phase-2 checkpoint."),
    out: Path = typer.Option(Path("runs/train/explore")),
    attempts: int = typer.Option(2, help="k: tries per expert-failed task."),
    temperature: float = typer.Option(0.7, help="Sampling temperature of the tries."),
    max_agent_steps: int = typer.Option(12, help="Agent steps per try."),
    max_tasks: int = typer.Option(None, help="Retry only the first N failed tasks."),
    workers: int = typer.Option(1, help="Writer stacks in parallel (Ray actors)."),
    in_process: bool = typer.Option(False, help="One worker in this process, without Ray."),
    config: Path = CONFIG,
    lr: float = LR,
    epochs: float = EPOCHS,
    max_steps: int = MAX_STEPS,
    batch: int = BATCH,
    limit: int = LIMIT,
    device: str = DEVICE,
    threads: int = THREADS,
) -> None:
    """Phase 3 (LAM3): retry the expert's failures in Writer, train on expert + own successes."""
    from openlam.train.explore import ExploreConfig, train_explore

    settings = ExploreConfig(
        collection=collection,
        attempts=attempts,
        temperature=temperature,
        max_steps=max_agent_steps,
        max_tasks=max_tasks,
        workers=workers,
        in_process=in_process,
        device=device or "auto",
        threads=threads,
    )
    tc = train_config(config, None, None, lr=lr, epochs=epochs, max_steps=max_steps,
                      batch=batch, limit=limit, device=device, threads=threads)  # fmt: skip
    expert_samples = samples or collection / "samples" / "train.jsonl"
    _report(train_explore(expert_samples, start, out, settings, tc, console, console.print))


@app.command("reward")
def reward(
    collection: list[Path] = typer.Option(
        [Path("runs/collect")], help="Collection folders (the expert's, the exploration's)."
    ),
    start: str = typer.Option("runs/train/explore", help="The phase-3 checkpoint."),
    out: Path = typer.Option(Path("runs/train/reward")),
    config: Path = CONFIG,
    lr: float = LR,
    epochs: float = EPOCHS,
    max_steps: int = MAX_STEPS,
    batch: int = BATCH,
    limit: int = LIMIT,
    lora_r: int = RANK,
    device: str = DEVICE,
    threads: int = THREADS,
) -> None:
    """Phase 4a: a reward model on step labels (+1 in successes, -1 in failures)."""
    from openlam.train.reward import REWARD_DEFAULTS, train_reward

    tc = train_config(config, REWARD_DEFAULTS, lora_r, lr=lr, epochs=epochs,
                      max_steps=max_steps, batch=batch, limit=limit, device=device,
                      threads=threads)  # fmt: skip
    _report(train_reward(collection, start, out, tc, console.print))


@app.command("optimize")
def optimize(
    collection: Path = typer.Option(Path("runs/collect"), help="Failed trajectories' states."),
    reward_model: Path = typer.Option(Path("runs/train/reward")),
    start: str = typer.Option("runs/train/explore", help="The phase-3 checkpoint."),
    out: Path = typer.Option(Path("runs/train/optimize")),
    samples_per_state: int = typer.Option(4),
    states_per_batch: int = typer.Option(4),
    ppo_epochs: int = typer.Option(4),
    max_states: int = typer.Option(None),
    max_new_tokens: int = typer.Option(96),
    kl_target: float = typer.Option(0.1),
    lr: float = LR,
    device: str = DEVICE,
    threads: int = THREADS,
) -> None:
    """Phase 4b (LAM4): offline clipped PPO on failed states, rewards from the reward model."""
    from openlam.train.optimize import OptimizeConfig, train_optimize

    settings = OptimizeConfig(
        states_per_batch=states_per_batch,
        samples_per_state=samples_per_state,
        ppo_epochs=ppo_epochs,
        max_states=max_states,
        max_new_tokens=max_new_tokens,
        kl_target=kl_target,
    )
    settings.train = train_config(None, settings.train, None, lr=lr, device=device, threads=threads)
    _report(train_optimize(collection, reward_model, start, out, settings, console.print))


def _report(meta) -> None:
    console.print(f"[bold]{meta.phase}[/bold] checkpoint ({meta.kind}): {meta.metrics}")


@app.command("ship")
def ship_command(
    checkpoint: Path = typer.Argument(..., help="The adapter checkpoint to ship."),
    name: str = typer.Option("writer-lam", help="writer-lam or web-lam."),
    online: Path = typer.Option(
        Path("runs/eval/online/online.jsonl"), help="The online evaluation on held-out tasks."
    ),
    row: str = typer.Option(..., help="The checkpoint's row (model name) in that file."),
    requests: Path = typer.Option(
        None, help="Its online evaluation on the hand-written requests (same row name)."
    ),
) -> None:
    """Put a trained adapter into the package as the shipped model, with its held-out result
    and a model card; refused unless it beats the shipped one on the same protocol."""
    from openlam.train.checkpoint import TrainingError
    from openlam.train.ship import ship

    try:
        folder = ship(checkpoint, name, online, row, requests)
    except TrainingError as exc:
        console.print(f"[red]not shipped: {exc}[/red]")
        raise typer.Exit(1) from exc
    console.print(f"shipped {name} into {folder}")
