"""What each pipeline stage does: thin calls into data/, train/ and eval/ with the run's
folders and settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console

from openlam.pipeline.config import PipelineConfig

if TYPE_CHECKING:
    from openlam.eval.models import NamedModel
    from openlam.pipeline.run import Layout


def mine_plans(config: PipelineConfig, layout: Layout, console: Console) -> None:
    """Task-plan pairs from the application's help, cleaned and evolved offline."""
    from openlam.data.plan_corpus import (
        DEFAULT_HELP_ROOT,
        PlanCorpusConfig,
        build_corpus,
        write_corpus,
    )

    p = config.plans
    corpus_config = PlanCorpusConfig(
        help_root=p.help_root or DEFAULT_HELP_ROOT,
        modules=p.modules,
        out_dir=layout.plans,
        evolve=p.evolve,
        seed=p.seed,
    )
    stats = write_corpus(build_corpus(corpus_config), layout.plans)
    console.print({k: stats[k] for k in ("pages_read", "mined", "evolved", "dropped")})


def collect_expert(config: PipelineConfig, layout: Layout, console: Console) -> None:
    """Library tasks instantiated on the templates, executed by the expert, cut into samples."""
    from openlam.agent.loop import AgentConfig
    from openlam.agent.prompt import PromptConfig
    from openlam.data.collect import CollectConfig, collect
    from openlam.data.execute import ExpertConfig
    from openlam.data.instantiate import TEST_SHARE, instantiate_library, instantiate_miniwob
    from openlam.data.samples import build_samples

    c = config.collect
    if config.app == "web":
        # A fifth as many held-out seeds as training ones, for the offline evaluation, as
        # the Writer library holds a fifth of its instances out.
        n_test = max(1, round(c.per_family * TEST_SHARE))
        tasks = instantiate_miniwob(c.per_family, "train", c.seed, c.families)
        tasks += instantiate_miniwob(n_test, "test", c.seed, c.families)
    else:
        tasks = instantiate_library(c.per_family, seed=c.seed, families=c.families)
    prompt = PromptConfig(variant=c.prompt_variant, max_controls=c.max_controls)
    agent = AgentConfig(prompt=prompt, screens=c.screens)
    expert = ExpertConfig(kind=c.expert, noise=c.noise, agent=agent)
    results = collect(
        CollectConfig(out_dir=layout.collect, expert=expert, **_workers(config)), tasks, console
    )
    counts = build_samples(results, layout.collect / "trajectories", layout.samples, prompt)
    console.print(counts)


def phase_inputs(phase: str, config: PipelineConfig, layout: Layout) -> list:
    """The files a phase reads: its data and the checkpoint it starts from."""
    start = {"imitate": "plan", "explore": "imitate", "reward": "explore", "optimize": "explore"}
    if phase == "imitate" and config.app == "web":
        return [layout.samples / "train.jsonl"]
    data = {
        "plan": [layout.plans / "plans.jsonl"],
        "imitate": [layout.samples / "train.jsonl"],
        "explore": [layout.collect / "results.jsonl", layout.samples / "train.jsonl"],
        "reward": [layout.collect / "results.jsonl"],
        "optimize": [layout.collect / "results.jsonl", layout.phase("reward") / "meta.json"],
    }[phase]
    return data + ([layout.phase(start[phase]) / "meta.json"] if phase in start else [])


def phase_settings(phase: str, config: PipelineConfig) -> dict[str, Any]:
    t = config.train
    settings = {"base": t.base, "device": t.device}
    return settings | {phase: getattr(t, phase).model_dump(exclude={"threads"})}


def train_phase(phase: str, config: PipelineConfig, layout: Layout, console: Console) -> None:
    """One training phase, from the previous phase's checkpoint."""
    from openlam.train import explore, optimize, phases, reward

    t, out, log = config.train, layout.phase(phase), console.print
    prev = {"plan": t.base, "imitate": "plan", "explore": "imitate"}.get(phase, "explore")
    start = prev if phase == "plan" else str(layout.phase(prev))
    if phase == "imitate" and config.app == "web":
        start = t.base  # no help pages, no phase 1: imitation starts from the base model
    train_samples = layout.samples / "train.jsonl"
    if phase == "plan":
        phases.train_plan(layout.plans / "plans.jsonl", start, out, _tc(t.plan, t), log)
    elif phase == "imitate":
        phases.train_imitate(train_samples, start, out, _tc(t.imitate, t), log)
    elif phase == "explore":
        e = t.explore
        settings = explore.ExploreConfig(
            collection=layout.collect,
            attempts=e.attempts,
            temperature=e.temperature,
            max_steps=e.max_agent_steps,
            max_tasks=e.max_tasks,
            device=t.device,
            threads=t.threads,
            workers=config.workers,
            in_process=config.in_process,
        )
        tc = _tc(e.train, t)
        explore.train_explore(train_samples, start, out, settings, tc, console, log)
    elif phase == "reward":
        collections = [layout.collect, *layout.attempts()]
        reward.train_reward(collections, start, out, _tc(t.reward, t), log)
    else:
        settings = t.optimize.model_copy(update={"train": _tc(t.optimize.train, t)})
        reward_dir = layout.phase("reward")
        optimize.train_optimize(layout.collect, reward_dir, start, out, settings, log)


