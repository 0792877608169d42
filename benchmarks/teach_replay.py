"""Teach-mode replay against the agent: success and time per step, on the same tasks.

MiniWoB++ login-user: one demonstration (seed 0, done by the expert's scripted solution as
a stand-in for a user at the prompt), then replay, without any model, on `--seeds` new
seeds with each seed's own username and password, and the LAM agent with the default model
(SmolLM2-135M-Instruct on the CPU) on the first `--agent-seeds` of them. One browser for
all. Per step, replay time is finding the control again plus carrying out the action; the
agent's is building the prompt, generating and carrying out the action.

Writer: two demonstrations on the letter template (make a word bold through the toolbar;
give a paragraph a style through the Paragraph Style box), each replayed on two other
templates with the Navigator open in the sidebar, which renumbers every toolbar control;
the end state is checked from the document the application reports.

    .venv/bin/python benchmarks/teach_replay.py --seeds 50 --agent-seeds 5 \
        --out runs/bench/teach_replay.json

--smoke runs every part on tiny sizes (2 replay seeds, 1 agent step of 8 tokens, 1 Writer
pair); --backend hf --model DIR gives the agent another model (the tests: a tiny random one).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from openlam.agent.loop import Agent, AgentConfig
from openlam.envs.web.env import WebEnv
from openlam.envs.writer.env import WriterEnv
from openlam.models.config import ModelConfig, load_model
from openlam.records import Observation
from openlam.tasks.apps import agent_config_for, app_for
from openlam.tasks.web.experts import quoted, solution
from openlam.tasks.web.miniwob import episode_options, web_env_config
from openlam.teach.recorder import Recorder, build_skill
from openlam.teach.replay import ReplayConfig, replay
from openlam.teach.skill import Skill, SkillStart
from openlam.teach.start import reset_options


def record_login(env: WebEnv) -> Skill:
    """The login-user demonstration at seed 0, acted by the expert's rules."""
    recorder = Recorder(env, SkillStart(app="web", miniwob="login-user", seed=0))
    recorder.begin()
    for rule in solution("login-user", recorder.request):
        recorder.act(rule(recorder.obs))
    return build_skill(recorder.finish(), "login-user")


def replay_login(env: WebEnv, skill: Skill, seeds: list[int], folder: Path) -> dict:
    """Replay on each seed; success is the page's reward of 1."""
    config = ReplayConfig(fallback=False)  # a replay that loses its way counts as a failure
    successes, step_s, find_s, episode_s, fallbacks = 0, [], [], [], 0
    for seed in seeds:
        obs, info = env.reset(options=episode_options("login-user", seed))
        user, password = quoted(info["goal"])[:2]
        params = {"username": user, "password": password}
        report = replay(env, obs, skill, params, folder / f"replay-{seed}", config)
        successes += bool(report.success)
        fallbacks += report.fallback is not None or report.stopped is not None
        step_s += [s.find_s + s.execute_s for s in report.steps]
        find_s += [s.find_s for s in report.steps]
        episode_s.append(report.seconds)
    return {
        "episodes": len(seeds),
        "success_rate": successes / len(seeds),
        "lost_their_way": fallbacks,
        "step_s_median": statistics.median(step_s),
        "step_s_mean": statistics.mean(step_s),
        "find_s_median": statistics.median(find_s),
        "episode_s_median": statistics.median(episode_s),
    }


def agent_login(env: WebEnv, seeds: list[int], folder: Path, args) -> dict:
    """The agent on the same seeds, with the default model unless --backend / --model."""
    start = time.perf_counter()
    model = load_model(model_config(args))
    load_s = time.perf_counter() - start
    # The web app's title in the prompt and its confirmation gate, as `openlam execute` runs.
    config = agent_config_for(
        app_for("web"),
        AgentConfig(max_steps=args.agent_max_steps, max_new_tokens=args.max_new_tokens),
    )
    agent = Agent.for_model(model, env.actions, config)
    successes, step_s, steps = 0, [], 0
    for seed in seeds:
        obs, info = env.reset(options=episode_options("login-user", seed))
        trajectory = agent.run_from(env, obs, info["goal"], folder / f"agent-{seed}.jsonl")
        last = trajectory.steps[-1] if trajectory.steps else None
        successes += bool(last and last.terminated and last.reward >= 1.0)
        steps += len(trajectory.steps)
        for s in trajectory.steps:
            t = s.timings
            step_s.append(t.get("prompt_s", 0) + t.get("model_s", 0) + t.get("execute_s", 0))
    return {
        "model": model.name,
        "load_s": load_s,
        "episodes": len(seeds),
        "success_rate": successes / len(seeds),
        "steps": steps,
        "step_s_median": statistics.median(step_s),
        "step_s_mean": statistics.mean(step_s),
    }


@dataclass
class WriterCase:
    """A demonstration on the letter and the templates it is replayed on."""

    name: str
    request: str
    actions: list[str]  # with {box}: the Paragraph Style box's label; {bold}: the Bold button's
    replays: list[tuple[str, dict[str, str]]]


def bold_on(obs: Observation, word: str) -> bool:
    return any(r.bold for p in obs.document.paragraphs for r in p.runs if r.text == word)


def style_of(obs: Observation, phrase: str) -> str:
    return next(p.style for p in obs.document.paragraphs if phrase in p.text)


