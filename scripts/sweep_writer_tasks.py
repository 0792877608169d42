"""Sweep every Writer family in the real Writer: the known-good solution must succeed, and
the checker must reject a do-nothing policy and a plausible wrong solution, on the same
instances. Writes one JSON line per episode and prints counts per family.

    .venv/bin/python scripts/sweep_writer_tasks.py --n 20 --workers 2 --out runs/sweep.jsonl

`--reject-n K` runs the do-nothing and wrong policies on the first K instances of each
family only (the known-good solution always runs on all n), to fit a time budget.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import time
from collections import defaultdict
from pathlib import Path

POLICIES = ("cheat", "nothing", "wrong")


def run_worker(jobs: list[tuple[dict, bool]], out: Path, worker: int) -> None:
    from openlam.envs.writer.env import WriterEnv
    from openlam.tasks.base import TaskInstance
    from openlam.tasks.writer import episode

    makers = {
        "cheat": episode.cheat_policy,
        "nothing": episode.do_nothing_policy,
        "wrong": episode.wrong_policy,
    }
    with WriterEnv() as env, (out.parent / f"{out.name}.{worker}").open("a") as sink:
        for job, reject in jobs:
            instance = TaskInstance.model_validate(job)
            for name in POLICIES if reject else POLICIES[:1]:
                policy = makers[name](instance)
                if policy is None:
                    row = {"success": None, "reason": "no wrong solution", "seconds": 0.0}
                else:
                    row = _run(env, instance, policy)
                row.update(family=instance.family, id=instance.id, policy=name)
                sink.write(json.dumps(row) + "\n")
                sink.flush()


def _run(env, instance, policy) -> dict:
    """One episode as a row; an application that stops answering is an error row (the
    next reset starts a fresh stack), reported apart from checker verdicts. A solution
    whose next control is not in the observation has failed, and says where."""
    from openlam.envs.writer.env import AppGone
    from openlam.tasks.writer import episode

    start = time.monotonic()
    try:
        result = episode.run_episode(env, instance, policy)
    except AppGone as exc:
        return {
            "success": None,
            "error": str(exc),
            "reason": "application error",
            "seconds": round(time.monotonic() - start, 2),
        }
    except LookupError as exc:
        return {
            "success": False,
            "reason": f"the solution stopped at step {policy.position}: {exc}",
            "seconds": round(time.monotonic() - start, 2),
        }
    return {
        "success": result.success,
        "reason": result.check.reason,
        "seconds": round(result.seconds, 2),
        "steps": len(result.trajectory.steps),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--family", action="append", help="only these families")
    parser.add_argument("--out", type=Path, default=Path("runs/sweep.jsonl"))
    parser.add_argument("--reject-n", type=int, default=None)
    parser.add_argument(
        "--resume", action="store_true", help="keep the rows already written, run the rest"
    )
    parser.add_argument(
        "--report", action="store_true", help="only summarise the rows already written"
    )
    options = parser.parse_args()
    from openlam.tasks.writer import registry

    if options.report:
        # The latest row of each instance and policy that the sweep samples now: a family
        # whose sampler changed since has new instances, and its old rows do not count.
        current = {i.id for f in registry.families() for i in registry.sample(f, options.n, seed=1)}
        rows = [
            json.loads(line)
            for part in _written(options.out)
            for line in part.read_text().splitlines()
        ]
        rows = list({(r["id"], r["policy"]): r for r in rows if r["id"] in current}.values())
        report(rows, sum(r["seconds"] for r in rows) / max(1, options.workers))
        return

    ids = options.family or list(registry.families())
    reject_n = options.n if options.reject_n is None else options.reject_n
    samples = {f: registry.sample(f, options.n, seed=1) for f in ids}
    # Round-robin over families, so that a sweep cut short still covers every family.
    jobs = [
        (samples[f][k].model_dump(), k < reject_n)
        for k in range(options.n)
        for f in ids
        if k < len(samples[f])
    ]
    options.out.parent.mkdir(parents=True, exist_ok=True)
    if not options.resume:
        for old in _written(options.out):
            old.unlink()
    done = _done(options.out)
    jobs = [(job, reject) for job, reject in jobs if (job["id"], reject) not in done]
    start = time.monotonic()
    shards = [jobs[w :: options.workers] for w in range(options.workers)]
    procs = [
        multiprocessing.Process(target=run_worker, args=(shard, options.out, w))
        for w, shard in enumerate(shards)
    ]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    files = _written(options.out)
    rows = [json.loads(line) for part in files for line in part.read_text().splitlines()]
    # A job cut off by a dead worker is run again on resume; keep its last rows only.
    rows = list({(r["id"], r["policy"]): r for r in rows}.values())
    options.out.write_text("".join(json.dumps(r) + "\n" for r in rows))
    for part in files[1:]:
        part.unlink()
    report(rows, time.monotonic() - start)


def _written(out: Path) -> list[Path]:
    """The merged rows of earlier runs (if any) first, then the workers' parts."""
    return [*([out] if out.exists() else []), *sorted(out.parent.glob(f"{out.name}.*"))]


def _done(out: Path) -> set[tuple[str, bool]]:
    """(instance id, with rejection runs) of the jobs whose rows are all written."""
    policies: dict[str, set[str]] = defaultdict(set)
    for part in _written(out):
        for line in part.read_text().splitlines():
            row = json.loads(line)
            policies[row["id"]].add(row["policy"])
    done = set()
    for instance, seen in policies.items():
        if set(POLICIES) <= seen:
            done.add((instance, True))
        if "cheat" in seen:
            done.add((instance, False))
    return done


def report(rows: list[dict], seconds: float) -> None:
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for row in rows:
        if row["success"] is None:
            continue
        cell = table[row["family"]][row["policy"]]
        cell[0] += int(row["success"])
        cell[1] += 1
    print(f"{'family':36} {'cheat ok':>10} {'nothing ok':>11} {'wrong ok':>10}")
    for family, cells in sorted(table.items()):
        print(f"{family:36} " + " ".join(f"{cells[p][0]:>4}/{cells[p][1]:<5}" for p in POLICIES))
    errors = [r for r in rows if r.get("error")]
    print(f"{len(rows)} episodes in {seconds / 60:.1f} min, {len(errors)} application errors")
    for row in errors:
        print(f"error: {row['policy']} {row['id']}: {row['error']}")
    failures = [r for r in rows if (r["policy"] == "cheat") != bool(r["success"])]
    for row in failures:
        if row["success"] is not None:
            print(f"unexpected: {row['policy']} {row['id']}: {row['reason']}")


if __name__ == "__main__":
    main()
