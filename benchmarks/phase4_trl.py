"""Phase 4 by openlam's own loop and by TRL's GRPOTrainer, from the same phase-3 checkpoint,
on the same failed states with the same reward model and settings, in the same run: wall
time and the reward and KL they reach. Their held-out success is then one command:
`openlam eval online --model ours=OUT/ours --model trl=OUT/trl`.

    .venv/bin/python benchmarks/phase4_trl.py --run runs/writer-lam [--max-states 32]

--run is a pipeline output folder (collect/, train/explore, train/reward). Writes
OUT/phase4_trl.json (default OUT: runs/bench/phase4).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from openlam.train.checkpoint import policy_variant
from openlam.train.optimize import OptimizeConfig, optimize
from openlam.train.optimize_trl import optimize_with_trl
from openlam.train.reward import RewardModel, labelled_steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--run", type=Path, required=True, help="a pipeline output folder")
    parser.add_argument("--max-states", type=int, default=32)
    parser.add_argument("--out", type=Path, default=Path("runs/bench/phase4"))
    args = parser.parse_args()
    collection, start = args.run / "collect", str(args.run / "train" / "explore")
    reward_model = args.run / "train" / "reward"
    states = [
        s.example
        for s in labelled_steps([collection], policy_variant(start))
        if s.label < 0 and s.split == "train"
    ]
    config = OptimizeConfig(max_states=args.max_states)
    scorer = RewardModel(reward_model, device=config.train.device).score
    files = [collection / "results.jsonl", reward_model / "meta.json"]
    report = {"states": min(len(states), args.max_states)}
    for name, trainer in (("ours", optimize), ("trl", optimize_with_trl)):
        meta = trainer(states, scorer, start, args.out / name, config, files, print)
        report[name] = {
            k: meta.metrics.get(k) for k in ("seconds", "first_reward", "last_reward", "last_kl")
        }
    report["time_ratio_trl_over_ours"] = round(
        report["trl"]["seconds"] / report["ours"]["seconds"], 2
    )
    (args.out / "phase4_trl.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