CASES = [
    WriterCase(
        "bold-word",
        "Make the word Portsmouth bold",
        ['select_text(text="Portsmouth")', 'click_input(label="{bold}")'],
        [("quarterly_report", {"word": "Vietnamese"}), ("cv", {"word": "Leeds"})],
    ),
    WriterCase(
        "paragraph-style",
        "Give the paragraph Kind regards the style Heading 2",
        ['select_text(text="Kind regards")', 'set_edit_text(label="{box}", text="Heading 2")'],
        [
            (
                "meeting_minutes",
                {"paragraph": "Apologies were received", "paragraph_style": "Heading 2"},
            ),
            ("cv", {"paragraph": "Comfortable leading", "paragraph_style": "Heading 3"}),
        ],
    ),
]


def check(case: WriterCase, obs: Observation, params: dict[str, str]) -> bool:
    if case.name == "bold-word":
        return bold_on(obs, params["word"])
    return style_of(obs, params["paragraph"]) == params["paragraph_style"]


def writer_pairs(folder: Path, limit: int | None = None) -> list[dict]:
    """Each case recorded on the letter and replayed on its templates; `limit`: only the
    first N (recording, replay) pairs."""
    rows: list[dict] = []
    limit = sum(len(c.replays) for c in CASES) if limit is None else limit
    with WriterEnv() as env:
        for case in CASES:
            if len(rows) >= limit:
                break
            recorder = Recorder(env, SkillStart(app="writer", template="letter"), case.request)
            recorder.begin()
            for text in case.actions:
                obs = recorder.obs
                labels = {
                    "bold": obs.find("Bold", "toggle button").label,
                    "box": obs.find("Paragraph Style", "text").label,
                }
                recorder.act(text.format(**labels))
            skill = build_skill(recorder.finish(), case.name)
            for template, params in case.replays[: limit - len(rows)]:
                rows.append(_writer_replay(env, skill, case, template, params, folder))
    return rows


def _writer_replay(env, skill, case, template, params, folder) -> dict:
    start = skill.start.model_copy(update={"template": template})
    obs, _ = env.reset(options=reset_options(start))
    obs, *_ = env.step(f'click_input(label="{obs.find("Navigator", "toggle button").label}")')
    report = replay(
        env, obs, skill, params, folder / f"{case.name}-{template}", ReplayConfig(fallback=False)
    )
    ok = report.stopped is None and check(case, env.last_obs, params)
    moved = [f"{s.label_then}->{s.label_now}" for s in report.steps if s.label_then]
    return {
        "skill": case.name,
        "pair": f"letter -> {template}",
        "success": ok,
        "labels": moved,
        "scores": [s.score for s in report.steps if s.score is not None],
        "step_s_median": statistics.median(s.find_s + s.execute_s for s in report.steps),
    }


# --smoke: the whole path on tiny sizes, in seconds (flags given beside it still win).
SMOKE = {"seeds": 2, "agent_seeds": 1, "agent_max_steps": 1, "max_new_tokens": 8,
         "writer_pairs": 1}  # fmt: skip


def model_config(args) -> ModelConfig:
    """The agent's model: SmolLM2-135M-Instruct unless --backend / --model say otherwise."""
    return ModelConfig(backend=args.backend, model=args.model, threads=args.threads)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=50, help="replay seeds")
    parser.add_argument("--first-seed", type=int, default=1000)
    parser.add_argument("--agent-seeds", type=int, default=5, help="0 skips the agent")
    parser.add_argument("--agent-max-steps", type=int, default=6)
    parser.add_argument("--max-new-tokens", type=int, default=128)
    parser.add_argument("--backend", default="smollm2", help="smollm2, hf, llamacpp, openai")
    parser.add_argument("--model", default=None, help="hf: a model directory or hub name")
    parser.add_argument("--threads", type=int, default=None, help="torch CPU threads")
    parser.add_argument("--no-writer", action="store_true")
    parser.add_argument("--writer-pairs", type=int, default=None, help="only the first N pairs")
    parser.add_argument("--smoke", action="store_true", help=f"tiny sizes: {SMOKE}")
    parser.add_argument("--out", type=Path, default=Path("runs/bench/teach_replay.json"))
    args = parser.parse_args()
    if args.smoke:
        parser.set_defaults(**SMOKE)
        args = parser.parse_args()
    seeds = list(range(args.first_seed, args.first_seed + args.seeds))
    # The machine's load is written beside the figures: on shared cores it dominates the
    # model's time per step.
    results: dict = {"load_average_at_start": os.getloadavg()}
    with tempfile.TemporaryDirectory() as tmp, WebEnv(web_env_config()) as env:
        folder = Path(tmp)
        skill = record_login(env)
        results["replay"] = replay_login(env, skill, seeds, folder)
        if args.agent_seeds:
            results["agent"] = agent_login(env, seeds[: args.agent_seeds], folder, args)
    if not args.no_writer:
        with tempfile.TemporaryDirectory() as tmp:
            results["writer"] = writer_pairs(Path(tmp), args.writer_pairs)
    results["load_average_at_end"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    _print(results)
    print(f"written to {args.out}")


def _print(results: dict) -> None:
    print("MiniWoB++ login-user          episodes  success  s/step (median)  s/step (mean)")
    for name in ("replay", "agent"):
        r = results.get(name)
        if r:
            label = "replay (no model)" if name == "replay" else f"agent ({r['model']})"
            print(
                f"{label:29} {r['episodes']:8d}  {r['success_rate']:7.0%}  "
                f"{r['step_s_median']:15.3f}  {r['step_s_mean']:13.3f}"
            )
    for row in results.get("writer", []):
        print(
            f"Writer {row['skill']:16} {row['pair']:28} success {row['success']!s:5} "
            f"labels {', '.join(row['labels'])}  scores {row['scores']}  "
            f"s/step {row['step_s_median']:.2f}"
        )


if __name__ == "__main__":
    main()
