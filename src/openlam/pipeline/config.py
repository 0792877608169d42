"""The whole lifecycle as one config: plans -> instantiation and collection -> phases 1-4 ->
offline, plan and online evaluation -> report. Written as YAML (configs/demo.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from openlam.data.experts import ExpertKind, NoiseConfig
from openlam.envs.screens import ScreenMode
from openlam.train.config import TrainConfig
from openlam.train.optimize import OptimizeConfig
from openlam.train.reward import REWARD_DEFAULTS


class Strict(BaseModel):
    # A misspelt key in a YAML file is an error, not a silently ignored setting.
    model_config = ConfigDict(extra="forbid")


class PlansStage(Strict):
    help_root: Path | None = Field(None, description="default: the installed en-US help")
    modules: list[str] | None = Field(None, description="help modules, e.g. swriter; None: all")
    evolve: Literal["offline", "none"] = "offline"
    seed: int = 0


class CollectStage(Strict):
    per_family: int = Field(
        12, ge=1, description="library instances of each family (web: training seeds per task)"
    )
    families: list[str] | None = Field(
        None, description="Writer family ids, or MiniWoB task names (default: all with an expert)"
    )
    expert: ExpertKind = "noisy-oracle"
    noise: NoiseConfig = Field(NoiseConfig(), description="the noisy oracle's error rates")
    prompt_variant: Literal["call", "full", "compact", "react"] = "call"
    max_controls: int = Field(24, description="relevance filter size, as at inference")
    screens: ScreenMode = Field("ends", description="windows kept: never, ends, each step")
    seed: int = 0


class ExploreStage(Strict):
    attempts: int = Field(2, ge=1)
    temperature: float = 0.7
    max_agent_steps: int = 12
    max_tasks: int | None = None
    train: TrainConfig = TrainConfig()


class TrainStage(Strict):
    base: str = Field("smollm2", description="smollm2, a model directory or a hub name")
    device: str = Field("auto", description="for every phase: auto, cpu or cuda")
    threads: int | None = Field(None, description="torch CPU threads for every phase")
    plan: TrainConfig = TrainConfig()
    imitate: TrainConfig = TrainConfig()
    explore: ExploreStage = ExploreStage()
    reward: TrainConfig = REWARD_DEFAULTS
    optimize: OptimizeConfig = OptimizeConfig()


class EvalStage(Strict):
    offline_steps: int | None = Field(None, description="at most N held-out steps, whole tasks")
    plans: int | None = Field(50, description="held-out task-plan pairs")
    online_per_family: int = Field(2, ge=1)
    online_families: list[str] | None = None
    online_max_steps: int = Field(10, ge=1)
    online_requests: Path | None = Field(
        None,
        description="hand-written held-out requests (JSON Lines): the base and the last "
        "phase also run them online, as a table of their own",
    )
    max_new_tokens: int = Field(128, ge=1)
    expert_row: bool = True
    traces_per_model: int = 6
    screens: ScreenMode = Field("ends", description="windows kept by each online episode")
    seed: int = 0


class PipelineConfig(Strict):
    """Every stage's settings, and where the run lives."""

    title: str = "openlam run"
    app: Literal["writer", "web"] = Field(
        "writer",
        description="writer: every stage; web: MiniWoB++ in Chromium, no help pages to mine, "
        "so no plans, phase 1 or plan evaluation, and online the MiniWoB protocol",
    )
    out: Path = Path("runs/pipeline")
    workers: int = Field(2, ge=1, description="Writer stacks (Ray actors) for collection and eval")
    ray_address: str | None = None
    in_process: bool = Field(False, description="one worker in this process, without Ray")
    plans: PlansStage = PlansStage()
    collect: CollectStage = CollectStage()
    train: TrainStage = TrainStage()
    eval: EvalStage = EvalStage()


def load_config(path: Path) -> PipelineConfig:
    """A PipelineConfig from a YAML file, every key checked."""
    try:
        data = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a pipeline config is a mapping of settings")
    return PipelineConfig.model_validate(data)
