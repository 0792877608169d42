"""Online evaluation, as the paper's Table 4: each model acts as the agent in the real application
on held-out task instances (Writer: test templates and test phrasings; web: MiniWoB test
seeds), the checker (or the MiniWoB page) judges the end state,
and the rows give task success, completion time, steps per task and step latency, with a
breakdown by family. The expert runs the same tasks as its own row.

Each model's run is a collection (`data.collect`) into its own folder, on the same Ray workers,
so an interrupted evaluation resumes where it stopped.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from rich.console import Console

from openlam.agent.loop import AgentConfig
from openlam.agent.prompt import PromptConfig, format_call, render_controls, render_document
from openlam.agent.trajectory_log import load_trajectory
from openlam.data.collect import CollectConfig, collect
from openlam.data.execute import ExpertConfig, TaskResult
from openlam.data.experts import ExpertKind
from openlam.data.instantiate import Instantiation
from openlam.envs.screens import ScreenMode, thumbnail_uri
from openlam.eval.models import NamedModel
from openlam.eval.offline import slug
from openlam.eval.results import FamilyResult, OnlineRow, Trace, TraceStep
from openlam.records import DocumentState, Step, Trajectory, write_jsonl
from openlam.tasks.apps import app_for
from openlam.tasks.base import TaskInstance
from openlam.tasks.writer import registry
from openlam.tasks.writer.templates import TEST_TEMPLATES


class OnlineConfig(BaseModel):
    """Which held-out tasks, how the agent is limited, and where the episodes run."""

    out_dir: Path = Path("runs/eval/online")
    app: Literal["writer", "web"] = "writer"
    per_family: int = Field(2, ge=1, description="held-out instances of each family")
    families: list[str] | None = Field(
        None, description="Writer family ids or MiniWoB task names; None: all"
    )
    seed: int = 0
    requests: Path | None = Field(
        None, description="hand-written Writer requests (JSON Lines) instead of sampled ones"
    )
    max_steps: int = Field(10, ge=1)
    max_new_tokens: int = Field(200, ge=1)
    max_controls: int = Field(24, ge=1, description="as many controls as the model learned on")
    workers: int = Field(1, ge=1)
    in_process: bool = False
    ray_address: str | None = None
    expert: ExpertKind | None = Field("noisy-oracle", description="its row; None: no row")
    traces_per_model: int = Field(6, ge=0)
    screens: ScreenMode = Field("ends", description="the windows each episode keeps")


def held_out_tasks(config: OnlineConfig) -> list[Instantiation]:
    """`per_family` instances of each family on the test templates with test phrasings
    (Writer), or of each MiniWoB task on test seeds (web); with `requests`, the Writer
    tasks of that file of hand-written requests."""
    if config.app == "web":
        return _instantiated(held_out_web_instances(config))
    if config.requests is not None:
        instances = registry.handwritten(config.requests)
        wanted = set(config.families or registry.families())
        return _instantiated([i for i in instances if i.family in wanted])
    out = []
    for family_id in config.families or list(registry.families()):
        instances = registry.sample(
            family_id,
            config.per_family,
            seed=config.seed,
            split="test",
            template_names=list(TEST_TEMPLATES),
        )
        out += _instantiated(instances)
    return out


def _instantiated(instances: list[TaskInstance]) -> list[Instantiation]:
    return [
        Instantiation(source="eval", task=i.request, status="instantiated", instance=i)
        for i in instances
    ]


def held_out_web_instances(config: OnlineConfig) -> list[TaskInstance]:
    """MiniWoB instances on test seeds; every registered task by default."""
    from openlam.envs.web.env import WebEnv
    from openlam.tasks.web import miniwob

    names = config.families or list(miniwob.task_names())
    with WebEnv(miniwob.web_env_config()) as env:
        return miniwob.instantiate(env, names, config.per_family, "test", config.seed)


def evaluate_online(
    models: list[NamedModel], tasks: list[Instantiation], config: OnlineConfig, console: Console
) -> tuple[list[OnlineRow], list[Trace]]:
    """Run every model (and the expert) on the tasks; write online.jsonl and traces.jsonl."""
    if not tasks:
        raise ValueError("no held-out tasks to run")
    rows, traces = [], []
    runs = [(m.name, _model_collection(m, config)) for m in models]
    if config.expert is not None:
        runs.append((f"expert ({config.expert})", _expert_collection(config)))
    ids = {t.instance.id for t in tasks}
    for name, collection in runs:
        console.print(f"[bold]online:[/bold] {name}")
        results = [r for r in collect(collection, tasks, console) if r.id in ids]
        folder = collection.out_dir / "trajectories"
        episodes = {r.id: load_trajectory(folder / r.trajectory) for r in results if r.trajectory}
        rows.append(online_row(name, results, episodes))
        picked = pick_traces(results, config.traces_per_model)
        traces += [trace(name, r, episodes[r.id], folder) for r in picked]
    write_jsonl(config.out_dir / "online.jsonl", rows)
    write_jsonl(config.out_dir / "traces.jsonl", traces)
    return rows, traces


def _model_collection(model: NamedModel, config: OnlineConfig) -> CollectConfig:
    prompt = PromptConfig(
        variant=model.prompt_variant, max_controls=config.max_controls, screen=model.screen
    )
    agent = AgentConfig(
        prompt=prompt,
        max_steps=config.max_steps,
        max_new_tokens=config.max_new_tokens,
        app=app_for(config.app).title,
        screens=config.screens,
    )
    return CollectConfig(
        out_dir=config.out_dir / slug(model.name),
        expert=ExpertConfig(kind="model", agent=agent),
        expert_model=model.config,
        **_where(config),
    )


def _expert_collection(config: OnlineConfig) -> CollectConfig:
    return CollectConfig(
        out_dir=config.out_dir / slug(f"expert {config.expert}"),
        expert=ExpertConfig(kind=config.expert, agent=AgentConfig(screens=config.screens)),
        **_where(config),
    )


def _where(config: OnlineConfig) -> dict:
    return {
        "workers": config.workers,
        "in_process": config.in_process,
        "ray_address": config.ray_address,
    }


def online_row(name: str, results: list[TaskResult], episodes: dict[str, Trajectory]) -> OnlineRow:
    """Table 4 figures for one model's results; step latencies from its trajectories (by id)."""
    ran = [r for r in results if r.trajectory]
    latencies = [step_latency(s) for r in ran for s in episodes[r.id].steps]
    by_family: dict[str, FamilyResult] = {}
    for r in results:
        fam = by_family.setdefault(r.family, FamilyResult(tasks=0, succeeded=0))
        fam.tasks, fam.succeeded = fam.tasks + 1, fam.succeeded + r.success
    mean = lambda xs: round(sum(xs) / len(xs), 2) if xs else 0.0  # noqa: E731
    return OnlineRow(
        model=name,
        tasks=len(results),
        succeeded=sum(r.success for r in results),
        success_rate=round(100 * sum(r.success for r in results) / max(len(results), 1), 1),
        completion_time=mean([r.seconds.get("execute", 0.0) for r in ran]),
        steps_per_task=mean([r.steps for r in ran]),
        step_latency=mean(latencies),
        step_latency_median=round(statistics.median(latencies), 2) if latencies else None,
        application_errors=sum(r.reason == "application error" for r in results),
        by_family=dict(sorted(by_family.items())),
        step_latencies=[round(x, 3) for x in latencies],
    )