def _tc(phase_config, train_stage):
    """A phase's TrainConfig with the run-wide device and threads."""
    return phase_config.model_copy(
        update={"device": train_stage.device, "threads": train_stage.threads}
    )


def _workers(config: PipelineConfig) -> dict:
    return {
        "workers": config.workers,
        "in_process": config.in_process,
        **({"ray_address": config.ray_address} if config.ray_address else {}),
    }


def policies(config: PipelineConfig, layout: Layout) -> list[NamedModel]:
    """The untrained base and each policy checkpoint, as the tables name them."""
    from openlam.eval.models import parse_named
    from openlam.pipeline.run import POLICY_NAMES

    t = config.train
    device = t.device
    base = parse_named(f"{t.base} (base)={t.base}", device, t.threads)
    phases = [
        parse_named(f"{name}={layout.phase(p)}", device, t.threads)
        for p, name in POLICY_NAMES.items()
        if p in phases_of(config)
    ]
    return [base, *phases]


def phases_of(config: PipelineConfig) -> tuple[str, ...]:
    """The training phases a run has: all four, or on the web (no help pages) no phase 1."""
    from openlam.pipeline.run import PHASES

    return PHASES if config.app == "writer" else tuple(p for p in PHASES if p != "plan")


def eval_settings(config: PipelineConfig) -> dict[str, Any]:
    return config.eval.model_dump() | {"base": config.train.base}


def eval_offline(config: PipelineConfig, layout: Layout, console: Console) -> None:
    from openlam.data.samples import StepSample
    from openlam.eval.offline import evaluate_offline, whole_tasks
    from openlam.records import read_jsonl

    e = config.eval
    samples = read_jsonl(layout.samples / "test.jsonl", StepSample)
    chosen = whole_tasks(samples, e.offline_steps, e.seed)
    tick = lambda name, i, n: console.print(f"{name}: {i}/{n}", end="\r")  # noqa: E731
    rows = evaluate_offline(policies(config, layout), chosen, layout.eval / "offline", tick)
    for row in rows:
        console.print(row.model_dump(exclude={"schema_version"}))


def eval_plans(config: PipelineConfig, layout: Layout) -> None:
    from openlam.eval.plans import evaluate_plans, held_out_plans

    e = config.eval
    records = held_out_plans(layout.plans / "plans.jsonl", e.plans, e.seed)
    models = policies(config, layout)[:2]  # the base and LAM1, as the paper's Table 2
    evaluate_plans(models, records, layout.eval / "plans", max_new_tokens=e.max_new_tokens)


def eval_online(
    config: PipelineConfig, layout: Layout, console: Console, requests: bool = False
) -> None:
    """Every policy on sampled held-out tasks; with `requests`, the base and the last phase
    on the hand-written requests."""
    from openlam.eval.online import OnlineConfig, evaluate_online, held_out_tasks

    e = config.eval
    online = OnlineConfig(
        out_dir=layout.eval / ("requests" if requests else "online"),
        app=config.app,
        per_family=e.online_per_family,
        families=e.online_families,
        seed=e.seed,
        requests=e.online_requests if requests else None,
        max_steps=e.online_max_steps,
        max_new_tokens=e.max_new_tokens,
        max_controls=config.collect.max_controls,
        # On the web every MiniWoB task is run, most without a scripted expert: the expert's
        # own table is its collection.
        expert=config.collect.expert if e.expert_row and config.app == "writer" else None,
        traces_per_model=e.traces_per_model,
        screens=e.screens,
        **_workers(config),
    )
    models = policies(config, layout)
    chosen = [models[0], models[-1]] if requests else models
    evaluate_online(chosen, held_out_tasks(online), online, console)
