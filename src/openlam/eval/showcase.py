"""A model carrying out a few held-out requests in the real Writer, each step shown as it
happens and each end state checked by the task's checker from the saved file: what
`openlam tasks try` and the start of `make demo` show."""

from __future__ import annotations

import random
from pathlib import Path

from rich.console import Console

from openlam.agent.loop import Agent, AgentConfig
from openlam.agent.prompt import PromptConfig
from openlam.envs.writer.actions import writer_action_space
from openlam.envs.writer.env import WriterEnv
from openlam.eval.models import NamedModel, loaded
from openlam.run_request import show_step
from openlam.tasks.apps import WriterApp, agent_config_for
from openlam.tasks.base import TaskInstance
from openlam.tasks.episode import run_episode
from openlam.tasks.writer import registry
from openlam.tasks.writer.templates import TEST_TEMPLATES


def held_out_instances(
    n: int, seed: int, families: list[str] | None = None, requests: Path | None = None
) -> list[TaskInstance]:
    """n held-out tasks drawn at random (seeded): hand-written requests from `requests`, or
    one sampled instance (test template, test phrasing) of each of n families."""
    rng = random.Random(seed)
    if requests is not None:
        pool = [i for i in registry.handwritten(requests) if not families or i.family in families]
        return rng.sample(pool, min(n, len(pool)))
    chosen = families or rng.sample(sorted(registry.families()), n)
    return [
        registry.sample(f, 1, seed=seed, split="test", template_names=list(TEST_TEMPLATES))[0]
        for f in chosen[:n]
    ]


def showcase(
    model: NamedModel,
    instances: list[TaskInstance],
    out: Path,
    console: Console,
    max_steps: int = 10,
) -> int:
    """Run the model on each instance with the steps shown live; returns how many passed."""
    prompt = PromptConfig(variant=model.prompt_variant)
    config = agent_config_for(WriterApp(), AgentConfig(prompt=prompt, max_steps=max_steps))
    passed = 0
    with loaded(model) as lm, WriterEnv() as env:
        agent = Agent.for_model(lm, writer_action_space(), config)
        for number, instance in enumerate(instances, start=1):
            console.print(
                f"\n[bold]{number}/{len(instances)}[/bold] {instance.family} on "
                f"{instance.template}: [italic]{instance.request}[/italic]"
            )
            log = out / f"{number:02d}.jsonl"
            result = run_episode(
                env, instance, agent.policy, log, config, on_step=lambda s: show_step(s, console)
            )
            passed += result.success
            verdict = "[green]PASS[/green]" if result.success else "[red]FAIL[/red]"
            console.print(f"{verdict} checked from the saved file: {result.check.reason}")
    console.print(f"\n[bold]{model.name}: {passed}/{len(instances)} held-out requests done[/bold]")
    return passed