def step_latency(step: Step) -> float:
    """Seconds from observation to the next: prompt, model, action and observation."""
    keys = ("prompt_s", "screen_s", "model_s", "execute_s", "action_s", "observe_s")
    return sum(step.timings.get(k, 0.0) for k in keys)


def pick_traces(results: list[TaskResult], n: int) -> list[TaskResult]:
    """Up to n episodes, successes and failures alternating, for the trace viewer."""
    ran = [r for r in results if r.trajectory]
    wins, losses = [r for r in ran if r.success], [r for r in ran if not r.success]
    chosen = [r for pair in zip(wins, losses, strict=False) for r in pair]
    chosen += [r for r in wins + losses if r not in chosen]
    return chosen[:n]


def trace(
    name: str, result: TaskResult, trajectory: Trajectory, folder: Path | None = None
) -> Trace:
    """A trajectory as the trace viewer shows it, with the controls the model was shown and,
    where the run kept them, the screens (`folder`: where the trajectory file is)."""
    prompt = PromptConfig()
    screens = _screens(trajectory, folder)
    final = trajectory.info.get("final_document")
    after_last = render_document(DocumentState.model_validate(final), prompt) if final else None
    steps = []
    for i, step in enumerate(trajectory.steps):
        obs = step.observation
        shown = step.shown.of(obs) if step.shown is not None else obs.controls
        nxt = trajectory.steps[i + 1] if i + 1 < len(trajectory.steps) else None
        steps.append(
            TraceStep(
                index=step.index,
                controls=render_controls(shown).splitlines(),
                model_output=step.model_output,
                action=format_call(step.action) if step.action else None,
                result=_result_text(step),
                seconds={k: round(v, 3) for k, v in step.timings.items() if k.endswith("_s")},
                document_before=_document_text(step.observation.document, prompt),
                document_after=_document_text(nxt.observation.document, prompt)
                if nxt
                else after_last,
                screen_before=screens[i],
                screen_after=screens[i + 1],
            )
        )
    return Trace(
        model=name,
        task_id=result.id,
        family=result.family,
        request=result.request,
        success=result.success,
        reason=result.reason,
        steps=steps,
    )


def _screens(trajectory: Trajectory, folder: Path | None) -> list[str | None]:
    """The screen before each step and after the last, embedded; None where none was kept."""
    names = [s.screen for s in trajectory.steps] + [trajectory.info.get("final_screen")]
    if folder is None:
        return [None] * len(names)
    return [thumbnail_uri(folder / n) if n else None for n in names]


def _result_text(step: Step) -> str:
    r = step.result
    text = "ok" if r.ok else f"error: {r.error}"
    return f"{text} {r.message}".strip() if r.message else text


def _document_text(doc: DocumentState | None, prompt: PromptConfig) -> str:
    return render_document(doc, prompt) if doc is not None else "(no document state)"
